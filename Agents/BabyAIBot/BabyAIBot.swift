import GymCore
import GymGridWorld

/// Why the bot gave up on a mission.
public struct BabyAIBotError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What went wrong.
  public var message: String
  /// An error.
  public init(_ message: String) { self.message = message }
  public var description: String { "BabyAI bot: \(message)" }
}

/// BabyAI's expert planner (Minigrid's `BabyAIBot`): a stack of subgoals — go next to,
/// open, close, pick up, drop, explore — built from the instruction and revised every step
/// from what the agent has seen so far.
///
/// The bot reads the world (not only the observation) but plans only over cells it has seen
/// in its 7×7 views, as Minigrid's bot does: unknown targets are found by exploring the
/// closest unseen cell or the closest unopened door; objects in the way are moved to a drop
/// cell that keeps the neighbourhood connected; locked doors send it to fetch the key of
/// their colour first. Objects are tracked by identity, so their positions are always
/// current.
///
/// Use: make one per episode after `reset`, then call `replan(_:lastAction:)` before every
/// step with the action taken last (nil at the start) and take the action it returns.
public struct BabyAIBot: Sendable {
  /// What a go-next-to subgoal heads for.
  enum Target: Sendable, Equatable {
    case position(GridPoint)
    /// An index into `descriptions`: the closest visible match.
    case description(Int)
    /// One object, by identity.
    case object(WorldObject)
  }

  enum Reason: Sendable, Equatable { case none, open, putNext, explore, unlock, keepKey }

  enum Subgoal: Sendable, Equatable {
    case close, open(Reason), drop, pickup, explore
    case goNextTo(Target, Reason)

    var isExploratory: Bool {
      switch self {
      case .explore, .goNextTo(_, .explore): true
      default: false
      }
    }
  }

  /// The objects each description matched (instruction descriptions first, then the key
  /// descriptions the bot makes for locked doors).
  var descriptions: [[WorldObject]]
  /// Cells seen so far, `[y * width + x]`.
  var seen: [Bool]
  /// The plan; the last element is the current subgoal.
  var stack: [Subgoal] = []
  let width: Int, height: Int

  var previousAgent = GridPoint.nowhere
  var previousCarrying = WorldObject.none
  var frontDoorWasOpen = false
  var previousFront = WorldObject.none

  // BFS scratch space.
  var previous: [Int32]
  var order: [Int32] = []
  var queue: [(cell: Int32, dx: Int8, dy: Int8, from: Int32)] = []

  /// A bot for the episode that `world` has just started, with the instruction and matches
  /// of `verifier`.
  public init(world: GridWorld, verifier: InstructionVerifier) {
    width = world.width
    height = world.height
    seen = [Bool](repeating: false, count: world.width * world.height)
    previous = [Int32](repeating: -2, count: world.width * world.height)
    descriptions = verifier.matches.map(\.objects)
    var leaf = 0
    process(verifier.instruction, &leaf)
  }

  /// Pushes the subgoals of `instruction` (the last pushed runs first).
  mutating func process(_ instruction: Instruction, _ leaf: inout Int) {
    switch instruction {
    case .goTo:
      stack.append(.goNextTo(.description(leaf), .none))
      leaf += 1
    case .open:
      stack.append(.open(.none))
      stack.append(.goNextTo(.description(leaf), .open))
      leaf += 1
    case .pickUp:
      stack.append(.drop)
      stack.append(.pickup)
      stack.append(.goNextTo(.description(leaf), .none))
      leaf += 1
    case .putNext:
      stack.append(.drop)
      stack.append(.goNextTo(.description(leaf + 1), .putNext))
      stack.append(.pickup)
      stack.append(.goNextTo(.description(leaf), .none))
      leaf += 2
    case .before(let a, let b), .and(let a, let b):
      // Leaves are numbered left to right; the stack runs a first.
      var la = leaf
      var lb = leaf + a.leafCount
      process(b, &lb)
      process(a, &la)
      leaf = lb
    case .after(let a, let b):
      var la = leaf
      var lb = leaf + a.leafCount
      process(a, &la)
      process(b, &lb)
      leaf = lb
    }
  }

  /// Whether the plan is empty (the bot then answers `done`).
  public var isFinished: Bool { stack.isEmpty }

