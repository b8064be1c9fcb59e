import GymCore
import GymParetoMetrics
import Testing

/// Exact hypervolume by brute force: split space into the grid cells of every distinct
/// coordinate and add up the cells some point dominates. Independent of every fast path.
func bruteForceHypervolume(_ points: [[Double]], reference: [Double]) -> Double {
  let d = reference.count
  let inside = points.filter { p in (0..<d).allSatisfy { p[$0] > reference[$0] } }
  if inside.isEmpty { return 0 }
  let axes = (0..<d).map { i in ([reference[i]] + inside.map { $0[i] }).sorted().reduce(into: [Double]()) { if $0.last != $1 { $0.append($1) } } }
  var index = [Int](repeating: 0, count: d)
  var total = 0.0
  while true {
    // Cell (lower corner axes[i][index[i]], upper corner axes[i][index[i] + 1]).
    var volume = 1.0
    var upper = [Double](repeating: 0, count: d)
    for i in 0..<d {
      upper[i] = axes[i][index[i] + 1]
      volume *= upper[i] - axes[i][index[i]]
    }
    if inside.contains(where: { p in (0..<d).allSatisfy { p[$0] >= upper[$0] } }) { total += volume }
    var i = 0
    while i < d {
      index[i] += 1
      if index[i] + 1 < axes[i].count { break }
      index[i] = 0
      i += 1
    }
    if i == d { break }
  }
  return total
}

/// Random fronts mixing non-dominated points (on a sphere), dominated ones, duplicates and
/// points outside the reference box.
func randomFront(_ rng: inout GymRandom, count: Int, dimension d: Int) -> [[Double]] {
  var points: [[Double]] = []
  for _ in 0..<count {
    switch rng.int(below: 6) {
    case 0 where !points.isEmpty:
      points.append(points[rng.int(below: points.count)])  // duplicate
    case 1:
      points.append((0..<d).map { _ in rng.uniform(-0.3, 0.5) })  // often dominated or outside
    case 2:
      points.append((0..<d).map { _ in Double(rng.int(below: 4)) / 4 })  // ties on a grid
    default:
      var v = (0..<d).map { _ in abs(rng.normal()) + 1e-3 }
      let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
      for i in 0..<d { v[i] /= norm }
      points.append(v)
    }
  }
  return points
}

/// Exact hypervolume by slicing (HSO): cut the space at every distinct value of the last
/// objective and add each slab's thickness times the (d−1)-volume of the points reaching it.
/// Independent of the fast paths' limit sets and staircases; polynomial for a fixed d.
func slicedHypervolume(_ points: [[Double]], reference: [Double]) -> Double {
  let d = reference.count
  let inside = points.filter { p in (0..<d).allSatisfy { p[$0] > reference[$0] } }
  if inside.isEmpty { return 0 }
  if d == 1 { return inside.map { $0[0] - reference[0] }.max()! }
  let levels = Set(inside.map { $0[d - 1] }).sorted(by: >)
  var total = 0.0
  for (i, z) in levels.enumerated() {
    let next = i + 1 < levels.count ? levels[i + 1] : reference[d - 1]
    let reaching = inside.filter { $0[d - 1] >= z }.map { Array($0.prefix(d - 1)) }
    total += (z - next) * slicedHypervolume(reaching, reference: Array(reference.prefix(d - 1)))
  }
  return total
}

@Suite struct HypervolumeTests {
  @Test(arguments: [2, 3, 4, 5])
  func equalsBruteForceOnRandomFronts(dimension d: Int) throws {
    var rng = GymRandom(seed: UInt64(100 + d))
    let sizes = d <= 3 ? [1, 2, 5, 12, 30] : (d == 4 ? [1, 3, 8, 14] : [1, 3, 6, 9])
    for size in sizes {
      for _ in 0..<(d <= 3 ? 20 : 6) {
        let points = randomFront(&rng, count: size, dimension: d)
        let reference = (0..<d).map { _ in rng.uniform(-0.2, 0.05) }
        let fast = try Hypervolume.compute(points, reference: reference)
        let slow = bruteForceHypervolume(points, reference: reference)
        #expect(abs(fast - slow) <= 1e-12 * max(1, slow), "d=\(d) n=\(size): \(fast) vs \(slow)")
      }
    }
  }

