import GymCore

/// Gymnasium's classic-control family: CartPole, MountainCar, MountainCarContinuous, Acrobot
/// and Pendulum, with Gymnasium's ids, time limits and reward thresholds.
public enum ClassicControl {
  /// Registers every classic-control id in `registry`.
  public static func register(in registry: Registry) {
    let family = "classic_control"
    registry.register(
      id: "CartPole-v1", family: family, maxEpisodeSteps: 500, rewardThreshold: 475,
      summary: "Balance a pole on a cart by pushing it left or right"
    ) { options in try CartPole(options: options) }
    registry.register(
      id: "CartPole-v0", family: family, maxEpisodeSteps: 200, rewardThreshold: 195,
      summary: "CartPole with the original 200-step limit"
    ) { options in try CartPole(options: options) }
    registry.register(
      id: "MountainCar-v0", family: family, maxEpisodeSteps: 200, rewardThreshold: -110,
      summary: "Drive an under-powered car up a hill by rocking it (3 discrete actions)"
    ) { options in try MountainCar(options: options) }
    registry.register(
      id: "MountainCarContinuous-v0", family: family, maxEpisodeSteps: 999, rewardThreshold: 90,
      summary: "The mountain car with a continuous engine force and an energy penalty"
    ) { options in try MountainCarContinuous(options: options) }
    registry.register(
      id: "Acrobot-v1", family: family, maxEpisodeSteps: 500, rewardThreshold: -100,
      summary: "Swing the tip of a two-link pendulum above a line by torquing the middle joint"
    ) { options in try Acrobot(options: options) }
    registry.register(
      id: "Pendulum-v1", family: family, maxEpisodeSteps: 200, rewardThreshold: nil,
      summary: "Swing a pendulum upright and hold it there with a limited torque"
    ) { options in try Pendulum(options: options) }
  }
}

extension CartPole {
  /// A cart-pole from construction options (`sutton_barto_reward`: Bool).
  public init(options: Options) throws {
    try OptionParsing.checkKeys(options, allowed: ["sutton_barto_reward"], what: "option for CartPole")
    self.init(suttonBartoReward: try OptionParsing.bool(options, "sutton_barto_reward", default: false))
  }
}

extension CartPole: StateInjectable {
  /// `[x, ẋ, θ, θ̇]`.
  public var internalState: [Double] { [state[0], state[1], state[2], state[3]] }
}

extension MountainCar {
  /// A mountain car from construction options (`goal_velocity`: number, default 0).
  public init(options: Options) throws {
    try OptionParsing.checkKeys(options, allowed: ["goal_velocity"], what: "option for MountainCar")
    self.init(goalVelocity: try OptionParsing.number(options, "goal_velocity", default: 0))
  }
}

extension MountainCarContinuous {
  /// A continuous mountain car from construction options (`goal_velocity`: number, default 0).
  public init(options: Options) throws {
    try OptionParsing.checkKeys(options, allowed: ["goal_velocity"], what: "option for MountainCarContinuous")
    self.init(goalVelocity: try OptionParsing.number(options, "goal_velocity", default: 0))
  }
}

extension Acrobot {
  /// An acrobot from construction options: `book_or_nips` (`"book"` or `"nips"`) and
  /// `torque_noise_max` (a non-negative number).
  public init(options: Options) throws {
    try OptionParsing.checkKeys(options, allowed: ["book_or_nips", "torque_noise_max"], what: "option for Acrobot")
    let variant = try OptionParsing.choice(options, "book_or_nips", allowed: ["book", "nips"], default: "book")
    let noise = try OptionParsing.number(options, "torque_noise_max", default: 0)
    guard noise >= 0 else { throw OptionError("option 'torque_noise_max' must not be negative, got \(noise)") }
    self.init(dynamics: Dynamics(rawValue: variant)!, torqueNoiseMax: noise)
  }
}

extension Pendulum {
  /// A pendulum from construction options (`g`: gravity, a finite number, default 10).
  public init(options: Options) throws {
    try OptionParsing.checkKeys(options, allowed: ["g"], what: "option for Pendulum")
    self.init(gravity: try OptionParsing.number(options, "g", default: 10))
  }
}
