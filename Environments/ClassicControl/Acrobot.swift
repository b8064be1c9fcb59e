import GymCore
import RealModule

/// Two links joined by an actuated joint, hanging from a fixed pivot; swing the free end above
/// a line one link above the pivot: Gymnasium's `Acrobot-v1`, with its exact dynamics.
///
/// Actions: `0`, `1`, `2` apply a torque of −1, 0, +1 at the joint between the links. The
/// observation is `[cos θ₁, sin θ₁, cos θ₂, sin θ₂, θ̇₁, θ̇₂]` as `Float` (θ₂ relative to the
/// first link, θ̇₁ in ±4π, θ̇₂ in ±9π). Each step integrates the equations of motion with one
/// classical Runge–Kutta step over 0.2 s, then wraps the angles into [−π, π] and clips the
/// speeds. The reward is −1 per step and 0 on the step that terminates, when the tip is above
/// the line: `−cos θ₁ − cos(θ₁ + θ₂) > 1`. `make` adds a 500-step time limit; the task counts
/// as solved at an average return of −100.
///
/// ### Options
/// Construction: `book_or_nips` (`"book"`, the default, or `"nips"`: the dynamics variant) and
/// `torque_noise_max` (default 0; uniform noise added to the torque, drawn from the
/// environment's generator) — class attributes in Gymnasium. Reset: `low` / `high` bounds of
/// the uniform start state (default ±0.1), or `state` (`[θ₁, θ₂, θ̇₁, θ̇₂]`) to inject it.
///
/// ### Numerics
/// Gymnasium draws the start state in double precision and stores it as float32, so the first
/// observation comes from NumPy's float32 `cos`/`sin` (see `NumPyFloat32Math`); from the first
/// step on, the state is float64.
public struct Acrobot: Environment, Sendable {
  public typealias Observation = AcrobotObservation
  public typealias Action = Int

  /// The dynamics variant.
  public enum Dynamics: String, Sendable, CaseIterable {
    /// Sutton and Barto's book (Gymnasium's default).
    case book
    /// The NIPS paper's variant, without the `θ̇₁²·sin θ₂` term in θ̈₂.
    case nips
  }

  /// Seconds integrated per step.
  public static let dt = 0.2
  /// Length of the first link.
  public static let linkLength1 = 1.0
  /// Length of the second link.
  public static let linkLength2 = 1.0
  /// Mass of the first link.
  public static let linkMass1 = 1.0
  /// Mass of the second link.
  public static let linkMass2 = 1.0
  /// Position of the first link's centre of mass.
  public static let linkCOM1 = 0.5
  /// Position of the second link's centre of mass.
  public static let linkCOM2 = 0.5
  /// Moment of inertia of both links.
  public static let linkMOI = 1.0
  /// Speed limit of the first joint.
  public static let maxVelocity1 = 4 * Double.pi
  /// Speed limit of the second joint.
  public static let maxVelocity2 = 9 * Double.pi
  /// The torques of actions 0, 1, 2.
  public static let availableTorques: [Double] = [-1, 0, 1]

  /// The internal state `(θ₁, θ₂, θ̇₁, θ̇₂)`.
  public var state: SIMD4<Double> = .zero
  /// Whether `state` holds float32 values drawn by a reset (Gymnasium's array is float32 then).
  public var stateIsFloat32 = false
  /// The generator behind resets and torque noise (NumPy's PCG64 stream for a given seed).
  public var rng: NumPyGenerator
  /// The dynamics variant.
  public let dynamics: Dynamics
  /// The bound of the uniform torque noise (0: none).
  public let torqueNoiseMax: Double

  /// `Box([-1, -1, -1, -1, -4π, -9π], [1, 1, 1, 1, 4π, 9π])`.
  public let observationSpace = Box<AcrobotObservation>(
    low: [-1, -1, -1, -1, -maxVelocity1, -maxVelocity2], high: [1, 1, 1, 1, maxVelocity1, maxVelocity2])
  /// `Discrete(3)`: torque −1, 0, +1.
  public let actionSpace = Discrete(3)

