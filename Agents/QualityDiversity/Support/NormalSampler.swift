import GymCore
import RealModule

/// Fast standard-normal samples from a `GymRandom`: a 256-layer ziggurat (Marsaglia and Tsang
/// 2000, in Doornik's 2005 layout) that needs one 64-bit draw per sample 99% of the time.
///
/// The layer tables are built once, in double precision, and never freed; a sampler is a pair
/// of pointers, so copying it into worker threads costs nothing. Samples are not NumPy's
/// (`NumPyGenerator` exists for that); they are SwiftGym's own and identical on every platform.
public struct NormalSampler: @unchecked Sendable {
  /// Right edges of the 256 layers, plus `x[256] = 0`; `x[0]` is the base layer's width
  /// including its tail (`v / f(r)`).
  @usableFromInline let x: UnsafePointer<Double>
  /// `exp(-x[i]^2 / 2)` for every edge.
  @usableFromInline let f: UnsafePointer<Double>
  /// For `fillInterleaved`'s 32-bit draws, indexed by layer + 256 · sign: a 23-bit magnitude
  /// `m` lies inside its layer's rectangle when `m < k[index]` (`⌊2²³ · x[i+1] / x[i]⌋`).
  @usableFromInline let k: UnsafePointer<UInt32>
  /// The sample for magnitude `m` is `m · w[index]` (`±x[i] · 2⁻²³`, negative for the upper
  /// 256 entries).
  @usableFromInline let w: UnsafePointer<Double>

  /// Where the base strip meets the tail.
  @usableFromInline static let r = 3.6541528853610088
  /// The area of every layer.
  static let v = 0.00492867323399

  /// The shared sampler; its tables are built on first use.
  public static let shared = NormalSampler()

  private init() {
    let xs = UnsafeMutablePointer<Double>.allocate(capacity: 257)
    let fs = UnsafeMutablePointer<Double>.allocate(capacity: 257)
    let r = Self.r, v = Self.v
    func density(_ t: Double) -> Double { Double.exp(-0.5 * t * t) }
    xs[0] = v / density(r)
    xs[1] = r
    for i in 1..<255 {
      xs[i + 1] = (-2 * Double.log(v / xs[i] + density(xs[i]))).squareRoot()
    }
    xs[256] = 0
    for i in 0...256 { fs[i] = density(xs[i]) }
    let ks = UnsafeMutablePointer<UInt32>.allocate(capacity: 512)
    let ws = UnsafeMutablePointer<Double>.allocate(capacity: 512)
    for i in 0..<256 {
      ks[i] = UInt32(xs[i + 1] / xs[i] * 0x1p23)
      ks[i + 256] = ks[i]
      ws[i] = xs[i] * 0x1p-23
      ws[i + 256] = -ws[i]
    }
    x = UnsafePointer(xs)
    f = UnsafePointer(fs)
    k = UnsafePointer(ks)
    w = UnsafePointer(ws)
  }

  /// One standard normal sample.
  /// - Complexity: O(1); one draw from `rng` in about 99% of calls.
  @inlinable @inline(__always)
  public func next(_ rng: inout GymRandom) -> Double {
    while true {
      let bits = rng.next()
      let layer = Int(truncatingIfNeeded: bits & 0xFF)
      let negative = bits & 0x100 != 0
      let u = Double(bits >> 11) * 0x1.0p-53
      let candidate = u * x[layer]
      if candidate < x[layer + 1] { return negative ? -candidate : candidate }
      if let sample = slowPath(layer: layer, candidate: candidate, rng: &rng) {
        return negative ? -sample : sample
      }
    }
  }

  /// The tail (layer 0) and wedge tests; `nil` rejects the candidate.
  @usableFromInline
  func slowPath(layer: Int, candidate: Double, rng: inout GymRandom) -> Double? {
    if layer == 0 {
      // Marsaglia's tail method beyond r.
      while true {
        var u1 = rng.nextDouble()
        while u1 == 0 { u1 = rng.nextDouble() }
        var u2 = rng.nextDouble()
        while u2 == 0 { u2 = rng.nextDouble() }
        let a = -Double.log(u1) / Self.r
        let b = -Double.log(u2)
        if b + b >= a * a { return Self.r + a }
      }
    }
    // The wedge: the point (candidate, y), y uniform between f[layer] and f[layer + 1], is
    // kept when it lies under the density. Where the density is concave (|x| ≤ 1) it lies
    // above the chord joining the wedge's corners, so a point under the chord is kept without
    // `exp`; where it is convex (|x| ≥ 1) it lies below, so a point above is dropped.
    let u = rng.nextDouble()
    let chord = (x[layer] - candidate) / (x[layer] - x[layer + 1])
    if u < chord && x[layer] <= 1 { return candidate }
    if u >= chord && x[layer + 1] >= 1 { return nil }
    let y = f[layer] + u * (f[layer + 1] - f[layer])
    return y < Double.exp(-0.5 * candidate * candidate) ? candidate : nil
  }

