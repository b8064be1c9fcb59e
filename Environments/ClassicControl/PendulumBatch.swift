import CGymSupport
import GymCore

/// Pendulum's batched kernel: lanes of `Pendulum-v1` in structure-of-arrays storage.
///
/// Each lane runs `Pendulum.transition`'s arithmetic in its order of operations, with NumPy's
/// scalar powers (`NumPyScalarPower`) and the C library's `sincos` (glibc's `sin` and `cos`, bit
/// for bit); the sine of the current angle is kept from the previous observation instead of
/// being computed twice. Lane `i` after `reset(seed: s)` follows `Pendulum` reset with seed
/// `s + i` bit for bit. Options as `Pendulum`: `g`; reset options `x_init` / `y_init`.
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
    let g = gravity, dt = Pendulum.dt, maxSpeed = Pendulum.maxSpeed, maxTorque = Float(Pendulum.maxTorque)
    let gravityFactor = 3 * g / (2 * Pendulum.length)
    let torqueFactor = Float(3.0 / (Pendulum.mass * Pendulum.length * Pendulum.length))
    var finished = 0
    var base = lanes.lowerBound
    while base < lanes.upperBound {
      let width = Swift.min(8, lanes.upperBound - base)
      for lane in 0..<width {
        let i = base + lane
        let a = actions[i - lanes.lowerBound]
        precondition(!a.isNaN, "Pendulum torque is NaN")
        let u = Swift.min(Swift.max(a, -maxTorque), maxTorque)
        let th = theta[i], thDot = thetaDot[i]
        let cost = NumPyScalarPower.square(Pendulum.angleNormalize(th)) + 0.1 * NumPyScalarPower.square(thDot)
          + Double(Float(0.001) * NumPyScalarPower.square(u))
        let acceleration = gravityFactor * sinTheta[i] + Double(torqueFactor * u)
        var newThetaDot = thDot + acceleration * dt
        newThetaDot = Swift.min(Swift.max(newThetaDot, -maxSpeed), maxSpeed)
        let newTheta = th + newThetaDot * dt
        theta[i] = newTheta
        thetaDot[i] = newThetaDot
        cgym_sincos(newTheta, sinTheta + i, cosTheta + i)
        buffers.rewards[i] = -cost
        let row = buffers.observations + 3 * i
        row[0] = Float(cosTheta[i])
        row[1] = Float(sinTheta[i])
        row[2] = Float(newThetaDot)
      }
      finished += buffers.finishChunk(self, base: base, limit: lanes.upperBound, terminated: 0)
      base += 8
    }
    return finished
  }
}