  /// Updates what the bot has seen, revises the plan in view of `lastAction` (the action
  /// taken since the previous call, nil at the start) and returns the next action.
  /// - Throws: `BabyAIBotError` when the mission cannot be completed (a box was opened,
  ///   nothing is left to explore, no place to drop an object).
  public mutating func replan(_ world: GridWorld, lastAction: Int?) throws(BabyAIBotError) -> Int {
    for (k, v) in world.visibleCells().enumerated() where v { seen[k] = true }
    if lastAction == GridAction.toggle.rawValue && previousFront.type == .box && !previousFront.isNone {
      throw BabyAIBotError("a box was opened; its contents may be gone")
    }
    if let lastAction, let top = stack.last { try after(top, lastAction, world) }
    while let top = stack.last, top.isExploratory { stack.removeLast() }
    var action: Int? = nil
    var rounds = 0
    while let top = stack.last {
      rounds += 1
      if rounds > 200 { throw BabyAIBotError("the plan does not converge") }
      action = try before(top, world)
      if action != nil { break }
    }
    if stack.isEmpty { action = GridAction.done.rawValue }
    previousAgent = world.agent
    previousCarrying = world.carrying
    let front = world.cellOrWall(world.front)
    if front.type == .door { frontDoorWasOpen = front.isOpenDoor }
    previousFront = front
    return action!
  }

  // MARK: - Subgoals before the action

  mutating func before(_ subgoal: Subgoal, _ w: GridWorld) throws(BabyAIBotError) -> Int? {
    let front = w.cellOrWall(w.front)
    switch subgoal {
    case .close:
      guard front.isOpenDoor else { throw BabyAIBotError("closing something that is not an open door") }
      return GridAction.toggle.rawValue
    case .drop:
      guard !w.carrying.isNone, front.isEmpty else { throw BabyAIBotError("cannot drop here") }
      return GridAction.drop.rawValue
    case .pickup:
      guard w.carrying.isNone else { throw BabyAIBotError("already carrying an object") }
      return GridAction.pickup.rawValue
    case .open(let reason):
      guard front.type == .door else { throw BabyAIBotError("opening something that is not a door") }
      let locked = front.state == DoorState.locked.rawValue
      let hasKey = w.carrying.type == .key && w.carrying.color == front.color
      if locked && !hasKey {
        let key = keyDescription(front.color, w)
        stack.removeLast()
        if !w.carrying.isNone {
          let dropAt = try dropPosition(w)
          stack.append(.pickup)
          stack.append(.goNextTo(.position(dropAt), .none))
          stack.append(.open(.none))
          stack.append(.goNextTo(.position(w.front), .none))
          stack.append(.pickup)
          stack.append(.goNextTo(key, .none))
          stack.append(.drop)
          stack.append(.goNextTo(.position(dropAt), .none))
        } else {
          stack.append(.open(.none))
          stack.append(.goNextTo(.position(w.front), .none))
          stack.append(.pickup)
          stack.append(.goNextTo(key, .none))
        }
        return nil
      }
      if front.isOpenDoor {
        stack.append(.close)
        return nil
      }
      if locked && reason == .none {
        stack.removeLast()
        stack.append(.open(.unlock))
        return nil
      }
      return GridAction.toggle.rawValue
    case .explore:
      return try explore(w)
    case .goNextTo(let target, let reason):
      return try goNextTo(target, reason, w)
    }
  }

  mutating func keyDescription(_ color: GridColor, _ w: GridWorld) -> Target {
    var keys: [WorldObject] = []
    for (o, _) in w.objectsOnMap() where o.type == .key && o.color == color { keys.append(o) }
    descriptions.append(keys)
    return .description(descriptions.count - 1)
  }

