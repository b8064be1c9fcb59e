extension Wrappers {
  /// Turns a vector reward into the scalar `weights · reward`: MO-Gymnasium's `LinearReward`.
  ///
  /// The bridge from a multi-objective environment to any single-objective agent. Each step's
  /// info gains `"vector_reward"` (the original components) and `"reward_weights"`, as in
  /// MO-Gymnasium.
  public struct LinearScalarization<Base: Environment>: Wrapper where Base.Reward == RewardVector {
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
    /// One weight per objective; may be changed between steps (MO-Gymnasium's `set_weight`).
    public var weights: [Double] {
      didSet { weightsJSON = JSONValue(weights) }
    }
    @usableFromInline var weightsJSON: JSONValue

    /// Wraps `base`.
    /// - Parameters:
    ///   - base: the environment to wrap.
    ///   - weights: one weight per objective.
    public init(_ base: Base, weights: [Double]) {
      precondition(!weights.isEmpty, "LinearScalarization needs at least one weight")
      self.base = base
      self.weights = weights
      weightsJSON = JSONValue(weights)
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

    /// Steps the wrapped environment and returns the weighted sum of its reward vector.
    /// - Parameter action: passed to the wrapped environment.
    /// - Precondition: the reward has one component per weight.
    @inlinable
    public mutating func step(_ action: Action) -> StepResult<Observation, Double> {
      var r = base.step(action)
      r.info["vector_reward"] = JSONValue(r.reward.values)
      r.info["reward_weights"] = weightsJSON
      return (r.observation, r.reward.dot(weights), r.terminated, r.truncated, r.info)
    }
  }
}

extension Wrappers.LinearScalarization where Base: MultiObjectiveEnvironment {
  /// Wraps `base` with weight 1 on every objective of its reward space.
  /// - Parameter base: the environment to wrap.
  public init(_ base: Base) {
    self.init(base, weights: Array(repeating: 1, count: base.rewardSpace.count))
  }
}

extension Wrappers.LinearScalarization: Sendable where Base: Sendable {}
extension Wrappers.LinearScalarization: RenderableEnvironment where Base: RenderableEnvironment {}
extension Wrappers.LinearScalarization: TextRenderableEnvironment where Base: TextRenderableEnvironment {}

extension Environment where Reward == RewardVector {
  /// This environment with its vector reward replaced by `weights · reward`.
  /// - Parameter weights: one weight per objective.
  public func scalarized(weights: [Double]) -> Wrappers.LinearScalarization<Self> {
    Wrappers.LinearScalarization(self, weights: weights)
  }
}
