import GymBox2D
import GymCore
import GymMultiObjective
import RealModule

/// Multi-objective LunarLander policies for MOME, on `mo-lunar-lander-continuous-v3` (or the
/// discrete `mo-lunar-lander-v3`).
///
/// - Policy: linear. Continuous: `action = tanh(W · observation)` with W a 2 × 8 matrix (16
///   parameters, row-major: main throttle, then lateral throttle). Discrete: `LunarLanderTask`'s
///   `argmax(W · observation)` with W 4 × 8 (32 parameters).
/// - Objectives (maximised), from the environment's four-objective return vector (outcome,
///   shaping, main fuel, side fuel): **landing** = outcome + shaping (±100 for resting or
///   crashing plus the potential gained — the scalar return without its fuel cost) and
///   **fuel** = main + side fuel (minus the throttle spent). Their mean over `seeds`.
/// - Measures, from the first seed's episode: `LunarLanderTask`'s touchdown x position and
///   y velocity (`LunarLanderTask.Touchdown`), over [−1, 1] × [−3, 0].
/// - Reference point: (−1000, −2·maxSteps) continuous, (−1000, −maxSteps) discrete, below
///   every achievable fuel and every landing seen (see `referencePoint`).
///
/// Episodes are deterministic given the seed, so `evaluate` is a pure function of W.
public struct MOLunarLanderTask: MOQDTask {
  /// Which lander the policy flies.
  public enum Control: String, Sendable, CaseIterable {
    /// `mo-lunar-lander-continuous-v3`, a tanh-linear policy.
    case continuous
    /// `mo-lunar-lander-v3`, an argmax-linear policy.
    case discrete
  }

  /// The lander's action kind.
  public let control: Control
  /// Environment seeds; each evaluation plays one episode per seed.
  public let seeds: [UInt64]
  /// The step limit per episode (MO-Gymnasium's 1,000).
  public let maxSteps: Int

  public var name: String { control == .continuous ? "mo-lunar-lander" : "mo-lunar-lander-discrete" }
  /// The registry id of the environment the task plays.
  public var environmentID: String { control == .continuous ? "mo-lunar-lander-continuous-v3" : "mo-lunar-lander-v3" }
  public var solutionDim: Int { control == .continuous ? 16 : 32 }
  public var objectiveDim: Int { 2 }
  public var measureRanges: [(Double, Double)] { [(-1, 1), (-3, 0)] }
  public var objectiveNames: [String] { ["landing (outcome + shaping)", "fuel (-main - side)"] }
  public var measureNames: [String] { ["touchdown x", "touchdown y velocity"] }
  /// (−1000, −fuel bound): fuel cannot fall below −2 per step (continuous: both engines at
  /// most 1) or −1 per step (discrete: one engine at full power) over `maxSteps` steps; landing
  /// is a crash (−100) plus the shaping lost, and −1000 lies far below any episode seen (the
  /// worst in our runs is about −720). The MO-RL reference points summed per objective
  /// (`MultiObjective.referencePoints`: −200 or −202 for fuel) would leave out the landings
  /// that burn more than 200 units, among them the best ones.
  public var referencePoint: [Double] { [-1000, -Double(maxSteps) * (control == .continuous ? 2 : 1)] }

  /// A multi-objective LunarLander task.
  /// - Throws: `QDError` for no seeds or a non-positive step limit.
  public init(control: Control = .continuous, seeds: [UInt64] = [52], maxSteps: Int = 1000) throws(QDError) {
    try QDError.require(!seeds.isEmpty, "MOLunarLanderTask needs at least one seed")
    try QDError.require(maxSteps > 0, "maxSteps must be positive, got \(maxSteps)")
    self.control = control
    self.seeds = seeds
    self.maxSteps = maxSteps
  }

  /// The continuous policy's action: `tanh(W · observation)`, both throttles in (−1, 1).
  @inlinable
  public static func action(weights w: UnsafePointer<Double>, observation o: SIMD8<Float>) -> SIMD2<Float> {
    var a = SIMD2<Float>()
    for k in 0..<2 {
      var v = 0.0
      for j in 0..<8 { v += w[k * 8 + j] * Double(o[j]) }
      a[k] = Float(Double.tanh(v))
    }
    return a
  }

  /// What one episode produced.
  public struct Episode: Sendable, Hashable {
    /// The undiscounted vector return: outcome, shaping, main fuel, side fuel.
    public var returns: [Double]
    /// Steps taken.
    public var steps: Int
    /// Touchdown x (`LunarLanderTask.Touchdown.x`).
    public var impactX: Double
    /// Touchdown y velocity (`LunarLanderTask.Touchdown.velocityY`).
    public var impactVelocityY: Double
    /// The task's objectives: landing (outcome + shaping) and fuel (main + side).
    public var objectives: [Double] { [returns[0] + returns[1], returns[2] + returns[3]] }
  }

  /// Plays one episode of the policy `weights` on environment seed `seed`.
  /// - Parameter onFrame: when given, receives a rendered frame after the reset and every step.
  public func play(weights: UnsafePointer<Double>, seed: UInt64, onFrame: ((Frame) -> Void)? = nil) -> Episode {
    switch control {
    case .continuous:
      episode(ContinuousThrusters.self, seed: seed, onFrame: onFrame) { Self.action(weights: weights, observation: $0) }
    case .discrete:
      episode(DiscreteThrusters.self, seed: seed, onFrame: onFrame) { LunarLanderTask.action(weights: weights, observation: $0) }
    }
  }

  func episode<C: LunarLanderControl>(
    _: C.Type, seed: UInt64, onFrame: ((Frame) -> Void)?, policy: (SIMD8<Float>) -> C.Action
  ) -> Episode {
    // Default arguments never throw; a failure here is a programming error.
    var env = MOLunarLander(try! LunarLander<C>(seed: seed))
    var obs = try! env.reset(seed: seed, options: [:]).observation
    onFrame?(env.base.render())
    var returns = [0.0, 0, 0, 0], steps = 0
    var touchdown = LunarLanderTask.Touchdown(start: obs)
    while steps < maxSteps {
      let r = env.step(policy(obs))
      obs = r.observation
      for k in 0..<4 { returns[k] += r.reward[k] }
      steps += 1
      onFrame?(env.base.render())
      touchdown.observe(obs)
      if r.terminated || r.truncated { break }
    }
    return Episode(returns: returns, steps: steps, impactX: touchdown.x, impactVelocityY: touchdown.velocityY)
  }

  public func evaluate(_ solution: UnsafePointer<Double>, objectives: UnsafeMutablePointer<Double>, measures: UnsafeMutablePointer<Double>) {
    objectives[0] = 0
    objectives[1] = 0
    for (i, seed) in seeds.enumerated() {
      let e = play(weights: solution, seed: seed)
      let o = e.objectives
      objectives[0] += o[0] / Double(seeds.count)
      objectives[1] += o[1] / Double(seeds.count)
      if i == 0 {
        measures[0] = e.impactX
        measures[1] = e.impactVelocityY
      }
    }
  }
}
