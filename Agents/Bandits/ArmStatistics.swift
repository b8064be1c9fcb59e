/// Per-arm pull counts and reward sums: the sufficient statistics of most index policies.
public struct ArmStatistics: Sendable, Hashable {
  /// Pulls of each arm.
  public private(set) var counts: [Int]
  /// The sum of each arm's rewards.
  public private(set) var sums: [Double]
  /// Pulls in total.
  public private(set) var total = 0
  /// Arms pulled at least once, counted from arm 0 in index order (`initialRound` below).
  @usableFromInline var firstUnpulled = 0

  /// Empty statistics for `arms` arms.
  public init(arms: Int) {
    precondition(arms > 0, "a bandit needs at least one arm")
    counts = Array(repeating: 0, count: arms)
    sums = Array(repeating: 0, count: arms)
  }

  /// The number of arms.
  public var armCount: Int { counts.count }

  /// Records one reward of `arm`.
  public mutating func record(arm: Int, reward: Double) {
    counts[arm] += 1
    sums[arm] += reward
    total += 1
    while firstUnpulled < counts.count && counts[firstUnpulled] > 0 { firstUnpulled += 1 }
  }

  /// The empirical mean of `arm` (0 before its first pull).
  public func mean(_ arm: Int) -> Double { counts[arm] > 0 ? sums[arm] / Double(counts[arm]) : 0 }

  /// The lowest-index arm not pulled yet, or `nil` once every arm has a sample: the initial
  /// round of one pull per arm that most index policies start with.
  public var initialRound: Int? { firstUnpulled < counts.count ? firstUnpulled : nil }
}