  mutating func goNextTo(_ target: Target, _ reason: Reason, _ w: GridWorld) throws(BabyAIBotError) -> Int? {
    let pos = w.agent, fwd = w.front, right = w.rightVector
    let front = w.cellOrWall(fwd)
    var targetObject: WorldObject? = nil
    let targetPos: GridPoint
    switch target {
    case .description(let k):
      guard let (o, p) = closestMatch(k, adjacent: reason == .putNext, w) else {
        stack.append(.explore)
        return nil
      }
      targetObject = o
      targetPos = p
    case .object(let o):
      targetObject = w.cellOrWall(w.position(of: o))
      targetPos = w.position(of: o)
    case .position(let p):
      targetPos = p
    }

    // Heading for a locked door without its key: fetch the key first.
    if reason == .open, let door = targetObject, door.type == .door, door.state == DoorState.locked.rawValue, w.carrying.isNone {
      let key = keyDescription(door.color, w)
      stack.removeLast()
      stack.append(.goNextTo(.object(door), .open))
      stack.append(.pickup)
      stack.append(.goNextTo(key, .none))
      return nil
    }

    // Standing on the cell to face: step off it.
    if targetPos.manhattan(pos) == (reason == .putNext ? 1 : 0) {
      func steppable(_ c: WorldObject) -> Bool { c.isEmpty || c.isOpenDoor }
      if steppable(front) { return GridAction.forward.rawValue }
      if steppable(w.cellOrWall(pos + right)) { return GridAction.right.rawValue }
      if steppable(w.cellOrWall(pos - right)) { return GridAction.left.rawValue }
      return GridAction.left.rawValue
    }

    if reason == .putNext {
      if targetPos.manhattan(fwd) == 1 {
        if front.isEmpty {
          stack.removeLast()
          return nil
        }
        if front.isOpenDoor {
          // No dropping in a doorway: move the target object instead.
          stack.append(.goNextTo(.position(fwd + w.forwardVector * 2), .none))
          return nil
        }
      }
    } else if targetPos == fwd {
      stack.removeLast()
      return nil
    }

    var found = shortestPath(w, tryWithBlockers: false) { p, _ in p == targetPos }
    if found.path?.isEmpty ?? true { found = shortestPath(w, tryWithBlockers: true) { p, _ in p == targetPos } }
    guard let path = found.path, let next = path.first else {
      stack.append(.explore)
      return nil
    }

    if next == fwd {
      guard !front.isEmpty else { return GridAction.forward.rawValue }
      if front.type == .door {
        if front.state == DoorState.locked.rawValue { throw BabyAIBotError("the path runs through a locked door") }
        if !front.isOpenDoor {
          stack.append(.open(.none))
          return nil
        }
        return GridAction.forward.rawValue
      }
      // An object blocks the way: move it aside.
      if !w.carrying.isNone {
        let dropCurrent = try dropPosition(w)
        let dropBlocker = try dropPosition(w, except: dropCurrent)
        stack.append(.pickup)
        stack.append(.goNextTo(.position(dropCurrent), .none))
        stack.append(.drop)
        stack.append(.goNextTo(.position(dropBlocker), .none))
        stack.append(.pickup)
        stack.append(.goNextTo(.position(fwd), .none))
        stack.append(.drop)
        stack.append(.goNextTo(.position(dropCurrent), .none))
      } else {
        let dropAt = try dropPosition(w)
        stack.append(.drop)
        stack.append(.goNextTo(.position(dropAt), .none))
        stack.append(.pickup)
      }
      return nil
    }

    let d = next - pos
    if d == right { return GridAction.right.rawValue }
    if d == GridPoint(-right.x, -right.y) { return GridAction.left.rawValue }
    // The next cell is behind: turn towards the side with more room.
    let rightRoom = distanceToWallOrDoor(from: pos, along: right, w)
    let leftRoom = distanceToWallOrDoor(from: pos, along: GridPoint(-right.x, -right.y), w)
    return leftRoom > rightRoom ? GridAction.left.rawValue : GridAction.right.rawValue
  }

  mutating func explore(_ w: GridWorld) throws(BabyAIBotError) -> Int? {
    let seenNow = seen
    let width = width
    if let unseen = shortestPath(w, tryWithBlockers: true, { p, _ in !seenNow[p.y * width + p.x] }).finish {
      stack.append(.goNextTo(.position(unseen), .explore))
      return nil
    }
    var doorPos = shortestPath(w, tryWithBlockers: true) { _, c in c.type == .door && c.state == DoorState.closed.rawValue }.finish
    if doorPos == nil {
      doorPos = shortestPath(w, tryWithBlockers: true) { _, c in c.type == .door && !c.isOpenDoor }.finish
    }
    guard let doorPos else { throw BabyAIBotError("nothing left to explore") }
    let door = w[doorPos]
    let hasKey = w.carrying.type == .key && w.carrying.color == door.color
    stack.removeLast()
    stack.append(.open(door.state == DoorState.locked.rawValue && hasKey ? .keepKey : .none))
    stack.append(.goNextTo(.object(door), .open))
    return nil
  }

  // MARK: - Subgoals after the action

