import GymCore
import RealModule

/// EXP3 (Auer, Cesa-Bianchi, Freund and Schapire 2002) for adversarial rewards in [0, 1]:
/// exponential weights on importance-weighted reward estimates, mixed with γ-uniform
/// exploration.
///
/// pᵢ = (1 − γ)·wᵢ / Σw + γ/K; after pulling a with reward r, wₐ ← wₐ·exp(γ·r / (pₐ·K)).
/// With γ = min(1, √(K ln K / ((e − 1)·g))) for a bound g ≥ the best arm's total reward (the
/// horizon, by default): E[R] ≤ 2√(e − 1)·√(g K ln K). Weights are kept relative to the
/// largest, so they never overflow.
public struct EXP3: BanditPolicy, Sendable {
  public typealias Observation = Int

  /// The exploration rate γ.
  public let gamma: Double
  /// The generator of arm draws.
  public var rng: RandomSource
  /// The weights, scaled so that the largest is at most 1e200.
  public private(set) var weights: [Double]
  @usableFromInline var weightSum: Double
  @usableFromInline var lastProbability = 1.0

  /// EXP3 over `armCount` arms with rate `gamma`.
  /// - Precondition: `0 < gamma <= 1`.
  public init(armCount: Int, gamma: Double, seed: UInt64) {
    precondition(armCount > 0, "a bandit needs at least one arm")
    precondition(gamma > 0 && gamma <= 1, "gamma must be in (0, 1]")
    self.gamma = gamma
    rng = RandomSource(seed: seed)
    weights = Array(repeating: 1, count: armCount)
    weightSum = Double(armCount)
  }

  /// EXP3 with the rate tuned for `horizon` pulls: γ = min(1, √(K ln K / ((e − 1)·horizon))).
  public init(armCount: Int, horizon: Int, seed: UInt64) {
    self.init(armCount: armCount, gamma: EXP3.tunedGamma(armCount: armCount, horizon: horizon), seed: seed)
  }

  /// min(1, √(K ln K / ((e − 1)·g))).
  public static func tunedGamma(armCount k: Int, horizon g: Int) -> Double {
    let kk = Double(Swift.max(k, 2))
    return Swift.min(1, (kk * Double.log(kk) / ((Double.exp(1) - 1) * Double(Swift.max(g, 1)))).squareRoot())
  }

  public var armCount: Int { weights.count }

  /// The current sampling distribution.
  public var probabilities: [Double] {
    weights.map { (1 - gamma) * $0 / weightSum + gamma / Double(armCount) }
  }

  /// Draws an arm from the current distribution.
  /// - Complexity: O(K).
  public mutating func act(_ observation: Int = 0) -> Int {
    let k = Double(armCount)
    let u = rng.uniform()
    var cumulative = 0.0
    for i in 0..<weights.count {
      let p = (1 - gamma) * weights[i] / weightSum + gamma / k
      cumulative += p
      if u < cumulative {
        lastProbability = p
        return i
      }
    }

    let last = weights.count - 1
    lastProbability = (1 - gamma) * weights[last] / weightSum + gamma / k
    return last
  }

  /// Updates the pulled arm's weight with the importance-weighted reward.
  /// - Precondition: `arm` is the arm the latest `act` returned.
  public mutating func update(arm: Int, reward: Double) {
    let estimate = reward / lastProbability
    let old = weights[arm]
    weights[arm] = old * Double.exp(gamma * estimate / Double(armCount))
    weightSum += weights[arm] - old
    if weights[arm] > 1e200 {
      let scale = 1 / weights[arm]
      weightSum = 0
      for i in 0..<weights.count {
        weights[i] *= scale
        weightSum += weights[i]
      }
    }
  }
}
