import GymCore

/// Minigrid's `RoomGrid`: `rows × cols` square rooms of side `roomSize` sharing walls, one
/// candidate door cell per inner wall, and the helpers that furnish them (`add_door`,
/// `remove_wall`, `add_object`, `connect_all`, `add_distractors`, `place_agent`).
///
/// Every helper draws from the world's generator in Minigrid's order. Rooms are indexed
/// `(i, j)` = (column, row); walls and doors by direction 0 east, 1 south, 2 west, 3 north.
public struct RoomGrid: Sendable {
  /// What a room's wall holds at its door position.
  public enum Opening: Sendable, Equatable {
    /// A plain wall.
    case wall
    /// The wall was removed (`remove_wall`).
    case removed
    /// A door (the object as placed, with its id).
    case door(WorldObject)

    /// Whether the wall lets the agent through in principle (Minigrid's truthiness of `doors[i]`).
    public var isOpening: Bool { self != .wall }
    /// The door, if any.
    public var door: WorldObject? { if case .door(let d) = self { d } else { nil } }
  }

  /// One room.
  public struct Room: Sendable {
    /// The top-left wall corner.
    public var top: GridPoint
    /// Width and height including walls.
    public var size: (Int, Int)
    /// The openings in the four walls.
    public var doors: [Opening] = [.wall, .wall, .wall, .wall]
    /// The candidate door cell in each wall (nil on the map's border).
    public var doorPositions: [GridPoint?] = [nil, nil, nil, nil]
    /// The neighbouring room's index through each wall.
    public var neighbors: [Int?] = [nil, nil, nil, nil]
    /// Whether the room was made locked (`add_door(locked: true)` on one of its walls).
    public var locked = false
    /// Objects placed in the room, in placement order.
    public var objects: [WorldObject] = []

    /// Whether `p` lies within the room's rectangle, walls included (`pos_inside`).
    public func contains(_ p: GridPoint) -> Bool {
      p.x >= top.x && p.y >= top.y && p.x < top.x + size.0 && p.y < top.y + size.1
    }
  }

  /// The side of each room, walls included.
  public let roomSize: Int
  /// Rooms per column.
  public let rows: Int
  /// Rooms per row.
  public let cols: Int
  /// The rooms, row by row (`j * cols + i`).
  public var rooms: [Room] = []

  /// A layout of `rows × cols` rooms of side `roomSize`.
  public init(roomSize: Int, rows: Int, cols: Int) {
    precondition(roomSize >= 3 && rows > 0 && cols > 0, "rooms need side ≥ 3 and at least one row and column")
    self.roomSize = roomSize
    self.rows = rows
    self.cols = cols
  }

  /// The map width, `(roomSize − 1) · cols + 1`.
  public var width: Int { (roomSize - 1) * cols + 1 }
  /// The map height, `(roomSize − 1) · rows + 1`.
  public var height: Int { (roomSize - 1) * rows + 1 }

  /// The index of room (`i`, `j`).
  @inlinable public func index(_ i: Int, _ j: Int) -> Int {
    precondition(i >= 0 && i < cols && j >= 0 && j < rows, "room (\(i), \(j)) is outside the \(cols)×\(rows) layout")
    return j * cols + i
  }

  /// Room (`i`, `j`).
  public subscript(i: Int, j: Int) -> Room {
    get { rooms[index(i, j)] }
    set { rooms[index(i, j)] = newValue }
  }

  /// The index of the room containing `p` (`room_from_pos`).
  public func roomIndex(at p: GridPoint) -> Int {
    let i = p.x / (roomSize - 1), j = p.y / (roomSize - 1)
    return index(i, j)
  }

  /// The room containing `p`.
  public func room(at p: GridPoint) -> Room { rooms[roomIndex(at: p)] }

  // MARK: - Layout

