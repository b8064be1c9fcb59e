import GymCore

extension Wrappers.MultiAgent {
  /// One finished episode of a multi-agent environment.
  public struct Episode: Sendable, Equatable {
    /// Each agent's undiscounted return vector.
    public var returns: [String: [Double]]
    /// Each agent's discounted return vector.
    public var discountedReturns: [String: [Double]]
    /// Each agent's number of steps alive.
    public var lengths: [String: Int]

    /// The return vector averaged over the agents (discounted when `discounted`).
    public func meanReturn(discounted: Bool = false) -> [Double] {
      let all = Array((discounted ? discountedReturns : returns).values)
      guard let d = all.first?.count, !all.isEmpty else { return [] }
      var mean = [Double](repeating: 0, count: d)
      for v in all { for k in 0..<d { mean[k] += v[k] / Double(all.count) } }
      return mean
    }
  }

  /// Accumulates each agent's episode return vectors and lengths: MOMAland's
  /// `RecordEpisodeStatistics`, with discounted returns beside the undiscounted ones as
  /// MO-Gymnasium's `MORecordEpisodeStatistics` keeps.
  ///
  /// On the step that ends the episode (every agent terminated or truncated) each agent's
  /// info gains `"episode": {"r": [...], "dr": [...], "l": n}` and the episode is appended to
  /// `episodes` (the last `bufferLength` kept).
  public struct RecordEpisodeStatistics<Base: MultiObjectiveParallelEnvironment>: MultiObjectiveParallelEnvironment {
    public typealias Observation = Base.Observation
    public typealias Action = Base.Action
    public typealias ObservationSpace = Base.ObservationSpace
    public typealias ActionSpace = Base.ActionSpace
    public typealias Reward = RewardVector

    /// The wrapped environment.
    public var base: Base
    /// The discount of `discountedReturns`.
    public let gamma: Double
    /// How many finished episodes `episodes` keeps.
    public let bufferLength: Int
    /// The most recent finished episodes, oldest first.
    public private(set) var episodes: [Episode] = []
    /// The number of episodes finished since the wrapper was made.
    public private(set) var episodeCount = 0
    var current = Episode(returns: [:], discountedReturns: [:], lengths: [:])
    var discount = 1.0

    /// Wraps `base`.
    public init(_ base: Base, gamma: Double = 1, bufferLength: Int = 100) {
      precondition(gamma >= 0 && gamma <= 1, "RecordEpisodeStatistics: gamma must be in [0, 1], got \(gamma)")
      precondition(bufferLength > 0, "RecordEpisodeStatistics: bufferLength must be positive, got \(bufferLength)")
      self.base = base
      self.gamma = gamma
      self.bufferLength = bufferLength
    }

    public var possibleAgents: [String] { base.possibleAgents }
    public var agents: [String] { base.agents }
    public func observationSpace(for agent: String) -> ObservationSpace { base.observationSpace(for: agent) }
    public func actionSpace(for agent: String) -> ActionSpace { base.actionSpace(for: agent) }
    public func rewardSpace(for agent: String) -> Box<[Float]> { base.rewardSpace(for: agent) }

    public mutating func reset(seed: UInt64?, options: Options) throws -> (observations: [String: Observation], infos: [String: Info]) {
      let r = try base.reset(seed: seed, options: options)
      current = Episode(returns: [:], discountedReturns: [:], lengths: [:])
      for agent in possibleAgents {
        let d = base.rewardSpace(for: agent).count
        current.returns[agent] = Array(repeating: 0, count: d)
        current.discountedReturns[agent] = Array(repeating: 0, count: d)
        current.lengths[agent] = 0
      }
      discount = 1
      return r
    }

    public mutating func step(_ actions: [String: Action]) -> (
      observations: [String: Observation], rewards: [String: RewardVector],
      terminations: [String: Bool], truncations: [String: Bool], infos: [String: Info]
    ) {
      var r = base.step(actions)
      for (agent, reward) in r.rewards {
        var u = current.returns[agent] ?? Array(repeating: 0, count: reward.values.count)
        var g = current.discountedReturns[agent] ?? u
        for k in u.indices {
          u[k] += reward.values[k]
          g[k] += discount * reward.values[k]
        }
        current.returns[agent] = u
        current.discountedReturns[agent] = g
      }
      for agent in actions.keys { current.lengths[agent, default: 0] += 1 }
      discount *= gamma
      let ended = base.agents.isEmpty || actions.keys.allSatisfy { (r.terminations[$0] ?? false) || (r.truncations[$0] ?? false) }
      if ended {
        for agent in actions.keys {
          precondition(r.infos[agent]?["episode"] == nil, "RecordEpisodeStatistics: info of '\(agent)' already has an \"episode\" entry")
          r.infos[agent, default: [:]]["episode"] = [
            "r": JSONValue(current.returns[agent] ?? []), "dr": JSONValue(current.discountedReturns[agent] ?? []),
            "l": .int(current.lengths[agent] ?? 0),
          ]
        }
        episodes.append(current)
        if episodes.count > bufferLength { episodes.removeFirst(episodes.count - bufferLength) }
        episodeCount += 1
      }
      return r
    }
  }
}

extension Wrappers.MultiAgent.RecordEpisodeStatistics: Sendable where Base: Sendable {}
