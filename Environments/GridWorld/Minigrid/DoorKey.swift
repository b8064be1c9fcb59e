import GymCore

/// `MiniGrid-DoorKey-*`: pick up the yellow key, unlock the yellow door in the dividing wall
/// and reach the goal. `max_steps` = 10 · size².
public struct DoorKey: MiniGridTask {
  /// The task.
  public init() {}

  public mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) {
    let w = world.width, h = world.height
    world.wallRect(0, 0, w, h)
    world.put(.goal, w - 2, h - 2)
    let split = world.randInt(2, w - 2)
    world.verticalWall(split, 0)
    try world.placeAgent(size: (split, h))
    let doorY = world.randInt(1, h - 2)
    world.put(.door(.yellow, .locked), split, doorY)
    try world.place(.key(.yellow), top: GridPoint(0, 0), size: (split, h))
    world.mission = "use the key to open the door and then get to the goal"
  }

  /// The environment from construction options: `size` (default 8, at least 5), plus the
  /// common options.
  public static func environment(options: Options) throws -> MiniGridEnvironment<DoorKey> {
    let o = try GridOptions(options, name: "DoorKey", allowed: ["size"])
    let size = try o.int("size", default: 8, in: 5...128)
    let world = try o.world(width: size, height: size, maxSteps: 10 * size * size, seeThroughWalls: false)
    return MiniGridEnvironment(task: DoorKey(), world: world, renderOptions: try o.render())
  }
}
