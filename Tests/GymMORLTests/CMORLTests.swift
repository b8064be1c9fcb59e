import GymCore
import GymMORL
import GymMultiObjective
import GymPPO
import Testing

@Suite struct CMORLTests {
  @Test func crowdingDistanceFavoursSparseRegionsAndBoundaries() {
    let points: [[Double]] = [[0, 10], [1, 9], [1.5, 8.5], [6, 4], [10, 0]]
    let d = CMORL.crowdingDistance(points)
    #expect(d[0] == .infinity && d[4] == .infinity)
    // (6, 4) sits in the widest gap; (1, 9) between two close neighbours.
    #expect(d[3] > d[2] && d[3] > d[1])
    #expect(abs(d[1] - (1.5 / 10 + 1.5 / 10)) < 1e-12)
    #expect(CMORL.crowdingDistance([[1, 2], [3, 4]]) == [.infinity, .infinity])
  }

  @Test func barrierWeightsGrowAsTheSlackShrinks() {
    let bounds = [0.0, -10, -10], scales = [1.0, 10, 10]
    let loose = CMORL.barrierWeights(objective: 0, current: [5, 0, 0], bounds: bounds, scales: scales, t: 20)
    let tight = CMORL.barrierWeights(objective: 0, current: [5, -9.99, 0], bounds: bounds, scales: scales, t: 20)
    // Far from the bound the objective being pushed dominates; near it the constraint does.
    #expect(loose[0] == 1 && loose[1] < 0.01)
    #expect(tight[1] > tight[0])
    #expect(abs(tight[2] / tight[0] - loose[2] / loose[0]) < 1e-12)
    // Past the bound the slack is floored, never NaN.
    let broken = CMORL.barrierWeights(objective: 0, current: [5, -20, 0], bounds: bounds, scales: scales, t: 20)
    #expect(broken.allSatisfy { $0.isFinite })
  }

  static func tiny(seed: UInt64) -> CMORLConfiguration {
    var ppo = PPOConfiguration()
    ppo.environmentCount = 2
    ppo.stepsPerEnvironment = 64
    ppo.minibatchSize = 64
    ppo.epochs = 2
    var c = CMORLConfiguration(ppo: ppo, preferences: [[0.5, 0.5], [0.9, 0.1]])
    c.totalSteps = 2560
    c.selectCount = 1
    c.maxEpisodeSteps = 100
    c.evaluationEpisodes = 1
    c.evaluateEvery = 1
    c.seed = seed
    return c
  }

  @Test func runsWithinItsBudgetKeepsANonDominatedArchiveAndRepeats() throws {
    let c = Self.tiny(seed: 3)
    let ref = [-101.0, -101.0]
    let a = try CMORL.run(c, referencePoint: ref) { MOMountainCarContinuous() }
    let b = try CMORL.run(c, referencePoint: ref) { MOMountainCarContinuous() }
    #expect(a.steps <= c.totalSteps && a.steps > c.totalSteps / 2)
    #expect(a.archive.map(\.returns) == b.archive.map(\.returns))
    #expect(a.archive.contains { $0.phase == "extend" } || a.evaluated.count > a.curve.count - 1)
    for p in a.archive { #expect(!a.archive.contains { Pareto.dominates($0.returns, p.returns) }) }
    // The curve never falls: the archive only gains non-dominated policies.
    for (x, y) in zip(a.curve, a.curve.dropFirst()) { #expect(y.hypervolume >= x.hypervolume) }
    let base = try CMORL.baseline(c, referencePoint: ref) { MOMountainCarContinuous() }
    #expect(base.archive.allSatisfy { $0.phase == "init" })
    #expect(base.steps <= c.totalSteps)
  }

  @Test func badSettingsAreNamed() throws {
    var c = Self.tiny(seed: 0)
    c.preferences = [[1, -1]]
    #expect(throws: MORLError("preference [1.0, -1.0] must have 2 non-negative entries with a positive sum")) {
      try CMORL.run(c, referencePoint: [-1, -1]) { MOMountainCarContinuous() }
    }
    c = Self.tiny(seed: 0)
    c.totalSteps = 100
    #expect(throws: MORLError.self) { try CMORL.run(c, referencePoint: [-1, -1]) { MOMountainCarContinuous() } }
    #expect(throws: MORLError("the reference point has 3 entries for 2 objectives")) {
      try CMORL.run(Self.tiny(seed: 0), referencePoint: [-1, -1, -1]) { MOMountainCarContinuous() }
    }
  }
}
