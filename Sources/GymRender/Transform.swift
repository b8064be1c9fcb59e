#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// An affine map of the plane: `x' = a·x + c·y + tx`, `y' = b·x + d·y + ty`.
///
/// A canvas applies its current transform to every polygon vertex, line end point and circle
/// centre, so an environment can draw in world units. Stroke widths and text sizes stay in
/// pixels.
public struct Transform2D: Sendable, Hashable {
  /// Coefficient of x in x'.
  public var a: Double
  /// Coefficient of x in y'.
  public var b: Double
  /// Coefficient of y in x'.
  public var c: Double
  /// Coefficient of y in y'.
  public var d: Double
  /// Translation in x.
  public var tx: Double
  /// Translation in y.
  public var ty: Double

  /// A transform from its six coefficients.
  public init(a: Double, b: Double, c: Double, d: Double, tx: Double, ty: Double) {
    self.a = a
    self.b = b
    self.c = c
    self.d = d
    self.tx = tx
    self.ty = ty
  }

  /// The transform that changes nothing.
  public static let identity = Transform2D(a: 1, b: 0, c: 0, d: 1, tx: 0, ty: 0)

  /// A shift by (`x`, `y`).
  public static func translation(x: Double, y: Double) -> Transform2D {
    Transform2D(a: 1, b: 0, c: 0, d: 1, tx: x, ty: y)
  }

  /// A scaling about the origin by `sx` horizontally and `sy` vertically.
  public static func scale(x sx: Double, y sy: Double) -> Transform2D {
    Transform2D(a: sx, b: 0, c: 0, d: sy, tx: 0, ty: 0)
  }

  /// A rotation about the origin by `angle` radians: counter-clockwise when y points up
  /// (as in a world transform made by `world(_:to:)`), clockwise on screen when y points down.
  public static func rotation(_ angle: Double) -> Transform2D {
    let cs = cos(angle)
    let sn = sin(angle)
    return Transform2D(a: cs, b: sn, c: -sn, d: cs, tx: 0, ty: 0)
  }

  /// The transform that flips a y-up drawing of height `height` into y-down pixel rows:
  /// `(x, y) ↦ (x, height − y)`. Gymnasium draws with y up and flips the surface before
  /// returning it; setting this as a canvas's transform does the same without the copy.
  public static func flipVertical(height: Double) -> Transform2D {
    Transform2D(a: 1, b: 0, c: 0, d: -1, tx: 0, ty: height)
  }

  /// The transform mapping the world rectangle `world` onto the pixel rectangle `pixels`.
  /// - Parameters:
  ///   - world: the visible region in world units.
  ///   - pixels: where it lands on the canvas, in pixels.
  ///   - yUp: when true (the default), world y grows upwards, so `world.y` maps to the bottom
  ///     edge `pixels.maxY`.
  public static func world(_ world: Rect, to pixels: Rect, yUp: Bool = true) -> Transform2D {
    let sx = pixels.width / world.width
    let sy = pixels.height / world.height
    if yUp {
      return Transform2D(
        a: sx, b: 0, c: 0, d: -sy, tx: pixels.x - world.x * sx, ty: pixels.maxY + world.y * sy)
    }
    return Transform2D(
      a: sx, b: 0, c: 0, d: sy, tx: pixels.x - world.x * sx, ty: pixels.y - world.y * sy)
  }

  /// The transform that applies `self` first and then `other`.
  public func concatenating(_ other: Transform2D) -> Transform2D {
    Transform2D(
      a: a * other.a + b * other.c,
      b: a * other.b + b * other.d,
      c: c * other.a + d * other.c,
      d: c * other.b + d * other.d,
      tx: tx * other.a + ty * other.c + other.tx,
      ty: tx * other.b + ty * other.d + other.ty)
  }

  /// The inverse map, or nil when the transform is singular.
  public var inverted: Transform2D? {
    let det = a * d - b * c
    guard det != 0, det.isFinite else { return nil }
    let ia = d / det
    let ib = -b / det
    let ic = -c / det
    let id = a / det
    return Transform2D(a: ia, b: ib, c: ic, d: id, tx: -(tx * ia + ty * ic), ty: -(tx * ib + ty * id))
  }

  /// Where `p` lands.
  @inlinable
  public func apply(_ p: Point) -> Point {
    Point(x: a * p.x + c * p.y + tx, y: b * p.x + d * p.y + ty)
  }

  /// Where the vector `v` points after the transform (the translation is ignored).
  @inlinable
  public func applyToVector(_ v: Point) -> Point {
    Point(x: a * v.x + c * v.y, y: b * v.x + d * v.y)
  }

  /// True for the identity map.
  public var isIdentity: Bool { self == .identity }

  /// The geometric mean of the scale factors, `√|det|`: how much lengths grow on average.
  public var meanScale: Double { abs(a * d - b * c).squareRoot() }

  /// True when the map keeps circles circular (rotation, reflection and uniform scaling).
  public var isConformal: Bool {
    let tol = 1e-9 * max(abs(a), abs(b), abs(c), abs(d), 1e-300)
    let rotation = abs(a - d) <= tol && abs(b + c) <= tol
    let reflection = abs(a + d) <= tol && abs(b - c) <= tol
    return rotation || reflection
  }

  /// True when the map keeps horizontal and vertical lines so (no rotation or shear).
  public var isAxisAligned: Bool { b == 0 && c == 0 }
}
