import GymCore

/// `MiniGrid-Fetch-*`: pick up the described key or ball among several; any pickup ends the
/// episode (rewarded only if right). Five phrasings of the mission. `max_steps` = 5 · size².
public struct Fetch: MiniGridTask {
  /// Objects in the room.
  public var objectCount: Int
  /// This episode's target type and colour.
  public private(set) var target = WorldObject.none

  /// The task.
  public init(objectCount: Int) { self.objectCount = objectCount }

  public mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) {
    let w = world.width, h = world.height
    world.horizontalWall(0, 0)
    world.horizontalWall(0, h - 1)
    world.verticalWall(0, 0)
    world.verticalWall(w - 1, 0)
    var objects: [WorldObject] = []
    while objects.count < objectCount {
      let t = world.randElem([ObjectType.key, .ball])
      let c = world.randElem(GridColor.sampleOrder)
      let o = WorldObject(t, c)
      try world.place(o)
      objects.append(o)
    }
    try world.placeAgent()
    target = objects[world.randInt(0, objects.count)]
    let syntax = ["get a", "go get a", "fetch a", "go fetch a", "you must fetch a"][world.randInt(0, 5)]
    world.mission = "\(syntax) \(target.color) \(target.type)"
  }

  public mutating func step(_ action: Int, _ world: inout GridWorld) -> StepOutcome {
    var o = world.applyBaseRules(action)
    if !world.carrying.isNone {
      o = world.carrying.code == target.code
        ? StepOutcome(reward: world.successReward, terminated: true) : StepOutcome(reward: 0, terminated: true)
    }
    return o
  }

  /// From options: `size` (default 8), `numObjs` (default 3).
  public static func environment(options: Options) throws -> MiniGridEnvironment<Fetch> {
    let o = try GridOptions(options, name: "Fetch", allowed: ["size", "numObjs"])
    let size = try o.int("size", default: 8, in: 5...64), n = try o.int("numObjs", default: 3, in: 1...(size - 2) * (size - 2) - 1)
    let world = try o.world(width: size, height: size, maxSteps: 5 * size * size, seeThroughWalls: true)
    return MiniGridEnvironment(task: Fetch(objectCount: n), world: world, renderOptions: try o.render())
  }
}

/// `MiniGrid-GoToDoor-*`: four coloured doors on the walls of a room of random size; stand
/// next to the named door and say `done`. `toggle` ends the episode. `max_steps` = 4 · size².
public struct GoToDoor: MiniGridTask {
  /// This episode's target cell and colour.
  public private(set) var targetPosition = GridPoint.nowhere
  /// The target door's colour.
  public private(set) var targetColor = GridColor.red

  /// The task.
  public init() {}

  public mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) {
    let w = world.randInt(5, world.width + 1), h = world.randInt(5, world.height + 1)
    world.wallRect(0, 0, w, h)
    var positions: [GridPoint] = []
    positions.append(GridPoint(world.randInt(2, w - 2), 0))
    positions.append(GridPoint(world.randInt(2, w - 2), h - 1))
    positions.append(GridPoint(0, world.randInt(2, h - 2)))
    positions.append(GridPoint(w - 1, world.randInt(2, h - 2)))
    var colors: [GridColor] = []
    while colors.count < positions.count {
      let c = world.randElem(GridColor.sampleOrder)
      if colors.contains(c) { continue }
      colors.append(c)
    }
    for (p, c) in zip(positions, colors) { world.put(.door(c), p.x, p.y) }
    try world.placeAgent(size: (w, h))
    let k = world.randInt(0, positions.count)
    targetPosition = positions[k]
    targetColor = colors[k]
    world.mission = "go to the \(targetColor) door"
  }

  public mutating func step(_ action: Int, _ world: inout GridWorld) -> StepOutcome {
    world.goToStep(action, target: targetPosition)
  }

  /// From options: `size` (at least 5, default 5).
  public static func environment(options: Options) throws -> MiniGridEnvironment<GoToDoor> {
    let o = try GridOptions(options, name: "GoToDoor", allowed: ["size"])
    let size = try o.int("size", default: 5, in: 5...64)
    let world = try o.world(width: size, height: size, maxSteps: 4 * size * size, seeThroughWalls: true)
    return MiniGridEnvironment(task: GoToDoor(), world: world, renderOptions: try o.render())
  }
}

/// `MiniGrid-GoToObject-*`: stand next to the named object and say `done`; `toggle` ends the
/// episode. `max_steps` = 5 · size².
public struct GoToObject: MiniGridTask {
  /// Objects in the room (distinct type and colour).
  public var objectCount: Int
  /// This episode's target cell.
  public private(set) var targetPosition = GridPoint.nowhere

  /// The task.
  public init(objectCount: Int) { self.objectCount = objectCount }

