/// A point (or vector) in user or pixel coordinates.
public struct Point: Sendable, Hashable {
  /// Horizontal coordinate.
  public var x: Double
  /// Vertical coordinate (down in pixel space; up in a world space flipped by a transform).
  public var y: Double

  /// A point from its coordinates.
  public init(x: Double, y: Double) {
    self.x = x
    self.y = y
  }

  /// A point from its coordinates, unlabelled: `Point(3, 4)`.
  public init(_ x: Double, _ y: Double) {
    self.init(x: x, y: y)
  }

  /// The origin.
  public static let zero = Point(x: 0, y: 0)

  /// Component-wise sum.
  public static func + (p: Point, q: Point) -> Point { Point(x: p.x + q.x, y: p.y + q.y) }
  /// Component-wise difference.
  public static func - (p: Point, q: Point) -> Point { Point(x: p.x - q.x, y: p.y - q.y) }
  /// Scaling by a factor.
  public static func * (p: Point, s: Double) -> Point { Point(x: p.x * s, y: p.y * s) }

  /// Euclidean length of the vector from the origin to this point.
  public var length: Double { (x * x + y * y).squareRoot() }
}

/// An axis-aligned rectangle: origin (`x`, `y`) and size; in pixel space the origin is the
/// top-left corner.
public struct Rect: Sendable, Hashable {
  /// Smallest x.
  public var x: Double
  /// Smallest y.
  public var y: Double
  /// Width (≥ 0 for a non-empty rectangle).
  public var width: Double
  /// Height (≥ 0 for a non-empty rectangle).
  public var height: Double

  /// A rectangle from its origin and size.
  public init(x: Double, y: Double, width: Double, height: Double) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }

  /// The rectangle spanning two corners, in either order.
  public init(corner p: Point, _ q: Point) {
    self.init(x: min(p.x, q.x), y: min(p.y, q.y), width: abs(q.x - p.x), height: abs(q.y - p.y))
  }

  /// Largest x.
  public var maxX: Double { x + width }
  /// Largest y.
  public var maxY: Double { y + height }
  /// The centre.
  public var center: Point { Point(x: x + width / 2, y: y + height / 2) }

  /// The four corners, clockwise in pixel space starting at (`x`, `y`).
  public var corners: [Point] {
    [Point(x: x, y: y), Point(x: maxX, y: y), Point(x: maxX, y: maxY), Point(x: x, y: maxY)]
  }

  /// This rectangle shrunk by `d` on every side (grown when `d` is negative).
  public func insetBy(_ d: Double) -> Rect {
    Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d)
  }
}
