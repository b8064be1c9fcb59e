import Foundation
import GymCore
import Testing

@testable import GymQD

@Suite("MOME")
struct MOMETests {
  static func isNonDominated(_ front: [MOMEArchive.Entry]) -> Bool {
    for a in front {
      for b in front where MOMEArchive.dominates(a.objectives, b.objectives) { return false }
    }
    return true
  }

  @Test("insertion keeps a cell's front non-dominated and capped; dominated and duplicate candidates are refused")
  func insertion() throws {
    var a = try MOMEArchive(solutionDim: 1, objectiveDim: 2, dims: [1], ranges: [(0, 1)], maxFrontSize: 3)
    #expect(try a.add(solution: [0], objectives: [1, 1], measures: [0.5]))
    #expect(try !a.add(solution: [1], objectives: [0.5, 1], measures: [0.5]))  // dominated
    #expect(try !a.add(solution: [2], objectives: [1, 1], measures: [0.5]))  // equal
    #expect(try a.add(solution: [3], objectives: [2, 2], measures: [0.5]))  // dominates the only member
    #expect(a.fronts[0].map(\.solution) == [[3]])
    #expect(try a.add(solution: [4], objectives: [3, 0], measures: [0.5]))
    #expect(try a.add(solution: [5], objectives: [0, 3], measures: [0.5]))
    #expect(a.fronts[0].count == 3)
    // A fourth trade-off: the front stays at 3, the most crowded member leaves. Crowding
    // distances: extremes infinite, (2, 2) 2.5/3 + 2/3 = 1.5, the candidate (2.5, 1)
    // 1/3 + 2/3 = 1 — so the candidate itself is removed.
    #expect(try !a.add(solution: [6], objectives: [2.5, 1], measures: [0.5]))
    #expect(a.fronts[0].map(\.solution) == [[3], [4], [5]])
    // With four members (cap 4) the middle one crowded between neighbours goes instead.
    var b = try MOMEArchive(solutionDim: 1, objectiveDim: 2, dims: [1], ranges: [(0, 1)], maxFrontSize: 4)
    for (i, o) in [[4.0, 0], [3, 1], [2.9, 1.1], [1, 3], [0, 4]].enumerated() { try b.add(solution: [Double(i)], objectives: o, measures: [0.5]) }
    #expect(b.fronts[0].count == 4 && b.fronts[0].filter { $0.solution == [1] || $0.solution == [2] }.count == 1)
    #expect(Set(b.fronts[0].map { $0.solution[0] }).isSuperset(of: [0, 3, 4]))
    #expect(a.fronts[0].count == 3)
    #expect(Self.isNonDominated(a.fronts[0]))
    // Extremes (3, 0) and (0, 3) are infinitely far from their neighbours, so they stay.
    #expect(a.fronts[0].contains { $0.objectives == [3, 0] } && a.fronts[0].contains { $0.objectives == [0, 3] })
    // Bad input.
    #expect(throws: QDError.self) { try a.add(solution: [0, 1], objectives: [1, 1], measures: [0.5]) }
    #expect(try !a.add(solution: [7], objectives: [.nan, 1], measures: [0.5]))
  }

  @Test("random insertions keep every front non-dominated and within its cap")
  func randomInsertions() throws {
    var a = try MOMEArchive(solutionDim: 2, objectiveDim: 3, dims: [4, 4], ranges: [(0, 1), (0, 1)], maxFrontSize: 5)
    var rng = GymRandom(seed: 9)
    for _ in 0..<3000 {
      let o = (0..<3).map { _ in rng.nextDouble() }, m = [rng.nextDouble(), rng.nextDouble()]
      try a.add(solution: m, objectives: o, measures: m)
    }
    #expect(a.filledCells == 16)
    for cell in 0..<16 {
      #expect(a.fronts[cell].count <= 5 && a.fronts[cell].count >= 1)
      #expect(Self.isNonDominated(a.fronts[cell]))
    }
    let global = a.globalFront
    #expect(Self.isNonDominated(global))
    // The global front's hypervolume bounds every cell's.
    let ref = [0.0, 0, 0]
    let g = a.globalHypervolume(reference: ref)
    #expect(a.cellHypervolumes(reference: ref).allSatisfy { $0 <= g + 1e-12 })
  }

