import GymCore
import Testing

@testable import GymQD

@Suite("LunarLander policies")
struct LunarLanderTaskTests {
  /// `Reference/lunar-policies.json`, written by `scripts/qd-lunar-reference.py` with Gymnasium.
  static let cases: [JSONValue] = {
    let json = try! JSON.parse(try! AtomicFile.read(TestData.packageRoot + "/Tests/GymQDTests/Reference/lunar-policies.json"))
    return json["cases"]?.arrayValue ?? []
  }()

  /// Our LunarLander runs Debian's Box2D 2.4.1 and Gymnasium pybox2d 2.3.10; their contact
  /// solvers differ in the last bits, which a bouncing touchdown can amplify. So most recorded
  /// episodes must agree closely (same length, return within 1%, touchdown within 1e-3), not all.
  @Test("linear-policy episodes match Gymnasium: steps, return and touchdown measures")
  func gymnasiumEpisodes() throws {
    #expect(Self.cases.count == 12)
    var agreeing = 0
    for c in Self.cases {
      let task = try LunarLanderTask(seeds: [UInt64(c["seed"]!.intValue!)])
      let w = c["weights"]!.doubles
      let episode = w.withUnsafeBufferPointer { task.play(weights: $0.baseAddress!, seed: task.seeds[0]) }
      let ret = c["return"]!.doubleValue!
      if episode.steps == c["steps"]!.intValue!, abs(episode.totalReward - ret) <= 0.01 * max(1, abs(ret)),
        abs(episode.impactX - c["impact_x"]!.doubleValue!) < 1e-3, abs(episode.impactVelocityY - c["impact_vy"]!.doubleValue!) < 1e-3
      {
        agreeing += 1
      }
      let (objective, measures) = task.evaluate(w)
      #expect(objective == episode.totalReward)
      #expect(measures == [episode.impactX, episode.impactVelocityY])
    }
    #expect(agreeing >= 9, "\(agreeing) of 12 episodes agree with Gymnasium")
  }

  @Test("the objective is the mean return over the seeds; measures come from the first seed")
  func severalSeeds() throws {
    let w = Self.cases[2]["weights"]!.doubles
    let both = try LunarLanderTask(seeds: [52, 3]).evaluate(w)
    let a = try LunarLanderTask(seeds: [52]).evaluate(w), b = try LunarLanderTask(seeds: [3]).evaluate(w)
    #expect(abs(both.objective - (a.objective + b.objective) / 2) < 1e-9)
    #expect(both.measures == a.measures)
  }

  @Test("policies pick the first of tied actions, as argmax")
  func ties() {
    let w = [Double](repeating: 0, count: 32)
    let a = w.withUnsafeBufferPointer { LunarLanderTask.action(weights: $0.baseAddress!, observation: SIMD8(repeating: 1)) }
    #expect(a == 0)
    var v = w
    v[3 * 8 + 1] = 1
    let b = v.withUnsafeBufferPointer { LunarLanderTask.action(weights: $0.baseAddress!, observation: SIMD8(repeating: 1)) }
    #expect(b == 3)
  }

  @Test("bad settings throw errors naming the problem")
  func badSettings() {
    #expect(throws: QDError.self) { try LunarLanderTask(seeds: []) }
    #expect(throws: QDError.self) { try LunarLanderTask(maxSteps: 0) }
  }

  @Test("a LunarLander run gives the same archive with 1 and 2 threads, and resumes from its file")
  func threadsAndResume() throws {
    var e = try Experiment.lunarLander()
    e.batchSize = 8
    e.emitterCount = 2
    e.threads = 1
    let one = try e.run(iterations: 3).scheduler.archive
    e.threads = 2
    let two = try e.run(iterations: 3).scheduler.archive
    #expect(one == two)
    #expect(one.numElites > 3)
    let path = TestData.temporaryPath("lunar.safetensors")
    try one.write(to: path)
    let back = try Archive(contentsOf: path)
    #expect(back == one)
    e.seed = 7
    let resumed = try e.run(iterations: 1, resuming: back).scheduler.archive
    #expect(resumed.numElites >= one.numElites)
    #expect(resumed.qdScoreOffset == -600)
    var other = e
    other.cells = [20, 20]
    #expect(throws: QDError.self) { try other.makeScheduler(resuming: back) }
    other = e
    other.algorithm = .cmaMAE
    #expect(throws: QDError.self) { try other.makeScheduler(resuming: back) }
  }
}

@Suite("LunarLander elite selection")
struct LunarLanderSelectionTests {
  @Test("mostGeneral re-scores the top elites on validation seeds and is the same at any thread count")
  func mostGeneral() throws {
    var e = try Experiment.lunarLander()
    e.batchSize = 8
    e.emitterCount = 2
    let archive = try e.run(iterations: 3).scheduler.archive
    let task = try LunarLanderTask()
    let seeds: [UInt64] = [1000, 1001]
    let one = try #require(task.mostGeneral(in: archive, candidates: 5, validationSeeds: seeds, threads: 1))
    let two = try #require(task.mostGeneral(in: archive, candidates: 5, validationSeeds: seeds, threads: 2))
    #expect(one.elite == two.elite && one.validationReturn == two.validationReturn)
    let top5 = archive.elites.sorted { $0.objective > $1.objective }.prefix(5)
    #expect(top5.contains(one.elite))
    for elite in top5 {
      #expect(task.meanReturn(weights: elite.solution, seeds: seeds) <= one.validationReturn)
    }
    #expect(one.validationReturn == task.meanReturn(weights: one.elite.solution, seeds: seeds))
    let empty = try Archive.grid(solutionDim: 32, dims: [5, 5], ranges: task.measureRanges)
    #expect(task.mostGeneral(in: empty, candidates: 5, validationSeeds: seeds)?.elite == nil)
  }
}

#if !DEBUG
  /// The LunarLander acceptance at full size (about two CPU minutes): release builds only.
  @Suite("LunarLander repertoire (release only)")
  struct LunarLanderRepertoireTests {
    @Test("≥ 80% of the 50×50 grid in ≤ 50,000 episodes; the chosen elite averages ≥ 200 over seeds 0..<20")
    func repertoire() throws {
      var e = try Experiment.lunarLander()
      e.threads = 2
      let archive = try e.run(iterations: 300, logEvery: 300).scheduler.archive
      #expect(archive.stats.coverage >= 0.8, "coverage \(archive.stats.coverage)")
      let task = try LunarLanderTask()
      let validation: [UInt64] = [1000, 1001, 1002, 1003, 1004]
      let chosen = try #require(task.mostGeneral(in: archive, candidates: 250, validationSeeds: validation, threads: 2))
      #expect(300 * 150 + 250 * validation.count <= 50_000)
      let test = task.meanReturn(weights: chosen.elite.solution, seeds: Array(0..<20))
      #expect(test >= 200, "chosen elite: \(test) over seeds 0..<20")
    }
  }
#endif
