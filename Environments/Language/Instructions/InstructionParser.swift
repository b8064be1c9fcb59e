/// What an instruction says: the task, the object it names and the goal value.
public struct ParsedInstruction: Sendable, Hashable {
  /// The task.
  public var task: LanguageTaskKind
  /// The object noun, when the template names one.
  public var object: String?
  /// The goal value in SI units (metres, radians, fraction).
  public var value: Double
  /// The template that matched.
  public var template: InstructionTemplate

  /// The quantity the value measures.
  public var quantity: Quantity { task.quantity }
}

/// An instruction outside the grammar: where reading stopped, and what would have been accepted.
public struct InstructionError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The full message, naming the word, its position and the accepted alternatives.
  public var message: String
  /// 1-based index of the offending word (one past the last word when the instruction ended
  /// too early).
  public var wordIndex: Int
  /// 1-based column of the offending word in the instruction (one past the end when it ended
  /// too early).
  public var column: Int
  /// What would have been accepted at that position (`"drawer"`, `a number`, `end of instruction`).
  public var expected: [String]

  public var description: String { message }
}

/// Reads instructions back into goals: the inverse of `InstructionGrammar`'s rendering.
///
/// The parser tries every template (of one task or of all), matching words exactly, value
/// phrases by the phrase tables and numbers within the quantity's spoken range. When nothing
/// matches it reports the furthest position any template reached and the words that would have
/// continued it.
public enum InstructionParser {
  /// Parses `text` against every task's templates.
  /// - Throws: `InstructionError` naming the first word no template accepts.
  public static func parse(_ text: String) throws(InstructionError) -> ParsedInstruction {
    try parse(text, templates: InstructionGrammar.templates)
  }

  /// Parses `text` against one task's templates.
  public static func parse(_ text: String, task: LanguageTaskKind) throws(InstructionError) -> ParsedInstruction {
    try parse(text, templates: InstructionGrammar.templates(for: task))
  }

  /// Parses the words of a token-id sequence (as in observations), stopping at `<pad>`.
  public static func parse(tokenIDs: some Sequence<Int32>) throws(InstructionError) -> ParsedInstruction {
    try parse(InstructionGrammar.vocabulary.decode(tokenIDs))
  }

  static func parse(_ text: String, templates: [InstructionTemplate]) throws(InstructionError) -> ParsedInstruction {
    let tokens = Tokenizer.tokenize(text)
    var matcher = Matcher(tokens: tokens)
    var found: [ParsedInstruction] = []
    for t in templates {
      matcher.match(t, t.elements[...], at: 0, object: nil, value: nil) { object, value in
        found.append(ParsedInstruction(task: t.task, object: object, value: value, template: t))
      }
    }
    if let first = found.first {
      // Templates are written so that no sentence has two readings; check anyway.
      if let other = found.first(where: { $0.task != first.task || abs($0.value - first.value) > 1e-9 }) {
        throw InstructionError(
          message: "instruction \"\(text)\" is ambiguous: it reads as \(first.task.rawValue) \(first.value) and as \(other.task.rawValue) \(other.value)",
          wordIndex: 1, column: 1, expected: [])
      }
      return first
    }
    throw matcher.error(text: text)
  }

  /// Backtracking matcher over one token sequence, remembering the furthest failure.
  struct Matcher {
    let tokens: [InstructionToken]
    var furthest = -1
    var expected: [String] = []

    init(tokens: [InstructionToken]) { self.tokens = tokens }

    mutating func fail(_ position: Int, _ what: String) {
      if position > furthest {
        furthest = position
        expected = []
      }
      if position == furthest && !expected.contains(what) { expected.append(what) }
    }

    mutating func match(
      _ template: InstructionTemplate, _ rest: ArraySlice<TemplateElement>, at p: Int,
      object: String?, value: Double?, _ accept: (String?, Double) -> Void
    ) {
      guard let head = rest.first else {
        if p == tokens.count { accept(object, value ?? .nan) } else { fail(p, "end of instruction") }
        return
      }
      let tail = rest.dropFirst()
      switch head {
      case .word(let w):
        if p < tokens.count, tokens[p].text == w {
          match(template, tail, at: p + 1, object: object, value: value, accept)
        } else {
          fail(p, "\"\(w)\"")
        }
      case .object:
        let nouns = InstructionGrammar.nouns(for: template.task)
        if p < tokens.count, nouns.contains(tokens[p].text) {
          match(template, tail, at: p + 1, object: tokens[p].text, value: value, accept)
        } else {
          for n in nouns { fail(p, "\"\(n)\"") }
        }
      case .slot(let slot):
        let quantity = template.task.quantity
        for phrase in InstructionGrammar.phrases(slot, quantity) {
          if let (end, v) = matchPhrase(phrase, quantity: quantity, at: p) {
            match(template, tail, at: end, object: object, value: v, accept)
          }
        }
      }
    }

    mutating func matchPhrase(_ phrase: ValuePhrase, quantity: Quantity, at start: Int) -> (Int, Double)? {
      var p = start
      var number: Double?
      for e in phrase.elements {
        switch e {
        case .word(let w):
          guard p < tokens.count, tokens[p].text == w else { fail(p, "\"\(w)\""); return nil }
        case .number:
          let range = quantity.spokenRange
          let want = "a number in \(Int(range.lowerBound))...\(Int(range.upperBound)) (\(quantity.spokenUnitName))"
          guard p < tokens.count, let n = tokens[p].number else { fail(p, "a number"); return nil }
          guard range.contains(n) else { fail(p, want); return nil }
          number = n
        }
        p += 1
      }
      return (p, phrase.value(for: quantity, number: number))
    }

    func error(text: String) -> InstructionError {
      let position = max(furthest, 0)
      let list = expected.count > 12 ? Array(expected.prefix(12)) + ["…"] : expected
      let alternatives = list.count == 1 ? list[0] : "one of " + list.joined(separator: ", ")
      if tokens.isEmpty {
        return InstructionError(
          message: "instruction is empty; expected \(alternatives)", wordIndex: 1, column: 1, expected: expected)
      }
      if position >= tokens.count {
        let last = tokens[tokens.count - 1]
        return InstructionError(
          message: "instruction \"\(text)\" ends too early after word \(tokens.count) (\"\(last.text)\"); expected \(alternatives)",
          wordIndex: tokens.count + 1, column: text.count + 1, expected: expected)
      }
      let token = tokens[position]
      let known = InstructionGrammar.vocabulary.contains(token.text) || token.number != nil
      return InstructionError(
        message: "instruction \"\(text)\" is outside the grammar at word \(position + 1) (column \(token.column)): \(known ? "unexpected" : "unknown") word \"\(token.text)\"; expected \(alternatives)",
        wordIndex: position + 1, column: token.column, expected: expected)
    }
  }
}
