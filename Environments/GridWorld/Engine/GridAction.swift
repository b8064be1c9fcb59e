/// Minigrid's seven actions (`Discrete(7)`), numbered as Minigrid numbers them.
public enum GridAction: Int, Sendable, CaseIterable, CustomStringConvertible {
  /// Turn counter-clockwise.
  case left = 0
  /// Turn clockwise.
  case right = 1
  /// Move into the cell in front, if it is walkable.
  case forward = 2
  /// Pick up the object in front, if the agent's hands are empty.
  case pickup = 3
  /// Drop the carried object into the empty cell in front.
  case drop = 4
  /// Open, close or unlock the door in front, or open the box in front.
  case toggle = 5
  /// "I'm done" (a no-op unless the task gives it a meaning).
  case done = 6

  /// The action's name (`"forward"`, …).
  public var description: String { Self.names[rawValue] }

  static let names = ["left", "right", "forward", "pickup", "drop", "toggle", "done"]
}

/// A cell position `(x, y)`: column and row, y growing downward.
public struct GridPoint: Hashable, Sendable, CustomStringConvertible {
  /// The column.
  public var x: Int
  /// The row.
  public var y: Int

  /// A position.
  @inlinable public init(_ x: Int, _ y: Int) {
    self.x = x
    self.y = y
  }

  /// Minigrid's "no position" for carried objects.
  public static let nowhere = GridPoint(-1, -1)

  /// Component-wise sum.
  @inlinable public static func + (a: GridPoint, b: GridPoint) -> GridPoint { GridPoint(a.x + b.x, a.y + b.y) }
  /// Component-wise difference.
  @inlinable public static func - (a: GridPoint, b: GridPoint) -> GridPoint { GridPoint(a.x - b.x, a.y - b.y) }
  /// Scaled by `k`.
  @inlinable public static func * (a: GridPoint, k: Int) -> GridPoint { GridPoint(a.x * k, a.y * k) }
  /// The dot product.
  @inlinable public func dot(_ b: GridPoint) -> Int { x * b.x + y * b.y }
  /// The Manhattan distance to `b`.
  @inlinable public func manhattan(_ b: GridPoint) -> Int { abs(x - b.x) + abs(y - b.y) }

  public var description: String { "(\(x), \(y))" }
}

/// The four headings: 0 = east (+x), 1 = south (+y), 2 = west, 3 = north.
public enum Heading {
  /// Minigrid's `DIR_TO_VEC`: the forward vector of each direction.
  public static let vectors: [GridPoint] = [GridPoint(1, 0), GridPoint(0, 1), GridPoint(-1, 0), GridPoint(0, -1)]

  /// The forward vector of direction `dir`.
  @inlinable public static func forward(_ dir: Int) -> GridPoint {
    switch dir & 3 {
    case 0: GridPoint(1, 0)
    case 1: GridPoint(0, 1)
    case 2: GridPoint(-1, 0)
    default: GridPoint(0, -1)
    }
  }

  /// The vector to the agent's right: the forward vector rotated clockwise, (−dy, dx).
  @inlinable public static func right(_ dir: Int) -> GridPoint {
    let f = forward(dir)
    return GridPoint(-f.y, f.x)
  }
}
