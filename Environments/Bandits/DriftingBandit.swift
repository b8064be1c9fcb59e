import GymCore

/// A drifting (restless) Gaussian bandit: every arm's mean takes an independent N(0, δ²)
/// random-walk step after every pull, whether played or not.
///
/// Sutton and Barto's non-stationary exercise (2.5) is the default (`Drifting-10-v0`): 10 arms
/// starting at mean 0, δ = 0.01, rewards N(qᵢ, 1). The regret of a pull is dynamic regret
/// against the best current mean. The observation is always `0`.
public struct DriftingBandit: BanditEnvironment, Sendable {
  public typealias Observation = Int

  /// The means at reset.
  public let initialMeans: [Double]
  /// The random walk's step standard deviation δ.
  public let drift: Double
  /// The reward noise's standard deviation σ.
  public let sigma: Double
  /// Pulls per episode.
  public let horizon: Int
  /// The generator of drift and rewards; reseeded by `reset(seed:)`.
  public var rng: GymRandom
  /// The current means.
  public private(set) var means: [Double]
  @usableFromInline var _time = 0
  @usableFromInline var started = false

  public let observationSpace = Discrete(1)
  public let actionSpace: Discrete

  /// A drifting bandit.
  /// - Precondition: `initialMeans` is not empty; `drift`, `sigma` ≥ 0; `horizon > 0`.
  public init(initialMeans: [Double], drift: Double, sigma: Double = 1, horizon: Int, seed: UInt64? = nil) {
    precondition(!initialMeans.isEmpty, "a bandit needs at least one arm")
    precondition(drift >= 0 && sigma >= 0, "drift and sigma must be non-negative")
    precondition(horizon > 0, "the horizon must be positive")
    self.initialMeans = initialMeans
    self.drift = drift
    self.sigma = sigma
    self.horizon = horizon
    means = initialMeans
    rng = seed.map(GymRandom.init(seed:)) ?? .entropy()
    actionSpace = Discrete(initialMeans.count)
  }

  public var armCount: Int { initialMeans.count }
  public var time: Int { _time }
  public var currentObservation: Int { 0 }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Int> {
    try BanditOptions.rejectResetOptions(options, for: "DriftingBandit")
    if let seed { rng = GymRandom(seed: seed) }
    means = initialMeans
    _time = 0
    started = true
    return (0, [:])
  }

  public mutating func pull(_ arm: Int) -> BanditFeedback {
    checkPull(arm, armCount: armCount, time: _time, horizon: horizon, started: started)
    _time += 1
    var best = 0
    for i in means.indices where means[i] > means[best] { best = i }
    let mean = means[arm]
    let feedback = BanditFeedback(reward: mean + sigma * rng.normal(), expectedReward: mean, regret: means[best] - mean, optimalArm: best)
    for i in means.indices { means[i] += drift * rng.normal() }
    return feedback
  }
}

extension DriftingBandit {
  /// From construction options: `arms` (all starting at `initial_mean`) or `initial_means`,
  /// `drift`, `sigma` and `horizon`.
  public init(options: Options, defaultHorizon: Int) throws {
    let o = try BanditOptions(options, for: "DriftingBandit", allowed: ["arms", "initial_mean", "initial_means", "drift", "sigma", "horizon"])
    let means: [Double]
    if o.has("initial_means") {
      if o.has("arms") || o.has("initial_mean") {
        throw OptionError("DriftingBandit takes either 'initial_means' or 'arms' with 'initial_mean', not both")
      }
      means = try o.doubles("initial_means", default: [])
    } else {
      means = Array(repeating: try o.double("initial_mean", default: 0), count: try o.int("arms", default: 10, in: 1...100_000))
    }
    self.init(
      initialMeans: means, drift: try o.double("drift", default: 0.01, in: 0...1e6), sigma: try o.double("sigma", default: 1, in: 0...1e6),
      horizon: try o.int("horizon", default: defaultHorizon, in: 1...Int.max))
  }
}
