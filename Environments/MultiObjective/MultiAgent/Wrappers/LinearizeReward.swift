import GymCore

extension Wrappers.MultiAgent {
  /// Turns each agent's reward vector into the scalar `weights[agent] · reward`: MOMAland's
  /// `LinearizeReward`, which makes a multi-objective parallel environment an ordinary
  /// (PettingZoo-style) one for single-objective multi-agent learners.
  ///
  /// Each agent's info gains `"vector_reward"` (the original components), as
  /// `Wrappers.LinearScalarization` does for one agent.
  public struct LinearizeReward<Base: MultiObjectiveParallelEnvironment>: ParallelEnvironment {
    public typealias Observation = Base.Observation
    public typealias Action = Base.Action
    public typealias ObservationSpace = Base.ObservationSpace
    public typealias ActionSpace = Base.ActionSpace
    public typealias Reward = Double

    /// The wrapped environment.
    public var base: Base
    /// The weight vector of each agent; may change between steps.
    public var weights: [String: [Double]]

    /// Wraps `base`.
    /// - Precondition: every possible agent has weights, one per objective of its reward space.
    public init(_ base: Base, weights: [String: [Double]]) {
      for agent in base.possibleAgents {
        guard let w = weights[agent] else { preconditionFailure("LinearizeReward: no weights for agent '\(agent)'") }
        let d = base.rewardSpace(for: agent).count
        precondition(w.count == d, "LinearizeReward: agent '\(agent)' has \(d) objectives but \(w.count) weights")
      }
      self.base = base
      self.weights = weights
    }

    public var possibleAgents: [String] { base.possibleAgents }
    public var agents: [String] { base.agents }
    public func observationSpace(for agent: String) -> ObservationSpace { base.observationSpace(for: agent) }
    public func actionSpace(for agent: String) -> ActionSpace { base.actionSpace(for: agent) }

    public mutating func reset(seed: UInt64?, options: Options) throws -> (observations: [String: Observation], infos: [String: Info]) {
      try base.reset(seed: seed, options: options)
    }

    public mutating func step(_ actions: [String: Action]) -> (
      observations: [String: Observation], rewards: [String: Double],
      terminations: [String: Bool], truncations: [String: Bool], infos: [String: Info]
    ) {
      var r = base.step(actions)
      var scalar: [String: Double] = [:]
      for (agent, reward) in r.rewards {
        scalar[agent] = reward.dot(weights[agent]!)
        r.infos[agent, default: [:]]["vector_reward"] = JSONValue(reward.values)
      }
      return (r.observations, scalar, r.terminations, r.truncations, r.infos)
    }
  }
}

extension Wrappers.MultiAgent.LinearizeReward: Sendable where Base: Sendable {}
