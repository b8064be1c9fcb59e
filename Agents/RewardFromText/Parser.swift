/// A recursive-descent parser of the reward language.
///
/// ```
/// program   := statement*
/// statement := 'let' NAME '=' expr [';'] | 'term' NAME ['weight' ['-'] NUMBER] '=' expr [';']
/// expr      := 'if' expr 'then' expr 'else' expr | or
/// or        := and ('or' and)*
/// and       := not ('and' not)*
/// not       := 'not' not | compare
/// compare   := sum [('<' | '<=' | '>' | '>=' | '==' | '!=') sum]
/// sum       := product (('+' | '-') product)*
/// product   := unary (('*' | '/') unary)*
/// unary     := '-' unary | power
/// power     := postfix ['^' unary]
/// postfix   := primary ('[' NUMBER ']' | '.' ('x' | 'y' | 'z'))*
/// primary   := NUMBER | 'true' | 'false' | NAME ['(' [expr (',' expr)*] ')'] | 'prev' '.' NAME
///            | '(' expr ')' | '[' expr (',' expr)* ']'
/// ```
struct Parser {
  /// The deepest nesting of expressions accepted (keeps the stack bounded for any input).
  static let maximumDepth = 64

  let tokens: [Token]
  var index = 0
  var depth = 0

  init(tokens: [Token]) { self.tokens = tokens }

  var current: Token { tokens[index] }

  mutating func advance() -> Token {
    let t = tokens[index]
    if index < tokens.count - 1 { index += 1 }
    return t
  }

  func isSymbol(_ s: String) -> Bool { current.kind == .symbol(s) }
  func isKeyword(_ s: String) -> Bool { current.kind == .keyword(s) }

  func unexpected(_ expected: String) -> RewardProgramError {
    let kind: RewardProgramError.Kind = current.kind == .end ? .unexpectedEnd : .unexpectedToken
    var message = "expected \(expected), found \(current.quoted)"
    if case .keyword(let k) = current.kind, ["let", "term", "weight", "if", "then", "else", "prev"].contains(k), expected.contains("name") {
      message += " ('\(k)' is a reserved word)"
    }
    return RewardProgramError(kind, message, at: current.position)
  }

  mutating func expectSymbol(_ s: String, _ what: String? = nil) throws(RewardProgramError) {
    guard isSymbol(s) else { throw unexpected(what ?? "'\(s)'") }
    _ = advance()
  }

  mutating func expectKeyword(_ s: String) throws(RewardProgramError) {
    guard isKeyword(s) else { throw unexpected("'\(s)'") }
    _ = advance()
  }

  mutating func expectName(_ what: String) throws(RewardProgramError) -> String {
    guard case .identifier(let n) = current.kind else { throw unexpected(what) }
    _ = advance()
    return n
  }

  // MARK: Statements

  mutating func parseProgram() throws(RewardProgramError) -> [RewardStatement] {
    var statements: [RewardStatement] = []
    while current.kind != .end {
      statements.append(try parseStatement())
      while isSymbol(";") { _ = advance() }
    }
    return statements
  }

  mutating func parseStatement() throws(RewardProgramError) -> RewardStatement {
    let start = current.position
    if isKeyword("let") {
      _ = advance()
      let name = try expectName("a name after 'let'")
      try expectSymbol("=", "'=' after 'let \(name)'")
      return RewardStatement(.binding, name: name, expression: try parseExpression(), at: start)
    }
    if isKeyword("term") {
      _ = advance()
      let name = try expectName("a name after 'term'")
      var weight = 1.0
      if isKeyword("weight") {
        _ = advance()
        var sign = 1.0
        if isSymbol("-") { _ = advance(); sign = -1 }
        guard case .number(let w) = current.kind else { throw unexpected("a number after 'weight'") }
        _ = advance()
        weight = sign * w
      }
      try expectSymbol("=", "'=' or 'weight' after 'term \(name)'")
      return RewardStatement(.term(weight: weight), name: name, expression: try parseExpression(), at: start)
    }
    throw unexpected("'let' or 'term' at the start of a statement")
  }

  // MARK: Expressions

  mutating func enter() throws(RewardProgramError) {
    depth += 1
    if depth > Self.maximumDepth {
      throw RewardProgramError(.tooComplex, "expressions nest deeper than \(Self.maximumDepth) levels; use 'let' to name parts", at: current.position)
    }
  }

  mutating func parseExpression() throws(RewardProgramError) -> RewardExpression {
    try enter()
    defer { depth -= 1 }
    if isKeyword("if") {
      let start = advance().position
      let c = try parseExpression()
      try expectKeyword("then")
      let a = try parseExpression()
      try expectKeyword("else")
      let b = try parseExpression()
      return RewardExpression(.conditional(c, a, b), at: start)
    }
    return try parseOr()
  }

  mutating func parseOr() throws(RewardProgramError) -> RewardExpression {
    var left = try parseAnd()
    while isKeyword("or") {
      _ = advance()
      let right = try parseAnd()
      left = RewardExpression(.binary(.or, left, right), at: left.position)
    }
    return left
  }

  mutating func parseAnd() throws(RewardProgramError) -> RewardExpression {
    var left = try parseNot()
    while isKeyword("and") {
      _ = advance()
      let right = try parseNot()
      left = RewardExpression(.binary(.and, left, right), at: left.position)
    }
    return left
  }

