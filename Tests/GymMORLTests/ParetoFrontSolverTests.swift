import GymCore
import GymMORL
import GymMultiObjective
import Testing

@Suite struct ParetoFrontSolverTests {
  /// The fronts MO-Gymnasium hard-codes (undiscounted), which our solver must reproduce.
  static let convex: [[Double]] = [
    [0.7, -1], [8.2, -3], [11.5, -5], [14.0, -7], [15.1, -8], [16.1, -9], [19.6, -13], [20.3, -14], [22.4, -17], [23.7, -19],
  ]
  static let concave: [[Double]] = [
    [1, -1], [2, -3], [3, -5], [5, -7], [8, -8], [16, -9], [24, -13], [50, -14], [74, -17], [124, -19],
  ]

  @Test(arguments: [DeepSeaTreasure.Map.convex, .concave, .mirrored])
  func deepSeaTreasureUndiscountedFront(map: DeepSeaTreasure.Map) throws {
    let env = DeepSeaTreasure(map: map)
    #expect(env.consistencyProblem() == nil)
    let solution = try ParetoFrontSolver.solve(env, gamma: 1, horizon: 100)
    let expected = (map == .convex ? Self.convex : Self.concave).reversed()
    #expect(solution.front.count == 10)
    for (a, b) in zip(solution.front, expected) {
      #expect(abs(a[0] - b[0]) < 1e-12 && abs(a[1] - b[1]) < 1e-12)
    }
  }

  @Test func deepSeaTreasureDiscountedHypervolumes() throws {
    let convex = try ParetoFrontSolver.solve(DeepSeaTreasure(map: .convex), gamma: 0.99, horizon: 100).front
    let concave = try ParetoFrontSolver.solve(DeepSeaTreasure(map: .concave), gamma: 0.99, horizon: 100).front
    // MORL-Baselines' figures (morl_dst_pareto.json), computed on float32 rewards.
    #expect(abs(try Hypervolume.compute(convex, reference: [0, -25]) - 360.40095) < 1e-3)
    #expect(abs(try Hypervolume.compute(concave, reference: [0, -25]) - 1101.38443) < 1e-3)
    #expect(abs(try Hypervolume.compute(convex, reference: [0, -50]) - 854.85037) < 1e-3)
    #expect(abs(try Hypervolume.compute(concave, reference: [0, -50]) - 3688.37709) < 1e-3)
  }
}
