import GymCore
import GymMORL
import GymMultiObjective
import Testing

@Suite struct IndependentScalarizedQLearningTests {
  static func mines() -> MOGemMining { MOGemMining(agentCount: 6, objectives: 2, correlatedObjectives: false, instanceSeed: 5) }

  /// Weighting one gem type makes the villages mine more of it than weighting the other.
  @Test func weightsSteerTheJointPolicy() throws {
    let front = try IndependentScalarizedQLearning.front(
      make: Self.mines, weights: [[1, 0], [0, 1]], episodes: 10000, maxSteps: 1, learningRate: 0.01, evaluationEpisodes: 400, seed: 1)
    #expect(front.count == 2)
    #expect(front[0][0] > front[1][0], "\(front)")
    #expect(front[1][1] > front[0][1], "\(front)")
    // And it beats sending everyone to its first mine on the weighted objective.
    var env = Self.mines()
    var fixed = [0.0, 0.0]
    var seeds = GymRandom(seed: 2)
    for _ in 0..<400 {
      _ = try env.reset(seed: seeds.next(), options: [:])
      var actions: [String: Int] = [:]
      for agent in env.agents { actions[agent] = env.actionSpace(for: agent).start }
      for (_, r) in env.step(actions).rewards { for k in 0..<2 { fixed[k] += r.values[k] / 6 / 400 } }
    }
    #expect(front[0][0] >= fixed[0] - 0.05 && front[1][1] >= fixed[1] - 0.05, "\(front) vs \(fixed)")
  }

  @Test func sameSeedSameFront() throws {
    let a = try IndependentScalarizedQLearning.front(make: Self.mines, weights: [[0.5, 0.5]], episodes: 200, maxSteps: 1, seed: 9)
    let b = try IndependentScalarizedQLearning.front(make: Self.mines, weights: [[0.5, 0.5]], episodes: 200, maxSteps: 1, seed: 9)
    #expect(a == b)
  }
}
