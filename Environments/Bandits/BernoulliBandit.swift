import GymCore

/// The arms' means with the derived oracle quantities: the best arm (lowest index among
/// ties) and each arm's gap Δᵢ = μ* − μᵢ.
public struct ArmMeans: Sendable, Hashable {
  /// μᵢ for every arm.
  public let means: [Double]
  /// Δᵢ = μ* − μᵢ for every arm.
  public let gaps: [Double]
  /// The arm with the largest mean (the lowest index among ties).
  public let bestArm: Int
  /// μ*.
  public var bestMean: Double { means[bestArm] }

  /// The table for `means`.
  /// - Precondition: `means` is not empty.
  public init(_ means: [Double]) {
    precondition(!means.isEmpty, "a bandit needs at least one arm")
    var best = 0
    for i in means.indices where means[i] > means[best] { best = i }
    self.means = means
    self.bestArm = best
    self.gaps = means.map { means[best] - $0 }
  }
}

/// The stochastic K-armed bandit with Bernoulli arms: arm i pays 1 with probability μᵢ, else 0.
///
/// The canonical test bed (SMPyBandits' 0.1, 0.2, …, 0.9 instance is `Bernoulli-9-v0`). The
/// regret of a pull is its pseudo-regret μ* − μ_a. The observation is always `0`.
public struct BernoulliBandit: BanditEnvironment, Sendable {
  public typealias Observation = Int

  /// The arms' success probabilities and gaps.
  public let arms: ArmMeans
  /// Pulls per episode.
  public let horizon: Int
  /// The generator of rewards; reseeded by `reset(seed:)`.
  public var rng: GymRandom
  @usableFromInline var _time = 0
  @usableFromInline var started = false

  public let observationSpace = Discrete(1)
  public let actionSpace: Discrete

  /// A Bernoulli bandit.
  /// - Parameters:
  ///   - means: success probabilities, each in [0, 1].
  ///   - horizon: pulls per episode, positive.
  ///   - seed: seeds the reward stream before the first reset; `nil` draws from the system.
  /// - Precondition: the arguments are valid (see `init(options:)` for checked input).
  public init(means: [Double], horizon: Int, seed: UInt64? = nil) {
    precondition(!means.isEmpty && means.allSatisfy { $0 >= 0 && $0 <= 1 }, "Bernoulli means must lie in [0, 1]")
    precondition(horizon > 0, "the horizon must be positive")
    self.arms = ArmMeans(means)
    self.horizon = horizon
    self.rng = seed.map(GymRandom.init(seed:)) ?? .entropy()
    self.actionSpace = Discrete(means.count)
  }

  public var armCount: Int { arms.means.count }
  public var time: Int { _time }
  public var currentObservation: Int { 0 }
  public var stationaryOptimalArm: Int? { arms.bestArm }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Int> {
    try BanditOptions.rejectResetOptions(options, for: "BernoulliBandit")
    if let seed { rng = GymRandom(seed: seed) }
    _time = 0
    started = true
    return (0, [:])
  }

  @inlinable
  public mutating func pull(_ arm: Int) -> BanditFeedback {
    checkPull(arm, armCount: arms.means.count, time: _time, horizon: horizon, started: started)
    _time += 1
    let mean = arms.means[arm]
    let reward: Double = rng.nextDouble() < mean ? 1 : 0
    return BanditFeedback(reward: reward, expectedReward: mean, regret: arms.gaps[arm], optimalArm: arms.bestArm)
  }
}

extension BernoulliBandit {
  /// A Bernoulli bandit from construction options: `means` (numbers in [0, 1]) and `horizon`.
  public init(options: Options, defaultMeans: [Double], defaultHorizon: Int) throws {
    let o = try BanditOptions(options, for: "BernoulliBandit", allowed: ["means", "horizon"])
    let means = try o.doubles("means", default: defaultMeans, in: 0...1)
    let horizon = try o.int("horizon", default: defaultHorizon, in: 1...Int.max)
    self.init(means: means, horizon: horizon)
  }
}
