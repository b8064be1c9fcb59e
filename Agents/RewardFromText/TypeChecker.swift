/// Type-checks a program against a view and emits scalar instructions (one pass).
///
/// Register layout: the state after the step, the state before it, the action, the three
/// events (`terminated`, `truncated`, `step`), then constants and temporaries.
struct RewardCodeGenerator {
  /// A checked value: its type and the registers holding its components.
  struct Value {
    var type: RewardType
    var registers: [Int32]
  }

  /// The most registers a program may use.
  static let maximumRegisters = 1 << 16

  let view: RewardView
  var registerCount: Int
  var initialValues: [Int: Double] = [:]
  var constants: [UInt64: Int32] = [:]
  var memoryCount = 0
  var code: [Instruction] = []
  var names: [String: Value] = [:]
  var stateNames: [String: Value] = [:]
  var previousNames: [String: Value] = [:]
  let stateWidth: Int
  let actionWidth: Int
  var eventBase: Int { 2 * stateWidth + actionWidth }

  init(view: RewardView) {
    self.view = view
    stateWidth = view.stateWidth
    actionWidth = view.actionWidth
    registerCount = 2 * stateWidth + actionWidth + 3
    var s = 0, a = 2 * stateWidth
    for f in view.declaredFields {
      let w = f.type.width
      switch f.kind {
      case .state:
        let regs = (0..<w).map { Int32(s + $0) }
        names[f.name] = Value(type: f.type, registers: regs)
        stateNames[f.name] = names[f.name]
        previousNames[f.name] = Value(type: f.type, registers: (0..<w).map { Int32(stateWidth + s + $0) })
        s += w
      case .action:
        names[f.name] = Value(type: f.type, registers: (0..<w).map { Int32(a + $0) })
        a += w
      case .event:
        break
      case .constant:
        break
      }
    }
    for (i, f) in RewardView.eventFields.enumerated() {
      names[f.name] = Value(type: f.type, registers: [Int32(2 * stateWidth + actionWidth + i)])
    }
    for f in view.declaredFields {
      if case .constant(let v) = f.kind {
        var regs: [Int32] = []
        for x in v { regs.append(constant(x)) }
        names[f.name] = Value(type: f.type, registers: regs)
      }
    }
  }

  mutating func constant(_ x: Double) -> Int32 {
    if let r = constants[x.bitPattern] { return r }
    let r = Int32(registerCount)
    registerCount += 1
    initialValues[Int(r)] = x
    constants[x.bitPattern] = r
    return r
  }

  mutating func temporary(_ at: SourcePosition?) throws(RewardProgramError) -> Int32 {
    guard registerCount < Self.maximumRegisters else {
      throw RewardProgramError(.tooComplex, "the program needs more than \(Self.maximumRegisters) registers; simplify it", at: at)
    }
    let r = Int32(registerCount)
    registerCount += 1
    return r
  }

  mutating func emit(_ op: Instruction.Operation, _ a: Int32, _ b: Int32 = 0, _ c: Int32 = 0, at: SourcePosition?) throws(RewardProgramError) -> Int32 {
    let d = try temporary(at)
    code.append(Instruction(op, d, a, b, c))
    return d
  }

  // MARK: Statements

  /// Checks every statement and returns the registers and weights of the terms.
  mutating func compile(_ program: RewardProgram) throws(RewardProgramError) -> [(name: String, weight: Double, register: Int32)] {
    var terms: [(String, Double, Int32)] = []
    for st in program.statements {
      if view.field(named: st.name) != nil {
        throw RewardProgramError(.duplicateName, "'\(st.name)' is already a quantity of the \(view.name) view; choose another name", at: st.position)
      }
      if names[st.name] != nil {
        throw RewardProgramError(.duplicateName, "'\(st.name)' is declared twice; each let and term needs its own name", at: st.position)
      }
      if Self.functions[st.name] != nil {
        throw RewardProgramError(.duplicateName, "'\(st.name)' is a function name; choose another name", at: st.position)
      }
      let v = try check(st.expression)
      switch st.kind {
      case .binding:
        names[st.name] = v
      case .term(let weight):
        guard v.type == .number else {
          throw RewardProgramError(.typeMismatch, "term '\(st.name)' must be a number but is a \(v.type)\(v.type == .condition ? "; use indicator(c) or once(c) for a reward when a condition holds" : "; use norm(v) or v[i] for a number")", at: st.expression.position ?? st.position)
        }
        guard weight.isFinite else {
          throw RewardProgramError(.malformedNumber, "the weight of term '\(st.name)' must be finite", at: st.position)
        }
        names[st.name] = v
        terms.append((st.name, weight, v.registers[0]))
      }
    }
    guard !terms.isEmpty else {
      throw RewardProgramError(.noTerms, "the program has no 'term'; the reward is the sum of its terms, e.g. term upright = 1 - abs(pole_angle)", at: nil)
    }
    return terms
  }

