import GymCore
import GymMultiObjective

/// What `MultiAgentRunner.run` (and `gym morl multi`) trains and how it scores the result.
public struct MultiAgentRunConfiguration: Sendable {
  /// A multi-agent environment id (`MultiObjective.multiAgentIDs` or a MOMAland name).
  public var environmentID: String
  /// Construction options.
  public var options: Options = [:]
  /// The number of equally spaced weight vectors; one independent run per weight.
  public var weightCount = 11
  /// Training episodes per weight.
  public var episodes = 2000
  /// The step limit of an episode (the environments end their own episodes sooner).
  public var maxSteps = 1000
  /// Q-learning rate.
  public var learningRate = 0.1
  /// The discount factor of learning and of the evaluated returns.
  public var gamma = 0.99
  /// Greedy episodes per evaluation.
  public var evaluationEpisodes = 100
  /// The seed.
  public var seed: UInt64 = 0
  /// The hypervolume reference point; nil: `MultiObjective.multiAgentReferencePoint`.
  public var referencePoint: [Double]?
  /// Weights for expected utility.
  public var utilityWeightCount = 50

  /// A configuration for `environmentID`.
  public init(environmentID: String) { self.environmentID = environmentID }
}

/// The outcome of `MultiAgentRunner.run`.
public struct MultiAgentRunResult: Sendable {
  /// The canonical environment id.
  public var environmentID: String
  /// The number of agents.
  public var agentCount: Int
  /// The weight of each run.
  public var weights: [[Double]]
  /// Each run's greedy joint policy's return vector (discounted, averaged over agents and
  /// evaluation episodes).
  public var returns: [[Double]]
  /// The reference point used.
  public var referencePoint: [Double]
  /// The non-dominated returns with their metrics.
  public var score: FrontScore
  /// Wall seconds of training and evaluation.
  public var seconds: Double
}

/// Runs MOMAland's baseline — independent scalarised Q-learners, one run per weight — on a
/// multi-agent environment and scores the front of the runs' returns.
public enum MultiAgentRunner {
  /// The algorithms available.
  public static let algorithms = ["iql"]

  /// Trains one run per weight and scores the front.
  /// - Throws: `RegistryError` for an unknown id, `OptionError` for bad options,
  ///   `MetricError` for a reference point of the wrong size.
  public static func run(_ configuration: MultiAgentRunConfiguration) throws -> MultiAgentRunResult {
    try MultiObjective.visitMultiAgent(configuration.environmentID, options: configuration.options, Visitor(configuration: configuration))
  }

  struct Visitor: MultiAgentEnvironmentVisitor {
    let configuration: MultiAgentRunConfiguration

    func visit<E: MultiObjectiveParallelEnvironment & Sendable>(_ env: E) throws -> MultiAgentRunResult
    where
      E.Action == Int, E.ActionSpace == Discrete, E.Observation: Hashable & Sendable & RangeReplaceableCollection & BoxValue,
      E.ObservationSpace == Box<E.Observation>
    {
      let c = configuration
      guard let first = env.possibleAgents.first else { throw OptionError("the environment has no agents") }
      let d = env.rewardSpace(for: first).count
      let reference = c.referencePoint ?? MultiObjective.multiAgentReferencePoint(c.environmentID, objectives: d)
      guard reference.count == d else {
        throw MetricError("the reference point \(reference) has \(reference.count) entries; \(c.environmentID) has \(d) objectives")
      }
      let weights = Weights.equallySpaced(dimension: d, count: c.weightCount)
      let start = ContinuousClock.now
      let returns = try IndependentScalarizedQLearning<E>.front(
        make: { env }, weights: weights, episodes: c.episodes, maxSteps: c.maxSteps, learningRate: c.learningRate,
        gamma: c.gamma, evaluationEpisodes: c.evaluationEpisodes, seed: c.seed)
      let seconds = (ContinuousClock.now - start).secondsDouble
      let scoring = FrontScoring(referencePoint: reference, weightCount: c.utilityWeightCount)
      return MultiAgentRunResult(
        environmentID: MultiObjective.canonicalMultiAgentID(c.environmentID) ?? c.environmentID, agentCount: env.possibleAgents.count,
        weights: weights, returns: returns, referencePoint: reference, score: try scoring.score(returns), seconds: seconds)
    }
  }
}
