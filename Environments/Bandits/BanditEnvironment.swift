import GymCore

/// What one pull of an arm produced: the observed reward and the oracle quantities the
/// regret accounting needs.
///
/// The expected regret is computed by the environment from its true parameters, never from
/// the noisy reward, so cumulative regret curves have the low variance of pseudo-regret.
@frozen
public struct BanditFeedback: Sendable, Hashable {
  /// The reward the learner observes.
  public var reward: Double
  /// The expected reward of the pulled arm under the environment's regret notion.
  public var expectedReward: Double
  /// The expected regret of this pull: the benchmark's expected reward minus `expectedReward`
  /// (pseudo-regret, dynamic regret or policy regret, as each environment documents).
  public var regret: Double
  /// The arm the benchmark would have pulled at this step.
  public var optimalArm: Int

  /// Feedback with these fields.
  @inlinable
  public init(reward: Double, expectedReward: Double, regret: Double, optimalArm: Int) {
    self.reward = reward
    self.expectedReward = expectedReward
    self.regret = regret
    self.optimalArm = optimalArm
  }
}

/// A bandit problem behind the `Environment` protocol: arms are the actions `0..<armCount`,
/// an episode is one run of `horizon` pulls, and every pull reports its expected regret.
///
/// `step(_:)` (provided) returns the reward, `truncated == true` at the horizon and an info
/// dictionary with `regret`, `expected_reward` and `optimal_arm`. Experiment code uses the
/// allocation-free `pull(_:)` and `currentObservation` instead, which carry the same numbers.
///
/// Conformers implement `reset(seed:options:)`, `pull(_:)` and the properties; resetting
/// reseeds the reward stream (and re-draws any random instance parameters) when given a seed.
public protocol BanditEnvironment: Environment
where Action == Int, Reward == Double, ActionSpace == Discrete {
  /// The number of arms.
  var armCount: Int { get }
  /// The number of pulls in an episode: the time limit.
  var horizon: Int { get }
  /// Pulls taken since the last reset.
  var time: Int { get }
  /// What the learner sees before the next pull: `0` for context-free problems, the arms'
  /// feature matrix for contextual ones.
  var currentObservation: Observation { get }
  /// The optimal arm when it is the same for the whole episode (stationary problems), else
  /// `nil`. BanditBench's suffix-failure metric needs it.
  var stationaryOptimalArm: Int? { get }

  /// Pulls `arm`, advancing time by one.
  /// - Precondition: `0 <= arm < armCount`, the environment was reset and `time < horizon`.
  /// - Complexity: O(1) for stationary problems; O(K·d) for contextual ones (the next context).
  mutating func pull(_ arm: Int) -> BanditFeedback
}

/// A bandit whose observation is a feature matrix, one row of `featureDimension` numbers per
/// arm, stored row-major as `[Float]` (LinUCB's per-arm features; for the "disjoint" model
/// every row is the shared context).
public protocol ContextualBanditEnvironment: BanditEnvironment where Observation == [Float] {
  /// The length of each arm's feature vector.
  var featureDimension: Int { get }
  /// Whether every arm has its own unknown parameter vector and all rows carry one shared
  /// context (LinUCB's disjoint model), rather than one parameter vector for all arms.
  var isDisjoint: Bool { get }
}

// MARK: - Default implementations

extension ContextualBanditEnvironment {
  /// One parameter vector shared by all arms.
  public var isDisjoint: Bool { false }
}

extension BanditEnvironment {
  /// No fixed optimal arm.
  public var stationaryOptimalArm: Int? { nil }

  /// Pulls `action` and reports the pull in Gymnasium's form: `truncated` at the horizon, info
  /// with `regret`, `expected_reward` and `optimal_arm`.
  @inlinable
  public mutating func step(_ action: Int) -> StepResult<Observation, Double> {
    let feedback = pull(action)
    let info: Info = [
      "regret": .double(feedback.regret), "expected_reward": .double(feedback.expectedReward),
      "optimal_arm": .int(feedback.optimalArm),
    ]
    return (currentObservation, feedback.reward, false, time >= horizon, info)
  }
}

/// Checks the precondition shared by every `pull`.
@usableFromInline @inline(__always)
func checkPull(_ arm: Int, armCount: Int, time: Int, horizon: Int, started: Bool) {
  precondition(started, "call reset(seed:) before pulling an arm")
  precondition(arm >= 0 && arm < armCount, "arm \(arm) is outside 0..<\(armCount)")
  precondition(time < horizon, "the horizon of \(horizon) pulls is reached; reset first")
}
