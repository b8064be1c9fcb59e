import GymCore

/// Successive Rejects (Audibert, Bubeck and Munos 2010) for fixed-budget best-arm
/// identification.
///
/// K − 1 phases; in phase k every surviving arm is pulled until it has nₖ pulls in total,
/// nₖ = ⌈(n − K) / (loḡ(K)·(K + 1 − k))⌉ with loḡ(K) = ½ + Σᵢ₌₂ᴷ 1/i, then the arm with the
/// lowest empirical mean is rejected (ties broken uniformly at random, or — `.lowestIndex` — as
/// NumPy's `argmin`, the rule of the research note's reference simulation). The last survivor is
/// the recommendation; pulls after the schedule (the budget's rounding slack) go to it.
/// P(error) ≤ (K(K−1)/2)·exp(−(n − K) / (loḡ(K)·H₂)), H₂ = maxᵢ i·Δ₍ᵢ₎⁻².
public struct SuccessiveRejects: BestArmIdentifier, Sendable {
  public typealias Observation = Int

  /// How a tie for the lowest empirical mean is broken.
  public enum TieBreak: String, Sendable, Hashable, CaseIterable {
    /// Uniformly at random among the tied arms.
    case random
    /// The lowest-index tied arm is rejected (NumPy's `argmin`).
    case lowestIndex
  }

  /// The budget n.
  public let budget: Int
  /// The cumulative pulls per surviving arm at the end of each phase: n₁, …, n_{K−1}.
  public let schedule: [Int]
  /// The statistics so far.
  public private(set) var statistics: ArmStatistics
  /// The arms not rejected yet, in index order.
  public private(set) var survivors: [Int]
  /// How ties at rejection are broken.
  public let tieBreak: TieBreak
  /// The generator of tie-breaks.
  public var rng: RandomSource
  @usableFromInline var phase = 0
  @usableFromInline var cursor = 0

  /// Successive Rejects over `armCount` arms with budget `budget`.
  /// - Precondition: `armCount >= 2`, `budget >= armCount`.
  public init(armCount: Int, budget: Int, tieBreak: TieBreak = .random, seed: UInt64) {
    precondition(armCount >= 2 && budget >= armCount, "Successive Rejects needs at least 2 arms and a budget of at least one pull per arm")
    self.budget = budget
    schedule = Self.phaseLengths(arms: armCount, budget: budget)
    statistics = ArmStatistics(arms: armCount)
    survivors = Array(0..<armCount)
    self.tieBreak = tieBreak
    rng = RandomSource(seed: seed)
  }

  /// loḡ(K) = ½ + Σᵢ₌₂ᴷ 1/i.
  public static func logBar(_ k: Int) -> Double { 0.5 + (2...max(k, 2)).reduce(0.0) { $0 + 1 / Double($1) } }

  /// n₁ … n_{K−1} for `arms` arms and budget `budget`.
  public static func phaseLengths(arms k: Int, budget n: Int) -> [Int] {
    let lb = logBar(k)
    return (1..<k).map { phase in Int((Double(n - k) / (lb * Double(k + 1 - phase))).rounded(.up)) }
  }

  public var armCount: Int { statistics.armCount }

  /// The survivor once the schedule is done; before that, the surviving arm with the best
  /// empirical mean.
  public var recommendation: Int {
    if survivors.count == 1 { return survivors[0] }
    return survivors.max { statistics.mean($0) < statistics.mean($1) || (statistics.mean($0) == statistics.mean($1) && $0 > $1) }!
  }

  public mutating func act(_ observation: Int = 0) -> Int {
    guard survivors.count > 1 else { return survivors[0] }
    // The next survivor (round-robin) still short of this phase's target.
    let target = schedule[phase]
    for step in 0..<survivors.count {
      let arm = survivors[(cursor + step) % survivors.count]
      if statistics.counts[arm] < target {
        cursor = (cursor + step + 1) % survivors.count
        return arm
      }
    }
    endPhase()
    return act(observation)
  }

  public mutating func update(arm: Int, reward: Double) {
    statistics.record(arm: arm, reward: reward)
    if survivors.count > 1, survivors.allSatisfy({ statistics.counts[$0] >= schedule[phase] }) { endPhase() }
  }

  mutating func endPhase() {
    let worstMean = survivors.map { statistics.mean($0) }.min()!
    let worst = survivors.filter { statistics.mean($0) == worstMean }
    let rejected = tieBreak == .random ? worst[rng.int(below: worst.count)] : worst[0]
    survivors.removeAll { $0 == rejected }
    phase += 1
    cursor = 0
  }
}