  /// Renders `rgb_array` frames at 15 frames per second; solved at an average return of −100.
  public var metadata: EnvironmentMetadata {
    EnvironmentMetadata(renderModes: [.rgbArray], renderFPS: 15, rewardThreshold: -100)
  }

  /// An acrobot.
  /// - Parameters:
  ///   - dynamics: the book (default) or NIPS equations.
  ///   - torqueNoiseMax: bound of uniform noise added to the torque (default 0).
  ///   - seed: seeds the generator before the first reset (otherwise system entropy).
  public init(dynamics: Dynamics = .book, torqueNoiseMax: Double = 0, seed: UInt64? = nil) {
    self.dynamics = dynamics
    self.torqueNoiseMax = torqueNoiseMax
    self.rng = seed.map { NumPyGenerator(seed: $0) } ?? NumPyGenerator.entropy()
  }

  /// The observation for the current state.
  @inlinable
  public var observation: AcrobotObservation {
    if stateIsFloat32 {
      let t1 = Float(state[0]), t2 = Float(state[1])
      return AcrobotObservation(
        NumPyFloat32Math.cos(t1), NumPyFloat32Math.sin(t1), NumPyFloat32Math.cos(t2), NumPyFloat32Math.sin(t2),
        Float(state[2]), Float(state[3]))
    }
    return Self.observation(of: state)
  }

  /// The observation of a float64 state.
  @inlinable @inline(__always)
  public static func observation(of s: SIMD4<Double>) -> AcrobotObservation {
    AcrobotObservation(
      Float(Double.cos(s[0])), Float(Double.sin(s[0])), Float(Double.cos(s[1])), Float(Double.sin(s[1])),
      Float(s[2]), Float(s[3]))
  }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<AcrobotObservation> {
    if let seed { rng = NumPyGenerator(seed: seed) }
    let (low, high) = try OptionParsing.resetBounds(options, defaultLow: -0.1, defaultHigh: 0.1)
    if let injected = try OptionParsing.injectedState(options, count: 4) {
      state = SIMD4(injected)
      stateIsFloat32 = false
    } else {
      for i in 0..<4 { state[i] = Double(Float(rng.uniform(low: low, high: high))) }
      stateIsFloat32 = true
    }
    return (observation, [:])
  }

  @inlinable
  public mutating func step(_ action: Int) -> StepResult<AcrobotObservation, Double> {
    precondition(action >= 0 && action < 3, "Acrobot action must be 0, 1 or 2, got \(action)")
    var torque = Self.availableTorques[action]
    if torqueNoiseMax > 0 { torque += rng.uniform(low: -torqueNoiseMax, high: torqueNoiseMax) }
    state = Self.transition(state, torque: torque, dynamics: dynamics)
    stateIsFloat32 = false
    let terminated = Self.isTerminal(state)
    return (Self.observation(of: state), terminated ? 0 : -1, terminated, false, [:])
  }

  /// Whether the tip is above the line: `−cos θ₁ − cos(θ₂ + θ₁) > 1`.
  @inlinable @inline(__always)
  public static func isTerminal(_ s: SIMD4<Double>) -> Bool {
    -Double.cos(s[0]) - Double.cos(s[1] + s[0]) > 1
  }

  /// One step: an RK4 step of 0.2 s, then angles wrapped into [−π, π] and speeds clipped.
  @inlinable
  public static func transition(_ s: SIMD4<Double>, torque: Double, dynamics: Dynamics) -> SIMD4<Double> {
    let h = dt, half = dt / 2
    let k1 = derivatives(s, torque: torque, dynamics: dynamics)
    let k2 = derivatives(s + half * k1, torque: torque, dynamics: dynamics)
    let k3 = derivatives(s + half * k2, torque: torque, dynamics: dynamics)
    let k4 = derivatives(s + h * k3, torque: torque, dynamics: dynamics)
    var next = s + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
    next[0] = wrap(next[0])
    next[1] = wrap(next[1])
    next[2] = Swift.min(Swift.max(next[2], -maxVelocity1), maxVelocity1)
    next[3] = Swift.min(Swift.max(next[3], -maxVelocity2), maxVelocity2)
    return next
  }

