import GymBox2D
import GymClassicControl
import GymCore

/// MO-Gymnasium's `mo-mountaincar-v0`: Gymnasium's `MountainCar` (same dynamics, same seeded
/// resets) with a vector reward.
///
/// The default reward has three objectives: a time penalty (−1 each step, 0 on the step that
/// reaches the flag), a reverse penalty (−1 when the action is 0) and a forward penalty (−1
/// when the action is 2). Options, as MO-Gymnasium's constructor keywords:
/// `merge_move_penalty` joins the two move penalties into one (−1 for any action but 1), and
/// `add_speed_objective` appends `15·|velocity|` after the step. `make` applies a 200-step
/// time limit. Rewards are exact doubles (MO-Gymnasium stores them as float32).
public struct MOMountainCar: MultiObjectiveEnvironment, Sendable {
  public typealias Observation = SIMD2<Float>
  public typealias Action = Int

  /// The scalar environment whose dynamics this one shares.
  public var base: MountainCar
  /// Whether the reverse and forward penalties are one objective.
  public let mergeMovePenalty: Bool
  /// Whether a speed objective is appended.
  public let addSpeedObjective: Bool

  public var observationSpace: Box<SIMD2<Float>> { base.observationSpace }
  public var actionSpace: Discrete { base.actionSpace }
  public let rewardSpace: Box<[Float]>
  public var metadata: EnvironmentMetadata { EnvironmentMetadata(renderModes: [], renderFPS: 30) }

  /// A multi-objective mountain car.
  public init(mergeMovePenalty: Bool = false, addSpeedObjective: Bool = false, goalVelocity: Double = 0, seed: UInt64? = nil) {
    base = MountainCar(goalVelocity: goalVelocity, seed: seed)
    self.mergeMovePenalty = mergeMovePenalty
    self.addSpeedObjective = addSpeedObjective
    let moves = mergeMovePenalty ? 1 : 2
    var low = [Double](repeating: -1, count: 1 + moves), high = [Double](repeating: 0, count: 1 + moves)
    high[0] = -1  // as MO-Gymnasium declares it, although the goal step pays 0
    if addSpeedObjective {
      low.append(0)
      high.append(1.1)
    }
    rewardSpace = Box(low: low, high: high)
  }

  /// A multi-objective mountain car from options (`merge_move_penalty`, `add_speed_objective`,
  /// `goal_velocity`).
  public init(options: Options) throws {
    try OptionReader.check(options, allowed: ["add_speed_objective", "goal_velocity", "merge_move_penalty"], env: "mo-mountaincar")
    self.init(
      mergeMovePenalty: try OptionReader.bool(options, "merge_move_penalty", default: false),
      addSpeedObjective: try OptionReader.bool(options, "add_speed_objective", default: false),
      goalVelocity: try OptionReader.double(options, "goal_velocity", default: 0, range: -0.07...0.07))
  }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<SIMD2<Float>> {
    try base.reset(seed: seed, options: options)
  }

  @inlinable
  public mutating func step(_ action: Int) -> StepResult<SIMD2<Float>, RewardVector> {
    let r = base.step(action)
    var reward: [Double]
    if mergeMovePenalty {
      reward = [r.terminated ? 0 : -1, action == 1 ? 0 : -1]
    } else {
      reward = [r.terminated ? 0 : -1, action == 0 ? -1 : 0, action == 2 ? -1 : 0]
    }
    if addSpeedObjective { reward.append(15 * abs(base.state[1])) }
    return (r.observation, RewardVector(reward), r.terminated, r.truncated, r.info)
  }
}

/// MO-Gymnasium's `mo-mountaincarcontinuous-v0`: Gymnasium's `MountainCarContinuous` with the
/// reward `[time, fuel]`: −1 each step (0 on the step that reaches the flag) and `−action²`
/// (of the unclipped action, as MO-Gymnasium computes it). `make` applies a 999-step limit.
public struct MOMountainCarContinuous: MultiObjectiveEnvironment, Sendable {
  public typealias Observation = SIMD2<Float>
  public typealias Action = [Float]

  /// The scalar environment whose dynamics this one shares.
  public var base: MountainCarContinuous

