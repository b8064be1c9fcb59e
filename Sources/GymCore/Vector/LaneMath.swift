import RealModule

/// Vector math for batched kernels: eight `Double` lanes at a time, with results identical to
/// the C library's, so that a batched kernel computes exactly what its single environment does.
///
/// `sinCos` evaluates sine and cosine of small angles (2⁻²⁰ ≤ |x| ≤ 1/4) in extended
/// precision: exact products of truncated operands carry the leading terms, Taylor series the
/// rest, leaving an error below 10⁻³ ulp. The double nearest to that value is what the C
/// library returns unless the value lies within 0.06 ulp of a rounding midpoint (glibc's `sin`
/// and `cos` are accurate to about 0.55 ulp; measured maximum here 0.52). Lanes outside the
/// range or that close to a midpoint — about one in ten — are recomputed with the C library's
/// `sin` and `cos` (`Double.sin`, `Double.cos`), so every lane is the library's result, bit for bit.
public enum LaneMath {
  /// Eight doubles.
  public typealias Lanes = SIMD8<Double>
  /// Eight bit patterns.
  public typealias Bits = SIMD8<UInt64>

  /// The leading part of −1/6 with 14 significant bits: its product with a 39-bit value is exact.
  @usableFromInline static let sixthHigh = -0x1.5558p-3
  /// −1/6 − `sixthHigh`.
  @usableFromInline static let sixthLow = 5.086263020833333333e-6
  /// Below this magnitude (2⁻²⁰) the C library is called.
  @usableFromInline static let smallest: UInt64 = 0x3EB0_0000_0000_0000
  /// Above this magnitude (1/4) the C library is called.
  @usableFromInline static let largest: UInt64 = 0x3FD0_0000_0000_0000

  /// Sine and cosine of eight angles, each identical to `Double.sin(x[i])` and `Double.cos(x[i])`.
  /// - Parameter width: lanes to compute (the rest are zero).
  /// - Complexity: about 80 vector operations, plus a library call for one lane in ten.
  @inlinable @inline(__always)
  public static func sinCos(_ x: Lanes, width: Int = 8) -> (sin: Lanes, cos: Lanes) {
    let xh = truncate(x, keeping: 26)
    let xl = x - xh
    // x² = a + b with a = xh² exact.
    let a = xh * xh
    let b = xl * (xh + x)
    let x2 = a + b
    // x³ = p + q with p = xh·ah exact.
    let ah = truncate(a, keeping: 26)
    let p = xh * ah
    let q = xh * (a - ah) + xl * a + x * b
    let x3 = p + q

    // sin x = x − x³/6 + x⁵·S(x²); −x³/6 = sixthHigh·ph (exact) + the rest.
    let ph = truncate(p, keeping: 39)
    let t0 = sixthHigh * ph
    var series = Lanes(repeating: -1.0 / 1_307_674_368_000)
    series = series * x2 + 1.0 / 6_227_020_800
    series = series * x2 - 1.0 / 39_916_800
    series = series * x2 + 1.0 / 362_880
    series = series * x2 - 1.0 / 5_040
    series = series * x2 + 1.0 / 120
    let sinRest = sixthHigh * ((p - ph) + q) + sixthLow * x3 + x3 * x2 * series
    let s1 = x + t0
    let sinTail = ((x - s1) + t0) + sinRest
    var s = s1 + sinTail
    let sinResidual = (s1 - s) + sinTail

    // cos x = 1 − x²/2 + x⁴·K(x²); x²/2 = a/2 (exact) + b/2.
    var kappa = Lanes(repeating: -1.0 / 87_178_291_200)
    kappa = kappa * x2 + 1.0 / 479_001_600
    kappa = kappa * x2 - 1.0 / 3_628_800
    kappa = kappa * x2 + 1.0 / 40_320
    kappa = kappa * x2 - 1.0 / 720
    kappa = kappa * x2 + 1.0 / 24
    let half = 0.5 * a
    let c1 = 1 - half
    let cosTail = ((1 - c1) - half) - 0.5 * b + x2 * x2 * kappa
    var c = c1 + cosTail
    let cosResidual = (c1 - c) + cosTail

    // Lanes to recompute with the C library (bit 0: sine, bit 1: cosine): outside the range,
    // or too near a rounding midpoint. Comparisons are sign bits of differences, not
    // `SIMDMask`s, which the compiler tends to split into one lane at a time.
    let ax = abs(x)
    let outside = isLess(ax, Lanes(repeating: Double(bitPattern: smallest))) | isLess(Lanes(repeating: Double(bitPattern: largest)), ax)
    let fallback = (outside | (outside &<< 1)) | isNearMidpoint(s, residual: sinResidual)
      | (isNearMidpoint(c, residual: cosResidual) &<< 1)
    if orAcross(fallback) != 0 {
      for i in 0..<width {
        let f = fallback[i]
        if f & 1 != 0 { s[i] = Double.sin(x[i]) }
        if f & 2 != 0 { c[i] = Double.cos(x[i]) }
      }
    }
    return (s, c)
  }

