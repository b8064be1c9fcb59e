import GymCore
import GymMORL
import GymMultiObjective
import Testing

@Suite struct UtilityMetricsTests {
  let front: [[Double]] = [[0, 10], [5, 5], [10, 0]]

  @Test func expectedUtilityAndMaximumUtilityLoss() throws {
    let w: [[Double]] = [[1, 0], [0.5, 0.5], [0, 1]]
    #expect(try Metrics.expectedUtility(front, weights: w) == (10 + 5 + 10) / 3)
    // Missing the middle point costs nothing at these weights; missing an end costs 10 at one.
    #expect(try Metrics.maximumUtilityLoss([[0, 10], [10, 0]], reference: front, weights: w) == 0)
    #expect(try Metrics.maximumUtilityLoss([[0, 10], [5, 5]], reference: front, weights: w) == 5)
    #expect(throws: MetricError.self) { try Metrics.expectedUtility(front, weights: [[1, 0, 0]]) }
    #expect(throws: MetricError("the weight set is empty")) { try Metrics.expectedUtility(front, weights: []) }
  }

  @Test func igdSparsityCardinality() throws {
    #expect(try Metrics.invertedGenerationalDistance(front, reference: front) == 0)
    #expect(abs(try Metrics.invertedGenerationalDistance([[0, 10]], reference: front) - (0 + 50.0.squareRoot() + 200.0.squareRoot()) / 3) < 1e-12)
    // Gaps of 5 in each objective: (25 + 25) · 2 / (3 − 1) = 50.
    #expect(try Metrics.sparsity(front) == 50)
    #expect(try Metrics.sparsity([[1, 1]]) == 0)
    #expect(try Metrics.cardinality(front + [[1, 1], [5, 5]]) == 3)
    #expect(throws: MetricError("the front is empty")) { try Metrics.cardinality([]) }
  }

  @Test func weightSets() {
    let two = Weights.equallySpaced(dimension: 2, count: 5)
    #expect(two == [[1, 0], [0.75, 0.25], [0.5, 0.5], [0.25, 0.75], [0, 1]])
    let three = Weights.lattice(dimension: 3, divisions: 4)
    #expect(three.count == 15 && three.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-12 })
    #expect(Weights.equallySpaced(dimension: 6, count: 100).count >= 100)
    var rng = GymRandom(seed: 0)
    let random = Weights.random(dimension: 4, count: 50, using: &rng)
    #expect(random.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-12 && $0.allSatisfy { $0 >= 0 } })
  }

  @Test func paretoFilter() {
    let points: [[Double]] = [[1, 1], [2, 0], [0, 2], [1, 1], [0.5, 0.5], [2, 0 - 1e-12]]
    #expect(Pareto.nonDominated(points) == [[2, 0], [1, 1], [0, 2]])
    #expect(Pareto.nonDominatedIndices(points) == [0, 1, 2, 3])
    let three: [[Double]] = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0.5], [1, 0, 0]]
    #expect(Pareto.nonDominated(three).count == 3)
  }
}
