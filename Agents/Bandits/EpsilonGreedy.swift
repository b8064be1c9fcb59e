import GymCore

/// ε-greedy: pull every arm once, then with probability εₜ a uniformly random arm, otherwise
/// the arm with the best empirical mean (lowest index among ties).
///
/// Two schedules: a fixed ε (linear regret ≈ ε·T·mean gap; ε = 0 is the greedy policy), and
/// Auer et al.'s (2002) εₙ-greedy, εₜ = min(1, c·K / (d²·t)) with d a lower bound on the gaps,
/// which has logarithmic regret when d is right.
public struct EpsilonGreedy: BanditPolicy, Sendable {
  public typealias Observation = Int

  /// How ε evolves.
  public enum Schedule: Sendable, Hashable {
    /// A constant ε ∈ [0, 1].
    case fixed(Double)
    /// εₜ = min(1, c·K / (d²·t)) with t the number of pulls so far.
    case decaying(c: Double, gap: Double)
  }

  /// The exploration schedule.
  public let schedule: Schedule
  /// The statistics so far.
  public private(set) var statistics: ArmStatistics
  /// The generator of exploration decisions.
  public var rng: RandomSource
  @usableFromInline var means: [Double]

  /// ε-greedy over `armCount` arms.
  /// - Precondition: a fixed ε in [0, 1], or c > 0 and gap > 0.
  public init(armCount: Int, schedule: Schedule, seed: UInt64) {
    switch schedule {
    case .fixed(let e): precondition(e >= 0 && e <= 1, "epsilon must be in [0, 1]")
    case .decaying(let c, let d): precondition(c > 0 && d > 0 && c.isFinite && d.isFinite, "c and gap must be positive")
    }
    self.schedule = schedule
    statistics = ArmStatistics(arms: armCount)
    rng = RandomSource(seed: seed)
    means = Array(repeating: 0, count: armCount)
  }

  public var armCount: Int { statistics.armCount }

  /// The exploration probability for the next pull.
  public var epsilon: Double {
    switch schedule {
    case .fixed(let e): return e
    case .decaying(let c, let d): return Swift.min(1, c * Double(armCount) / (d * d * Double(Swift.max(statistics.total, 1))))
    }
  }

  /// Picks an arm.
  /// - Complexity: O(K).
  public mutating func act(_ observation: Int = 0) -> Int {
    if let arm = statistics.initialRound { return arm }
    let e = epsilon
    if e > 0 && rng.uniform() < e { return rng.int(below: armCount) }
    return means.withUnsafeBufferPointer { argmax($0) }
  }

  public mutating func update(arm: Int, reward: Double) {
    statistics.record(arm: arm, reward: reward)
    means[arm] = statistics.mean(arm)
  }
}
