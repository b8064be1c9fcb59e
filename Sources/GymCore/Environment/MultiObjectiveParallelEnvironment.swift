/// A multi-agent, multi-objective environment: MOMAland's `MOParallelEnv`.
///
/// Every agent receives a `RewardVector` each step and declares its bounds with
/// `rewardSpace(for:)` (MOMAland's `reward_space(agent)`).
public protocol MultiObjectiveParallelEnvironment: ParallelEnvironment where Reward == RewardVector {
  /// Bounds of each reward component of `agent`.
  func rewardSpace(for agent: String) -> Box<[Float]>
}

/// A problem with the actions handed to a `ParallelEnvironment` through a checked entry point.
public struct ParallelEnvironmentError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What was wrong and what is allowed.
  public var message: String
  /// An error with this message.
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

extension ParallelEnvironment {
  /// Checks that `actions` has exactly one valid action for each live agent.
  /// - Throws: `ParallelEnvironmentError` naming the missing, extra or out-of-space agents.
  public func validate(_ actions: [String: Action]) throws {
    let live = Set(agents)
    let given = Set(actions.keys)
    if let missing = agents.first(where: { !given.contains($0) }) {
      throw ParallelEnvironmentError("no action for live agent '\(missing)'; live agents: \(agents.joined(separator: ", "))")
    }
    if let extra = actions.keys.sorted().first(where: { !live.contains($0) }) {
      throw ParallelEnvironmentError("action for '\(extra)', which is not a live agent; live agents: \(agents.joined(separator: ", "))")
    }
    for agent in agents {
      let space = actionSpace(for: agent)
      if let a = actions[agent], !space.contains(a) {
        throw ParallelEnvironmentError("action \(space.encode(a)) of agent '\(agent)' is outside its action space \(space)")
      }
    }
  }

  /// Steps after validating the actions (for actions that come from users or files).
  /// - Throws: `ParallelEnvironmentError` as `validate(_:)` does.
  public mutating func checkedStep(_ actions: [String: Action]) throws -> (
    observations: [String: Observation], rewards: [String: Reward],
    terminations: [String: Bool], truncations: [String: Bool], infos: [String: Info]
  ) {
    try validate(actions)
    return step(actions)
  }
}
