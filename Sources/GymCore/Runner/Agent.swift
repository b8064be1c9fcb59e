/// One step of experience.
public struct Transition<Observation, Action, Reward: RewardValue> {
  /// The observation the action was chosen from.
  public var observation: Observation
  /// The action taken.
  public var action: Action
  /// The reward received.
  public var reward: Reward
  /// The observation after the step.
  public var nextObservation: Observation
  /// Whether the MDP terminated (do not bootstrap).
  public var terminated: Bool
  /// Whether the episode was cut (bootstrap from `nextObservation`).
  public var truncated: Bool

  /// A transition.
  public init(observation: Observation, action: Action, reward: Reward, nextObservation: Observation, terminated: Bool, truncated: Bool) {
    self.observation = observation
    self.action = action
    self.reward = reward
    self.nextObservation = nextObservation
    self.terminated = terminated
    self.truncated = truncated
  }
}

/// A policy that acts and, optionally, learns from transitions: what the runner drives.
///
/// An agent owns its random generator, seeded at construction, so runs are reproducible.
public protocol Agent<Observation, Action> {
  /// The observation type the agent reads.
  associatedtype Observation
  /// The action type the agent produces.
  associatedtype Action
  /// The reward type the agent learns from.
  associatedtype Reward: RewardValue = Double

  /// Chooses an action.
  mutating func act(_ observation: Observation) -> Action
  /// Learns from one transition (the default does nothing).
  mutating func learn(_ transition: Transition<Observation, Action, Reward>)
  /// Called when an episode ends (the default does nothing).
  mutating func episodeEnded(return episodeReturn: Reward, length: Int)
}

// MARK: - Default implementations

extension Agent {
  public mutating func learn(_ transition: Transition<Observation, Action, Reward>) {}
  public mutating func episodeEnded(return episodeReturn: Reward, length: Int) {}
}

/// Acts uniformly at random in an action space.
public struct RandomAgent<ActionSpace: Space, Observation, Reward: RewardValue>: Agent {
  public typealias Action = ActionSpace.Element
  /// The space actions are drawn from.
  public let actionSpace: ActionSpace
  /// The agent's generator.
  public var rng: GymRandom

  /// A random agent for `env`'s action space.
  public init<E: Environment>(for env: E, seed: UInt64) where E.ActionSpace == ActionSpace, E.Observation == Observation, E.Reward == Reward {
    actionSpace = env.actionSpace
    rng = GymRandom(seed: seed)
  }

  @inlinable
  public mutating func act(_ observation: Observation) -> Action { actionSpace.sample(using: &rng) }
}
