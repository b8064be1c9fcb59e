extension Wrappers {
  /// Applies a function to every action before it reaches the wrapped environment:
  /// Gymnasium's `TransformAction`.
  ///
  /// The caller states the space of actions the wrapper accepts.
  public struct TransformAction<Base: Environment, Action, ActionSpace: Space<Action>>: Wrapper {
    /// The wrapped environment's observation type.
    public typealias Observation = Base.Observation
    /// The wrapped environment's observation space type.
    public typealias ObservationSpace = Base.ObservationSpace
    /// The wrapped environment's reward type.
    public typealias Reward = Base.Reward

    /// The wrapped environment.
    public var base: Base
    /// The space of actions the wrapper accepts.
    public let actionSpace: ActionSpace
    /// The function mapping an accepted action to one of the wrapped environment.
    public let transform: @Sendable (Action) -> Base.Action

    /// Wraps `base`.
    /// - Parameters:
    ///   - base: the environment to wrap.
    ///   - actionSpace: the space of actions the wrapper accepts.
    ///   - transform: maps an accepted action to one of the wrapped environment.
    public init(
      _ base: Base, actionSpace: ActionSpace, _ transform: @escaping @Sendable (Action) -> Base.Action
    ) {
      self.base = base
      self.actionSpace = actionSpace
      self.transform = transform
    }

    /// The wrapped environment's observation space.
    public var observationSpace: ObservationSpace { base.observationSpace }

    /// Resets the wrapped environment.
    /// - Parameters:
    ///   - seed: passed to the wrapped environment.
    ///   - options: passed to the wrapped environment.
    @inlinable
    public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Observation> {
      try base.reset(seed: seed, options: options)
    }

    /// Steps the wrapped environment with the transformed action.
    /// - Parameter action: an action in `actionSpace`.
    @inlinable
    public mutating func step(_ action: Action) -> StepResult<Observation, Reward> {
      base.step(transform(action))
    }
  }
}

extension Wrappers.TransformAction: Sendable where Base: Sendable {}
extension Wrappers.TransformAction: MultiObjectiveEnvironment where Base: MultiObjectiveEnvironment {}
extension Wrappers.TransformAction: RenderableEnvironment where Base: RenderableEnvironment {}
extension Wrappers.TransformAction: TextRenderableEnvironment where Base: TextRenderableEnvironment {}

extension Environment {
  /// This environment taking actions from `actionSpace`, mapped by `transform`.
  /// - Parameters:
  ///   - actionSpace: the space of actions the wrapper accepts.
  ///   - transform: maps an accepted action to one of this environment.
  public func transformingActions<NewAction, NewSpace: Space<NewAction>>(
    in actionSpace: NewSpace,
    _ transform: @escaping @Sendable (NewAction) -> Action
  ) -> Wrappers.TransformAction<Self, NewAction, NewSpace> {
    Wrappers.TransformAction(self, actionSpace: actionSpace, transform)
  }
}
