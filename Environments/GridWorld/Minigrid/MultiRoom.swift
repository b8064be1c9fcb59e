import GymCore

/// `MiniGrid-MultiRoom-*`: a chain of rooms joined by closed doors of changing colours; reach
/// the goal in the last room. `max_steps` = 20 · maxRooms.
public struct MultiRoom: MiniGridTask {
  /// One room of the chain.
  public struct Room: Sendable {
    /// Top-left wall corner.
    public var top: GridPoint
    /// Size including walls.
    public var size: (Int, Int)
    /// The door cell leading in.
    public var entry: GridPoint
  }

  /// The fewest rooms.
  public var minRooms: Int
  /// The most rooms.
  public var maxRooms: Int
  /// The largest room side.
  public var maxRoomSize: Int
  /// This episode's rooms.
  public private(set) var rooms: [Room] = []

  /// The task.
  public init(minRooms: Int, maxRooms: Int, maxRoomSize: Int = 10) {
    self.minRooms = minRooms
    self.maxRooms = maxRooms
    self.maxRoomSize = maxRoomSize
  }

  public mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) {
    let w = world.width
    var best: [Room] = []
    let count = world.randInt(minRooms, maxRooms + 1)
    while best.count < count {
      var current: [Room] = []
      let entry = GridPoint(world.randInt(0, w - 2), world.randInt(0, w - 2))
      _ = placeRoom(count, &current, minSize: 4, maxSize: maxRoomSize, entryWall: 2, entry: entry, &world)
      if current.count > best.count { best = current }
    }
    rooms = best
    var previousColor: GridColor? = nil
    for (k, room) in rooms.enumerated() {
      let t = room.top, (sx, sy) = room.size
      for i in 0..<sx {
        world[t.x + i, t.y] = .wall
        world[t.x + i, t.y + sy - 1] = .wall
      }
      for j in 0..<sy {
        world[t.x, t.y + j] = .wall
        world[t.x + sx - 1, t.y + j] = .wall
      }
      if k > 0 {
        let colors = GridColor.sampleOrder.filter { $0 != previousColor }
        let c = world.randElem(colors)
        world.put(.door(c), room.entry.x, room.entry.y)
        previousColor = c
      }
    }
    try world.placeAgent(top: rooms[0].top, size: rooms[0].size)
    try world.place(.goal, top: rooms[rooms.count - 1].top, size: rooms[rooms.count - 1].size)
    world.mission = "traverse the rooms to get to the goal"
  }

  /// Minigrid's recursive `_placeRoom`.
  mutating func placeRoom(
    _ left: Int, _ list: inout [Room], minSize: Int, maxSize: Int, entryWall: Int, entry: GridPoint, _ world: inout GridWorld
  ) -> Bool {
    let sx = world.randInt(minSize, maxSize + 1), sy = world.randInt(minSize, maxSize + 1)
    var top: GridPoint
    if list.isEmpty {
      top = entry
    } else {
      switch entryWall {
      case 0: top = GridPoint(entry.x - sx + 1, world.randInt(entry.y - sy + 2, entry.y))
      case 1: top = GridPoint(world.randInt(entry.x - sx + 2, entry.x), entry.y - sy + 1)
      case 2: top = GridPoint(entry.x, world.randInt(entry.y - sy + 2, entry.y))
      default: top = GridPoint(world.randInt(entry.x - sx + 2, entry.x), entry.y)
      }
    }
    if top.x < 0 || top.y < 0 { return false }
    if top.x + sx > world.width || top.y + sy >= world.height { return false }
    for r in list.dropLast() {
      let apart = top.x + sx < r.top.x || r.top.x + r.size.0 <= top.x || top.y + sy < r.top.y || r.top.y + r.size.1 <= top.y
      if !apart { return false }
    }
    list.append(Room(top: top, size: (sx, sy), entry: entry))
    if left == 1 { return true }
    for _ in 0..<8 {
      let exitWall = world.randElem([0, 1, 2, 3].filter { $0 != entryWall })
      let exit: GridPoint
      switch exitWall {
      case 0: exit = GridPoint(top.x + sx - 1, top.y + world.randInt(1, sy - 1))
      case 1: exit = GridPoint(top.x + world.randInt(1, sx - 1), top.y + sy - 1)
      case 2: exit = GridPoint(top.x, top.y + world.randInt(1, sy - 1))
      default: exit = GridPoint(top.x + world.randInt(1, sx - 1), top.y)
      }
      if placeRoom(left - 1, &list, minSize: minSize, maxSize: maxSize, entryWall: (exitWall + 2) % 4, entry: exit, &world) { break }
    }
    return true
  }

  /// From options: `minNumRooms`, `maxNumRooms`, `maxRoomSize` (default 10, at least 4).
  public static func environment(options: Options) throws -> MiniGridEnvironment<MultiRoom> {
    let o = try GridOptions(options, name: "MultiRoom", allowed: ["minNumRooms", "maxNumRooms", "maxRoomSize"])
    let lo = try o.int("minNumRooms", default: 6, in: 1...25)
    let hi = try o.int("maxNumRooms", default: lo, in: lo...25)
    let size = try o.int("maxRoomSize", default: 10, in: 4...25)
    let world = try o.world(width: 25, height: 25, maxSteps: 20 * hi, seeThroughWalls: false)
    return MiniGridEnvironment(task: MultiRoom(minRooms: lo, maxRooms: hi, maxRoomSize: size), world: world, renderOptions: try o.render())
  }
}

