import GymCore
import RealModule

/// A Dynamical Linear Bandit (Mussi, Metelli, Restelli — ICML 2023): actions drive a hidden
/// linear state, so their effect on reward is delayed and spread out.
///
/// With hidden state x ∈ ℝⁿ (x₀ = 0) and the chosen action vector a ∈ ℝᵖ,
///
///     yₜ = 1ᵀ(C xₜ + D aₜ) + ηₜ,        xₜ₊₁ = A xₜ + B aₜ + ξₜ,
///
/// with η ~ N(0, σ²) and ξ ~ N(0, σₓ² I). The reward is yₜ. Holding an action constant drives a
/// stable system (ρ(A) < 1) to a steady state whose reward is h·a with the cumulative Markov
/// parameter h = Dᵀ1 + Bᵀ(I − A)⁻ᵀCᵀ1. The benchmark is the best *constant* action under h,
/// and the regret of a pull is h·a* − h·aₜ — computed from steady-state values, not rewards,
/// as in the paper's experiments.
///
/// The actions are a finite set of vectors; the observation is that K×p matrix (constant), so
/// linear learners can use it as arm features. The default instance (`DynamicalLinear-v0`) is
/// the paper's synthetic system: A = diag(0.2, 0, 0.1), B = diag(0.45, 0, 0.1),
/// C = diag(1, 0, 0.1), D = diag(0, 0.5, 0.1), the 6 ways to split a budget of 1.5 over three
/// channels capped at 1 ({1, 0.5, 0} permuted), σ = 0.01. There h = (0.5625, 0.5, 0.1111), the
/// best constant action is (1, 0.5, 0) with steady value 0.8125, while the first-step values
/// favour (0, 1, 0.5).
public struct DynamicalLinearBandit: ContextualBanditEnvironment, Sendable {
  public typealias Observation = [Float]

  /// State transition A (n×n, row-major).
  public let a: [Double]
  /// Action input B (n×p, row-major).
  public let b: [Double]
  /// State output C (m×n, row-major).
  public let c: [Double]
  /// Action output D (m×p, row-major).
  public let d: [Double]
  /// The state dimension n.
  public let stateDimension: Int
  /// The action dimension p.
  public let featureDimension: Int
  /// The number of outputs m (the reward sums them).
  public let outputCount: Int
  /// The action vectors, K×p row-major.
  public let actions: [Double]
  /// The reward noise's standard deviation σ.
  public let noise: Double
  /// The state noise's standard deviation σₓ.
  public let stateNoise: Double
  /// The cumulative Markov parameter h (p numbers).
  public let markovParameter: [Double]
  /// h·a for every action: the steady-state expected reward of holding it.
  public let steadyStateValues: [Double]
  /// The best constant action.
  public let bestAction: Int
  /// Pulls per episode.
  public let horizon: Int
  /// The generator of noise; reseeded by `reset(seed:)`.
  public var rng: GymRandom
  /// The hidden state.
  public private(set) var state: [Double]
  let features: [Float]
  @usableFromInline var _time = 0
  @usableFromInline var started = false

  public let observationSpace: Box<[Float]>
  public let actionSpace: Discrete

