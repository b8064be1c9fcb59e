import GymCore

/// The state of one Minigrid world: a flat byte grid, the agent, what it carries, the step
/// counter, the mission and the random generator that lays levels out.
///
/// The grid is stored row-major as packed 16-bit cells (`WorldObject`) with a border of
/// `viewSize - 1` wall cells on every side, so the agent's view never needs a bounds check:
/// cells beyond the map read as grey walls, as Minigrid's `Grid.slice` makes them. Coordinates
/// are `(x, y)` = (column, row). The agent is not stored in the grid.
///
/// Generation helpers (`place`, `placeAgent`, `randInt`, …) draw from `rng` exactly as
/// Minigrid's `MiniGridEnv` helpers draw from `np_random`, so a level written with them in
/// Minigrid's order reproduces Minigrid's layout for every seed.
public struct GridWorld: Sendable {
  /// Columns.
  public let width: Int
  /// Rows.
  public let height: Int
  /// The side of the agent's square view (`agent_view_size`, odd, at least 3).
  public let viewSize: Int
  /// Border cells on each side of the stored grid.
  public let pad: Int
  /// Stored cells per row (`width + 2 * pad`).
  public let rowStride: Int
  /// Packed cells, padded (see the type's discussion).
  @usableFromInline var cells: [UInt16]

  /// The agent's cell (`agent_pos`); `.nowhere` before it is placed.
  public var agent: GridPoint = .nowhere
  /// The agent's heading: 0 east, 1 south, 2 west, 3 north (`agent_dir`).
  public var direction: Int = 0
  /// The carried object, or `.none`.
  public var carrying: WorldObject = .none
  /// Steps taken in this episode (`step_count`).
  public var stepCount: Int = 0
  /// The step at which episodes are truncated (`max_steps`).
  public var maxSteps: Int
  /// Whether the partial view ignores occlusion (`see_through_walls`).
  public var seeThroughWalls: Bool
  /// The generator behind layouts (`np_random`).
  public var rng: NumPyGenerator
  /// The instruction shown to the agent.
  public var mission: String = ""

  /// Box contents by box id.
  @usableFromInline var contents: [UInt16] = [0]
  /// Object positions by id (`cur_pos`; `.nowhere` while carried).
  @usableFromInline var positions: [GridPoint] = [.nowhere]

  /// An empty `width × height` world.
  /// - Parameters:
  ///   - maxSteps: the truncation step.
  ///   - seeThroughWalls: whether the view ignores occlusion.
  ///   - viewSize: the side of the agent's view; odd and at least 3.
  public init(width: Int, height: Int, maxSteps: Int, seeThroughWalls: Bool = false, viewSize: Int = 7) {
    precondition(width >= 3 && height >= 3, "a grid needs at least 3×3 cells")
    precondition(viewSize >= 3 && viewSize % 2 == 1, "the view size must be odd and at least 3")
    self.width = width
    self.height = height
    self.viewSize = viewSize
    self.pad = viewSize - 1
    self.rowStride = width + 2 * pad
    self.maxSteps = maxSteps
    self.seeThroughWalls = seeThroughWalls
    self.rng = NumPyGenerator(seed: 0)
    cells = []
    clear()
  }

  // MARK: - Cells

  /// The storage index of (`x`, `y`); valid for `-pad ..< width + pad`.
  @inlinable @inline(__always)
  public func index(_ x: Int, _ y: Int) -> Int { (y + pad) * rowStride + (x + pad) }

  /// Whether (`x`, `y`) is on the map.
  @inlinable public func contains(_ p: GridPoint) -> Bool { p.x >= 0 && p.x < width && p.y >= 0 && p.y < height }

  /// The cell at (`x`, `y`) (`grid.get` / `grid.set`). Setting does not change box contents;
  /// an object with an id has its position updated.
  /// - Precondition: the position is on the map.
  @inlinable
  public subscript(x: Int, y: Int) -> WorldObject {
    get {
      precondition(x >= 0 && x < width && y >= 0 && y < height, "cell (\(x), \(y)) is outside the \(width)×\(height) grid")
      return WorldObject(raw: cells[index(x, y)])
    }
    set {
      precondition(x >= 0 && x < width && y >= 0 && y < height, "cell (\(x), \(y)) is outside the \(width)×\(height) grid")
      cells[index(x, y)] = newValue.raw
      let id = Int(newValue.raw >> 9)
      if id != 0 { positions[id] = GridPoint(x, y) }
    }
  }

  /// The cell at `p`.
  @inlinable
  public subscript(p: GridPoint) -> WorldObject {
    get { self[p.x, p.y] }
    set { self[p.x, p.y] = newValue }
  }

  /// The cell at `p`, or a grey wall beyond the map (within the border).
  @inlinable
  public func cellOrWall(_ p: GridPoint) -> WorldObject {
    guard p.x >= -pad && p.x < width + pad && p.y >= -pad && p.y < height + pad else { return .wall }
    return WorldObject(raw: cells[index(p.x, p.y)])
  }

