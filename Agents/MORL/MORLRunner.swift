import GymCore
import GymMultiObjective

/// The MORL algorithms `MORLRunner` (and `gym morl`) can train.
public enum MORLAlgorithm: String, Sendable, CaseIterable {
  /// Pareto Q-learning: the whole front, concave parts included.
  case pql
  /// Scalarised multi-objective Q-learning for one weight vector (`--weight`).
  case moql
  /// Optimistic linear support over scalarised Q-learning: the convex coverage set.
  case ols
  /// Generalised policy improvement with linear support (GPI-LS), tabular.
  case gpiLS = "gpi-ls"
  /// Envelope Q-learning, tabular and weight-conditioned.
  case envelope
}

/// What to train and how to score it.
public struct MORLRunConfiguration: Sendable {
  /// A tabular environment id (see `MultiObjective.tabularIDs`).
  public var environmentID: String
  /// Construction options.
  public var options: Options = [:]
  /// The algorithm.
  public var algorithm: MORLAlgorithm
  /// Environment steps to train for.
  public var steps = 50_000
  /// Steps between evaluations.
  public var evaluateEvery = 2000
  /// The discount factor.
  public var gamma = 0.99
  /// The seed.
  public var seed: UInt64 = 0
  /// The hypervolume reference point; nil takes `MultiObjective.referencePoints`.
  public var referencePoint: [Double]?
  /// Weights for expected utility.
  public var weightCount = 50
  /// The scalarisation weight of `moql` (nil: equal weights).
  public var weight: [Double]?
  /// Stop once the evaluated front's hypervolume reaches the exact front's (when known).
  public var stopWhenFrontFound = false
  /// PQL's ε decay period (MORL-Baselines': 100,000 steps).
  public var epsilonDecaySteps = 100_000
  /// OLS and GPI-LS: Q-learning steps per weight (nil: `LinearSupportQLearning`'s default).
  public var stepsPerWeight: Int?

  /// A configuration.
  public init(environmentID: String, algorithm: MORLAlgorithm) {
    self.environmentID = environmentID
    self.algorithm = algorithm
  }
}

/// The outcome of `MORLRunner.run`.
public struct MORLRunResult: Sendable {
  /// Every evaluation.
  public var evaluations: [TrainingProgress]
  /// The reference point used.
  public var referencePoint: [Double]
  /// The exact front, when the environment has a model.
  public var trueFront: [[Double]]?
  /// Its hypervolume.
  public var trueHypervolume: Double?
  /// The first evaluation whose hypervolume matched the exact front's (within 1e-6 relative).
  public var firstFullFront: TrainingProgress?
  /// Every return evaluated during training (for plotting dominated points).
  public var allReturns: [[Double]]
  /// Environment steps taken.
  public var steps: Int
  /// Wall seconds of training and evaluation.
  public var seconds: Double
  /// The final evaluation.
  public var final: TrainingProgress? { evaluations.last }
}

/// Trains a MORL algorithm on a tabular environment with evaluations along the way.
public enum MORLRunner {
  /// Runs `configuration`, calling `onEvaluation` after every evaluation.
  /// - Throws: `RegistryError`/`OptionError` for a bad id or options, `MetricError` for a
  ///   reference point of the wrong size.
  public static func run(_ configuration: MORLRunConfiguration, onEvaluation: @escaping (TrainingProgress) -> Void = { _ in }) throws -> MORLRunResult {
    try MultiObjective.visitTabular(configuration.environmentID, options: configuration.options, RunVisitor(configuration: configuration, onEvaluation: onEvaluation))
  }

  /// The exact front of `id` at `gamma` over its episode limit, when it has a model.
  public static func exactFront(_ id: String, options: Options = [:], gamma: Double) throws -> [[Double]]? {
    guard MultiObjective.modelIDs.contains(id) else { return nil }
    let model = try MultiObjective.model(id, options: options)
    return try ParetoFrontSolver.solve(model, gamma: gamma, horizon: MultiObjective.episodeLimit(id)).front
  }

  struct RunVisitor: TabularEnvironmentVisitor {
    let configuration: MORLRunConfiguration
    let onEvaluation: (TrainingProgress) -> Void

    func visit<E: TabularMultiObjectiveEnvironment & Sendable>(_ env: E) throws -> MORLRunResult {
      let c = configuration
      let d = env.rewardSpace.count
      let reference = try c.referencePoint ?? MultiObjective.referencePoint(c.environmentID)
      guard reference.count == d else {
        throw MetricError("the reference point \(reference) has \(reference.count) entries; \(c.environmentID) has \(d) objectives")
      }
      let trueFront = try MORLRunner.exactFront(c.environmentID, options: c.options, gamma: c.gamma)
      let trueHV = try trueFront.map { try Hypervolume.compute($0, reference: reference) }
      let scoring = FrontScoring(referencePoint: reference, weightCount: c.weightCount, trueFront: trueFront)
      let limit = MultiObjective.episodeLimit(c.environmentID)
      let learner: any MultiObjectiveLearner
      switch c.algorithm {
      case .pql:
        var pc = ParetoQLearning<E>.Configuration(referencePoint: reference)
        pc.gamma = c.gamma
        pc.seed = c.seed
        pc.maxEpisodeSteps = limit
        pc.epsilonDecaySteps = c.epsilonDecaySteps
        learner = ParetoQLearning(env: env, configuration: pc)
      case .moql:
        let w = c.weight ?? Array(repeating: 1 / Double(d), count: d)
        guard w.count == d else { throw MetricError("the weight \(w) has \(w.count) entries; \(c.environmentID) has \(d) objectives") }
        var qc = ScalarizedQLearning<E>.Configuration(weights: w)
        qc.gamma = c.gamma
        qc.seed = c.seed
        qc.maxEpisodeSteps = limit
        learner = ScalarizedQLearning(env: env, configuration: qc)
      case .ols, .gpiLS:
        var mc = LinearSupportQLearning<E>.Configuration()
        mc.gamma = c.gamma
        mc.seed = c.seed
        mc.maxEpisodeSteps = limit
        mc.weightSelection = c.algorithm == .ols ? .ols : .gpiLS
        if let n = c.stepsPerWeight { mc.stepsPerIteration = n }
        learner = LinearSupportQLearning(env: env, configuration: mc)
      case .envelope:
        var ec = EnvelopeQLearning<E>.Configuration()
        ec.gamma = c.gamma
        ec.seed = c.seed
        ec.maxEpisodeSteps = limit
        learner = EnvelopeQLearning(env: env, configuration: ec)
      }
      var first: TrainingProgress?
      var all: [[Double]] = []
      let start = ContinuousClock.now
      let log = try learner.train(steps: c.steps, evaluateEvery: c.evaluateEvery, scoring: scoring) { p in
        all += p.score.front
        if first == nil, let trueHV, p.score.hypervolume >= trueHV * (1 - 1e-6) { first = p }
        onEvaluation(p)
        return !(c.stopWhenFrontFound && first != nil)
      }
      let seconds = (ContinuousClock.now - start).secondsDouble
      return MORLRunResult(
        evaluations: log, referencePoint: reference, trueFront: trueFront, trueHypervolume: trueHV, firstFullFront: first,
        allReturns: all, steps: log.last?.step ?? 0, seconds: seconds)
    }
  }
}
