import GymBandits
import GymCore
import GymTesting
import SwiftGym
import Testing

@Suite("Bandit environments")
struct EnvironmentTests {
  /// Every named instance passes Gymnasium's environment checks through its registry id.
  @Test(arguments: Bandits.instances.map(\.name))
  func everyInstancePassesTheChecker(name: String) throws {
    let id = try Bandits.instance(named: name).id
    try checkEnvironment({ try make(id, options: ["horizon": 60]) }, steps: 150)
  }

  /// Every instance reports a finite, non-negative expected regret for stationary and
  /// contextual problems, and truncates exactly at its horizon.
  @Test(arguments: Bandits.instances.map(\.name))
  func everyPullReportsRegretAndTheHorizonIsTheTimeLimit(name: String) throws {
    let env = try make(try Bandits.instance(named: name).id, options: ["horizon": 40])
    _ = try env.reset(seed: 11, options: [:])
    var rng = GymRandom(seed: 2)
    for t in 1...40 {
      let r = try env.checkedStep(env.sampleAction(using: &rng))
      let regret = try #require(r.info["regret"]?.doubleValue)
      #expect(regret.isFinite)
      if !name.hasPrefix("WeightedTallying") && !name.hasPrefix("Adversarial") {
        #expect(regret >= -1e-12, "\(name): regret \(regret) at pull \(t)")
      }
      #expect(r.truncated == (t == 40))
    }
  }

  @Test func unknownNamesListWhatIsAllowed() {
    #expect(throws: OptionError.self) { try Bandits.instance(named: "Bernoulli-8") }
    do {
      _ = try Bandits.instance(named: "Bernoulli-8")
    } catch let error as OptionError {
      #expect(error.message.contains("Bernoulli-9"))
      #expect(error.message.contains("DynamicalLinear"))
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func badOptionsThrowNamingTheOption() {
    for (options, fragment) in [
      (["means": JSONValue.array([.double(0.5), .double(1.5)])], "must be in [0.0, 1.0], got 1.5"),
      (["horizon": .int(0)], "horizon"),
      (["colour": .string("red")], "allowed: means, horizon"),
    ] as [(Options, String)] {
      do {
        _ = try make("Bernoulli-9-v0", options: options)
        Issue.record("options \(options) were accepted")
      } catch {
        #expect("\(error)".contains(fragment), "\(error)")
      }
    }
  }

  @Test func gymnasiumRegistryKnowsTheIDsAndHorizons() throws {
    let spec = try Registry.standard.spec("Bernoulli-9-v0")
    #expect(spec.maxEpisodeSteps == 10_000)
    #expect(spec.family == "bandits")
    #expect(Registry.standard.ids.contains("DynamicalLinear-v0"))
    #expect(Registry.standard.ids.contains("BanditBench-Bernoulli-20-Hard-v0"))
  }
}

@Suite("Dynamical linear bandit")
struct DynamicalLinearBanditTests {
  /// The research note's exact table for the paper's synthetic system (§3.1, §6.5).
  @Test func steadyStateTableMatchesTheResearchNote() {
    let env = DynamicalLinearBandit.reference(horizon: 10)
    let h = env.markovParameter
    #expect(abs(h[0] - 0.5625) < 1e-12 && abs(h[1] - 0.5) < 1e-12 && abs(h[2] - 1.0 / 9) < 1e-12)
    let expected: [[Double]: Double] = [
      [1, 0.5, 0]: 0.8125, [0.5, 1, 0]: 0.78125, [1, 0, 0.5]: 0.6181, [0, 1, 0.5]: 0.5556, [0.5, 0, 1]: 0.3924, [0, 0.5, 1]: 0.3611,
    ]
    #expect(env.armCount == 6)
    for a in 0..<6 {
      let action = Array(env.actions[(a * 3)..<(a * 3 + 3)])
      let value = try! #require(expected[action])
      #expect(abs(env.steadyStateValues[a] - value) < 5e-5, "\(action): \(env.steadyStateValues[a])")
    }
    #expect(Array(env.actions[(env.bestAction * 3)..<(env.bestAction * 3 + 3)]) == [1, 0.5, 0])
    // The myopic first-step values reverse channels 1 and 2.
    let lure = (0..<6).first { Array(env.actions[($0 * 3)..<($0 * 3 + 3)]) == [0, 1, 0.5] }!
    #expect(abs(env.immediateValue(of: lure) - 0.55) < 1e-12)
    #expect(abs(env.immediateValue(of: env.bestAction) - 0.25) < 1e-12)
    #expect(abs(env.spectralRadiusEstimate - 0.2) < 1e-6)
  }

  /// Holding an action drives the noise-free reward to its steady-state value.
  @Test func holdingAnActionConvergesToItsSteadyState() throws {
    var env = DynamicalLinearBandit.reference(noise: 0, horizon: 100)
    _ = try env.reset(seed: 0)
    var reward = 0.0
    for _ in 0..<30 { reward = env.pull(env.bestAction).reward }
    #expect(abs(reward - 0.8125) < 1e-12)
  }

  @Test func unstableSystemsAreRejected() {
    #expect(throws: OptionError.self) {
      try DynamicalLinearBandit(options: ["A": [[1.2, 0, 0], [0, 0, 0], [0, 0, 0.1]]], defaultHorizon: 10)
    }
  }
}

@Suite("Weighted tallying bandit")
struct WeightedTallyingBanditTests {
  /// Karp's minimum mean cycle over all action sequences equals the REO arm's saturated loss:
  /// the default instance satisfies Repeated Exposure Optimality.
  @Test func defaultInstanceSatisfiesREO() throws {
    let env = WeightedTallyingBandit(
      weights: WeightedTallyingBandit.defaultWeights, freshLoss: WeightedTallyingBandit.defaultFreshLoss,
      saturatedLoss: WeightedTallyingBandit.defaultSaturatedLoss, horizon: 10)
    let optimum = try #require(env.optimalAverageLoss())
    #expect(abs(optimum - env.benchmarkLoss) < 1e-12)
    #expect(env.reoArm == 0)
  }

