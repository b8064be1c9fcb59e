extension Wrappers {
  /// Turns every observation into its flat `[Float]` form: Gymnasium's `FlattenObservation`.
  ///
  /// Flattening follows the space's `flatten` (a `Box` gives its values, `Discrete` a one-hot
  /// vector, composites the concatenation of their parts). The observation space becomes a
  /// `Box<[Float]>` of `flatDimension` coordinates whose bounds come from
  /// `Wrappers.flatBounds(of:)`: a `Box`'s own bounds, `[0, 1]` for one-hot and binary parts,
  /// `±infinity` where unknown.
  ///
  /// The wrapper writes into one buffer it keeps, so a caller that drops each observation
  /// before the next step causes no allocation; a caller that keeps them gets a copy on write.
  public struct FlattenObservation<Base: Environment>: Wrapper {
    /// Flat `Float` observations.
    public typealias Observation = [Float]
    /// The wrapped environment's action type.
    public typealias Action = Base.Action
    /// A box of flat observations.
    public typealias ObservationSpace = Box<[Float]>
    /// The wrapped environment's action space type.
    public typealias ActionSpace = Base.ActionSpace
    /// The wrapped environment's reward type.
    public typealias Reward = Base.Reward

    /// The wrapped environment.
    public var base: Base
    /// The box of flat observations.
    public let observationSpace: Box<[Float]>
    /// The inner observation space, cached at construction.
    @usableFromInline let innerSpace: Base.ObservationSpace
    @usableFromInline var buffer: [Float]

    /// Wraps `base`.
    /// - Parameter base: the environment to wrap; its observation space is read once, here.
    public init(_ base: Base) {
      self.base = base
      innerSpace = base.observationSpace
      let bounds = Wrappers.flatBounds(of: innerSpace)
      observationSpace = Box(low: bounds.low, high: bounds.high)
      buffer = [Float](repeating: 0, count: innerSpace.flatDimension)
    }

    /// The wrapped environment's action space.
    public var actionSpace: ActionSpace { base.actionSpace }

    /// The flat form of an inner observation.
    /// - Parameter observation: an observation of the wrapped environment.
    /// - Complexity: O(`flatDimension`).
    @inlinable
    public mutating func flatten(_ observation: Base.Observation) -> [Float] {
      let space = innerSpace
      buffer.withUnsafeMutableBufferPointer { space.flatten(observation, into: $0) }
      return buffer
    }

    /// Resets the wrapped environment and flattens the first observation.
    /// - Parameters:
    ///   - seed: passed to the wrapped environment.
    ///   - options: passed to the wrapped environment.
    @inlinable
    public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<[Float]> {
      let (observation, info) = try base.reset(seed: seed, options: options)
      return (flatten(observation), info)
    }

    /// Steps the wrapped environment and flattens the observation.
    /// - Parameter action: passed to the wrapped environment.
    @inlinable
    public mutating func step(_ action: Action) -> StepResult<[Float], Reward> {
      let r = base.step(action)
      return (flatten(r.observation), r.reward, r.terminated, r.truncated, r.info)
    }
  }
}

extension Wrappers.FlattenObservation: Sendable where Base: Sendable {}
extension Wrappers.FlattenObservation: MultiObjectiveEnvironment where Base: MultiObjectiveEnvironment {}
extension Wrappers.FlattenObservation: RenderableEnvironment where Base: RenderableEnvironment {}
extension Wrappers.FlattenObservation: TextRenderableEnvironment where Base: TextRenderableEnvironment {}

extension Environment {
  /// This environment with observations in their flat `[Float]` form.
  public func flatteningObservations() -> Wrappers.FlattenObservation<Self> {
    Wrappers.FlattenObservation(self)
  }
}
