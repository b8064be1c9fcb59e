extension Wrappers {
  /// Stops `step` (and by default rendering) before the first `reset`: Gymnasium's
  /// `OrderEnforcing`.
  ///
  /// Gymnasium raises `ResetNeeded`; here stepping too early is a programmer error, so it is a
  /// precondition failure with the message "call reset(seed:) before step".
  public struct OrderEnforcing<Base: Environment>: Wrapper {
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
    /// Whether `render()` / `renderText()` may be called before the first reset.
    public let disableRenderOrderEnforcing: Bool
    @usableFromInline var _hasReset = false

    /// Wraps `base`.
    /// - Parameters:
    ///   - base: the environment to wrap.
    ///   - disableRenderOrderEnforcing: allow rendering before the first reset.
    public init(_ base: Base, disableRenderOrderEnforcing: Bool = false) {
      self.base = base
      self.disableRenderOrderEnforcing = disableRenderOrderEnforcing
    }

    /// Whether `reset` has been called at least once.
    @inlinable public var hasReset: Bool { _hasReset }

    /// The wrapped environment's observation space.
    public var observationSpace: ObservationSpace { base.observationSpace }
    /// The wrapped environment's action space.
    public var actionSpace: ActionSpace { base.actionSpace }

    /// Resets the wrapped environment and records that it has been reset.
    /// - Parameters:
    ///   - seed: passed to the wrapped environment.
    ///   - options: passed to the wrapped environment.
    @inlinable
    public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Observation> {
      let result = try base.reset(seed: seed, options: options)
      _hasReset = true
      return result
    }

    /// Steps the wrapped environment.
    /// - Parameter action: passed to the wrapped environment.
    /// - Precondition: `reset(seed:options:)` has been called.
    @inlinable
    public mutating func step(_ action: Action) -> StepResult<Observation, Reward> {
      precondition(_hasReset, "OrderEnforcing: call reset(seed:) before step(_:)")
      return base.step(action)
    }

    @usableFromInline
    func checkRenderOrder() {
      precondition(
        _hasReset || disableRenderOrderEnforcing,
        "OrderEnforcing: call reset(seed:) before render (or pass disableRenderOrderEnforcing: true)")
    }
  }
}

extension Wrappers.OrderEnforcing: Sendable where Base: Sendable {}
extension Wrappers.OrderEnforcing: MultiObjectiveEnvironment where Base: MultiObjectiveEnvironment {}

extension Wrappers.OrderEnforcing: RenderableEnvironment where Base: RenderableEnvironment {
  /// The wrapped environment's frame.
  /// - Precondition: `reset` has been called, unless render order enforcing is disabled.
  public func render() -> Frame {
    checkRenderOrder()
    return base.render()
  }
}

extension Wrappers.OrderEnforcing: TextRenderableEnvironment where Base: TextRenderableEnvironment {
  /// The wrapped environment's text picture.
  /// - Precondition: `reset` has been called, unless render order enforcing is disabled.
  public func renderText() -> String {
    checkRenderOrder()
    return base.renderText()
  }
}

extension Environment {
  /// This environment with `step` before the first `reset` turned into a precondition failure.
  /// - Parameter disableRenderOrderEnforcing: allow rendering before the first reset.
  public func orderEnforced(disableRenderOrderEnforcing: Bool = false) -> Wrappers.OrderEnforcing<Self> {
    Wrappers.OrderEnforcing(self, disableRenderOrderEnforcing: disableRenderOrderEnforcing)
  }
}