  /// Draws the room walls, picks each inner wall's door cell and puts the agent at the
  /// centre of the middle room facing east (`RoomGrid._gen_grid`).
  public mutating func generate(_ world: inout GridWorld) {
    rooms = []
    for j in 0..<rows {
      for i in 0..<cols {
        let room = Room(top: GridPoint(i * (roomSize - 1), j * (roomSize - 1)), size: (roomSize, roomSize))
        rooms.append(room)
        world.wallRect(room.top.x, room.top.y, roomSize, roomSize)
      }
    }
    for j in 0..<rows {
      for i in 0..<cols {
        let k = index(i, j)
        let top = rooms[k].top
        let xl = top.x + 1, yl = top.y + 1
        let xm = top.x + roomSize - 1, ym = top.y + roomSize - 1
        if i < cols - 1 {
          rooms[k].neighbors[0] = index(i + 1, j)
          rooms[k].doorPositions[0] = GridPoint(xm, world.randInt(yl, ym))
        }
        if j < rows - 1 {
          rooms[k].neighbors[1] = index(i, j + 1)
          rooms[k].doorPositions[1] = GridPoint(world.randInt(xl, xm), ym)
        }
        if i > 0 {
          rooms[k].neighbors[2] = index(i - 1, j)
          rooms[k].doorPositions[2] = rooms[index(i - 1, j)].doorPositions[0]
        }
        if j > 0 {
          rooms[k].neighbors[3] = index(i, j - 1)
          rooms[k].doorPositions[3] = rooms[index(i, j - 1)].doorPositions[1]
        }
      }
    }
    world.agent = GridPoint((cols / 2) * (roomSize - 1) + roomSize / 2, (rows / 2) * (roomSize - 1) + roomSize / 2)
    world.direction = 0
  }

  // MARK: - Furnishing

  /// Places `object` in room (`i`, `j`) away from the agent's current cell (Manhattan distance
  /// at least 2), with at most 1000 tries (`place_in_room`); returns it with its id and cell.
  @discardableResult
  public mutating func placeInRoom(_ i: Int, _ j: Int, _ object: WorldObject, _ world: inout GridWorld) throws(GridGenerationError)
    -> (object: WorldObject, position: GridPoint)
  {
    let k = index(i, j)
    let agent = world.agent
    let placed = try world.placeObject(object, top: rooms[k].top, size: rooms[k].size, maxTries: 1000) { p in
      p.manhattan(agent) < 2
    }
    rooms[k].objects.append(placed.object)
    return placed
  }

  /// Adds a new key, ball or box to room (`i`, `j`); the kind and colour are drawn when not
  /// given (`add_object`).
  @discardableResult
  public mutating func addObject(_ i: Int, _ j: Int, kind: ObjectType? = nil, color: GridColor? = nil, _ world: inout GridWorld)
    throws(GridGenerationError) -> (object: WorldObject, position: GridPoint)
  {
    let t = kind ?? world.randElem([ObjectType.key, .ball, .box])
    let c = color ?? world.randColor()
    precondition(t == .key || t == .ball || t == .box, "add_object places keys, balls and boxes")
    return try placeInRoom(i, j, WorldObject(t, c), &world)
  }

  /// Adds a door in wall `doorIndex` of room (`i`, `j`) (drawn among walls with a neighbour and
  /// no door when nil), of a drawn colour and lock state when not given (`add_door`). The room
  /// becomes `locked` as the door is.
  @discardableResult
  public mutating func addDoor(
    _ i: Int, _ j: Int, doorIndex: Int? = nil, color: GridColor? = nil, locked: Bool? = nil, _ world: inout GridWorld
  ) -> (door: WorldObject, position: GridPoint) {
    let k = index(i, j)
    var d: Int
    if let doorIndex {
      d = doorIndex
    } else {
      repeat { d = world.randInt(0, 4) } while !(rooms[k].neighbors[d] != nil && rooms[k].doors[d] == .wall)
    }
    let c = color ?? world.randColor()
    let isLocked = locked ?? world.randBool()
    precondition(rooms[k].doors[d] == .wall, "door already exists")
    rooms[k].locked = isLocked
    let pos = rooms[k].doorPositions[d]!
    let door = world.put(.door(c, isLocked ? .locked : .closed), pos.x, pos.y)
    let n = rooms[k].neighbors[d]!
    rooms[k].doors[d] = .door(door)
    rooms[n].doors[(d + 2) % 4] = .door(door)
    return (door, pos)
  }

