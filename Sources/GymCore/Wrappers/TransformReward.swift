extension Wrappers {
  /// Applies a function to every reward: Gymnasium's `TransformReward`.
  ///
  /// The new reward may have another type, e.g. a scalar from a vector.
  public struct TransformReward<Base: Environment, Reward: RewardValue>: Wrapper {
    /// The wrapped environment's observation type.
    public typealias Observation = Base.Observation
    /// The wrapped environment's action type.
    public typealias Action = Base.Action
    /// The wrapped environment's observation space type.
    public typealias ObservationSpace = Base.ObservationSpace
    /// The wrapped environment's action space type.
    public typealias ActionSpace = Base.ActionSpace

    /// The wrapped environment.
    public var base: Base
    /// The function applied to each reward.
    public let transform: @Sendable (Base.Reward) -> Reward

    /// Wraps `base`.
    /// - Parameters:
    ///   - base: the environment to wrap.
    ///   - transform: the function applied to each reward.
    public init(_ base: Base, _ transform: @escaping @Sendable (Base.Reward) -> Reward) {
      self.base = base
      self.transform = transform
    }

    /// The wrapped environment's observation space.
    public var observationSpace: ObservationSpace { base.observationSpace }
    /// The wrapped environment's action space.
    public var actionSpace: ActionSpace { base.actionSpace }

    /// Resets the wrapped environment.
    /// - Parameters:
    ///   - seed: passed to the wrapped environment.
    ///   - options: passed to the wrapped environment.
    @inlinable
    public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Observation> {
      try base.reset(seed: seed, options: options)
    }

    /// Steps the wrapped environment and transforms the reward.
    /// - Parameter action: passed to the wrapped environment.
    @inlinable
    public mutating func step(_ action: Action) -> StepResult<Observation, Reward> {
      let r = base.step(action)
      return (r.observation, transform(r.reward), r.terminated, r.truncated, r.info)
    }
  }
}

extension Wrappers.TransformReward: Sendable where Base: Sendable {}
extension Wrappers.TransformReward: RenderableEnvironment where Base: RenderableEnvironment {}
extension Wrappers.TransformReward: TextRenderableEnvironment where Base: TextRenderableEnvironment {}

extension Environment {
  /// This environment with `transform` applied to every reward.
  /// - Parameter transform: the function applied to each reward.
  public func transformingRewards<NewReward: RewardValue>(
    _ transform: @escaping @Sendable (Reward) -> NewReward
  ) -> Wrappers.TransformReward<Self, NewReward> {
    Wrappers.TransformReward(self, transform)
  }
}
