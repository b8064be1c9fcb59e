import CGymMath

/// `x ** 2` as NumPy computes it on scalars: the C library's `pow(x, 2.0)`.
///
/// The C library's `pow` is accurate to about 0.52 ulp, not correctly rounded, so in roughly
/// one case in a thousand it differs in the last bit from `x * x`; Gymnasium's Pendulum cost
/// and Acrobot dynamics square NumPy scalars with `**`, so an exact port must too. Squaring is
/// cheap to check: the exact error of `x * x` tells whether `pow` could round differently, and
/// only then is `pow` called.
public enum NumPyScalarPower {
  /// `numpy.float64(x) ** 2`.
  @inlinable
  public static func square(_ x: Double) -> Double {
    let p = x * x
    let a = x.magnitude
    // The split below is exact for these magnitudes; outside them, ask the C library.
    guard a < 0x1p500, a > 0x1p-450 else { return cgym_pow(x, 2) }
    let c = 134217729.0 * x  // 2^27 + 1: Veltkamp's split into two 26-bit halves
    let high = c - (c - x)
    let low = x - high
    let error = ((high * high - p) + 2 * high * low) + low * low  // x² − p, exactly
    // pow's result lies within 0.52 ulp of x²; when x² is this close to p, only p qualifies.
    if error.magnitude < 0.45 * p.ulp { return p }
    return cgym_pow(x, 2)
  }

  /// `numpy.float32(x) ** 2`: the C library's `powf(x, 2.0)`.
  @inlinable
  public static func square(_ x: Float) -> Float { cgym_powf(x, 2) }
}
