extension Wrappers {
  /// Normalises `Box` observations to roughly zero mean and unit variance with running
  /// statistics: Gymnasium's `NormalizeObservation`.
  ///
  /// Every observation from `reset` and `step` first updates `statistics` (unless
  /// `updateRunningStatistics` is false, e.g. during evaluation) and is then returned as
  /// `(obs − mean) / sqrt(var + epsilon)`, computed in `Double` and rounded to the observation's
  /// floating-point scalar (`Float` gives Gymnasium's float32). The observation space becomes an
  /// unbounded `Box` of the same shape.
  public struct NormalizeObservation<Base: Environment>: Wrapper
  where Base.Observation: BoxValue, Base.Observation.Scalar: BinaryFloatingPoint,
    Base.ObservationSpace == Box<Base.Observation>
  {
    /// The wrapped environment's observation type.
    public typealias Observation = Base.Observation
    /// The wrapped environment's action type.
    public typealias Action = Base.Action
    /// An unbounded box of the inner observation's shape.
    public typealias ObservationSpace = Box<Base.Observation>
    /// The wrapped environment's action space type.
    public typealias ActionSpace = Base.ActionSpace
    /// The wrapped environment's reward type.
    public typealias Reward = Base.Reward

    /// The wrapped environment.
    public var base: Base
    /// An unbounded box of the inner observation's shape.
    public let observationSpace: Box<Observation>
    /// The running mean and variance of the raw observations.
    public var statistics: RunningMeanStd
    /// Whether new observations update `statistics` (Gymnasium's `update_running_mean`).
    public var updateRunningStatistics = true
    /// Added to the variance before the square root.
    public let epsilon: Double

    /// Wraps `base`.
    /// - Parameters:
    ///   - base: the environment to wrap.
    ///   - epsilon: added to the variance before the square root.
    public init(_ base: Base, epsilon: Double = 1e-8) {
      let inner = base.observationSpace
      self.base = base
      self.epsilon = epsilon
      observationSpace = Box(low: -.infinity, high: .infinity, shape: inner.shape)
      statistics = RunningMeanStd(dimension: inner.count)
    }

    /// The wrapped environment's action space.
    public var actionSpace: ActionSpace { base.actionSpace }

    /// Updates the statistics with `observation` (if enabled) and normalises it in place.
    /// - Parameter observation: an observation of the wrapped environment.
    /// - Complexity: O(n), no allocation.
    @inlinable
    public mutating func normalize(_ observation: inout Observation) {
      if updateRunningStatistics { statistics.update(observation) }
      for i in 0..<statistics.dimension {
        let x = statistics.normalize(observation[i].doubleValue, at: i, epsilon: epsilon)
        observation[i] = Observation.Scalar(clamping: x)
      }
    }

    /// Resets the wrapped environment and normalises the first observation.
    /// - Parameters:
    ///   - seed: passed to the wrapped environment.
    ///   - options: passed to the wrapped environment.
    @inlinable
    public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Observation> {
      var result = try base.reset(seed: seed, options: options)
      normalize(&result.observation)
      return result
    }

    /// Steps the wrapped environment and normalises the observation.
    /// - Parameter action: passed to the wrapped environment.
    @inlinable
    public mutating func step(_ action: Action) -> StepResult<Observation, Reward> {
      var result = base.step(action)
      normalize(&result.observation)
      return result
    }
  }
}

extension Wrappers.NormalizeObservation: Sendable where Base: Sendable {}
extension Wrappers.NormalizeObservation: MultiObjectiveEnvironment where Base: MultiObjectiveEnvironment {}
extension Wrappers.NormalizeObservation: RenderableEnvironment where Base: RenderableEnvironment {}
extension Wrappers.NormalizeObservation: TextRenderableEnvironment where Base: TextRenderableEnvironment {}

extension Environment
where Observation: BoxValue, Observation.Scalar: BinaryFloatingPoint, ObservationSpace == Box<Observation> {
  /// This environment with observations normalised by running mean and variance.
  /// - Parameter epsilon: added to the variance before the square root.
  public func normalizingObservations(epsilon: Double = 1e-8) -> Wrappers.NormalizeObservation<Self> {
    Wrappers.NormalizeObservation(self, epsilon: epsilon)
  }
}
