import GymBox2D
import GymCore
import RealModule

/// Illuminating BipedalWalker gaits: a linear policy `action = tanh(W · observation)` with W a
/// 4 × 24 matrix (96 parameters, row-major: one row per motor), scored by its episode return.
///
/// - Objective: the undiscounted return of one episode on each of `seeds` (their mean), capped
///   at `maxSteps` steps (Gymnasium's 1,600).
/// - Measures, from the first seed's episode: the fraction of steps each leg touched the
///   ground (observation entries 8 and 13), in [0, 1] — QDax's "feet contact" descriptor.
/// - QD-score offset −200 (a fall costs −100 plus the torque spent).
///
/// Episodes are deterministic given the seed, so `evaluate` is a pure function of W.
public struct BipedalWalkerTask: QDTask {
  /// Environment seeds; each evaluation plays one episode per seed.
  public let seeds: [UInt64]
  /// The step limit per episode.
  public let maxSteps: Int

  public var name: String { "bipedal-walker" }
  public var solutionDim: Int { 96 }
  public var measureRanges: [(Double, Double)] { [(0, 1), (0, 1)] }
  public var qdScoreOffset: Double { -200 }
  public var objectiveRange: ClosedRange<Double>? { -150...300 }

  /// A BipedalWalker task.
  /// - Throws: `QDError` for no seeds or a non-positive step limit.
  public init(seeds: [UInt64] = [0], maxSteps: Int = 1600) throws(QDError) {
    try QDError.require(!seeds.isEmpty, "BipedalWalkerTask needs at least one seed")
    try QDError.require(maxSteps > 0, "maxSteps must be positive, got \(maxSteps)")
    self.seeds = seeds
    self.maxSteps = maxSteps
  }

  /// The policy's action: `tanh(W · observation)`, each motor in (−1, 1).
  @inlinable
  public static func action(weights w: UnsafePointer<Double>, observation o: [Float]) -> SIMD4<Float> {
    var a = SIMD4<Float>()
    for m in 0..<4 {
      var v = 0.0
      for j in 0..<24 { v += w[m * 24 + j] * Double(o[j]) }
      a[m] = Float(Double.tanh(v))
    }
    return a
  }

  /// What one episode produced.
  public struct Episode: Sendable, Hashable {
    /// The undiscounted return.
    public var totalReward: Double
    /// Steps taken.
    public var steps: Int
    /// The fraction of steps each leg touched the ground.
    public var contact: (Double, Double)

    public static func == (a: Self, b: Self) -> Bool {
      a.totalReward == b.totalReward && a.steps == b.steps && a.contact == b.contact
    }
    public func hash(into h: inout Hasher) {
      h.combine(totalReward)
      h.combine(steps)
      h.combine(contact.0)
      h.combine(contact.1)
    }
  }

  /// Plays one episode of the policy `weights` on environment seed `seed`.
  /// - Parameter onStep: called after reset and every step with the environment.
  public func play(weights: UnsafePointer<Double>, seed: UInt64, onStep: (BipedalWalker) -> Void = { _ in }) -> Episode {
    let env = BipedalWalker(seed: seed)
    // No options: reset cannot fail.
    var obs = try! env.reset(seed: seed, options: [:]).observation
    onStep(env)
    var total = 0.0, steps = 0, left = 0, right = 0
    while steps < maxSteps {
      let r = env.step(Self.action(weights: weights, observation: obs))
      obs = r.observation
      total += r.reward
      steps += 1
      onStep(env)
      if obs[8] > 0 { left += 1 }
      if obs[13] > 0 { right += 1 }
      if r.terminated || r.truncated { break }
    }
    return Episode(totalReward: total, steps: steps, contact: (Double(left) / Double(steps), Double(right) / Double(steps)))
  }

  public func evaluate(_ solution: UnsafePointer<Double>, measures: UnsafeMutablePointer<Double>) -> Double {
    var sum = 0.0
    for (i, seed) in seeds.enumerated() {
      let e = play(weights: solution, seed: seed)
      sum += e.totalReward
      if i == 0 {
        measures[0] = e.contact.0
        measures[1] = e.contact.1
      }
    }
    return sum / Double(seeds.count)
  }
}
