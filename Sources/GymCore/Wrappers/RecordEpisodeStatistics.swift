extension Wrappers {
  /// Records each episode's return, length and wall time: Gymnasium's
  /// `RecordEpisodeStatistics`.
  ///
  /// On the step that ends an episode (`terminated` or `truncated`) the info gains
  /// `info[statsKey] = {"r": return, "l": length, "t": seconds}`, with the time measured from
  /// the reset and rounded to microseconds. `"r"` is a number for `Double` rewards and an array
  /// of components for vector rewards. The last `bufferLength` episodes are kept in
  /// `returnQueue`, `lengthQueue` and `timeQueue`, oldest first.
  public struct RecordEpisodeStatistics<Base: Environment>: Wrapper {
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
    /// The info key the statistics are stored under (`"episode"`).
    public let statsKey: String
    /// The returns of the last `bufferLength` finished episodes.
    public private(set) var returnQueue: RingBuffer<Reward>
    /// The lengths of the last `bufferLength` finished episodes.
    public private(set) var lengthQueue: RingBuffer<Int>
    /// The wall times in seconds (rounded to µs) of the last `bufferLength` finished episodes.
    public private(set) var timeQueue: RingBuffer<Double>
    /// The number of episodes finished since the wrapper was made.
    public private(set) var episodeCount = 0

    @usableFromInline var _episodeReturn: Reward = .zero
    @usableFromInline var _episodeLength = 0
    @usableFromInline var episodeStart: ContinuousClock.Instant

    /// Wraps `base`.
    /// - Parameters:
    ///   - base: the environment to wrap.
    ///   - bufferLength: how many finished episodes the queues keep; must be positive.
    ///   - statsKey: the info key for the statistics.
    public init(_ base: Base, bufferLength: Int = 100, statsKey: String = "episode") {
      self.base = base
      self.statsKey = statsKey
      returnQueue = RingBuffer(capacity: bufferLength)
      lengthQueue = RingBuffer(capacity: bufferLength)
      timeQueue = RingBuffer(capacity: bufferLength)
      episodeStart = ContinuousClock.now
    }

    /// The sum of rewards since the last reset.
    @inlinable public var episodeReturn: Reward { _episodeReturn }
    /// The number of steps since the last reset.
    @inlinable public var episodeLength: Int { _episodeLength }

    /// The wrapped environment's observation space.
    public var observationSpace: ObservationSpace { base.observationSpace }
    /// The wrapped environment's action space.
    public var actionSpace: ActionSpace { base.actionSpace }

    /// Resets the wrapped environment, the running return and length, and the episode clock.
    /// - Parameters:
    ///   - seed: passed to the wrapped environment.
    ///   - options: passed to the wrapped environment.
    @inlinable
    public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Observation> {
      let result = try base.reset(seed: seed, options: options)
      _episodeReturn = .zero
      _episodeLength = 0
      episodeStart = ContinuousClock.now
      return result
    }

    /// Steps the wrapped environment, accumulating the return; at the end of an episode the
    /// statistics are added to the info and the queues.
    /// - Parameter action: passed to the wrapped environment.
    @inlinable
    public mutating func step(_ action: Action) -> StepResult<Observation, Reward> {
      var result = base.step(action)
      _episodeReturn = _episodeReturn + result.reward
      _episodeLength &+= 1
      if result.terminated || result.truncated {
        finishEpisode(&result.info)
      }
      return result
    }

    /// Records the finished episode into `info` and the queues and restarts the clock.
    @usableFromInline
    mutating func finishEpisode(_ info: inout Info) {
      precondition(info[statsKey] == nil, "RecordEpisodeStatistics: info already has a \"\(statsKey)\" entry")
      let now = ContinuousClock.now
      let seconds = Self.secondsRoundedToMicroseconds(now - episodeStart)
      let r: JSONValue
      if let scalar = _episodeReturn as? Double {
        r = .double(scalar)
      } else {
        r = .array(_episodeReturn.components.map { .double($0) })
      }
      info[statsKey] = ["r": r, "l": .int(_episodeLength), "t": .double(seconds)]
      returnQueue.append(_episodeReturn)
      lengthQueue.append(_episodeLength)
      timeQueue.append(seconds)
      episodeCount += 1
      episodeStart = now
    }

    static func secondsRoundedToMicroseconds(_ d: Duration) -> Double {
      let (s, atto) = d.components
      let micros = (Double(atto) / 1e12).rounded()
      return (Double(s) * 1e6 + micros) / 1e6
    }
  }
}

extension Wrappers.RecordEpisodeStatistics: Sendable where Base: Sendable {}
extension Wrappers.RecordEpisodeStatistics: MultiObjectiveEnvironment where Base: MultiObjectiveEnvironment {}
extension Wrappers.RecordEpisodeStatistics: RenderableEnvironment where Base: RenderableEnvironment {}
extension Wrappers.RecordEpisodeStatistics: TextRenderableEnvironment where Base: TextRenderableEnvironment {}

extension Environment {
  /// This environment with each episode's return, length and wall time recorded in the info
  /// at the episode's end and in rolling queues.
  /// - Parameters:
  ///   - bufferLength: how many finished episodes the queues keep.
  ///   - statsKey: the info key for the statistics.
  public func recordingStatistics(bufferLength: Int = 100, statsKey: String = "episode")
    -> Wrappers.RecordEpisodeStatistics<Self>
  {
    Wrappers.RecordEpisodeStatistics(self, bufferLength: bufferLength, statsKey: statsKey)
  }
}
