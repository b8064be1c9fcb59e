extension Wrappers {
  /// Clips continuous actions into the wrapped environment's `Box`: Gymnasium's `ClipAction`.
  ///
  /// The wrapper's action space is a `Box` of the same shape with bounds `−∞…∞`, so any action
  /// is accepted; each coordinate is clamped to the inner box's `[low, high]` before it is
  /// passed on.
  public struct ClipAction<Base: Environment>: Wrapper
  where Base.Action: BoxValue, Base.ActionSpace == Box<Base.Action> {
    /// The wrapped environment's observation type.
    public typealias Observation = Base.Observation
    /// The wrapped environment's action type.
    public typealias Action = Base.Action
    /// The wrapped environment's observation space type.
    public typealias ObservationSpace = Base.ObservationSpace
    /// A box of the actions the wrapper accepts.
    public typealias ActionSpace = Box<Base.Action>
    /// The wrapped environment's reward type.
    public typealias Reward = Base.Reward

    /// The wrapped environment.
    public var base: Base
    /// The unbounded box of the inner box's shape.
    public let actionSpace: Box<Action>
    /// The inner action space, cached at construction.
    @usableFromInline let innerSpace: Box<Action>

    /// Wraps `base`.
    /// - Parameter base: the environment to wrap; its action space is read once, here.
    public init(_ base: Base) {
      self.base = base
      innerSpace = base.actionSpace
      actionSpace = Box(low: -.infinity, high: .infinity, shape: innerSpace.shape)
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

    /// Steps the wrapped environment with `action` clamped into its action space.
    /// - Parameter action: any action of the right shape.
    @inlinable
    public mutating func step(_ action: Action) -> StepResult<Observation, Reward> {
      base.step(innerSpace.clip(action))
    }
  }
}

extension Wrappers.ClipAction: Sendable where Base: Sendable {}
extension Wrappers.ClipAction: MultiObjectiveEnvironment where Base: MultiObjectiveEnvironment {}
extension Wrappers.ClipAction: RenderableEnvironment where Base: RenderableEnvironment {}
extension Wrappers.ClipAction: TextRenderableEnvironment where Base: TextRenderableEnvironment {}

extension Environment where Action: BoxValue, ActionSpace == Box<Action> {
  /// This environment accepting any action, clipped into its action `Box`.
  public func clippingActions() -> Wrappers.ClipAction<Self> { Wrappers.ClipAction(self) }
}
