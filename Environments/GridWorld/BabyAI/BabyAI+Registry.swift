import GymCore

extension BabyAILevel {
  /// BabyAI's registered ids: (id, level class, the class's keyword arguments).
  public static let registeredLevels: [(id: String, level: String, options: Options)] = {
    var out: [(String, String, Options)] = []
    func add(_ name: String, _ level: String? = nil, _ o: Options = [:], version: Int = 0) {
      out.append(("BabyAI-\(name)-v\(version)", level ?? name, o))
    }
    add("GoToRedBallGrey"); add("GoToRedBall"); add("GoToRedBallNoDists"); add("GoToObj")
    add("GoToObjS4", "GoToObj", ["room_size": 4]); add("GoToObjS6", "GoToObj", ["room_size": 6], version: 1)
    add("GoToLocal")
    for (s, n) in [(5, 2), (6, 2), (6, 3), (6, 4), (7, 4), (7, 5), (8, 2), (8, 3), (8, 4), (8, 5), (8, 6), (8, 7)] {
      add("GoToLocalS\(s)N\(n)", "GoToLocal", ["room_size": .int(s), "num_dists": .int(n)])
    }
    add("GoTo"); add("GoToOpen", "GoTo", ["doors_open": true])
    add("GoToObjMaze", "GoTo", ["num_dists": 1, "doors_open": false]); add("GoToObjMazeOpen", "GoTo", ["num_dists": 1, "doors_open": true])
    add("GoToObjMazeS4R2", "GoTo", ["num_dists": 1, "room_size": 4, "num_rows": 2, "num_cols": 2])
    for s in 4...7 { add("GoToObjMazeS\(s)", "GoTo", ["num_dists": 1, "room_size": .int(s)]) }
    add("GoToImpUnlock"); add("GoToSeq"); add("GoToSeqS5R2", "GoToSeq", ["room_size": 5, "num_rows": 2, "num_cols": 2, "num_dists": 4])
    add("GoToRedBlueBall"); add("GoToDoor"); add("GoToObjDoor")
    add("Open"); add("OpenRedDoor"); add("OpenDoor"); add("OpenDoorDebug", "OpenDoor", ["debug": true, "select_by": .null])
    add("OpenDoorColor", "OpenDoor", ["select_by": "color"]); add("OpenDoorLoc", "OpenDoor", ["select_by": "loc"])
    add("OpenTwoDoors"); add("OpenRedBlueDoors", "OpenTwoDoors", ["first_color": "red", "second_color": "blue"])
    add("OpenRedBlueDoorsDebug", "OpenTwoDoors", ["first_color": "red", "second_color": "blue", "strict": true])
    add("OpenDoorsOrderN2", "OpenDoorsOrder", ["num_doors": 2]); add("OpenDoorsOrderN4", "OpenDoorsOrder", ["num_doors": 4])
    add("OpenDoorsOrderN2Debug", "OpenDoorsOrder", ["debug": true, "num_doors": 2]); add("OpenDoorsOrderN4Debug", "OpenDoorsOrder", ["debug": true, "num_doors": 4])
    add("Pickup"); add("UnblockPickup"); add("PickupLoc"); add("PickupDist"); add("PickupDistDebug", "PickupDist", ["debug": true]); add("PickupAbove")
    add("PutNextLocal"); add("PutNextLocalS5N3", "PutNextLocal", ["room_size": 5, "num_objs": 3]); add("PutNextLocalS6N4", "PutNextLocal", ["room_size": 6, "num_objs": 4])
    for (s, n) in [(4, 1), (5, 2), (5, 1), (6, 3), (7, 4)] { add("PutNextS\(s)N\(n)", "PutNext", ["room_size": .int(s), "objs_per_room": .int(n)]) }
    for (s, n) in [(5, 2), (6, 3), (7, 4)] {
      add("PutNextS\(s)N\(n)Carrying", "PutNext", ["room_size": .int(s), "objs_per_room": .int(n), "start_carrying": true])
    }
    add("Unlock"); add("UnlockLocal"); add("UnlockLocalDist", "UnlockLocal", ["distractors": true]); add("KeyInBox")
    add("UnlockPickup"); add("UnlockPickupDist", "UnlockPickup", ["distractors": true]); add("BlockedUnlockPickup"); add("UnlockToUnlock")
    add("ActionObjDoor"); add("FindObjS5"); add("FindObjS6", "FindObjS5", ["room_size": 6]); add("FindObjS7", "FindObjS5", ["room_size": 7])
    add("KeyCorridor")
    for (s, r) in [(3, 1), (3, 2), (3, 3), (4, 3), (5, 3), (6, 3)] { add("KeyCorridorS\(s)R\(r)", "KeyCorridor", ["room_size": .int(s), "num_rows": .int(r)]) }
    add("OneRoomS8", "OneRoomS8")
    for s in [12, 16, 20] { add("OneRoomS\(s)", "OneRoomS8", ["room_size": .int(s)]) }
    add("MoveTwoAcrossS5N2", "MoveTwoAcross", ["room_size": 5, "objs_per_room": 2]); add("MoveTwoAcrossS8N9", "MoveTwoAcross", ["room_size": 8, "objs_per_room": 9])
    add("Synth"); add("SynthS5R2", "Synth", ["room_size": 5, "num_rows": 2]); add("SynthLoc"); add("SynthSeq")
    add("MiniBossLevel"); add("BossLevel"); add("BossLevelNoUnlock")
    return out
  }()

