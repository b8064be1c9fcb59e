/// An expression of the reward language, with the place it was written (if parsed).
///
/// Equality ignores positions, so a parsed program equals one built in code or re-parsed from
/// its printed form.
public struct RewardExpression: Sendable, Hashable, CustomStringConvertible {
  /// Unary operators.
  public enum UnaryOperator: String, Sendable, Hashable {
    /// Arithmetic negation.
    case negate = "-"
    /// Logical negation.
    case not = "not"
  }

  /// Binary operators, from loosest to tightest binding.
  public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case or, and
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="
    case add = "+", subtract = "-"
    case multiply = "*", divide = "/"
    case power = "^"

    /// Binding strength: larger binds tighter.
    var precedence: Int {
      switch self {
      case .or: return 1
      case .and: return 2
      case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual: return 4
      case .add, .subtract: return 5
      case .multiply, .divide: return 6
      case .power: return 8
      }
    }
  }

  /// The shape of an expression.
  public indirect enum Kind: Sendable, Hashable {
    /// A number literal.
    case number(Double)
    /// `true` or `false`.
    case boolean(Bool)
    /// A quantity of the view or a `let` binding.
    case name(String)
    /// `prev.NAME`: a state quantity before the step.
    case previous(String)
    /// `[a, b, …]`.
    case vector([RewardExpression])
    /// `-x`, `not c`.
    case unary(UnaryOperator, RewardExpression)
    /// `a OP b`.
    case binary(BinaryOperator, RewardExpression, RewardExpression)
    /// `if c then a else b`.
    case conditional(RewardExpression, RewardExpression, RewardExpression)
    /// `f(a, b, …)`.
    case call(String, [RewardExpression])
    /// `v[i]`, or `v.x` / `v.y` / `v.z` (components 0, 1, 2).
    case component(RewardExpression, Int)
  }

  /// The shape.
  public var kind: Kind
  /// Where it starts in the text, if parsed.
  public var position: SourcePosition?

  /// An expression.
  public init(_ kind: Kind, at position: SourcePosition? = nil) {
    self.kind = kind
    self.position = position
  }

  public static func == (a: RewardExpression, b: RewardExpression) -> Bool { a.kind == b.kind }
  public func hash(into hasher: inout Hasher) { hasher.combine(kind) }

  /// Binding strength of the expression's outermost construct (for printing with few brackets).
  var precedence: Int {
    switch kind {
    case .conditional: return 0
    case .binary(let op, _, _): return op.precedence
    case .unary(.not, _): return 3
    case .unary(.negate, _): return 7
    case .number(let v) where v < 0 || (v == 0 && v.sign == .minus): return 7
    default: return 10
    }
  }

  /// The expression in the reward language, with brackets only where needed.
  public var description: String {
    switch kind {
    case .number(let v): return formatNumber(v)
    case .boolean(let b): return b ? "true" : "false"
    case .name(let n): return n
    case .previous(let n): return "prev.\(n)"
    case .vector(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
    case .unary(let op, let x):
      let inner = x.precedence < precedence ? "(\(x))" : x.description
      return op == .not ? "not \(inner)" : "-\(inner)"
    case .binary(let op, let a, let b):
      let p = op.precedence
      // Left-associative operators bracket an equal-precedence right operand; power is
      // right-associative; comparisons do not chain.
      let leftNeedsBrackets = op == .power || p == 4 ? a.precedence <= p : a.precedence < p
      let rightNeedsBrackets = op == .power ? b.precedence < p : b.precedence <= p
      let l = leftNeedsBrackets ? "(\(a))" : a.description
      let r = rightNeedsBrackets ? "(\(b))" : b.description
      return op == .power ? "\(l)^\(r)" : "\(l) \(op.rawValue) \(r)"
    case .conditional(let c, let a, let b):
      return "if \(c) then \(a) else \(b)"
    case .call(let f, let args): return "\(f)(" + args.map(\.description).joined(separator: ", ") + ")"
    case .component(let v, let i):
      let base = v.precedence < 10 ? "(\(v))" : v.description
      return "\(base)[\(i)]"
    }
  }
}

/// One statement: a `let` binding or a reward `term`.
public struct RewardStatement: Sendable, Hashable, CustomStringConvertible {
  /// What the statement declares.
  public enum Kind: Sendable, Hashable {
    /// `let NAME = EXPR`: a named value usable by later statements.
    case binding
    /// `term NAME [weight W] = EXPR`: one summand of the reward, `W · EXPR` (W defaults to 1).
    case term(weight: Double)
  }

  /// Binding or term.
  public var kind: Kind
  /// The declared name.
  public var name: String
  /// The value.
  public var expression: RewardExpression
  /// Where the statement starts, if parsed.
  public var position: SourcePosition?

  /// A statement.
  public init(_ kind: Kind, name: String, expression: RewardExpression, at position: SourcePosition? = nil) {
    self.kind = kind
    self.name = name
    self.expression = expression
    self.position = position
  }

  public static func == (a: RewardStatement, b: RewardStatement) -> Bool {
    a.kind == b.kind && a.name == b.name && a.expression == b.expression
  }
  public func hash(into hasher: inout Hasher) {
    hasher.combine(kind)
    hasher.combine(name)
    hasher.combine(expression)
  }

  public var description: String {
    switch kind {
    case .binding: return "let \(name) = \(expression)"
    case .term(let w): return w == 1 ? "term \(name) = \(expression)" : "term \(name) weight \(formatNumber(w)) = \(expression)"
    }
  }
}

/// A reward program: `let` bindings and weighted `term`s whose sum is the reward of a step.
///
/// ```
/// # keep the pole upright near the centre
/// let upright = 1 - abs(pole_angle) / angle_limit
/// term balance = clamp(upright, 0, 1)
/// term centre weight 0.5 = 1 - clamp(abs(cart_position) / position_limit, 0, 1)
/// term fall weight -10 = once(terminated)
/// ```
///
/// Parse text with `RewardProgram(parsing:)`; check and compile it against a view with
/// `CompiledReward(program:view:)`. Printing a program gives text that parses back to an equal
/// program.
public struct RewardProgram: Sendable, Hashable, CustomStringConvertible {
  /// The statements in order.
  public var statements: [RewardStatement]

  /// A program of these statements.
  public init(_ statements: [RewardStatement]) { self.statements = statements }

  /// Parses program text.
  /// - Throws: `RewardProgramError` naming the line, column and problem.
  public init(parsing text: String) throws(RewardProgramError) {
    var parser = Parser(tokens: try Lexer.tokenize(text))
    self.statements = try parser.parseProgram()
  }

  /// The terms in order.
  public var terms: [RewardStatement] { statements.filter { if case .term = $0.kind { return true } else { return false } } }

  /// One statement per line.
  public var description: String { statements.map(\.description).joined(separator: "\n") }
}
