import GymCore
import RealModule

/// Sine, cosine and angle normalisation on eight `Double` lanes, for batched kernels whose
/// angles are not small (Pendulum, Acrobot): faithful, not bit-exact with the C library.
///
/// `sinCos` reduces `x` to `r = x − k·π/2` with |r| ≲ π/4 (Cody and Waite's three-part π/2,
/// the products of its first two parts with `k` exact for |k| < 2²⁰, and the reduction's
/// rounding error kept as a second word), then evaluates FreeBSD's minimax kernels for sine and
/// cosine on that pair and picks and signs them by `k mod 4`. Accuracy, for |x| ≤ 2¹⁹: the
/// kernels are within 1 ulp of the true value of the reduced pair, and the reduction's absolute
/// error is below 2⁻¹⁰⁰, so results are within 2 ulp of the C library's (`Double.sin`,
/// `Double.cos`, themselves within 0.55 ulp) — except for results below about 2⁻⁴⁸ in
/// magnitude (the few doubles that close to a nonzero multiple of π/2), whose absolute error
/// is still below 2⁻¹⁰⁰. `Tests/GymClassicControlTests/LaneTrigTests.swift` measures the
/// largest difference on random angles of five scales and near multiples of π/2. Lanes beyond
/// 2¹⁹ in magnitude and infinities are computed by the C library; NaN gives NaN. Only SSE2
/// operations are needed: rounding to an integer adds and subtracts 1.5·2⁵², and lanes are
/// selected with bit masks.
public enum LaneTrig {
  /// Eight doubles.
  public typealias Lanes = SIMD8<Double>

  /// 2/π.
  @usableFromInline static let twoOverPi = 6.36619772367581382433e-01
  /// π/2 in three parts: the first two with 33 significant bits, then the rest.
  @usableFromInline static let halfPi1 = 1.57079632673412561417e+00
  @usableFromInline static let halfPi2 = 6.07710050630396597660e-11
  @usableFromInline static let halfPi3 = 2.02226624879595063154e-21
  /// Adding and subtracting 1.5·2⁵² rounds a double below 2⁵¹ to the nearest integer.
  @usableFromInline static let roundingShift = 0x1.8p52
  /// Largest magnitude reduced here; above it (or infinite, NaN) the C library is called.
  @usableFromInline static let largest = 0x1p19

  // FreeBSD's k_sin.c and k_cos.c minimax coefficients on [−π/4, π/4].
  @usableFromInline static let s1 = -1.66666666666666324348e-01
  @usableFromInline static let s2 = 8.33333333332248946124e-03
  @usableFromInline static let s3 = -1.98412698298579493134e-04
  @usableFromInline static let s4 = 2.75573137070700676789e-06
  @usableFromInline static let s5 = -2.50507602534068634195e-08
  @usableFromInline static let s6 = 1.58969099521155010221e-10
  @usableFromInline static let c1 = 4.16666666666666019037e-02
  @usableFromInline static let c2 = -1.38888888888741095749e-03
  @usableFromInline static let c3 = 2.48015872894767294178e-05
  @usableFromInline static let c4 = -2.75573143513906633035e-07
  @usableFromInline static let c5 = 2.08757232129817482790e-09
  @usableFromInline static let c6 = -1.13596475577881948265e-11