  /// 1 in the lanes where `value + residual` (|residual| ≤ ulp/2) is too close to a rounding
  /// midpoint, or `value` is a power of two (where the spacing changes), to trust its rounding.
  @inlinable @inline(__always)
  static func isNearMidpoint(_ value: Lanes, residual: Lanes) -> Bits {
    let exponent = bits(value) & 0x7FF0_0000_0000_0000
    let ulp = double(exponent &- (52 << 52))
    let mantissa = bits(value) & 0x000F_FFFF_FFFF_FFFF
    let powerOfTwo = ((0 &- mantissa) &>> 63) ^ 1
    return isLess(0.44 * ulp, abs(residual)) | powerOfTwo
  }

  // MARK: - Comparisons without masks

  /// 1 in the lanes where `a < b`, else 0: the sign bit of `a − b`. Exact for lanes that are
  /// not NaN, unless both `a` and `b` are zeros (−0 − +0 is −0); kernels compare against
  /// nonzero thresholds.
  @inlinable @inline(__always)
  public static func isLess(_ a: Lanes, _ b: Lanes) -> Bits { bits(a - b) &>> 63 }

  /// The bitwise or of the eight lanes.
  @inlinable @inline(__always)
  public static func orAcross(_ v: Bits) -> UInt64 {
    let t = unsafeBitCast(v, to: (SIMD2<UInt64>, SIMD2<UInt64>, SIMD2<UInt64>, SIMD2<UInt64>).self)
    let o = (t.0 | t.1) | (t.2 | t.3)
    return o[0] | o[1]
  }

  /// Eight lanes of 0 or 1 packed as bytes, lane 0 in the low byte (the form
  /// `BatchBuffers.finishChunk` takes).
  @inlinable @inline(__always)
  public static func laneBytes(_ v: Bits) -> UInt64 {
    let t = unsafeBitCast(v, to: (SIMD2<UInt64>, SIMD2<UInt64>, SIMD2<UInt64>, SIMD2<UInt64>).self)
    let pairs = (t.0 | (t.1 &<< 16)) | ((t.2 | (t.3 &<< 16)) &<< 32)
    return pairs[0] | (pairs[1] &<< 8)
  }

  /// Eight `UInt32` lanes of 0 or 1 packed as bytes, lane 0 in the low byte.
  @inlinable @inline(__always)
  public static func laneBytes(_ v: SIMD8<UInt32>) -> UInt64 {
    // Each 64-bit word holds lanes 2k (bit 0) and 2k + 1 (bit 32): move the second to bit 8.
    let t = unsafeBitCast(v, to: SIMD4<UInt64>.self)
    let w = (t | (t &>> 24)) & 0xFFFF
    return w[0] | (w[1] &<< 16) | (w[2] &<< 32) | (w[3] &<< 48)
  }

  /// Lanes of `a` where `mask` is 1, of `b` where it is 0.
  @inlinable @inline(__always)
  public static func select(_ mask: Bits, _ a: Lanes, _ b: Lanes) -> Lanes {
    let m = 0 &- mask
    return double((bits(a) & m) | (bits(b) & ~m))
  }