  /// The time derivative of the state, in Gymnasium's order of operations (squares of NumPy
  /// scalars through the C library's `pow`, as NumPy computes them).
  @inlinable @inline(__always)
  public static func derivatives(_ s: SIMD4<Double>, torque a: Double, dynamics: Dynamics) -> SIMD4<Double> {
    let m1 = linkMass1, m2 = linkMass2, l1 = linkLength1, lc1 = linkCOM1, lc2 = linkCOM2
    let i1 = linkMOI, i2 = linkMOI, g = 9.8
    let theta1 = s[0], theta2 = s[1], dtheta1 = s[2], dtheta2 = s[3]
    let cos2 = Double.cos(theta2), sin2 = Double.sin(theta2)
    let d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cos2) + i1 + i2
    let d2 = m2 * (lc2 * lc2 + l1 * lc2 * cos2) + i2
    let phi2 = m2 * lc2 * g * Double.cos(theta1 + theta2 - Double.pi / 2)
    let phi1 = -m2 * l1 * lc2 * NumPyScalarPower.square(dtheta2) * sin2
      - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin2
      + (m1 * lc1 + m2 * l1) * g * Double.cos(theta1 - Double.pi / 2)
      + phi2
    let ddtheta2: Double
    switch dynamics {
    case .book:
      ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * NumPyScalarPower.square(dtheta1) * sin2 - phi2)
        / (m2 * (lc2 * lc2) + i2 - NumPyScalarPower.square(d2) / d1)
    case .nips:
      ddtheta2 = (a + d2 / d1 * phi1 - phi2) / (m2 * (lc2 * lc2) + i2 - NumPyScalarPower.square(d2) / d1)
    }
    let ddtheta1 = -(d2 * ddtheta2 + phi1) / d1
    return SIMD4(dtheta1, dtheta2, ddtheta1, ddtheta2)
  }

  /// Gymnasium's `wrap(x, −π, π)`: subtracts or adds 2π until x is in [−π, π].
  @inlinable @inline(__always)
  public static func wrap(_ x: Double) -> Double {
    let diff = Double.pi - -Double.pi
    var x = x
    while x > .pi { x = x - diff }
    while x < -.pi { x = x + diff }
    return x
  }
}

extension Acrobot: StateInjectable {
  /// `[θ₁, θ₂, θ̇₁, θ̇₂]`.
  public var internalState: [Double] { [state[0], state[1], state[2], state[3]] }
}

/// Acrobot's six observation values stored inline, so stepping allocates nothing.
public struct AcrobotObservation: BoxValue, Hashable, Sendable {
  public typealias Scalar = Float
  /// The values in lanes 0–5; lanes 6 and 7 stay zero.
  public var storage: SIMD8<Float>

  /// `[cos θ₁, sin θ₁, cos θ₂, sin θ₂, θ̇₁, θ̇₂]`.
  @inlinable
  public init(_ cos1: Float, _ sin1: Float, _ cos2: Float, _ sin2: Float, _ dtheta1: Float, _ dtheta2: Float) {
    storage = SIMD8(cos1, sin1, cos2, sin2, dtheta1, dtheta2, 0, 0)
  }

  /// Six copies of `value`.
  /// - Precondition: `count == 6`.
  @inlinable
  public init(repeating value: Float, count: Int) {
    precondition(count == 6, "an Acrobot observation holds exactly 6 values")
    storage = SIMD8(value, value, value, value, value, value, 0, 0)
  }

  /// Always 6.
  @inlinable public var scalarCount: Int { 6 }

  /// Value `index` (0 ..< 6).
  @inlinable
  public subscript(index: Int) -> Float {
    get {
      precondition(index >= 0 && index < 6, "Acrobot observation index \(index) out of range 0..<6")
      return storage[index]
    }
    set {
      precondition(index >= 0 && index < 6, "Acrobot observation index \(index) out of range 0..<6")
      storage[index] = newValue
    }
  }

  /// The six values as an array.
  public var array: [Float] { (0..<6).map { storage[$0] } }
}