  public mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) {
    world.wallRect(0, 0, world.width, world.height)
    var objects: [WorldObject] = [], positions: [GridPoint] = []
    while objects.count < objectCount {
      let t = world.randElem([ObjectType.key, .ball, .box])
      let c = world.randElem(GridColor.sampleOrder)
      let o = WorldObject(t, c)
      if objects.contains(o) { continue }
      positions.append(try world.place(o))
      objects.append(o)
    }
    try world.placeAgent()
    let k = world.randInt(0, objects.count)
    targetPosition = positions[k]
    world.mission = "go to the \(objects[k].color) \(objects[k].type)"
  }

  public mutating func step(_ action: Int, _ world: inout GridWorld) -> StepOutcome {
    world.goToStep(action, target: targetPosition)
  }

  /// From options: `size` (default 6), `numObjs` (default 2).
  public static func environment(options: Options) throws -> MiniGridEnvironment<GoToObject> {
    let o = try GridOptions(options, name: "GoToObject", allowed: ["size", "numObjs"])
    let size = try o.int("size", default: 6, in: 4...64), n = try o.int("numObjs", default: 2, in: 1...18)
    let world = try o.world(width: size, height: size, maxSteps: 5 * size * size, seeThroughWalls: true)
    return MiniGridEnvironment(task: GoToObject(objectCount: n), world: world, renderOptions: try o.render())
  }
}

/// `MiniGrid-PutNear-*`: put the named object next to (8-neighbourhood) the other named one;
/// a drop ends the episode, and so does picking up the wrong object. `max_steps` = 5 · size.
public struct PutNear: MiniGridTask {
  /// Objects in the room.
  public var objectCount: Int
  /// The object to move (type and colour).
  public private(set) var move = WorldObject.none
  /// Where the target object is.
  public private(set) var targetPosition = GridPoint.nowhere

  /// The task.
  public init(objectCount: Int) { self.objectCount = objectCount }

  public mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) {
    let w = world.width, h = world.height
    world.horizontalWall(0, 0)
    world.horizontalWall(0, h - 1)
    world.verticalWall(0, 0)
    world.verticalWall(w - 1, 0)
    var objects: [WorldObject] = [], positions: [GridPoint] = []
    while objects.count < objectCount {
      let t = world.randElem([ObjectType.key, .ball, .box])
      let c = world.randElem(GridColor.sampleOrder)
      let o = WorldObject(t, c)
      if objects.contains(o) { continue }
      let placed = positions
      positions.append(try world.place(o) { p in placed.contains { abs(p.x - $0.x) <= 1 && abs(p.y - $0.y) <= 1 } })
      objects.append(o)
    }
    try world.placeAgent()
    let k = world.randInt(0, objects.count)
    move = objects[k]
    var t: Int
    repeat { t = world.randInt(0, objects.count) } while t == k
    targetPosition = positions[t]
    world.mission = "put the \(move.color) \(move.type) near the \(objects[t].color) \(objects[t].type)"
  }

  public mutating func step(_ action: Int, _ world: inout GridWorld) -> StepOutcome {
    let before = world.carrying
    var o = world.applyBaseRules(action)
    let f = world.front
    if action == GridAction.pickup.rawValue && !world.carrying.isNone && world.carrying.code != move.code {
      o.terminated = true
    }
    if action == GridAction.drop.rawValue && !before.isNone {
      if world[f] == before && abs(f.x - targetPosition.x) <= 1 && abs(f.y - targetPosition.y) <= 1 {
        o.reward = world.successReward
      }
      o.terminated = true
    }
    return o
  }

  /// From options: `size` (default 6), `numObjs` (default 2).
  public static func environment(options: Options) throws -> MiniGridEnvironment<PutNear> {
    let o = try GridOptions(options, name: "PutNear", allowed: ["size", "numObjs"])
    let size = try o.int("size", default: 6, in: 5...64), n = try o.int("numObjs", default: 2, in: 2...9)
    let world = try o.world(width: size, height: size, maxSteps: 5 * size, seeThroughWalls: true)
    return MiniGridEnvironment(task: PutNear(objectCount: n), world: world, renderOptions: try o.render())
  }
}

/// `MiniGrid-RedBlueDoors-*`: open the red door, then the blue one; opening blue first fails.
/// `max_steps` = 20 · size².
public struct RedBlueDoors: MiniGridTask {
  /// The room side.
  public var size: Int
  var red = GridPoint.nowhere, blue = GridPoint.nowhere

  /// The task.
  public init(size: Int) { self.size = size }

