/// One finished episode of a sub-environment, as `VectorEpisodeStatistics` reports it.
public struct FinishedEpisode<Reward: RewardValue>: Sendable {
  /// The sub-environment the episode ran in.
  public var index: Int
  /// The undiscounted return (a vector for multi-objective environments).
  public var episodeReturn: Reward
  /// The discounted return `Σ_t γ^t r_t`.
  public var discountedReturn: Reward
  /// The number of steps.
  public var length: Int
  /// Whether the episode ended by termination (else by truncation).
  public var terminated: Bool
}

/// Episode statistics of every sub-environment of a `VectorEnvironment`: MO-Gymnasium's vector
/// `MORecordEpisodeStatistics` (and Gymnasium's vector `RecordEpisodeStatistics`).
///
/// Call `record(_:)` after each `step` of the vector environment; it accumulates each
/// sub-environment's return, discounted return and length, understands all three autoreset
/// modes (a `.nextStep` reset step is not counted), and returns the episodes that finished on
/// that step. Works for scalar and vector rewards alike.
///
/// ```swift
/// let vector = VectorEnvironment(count: 8) { _ in DeepSeaTreasure() }
/// var stats = VectorEpisodeStatistics<RewardVector>(count: 8, gamma: 0.99)
/// try vector.reset(seed: 0)
/// vector.step(actions)
/// for episode in stats.record(vector) { print(episode.discountedReturn) }
/// ```
public struct VectorEpisodeStatistics<Reward: RewardValue>: Sendable {
  /// The number of sub-environments.
  public let count: Int
  /// The discount factor of the discounted returns.
  public let gamma: Double
  /// The running return of each sub-environment's current episode.
  public private(set) var runningReturns: [Reward]
  /// The running discounted return of each sub-environment's current episode.
  public private(set) var runningDiscountedReturns: [Reward]
  /// The number of steps of each sub-environment's current episode.
  public private(set) var runningLengths: [Int]
  /// The most recent finished episodes of all sub-environments, oldest first.
  public private(set) var recent: Wrappers.RingBuffer<FinishedEpisode<Reward>>
  /// The number of episodes finished since the statistics were made.
  public private(set) var episodeCount = 0
  var discounts: [Double]

  /// Statistics for `count` sub-environments.
  /// - Parameters:
  ///   - count: the vector environment's `count`; positive.
  ///   - gamma: the discount factor, in [0, 1].
  ///   - bufferLength: how many finished episodes `recent` keeps.
  public init(count: Int, gamma: Double = 1, bufferLength: Int = 100) {
    precondition(count > 0, "VectorEpisodeStatistics needs count > 0, got \(count)")
    precondition(gamma >= 0 && gamma <= 1, "VectorEpisodeStatistics needs gamma in [0, 1], got \(gamma)")
    self.count = count
    self.gamma = gamma
    runningReturns = Array(repeating: .zero, count: count)
    runningDiscountedReturns = Array(repeating: .zero, count: count)
    runningLengths = Array(repeating: 0, count: count)
    discounts = Array(repeating: 1, count: count)
    recent = Wrappers.RingBuffer(capacity: bufferLength)
  }

  /// Forgets the running episodes (call after resetting the vector environment by hand).
  public mutating func reset() {
    for i in 0..<count { clear(i) }
  }

  mutating func clear(_ i: Int) {
    runningReturns[i] = .zero
    runningDiscountedReturns[i] = .zero
    runningLengths[i] = 0
    discounts[i] = 1
  }

  /// Accumulates the latest step of `vector` and returns the episodes that ended on it.
  /// - Precondition: `vector.count == count`.
  /// - Complexity: O(`count`).
  @discardableResult
  public mutating func record<Env: Environment>(_ vector: VectorEnvironment<Env>) -> [FinishedEpisode<Reward>]
  where Env.Reward == Reward {
    precondition(vector.count == count, "statistics for \(count) sub-environments, vector has \(vector.count)")
    var finished: [FinishedEpisode<Reward>] = []
    let rewards = vector.rewards, terminations = vector.terminations, truncations = vector.truncations
    let wasReset = vector.wasReset
    for i in 0..<count {
      if wasReset[i] {
        clear(i)
        continue
      }
      let r = rewards[i]
      runningReturns[i] = runningReturns[i] + r
      runningDiscountedReturns[i] = runningDiscountedReturns[i] + r.scaled(by: discounts[i])
      discounts[i] *= gamma
      runningLengths[i] += 1
      if terminations[i] || truncations[i] {
        let episode = FinishedEpisode(
          index: i, episodeReturn: runningReturns[i], discountedReturn: runningDiscountedReturns[i],
          length: runningLengths[i], terminated: terminations[i])
        finished.append(episode)
        recent.append(episode)
        episodeCount += 1
        clear(i)
      }
    }
    return finished
  }
}
