import GymCore
import GymMultiObjective

/// Envelope Q-learning (Yang, Sun and Narasimhan 2019) in tabular form: one vector Q-table per
/// preference of a fixed weight grid, all trained from every transition with the envelope
/// target `r + γ · Q_{ω*}(s′, a*)`, where `(a*, ω*) = argmax_{a, ω′} ω · Q_{ω′}(s′, a)`.
///
/// MORL-Baselines' Envelope is a neural network conditioned on ω with sampled preferences and
/// homotopy; on tabular tasks the weight grid plays the network's role and every preference is
/// updated on every step (the "hindsight" preferences of the paper). Like every linear method
/// it finds the convex hull of the front.
public final class EnvelopeQLearning<Env: TabularMultiObjectiveEnvironment>: MultiObjectiveLearner {
  /// Settings.
  public struct Configuration: Sendable {
    /// The discount factor.
    public var gamma = 0.99
    /// The learning rate.
    public var learningRate = 0.1
    /// The number of preferences (a simplex lattice with at least this many points).
    public var preferenceCount = 11
    /// ε at the start, after decay, and the decay period.
    public var initialEpsilon = 1.0, finalEpsilon = 0.05, epsilonDecaySteps = 20_000
    /// The time limit of episodes.
    public var maxEpisodeSteps = 100
    /// The seed.
    public var seed: UInt64 = 0
    /// Settings with the defaults.
    public init() {}
  }

  /// The settings.
  public let configuration: Configuration
  /// The environment.
  public var env: Env
  /// The preferences.
  public let preferences: [[Double]]
  /// One table per preference.
  public private(set) var tables: [VectorQTable]
  /// Steps taken.
  public private(set) var step = 0
  var rng: GymRandom

  /// A learner for `env`.
  public init(env: Env, configuration: Configuration) {
    self.env = env
    self.configuration = configuration
    let d = env.rewardSpace.count
    preferences = Weights.equallySpaced(dimension: d, count: configuration.preferenceCount)
    tables = preferences.map { _ in VectorQTable(states: env.stateCount, actions: env.actionCount, objectives: d) }
    rng = GymRandom(seed: configuration.seed)
  }

  var epsilon: Double {
    linearSchedule(initial: configuration.initialEpsilon, final: configuration.finalEpsilon, period: configuration.epsilonDecaySteps, step: step)
  }

  /// Trains for `count` steps.
  func run(_ count: Int) throws {
    let end = step + count
    let d = env.rewardSpace.count
    let gamma = configuration.gamma, rate = configuration.learningRate
    let actions = env.actionCount
    var target = [Double](repeating: 0, count: d)
    while step < end {
      var s = env.stateIndex(of: try env.reset(seed: rng.next(), options: [:]).observation)
      let j = rng.int(below: preferences.count)  // behaviour preference for this episode
      for t in 0..<configuration.maxEpisodeSteps where step < end {
        var none: GymRandom? = nil
        let a = rng.nextDouble() < epsilon ? rng.int(below: actions) : tables[j].greedy(s, preferences[j], rng: &none)
        let r = env.step(a)
        step += 1
        let s2 = env.stateIndex(of: r.observation)
        for (k, w) in preferences.enumerated() {
          if r.terminated {
            for i in 0..<d { target[i] = r.reward.values[i] }
          } else {
            // The envelope: the best (action, preference) pair at s′ for w.
            var best = -Double.infinity, bt = 0, ba = 0
            for (m, table) in tables.enumerated() {
              for a2 in 0..<actions {
                let u = table.scalar(s2, a2, w)
                if u > best { best = u; bt = m; ba = a2 }
              }
            }
            let b = (s2 * actions + ba) * d
            for i in 0..<d { target[i] = r.reward.values[i] + gamma * tables[bt].values[b + i] }
          }
          tables[k].update(s, a, toward: target, rate: rate)
        }
        s = s2
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

  /// The greedy return for every preference.
  public func evaluatedReturns() -> [[Double]] {
    zip(preferences, tables).map { w, t in greedyReturn(t, weights: w, env: env, gamma: configuration.gamma, maxSteps: configuration.maxEpisodeSteps) }
  }
}
