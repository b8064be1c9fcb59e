import GymCore

/// A Weighted Tallying Bandit (Malik, Igoe, Li, Singh — ICML 2023): the loss of an action
/// depends on a weighted count of how often it was played in the last m rounds.
///
/// At time t the tally of arm i is τᵢ = Σₛ₌₁…ₘ wₛ·1[aₜ₋ₛ = i], between 0 and W = Σ wₛ, and
/// pulling i has expected loss fᵢ(τᵢ) = freshᵢ + (saturatedᵢ − freshᵢ)·τᵢ / W: the loss after a
/// long pause is `freshᵢ`, after repeated exposure `saturatedᵢ`. The observed loss is
/// Bernoulli(fᵢ(τᵢ)) and the reward is 1 − loss, so learners maximise reward as everywhere else.
///
/// Regret is *complete policy regret* under the paper's Repeated Exposure Optimality (REO)
/// assumption: the benchmark repeats the arm with the smallest saturated loss L*, and the regret
/// of a pull is fₐ(τₐ) − L* (negative on a single pull when a rested arm is momentarily cheap;
/// the sum is the policy regret up to the O(m) warm-up of the benchmark). `optimalAverageLoss()`
/// computes the best long-run average loss of *any* action sequence exactly, to check REO.
///
/// The default instance (`WeightedTallying-3-v0`): m = 5 with decaying weights wₛ = 0.7ˢ⁻¹ and
/// three arms — "practice" (0.5 → 0.2, better with repetition, REO-optimal), "boredom"
/// (0.1 → 0.4, cheap when rested, which lures myopic learners) and a constant 0.35.
/// The observation is always `0`.
public struct WeightedTallyingBandit: BanditEnvironment, Sendable {
  public typealias Observation = Int

  /// Memory weights w₁…wₘ (w₁ applies to the previous round).
  public let weights: [Double]
  /// Each arm's expected loss with tally 0.
  public let freshLoss: [Double]
  /// Each arm's expected loss with a saturated tally W.
  public let saturatedLoss: [Double]
  /// Pulls per episode.
  public let horizon: Int
  /// The generator of losses; reseeded by `reset(seed:)`.
  public var rng: GymRandom
  /// The REO-optimal arm: the smallest saturated loss (lowest index among ties).
  public let reoArm: Int
  @usableFromInline var history: [Int]
  @usableFromInline var _time = 0
  @usableFromInline var started = false

  public let observationSpace = Discrete(1)
  public let actionSpace: Discrete

  /// A weighted tallying bandit.
  /// - Precondition: at least one positive weight, all weights ≥ 0; `freshLoss` and
  ///   `saturatedLoss` of equal non-zero length with entries in [0, 1]; `horizon > 0`.
  public init(weights: [Double], freshLoss: [Double], saturatedLoss: [Double], horizon: Int, seed: UInt64? = nil) {
    precondition(!weights.isEmpty && weights.allSatisfy { $0 >= 0 } && weights.contains { $0 > 0 }, "weights must be non-negative with at least one positive")
    precondition(!freshLoss.isEmpty && freshLoss.count == saturatedLoss.count, "give a fresh and a saturated loss for every arm")
    precondition((freshLoss + saturatedLoss).allSatisfy { $0 >= 0 && $0 <= 1 }, "losses must lie in [0, 1]")
    precondition(horizon > 0, "the horizon must be positive")
    self.weights = weights
    self.freshLoss = freshLoss
    self.saturatedLoss = saturatedLoss
    self.horizon = horizon
    var best = 0
    for i in saturatedLoss.indices where saturatedLoss[i] < saturatedLoss[best] { best = i }
    reoArm = best
    history = Array(repeating: -1, count: weights.count)
    rng = seed.map(GymRandom.init(seed:)) ?? .entropy()
    actionSpace = Discrete(freshLoss.count)
  }

  /// The default instance's parameters: weights 0.7ˢ⁻¹ for s = 1…5; fresh and saturated losses.
  public static let defaultWeights = (0..<5).map { (0..<$0).reduce(1.0) { r, _ in r * 0.7 } }
  /// The default instance's fresh losses.
  public static let defaultFreshLoss = [0.5, 0.1, 0.35]
  /// The default instance's saturated losses.
  public static let defaultSaturatedLoss = [0.2, 0.4, 0.35]

  public var armCount: Int { freshLoss.count }
  public var time: Int { _time }
  public var currentObservation: Int { 0 }
  public var stationaryOptimalArm: Int? { reoArm }
  /// The memory length m.
  public var memory: Int { weights.count }
  /// L*: the REO arm's saturated loss.
  public var benchmarkLoss: Double { saturatedLoss[reoArm] }