  /// Writes `count` independent standard normal samples to `out`.
  ///
  /// A tight loop with the generator in registers: about twice as fast as calling `next` from
  /// a loop that does other work too.
  @inlinable
  public func fill(_ out: UnsafeMutablePointer<Double>, count: Int, rng: inout GymRandom) {
    // The fast path keeps the generator in registers: only the rare slow path (about 1% of
    // draws) takes a copy's address. The sign comes from bit 8 without a branch. Draws and
    // results are exactly `next`'s.
    var local = rng
    var i = 0
    while i < count {
      let bits = local.next()
      let candidate = Double(bits >> 11) * 0x1.0p-53 * x[Int(truncatingIfNeeded: bits & 0xFF)]
      guard let sample = signedSample(bits: bits, candidate: candidate, rng: &local) else { continue }
      out[i] = sample
      i += 1
    }
    rng = local
  }

  /// Writes `count` standard normal samples to `out` from two xoshiro256** streams seeded
  /// from two draws of `rng`, stepped side by side; each 64-bit draw gives two samples.
  ///
  /// The same 256-layer ziggurat as `fill`, on 32-bit halves: bits 0–7 pick the layer, bit 8
  /// the sign and bits 9–31 a 23-bit magnitude, tested against the layer's rectangle as an
  /// integer (about 99% pass), so a sample costs a table load, a compare, a conversion and a
  /// multiply. Magnitudes are multiples of 2⁻²³ of the layer's width (relative resolution
  /// about 10⁻⁷, ample for mutation noise); the wedges and the tail (the rare slow path) are
  /// drawn from `rng` in full double precision. The samples differ from `fill`'s: a
  /// different, still seeded and platform-independent stream.
  /// - Complexity: O(count).
  @inlinable
  public func fillInterleaved(_ out: UnsafeMutablePointer<Double>, count: Int, rng: inout GymRandom) {
    var a = GymRandom(seed: rng.next()), b = GymRandom(seed: rng.next())
    var local = rng
    var i = 0
    while i + 4 <= count {
      let p = a.next(), q = b.next()
      halfSample(UInt32(truncatingIfNeeded: p), out, &i, &local)
      halfSample(UInt32(truncatingIfNeeded: q), out, &i, &local)
      halfSample(UInt32(truncatingIfNeeded: p >> 32), out, &i, &local)
      halfSample(UInt32(truncatingIfNeeded: q >> 32), out, &i, &local)
    }
    while i < count {
      let p = a.next()
      halfSample(UInt32(truncatingIfNeeded: p), out, &i, &local)
      if i < count { halfSample(UInt32(truncatingIfNeeded: p >> 32), out, &i, &local) }
    }
    rng = local
  }

  /// Writes the sample of one 32-bit draw to `out[i]` and advances `i`, unless the slow path
  /// (which draws from `rng`) rejects it.
  @inlinable @inline(__always)
  func halfSample(_ bits: UInt32, _ out: UnsafeMutablePointer<Double>, _ i: inout Int, _ rng: inout GymRandom) {
    let index = Int(truncatingIfNeeded: bits & 0x1FF), magnitude = bits >> 9
    if _fastPath(magnitude < k[index]) {
      out[i] = Double(magnitude) * w[index]
      i += 1
      return
    }
    let layer = index & 0xFF
    var slow = rng
    let accepted = slowPath(layer: layer, candidate: Double(magnitude) * w[layer], rng: &slow)
    rng = slow
    guard let accepted else { return }
    out[i] = index > 0xFF ? -accepted : accepted
    i += 1
  }

  /// The signed sample for one draw: `candidate` (the uniform from `bits` scaled to its layer,
  /// bits 0–7) when it falls inside the layer's rectangle, else the slow path's answer, or `nil`
  /// when the draw is rejected. Bit 8 of `bits` gives the sign.
  ///
  /// The fast path keeps the generator in registers: only the rare slow path (about 1% of
  /// draws) takes a copy's address.
  @inlinable @inline(__always)
  func signedSample(bits: UInt64, candidate: Double, rng: inout GymRandom) -> Double? {
    let layer = Int(truncatingIfNeeded: bits & 0xFF)
    var sample = candidate
    if candidate >= x[layer + 1] {
      var slow = rng
      let accepted = slowPath(layer: layer, candidate: candidate, rng: &slow)
      rng = slow
      guard let accepted else { return nil }
      sample = accepted
    }
    return Double(bitPattern: sample.bitPattern | (bits & 0x100) << 55)
  }
}
