import GymCore

/// The weights every sub-environment of one PPO run scalarises with, and the vector returns of
/// the training episodes they finish.
///
/// One board is shared by the sub-environments of a run (they are stepped on one thread), so
/// changing `weights` between PPO iterations re-weights the whole rollout that follows: this
/// is how C-MORL's log-barrier enters the update (see `CMORL`).
public final class ObjectiveBoard: @unchecked Sendable {
  /// One weight per objective.
  public var weights: [Double]
  /// Discount for `recentReturns`.
  public let gamma: Double
  /// Discounted vector returns of the latest finished training episodes, oldest first (at
  /// most `capacity`).
  public private(set) var recentReturns: [[Double]] = []
  /// How many returns `recentReturns` keeps.
  public let capacity: Int

  /// A board with these weights.
  public init(weights: [Double], gamma: Double, capacity: Int = 32) {
    self.weights = weights
    self.gamma = gamma
    self.capacity = capacity
  }

  /// Records a finished episode's discounted vector return.
  func record(_ returns: [Double]) {
    recentReturns.append(returns)
    if recentReturns.count > capacity { recentReturns.removeFirst(recentReturns.count - capacity) }
  }

  /// Forgets the recorded returns.
  public func clearReturns() { recentReturns.removeAll() }

  /// The mean of the recorded returns, or nil before any episode finished.
  public var meanReturn: [Double]? {
    guard let first = recentReturns.first else { return nil }
    var sum = [Double](repeating: 0, count: first.count)
    for r in recentReturns { for k in sum.indices { sum[k] += r[k] } }
    return sum.map { $0 / Double(recentReturns.count) }
  }
}

/// A multi-objective environment seen by a scalar learner: the reward is `board.weights ·
/// reward`, episodes are truncated after `maxEpisodeSteps`, and every finished episode's
/// discounted vector return is written to the board.
public struct BoardScalarization<Base: MultiObjectiveEnvironment>: Environment {
  public typealias Observation = Base.Observation
  public typealias Action = Base.Action
  public typealias ObservationSpace = Base.ObservationSpace
  public typealias ActionSpace = Base.ActionSpace

  /// The multi-objective environment.
  public var base: Base
  /// The shared weights and returns.
  public let board: ObjectiveBoard
  /// The time limit (0: none).
  public let maxEpisodeSteps: Int
  var elapsed = 0
  var discount = 1.0
  var episodeReturn: [Double] = []

  /// Scalarises `base` through `board`.
  public init(_ base: Base, board: ObjectiveBoard, maxEpisodeSteps: Int) {
    self.base = base
    self.board = board
    self.maxEpisodeSteps = maxEpisodeSteps
  }

  public var observationSpace: ObservationSpace { base.observationSpace }
  public var actionSpace: ActionSpace { base.actionSpace }
  public var metadata: EnvironmentMetadata { base.metadata }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Observation> {
    elapsed = 0
    discount = 1
    episodeReturn = [Double](repeating: 0, count: board.weights.count)
    return try base.reset(seed: seed, options: options)
  }

  public mutating func step(_ action: Action) -> StepResult<Observation, Double> {
    let r = base.step(action)
    let v = r.reward.values
    precondition(v.count == board.weights.count, "the board has \(board.weights.count) weights for \(v.count) objectives")
    var scalar = 0.0
    for k in v.indices {
      scalar += board.weights[k] * v[k]
      episodeReturn[k] += discount * v[k]
    }
    discount *= board.gamma
    elapsed += 1
    let truncated = r.truncated || (maxEpisodeSteps > 0 && elapsed >= maxEpisodeSteps)
    if r.terminated || truncated { board.record(episodeReturn) }
    return (r.observation, scalar, r.terminated, truncated, r.info)
  }
}
