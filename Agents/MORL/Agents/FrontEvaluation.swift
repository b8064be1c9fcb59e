import GymCore
import GymMultiObjective

/// How a learned front is scored while an agent trains: the reference point for the
/// hypervolume, the weights for expected utility and, when known, the true front.
public struct FrontScoring: Sendable {
  /// The hypervolume reference point.
  public var referencePoint: [Double]
  /// The weights expected utility and maximum utility loss average or maximise over.
  public var weights: [[Double]]
  /// The true front, when known (for maximum utility loss and IGD).
  public var trueFront: [[Double]]?

  /// Scoring with `referencePoint`, `weightCount` equally spaced weights and an optional
  /// true front.
  public init(referencePoint: [Double], weightCount: Int = 50, trueFront: [[Double]]? = nil) {
    self.referencePoint = referencePoint
    weights = Weights.equallySpaced(dimension: referencePoint.count, count: weightCount)
    self.trueFront = trueFront
  }

  /// The metrics of `returns` (filtered to its non-dominated points first).
  /// - Throws: `MetricError` when a return has the wrong number of objectives.
  public func score(_ returns: [[Double]]) throws -> FrontScore {
    let front = Pareto.nonDominated(returns, tolerance: 1e-9)
    guard !front.isEmpty else {
      return FrontScore(front: [], hypervolume: 0, expectedUtility: -.infinity, cardinality: 0, sparsity: 0, maximumUtilityLoss: nil, igd: nil)
    }
    return FrontScore(
      front: front,
      hypervolume: try Hypervolume.compute(front, reference: referencePoint),
      expectedUtility: try Metrics.expectedUtility(front, weights: weights),
      cardinality: front.count,
      sparsity: try Metrics.sparsity(front),
      maximumUtilityLoss: try trueFront.map { try Metrics.maximumUtilityLoss(front, reference: $0, weights: weights) },
      igd: try trueFront.map { try Metrics.invertedGenerationalDistance(front, reference: $0) })
  }
}

/// The metrics of one learned front.
public struct FrontScore: Sendable {
  /// The non-dominated returns.
  public var front: [[Double]]
  /// Hypervolume at the scoring's reference point.
  public var hypervolume: Double
  /// Expected utility over the scoring's weights.
  public var expectedUtility: Double
  /// The number of non-dominated points.
  public var cardinality: Int
  /// PGMORL's sparsity.
  public var sparsity: Double
  /// Maximum utility loss against the true front, when known.
  public var maximumUtilityLoss: Double?
  /// Inverted generational distance to the true front, when known.
  public var igd: Double?

  /// The figures as JSON.
  public var json: JSONValue {
    var o: [String: JSONValue] = [
      "hypervolume": .double(hypervolume), "expected_utility": expectedUtility.isFinite ? .double(expectedUtility) : .null,
      "cardinality": .int(cardinality), "sparsity": .double(sparsity),
      "front": .array(front.map { JSONValue($0) }),
    ]
    o["maximum_utility_loss"] = maximumUtilityLoss.map { .double($0) } ?? .null
    o["igd"] = igd.map { .double($0) } ?? .null
    return .object(o)
  }
}

/// One evaluation during training.
public struct TrainingProgress: Sendable {
  /// Environment steps taken so far.
  public var step: Int
  /// Wall seconds since training started (evaluations included).
  public var seconds: Double
  /// The evaluated front and its metrics.
  public var score: FrontScore
  /// The exploration rate, where the agent has one.
  public var epsilon: Double?
}

/// A learner that trains on a multi-objective environment and reports its front.
public protocol MultiObjectiveLearner: AnyObject {
  /// Trains for `steps` environment steps, evaluating every `evaluateEvery` steps; stops
  /// early when `onEvaluation` returns false.
  /// - Returns: every evaluation made.
  @discardableResult
  func train(steps: Int, evaluateEvery: Int, scoring: FrontScoring, onEvaluation: (TrainingProgress) -> Bool) throws -> [TrainingProgress]
  /// The discounted returns of the learner's current policies, evaluated in the environment.
  func evaluatedReturns() -> [[Double]]
}

/// Runs `policy` for one episode from a reset with `seed` and returns its discounted return.
func rollout<Env: Environment>(
  _ env: inout Env, seed: UInt64?, maxSteps: Int, gamma: Double, dimension: Int,
  policy: (Env.Observation, Int) -> Env.Action
) -> [Double] where Env.Reward == RewardVector {
  var total = [Double](repeating: 0, count: dimension)
  guard var obs = try? env.reset(seed: seed, options: [:]).observation else { return total }
  var discount = 1.0
  for t in 0..<maxSteps {
    let r = env.step(policy(obs, t))
    for i in 0..<dimension { total[i] += discount * r.reward.values[i] }
    discount *= gamma
    obs = r.observation
    if r.terminated || r.truncated { break }
  }
  return total
}

/// Nature-DQN's linear schedule: `initial` → `final` over `period` steps, then constant.
@inlinable
func linearSchedule(initial: Double, final: Double, period: Int, step: Int) -> Double {
  guard period > 0 else { return final }
  let left = Double(max(0, period - step)) / Double(period)
  return final + (initial - final) * left
}

/// The training loop of the tabular learners: runs `steps` environment steps in chunks of
/// `evaluateEvery`, scoring the learner's front after each chunk, until the steps are done or
/// `onEvaluation` returns false.
func trainInChunks(
  steps: Int, evaluateEvery: Int, scoring: FrontScoring, learner: some MultiObjectiveLearner,
  currentStep: () -> Int, epsilon: () -> Double?, run: (Int) throws -> Void,
  onEvaluation: (TrainingProgress) -> Bool
) throws -> [TrainingProgress] {
  let clock = ContinuousClock.now
  var log: [TrainingProgress] = []
  var done = 0
  while done < steps {
    let chunk = min(evaluateEvery, steps - done)
    try run(chunk)
    done += chunk
    let p = TrainingProgress(
      step: currentStep(), seconds: (ContinuousClock.now - clock).secondsDouble,
      score: try scoring.score(learner.evaluatedReturns()), epsilon: epsilon())
    log.append(p)
    if !onEvaluation(p) { break }
  }
  return log
}
