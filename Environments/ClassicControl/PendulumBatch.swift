import CGymSupport
import GymCore

/// Pendulum's batched kernel: lanes of `Pendulum-v1` in structure-of-arrays storage.
///
/// Eight lanes at a time run `Pendulum.transition`'s arithmetic on `SIMD8<Double>`, in its order
/// of operations and with its float32 torque terms and exact angle normalisation
/// (`LaneTrig.angleNormalize`), but with plain squares and `LaneTrig`'s sine and cosine (within
/// 2 ulp of the C library's) instead of the C library: not bit-exact with Gymnasium, but within 1e-5 relative of the single environment
/// (`Pendulum`, which is bit-exact) per step over an episode, as
/// `Tests/GymClassicControlTests/BatchedKernelTests.swift` checks. The sine of the current
/// angle is kept from the previous observation. Lane `i` after `reset(seed: s)` starts where
/// `Pendulum` reset with seed `s + i` starts, bit for bit. Options as `Pendulum`: `g`; reset
/// options `x_init` / `y_init`.
public final class PendulumBatch: BatchedKernel, @unchecked Sendable {
  // @unchecked: lanes are touched by one thread at a time (see `BatchedKernel`).
  public typealias Action = Float

  /// `[cos θ, sin θ, θ̇]`.
  public static var observationDimension: Int { 3 }
  public let capacity: Int
  public let singleObservationSpace = Pendulum(seed: 0).observationSpace
  public let singleActionSpace = Pendulum(seed: 0).actionSpace
  /// Gravitational acceleration.
  public let gravity: Double

  @usableFromInline let theta: UnsafeMutablePointer<Double>
  @usableFromInline let thetaDot: UnsafeMutablePointer<Double>
  @usableFromInline let sinTheta: UnsafeMutablePointer<Double>
  @usableFromInline let cosTheta: UnsafeMutablePointer<Double>
  @usableFromInline let generators: UnsafeMutablePointer<NumPyGenerator>
  private let storage = BatchStorage()
  private var bounds = (x: Double.pi, y: 1.0)

  /// Storage for `count` lanes.
  public init(count: Int, gravity: Double = 10) {
    capacity = BatchStorage.capacity(for: count)
    self.gravity = gravity
    theta = storage.array(capacity, 0)
    thetaDot = storage.array(capacity, 0)
    sinTheta = storage.array(capacity, 0)
    cosTheta = storage.array(capacity, 1)
    generators = NumPyGenerator.lanes(capacity, in: storage)
  }

  /// A kernel from construction options (as `Pendulum(options:)`).
  public convenience init(count: Int, options: Options) throws {
    self.init(count: count, gravity: try Pendulum(options: options).gravity)
  }

  public static func laneAction(_ action: [Float]) -> Float { action[0] }

  public func configureReset(options: Options) throws {
    try OptionParsing.checkKeys(options, allowed: ["x_init", "y_init"], what: "reset option for a batched Pendulum")
    let x = try OptionParsing.number(options, "x_init", default: .pi, what: "reset option")
    let y = try OptionParsing.number(options, "y_init", default: 1, what: "reset option")
    guard x >= 0, y >= 0 else {
      throw OptionError("reset options x_init (\(x)) and y_init (\(y)) must not be negative: the start state is uniform in [-x_init, x_init] × [-y_init, y_init]")
    }
    bounds = (x, y)
  }

  public func seed(lane: Int, seed: UInt64) { generators[lane] = NumPyGenerator(seed: seed) }

  public func resetLane(_ i: Int) {
    theta[i] = generators[i].uniform(low: -bounds.x, high: bounds.x)
    thetaDot[i] = generators[i].uniform(low: -bounds.y, high: bounds.y)
    cgym_sincos(theta[i], sinTheta + i, cosTheta + i)
  }

  public func writeObservation(lane i: Int, into out: UnsafeMutablePointer<Float>) {
    out[0] = Float(cosTheta[i])
    out[1] = Float(sinTheta[i])
    out[2] = Float(thetaDot[i])
  }

  public func step(lanes: Range<Int>, actions: UnsafePointer<Float>, buffers: BatchBuffers) -> Int {
    typealias Lanes = SIMD8<Double>
    let g = gravity, dt = Pendulum.dt, maxSpeed = Lanes(repeating: Pendulum.maxSpeed)
    let maxTorque = SIMD8<Float>(repeating: Float(Pendulum.maxTorque))
    let gravityFactor = 3 * g / (2 * Pendulum.length)
    let torqueFactor = Float(3.0 / (Pendulum.mass * Pendulum.length * Pendulum.length))
    var finished = 0
    var base = lanes.lowerBound
    while base < lanes.upperBound {
      let width = Swift.min(8, lanes.upperBound - base)
      let a = LaneMath.load(actions + (base - lanes.lowerBound), available: width)
      // NaN ⇔ magnitude bits above infinity's: the sign of 0x7F80_0000 − magnitude.
      let nan = (0x7F80_0000 &- (unsafeBitCast(a, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF)) &>> 31
      let nanWords = unsafeBitCast(nan, to: SIMD4<UInt64>.self)
      precondition(nanWords[0] | nanWords[1] | nanWords[2] | nanWords[3] == 0, "Pendulum torque is NaN")
      let u = a.clamped(lowerBound: -maxTorque, upperBound: maxTorque)
      let th = LaneMath.load(theta + base), thDot = LaneMath.load(thetaDot + base)
      let normalized = LaneTrig.angleNormalize(th, width: width)
      let cost = normalized * normalized + 0.1 * (thDot * thDot) + Lanes(Float(0.001) * (u * u))
      let acceleration = gravityFactor * LaneMath.load(sinTheta + base) + Lanes(torqueFactor * u)
      var newThetaDot = thDot + acceleration * dt
      newThetaDot = LaneMath.select(LaneMath.isLess(newThetaDot, -maxSpeed), -maxSpeed, newThetaDot)
      newThetaDot = LaneMath.select(LaneMath.isLess(maxSpeed, newThetaDot), maxSpeed, newThetaDot)
      let newTheta = th + newThetaDot * dt
      let (sine, cosine) = LaneTrig.sinCos(newTheta, width: width)
      LaneMath.store(newTheta, to: theta + base)
      LaneMath.store(newThetaDot, to: thetaDot + base)
      LaneMath.store(sine, to: sinTheta + base)
      LaneMath.store(cosine, to: cosTheta + base)
      LaneMath.store(-cost, to: buffers.rewards + base)
      LaneMath.storeRows3(SIMD8<Float>(cosine), SIMD8<Float>(sine), SIMD8<Float>(newThetaDot), to: buffers.observations + 3 * base)
      finished += buffers.finishChunk(self, base: base, limit: lanes.upperBound, terminated: 0)
      base += 8
    }
    return finished
  }
}
