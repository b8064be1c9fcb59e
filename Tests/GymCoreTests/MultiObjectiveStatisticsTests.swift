import GymCore
import Testing

/// A two-objective chain: step t (1-based) pays [1, -t]; episodes last `length` steps.
private struct Chain: MultiObjectiveEnvironment {
  var length: Int
  var t = 0
  let observationSpace = Discrete(100)
  let actionSpace = Discrete(2)
  let rewardSpace = Box<[Float]>(low: [0, -100], high: [1, 0])

  mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Int> {
    t = 0
    return (0, [:])
  }

  mutating func step(_ action: Int) -> StepResult<Int, RewardVector> {
    t += 1
    return (t, [1, -Double(t)], t >= length, false, [:])
  }
}

/// Two agents; each step pays every live agent [1, agent index]; ends after 2 steps.
private struct Pair: MultiObjectiveParallelEnvironment {
  let possibleAgents = ["a", "b"]
  var agents: [String] = []
  var t = 0
  func observationSpace(for agent: String) -> Discrete { Discrete(3) }
  func actionSpace(for agent: String) -> Discrete { Discrete(2) }
  func rewardSpace(for agent: String) -> Box<[Float]> { Box(low: [0, 0], high: [1, 1]) }

  mutating func reset(seed: UInt64?, options: Options) throws -> (observations: [String: Int], infos: [String: Info]) {
    agents = possibleAgents
    t = 0
    return (["a": 0, "b": 0], ["a": [:], "b": [:]])
  }

  mutating func step(_ actions: [String: Int]) -> (
    observations: [String: Int], rewards: [String: RewardVector], terminations: [String: Bool],
    truncations: [String: Bool], infos: [String: Info]
  ) {
    t += 1
    var obs: [String: Int] = [:], rew: [String: RewardVector] = [:], term: [String: Bool] = [:]
    for (i, a) in agents.enumerated() {
      obs[a] = t
      rew[a] = [1, Double(i)]
      term[a] = t >= 2
    }
    let done = t >= 2
    if done { agents = [] }
    return (obs, rew, term, term.mapValues { _ in false }, term.mapValues { _ in [:] })
  }
}

@Suite struct MultiObjectiveStatisticsTests {
  @Test func recordsUndiscountedAndDiscountedReturnVectors() throws {
    var env = Chain(length: 3).recordingVectorStatistics(gamma: 0.5)
    _ = try env.reset()
    _ = env.step(0)
    _ = env.step(0)
    let last = env.step(0)
    // r = [3, -6]; dr = [1 + .5 + .25, -1 - 2·.5 - 3·.25] = [1.75, -2.75].
    #expect(last.info["episode"]?["r"] == [3.0, -6.0])
    #expect(last.info["episode"]?["dr"] == [1.75, -2.75])
    #expect(last.info["episode"]?["l"] == 3)
    #expect(env.discountedReturnQueue.last == RewardVector([1.75, -2.75]))
    #expect(env.rewardSpace.high == [1, 0])
    // The next episode starts from zero.
    _ = try env.reset()
    _ = env.step(0)
    #expect(env.episodeReturn == RewardVector([1, -1]))
    #expect(env.episodeCount == 1)
  }

  @Test(arguments: [AutoresetMode.nextStep, .sameStep])
  func vectorStatisticsFollowEachSubEnvironment(mode: AutoresetMode) throws {
    let vector = VectorEnvironment(count: 2, autoresetMode: mode) { i in Chain(length: i + 2) }
    var stats = VectorEpisodeStatistics<RewardVector>(count: 2, gamma: 0.5)
    try vector.reset(seed: 0)
    var finished: [FinishedEpisode<RewardVector>] = []
    for _ in 0..<7 {
      vector.step([0, 0])
      finished += stats.record(vector)
    }
    // Sub-env 0 (length 2) and 1 (length 3): every finished episode has the chain's returns.
    let zero = finished.filter { $0.index == 0 }, one = finished.filter { $0.index == 1 }
    #expect(zero.count >= 2 && one.count >= 1)
    for e in zero {
      #expect(e.length == 2 && e.episodeReturn == RewardVector([2, -3]))
      #expect(e.discountedReturn == RewardVector([1.5, -2]))
      #expect(e.terminated)
    }
    for e in one { #expect(e.length == 3 && e.episodeReturn == RewardVector([3, -6])) }
    #expect(stats.episodeCount == finished.count)
  }

  @Test func parallelEnvironmentValidatesActions() throws {
    var env = Pair()
    _ = try env.reset(seed: 0, options: [:])
    #expect(env.rewardSpace(for: "a").count == 2)
    #expect(throws: ParallelEnvironmentError.self) { try env.validate(["a": 0]) }
    do {
      try env.validate(["a": 0, "b": 5])
      Issue.record("expected an error")
    } catch let e as ParallelEnvironmentError {
      #expect(e.message.contains("agent 'b'") && e.message.contains("Discrete(2)"))
    }
    do {
      _ = try env.checkedStep(["a": 0, "b": 1, "c": 0])
      Issue.record("expected an error")
    } catch let e as ParallelEnvironmentError {
      #expect(e.message.contains("'c'"))
    }
    let r = try env.checkedStep(["a": 1, "b": 0])
    #expect(r.rewards["b"] == RewardVector([1, 1]))
  }
}