  @Test(arguments: [(3, 120), (4, 45), (5, 22), (6, 12)])
  func equalsSlicingOnLargerFronts(dimension d: Int, count n: Int) throws {
    var rng = GymRandom(seed: UInt64(700 + d))
    for _ in 0..<3 {
      let points = randomFront(&rng, count: n, dimension: d)
      let reference = (0..<d).map { _ in rng.uniform(-0.2, 0.05) }
      let fast = try Hypervolume.compute(points, reference: reference)
      let slow = slicedHypervolume(points, reference: reference)
      #expect(abs(fast - slow) <= 1e-11 * max(1, slow), "d=\(d) n=\(n): \(fast) vs \(slow)")
      // Permuting the objectives (and the reference with them) leaves the volume unchanged.
      let order = (0..<d).reversed().map { $0 }
      let permuted = try Hypervolume.compute(points.map { p in order.map { p[$0] } }, reference: order.map { reference[$0] })
      #expect(abs(permuted - fast) <= 1e-11 * max(1, slow), "d=\(d) n=\(n) permuted: \(permuted) vs \(fast)")
    }
  }

  /// Points on a coarse grid: many share coordinates, whole (x, y) projections and z levels,
  /// which is where the 4-D sweep's tie rules (its (z, y, x) order and which staircase
  /// neighbour wins) matter. The grid keeps brute force cheap at these sizes.
  @Test(arguments: [3, 4, 5])
  func equalsBruteForceOnGridFronts(dimension d: Int) throws {
    var rng = GymRandom(seed: UInt64(300 + d))
    for size in [4, 10, 25, 60] {
      for _ in 0..<(d == 5 ? 4 : 8) {
        let levels = 2 + rng.int(below: 4)
        let points = (0..<size).map { _ in (0..<d).map { _ in Double(1 + rng.int(below: levels)) / Double(levels) } }
        let fast = try Hypervolume.compute(points, reference: [Double](repeating: 0, count: d))
        let slow = bruteForceHypervolume(points, reference: [Double](repeating: 0, count: d))
        #expect(abs(fast - slow) <= 1e-12 * max(1, slow), "d=\(d) n=\(size) levels=\(levels): \(fast) vs \(slow)")
      }
    }
  }

  /// Mutually non-dominated points (a sphere's positive part), the 4-D sweep's worst case:
  /// nothing is dropped, every walk goes the whole list.
  @Test func fourDimensionalSweepOnNonDominatedFronts() throws {
    var rng = GymRandom(seed: 404)
    for n in [30, 70] {
      let points = (0..<n).map { _ -> [Double] in
        let v = (0..<4).map { _ in abs(rng.normal()) + 1e-3 }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return v.map { $0 / norm }
      }
      let reference = [-0.1, 0, -0.05, 0.02]
      let fast = try Hypervolume.compute(points, reference: reference)
      let slow = slicedHypervolume(points, reference: reference)
      #expect(abs(fast - slow) <= 1e-11 * max(1, slow), "n=\(n): \(fast) vs \(slow)")
      // Every order of the points gives the same volume.
      let shuffled = try Hypervolume.compute(points.reversed(), reference: reference)
      #expect(abs(shuffled - fast) <= 1e-12)
    }
  }

  /// A point covering p's left neighbour with the same x (here the 4th point covers the 5th
  /// in (x, y) while p is the 3rd) must become p's neighbour: once it did not, and p's area
  /// was taken from a staircase that no longer held it. Found by a random search at 25 points.
  @Test func fourDimensionalSweepKeepsNeighboursOnEqualCoordinates() throws {
    let points: [[Double]] = [
      [0.634244, 0.611035, 0.626942, 0.599666], [0.555359, 0.852081, 0.449471, 0.560284],
      [0.748913, 0.626170, 0.652616, 0.322366], [0.301988, 0.928040, 0.628607, 0.875161],
      [0.301988, 0.678040, 0.878607, 0.875161],
    ]
    let fast = try Hypervolume.compute(points, reference: [0, 0, 0, 0])
    let slow = bruteForceHypervolume(points, reference: [0, 0, 0, 0])
    #expect(abs(fast - slow) <= 1e-14, "\(fast) vs \(slow)")
  }