  mutating func after(_ subgoal: Subgoal, _ action: Int, _ w: GridWorld) throws(BabyAIBotError) {
    let turnsOrMoves = action <= GridAction.forward.rawValue
    switch subgoal {
    case .close:
      if action == GridAction.toggle.rawValue { stack.removeLast() } else if turnsOrMoves { undo(action, w) }
    case .open(let reason):
      if action == GridAction.toggle.rawValue {
        stack.removeLast()
        if reason == .unlock {
          // Chosen now, not earlier: the cell must still be free when the key is dropped.
          let dropAt = try dropPosition(w)
          stack.append(.drop)
          stack.append(.goNextTo(.position(dropAt), .none))
        }
      } else {
        undo(action, w)
      }
    case .drop:
      if action == GridAction.drop.rawValue { stack.removeLast() } else if turnsOrMoves { undo(action, w) }
    case .pickup:
      if action == GridAction.pickup.rawValue {
        stack.removeLast()
      } else if action == GridAction.left.rawValue || action == GridAction.right.rawValue {
        undo(action, w)
      }
    case .goNextTo:
      if action == GridAction.pickup.rawValue || action == GridAction.drop.rawValue || action == GridAction.toggle.rawValue {
        undo(action, w)
      }
    case .explore:
      break
    }
  }

  /// Plans to undo an action the agent took against the plan.
  mutating func undo(_ action: Int, _ w: GridWorld) {
    let pos = w.agent, right = w.rightVector
    switch action {
    case GridAction.forward.rawValue:
      if previousAgent != pos { stack.append(.goNextTo(.position(pos), .none)) }
    case GridAction.left.rawValue:
      stack.append(.goNextTo(.position(pos + right), .none))
    case GridAction.right.rawValue:
      stack.append(.goNextTo(.position(pos - right), .none))
    case GridAction.drop.rawValue where previousCarrying != w.carrying:
      stack.append(.pickup)
    case GridAction.pickup.rawValue where previousCarrying != w.carrying:
      stack.append(.drop)
    case GridAction.toggle.rawValue:
      let front = w.cellOrWall(w.front)
      if front.type == .door && frontDoorWasOpen != front.isOpenDoor {
        stack.append(front.isOpenDoor ? .close : .open(.none))
      }
    default:
      break
    }
  }

  // MARK: - Searches

  /// The closest seen match of description `k` (not the carried object), counting the
  /// detour blockers cost; nil when none is seen.
  mutating func closestMatch(_ k: Int, adjacent: Bool, _ w: GridWorld) -> (WorldObject, GridPoint)? {
    var best = 999
    var result: (WorldObject, GridPoint)? = nil
    for o in descriptions[k] where o.type != .wall && o.id != 0 && o.id != w.carrying.id {
      let p = w.position(of: o)
      guard w.contains(p), seen[p.y * width + p.x] else { continue }
      let found = shortestPath(w, tryWithBlockers: true) { q, _ in q == p }
      guard let path = found.path else { continue }
      var distance = path.count
      if found.withBlockers { distance += w.carrying.isNone ? 4 : 7 }
      if distance == 0 { distance = adjacent ? 3 : 2 }
      if adjacent && distance == 1 { distance = 3 }
      if distance < best {
        best = distance
        result = (w.cellOrWall(p), p)
      }
    }
    return result
  }

  /// How far one can look from `p` along `d` before a wall or door, within the view square.
  func distanceToWallOrDoor(from p: GridPoint, along d: GridPoint, _ w: GridWorld) -> Int {
    var distance = 1
    while true {
      let q = p + d * distance
      if w.viewPoint(of: q) == nil { return distance - 1 }
      let c = w.cellOrWall(q)
      if c.type == .door || c.type == .wall { return distance }
      distance += 1
    }
  }

  /// Breadth-first search over cells from `starts` (cell index, heading), expanding only seen
  /// cells that are walkable (open doors; objects too with `ignoreBlockers`), neighbours
  /// straight ahead first. Fills `previous` (-1 for starts) and `order` (cells in visit order).
  mutating func breadthFirst(
    _ w: GridWorld, starts: [(Int32, Int8, Int8)], ignoreBlockers: Bool, _ accept: (GridPoint, WorldObject) -> Bool
  ) -> Int32? {
    for i in order { previous[Int(i)] = -2 }
    order.removeAll(keepingCapacity: true)
    queue.removeAll(keepingCapacity: true)
    for (c, dx, dy) in starts { queue.append((c, dx, dy, -1)) }
    var head = 0
    while head < queue.count {
      let (cell, dx, dy, from) = queue[head]
      head += 1
      let ci = Int(cell)
      if previous[ci] != -2 { continue }
      previous[ci] = from
      order.append(cell)
      let p = GridPoint(ci % width, ci / width)
      let object = w[p]
      if accept(p, object) { return cell }
      if !seen[ci] { continue }
      switch object.type {
      case .empty: break
      case .wall: continue
      case .door: if !object.isOpenDoor { continue }
      default: if !ignoreBlockers { continue }
      }
      for (kx, ky) in [(dx, dy), (dy, dx), (-dy, -dx), (-dx, -dy)] {
        let q = GridPoint(p.x + Int(kx), p.y + Int(ky))
        guard w.contains(q) else { continue }
        queue.append((Int32(q.y * width + q.x), kx, ky, cell))
      }
    }
    return nil
  }