  mutating func parseNot() throws(RewardProgramError) -> RewardExpression {
    if isKeyword("not") {
      try enter()
      defer { depth -= 1 }
      let start = advance().position
      return RewardExpression(.unary(.not, try parseNot()), at: start)
    }
    return try parseCompare()
  }

  static let comparisons: [String: RewardExpression.BinaryOperator] = [
    "<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual, "==": .equal, "!=": .notEqual,
  ]

  mutating func parseCompare() throws(RewardProgramError) -> RewardExpression {
    let left = try parseSum()
    if case .symbol(let s) = current.kind, let op = Self.comparisons[s] {
      _ = advance()
      let right = try parseSum()
      if case .symbol(let s2) = current.kind, Self.comparisons[s2] != nil {
        throw RewardProgramError(.unexpectedToken, "comparisons do not chain: write 'a \(s) b and b \(s2) c' or between(x, lo, hi)", at: current.position)
      }
      return RewardExpression(.binary(op, left, right), at: left.position)
    }
    if isSymbol("=") {
      throw RewardProgramError(.unexpectedToken, "'=' only follows a 'let' or 'term' name; write '==' to compare", at: current.position)
    }
    return left
  }

  mutating func parseSum() throws(RewardProgramError) -> RewardExpression {
    var left = try parseProduct()
    while isSymbol("+") || isSymbol("-") {
      let op: RewardExpression.BinaryOperator = advance().kind == .symbol("+") ? .add : .subtract
      let right = try parseProduct()
      left = RewardExpression(.binary(op, left, right), at: left.position)
    }
    return left
  }

  mutating func parseProduct() throws(RewardProgramError) -> RewardExpression {
    var left = try parseUnary()
    while isSymbol("*") || isSymbol("/") {
      let op: RewardExpression.BinaryOperator = advance().kind == .symbol("*") ? .multiply : .divide
      let right = try parseUnary()
      left = RewardExpression(.binary(op, left, right), at: left.position)
    }
    return left
  }

  mutating func parseUnary() throws(RewardProgramError) -> RewardExpression {
    if isSymbol("-") {
      try enter()
      defer { depth -= 1 }
      let start = advance().position
      let operand = try parseUnary()
      // A negated literal is a negative literal, so printed programs parse back equal.
      if case .number(let v) = operand.kind, operand.precedence == 10 { return RewardExpression(.number(-v), at: start) }
      return RewardExpression(.unary(.negate, operand), at: start)
    }
    return try parsePower()
  }

  mutating func parsePower() throws(RewardProgramError) -> RewardExpression {
    let base = try parsePostfix()
    if isSymbol("^") {
      try enter()
      defer { depth -= 1 }
      _ = advance()
      let exponent = try parseUnary()
      return RewardExpression(.binary(.power, base, exponent), at: base.position)
    }
    return base
  }

  mutating func parsePostfix() throws(RewardProgramError) -> RewardExpression {
    var e = try parsePrimary()
    while true {
      if isSymbol("[") {
        let at = advance().position
        guard case .number(let v) = current.kind else { throw unexpected("a whole-number index inside '[ ]'") }
        guard v >= 0, v == v.rounded(), v < 1_000_000 else {
          throw RewardProgramError(.badIndex, "index \(formatNumber(v)) is not a whole number ≥ 0", at: current.position)
        }
        _ = advance()
        try expectSymbol("]", "']' after the index")
        e = RewardExpression(.component(e, Int(v)), at: at)
      } else if isSymbol(".") {
        let at = advance().position
        let name = try expectName("'x', 'y' or 'z' after '.'")
        guard let i = ["x": 0, "y": 1, "z": 2][name] else {
          throw RewardProgramError(.badIndex, "unknown component '.\(name)'; use .x, .y, .z or [i]", at: at)
        }
        e = RewardExpression(.component(e, i), at: at)
      } else {
        return e
      }
    }
  }

  mutating func parsePrimary() throws(RewardProgramError) -> RewardExpression {
    let start = current.position
    switch current.kind {
    case .number(let v):
      _ = advance()
      return RewardExpression(.number(v), at: start)
    case .keyword("true"):
      _ = advance()
      return RewardExpression(.boolean(true), at: start)
    case .keyword("false"):
      _ = advance()
      return RewardExpression(.boolean(false), at: start)
    case .keyword("prev"):
      _ = advance()
      try expectSymbol(".", "'.' after 'prev' (as in prev.NAME)")
      let name = try expectName("a quantity name after 'prev.'")
      return RewardExpression(.previous(name), at: start)
    case .identifier(let name):
      _ = advance()
      guard isSymbol("(") else { return RewardExpression(.name(name), at: start) }
      _ = advance()
      var args: [RewardExpression] = []
      if !isSymbol(")") {
        args.append(try parseExpression())
        while isSymbol(",") {
          _ = advance()
          args.append(try parseExpression())
        }
      }
      try expectSymbol(")", "',' or ')' in the arguments of \(name)")
      return RewardExpression(.call(name, args), at: start)
    case .symbol("("):
      _ = advance()
      let e = try parseExpression()
      try expectSymbol(")", "')' to close the '(' at \(start)")
      return e
    case .symbol("["):
      _ = advance()
      var items = [try parseExpression()]
      while isSymbol(",") {
        _ = advance()
        items.append(try parseExpression())
      }
      try expectSymbol("]", "',' or ']' in the vector opened at \(start)")
      return RewardExpression(.vector(items), at: start)
    default:
      throw unexpected("a number, a name, 'prev.NAME', '(', '[', 'if', 'not' or '-'")
    }
  }
}
