import GymCore
import RealModule

/// Successive elimination (Even-Dar, Mannor and Mansour 2006) for regret: pull the active arms
/// round-robin; after every round, drop each arm whose upper confidence bound falls below the
/// best lower confidence bound; once one arm is left, pull it.
///
/// With n pulls per active arm and rewards in [0, 1], the confidence radius is
/// √(ln(4·K·n²/δ) / (2n)) (Hoeffding with a union bound over arms and rounds), so with
/// probability 1 − δ the best arm is never dropped. The default δ = 1/T gives regret
/// O(Σ ln T / Δᵢ).
public struct SuccessiveElimination: BanditPolicy, Sendable {
  public typealias Observation = Int

  /// The confidence parameter δ.
  public let delta: Double
  /// The statistics so far.
  public private(set) var statistics: ArmStatistics
  /// The arms still in play, in index order.
  public private(set) var active: [Int]
  @usableFromInline var cursor = 0

  /// Successive elimination over `armCount` arms.
  /// - Precondition: `0 < delta < 1`.
  public init(armCount: Int, delta: Double) {
    precondition(delta > 0 && delta < 1, "delta must be in (0, 1)")
    self.delta = delta
    statistics = ArmStatistics(arms: armCount)
    active = Array(0..<armCount)
  }

  /// Successive elimination with δ = 1/horizon.
  public init(armCount: Int, horizon: Int) {
    self.init(armCount: armCount, delta: 1 / Double(Swift.max(horizon, 2)))
  }

  public var armCount: Int { statistics.armCount }

  /// The confidence radius after `n` pulls of each active arm.
  public func radius(pulls n: Int) -> Double {
    let k = Double(armCount), nn = Double(n)
    return (Double.log(4 * k * nn * nn / delta) / (2 * nn)).squareRoot()
  }

  public mutating func act(_ observation: Int = 0) -> Int { active[cursor] }

  public mutating func update(arm: Int, reward: Double) {
    statistics.record(arm: arm, reward: reward)
    cursor += 1
    guard cursor == active.count else { return }
    cursor = 0
    guard active.count > 1 else { return }
    let n = statistics.counts[active[0]]
    let r = radius(pulls: n)
    let bestMean = active.map { statistics.mean($0) }.max()!
    active.removeAll { statistics.mean($0) + r < bestMean - r }
  }
}

/// Successive elimination for Weighted Tallying Bandits (Malik et al. 2023): each active arm
/// is played in blocks — first `memoryBound` plays to saturate its tally (their rewards are
/// discarded), then `samplesPerBlock` plays whose rewards estimate its repeated-exposure
/// value — and arms are eliminated as in successive elimination on those samples.
///
/// `memoryBound` is the known upper bound M ≥ m on the unknown memory length. Under Repeated
/// Exposure Optimality the surviving arm is the one whose repeated play is optimal, for
/// complete policy regret Õ(√(KT) + (m + M)K).
public struct WeightedTallyElimination: BanditPolicy, Sendable {
  public typealias Observation = Int

  /// M: plays that saturate an arm's tally.
  public let memoryBound: Int
  /// Counted plays after each saturation.
  public let samplesPerBlock: Int
  /// The confidence parameter δ.
  public let delta: Double
  /// Post-saturation statistics of each arm.
  public private(set) var statistics: ArmStatistics
  /// The arms still in play.
  public private(set) var active: [Int]
  @usableFromInline var cursor = 0
  @usableFromInline var position = 0

  /// The algorithm over `armCount` arms.
  /// - Precondition: `memoryBound >= 0`, `samplesPerBlock > 0`, `0 < delta < 1`.
  public init(armCount: Int, memoryBound: Int, samplesPerBlock: Int? = nil, delta: Double) {
    precondition(memoryBound >= 0, "the memory bound must be non-negative")
    precondition(delta > 0 && delta < 1, "delta must be in (0, 1)")
    let samples = samplesPerBlock ?? Swift.max(memoryBound, 1)
    precondition(samples > 0, "a block needs at least one counted play")
    self.memoryBound = memoryBound
    self.samplesPerBlock = samples
    self.delta = delta
    statistics = ArmStatistics(arms: armCount)
    active = Array(0..<armCount)
  }

  public var armCount: Int { statistics.armCount }
  public mutating func act(_ observation: Int = 0) -> Int { active[cursor] }

  public mutating func update(arm: Int, reward: Double) {
    if active.count == 1 { return }
    if position >= memoryBound { statistics.record(arm: arm, reward: reward) }
    position += 1
    guard position == memoryBound + samplesPerBlock else { return }
    position = 0
    cursor += 1
    guard cursor == active.count else { return }
    cursor = 0
    let n = Double(statistics.counts[active[0]]), k = Double(armCount)
    let r = (Double.log(4 * k * n * n / delta) / (2 * n)).squareRoot()
    let bestMean = active.map { statistics.mean($0) }.max()!
    active.removeAll { statistics.mean($0) + r < bestMean - r }
  }
}