  /// Empties the map (Minigrid's `Grid(width, height)`), forgets every object id and the
  /// carried object; the border stays walls.
  public mutating func clear() {
    let total = rowStride * (height + 2 * pad)
    if cells.count != total {
      cells = [UInt16](repeating: WorldObject.wall.raw, count: total)
    }
    cells.withUnsafeMutableBufferPointer { c in
      let wall = WorldObject.wall.raw
      for y in 0..<(height + 2 * pad) {
        let row = y * rowStride
        let inside = y >= pad && y < pad + height
        for x in 0..<rowStride {
          c[row + x] = inside && x >= pad && x < pad + width ? 1 : wall
        }
      }
    }
    contents.removeAll(keepingCapacity: true)
    contents.append(0)
    positions.removeAll(keepingCapacity: true)
    positions.append(.nowhere)
    carrying = .none
  }

  // MARK: - Object identity

  /// Gives a door, key, ball or box a fresh id (other objects and objects that already have
  /// one are returned unchanged).
  /// - Precondition: fewer than 127 objects have ids in this episode.
  @inlinable
  public mutating func register(_ object: WorldObject) -> WorldObject {
    let t = object.raw & 0xF
    guard object.id == 0, t >= 4 && t <= 7 else { return object }
    let id = positions.count
    precondition(id < 128, "a grid world holds at most 127 doors, keys, balls and boxes")
    positions.append(.nowhere)
    contents.append(0)
    return WorldObject(raw: object.raw | UInt16(id) << 9)
  }

  /// The current position of the object with id `id` (`cur_pos`), `.nowhere` while carried.
  public func position(ofID id: UInt8) -> GridPoint { Int(id) < positions.count ? positions[Int(id)] : .nowhere }

  /// The current position of `object` (by identity).
  public func position(of object: WorldObject) -> GridPoint { position(ofID: object.id) }

  /// What the box `box` contains, or `.none`.
  public func contents(of box: WorldObject) -> WorldObject {
    let id = Int(box.id)
    return id != 0 && id < contents.count ? WorldObject(raw: contents[id]) : .none
  }

  /// Puts `content` inside `box` (Minigrid's `Box(color, contains)`); returns the registered
  /// content.
  /// - Precondition: `box` has an id (it was returned by `register`, `put` or `place`).
  @discardableResult
  public mutating func setContents(of box: WorldObject, to content: WorldObject) -> WorldObject {
    precondition(box.id != 0 && box.type == .box, "only a registered box can hold an object")
    let c = content.isNone ? content : register(content)
    contents[Int(box.id)] = c.raw
    return c
  }

  /// Every object with an id that is on the map, with its position, in column-major scan order
  /// (x outer, y inner, as Minigrid's matching loops scan).
  public func objectsOnMap() -> [(object: WorldObject, position: GridPoint)] {
    var out: [(WorldObject, GridPoint)] = []
    for x in 0..<width {
      for y in 0..<height {
        let o = WorldObject(raw: cells[index(x, y)])
        if o.id != 0 { out.append((o, GridPoint(x, y))) }
      }
    }
    return out
  }

  // MARK: - Building

  /// Puts an object at (`x`, `y`), registering it (`put_obj`); returns it with its id.
  @inlinable @discardableResult
  public mutating func put(_ object: WorldObject, _ x: Int, _ y: Int) -> WorldObject {
    let o = register(object)
    self[x, y] = o
    return o
  }

  /// A horizontal line of `object` from (`x`, `y`), `length` cells long (default: to the right
  /// edge) — `horz_wall`.
  public mutating func horizontalWall(_ x: Int, _ y: Int, length: Int? = nil, _ object: WorldObject = .wall) {
    for i in 0..<(length ?? width - x) { self[x + i, y] = object }
  }

  /// A vertical line of `object` from (`x`, `y`), `length` cells long (default: to the bottom
  /// edge) — `vert_wall`.
  public mutating func verticalWall(_ x: Int, _ y: Int, length: Int? = nil, _ object: WorldObject = .wall) {
    for j in 0..<(length ?? height - y) { self[x, y + j] = object }
  }

  /// The outline of a `w × h` rectangle of walls with its top-left corner at (`x`, `y`).
  public mutating func wallRect(_ x: Int, _ y: Int, _ w: Int, _ h: Int) {
    horizontalWall(x, y, length: w)
    horizontalWall(x, y + h - 1, length: w)
    verticalWall(x, y, length: h)
    verticalWall(x + w - 1, y, length: h)
  }

  // MARK: - Agent geometry

  /// The forward vector (`dir_vec`).
  @inlinable public var forwardVector: GridPoint { Heading.forward(direction) }
  /// The vector to the agent's right (`right_vec`).
  @inlinable public var rightVector: GridPoint { Heading.right(direction) }
  /// The cell in front of the agent (`front_pos`).
  @inlinable public var front: GridPoint { agent + forwardVector }

  /// The success reward for finishing now: `1 − 0.9 · stepCount / maxSteps`.
  @inlinable public var successReward: Double { 1 - 0.9 * (Double(stepCount) / Double(maxSteps)) }
}
