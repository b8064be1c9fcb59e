import GymCore
import RealModule

/// A recovering bandit (Pike-Burke and Grünewälder 2019): an arm's expected reward depends on
/// how long ago it was last pulled, and recovers with rest.
///
/// Arm j's mean is fⱼ(z) = baseⱼ + amplitudeⱼ·(1 − e^(−z/τⱼ)), where z is the number of pulls
/// since arm j was last pulled, capped at `zMax` (every arm starts fully rested, z = zMax).
/// Rewards are N(fⱼ(z), σ²). The regret of a pull is the instantaneous (one-step lookahead)
/// regret of the paper: the best arm's current mean minus the pulled arm's current mean.
///
/// The default instance (`Recovering-3-v0`) has a fast-recovering arm (0.2, 0.7, τ = 2), a slow
/// one with the highest rested value (0, 1, τ = 10) and a steady one (0.5, 0.1, τ = 1), with
/// zMax = 30 and σ = 0.1, so the best policy rotates between arms instead of repeating one.
/// The observation is always `0`.
public struct RecoveringBandit: BanditEnvironment, Sendable {
  public typealias Observation = Int

  /// One arm's recovery curve f(z) = base + amplitude·(1 − e^(−z/τ)).
  public struct Recovery: Sendable, Hashable {
    /// f(0): the mean right after a pull.
    public var base: Double
    /// How much the mean recovers with unlimited rest.
    public var amplitude: Double
    /// The recovery time constant τ (pulls), positive.
    public var timeConstant: Double
    /// A recovery curve.
    public init(base: Double, amplitude: Double, timeConstant: Double) {
      self.base = base
      self.amplitude = amplitude
      self.timeConstant = timeConstant
    }
    /// f(z).
    @inlinable
    public func mean(afterRest z: Int) -> Double { base + amplitude * (1 - Double.exp(-Double(z) / timeConstant)) }
  }

  /// The arms' recovery curves.
  public let curves: [Recovery]
  /// The cap on the rest counter z.
  public let zMax: Int
  /// The reward noise's standard deviation σ.
  public let sigma: Double
  /// Pulls per episode.
  public let horizon: Int
  /// The generator of rewards; reseeded by `reset(seed:)`.
  public var rng: GymRandom
  /// Pulls since each arm was last pulled, capped at `zMax`.
  public private(set) var rest: [Int]
  @usableFromInline var _time = 0
  @usableFromInline var started = false

  public let observationSpace = Discrete(1)
  public let actionSpace: Discrete

  /// A recovering bandit.
  /// - Precondition: at least one arm with τ > 0; `zMax >= 0`; `sigma >= 0`; `horizon > 0`.
  public init(curves: [Recovery], zMax: Int, sigma: Double, horizon: Int, seed: UInt64? = nil) {
    precondition(!curves.isEmpty && curves.allSatisfy { $0.timeConstant > 0 }, "give at least one arm with a positive time constant")
    precondition(zMax >= 0 && sigma >= 0 && horizon > 0, "zMax and sigma must be non-negative, the horizon positive")
    self.curves = curves
    self.zMax = zMax
    self.sigma = sigma
    self.horizon = horizon
    rest = Array(repeating: zMax, count: curves.count)
    rng = seed.map(GymRandom.init(seed:)) ?? .entropy()
    actionSpace = Discrete(curves.count)
  }

  /// The default instance's curves.
  public static let defaultCurves = [
    Recovery(base: 0.2, amplitude: 0.7, timeConstant: 2),
    Recovery(base: 0, amplitude: 1, timeConstant: 10),
    Recovery(base: 0.5, amplitude: 0.1, timeConstant: 1),
  ]

  public var armCount: Int { curves.count }
  public var time: Int { _time }
  public var currentObservation: Int { 0 }
  /// Every arm's current mean.
  public var currentMeans: [Double] { curves.indices.map { curves[$0].mean(afterRest: rest[$0]) } }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Int> {
    try BanditOptions.rejectResetOptions(options, for: "RecoveringBandit")
    if let seed { rng = GymRandom(seed: seed) }
    for i in rest.indices { rest[i] = zMax }
    _time = 0
    started = true
    return (0, [:])
  }

  public mutating func pull(_ arm: Int) -> BanditFeedback {
    checkPull(arm, armCount: armCount, time: _time, horizon: horizon, started: started)
    _time += 1
    var best = 0, bestMean = -Double.infinity, mean = 0.0
    for j in curves.indices {
      let m = curves[j].mean(afterRest: rest[j])
      if m > bestMean { bestMean = m; best = j }
      if j == arm { mean = m }
    }
    for j in rest.indices { rest[j] = j == arm ? 0 : min(rest[j] + 1, zMax) }
    return BanditFeedback(reward: mean + sigma * rng.normal(), expectedReward: mean, regret: bestMean - mean, optimalArm: best)
  }
}

extension RecoveringBandit {
  /// From construction options: `curves` (rows of base, amplitude, τ), `z_max`, `sigma` and
  /// `horizon`.
  public init(options: Options, defaultHorizon: Int) throws {
    let o = try BanditOptions(options, for: "RecoveringBandit", allowed: ["curves", "z_max", "sigma", "horizon"])
    let rows = try o.matrix("curves", default: Self.defaultCurves.map { [$0.base, $0.amplitude, $0.timeConstant] }, columns: 3)
    if let bad = rows.firstIndex(where: { $0[2] <= 0 }) {
      throw OptionError("option 'curves' for RecoveringBandit: row \(bad) has time constant \(JSON.formatDouble(rows[bad][2])); it must be positive")
    }
    self.init(
      curves: rows.map { Recovery(base: $0[0], amplitude: $0[1], timeConstant: $0[2]) },
      zMax: try o.int("z_max", default: 30, in: 0...1_000_000), sigma: try o.double("sigma", default: 0.1, in: 0...1e6),
      horizon: try o.int("horizon", default: defaultHorizon, in: 1...Int.max))
  }
}
