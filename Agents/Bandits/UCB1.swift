import GymCore
import RealModule

/// UCB1 (Auer, Cesa-Bianchi and Fischer 2002): pull every arm once, then the arm with the
/// largest upper confidence bound μ̂ᵢ + α·√(2 ln t / nᵢ), t the number of pulls so far.
///
/// Deterministic (ties go to the lowest index). Guarantee, for α = 1 and rewards in [0, 1]:
/// E[R_T] ≤ Σ_{Δᵢ>0} 8 ln T / Δᵢ + (1 + π²/3) Σ Δᵢ.
public struct UCB1: BanditPolicy, Sendable {
  public typealias Observation = Int

  /// The statistics so far.
  public private(set) var statistics: ArmStatistics
  /// The multiplier α of the confidence width (1 is UCB1; MABWiser calls it `alpha`).
  public let alpha: Double
  @usableFromInline var scores: [Double]

  /// UCB1 over `armCount` arms.
  /// - Precondition: `armCount > 0`, `alpha >= 0`.
  public init(armCount: Int, alpha: Double = 1) {
    precondition(alpha >= 0 && alpha.isFinite, "alpha must be a finite non-negative number")
    statistics = ArmStatistics(arms: armCount)
    self.alpha = alpha
    scores = Array(repeating: 0, count: armCount)
  }

  public var armCount: Int { statistics.armCount }

  /// The upper confidence bound of every arm after `statistics.total` pulls (+∞ for unpulled
  /// arms).
  public var upperConfidenceBounds: [Double] {
    let logT = Double.log(Double(max(statistics.total, 1)))
    return (0..<armCount).map { i in
      let n = statistics.counts[i]
      return n == 0 ? .infinity : statistics.mean(i) + alpha * (2 * logT / Double(n)).squareRoot()
    }
  }

  /// Picks an arm.
  /// - Complexity: O(K), one square root per arm.
  public mutating func act(_ observation: Int = 0) -> Int {
    if let arm = statistics.initialRound { return arm }
    let width = alpha * (2 * Double.log(Double(statistics.total))).squareRoot()
    let counts = statistics.counts, sums = statistics.sums
    return scores.withUnsafeMutableBufferPointer { s in
      for i in 0..<s.count {
        let n = Double(counts[i])
        s[i] = sums[i] / n + width / n.squareRoot()
      }
      return argmax(UnsafeBufferPointer(s))
    }
  }

  public mutating func update(arm: Int, reward: Double) { statistics.record(arm: arm, reward: reward) }
}