  /// Sine and cosine of eight angles, each within 2 ulp of the C library's for |x| ≤ 2¹⁹ (see
  /// the type's notes); other lanes come from the C library.
  /// - Parameter width: lanes that matter (the library fallback skips the others).
  /// - Complexity: about 70 vector operations.
  @inlinable @inline(__always)
  public static func sinCos(_ x: Lanes, width: Int = 8) -> (sin: Lanes, cos: Lanes) {
    let shifted = x * twoOverPi + roundingShift
    let k = shifted - roundingShift
    let quadrant = LaneMath.bits(shifted)  // low bits: k mod 4 (two's complement)
    // r = x − k·π/2 as hi + lo: x − k·halfPi1 and k·halfPi2 are exact; their difference's
    // rounding error is recovered (two-sum), and k·halfPi3 is folded into the low word.
    let a = x - k * halfPi1
    let b = k * halfPi2
    let hi = a - b
    let bv = hi - a
    let av = hi - bv
    let lo = ((a - av) - (b + bv)) - k * halfPi3
    let r = hi + lo
    let rLow = (hi - r) + lo

    let z = r * r
    let w = z * z
    let v = z * r
    let sinPoly = s2 + z * (s3 + z * s4) + z * w * (s5 + z * s6)
    let sinR = r - ((z * (0.5 * rLow - v * sinPoly) - rLow) - v * s1)
    let cosPoly = z * (c1 + z * (c2 + z * c3)) + w * w * (c4 + z * (c5 + z * c6))
    let hz = 0.5 * z
    let one = 1 - hz
    let cosR = one + (((1 - one) - hz) + (z * cosPoly - r * rLow))

    // Quadrant q: sin x = (sin r, cos r, −sin r, −cos r)[q], cos x = (cos r, −sin r, −cos r, sin r)[q].
    let swap = (quadrant & 1) &* 0xFFFF_FFFF_FFFF_FFFF
    let sinBits = (LaneMath.bits(sinR) & ~swap) | (LaneMath.bits(cosR) & swap)
    let cosBits = (LaneMath.bits(cosR) & ~swap) | (LaneMath.bits(sinR) & swap)
    let sinSign = (quadrant & 2) &<< 62
    let cosSign = ((quadrant &+ 1) & 2) &<< 62
    var s = LaneMath.double(sinBits ^ sinSign)
    var c = LaneMath.double(cosBits ^ cosSign)

    let outside = LaneMath.isLess(Lanes(repeating: largest), LaneMath.abs(x))
    if LaneMath.orAcross(outside) != 0 {
      for i in 0..<width where outside[i] != 0 {
        s[i] = Double.sin(x[i])
        c[i] = Double.cos(x[i])
      }
    }
    return (s, c)
  }

  /// The double nearest 2π (what `angle_normalize` divides by) in two parts: its leading 26
  /// significant bits, and the remaining 27 bits.
  @usableFromInline static let twoPiHigh = Double(bitPattern: (2 * Double.pi).bitPattern & ~((1 << 27) - 1))
  @usableFromInline static let twoPiLow = 2 * Double.pi - twoPiHigh

  /// `((x + π) mod 2π) − π` with a floored modulo (Pendulum's `angle_normalize`): an angle in
  /// [−π, π), equal to the scalar `Pendulum.angleNormalize` for |x| ≤ 2¹⁹ (the remainder is
  /// computed exactly, as `fmod` does; other lanes call the scalar function).
  /// - Parameter width: lanes that matter.
  @inlinable @inline(__always)
  public static func angleNormalize(_ x: Lanes, width: Int = 8) -> Lanes {
    let y = x + Double.pi
    // k = y / 2π rounded to nearest; y − k·2π is then exact (k·twoPiHigh and k·twoPiLow are
    // exact products for |k| < 2²⁶, the first difference is exact by Sterbenz's lemma, the
    // second because the remainder is representable). A negative remainder takes one more 2π
    // (the floored modulo's range is [0, 2π)), rounded as the scalar code rounds it.
    let k = (y * (0.25 * twoOverPi) + roundingShift) - roundingShift
    var m = (y - k * twoPiHigh) - k * twoPiLow
    let twoPi = Lanes(repeating: 2 * Double.pi)
    m = LaneMath.select(LaneMath.isLess(m, .zero), m + twoPi, m)
    m = LaneMath.select(LaneMath.isLess(m, twoPi), m, m - twoPi)
    var result = m - Double.pi
    let outside = LaneMath.isLess(Lanes(repeating: largest), LaneMath.abs(x))
    if LaneMath.orAcross(outside) != 0 {
      for i in 0..<width where outside[i] != 0 { result[i] = Pendulum.angleNormalize(x[i]) }
    }
    return result
  }
}
