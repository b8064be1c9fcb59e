import GymCore

/// `MiniGrid-KeyCorridorS{3…6}R{1…3}`: the ball sits behind a locked door in the right
/// column; its key lies in a left room; the middle column is a corridor. Success: pick up the
/// ball. `max_steps` = 30 · room².
public struct KeyCorridor: MiniGridTask {
  /// The room layout (3 columns).
  public var rooms: RoomGrid
  /// The object to fetch (`ball` by default).
  public var objectType: ObjectType
  /// This episode's target.
  public private(set) var target: WorldObject = .none

  /// The task.
  public init(roomSize: Int = 6, rows: Int = 3, objectType: ObjectType = .ball) {
    rooms = RoomGrid(roomSize: roomSize, rows: rows, cols: 3)
    self.objectType = objectType
  }

  public mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) {
    rooms.generate(&world)
    for j in 1..<rooms.rows { rooms.removeWall(1, j, 3, &world) }
    let roomIndex = world.randInt(0, rooms.rows)
    let door = rooms.addDoor(2, roomIndex, doorIndex: 2, locked: true, &world).door
    target = try rooms.addObject(2, roomIndex, kind: objectType, &world).object
    let keyRow = world.randInt(0, rooms.rows)
    try rooms.addObject(0, keyRow, kind: .key, color: door.color, &world)
    try rooms.placeAgent(1, rooms.rows / 2, in: &world)
    try rooms.connectAll(&world)
    world.mission = "pick up the \(target.color) \(target.type)"
  }

  public mutating func step(_ action: Int, _ world: inout GridWorld) -> StepOutcome {
    var o = world.applyBaseRules(action)
    if action == GridAction.pickup.rawValue && !world.carrying.isNone && world.carrying == target {
      o = StepOutcome(reward: world.successReward, terminated: true)
    }
    return o
  }

  /// From options: `room_size` (3–…, default 6), `num_rows` (default 3), `obj_type`.
  public static func environment(options: Options) throws -> MiniGridEnvironment<KeyCorridor> {
    let o = try GridOptions(options, name: "KeyCorridor", allowed: ["room_size", "num_rows", "obj_type"])
    let size = try o.int("room_size", default: 6, in: 3...32), rows = try o.int("num_rows", default: 3, in: 1...16)
    let type = ObjectType(name: try o.string("obj_type", default: "ball", allowed: ["ball", "box", "key"])!)!
    let task = KeyCorridor(roomSize: size, rows: rows, objectType: type)
    let world = try o.world(width: task.rooms.width, height: task.rooms.height, maxSteps: 30 * size * size, seeThroughWalls: false)
    return MiniGridEnvironment(task: task, world: world, renderOptions: try o.render())
  }
}

/// `MiniGrid-Unlock-v0`, `-UnlockPickup-v0`, `-BlockedUnlockPickup-v0`: two rooms of side 6
/// joined by a locked door whose key lies by the agent. Unlock succeeds when the door opens;
/// the pickup variants when the box in the far room is picked up; the blocked variant puts a
/// ball in front of the door.
public struct Unlock: MiniGridTask {
  /// Which of the three tasks.
  public enum Variant: Sendable { case unlock, unlockPickup, blockedUnlockPickup }
  /// The task variant.
  public var variant: Variant
  /// The two rooms.
  public var rooms = RoomGrid(roomSize: 6, rows: 1, cols: 2)
  /// This episode's door.
  public private(set) var door: WorldObject = .none
  /// This episode's box (pickup variants).
  public private(set) var target: WorldObject = .none

  /// The task.
  public init(_ variant: Variant) { self.variant = variant }

