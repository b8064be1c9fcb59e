import CGymSupport
import GymCore

/// Acrobot's batched kernel: lanes of `Acrobot-v1` in structure-of-arrays storage.
///
/// Eight lanes at a time integrate `Acrobot.derivatives`' equations on `SIMD8<Double>` with
/// the single environment's RK4 scheme and order of operations, taking sines and cosines from
/// `LaneTrig.sinCos` (within 2 ulp of the C library's), `cos(θ₁ − π/2)` as `sin θ₁` and
/// `cos(θ₁ + θ₂ − π/2)` as `sin θ₁ cos θ₂ + cos θ₁ sin θ₂`, and plain squares: not bit-exact
/// with Gymnasium, but within 1e-5 relative of the single environment (`Acrobot`, which is
/// bit-exact) per step over a short horizon, with the same terminations, as
/// `Tests/GymClassicControlTests/BatchedKernelTests.swift` checks. The observation's sines and
/// cosines are kept for the termination test and the next step's first derivative. Lane `i`
/// after `reset(seed: s)` starts where `Acrobot` reset with seed `s + i` starts, bit for bit,
/// including the float32 start state and its NumPy float32 observation. Options as `Acrobot`:
/// `book_or_nips`, `torque_noise_max`; reset options `low` / `high`.
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

  /// The state `(θ₁, θ₂, θ̇₁, θ̇₂)`, one array per variable.
  @usableFromInline let theta1: UnsafeMutablePointer<Double>
  @usableFromInline let theta2: UnsafeMutablePointer<Double>
  @usableFromInline let dtheta1: UnsafeMutablePointer<Double>
  @usableFromInline let dtheta2: UnsafeMutablePointer<Double>
  /// Sines and cosines of the current angles.
  @usableFromInline let sin1: UnsafeMutablePointer<Double>
  @usableFromInline let cos1: UnsafeMutablePointer<Double>
  @usableFromInline let sin2: UnsafeMutablePointer<Double>
  @usableFromInline let cos2: UnsafeMutablePointer<Double>
  @usableFromInline let generators: UnsafeMutablePointer<NumPyGenerator>
  private let storage = BatchStorage()
  private var bounds = (low: -0.1, high: 0.1)

  /// Storage for `count` lanes.
  public init(count: Int, dynamics: Acrobot.Dynamics = .book, torqueNoiseMax: Double = 0) {
    capacity = BatchStorage.capacity(for: count)
    self.dynamics = dynamics
    self.torqueNoiseMax = torqueNoiseMax
    theta1 = storage.array(capacity, 0)
    theta2 = storage.array(capacity, 0)
    dtheta1 = storage.array(capacity, 0)
    dtheta2 = storage.array(capacity, 0)
    sin1 = storage.array(capacity, 0)
    cos1 = storage.array(capacity, 1)
    sin2 = storage.array(capacity, 0)
    cos2 = storage.array(capacity, 1)
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
    var draws = SIMD4<Double>()
    for k in 0..<4 { draws[k] = Double(Float(generators[i].uniform(low: bounds.low, high: bounds.high))) }
    theta1[i] = draws[0]
    theta2[i] = draws[1]
    dtheta1[i] = draws[2]
    dtheta2[i] = draws[3]
    cgym_sincos(draws[0], sin1 + i, cos1 + i)
    cgym_sincos(draws[1], sin2 + i, cos2 + i)
  }

  /// Writes the observation of a freshly reset lane (float32 state: NumPy's float32 `cos`/`sin`).
  public func writeObservation(lane i: Int, into out: UnsafeMutablePointer<Float>) {
    let t1 = Float(theta1[i]), t2 = Float(theta2[i])
    out[0] = NumPyFloat32Math.cos(t1)
    out[1] = NumPyFloat32Math.sin(t1)
    out[2] = NumPyFloat32Math.cos(t2)
    out[3] = NumPyFloat32Math.sin(t2)
    out[4] = Float(dtheta1[i])
    out[5] = Float(dtheta2[i])
  }

  /// `Acrobot.derivatives` on eight lanes, with the sines and cosines of both angles given.
  @inline(__always)
  static func derivatives(
    _ s: Lanes4, torque a: SIMD8<Double>, book: Double, sin1: SIMD8<Double>, cos1: SIMD8<Double>,
    sin2: SIMD8<Double>, cos2: SIMD8<Double>
  ) -> Lanes4 {
    let m1 = Acrobot.linkMass1, m2 = Acrobot.linkMass2, l1 = Acrobot.linkLength1
    let lc1 = Acrobot.linkCOM1, lc2 = Acrobot.linkCOM2, i1 = Acrobot.linkMOI, i2 = Acrobot.linkMOI, g = 9.8
    let dtheta1 = s.2, dtheta2 = s.3
    let d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cos2) + i1 + i2
    let d2 = m2 * (lc2 * lc2 + l1 * lc2 * cos2) + i2
    let phi2 = m2 * lc2 * g * (sin1 * cos2 + cos1 * sin2)
    let phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * sin2
      - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin2
      + (m1 * lc1 + m2 * l1) * g * sin1
      + phi2
    let ddtheta2 = (a + d2 / d1 * phi1 - book * (m2 * l1 * lc2 * (dtheta1 * dtheta1) * sin2) - phi2)
      / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1)
    let ddtheta1 = -(d2 * ddtheta2 + phi1) / d1
    return (dtheta1, dtheta2, ddtheta1, ddtheta2)
  }

  /// Four state variables of eight lanes.
  typealias Lanes4 = (SIMD8<Double>, SIMD8<Double>, SIMD8<Double>, SIMD8<Double>)

  /// `s + f·k`, variable by variable.
  @inline(__always)
  static func advance(_ s: Lanes4, _ f: Double, _ k: Lanes4) -> Lanes4 {
    (s.0 + f * k.0, s.1 + f * k.1, s.2 + f * k.2, s.3 + f * k.3)
  }

  /// `Acrobot.wrap` on eight lanes: adds or subtracts 2π until every lane is in [−π, π].
  @inline(__always)
  static func wrap(_ x: SIMD8<Double>, width: Int) -> SIMD8<Double> {
    let diff = Double.pi - -Double.pi
    let pi = SIMD8<Double>(repeating: .pi)
    var x = x
    for _ in 0..<2 {
      let over = LaneMath.isLess(pi, x), under = LaneMath.isLess(x, -pi)
      if LaneMath.orAcross(over | under) == 0 { return x }
      x = LaneMath.select(over, x - diff, LaneMath.select(under, x + diff, x))
    }
    // Rare: more than two turns (or NaN) — the scalar loop, lane by lane.
    for i in 0..<width { x[i] = Acrobot.wrap(x[i]) }
    return x
  }

  public func step(lanes: Range<Int>, actions: UnsafePointer<Int32>, buffers: BatchBuffers) -> Int {
    typealias Lanes = SIMD8<Double>
    let h = Acrobot.dt, half = Acrobot.dt / 2
    let book: Double = dynamics == .book ? 1 : 0
    let v1 = Lanes(repeating: Acrobot.maxVelocity1), v2 = Lanes(repeating: Acrobot.maxVelocity2)
    let resetsNow = buffers.autoresetMode == .nextStep
    var finished = 0
    var base = lanes.lowerBound
    while base < lanes.upperBound {
      let width = Swift.min(8, lanes.upperBound - base)
      let action = LaneMath.load(actions + (base - lanes.lowerBound), available: width)
      // Outside 0...2 ⇔ 2 − action (as an unsigned 64-bit value) wraps around.
      let invalid = (2 &- SIMD8<UInt64>(truncatingIfNeeded: SIMD8<UInt32>(truncatingIfNeeded: action))) &>> 63
      precondition(LaneMath.orAcross(invalid) == 0, "Acrobot actions must be 0, 1 or 2")
      var torque = Lanes(action) - 1
      if torqueNoiseMax > 0 {
        // A lane that ended on the previous step is reset by `finishChunk` instead of stepped
        // (next-step autoreset): it draws no torque noise from its generator.
        for lane in 0..<width where !(resetsNow && buffers.pending[base + lane]) {
          torque[lane] += generators[base + lane].uniform(low: -torqueNoiseMax, high: torqueNoiseMax)
        }
      }
      let s: Lanes4 = (
        LaneMath.load(theta1 + base), LaneMath.load(theta2 + base), LaneMath.load(dtheta1 + base), LaneMath.load(dtheta2 + base)
      )
      let k1 = Self.derivatives(
        s, torque: torque, book: book, sin1: LaneMath.load(sin1 + base), cos1: LaneMath.load(cos1 + base),
        sin2: LaneMath.load(sin2 + base), cos2: LaneMath.load(cos2 + base))
      let s2 = Self.advance(s, half, k1)
      var a1 = LaneTrig.sinCos(s2.0, width: width), a2 = LaneTrig.sinCos(s2.1, width: width)
      let k2 = Self.derivatives(s2, torque: torque, book: book, sin1: a1.sin, cos1: a1.cos, sin2: a2.sin, cos2: a2.cos)
      let s3 = Self.advance(s, half, k2)
      a1 = LaneTrig.sinCos(s3.0, width: width)
      a2 = LaneTrig.sinCos(s3.1, width: width)
      let k3 = Self.derivatives(s3, torque: torque, book: book, sin1: a1.sin, cos1: a1.cos, sin2: a2.sin, cos2: a2.cos)
      let s4 = Self.advance(s, h, k3)
      a1 = LaneTrig.sinCos(s4.0, width: width)
      a2 = LaneTrig.sinCos(s4.1, width: width)
      let k4 = Self.derivatives(s4, torque: torque, book: book, sin1: a1.sin, cos1: a1.cos, sin2: a2.sin, cos2: a2.cos)
      let f = h / 6.0
      let n0 = Self.wrap(s.0 + f * (k1.0 + 2 * k2.0 + 2 * k3.0 + k4.0), width: width)
      let n1 = Self.wrap(s.1 + f * (k1.1 + 2 * k2.1 + 2 * k3.1 + k4.1), width: width)
      var n2 = s.2 + f * (k1.2 + 2 * k2.2 + 2 * k3.2 + k4.2)
      var n3 = s.3 + f * (k1.3 + 2 * k2.3 + 2 * k3.3 + k4.3)
      n2 = LaneMath.select(LaneMath.isLess(n2, -v1), -v1, LaneMath.select(LaneMath.isLess(v1, n2), v1, n2))
      n3 = LaneMath.select(LaneMath.isLess(n3, -v2), -v2, LaneMath.select(LaneMath.isLess(v2, n3), v2, n3))
      a1 = LaneTrig.sinCos(n0, width: width)
      a2 = LaneTrig.sinCos(n1, width: width)
      LaneMath.store(n0, to: theta1 + base)
      LaneMath.store(n1, to: theta2 + base)
      LaneMath.store(n2, to: dtheta1 + base)
      LaneMath.store(n3, to: dtheta2 + base)
      LaneMath.store(a1.sin, to: sin1 + base)
      LaneMath.store(a1.cos, to: cos1 + base)
      LaneMath.store(a2.sin, to: sin2 + base)
      LaneMath.store(a2.cos, to: cos2 + base)
      // −cos θ₁ − cos(θ₂ + θ₁) > 1, with cos(θ₁ + θ₂) = cos θ₁ cos θ₂ − sin θ₁ sin θ₂.
      let height = -a1.cos - (a1.cos * a2.cos - a1.sin * a2.sin)
      let done = LaneMath.isLess(Lanes(repeating: 1), height)
      LaneMath.store(LaneMath.select(done, .zero, Lanes(repeating: -1)), to: buffers.rewards + base)
      LaneMath.storeRows6(
        SIMD8<Float>(a1.cos), SIMD8<Float>(a1.sin), SIMD8<Float>(a2.cos), SIMD8<Float>(a2.sin),
        SIMD8<Float>(n2), SIMD8<Float>(n3), to: buffers.observations + 6 * base)
      finished += buffers.finishChunk(self, base: base, limit: lanes.upperBound, terminated: LaneMath.laneBytes(done))
      base += 8
    }
    return finished
  }
}
