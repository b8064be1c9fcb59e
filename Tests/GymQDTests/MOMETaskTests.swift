import GymCore
import GymMultiObjective
import Testing

@testable import GymQD

@Suite("MOME on multi-objective environments")
struct MOMETaskTests {
  @Test("discrete mo-lunar-lander plays LunarLanderTask's policy: same steps and touchdown measures; fuel counts engine firings")
  func discreteLanderMatchesTheSingleObjectiveTask() throws {
    for c in LunarLanderTaskTests.cases.prefix(4) {
      let seed = UInt64(c["seed"]!.intValue!)
      let w = c["weights"]!.doubles
      let single = try LunarLanderTask(seeds: [seed])
      let multi = try MOLunarLanderTask(control: .discrete, seeds: [seed])
      let (s, m) = w.withUnsafeBufferPointer { (single.play(weights: $0.baseAddress!, seed: seed), multi.play(weights: $0.baseAddress!, seed: seed)) }
      #expect(m.steps == s.steps && m.impactX == s.impactX && m.impactVelocityY == s.impactVelocityY)
      // Discrete engines fire at full power: the fuel objective is minus a count of steps.
      let fuel = m.objectives[1]
      #expect(fuel <= 0 && fuel == fuel.rounded() && -fuel <= Double(m.steps))
      // Outside the last step the scalar reward is shaping − 0.3·main − 0.03·side; the last
      // step's reward is the ±100 outcome alone (or that formula at the time limit).
      #expect(abs(m.returns[0]) == 100 || m.steps == single.maxSteps)
      let evaluated = multi.evaluate(w)
      #expect(evaluated.objectives == m.objectives && evaluated.measures == [m.impactX, m.impactVelocityY])
    }
  }

  @Test("continuous mo-lunar-lander: tanh-linear throttles, objectives from the vector return, measures in the box")
  func continuousLander() throws {
    let task = try MOLunarLanderTask(seeds: [52, 7])
    #expect(task.solutionDim == 16 && task.referencePoint == [-1000, -2000])
    let zero = [Double](repeating: 0, count: 16)
    let idle = zero.withUnsafeBufferPointer { task.play(weights: $0.baseAddress!, seed: 52) }
    #expect(idle.returns[2] == 0 && idle.returns[3] == 0)  // tanh(0) = 0: no engine fires
    #expect(idle.returns[0] == -100)  // and the lander crashes
    var w = zero
    w[0 * 8 + 3] = -3  // main engine when falling
    let burn = w.withUnsafeBufferPointer { task.play(weights: $0.baseAddress!, seed: 52) }
    #expect(burn.returns[2] < 0 && burn.returns[3] == 0)
    let (objectives, measures) = task.evaluate(w)
    let other = w.withUnsafeBufferPointer { task.play(weights: $0.baseAddress!, seed: 7) }
    for k in 0..<2 { #expect(abs(objectives[k] - (burn.objectives[k] + other.objectives[k]) / 2) < 1e-9) }
    #expect(measures == [burn.impactX, burn.impactVelocityY])
  }

  @Test("mo-mountaincar-continuous: idling costs all the time and no fuel; pumping with the velocity reaches the flag")
  func mountainCar() throws {
    let task = try MOMountainCarTask()
    #expect(task.referencePoint == [-1000, -1000])
    let idle = [0.0, 0, 0].withUnsafeBufferPointer { task.play(weights: $0.baseAddress!, seed: 0) }
    #expect(idle.steps == 999 && !idle.reachedGoal && idle.returns == [-999, 0])
    let pump = [0.0, 5, 0].withUnsafeBufferPointer { task.play(weights: $0.baseAddress!, seed: 0) }
    #expect(pump.reachedGoal && pump.steps < 200)
    #expect(pump.returns[0] == -Double(pump.steps - 1) && pump.returns[1] < 0 && pump.returns[1] > -Double(pump.steps))
    let (objectives, measures) = task.evaluate([0, 5, 0])
    #expect(objectives == pump.returns && measures == [pump.leftmost, pump.topSpeed])
    #expect(measures[0] >= -1.2 && measures[0] <= -0.4 && measures[1] > 0.04 && measures[1] <= 0.07)
  }

  static func run(_ task: any MOQDTask, iterations: Int, batch: Int, threads: Int, seed: UInt64) throws -> MOME {
    var mome = try MOME(
      task: task, cells: [10, 10], maxFrontSize: 5, variation: .isoLine(isoSigma: 0.5, lineSigma: 0.2), batchSize: batch, threads: threads, seed: seed)
    mome.run(iterations: iterations)
    return mome
  }

  @Test("same seed, same archive at 1 and 2 threads on both environments; fronts stay non-dominated")
  func threadInvariance() throws {
    let tasks: [any MOQDTask] = [try MOMountainCarTask(maxSteps: 300), try MOLunarLanderTask(maxSteps: 150)]
    for task in tasks {
      let one = try Self.run(task, iterations: 3, batch: 12, threads: 1, seed: 3)
      let two = try Self.run(task, iterations: 3, batch: 12, threads: 2, seed: 3)
      #expect(one.archive.fronts == two.archive.fronts && one.archive.occupied == two.archive.occupied, "\(task.name)")
      let other = try Self.run(task, iterations: 3, batch: 12, threads: 1, seed: 4)
      #expect(other.archive.fronts != one.archive.fronts, "\(task.name)")
      #expect(one.archive.coverage > 0 && one.archive.globalHypervolume(reference: task.referencePoint) > 0, "\(task.name)")
      for f in one.archive.fronts { #expect(f.count <= 5 && MOMETests.isNonDominated(f)) }
    }
  }

  @Test("bad settings are refused with a message")
  func errors() {
    #expect(throws: QDError.self) { try MOLunarLanderTask(seeds: []) }
    #expect(throws: QDError.self) { try MOMountainCarTask(maxSteps: 0) }
  }
}

#if !DEBUG
  /// MOME learning on the environments (tens of CPU seconds): release builds only.
  @Suite("MOME learning on multi-objective environments (release only)")
  struct MOMELearningTests {
    @Test("mo-mountaincar-continuous: the global front trades time against fuel, with a fast run to the flag")
    func mountainCar() throws {
      let task = try MOMountainCarTask()
      var mome = try MOME(task: task, cells: [20, 20], variation: .isoLine(isoSigma: 1, lineSigma: 0.2), batchSize: 100, threads: 2, seed: 42)
      mome.run(iterations: 5)
      let early = mome.archive.moqdScore(reference: task.referencePoint)
      mome.run(iterations: 95)
      let a = mome.archive
      #expect(a.moqdScore(reference: task.referencePoint) > early)
      let front = a.globalFront
      #expect(front.count >= 5)
      #expect(front.contains { $0.objectives[0] > -120 }, "fastest: \(front.map(\.objectives[0]).max() ?? .nan)")
      #expect(a.coverage > 0.3, "coverage \(a.coverage)")
    }

    @Test("mo-lunar-lander: MOME covers the touchdown grid and finds a soft landing on the global front")
    func lander() throws {
      let task = try MOLunarLanderTask()
      var mome = try MOME(task: task, cells: [20, 20], variation: .isoLine(isoSigma: 0.5, lineSigma: 0.2), batchSize: 100, threads: 2, seed: 42)
      mome.run(iterations: 100)
      let a = mome.archive
      #expect(a.coverage > 0.5, "coverage \(a.coverage)")
      #expect(a.globalFront.contains { $0.objectives[0] > 150 }, "best landing: \(a.globalFront.map(\.objectives[0]).max() ?? .nan)")
    }
  }
#endif
