extension Wrappers {
  /// Cuts episodes after a fixed number of steps: Gymnasium's `TimeLimit`.
  ///
  /// Counts steps since the last reset and sets `truncated` on the step at which the count
  /// reaches `maxEpisodeSteps`; `terminated` is passed through untouched, so both can be true
  /// on the same step. `reset` zeroes the count.
  public struct TimeLimit<Base: Environment>: Wrapper {
    /// The wrapped environment's observation type.
    public typealias Observation = Base.Observation
    /// The wrapped environment's action type.
    public typealias Action = Base.Action
    /// The wrapped environment's observation space type.
    public typealias ObservationSpace = Base.ObservationSpace
    /// The wrapped environment's action space type.
    public typealias ActionSpace = Base.ActionSpace
    /// The wrapped environment's reward type.
    public typealias Reward = Base.Reward

    /// The wrapped environment.
    public var base: Base
    /// The number of steps after which an episode is truncated.
    public let maxEpisodeSteps: Int
    @usableFromInline var _elapsedSteps: Int = 0

    /// Wraps `base` with a time limit.
    /// - Parameters:
    ///   - base: the environment to wrap.
    ///   - maxEpisodeSteps: the step count at which episodes are truncated; must be positive.
    public init(_ base: Base, maxEpisodeSteps: Int) {
      precondition(maxEpisodeSteps > 0, "TimeLimit needs maxEpisodeSteps > 0, got \(maxEpisodeSteps)")
      self.base = base
      self.maxEpisodeSteps = maxEpisodeSteps
    }

    /// The number of steps taken since the last reset.
    @inlinable public var elapsedSteps: Int { _elapsedSteps }

    /// The wrapped environment's observation space.
    public var observationSpace: ObservationSpace { base.observationSpace }
    /// The wrapped environment's action space.
    public var actionSpace: ActionSpace { base.actionSpace }

    /// Resets the wrapped environment and zeroes the step count.
    /// - Parameters:
    ///   - seed: passed to the wrapped environment.
    ///   - options: passed to the wrapped environment.
    @inlinable
    public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Observation> {
      let result = try base.reset(seed: seed, options: options)
      _elapsedSteps = 0
      return result
    }

    /// Steps the wrapped environment; `truncated` is set once `elapsedSteps` reaches the limit.
    /// - Parameter action: passed to the wrapped environment.
    @inlinable
    public mutating func step(_ action: Action) -> StepResult<Observation, Reward> {
      var result = base.step(action)
      _elapsedSteps &+= 1
      if _elapsedSteps >= maxEpisodeSteps { result.truncated = true }
      return result
    }
  }
}

extension Wrappers.TimeLimit: Sendable where Base: Sendable {}
extension Wrappers.TimeLimit: MultiObjectiveEnvironment where Base: MultiObjectiveEnvironment {}
extension Wrappers.TimeLimit: RenderableEnvironment where Base: RenderableEnvironment {}
extension Wrappers.TimeLimit: TextRenderableEnvironment where Base: TextRenderableEnvironment {}

extension Environment {
  /// This environment with episodes truncated after `maxEpisodeSteps` steps.
  /// - Parameter maxEpisodeSteps: the step count at which episodes are truncated.
  public func timeLimited(_ maxEpisodeSteps: Int) -> Wrappers.TimeLimit<Self> {
    Wrappers.TimeLimit(self, maxEpisodeSteps: maxEpisodeSteps)
  }
}
