import GymCore

/// The stochastic K-armed bandit with Gaussian arms: arm i pays N(μᵢ, σ²).
///
/// With `meanPrior` set, every reset draws a fresh task μᵢ ~ N(m, s²): Sutton and Barto's
/// 10-armed testbed is `meanPrior: (0, 1)`, `sigma: 1` (`Gaussian-Testbed-v0`). The regret of a
/// pull is its pseudo-regret μ* − μ_a under the current task. The observation is always `0`.
public struct GaussianBandit: BanditEnvironment, Sendable {
  public typealias Observation = Int

  /// The current task's means and gaps.
  public private(set) var arms: ArmMeans
  /// The reward noise's standard deviation.
  public let sigma: Double
  /// When set, the mean and standard deviation from which each reset draws the arms' means.
  public let meanPrior: (mean: Double, standardDeviation: Double)?
  /// Pulls per episode.
  public let horizon: Int
  /// The generator of rewards and tasks; reseeded by `reset(seed:)`.
  public var rng: GymRandom
  @usableFromInline var _time = 0
  @usableFromInline var started = false

  public let observationSpace = Discrete(1)
  public let actionSpace: Discrete

  /// A Gaussian bandit with fixed means.
  /// - Precondition: `means` is not empty, `sigma >= 0`, `horizon > 0`.
  public init(means: [Double], sigma: Double = 1, horizon: Int, seed: UInt64? = nil) {
    precondition(!means.isEmpty && means.allSatisfy(\.isFinite), "Gaussian means must be finite")
    precondition(sigma >= 0 && sigma.isFinite, "sigma must be a finite non-negative number")
    precondition(horizon > 0, "the horizon must be positive")
    arms = ArmMeans(means)
    self.sigma = sigma
    meanPrior = nil
    self.horizon = horizon
    rng = seed.map(GymRandom.init(seed:)) ?? .entropy()
    actionSpace = Discrete(means.count)
  }

  /// A Gaussian bandit whose means are drawn from N(`priorMean`, `priorStandardDeviation`²) at
  /// every reset (a new task per episode).
  public init(arms count: Int, priorMean: Double = 0, priorStandardDeviation: Double = 1, sigma: Double = 1, horizon: Int, seed: UInt64? = nil) {
    precondition(count > 0, "a bandit needs at least one arm")
    precondition(priorStandardDeviation >= 0 && sigma >= 0, "standard deviations must be non-negative")
    precondition(horizon > 0, "the horizon must be positive")
    arms = ArmMeans(Array(repeating: priorMean, count: count))
    self.sigma = sigma
    meanPrior = (priorMean, priorStandardDeviation)
    self.horizon = horizon
    rng = seed.map(GymRandom.init(seed:)) ?? .entropy()
    actionSpace = Discrete(count)
  }

  public var armCount: Int { arms.means.count }
  public var time: Int { _time }
  public var currentObservation: Int { 0 }
  public var stationaryOptimalArm: Int? { arms.bestArm }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Int> {
    try BanditOptions.rejectResetOptions(options, for: "GaussianBandit")
    if let seed { rng = GymRandom(seed: seed) }
    if let prior = meanPrior {
      var means = [Double](repeating: 0, count: armCount)
      for i in means.indices { means[i] = prior.mean + prior.standardDeviation * rng.normal() }
      arms = ArmMeans(means)
    }
    _time = 0
    started = true
    return (0, [:])
  }

  @inlinable
  public mutating func pull(_ arm: Int) -> BanditFeedback {
    checkPull(arm, armCount: arms.means.count, time: _time, horizon: horizon, started: started)
    _time += 1
    let mean = arms.means[arm]
    let reward = mean + sigma * rng.normal()
    return BanditFeedback(reward: reward, expectedReward: mean, regret: arms.gaps[arm], optimalArm: arms.bestArm)
  }
}

extension GaussianBandit {
  /// A Gaussian bandit from construction options: `means`, `sigma` and `horizon`; or, instead
  /// of `means`, `arms` with `prior_mean` and `prior_std` to draw a new task at every reset.
  public init(options: Options, defaultHorizon: Int) throws {
    let o = try BanditOptions(options, for: "GaussianBandit", allowed: ["means", "sigma", "horizon", "arms", "prior_mean", "prior_std"])
    let sigma = try o.double("sigma", default: 1, in: 0...1e6)
    let horizon = try o.int("horizon", default: defaultHorizon, in: 1...Int.max)
    if o.has("means") {
      if o.has("arms") || o.has("prior_mean") || o.has("prior_std") {
        throw OptionError("GaussianBandit takes either 'means' or 'arms' with 'prior_mean'/'prior_std', not both")
      }
      self.init(means: try o.doubles("means", default: []), sigma: sigma, horizon: horizon)
    } else {
      let count = try o.int("arms", default: 10, in: 1...100_000)
      let m = try o.double("prior_mean", default: 0)
      let s = try o.double("prior_std", default: 1, in: 0...1e6)
      self.init(arms: count, priorMean: m, priorStandardDeviation: s, sigma: sigma, horizon: horizon)
    }
  }
}
