/// What a verifier says after a step.
public enum VerifierStatus: Sendable, Hashable {
  /// Not finished.
  case `continue`
  /// The instruction was carried out.
  case success
  /// The instruction can no longer be carried out (strict levels, `done` without success).
  case failure
}

/// The objects a description matched: their identities and current positions
/// (`ObjDesc.obj_set` / `obj_poss`).
public struct MatchedObjects: Sendable, Hashable {
  /// The description.
  public var description: ObjectDescription
  /// Matched objects as placed (with ids); cells without an id (walls) are identified by
  /// their position.
  public var objects: [WorldObject]
  /// Where each identity-less match sits (parallel to `objects`; `.nowhere` for objects
  /// with ids).
  var fixedPositions: [GridPoint]
  /// The positions of the matched objects still on the map, refreshed after drops.
  public var positions: [GridPoint]

  /// Matches `description` in `world` (`find_matching_objs` with locations): scans x then y;
  /// a location keeps only cells in the agent's room on that side of the agent.
  public init(_ description: ObjectDescription, in world: GridWorld, rooms: RoomGrid) {
    self.description = description
    objects = []
    fixedPositions = []
    positions = []
    let room = rooms.room(at: world.agent)
    let f = world.forwardVector, r = world.rightVector
    for x in 0..<world.width {
      for y in 0..<world.height {
        let cell = world[x, y]
        if cell.isEmpty || !description.matchesKind(cell) { continue }
        let p = GridPoint(x, y)
        if let loc = description.location {
          if !room.contains(p) { continue }
          let v = p - world.agent
          let ok: Bool
          switch loc {
          case .left: ok = v.dot(r) < 0
          case .right: ok = v.dot(r) > 0
          case .front: ok = v.dot(f) > 0
          case .behind: ok = v.dot(f) < 0
          }
          if !ok { continue }
        }
        objects.append(cell)
        fixedPositions.append(cell.id == 0 ? p : .nowhere)
        positions.append(p)
      }
    }
  }

  /// Whether `object` (by identity) is one of the matches.
  @inlinable public func contains(_ object: WorldObject) -> Bool {
    object.id != 0 && objects.contains { $0.id == object.id }
  }

  /// Refreshes `positions` from the map for the matched objects (`use_location=False`).
  public mutating func refreshPositions(in world: GridWorld) {
    positions.removeAll(keepingCapacity: true)
    for x in 0..<world.width {
      for y in 0..<world.height {
        let cell = world[x, y]
        if cell.isEmpty { continue }
        let p = GridPoint(x, y)
        let tracked = cell.id != 0 ? objects.contains { $0.id == cell.id } : fixedPositions.contains(p)
        if tracked && description.matchesKind(cell) { positions.append(p) }
      }
    }
  }

  /// The article this match count gives: "the" for one, "a" for several.
  public var article: Article { objects.count > 1 ? .a : .the }
}

/// Decides success or failure of an instruction step by step: BabyAI's verifier objects
/// (`GoToInstr`, `PickupInstr`, `OpenInstr`, `PutNextInstr`, `AndInstr`, `BeforeInstr`,
/// `AfterInstr`) as a value.
///
/// Built at reset (`reset_verifier`): every description is matched against the world then,
/// and the matched set is frozen for the episode; only positions are refreshed after drops.
public struct InstructionVerifier: Sendable {
  enum Kind: UInt8 { case goTo, pickUp, open, putNext, and, before, after }
  /// Python's `a_done`/`b_done`: initially `False` (here `nil`), then the last status.
  struct Node: Sendable {
    var kind: Kind
    var a = -1, b = -1
    var match0: MatchedObjects?
    var match1: MatchedObjects?
    var strict = false
    var preCarrying = WorldObject.none
    var lastStepMatch = false
    var aDone: VerifierStatus? = nil
    var bDone: VerifierStatus? = nil
  }