  /// The expected loss of `arm` given the last plays (`history[0]` is the previous round).
  public static func loss(of arm: Int, history: some Collection<Int>, weights: [Double], fresh: Double, saturated: Double) -> Double {
    var tally = 0.0, total = 0.0
    for (s, a) in zip(weights.indices, history) where a == arm { tally += weights[s] }
    for w in weights { total += w }
    return fresh + (saturated - fresh) * tally / total
  }

  /// The expected loss of `arm` now.
  public func expectedLoss(of arm: Int) -> Double {
    Self.loss(of: arm, history: history, weights: weights, fresh: freshLoss[arm], saturated: saturatedLoss[arm])
  }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Int> {
    try BanditOptions.rejectResetOptions(options, for: "WeightedTallyingBandit")
    if let seed { rng = GymRandom(seed: seed) }
    for s in history.indices { history[s] = -1 }
    _time = 0
    started = true
    return (0, [:])
  }

  public mutating func pull(_ arm: Int) -> BanditFeedback {
    checkPull(arm, armCount: armCount, time: _time, horizon: horizon, started: started)
    _time += 1
    let loss = expectedLoss(of: arm)
    for s in stride(from: history.count - 1, to: 0, by: -1) { history[s] = history[s - 1] }
    history[0] = arm
    let observedLoss: Double = rng.nextDouble() < loss ? 1 : 0
    return BanditFeedback(reward: 1 - observedLoss, expectedReward: 1 - loss, regret: loss - benchmarkLoss, optimalArm: reoArm)
  }

  /// The smallest long-run average expected loss of any action sequence, computed exactly as
  /// the minimum mean cycle (Karp's algorithm) of the graph whose states are the last m actions;
  /// `nil` when that graph has more than `maxStates` states.
  ///
  /// Equal to `benchmarkLoss` exactly when the instance satisfies REO.
  /// - Complexity: O(S²·K) time and O(S²) memory with S = Kᵐ states.
  public func optimalAverageLoss(maxStates: Int = 2_500) -> Double? {
    let k = armCount, m = memory
    var states = 1
    for _ in 0..<m {
      states *= k
      if states > maxStates { return nil }
    }
    // State index: digits (a₁, …, aₘ) in base k, a₁ (the previous action) least significant.
    func digits(_ s: Int) -> [Int] {
      var out = [Int](), x = s
      for _ in 0..<m { out.append(x % k); x /= k }
      return out
    }
    var cost = [Double](repeating: 0, count: states * k)
    var next = [Int](repeating: 0, count: states * k)
    for s in 0..<states {
      let h = digits(s)
      for a in 0..<k {
        cost[s * k + a] = Self.loss(of: a, history: h, weights: weights, fresh: freshLoss[a], saturated: saturatedLoss[a])
        next[s * k + a] = (s * k + a) % states
      }
    }
    let n = states
    var d = [Double](repeating: .infinity, count: (n + 1) * n)
    for v in 0..<n { d[v] = 0 }
    for step in 1...n {
      for s in 0..<n where d[(step - 1) * n + s] < .infinity {
        let base = d[(step - 1) * n + s]
        for a in 0..<k {
          let v = next[s * k + a], c = base + cost[s * k + a]
          if c < d[step * n + v] { d[step * n + v] = c }
        }
      }
    }
    var best = Double.infinity
    for v in 0..<n where d[n * n + v] < .infinity {
      var worst = -Double.infinity
      for step in 0..<n where d[step * n + v] < .infinity {
        worst = max(worst, (d[n * n + v] - d[step * n + v]) / Double(n - step))
      }
      best = min(best, worst)
    }
    return best
  }
}

extension WeightedTallyingBandit {
  /// From construction options: `weights`, `fresh_loss`, `saturated_loss` and `horizon`.
  public init(options: Options, defaultHorizon: Int) throws {
    let o = try BanditOptions(options, for: "WeightedTallyingBandit", allowed: ["weights", "fresh_loss", "saturated_loss", "horizon"])
    let weights = try o.doubles("weights", default: Self.defaultWeights, in: 0...1e6)
    guard weights.contains(where: { $0 > 0 }) else { throw OptionError("option 'weights' for WeightedTallyingBandit needs at least one positive weight") }
    let fresh = try o.doubles("fresh_loss", default: Self.defaultFreshLoss, in: 0...1)
    let saturated = try o.doubles("saturated_loss", default: Self.defaultSaturatedLoss, in: 0...1, count: fresh.count)
    self.init(weights: weights, freshLoss: fresh, saturatedLoss: saturated, horizon: try o.int("horizon", default: defaultHorizon, in: 1...Int.max))
  }
}
