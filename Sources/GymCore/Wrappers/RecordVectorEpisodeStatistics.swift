extension Wrappers {
  /// Records each episode's return vector, discounted return vector, length and wall time:
  /// MO-Gymnasium's `MORecordEpisodeStatistics`.
  ///
  /// On the step that ends an episode the info gains `info[statsKey] = {"r": [...], "dr":
  /// [...], "l": length, "t": seconds}`, where `"r"` is the undiscounted return vector and
  /// `"dr"` is `Σ_t γ^t r_t` — the figure multi-objective metrics (hypervolume, expected
  /// utility) are computed on. The last `bufferLength` episodes stay in `returnQueue`,
  /// `discountedReturnQueue` and `lengthQueue`, oldest first.
  public struct RecordVectorEpisodeStatistics<Base: Environment>: Wrapper where Base.Reward == RewardVector {
    /// The wrapped environment's observation type.
    public typealias Observation = Base.Observation
    /// The wrapped environment's action type.
    public typealias Action = Base.Action
    /// The wrapped environment's observation space type.
    public typealias ObservationSpace = Base.ObservationSpace
    /// The wrapped environment's action space type.
    public typealias ActionSpace = Base.ActionSpace
    /// The vector reward.
    public typealias Reward = RewardVector

    /// The wrapped environment.
    public var base: Base
    /// The discount factor of `"dr"`.
    public let gamma: Double
    /// The info key the statistics are stored under (`"episode"`).
    public let statsKey: String
    /// Undiscounted return vectors of the last `bufferLength` finished episodes.
    public private(set) var returnQueue: RingBuffer<RewardVector>
    /// Discounted return vectors of the last `bufferLength` finished episodes.
    public private(set) var discountedReturnQueue: RingBuffer<RewardVector>
    /// Lengths of the last `bufferLength` finished episodes.
    public private(set) var lengthQueue: RingBuffer<Int>
    /// The number of episodes finished since the wrapper was made.
    public private(set) var episodeCount = 0

    @usableFromInline var _return: [Double] = []
    @usableFromInline var _discounted: [Double] = []
    @usableFromInline var _discount = 1.0
    @usableFromInline var _length = 0
    @usableFromInline var episodeStart: ContinuousClock.Instant

    /// Wraps `base`.
    /// - Parameters:
    ///   - base: the environment to wrap.
    ///   - gamma: the discount factor of the discounted return, in [0, 1].
    ///   - bufferLength: how many finished episodes the queues keep; must be positive.
    ///   - statsKey: the info key for the statistics.
    public init(_ base: Base, gamma: Double = 1, bufferLength: Int = 100, statsKey: String = "episode") {
      precondition(gamma >= 0 && gamma <= 1, "RecordVectorEpisodeStatistics needs gamma in [0, 1], got \(gamma)")
      self.base = base
      self.gamma = gamma
      self.statsKey = statsKey
      returnQueue = RingBuffer(capacity: bufferLength)
      discountedReturnQueue = RingBuffer(capacity: bufferLength)
      lengthQueue = RingBuffer(capacity: bufferLength)
      episodeStart = ContinuousClock.now
    }

    /// The undiscounted return since the last reset (empty before the first step).
    public var episodeReturn: RewardVector { RewardVector(_return) }
    /// The discounted return since the last reset.
    public var discountedEpisodeReturn: RewardVector { RewardVector(_discounted) }
    /// The number of steps since the last reset.
    public var episodeLength: Int { _length }

    /// The wrapped environment's observation space.
    public var observationSpace: ObservationSpace { base.observationSpace }
    /// The wrapped environment's action space.
    public var actionSpace: ActionSpace { base.actionSpace }

    /// Resets the wrapped environment and the running statistics.
    /// - Parameters:
    ///   - seed: passed to the wrapped environment.
    ///   - options: passed to the wrapped environment.
    @inlinable
    public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Observation> {
      let result = try base.reset(seed: seed, options: options)
      clear()
      episodeStart = ContinuousClock.now
      return result
    }

    @usableFromInline
    mutating func clear() {
      _return.removeAll(keepingCapacity: true)
      _discounted.removeAll(keepingCapacity: true)
      _discount = 1
      _length = 0
    }

    /// Steps the wrapped environment, accumulating both returns; at the end of an episode the
    /// statistics go into the info and the queues.
    /// - Parameter action: passed to the wrapped environment.
    @inlinable
    public mutating func step(_ action: Action) -> StepResult<Observation, RewardVector> {
      var result = base.step(action)
      let r = result.reward.values
      if _return.isEmpty {
        _return = Array(repeating: 0, count: r.count)
        _discounted = Array(repeating: 0, count: r.count)
      }
      precondition(r.count == _return.count, "reward vectors changed length within an episode")
      for i in 0..<r.count {
        _return[i] += r[i]
        _discounted[i] += _discount * r[i]
      }
      _discount *= gamma
      _length &+= 1
      if result.terminated || result.truncated { finishEpisode(&result.info) }
      return result
    }

    @usableFromInline
    mutating func finishEpisode(_ info: inout Info) {
      precondition(info[statsKey] == nil, "RecordVectorEpisodeStatistics: info already has a \"\(statsKey)\" entry")
      let now = ContinuousClock.now
      let (s, atto) = (now - episodeStart).components
      let seconds = (Double(s) * 1e6 + (Double(atto) / 1e12).rounded()) / 1e6
      info[statsKey] = [
        "r": JSONValue(_return), "dr": JSONValue(_discounted), "l": .int(_length), "t": .double(seconds),
      ]
      returnQueue.append(RewardVector(_return))
      discountedReturnQueue.append(RewardVector(_discounted))
      lengthQueue.append(_length)
      episodeCount += 1
      episodeStart = now
      clear()
    }
  }
}

extension Wrappers.RecordVectorEpisodeStatistics: Sendable where Base: Sendable {}
extension Wrappers.RecordVectorEpisodeStatistics: MultiObjectiveEnvironment where Base: MultiObjectiveEnvironment {}
extension Wrappers.RecordVectorEpisodeStatistics: RenderableEnvironment where Base: RenderableEnvironment {}
extension Wrappers.RecordVectorEpisodeStatistics: TextRenderableEnvironment where Base: TextRenderableEnvironment {}

extension Environment where Reward == RewardVector {
  /// This environment with each episode's return vector and discounted return vector recorded
  /// in the info at the episode's end and in rolling queues (MO-Gymnasium's
  /// `MORecordEpisodeStatistics`).
  /// - Parameters:
  ///   - gamma: the discount factor of the discounted return.
  ///   - bufferLength: how many finished episodes the queues keep.
  public func recordingVectorStatistics(gamma: Double = 1, bufferLength: Int = 100)
    -> Wrappers.RecordVectorEpisodeStatistics<Self>
  {
    Wrappers.RecordVectorEpisodeStatistics(self, gamma: gamma, bufferLength: bufferLength)
  }
}
