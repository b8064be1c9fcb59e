import GymCore
import Testing

@testable import GymQD

@Suite("Scheduler")
struct SchedulerTests {
  static func small(_ algorithm: Experiment.Algorithm, threads: Int) throws -> Experiment {
    var e = Experiment(task: try LinearProjection(.sphere, dimension: 12), algorithm: algorithm)
    e.cells = [20, 20]
    e.emitterCount = 3
    e.batchSize = 12
    e.threads = threads
    e.seed = 7
    return e
  }

  @Test("the same seed gives the same archive with 1 and 2 threads", arguments: Experiment.Algorithm.allCases)
  func threadCountInvariance(algorithm: Experiment.Algorithm) throws {
    let one = try Self.small(algorithm, threads: 1).run(iterations: 60).scheduler
    let two = try Self.small(algorithm, threads: 2).run(iterations: 60).scheduler
    #expect(one.archive == two.archive)
    #expect(one.resultArchive == two.resultArchive)
    #expect(one.archive.numElites > 20)
    // A different seed gives a different archive.
    var other = try Self.small(algorithm, threads: 2)
    other.seed = 8
    #expect(try other.run(iterations: 60).scheduler.archive != one.archive)
  }

  @Test("ask/tell by hand equals step")
  func askTell() throws {
    let task = try LinearProjection(.sphere, dimension: 12)
    var a = try Self.small(.cmaME, threads: 1).makeScheduler()
    var b = a
    for _ in 0..<20 {
      let xs = a.ask()
      var objectives: [Double] = [], measures: [Double] = []
      for r in 0..<a.batchSize {
        let (f, m) = task.evaluate(Array(xs[r * 12..<(r + 1) * 12]))
        objectives.append(f)
        measures += m
      }
      try a.tell(objectives: objectives, measures: measures)
      try b.step(task)
    }
    #expect(a.archive == b.archive)
    #expect(a.iterations == 20 && a.evaluations == 20 * 36)
  }

  @Test("tell checks order and shapes")
  func tellErrors() throws {
    var s = try Self.small(.mapElites, threads: 1).makeScheduler()
    let e1 = try #require(throws: QDError.self) { try s.tell(objectives: [], measures: []) }
    #expect(e1.message.contains("without a preceding ask"))
    _ = s.ask()
    let e2 = try #require(throws: QDError.self) { try s.tell(objectives: [1], measures: [0, 0]) }
    #expect(e2.message.contains("36 objectives"))
    let e3 = try #require(throws: QDError.self) {
      try s.tell(objectives: [Double](repeating: .nan, count: 36), measures: [Double](repeating: 0, count: 72))
    }
    #expect(e3.message.contains("not finite"))
    #expect(s.archive.isEmpty)
    #expect(throws: QDError.self) { try Scheduler(archive: s.archive, emitters: []) }
    #expect(throws: QDError.self) { try Scheduler(archive: s.archive, emitters: [try GaussianEmitter(x0: [0], sigma: 1, seed: 0)]) }
  }

  @Test("a run resumes from a saved archive exactly as the unbroken run")
  func resume() throws {
    let task = try LinearProjection(.sphere, dimension: 12)
    let experiment = try Self.small(.isoLine, threads: 1)
    var unbroken = try experiment.run(iterations: 30).scheduler
    let path = TestData.temporaryPath("resume.safetensors")
    defer { unlink(path) }
    try unbroken.archive.write(to: path)
    var resumed = try Scheduler(archive: try Archive(contentsOf: path), emitters: unbroken.emitters)
    for _ in 0..<10 {
      try unbroken.step(task)
      try resumed.step(task)
    }
    #expect(resumed.archive == unbroken.archive)
  }

  @Test("CMA-MAE keeps a soft archive and reports an elitist result archive")
  func cmaMAEArchives() throws {
    let s = try Self.small(.cmaMAE, threads: 2).run(iterations: 80).scheduler
    let result = try #require(s.resultArchive)
    #expect(s.reportArchive == result)
    #expect(s.archive.learningRate == 0.01 && result.learningRate == 1)
    // The soft archive's thresholds trail its elites; the result archive keeps the best per cell.
    for e in s.archive.elites {
      #expect(e.threshold <= e.objective)
      #expect(try #require(result.elite(inCell: e.cell)).objective >= e.objective)
    }
  }
}

#if canImport(Glibc)
  import Glibc
#endif
