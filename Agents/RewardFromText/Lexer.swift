/// A token of the reward language.
struct Token: Sendable, Equatable {
  enum Kind: Sendable, Equatable {
    case number(Double)
    case identifier(String)
    case keyword(String)
    case symbol(String)
    case end
  }
  var kind: Kind
  var position: SourcePosition

  /// The token as a user would quote it in an error message.
  var quoted: String {
    switch kind {
    case .number(let v): return "number \(formatNumber(v))"
    case .identifier(let s): return "name '\(s)'"
    case .keyword(let s): return "'\(s)'"
    case .symbol(let s): return "'\(s)'"
    case .end: return "the end of the program"
    }
  }
}

/// Splits program text into tokens.
///
/// Names are ASCII letters, digits and `_`, starting with a letter or `_`; numbers are decimal
/// with an optional fraction and exponent; `#` starts a comment to the end of the line.
/// - Complexity: O(n) in the length of the text.
enum Lexer {
  static let keywords: Set<String> = ["let", "term", "weight", "if", "then", "else", "and", "or", "not", "true", "false", "prev"]
  static let twoCharacterSymbols: Set<String> = ["==", "!=", "<=", ">="]
  static let oneCharacterSymbols: Set<Character> = ["+", "-", "*", "/", "^", "(", ")", "[", "]", ",", ".", "=", "<", ">", ";", ":"]
  /// The longest program accepted, in characters.
  static let maximumLength = 100_000

  static func tokenize(_ text: String) throws(RewardProgramError) -> [Token] {
    let chars = Array(text)
    guard chars.count <= maximumLength else {
      throw RewardProgramError(.tooComplex, "the program has \(chars.count) characters; at most \(maximumLength) are allowed", at: nil)
    }
    var tokens: [Token] = []
    var i = 0, line = 1, column = 1
    func position() -> SourcePosition { SourcePosition(line: line, column: column, offset: i) }
    func advance(_ n: Int = 1) {
      for _ in 0..<n {
        if chars[i] == "\n" { line += 1; column = 1 } else { column += 1 }
        i += 1
      }
    }
    while i < chars.count {
      let c = chars[i]
      if c == "#" {
        while i < chars.count && chars[i] != "\n" { advance() }
        continue
      }
      if c.isWhitespace { advance(); continue }
      let start = position()
      if c.isASCII && (c.isLetter || c == "_") {
        var s = ""
        while i < chars.count, chars[i].isASCII, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" {
          s.append(chars[i])
          advance()
        }
        tokens.append(Token(kind: keywords.contains(s) ? .keyword(s) : .identifier(s), position: start))
        continue
      }
      if c.isASCII && (c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber)) {
        var s = ""
        while i < chars.count, chars[i].isASCII, chars[i].isNumber || chars[i] == "." {
          s.append(chars[i])
          advance()
        }
        if i < chars.count, chars[i] == "e" || chars[i] == "E" {
          s.append("e")
          advance()
          if i < chars.count, chars[i] == "+" || chars[i] == "-" { s.append(chars[i]); advance() }
          var digits = 0
          while i < chars.count, chars[i].isASCII, chars[i].isNumber { s.append(chars[i]); advance(); digits += 1 }
          if digits == 0 {
            throw RewardProgramError(.malformedNumber, "malformed number '\(s)': an exponent needs digits, as in 1e-3", at: start)
          }
        }
        if i < chars.count, chars[i].isASCII, chars[i].isLetter || chars[i] == "_" {
          throw RewardProgramError(.malformedNumber, "malformed number '\(s)\(chars[i])': a number cannot run into a name; put an operator between them", at: start)
        }
        guard s.filter({ $0 == "." }).count <= 1, let v = Double(s), v.isFinite else {
          throw RewardProgramError(.malformedNumber, "malformed number '\(s)': write digits with at most one decimal point and an optional exponent, as in 0.25 or 2e-3", at: start)
        }
        tokens.append(Token(kind: .number(v), position: start))
        continue
      }
      if i + 1 < chars.count {
        let two = String([c, chars[i + 1]])
        if twoCharacterSymbols.contains(two) {
          advance(2)
          tokens.append(Token(kind: .symbol(two), position: start))
          continue
        }
      }
      if oneCharacterSymbols.contains(c) {
        advance()
        tokens.append(Token(kind: .symbol(String(c)), position: start))
        continue
      }
      let shown = c.isASCII && !c.isWhitespace && c.asciiValue.map({ $0 >= 32 && $0 < 127 }) == true ? "'\(c)'" : "U+" + c.unicodeScalars.map { String($0.value, radix: 16, uppercase: true) }.joined(separator: " U+")
      var hint = "allowed are names, numbers, + - * / ^ ( ) [ ] , . = == != < <= > >= ; and # comments"
      if c == "&" { hint = "write 'and' for both conditions" }
      if c == "|" { hint = "write 'or' for either condition" }
      if c == "!" { hint = "write 'not' to negate a condition, '!=' for inequality" }
      if c == "?" { hint = "write 'if c then a else b' for a conditional" }
      throw RewardProgramError(.unexpectedCharacter, "unexpected character \(shown); \(hint)", at: start)
    }
    tokens.append(Token(kind: .end, position: SourcePosition(line: line, column: column, offset: i)))
    return tokens
  }
}
