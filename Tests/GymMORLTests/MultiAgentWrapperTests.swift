import Foundation
import GymCore
import GymMORL
import GymMultiObjective
import Testing

/// Seeded random joint actions for every live agent.
private func randomActions<E: MultiObjectiveParallelEnvironment>(_ env: E, _ rng: inout GymRandom) -> [String: Int]
where E.Action == Int, E.ActionSpace == Discrete {
  var actions: [String: Int] = [:]
  for agent in env.agents {
    let space = env.actionSpace(for: agent)
    actions[agent] = space.start + rng.int(below: space.n)
  }
  return actions
}

@Suite struct MultiAgentWrapperTests {
  /// Each agent's scalar is its own weights times the vector the base pays for the same
  /// seeded step, and the vector stays in the info.
  @Test func linearizeRewardUsesEachAgentsWeights() throws {
    let base = try MOItemGathering(seed: 0)
    var plain = base
    let weights = ["agent_0": [1.0, 0, 0], "agent_1": [0.2, 0.3, 0.5]]
    var wrapped = base.linearized(weights: weights)
    var rng = GymRandom(seed: 1), nonZero = 0
    for episode: UInt64 in 0..<50 {
      _ = try plain.reset(seed: episode, options: [:])
      _ = try wrapped.reset(seed: episode, options: [:])
      while !plain.agents.isEmpty {
        let actions = randomActions(plain, &rng)
        let a = plain.step(actions), b = wrapped.step(actions)
        for (agent, vector) in a.rewards {
          let expected = zip(vector.values, weights[agent]!).map(*).reduce(0, +)
          #expect(abs(b.rewards[agent]! - expected) < 1e-12)
          #expect(b.infos[agent]?["vector_reward"] == JSONValue(vector.values))
          if expected != 0 { nonZero += 1 }
        }
        #expect(a.terminations == b.terminations && a.truncations == b.truncations)
      }
    }
    #expect(nonZero > 0)
  }

  /// The chosen (agent, objective) pairs are divided by the running standard deviation of
  /// their discounted return — recomputed here with Welford's update — and the rest pass
  /// through unchanged.
  @Test func normalizeRewardScalesTheChosenObjectives() throws {
    let base = MOBeach(agentCount: 6, sections: 3, capacity: 2, timesteps: 3, seed: 0)
    var plain = base
    var wrapped = base.normalizingRewards(objectives: ["agent_1": [0]], gamma: 0.9)
    #expect(wrapped.rewardSpace(for: "agent_1").high[0] == .infinity)
    #expect(wrapped.rewardSpace(for: "agent_0").high == base.rewardSpace(for: "agent_0").high)
    var rng = GymRandom(seed: 2)
    var g = 0.0, count = 1e-4, mean = 0.0, variance = 1.0, checked = 0
    for episode in 0..<20 {
      _ = try plain.reset(seed: UInt64(episode), options: [:])
      _ = try wrapped.reset(seed: UInt64(episode), options: [:])
      while !plain.agents.isEmpty {
        let actions = randomActions(plain, &rng)
        let a = plain.step(actions), b = wrapped.step(actions)
        let r = a.rewards["agent_1"]!.values[0]
        g = g * 0.9 * (a.terminations["agent_1"]! ? 0 : 1) + r
        let delta = g - mean
        mean += delta / (count + 1)
        variance = (variance * count + delta * delta * count / (count + 1)) / (count + 1)
        count += 1
        let expected = r / (variance + 1e-8).squareRoot()
        #expect(abs(b.rewards["agent_1"]!.values[0] - expected) <= 1e-9 * max(1, abs(expected)))
        #expect(b.rewards["agent_1"]!.values[1] == a.rewards["agent_1"]!.values[1])
        #expect(b.rewards["agent_0"] == a.rewards["agent_0"])
        if r != 0 { checked += 1 }
      }
    }
    #expect(checked > 5)
  }

