import GymCore

extension Wrappers.MultiAgent {
  /// One central agent controlling every agent of a parallel environment: MOMAland's
  /// `CentraliseAgent` with its `action_mapping`, which turns a multi-agent multi-objective
  /// problem into a single-agent one for single-agent MORL methods.
  ///
  /// The observation is the agents' observations concatenated in `possibleAgents` order; the
  /// action is one joint index over every agent's action, agent 0 the fastest-varying digit
  /// (`decode(_:)`, `encode(_:)`); the reward is the component-wise sum (or mean) of the
  /// agents' reward vectors; the episode terminates (truncates) when any agent's does. Each
  /// agent's non-empty info is nested under its name.
  ///
  /// The base must keep every agent live until the episode ends (MOMAland's environments
  /// here do); an agent missing from a step's observations keeps its last one.
  public struct CentraliseAgent<Base: MultiObjectiveParallelEnvironment>: MultiObjectiveEnvironment
  where
    Base.Action == Int, Base.ActionSpace == Discrete, Base.Observation: RangeReplaceableCollection & BoxValue,
    Base.ObservationSpace == Box<Base.Observation>
  {
    public typealias Observation = Base.Observation
    public typealias Action = Int
    public typealias Reward = RewardVector

    /// How the agents' reward vectors combine.
    public enum RewardGrouping: String, Sendable, CaseIterable {
      /// The component-wise sum (MOMAland's default).
      case sum
      /// The component-wise mean.
      case mean
    }

    /// The wrapped environment.
    public var base: Base
    /// How rewards combine.
    public let grouping: RewardGrouping
    /// The agents' action spaces, in `possibleAgents` order.
    public let agentActions: [Discrete]
    public let observationSpace: Box<Base.Observation>
    public let actionSpace: Discrete
    public let rewardSpace: Box<[Float]>
    var last: [String: Base.Observation] = [:]

    /// Wraps `base`.
    /// - Precondition: every agent has the same number of objectives and the joint action
    ///   space has fewer than 2³¹ actions.
    public init(_ base: Base, grouping: RewardGrouping = .sum) {
      let agents = base.possibleAgents
      precondition(!agents.isEmpty, "CentraliseAgent needs at least one agent")
      self.base = base
      self.grouping = grouping
      agentActions = agents.map { base.actionSpace(for: $0) }
      var joint = 1
      for space in agentActions {
        let (product, overflow) = joint.multipliedReportingOverflow(by: space.n)
        precondition(!overflow && product < 1 << 31, "CentraliseAgent: the joint action space of \(agents.count) agents exceeds 2^31 actions")
        joint = product
      }
      actionSpace = Discrete(joint)
      let spaces = agents.map { base.observationSpace(for: $0) }
      observationSpace = Box(low: spaces.flatMap(\.low), high: spaces.flatMap(\.high))
      let rewards = agents.map { base.rewardSpace(for: $0) }
      let d = rewards[0].count
      precondition(rewards.allSatisfy { $0.count == d }, "CentraliseAgent: agents have different numbers of objectives")
      let scale = grouping == .sum ? 1 : 1 / Double(agents.count)
      var low = [Double](repeating: 0, count: d), high = low
      for space in rewards {
        for k in 0..<d {
          low[k] += space.low[k] * scale
          high[k] += space.high[k] * scale
        }
      }
      rewardSpace = Box(low: low, high: high)
    }

    /// The agents' actions of joint action `joint`, in `possibleAgents` order.
    public func decode(_ joint: Int) -> [Int] {
      var rest = joint
      return agentActions.map { space in
        let a = rest % space.n
        rest /= space.n
        return space.start + a
      }
    }

    /// The joint action of per-agent `actions` (in `possibleAgents` order).
    public func encode(_ actions: [Int]) -> Int {
      precondition(actions.count == agentActions.count, "CentraliseAgent.encode needs \(agentActions.count) actions")
      var joint = 0, radix = 1
      for (a, space) in zip(actions, agentActions) {
        precondition(space.contains(a), "action \(a) is outside \(space)")
        joint += (a - space.start) * radix
        radix *= space.n
      }
      return joint
    }

    mutating func joined(_ observations: [String: Base.Observation]) -> Base.Observation {
      var out = Base.Observation()
      for agent in base.possibleAgents {
        if let o = observations[agent] { last[agent] = o }
        out.append(contentsOf: last[agent]!)
      }
      return out
    }

    public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Observation> {
      let r = try base.reset(seed: seed, options: options)
      last = r.observations
      return (joined(r.observations), nested(r.infos))
    }

    public mutating func step(_ action: Int) -> StepResult<Observation, RewardVector> {
      precondition(actionSpace.contains(action), "CentraliseAgent: joint action \(action) is outside \(actionSpace)")
      let each = decode(action)
      var actions: [String: Int] = [:]
      let live = Set(base.agents)
      for (agent, a) in zip(base.possibleAgents, each) where live.contains(agent) { actions[agent] = a }
      let r = base.step(actions)
      var total = [Double](repeating: 0, count: rewardSpace.count)
      for agent in base.possibleAgents {  // a fixed order, so the rounding is the same every run
        guard let reward = r.rewards[agent] else { continue }
        for k in total.indices { total[k] += reward.values[k] }
      }
      if grouping == .mean && !r.rewards.isEmpty { total = total.map { $0 / Double(r.rewards.count) } }
      return (
        joined(r.observations), RewardVector(total), r.terminations.values.contains(true), r.truncations.values.contains(true),
        nested(r.infos)
      )
    }

    func nested(_ infos: [String: Info]) -> Info {
      var info: Info = [:]
      for (agent, i) in infos where !i.isEmpty { info[agent] = .object(i) }
      return info
    }
  }
}

extension Wrappers.MultiAgent.CentraliseAgent: Sendable where Base: Sendable, Base.Observation: Sendable {}

extension MultiObjectiveParallelEnvironment
where Action == Int, ActionSpace == Discrete, Observation: RangeReplaceableCollection & BoxValue, ObservationSpace == Box<Observation> {
  /// One central agent over the joint action, rewarded with the agents' summed (or mean)
  /// reward vectors.
  public func centralised(grouping: Wrappers.MultiAgent.CentraliseAgent<Self>.RewardGrouping = .sum) -> Wrappers.MultiAgent.CentraliseAgent<Self> {
    Wrappers.MultiAgent.CentraliseAgent(self, grouping: grouping)
  }
}
