extension Wrappers {
  /// Scales rewards so that their discounted sum has roughly unit variance: Gymnasium's
  /// `NormalizeReward`.
  ///
  /// On every step the discounted return accumulator is updated as
  /// `G ← G · γ · (1 − terminated) + r` — with the *current* step's `terminated`, exactly as
  /// Gymnasium does; neither `truncated` nor `reset` clears it — then (unless
  /// `updateRunningStatistics` is false) `G` is merged into `statistics`, and the step returns
  /// `r / sqrt(var(G) + epsilon)`. The mean is not subtracted.
  public struct NormalizeReward<Base: Environment>: Wrapper where Base.Reward == Double {
    /// The wrapped environment's observation type.
    public typealias Observation = Base.Observation
    /// The wrapped environment's action type.
    public typealias Action = Base.Action
    /// The wrapped environment's observation space type.
    public typealias ObservationSpace = Base.ObservationSpace
    /// The wrapped environment's action space type.
    public typealias ActionSpace = Base.ActionSpace
    /// A scalar reward.
    public typealias Reward = Double

    /// The wrapped environment.
    public var base: Base
    /// The discount factor of the return accumulator.
    public let gamma: Double
    /// Added to the variance before the square root.
    public let epsilon: Double
    /// The running statistics of the discounted return (dimension 1).
    public var statistics = RunningMeanStd(dimension: 1)
    /// Whether steps update `statistics` (Gymnasium's `update_running_mean`).
    public var updateRunningStatistics = true
    /// The discounted return accumulator `G`.
    public var discountedReturn = 0.0

    /// Wraps `base`.
    /// - Parameters:
    ///   - base: the environment to wrap.
    ///   - gamma: the discount factor of the return accumulator.
    ///   - epsilon: added to the variance before the square root.
    public init(_ base: Base, gamma: Double = 0.99, epsilon: Double = 1e-8) {
      self.base = base
      self.gamma = gamma
      self.epsilon = epsilon
    }

    /// The wrapped environment's observation space.
    public var observationSpace: ObservationSpace { base.observationSpace }
    /// The wrapped environment's action space.
    public var actionSpace: ActionSpace { base.actionSpace }

    /// Resets the wrapped environment (the accumulator is kept, as in Gymnasium).
    /// - Parameters:
    ///   - seed: passed to the wrapped environment.
    ///   - options: passed to the wrapped environment.
    @inlinable
    public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Observation> {
      try base.reset(seed: seed, options: options)
    }

    /// Steps the wrapped environment and scales its reward.
    /// - Parameter action: passed to the wrapped environment.
    @inlinable
    public mutating func step(_ action: Action) -> StepResult<Observation, Double> {
      var result = base.step(action)
      discountedReturn = discountedReturn * gamma * (result.terminated ? 0 : 1) + result.reward
      if updateRunningStatistics { statistics.update(discountedReturn) }
      result.reward = result.reward / (statistics.variance[0] + epsilon).squareRoot()
      return result
    }
  }
}

extension Wrappers.NormalizeReward: Sendable where Base: Sendable {}
extension Wrappers.NormalizeReward: RenderableEnvironment where Base: RenderableEnvironment {}
extension Wrappers.NormalizeReward: TextRenderableEnvironment where Base: TextRenderableEnvironment {}

extension Environment where Reward == Double {
  /// This environment with rewards scaled by the running standard deviation of the
  /// discounted return.
  /// - Parameters:
  ///   - gamma: the discount factor of the return accumulator.
  ///   - epsilon: added to the variance before the square root.
  public func normalizingRewards(gamma: Double = 0.99, epsilon: Double = 1e-8) -> Wrappers.NormalizeReward<Self> {
    Wrappers.NormalizeReward(self, gamma: gamma, epsilon: epsilon)
  }
}
