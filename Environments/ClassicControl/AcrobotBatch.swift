import CGymSupport
import GymCore

/// Acrobot's batched kernel: lanes of `Acrobot-v1` in structure-of-arrays storage.
///
/// Each lane integrates with `Acrobot.derivatives` in the single environment's RK4 scheme and
/// order of operations, taking `cos θ₂` and `sin θ₂` from one C-library `sincos` call (glibc's
/// `sin` and `cos`, bit for bit) and reusing the observation's sines and cosines for the
/// termination test and the next step's first derivative. Lane `i` after `reset(seed: s)`
/// follows `Acrobot` reset with seed `s + i` bit for bit, including the float32 start state
/// and its NumPy float32 observation. Options as `Acrobot`: `book_or_nips`,
/// `torque_noise_max`; reset options `low` / `high`.
public final class AcrobotBatch: BatchedKernel, @unchecked Sendable {
  // @unchecked: lanes are touched by one thread at a time (see `BatchedKernel`).
  public typealias Action = Int32

  /// `[cos θ₁, sin θ₁, cos θ₂, sin θ₂, θ̇₁, θ̇₂]`.
  public static var observationDimension: Int { 6 }
  public let capacity: Int
  public let singleObservationSpace = Acrobot(seed: 0).observationSpace
  public let singleActionSpace = Discrete(3)
  /// The dynamics variant.
  public let dynamics: Acrobot.Dynamics
  /// Uniform noise added to the torque, in [−max, max] (0: none).
  public let torqueNoiseMax: Double

  @usableFromInline let state: UnsafeMutablePointer<SIMD4<Double>>
  /// `cos θ₂` and `sin θ₂` of the current state.
  @usableFromInline let cos2: UnsafeMutablePointer<Double>
  @usableFromInline let sin2: UnsafeMutablePointer<Double>
  @usableFromInline let generators: UnsafeMutablePointer<NumPyGenerator>
  private let storage = BatchStorage()
  private var bounds = (low: -0.1, high: 0.1)

  /// Storage for `count` lanes.
  public init(count: Int, dynamics: Acrobot.Dynamics = .book, torqueNoiseMax: Double = 0) {
    capacity = BatchStorage.capacity(for: count)
    self.dynamics = dynamics
    self.torqueNoiseMax = torqueNoiseMax
    state = storage.array(capacity, .zero)
    cos2 = storage.array(capacity, 1)
    sin2 = storage.array(capacity, 0)
    generators = NumPyGenerator.lanes(capacity, in: storage)
  }

  /// A kernel from construction options (as `Acrobot(options:)`).
  public convenience init(count: Int, options: Options) throws {
    let single = try Acrobot(options: options)
    self.init(count: count, dynamics: single.dynamics, torqueNoiseMax: single.torqueNoiseMax)
  }

  public static func laneAction(_ action: Int) -> Int32 { Int32(action) }

  public func configureReset(options: Options) throws {
    try OptionParsing.checkKeys(options, allowed: ["high", "low"], what: "reset option for a batched Acrobot")
    bounds = try OptionParsing.resetBounds(options, defaultLow: -0.1, defaultHigh: 0.1)
  }

  public func seed(lane: Int, seed: UInt64) { generators[lane] = NumPyGenerator(seed: seed) }

  public func resetLane(_ i: Int) {
    for k in 0..<4 { state[i][k] = Double(Float(generators[i].uniform(low: bounds.low, high: bounds.high))) }
    cgym_sincos(state[i][1], sin2 + i, cos2 + i)
  }

  /// Writes the observation of a freshly reset lane (float32 state: NumPy's float32 `cos`/`sin`).
  public func writeObservation(lane i: Int, into out: UnsafeMutablePointer<Float>) {
    let t1 = Float(state[i][0]), t2 = Float(state[i][1])
    out[0] = NumPyFloat32Math.cos(t1)
    out[1] = NumPyFloat32Math.sin(t1)
    out[2] = NumPyFloat32Math.cos(t2)
    out[3] = NumPyFloat32Math.sin(t2)
    out[4] = Float(state[i][2])
    out[5] = Float(state[i][3])
  }

  public func step(lanes: Range<Int>, actions: UnsafePointer<Int32>, buffers: BatchBuffers) -> Int {
    let h = Acrobot.dt, half = Acrobot.dt / 2, dynamics = self.dynamics
    let v1 = Acrobot.maxVelocity1, v2 = Acrobot.maxVelocity2
    let resetsNow = buffers.autoresetMode == .nextStep
    var finished = 0
    var base = lanes.lowerBound
    while base < lanes.upperBound {
      let width = Swift.min(8, lanes.upperBound - base)
      var terminated: UInt64 = 0
      for lane in 0..<width {
        let i = base + lane
        // A lane that ended on the previous step is reset by `finishChunk` instead of stepped
        // (next-step autoreset): skip it, so that it draws no torque noise from its generator.
        if resetsNow && buffers.pending[i] { continue }
        let action = Int(actions[i - lanes.lowerBound])
        precondition(action >= 0 && action < 3, "Acrobot actions must be 0, 1 or 2")
        var torque = Double(action - 1)
        if torqueNoiseMax > 0 { torque += generators[i].uniform(low: -torqueNoiseMax, high: torqueNoiseMax) }
        let s = state[i]
        var c = 0.0, sn = 0.0
        let k1 = Acrobot.derivatives(s, torque: torque, dynamics: dynamics, cos2: cos2[i], sin2: sin2[i])
        let s2 = s + half * k1
        cgym_sincos(s2[1], &sn, &c)
        let k2 = Acrobot.derivatives(s2, torque: torque, dynamics: dynamics, cos2: c, sin2: sn)
        let s3 = s + half * k2
        cgym_sincos(s3[1], &sn, &c)
        let k3 = Acrobot.derivatives(s3, torque: torque, dynamics: dynamics, cos2: c, sin2: sn)
        let s4 = s + h * k3
        cgym_sincos(s4[1], &sn, &c)
        let k4 = Acrobot.derivatives(s4, torque: torque, dynamics: dynamics, cos2: c, sin2: sn)
        var next = s + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
        next[0] = Acrobot.wrap(next[0])
        next[1] = Acrobot.wrap(next[1])
        next[2] = Swift.min(Swift.max(next[2], -v1), v1)
        next[3] = Swift.min(Swift.max(next[3], -v2), v2)
        state[i] = next
        var c1 = 0.0, s1 = 0.0
        cgym_sincos(next[0], &s1, &c1)
        cgym_sincos(next[1], sin2 + i, cos2 + i)
        let done = -c1 - Double.cos(next[1] + next[0]) > 1
        buffers.rewards[i] = done ? 0 : -1
        let row = buffers.observations + 6 * i
        row[0] = Float(c1)
        row[1] = Float(s1)
        row[2] = Float(cos2[i])
        row[3] = Float(sin2[i])
        row[4] = Float(next[2])
        row[5] = Float(next[3])
        if done { terminated |= 1 << (UInt64(lane) * 8) }
      }
      finished += buffers.finishChunk(self, base: base, limit: lanes.upperBound, terminated: terminated)
      base += 8
    }
    return finished
  }
}
