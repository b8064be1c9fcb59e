extension Wrappers {
  /// Applies a function to every observation, from `reset` and `step`: Gymnasium's
  /// `TransformObservation`.
  ///
  /// The caller states the new observation space, since a function's image cannot be
  /// computed in general.
  public struct TransformObservation<Base: Environment, Observation, ObservationSpace: Space<Observation>>: Wrapper {
    /// The wrapped environment's action type.
    public typealias Action = Base.Action
    /// The wrapped environment's action space type.
    public typealias ActionSpace = Base.ActionSpace
    /// The wrapped environment's reward type.
    public typealias Reward = Base.Reward

    /// The wrapped environment.
    public var base: Base
    /// The space of transformed observations.
    public let observationSpace: ObservationSpace
    /// The function applied to each observation.
    public let transform: @Sendable (Base.Observation) -> Observation

    /// Wraps `base`.
    /// - Parameters:
    ///   - base: the environment to wrap.
    ///   - observationSpace: the space the transformed observations lie in.
    ///   - transform: the function applied to each observation.
    public init(
      _ base: Base, observationSpace: ObservationSpace,
      _ transform: @escaping @Sendable (Base.Observation) -> Observation
    ) {
      self.base = base
      self.observationSpace = observationSpace
      self.transform = transform
    }

    /// The wrapped environment's action space.
    public var actionSpace: ActionSpace { base.actionSpace }

    /// Resets the wrapped environment and transforms the first observation.
    /// - Parameters:
    ///   - seed: passed to the wrapped environment.
    ///   - options: passed to the wrapped environment.
    @inlinable
    public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Observation> {
      let (observation, info) = try base.reset(seed: seed, options: options)
      return (transform(observation), info)
    }

    /// Steps the wrapped environment and transforms the observation.
    /// - Parameter action: passed to the wrapped environment.
    @inlinable
    public mutating func step(_ action: Action) -> StepResult<Observation, Reward> {
      let r = base.step(action)
      return (transform(r.observation), r.reward, r.terminated, r.truncated, r.info)
    }
  }
}

extension Wrappers.TransformObservation: Sendable where Base: Sendable {}
extension Wrappers.TransformObservation: MultiObjectiveEnvironment where Base: MultiObjectiveEnvironment {}
extension Wrappers.TransformObservation: RenderableEnvironment where Base: RenderableEnvironment {}
extension Wrappers.TransformObservation: TextRenderableEnvironment where Base: TextRenderableEnvironment {}

extension Environment {
  /// This environment with `transform` applied to every observation.
  /// - Parameters:
  ///   - observationSpace: the space the transformed observations lie in.
  ///   - transform: the function applied to each observation.
  public func transformingObservations<NewObservation, NewSpace: Space<NewObservation>>(
    in observationSpace: NewSpace,
    _ transform: @escaping @Sendable (Observation) -> NewObservation
  ) -> Wrappers.TransformObservation<Self, NewObservation, NewSpace> {
    Wrappers.TransformObservation(self, observationSpace: observationSpace, transform)
  }
}
