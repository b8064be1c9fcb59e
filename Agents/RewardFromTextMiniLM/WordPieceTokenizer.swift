import Foundation

/// BERT's uncased tokenizer, as Hugging Face's fast `BertTokenizer` runs it for
/// all-MiniLM-L6-v2: text normalisation, splitting into words and punctuation, greedy
/// longest-match WordPiece, then `[CLS] … [SEP]`.
///
/// Normalisation (the `BertNormalizer` of `tokenizer.json`): NUL, U+FFFD and control or format
/// characters (Unicode category C*, except tab, newline and carriage return) are dropped;
/// white space becomes a space; CJK ideographs get spaces around them, so each is a word;
/// accents are stripped (canonical decomposition, non-spacing marks dropped); letters are
/// lower-cased one scalar at a time. Words are split at white space, and every punctuation
/// character (ASCII punctuation and symbols, Unicode P*) is a word of its own. A word longer
/// than `maxCharactersPerWord` scalars, or one that the vocabulary cannot cover with a prefix
/// and `##` continuations, becomes `[UNK]`. The texts `[CLS]`, `[SEP]`, `[PAD]`, `[UNK]` and
/// `[MASK]` in the input are those special tokens, as in the fast tokenizer.
public struct WordPieceTokenizer: Sendable {
  /// The tokens by id.
  public let vocabulary: [String]
  /// Ids by the UTF-8 bytes of the token (exact bytes, as Hugging Face matches them, not
  /// Swift's canonical string equality).
  let ids: [[UInt8]: Int32]
  /// Longer words become `[UNK]`.
  public let maxCharactersPerWord: Int
  /// The ids of `[CLS]`, `[SEP]`, `[UNK]` and `[PAD]`.
  public let cls: Int32, sep: Int32, unknown: Int32, pad: Int32
  let specials: [(text: [Unicode.Scalar], id: Int32)]

  /// A vocabulary problem: a missing file or special token, or a duplicate entry.
  public struct VocabularyError: Error, CustomStringConvertible, Sendable {
    /// What was wrong.
    public var description: String
  }

  /// A tokenizer over `vocabulary` (one token per id, in id order).
  /// - Throws: `VocabularyError` when a special token is missing or a token occurs twice.
  public init(vocabulary: [String], maxCharactersPerWord: Int = 100) throws(VocabularyError) {
    var ids: [[UInt8]: Int32] = [:]
    ids.reserveCapacity(vocabulary.count)
    for (i, token) in vocabulary.enumerated() {
      if let first = ids.updateValue(Int32(i), forKey: Array(token.utf8)) {
        throw VocabularyError(description: "the vocabulary has '\(token)' twice (ids \(first) and \(i))")
      }
    }
    func special(_ s: String) throws(VocabularyError) -> Int32 {
      guard let id = ids[Array(s.utf8)] else { throw VocabularyError(description: "the vocabulary has no \(s) token; is it a BERT vocab.txt?") }
      return id
    }
    self.vocabulary = vocabulary
    self.ids = ids
    self.maxCharactersPerWord = maxCharactersPerWord
    cls = try special("[CLS]")
    sep = try special("[SEP]")
    unknown = try special("[UNK]")
    pad = try special("[PAD]")
    var specials: [(text: [Unicode.Scalar], id: Int32)] = []
    for s in ["[CLS]", "[SEP]", "[UNK]", "[PAD]", "[MASK]"] {
      if let id = ids[Array(s.utf8)] { specials.append((Array(s.unicodeScalars), id)) }
    }
    self.specials = specials
  }

