import GymCore
import RealModule

/// The mountain car with a continuous engine: Gymnasium's `MountainCarContinuous-v0`,
/// reproducing its mixed float32/float64 arithmetic.
///
/// The action is a force in [−1, 1] (values outside are clipped). The observation is
/// `[position, velocity]` as in `MountainCar`. Each step:
/// `v += force·0.0015 − 0.0025·cos(3p)`, clipped to ±0.07; `p += v`, clipped to [−1.2, 0.6];
/// at the left wall a leftward velocity becomes 0. The reward is `−0.1·action²` per step plus
/// 100 on reaching the flag (`p ≥ 0.45` and `v ≥ goalVelocity`), which terminates the episode.
/// `make` adds a 999-step time limit; the task counts as solved at an average return of 90.
///
/// ### Numerics
/// Gymnasium stores the state as a float32 array after the first step, and under NumPy 2's
/// promotion rules (NEP 50) a float32 value combined with a Python float stays float32. So
/// `force·0.0015`, the velocity update, `3p`, the position update and the comparisons with the
/// bounds are float32 operations, while `cos(3p)` and `0.0025·cos(3p)` are double. This type
/// performs exactly those operations, so its trajectories match Gymnasium's bit for bit. The
/// first step after a reset starts from the float64 reset state and mixes accordingly.
///
/// Reset options: `low` / `high` bounds of the uniform start position (default −0.6, −0.4),
/// or `state` (`[position, velocity]`) to inject the internal state (as float64).
public struct MountainCarContinuous: Environment, Sendable {
  public typealias Observation = SIMD2<Float>
  public typealias Action = [Float]

  /// The engine's acceleration per unit of force.
  public static let power = 0.0015
  /// Where the flag stands (0.45 here, not 0.5 as in `MountainCar`).
  public static let goalPosition = 0.45

  /// The internal state `(position, velocity)`; after the first step it holds float32 values.
  public var state: SIMD2<Double> = .zero
  /// Whether `state` holds float32 values (Gymnasium's state array is float32 after a step,
  /// float64 after a reset or an injection).
  public var stateIsFloat32 = false
  /// The generator behind resets (NumPy's PCG64 stream for a given seed).
  public var rng: NumPyGenerator
  /// The smallest velocity at the flag that ends the episode (Gymnasium's `goal_velocity`).
  public let goalVelocity: Double

  /// `Box([-1.2, -0.07], [0.6, 0.07])`.
  public let observationSpace = Box<SIMD2<Float>>(
    low: [MountainCar.minPosition, -MountainCar.maxSpeed], high: [MountainCar.maxPosition, MountainCar.maxSpeed])
  /// `Box(-1, 1, (1,))`: the engine force.
  public let actionSpace = Box<[Float]>(low: -1, high: 1, shape: [1])

  /// Renders `rgb_array` frames at 30 frames per second; solved at an average return of 90.
  public var metadata: EnvironmentMetadata {
    EnvironmentMetadata(renderModes: [.rgbArray], renderFPS: 30, rewardThreshold: 90)
  }

  /// A continuous mountain car.
  /// - Parameters:
  ///   - goalVelocity: the smallest velocity at the flag that ends the episode.
  ///   - seed: seeds the generator before the first reset (otherwise system entropy).
  public init(goalVelocity: Double = 0, seed: UInt64? = nil) {
    self.goalVelocity = goalVelocity
    self.rng = seed.map { NumPyGenerator(seed: $0) } ?? NumPyGenerator.entropy()
  }

  /// The observation for the current state.
  @inlinable
  public var observation: SIMD2<Float> { SIMD2<Float>(state) }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<SIMD2<Float>> {
    if let seed { rng = NumPyGenerator(seed: seed) }
    let (low, high) = try OptionParsing.resetBounds(options, defaultLow: -0.6, defaultHigh: -0.4)
    if let injected = try OptionParsing.injectedState(options, count: 2) {
      state = SIMD2(injected[0], injected[1])
    } else {
      state = SIMD2(rng.uniform(low: low, high: high), 0)
    }
    stateIsFloat32 = false
    return (observation, [:])
  }