  /// A dynamical linear bandit.
  /// - Throws: `OptionError` when the shapes disagree, a number is not finite or I − A is
  ///   singular.
  /// - Parameters:
  ///   - a, b, c, d: the system matrices as rows.
  ///   - actions: the action vectors (p numbers each).
  ///   - noise: σ of the reward noise.
  ///   - stateNoise: σₓ of the state noise.
  public init(a: [[Double]], b: [[Double]], c: [[Double]], d: [[Double]], actions: [[Double]], noise: Double, stateNoise: Double = 0, horizon: Int, seed: UInt64? = nil) throws {
    let n = a.count
    guard n > 0, a.allSatisfy({ $0.count == n }) else { throw OptionError("A must be a non-empty square matrix, got \(a.count) rows of lengths \(a.map(\.count))") }
    guard b.count == n, let p = b.first?.count, p > 0, b.allSatisfy({ $0.count == p }) else {
      throw OptionError("B must have n = \(n) rows of equal non-zero length, got \(b.map(\.count))")
    }
    let m = c.count
    guard m > 0, c.allSatisfy({ $0.count == n }) else { throw OptionError("C must have rows of length n = \(n), got \(c.map(\.count))") }
    guard d.count == m, d.allSatisfy({ $0.count == p }) else { throw OptionError("D must have m = \(m) rows of length p = \(p), got \(d.map(\.count))") }
    guard !actions.isEmpty, actions.allSatisfy({ $0.count == p }) else { throw OptionError("every action must have p = \(p) entries, got \(actions.map(\.count))") }
    guard (a + b + c + d + actions).joined().allSatisfy(\.isFinite) else { throw OptionError("the system matrices and actions must be finite") }
    guard noise >= 0, stateNoise >= 0, noise.isFinite, stateNoise.isFinite else { throw OptionError("noise levels must be finite and non-negative") }
    guard horizon > 0 else { throw OptionError("the horizon must be positive, got \(horizon)") }
    // h = Dᵀ1 + Bᵀ z with (I − A)ᵀ z = Cᵀ1.
    var ct1 = [Double](repeating: 0, count: n)
    for i in 0..<m { for j in 0..<n { ct1[j] += c[i][j] } }
    var ia = [Double](repeating: 0, count: n * n)  // (I − A)ᵀ
    for i in 0..<n { for j in 0..<n { ia[j * n + i] = (i == j ? 1 : 0) - a[i][j] } }
    guard let z = Self.solve(ia, ct1, n: n) else { throw OptionError("I − A is singular: the system has no steady state") }
    var h = [Double](repeating: 0, count: p)
    for j in 0..<p {
      for i in 0..<m { h[j] += d[i][j] }
      for i in 0..<n { h[j] += b[i][j] * z[i] }
    }
    self.a = Array(a.joined())
    self.b = Array(b.joined())
    self.c = Array(c.joined())
    self.d = Array(d.joined())
    stateDimension = n
    featureDimension = p
    outputCount = m
    self.actions = Array(actions.joined())
    self.noise = noise
    self.stateNoise = stateNoise
    markovParameter = h
    let values = actions.map { act in zip(act, h).reduce(0) { $0 + $1.0 * $1.1 } }
    steadyStateValues = values
    var best = 0
    for i in values.indices where values[i] > values[best] { best = i }
    bestAction = best
    self.horizon = horizon
    rng = seed.map(GymRandom.init(seed:)) ?? .entropy()
    state = Array(repeating: 0, count: n)
    features = actions.joined().map { Float($0) }
    observationSpace = Box(low: -.infinity, high: .infinity, shape: [actions.count, p])
    actionSpace = Discrete(actions.count)
  }

  /// The paper's synthetic system (see the type's documentation) with reward noise `noise`.
  public static func reference(noise: Double = 0.01, horizon: Int, seed: UInt64? = nil) -> DynamicalLinearBandit {
    func diag(_ v: [Double]) -> [[Double]] { v.indices.map { i in v.indices.map { $0 == i ? v[i] : 0 } } }
    return try! DynamicalLinearBandit(
      a: diag([0.2, 0, 0.1]), b: diag([0.45, 0, 0.1]), c: diag([1, 0, 0.1]), d: diag([0, 0.5, 0.1]),
      actions: permutations(of: [1, 0.5, 0]), noise: noise, horizon: horizon, seed: seed)
  }

  /// The distinct orderings of `values`, in decreasing lexicographic order: for (1, 0.5, 0), the
  /// paper's six ways to split a budget of 1.5 over three channels capped at 1.
  public static func permutations(of values: [Double]) -> [[Double]] {
    func orderings(_ rest: [Double]) -> [[Double]] {
      if rest.count <= 1 { return [rest] }
      return rest.indices.flatMap { i in
        var others = rest
        let head = others.remove(at: i)
        return orderings(others).map { [head] + $0 }
      }
    }
    return Set(orderings(values)).sorted { $0.lexicographicallyPrecedes($1, by: >) }
  }

  /// Solves M x = r by Gaussian elimination with partial pivoting (M is n×n row-major).
  static func solve(_ matrix: [Double], _ rhs: [Double], n: Int) -> [Double]? {
    var m = matrix, r = rhs
    for col in 0..<n {
      var pivot = col
      for row in col..<n where abs(m[row * n + col]) > abs(m[pivot * n + col]) { pivot = row }
      guard abs(m[pivot * n + col]) > 1e-12 else { return nil }
      if pivot != col {
        for j in 0..<n { m.swapAt(col * n + j, pivot * n + j) }
        r.swapAt(col, pivot)
      }
      for row in (col + 1)..<n {
        let f = m[row * n + col] / m[col * n + col]
        if f == 0 { continue }
        for j in col..<n { m[row * n + j] -= f * m[col * n + j] }
        r[row] -= f * r[col]
      }
    }
    var x = [Double](repeating: 0, count: n)
    for row in stride(from: n - 1, through: 0, by: -1) {
      var s = r[row]
      for j in (row + 1)..<n { s -= m[row * n + j] * x[j] }
      x[row] = s / m[row * n + row]
    }
    return x
  }