  /// An instance where alternating beats repetition is detected as violating REO.
  @Test func detectsInstancesWithoutREO() throws {
    // Both arms are cheap when rested and costly when saturated: alternating keeps tallies low.
    let env = WeightedTallyingBandit(weights: [1], freshLoss: [0.1, 0.1], saturatedLoss: [0.9, 0.9], horizon: 10)
    let optimum = try #require(env.optimalAverageLoss())
    #expect(abs(optimum - 0.1) < 1e-12)
    #expect(optimum < env.benchmarkLoss - 0.5)
  }

  @Test func lossFollowsTheWeightedTally() throws {
    var env = WeightedTallyingBandit(weights: [0.5, 0.3, 0.2], freshLoss: [1, 0], saturatedLoss: [0, 1], horizon: 10)
    _ = try env.reset(seed: 1)
    #expect(env.expectedLoss(of: 0) == 1)
    _ = env.pull(0)
    _ = env.pull(1)
    // Arm 0 was played two rounds ago: tally 0.3 of 1.
    #expect(abs(env.expectedLoss(of: 0) - 0.7) < 1e-12)
    #expect(abs(env.expectedLoss(of: 1) - 0.5) < 1e-12)
  }
}

@Suite("Other bandit families")
struct OtherFamilyTests {
  @Test func adversarialDecoyHasArmZeroBestInHindsight() throws {
    var env = AdversarialBandit(.decoy(arms: 3, horizon: 1_000))
    #expect(env.bestArm == 0)
    #expect(env.armTotals == [600, 250, 200])
    _ = try env.reset(seed: nil)
    var regret = 0.0
    for _ in 0..<1_000 { regret += env.pull(1).regret }
    #expect(abs(regret - 350) < 1e-9)
  }

