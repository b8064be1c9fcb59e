import RealModule

/// A reward program checked against a view and compiled to scalar instructions over a
/// `Double` register array.
///
/// Immutable and `Sendable`; make a `RewardEvaluator` per environment to run it.
public struct CompiledReward: Sendable {
  /// One term of the reward.
  public struct Term: Sendable, Hashable {
    /// The term's name.
    public var name: String
    /// Its weight.
    public var weight: Double
    /// The register holding its unweighted value.
    public var register: Int32
  }

  /// The program as parsed.
  public let program: RewardProgram
  /// The view it was checked against.
  public let view: RewardView
  /// The instructions, in execution order.
  public let instructions: [Instruction]
  /// The terms; the reward is Σ weight · value.
  public let terms: [Term]
  /// Registers the evaluator needs.
  public let registerCount: Int
  /// Memory slots of `once` / `until` / `ever` (cleared at every reset).
  public let memoryCount: Int
  /// Constant registers and their values.
  public let initialValues: [(register: Int, value: Double)]

  /// Checks `program` against `view` and compiles it.
  /// - Throws: `RewardProgramError` naming the position and the problem.
  public init(program: RewardProgram, view: RewardView) throws(RewardProgramError) {
    var generator = RewardCodeGenerator(view: view)
    let terms = try generator.compile(program)
    self.program = program
    self.view = view
    self.instructions = generator.code
    self.terms = terms.map { Term(name: $0.name, weight: $0.weight, register: $0.register) }
    self.registerCount = generator.registerCount
    self.memoryCount = generator.memoryCount
    self.initialValues = generator.initialValues.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }

  /// Parses, checks and compiles program text.
  /// - Throws: `RewardProgramError` naming the position and the problem.
  public init(source: String, view: RewardView) throws(RewardProgramError) {
    try self.init(program: RewardProgram(parsing: source), view: view)
  }

  /// The program text in canonical form.
  public var source: String { program.description }
}

/// Runs a compiled reward over transitions: reads the view's quantities into registers, executes
/// the instructions and sums the weighted terms.
///
/// Buffers are allocated once, at creation; `reset` and `step` allocate nothing. A class, since
/// it owns those buffers; use one evaluator per environment and thread.
public final class RewardEvaluator {
  /// The compiled program.
  public let reward: CompiledReward
  @usableFromInline let registers: UnsafeMutablePointer<Double>
  @usableFromInline let memory: UnsafeMutablePointer<Double>
  @usableFromInline let code: UnsafeMutablePointer<Instruction>
  @usableFromInline let codeCount: Int
  @usableFromInline let stateWidth: Int
  @usableFromInline let actionBase: Int
  @usableFromInline let eventBase: Int
  // The view's readers and sizes and the terms, held directly so that a step touches no
  // reference counts (reading them through `reward.view` copies the view).
  let readState: RewardView.StateReader
  let readAction: RewardView.ActionReader
  let observationLength: Int
  let actionLength: Int
  let termRegisters: UnsafeMutablePointer<Int>
  let termWeights: UnsafeMutablePointer<Double>
  let termCount: Int
  let termStore: UnsafeMutablePointer<Double>
  /// Steps since the last reset.
  public private(set) var stepCount = 0
  /// Term values that were not finite (NaN or infinite) and counted as 0, since creation.
  public private(set) var nonFiniteTermCount = 0
  /// The unweighted values of the terms at the last step, in `reward.terms` order.
  public var termValues: [Double] { Array(UnsafeBufferPointer(start: termStore, count: termCount)) }

  /// An evaluator for `reward`.
  public init(_ reward: CompiledReward) {
    self.reward = reward
    registers = .allocate(capacity: max(1, reward.registerCount))
    registers.initialize(repeating: 0, count: max(1, reward.registerCount))
    for (r, v) in reward.initialValues { registers[r] = v }
    memory = .allocate(capacity: max(1, reward.memoryCount))
    memory.initialize(repeating: 0, count: max(1, reward.memoryCount))
    code = .allocate(capacity: max(1, reward.instructions.count))
    _ = UnsafeMutableBufferPointer(start: code, count: reward.instructions.count).initialize(from: reward.instructions)
    codeCount = reward.instructions.count
    stateWidth = reward.view.stateWidth
    actionBase = 2 * reward.view.stateWidth
    eventBase = 2 * reward.view.stateWidth + reward.view.actionWidth
    readState = reward.view.readState
    readAction = reward.view.readAction
    observationLength = reward.view.observationLength
    actionLength = reward.view.actionLength
    termCount = reward.terms.count
    termRegisters = .allocate(capacity: max(1, termCount))
    termWeights = .allocate(capacity: max(1, termCount))
    termStore = .allocate(capacity: max(1, termCount))
    termStore.initialize(repeating: 0, count: max(1, termCount))
    for (i, t) in reward.terms.enumerated() {
      (termRegisters + i).initialize(to: Int(t.register))
      (termWeights + i).initialize(to: t.weight)
    }
  }

  deinit {
    registers.deallocate()
    memory.deallocate()
    code.deallocate()
    termRegisters.deallocate()
    termWeights.deallocate()
    termStore.deallocate()
  }

