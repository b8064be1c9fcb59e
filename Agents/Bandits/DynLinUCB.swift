import GymCore
import RealModule

/// DynLin-UCB (Mussi, Metelli and Restelli 2023) for Dynamical Linear Bandits: an optimistic
/// linear bandit on the steady-state Markov parameter h, which holds each chosen action for an
/// epoch long enough for the hidden state's transient to fade and learns only from the reward
/// at the end of each epoch.
///
/// Epoch m lasts Lₘ = 1 + ⌊ln m / ln(1/ρ̄)⌋ pulls, ρ̄ < 1 an upper bound on the spectral radius
/// of the hidden dynamics (so ρ̄^Lₘ ≤ 1/m). At its start the policy picks
/// argmaxₐ ĥ·a + βₘ‖a‖_{V⁻¹} over the action vectors (the rows of the observation), where ĥ is
/// the ridge estimate from epoch-end rewards and
///
///     βₘ = σ·√(2 ln(1/δ) + p·ln(1 + m·X²/(λp))) + √λ·S + κ·ρ̄^Lₘ·√m / (1 − ρ̄),
///
/// OFUL's radius (σ the reward noise, S ≥ ‖h‖, X ≥ maxₐ‖a‖) plus a term for the bias of a
/// reward read ρ̄^Lₘ into the transient (κ scales the state's effect on reward). This is
/// SwiftGym's instantiation of the paper's radius, whose exact constants depend on system
/// bounds; the regret is Õ(d√T / (1 − ρ̄)^{3/2}) in the paper's analysis.
public struct DynLinUCB: BanditPolicy, Sendable {
  public typealias Observation = [Float]

  /// Hyperparameters.
  public struct Parameters: Sendable, Hashable {
    /// ρ̄: an upper bound on ρ(A), in [0, 1).
    public var spectralRadiusBound: Double
    /// The ridge regularisation λ.
    public var lambda: Double
    /// σ: the reward noise level.
    public var noise: Double
    /// The confidence level δ.
    public var delta: Double
    /// S: a bound on ‖h‖.
    public var parameterBound: Double
    /// κ: the scale of the transient-bias term.
    public var transientScale: Double

    /// Parameters; the defaults suit the paper's reference system (ρ(A) = 0.2, σ = 0.01).
    public init(spectralRadiusBound: Double = 0.3, lambda: Double = 0.1, noise: Double = 0.01, delta: Double = 0.05, parameterBound: Double = 1, transientScale: Double = 1) {
      self.spectralRadiusBound = spectralRadiusBound
      self.lambda = lambda
      self.noise = noise
      self.delta = delta
      self.parameterBound = parameterBound
      self.transientScale = transientScale
    }
  }

  /// The hyperparameters.
  public let parameters: Parameters
  /// The number of actions.
  public let armCount: Int
  /// The ridge model of h from epoch-end rewards.
  public private(set) var model: RidgeModel
  /// The current epoch m (0 before the first).
  public private(set) var epoch = 0
  /// The action held in the current epoch.
  public private(set) var currentAction = 0
  @usableFromInline var remaining = 0
  @usableFromInline var features: [Double]
  @usableFromInline var row: [Double]

  /// DynLin-UCB over `armCount` actions of dimension `dimension`.
  /// - Precondition: `0 <= ρ̄ < 1`, `lambda > 0`, `0 < delta < 1`, non-negative scales.
  public init(armCount: Int, dimension: Int, parameters: Parameters = Parameters()) {
    let p = parameters
    precondition(p.spectralRadiusBound >= 0 && p.spectralRadiusBound < 1, "the spectral radius bound must be in [0, 1)")
    precondition(p.delta > 0 && p.delta < 1, "delta must be in (0, 1)")
    precondition(p.noise >= 0 && p.parameterBound >= 0 && p.transientScale >= 0, "scales must be non-negative")
    self.parameters = parameters
    self.armCount = armCount
    model = RidgeModel(dimension: dimension, lambda: p.lambda)
    features = Array(repeating: 0, count: armCount * dimension)
    row = Array(repeating: 0, count: dimension)
  }

  /// Lₘ = 1 + ⌊ln m / ln(1/ρ̄)⌋ (1 when ρ̄ = 0).
  public static func epochLength(_ m: Int, spectralRadiusBound rho: Double) -> Int {
    guard rho > 0, m > 1 else { return 1 }
    return 1 + Int((Double.log(Double(m)) / Double.log(1 / rho)).rounded(.down))
  }

  /// βₘ for epoch `m` with `maxNorm` = X.
  public func confidenceRadius(epoch m: Int, maxNorm x: Double) -> Double {
    let p = parameters, d = Double(model.dimension), mm = Double(m)
    let rho = p.spectralRadiusBound
    let lm = Self.epochLength(m, spectralRadiusBound: rho)
    let ofu = p.noise * (2 * Double.log(1 / p.delta) + d * Double.log(1 + mm * x * x / (p.lambda * d))).squareRoot()
    return ofu + p.lambda.squareRoot() * p.parameterBound + p.transientScale * Double.pow(rho, Double(lm)) * mm.squareRoot() / (1 - rho)
  }

  /// Holds the epoch's action, or starts a new epoch with the optimistic choice.
  public mutating func act(_ observation: [Float]) -> Int {
    if remaining > 0 { return currentAction }
    let d = model.dimension
    precondition(observation.count == armCount * d, "DynLin-UCB expects a \(armCount)×\(d) action matrix, got \(observation.count) numbers")
    epoch += 1
    remaining = Self.epochLength(epoch, spectralRadiusBound: parameters.spectralRadiusBound)
    var maxNorm = 0.0
    for i in 0..<features.count { features[i] = Double(observation[i]) }
    for a in 0..<armCount {
      var s = 0.0
      for j in 0..<d { s += features[a * d + j] * features[a * d + j] }
      maxNorm = Swift.max(maxNorm, s.squareRoot())
    }

    let beta = confidenceRadius(epoch: epoch, maxNorm: maxNorm)
    var best = 0, bestScore = -Double.infinity
    for a in 0..<armCount {
      for j in 0..<d { row[j] = features[a * d + j] }
      let (mean, variance) = row.withUnsafeBufferPointer { model.evaluate($0) }
      let score = mean + beta * variance.squareRoot()
      if score > bestScore {
        best = a
        bestScore = score
      }
    }
    currentAction = best
    return best
  }

  /// Counts down the epoch and learns from its last reward.
  public mutating func update(arm: Int, reward: Double) {
    remaining -= 1
    guard remaining == 0 else { return }
    let d = model.dimension
    for j in 0..<d { row[j] = features[currentAction * d + j] }
    row.withUnsafeBufferPointer { model.add($0, reward: reward) }
  }
}
