/// Elementwise functions written so that the compiler vectorises their loops.
///
/// glibc's `tanhf` is a scalar call of about 12 ns on the project's machine; a 256×64 hidden
/// layer evaluates it 16 384 times per forward pass, more time than the layer's product
/// itself. `tanh` here is a rational function without calls or branches, which the loop
/// vectoriser turns into packed arithmetic: about 1 ns per element with baseline SSE.
public enum FastMath {
  /// `tanh(x)` with an error below 3 × 10⁻⁷ (relative, or absolute near ±1), odd, and strictly
  /// inside (−1, 1).
  ///
  /// `x · P(x²) / Q(x²)` with degree-4 polynomials fitted by iteratively reweighted least
  /// squares to the relative error of `tanh` on [0, 9]; inputs are clamped to ±7.9053, where
  /// `tanh` is within 3 × 10⁻⁷ of ±1 and the quotient stays below 1 in every rounding. NaN
  /// propagates (comparisons with NaN are false, so the clamps pass it through).
  @inlinable @inline(__always)
  public static func tanh(_ v: Float) -> Float {
    let x = Swift.min(Swift.max(v, -7.90531110763549805), 7.90531110763549805)
    let z = x * x
    var p: Float = 1.3355370703845134e-08
    p = p * z + 2.0609592699540582e-05
    p = p * z + 0.003495619001313345
    p = p * z + 0.13381051577238037
    p = p * z + 0.9999999794568626
    var q: Float = 7.776848325393788e-07
    q = q * z + 0.00032856854178361266
    q = q * z + 0.02587709948317488
    q = q * z + 0.46714367172529286
    q = q * z + 1
    return x * p / q
  }

  /// `1 / √x` for normal `x > 0`, vectorisable: a bit-level first guess refined by three
  /// Newton steps (relative error below 2 × 10⁻⁷); `+∞` for 0. Use `squareRoot` for inputs that
  /// may be subnormal.
  ///
  /// On Linux, `Float.squareRoot()` compiles to a libm call that keeps `errno` semantics, which
  /// stops the loop vectoriser; this keeps optimizer loops packed.
  @inlinable @inline(__always)
  public static func reciprocalSquareRoot(_ x: Float) -> Float {
    var y = Float(bitPattern: 0x5F37_5A86 &- (x.bitPattern >> 1))
    let half = 0.5 * x
    y = y * (1.5 - half * y * y)
    y = y * (1.5 - half * y * y)
    y = y * (1.5 - half * y * y)
    return x == 0 ? .infinity : y
  }

  /// `√x` for `x ≥ 0` through `reciprocalSquareRoot` (relative error below 2 × 10⁻⁷, exactly
  /// 0 for 0); inputs below 2⁻¹⁰⁰ are scaled by 2¹⁰⁰ first so subnormals stay accurate.
  @inlinable @inline(__always)
  public static func squareRoot(_ x: Float) -> Float {
    let tiny = x < 0x1p-100
    let scaled = tiny ? x * 0x1p100 : x
    let root = scaled * reciprocalSquareRoot(scaled)
    return x == 0 ? 0 : (tiny ? root * 0x1p-50 : root)
  }

  /// Applies `tanh` to `count` elements in place.
  @inlinable
  public static func tanh(_ x: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count { x[i] = tanh(x[i]) }
  }
}