  /// The 4-D volume as slabs between consecutive 4th coordinates, each slab's 3-D volume by the
  /// 3-objective sweep: independent of the 4-D sweep's linked lists, and cheap enough for
  /// fronts of a few hundred points, where rare tie configurations show up.
  @Test func fourDimensionalSweepEqualsThreeDimensionalSlabs() throws {
    var rng = GymRandom(seed: 4040)
    for _ in 0..<6 {
      let points = randomFront(&rng, count: 300, dimension: 4)
      let reference = (0..<4).map { _ in rng.uniform(-0.2, 0.05) }
      let inside = points.filter { p in (0..<4).allSatisfy { p[$0] > reference[$0] } }.sorted { $0[3] > $1[3] }
      var slabs = 0.0
      for k in inside.indices {
        let next = k + 1 < inside.count ? inside[k + 1][3] : reference[3]
        if inside[k][3] == next { continue }
        let above = inside[...k].map { Array($0.prefix(3)) }
        slabs += (inside[k][3] - next) * (try Hypervolume.compute(above, reference: Array(reference.prefix(3))))
      }
      let fast = try Hypervolume.compute(points, reference: reference)
      #expect(abs(fast - slabs) <= 1e-12 * max(1, slabs), "\(fast) vs \(slabs)")
    }
  }

  @Test func flatAndNestedEntryPointsAgree() throws {
    var rng = GymRandom(seed: 99)
    for d in 2...5 {
      let points = randomFront(&rng, count: 30, dimension: d)
      let reference = [Double](repeating: -0.1, count: d)
      let nested = try Hypervolume.compute(points, reference: reference)
      #expect(Hypervolume.uncheckedFlat(points.flatMap { $0 }, dimension: d, reference: reference) == nested)
      #expect(Hypervolume.unchecked(points, reference: reference) == nested)
    }
  }

  @Test func knownValuesAndEdgeCases() throws {
    #expect(try Hypervolume.compute([[1, 2], [2, 1]], reference: [0, 0]) == 3)
    #expect(try Hypervolume.compute([], reference: [0, 0]) == 0)
    #expect(try Hypervolume.compute([[3]], reference: [1]) == 2)
    #expect(try Hypervolume.compute([[1, 1, 1]], reference: [0, 0, 0]) == 1)
    // A point on the reference boundary adds nothing.
    #expect(try Hypervolume.compute([[1, 0], [2, 2]], reference: [0, 0]) == 4)
    #expect(try Hypervolume.compute([[1, 1, 1, 1], [2, 0.5, 0.5, 0.5]], reference: [0, 0, 0, 0]) == 1 + 0.125)
    // Order does not matter.
    let p: [[Double]] = [[0.2, 0.9, 0.4, 0.3], [0.9, 0.1, 0.3, 0.6], [0.5, 0.5, 0.5, 0.5]]
    #expect(abs(try Hypervolume.compute(p, reference: [0, 0, 0, 0]) - Hypervolume.compute(p.reversed(), reference: [0, 0, 0, 0])) < 1e-15)
  }

  @Test func badInputIsRejectedWithAReason() throws {
    #expect(throws: MetricError("point 1 has 3 components, the reference point has 2")) {
      try Hypervolume.compute([[1, 2], [1, 2, 3]], reference: [0, 0])
    }
    #expect(throws: MetricError("point 0 [nan, 1.0] is not finite")) { try Hypervolume.compute([[.nan, 1]], reference: [0, 0]) }
    #expect(throws: MetricError("the reference point must have at least one component")) { try Hypervolume.compute([], reference: []) }
  }
}