  @Test("cell and global hypervolumes: known 2-D and 3-D values")
  func hypervolume() throws {
    // Two cells: (1, 3), (2, 2), (3, 1) in one (the dominated (0.5, 0.5) refused) and (−1, 3)
    // outside the reference box in the other.
    var a = try MOMEArchive(solutionDim: 1, objectiveDim: 2, dims: [2], ranges: [(0, 1)], maxFrontSize: 4)
    for o in [[1.0, 3], [2, 2], [3, 1], [0.5, 0.5]] { try a.add(solution: [0], objectives: o, measures: [0.25]) }
    try a.add(solution: [0], objectives: [-1, 3], measures: [0.75])
    #expect(a.cellHypervolumes(reference: [0, 0]) == [6, 0])
    #expect(a.moqdScore(reference: [0, 0]) == 6)
    #expect(a.globalHypervolume(reference: [0, 0]) == 6)
    #expect(a.globalHypervolume(reference: [-1, 0]) == 9)
    // Two unit-overlapping boxes in 3-D, in different cells: 2·2·1 + 1·1·2 − 1·1·1 = 5.
    var b = try MOMEArchive(solutionDim: 1, objectiveDim: 3, dims: [2], ranges: [(0, 1)], maxFrontSize: 4)
    try b.add(solution: [0], objectives: [2, 2, 1], measures: [0.25])
    try b.add(solution: [0], objectives: [1, 1, 2], measures: [0.75])
    #expect(b.cellHypervolumes(reference: [0, 0, 0]) == [4, 2])
    #expect(abs(b.globalHypervolume(reference: [0, 0, 0]) - 5) < 1e-12)
  }