  // MARK: Expressions

  mutating func check(_ e: RewardExpression) throws(RewardProgramError) -> Value {
    let at = e.position
    switch e.kind {
    case .number(let v):
      return Value(type: .number, registers: [constant(v)])
    case .boolean(let b):
      return Value(type: .condition, registers: [constant(b ? 1 : 0)])
    case .name(let n):
      if let v = names[n] { return v }
      if Self.functions[n] != nil {
        throw RewardProgramError(.unknownName, "'\(n)' is a function; call it with arguments, as in \(n)(…)", at: at)
      }
      throw RewardProgramError(.unknownName, "unknown quantity '\(n)'\(suggestion(n, among: Array(names.keys))); the \(view.name) view has \(view.fields.map(\.name).joined(separator: ", "))", at: at)
    case .previous(let n):
      if let v = previousNames[n] { return v }
      let kind: String
      if let f = view.field(named: n) {
        switch f.kind {
        case .action: kind = "an action"
        case .event: kind = "an event"
        case .constant: kind = "a constant"
        case .state: kind = "a state quantity"
        }
      } else if names[n] != nil {
        kind = "a let or term"
      } else {
        throw RewardProgramError(.unknownName, "unknown quantity 'prev.\(n)'\(suggestion(n, among: Array(stateNames.keys))); prev. applies to the state quantities \(view.stateFields.map(\.name).joined(separator: ", "))", at: at)
      }
      throw RewardProgramError(.prevOfNonState, "prev. applies only to state quantities, and '\(n)' is \(kind); state quantities are \(view.stateFields.map(\.name).joined(separator: ", "))", at: at)
    case .vector(let items):
      var regs: [Int32] = []
      for item in items {
        let v = try check(item)
        guard v.type == .number else {
          throw RewardProgramError(.typeMismatch, "vector components must be numbers, found a \(v.type)", at: item.position ?? at)
        }
        regs.append(v.registers[0])
      }
      return Value(type: .vector(regs.count), registers: regs)
    case .component(let base, let i):
      let v = try check(base)
      guard case .vector(let n) = v.type else {
        throw RewardProgramError(.badIndex, "only vectors have components, and this is a \(v.type)", at: at)
      }
      guard i < n else {
        throw RewardProgramError(.badIndex, "component \(i) is out of range for a vector of \(n) (valid: 0…\(n - 1)\(n <= 3 ? ", or " + ["x", "y", "z"].prefix(n).map { "." + $0 }.joined(separator: " ") : ""))", at: at)
      }
      return Value(type: .number, registers: [v.registers[i]])
    case .unary(.negate, let x):
      let v = try check(x)
      guard v.type != .condition else {
        throw RewardProgramError(.typeMismatch, "'-' needs a number or vector, found a condition; use 'not' to negate a condition", at: at)
      }
      var regs: [Int32] = []
      for r in v.registers { regs.append(try emit(.negate, r, at: at)) }
      return Value(type: v.type, registers: regs)
    case .unary(.not, let x):
      let v = try check(x)
      try require(v, .condition, "'not'", x.position ?? at)
      return Value(type: .condition, registers: [try emit(.not, v.registers[0], at: at)])
    case .binary(let op, let a, let b):
      return try checkBinary(op, a, b, at: at)
    case .conditional(let c, let a, let b):
      let cv = try check(c)
      try require(cv, .condition, "the condition after 'if'", c.position ?? at)
      let av = try check(a), bv = try check(b)
      guard av.type == bv.type else {
        throw RewardProgramError(.typeMismatch, "the branches of 'if' must have the same type; 'then' gives a \(av.type) and 'else' a \(bv.type)", at: b.position ?? at)
      }
      var regs: [Int32] = []
      for i in 0..<av.registers.count { regs.append(try emit(.select, cv.registers[0], av.registers[i], bv.registers[i], at: at)) }
      return Value(type: av.type, registers: regs)
    case .call(let f, let args):
      return try checkCall(f, args, at: at)
    }
  }

