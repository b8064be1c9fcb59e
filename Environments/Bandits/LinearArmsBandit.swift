import GymCore

/// A stochastic linear bandit with a fixed, finite set of arms and rewards in [0, 1]: arm i
/// has feature vector aᵢ ∈ ℝᵈ and pays Bernoulli(aᵢ·θ).
///
/// The setting of fixed-budget best-arm identification in linear bandits (DP-BAI, Chen et al.
/// ICLR 2024): the budget is the horizon, and the learner recommends an arm at the end. The
/// regret of a pull is its pseudo-regret maxᵢ aᵢ·θ − aₐ·θ. The observation is the constant K×d
/// feature matrix.
///
/// The default instance (`LinearBAI-5-v0`, SwiftGym's own): d = 5, θ = (0.9, 0.5, 0.5, 0.5, 0.5)
/// and 15 arms — the five unit vectors and the ten midpoints (eᵢ + eⱼ)/2 — so the best arm e₁
/// (mean 0.9) competes with four midpoints at 0.7 and the other arms sit at 0.5.
public struct LinearArmsBandit: ContextualBanditEnvironment, Sendable {
  public typealias Observation = [Float]

  /// The arms' feature vectors, K×d row-major.
  public let arms: [Double]
  /// The parameter θ.
  public let theta: [Double]
  /// The arms' means and gaps.
  public let means: ArmMeans
  /// The feature dimension d.
  public let featureDimension: Int
  /// Pulls per episode: the budget.
  public let horizon: Int
  /// The generator of rewards.
  public var rng: GymRandom
  let features: [Float]
  @usableFromInline var _time = 0
  @usableFromInline var started = false

  public let observationSpace: Box<[Float]>
  public let actionSpace: Discrete

  /// A linear bandit over `arms` with parameter `theta`.
  /// - Throws: `OptionError` when the shapes disagree or a mean aᵢ·θ is outside [0, 1].
  public init(arms: [[Double]], theta: [Double], horizon: Int, seed: UInt64? = nil) throws {
    guard !theta.isEmpty, !arms.isEmpty, arms.allSatisfy({ $0.count == theta.count }) else {
      throw OptionError("every arm needs d = \(theta.count) features, got \(arms.map(\.count))")
    }
    guard horizon > 0 else { throw OptionError("the horizon must be positive, got \(horizon)") }
    let means = arms.map { zip($0, theta).reduce(0) { $0 + $1.0 * $1.1 } }
    if let bad = means.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
      throw OptionError("arm \(bad) has mean \(JSON.formatDouble(means[bad])) outside [0, 1]; rewards are Bernoulli(a·θ)")
    }
    self.arms = Array(arms.joined())
    self.theta = theta
    self.means = ArmMeans(means)
    featureDimension = theta.count
    self.horizon = horizon
    rng = seed.map(GymRandom.init(seed:)) ?? .entropy()
    features = arms.joined().map { Float($0) }
    observationSpace = Box(low: -.infinity, high: .infinity, shape: [arms.count, theta.count])
    actionSpace = Discrete(arms.count)
  }

  /// The default instance described on the type.
  public static func reference(horizon: Int, seed: UInt64? = nil) -> LinearArmsBandit {
    let d = 5
    var arms: [[Double]] = (0..<d).map { i in (0..<d).map { $0 == i ? 1 : 0 } }
    for i in 0..<d { for j in (i + 1)..<d { arms.append((0..<d).map { $0 == i || $0 == j ? 0.5 : 0 }) } }
    return try! LinearArmsBandit(arms: arms, theta: [0.9, 0.5, 0.5, 0.5, 0.5], horizon: horizon, seed: seed)
  }

  public var armCount: Int { means.means.count }
  public var time: Int { _time }
  public var currentObservation: [Float] { features }
  public var stationaryOptimalArm: Int? { means.bestArm }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<[Float]> {
    try BanditOptions.rejectResetOptions(options, for: "LinearArmsBandit")
    if let seed { rng = GymRandom(seed: seed) }
    _time = 0
    started = true
    return (features, [:])
  }

  public mutating func pull(_ arm: Int) -> BanditFeedback {
    checkPull(arm, armCount: armCount, time: _time, horizon: horizon, started: started)
    _time += 1
    let mean = means.means[arm]
    return BanditFeedback(reward: rng.nextDouble() < mean ? 1 : 0, expectedReward: mean, regret: means.gaps[arm], optimalArm: means.bestArm)
  }
}

extension LinearArmsBandit {
  /// From construction options: `arms` (rows of features) with `theta`, and `horizon`.
  public init(options: Options, defaultHorizon: Int) throws {
    let o = try BanditOptions(options, for: "LinearArmsBandit", allowed: ["arms", "theta", "horizon"])
    let reference = Self.reference(horizon: 1)
    let d = reference.featureDimension
    let defaultArms = stride(from: 0, to: reference.arms.count, by: d).map { Array(reference.arms[$0..<($0 + d)]) }
    if o.has("arms") != o.has("theta") { throw OptionError("LinearArmsBandit needs both 'arms' and 'theta', or neither") }
    try self.init(
      arms: try o.matrix("arms", default: defaultArms), theta: try o.doubles("theta", default: reference.theta),
      horizon: try o.int("horizon", default: defaultHorizon, in: 1...Int.max))
  }
}
