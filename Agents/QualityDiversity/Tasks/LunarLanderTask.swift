import GymBox2D
import GymCore

/// Illuminating LunarLander policies (pyribs' lunar-lander tutorial): a linear policy
/// `action = argmax(W · observation)` with W a 4 × 8 matrix (32 parameters, row-major: one row
/// per action), scored by its episode return.
///
/// - Objective: the undiscounted return of one episode on each of `seeds` (their mean), capped
///   at `maxSteps` steps (Gymnasium's 1,000-step limit).
/// - Measures, from the first seed's episode: the x position and the y velocity (observation
///   entries 0 and 3) at the first step a leg touches the ground; if no leg ever does, the last
///   x position and the most negative y velocity. Archive box: x ∈ [−1, 1], vy ∈ [−3, 0].
/// - QD-score offset −600 (the tutorial's), so every elite counts non-negatively.
///
/// Episodes are deterministic given the seed, so `evaluate` is a pure function of W and a run
/// is identical at any thread count.
public struct LunarLanderTask: QDTask {
  /// Environment seeds; each evaluation plays one episode per seed.
  public let seeds: [UInt64]
  /// The step limit per episode.
  public let maxSteps: Int

  public var name: String { "lunar-lander" }
  public var solutionDim: Int { 32 }
  public var measureRanges: [(Double, Double)] { [(-1, 1), (-3, 0)] }
  public var qdScoreOffset: Double { -600 }
  public var objectiveRange: ClosedRange<Double>? { -300...300 }

  /// A LunarLander task.
  /// - Parameters:
  ///   - seeds: environment seeds (the tutorial uses `[52]`).
  ///   - maxSteps: steps per episode.
  /// - Throws: `QDError` for no seeds or a non-positive step limit.
  public init(seeds: [UInt64] = [52], maxSteps: Int = 1000) throws(QDError) {
    try QDError.require(!seeds.isEmpty, "LunarLanderTask needs at least one seed")
    try QDError.require(maxSteps > 0, "maxSteps must be positive, got \(maxSteps)")
    self.seeds = seeds
    self.maxSteps = maxSteps
  }

  /// The policy's action for an observation: the row of `weights` with the largest dot product
  /// (the lowest index on ties, as NumPy's `argmax`).
  @inlinable
  public static func action(weights w: UnsafePointer<Double>, observation o: SIMD8<Float>) -> Int {
    var best = 0, bestValue = -Double.infinity
    for a in 0..<4 {
      var v = 0.0
      for j in 0..<8 { v += w[a * 8 + j] * Double(o[j]) }
      if v > bestValue { best = a; bestValue = v }
    }
    return best
  }

  /// What one episode produced.
  public struct Episode: Sendable, Hashable {
    /// The undiscounted return.
    public var totalReward: Double
    /// Steps taken.
    public var steps: Int
    /// x position at first leg contact (else the last x).
    public var impactX: Double
    /// y velocity at first leg contact (else the most negative y velocity seen).
    public var impactVelocityY: Double
  }

  /// Plays one episode of the policy `weights` on environment seed `seed`.
  /// - Parameter onStep: called after every step with the environment (to render frames).
  public func play(
    weights: UnsafePointer<Double>, seed: UInt64, onStep: (LunarLander<DiscreteThrusters>) -> Void = { _ in }
  ) -> Episode {
    // Default arguments never throw; a failure here is a programming error.
    let env = try! LunarLander<DiscreteThrusters>(seed: seed)
    var obs = try! env.reset(seed: seed, options: [:]).observation
    onStep(env)
    var total = 0.0, steps = 0
    var touchdown = Touchdown(start: obs)
    while steps < maxSteps {
      let r = env.step(Self.action(weights: weights, observation: obs))
      obs = r.observation
      total += r.reward
      steps += 1
      onStep(env)
      touchdown.observe(obs)
      if r.terminated || r.truncated { break }
    }
    return Episode(totalReward: total, steps: steps, impactX: touchdown.x, impactVelocityY: touchdown.velocityY)
  }

  /// The task's measures, followed through an episode: the x position and y velocity at the
  /// first step a leg touches the ground; if none ever does, the last x position and the most
  /// negative y velocity seen. (`MOLunarLanderTask` measures its episodes the same way.)
  public struct Touchdown: Sendable {
    var impact: (x: Double, vy: Double)?
    var lowestVY = Double.infinity
    var lastX: Double

    /// Starts following an episode at its reset observation.
    public init(start: SIMD8<Float>) { lastX = Double(start[0]) }

    /// Takes the observation after a step.
    public mutating func observe(_ obs: SIMD8<Float>) {
      lastX = Double(obs[0])
      lowestVY = min(lowestVY, Double(obs[3]))
      if impact == nil && (obs[6] > 0 || obs[7] > 0) { impact = (Double(obs[0]), Double(obs[3])) }
    }

    /// The first measure: touchdown x (else the last x).
    public var x: Double { impact?.x ?? lastX }
    /// The second measure: touchdown y velocity (else the most negative y velocity seen).
    public var velocityY: Double { impact?.vy ?? lowestVY }
  }

  public func evaluate(_ solution: UnsafePointer<Double>, measures: UnsafeMutablePointer<Double>) -> Double {
    var sum = 0.0
    for (i, seed) in seeds.enumerated() {
      let e = play(weights: solution, seed: seed)
      sum += e.totalReward
      if i == 0 {
        measures[0] = e.impactX
        measures[1] = e.impactVelocityY
      }
    }
    return sum / Double(seeds.count)
  }

  /// The mean return of the policy `weights` over `seeds` (for checking an elite on seeds it
  /// was not selected on).
  public func meanReturn(weights: [Double], seeds: [UInt64]) -> Double {
    precondition(weights.count == solutionDim, "weights has \(weights.count) values, the policy \(solutionDim)")
    return weights.withUnsafeBufferPointer { w in
      seeds.reduce(0.0) { $0 + play(weights: w.baseAddress!, seed: $1).totalReward } / Double(max(seeds.count, 1))
    }
  }

  /// Picks the elite that generalises best: the `candidates` elites with the highest
  /// objectives are replayed on `validationSeeds`, and the one with the highest mean return
  /// wins (ties: the higher objective). An elite chosen on the search seed alone is usually
  /// over-fitted to that one terrain; validating on other seeds, then testing on yet others,
  /// gives an honest estimate.
  /// - Parameters:
  ///   - threads: episodes run on this many threads; the choice is the same at any count.
  /// - Returns: the elite and its validation mean, or nil for an empty archive.
  /// - Complexity: `min(candidates, elites) × validationSeeds.count` episodes.
  public func mostGeneral(
    in archive: Archive, candidates: Int, validationSeeds: [UInt64], threads: Int = 1
  ) -> (elite: Elite, validationReturn: Double)? {
    let ranked = archive.elites.sorted { $0.objective != $1.objective ? $0.objective > $1.objective : $0.cell < $1.cell }
    let pool = Array(ranked.prefix(max(candidates, 1)))
    guard !pool.isEmpty else { return nil }
    var means = [Double](repeating: 0, count: pool.count)
    means.withUnsafeMutableBufferPointer { buffer in
      let out = SendableMutablePointer(buffer.baseAddress!)
      Parallel.forEach(count: pool.count, threads: threads) { i in
        out.pointer[i] = meanReturn(weights: pool[i].solution, seeds: validationSeeds)
      }
    }
    var best = 0
    for i in 1..<pool.count where means[i] > means[best] { best = i }
    return (pool[best], means[best])
  }
}