  /// Removes the wall `wallIndex` of room (`i`, `j`) between it and its neighbour, corners
  /// excepted (`remove_wall`).
  public mutating func removeWall(_ i: Int, _ j: Int, _ wallIndex: Int, _ world: inout GridWorld) {
    let k = index(i, j)
    precondition(rooms[k].doors[wallIndex] == .wall, "door exists on this wall")
    guard let n = rooms[k].neighbors[wallIndex] else { preconditionFailure("invalid wall") }
    let t = rooms[k].top, (w, h) = rooms[k].size
    switch wallIndex {
    case 0: for y in 1..<(h - 1) { world[t.x + w - 1, t.y + y] = .empty }
    case 1: for x in 1..<(w - 1) { world[t.x + x, t.y + h - 1] = .empty }
    case 2: for y in 1..<(h - 1) { world[t.x, t.y + y] = .empty }
    default: for x in 1..<(w - 1) { world[t.x + x, t.y] = .empty }
    }
    rooms[k].doors[wallIndex] = .removed
    rooms[n].doors[(wallIndex + 2) % 4] = .removed
  }

  /// Puts the agent in room (`i`, `j`) (drawn when nil) until the cell in front of it is
  /// empty or a wall (`RoomGrid.place_agent`).
  @discardableResult
  public func placeAgent(_ i: Int? = nil, _ j: Int? = nil, randomDirection: Bool = true, in world: inout GridWorld)
    throws(GridGenerationError) -> GridPoint
  {
    let ci = i ?? world.randInt(0, cols)
    let cj = j ?? world.randInt(0, rows)
    let room = rooms[index(ci, cj)]
    while true {
      try world.placeAgent(top: room.top, size: room.size, randomDirection: randomDirection, maxTries: 1000)
      let f = world[world.front]
      if f.isEmpty || f.type == .wall { break }
    }
    return world.agent
  }

  /// The rooms reachable from room `start` through openings.
  public func reachableRooms(from start: Int) -> Set<Int> {
    var reach = Set<Int>()
    var stack = [start]
    while let r = stack.popLast() {
      if reach.contains(r) { continue }
      reach.insert(r)
      for d in 0..<4 where rooms[r].doors[d].isOpening { stack.append(rooms[r].neighbors[d]!) }
    }
    return reach
  }

  /// Adds unlocked doors of colours from `colors` at random until every room is reachable from
  /// the agent's room, never through a locked room (`connect_all`); returns the new doors.
  /// - Throws: `GridGenerationError` after `maxIterations` draws.
  @discardableResult
  public mutating func connectAll(
    colors: [GridColor] = GridColor.sampleOrder, maxIterations: Int = 5000, _ world: inout GridWorld
  ) throws(GridGenerationError) -> [WorldObject] {
    let start = roomIndex(at: world.agent)
    var added: [WorldObject] = []
    var iterations = 0
    while true {
      if iterations > maxIterations { throw GridGenerationError("connect_all failed") }
      iterations += 1
      if reachableRooms(from: start).count == rows * cols { break }
      let i = world.randInt(0, cols), j = world.randInt(0, rows), k = world.randInt(0, 4)
      let r = index(i, j)
      if rooms[r].doorPositions[k] == nil || rooms[r].doors[k].isOpening { continue }
      let n = rooms[r].neighbors[k]!
      if rooms[r].locked || rooms[n].locked { continue }
      let c = world.randElem(colors)
      added.append(addDoor(i, j, doorIndex: k, color: c, locked: false, &world).door)
    }
    return added
  }

  /// Adds `count` random keys, balls and boxes — all in room (`i`, `j`) when given, else each
  /// in a drawn room — skipping (type, colour) pairs already present when `allUnique`
  /// (`add_distractors`).
  @discardableResult
  public mutating func addDistractors(
    _ i: Int? = nil, _ j: Int? = nil, count: Int = 10, allUnique: Bool = true, _ world: inout GridWorld
  ) throws(GridGenerationError) -> [WorldObject] {
    var present: [UInt16] = rooms.flatMap { $0.objects.map { $0.raw & 0x7F } }
    var added: [WorldObject] = []
    while added.count < count {
      let c = world.randElem(GridColor.sampleOrder)
      let t = world.randElem([ObjectType.key, .ball, .box])
      let code = WorldObject(t, c).raw & 0x7F
      if allUnique && present.contains(code) { continue }
      let ri = i ?? world.randInt(0, cols)
      let rj = j ?? world.randInt(0, rows)
      let o = try addObject(ri, rj, kind: t, color: c, &world).object
      present.append(code)
      added.append(o)
    }
    return added
  }
}
