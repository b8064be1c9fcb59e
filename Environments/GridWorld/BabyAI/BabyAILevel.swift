import GymCore

/// The knobs of BabyAI's `LevelGen`, the generator of random instructions over a maze of
/// rooms (GoToSeq, PickupLoc, Synth*, MiniBossLevel, BossLevel*).
public struct LevelGenConfiguration: Sendable, Hashable {
  /// Distractor objects added anywhere.
  public var numDists = 18
  /// The chance of one locked room (its key elsewhere).
  public var lockedRoomProbability = 0.5
  /// Whether descriptions may use "on your left" etc.
  public var locations = true
  /// Whether objects may block paths (if not, every object must be reachable).
  public var unblocking = true
  /// Whether the target may sit behind a locked door the instruction doesn't mention.
  public var implicitUnlock = true
  /// Among `goto`, `pickup`, `open`, `putnext`.
  public var actionKinds = ["goto", "pickup", "open", "putnext"]
  /// Among `action`, `and`, `seq`.
  public var instructionKinds = ["action", "and", "seq"]

  /// The defaults (BossLevel's).
  public init() {}
}

/// A BabyAI level: a `RoomGrid` furnished by one of BabyAI's level generators, an
/// instruction, and its verifier (Minigrid's `RoomGridLevel` and subclasses).
///
/// Generation draws from the world's generator in Minigrid's order, rejecting and redrawing
/// whole samples as Minigrid does, so a level and a seed give Minigrid's grid and mission
/// string. The step adds the verifier to Minigrid's base rules: success ends the episode with
/// the success reward, failure with 0. Unless the level fixes it,
/// `max_steps = room² · rows · cols · navigations`.
public struct BabyAILevel: MiniGridTask {
  /// Which generator.
  public enum Kind: Sendable, Hashable {
    case goToRedBallGrey(dists: Int), goToRedBall(dists: Int), goToObj, goToLocal(dists: Int)
    case goTo(dists: Int, doorsOpen: Bool), goToImpUnlock, goToRedBlueBall(dists: Int), goToDoor, goToObjDoor
    case open, openRedDoor, openDoor(debug: Bool, selectBy: String?)
    case openTwoDoors(first: GridColor?, second: GridColor?, strict: Bool), openDoorsOrder(doors: Int, debug: Bool)
    case pickup, unblockPickup, pickupDist(debug: Bool), pickupAbove
    case putNextLocal(objects: Int), putNext(objectsPerRoom: Int, startCarrying: Bool)
    case unlock, unlockLocal(distractors: Bool), keyInBox, unlockPickup(distractors: Bool), blockedUnlockPickup, unlockToUnlock
    case actionObjDoor, findObj, keyCorridor(objectType: ObjectType), oneRoom, moveTwoAcross(objectsPerRoom: Int)
    case levelGen(LevelGenConfiguration)
  }

  /// The generator.
  public var kind: Kind
  /// The rooms (regenerated every episode).
  public var rooms: RoomGrid
  /// A fixed `max_steps`, or nil for the navigation formula.
  public var fixedMaxSteps: Int?
  /// Whether success must be confirmed with the `done` action (Minigrid's
  /// `BABYAI_DONE_ACTIONS`).
  public var doneActions = false
  /// This episode's instruction, with articles.
  public internal(set) var instruction: Instruction = .goTo(ObjectDescription(type: .ball))
  /// This episode's verifier.
  public private(set) var verifier: InstructionVerifier?
  /// Samples rejected while generating the current episode (Minigrid prints one line each).
  public private(set) var rejectedSamples = 0
  /// Rejected samples over all episodes.
  public private(set) var totalRejectedSamples = 0

  var strictActions: [Bool] = []
  var lockedRoom: Int? = nil
  var carryAfterReset = WorldObject.none

  /// A level.
  public init(kind: Kind, roomSize: Int = 8, rows: Int = 3, cols: Int = 3, maxSteps: Int? = nil) {
    self.kind = kind
    rooms = RoomGrid(roomSize: roomSize, rows: rows, cols: cols)
    fixedMaxSteps = maxSteps
  }

  /// Whether the level is a `LevelGen` with unblocking (enables the locked-key check).
  var unblocking: Bool? { if case .levelGen(let c) = kind { c.unblocking } else { nil } }

