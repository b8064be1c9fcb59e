/// A multi-agent environment in which all agents act at once: PettingZoo's parallel API, and
/// with `Reward == RewardVector` MOMAland's multi-objective variant.
///
/// Observations, actions and rewards travel as dictionaries keyed by agent name. `agents` lists
/// the agents alive now (agents may leave the episode); `possibleAgents` every agent that can
/// ever appear. An agent's episode ends when its `terminated` or `truncated` flag is set; it is
/// then removed from `agents`.
public protocol ParallelEnvironment<Observation, Action> {
  /// One agent's observation.
  associatedtype Observation
  /// One agent's action.
  associatedtype Action
  /// One agent's reward: `Double`, or `RewardVector` for MOMAland-style tasks.
  associatedtype Reward: RewardValue = Double
  /// One agent's observation space type.
  associatedtype ObservationSpace: Space<Observation>
  /// One agent's action space type.
  associatedtype ActionSpace: Space<Action>

  /// Every agent that can appear, in a fixed order.
  var possibleAgents: [String] { get }
  /// The agents still in the episode.
  var agents: [String] { get }
  /// The observation space of `agent`.
  func observationSpace(for agent: String) -> ObservationSpace
  /// The action space of `agent`.
  func actionSpace(for agent: String) -> ActionSpace

  /// Starts an episode; every agent in `possibleAgents` gets an observation.
  mutating func reset(seed: UInt64?, options: Options) throws -> (
    observations: [String: Observation], infos: [String: Info]
  )

  /// Applies one action per live agent.
  /// - Precondition: `actions` has exactly the keys of `agents`.
  mutating func step(_ actions: [String: Action]) -> (
    observations: [String: Observation], rewards: [String: Reward],
    terminations: [String: Bool], truncations: [String: Bool], infos: [String: Info]
  )
}
