/// A position in program text: 1-based line and column, and the 0-based character offset.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
  /// 1-based line.
  public var line: Int
  /// 1-based column, in characters.
  public var column: Int
  /// 0-based offset in characters from the start of the text.
  public var offset: Int

  /// A position.
  public init(line: Int, column: Int, offset: Int) {
    self.line = line
    self.column = column
    self.offset = offset
  }

  public var description: String { "line \(line), column \(column)" }
}

/// A malformed or ill-typed reward program, or a malformed model answer: what was wrong, where,
/// and what is allowed.
public struct RewardProgramError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The class of problem.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// A character that starts no token.
    case unexpectedCharacter
    /// A number that cannot be read (`1.2.3`, `1e`).
    case malformedNumber
    /// A token where another was required.
    case unexpectedToken
    /// The text ended inside a statement.
    case unexpectedEnd
    /// A name that is neither a quantity of the view nor a `let`.
    case unknownName
    /// A call of a function that does not exist.
    case unknownFunction
    /// A call with the wrong number of arguments.
    case wrongArgumentCount
    /// An operand or argument of the wrong type.
    case typeMismatch
    /// A `let` or `term` name used twice, or shadowing a quantity.
    case duplicateName
    /// `prev.` before something that is not a state quantity.
    case prevOfNonState
    /// A vector index or component out of range, or not a whole number.
    case badIndex
    /// A program without any `term`.
    case noTerms
    /// Nesting deeper than the parser allows, or a text longer than allowed.
    case tooComplex
    /// A model answer that is not the JSON the backend asked for.
    case malformedAnswer
  }

  /// The class of problem.
  public var kind: Kind
  /// What was wrong and what is allowed.
  public var message: String
  /// Where, when the problem has a place in the text.
  public var position: SourcePosition?

  /// An error.
  public init(_ kind: Kind, _ message: String, at position: SourcePosition?) {
    self.kind = kind
    self.message = message
    self.position = position
  }

  public var description: String {
    if let position { return "\(position): \(message)" }
    return message
  }
}
