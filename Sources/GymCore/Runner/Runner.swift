/// How long the runner runs and what it records.
public struct RunConfiguration {
  /// Stop after this many episodes (`nil`: no episode limit).
  public var episodes: Int?
  /// Stop after this many steps (`nil`: no step limit). At least one limit is required.
  public var steps: Int?
  /// The seed of the first reset; later resets continue the stream, as in Gymnasium.
  public var seed: UInt64?
  /// Whether to call the agent's `learn` with every transition.
  public var learn: Bool
  /// Called about every `progressInterval` seconds with the run so far.
  public var progress: ((RunProgress) -> Void)?
  /// Seconds between progress reports.
  public var progressInterval: Double
  /// Receives every finished episode (for CSV/JSONL logs).
  public var onEpisode: ((EpisodeRecord) throws -> Void)?
  /// Receives a frame after reset and after every step, when set and the environment renders.
  public var onFrame: ((Frame) throws -> Void)?

  /// A configuration.
  public init(
    episodes: Int? = nil, steps: Int? = nil, seed: UInt64? = nil, learn: Bool = false,
    progressInterval: Double = 1, progress: ((RunProgress) -> Void)? = nil,
    onEpisode: ((EpisodeRecord) throws -> Void)? = nil, onFrame: ((Frame) throws -> Void)? = nil
  ) {
    self.episodes = episodes
    self.steps = steps
    self.seed = seed
    self.learn = learn
    self.progressInterval = progressInterval
    self.progress = progress
    self.onEpisode = onEpisode
    self.onFrame = onFrame
  }
}

/// A finished episode.
public struct EpisodeRecord: Sendable {
  /// 0-based episode number.
  public var index: Int
  /// The episode's return, one component per objective.
  public var returns: [Double]
  /// The number of steps.
  public var length: Int
  /// Whether it ended by termination.
  public var terminated: Bool
  /// Whether it ended by truncation (time limit).
  public var truncated: Bool
  /// Steps taken in the run when it ended.
  public var totalSteps: Int
  /// Wall seconds since the run started.
  public var wallTime: Double

  /// A record.
  public init(index: Int, returns: [Double], length: Int, terminated: Bool, truncated: Bool, totalSteps: Int, wallTime: Double) {
    self.index = index
    self.returns = returns
    self.length = length
    self.terminated = terminated
    self.truncated = truncated
    self.totalSteps = totalSteps
    self.wallTime = wallTime
  }

  /// The scalar return (the first component).
  public var episodeReturn: Double { returns.first ?? 0 }

  /// The record as one JSON object.
  public var json: JSONValue {
    [
      "episode": .int(index), "return": returns.count == 1 ? .double(returns[0]) : JSONValue(returns),
      "length": .int(length), "terminated": .bool(terminated), "truncated": .bool(truncated),
      "total_steps": .int(totalSteps), "wall_time": .double((wallTime * 1e6).rounded() / 1e6),
    ]
  }

  /// The CSV header matching `csvRow`.
  public static let csvHeader = "episode,return,length,terminated,truncated,total_steps,wall_time"
  /// The record as one CSV line (vector returns joined by `;`).
  public var csvRow: String {
    let r = returns.map { JSON.formatDouble($0) }.joined(separator: ";")
    return "\(index),\(r),\(length),\(terminated),\(truncated),\(totalSteps),\((wallTime * 1e6).rounded() / 1e6)"
  }
}

/// The run so far, for progress lines.
public struct RunProgress: Sendable {
  /// Steps taken.
  public var steps: Int
  /// Episodes finished.
  public var episodes: Int
  /// Wall seconds elapsed.
  public var seconds: Double
  /// Mean scalar return of the last (up to) 100 episodes.
  public var recentMeanReturn: Double?
  /// A progress report.
  public init(steps: Int, episodes: Int, seconds: Double, recentMeanReturn: Double?) {
    self.steps = steps
    self.episodes = episodes
    self.seconds = seconds
    self.recentMeanReturn = recentMeanReturn
  }

  /// Steps per second so far.
  public var stepsPerSecond: Double { seconds > 0 ? Double(steps) / seconds : 0 }
  /// A one-line summary.
  public var line: String {
    let ret = recentMeanReturn.map { "  mean return \(($0 * 100).rounded() / 100)" } ?? ""
    return "steps \(steps)  episodes \(episodes)  \(Int(stepsPerSecond)) steps/s\(ret)"
  }
}

/// The outcome of a run.
public struct RunSummary: Sendable {
  /// Every finished episode.
  public var episodes: [EpisodeRecord]
  /// Steps taken.
  public var totalSteps: Int
  /// Wall seconds.
  public var seconds: Double

