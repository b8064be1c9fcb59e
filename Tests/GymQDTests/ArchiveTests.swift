import GymCore
import Testing

@testable import GymQD

@Suite("Archive")
struct ArchiveTests {
  let reference = TestData.archiveReference

  @Test("grid cells match pyribs' GridArchive.index_of, edges and clamping included")
  func gridIndexing() throws {
    let r = reference["grid_index"]!
    let layout = try GridLayout(dims: r["dims"]!.ints, ranges: [(-1, 1), (-2, 3)])
    let m = r["measures"]!.doubles
    let expected = r["cells"]!.ints
    #expect(expected.count == m.count / 2)
    var mismatches = 0
    m.withUnsafeBufferPointer { p in
      for i in 0..<expected.count where layout.cell(of: p.baseAddress! + 2 * i) != expected[i] { mismatches += 1 }
    }
    #expect(mismatches == 0)
    #expect(layout.gridIndex(of: 69) == [9, 6])
    #expect(layout.cell(ofGridIndex: [9, 6]) == 69)
  }

  @Test("far-out measures clamp to the border cells")
  func gridClamping() throws {
    let layout = try GridLayout(dims: [10], ranges: [(0, 1)])
    for (m, cell) in [(-1e300, 0), (-0.5, 0), (1e300, 9), (1.0, 9), (0.999_999_9, 9), (0.1, 1)] {
      #expect([m].withUnsafeBufferPointer { layout.cell(of: $0.baseAddress!) } == cell)
    }
  }

  @Test("CVT cells match pyribs' nearest centroid")
  func cvtIndexing() throws {
    let r = reference["cvt_index"]!
    let layout = try CVTLayout(centroids: r["centroids"]!.doubles, ranges: [(-1, 1), (-1, 1)])
    let m = r["measures"]!.doubles
    let expected = r["cells"]!.ints
    let got = m.withUnsafeBufferPointer { p in (0..<expected.count).map { layout.cell(of: p.baseAddress! + 2 * $0) } }
    #expect(got == expected)
  }

  @Test("the k-d tree agrees with brute force, ties to the lowest index", arguments: [1, 2, 3, 5])
  func kdTreeBruteForce(dimension: Int) {
    var rng = GymRandom(seed: UInt64(dimension))
    // Coarse coordinates make exact ties common.
    let points = (0..<(300 * dimension)).map { _ in Double(rng.int(below: 7)) }
    let tree = KDTree(points: points, dimension: dimension)
    for _ in 0..<500 {
      let q = (0..<dimension).map { _ in Double(rng.int(below: 15)) / 2 - 0.5 }
      var best = -1, bestD = Double.infinity
      for i in 0..<300 {
        var d = 0.0
        for j in 0..<dimension { let t = points[i * dimension + j] - q[j]; d += t * t }
        if d < bestD { bestD = d; best = i }
      }
      #expect(q.withUnsafeBufferPointer { tree.nearest(to: $0.baseAddress!) } == best)
    }
  }

  @Test("batch add: statuses, values and statistics match pyribs", arguments: ["grid_add_plain", "grid_add_mae"])
  func batchAdd(label: String) throws {
    let r = reference[label]!
    var archive = label == "grid_add_plain"
      ? try Archive.grid(solutionDim: 3, dims: [4, 4], ranges: [(0, 1), (0, 1)], qdScoreOffset: -5)
      : try Archive.grid(solutionDim: 3, dims: [4, 4], ranges: [(0, 1), (0, 1)], learningRate: 0.1, thresholdMin: 0)
    for batch in r["batches"]!.arrayValue! {
      let result = try archive.add(solutions: batch["solutions"]!.doubles, objectives: batch["objectives"]!.doubles, measures: batch["measures"]!.doubles)
      #expect(result.status.map { Int($0.rawValue) } == batch["status"]!.ints)
      let values = batch["value"]!.doubles
      #expect(zip(result.value, values).allSatisfy { close($0, $1) })
      let s = batch["stats"]!, ours = archive.stats
      #expect(ours.numElites == s["num_elites"]!.intValue!)
      #expect(close(ours.coverage, s["coverage"]!.doubleValue!))
      #expect(close(ours.qdScore, s["qd_score"]!.doubleValue!))
      #expect(close(ours.normQDScore, s["norm_qd_score"]!.doubleValue!))
      #expect(close(ours.objMax!, s["obj_max"]!.doubleValue!))
      #expect(close(ours.objMean!, s["obj_mean"]!.doubleValue!))
    }
    let e = r["elites"]!
    let ours = archive.elites.sorted { $0.cell < $1.cell }
    #expect(ours.map(\.cell) == e["cells"]!.ints)
    #expect(ours.map(\.objective) == e["objectives"]!.doubles)
    #expect(ours.flatMap(\.solution) == e["solutions"]!.doubles)
    #expect(zip(ours.map(\.threshold), e["thresholds"]!.doubles).allSatisfy { close($0, $1) })
  }