  /// Returns, discounted returns and lengths per agent match a hand count, and only the last
  /// step carries the `"episode"` info.
  @Test func recordEpisodeStatisticsPerAgent() throws {
    var env = try MOItemGathering(seed: 0).recordingEpisodeStatistics(gamma: 0.5)
    var rng = GymRandom(seed: 3)
    for episode in 0..<3 {
      _ = try env.reset(seed: UInt64(episode), options: [:])
      var returns: [String: [Double]] = [:], discounted: [String: [Double]] = [:]
      var discount = 1.0, steps = 0
      var last: [String: Info] = [:]
      while !env.agents.isEmpty {
        let r = env.step(randomActions(env, &rng))
        for (agent, v) in r.rewards {
          returns[agent] = zip(returns[agent] ?? [0, 0, 0], v.values).map(+)
          discounted[agent] = zip(discounted[agent] ?? [0, 0, 0], v.values).map { $0 + discount * $1 }
        }
        discount *= 0.5
        steps += 1
        last = r.infos
        if !env.agents.isEmpty { #expect(r.infos.values.allSatisfy { $0["episode"] == nil }) }
      }
      #expect(steps == 10)
      let recorded = try #require(env.episodes.last)
      #expect(env.episodeCount == episode + 1)
      for agent in env.possibleAgents {
        #expect(recorded.returns[agent] == returns[agent])
        #expect(zip(recorded.discountedReturns[agent]!, discounted[agent]!).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(recorded.lengths[agent] == 10)
        #expect(last[agent]?["episode"]?["l"] == .int(10))
      }
    }
  }

  /// One central agent: the joint index decodes to each village's mine, the reward is the sum
  /// (or mean) of the villages' vectors for the same seeded step, the observation is their
  /// concatenation and the spaces multiply and add up.
  @Test func centraliseAgentOverTheJointAction() throws {
    let base = MOGemMining(agentCount: 3, objectives: 2, instanceSeed: 7, seed: 0)
    var central = base.centralised()
    #expect(central.actionSpace.n == base.connections.reduce(1, *))
    #expect(central.observationSpace.count == 3)
    #expect(central.rewardSpace.high == base.possibleAgents.map { base.rewardSpace(for: $0).high }.reduce([0, 0]) { zip($0, $1).map(+) })
    for joint in 0..<central.actionSpace.n {
      let each = central.decode(joint)
      #expect(central.encode(each) == joint)
      #expect(zip(each, base.possibleAgents).allSatisfy { base.actionSpace(for: $1).contains($0) })
    }
    var mean = base.centralised(grouping: .mean)
    for seed: UInt64 in 0..<20 {
      let joint = Int(seed) % central.actionSpace.n
      var plain = base
      _ = try plain.reset(seed: seed, options: [:])
      let obs = try central.reset(seed: seed, options: [:]).observation
      _ = try mean.reset(seed: seed, options: [:])
      #expect(obs == [0, 0, 0])
      let actions = Dictionary(uniqueKeysWithValues: zip(base.possibleAgents, central.decode(joint)).map { ($0, $1) })
      let a = plain.step(actions)
      let b = central.step(joint), c = mean.step(joint)
      let sum = a.rewards.values.reduce([0.0, 0.0]) { zip($0, $1.values).map(+) }
      #expect(b.reward.values == sum)
      #expect(zip(c.reward.values, sum).allSatisfy { abs($0 - $1 / 3) < 1e-12 })
      #expect(b.terminated && !b.truncated)
    }
  }

  @Test func momalandNamesReachOurEnvironments() throws {
    #expect(MultiObjective.canonicalMultiAgentID("mobeach_v0") == "mo-beach-v0")
    #expect(MultiObjective.canonicalMultiAgentID("mo-item-gathering-v0") == "mo-item-gathering-v0")
    #expect(MultiObjective.canonicalMultiAgentID("deep-sea-treasure-v0") == nil)
    let error = #expect(throws: RegistryError.self) {
      try MultiAgentRunner.run(MultiAgentRunConfiguration(environmentID: "mo-pistonball-v0"))
    }
    #expect(error?.message.contains("mogem_mining_v0") == true)
  }
}

@Suite struct MultiAgentRunnerTests {
  /// What `gym morl multi` prints: one return per weight, scored as a front at the
  /// environment's reference point.
  @Test(arguments: ["mogem_mining_v0", "mo-beach-v0", "mo-item-gathering-v0"])
  func runsAndScoresTheFront(id: String) throws {
    var c = MultiAgentRunConfiguration(environmentID: id)
    c.weightCount = 3
    c.episodes = 30
    c.evaluationEpisodes = 5
    c.options = id == "mo-beach-v0" ? ["num_agents": 8, "sections": 3, "capacity": 2] : id == "mogem_mining_v0" ? ["num_agents": 4] : [:]
    let result = try MultiAgentRunner.run(c)
    #expect(result.returns.count == result.weights.count && result.weights.count >= 3)
    let front = Pareto.nonDominated(result.returns, tolerance: 1e-9)
    #expect(result.score.cardinality == front.count)
    #expect(abs(result.score.hypervolume - (try Hypervolume.compute(front, reference: result.referencePoint))) < 1e-12)
    #expect(result.referencePoint == MultiObjective.multiAgentReferencePoint(id, objectives: result.referencePoint.count))
    #expect(result.score.hypervolume > 0)
    // Same seed, same result.
    #expect(try MultiAgentRunner.run(c).returns == result.returns)
  }

  @Test func wrongReferencePointIsRejected() throws {
    var c = MultiAgentRunConfiguration(environmentID: "mo-beach-v0")
    c.referencePoint = [0, 0, 0]
    #expect(throws: MetricError.self) { try MultiAgentRunner.run(c) }
  }
}
