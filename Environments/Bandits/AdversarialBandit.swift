import GymCore

/// An adversarial bandit with an oblivious adversary: a reward table gₜ,ᵢ ∈ [0, 1] fixed before
/// the episode starts; pulling arm a at time t pays gₜ,ₐ.
///
/// Regret is measured against the best *fixed* arm in hindsight, i* = argmaxᵢ Σₜ gₜ,ᵢ, which
/// is known because the table is fixed in advance: the regret of a pull is gₜ,ᵢ* − gₜ,ₐ (it can
/// be negative on a single pull; the sum is EXP3's regret).
///
/// Tables:
/// - `.decoy(arms:horizon:)` (`Adversarial-Decoy-v0`): a deterministic sequence in which arm 1
///   pays 1 for the first quarter of the horizon and 0 afterwards, arm 0 pays 1 on three of
///   every five pulls, and every other arm pays 1 on one of every five. Arm 0 is best in
///   hindsight (0.6·T against 0.25·T), but learners that trust early evidence lock onto arm 1.
/// - `.table(_:)`: any table, one row per pull.
///
/// The observation is always `0`.
public struct AdversarialBandit: BanditEnvironment, Sendable {
  public typealias Observation = Int

  /// A reward table.
  public enum Sequence: Sendable, Hashable {
    /// The deterministic decoy sequence described on `AdversarialBandit`.
    case decoy(arms: Int, horizon: Int)
    /// An explicit table: one row of per-arm rewards in [0, 1] per pull.
    case table([[Double]])
  }

  /// The number of arms.
  public let armCount: Int
  /// Pulls per episode: the number of rows of the table.
  public let horizon: Int
  /// gₜ,ᵢ, row-major (horizon × armCount).
  public let rewards: [Double]
  /// The best fixed arm in hindsight (the lowest index among ties).
  public let bestArm: Int
  @usableFromInline var _time = 0
  @usableFromInline var started = false

  public let observationSpace = Discrete(1)
  public let actionSpace: Discrete

  /// An adversarial bandit over `sequence`.
  /// - Precondition: at least one arm and one row; every reward in [0, 1]; rows of equal length.
  public init(_ sequence: Sequence) {
    switch sequence {
    case .decoy(let k, let horizon):
      precondition(k >= 2 && horizon > 0, "the decoy sequence needs at least 2 arms and a positive horizon")
      var table = [Double](repeating: 0, count: k * horizon)
      for t in 0..<horizon {
        table[t * k] = t % 5 < 3 ? 1 : 0
        table[t * k + 1] = 4 * t < horizon ? 1 : 0
        for i in 2..<k { table[t * k + i] = t % 5 == 0 ? 1 : 0 }
      }
      armCount = k
      self.horizon = horizon
      rewards = table
    case .table(let rows):
      precondition(!rows.isEmpty && !rows[0].isEmpty, "the table needs at least one row and one arm")
      precondition(rows.allSatisfy { $0.count == rows[0].count }, "every row needs one reward per arm")
      precondition(rows.allSatisfy { $0.allSatisfy { $0 >= 0 && $0 <= 1 } }, "rewards must lie in [0, 1]")
      armCount = rows[0].count
      horizon = rows.count
      rewards = Array(rows.joined())
    }
    var totals = [Double](repeating: 0, count: armCount)
    for t in 0..<horizon { for i in 0..<armCount { totals[i] += rewards[t * armCount + i] } }
    var best = 0
    for i in totals.indices where totals[i] > totals[best] { best = i }
    bestArm = best
    actionSpace = Discrete(armCount)
  }

  public var time: Int { _time }
  public var currentObservation: Int { 0 }
  public var stationaryOptimalArm: Int? { bestArm }

  /// The total reward of each arm over the whole table.
  public var armTotals: [Double] {
    var totals = [Double](repeating: 0, count: armCount)
    for t in 0..<horizon { for i in 0..<armCount { totals[i] += rewards[t * armCount + i] } }
    return totals
  }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Int> {
    try BanditOptions.rejectResetOptions(options, for: "AdversarialBandit")
    _time = 0
    started = true
    return (0, [:])
  }

  public mutating func pull(_ arm: Int) -> BanditFeedback {
    checkPull(arm, armCount: armCount, time: _time, horizon: horizon, started: started)
    let row = _time * armCount
    _time += 1
    let g = rewards[row + arm]
    return BanditFeedback(reward: g, expectedReward: g, regret: rewards[row + bestArm] - g, optimalArm: bestArm)
  }
}

extension AdversarialBandit {
  /// From construction options: `table` (rows of rewards in [0, 1]), or `arms` and `horizon`
  /// for the decoy sequence.
  public init(options: Options, defaultArms: Int, defaultHorizon: Int) throws {
    let o = try BanditOptions(options, for: "AdversarialBandit", allowed: ["table", "arms", "horizon"])
    if o.has("table") {
      if o.has("arms") || o.has("horizon") {
        throw OptionError("AdversarialBandit takes either 'table' or 'arms'/'horizon' (the decoy sequence), not both")
      }
      let rows = try o.matrix("table", default: [])
      if let bad = rows.joined().first(where: { !($0 >= 0 && $0 <= 1) }) {
        throw OptionError("option 'table' for AdversarialBandit: rewards must be in [0, 1], got \(JSON.formatDouble(bad))")
      }
      self.init(.table(rows))
    } else {
      self.init(.decoy(arms: try o.int("arms", default: defaultArms, in: 2...10_000), horizon: try o.int("horizon", default: defaultHorizon, in: 1...10_000_000)))
    }
  }
}
