import GymCore
import GymMultiObjective

/// A table of vector Q-values `Q[s, a] ∈ ℝᵈ`.
public struct VectorQTable: Sendable {
  /// States, actions, objectives.
  public let states: Int, actions: Int, objectives: Int
  /// Row-major values: `values[(s · actions + a) · objectives + i]`.
  public var values: [Double]

  /// A zero table.
  public init(states: Int, actions: Int, objectives: Int) {
    self.states = states
    self.actions = actions
    self.objectives = objectives
    values = Array(repeating: 0, count: states * actions * objectives)
  }

  /// `Q[s, a]` as a vector.
  public func q(_ s: Int, _ a: Int) -> [Double] {
    let b = (s * actions + a) * objectives
    return Array(values[b..<(b + objectives)])
  }

  /// `w · Q[s, a]`.
  @inlinable
  public func scalar(_ s: Int, _ a: Int, _ w: [Double]) -> Double {
    let b = (s * actions + a) * objectives
    var u = 0.0
    for i in 0..<objectives { u += w[i] * values[b + i] }
    return u
  }

  /// The action maximising `w · Q[s, ·]`, ties broken by `rng` when given (else the first).
  public func greedy(_ s: Int, _ w: [Double], rng: inout GymRandom?) -> Int {
    var best = -Double.infinity, choice = 0, ties = 0
    for a in 0..<actions {
      let u = scalar(s, a, w)
      if u > best {
        best = u
        choice = a
        ties = 1
      } else if u == best {
        ties += 1
        if rng != nil && rng!.int(below: ties) == 0 { choice = a }
      }
    }
    return choice
  }

  /// Moves `Q[s, a]` towards `target` by `rate`.
  @inlinable
  public mutating func update(_ s: Int, _ a: Int, toward target: [Double], rate: Double) {
    let b = (s * actions + a) * objectives
    for i in 0..<objectives { values[b + i] += rate * (target[i] - values[b + i]) }
  }
}

/// Multi-objective Q-learning with a fixed linear scalarisation (MORL-Baselines' `MOQLearning`
/// with the weighted sum): vector Q-values, ε-greedy on `w · Q`, bootstrapping from the
/// action that maximises `w · Q(s′, ·)`. Learns one policy, the best for `w` — a point of the
/// convex hull of the front.
public final class ScalarizedQLearning<Env: TabularMultiObjectiveEnvironment>: MultiObjectiveLearner {
  /// Settings.
  public struct Configuration: Sendable {
    /// The scalarisation weights, one per objective.
    public var weights: [Double]
    /// The discount factor.
    public var gamma = 0.99
    /// The learning rate.
    public var learningRate = 0.1
    /// ε at the start, after decay, and the decay period in steps.
    public var initialEpsilon = 1.0, finalEpsilon = 0.05, epsilonDecaySteps = 20_000
    /// The time limit of episodes.
    public var maxEpisodeSteps = 100
    /// The value every Q-vector starts at when the learner makes its own table (zero when nil).
    /// An optimistic start — at least the best return reachable — makes greedy selection try
    /// every action before settling, which ε-greedy alone does not on deep-sea-treasure.
    public var initialValue: [Double]? = nil
    /// The seed.
    public var seed: UInt64 = 0

    /// Settings for `weights`.
    public init(weights: [Double]) { self.weights = weights }
  }

  /// The settings.
  public var configuration: Configuration
  /// The training environment.
  public var env: Env
  /// The Q-table.
  public var table: VectorQTable
  /// Steps taken.
  public private(set) var step = 0
  var rng: GymRandom

  /// A learner for `env`.
  public init(env: Env, configuration: Configuration, table: VectorQTable? = nil) {
    precondition(configuration.weights.count == env.rewardSpace.count, "one weight per objective")
    self.env = env
    self.configuration = configuration
    precondition(configuration.initialValue == nil || configuration.initialValue!.count == env.rewardSpace.count, "one initial value per objective")
    if let table {
      self.table = table
    } else {
      var fresh = VectorQTable(states: env.stateCount, actions: env.actionCount, objectives: env.rewardSpace.count)
      if let v = configuration.initialValue {
        for i in fresh.values.indices { fresh.values[i] = v[i % v.count] }
      }
      self.table = fresh
    }
    rng = GymRandom(seed: configuration.seed)
  }

  var epsilon: Double {
    linearSchedule(initial: configuration.initialEpsilon, final: configuration.finalEpsilon, period: configuration.epsilonDecaySteps, step: step)
  }

  /// Trains for `count` steps with behaviour `choose` (ε-greedy on `w · Q` by default).
  func run(_ count: Int, choose: ((Int) -> Int)? = nil) throws {
    let end = step + count
    let w = configuration.weights
    var next: [Double] = Array(repeating: 0, count: table.objectives)
    while step < end {
      var state = env.stateIndex(of: try env.reset(seed: rng.next(), options: [:]).observation)
      for t in 0..<configuration.maxEpisodeSteps where step < end {
        let action: Int
        if rng.nextDouble() < epsilon {
          action = rng.int(below: table.actions)
        } else if let choose {
          action = choose(state)
        } else {
          // Ties are broken by the agent's generator, which advances with every draw.
          var tieBreaker: GymRandom? = rng
          action = table.greedy(state, w, rng: &tieBreaker)
          rng = tieBreaker!
        }
        let r = env.step(action)
        step += 1
        let s2 = env.stateIndex(of: r.observation)
        if r.terminated {
          for i in 0..<table.objectives { next[i] = r.reward.values[i] }
        } else {
          var none: GymRandom? = nil
          let a2 = table.greedy(s2, w, rng: &none)
          let b = (s2 * table.actions + a2) * table.objectives
          for i in 0..<table.objectives { next[i] = r.reward.values[i] + configuration.gamma * table.values[b + i] }
        }
        table.update(state, action, toward: next, rate: configuration.learningRate)
        state = s2
        if r.terminated || r.truncated || t + 1 == configuration.maxEpisodeSteps { break }
      }
    }
  }

  @discardableResult
  public func train(steps: Int, evaluateEvery: Int, scoring: FrontScoring, onEvaluation: (TrainingProgress) -> Bool = { _ in true }) throws -> [TrainingProgress] {
    try trainInChunks(
      steps: steps, evaluateEvery: evaluateEvery, scoring: scoring, learner: self,
      currentStep: { step }, epsilon: { epsilon }, run: { try run($0) }, onEvaluation: onEvaluation)
  }

  /// The greedy policy's discounted return.
  public func evaluatedReturns() -> [[Double]] {
    [greedyReturn(table, weights: configuration.weights, env: env, gamma: configuration.gamma, maxSteps: configuration.maxEpisodeSteps)]
  }
}

/// The discounted return of acting greedily on `w · Q` from a seeded reset.
func greedyReturn<Env: TabularMultiObjectiveEnvironment>(_ table: VectorQTable, weights w: [Double], env: Env, gamma: Double, maxSteps: Int) -> [Double] {
  var e = env
  return rollout(&e, seed: 0, maxSteps: maxSteps, gamma: gamma, dimension: table.objectives) { obs, _ in
    var none: GymRandom? = nil
    return table.greedy(env.stateIndex(of: obs), w, rng: &none)
  }
}
