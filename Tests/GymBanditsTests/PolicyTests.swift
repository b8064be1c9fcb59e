import GymBanditAgents
import GymBandits
import GymCore
import RealModule
import Testing

@Suite("Index policies")
struct IndexPolicyTests {
  /// UCB1's indices after a scripted history, computed by hand.
  @Test func ucb1IndicesAfterAScriptedHistory() {
    var p = UCB1(armCount: 3)
    for (arm, reward) in [(0, 1.0), (1, 0.0), (2, 1.0), (0, 0.0), (2, 1.0)] { p.update(arm: arm, reward: reward) }
    let logT = Double.log(5.0)
    let expected = [0.5 + (2 * logT / 2).squareRoot(), 0 + (2 * logT / 1).squareRoot(), 1 + (2 * logT / 2).squareRoot()]
    for (a, b) in zip(p.upperConfidenceBounds, expected) { #expect(abs(a - b) < 1e-12) }
    // 1.769, 1.794, 2.269: arm 2 leads, and arm 1's single pull beats arm 0's two.
    #expect(p.act(0) == 2)
    var q = UCB1(armCount: 3)
    for (arm, reward) in [(0, 0.4), (1, 0.0), (2, 0.4), (0, 0.4), (2, 0.4)] { q.update(arm: arm, reward: reward) }
    #expect(q.act(0) == 1)  // 0.4 + 1.269 < 0 + 1.794
  }

  @Test func everyIndexPolicyStartsWithOnePullPerArmInOrder() {
    var ucb = UCB1(armCount: 4), kl = KLUCB(armCount: 4)
    var eg = EpsilonGreedy(armCount: 4, schedule: .fixed(0.5), seed: 1)
    for arm in 0..<4 {
      #expect(ucb.act(0) == arm && kl.act(0) == arm && eg.act(0) == arm)
      ucb.update(arm: arm, reward: 0.5)
      kl.update(arm: arm, reward: 0.5)
      eg.update(arm: arm, reward: 0.5)
    }
  }

  @Test func greedyExploitsTheBestEmpiricalMeanWithLowestIndexTies() {
    var g = EpsilonGreedy(armCount: 3, schedule: .fixed(0), seed: 1)
    for (arm, r) in [(0, 0.2), (1, 0.7), (2, 0.7)] {
      _ = g.act(0)
      g.update(arm: arm, reward: r)
    }
    for _ in 0..<10 { #expect(g.act(0) == 1) }
    let decay = EpsilonGreedy(armCount: 10, schedule: .decaying(c: 0.1, gap: 0.1), seed: 1)
    #expect(decay.epsilon == 1)  // min(1, 0.1·10/(0.01·1))
  }

  /// EXP3's distribution after scripted pulls, from the update rule by hand.
  @Test func exp3ProbabilitiesFollowTheUpdateRule() {
    var p = EXP3(armCount: 3, gamma: 0.3, seed: 4)
    #expect(p.probabilities.allSatisfy { abs($0 - 1.0 / 3) < 1e-15 })
    let arm = p.act(0)
    p.update(arm: arm, reward: 1)
    // w_arm = exp(γ · (1/p) / K) with p = 1/3.
    let w = Double.exp(0.3 * 3 / 3)
    let total = w + 2
    for i in 0..<3 {
      let expected = 0.7 * (i == arm ? w : 1) / total + 0.1
      #expect(abs(p.probabilities[i] - expected) < 1e-12)
    }
    #expect(abs(EXP3.tunedGamma(armCount: 9, horizon: 10_000) - (9 * Double.log(9) / ((Double.exp(1) - 1) * 10_000)).squareRoot()) < 1e-15)
  }

  @Test func policiesAreDeterministicGivenTheirSeed() {
    func trace<P: BanditPolicy>(_ make: () -> P) -> [Int] where P.Observation == Int {
      var p = make()
      var rng = GymRandom(seed: 9)
      return (0..<300).map { _ in
        let a = p.act(0)
        p.update(arm: a, reward: rng.nextDouble() < 0.5 ? 1 : 0)
        return a
      }
    }
    #expect(trace { BetaThompsonSampling(armCount: 5, seed: 3) } == trace { BetaThompsonSampling(armCount: 5, seed: 3) })
    #expect(trace { BetaThompsonSampling(armCount: 5, seed: 3) } != trace { BetaThompsonSampling(armCount: 5, seed: 4) })
    #expect(trace { EXP3(armCount: 5, horizon: 300, seed: 3) } == trace { EXP3(armCount: 5, horizon: 300, seed: 3) })
    #expect(trace { GaussianThompsonSampling(armCount: 5, seed: 3) } == trace { GaussianThompsonSampling(armCount: 5, seed: 3) })
  }

  @Test func successiveEliminationDropsClearlyWorseArms() {
    var p = SuccessiveElimination(armCount: 3, delta: 0.01)
    for _ in 0..<3_000 {
      let a = p.act(0)
      p.update(arm: a, reward: a == 2 ? 1 : (a == 1 ? 0.5 : 0))
    }
    #expect(p.active == [2])
    #expect(abs(p.radius(pulls: 10) - (Double.log(4 * 3 * 100 / 0.01) / 20).squareRoot()) < 1e-12)
  }

  @Test func weightedTallyEliminationDiscardsSaturationPlays() {
    var p = WeightedTallyElimination(armCount: 2, memoryBound: 3, samplesPerBlock: 2, delta: 0.1)
    var plays: [Int] = []
    for _ in 0..<10 {
      let a = p.act(0)
      plays.append(a)
      p.update(arm: a, reward: 1)
    }
    #expect(plays == [0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
    #expect(p.statistics.counts == [2, 2])
  }
}

@Suite("Linear policies")
struct LinearPolicyTests {
  @Test func ridgeModelMatchesTheNormalEquations() {
    var m = RidgeModel(dimension: 2, lambda: 0.5)
    let samples: [([Double], Double)] = [([1, 0], 1), ([0, 1], 2), ([1, 1], 2.5), ([2, -1], 0.5)]
    for (x, r) in samples { x.withUnsafeBufferPointer { m.add($0, reward: r) } }
    // V = 0.5 I + Σ x xᵀ, b = Σ r x, θ = V⁻¹ b.
    var v = [0.5, 0, 0, 0.5], b = [0.0, 0]
    for (x, r) in samples {
      for i in 0..<2 { for j in 0..<2 { v[i * 2 + j] += x[i] * x[j] } }
      for i in 0..<2 { b[i] += r * x[i] }
    }
    let det = v[0] * v[3] - v[1] * v[2]
    let theta = [(v[3] * b[0] - v[1] * b[1]) / det, (-v[2] * b[0] + v[0] * b[1]) / det]
    #expect(abs(m.theta[0] - theta[0]) < 1e-12 && abs(m.theta[1] - theta[1]) < 1e-12)
    let inverse = [v[3] / det, -v[1] / det, -v[2] / det, v[0] / det]
    for i in 0..<4 { #expect(abs(m.inverse[i] - inverse[i]) < 1e-12) }
  }

  @Test(arguments: [LinearModel.shared, .disjoint])
  func linUCBLearnsALinearBandit(model: LinearModel) throws {
    var env = LinearContextualBandit(model: model == .shared ? .shared : .disjoint, arms: 10, dimension: 5, noise: 0.1, horizon: 2_000)
    _ = try env.reset(seed: 7)
    var p = LinUCB(armCount: 10, dimension: 5, model: model)
    var early = 0.0, late = 0.0
    for t in 0..<2_000 {
      let a = p.act(env.currentObservation)
      let f = env.pull(a)
      p.update(arm: a, reward: f.reward)
      if t < 200 { early += f.regret } else if t >= 1_800 { late += f.regret }
    }
    #expect(late < early / 3, "regret per 200 pulls: first \(early), last \(late)")
  }

  @Test func linTSLearnsALinearBandit() throws {
    var env = LinearContextualBandit(arms: 10, dimension: 5, noise: 0.1, horizon: 2_000)
    _ = try env.reset(seed: 8)
    var p = LinTS(armCount: 10, dimension: 5, seed: 1)
    var early = 0.0, late = 0.0
    for t in 0..<2_000 {
      let a = p.act(env.currentObservation)
      let f = env.pull(a)
      p.update(arm: a, reward: f.reward)
      if t < 200 { early += f.regret } else if t >= 1_800 { late += f.regret }
    }
    #expect(late < early / 3, "regret per 200 pulls: first \(early), last \(late)")
  }

  @Test func dynLinUCBEpochsGrowLogarithmically() {
    #expect((1...6).map { DynLinUCB.epochLength($0, spectralRadiusBound: 0.5) } == [1, 2, 2, 3, 3, 3])
    #expect(DynLinUCB.epochLength(25, spectralRadiusBound: 0.2) == 3)
    #expect(DynLinUCB.epochLength(1_000, spectralRadiusBound: 0) == 1)
    // It holds its action for the whole epoch.
    var p = DynLinUCB(armCount: 2, dimension: 2, parameters: .init(spectralRadiusBound: 0.5))
    let features: [Float] = [1, 0, 0, 1]
    var plays: [Int] = []
    for _ in 0..<8 {
      let a = p.act(features)
      plays.append(a)
      p.update(arm: a, reward: a == 0 ? 1 : 0)
    }
    #expect(p.epoch == 4)
    #expect(plays[1] == plays[2] && plays[3] == plays[4])
  }
}

@Suite("Best-arm identification")
struct BestArmTests {
  /// The research note's phase lengths for K = 20, n = 2,000 (§6.4).
  @Test func successiveRejectsPhaseLengths() {
    #expect(abs(SuccessiveRejects.logBar(20) - 3.0977) < 1e-4)
    let n = SuccessiveRejects.phaseLengths(arms: 20, budget: 2_000)
    #expect(n.count == 19 && n.first == 32 && n.last == 320)
    // Pulls used: arms rejected in phase k were pulled n_k times; the last two n_{K−1} times.
    let used = n.reduce(0, +) + n.last!
    #expect(used <= 2_000)
  }

  @Test func successiveRejectsSpendsItsScheduleAndRecommendsTheSurvivor() {
    var p = SuccessiveRejects(armCount: 4, budget: 100, seed: 1)
    for _ in 0..<100 {
      let a = p.act(0)
      p.update(arm: a, reward: Double(a) / 4)
    }
    #expect(p.survivors == [3])
    #expect(p.recommendation == 3)
  }

  @Test func maxDetFindsTheLargestDeterminant() {
    var rng = GymRandom(seed: 12)
    for _ in 0..<20 {
      let vectors = (0..<7).map { _ in (0..<3).map { _ in rng.normal() } }
      let chosen = MaxDet.collection(vectors, size: 3)
      let best = abs(MaxDet.determinant(chosen.map { vectors[$0] }))
      var brute = 0.0
      for i in 0..<7 { for j in (i + 1)..<7 { for k in (j + 1)..<7 { brute = max(brute, abs(MaxDet.determinant([vectors[i], vectors[j], vectors[k]]))) } } }
      #expect(abs(best - brute) < 1e-12)
      // The greedy-plus-swaps path reaches a local optimum at least as large as greedy volume.
      let heuristic = MaxDet.collection(vectors, size: 3, exactLimit: 0)
      #expect(abs(MaxDet.determinant(heuristic.map { vectors[$0] })) >= 0.5 * brute)
    }
    #expect(MaxDet.basis(of: [[1, 0, 1], [2, 0, 2], [0, 1, 0]]).count == 2)
  }

  @Test func dpBAISamplesAMaxDetCollectionWhenArmsOutnumberTheDimension() {
    let env = LinearArmsBandit.reference(horizon: 2_000)
    let d = env.featureDimension
    let features = (0..<env.armCount).map { a in (0..<d).map { env.arms[a * d + $0] } }
    let p = DPBAI(features: features, budget: 2_000, epsilon: 1, seed: 0)
    #expect(p.phaseCount == 4)  // ⌈log₂ 15⌉
    #expect(p.sampled.count == 5)
    #expect(p.pullsPerArm == 2_000 / 4 / 5)
    // The unit vectors have |det| = 1, the largest possible here.
    #expect(abs(abs(MaxDet.determinant(p.sampled.map { features[$0] })) - 1) < 1e-12)
  }

  @Test func dpBAIWithoutNoiseIsSuccessiveHalving() {
    var p = DPBAI(armCount: 8, budget: 240, epsilon: .infinity, seed: 0)
    var plays = [Int](repeating: 0, count: 8)
    for _ in 0..<240 {
      let a = p.act(0)
      plays[a] += 1
      p.update(arm: a, reward: Double(a) / 8)
    }
    #expect(p.recommendation == 7)
    // 3 phases of 80 pulls: 8 arms × 10, 4 × 20, 2 × 40.
    #expect(plays == [10, 10, 10, 10, 30, 30, 70, 70])
  }
}