  func require(_ v: Value, _ type: RewardType, _ what: String, _ at: SourcePosition?) throws(RewardProgramError) {
    guard v.type == type else {
      var hint = ""
      if type == .number && v.type == .condition { hint = "; use indicator(c) for 1 when c holds and 0 otherwise" }
      if type == .condition && v.type == .number { hint = "; compare it, as in x > 0" }
      if type == .number, case .vector = v.type { hint = "; use norm(v) or v[i] for a number" }
      throw RewardProgramError(.typeMismatch, "\(what) needs a \(type), found a \(v.type)\(hint)", at: at)
    }
  }

  mutating func checkBinary(_ op: RewardExpression.BinaryOperator, _ a: RewardExpression, _ b: RewardExpression, at: SourcePosition?) throws(RewardProgramError) -> Value {
    let av = try check(a), bv = try check(b)
    let symbol = "'\(op.rawValue)'"
    switch op {
    case .and, .or:
      try require(av, .condition, symbol, a.position ?? at)
      try require(bv, .condition, symbol, b.position ?? at)
      return Value(type: .condition, registers: [try emit(op == .and ? .and : .or, av.registers[0], bv.registers[0], at: at)])
    case .less, .lessOrEqual, .greater, .greaterOrEqual:
      try require(av, .number, symbol, a.position ?? at)
      try require(bv, .number, symbol, b.position ?? at)
      let ops: [RewardExpression.BinaryOperator: Instruction.Operation] = [.less: .less, .lessOrEqual: .lessOrEqual, .greater: .greater, .greaterOrEqual: .greaterOrEqual]
      return Value(type: .condition, registers: [try emit(ops[op]!, av.registers[0], bv.registers[0], at: at)])
    case .equal, .notEqual:
      guard av.type == bv.type, av.type.width == 1 else {
        throw RewardProgramError(.typeMismatch, "\(symbol) compares two numbers or two conditions, found a \(av.type) and a \(bv.type)", at: at)
      }
      return Value(type: .condition, registers: [try emit(op == .equal ? .equal : .notEqual, av.registers[0], bv.registers[0], at: at)])
    case .add, .subtract:
      guard av.type != .condition, bv.type != .condition else {
        throw RewardProgramError(.typeMismatch, "\(symbol) needs numbers or vectors, found a condition; use indicator(c) for 1 when c holds and 0 otherwise", at: av.type == .condition ? a.position ?? at : b.position ?? at)
      }
      guard av.type == bv.type else {
        throw RewardProgramError(.typeMismatch, "\(symbol) needs two numbers or two vectors of the same length, found a \(av.type) and a \(bv.type)", at: at)
      }
      var regs: [Int32] = []
      for i in 0..<av.registers.count { regs.append(try emit(op == .add ? .add : .subtract, av.registers[i], bv.registers[i], at: at)) }
      return Value(type: av.type, registers: regs)
    case .multiply, .divide:
      guard av.type != .condition, bv.type != .condition else {
        throw RewardProgramError(.typeMismatch, "\(symbol) needs numbers or vectors, found a condition; use indicator(c) for 1 when c holds and 0 otherwise", at: av.type == .condition ? a.position ?? at : b.position ?? at)
      }
      let code: Instruction.Operation = op == .multiply ? .multiply : .divide
      if av.type == .number && bv.type == .number {
        return Value(type: .number, registers: [try emit(code, av.registers[0], bv.registers[0], at: at)])
      }
      if bv.type == .number {
        var regs: [Int32] = []
        for r in av.registers { regs.append(try emit(code, r, bv.registers[0], at: at)) }
        return Value(type: av.type, registers: regs)
      }
      if op == .multiply && av.type == .number {
        var regs: [Int32] = []
        for r in bv.registers { regs.append(try emit(.multiply, av.registers[0], r, at: at)) }
        return Value(type: bv.type, registers: regs)
      }
      throw RewardProgramError(.typeMismatch, "\(symbol) of a \(av.type) by a \(bv.type) is not defined; scale vectors by numbers, and use dot(a, b) for the dot product", at: at)
    case .power:
      try require(av, .number, symbol, a.position ?? at)
      try require(bv, .number, symbol, b.position ?? at)
      return Value(type: .number, registers: [try emit(.power, av.registers[0], bv.registers[0], at: at)])
    }
  }

