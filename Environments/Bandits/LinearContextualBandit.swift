import GymCore

/// A linear contextual bandit: the expected reward of arm a at time t is linear in a feature
/// vector the learner sees before choosing.
///
/// Two models, as LinUCB's paper (Li et al. 2010) distinguishes them:
/// - `.shared`: every arm has its own features xₜ,ₐ ∈ ℝᵈ and E[r] = xₜ,ₐ·θ with one unknown θ
///   (the OFUL / LinTS setting). The features are fresh N(0, 1/d) entries every round, or fixed
///   at reset with `fixedArms` (a low-diversity design where exploration is needed).
/// - `.disjoint`: one context uₜ ∈ ℝᵈ shared by all arms and E[r] = uₜ·θₐ with one unknown θₐ per
///   arm; every row of the observation is uₜ.
///
/// θ (or each θₐ) is drawn uniformly on the unit sphere at reset; rewards add N(0, σ²) noise.
/// The regret of a pull is maxₐ E[r ∣ a] − E[r ∣ aₜ] for the round's features.
/// The observation is the K×d feature matrix, row-major, as `Float`.
public struct LinearContextualBandit: ContextualBanditEnvironment, Sendable {
  public typealias Observation = [Float]

  /// How features and parameters relate rewards to arms.
  public enum Model: String, Sendable, Hashable, CaseIterable {
    /// One parameter vector; per-arm features.
    case shared
    /// One parameter vector per arm; one shared context.
    case disjoint
  }

  /// The reward model.
  public let model: Model
  /// The number of arms K.
  public let armCount: Int
  /// The feature dimension d.
  public let featureDimension: Int
  /// The reward noise's standard deviation σ.
  public let noise: Double
  /// Whether (shared model) the arms' features are drawn once per reset and then kept.
  public let fixedArms: Bool
  /// Pulls per episode.
  public let horizon: Int
  /// The generator of parameters, features and noise; reseeded by `reset(seed:)`.
  public var rng: GymRandom
  /// The unknown parameters: d numbers (shared) or K×d row-major (disjoint).
  public private(set) var theta: [Double]
  @usableFromInline var features: [Float]
  @usableFromInline var expected: [Double]
  @usableFromInline var best = 0
  @usableFromInline var _time = 0
  @usableFromInline var started = false

  public let observationSpace: Box<[Float]>
  public let actionSpace: Discrete

  /// A linear contextual bandit.
  /// - Precondition: `arms > 0`, `dimension > 0`, `noise >= 0`, `horizon > 0`.
  public init(model: Model = .shared, arms: Int, dimension: Int, noise: Double = 0.1, fixedArms: Bool = false, horizon: Int, seed: UInt64? = nil) {
    precondition(arms > 0 && dimension > 0, "a linear bandit needs arms and features")
    precondition(noise >= 0 && noise.isFinite, "noise must be a finite non-negative number")
    precondition(horizon > 0, "the horizon must be positive")
    self.model = model
    armCount = arms
    featureDimension = dimension
    self.noise = noise
    self.fixedArms = fixedArms
    self.horizon = horizon
    rng = seed.map(GymRandom.init(seed:)) ?? .entropy()
    theta = [Double](repeating: 0, count: model == .shared ? dimension : arms * dimension)
    features = [Float](repeating: 0, count: arms * dimension)
    expected = [Double](repeating: 0, count: arms)
    observationSpace = Box(low: -.infinity, high: .infinity, shape: [arms, dimension])
    actionSpace = Discrete(arms)
  }

  public var time: Int { _time }
  public var currentObservation: [Float] { features }
  public var isDisjoint: Bool { model == .disjoint }
  /// The expected reward of every arm this round.
  public var expectedRewards: [Double] { expected }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<[Float]> {
    try BanditOptions.rejectResetOptions(options, for: "LinearContextualBandit")
    if let seed { rng = GymRandom(seed: seed) }
    let d = featureDimension
    for block in 0..<(theta.count / d) {
      var norm = 0.0
      for j in 0..<d {
        let z = rng.normal()
        theta[block * d + j] = z
        norm += z * z
      }
      norm = norm.squareRoot()
      for j in 0..<d { theta[block * d + j] /= norm }
    }
    drawFeatures()
    _time = 0
    started = true
    return (features, [:])
  }

  /// Draws the round's features and their expected rewards.
  @usableFromInline
  mutating func drawFeatures() {
    let d = featureDimension, k = armCount
    let scale = 1 / Double(d).squareRoot()
    features.withUnsafeMutableBufferPointer { x in
      switch model {
      case .shared:
        for i in 0..<(k * d) { x[i] = Float(scale * rng.normal()) }
      case .disjoint:
        for j in 0..<d { x[j] = Float(scale * rng.normal()) }
        for a in 1..<max(k, 1) { for j in 0..<d { x[a * d + j] = x[j] } }
      }
    }
    best = 0
    for a in 0..<k {
      var e = 0.0
      let offset = model == .shared ? 0 : a * d
      for j in 0..<d { e += Double(features[a * d + j]) * theta[offset + j] }
      expected[a] = e
      if e > expected[best] { best = a }
    }
  }

  public mutating func pull(_ arm: Int) -> BanditFeedback {
    checkPull(arm, armCount: armCount, time: _time, horizon: horizon, started: started)
    _time += 1
    let mean = expected[arm]
    let feedback = BanditFeedback(
      reward: mean + noise * rng.normal(), expectedReward: mean, regret: expected[best] - mean, optimalArm: best)
    if !fixedArms || model == .disjoint { drawFeatures() }
    return feedback
  }
}

extension LinearContextualBandit {
  /// From construction options: `model` ("shared" or "disjoint"), `arms`, `dimension`,
  /// `noise`, `fixed_arms` and `horizon`.
  public init(options: Options, defaults: LinearContextualBandit) throws {
    let o = try BanditOptions(options, for: "LinearContextualBandit", allowed: ["model", "arms", "dimension", "noise", "fixed_arms", "horizon"])
    let model = Model(rawValue: try o.string("model", default: defaults.model.rawValue, choices: Model.allCases.map(\.rawValue)))!
    self.init(
      model: model,
      arms: try o.int("arms", default: defaults.armCount, in: 1...10_000),
      dimension: try o.int("dimension", default: defaults.featureDimension, in: 1...1_000),
      noise: try o.double("noise", default: defaults.noise, in: 0...1e6),
      fixedArms: try o.bool("fixed_arms", default: defaults.fixedArms),
      horizon: try o.int("horizon", default: defaults.horizon, in: 1...Int.max))
  }
}
