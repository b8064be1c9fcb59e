import GymCore

/// Where an object lies relative to the agent's start (BabyAI's `LOC_NAMES`).
public enum RelativeLocation: String, Sendable, CaseIterable, Hashable {
  /// `v · right < 0`.
  case left
  /// `v · right > 0`.
  case right
  /// `v · forward > 0`.
  case front
  /// `v · forward < 0`.
  case behind

  /// The words after the noun: "on your left", "in front of you", "behind you".
  public var phrase: String {
    switch self {
    case .left: "on your left"
    case .right: "on your right"
    case .front: "in front of you"
    case .behind: "behind you"
    }
  }
}

/// "the" (exactly one object matched the description when the mission was generated) or "a"
/// (several did).
public enum Article: String, Sendable, Hashable {
  /// One match.
  case the
  /// Several matches.
  case a
}

/// A description of objects in BabyAI's language (`ObjDesc`): an optional type (nil is the
/// word "object"), an optional colour and an optional location, plus the article it was
/// spoken with.
public struct ObjectDescription: Hashable, Sendable, CustomStringConvertible {
  /// `.key`, `.ball`, `.box`, `.door`, or nil for "object".
  public var type: ObjectType?
  /// The colour, if named.
  public var color: GridColor?
  /// The location, if named.
  public var location: RelativeLocation?
  /// The article; nil until the description is surfaced against a world or parsed.
  public var article: Article?

  /// A description.
  public init(type: ObjectType?, color: GridColor? = nil, location: RelativeLocation? = nil, article: Article? = nil) {
    self.type = type
    self.color = color
    self.location = location
    self.article = article
  }

  /// The noun phrase: `"the red ball"`, `"a door on your left"`, `"a grey object"`
  /// (article "the" when unknown).
  public var description: String {
    var s = type.map { "\($0)" } ?? "object"
    if let color { s = "\(color) " + s }
    if let location { s += " " + location.phrase }
    return (article ?? .the).rawValue + " " + s
  }

  /// Whether `object` has the described type and colour (location is not checked).
  @inlinable public func matchesKind(_ object: WorldObject) -> Bool {
    (type == nil || object.type == type!) && (color == nil || object.color == color!)
  }
}

/// An instruction of BabyAI's language: the verifier tree of `minigrid.envs.babyai.core.verifier`.
///
/// ```
/// Sentence := Clause | Clause ", then " Clause | Clause " after you " Clause
/// Clause   := Action | Action " and " Action
/// Action   := "go to " Obj | "pick up " Obj | "open " Obj | "put " Obj " next to " Obj
/// ```
/// `description` prints the exact mission string (with the articles the descriptions carry);
/// `Instruction(parsing:)` reads one back.
public indirect enum Instruction: Hashable, Sendable, CustomStringConvertible {
  /// Go next to (face) a matching object.
  case goTo(ObjectDescription)
  /// Pick up a matching object.
  case pickUp(ObjectDescription)
  /// Open a matching door.
  case open(ObjectDescription)
  /// Drop a `move` match 4-adjacent to a `fixed` match.
  case putNext(move: ObjectDescription, fixed: ObjectDescription)
  /// Both, in any order.
  case and(Instruction, Instruction)
  /// "A, then B": A first.
  case before(Instruction, Instruction)
  /// "A after you B": B first.
  case after(Instruction, Instruction)

  /// The mission string.
  public var description: String {
    switch self {
    case .goTo(let d): "go to \(d)"
    case .pickUp(let d): "pick up \(d)"
    case .open(let d): "open \(d)"
    case .putNext(let m, let f): "put \(m) next to \(f)"
    case .and(let a, let b): "\(a) and \(b)"
    case .before(let a, let b): "\(a), then \(b)"
    case .after(let a, let b): "\(a) after you \(b)"
    }
  }

  /// Whether this is a single action (not `and`, `before` or `after`).
  public var isAction: Bool {
    switch self {
    case .goTo, .pickUp, .open, .putNext: true
    default: false
    }
  }

  /// The actions in order of appearance (depth first, left to right).
  public var actions: [Instruction] {
    switch self {
    case .and(let a, let b), .before(let a, let b), .after(let a, let b): a.actions + b.actions
    default: [self]
    }
  }

  /// Navigations the instruction needs (`num_navs_needed`): 2 per put-next, 1 per other
  /// action.
  public var navigationCount: Int {
    switch self {
    case .putNext: 2
    case .goTo, .pickUp, .open: 1
    case .and(let a, let b), .before(let a, let b), .after(let a, let b): a.navigationCount + b.navigationCount
    }
  }

  /// The same tree with every article replaced by `f(description)`.
  public func mapDescriptions(_ f: (ObjectDescription) -> ObjectDescription) -> Instruction {
    switch self {
    case .goTo(let d): .goTo(f(d))
    case .pickUp(let d): .pickUp(f(d))
    case .open(let d): .open(f(d))
    case .putNext(let m, let x): .putNext(move: f(m), fixed: f(x))
    case .and(let a, let b): .and(a.mapDescriptions(f), b.mapDescriptions(f))
    case .before(let a, let b): .before(a.mapDescriptions(f), b.mapDescriptions(f))
    case .after(let a, let b): .after(a.mapDescriptions(f), b.mapDescriptions(f))
    }
  }
}