  // MARK: Functions

  /// The functions: name → (arity description, one-line summary).
  static let functions: [String: (arity: String, summary: String)] = [
    "abs": ("1", "absolute value of a number"),
    "sqrt": ("1", "square root"),
    "square": ("1", "x·x"),
    "exp": ("1", "e to the power x"),
    "log": ("1", "natural logarithm"),
    "tanh": ("1", "hyperbolic tangent"),
    "sin": ("1", "sine"),
    "cos": ("1", "cosine"),
    "sign": ("1", "-1, 0 or 1"),
    "atan2": ("2", "angle of the point (x, y): atan2(y, x)"),
    "min": ("2 or more", "smallest of numbers"),
    "max": ("2 or more", "largest of numbers"),
    "clamp": ("3", "clamp(x, lo, hi): x limited to [lo, hi]"),
    "between": ("3", "between(x, lo, hi): the condition lo ≤ x ≤ hi"),
    "norm": ("1", "Euclidean length of a vector (abs of a number)"),
    "dist": ("2", "Euclidean distance between two vectors or numbers"),
    "dot": ("2", "dot product of two vectors"),
    "indicator": ("1", "1 when a condition holds, else 0"),
    "once": ("1", "1 on the first step of the episode at which a condition holds, else 0"),
    "until": ("2", "until(c, x): x on the steps before c first holds in the episode, 0 from then on"),
    "ever": ("1", "the condition that c has held at some step of the episode so far"),
  ]