  /// `x` with all but its leading `significantBits` significant bits cleared.
  @inlinable @inline(__always)
  static func truncate(_ x: Lanes, keeping significantBits: Int) -> Lanes {
    let cleared = UInt64(53 - significantBits)
    return double(bits(x) & ~((1 &<< cleared) &- 1))
  }

  /// `|x|` lane by lane.
  @inlinable @inline(__always)
  public static func abs(_ x: Lanes) -> Lanes { double(bits(x) & 0x7FFF_FFFF_FFFF_FFFF) }

  /// The lanes' bit patterns.
  @inlinable @inline(__always)
  public static func bits(_ x: Lanes) -> Bits { unsafeBitCast(x, to: Bits.self) }

  /// Doubles from bit patterns.
  @inlinable @inline(__always)
  public static func double(_ b: Bits) -> Lanes { unsafeBitCast(b, to: Lanes.self) }

  /// Eight doubles from `p` (which must have eight readable values).
  @inlinable @inline(__always)
  public static func load(_ p: UnsafePointer<Double>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }

  /// Stores eight doubles at `p`.
  @inlinable @inline(__always)
  public static func store(_ v: Lanes, to p: UnsafeMutablePointer<Double>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self)
  }

  /// Eight `Int32` values from `p`, or the first `available` of them followed by zeros.
  @inlinable @inline(__always)
  public static func load(_ p: UnsafePointer<Int32>, available: Int) -> SIMD8<Int32> {
    if available >= 8 { return UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Int32>.self) }
    var v = SIMD8<Int32>()
    for i in 0..<Swift.max(0, available) { v[i] = p[i] }
    return v
  }

  /// Eight values from `p`, or the first `available` of them followed by zeros.
  @inlinable @inline(__always)
  public static func load<T: SIMDScalar & BitwiseCopyable>(_ p: UnsafePointer<T>, available: Int) -> SIMD8<T> {
    if available >= 8 { return UnsafeRawPointer(p).loadUnaligned(as: SIMD8<T>.self) }
    var v = SIMD8<T>()
    for i in 0..<Swift.max(0, available) { v[i] = p[i] }
    return v
  }

  /// Writes eight lanes of `components` (each one observation variable) as eight rows of
  /// `components.count` floats starting at `out` (row-major observations).
  @inlinable @inline(__always)
  public static func storeRows2(_ a: SIMD8<Float>, _ b: SIMD8<Float>, to out: UnsafeMutablePointer<Float>) {
    for i in 0..<8 {
      out[2 * i] = a[i]
      out[2 * i + 1] = b[i]
    }
  }

  /// Writes eight rows of three floats.
  @inlinable @inline(__always)
  public static func storeRows3(_ a: SIMD8<Float>, _ b: SIMD8<Float>, _ c: SIMD8<Float>, to out: UnsafeMutablePointer<Float>) {
    for i in 0..<8 {
      out[3 * i] = a[i]
      out[3 * i + 1] = b[i]
      out[3 * i + 2] = c[i]
    }
  }

  /// Writes eight rows of four floats.
  @inlinable @inline(__always)
  public static func storeRows4(_ a: SIMD8<Float>, _ b: SIMD8<Float>, _ c: SIMD8<Float>, _ d: SIMD8<Float>, to out: UnsafeMutablePointer<Float>) {
    for i in 0..<8 {
      let row = SIMD4(a[i], b[i], c[i], d[i])
      UnsafeMutableRawPointer(out + 4 * i).storeBytes(of: row, as: SIMD4<Float>.self)
    }
  }

  /// Writes eight rows of six floats.
  @inlinable @inline(__always)
  public static func storeRows6(_ a: SIMD8<Float>, _ b: SIMD8<Float>, _ c: SIMD8<Float>, _ d: SIMD8<Float>, _ e: SIMD8<Float>, _ f: SIMD8<Float>, to out: UnsafeMutablePointer<Float>) {
    for i in 0..<8 {
      let o = out + 6 * i
      o[0] = a[i]
      o[1] = b[i]
      o[2] = c[i]
      o[3] = d[i]
      o[4] = e[i]
      o[5] = f[i]
    }
  }
}
