import GymCore

extension Wrappers {
  /// MOMAland's wrappers for parallel multi-agent, multi-objective environments
  /// (`momaland.utils.parallel_wrappers`): `LinearizeReward`, `NormalizeReward`,
  /// `RecordEpisodeStatistics` and `CentraliseAgent`.
  public enum MultiAgent {}
}

extension MultiObjectiveParallelEnvironment {
  /// This environment with each agent's reward vector replaced by `weights[agent] · reward`.
  /// - Parameter weights: a weight vector per agent, one weight per objective of its reward.
  public func linearized(weights: [String: [Double]]) -> Wrappers.MultiAgent.LinearizeReward<Self> {
    Wrappers.MultiAgent.LinearizeReward(self, weights: weights)
  }

  /// This environment with the same weights for every agent.
  public func linearized(weights: [Double]) -> Wrappers.MultiAgent.LinearizeReward<Self> {
    Wrappers.MultiAgent.LinearizeReward(self, weights: Dictionary(uniqueKeysWithValues: possibleAgents.map { ($0, weights) }))
  }

  /// This environment with every agent's every objective normalised by the running standard
  /// deviation of its discounted return.
  public func normalizingRewards(gamma: Double = 0.99, epsilon: Double = 1e-8) -> Wrappers.MultiAgent.NormalizeReward<Self> {
    Wrappers.MultiAgent.NormalizeReward(self, gamma: gamma, epsilon: epsilon)
  }

  /// This environment recording each agent's episode returns and lengths.
  public func recordingEpisodeStatistics(gamma: Double = 1) -> Wrappers.MultiAgent.RecordEpisodeStatistics<Self> {
    Wrappers.MultiAgent.RecordEpisodeStatistics(self, gamma: gamma)
  }
}
