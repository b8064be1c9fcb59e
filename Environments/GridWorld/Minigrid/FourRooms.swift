import GymCore

/// `MiniGrid-FourRooms-v0`: a 19×19 map of four rooms joined by one gap in each inner wall;
/// agent and goal start anywhere. `max_steps` = 100.
public struct FourRooms: MiniGridTask {
  /// A fixed agent cell (heading still random), or nil.
  public var agentPosition: GridPoint?
  /// A fixed goal cell, or nil.
  public var goalPosition: GridPoint?

  /// The task.
  public init(agentPosition: GridPoint? = nil, goalPosition: GridPoint? = nil) {
    self.agentPosition = agentPosition
    self.goalPosition = goalPosition
  }

  public mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) {
    let w = world.width, h = world.height
    world.horizontalWall(0, 0)
    world.horizontalWall(0, h - 1)
    world.verticalWall(0, 0)
    world.verticalWall(w - 1, 0)
    let roomW = w / 2, roomH = h / 2
    for j in 0..<2 {
      for i in 0..<2 {
        let xL = i * roomW, yT = j * roomH
        let xR = xL + roomW, yB = yT + roomH
        if i + 1 < 2 {
          world.verticalWall(xR, yT, length: roomH)
          world[xR, world.randInt(yT + 1, yB)] = .empty
        }
        if j + 1 < 2 {
          world.horizontalWall(xL, yB, length: roomW)
          world[world.randInt(xL + 1, xR), yB] = .empty
        }
      }
    }
    if let agentPosition {
      world.agent = agentPosition
      world[agentPosition] = .empty
      world.direction = world.randInt(0, 4)
    } else {
      try world.placeAgent()
    }
    if let goalPosition {
      world.put(.goal, goalPosition.x, goalPosition.y)
    } else {
      try world.place(.goal)
    }
    world.mission = "reach the goal"
  }

  /// The environment from construction options: `agent_pos`, `goal_pos` (`[x, y]` or null),
  /// plus the common options (`max_steps` default 100).
  public static func environment(options: Options) throws -> MiniGridEnvironment<FourRooms> {
    let o = try GridOptions(options, name: "FourRooms", allowed: ["agent_pos", "goal_pos"])
    let a = try o.point("agent_pos", default: nil), g = try o.point("goal_pos", default: nil)
    for (k, p) in [("agent_pos", a), ("goal_pos", g)] {
      if let p, !(1..<18).contains(p.x) || !(1..<18).contains(p.y) {
        throw OptionError("option '\(k)' of FourRooms must lie inside the 19×19 map's walls, got \(p)")
      }
    }
    let world = try o.world(width: 19, height: 19, maxSteps: 100, seeThroughWalls: false)
    return MiniGridEnvironment(task: FourRooms(agentPosition: a, goalPosition: g), world: world, renderOptions: try o.render())
  }
}