  public mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) {
    world.wallRect(0, 0, 2 * size, size)
    world.wallRect(size / 2, 0, size, size)
    try world.placeAgent(top: GridPoint(size / 2, 0), size: (size, size))
    red = GridPoint(size / 2, world.randInt(1, size - 1))
    world.put(.door(.red), red.x, red.y)
    blue = GridPoint(size / 2 + size - 1, world.randInt(1, size - 1))
    world.put(.door(.blue), blue.x, blue.y)
    world.mission = "open the red door then the blue door"
  }

  public mutating func step(_ action: Int, _ world: inout GridWorld) -> StepOutcome {
    let redBefore = world[red].isOpenDoor, blueBefore = world[blue].isOpenDoor
    var o = world.applyBaseRules(action)
    if world[blue].isOpenDoor {
      o = redBefore ? StepOutcome(reward: world.successReward, terminated: true) : StepOutcome(reward: 0, terminated: true)
    } else if world[red].isOpenDoor && blueBefore {
      o = StepOutcome(reward: 0, terminated: true)
    }
    return o
  }

  /// From options: `size` (default 8).
  public static func environment(options: Options) throws -> MiniGridEnvironment<RedBlueDoors> {
    let o = try GridOptions(options, name: "RedBlueDoors", allowed: ["size"])
    let size = try o.int("size", default: 8, in: 4...64)
    let world = try o.world(width: 2 * size, height: size, maxSteps: 20 * size * size, seeThroughWalls: false)
    return MiniGridEnvironment(task: RedBlueDoors(size: size), world: world, renderOptions: try o.render())
  }
}

/// `MiniGrid-Memory*`: remember the object in the start room, then walk to the matching one
/// at the end of the hallway; reaching the other one fails. `pickup` acts as `toggle`.
/// `max_steps` = 5 · size².
public struct Memory: MiniGridTask {
  /// Whether the hallway length is random.
  public var randomLength: Bool
  var success = GridPoint.nowhere, failure = GridPoint.nowhere

  /// The task.
  public init(randomLength: Bool) { self.randomLength = randomLength }

  public mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) {
    let w = world.width, h = world.height
    world.horizontalWall(0, 0)
    world.horizontalWall(0, h - 1)
    world.verticalWall(0, 0)
    world.verticalWall(w - 1, 0)
    let upper = h / 2 - 2, lower = h / 2 + 2
    let end = randomLength ? world.randInt(4, w - 2) : w - 3
    for i in 1..<5 {
      world[i, upper] = .wall
      world[i, lower] = .wall
    }
    world[4, upper + 1] = .wall
    world[4, lower - 1] = .wall
    for i in stride(from: 5, to: end, by: 1) {
      world[i, upper + 1] = .wall
      world[i, lower - 1] = .wall
    }
    for j in 0..<h {
      if j != h / 2 { world[end, j] = .wall }
      world[end + 2, j] = .wall
    }
    world.agent = GridPoint(world.randInt(1, end + 1), h / 2)
    world.direction = 0
    let startType = world.randElem([ObjectType.key, .ball])
    world.put(WorldObject(startType, .green), 1, h / 2 - 1)
    let others = world.randElem([[ObjectType.ball, .key], [.key, .ball]])
    let p0 = GridPoint(end + 1, h / 2 - 2), p1 = GridPoint(end + 1, h / 2 + 2)
    world.put(WorldObject(others[0], .green), p0.x, p0.y)
    world.put(WorldObject(others[1], .green), p1.x, p1.y)
    if startType == others[0] {
      success = GridPoint(p0.x, p0.y + 1)
      failure = GridPoint(p1.x, p1.y - 1)
    } else {
      success = GridPoint(p1.x, p1.y - 1)
      failure = GridPoint(p0.x, p0.y + 1)
    }
    world.mission = "go to the matching object at the end of the hallway"
  }

  public mutating func step(_ action: Int, _ world: inout GridWorld) -> StepOutcome {
    var o = world.applyBaseRules(action == GridAction.pickup.rawValue ? GridAction.toggle.rawValue : action)
    if world.agent == success { o = StepOutcome(reward: world.successReward, terminated: true) }
    if world.agent == failure { o = StepOutcome(reward: 0, terminated: true) }
    return o
  }

  /// From options: `size` (odd, default 8 in Minigrid's signature; registered 7–17),
  /// `random_length`.
  public static func environment(options: Options) throws -> MiniGridEnvironment<Memory> {
    let o = try GridOptions(options, name: "Memory", allowed: ["size", "random_length"])
    let size = try o.int("size", default: 13, in: 7...101)
    guard size % 2 == 1 else { throw OptionError("option 'size' of Memory must be odd, got \(size)") }
    let world = try o.world(width: size, height: size, maxSteps: 5 * size * size, seeThroughWalls: false)
    return MiniGridEnvironment(task: Memory(randomLength: try o.bool("random_length", default: false)), world: world, renderOptions: try o.render())
  }
}

extension GridWorld {
  /// The rules shared by the go-to tasks: the base rules, then `toggle` ends the episode and
  /// `done` ends it too, paying the success reward when the agent stands next to `target`.
  mutating func goToStep(_ action: Int, target: GridPoint) -> StepOutcome {
    var o = applyBaseRules(action)
    if action == GridAction.toggle.rawValue { o.terminated = true }
    if action == GridAction.done.rawValue {
      if agent.manhattan(target) == 1 { o.reward = successReward }
      o.terminated = true
    }
    return o
  }
}
