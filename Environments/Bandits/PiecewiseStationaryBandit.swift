import GymCore

/// A piecewise-stationary Bernoulli bandit: the arms' means jump at fixed breakpoints.
///
/// The means follow `phases[0]` for `phaseLength` pulls, then `phases[1]`, and so on, cycling
/// back to the first phase after the last. The regret of a pull is dynamic regret: the best
/// *current* mean minus the pulled arm's current mean. The default instance (`Piecewise-3-v0`)
/// is SMPyBandits' example: 3 arms, (0.4, 0.5, 0.9) → (0.5, 0.4, 0.7) → (0.6, 0.3, 0.5), every
/// 400 pulls. The observation is always `0`.
public struct PiecewiseStationaryBandit: BanditEnvironment, Sendable {
  public typealias Observation = Int

  /// The means of each phase, each with `armCount` entries in [0, 1].
  public let phases: [ArmMeans]
  /// Pulls per phase.
  public let phaseLength: Int
  /// Pulls per episode.
  public let horizon: Int
  /// The generator of rewards; reseeded by `reset(seed:)`.
  public var rng: GymRandom
  @usableFromInline var _time = 0
  @usableFromInline var started = false

  public let observationSpace = Discrete(1)
  public let actionSpace: Discrete

  /// A piecewise-stationary bandit.
  /// - Precondition: at least one phase, all of the same positive length with means in [0, 1];
  ///   `phaseLength > 0`; `horizon > 0`.
  public init(phases: [[Double]], phaseLength: Int, horizon: Int, seed: UInt64? = nil) {
    precondition(!phases.isEmpty && !phases[0].isEmpty, "give at least one phase of means")
    precondition(phases.allSatisfy { $0.count == phases[0].count }, "every phase needs the same number of arms")
    precondition(phases.allSatisfy { $0.allSatisfy { $0 >= 0 && $0 <= 1 } }, "Bernoulli means must lie in [0, 1]")
    precondition(phaseLength > 0 && horizon > 0, "phase length and horizon must be positive")
    self.phases = phases.map(ArmMeans.init)
    self.phaseLength = phaseLength
    self.horizon = horizon
    rng = seed.map(GymRandom.init(seed:)) ?? .entropy()
    actionSpace = Discrete(phases[0].count)
  }

  public var armCount: Int { phases[0].means.count }
  public var time: Int { _time }
  public var currentObservation: Int { 0 }
  /// The phase the next pull falls in.
  public var currentPhase: Int { (_time / phaseLength) % phases.count }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Int> {
    try BanditOptions.rejectResetOptions(options, for: "PiecewiseStationaryBandit")
    if let seed { rng = GymRandom(seed: seed) }
    _time = 0
    started = true
    return (0, [:])
  }

  public mutating func pull(_ arm: Int) -> BanditFeedback {
    checkPull(arm, armCount: armCount, time: _time, horizon: horizon, started: started)
    let phase = phases[currentPhase]
    _time += 1
    let mean = phase.means[arm]
    let reward: Double = rng.nextDouble() < mean ? 1 : 0
    return BanditFeedback(reward: reward, expectedReward: mean, regret: phase.gaps[arm], optimalArm: phase.bestArm)
  }
}

extension PiecewiseStationaryBandit {
  /// From construction options: `phases` (rows of means), `phase_length` and `horizon`.
  public init(options: Options, defaultPhases: [[Double]], defaultPhaseLength: Int, defaultHorizon: Int) throws {
    let o = try BanditOptions(options, for: "PiecewiseStationaryBandit", allowed: ["phases", "phase_length", "horizon"])
    let phases = try o.matrix("phases", default: defaultPhases)
    if let bad = phases.joined().first(where: { !($0 >= 0 && $0 <= 1) }) {
      throw OptionError("option 'phases' for PiecewiseStationaryBandit: every mean must be in [0, 1], got \(JSON.formatDouble(bad))")
    }
    self.init(
      phases: phases, phaseLength: try o.int("phase_length", default: defaultPhaseLength, in: 1...Int.max),
      horizon: try o.int("horizon", default: defaultHorizon, in: 1...Int.max))
  }
}