/// `MiniGrid-LockedRoom-v0`: six side rooms along a corridor, one locked with the goal inside;
/// fetch its key from the named room. `max_steps` = 10 · size.
public struct LockedRoom: MiniGridTask {
  /// The task.
  public init() {}

  public mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) {
    let w = world.width, h = world.height
    for i in 0..<w {
      world[i, 0] = .wall
      world[i, h - 1] = .wall
    }
    for j in 0..<h {
      world[0, j] = .wall
      world[w - 1, j] = .wall
    }
    let lWall = w / 2 - 2, rWall = w / 2 + 2
    for j in 0..<h {
      world[lWall, j] = .wall
      world[rWall, j] = .wall
    }
    var rooms: [(top: GridPoint, size: (Int, Int), door: GridPoint)] = []
    for n in 0..<3 {
      let j = n * (h / 3)
      for i in 0..<lWall { world[i, j] = .wall }
      for i in rWall..<w { world[i, j] = .wall }
      let size = (lWall + 1, h / 3 + 1)
      rooms.append((GridPoint(0, j), size, GridPoint(lWall, j + 3)))
      rooms.append((GridPoint(rWall, j), size, GridPoint(rWall, j + 3)))
    }
    func randPos(_ r: Int, _ world: inout GridWorld) -> GridPoint {
      let t = rooms[r].top, s = rooms[r].size
      return world.randPos(t.x + 1, t.x + s.0 - 1, t.y + 1, t.y + s.1 - 1)
    }
    let locked = world.randInt(0, rooms.count)
    world[randPos(locked, &world)] = .goal
    var colors = GridColor.sampleOrder
    var roomColors: [GridColor] = []
    for (k, room) in rooms.enumerated() {
      let c = world.randElem(colors)
      colors.removeAll { $0 == c }
      roomColors.append(c)
      world.put(.door(c, k == locked ? .locked : .closed), room.door.x, room.door.y)
    }
    var keyRoom: Int
    repeat { keyRoom = world.randInt(0, rooms.count) } while keyRoom == locked
    let keyCell = randPos(keyRoom, &world)
    world.put(.key(roomColors[locked]), keyCell.x, keyCell.y)
    try world.placeAgent(top: GridPoint(lWall, 0), size: (rWall - lWall, h))
    let lc = roomColors[locked]
    world.mission = "get the \(lc) key from the \(roomColors[keyRoom]) room, unlock the \(lc) door and go to the goal"
  }

  /// From options: `size` (default 19).
  public static func environment(options: Options) throws -> MiniGridEnvironment<LockedRoom> {
    let o = try GridOptions(options, name: "LockedRoom", allowed: ["size"])
    let size = try o.int("size", default: 19, in: 13...64)
    let world = try o.world(width: size, height: size, maxSteps: 10 * size, seeThroughWalls: false)
    return MiniGridEnvironment(task: LockedRoom(), world: world, renderOptions: try o.render())
  }
}

/// `MiniGrid-Dynamic-Obstacles-*`: reach the goal while blue balls move at random each step;
/// moving into anything but the goal (a ball or a wall) gives −1 and ends the episode. Three
/// actions. `max_steps` = 4 · size².
public struct DynamicObstacles: MiniGridTask {
  /// The fixed start, or nil for random.
  public var agentStart: GridPoint?
  /// The heading at a fixed start.
  public var agentStartDirection: Int
  /// The number of balls.
  public var obstacleCount: Int
  var obstacles: [WorldObject] = []