  mutating func checkCall(_ f: String, _ args: [RewardExpression], at: SourcePosition?) throws(RewardProgramError) -> Value {
    guard let spec = Self.functions[f] else {
      if names[f] != nil {
        throw RewardProgramError(.unknownFunction, "'\(f)' is a quantity, not a function; remove the '(…)'", at: at)
      }
      throw RewardProgramError(.unknownFunction, "unknown function '\(f)'\(suggestion(f, among: Array(Self.functions.keys))); functions are \(Self.functions.keys.sorted().joined(separator: ", "))", at: at)
    }
    let count = args.count
    let ok: Bool
    switch spec.arity {
    case "2 or more": ok = count >= 2
    default: ok = count == Int(spec.arity)!
    }
    guard ok else {
      throw RewardProgramError(.wrongArgumentCount, "\(f) takes \(spec.arity) argument\(spec.arity == "1" ? "" : "s") (\(spec.summary)), given \(count)", at: at)
    }
    var values: [Value] = []
    for a in args { values.append(try check(a)) }
    func pos(_ i: Int) -> SourcePosition? { args[i].position ?? at }
    func numbers() throws(RewardProgramError) {
      for i in values.indices { try require(values[i], .number, "argument \(i + 1) of \(f)", pos(i)) }
    }
    let unary: [String: Instruction.Operation] = ["abs": .absolute, "sqrt": .squareRoot, "exp": .exponential, "log": .logarithm, "tanh": .tanh, "sin": .sine, "cos": .cosine, "sign": .sign]
    if let op = unary[f] {
      try numbers()
      return Value(type: .number, registers: [try emit(op, values[0].registers[0], at: at)])
    }
    switch f {
    case "square":
      try numbers()
      return Value(type: .number, registers: [try emit(.multiply, values[0].registers[0], values[0].registers[0], at: at)])
    case "atan2":
      try numbers()
      return Value(type: .number, registers: [try emit(.atan2, values[0].registers[0], values[1].registers[0], at: at)])
    case "min", "max":
      try numbers()
      var r = values[0].registers[0]
      for v in values.dropFirst() { r = try emit(f == "min" ? .minimum : .maximum, r, v.registers[0], at: at) }
      return Value(type: .number, registers: [r])
    case "clamp":
      try numbers()
      return Value(type: .number, registers: [try emit(.clamp, values[0].registers[0], values[1].registers[0], values[2].registers[0], at: at)])
    case "between":
      try numbers()
      let lo = try emit(.greaterOrEqual, values[0].registers[0], values[1].registers[0], at: at)
      let hi = try emit(.lessOrEqual, values[0].registers[0], values[2].registers[0], at: at)
      return Value(type: .condition, registers: [try emit(.and, lo, hi, at: at)])
    case "norm":
      guard values[0].type != .condition else {
        throw RewardProgramError(.typeMismatch, "norm needs a vector or a number, found a condition", at: pos(0))
      }
      return Value(type: .number, registers: [try length(values[0].registers, at: at)])
    case "dist":
      let a = values[0], b = values[1]
      guard a.type != .condition, a.type == b.type else {
        throw RewardProgramError(.typeMismatch, "dist needs two vectors of the same length (or two numbers), found a \(a.type) and a \(b.type)", at: at)
      }
      var diff: [Int32] = []
      for i in 0..<a.registers.count { diff.append(try emit(.subtract, a.registers[i], b.registers[i], at: at)) }
      return Value(type: .number, registers: [try length(diff, at: at)])
    case "dot":
      let a = values[0], b = values[1]
      guard case .vector = a.type, a.type == b.type else {
        throw RewardProgramError(.typeMismatch, "dot needs two vectors of the same length, found a \(a.type) and a \(b.type)", at: at)
      }
      var sum = try emit(.multiply, a.registers[0], b.registers[0], at: at)
      for i in 1..<a.registers.count {
        let p = try emit(.multiply, a.registers[i], b.registers[i], at: at)
        sum = try emit(.add, sum, p, at: at)
      }
      return Value(type: .number, registers: [sum])
    case "indicator":
      try require(values[0], .condition, "the argument of indicator", pos(0))
      return Value(type: .number, registers: [values[0].registers[0]])
    case "once", "ever":
      try require(values[0], .condition, "the argument of \(f)", pos(0))
      let slot = Int32(memoryCount)
      memoryCount += 1
      let r = try emit(f == "once" ? .once : .ever, values[0].registers[0], 0, slot, at: at)
      return Value(type: f == "once" ? .number : .condition, registers: [r])
    case "until":
      try require(values[0], .condition, "argument 1 of until", pos(0))
      try require(values[1], .number, "argument 2 of until", pos(1))
      let slot = Int32(memoryCount)
      memoryCount += 1
      return Value(type: .number, registers: [try emit(.until, values[0].registers[0], values[1].registers[0], slot, at: at)])
    default:
      preconditionFailure("function table and checker disagree on \(f)")
    }
  }

  mutating func length(_ regs: [Int32], at: SourcePosition?) throws(RewardProgramError) -> Int32 {
    if regs.count == 1 { return try emit(.absolute, regs[0], at: at) }
    var sum = try emit(.multiply, regs[0], regs[0], at: at)
    for r in regs.dropFirst() {
      let sq = try emit(.multiply, r, r, at: at)
      sum = try emit(.add, sum, sq, at: at)
    }
    return try emit(.squareRoot, sum, at: at)
  }
}

/// "; did you mean 'x'?" for the closest candidate within a small edit distance, else "".
func suggestion(_ name: String, among candidates: [String]) -> String {
  var best: (String, Int)? = nil
  for c in candidates.sorted() {
    let d = editDistance(name, c)
    if d <= max(1, name.count / 3), best == nil || d < best!.1 { best = (c, d) }
  }
  return best.map { "; did you mean '\($0.0)'?" } ?? ""
}

/// Levenshtein distance.
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a), b = Array(b)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var row = Array(0...b.count)
  for i in 1...a.count {
    var previous = row[0]
    row[0] = i
    for j in 1...b.count {
      let old = row[j]
      row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
      previous = old
    }
  }
  return row[b.count]
}