  var nodes: [Node] = []
  var root = 0
  /// Whether `done` is the only way to finish (Minigrid's `BABYAI_DONE_ACTIONS`).
  public var doneActions: Bool
  /// The instruction with the articles its matches give.
  public private(set) var instruction: Instruction

  /// A verifier for `instruction` in `world` as it is now.
  /// - Parameters:
  ///   - strictActions: per action in `instruction.actions` order, whether it is strict
  ///     (debug levels: a wrong open or pickup fails).
  ///   - doneActions: whether success must be confirmed with `done`.
  public init(_ instruction: Instruction, world: GridWorld, rooms: RoomGrid, strictActions: [Bool] = [], doneActions: Bool = false) {
    self.doneActions = doneActions
    self.instruction = instruction
    var leaf = 0
    root = build(instruction, world, rooms, strictActions, &leaf)
    self.instruction = surfaced(root)
  }

  mutating func build(_ i: Instruction, _ w: GridWorld, _ rooms: RoomGrid, _ strict: [Bool], _ leaf: inout Int) -> Int {
    var n: Node
    func isStrict(_ leaf: inout Int) -> Bool {
      defer { leaf += 1 }
      return leaf < strict.count && strict[leaf]
    }
    switch i {
    case .goTo(let d):
      n = Node(kind: .goTo, match0: MatchedObjects(d, in: w, rooms: rooms))
      n.strict = isStrict(&leaf)
    case .pickUp(let d):
      n = Node(kind: .pickUp, match0: MatchedObjects(d, in: w, rooms: rooms))
      n.strict = isStrict(&leaf)
    case .open(let d):
      n = Node(kind: .open, match0: MatchedObjects(d, in: w, rooms: rooms))
      n.strict = isStrict(&leaf)
    case .putNext(let m, let f):
      n = Node(kind: .putNext, match0: MatchedObjects(m, in: w, rooms: rooms), match1: MatchedObjects(f, in: w, rooms: rooms))
      n.strict = isStrict(&leaf)
    case .and(let a, let b), .before(let a, let b), .after(let a, let b):
      let kind: Kind = if case .and = i { .and } else if case .before = i { .before } else { .after }
      let ia = build(a, w, rooms, strict, &leaf)
      let ib = build(b, w, rooms, strict, &leaf)
      n = Node(kind: kind, a: ia, b: ib)
    }
    nodes.append(n)
    return nodes.count - 1
  }

  func surfaced(_ k: Int) -> Instruction {
    let n = nodes[k]
    func d(_ m: MatchedObjects?) -> ObjectDescription {
      var x = m!.description
      x.article = m!.article
      return x
    }
    switch n.kind {
    case .goTo: return .goTo(d(n.match0))
    case .pickUp: return .pickUp(d(n.match0))
    case .open: return .open(d(n.match0))
    case .putNext: return .putNext(move: d(n.match0), fixed: d(n.match1))
    case .and: return .and(surfaced(n.a), surfaced(n.b))
    case .before: return .before(surfaced(n.a), surfaced(n.b))
    case .after: return .after(surfaced(n.a), surfaced(n.b))
    }
  }

  /// The matches of every description, in `instruction.actions` order (put-next: move, fixed).
  public var matches: [MatchedObjects] {
    nodes.flatMap { [$0.match0, $0.match1].compactMap { $0 } }
  }

  /// Whether a put-next's moved object is already 4-adjacent to a fixed match (`objs_next`,
  /// used to reject samples). Only meaningful for a put-next root.
  public func objectsAlreadyNext(in world: GridWorld) -> Bool {
    let n = nodes[root]
    guard n.kind == .putNext, let m = n.match0, let f = n.match1 else { return false }
    for o in m.objects {
      let pa = o.id != 0 ? world.position(of: o) : .nowhere
      for pb in f.positions where pa.manhattan(pb) == 1 { return true }
    }
    return false
  }

  /// Refreshes the tracked positions (after a drop; `update_objs_poss`).
  public mutating func refreshPositions(in world: GridWorld) {
    for k in nodes.indices {
      nodes[k].match0?.refreshPositions(in: world)
      nodes[k].match1?.refreshPositions(in: world)
    }
  }