  /// The task.
  public init(agentStart: GridPoint? = GridPoint(1, 1), agentStartDirection: Int = 0, obstacleCount: Int) {
    self.agentStart = agentStart
    self.agentStartDirection = agentStartDirection
    self.obstacleCount = obstacleCount
  }

  public var actionCount: Int { 3 }

  public mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) {
    world.wallRect(0, 0, world.width, world.height)
    world[world.width - 2, world.height - 2] = .goal
    if let agentStart {
      world.agent = agentStart
      world.direction = agentStartDirection
    } else {
      try world.placeAgent()
    }
    obstacles = []
    for _ in 0..<obstacleCount {
      obstacles.append(try world.placeObject(.ball(.blue), maxTries: 100).object)
    }
    world.mission = "get to the green goal square"
  }

  public mutating func step(_ action: Int, _ world: inout GridWorld) -> StepOutcome {
    let front = world[world.front]
    let notClear = !front.isEmpty && front.type != .goal
    for o in obstacles {
      let old = world.position(of: o)
      if (try? world.place(o, top: GridPoint(old.x - 1, old.y - 1), size: (3, 3), maxTries: 100)) != nil {
        world[old] = .empty
      }
    }
    var out = world.applyBaseRules(action)
    if action == GridAction.forward.rawValue && notClear { out = StepOutcome(reward: -1, terminated: true) }
    return out
  }

  /// From options: `size` (default 8), `agent_start_pos`, `agent_start_dir`, `n_obstacles`
  /// (default 4; more than size/2 + 1 is cut to size/2).
  public static func environment(options: Options) throws -> MiniGridEnvironment<DynamicObstacles> {
    let o = try GridOptions(options, name: "Dynamic-Obstacles", allowed: ["size", "agent_start_pos", "agent_start_dir", "n_obstacles"])
    let size = try o.int("size", default: 8, in: 4...64)
    let asked = try o.int("n_obstacles", default: 4, in: 0...1000)
    let n = Double(asked) <= Double(size) / 2 + 1 ? asked : size / 2
    let task = DynamicObstacles(
      agentStart: try o.point("agent_start_pos", default: GridPoint(1, 1)),
      agentStartDirection: try o.int("agent_start_dir", default: 0, in: 0...3), obstacleCount: n)
    let world = try o.world(width: size, height: size, maxSteps: 4 * size * size, seeThroughWalls: true)
    return MiniGridEnvironment(task: task, world: world, renderOptions: try o.render())
  }
}

/// `MiniGrid-Playground-v0`: nine rooms with doors and twelve random objects; no task
/// (empty mission). `max_steps` = 100.
public struct Playground: MiniGridTask {
  /// The task.
  public init() {}

  public mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) {
    let w = world.width, h = world.height
    world.horizontalWall(0, 0)
    world.horizontalWall(0, h - 1)
    world.verticalWall(0, 0)
    world.verticalWall(w - 1, 0)
    let roomW = w / 3, roomH = h / 3
    for j in 0..<3 {
      for i in 0..<3 {
        let xL = i * roomW, yT = j * roomH, xR = xL + roomW, yB = yT + roomH
        if i + 1 < 3 {
          world.verticalWall(xR, yT, length: roomH)
          let p = GridPoint(xR, world.randInt(yT + 1, yB - 1))
          world.put(.door(world.randElem(GridColor.sampleOrder)), p.x, p.y)
        }
        if j + 1 < 3 {
          world.horizontalWall(xL, yB, length: roomW)
          let p = GridPoint(world.randInt(xL + 1, xR - 1), yB)
          world.put(.door(world.randElem(GridColor.sampleOrder)), p.x, p.y)
        }
      }
    }
    try world.placeAgent()
    for _ in 0..<12 {
      let t = world.randElem([ObjectType.key, .ball, .box])
      let c = world.randElem(GridColor.sampleOrder)
      try world.place(WorldObject(t, c))
    }
    world.mission = ""
  }

  /// From options (only the common ones).
  public static func environment(options: Options) throws -> MiniGridEnvironment<Playground> {
    let o = try GridOptions(options, name: "Playground", allowed: [])
    let world = try o.world(width: 19, height: 19, maxSteps: 100, seeThroughWalls: false)
    return MiniGridEnvironment(task: Playground(), world: world, renderOptions: try o.render())
  }
}
