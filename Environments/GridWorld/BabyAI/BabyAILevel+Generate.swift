extension BabyAILevel {
  static let objectTypes: [ObjectType] = [.box, .ball, .key, .door]
  static let objectTypesNotDoor: [ObjectType] = [.box, .ball, .key]
  static let locations: [RelativeLocation] = [.left, .right, .front, .behind]

  /// `gen_mission` of each level class, in Minigrid's order of draws.
  mutating func generateMission(_ w: inout GridWorld) throws(GridGenerationError) {
    func desc(_ o: WorldObject) -> ObjectDescription { Self.describe(o) }
    switch kind {
    case .goToRedBallGrey(let n):
      try rooms.placeAgent(in: &w)
      let obj = try rooms.addObject(0, 0, kind: .ball, color: .red, &w).object
      let dists = try rooms.addDistractors(count: n, allUnique: false, &w)
      for d in dists {
        var g = d
        g.color = .grey
        w[w.position(of: d)] = g
      }
      try checkReachable(w)
      instruction = .goTo(desc(obj))
    case .goToRedBall(let n):
      try rooms.placeAgent(in: &w)
      let obj = try rooms.addObject(0, 0, kind: .ball, color: .red, &w).object
      try rooms.addDistractors(count: n, allUnique: false, &w)
      try checkReachable(w)
      instruction = .goTo(desc(obj))
    case .goToObj:
      try rooms.placeAgent(in: &w)
      let objs = try rooms.addDistractors(count: 1, &w)
      instruction = .goTo(desc(objs[0]))
    case .goToLocal(let n):
      try rooms.placeAgent(in: &w)
      let objs = try rooms.addDistractors(count: n, allUnique: false, &w)
      try checkReachable(w)
      instruction = .goTo(desc(w.randElem(objs)))
    case .goTo(let n, let open):
      try rooms.placeAgent(in: &w)
      try rooms.connectAll(&w)
      let objs = try rooms.addDistractors(count: n, allUnique: false, &w)
      try checkReachable(w)
      instruction = .goTo(desc(w.randElem(objs)))
      if open { openAllDoors(&w) }
    case .goToImpUnlock:
      let id = w.randInt(0, rooms.cols), jd = w.randInt(0, rooms.rows)
      let door = rooms.addDoor(id, jd, locked: true, &w).door
      let locked = rooms.index(id, jd)
      // Minigrid compares numpy integers with `is`, so the key may land in the locked room.
      let ik = w.randInt(0, rooms.cols), jk = w.randInt(0, rooms.rows)
      try rooms.addObject(ik, jk, kind: .key, color: door.color, &w)
      try rooms.connectAll(&w)
      // … and `i is not id` always holds: every room gets distractors.
      for i in 0..<rooms.cols { for j in 0..<rooms.rows { try rooms.addDistractors(i, j, count: 2, allUnique: false, &w) } }
      repeat { try rooms.placeAgent(in: &w) } while rooms.roomIndex(at: w.agent) == locked
      try checkReachable(w)
      let obj = try rooms.addDistractors(id, jd, count: 1, allUnique: false, &w)[0]
      instruction = .goTo(desc(obj))
    case .goToRedBlueBall(let n):
      try rooms.placeAgent(in: &w)
      let dists = try rooms.addDistractors(count: n, allUnique: false, &w)
      for d in dists where d.type == .ball && (d.color == .blue || d.color == .red) {
        throw GridGenerationError("can only have one blue or red ball", rejected: true)
      }
      let color = w.randElem([GridColor.red, .blue])
      let obj = try rooms.addObject(0, 0, kind: .ball, color: color, &w).object
      try checkReachable(w)
      instruction = .goTo(desc(obj))
    case .goToDoor:
      var doors: [WorldObject] = []
      for _ in 0..<4 { doors.append(rooms.addDoor(1, 1, &w).door) }
      try rooms.placeAgent(1, 1, in: &w)
      let d = w.randElem(doors)
      instruction = .goTo(ObjectDescription(type: .door, color: d.color))
    case .goToObjDoor:
      try rooms.placeAgent(1, 1, in: &w)
      var objs = try rooms.addDistractors(1, 1, count: 8, allUnique: false, &w)
      for _ in 0..<4 { objs.append(rooms.addDoor(1, 1, &w).door) }
      try checkReachable(w)
      instruction = .goTo(desc(w.randElem(objs)))
    case .open:
      try rooms.placeAgent(in: &w)
      try rooms.connectAll(&w)
      try rooms.addDistractors(count: 18, allUnique: false, &w)
      try checkReachable(w)
      var doors: [WorldObject] = []
      for i in 0..<rooms.cols {
        for j in 0..<rooms.rows { for d in rooms[i, j].doors { if let door = d.door { doors.append(door) } } }
      }
      instruction = .open(desc(w.randElem(doors)))
    case .openRedDoor:
      rooms.addDoor(0, 0, doorIndex: 0, color: .red, locked: false, &w)
      try rooms.placeAgent(0, 0, in: &w)
      instruction = .open(ObjectDescription(type: .door, color: .red))
    case .openDoor(let debug, let selectBy):
      let colors = w.randSubset(GridColor.sampleOrder, 4)
      var objs: [WorldObject] = []
      for (i, c) in colors.enumerated() { objs.append(rooms.addDoor(1, 1, doorIndex: i, color: c, locked: false, &w).door) }
      let by = selectBy ?? w.randElem(["color", "loc"])
      let d = by == "color"
        ? ObjectDescription(type: .door, color: objs[0].color)
        : ObjectDescription(type: .door, location: w.randElem(Self.locations))
      try rooms.placeAgent(1, 1, in: &w)
      instruction = .open(d)
      strictActions = [debug]
    case .openTwoDoors(let first, let second, let strict):
      let colors = w.randSubset(GridColor.sampleOrder, 2)
      let d1 = rooms.addDoor(1, 1, doorIndex: 2, color: first ?? colors[0], locked: false, &w).door
      let d2 = rooms.addDoor(1, 1, doorIndex: 0, color: second ?? colors[1], locked: false, &w).door
      try rooms.placeAgent(1, 1, in: &w)
      instruction = .before(.open(desc(d1)), .open(desc(d2)))
      strictActions = [strict, false]
    case .openDoorsOrder(let n, let debug):
      let colors = w.randSubset(GridColor.sampleOrder, n)
      var doors: [WorldObject] = []
      for i in 0..<n { doors.append(rooms.addDoor(1, 1, color: colors[i], locked: false, &w).door) }
      try rooms.placeAgent(1, 1, in: &w)
      let pair = w.randSubset(doors, 2)
      let mode = w.randInt(0, 3)
      switch mode {
      case 0: instruction = .open(desc(pair[0]))
      case 1: instruction = .before(.open(desc(pair[0])), .open(desc(pair[1])))
      default: instruction = .after(.open(desc(pair[0])), .open(desc(pair[1])))
      }
      strictActions = [debug, debug]
    case .pickup:
      try rooms.placeAgent(in: &w)
      try rooms.connectAll(&w)
      let objs = try rooms.addDistractors(count: 18, allUnique: false, &w)
      try checkReachable(w)
      instruction = .pickUp(desc(w.randElem(objs)))
    case .unblockPickup:
      try rooms.placeAgent(in: &w)
      try rooms.connectAll(&w)
      let objs = try rooms.addDistractors(count: 20, allUnique: false, &w)
      if allObjectsReachable(w) { throw GridGenerationError("all objects reachable", rejected: true) }
      instruction = .pickUp(desc(w.randElem(objs)))
    case .pickupDist(let debug):
      let objs = try rooms.addDistractors(count: 5, &w)
      try rooms.placeAgent(0, 0, in: &w)
      let obj = w.randElem(objs)
      var d = desc(obj)
      switch w.randElem(["type", "color", "both"]) {
      case "color": d.type = nil
      case "type": d.color = nil
      default: break
      }
      instruction = .pickUp(d)
      strictActions = [debug]
    case .pickupAbove:
      let obj = try rooms.addObject(1, 0, &w).object
      rooms.addDoor(1, 1, doorIndex: 3, locked: false, &w)
      try rooms.placeAgent(1, 1, in: &w)
      try rooms.connectAll(&w)
      instruction = .pickUp(desc(obj))
    case .putNextLocal(let n):
      try rooms.placeAgent(in: &w)
      let objs = try rooms.addDistractors(count: n, allUnique: true, &w)
      try checkReachable(w)
      let pair = w.randSubset(objs, 2)
      instruction = .putNext(move: desc(pair[0]), fixed: desc(pair[1]))
    case .putNext(let n, let carrying):
      try rooms.placeAgent(0, 0, in: &w)
      let left = try rooms.addDistractors(0, 0, count: n, &w)
      let right = try rooms.addDistractors(1, 0, count: n, &w)
      rooms.removeWall(0, 0, 0, &w)
      var a = w.randElem(left), b = w.randElem(right)
      if w.randBool() { swap(&a, &b) }
      if carrying { carryAfterReset = a }
      instruction = .putNext(move: desc(a), fixed: desc(b))
    case .unlock:
      let id = w.randInt(0, rooms.cols), jd = w.randInt(0, rooms.rows)
      let door = rooms.addDoor(id, jd, locked: true, &w).door
      let locked = rooms.index(id, jd)
      let ik = w.randInt(0, rooms.cols), jk = w.randInt(0, rooms.rows)
      try rooms.addObject(ik, jk, kind: .key, color: door.color, &w)
      if w.randBool() {
        try rooms.connectAll(colors: GridColor.sampleOrder.filter { $0 != door.color }, &w)
      } else {
        try rooms.connectAll(&w)
      }
      for i in 0..<rooms.cols { for j in 0..<rooms.rows { try rooms.addDistractors(i, j, count: 3, allUnique: false, &w) } }
      repeat { try rooms.placeAgent(in: &w) } while rooms.roomIndex(at: w.agent) == locked
      try checkReachable(w)
      instruction = .open(desc(door))
    case .unlockLocal(let distractors):
      let door = rooms.addDoor(1, 1, locked: true, &w).door
      try rooms.addObject(1, 1, kind: .key, color: door.color, &w)
      if distractors { try rooms.addDistractors(1, 1, count: 3, &w) }
      try rooms.placeAgent(1, 1, in: &w)
      instruction = .open(ObjectDescription(type: .door))
    case .keyInBox:
      let door = rooms.addDoor(1, 1, locked: true, &w).door
      let key = w.register(.key(door.color))
      let box = w.register(.box(w.randColor()))
      w.setContents(of: box, to: key)
      try rooms.placeInRoom(1, 1, box, &w)
      try rooms.placeAgent(1, 1, in: &w)
      instruction = .open(ObjectDescription(type: .door))
    case .unlockPickup(let distractors):
      let obj = try rooms.addObject(1, 0, kind: .box, &w).object
      let door = rooms.addDoor(0, 0, doorIndex: 0, locked: true, &w).door
      try rooms.addObject(0, 0, kind: .key, color: door.color, &w)
      if distractors { try rooms.addDistractors(count: 4, &w) }
      try rooms.placeAgent(0, 0, in: &w)
      instruction = .pickUp(desc(obj))
    case .blockedUnlockPickup:
      let obj = try rooms.addObject(1, 0, kind: .box, &w).object
      let (door, pos) = rooms.addDoor(0, 0, doorIndex: 0, locked: true, &w)
      let c = w.randColor()
      w.put(.ball(c), pos.x - 1, pos.y)
      try rooms.addObject(0, 0, kind: .key, color: door.color, &w)
      try rooms.placeAgent(0, 0, in: &w)
      instruction = .pickUp(ObjectDescription(type: obj.type))
    case .unlockToUnlock:
      let colors = w.randSubset(GridColor.sampleOrder, 2)
      rooms.addDoor(0, 0, doorIndex: 0, color: colors[0], locked: true, &w)
      try rooms.addObject(2, 0, kind: .key, color: colors[0], &w)
      rooms.addDoor(1, 0, doorIndex: 0, color: colors[1], locked: true, &w)
      try rooms.addObject(1, 0, kind: .key, color: colors[1], &w)
      let obj = try rooms.addObject(0, 0, kind: .ball, &w).object
      try rooms.placeAgent(1, 0, in: &w)
      instruction = .pickUp(ObjectDescription(type: obj.type))
    case .actionObjDoor:
      var objs = try rooms.addDistractors(1, 1, count: 5, &w)
      for _ in 0..<4 { objs.append(rooms.addDoor(1, 1, locked: false, &w).door) }
      try rooms.placeAgent(1, 1, in: &w)
      let obj = w.randElem(objs)
      let d = desc(obj)
      if obj.type == .door {
        instruction = w.randBool() ? .goTo(d) : .open(d)
      } else {
        instruction = w.randBool() ? .goTo(d) : .pickUp(d)
      }
    case .findObj:
      let i = w.randInt(0, rooms.rows), j = w.randInt(0, rooms.cols)
      let obj = try rooms.addObject(i, j, &w).object
      try rooms.placeAgent(1, 1, in: &w)
      try rooms.connectAll(&w)
      instruction = .pickUp(ObjectDescription(type: obj.type))
    case .keyCorridor(let type):
      for j in 1..<rooms.rows { rooms.removeWall(1, j, 3, &w) }
      let row = w.randInt(0, rooms.rows)
      let door = rooms.addDoor(2, row, doorIndex: 2, locked: true, &w).door
      let obj = try rooms.addObject(2, row, kind: type, &w).object
      let keyRow = w.randInt(0, rooms.rows)
      try rooms.addObject(0, keyRow, kind: .key, color: door.color, &w)
      try rooms.placeAgent(1, rooms.rows / 2, in: &w)
      try rooms.connectAll(&w)
      instruction = .pickUp(ObjectDescription(type: obj.type))
    case .oneRoom:
      let obj = try rooms.addObject(0, 0, kind: .ball, &w).object
      try rooms.placeAgent(in: &w)
      instruction = .pickUp(ObjectDescription(type: obj.type))
    case .moveTwoAcross(let n):
      try rooms.placeAgent(0, 0, in: &w)
      var left = try rooms.addDistractors(0, 0, count: n, &w)
      var right = try rooms.addDistractors(1, 0, count: n, &w)
      rooms.removeWall(0, 0, 0, &w)
      left = w.randSubset(left, 2)
      right = w.randSubset(right, 2)
      instruction = .before(.putNext(move: desc(left[0]), fixed: desc(right[0])), .putNext(move: desc(right[1]), fixed: desc(left[1])))
    case .levelGen(let c):
      try generateLevelGen(c, &w)
    }
  }

  /// `open_all_doors`.
  func openAllDoors(_ w: inout GridWorld) {
    for r in rooms.rooms {
      for d in r.doors {
        if let door = d.door {
          let p = w.position(of: door)
          w[p] = w[p].withDoorState(.open)
        }
      }
    }
  }

  // MARK: - LevelGen

  mutating func generateLevelGen(_ c: LevelGenConfiguration, _ w: inout GridWorld) throws(GridGenerationError) {
    lockedRoom = nil
    if w.randFloat(0, 1) < c.lockedRoomProbability { try addLockedRoom(&w) }
    try rooms.connectAll(&w)
    try rooms.addDistractors(count: c.numDists, allUnique: false, &w)
    while true {
      try rooms.placeAgent(in: &w)
      if rooms.roomIndex(at: w.agent) == lockedRoom { continue }
      break
    }
    if !c.unblocking { try checkReachable(w) }
    instruction = try randomInstruction(c, actionKinds: c.actionKinds, instructionKinds: c.instructionKinds, &w)
  }

  mutating func addLockedRoom(_ w: inout GridWorld) throws(GridGenerationError) {
    var door: WorldObject
    while true {
      let i = w.randInt(0, rooms.cols), j = w.randInt(0, rooms.rows), d = w.randInt(0, 4)
      lockedRoom = rooms.index(i, j)
      if rooms[i, j].neighbors[d] == nil { continue }
      door = rooms.addDoor(i, j, doorIndex: d, locked: true, &w).door
      break
    }
    while true {
      let i = w.randInt(0, rooms.cols), j = w.randInt(0, rooms.rows)
      if rooms.index(i, j) == lockedRoom { continue }
      try rooms.addObject(i, j, kind: .key, color: door.color, &w)
      break
    }
  }

  /// `rand_obj`: draws descriptions until one matches an object (outside the locked room
  /// unless implicit unlocking is allowed).
  func randomObject(_ c: LevelGenConfiguration, types: [ObjectType], _ w: inout GridWorld) throws(GridGenerationError) -> ObjectDescription {
    var tries = 0
    while true {
      if tries > 100 { throw GridGenerationError("failed to find suitable object") }
      tries += 1
      let color = w.randElem([nil] + GridColor.sampleOrder.map { Optional($0) })
      let type = w.randElem(types)
      var loc: RelativeLocation? = nil
      if c.locations && w.randBool() { loc = w.randElem(Self.locations) }
      let d = ObjectDescription(type: type, color: color, location: loc)
      let m = MatchedObjects(d, in: w, rooms: rooms)
      if m.objects.isEmpty { continue }
      if !c.implicitUnlock, let locked = lockedRoom {
        let room = rooms.rooms[locked]
        if m.positions.allSatisfy({ room.contains($0) }) { continue }
      }
      return d
    }
  }

  /// `rand_instr`.
  func randomInstruction(_ c: LevelGenConfiguration, actionKinds: [String], instructionKinds: [String], _ w: inout GridWorld)
    throws(GridGenerationError) -> Instruction
  {
    switch w.randElem(instructionKinds) {
    case "action":
      switch w.randElem(actionKinds) {
      case "goto": return .goTo(try randomObject(c, types: Self.objectTypes, &w))
      case "pickup": return .pickUp(try randomObject(c, types: Self.objectTypesNotDoor, &w))
      case "open": return .open(try randomObject(c, types: [.door], &w))
      default:
        let m = try randomObject(c, types: Self.objectTypesNotDoor, &w)
        return .putNext(move: m, fixed: try randomObject(c, types: Self.objectTypes, &w))
      }
    case "and":
      let a = try randomInstruction(c, actionKinds: actionKinds, instructionKinds: ["action"], &w)
      let b = try randomInstruction(c, actionKinds: actionKinds, instructionKinds: ["action"], &w)
      return .and(a, b)
    default:
      let a = try randomInstruction(c, actionKinds: actionKinds, instructionKinds: ["action", "and"], &w)
      let b = try randomInstruction(c, actionKinds: actionKinds, instructionKinds: ["action", "and"], &w)
      return w.randElem(["before", "after"]) == "before" ? .before(a, b) : .after(a, b)
    }
  }
}
