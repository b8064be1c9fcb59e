extension Wrappers {
  /// Maps actions from `[min, max]` affinely onto the wrapped environment's `Box`:
  /// Gymnasium's `RescaleAction`.
  ///
  /// Coordinate `i` becomes `gradient[i] * a + intercept[i]` with
  /// `gradient = (high − low) / (max − min)` and `intercept = high − gradient * max`, computed
  /// in `Double` and clamped into `[low, high]` against rounding. The wrapper's action space is
  /// `Box(min, max)` of the inner shape. Typical use: policies that output `[-1, 1]`.
  public struct RescaleAction<Base: Environment>: Wrapper
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
    /// The box `[min, max]` the wrapper accepts.
    public let actionSpace: Box<Action>
    /// The inner action space, cached at construction.
    @usableFromInline let innerSpace: Box<Action>
    /// The slope of the map, one per coordinate.
    @usableFromInline let gradient: [Double]
    /// The offset of the map, one per coordinate.
    @usableFromInline let intercept: [Double]

    /// Wraps `base` with per-coordinate source bounds.
    /// - Parameters:
    ///   - base: the environment to wrap; its action box must be bounded.
    ///   - min: the lower bound of each coordinate the agent uses.
    ///   - max: the upper bound of each coordinate; `min[i] < max[i]`.
    public init(_ base: Base, min: [Double], max: [Double]) {
      let inner = base.actionSpace
      precondition(inner.isBounded, "RescaleAction needs a bounded action Box, got \(inner)")
      precondition(
        min.count == inner.count && max.count == inner.count,
        "RescaleAction: min and max need \(inner.count) entries, got \(min.count) and \(max.count)")
      for i in 0..<inner.count {
        precondition(
          min[i].isFinite && max[i].isFinite && min[i] < max[i],
          "RescaleAction: need finite min[\(i)] < max[\(i)], got \(min[i]) and \(max[i])")
      }
      self.base = base
      innerSpace = inner
      actionSpace = Box(low: min, high: max, shape: inner.shape)
      var g = [Double](repeating: 0, count: inner.count)
      var c = [Double](repeating: 0, count: inner.count)
      for i in 0..<inner.count {
        g[i] = (inner.high[i] - inner.low[i]) / (max[i] - min[i])
        c[i] = inner.high[i] - g[i] * max[i]
      }
      gradient = g
      intercept = c
    }

    /// Wraps `base` with the same source bounds on every coordinate.
    /// - Parameters:
    ///   - base: the environment to wrap; its action box must be bounded.
    ///   - min: the lower bound the agent uses (default `-1`).
    ///   - max: the upper bound the agent uses (default `1`).
    public init(_ base: Base, min: Double = -1, max: Double = 1) {
      let n = base.actionSpace.count
      self.init(base, min: Array(repeating: min, count: n), max: Array(repeating: max, count: n))
    }

    /// The wrapped environment's observation space.
    public var observationSpace: ObservationSpace { base.observationSpace }

    /// The inner action that `action` maps to.
    /// - Parameter action: an action in `[min, max]`.
    @inlinable
    public func innerAction(_ action: Action) -> Action {
      var a = action
      for i in 0..<innerSpace.count {
        let y = gradient[i] * action[i].doubleValue + intercept[i]
        a[i] = Action.Scalar(clamping: Swift.min(Swift.max(y, innerSpace.low[i]), innerSpace.high[i]))
      }
      return a
    }

    /// Resets the wrapped environment.
    /// - Parameters:
    ///   - seed: passed to the wrapped environment.
    ///   - options: passed to the wrapped environment.
    @inlinable
    public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Observation> {
      try base.reset(seed: seed, options: options)
    }

    /// Steps the wrapped environment with `action` mapped into its action space.
    /// - Parameter action: an action in `[min, max]`.
    @inlinable
    public mutating func step(_ action: Action) -> StepResult<Observation, Reward> {
      base.step(innerAction(action))
    }
  }
}

extension Wrappers.RescaleAction: Sendable where Base: Sendable {}
extension Wrappers.RescaleAction: MultiObjectiveEnvironment where Base: MultiObjectiveEnvironment {}
extension Wrappers.RescaleAction: RenderableEnvironment where Base: RenderableEnvironment {}
extension Wrappers.RescaleAction: TextRenderableEnvironment where Base: TextRenderableEnvironment {}

extension Environment where Action: BoxValue, ActionSpace == Box<Action> {
  /// This environment taking actions in `[min, max]` on every coordinate, mapped affinely onto
  /// its action `Box`.
  /// - Parameters:
  ///   - min: the lower bound the agent uses.
  ///   - max: the upper bound the agent uses.
  public func rescalingActions(min: Double = -1, max: Double = 1) -> Wrappers.RescaleAction<Self> {
    Wrappers.RescaleAction(self, min: min, max: max)
  }

  /// This environment taking actions in per-coordinate ranges `[min[i], max[i]]`, mapped
  /// affinely onto its action `Box`.
  /// - Parameters:
  ///   - min: the lower bound of each coordinate.
  ///   - max: the upper bound of each coordinate.
  public func rescalingActions(min: [Double], max: [Double]) -> Wrappers.RescaleAction<Self> {
    Wrappers.RescaleAction(self, min: min, max: max)
  }
}