  /// Reads a `vocab.txt` (one token per line, line number = id).
  /// - Throws: `VocabularyError` naming the path when it cannot be read or is not a BERT vocabulary.
  public init(vocabularyFile path: String) throws(VocabularyError) {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw VocabularyError(description: "cannot read the vocabulary '\(path)': \(error.localizedDescription)")
    }
    guard let text = String(data: data, encoding: .utf8) else { throw VocabularyError(description: "'\(path)' is not UTF-8 text") }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) }
    if lines.last == "" { lines.removeLast() }
    do { try self.init(vocabulary: lines) } catch { throw VocabularyError(description: "\(path): \(error.description)") }
  }

  /// The token ids of `text`: `[CLS]`, at most `maxLength − 2` word pieces, `[SEP]`.
  /// - Precondition: `maxLength ≥ 2`.
  /// - Complexity: O(n · w) for n characters and words of at most w characters.
  public func encode(_ text: String, maxLength: Int = 256) -> [Int32] {
    precondition(maxLength >= 2, "a sequence needs room for [CLS] and [SEP], got maxLength \(maxLength)")
    var out: [Int32] = [cls]
    let limit = maxLength - 1
    for piece in splitSpecials(Array(text.unicodeScalars)) {
      if out.count >= limit { break }
      switch piece {
      case .special(let id): out.append(id)
      case .text(let scalars):
        for word in words(normalize(scalars)) {
          if out.count >= limit { break }
          wordPieces(word, into: &out, limit: limit)
        }
      }
    }
    out.append(sep)
    return out
  }

  /// The tokens of `text` as strings (for inspection).
  public func tokens(_ text: String, maxLength: Int = 256) -> [String] { encode(text, maxLength: maxLength).map { vocabulary[Int($0)] } }

  // MARK: - Steps

  enum Piece { case special(Int32), text([Unicode.Scalar]) }

  /// The text cut at special-token texts.
  func splitSpecials(_ s: [Unicode.Scalar]) -> [Piece] {
    var pieces: [Piece] = []
    var start = 0, i = 0
    scan: while i < s.count {
      if s[i] == "[" {
        for (text, id) in specials where i + text.count <= s.count && s[i..<(i + text.count)].elementsEqual(text) {
          if start < i { pieces.append(.text(Array(s[start..<i]))) }
          pieces.append(.special(id))
          i += text.count
          start = i
          continue scan
        }
      }
      i += 1
    }
    if start < s.count { pieces.append(.text(Array(s[start...]))) }
    return pieces
  }

  /// Cleaned, CJK-spaced, accent-stripped, lower-cased scalars.
  func normalize(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
    var cleaned = String.UnicodeScalarView()
    for c in s {
      if c.value == 0 || c.value == 0xFFFD || Self.isControl(c) { continue }
      if Self.isWhitespace(c) {
        cleaned.append(" ")
      } else if Self.isCJK(c) {
        cleaned.append(" ")
        cleaned.append(c)
        cleaned.append(" ")
      } else {
        cleaned.append(c)
      }
    }
    let decomposed = String(cleaned).decomposedStringWithCanonicalMapping
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(s.count)
    for c in decomposed.unicodeScalars where c.properties.generalCategory != .nonspacingMark {
      if c.properties.changesWhenLowercased {
        out.append(contentsOf: c.properties.lowercaseMapping.unicodeScalars)
      } else {
        out.append(c)
      }
    }
    return out
  }

  /// Words: runs between white space, with each punctuation character a word of its own.
  func words(_ s: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
    var out: [ArraySlice<Unicode.Scalar>] = []
    var start = 0
    for i in s.indices {
      let c = s[i]
      if c.properties.isWhitespace {
        if start < i { out.append(s[start..<i]) }
        start = i + 1
      } else if Self.isPunctuation(c) {
        if start < i { out.append(s[start..<i]) }
        out.append(s[i...i])
        start = i + 1
      }
    }
    if start < s.count { out.append(s[start...]) }
    return out
  }

  /// Greedy longest-match word pieces of `word`, or `[UNK]`, appended to `out` up to `limit`.
  func wordPieces(_ word: ArraySlice<Unicode.Scalar>, into out: inout [Int32], limit: Int) {
    if word.count > maxCharactersPerWord {
      out.append(unknown)
      return
    }
    // Byte offsets of each scalar, so a candidate piece is a byte range.
    var bytes: [UInt8] = []
    var offsets: [Int] = [0]
    for c in word {
      bytes.append(contentsOf: String(c).utf8)
      offsets.append(bytes.count)
    }
    var pieces: [Int32] = []
    var start = 0
    let n = word.count
    while start < n {
      var end = n
      var found: Int32?
      while start < end {
        var key: [UInt8] = start > 0 ? [0x23, 0x23] : []
        key.append(contentsOf: bytes[offsets[start]..<offsets[end]])
        if let id = ids[key] {
          found = id
          break
        }
        end -= 1
      }
      guard let id = found else {
        pieces = [unknown]
        break
      }
      pieces.append(id)
      start = end
    }
    for id in pieces {
      if out.count >= limit { return }
      out.append(id)
    }
  }

  // MARK: - Character classes (as in Hugging Face tokenizers)

  /// Control and format characters, unassigned and private-use code points (C*), except tab,
  /// newline and carriage return, which count as white space.
  static func isControl(_ c: Unicode.Scalar) -> Bool {
    if c == "\t" || c == "\n" || c == "\r" { return false }
    switch c.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned: return true
    default: return false
    }
  }

  static func isWhitespace(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }

  /// ASCII punctuation and symbols, and every Unicode punctuation category.
  static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
    let v = c.value
    if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) { return true }
    switch c.properties.generalCategory {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation:
      return true
    default: return false
    }
  }

  /// The CJK Unified Ideographs blocks and their extensions and compatibility ideographs
  /// (not kana or Hangul, which BERT splits into word pieces).
  static func isCJK(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F,
      0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
      return true
    default: return false
    }
  }
}