// MARK: - JSON

extension ObjectDescription {
  /// `{"color": …, "type": …, "loc": …, "article": …}` with nulls for what is unnamed.
  public var json: JSONValue {
    [
      "color": color.map { .string("\($0)") } ?? .null, "type": type.map { .string("\($0)") } ?? .null,
      "loc": location.map { .string($0.rawValue) } ?? .null, "article": article.map { .string($0.rawValue) } ?? .null,
    ]
  }

  /// A description from its JSON form.
  public init(json: JSONValue) throws {
    guard case .object(let o) = json else { throw InstructionParseError("an object description must be a JSON object") }
    func field(_ k: String) -> String? { o[k]?.stringValue }
    if let t = field("type") {
      guard let type = ObjectType(name: t), [.key, .ball, .box, .door].contains(type) else {
        throw InstructionParseError("unknown object type '\(t)'; allowed: box, ball, key, door or null")
      }
      self.type = type
    }
    if let c = field("color") {
      guard let color = GridColor(name: c) else { throw InstructionParseError("unknown colour '\(c)'") }
      self.color = color
    }
    if let l = field("loc") {
      guard let loc = RelativeLocation(rawValue: l) else { throw InstructionParseError("unknown location '\(l)'") }
      location = loc
    }
    if let a = field("article") {
      guard let art = Article(rawValue: a) else { throw InstructionParseError("unknown article '\(a)'") }
      article = art
    }
  }
}

extension Instruction {
  /// The tree as JSON, as `babyai_missions.py` writes it: `{"op": "goto", "obj": …}`,
  /// `{"op": "putnext", "move": …, "fixed": …}`, `{"op": "and" | "before" | "after", "a": …, "b": …}`.
  public var json: JSONValue {
    switch self {
    case .goTo(let d): ["op": "goto", "obj": d.json]
    case .pickUp(let d): ["op": "pickup", "obj": d.json]
    case .open(let d): ["op": "open", "obj": d.json]
    case .putNext(let m, let f): ["op": "putnext", "move": m.json, "fixed": f.json]
    case .and(let a, let b): ["op": "and", "a": a.json, "b": b.json]
    case .before(let a, let b): ["op": "before", "a": a.json, "b": b.json]
    case .after(let a, let b): ["op": "after", "a": a.json, "b": b.json]
    }
  }

  /// A tree from its JSON form.
  /// - Throws: `InstructionParseError` naming the bad field.
  public init(json: JSONValue) throws {
    guard let op = json["op"]?.stringValue else { throw InstructionParseError("an instruction needs an \"op\"") }
    func sub(_ k: String) throws -> JSONValue {
      guard let v = json[k] else { throw InstructionParseError("\"\(op)\" needs \"\(k)\"") }
      return v
    }
    switch op {
    case "goto": self = .goTo(try ObjectDescription(json: try sub("obj")))
    case "pickup": self = .pickUp(try ObjectDescription(json: try sub("obj")))
    case "open": self = .open(try ObjectDescription(json: try sub("obj")))
    case "putnext": self = .putNext(move: try ObjectDescription(json: try sub("move")), fixed: try ObjectDescription(json: try sub("fixed")))
    case "and": self = .and(try Instruction(json: try sub("a")), try Instruction(json: try sub("b")))
    case "before": self = .before(try Instruction(json: try sub("a")), try Instruction(json: try sub("b")))
    case "after": self = .after(try Instruction(json: try sub("a")), try Instruction(json: try sub("b")))
    default: throw InstructionParseError("unknown op '\(op)'; allowed: goto, pickup, open, putnext, and, before, after")
    }
  }
}