  @inlinable
  public mutating func step(_ action: [Float]) -> StepResult<SIMD2<Float>, Double> {
    precondition(action.count == 1, "MountainCarContinuous takes one force value, got \(action.count)")
    let a = action[0]
    precondition(!a.isNaN, "MountainCarContinuous action is NaN")
    let (next, terminated) = stateIsFloat32
      ? Self.transitionFloat32(SIMD2<Float>(state), force: a, goalVelocity: goalVelocity)
      : Self.transitionFromFloat64(state, force: a, goalVelocity: goalVelocity)
    state = SIMD2<Double>(next)
    stateIsFloat32 = true
    // reward = (100 if terminated else 0) − action² · 0.1, in double from the raw action.
    let reward = (terminated ? 100.0 : 0.0) - Double(a) * Double(a) * 0.1
    return (next, reward, terminated, false, [:])
  }

  /// A step from a float32 state (every step after the first): Gymnasium's arithmetic under
  /// NumPy 2's promotion rules.
  /// - Returns: the next state and whether it ends the episode.
  @inlinable @inline(__always)
  public static func transitionFloat32(_ state: SIMD2<Float>, force action: Float, goalVelocity: Double) -> (SIMD2<Float>, Bool) {
    var position = state[0], velocity = state[1]
    let gravityTerm = 0.0025 * Double.cos(Double(3 * position))
    if action >= -1 && action <= 1 {
      // float32 force × Python float → float32; float32 − Python float → float32.
      velocity += Float(power) * action - Float(gravityTerm)
    } else {
      // The clipped force is a Python float: the difference is double, then added in float32.
      velocity += Float((action > 1 ? 1.0 : -1.0) * power - gravityTerm)
    }
    if velocity > Float(MountainCar.maxSpeed) { velocity = Float(MountainCar.maxSpeed) }
    if velocity < -Float(MountainCar.maxSpeed) { velocity = -Float(MountainCar.maxSpeed) }
    position += velocity
    if position > Float(MountainCar.maxPosition) { position = Float(MountainCar.maxPosition) }
    if position < Float(MountainCar.minPosition) { position = Float(MountainCar.minPosition) }
    if position == Float(MountainCar.minPosition) && velocity < 0 { velocity = 0 }
    let terminated = position >= Float(goalPosition) && velocity >= Float(goalVelocity)
    return (SIMD2(position, velocity), terminated)
  }

  /// The first step after a reset or an injection, from the float64 state; the result is
  /// rounded to float32 as Gymnasium stores it.
  /// - Returns: the next state and whether it ends the episode.
  @inlinable
  public static func transitionFromFloat64(_ state: SIMD2<Double>, force action: Float, goalVelocity: Double) -> (SIMD2<Float>, Bool) {
    var position = state[0], velocity = state[1]
    let gravityTerm = 0.0025 * Double.cos(3 * position)
    if action >= -1 && action <= 1 {
      velocity += Double(Float(power) * action - Float(gravityTerm))
    } else {
      velocity += (action > 1 ? 1.0 : -1.0) * power - gravityTerm
    }
    velocity = Swift.min(Swift.max(velocity, -MountainCar.maxSpeed), MountainCar.maxSpeed)
    position += velocity
    position = Swift.min(Swift.max(position, MountainCar.minPosition), MountainCar.maxPosition)
    if position == MountainCar.minPosition && velocity < 0 { velocity = 0 }
    let terminated = position >= goalPosition && velocity >= goalVelocity
    return (SIMD2(Float(position), Float(velocity)), terminated)
  }
}

extension MountainCarContinuous: StateInjectable {
  /// `[position, velocity]` (float32 values widened exactly after a step).
  public var internalState: [Double] { [state[0], state[1]] }
}
