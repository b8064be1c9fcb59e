import GymCore
import RealModule

/// An under-powered car in a valley that must rock back and forth to reach the flag on the
/// right hill: Gymnasium's `MountainCar-v0`, with its exact dynamics.
///
/// Actions: `0` accelerate left, `1` coast, `2` accelerate right. The observation is
/// `[position, velocity]` as `Float`, cast from the `Double` state, with position in
/// [−1.2, 0.6] and velocity in [−0.07, 0.07]. Each step:
/// `v += (a − 1)·0.001 − 0.0025·cos(3p)`, clipped to ±0.07; `p += v`, clipped to
/// [−1.2, 0.6]; at the left wall a leftward velocity becomes 0. The reward is −1 per step;
/// the episode terminates when `p ≥ 0.5` and `v ≥ goalVelocity`. `make` adds a 200-step
/// time limit; the task counts as solved at an average return of −110.
///
/// Reset options: `low` / `high` bounds of the uniform start position (default −0.6, −0.4;
/// the velocity starts at 0), or `state` (`[position, velocity]`) to inject the internal state.
public struct MountainCar: Environment, Sendable {
  public typealias Observation = SIMD2<Float>
  public typealias Action = Int

  // Gymnasium's constants.
  /// The left wall.
  public static let minPosition = -1.2
  /// The right edge of the track.
  public static let maxPosition = 0.6
  /// The speed limit in either direction.
  public static let maxSpeed = 0.07
  /// Where the flag stands.
  public static let goalPosition = 0.5
  /// The engine's acceleration per unit of action.
  public static let force = 0.001
  /// The gravity term's scale.
  public static let gravity = 0.0025

  /// The internal state `(position, velocity)` in double precision.
  public var state: SIMD2<Double> = .zero
  /// The generator behind resets (NumPy's PCG64 stream for a given seed).
  public var rng: NumPyGenerator
  /// The smallest velocity at the flag that ends the episode (Gymnasium's `goal_velocity`).
  public let goalVelocity: Double

  /// `Box([-1.2, -0.07], [0.6, 0.07])`.
  public let observationSpace = Box<SIMD2<Float>>(low: [minPosition, -maxSpeed], high: [maxPosition, maxSpeed])
  /// `Discrete(3)`: left, none, right.
  public let actionSpace = Discrete(3)

  /// Renders `rgb_array` frames at 30 frames per second; solved at an average return of −110.
  public var metadata: EnvironmentMetadata {
    EnvironmentMetadata(renderModes: [.rgbArray], renderFPS: 30, rewardThreshold: -110)
  }

  /// A mountain car.
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
    return (observation, [:])
  }

  @inlinable
  public mutating func step(_ action: Int) -> StepResult<SIMD2<Float>, Double> {
    precondition(action >= 0 && action < 3, "MountainCar action must be 0, 1 or 2, got \(action)")
    let (next, terminated) = Self.transition(state, action: action, goalVelocity: goalVelocity)
    state = next
    return (observation, -1, terminated, false, [:])
  }

  /// One step of Gymnasium's dynamics, in its order of operations.
  /// - Returns: the next state and whether it ends the episode.
  @inlinable @inline(__always)
  public static func transition(_ state: SIMD2<Double>, action: Int, goalVelocity: Double) -> (SIMD2<Double>, Bool) {
    var position = state[0], velocity = state[1]
    // velocity += (action − 1)·force + cos(3·position)·(−gravity), summed right to left.
    velocity += Double(action - 1) * force + Double.cos(3 * position) * -gravity
    velocity = Swift.min(Swift.max(velocity, -maxSpeed), maxSpeed)
    position += velocity
    position = Swift.min(Swift.max(position, minPosition), maxPosition)
    if position == minPosition && velocity < 0 { velocity = 0 }
    let terminated = position >= goalPosition && velocity >= goalVelocity
    return (SIMD2(position, velocity), terminated)
  }
}

extension MountainCar: StateInjectable {
  /// `[position, velocity]`.
  public var internalState: [Double] { [state[0], state[1]] }
}
