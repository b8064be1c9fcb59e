/// One word of an instruction, with where it starts in the text.
public struct InstructionToken: Sendable, Hashable {
  /// The word, lower-cased (`30`, `%`, `drawer`).
  public var text: String
  /// 1-based column of its first character in the original instruction.
  public var column: Int

  /// A token.
  public init(_ text: String, column: Int) {
    self.text = text
    self.column = column
  }

  /// The number the token spells (`30`, `12.5`), if it is one.
  public var number: Double? {
    guard let first = text.unicodeScalars.first, ("0"..."9").contains(first) else { return nil }
    return Double(text)
  }
}

/// Splits instructions into lower-cased words.
///
/// Whitespace and hyphens separate words; `%` is a word of its own (`30%` → `30`, `%`);
/// the punctuation `. , ; : ! ?` and quotes are dropped. Apostrophes stay inside words.
public enum Tokenizer {
  /// The words of `text`, with their columns.
  /// - Complexity: O(characters).
  public static func tokenize(_ text: String) -> [InstructionToken] {
    var tokens: [InstructionToken] = []
    var current = ""
    var start = 0
    var column = 0
    func flush() {
      if !current.isEmpty { tokens.append(InstructionToken(current, column: start)) }
      current = ""
    }
    for ch in text {
      column += 1
      if ch.isWhitespace || ch == "-" || ch == "\"" {
        flush()
      } else if ch == "%" {
        flush()
        tokens.append(InstructionToken("%", column: column))
      } else if ",;:!?".contains(ch) {
        flush()
      } else if ch == "." {
        // A decimal point between digits stays; any other full stop ends the word.
        if let last = current.last, last.isNumber { current.append(ch) } else { flush() }
      } else {
        if current.isEmpty { start = column }
        current.append(contentsOf: ch.lowercased())
      }
    }
    flush()
    // A trailing full stop after a number ("30.") is punctuation, not a decimal point.
    for i in tokens.indices where tokens[i].text.hasSuffix(".") { tokens[i].text.removeLast() }
    return tokens
  }
}

/// A fixed vocabulary: every word the instruction grammar can produce, with stable ids.
///
/// Id 0 is `<pad>`, id 1 is `<unk>` (a word outside the grammar), then the grammar's words in
/// sorted order, then the whole numbers 0...360 as words. The vocabulary is the same for every
/// task and split, so one agent can read every task's instructions.
public struct Vocabulary: Sendable {
  /// The words by id.
  public let words: [String]
  let index: [String: Int32]

  /// The id of `<pad>`.
  public static let padID: Int32 = 0
  /// The id of `<unk>`.
  public static let unknownID: Int32 = 1

  /// A vocabulary of `<pad>`, `<unk>`, then `words` (deduplicated, sorted), then the numbers.
  public init(grammarWords: some Sequence<String>, numbers: ClosedRange<Int>) {
    var list = ["<pad>", "<unk>"]
    let literal = Set(grammarWords).subtracting(list).filter { Double($0) == nil }
    list += literal.sorted()
    list += numbers.map(String.init)
    words = list
    index = Dictionary(uniqueKeysWithValues: list.enumerated().map { ($1, Int32($0)) })
  }

  /// The number of words, including `<pad>` and `<unk>`.
  public var count: Int { words.count }

  /// The id of `word`, or `<unk>`'s.
  public func id(_ word: String) -> Int32 { index[word] ?? Self.unknownID }

  /// Whether `word` is in the vocabulary.
  public func contains(_ word: String) -> Bool { index[word] != nil }

  /// The ids of `text`'s words, padded with `<pad>` (or cut) to `length`.
  /// - Complexity: O(characters + length).
  public func encode(_ text: String, length: Int) -> [Int32] {
    var ids = Tokenizer.tokenize(text).prefix(length).map { id($0.text) }
    while ids.count < length { ids.append(Self.padID) }
    return ids
  }

  /// The words of `ids`, stopping at the first `<pad>`; out-of-range ids read as `<unk>`.
  public func decode(_ ids: some Sequence<Int32>) -> String {
    var out: [String] = []
    for id in ids {
      if id == Self.padID { break }
      out.append(id >= 0 && Int(id) < words.count ? words[Int(id)] : "<unk>")
    }
    return out.joined(separator: " ")
  }
}