  /// Starts an episode from its first flat observation: clears `once`/`until`/`ever` memory.
  /// - Precondition: `observation.count == reward.view.observationLength`.
  public func reset(observation: UnsafeBufferPointer<Float>) {
    precondition(observation.count == observationLength, "observation has \(observation.count) values, the \(reward.view.name) view reads \(observationLength)")
    readState(observation, registers)
    memory.update(repeating: 0, count: max(1, reward.memoryCount))
    stepCount = 0
  }

  /// The reward of one step: the state before is the previous `reset`/`step` observation.
  /// - Parameters:
  ///   - action: the flat action taken.
  ///   - observation: the flat observation after the step.
  ///   - terminated: whether the step ended the episode in a terminal state.
  ///   - truncated: whether the time limit cut the episode.
  /// - Returns: Σ weight · term; non-finite term values count as 0 (see `nonFiniteTermCount`).
  /// - Complexity: O(instructions), no allocation.
  public func step(action: UnsafeBufferPointer<Float>, observation: UnsafeBufferPointer<Float>, terminated: Bool, truncated: Bool) -> Double {
    precondition(observation.count == observationLength, "observation has \(observation.count) values, the \(reward.view.name) view reads \(observationLength)")
    precondition(action.count == actionLength, "action has \(action.count) values, the \(reward.view.name) view reads \(actionLength)")
    (registers + stateWidth).update(from: registers, count: stateWidth)
    readState(observation, registers)
    readAction(action, registers + actionBase)
    stepCount += 1
    registers[eventBase] = terminated ? 1 : 0
    registers[eventBase + 1] = truncated ? 1 : 0
    registers[eventBase + 2] = Double(stepCount)
    run()
    var total = 0.0
    for i in 0..<termCount {
      var v = registers[termRegisters[i]]
      if !v.isFinite {
        nonFiniteTermCount += 1
        v = 0
      }
      termStore[i] = v
      total += termWeights[i] * v
    }
    return total
  }

  /// The reward of one transition from scratch (fresh `once`/`until` memory, `step` = 1):
  /// what reward-comparison metrics evaluate on sampled transitions.
  public func evaluate(previous: UnsafeBufferPointer<Float>, action: UnsafeBufferPointer<Float>, next: UnsafeBufferPointer<Float>, terminated: Bool = false) -> Double {
    reset(observation: previous)
    return step(action: action, observation: next, terminated: terminated, truncated: false)
  }

  /// Captions of the last step (state before, after, action), if the view has a captioner.
  public func captions(terminated: Bool) -> [String] {
    guard let c = reward.view.captioner else { return [] }
    return c(registers + stateWidth, registers, registers + actionBase, terminated)
  }

  @inline(__always)
  func run() {
    let r = registers, m = memory
    for k in 0..<codeCount {
      let ins = code[k]
      let d = Int(ins.destination), a = Int(ins.a), b = Int(ins.b), c = Int(ins.c)
      switch ins.operation {
      case .negate: r[d] = -r[a]
      case .not: r[d] = r[a] != 0 ? 0 : 1
      case .add: r[d] = r[a] + r[b]
      case .subtract: r[d] = r[a] - r[b]
      case .multiply: r[d] = r[a] * r[b]
      case .divide: r[d] = r[a] / r[b]
      case .power: r[d] = Double.pow(r[a], r[b])
      case .less: r[d] = r[a] < r[b] ? 1 : 0
      case .lessOrEqual: r[d] = r[a] <= r[b] ? 1 : 0
      case .greater: r[d] = r[a] > r[b] ? 1 : 0
      case .greaterOrEqual: r[d] = r[a] >= r[b] ? 1 : 0
      case .equal: r[d] = r[a] == r[b] ? 1 : 0
      case .notEqual: r[d] = r[a] != r[b] ? 1 : 0
      case .and: r[d] = r[a] != 0 && r[b] != 0 ? 1 : 0
      case .or: r[d] = r[a] != 0 || r[b] != 0 ? 1 : 0
      case .select: r[d] = r[a] != 0 ? r[b] : r[c]
      case .minimum: r[d] = Swift.min(r[a], r[b])
      case .maximum: r[d] = Swift.max(r[a], r[b])
      case .absolute: r[d] = Swift.abs(r[a])
      case .squareRoot: r[d] = r[a].squareRoot()
      case .exponential: r[d] = Double.exp(r[a])
      case .logarithm: r[d] = Double.log(r[a])
      case .tanh: r[d] = Double.tanh(r[a])
      case .sine: r[d] = Double.sin(r[a])
      case .cosine: r[d] = Double.cos(r[a])
      case .atan2: r[d] = Double.atan2(y: r[a], x: r[b])
      case .sign: r[d] = r[a] > 0 ? 1 : (r[a] < 0 ? -1 : 0)
      case .clamp: r[d] = Swift.min(Swift.max(r[a], r[b]), r[c])
      case .once:
        r[d] = r[a] != 0 && m[c] == 0 ? 1 : 0
        if r[a] != 0 { m[c] = 1 }
      case .until:
        if r[a] != 0 { m[c] = 1 }
        r[d] = m[c] == 0 ? r[b] : 0
      case .ever:
        if r[a] != 0 { m[c] = 1 }
        r[d] = m[c]
      }
    }
  }
}