  public mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) {
    rooms.generate(&world)
    switch variant {
    case .unlock:
      door = rooms.addDoor(0, 0, doorIndex: 0, locked: true, &world).door
      try rooms.addObject(0, 0, kind: .key, color: door.color, &world)
      try rooms.placeAgent(0, 0, in: &world)
      world.mission = "open the door"
    case .unlockPickup, .blockedUnlockPickup:
      target = try rooms.addObject(1, 0, kind: .box, &world).object
      let (d, pos) = rooms.addDoor(0, 0, doorIndex: 0, locked: true, &world)
      door = d
      if variant == .blockedUnlockPickup {
        let c = world.randColor()
        world.put(.ball(c), pos.x - 1, pos.y)
      }
      try rooms.addObject(0, 0, kind: .key, color: door.color, &world)
      try rooms.placeAgent(0, 0, in: &world)
      world.mission = "pick up the \(target.color) \(target.type)"
    }
  }

  public mutating func step(_ action: Int, _ world: inout GridWorld) -> StepOutcome {
    var o = world.applyBaseRules(action)
    switch variant {
    case .unlock:
      if action == GridAction.toggle.rawValue && world[world.position(of: door)].isOpenDoor {
        o = StepOutcome(reward: world.successReward, terminated: true)
      }
    default:
      if action == GridAction.pickup.rawValue && !world.carrying.isNone && world.carrying == target {
        o = StepOutcome(reward: world.successReward, terminated: true)
      }
    }
    return o
  }

  /// From options (only the common ones); `max_steps` is 8 · 36 (16 · 36 when blocked).
  public static func environment(_ variant: Variant) -> @Sendable (Options) throws -> MiniGridEnvironment<Unlock> {
    { options in
      let name = ["unlock": "Unlock", "pick": "UnlockPickup", "blocked": "BlockedUnlockPickup"]
      let o = try GridOptions(options, name: variant == .unlock ? name["unlock"]! : (variant == .unlockPickup ? name["pick"]! : name["blocked"]!), allowed: [])
      let task = Unlock(variant)
      let steps = (variant == .blockedUnlockPickup ? 16 : 8) * 36
      let world = try o.world(width: task.rooms.width, height: task.rooms.height, maxSteps: steps, seeThroughWalls: false)
      return MiniGridEnvironment(task: task, world: world, renderOptions: try o.render())
    }
  }
}

/// `MiniGrid-ObstructedMaze-*`: find the blue ball behind locked doors whose keys may hide in
/// boxes (`h`) and whose doors may be blocked by green balls (`b`). Success: pick up the blue
/// ball. `max_steps` = 4 · roomsVisited · 36. Version 1 places keys after all doors.
public struct ObstructedMaze: MiniGridTask {
  /// The layout: one locked door between two rooms (`1D…`), or the 3×3 maze with a number of
  /// quarters (`2D…`, `1Q`, `2Q`, `Full`).
  public enum Layout: Sendable { case oneDoor, full(agentRoom: (Int, Int), quarters: Int) }
  /// The layout.
  public var layout: Layout
  /// Keys hidden in boxes.
  public var keyInBox: Bool
  /// Doors blocked by balls.
  public var blocked: Bool
  /// Version 1 (keys placed after both doors of a side room).
  public var v1: Bool
  /// The rooms.
  public var rooms: RoomGrid
  /// This episode's target ball.
  public private(set) var target: WorldObject = .none
  var doorColors: [GridColor] = []

  static let ballToFind = GridColor.sampleOrder[0]
  static let blockingBall = GridColor.sampleOrder[1]
  static let boxColor = GridColor.sampleOrder[2]

  /// The task.
  public init(layout: Layout, keyInBox: Bool, blocked: Bool, v1: Bool = false) {
    self.layout = layout
    self.keyInBox = keyInBox
    self.blocked = blocked
    self.v1 = v1
    switch layout {
    case .oneDoor: rooms = RoomGrid(roomSize: 6, rows: 1, cols: 2)
    case .full: rooms = RoomGrid(roomSize: 6, rows: 3, cols: 3)
    }
  }

  /// `ObstructedMazeEnv.add_door`: a door, a blocking ball in front of it, its key (boxed).
  mutating func addDoor(
    _ i: Int, _ j: Int, _ doorIndex: Int, _ color: GridColor, locked: Bool, blocked: Bool, _ world: inout GridWorld
  ) throws(GridGenerationError) {
    let (door, pos) = rooms.addDoor(i, j, doorIndex: doorIndex, color: color, locked: locked, &world)
    if blocked {
      let v = Heading.forward(doorIndex)
      world.put(.ball(Self.blockingBall), pos.x - v.x, pos.y - v.y)
    }
    if locked { try addKey(i, j, door.color, &world) }
  }