  @Test("rastrigin-multi: the two optima score 100 in their objective; MOME fills cells and grows the MOQD score")
  func rastriginMulti() throws {
    let task = try RastriginMulti(dimension: 10)
    var o = [0.0, 0], m = [0.0, 0]
    let optimum = [Double](repeating: LinearProjection.shift, count: 10)
    optimum.withUnsafeBufferPointer { x in task.evaluate(x.baseAddress!, objectives: &o, measures: &m) }
    #expect(abs(o[0] - 100) < 1e-9 && o[1] < 100)
    var mome = try MOME(task: task, cells: [20, 20], maxFrontSize: 10, variation: .isoLine(isoSigma: 0.5, lineSigma: 0.2), batchSize: 50, seed: 1)
    mome.run(iterations: 5)
    let early = mome.archive.moqdScore(reference: task.referencePoint)
    mome.run(iterations: 45)
    let late = mome.archive.moqdScore(reference: task.referencePoint)
    #expect(mome.evaluations == 2500)
    #expect(late > early && mome.archive.coverage > 0.05)
    #expect(mome.archive.globalHypervolume(reference: task.referencePoint) > 0)
    for f in mome.archive.fronts { #expect(f.count <= 10 && Self.isNonDominated(f)) }
  }

  @Test("same seed, same archive at 1 and 2 threads (Gaussian and Iso+LineDD)")
  func threadInvariance() throws {
    let task = try RastriginMulti(dimension: 8)
    for variation in [MOME.Variation.gaussian(sigma: 0.5), .isoLine(isoSigma: 0.5, lineSigma: 0.2)] {
      var one = try MOME(task: task, cells: [10, 10], variation: variation, batchSize: 40, threads: 1, seed: 4)
      var two = try MOME(task: task, cells: [10, 10], variation: variation, batchSize: 40, threads: 2, seed: 4)
      one.run(iterations: 20)
      two.run(iterations: 20)
      #expect(one.archive.fronts == two.archive.fronts && one.archive.occupied == two.archive.occupied)
      var other = try MOME(task: task, cells: [10, 10], variation: variation, batchSize: 40, threads: 1, seed: 5)
      other.run(iterations: 20)
      #expect(other.archive.fronts != one.archive.fronts)
    }
  }

  @Test("an archive written and read back is identical, and selection continues the same")
  func saveLoad() throws {
    let task = try RastriginMulti(dimension: 6)
    var mome = try MOME(task: task, cells: [8, 8], maxFrontSize: 4, variation: .isoLine(isoSigma: 0.5, lineSigma: 0.2), batchSize: 30, seed: 2)
    mome.run(iterations: 15)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("mome-\(UInt64.random(in: 0...UInt64.max)).safetensors").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try mome.archive.write(to: path)
    let back = try MOMEArchive(contentsOf: path)
    #expect(back.fronts == mome.archive.fronts && back.occupied == mome.archive.occupied)
    #expect(back.maxFrontSize == 4 && back.layout == mome.archive.layout)
    #expect(throws: QDError.self) { try Archive(contentsOf: path) }
  }

  @Test("a run resumes from a saved archive; an archive of another shape is refused")
  func resume() throws {
    let task = try RastriginMulti(dimension: 6)
    let variation = MOME.Variation.gaussian(sigma: 0.5)
    var first = try MOME(task: task, cells: [8, 8], maxFrontSize: 4, variation: variation, batchSize: 30, seed: 3)
    first.run(iterations: 10)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("mome-\(UInt64.random(in: 0...UInt64.max)).safetensors").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try first.archive.write(to: path)
    let saved = try MOMEArchive(contentsOf: path)
    var resumed = try MOME(task: task, cells: [8, 8], maxFrontSize: 4, variation: variation, batchSize: 30, seed: 4, resuming: saved)
    #expect(resumed.archive.fronts == first.archive.fronts && resumed.archive.occupied == first.archive.occupied)
    // Continuing from the file is continuing from the archive in memory, and keeps its cells.
    var inMemory = try MOME(task: task, cells: [8, 8], maxFrontSize: 4, variation: variation, batchSize: 30, seed: 4, resuming: first.archive)
    resumed.run(iterations: 5)
    inMemory.run(iterations: 5)
    #expect(resumed.archive.fronts == inMemory.archive.fronts && resumed.evaluations == 150)
    #expect(Set(first.archive.occupied).isSubset(of: Set(resumed.archive.occupied)))
    var fresh = try MOME(task: task, cells: [8, 8], maxFrontSize: 4, variation: variation, batchSize: 30, seed: 4)
    fresh.run(iterations: 5)
    #expect(fresh.archive.fronts != resumed.archive.fronts)
    #expect(throws: QDError.self) { try MOME(task: task, cells: [6, 6], maxFrontSize: 4, variation: variation, seed: 0, resuming: saved) }
    #expect(throws: QDError.self) { try MOME(task: task, cells: [8, 8], maxFrontSize: 5, variation: variation, seed: 0, resuming: saved) }
    #expect(throws: QDError.self) {
      try MOME(task: try RastriginMulti(dimension: 8), cells: [8, 8], maxFrontSize: 4, variation: variation, seed: 0, resuming: saved)
    }
  }

  @Test("bad settings are refused with the problem named")
  func badSettings() throws {
    #expect(throws: QDError.self) { try MOMEArchive(solutionDim: 2, objectiveDim: 1, dims: [4], ranges: [(0, 1)], maxFrontSize: 3) }
    #expect(throws: QDError.self) { try MOMEArchive(solutionDim: 2, objectiveDim: 2, dims: [4], ranges: [(0, 1)], maxFrontSize: 0) }
    #expect(throws: QDError.self) { try MOME(task: try RastriginMulti(dimension: 4), cells: [4, 4], variation: .gaussian(sigma: -1), seed: 0) }
  }
}
