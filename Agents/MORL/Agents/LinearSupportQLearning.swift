import GymCore
import GymMultiObjective

/// Multi-policy scalarised Q-learning with a linear-support outer loop: MORL-Baselines'
/// `MPMOQLearning` with OLS or GPI-LS weight selection, tabular.
///
/// Each iteration picks a weight — an extreme weight first, then the corner weight of the
/// current convex coverage set with the highest priority — trains a scalarised Q-table for it,
/// and adds the resulting value vector to the CCS. The new table starts from the trained one
/// best at that weight (the first from the reward space's upper bound, so that it explores);
/// OLS stops when no corner can improve, which is only right when each run found its weight's
/// optimum. With GPI-LS the run acts by generalised policy improvement over every table
/// (`argmax_a max_π w · Q_π(s, a)`), and corner priorities come from evaluating the GPI
/// policy at the corners. Both find the convex hull of the front, never its concave points.
public final class LinearSupportQLearning<Env: TabularMultiObjectiveEnvironment>: MultiObjectiveLearner {
  /// Which outer loop.
  public enum WeightSelection: String, Sendable {
    /// Optimistic linear support.
    case ols
    /// Generalised policy improvement linear support.
    case gpiLS = "gpi-ls"
  }

  /// Settings.
  public struct Configuration: Sendable {
    /// The discount factor.
    public var gamma = 0.99
    /// The Q-learning rate.
    public var learningRate = 0.1
    /// Steps of Q-learning per weight.
    public var stepsPerIteration = 100_000
    /// ε at the start and end of each iteration.
    public var initialEpsilon = 1.0, finalEpsilon = 0.05
    /// The time limit of episodes.
    public var maxEpisodeSteps = 100
    /// The outer loop.
    public var weightSelection = WeightSelection.ols
    /// Whether fresh Q-tables start at the reward space's upper bound in every objective
    /// instead of zero, so that greedy action selection tries every action before it settles.
    /// OLS trusts each run's value as the optimum for its weight and stops when no corner
    /// improves; a run that settles on a nearby treasure ends the search early.
    public var optimisticStart = true
    /// Whether a new weight's table starts from the trained table best at that weight
    /// (MORL-Baselines' `transfer_q_table`, on by default there); GPI-LS always transfers.
    public var transferTable = true
    /// The seed.
    public var seed: UInt64 = 0
    /// Settings with the defaults.
    public init() {}
  }

  /// The settings.
  public let configuration: Configuration
  /// The environment.
  public var env: Env
  /// The CCS and visited weights.
  public private(set) var support: LinearSupport
  /// The trained tables with their weights.
  public private(set) var policies: [(weight: [Double], table: VectorQTable)] = []
  /// Steps taken.
  public private(set) var step = 0
  /// Whether the outer loop has no corner left to improve.
  public private(set) var converged = false
  var rng: GymRandom

  /// A learner for `env`.
  public init(env: Env, configuration: Configuration) {
    self.env = env
    self.configuration = configuration
    support = LinearSupport(objectives: env.rewardSpace.count)
    rng = GymRandom(seed: configuration.seed)
  }

  /// The action GPI takes at `s` for `w` over every table.
  func gpiAction(_ s: Int, _ w: [Double], tables: [VectorQTable]) -> Int {
    var best = -Double.infinity, choice = 0
    for t in tables {
      for a in 0..<t.actions {
        let u = t.scalar(s, a, w)
        if u > best { best = u; choice = a }
      }
    }
    return choice
  }

  /// The discounted return of the GPI policy for `w`.
  public func gpiReturn(_ w: [Double]) -> [Double] {
    let tables = policies.map(\.table)
    var e = env
    return rollout(&e, seed: 0, maxSteps: configuration.maxEpisodeSteps, gamma: configuration.gamma, dimension: support.objectives) { obs, _ in
      self.gpiAction(self.env.stateIndex(of: obs), w, tables: tables)
    }
  }

  /// The next weight, or nil when converged.
  func nextWeight() -> [Double]? {
    switch configuration.weightSelection {
    case .ols: return support.nextOLSWeight()
    case .gpiLS:
      let corners = support.cornerWeights()
      return support.nextGPIWeight(corners: corners, gpiValues: corners.map { gpiReturn($0) })
    }
  }

  /// One outer iteration; false when converged.
  func iterate(steps: Int) throws -> Bool {
    guard let w = nextWeight() else { converged = true; return false }
    var qc = ScalarizedQLearning<Env>.Configuration(weights: w)
    qc.gamma = configuration.gamma
    qc.learningRate = configuration.learningRate
    qc.initialEpsilon = configuration.initialEpsilon
    qc.finalEpsilon = configuration.finalEpsilon
    qc.epsilonDecaySteps = max(1, steps / 2)
    qc.maxEpisodeSteps = configuration.maxEpisodeSteps
    qc.seed = rng.next()
    if configuration.optimisticStart { qc.initialValue = optimisticValue }
    let gpi = configuration.weightSelection == .gpiLS
    var start: VectorQTable? = nil
    if gpi || configuration.transferTable, let best = policies.max(by: { greedyValue($0.table, w) < greedyValue($1.table, w) }) { start = best.table }
    let learner = ScalarizedQLearning(env: env, configuration: qc, table: start)
    let previous = policies.map(\.table)
    if gpi && !previous.isEmpty {
      try learner.run(steps) { s in self.gpiAction(s, w, tables: previous + [learner.table]) }
    } else {
      try learner.run(steps)
    }
    step += steps
    policies.append((w, learner.table))
    let value = gpi ? gpiReturn(w) : greedyReturn(learner.table, weights: w, env: env, gamma: configuration.gamma, maxSteps: configuration.maxEpisodeSteps)
    support.add(value, weight: w)
    return true
  }

  /// The reward space's upper bound per objective (zero where it is unbounded).
  var optimisticValue: [Double] {
    env.rewardSpace.high.map { $0.isFinite ? $0 : 0 }
  }

  func greedyValue(_ t: VectorQTable, _ w: [Double]) -> Double {
    dot(greedyReturn(t, weights: w, env: env, gamma: configuration.gamma, maxSteps: configuration.maxEpisodeSteps), w)
  }

  @discardableResult
  public func train(steps: Int, evaluateEvery: Int, scoring: FrontScoring, onEvaluation: (TrainingProgress) -> Bool = { _ in true }) throws -> [TrainingProgress] {
    let clock = ContinuousClock.now
    var log: [TrainingProgress] = []
    let end = step + steps
    var nextEvaluation = step + evaluateEvery
    while step < end {
      let chunk = min(configuration.stepsPerIteration, end - step)
      let progressed = try iterate(steps: chunk)
      if step >= nextEvaluation || !progressed || step >= end {
        while nextEvaluation <= step { nextEvaluation += evaluateEvery }
        let p = TrainingProgress(step: step, seconds: (ContinuousClock.now - clock).secondsDouble, score: try scoring.score(evaluatedReturns()), epsilon: nil)
        log.append(p)
        if !onEvaluation(p) || !progressed { break }
      }
    }
    return log
  }

  /// The returns of every trained policy at its weight (GPI policies for GPI-LS).
  public func evaluatedReturns() -> [[Double]] {
    switch configuration.weightSelection {
    case .ols: return policies.map { greedyReturn($0.table, weights: $0.weight, env: env, gamma: configuration.gamma, maxSteps: configuration.maxEpisodeSteps) }
    case .gpiLS: return policies.map { gpiReturn($0.weight) }
    }
  }
}
