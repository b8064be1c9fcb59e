import RealModule

/// NumPy's float32 `sin` and `cos` as computed on x86-64 with FMA (NumPy 2.x), bit for bit.
///
/// NumPy does not call the C library for float32 `sin`/`cos` on such machines: it reduces the
/// argument by π/2 in three fused multiply-adds (Cody and Waite), evaluates minimax
/// polynomials on [−π/4, π/4] and picks the sign and the function from the quadrant. The
/// results differ from the correctly rounded value in the last bit for about one argument in a
/// thousand, which is visible in Gymnasium's Acrobot observations right after `reset` (its
/// reset state is float32). Arguments beyond the reduction's range (|x| > 71476.0625 for
/// cosine, > 117435.992 for sine) go to the C library, as in NumPy.
public enum NumPyFloat32Math {
  // Cody–Waite split of π/2 and 2/π.
  @usableFromInline static let twoOverPi: Float = 0x1.45f306p-1
  @usableFromInline static let piOver2High: Float = -0x1.921fb0p+00
  @usableFromInline static let piOver2Mid: Float = -0x1.5110b4p-22
  @usableFromInline static let piOver2Low: Float = -0x1.846988p-48
  /// Adding and subtracting 1.5·2²³ rounds to the nearest integer.
  @usableFromInline static let roundingMagic: Float = 0x1.800000p+23

  /// `numpy.sin` of a float32 value.
  @inlinable
  public static func sin(_ x: Float) -> Float { evaluate(x, cosine: false) }

  /// `numpy.cos` of a float32 value.
  @inlinable
  public static func cos(_ x: Float) -> Float { evaluate(x, cosine: true) }

  @inlinable
  static func evaluate(_ x: Float, cosine: Bool) -> Float {
    if x.isNaN { return .nan }
    let limit: Float = cosine ? 71476.0625 : 117435.992
    guard x.magnitude <= limit else { return cosine ? Float.cos(x) : Float.sin(x) }
    var quadrant = x * twoOverPi
    quadrant = (quadrant + roundingMagic) - roundingMagic
    var r = quadrant.fma(piOver2High, x)
    r = quadrant.fma(piOver2Mid, r)
    r = quadrant.fma(piOver2Low, r)
    let r2 = r * r
    var c: Float = 0x1.98e616p-16
    c = c.fma(r2, -0x1.6c06dcp-10)
    c = c.fma(r2, 0x1.55553cp-05)
    c = c.fma(r2, -0x1.000000p-01)
    c = c.fma(r2, 1)
    var s: Float = 0x1.7d3bbcp-19
    s = s.fma(r2, -0x1.a06bbap-13)
    s = s.fma(r2, 0x1.11119ap-07)
    s = s.fma(r2, -0x1.555556p-03)
    s = s.fma(r2, 0)
    s = s.fma(r, r)
    var q = Int32(quadrant)
    if cosine { q &+= 1 }
    var result = q & 1 == 0 ? s : c
    if q & 2 == 2 { result = 0 - result }
    return result
  }
}

extension Float {
  /// `self × b + c` with one rounding.
  @usableFromInline @inline(__always)
  func fma(_ b: Float, _ c: Float) -> Float { c.addingProduct(self, b) }
}
