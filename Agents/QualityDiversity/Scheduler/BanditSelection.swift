import RealModule

/// Chooses which emitters of a pool run each iteration by UCB1 on their success rates
/// (Multi-Emitter MAP-Elites, Cully 2021; pyribs' `BanditScheduler` with `reselect="always"`).
///
/// An emitter's success rate is the fraction of its solutions the archive accepted. Each
/// iteration the `active` emitters with the highest
/// `successes / asked + zeta · sqrt(log(total asked) / asked)` run; emitters never run yet come
/// first (lowest index first), and ties go to the lower index. The choice depends only on the
/// counts, so it is the same at any thread count.
public struct BanditSelection: Sendable, Hashable {
  /// Emitters in the pool.
  public let pool: Int
  /// Emitters run per iteration.
  public let activeCount: Int
  /// The exploration weight.
  public let zeta: Double
  /// Solutions each emitter has produced.
  public private(set) var asked: [Int]
  /// Of those, how many the archive accepted.
  public private(set) var successes: [Int]

  /// A bandit over `pool` emitters.
  /// - Parameters:
  ///   - pool: emitters in the scheduler.
  ///   - active: emitters per iteration, 1...pool.
  ///   - zeta: exploration weight (pyribs' default 0.05).
  /// - Throws: `QDError` for an empty pool, `active` outside 1...pool or a negative `zeta`.
  public init(pool: Int, active: Int, zeta: Double = 0.05) throws(QDError) {
    try QDError.require(pool >= 1, "a bandit needs at least one emitter in its pool, got \(pool)")
    try QDError.require((1...pool).contains(active), "active must be in 1...\(pool), got \(active)")
    try QDError.require(zeta >= 0 && zeta.isFinite, "zeta must be a finite number >= 0, got \(zeta)")
    self.pool = pool
    activeCount = active
    self.zeta = zeta
    asked = [Int](repeating: 0, count: pool)
    successes = [Int](repeating: 0, count: pool)
  }

  /// The UCB1 score of each emitter (infinite for emitters never run).
  public var scores: [Double] {
    let total = Double(asked.reduce(0, +))
    return (0..<pool).map { k in
      guard asked[k] > 0 else { return .infinity }
      let n = Double(asked[k])
      return Double(successes[k]) / n + zeta * (Double.log(max(total, 1)) / n).squareRoot()
    }
  }

  /// The emitters to run next, in increasing index order.
  public func choose() -> [Int] {
    let s = scores
    let ranked = (0..<pool).sorted { s[$0] != s[$1] ? s[$0] > s[$1] : $0 < $1 }
    return ranked.prefix(activeCount).sorted()
  }

  /// Records how emitter `k`'s batch fared.
  public mutating func record(emitter k: Int, added: Int, asked count: Int) {
    asked[k] += count
    successes[k] += added
  }
}
