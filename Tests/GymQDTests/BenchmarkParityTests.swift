import GymCore
import Testing

@testable import GymQD

/// Reduced versions of the pyribs comparisons in docs/benchmarks/qd.md: the standard
/// configuration (100-D, 100×100 grid, 15 emitters × 36) for 500 iterations, against pyribs'
/// figures at iteration 500 of the same configuration. The full 10,000-iteration runs are in
/// the benchmark document (and `qdFullLength` in release builds).
@Suite("pyribs parity")
struct BenchmarkParityTests {
  static func pyribs(_ run: String, at iteration: Int) -> (coverage: Double, normQD: Double) {
    let point = TestData.pyribsBenchmarks["runs"]![run]!["curve"]![String(iteration)]!
    return (point["coverage"]!.doubleValue!, point["norm_qd_score"]!.doubleValue!)
  }

  static func task(_ name: String) throws -> any QDTask {
    switch name {
    case "sphere": try LinearProjection(.sphere, dimension: 100)
    case "rastrigin": try LinearProjection(.rastrigin, dimension: 100)
    default: try ArmRepertoire(links: 100)
    }
  }

  @Test("500 iterations: coverage and normalised QD score within 5% of pyribs", arguments: [
    ("sphere", Experiment.Algorithm.mapElites, "sphere100_gaussian_2000"),
    ("sphere", .isoLine, "sphere100_isoline_2000"),
    ("arm", .mapElites, "arm100_gaussian_2000"),
    ("arm", .isoLine, "arm100_isoline_2000"),
    ("rastrigin", .isoLine, "rastrigin100_isoline_2000"),
  ])
  func reduced(task: String, algorithm: Experiment.Algorithm, run: String) throws {
    var e = Experiment(task: try Self.task(task), algorithm: algorithm)
    e.threads = 2
    let stats = try e.run(iterations: 500, logEvery: 500).scheduler.reportArchive.stats
    let ref = Self.pyribs(run, at: 500)
    #expect(abs(stats.coverage / ref.coverage - 1) < 0.05, "coverage \(stats.coverage) vs pyribs \(ref.coverage)")
    #expect(abs(stats.normQDScore / ref.normQD - 1) < 0.05, "normalised QD \(stats.normQDScore) vs pyribs \(ref.normQD)")
  }

  #if !DEBUG
  /// The paper-length runs (10,000 iterations): release builds only, about a minute each.
  @Test("10,000 iterations: within 5% of pyribs (MAP-Elites, Iso+LineDD), 10% of the CMA-MAE paper", arguments: [
    ("sphere", Experiment.Algorithm.mapElites, 0.5156, 42.21, 0.05),
    ("sphere", .isoLine, 0.6050, 49.15, 0.05),
    ("arm", .mapElites, 0.7558, 74.27, 0.05),
    ("arm", .isoLine, 0.7576, 74.73, 0.05),
    ("sphere", .cmaMAE, 0.8331, 64.86, 0.10),
    ("arm", .cmaMAE, 0.7924, 79.03, 0.10),
  ])
  func qdFullLength(task: String, algorithm: Experiment.Algorithm, coverage: Double, normQD: Double, tolerance: Double) throws {
    var e = Experiment(task: try Self.task(task), algorithm: algorithm)
    e.threads = 2
    let stats = try e.run(iterations: 10_000, logEvery: 10_000).scheduler.reportArchive.stats
    #expect(abs(stats.coverage / coverage - 1) < tolerance, "coverage \(stats.coverage) vs \(coverage)")
    #expect(abs(stats.normQDScore / normQD - 1) < tolerance, "normalised QD \(stats.normQDScore) vs \(normQD)")
  }
  #endif
}