  mutating func addKey(_ i: Int, _ j: Int, _ color: GridColor, _ world: inout GridWorld) throws(GridGenerationError) {
    var object = world.register(.key(color))
    if keyInBox {
      let box = world.register(.box(Self.boxColor))
      world.setContents(of: box, to: object)
      object = box
    }
    try rooms.placeInRoom(i, j, object, &world)
  }

  public mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) {
    rooms.generate(&world)
    doorColors = world.randSubset(GridColor.sampleOrder, 6)
    world.mission = "pick up the \(Self.ballToFind) ball"
    switch layout {
    case .oneDoor:
      try addDoor(0, 0, 0, doorColors[0], locked: true, blocked: blocked, &world)
      target = try rooms.addObject(1, 0, kind: .ball, color: Self.ballToFind, &world).object
      try rooms.placeAgent(0, 0, in: &world)
    case .full(let agentRoom, let quarters):
      let sides = [(2, 1), (1, 2), (0, 1), (1, 0)].prefix(quarters)
      for (i, side) in sides.enumerated() {
        try addDoor(1, 1, i, doorColors[i], locked: false, blocked: false, &world)
        if v1 {
          for k in [-1, 1] {
            let d = (i + k + 4) % 4
            let (_, pos) = rooms.addDoor(side.0, side.1, doorIndex: d, color: doorColors[(i + k + 6) % 6], locked: true, &world)
            if blocked {
              let v = Heading.forward(d)
              world.put(.ball(Self.blockingBall), pos.x - v.x, pos.y - v.y)
            }
          }
          for k in [-1, 1] { try addKey(side.0, side.1, doorColors[(i + k + 6) % 6], &world) }
        } else {
          for k in [-1, 1] {
            try addDoor(side.0, side.1, (i + k + 4) % 4, doorColors[(i + k + 6) % 6], locked: true, blocked: blocked, &world)
          }
        }
      }
      let corners = Array([(2, 0), (2, 2), (0, 2), (0, 0)].prefix(quarters))
      let ballRoom = world.randElem(corners)
      target = try rooms.addObject(ballRoom.0, ballRoom.1, kind: .ball, color: Self.ballToFind, &world).object
      try rooms.placeAgent(agentRoom.0, agentRoom.1, in: &world)
    }
  }

  public mutating func step(_ action: Int, _ world: inout GridWorld) -> StepOutcome {
    var o = world.applyBaseRules(action)
    if action == GridAction.pickup.rawValue && !world.carrying.isNone && world.carrying == target {
      o = StepOutcome(reward: world.successReward, terminated: true)
    }
    return o
  }

  /// From options: `key_in_box`, `blocked`, and for the maze `agent_room` (`[i, j]`),
  /// `num_quarters` (1–4), `num_rooms_visited` (sets `max_steps`).
  public static func environment(oneDoor: Bool, v1: Bool = false) -> @Sendable (Options) throws -> MiniGridEnvironment<ObstructedMaze> {
    { options in
      let o = try GridOptions(options, name: "ObstructedMaze", allowed: oneDoor ? ["key_in_box", "blocked"] : ["key_in_box", "blocked", "agent_room", "num_quarters", "num_rooms_visited"])
      let keyInBox = try o.bool("key_in_box", default: true), blocked = try o.bool("blocked", default: true)
      let task: ObstructedMaze
      let visited: Int
      if oneDoor {
        task = ObstructedMaze(layout: .oneDoor, keyInBox: keyInBox, blocked: blocked, v1: v1)
        visited = 2
      } else {
        let room = try o.point("agent_room", default: GridPoint(1, 1)) ?? GridPoint(1, 1)
        guard (0..<3).contains(room.x), (0..<3).contains(room.y) else {
          throw OptionError("option 'agent_room' of ObstructedMaze must be [i, j] with i, j in 0...2, got \(room)")
        }
        let quarters = try o.int("num_quarters", default: 4, in: 1...4)
        visited = try o.int("num_rooms_visited", default: 25, in: 1...1000)
        task = ObstructedMaze(layout: .full(agentRoom: (room.x, room.y), quarters: quarters), keyInBox: keyInBox, blocked: blocked, v1: v1)
      }
      let world = try o.world(width: task.rooms.width, height: task.rooms.height, maxSteps: 4 * visited * 36, seeThroughWalls: false)
      return MiniGridEnvironment(task: task, world: world, renderOptions: try o.render())
    }
  }
}