  public mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) {
    rejectedSamples = 0
    var attempts = 0
    while true {
      attempts += 1
      if attempts > 100_000 { throw GridGenerationError("no valid sample after 100000 attempts") }
      world.clear()
      rooms.generate(&world)
      strictActions = []
      carryAfterReset = .none
      do throws(GridGenerationError) {
        try generateMission(&world)
        try validate(instruction, world)
      } catch {
        rejectedSamples += 1
        continue
      }
      break
    }
    totalRejectedSamples += rejectedSamples
    let v = InstructionVerifier(instruction, world: world, rooms: rooms, strictActions: strictActions, doneActions: doneActions)
    verifier = v
    instruction = v.instruction
    world.mission = instruction.description
    world.maxSteps = fixedMaxSteps ?? instruction.navigationCount * rooms.roomSize * rooms.roomSize * rooms.rows * rooms.cols
  }

  public mutating func didReset(_ world: inout GridWorld) {
    if !carryAfterReset.isNone {
      world[world.position(of: carryAfterReset)] = .empty
      world.carrying = carryAfterReset
    }
  }

  public mutating func step(_ action: Int, _ world: inout GridWorld) -> StepOutcome {
    var o = world.applyBaseRules(action)
    if action == GridAction.drop.rawValue { verifier!.refreshPositions(in: world) }
    switch verifier!.verify(action, world) {
    case .success: o = StepOutcome(reward: world.successReward, terminated: true)
    case .failure: o = StepOutcome(reward: 0, terminated: true)
    case .continue: break
    }
    return o
  }

  // MARK: - Validation

  /// `validate_instrs`: put-next pairs must be distinct and apart; with unblocking, no
  /// instruction may involve a key that opens a locked door.
  func validate(_ instr: Instruction, _ world: GridWorld) throws(GridGenerationError) {
    var lockedColors: [GridColor] = []
    if unblocking == true {
      for r in rooms.rooms {
        for d in r.doors {
          if let door = d.door, world[world.position(of: door)].state == DoorState.locked.rawValue { lockedColors.append(door.color) }
        }
      }
    }
    try validate(instr, world, lockedColors)
  }

  func validate(_ instr: Instruction, _ world: GridWorld, _ lockedColors: [GridColor]) throws(GridGenerationError) {
    func checkKey(_ d: ObjectDescription) throws(GridGenerationError) {
      guard unblocking == true else { return }
      if d.type == .key, let c = d.color, lockedColors.contains(c) {
        throw GridGenerationError("cannot do anything with/to a key that can be used to open a door", rejected: true)
      }
    }
    switch instr {
    case .putNext(let m, let f):
      let mm = MatchedObjects(m, in: world, rooms: rooms), fm = MatchedObjects(f, in: world, rooms: rooms)
      for (a, pa) in zip(mm.objects, mm.fixedPositions) {
        for (b, pb) in zip(fm.objects, fm.fixedPositions) where a.id != 0 ? a.id == b.id : (b.id == 0 && pa == pb) {
          throw GridGenerationError("there are objects that match both lhs and rhs of PutNext", rejected: true)
        }
      }
      for a in mm.objects {
        let pa = a.id != 0 ? world.position(of: a) : .nowhere
        if fm.positions.contains(where: { $0.manhattan(pa) == 1 }) {
          throw GridGenerationError("objs already next to each other", rejected: true)
        }
      }
      try checkKey(m)
      try checkKey(f)
    case .goTo(let d), .pickUp(let d), .open(let d):
      try checkKey(d)
    case .and(let a, let b), .before(let a, let b), .after(let a, let b):
      try validate(a, world, lockedColors)
      try validate(b, world, lockedColors)
    }
  }

  /// `check_objs_reachable`: every object and door can be reached from the agent without
  /// moving anything (doors count as passable).
  func allObjectsReachable(_ world: GridWorld) -> Bool {
    var reach = [Bool](repeating: false, count: world.width * world.height)
    var stack = [world.agent]
    while let p = stack.popLast() {
      if !world.contains(p) || reach[p.y * world.width + p.x] { continue }
      reach[p.y * world.width + p.x] = true
      let c = world[p]
      if !c.isEmpty && c.type != .door { continue }
      stack.append(GridPoint(p.x + 1, p.y))
      stack.append(GridPoint(p.x - 1, p.y))
      stack.append(GridPoint(p.x, p.y + 1))
      stack.append(GridPoint(p.x, p.y - 1))
    }
    for x in 0..<world.width {
      for y in 0..<world.height {
        let c = world[x, y]
        if c.isEmpty || c.type == .wall { continue }
        if !reach[y * world.width + x] { return false }
      }
    }
    return true
  }

  func checkReachable(_ world: GridWorld) throws(GridGenerationError) {
    if !allObjectsReachable(world) { throw GridGenerationError("unreachable object", rejected: true) }
  }

  static func describe(_ o: WorldObject, typeOnly: Bool = false) -> ObjectDescription {
    ObjectDescription(type: o.type, color: typeOnly ? nil : o.color)
  }
}
