import GymCore

/// `MiniGrid-Empty-*`: an empty room; reach the green goal in the bottom-right corner.
///
/// The agent starts at (1, 1) facing east, or anywhere with a random heading when
/// `agentStart` is nil (the `-Random-` variants). `max_steps` = 4 · size².
public struct Empty: MiniGridTask {
  /// The fixed start cell, or nil for a random one.
  public var agentStart: GridPoint?
  /// The heading at a fixed start.
  public var agentStartDirection: Int

  /// The task.
  public init(agentStart: GridPoint? = GridPoint(1, 1), agentStartDirection: Int = 0) {
    self.agentStart = agentStart
    self.agentStartDirection = agentStartDirection
  }

  public mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) {
    world.wallRect(0, 0, world.width, world.height)
    world.put(.goal, world.width - 2, world.height - 2)
    if let agentStart {
      world.agent = agentStart
      world.direction = agentStartDirection
    } else {
      try world.placeAgent()
    }
    world.mission = "get to the green goal square"
  }

  /// The environment from construction options: `size` (default 8), `agent_start_pos`
  /// (`[x, y]` or null for random), `agent_start_dir`, plus the common options.
  public static func environment(options: Options) throws -> MiniGridEnvironment<Empty> {
    let o = try GridOptions(options, name: "Empty", allowed: ["size", "agent_start_pos", "agent_start_dir"])
    let size = try o.int("size", default: 8, in: 3...128)
    let start = try o.point("agent_start_pos", default: GridPoint(1, 1))
    if let start, !(1..<size - 1).contains(start.x) || !(1..<size - 1).contains(start.y) {
      throw OptionError("option 'agent_start_pos' of Empty must lie inside the walls, got \(start)")
    }
    let task = Empty(agentStart: start, agentStartDirection: try o.int("agent_start_dir", default: 0, in: 0...3))
    let world = try o.world(width: size, height: size, maxSteps: 4 * size * size, seeThroughWalls: true)
    return MiniGridEnvironment(task: task, world: world, renderOptions: try o.render())
  }
}
