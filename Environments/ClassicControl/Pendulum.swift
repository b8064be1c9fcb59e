import GymCore
import RealModule

/// Swing a pendulum up and keep it upright with a limited torque: Gymnasium's `Pendulum-v1`,
/// with its exact dynamics.
///
/// The action is a torque in [−2, 2] (clipped). The observation is `[cos θ, sin θ, θ̇]` as
/// `Float`, with θ = 0 upright and θ̇ in [−8, 8]. The reward is
/// `−(normalize(θ)² + 0.1·θ̇² + 0.001·u²)`, computed from the state before the step, where
/// `normalize` maps angles into [−π, π). Then `θ̇ += (3g/2·sin θ + 3u)·0.05`, clipped to ±8,
/// and `θ += θ̇·0.05`. The episode never terminates; `make` adds a 200-step time limit.
///
/// ### Numerics
/// Gymnasium's torque is a float32 value, and under NumPy 2's promotion rules `0.001·u²` and
/// `3·u` are float32 products before they meet the float64 state; squares are NumPy's scalar
/// `**` (the C library's `pow`, see `NumPyScalarPower`). This type does the same, so its
/// trajectories match Gymnasium's bit for bit.
///
/// Construction option: `g` (gravity, default 10). Reset options: `x_init` and `y_init` (the
/// start angle is uniform in ±`x_init`, default π; the speed in ±`y_init`, default 1), or
/// `state` (`[θ, θ̇]`) to inject the internal state.
public struct Pendulum: Environment, Sendable {
  public typealias Observation = SIMD3<Float>
  public typealias Action = [Float]

  /// The speed limit (rad/s).
  public static let maxSpeed = 8.0
  /// The torque limit.
  public static let maxTorque = 2.0
  /// Seconds per step.
  public static let dt = 0.05
  /// The pendulum's mass.
  public static let mass = 1.0
  /// The pendulum's length.
  public static let length = 1.0

  /// The internal state `(θ, θ̇)` in double precision.
  public var state: SIMD2<Double> = .zero
  /// The torque applied on the last step (for rendering), or `nil` after a reset.
  public var lastTorque: Float?
  /// The generator behind resets (NumPy's PCG64 stream for a given seed).
  public var rng: NumPyGenerator
  /// The acceleration of gravity (Gymnasium's `g`).
  public let gravity: Double

  /// `Box([-1, -1, -8], [1, 1, 8])`.
  public let observationSpace = Box<SIMD3<Float>>(low: [-1, -1, -maxSpeed], high: [1, 1, maxSpeed])
  /// `Box(-2, 2, (1,))`: the torque.
  public let actionSpace = Box<[Float]>(low: -maxTorque, high: maxTorque, shape: [1])

  /// Renders `rgb_array` frames at 30 frames per second; no reward threshold.
  public var metadata: EnvironmentMetadata {
    EnvironmentMetadata(renderModes: [.rgbArray], renderFPS: 30, rewardThreshold: nil)
  }

  /// A pendulum.
  /// - Parameters:
  ///   - gravity: the acceleration of gravity (Gymnasium's `g`, default 10).
  ///   - seed: seeds the generator before the first reset (otherwise system entropy).
  public init(gravity: Double = 10, seed: UInt64? = nil) {
    self.gravity = gravity
    self.rng = seed.map { NumPyGenerator(seed: $0) } ?? NumPyGenerator.entropy()
  }

  /// The observation for the current state: `[cos θ, sin θ, θ̇]`.
  @inlinable
  public var observation: SIMD3<Float> {
    SIMD3(Float(Double.cos(state[0])), Float(Double.sin(state[0])), Float(state[1]))
  }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<SIMD3<Float>> {
    if let seed { rng = NumPyGenerator(seed: seed) }
    try OptionParsing.checkKeys(options, allowed: ["state", "x_init", "y_init"], what: "reset option")
    let x = try OptionParsing.number(options, "x_init", default: .pi, what: "reset option")
    let y = try OptionParsing.number(options, "y_init", default: 1, what: "reset option")
    guard x >= 0, y >= 0 else {
      throw OptionError("reset options x_init (\(x)) and y_init (\(y)) must not be negative: the start state is uniform in [-x_init, x_init] × [-y_init, y_init]")
    }
    if let injected = try OptionParsing.injectedState(options, count: 2) {
      state = SIMD2(injected[0], injected[1])
    } else {
      let theta = rng.uniform(low: -x, high: x)
      state = SIMD2(theta, rng.uniform(low: -y, high: y))
    }
    lastTorque = nil
    return (observation, [:])
  }

  @inlinable
  public mutating func step(_ action: [Float]) -> StepResult<SIMD3<Float>, Double> {
    precondition(action.count == 1, "Pendulum takes one torque value, got \(action.count)")
    precondition(!action[0].isNaN, "Pendulum torque is NaN")
    let u = Swift.min(Swift.max(action[0], Float(-Self.maxTorque)), Float(Self.maxTorque))
    lastTorque = u
    let (next, cost) = Self.transition(state, torque: u, gravity: gravity)
    state = next
    return (observation, -cost, false, false, [:])
  }

  /// One step of Gymnasium's dynamics with a clipped float32 torque, in its order of operations.
  /// - Returns: the next state and the cost of the current one.
  @inlinable @inline(__always)
  public static func transition(_ state: SIMD2<Double>, torque u: Float, gravity g: Double) -> (SIMD2<Double>, Double) {
    let theta = state[0], thetaDot = state[1]
    let cost = NumPyScalarPower.square(angleNormalize(theta)) + 0.1 * NumPyScalarPower.square(thetaDot)
      + Double(Float(0.001) * NumPyScalarPower.square(u))
    let acceleration = 3 * g / (2 * length) * Double.sin(theta) + Double(Float(3.0 / (mass * length * length)) * u)
    var newThetaDot = thetaDot + acceleration * dt
    newThetaDot = Swift.min(Swift.max(newThetaDot, -maxSpeed), maxSpeed)
    let newTheta = theta + newThetaDot * dt
    return (SIMD2(newTheta, newThetaDot), cost)
  }

  /// `((x + π) mod 2π) − π` with Python's floored modulo: an angle in [−π, π).
  @inlinable @inline(__always)
  public static func angleNormalize(_ x: Double) -> Double {
    let twoPi = 2 * Double.pi
    var m = (x + .pi).truncatingRemainder(dividingBy: twoPi)
    if m != 0 {
      if m < 0 { m += twoPi }
    } else {
      m = 0
    }
    return m - .pi
  }
}

extension Pendulum: StateInjectable {
  /// `[θ, θ̇]`.
  public var internalState: [Double] { [state[0], state[1]] }
}
