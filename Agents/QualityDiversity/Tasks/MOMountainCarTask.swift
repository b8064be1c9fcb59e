import GymClassicControl
import GymCore
import GymMultiObjective
import RealModule

/// Multi-objective mountain-car policies for MOME, on `mo-mountaincarcontinuous-v0`.
///
/// - Policy: `force = tanh(w₀·p̂ + w₁·v̂ + w₂)`, 3 parameters, on the observation scaled to
///   [−1, 1] by its box (p̂ = (p + 0.3) / 0.9, v̂ = v / 0.07).
/// - Objectives (maximised): the environment's vector return, **time** (−1 per step, 0 on the
///   step that reaches the flag) and **fuel** (−force² per step), their mean over `seeds`;
///   episodes end at the flag or after `maxSteps` steps (MO-Gymnasium's 999).
/// - Measures, from the first seed's episode: the leftmost position reached, in [−1.2, −0.4]
///   (how far back the car swings), and the highest speed |v|, in [0, 0.07].
/// - Reference point: the environment's stored one, (−1000, −1000).
///
/// Episodes are deterministic given the seed (it draws the start position), so `evaluate` is
/// a pure function of the weights.
public struct MOMountainCarTask: MOQDTask {
  /// Environment seeds; each evaluation plays one episode per seed.
  public let seeds: [UInt64]
  /// The step limit per episode.
  public let maxSteps: Int

  public var name: String { "mo-mountaincar-continuous" }
  /// The registry id of the environment the task plays.
  public var environmentID: String { "mo-mountaincarcontinuous-v0" }
  public var solutionDim: Int { 3 }
  public var objectiveDim: Int { 2 }
  public var measureRanges: [(Double, Double)] { [(-1.2, -0.4), (0, 0.07)] }
  public var objectiveNames: [String] { ["time (-steps)", "fuel (-sum of force^2)"] }
  public var measureNames: [String] { ["leftmost position", "highest speed"] }
  public var referencePoint: [Double] { MultiObjective.referencePoints[environmentID]! }

  /// A multi-objective mountain-car task.
  /// - Throws: `QDError` for no seeds or a non-positive step limit.
  public init(seeds: [UInt64] = [0], maxSteps: Int = 999) throws(QDError) {
    try QDError.require(!seeds.isEmpty, "MOMountainCarTask needs at least one seed")
    try QDError.require(maxSteps > 0, "maxSteps must be positive, got \(maxSteps)")
    self.seeds = seeds
    self.maxSteps = maxSteps
  }

  /// The policy's force for an observation, in (−1, 1).
  @inlinable
  public static func force(weights w: UnsafePointer<Double>, observation o: SIMD2<Float>) -> Float {
    let p = (Double(o[0]) + 0.3) / 0.9, v = Double(o[1]) / 0.07
    return Float(Double.tanh(w[0] * p + w[1] * v + w[2]))
  }

  /// What one episode produced.
  public struct Episode: Sendable, Hashable {
    /// The undiscounted vector return: time, fuel.
    public var returns: [Double]
    /// Steps taken.
    public var steps: Int
    /// Whether the car reached the flag.
    public var reachedGoal: Bool
    /// The leftmost position reached (the start included).
    public var leftmost: Double
    /// The highest |velocity| reached.
    public var topSpeed: Double
  }

  /// Plays one episode of the policy `weights` on environment seed `seed`.
  /// - Parameter onFrame: when given, receives a rendered frame after the reset and every step.
  public func play(weights: UnsafePointer<Double>, seed: UInt64, onFrame: ((Frame) -> Void)? = nil) -> Episode {
    var env = MOMountainCarContinuous(seed: seed)
    // Default options never throw; a failure here is a programming error.
    var obs = try! env.reset(seed: seed, options: [:]).observation
    onFrame?(env.base.render())
    var returns = [0.0, 0], steps = 0, reached = false
    var leftmost = Double(obs[0]), topSpeed = abs(Double(obs[1]))
    while steps < maxSteps {
      let r = env.step([Self.force(weights: weights, observation: obs)])
      obs = r.observation
      returns[0] += r.reward[0]
      returns[1] += r.reward[1]
      steps += 1
      onFrame?(env.base.render())
      leftmost = min(leftmost, Double(obs[0]))
      topSpeed = max(topSpeed, abs(Double(obs[1])))
      if r.terminated { reached = true }
      if r.terminated || r.truncated { break }
    }
    return Episode(returns: returns, steps: steps, reachedGoal: reached, leftmost: leftmost, topSpeed: topSpeed)
  }

  public func evaluate(_ solution: UnsafePointer<Double>, objectives: UnsafeMutablePointer<Double>, measures: UnsafeMutablePointer<Double>) {
    objectives[0] = 0
    objectives[1] = 0
    for (i, seed) in seeds.enumerated() {
      let e = play(weights: solution, seed: seed)
      objectives[0] += e.returns[0] / Double(seeds.count)
      objectives[1] += e.returns[1] / Double(seeds.count)
      if i == 0 {
        measures[0] = e.leftmost
        measures[1] = e.topSpeed
      }
    }
  }
}
