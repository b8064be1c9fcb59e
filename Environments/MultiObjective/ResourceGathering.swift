import GymCore

/// Gather gold and gems while avoiding enemies: MO-Gymnasium's `resource-gathering-v0`
/// (Barrett and Narayanan 2008).
///
/// A 5×5 grid; the agent starts at home (bottom centre) and moves up, down, left or right
/// (0–3; moves off the grid do nothing). Gold lies at (0, 2), a gem at (1, 4); entering an
/// enemy cell, (0, 3) or (1, 2), kills the agent with probability 0.1 (reward `[−1, 0, 0]`,
/// episode over). Entering the home cell ends the episode and pays `[0, gold, gem]` for what
/// is carried — also on the very first step if the agent bumps into the bottom wall. The
/// observation is `(row, column, has gold, has gem)`. The time limit is 100 steps.
///
/// Random draws use NumPy's PCG64 stream, so a seeded episode matches MO-Gymnasium's draw for
/// draw.
public struct ResourceGathering: TabularMultiObjectiveEnvironment, Sendable {
  public typealias Observation = SIMD4<Int32>
  public typealias Action = Int

  /// The probability that an enemy cell kills the agent.
  public static let killProbability = 0.1
  static let gold = (0, 2), gem = (1, 4), home = (4, 2)

  /// The current (row, column, has gold, has gem).
  public var state = SIMD4<Int32>(4, 2, 0, 0)
  /// The generator behind enemy attacks.
  public var rng: NumPyGenerator
  @usableFromInline let rewards: [[Double]] = [[0, 0, 0], [-1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 1]]

  public let observationSpace = Box<SIMD4<Int32>>(low: [0, 0, 0, 0], high: [4, 4, 1, 1])
  public let actionSpace = Discrete(4)
  public let rewardSpace = Box<[Float]>(low: [-1, 0, 0], high: [0, 1, 1])
  public var metadata: EnvironmentMetadata { EnvironmentMetadata(renderModes: [.ansi], renderFPS: 4) }

  /// A resource-gathering environment; `seed` seeds the generator before the first reset.
  public init(seed: UInt64? = nil) {
    rng = seed.map { NumPyGenerator(seed: $0) } ?? NumPyGenerator.entropy()
  }

  /// A resource-gathering environment from construction options (none are accepted).
  public init(options: Options) throws {
    try OptionReader.check(options, allowed: [], env: "resource-gathering")
    self.init()
  }

  public var stateCount: Int { 100 }
  public var actionCount: Int { 4 }

  @inlinable
  public func stateIndex(of o: SIMD4<Int32>) -> Int {
    ((Int(o.x) * 5 + Int(o.y)) * 2 + Int(o.z)) * 2 + Int(o.w)
  }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<SIMD4<Int32>> {
    if let bad = options.keys.first { throw OptionError("resource-gathering takes no reset options; got '\(bad)'") }
    if let seed { rng = NumPyGenerator(seed: seed) }
    state = SIMD4(4, 2, 0, 0)
    return (state, [:])
  }

  /// The cell kind at (row, column): 0 open, 1 gold, 2 gem, 3 enemy, 4 home.
  @inlinable
  static func kind(_ r: Int32, _ c: Int32) -> Int {
    switch (r, c) {
    case (0, 2): return 1
    case (1, 4): return 2
    case (0, 3), (1, 2): return 3
    case (4, 2): return 4
    default: return 0
    }
  }

  @inlinable
  static func move(_ s: SIMD4<Int32>, _ action: Int) -> SIMD4<Int32> {
    var n = s
    switch action {
    case 0: n.x -= 1
    case 1: n.x += 1
    case 2: n.y -= 1
    default: n.y += 1
    }
    return (n.x >= 0 && n.x < 5 && n.y >= 0 && n.y < 5) ? n : s
  }

  @inlinable
  public mutating func step(_ action: Int) -> StepResult<SIMD4<Int32>, RewardVector> {
    precondition(action >= 0 && action < 4, "resource-gathering action must be 0...3, got \(action)")
    state = Self.move(state, action)
    switch Self.kind(state.x, state.y) {
    case 1: state.z = 1
    case 2: state.w = 1
    case 3:
      if rng.random() < Self.killProbability { return (state, RewardVector(rewards[1]), true, false, [:]) }
    case 4:
      let paid = state.z == 1 ? (state.w == 1 ? 4 : 2) : (state.w == 1 ? 3 : 0)
      return (state, RewardVector(rewards[paid]), true, false, [:])
    default: break
    }
    return (state, RewardVector(rewards[0]), false, false, [:])
  }
}

extension ResourceGathering: MultiObjectiveModel {
  public var modelStateCount: Int { 100 }
  public var modelActionCount: Int { 4 }
  public var rewardDimension: Int { 3 }
  public var initialStates: [(state: Int, probability: Double)] { [(stateIndex(of: SIMD4(4, 2, 0, 0)), 1)] }

  public func outcomes(state index: Int, action: Int) -> [Outcome] {
    let s = SIMD4<Int32>(Int32(index / 20), Int32(index / 4 % 5), Int32(index / 2 % 2), Int32(index % 2))
    var n = Self.move(s, action)
    switch Self.kind(n.x, n.y) {
    case 1: n.z = 1
    case 2: n.w = 1
    case 3:
      return [
        Outcome(probability: Self.killProbability, reward: [-1, 0, 0], next: stateIndex(of: n), terminal: true),
        Outcome(probability: 1 - Self.killProbability, reward: [0, 0, 0], next: stateIndex(of: n), terminal: false),
      ]
    case 4:
      return [Outcome(probability: 1, reward: [0, Double(n.z), Double(n.w)], next: stateIndex(of: n), terminal: true)]
    default: break
    }
    return [Outcome(probability: 1, reward: [0, 0, 0], next: stateIndex(of: n), terminal: false)]
  }
}

extension ResourceGathering: TextRenderableEnvironment {
  /// The grid: `A` agent, `G` gold, `D` gem, `E` enemy, `H` home; then what is carried.
  public func renderText() -> String {
    var lines: [String] = []
    for r in Int32(0)..<5 {
      var line = ""
      for c in Int32(0)..<5 {
        if r == state.x && c == state.y { line.append("A"); continue }
        switch Self.kind(r, c) {
        case 1: line.append(state.z == 1 ? "." : "G")
        case 2: line.append(state.w == 1 ? "." : "D")
        case 3: line.append("E")
        case 4: line.append("H")
        default: line.append(".")
        }
      }
      lines.append(line)
    }
    lines.append("gold \(state.z) gem \(state.w)")
    return lines.joined(separator: "\n")
  }
}

extension ResourceGathering: StateIndexedModel {}