  /// Judges the step that just applied `action` to `world`.
  public mutating func verify(_ action: Int, _ world: GridWorld) -> VerifierStatus {
    verify(root, action, world) ?? .continue
  }

  // Python returns None from an action's verify when done-actions are on and the action is
  // not `done`; nil plays that role.
  mutating func verify(_ k: Int, _ action: Int, _ w: GridWorld) -> VerifierStatus? {
    switch nodes[k].kind {
    case .and:
      if nodes[k].aDone != .success { nodes[k].aDone = verify(nodes[k].a, action, w) }
      if nodes[k].bDone != .success { nodes[k].bDone = verify(nodes[k].b, action, w) }
      if doneActions && action == GridAction.done.rawValue && nodes[k].aDone == .failure && nodes[k].bDone == .failure {
        return .failure
      }
      return nodes[k].aDone == .success && nodes[k].bDone == .success ? .success : .continue
    case .before:
      if nodes[k].aDone == .success {
        nodes[k].bDone = verify(nodes[k].b, action, w)
        if nodes[k].bDone == .failure { return .failure }
        if nodes[k].bDone == .success { return .success }
      } else {
        nodes[k].aDone = verify(nodes[k].a, action, w)
        if nodes[k].aDone == .failure { return .failure }
        if nodes[k].aDone == .success { return verify(k, action, w) }
        if nodes[k].strict && verify(nodes[k].b, action, w) == .success { return .failure }
      }
      return .continue
    case .after:
      if nodes[k].bDone == .success {
        nodes[k].aDone = verify(nodes[k].a, action, w)
        if nodes[k].aDone == .success { return .success }
        if nodes[k].aDone == .failure { return .failure }
      } else {
        nodes[k].bDone = verify(nodes[k].b, action, w)
        if nodes[k].bDone == .failure { return .failure }
        if nodes[k].bDone == .success { return verify(k, action, w) }
        if nodes[k].strict && verify(nodes[k].a, action, w) == .success { return .failure }
      }
      return .continue
    default:
      if !doneActions { return verifyAction(k, action, w) }
      if action == GridAction.done.rawValue { return nodes[k].lastStepMatch ? .success : .failure }
      nodes[k].lastStepMatch = verifyAction(k, action, w) == .success
      return nil
    }
  }

  mutating func verifyAction(_ k: Int, _ action: Int, _ w: GridWorld) -> VerifierStatus {
    switch nodes[k].kind {
    case .goTo:
      let f = w.front
      return nodes[k].match0!.positions.contains(f) ? .success : .continue
    case .open:
      guard action == GridAction.toggle.rawValue else { return .continue }
      let front = w[w.front]
      if front.isOpenDoor && nodes[k].match0!.contains(front) { return .success }
      if nodes[k].strict && front.type == .door { return .failure }
      return .continue
    case .pickUp:
      let pre = nodes[k].preCarrying
      nodes[k].preCarrying = w.carrying
      guard action == GridAction.pickup.rawValue else { return .continue }
      if pre.isNone && !w.carrying.isNone && nodes[k].match0!.contains(w.carrying) { return .success }
      if nodes[k].strict && !w.carrying.isNone { return .failure }
      nodes[k].preCarrying = w.carrying
      return .continue
    case .putNext:
      let pre = nodes[k].preCarrying
      nodes[k].preCarrying = w.carrying
      if nodes[k].strict && action == GridAction.pickup.rawValue && !w.carrying.isNone { return .failure }
      guard action == GridAction.drop.rawValue else { return .continue }
      guard !pre.isNone, nodes[k].match0!.contains(pre) else { return .continue }
      let pa = w.position(of: pre)
      for pb in nodes[k].match1!.positions where pa.manhattan(pb) == 1 { return .success }
      return .continue
    default:
      return .continue
    }
  }
}
