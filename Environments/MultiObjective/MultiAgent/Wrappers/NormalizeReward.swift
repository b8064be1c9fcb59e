import GymCore

extension Wrappers.MultiAgent {
  /// Scales each agent's each reward component so that its discounted return has roughly unit
  /// variance: MOMAland's `NormalizeReward`, which wraps one (agent, objective) pair at a time;
  /// here one wrapper covers the chosen pairs (all by default).
  ///
  /// For a normalised pair, `G ← γ · G · (1 − terminated) + r`, the running variance of `G` is
  /// updated and the reward becomes `r / √(var + ε)` — Gymnasium's scheme per component.
  public struct NormalizeReward<Base: MultiObjectiveParallelEnvironment>: MultiObjectiveParallelEnvironment {
    public typealias Observation = Base.Observation
    public typealias Action = Base.Action
    public typealias ObservationSpace = Base.ObservationSpace
    public typealias ActionSpace = Base.ActionSpace
    public typealias Reward = RewardVector

    /// The wrapped environment.
    public var base: Base
    /// The discount factor of the returns whose variance is tracked.
    public let gamma: Double
    /// Added to the variance before the square root.
    public let epsilon: Double
    /// The objectives normalised for each agent (agents absent here pass through unchanged).
    public let objectives: [String: [Int]]
    /// The running statistics of each agent's discounted return vector.
    public private(set) var statistics: [String: RunningMeanStd] = [:]
    /// Each agent's running discounted return.
    public private(set) var returns: [String: [Double]] = [:]
    /// Whether `step` updates the statistics (turn off to evaluate).
    public var updateRunningStatistics = true

    /// Wraps `base`, normalising `objectives[agent]` of each listed agent (nil: every
    /// objective of every agent).
    /// - Precondition: listed agents exist and the objective indices are within their reward spaces.
    public init(_ base: Base, objectives: [String: [Int]]? = nil, gamma: Double = 0.99, epsilon: Double = 1e-8) {
      precondition(gamma >= 0 && gamma <= 1, "NormalizeReward: gamma must be in [0, 1], got \(gamma)")
      let chosen = objectives ?? Dictionary(uniqueKeysWithValues: base.possibleAgents.map { ($0, Array(0..<base.rewardSpace(for: $0).count)) })
      for (agent, indices) in chosen {
        precondition(base.possibleAgents.contains(agent), "NormalizeReward: no agent '\(agent)'")
        let d = base.rewardSpace(for: agent).count
        precondition(indices.allSatisfy { (0..<d).contains($0) }, "NormalizeReward: agent '\(agent)' has objectives 0..<\(d), got \(indices)")
      }
      self.base = base
      self.gamma = gamma
      self.epsilon = epsilon
      self.objectives = chosen
      for (agent, _) in chosen {
        let d = base.rewardSpace(for: agent).count
        statistics[agent] = RunningMeanStd(dimension: d)
        returns[agent] = Array(repeating: 0, count: d)
      }
    }

    public var possibleAgents: [String] { base.possibleAgents }
    public var agents: [String] { base.agents }
    public func observationSpace(for agent: String) -> ObservationSpace { base.observationSpace(for: agent) }
    public func actionSpace(for agent: String) -> ActionSpace { base.actionSpace(for: agent) }
    /// Normalised components are unbounded.
    public func rewardSpace(for agent: String) -> Box<[Float]> {
      let space = base.rewardSpace(for: agent)
      guard let chosen = objectives[agent] else { return space }
      var low = space.low, high = space.high
      for i in chosen {
        low[i] = -.infinity
        high[i] = .infinity
      }
      return Box(low: low, high: high)
    }

    public mutating func reset(seed: UInt64?, options: Options) throws -> (observations: [String: Observation], infos: [String: Info]) {
      try base.reset(seed: seed, options: options)
    }

    public mutating func step(_ actions: [String: Action]) -> (
      observations: [String: Observation], rewards: [String: RewardVector],
      terminations: [String: Bool], truncations: [String: Bool], infos: [String: Info]
    ) {
      var r = base.step(actions)
      for (agent, reward) in r.rewards {
        guard let chosen = objectives[agent], var g = returns[agent], var stats = statistics[agent] else { continue }
        let keep = (r.terminations[agent] ?? false) ? 0.0 : 1.0
        for k in g.indices { g[k] = g[k] * gamma * keep + reward.values[k] }
        if updateRunningStatistics { stats.update(g) }
        var scaled = reward
        for i in chosen { scaled.values[i] = reward.values[i] / (stats.variance[i] + epsilon).squareRoot() }
        r.rewards[agent] = scaled
        returns[agent] = g
        statistics[agent] = stats
      }
      return r
    }
  }
}

extension Wrappers.MultiAgent.NormalizeReward: Sendable where Base: Sendable {}

extension MultiObjectiveParallelEnvironment {
  /// This environment with the chosen objectives of the chosen agents normalised.
  public func normalizingRewards(objectives: [String: [Int]], gamma: Double = 0.99, epsilon: Double = 1e-8) -> Wrappers.MultiAgent.NormalizeReward<Self> {
    Wrappers.MultiAgent.NormalizeReward(self, objectives: objectives, gamma: gamma, epsilon: epsilon)
  }
}