  /// An estimate of the spectral radius ρ(A) as ‖A²⁵⁶‖^(1/256) (Gelfand's formula).
  public var spectralRadiusEstimate: Double {
    let n = stateDimension
    var p = a, logScale = 0.0
    for _ in 0..<8 {
      var q = [Double](repeating: 0, count: n * n)
      for i in 0..<n { for k in 0..<n where p[i * n + k] != 0 { for j in 0..<n { q[i * n + j] += p[i * n + k] * p[k * n + j] } } }
      let norm = q.reduce(0) { max($0, abs($1)) }
      if norm == 0 { return 0 }
      logScale = 2 * logScale + Double.log(norm)
      p = q.map { $0 / norm }
    }
    return Double.exp(logScale / 256)
  }

  public var armCount: Int { actions.count / featureDimension }
  public var time: Int { _time }
  public var currentObservation: [Float] { features }
  public var stationaryOptimalArm: Int? { bestAction }

  /// The reward the system pays on the first pull from the zero state: 1ᵀD a (the myopic value).
  public func immediateValue(of action: Int) -> Double {
    var y = 0.0
    for i in 0..<outputCount { for j in 0..<featureDimension { y += d[i * featureDimension + j] * actions[action * featureDimension + j] } }
    return y
  }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<[Float]> {
    try BanditOptions.rejectResetOptions(options, for: "DynamicalLinearBandit")
    if let seed { rng = GymRandom(seed: seed) }
    for i in state.indices { state[i] = 0 }
    _time = 0
    started = true
    return (features, [:])
  }

  public mutating func pull(_ arm: Int) -> BanditFeedback {
    checkPull(arm, armCount: armCount, time: _time, horizon: horizon, started: started)
    _time += 1
    let n = stateDimension, p = featureDimension
    var y = 0.0
    for i in 0..<outputCount {
      for j in 0..<n { y += c[i * n + j] * state[j] }
      for j in 0..<p { y += d[i * p + j] * actions[arm * p + j] }
    }
    withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { next in
      for i in 0..<n {
        var s = 0.0
        for j in 0..<n { s += a[i * n + j] * state[j] }
        for j in 0..<p { s += b[i * p + j] * actions[arm * p + j] }
        next[i] = stateNoise > 0 ? s + stateNoise * rng.normal() : s
      }
      for i in 0..<n { state[i] = next[i] }
    }
    let value = steadyStateValues[arm]
    return BanditFeedback(reward: y + noise * rng.normal(), expectedReward: value, regret: steadyStateValues[bestAction] - value, optimalArm: bestAction)
  }
}

extension DynamicalLinearBandit {
  /// From construction options: `noise`, `state_noise`, `horizon`, and optionally the system
  /// `A`, `B`, `C`, `D` (rows) with `actions` (rows) instead of the paper's reference system.
  public init(options: Options, defaultHorizon: Int) throws {
    let o = try BanditOptions(options, for: "DynamicalLinearBandit", allowed: ["A", "B", "C", "D", "actions", "noise", "state_noise", "horizon"])
    let reference = Self.reference(horizon: 1)
    func rows(_ flat: [Double], _ width: Int) -> [[Double]] { stride(from: 0, to: flat.count, by: width).map { Array(flat[$0..<($0 + width)]) } }
    let n = reference.stateDimension, p = reference.featureDimension
    try self.init(
      a: try o.matrix("A", default: rows(reference.a, n)), b: try o.matrix("B", default: rows(reference.b, p)),
      c: try o.matrix("C", default: rows(reference.c, n)), d: try o.matrix("D", default: rows(reference.d, p)),
      actions: try o.matrix("actions", default: rows(reference.actions, p)),
      noise: try o.double("noise", default: 0.01, in: 0...1e6), stateNoise: try o.double("state_noise", default: 0, in: 0...1e6),
      horizon: try o.int("horizon", default: defaultHorizon, in: 1...Int.max))
    if spectralRadiusEstimate >= 1 {
      throw OptionError("the system is not stable: the spectral radius of A is about \(JSON.formatDouble(spectralRadiusEstimate)); it must be below 1")
    }
  }
}
