/// Mission text that is not a sentence of BabyAI's language.
public struct InstructionParseError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What was expected and what was found.
  public var message: String
  /// An error.
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

extension Instruction {
  /// BabyAI's 32-word vocabulary (plus the comma before "then").
  public static let vocabulary: [String] = [
    "go", "to", "pick", "up", "open", "put", "next", "the", "a", "red", "green", "blue", "purple", "yellow", "grey",
    "box", "ball", "key", "door", "object", "on", "your", "left", "right", "in", "front", "of", "you", "behind", "and",
    "then", "after",
  ]

  /// Parses a mission string back into its instruction tree, articles included; the tree's
  /// `description` is the string again.
  ///
  /// A hand-written recursive descent over the grammar in `Instruction`'s documentation.
  /// Minigrid's own missions ("get to the green goal square", …) are not sentences of this
  /// language and throw.
  /// - Throws: `InstructionParseError` saying which word was unexpected and what was allowed.
  /// - Complexity: O(words).
  public init(parsing text: String) throws {
    var p = Parser(text)
    self = try p.sentence()
    guard p.atEnd else { throw p.error("end of mission") }
  }
}

struct Parser {
  var tokens: [String]
  var i = 0

  init(_ text: String) {
    tokens = []
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      if word.hasSuffix(",") {
        if word.count > 1 { tokens.append(String(word.dropLast())) }
        tokens.append(",")
      } else {
        tokens.append(String(word))
      }
    }
  }

  var atEnd: Bool { i >= tokens.count }
  var peek: String? { i < tokens.count ? tokens[i] : nil }

  func error(_ expected: String) -> InstructionParseError {
    let found = peek.map { "'\($0)'" } ?? "the end of the mission"
    return InstructionParseError("expected \(expected) at word \(i + 1), found \(found)")
  }

  mutating func expect(_ words: String...) throws {
    for w in words {
      guard peek == w else { throw error("'\(w)'") }
      i += 1
    }
  }

  mutating func sentence() throws -> Instruction {
    let a = try clause()
    if peek == "," {
      try expect(",", "then")
      return .before(a, try clause())
    }
    if peek == "after" {
      try expect("after", "you")
      return .after(a, try clause())
    }
    return a
  }

  mutating func clause() throws -> Instruction {
    let a = try action()
    if peek == "and" {
      i += 1
      return .and(a, try action())
    }
    return a
  }

  mutating func action() throws -> Instruction {
    switch peek {
    case "go":
      try expect("go", "to")
      return .goTo(try object())
    case "pick":
      try expect("pick", "up")
      let d = try object()
      guard d.type != .door else { throw InstructionParseError("doors cannot be picked up (word \(i))") }
      return .pickUp(d)
    case "open":
      i += 1
      let d = try object()
      guard d.type == .door else { throw InstructionParseError("only doors can be opened (word \(i))") }
      return .open(d)
    case "put":
      i += 1
      let m = try object()
      guard m.type != .door else { throw InstructionParseError("doors cannot be moved (word \(i))") }
      try expect("next", "to")
      return .putNext(move: m, fixed: try object())
    default:
      throw error("an action: 'go to', 'pick up', 'open' or 'put'")
    }
  }

  mutating func object() throws -> ObjectDescription {
    guard let art = peek.flatMap(Article.init(rawValue:)) else { throw error("'the' or 'a'") }
    i += 1
    var d = ObjectDescription(type: nil, article: art)
    if let w = peek, let c = GridColor(name: w) {
      d.color = c
      i += 1
    }
    switch peek {
    case "box": d.type = .box
    case "ball": d.type = .ball
    case "key": d.type = .key
    case "door": d.type = .door
    case "object": d.type = nil
    default: throw error(d.color == nil ? "a colour or a noun (box, ball, key, door, object)" : "a noun (box, ball, key, door, object)")
    }
    i += 1
    switch peek {
    case "on":
      try expect("on", "your")
      switch peek {
      case "left": d.location = .left
      case "right": d.location = .right
      default: throw error("'left' or 'right'")
      }
      i += 1
    case "in":
      try expect("in", "front", "of", "you")
      d.location = .front
    case "behind":
      try expect("behind", "you")
      d.location = .behind
    default: break
    }
    return d
  }
}
