import GymCore

/// Gymnasium's classic-control family.
public enum ClassicControl {
  /// Registers every classic-control id in `registry`.
  public static func register(in registry: Registry) {
    registry.register(
      id: "CartPole-v1", family: "classic_control", maxEpisodeSteps: 500, rewardThreshold: 475,
      summary: "Balance a pole on a cart by pushing it left or right"
    ) { options in try CartPole(options: options) }
    registry.register(
      id: "CartPole-v0", family: "classic_control", maxEpisodeSteps: 200, rewardThreshold: 195,
      summary: "CartPole with the original 200-step limit"
    ) { options in try CartPole(options: options) }
  }
}

extension CartPole {
  /// A cart-pole from construction options (`sutton_barto_reward`: Bool).
  public init(options: Options) throws {
    let allowed: Set<String> = ["sutton_barto_reward"]
    if let bad = options.keys.first(where: { !allowed.contains($0) }) {
      throw OptionError("unknown option '\(bad)' for CartPole; allowed: sutton_barto_reward")
    }
    var sutton = false
    if let v = options["sutton_barto_reward"] {
      guard let b = v.boolValue else { throw OptionError("option 'sutton_barto_reward' must be true or false, got \(v)") }
      sutton = b
    }
    self.init(suttonBartoReward: sutton)
  }
}

extension CartPole: StateInjectable {
  public var internalState: [Double] { [state[0], state[1], state[2], state[3]] }
}