  @Test func piecewiseMeansChangeAtBreakpoints() throws {
    var env = PiecewiseStationaryBandit(phases: Bandits.smpyPhases, phaseLength: 400, horizon: 2_400)
    _ = try env.reset(seed: 3)
    var optimal: [Int] = []
    for _ in 0..<1_600 { optimal.append(env.pull(0).optimalArm) }
    #expect(optimal[0] == 2 && optimal[399] == 2)
    #expect(optimal[400] == 2 && optimal[799] == 2)  // (0.5, 0.4, 0.7)
    #expect(optimal[800] == 0)  // (0.6, 0.3, 0.5)
    #expect(optimal[1_200] == 2)  // back to the first phase
  }

  @Test func recoveringArmsRecoverWithRest() throws {
    var env = RecoveringBandit(curves: RecoveringBandit.defaultCurves, zMax: 30, sigma: 0, horizon: 100)
    _ = try env.reset(seed: 0)
    let rested = env.currentMeans[0]
    #expect(abs(env.pull(0).expectedReward - rested) < 1e-12)
    #expect(abs(env.currentMeans[0] - 0.2) < 1e-12)
    _ = env.pull(1)
    _ = env.pull(1)
    let curve = RecoveringBandit.defaultCurves[0]
    #expect(abs(env.currentMeans[0] - curve.mean(afterRest: 2)) < 1e-12)
  }

  @Test func linearRegretIsTheGapToTheBestArmThisRound() throws {
    var env = LinearContextualBandit(arms: 5, dimension: 3, noise: 0, horizon: 50)
    _ = try env.reset(seed: 4)
    for _ in 0..<50 {
      let expected = env.expectedRewards
      let f = env.pull(2)
      #expect(abs(f.regret - (expected.max()! - expected[2])) < 1e-12)
      #expect(abs(f.reward - expected[2]) < 1e-12)
    }
  }

  @Test func banditBenchShufflesPerSeedAndNamesArms() throws {
    let config = BanditBench.Configuration(arms: 5, bernoulli: true, difficulty: .hard, scenario: .onlineAds)
    var a = BanditBenchBandit(config), b = BanditBenchBandit(config)
    var bestArms = Set<Int>()
    for seed in 0..<20 as Range<UInt64> {
      _ = try a.reset(seed: seed)
      _ = try b.reset(seed: seed)
      #expect(a.arms == b.arms)
      #expect(a.arms.means.sorted() == [0.4, 0.4, 0.4, 0.4, 0.6])
      bestArms.insert(a.arms.bestArm)
    }
    #expect(bestArms.count >= 3)
    #expect(a.actionNames == ["A", "B", "C", "D", "E"])
    #expect(try a.action(named: " c ") == 2)
    #expect(throws: EnvironmentError.self) { try a.action(named: "F") }
    #expect(a.verbalize(arm: 1, reward: 1) == "B advertisement, reward 1")
    #expect(BanditBench.hardCore.count == 2)
    #expect(BanditBench.configurations.count == 8)
  }

  @Test func banditBenchGaussianMeansHaveTheConfiguredSpread() throws {
    var env = BanditBenchBandit(BanditBench.Configuration(arms: 20, bernoulli: false, difficulty: .hard))
    var values: [Double] = []
    for seed in 0..<100 as Range<UInt64> {
      _ = try env.reset(seed: seed)
      values += env.arms.means
    }
    let mean = values.reduce(0, +) / Double(values.count)
    let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
    #expect(abs(mean) < 0.3)
    #expect(abs(sd - 3) < 0.2)
  }

  @Test func recommendationTaskServesHeldOutUsers() throws {
    var env = BanditBenchRecommendation(horizon: 100)
    _ = try env.reset(seed: 9)
    let rows = env.currentObservation
    #expect(rows.count == 10 * 11)
    #expect(rows[0] == 1 && rows[11] == 1)
    #expect(Array(rows[1..<11]) == Array(rows[12..<22]))
    for _ in 0..<100 {
      let f = env.pull(0)
      #expect(f.regret >= 0)
    }
  }
}