  public var observationSpace: Box<SIMD2<Float>> { base.observationSpace }
  public var actionSpace: Box<[Float]> { base.actionSpace }
  /// `Box([-1, -1], [0, 0])` as MO-Gymnasium declares it (the fuel term reaches −1 only for
  /// actions inside [−1, 1]).
  public let rewardSpace = Box<[Float]>(low: [-1, -1], high: [0, 0])
  public var metadata: EnvironmentMetadata { EnvironmentMetadata(renderModes: [], renderFPS: 30) }

  /// A multi-objective continuous mountain car.
  public init(goalVelocity: Double = 0, seed: UInt64? = nil) {
    base = MountainCarContinuous(goalVelocity: goalVelocity, seed: seed)
  }

  /// From options (`goal_velocity`).
  public init(options: Options) throws {
    try OptionReader.check(options, allowed: ["goal_velocity"], env: "mo-mountaincarcontinuous")
    self.init(goalVelocity: try OptionReader.double(options, "goal_velocity", default: 0, range: -0.07...0.07))
  }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<SIMD2<Float>> {
    try base.reset(seed: seed, options: options)
  }

  @inlinable
  public mutating func step(_ action: [Float]) -> StepResult<SIMD2<Float>, RewardVector> {
    let r = base.step(action)
    let a = Double(action[0])
    return (r.observation, RewardVector([r.terminated ? 0 : -1, -a * a]), r.terminated, r.truncated, r.info)
  }
}

/// MO-Gymnasium's `mo-lunar-lander-v3` (`Control == DiscreteThrusters`) and
/// `mo-lunar-lander-continuous-v3` (`ContinuousThrusters`) on our Box2D `LunarLander`.
///
/// The reward has four objectives: the outcome (−100 on a crash or leaving the screen, +100
/// when the lander comes to rest, else 0), the shaping term (the change of Gymnasium's
/// distance/speed/angle/leg-contact potential, including on the final step), the main engine's
/// fuel (−power, 0 or −0.5…−1) and the side engines' fuel (likewise). The scalar Gymnasium
/// reward is `shaping − 0.3·main − 0.03·side` outside terminal steps. `make` applies a
/// 1000-step time limit.
public struct MOLunarLander<Control: LunarLanderControl>: MultiObjectiveEnvironment {
  public typealias Observation = SIMD8<Float>
  public typealias Action = Control.Action

  /// The scalar lander (a reference type: copies of this wrapper share it).
  public let base: LunarLander<Control>
  /// Result, shaping, main engine fuel, side engine fuel.
  public let rewardSpace = Box<[Float]>(low: [-100, -.infinity, -1, -1], high: [100, .infinity, 0, 0])

  public var observationSpace: Box<SIMD8<Float>> { base.observationSpace }
  public var actionSpace: Control.ActionSpace { base.actionSpace }
  public var metadata: EnvironmentMetadata { EnvironmentMetadata(renderModes: [], renderFPS: 50) }

  /// A multi-objective lander around `base`.
  public init(_ base: LunarLander<Control>) { self.base = base }

  /// From LunarLander's construction options (`gravity`, `enable_wind`, `wind_power`,
  /// `turbulence_power`, `continuous` matching `Control`).
  public init(options: Options) throws { base = try LunarLander<Control>(options: options) }

  // Specialised for both controls (see `LunarLander.step`): generic callers dispatch to the
  // concrete bodies, which call the lander's specialised step directly.
  @_specialize(where Control == DiscreteThrusters)
  @_specialize(where Control == ContinuousThrusters)
  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<SIMD8<Float>> {
    try base.reset(seed: seed, options: options)
  }

  @_specialize(where Control == DiscreteThrusters)
  @_specialize(where Control == ContinuousThrusters)
  public mutating func step(_ action: Control.Action) -> StepResult<SIMD8<Float>, RewardVector> {
    let before = base.previousShaping
    let throttle = Control.throttle(action)
    let r = base.step(action)
    let shaping = before.map { base.previousShaping! - $0 } ?? 0
    var outcome = 0.0
    if r.terminated { outcome = r.reward }  // ±100: Gymnasium's terminal reward
    return (r.observation, RewardVector([outcome, shaping, -throttle.main, -throttle.side]), r.terminated, r.truncated, r.info)
  }
}