  @Test("sliding boundaries: statuses, remapped edges and elites match pyribs")
  func slidingBoundaries() throws {
    let r = reference["sliding"]!
    var archive = try Archive.slidingBoundaries(solutionDim: 2, dims: [5, 4], ranges: [(-1, 1), (-1, 1)], remapFrequency: 10, bufferCapacity: 25)
    let sols = r["solutions"]!.doubles, objs = r["objectives"]!.doubles, meas = r["measures"]!.doubles
    var status: [Int] = [], value: [Double] = []
    for i in 0..<objs.count {
      let o = try archive.add(solution: Array(sols[2 * i..<2 * i + 2]), objective: objs[i], measures: Array(meas[2 * i..<2 * i + 2]))
      status.append(Int(o.status.rawValue))
      value.append(o.value)
    }
    #expect(status == r["status"]!.ints)
    #expect(zip(value, r["value"]!.doubles).allSatisfy { close($0, $1) })
    guard case .slidingBoundaries(let s) = archive.layout else { Issue.record("layout changed"); return }
    #expect(s.boundaries == r["boundaries"]!.arrayValue!.map(\.doubles))
    let e = r["elites"]!
    let ours = archive.elites.sorted { $0.cell < $1.cell }
    #expect(ours.map(\.cell) == e["cells"]!.ints)
    #expect(ours.map(\.objective) == e["objectives"]!.doubles)
    #expect(close(archive.stats.qdScore, r["stats"]!["qd_score"]!.doubleValue!))
  }

  @Test("non-finite input and bad shapes throw and leave the archive unchanged")
  func rejectsBadInput() throws {
    var archive = try Archive.grid(solutionDim: 2, dims: [3], ranges: [(0, 1)])
    try archive.add(solutions: [1, 2], objectives: [1], measures: [0.5])
    let before = archive
    #expect(throws: QDError.self) { try archive.add(solutions: [1, 2, 3, 4], objectives: [5, .nan], measures: [0.1, 0.9]) }
    #expect(throws: QDError.self) { try archive.add(solutions: [1, 2, 3, 4], objectives: [5, 6], measures: [0.1, .infinity]) }
    #expect(throws: QDError.self) { try archive.add(solutions: [1, 2, 3], objectives: [5, 6], measures: [0.1, 0.2]) }
    #expect(archive == before)
    #expect(throws: QDError.self) { try Archive.grid(solutionDim: 2, dims: [3], ranges: [(0, 1)], thresholdMin: 0) }
    #expect(throws: QDError.self) { try Archive.grid(solutionDim: 2, dims: [3], ranges: [(0, 1)], learningRate: 0.5) }
    #expect(throws: QDError.self) { try Archive.grid(solutionDim: 2, dims: [3, 2], ranges: [(0, 1)]) }
    #expect(throws: QDError.self) { try Archive.grid(solutionDim: 2, dims: [3], ranges: [(1, 1)]) }
    let error = try #require(throws: QDError.self) { try archive.add(solutions: [1, 2], objectives: [.nan], measures: [0.5]) }
    #expect(error.message.contains("objective 0"))
  }

  @Test("QD score subtracts the offset; coverage is a fraction; clear resets")
  func statistics() throws {
    var archive = try Archive.grid(solutionDim: 1, dims: [4], ranges: [(0, 4)], qdScoreOffset: -10)
    try archive.add(solutions: [0, 1, 2], objectives: [-2, 5, 1], measures: [0.5, 1.5, 1.6])
    let s = archive.stats
    #expect(s.numElites == 2)
    #expect(s.coverage == 0.5)
    #expect(s.qdScore == (-2 + 10) + (5 + 10))
    #expect(s.normQDScore == s.qdScore / 4)
    #expect(s.objMax == 5)
    #expect(s.objMean == 1.5)
    #expect(archive.bestElite?.solution == [1])
    #expect(try archive.retrieve(measures: [1.9])?.objective == 5)
    #expect(try archive.retrieve(measures: [3.9]) == nil)
    archive.clear()
    #expect(archive.stats.numElites == 0)
    #expect(archive.stats.objMax == nil)
    #expect(archive.isEmpty)
  }

  @Test("k-means centroids are deterministic, inside the box and spread out")
  func kMeans() throws {
    let a = try CVTLayout.kMeans(cells: 25, ranges: [(0, 1), (-2, 2)], samples: 5000, seed: 3)
    let b = try CVTLayout.kMeans(cells: 25, ranges: [(0, 1), (-2, 2)], samples: 5000, seed: 3, threads: 2)
    #expect(a == b)
    #expect(a.cellCount == 25)
    for c in 0..<25 {
      let p = a.centroid(c)
      #expect(p[0] > 0 && p[0] < 1 && p[1] > -2 && p[1] < 2)
    }
    // Lloyd's centroids of a uniform box are roughly evenly spaced: the closest pair is not
    // much closer than the typical spacing (~0.4 here).
    var minDistance = Double.infinity
    for i in 0..<25 {
      for j in 0..<i {
        let p = a.centroid(i), q = a.centroid(j)
        minDistance = min(minDistance, ((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1])).squareRoot())
      }
    }
    #expect(minDistance > 0.2)
    #expect(throws: QDError.self) { try CVTLayout.kMeans(cells: 10, ranges: [(0, 1)], samples: 5) }
  }
}