  /// The shortest path to a cell accepted by `accept`, preferring paths without blockers for
  /// as long as possible (Minigrid's `_shortest_path`): the path excludes the agent's cell.
  mutating func shortestPath(
    _ w: GridWorld, tryWithBlockers: Bool, _ accept: (GridPoint, WorldObject) -> Bool
  ) -> (path: [GridPoint]?, finish: GridPoint?, withBlockers: Bool) {
    let f = w.forwardVector
    let start = Int32(w.agent.y * width + w.agent.x)
    func chain(_ from: Int32, _ prev: [Int32]) -> [Int32] {
      var out: [Int32] = []
      var c = from
      while c >= 0 {
        out.append(c)
        c = prev[Int(c)]
      }
      return out
    }
    var withBlockers = false
    var cells: [Int32]
    if let end = breadthFirst(w, starts: [(start, Int8(f.x), Int8(f.y))], ignoreBlockers: false, accept) {
      cells = chain(end, previous)
    } else if tryWithBlockers {
      withBlockers = true
      let firstPrevious = previous
      let starts = order.map { ($0, Int8(1), Int8(0)) }
      guard let end = breadthFirst(w, starts: starts, ignoreBlockers: true, accept) else { return (nil, nil, true) }
      cells = chain(end, previous)
      cells += chain(cells.last!, firstPrevious).dropFirst()
    } else {
      return (nil, nil, false)
    }
    let finish = GridPoint(Int(cells[0]) % width, Int(cells[0]) / width)
    let path = cells.reversed().dropFirst().map { GridPoint(Int($0) % width, Int($0) / width) }
    return (path, finish, withBlockers)
  }

  /// A seen empty cell to drop an object in, preferably one whose 8 neighbours stay connected
  /// (Minigrid's `_find_drop_pos`).
  mutating func dropPosition(_ w: GridWorld, except: GridPoint? = nil) throws(BabyAIBotError) -> GridPoint {
    let seenNow = seen, width = width, agent = w.agent
    func isSeen(_ p: GridPoint) -> Bool { w.contains(p) && seenNow[p.y * width + p.x] }
    func unblocking(_ p: GridPoint, _ cell: WorldObject) -> Bool {
      if p == agent || p == except || !isSeen(p) || !cell.isEmpty { return false }
      var classes: [Int] = []
      for (k, l) in [(-1, -1), (0, -1), (1, -1), (1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0)] {
        let q = GridPoint(p.x + k, p.y + l)
        let c = w.cellOrWall(q)
        if isSeen(q) && c.type == .wall {
          classes.append(1)
        } else if isSeen(q) && (c.isEmpty || c.isOpenDoor || q == agent) && q != except {
          classes.append(0)
        } else {
          classes.append(2)
        }
      }
      var changes = 0
      for i in 0..<8 where (classes[(i + 1) % 8] != 0) != (classes[i] != 0) { changes += 1 }
      for i in 0..<8 where classes[i] == 2 && classes[(i + 7) % 8] != 0 && classes[(i + 1) % 8] != 0 { return false }
      return changes <= 2
    }
    func empty(_ p: GridPoint, _ cell: WorldObject) -> Bool {
      p != agent && p != except && isSeen(p) && cell.isEmpty
    }
    if let p = shortestPath(w, tryWithBlockers: false, unblocking).finish { return p }
    if let p = shortestPath(w, tryWithBlockers: false, empty).finish { return p }
    if let p = shortestPath(w, tryWithBlockers: true, unblocking).finish { return p }
    if let p = shortestPath(w, tryWithBlockers: true, empty).finish { return p }
    throw BabyAIBotError("no free cell to drop an object in")
  }
}

extension Instruction {
  /// Object descriptions in the tree (two per put-next).
  var leafCount: Int {
    switch self {
    case .putNext: 2
    case .goTo, .pickUp, .open: 1
    case .and(let a, let b), .before(let a, let b), .after(let a, let b): a.leafCount + b.leafCount
    }
  }
}