  /// A summary.
  public init(episodes: [EpisodeRecord], totalSteps: Int, seconds: Double) {
    self.episodes = episodes
    self.totalSteps = totalSteps
    self.seconds = seconds
  }

  /// Scalar returns of the finished episodes.
  public var returns: [Double] { episodes.map(\.episodeReturn) }
  /// Lengths of the finished episodes.
  public var lengths: [Int] { episodes.map(\.length) }
  /// Mean scalar return (NaN without episodes).
  public var meanReturn: Double { Statistics.mean(returns) }
  /// Sample standard deviation of the scalar returns.
  public var stdReturn: Double { Statistics.standardDeviation(returns) }
  /// Mean episode length.
  public var meanLength: Double { Statistics.mean(lengths.map(Double.init)) }
}

/// Drives an environment and an agent: Gymnasium's interaction loop, with statistics, logs,
/// progress and frames.
public enum Runner {
  /// Runs `agent` in `env` until the episode or step limit.
  /// - Throws: whatever `reset`, `onEpisode` or `onFrame` throw, or `EnvironmentError` for a
  ///   NaN reward.
  @inlinable
  public static func run<E: Environment, A: Agent>(
    _ env: inout E, agent: inout A, configuration config: RunConfiguration
  ) throws -> RunSummary where A.Observation == E.Observation, A.Action == E.Action, A.Reward == E.Reward {
    precondition(config.episodes != nil || config.steps != nil, "give an episode or a step limit")
    let start = Stopwatch.now()
    var lastReport = start
    var records: [EpisodeRecord] = []
    var totalSteps = 0
    var (observation, _) = try env.reset(seed: config.seed, options: [:])
    try emitFrame(env, config)
    var episodeReturn = E.Reward.zero
    var length = 0
    while true {
      if let limit = config.episodes, records.count >= limit { break }
      if let limit = config.steps, totalSteps >= limit { break }
      let action = agent.act(observation)
      let r = env.step(action)
      guard r.reward.isFinite else {
        throw EnvironmentError("the environment returned a non-finite reward \(r.reward.components) at step \(length + 1) of episode \(records.count)")
      }
      if config.learn {
        agent.learn(Transition(observation: observation, action: action, reward: r.reward, nextObservation: r.observation, terminated: r.terminated, truncated: r.truncated))
      }
      episodeReturn = episodeReturn + r.reward
      length += 1
      totalSteps += 1
      observation = r.observation
      try emitFrame(env, config)
      if r.terminated || r.truncated {
        let record = EpisodeRecord(index: records.count, returns: episodeReturn.components, length: length, terminated: r.terminated, truncated: r.truncated, totalSteps: totalSteps, wallTime: Stopwatch.now() - start)
        records.append(record)
        agent.episodeEnded(return: episodeReturn, length: length)
        try config.onEpisode?(record)
        episodeReturn = .zero
        length = 0
        if let limit = config.episodes, records.count >= limit { break }
        (observation, _) = try env.reset(seed: nil, options: [:])
        try emitFrame(env, config)
      }
      if let progress = config.progress, totalSteps & 1023 == 0 {
        let now = Stopwatch.now()
        if now - lastReport >= config.progressInterval {
          lastReport = now
          progress(RunProgress(steps: totalSteps, episodes: records.count, seconds: now - start, recentMeanReturn: recentMean(records)))
        }
      }
    }
    return RunSummary(episodes: records, totalSteps: totalSteps, seconds: Stopwatch.now() - start)
  }

  @usableFromInline
  static func emitFrame<E: Environment>(_ env: E, _ config: RunConfiguration) throws {
    guard let sink = config.onFrame else { return }
    if let any = env as? AnyEnvironment {
      if let frame = any.renderFrame() { try sink(frame) }
    } else if let renderable = env as? any RenderableEnvironment {
      try sink(renderable.render())
    }
  }

  @usableFromInline
  static func recentMean(_ records: [EpisodeRecord]) -> Double? {
    guard !records.isEmpty else { return nil }
    return Statistics.mean(records.suffix(100).map(\.episodeReturn))
  }
}

/// Small statistics helpers.
public enum Statistics {
  /// The arithmetic mean (NaN for an empty sample).
  public static func mean(_ xs: [Double]) -> Double {
    xs.isEmpty ? .nan : xs.reduce(0, +) / Double(xs.count)
  }
  /// The sample standard deviation (n − 1; 0 for fewer than two values).
  public static func standardDeviation(_ xs: [Double]) -> Double {
    guard xs.count > 1 else { return 0 }
    let m = mean(xs)
    return (xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)).squareRoot()
  }
  /// The standard error of the mean.
  public static func standardError(_ xs: [Double]) -> Double {
    xs.count > 1 ? standardDeviation(xs) / Double(xs.count).squareRoot() : 0
  }
}
