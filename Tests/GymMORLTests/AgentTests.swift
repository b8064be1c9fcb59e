import GymCore
import GymMORL
import GymMultiObjective
import Testing

@Suite struct ParetoQLearningTests {
  /// MORL-Baselines' protocol: γ = 0.99, reference point (0, −25), ε 1 → 0.1 over 100k steps,
  /// hypervolume action scoring. Every one of the ten Pareto-optimal returns must be recovered
  /// by tracking, concave points included (no linear weighting reaches those).
  @Test(arguments: zip(["deep-sea-treasure-v0", "deep-sea-treasure-concave-v0"], [360.40095, 1101.38443]))
  func recoversTheWholeDeepSeaTreasureFront(id: String, hypervolume: Double) throws {
    for seed: UInt64 in [0, 1] {
      var c = MORLRunConfiguration(environmentID: id, algorithm: .pql)
      c.steps = 100_000
      c.evaluateEvery = 1000
      c.seed = seed
      c.stopWhenFrontFound = true
      let result = try MORLRunner.run(c)
      let exact = try #require(result.trueFront)
      #expect(exact.count == 10)
      #expect(abs(try #require(result.trueHypervolume) - hypervolume) < 1e-3)
      let reached = try #require(result.firstFullFront, "\(id) seed \(seed): the exact front was not reached in 100k steps")
      #expect(reached.score.cardinality == 10)
      #expect(abs(reached.score.hypervolume - hypervolume) < 1e-3)
      #expect(try #require(reached.score.maximumUtilityLoss) < 1e-9)
      // Every exact point has a tracked return within float32 rounding.
      for p in exact {
        #expect(reached.score.front.contains { q in zip(p, q).allSatisfy { abs($0 - $1) < 1e-4 } }, "\(id) seed \(seed): \(p) missing")
      }
    }
  }

  @Test func sameSeedSameLearningCurve() throws {
    var c = MORLRunConfiguration(environmentID: "deep-sea-treasure-concave-v0", algorithm: .pql)
    c.steps = 6000
    c.evaluateEvery = 2000
    c.seed = 7
    let a = try MORLRunner.run(c).evaluations.map(\.score.front)
    let b = try MORLRunner.run(c).evaluations.map(\.score.front)
    #expect(a.count == 3 && a == b)
  }

  @Test func cardinalityScoringAlsoLearnsTheConvexFront() throws {
    let env = DeepSeaTreasure(map: .convex)
    var pc = ParetoQLearning<DeepSeaTreasure>.Configuration(referencePoint: [0, -25])
    pc.actionScoring = .cardinality
    pc.seed = 3
    let agent = ParetoQLearning(env: env, configuration: pc)
    let scoring = FrontScoring(referencePoint: [0, -25])
    let log = try agent.train(steps: 60_000, evaluateEvery: 20_000, scoring: scoring)
    // Learning is monotone enough that the last evaluation beats the first by a margin.
    #expect(log.count == 3)
    #expect(log.last!.score.hypervolume > log.first!.score.hypervolume || log.first!.score.cardinality == 10)
    #expect(log.last!.score.cardinality >= 5)
  }
}

@Suite struct ParetoQLearningStochasticTests {
  /// On resource-gathering (enemies kill with probability 0.1) the tracked policies are valued
  /// as exact expectations over the model's outcomes. One sampled episode — the earlier
  /// evaluation — credited a policy that walks past an enemy with the enemy's mercy, so the
  /// learned front (HV 5.58) beat the exact one (5.41). No evaluated front may exceed it.
  @Test func evaluatedFrontNeverBeatsTheExactFront() throws {
    for seed: UInt64 in [0, 1] {
      var c = MORLRunConfiguration(environmentID: "resource-gathering-v0", algorithm: .pql)
      c.steps = 20_000
      c.evaluateEvery = 5000
      c.seed = seed
      let result = try MORLRunner.run(c)
      let exact = try #require(result.trueHypervolume)
      #expect(abs(exact - 5.4147) < 1e-4)
      #expect(result.evaluations.count == 4)
      for e in result.evaluations {
        #expect(e.score.hypervolume <= exact + 1e-9, "seed \(seed) step \(e.step): \(e.score.front)")
        #expect(e.score.front.allSatisfy { $0[0] <= 1e-12 })
      }
      // The three exact points are reached: gold alone, gold and the gem around the enemies,
      // the gem alone, all without risk.
      #expect(abs(try #require(result.final).score.hypervolume - exact) < 1e-9)
    }
  }

  /// On a deterministic environment the exact expectation and a tracked episode agree.
  @Test func exactTrackingEqualsAnEpisodeOnDeepSeaTreasure() throws {
    let env = DeepSeaTreasure(map: .concave)
    var pc = ParetoQLearning<DeepSeaTreasure>.Configuration(referencePoint: [0, -25])
    pc.seed = 1
    let agent = ParetoQLearning(env: env, configuration: pc)
    try agent.train(steps: 20_000, evaluateEvery: 20_000, scoring: FrontScoring(referencePoint: [0, -25]))
    let front = agent.localFront()
    #expect(front.count >= 3)
    for target in front {
      let episode = agent.trackPolicy(target)
      let expected = agent.expectedTrackReturn(target, model: env)
      #expect(zip(episode, expected).allSatisfy { abs($0 - $1) < 1e-9 }, "\(target): \(episode) vs \(expected)")
    }
  }
}

@Suite struct ScalarizedAgentTests {
  /// Scalarised Q-learning converges to one deterministic policy whose return is a point of
  /// the exact front (ε-greedy exploration from a zero table rarely reaches the deepest
  /// treasures, so which point depends on the weight and the seed); with most weight on time
  /// it is the nearest treasure, 0.7 after one step.
  @Test func scalarisedQLearningLandsOnTheExactFront() throws {
    for weight in [[1.0, 0.0], [0.5, 0.5], [0.1, 0.9]] {
      var c = MORLRunConfiguration(environmentID: "deep-sea-treasure-v0", algorithm: .moql)
      c.weight = weight
      c.steps = 40_000
      c.evaluateEvery = 40_000
      let result = try MORLRunner.run(c)
      let front = try #require(result.final).score.front
      let exact = try #require(result.trueFront)
      #expect(front.count == 1)
      #expect(exact.contains { p in zip(p, front[0]).allSatisfy { abs($0 - $1) < 1e-4 } }, "weight \(weight): \(front)")
      if weight == [0.1, 0.9] { #expect(abs(front[0][0] - 0.7) < 1e-6 && front[0][1] == -1) }
    }
  }

  @Test func badConfigurationIsRejected() throws {
    var c = MORLRunConfiguration(environmentID: "minecart-v0", algorithm: .pql)
    #expect(throws: RegistryError.self) { try MORLRunner.run(c) }
    c.environmentID = "deep-sea-treasure-v0"
    c.referencePoint = [0, 0, 0]
    #expect(throws: MetricError.self) { try MORLRunner.run(c) }
    c.referencePoint = nil
    c.algorithm = .moql
    c.weight = [1]
    #expect(throws: MetricError.self) { try MORLRunner.run(c) }
  }
}
