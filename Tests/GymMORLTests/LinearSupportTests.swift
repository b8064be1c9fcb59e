import GymCore
import GymMORL
import GymMultiObjective
import Testing

/// The discounted return vector of the policy optimal for `w · r` on a deterministic model:
/// backward induction over `horizon` steps, acting on the scalarised value.
private func scalarisedOptimum(_ model: some MultiObjectiveModel, weight w: [Double], gamma: Double, horizon: Int) -> [Double] {
  let d = model.rewardDimension
  var value = [[Double]](repeating: [Double](repeating: 0, count: d), count: model.modelStateCount)
  for _ in 0..<horizon {
    var next = value
    for s in 0..<model.modelStateCount {
      var best: [Double]? = nil
      for a in 0..<model.modelActionCount {
        var q = [Double](repeating: 0, count: d)
        for o in model.outcomes(state: s, action: a) {
          for k in 0..<d { q[k] += o.probability * (o.reward[k] + (o.terminal ? 0 : gamma * value[o.next][k])) }
        }
        if best == nil || zip(q, w).map(*).reduce(0, +) > zip(best!, w).map(*).reduce(0, +) + 1e-12 { best = q }
      }
      next[s] = best!
    }
    value = next
  }
  return value[model.initialStates[0].state]
}

@Suite struct LinearSupportTests {
  /// With an exact single-objective solver, the OLS outer loop (extreme weights first, then the
  /// corner weight of the partial CCS with the largest optimistic improvement) finds every
  /// point of the convex deep-sea-treasure front — all ten lie on its convex hull — and then
  /// stops, having visited each point's weight and each corner between neighbours.
  @Test func olsWithAnExactSolverFindsTheConvexCoverageSet() throws {
    let env = DeepSeaTreasure(map: .convex)
    let exact = try #require(try MORLRunner.exactFront("deep-sea-treasure-v0", gamma: 0.99))
    var ls = LinearSupport(objectives: 2)
    var iterations = 0
    while let w = ls.nextOLSWeight() {
      ls.add(scalarisedOptimum(env, weight: w, gamma: 0.99, horizon: 100), weight: w)
      iterations += 1
      try #require(iterations < 50, "OLS did not stop")
    }
    #expect(ls.ccs.count == 10)
    for p in exact {
      #expect(ls.ccs.contains { q in zip(p, q).allSatisfy { abs($0 - $1) < 1e-9 } }, "\(p) missing")
    }
    #expect(iterations == 19)
  }

  /// Corner weights of a two-point CCS: the two extremes and the weight where both tie.
  @Test func cornerWeightsOfTwoVectors() {
    var ls = LinearSupport(objectives: 2)
    ls.add([10, -10], weight: [1, 0])
    ls.add([1, -1], weight: [0, 1])
    let corners = ls.cornerWeights()
    #expect(corners.count == 3)
    // 10 w − 10 (1 − w) = w − (1 − w)  ⇒  w = 0.5.
    #expect(corners.contains { abs($0[0] - 0.5) < 1e-12 && abs($0[1] - 0.5) < 1e-12 })
    // The optimistic bound there is (10, −1) · (0.5, 0.5) = 4.5 above the CCS's 0.
    #expect(abs(ls.optimisticValue([0.5, 0.5]) - 4.5) < 1e-12)
    #expect(ls.nextOLSWeight() == [0.5, 0.5])
  }
}

#if !DEBUG
  /// OLS and GPI-LS over scalarised Q-learning: release builds only (scripts/test.sh runs them).
  @Suite struct LinearSupportLearningTests {
    /// Each weight's Q-learning run starts optimistic (the reward space's upper bound), which
    /// is what lets the run at weight (1, 0) reach the deepest treasure; both outer loops then
    /// recover all ten convex-hull points, so the linear utility of the learned set equals the
    /// exact front's at every weight.
    @Test(arguments: [MORLAlgorithm.ols, .gpiLS])
    func recoversTheConvexCoverageSetOfDeepSeaTreasure(algorithm: MORLAlgorithm) throws {
      for seed: UInt64 in [0, 1] {
        var c = MORLRunConfiguration(environmentID: "deep-sea-treasure-v0", algorithm: algorithm)
        c.steps = 3_000_000
        c.evaluateEvery = 3_000_000
        c.seed = seed
        let result = try MORLRunner.run(c)
        let final = try #require(result.final)
        let exact = try #require(result.trueFront)
        #expect(final.score.cardinality == 10, "\(algorithm) seed \(seed): \(final.score.front)")
        #expect(abs(final.score.hypervolume - 360.40095) < 1e-3)
        #expect(try #require(final.score.maximumUtilityLoss) < 1e-9)
        let weights = Weights.equallySpaced(dimension: 2, count: 50)
        #expect(abs(final.score.expectedUtility - (try Metrics.expectedUtility(exact, weights: weights))) < 1e-9)
        // The outer loop stopped by itself, long before the step budget.
        #expect(final.step < 3_000_000)
      }
    }

    /// On the concave map the convex hull has two points (0.7 after one step, 124 after 19);
    /// nothing else is optimal for any weight.
    @Test(arguments: [MORLAlgorithm.ols, .gpiLS])
    func findsOnlyTheHullOfTheConcaveFront(algorithm: MORLAlgorithm) throws {
      var c = MORLRunConfiguration(environmentID: "deep-sea-treasure-concave-v0", algorithm: algorithm)
      c.steps = 3_000_000
      c.evaluateEvery = 3_000_000
      let final = try #require(try MORLRunner.run(c).final)
      #expect(final.score.cardinality == 2)
      #expect(try #require(final.score.maximumUtilityLoss) < 1e-9)
    }
  }
#endif
