import GymCore

/// Thompson sampling with Beta posteriors (Thompson 1933; Agrawal and Goyal 2012; Kaufmann,
/// Korda and Munos 2012): sample θᵢ ~ Beta(1 + Sᵢ, 1 + Fᵢ) for every arm and pull the largest.
///
/// Sᵢ and Fᵢ add up the rewards r and 1 − r, so rewards in [0, 1] are allowed (fractional
/// rewards update both counts; Bernoulli rewards give the textbook posterior). Asymptotically
/// optimal for Bernoulli arms: it matches the Lai–Robbins constant.
public struct BetaThompsonSampling: BanditPolicy, Sendable {
  public typealias Observation = Int

  /// Sᵢ: the sum of each arm's rewards.
  public private(set) var successes: [Double]
  /// Fᵢ: the sum of each arm's 1 − reward.
  public private(set) var failures: [Double]
  /// The generator of posterior samples.
  public var rng: RandomSource

  /// Beta Thompson sampling over `armCount` arms with uniform Beta(1, 1) priors.
  public init(armCount: Int, seed: UInt64) {
    precondition(armCount > 0, "a bandit needs at least one arm")
    successes = Array(repeating: 0, count: armCount)
    failures = Array(repeating: 0, count: armCount)
    rng = RandomSource(seed: seed)
  }

  public var armCount: Int { successes.count }

  /// The posterior means (1 + Sᵢ) / (2 + Sᵢ + Fᵢ): the RNG-free estimate of every arm.
  public var posteriorMeans: [Double] { successes.indices.map { (1 + successes[$0]) / (2 + successes[$0] + failures[$0]) } }

  /// Picks an arm.
  /// - Complexity: O(K), two gamma variates per arm.
  public mutating func act(_ observation: Int = 0) -> Int {
    var best = 0, bestSample = -1.0
    for i in 0..<successes.count {
      let sample = rng.beta(1 + successes[i], 1 + failures[i])
      if sample > bestSample {
        best = i
        bestSample = sample
      }
    }
    return best
  }

  public mutating func update(arm: Int, reward: Double) {
    successes[arm] += reward
    failures[arm] += 1 - reward
  }
}

/// Thompson sampling for Gaussian rewards (Agrawal and Goyal 2013): sample
/// θᵢ ~ N(μ̂ᵢ, σ² / (nᵢ + 1)) with μ̂ᵢ = Σ rewards / (nᵢ + 1), and pull the largest.
///
/// σ is the assumed reward noise (1 by default); worst-case regret O(√(KT ln K)).
public struct GaussianThompsonSampling: BanditPolicy, Sendable {
  public typealias Observation = Int

  /// The statistics so far.
  public private(set) var statistics: ArmStatistics
  /// The assumed noise standard deviation σ.
  public let sigma: Double
  /// The generator of posterior samples.
  public var rng: RandomSource

  /// Gaussian Thompson sampling over `armCount` arms.
  /// - Precondition: `sigma > 0`.
  public init(armCount: Int, sigma: Double = 1, seed: UInt64) {
    precondition(sigma > 0 && sigma.isFinite, "sigma must be positive")
    statistics = ArmStatistics(arms: armCount)
    self.sigma = sigma
    rng = RandomSource(seed: seed)
  }

  public var armCount: Int { statistics.armCount }

  /// Picks an arm.
  /// - Complexity: O(K), one normal variate per arm.
  public mutating func act(_ observation: Int = 0) -> Int {
    var best = 0, bestSample = -Double.infinity
    for i in 0..<armCount {
      let n1 = Double(statistics.counts[i] + 1)
      let sample = statistics.sums[i] / n1 + sigma / n1.squareRoot() * rng.normal()
      if sample > bestSample {
        best = i
        bestSample = sample
      }
    }
    return best
  }

  public mutating func update(arm: Int, reward: Double) { statistics.record(arm: arm, reward: reward) }
}
