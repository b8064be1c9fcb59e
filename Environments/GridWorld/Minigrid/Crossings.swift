import GymCore

/// `MiniGrid-LavaCrossing*` and `-SimpleCrossing*`: rivers of lava (or walls) cross the map,
/// each with one opening on a path from (1, 1) to the goal in the bottom-right corner.
/// `max_steps` = 4 · size².
public struct Crossing: MiniGridTask {
  /// The number of rivers.
  public var crossings: Int
  /// `.lava` or `.wall`.
  public var obstacle: WorldObject

  /// The task.
  public init(crossings: Int, obstacle: WorldObject) {
    self.crossings = crossings
    self.obstacle = obstacle
  }

  public mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) {
    let w = world.width, h = world.height
    world.wallRect(0, 0, w, h)
    world.agent = GridPoint(1, 1)
    world.direction = 0
    world.put(.goal, w - 2, h - 2)
    // Rivers: (vertical?, position), shuffled with NumPy's list shuffle.
    var rivers: [(Bool, Int)] = stride(from: 2, to: h - 2, by: 2).map { (true, $0) }
    rivers += stride(from: 2, to: w - 2, by: 2).map { (false, $0) }
    var order = Array(rivers.indices)
    world.rng.shuffle(&order)
    rivers = order.map { rivers[$0] }.prefix(crossings).map { $0 }
    let riversV = rivers.filter { $0.0 }.map(\.1).sorted()
    let riversH = rivers.filter { !$0.0 }.map(\.1).sorted()
    for i in 1..<(w - 1) { for j in riversH { world.put(obstacle, i, j) } }
    for i in riversV { for j in 1..<(h - 1) { world.put(obstacle, i, j) } }
    // The path: through each vertical river (an "h" move) and each horizontal one (a "v" move).
    var path = Array(repeating: true, count: riversV.count) + Array(repeating: false, count: riversH.count)
    world.rng.shuffle(&path)
    let limitsV = [0] + riversV + [h - 1]
    let limitsH = [0] + riversH + [w - 1]
    var roomI = 0, roomJ = 0
    for crossesVertical in path {
      let i: Int, j: Int
      if crossesVertical {
        i = limitsV[roomI + 1]
        j = limitsH[roomJ] + 1 + world.rng.choice(limitsH[roomJ + 1] - limitsH[roomJ] - 1)
        roomI += 1
      } else {
        i = limitsV[roomI] + 1 + world.rng.choice(limitsV[roomI + 1] - limitsV[roomI] - 1)
        j = limitsH[roomJ + 1]
        roomJ += 1
      }
      world[i, j] = .empty
    }
    world.mission = obstacle.type == .lava
      ? "avoid the lava and get to the green goal square" : "find the opening and get to the green goal square"
  }

  /// From options: `size` (odd, default 9), `num_crossings` (default 1), `obstacle_type`
  /// (`"lava"` or `"wall"`).
  public static func environment(options: Options) throws -> MiniGridEnvironment<Crossing> {
    let o = try GridOptions(options, name: "Crossing", allowed: ["size", "num_crossings", "obstacle_type"])
    let size = try o.int("size", default: 9, in: 5...101)
    guard size % 2 == 1 else { throw OptionError("option 'size' of Crossing must be odd, got \(size)") }
    let n = try o.int("num_crossings", default: 1, in: 0...((size - 3) / 2) * 2)
    let type = try o.string("obstacle_type", default: "lava", allowed: ["lava", "wall"])!
    let world = try o.world(width: size, height: size, maxSteps: 4 * size * size, seeThroughWalls: false)
    return MiniGridEnvironment(task: Crossing(crossings: n, obstacle: type == "lava" ? .lava : .wall), world: world, renderOptions: try o.render())
  }
}

/// `MiniGrid-LavaGapS{5,6,7}`: a column of lava with one gap between the agent at (1, 1) and
/// the goal. `max_steps` = 4 · size².
public struct LavaGap: MiniGridTask {
  /// `.lava` (or `.wall`).
  public var obstacle: WorldObject
  /// The task.
  public init(obstacle: WorldObject = .lava) { self.obstacle = obstacle }

  public mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) {
    let w = world.width, h = world.height
    world.wallRect(0, 0, w, h)
    world.agent = GridPoint(1, 1)
    world.direction = 0
    world.put(.goal, w - 2, h - 2)
    let gap = GridPoint(world.randInt(2, w - 2), world.randInt(1, h - 1))
    world.verticalWall(gap.x, 1, length: h - 2, obstacle)
    world[gap] = .empty
    world.mission = obstacle.type == .lava
      ? "avoid the lava and get to the green goal square" : "find the opening and get to the green goal square"
  }

  /// From options: `size` (at least 5), `obstacle_type`.
  public static func environment(options: Options) throws -> MiniGridEnvironment<LavaGap> {
    let o = try GridOptions(options, name: "LavaGap", allowed: ["size", "obstacle_type"])
    let size = try o.int("size", default: 7, in: 5...128)
    let type = try o.string("obstacle_type", default: "lava", allowed: ["lava", "wall"])!
    let world = try o.world(width: size, height: size, maxSteps: 4 * size * size, seeThroughWalls: false)
    return MiniGridEnvironment(task: LavaGap(obstacle: type == "lava" ? .lava : .wall), world: world, renderOptions: try o.render())
  }
}

/// `MiniGrid-DistShift{1,2}`: reach the goal at the top right past two strips of lava (rows 1
/// and 2, or 1 and 5). `max_steps` = 4 · width · height.
public struct DistShift: MiniGridTask {
  /// The second lava strip's row.
  public var strip2Row: Int
  /// The fixed start, or nil for random.
  public var agentStart: GridPoint?
  /// The heading at a fixed start.
  public var agentStartDirection: Int

  /// The task.
  public init(strip2Row: Int = 2, agentStart: GridPoint? = GridPoint(1, 1), agentStartDirection: Int = 0) {
    self.strip2Row = strip2Row
    self.agentStart = agentStart
    self.agentStartDirection = agentStartDirection
  }

  public mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) {
    let w = world.width, h = world.height
    world.wallRect(0, 0, w, h)
    world.put(.goal, w - 2, 1)
    for i in 0..<max(0, w - 6) {
      world[3 + i, 1] = .lava
      world[3 + i, strip2Row] = .lava
    }
    if let agentStart {
      world.agent = agentStart
      world.direction = agentStartDirection
    } else {
      try world.placeAgent()
    }
    world.mission = "get to the green goal square"
  }

  /// From options: `width` (9), `height` (7), `strip2_row`, `agent_start_pos`, `agent_start_dir`.
  public static func environment(options: Options) throws -> MiniGridEnvironment<DistShift> {
    let o = try GridOptions(options, name: "DistShift", allowed: ["width", "height", "strip2_row", "agent_start_pos", "agent_start_dir"])
    let w = try o.int("width", default: 9, in: 7...128), h = try o.int("height", default: 7, in: 4...128)
    let row = try o.int("strip2_row", default: 2, in: 1...(h - 2))
    let start = try o.point("agent_start_pos", default: GridPoint(1, 1))
    let task = DistShift(strip2Row: row, agentStart: start, agentStartDirection: try o.int("agent_start_dir", default: 0, in: 0...3))
    let world = try o.world(width: w, height: h, maxSteps: 4 * w * h, seeThroughWalls: true)
    return MiniGridEnvironment(task: task, world: world, renderOptions: try o.render())
  }
}
