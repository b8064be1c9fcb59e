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

@Suite("Bandit scheduler")
struct BanditSchedulerTests {
  @Test("UCB1 tries every emitter once, then prefers the one whose solutions are accepted")
  func ucb() throws {
    var b = try BanditSelection(pool: 4, active: 2, zeta: 0.05)
    #expect(b.choose() == [0, 1])
    b.record(emitter: 0, added: 1, asked: 10)
    b.record(emitter: 1, added: 9, asked: 10)
    #expect(b.choose() == [2, 3])  // never run: infinite score
    b.record(emitter: 2, added: 0, asked: 10)
    b.record(emitter: 3, added: 5, asked: 10)
    #expect(b.choose() == [1, 3])
    #expect(throws: QDError.self) { try BanditSelection(pool: 3, active: 4) }
    #expect(throws: QDError.self) { try BanditSelection(pool: 3, active: 1, zeta: -1) }
  }

  @Test("a bandit run asks only the active emitters, and is the same with 1 and 2 threads")
  func banditRun() throws {
    var e = Experiment(task: try LinearProjection(.sphere, dimension: 10), algorithm: .isoLine)
    e.emitterCount = 6
    e.batchSize = 8
    e.banditActive = 2
    e.threads = 1
    let (one, _) = try e.run(iterations: 40)
    e.threads = 2
    let (two, _) = try e.run(iterations: 40)
    #expect(one.archive == two.archive)
    #expect(one.evaluations == 40 * 2 * 8)
    #expect(one.batchSize == 16 && one.active.count == 2)
    let b = try #require(one.bandit)
    #expect(b.asked.reduce(0, +) == 40 * 16)
    #expect(b.asked.allSatisfy { $0 > 0 })
    // ask/tell by hand with the active batch size.
    var s = try e.makeScheduler()
    let xs = s.ask()
    #expect(xs.count == 16 * 10)
    let task = e.task
    var objectives: [Double] = [], measures: [Double] = []
    for r in 0..<16 {
      let (f, m) = task.evaluate(Array(xs[r * 10..<(r + 1) * 10]))
      objectives.append(f)
      measures += m
    }
    try s.tell(objectives: objectives, measures: measures)
    #expect(s.archive.numElites > 0)
    #expect(throws: QDError.self) { try Scheduler(archive: s.archive, emitters: s.emitters, bandit: BanditSelection(pool: 5, active: 1)) }
  }
}

@Suite("Resuming CMA-MAE")
struct CMAMAEResumeTests {
  @Test("CMA-MAE resumes from its learning and result archives, and refuses half of them")
  func resumeBoth() throws {
    var e = Experiment(task: try LinearProjection(.sphere, dimension: 10), algorithm: .cmaMAE)
    e.cells = [20, 20]
    e.emitterCount = 2
    e.batchSize = 8
    let first = try e.run(iterations: 10).scheduler
    let learning = TestData.temporaryPath("learning.safetensors"), result = TestData.temporaryPath("result.safetensors")
    try first.archive.write(to: learning)
    try first.resultArchive!.write(to: result)
    let a = try Archive(contentsOf: learning), r = try Archive(contentsOf: result)
    #expect(a == first.archive && r == first.resultArchive!)
    let start = try e.makeScheduler(resuming: a, resumingResult: r)
    #expect(start.archive == a && start.resultArchive == r)
    e.seed = 9
    let resumed = try e.run(iterations: 5, resuming: a, resumingResult: r).scheduler
    #expect(resumed.resultArchive!.numElites >= r.numElites)
    #expect(throws: QDError.self) { try e.makeScheduler(resuming: a) }
    #expect(throws: QDError.self) { try e.makeScheduler(resuming: r, resumingResult: r) }  // wrong learning rate
    e.algorithm = .isoLine
    #expect(throws: QDError.self) { try e.makeScheduler(resuming: r, resumingResult: r) }
  }
}