  /// The level classes `environment(level:options:)` knows.
  public static let levelClasses: [String] = Array(Set(registeredLevels.map(\.level))).sorted()

  /// Builds a BabyAI level by Minigrid class name (`"GoToLocal"`, `"BossLevel"`, …) from
  /// Minigrid's keyword arguments (`room_size`, `num_rows`, `num_cols`, `num_dists`,
  /// `max_steps`, and the class's own), plus `done_actions` (confirm success with `done`) and
  /// the common rendering options.
  /// - Throws: `OptionError` naming the unknown or malformed option and what is allowed.
  public static func environment(level: String, options: Options) throws -> MiniGridEnvironment<BabyAILevel> {
    let common = ["done_actions"]
    var allowed: [String]
    switch level {
    case "GoToRedBallGrey", "GoToRedBall", "GoToLocal", "GoToRedBlueBall": allowed = ["room_size", "num_dists"]
    case "PickupDist": allowed = ["room_size", "debug"]
    case "GoToRedBallNoDists": allowed = []
    case "PickupLoc", "OneRoomS8", "GoToObj", "FindObjS5": allowed = ["room_size"]
    case "GoTo", "GoToSeq", "Synth": allowed = ["room_size", "num_rows", "num_cols", "num_dists", "doors_open"]
    case "OpenDoor": allowed = ["room_size", "num_rows", "num_cols", "debug", "select_by"]
    case "OpenTwoDoors": allowed = ["first_color", "second_color", "strict", "num_rows", "num_cols"]
    case "OpenDoorsOrder": allowed = ["num_doors", "debug", "num_rows", "num_cols"]
    case "PutNextLocal": allowed = ["room_size", "num_objs"]
    case "PutNext": allowed = ["room_size", "objs_per_room", "start_carrying"]
    case "MoveTwoAcross": allowed = ["room_size", "objs_per_room"]
    case "UnlockLocal", "UnlockPickup": allowed = ["room_size", "num_rows", "num_cols", "distractors"]
    case "KeyCorridor": allowed = ["room_size", "num_rows", "obj_type"]
    case "SynthLoc", "SynthSeq", "MiniBossLevel", "BossLevel", "BossLevelNoUnlock":
      allowed = ["room_size", "num_rows", "num_cols", "num_dists", "locked_room_prob", "locations", "unblocking", "implicit_unlock"]
    case "GoToImpUnlock", "GoToDoor", "GoToObjDoor", "Open", "OpenRedDoor", "Pickup", "UnblockPickup", "PickupAbove", "Unlock",
      "KeyInBox", "BlockedUnlockPickup", "UnlockToUnlock", "ActionObjDoor":
      allowed = ["room_size", "num_rows", "num_cols"]
    default:
      throw OptionError("unknown BabyAI level '\(level)'; known: \(levelClasses.joined(separator: ", "))")
    }
    let o = try GridOptions(options, name: level, allowed: allowed + common)
    func size(_ d: Int) throws -> Int { try o.int("room_size", default: d, in: 3...32) }
    func rows(_ d: Int) throws -> Int { try o.int("num_rows", default: d, in: 1...8) }
    func cols(_ d: Int) throws -> Int { try o.int("num_cols", default: d, in: 1...8) }
    func dists(_ d: Int) throws -> Int { try o.int("num_dists", default: d, in: 0...200) }
    var fixed: Int? = try o.optionalInt("max_steps", default: nil, in: 1...Int.max)
    let kind: Kind
    var s = 8, r = 3, c = 3
    switch level {
    case "GoToRedBallGrey": (kind, s, r, c) = (.goToRedBallGrey(dists: try dists(7)), try size(8), 1, 1)
    case "GoToRedBall": (kind, s, r, c) = (.goToRedBall(dists: try dists(7)), try size(8), 1, 1)
    case "GoToRedBallNoDists": (kind, s, r, c) = (.goToRedBall(dists: 0), 8, 1, 1)
    case "GoToObj": (kind, s, r, c) = (.goToObj, try size(8), 1, 1)
    case "GoToLocal": (kind, s, r, c) = (.goToLocal(dists: try dists(8)), try size(8), 1, 1)
    case "GoTo": (kind, s, r, c) = (.goTo(dists: try dists(18), doorsOpen: try o.bool("doors_open", default: false)), try size(8), try rows(3), try cols(3))
    case "GoToImpUnlock": (kind, s, r, c) = (.goToImpUnlock, try size(8), try rows(3), try cols(3))
    case "GoToRedBlueBall": (kind, s, r, c) = (.goToRedBlueBall(dists: try dists(7)), try size(8), 1, 1)
    case "GoToDoor": (kind, s, r, c) = (.goToDoor, try size(7), try rows(3), try cols(3))
    case "GoToObjDoor": (kind, s, r, c) = (.goToObjDoor, try size(8), try rows(3), try cols(3))
    case "Open": (kind, s, r, c) = (.open, try size(8), try rows(3), try cols(3))
    case "OpenRedDoor": (kind, s, r, c) = (.openRedDoor, try size(5), try rows(1), try cols(2))
    case "OpenDoor":
      let by = try o.string("select_by", default: nil, allowed: ["color", "loc"])
      (kind, s, r, c) = (.openDoor(debug: try o.bool("debug", default: false), selectBy: by), try size(8), try rows(3), try cols(3))
    case "OpenTwoDoors":
      kind = .openTwoDoors(first: try o.color("first_color", default: nil), second: try o.color("second_color", default: nil), strict: try o.bool("strict", default: false))
      (s, r, c) = (6, try rows(3), try cols(3))
      fixed = fixed ?? 20 * 36
    case "OpenDoorsOrder":
      kind = .openDoorsOrder(doors: try o.int("num_doors", default: 2, in: 2...4), debug: try o.bool("debug", default: false))
      (s, r, c) = (6, try rows(3), try cols(3))
      fixed = fixed ?? 20 * 36
    case "Pickup": (kind, s, r, c) = (.pickup, try size(8), try rows(3), try cols(3))
    case "UnblockPickup": (kind, s, r, c) = (.unblockPickup, try size(8), try rows(3), try cols(3))
    case "PickupLoc":
      var g = LevelGenConfiguration()
      (g.actionKinds, g.instructionKinds, g.numDists, g.lockedRoomProbability, g.locations, g.unblocking) = (["pickup"], ["action"], 8, 0, true, false)
      (kind, s, r, c) = (.levelGen(g), try size(8), 1, 1)
    case "PickupDist": (kind, s, r, c) = (.pickupDist(debug: try o.bool("debug", default: false)), try size(7), 1, 1)
    case "PickupAbove":
      (kind, s, r, c) = (.pickupAbove, 6, try rows(3), try cols(3))
      fixed = fixed ?? 8 * 36
    case "PutNextLocal": (kind, s, r, c) = (.putNextLocal(objects: try o.int("num_objs", default: 8, in: 2...40)), try size(8), 1, 1)
    case "PutNext":
      s = try size(5)
      kind = .putNext(objectsPerRoom: try o.int("objs_per_room", default: 1, in: 1...9), startCarrying: try o.bool("start_carrying", default: false))
      (r, c) = (1, 2)
      fixed = fixed ?? 8 * s * s
    case "MoveTwoAcross":
      s = try size(5)
      kind = .moveTwoAcross(objectsPerRoom: try o.int("objs_per_room", default: 2, in: 2...9))
      (r, c) = (1, 2)
      fixed = fixed ?? 16 * s * s
    case "Unlock": (kind, s, r, c) = (.unlock, try size(8), try rows(3), try cols(3))
    case "UnlockLocal": (kind, s, r, c) = (.unlockLocal(distractors: try o.bool("distractors", default: false)), try size(8), try rows(3), try cols(3))
    case "KeyInBox": (kind, s, r, c) = (.keyInBox, try size(8), try rows(3), try cols(3))
    case "UnlockPickup":
      // Minigrid tests `max is None` (the built-in), so max_steps stays on the formula.
      (kind, s, r, c) = (.unlockPickup(distractors: try o.bool("distractors", default: false)), 6, 1, 2)
    case "BlockedUnlockPickup":
      (kind, s, r, c) = (.blockedUnlockPickup, 6, 1, 2)
      fixed = fixed ?? 16 * 36
    case "UnlockToUnlock":
      (kind, s, r, c) = (.unlockToUnlock, 6, 1, 3)
      fixed = fixed ?? 30 * 36
    case "ActionObjDoor": (kind, s, r, c) = (.actionObjDoor, try size(7), try rows(3), try cols(3))
    case "FindObjS5":
      (kind, s, r, c) = (.findObj, try size(5), 3, 3)
      fixed = fixed ?? 20 * s * s
    case "KeyCorridor":
      let t = ObjectType(name: try o.string("obj_type", default: "ball", allowed: ["ball", "box", "key"])!)!
      (kind, s, r, c) = (.keyCorridor(objectType: t), try size(6), try rows(3), 3)
      fixed = fixed ?? 30 * s * s
    case "OneRoomS8": (kind, s, r, c) = (.oneRoom, try size(8), 1, 1)
    default:
      var g = LevelGenConfiguration()
      switch level {
      case "GoToSeq": (g.actionKinds, g.lockedRoomProbability, g.locations, g.unblocking) = (["goto"], 0, false, false)
      case "Synth": (g.instructionKinds, g.locations, g.unblocking, g.implicitUnlock) = (["action"], false, true, false)
      case "SynthLoc": (g.instructionKinds, g.locations, g.unblocking, g.implicitUnlock) = (["action"], true, true, false)
      case "SynthSeq": (g.locations, g.unblocking, g.implicitUnlock) = (true, true, false)
      case "MiniBossLevel": (g.numDists, g.lockedRoomProbability) = (7, 0.25)
      case "BossLevelNoUnlock": (g.lockedRoomProbability, g.implicitUnlock) = (0, false)
      default: break
      }
      let mini = level == "MiniBossLevel"
      g.numDists = try dists(g.numDists)
      if allowed.contains("locked_room_prob"), let v = options["locked_room_prob"] {
        guard let p = v.doubleValue, (0...1).contains(p) else { throw OptionError("option 'locked_room_prob' of \(level) must be in 0...1, got \(v)") }
        g.lockedRoomProbability = p
      }
      if allowed.contains("locations") { g.locations = try o.bool("locations", default: g.locations) }
      if allowed.contains("unblocking") { g.unblocking = try o.bool("unblocking", default: g.unblocking) }
      if allowed.contains("implicit_unlock") { g.implicitUnlock = try o.bool("implicit_unlock", default: g.implicitUnlock) }
      (kind, s, r, c) = (.levelGen(g), try size(mini ? 5 : 8), try rows(mini ? 2 : 3), try cols(mini ? 2 : 3))
    }
    var task = BabyAILevel(kind: kind, roomSize: s, rows: r, cols: c, maxSteps: fixed)
    task.doneActions = try o.bool("done_actions", default: false)
    let world = try o.world(width: task.rooms.width, height: task.rooms.height, maxSteps: fixed ?? 1, seeThroughWalls: false)
    return MiniGridEnvironment(task: task, world: world, renderOptions: try o.render())
  }
}
