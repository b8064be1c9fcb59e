import GymCore
import Testing

@testable import GymQD

@Suite("BipedalWalker policies")
struct BipedalWalkerTaskTests {
  @Test("episodes are deterministic; measures are contact fractions; evaluate equals play")
  func episodes() throws {
    let task = try BipedalWalkerTask(seeds: [0], maxSteps: 300)
    var rng = GymRandom(seed: 5)
    for _ in 0..<3 {
      let w = (0..<96).map { _ in rng.uniform(-0.5, 0.5) }
      let e = w.withUnsafeBufferPointer { task.play(weights: $0.baseAddress!, seed: 0) }
      let again = w.withUnsafeBufferPointer { task.play(weights: $0.baseAddress!, seed: 0) }
      #expect(e == again)
      #expect(e.steps >= 1 && e.steps <= 300)
      #expect((0...1).contains(e.contact.0) && (0...1).contains(e.contact.1))
      let (f, m) = task.evaluate(w)
      #expect(f == e.totalReward && m == [e.contact.0, e.contact.1])
    }
    // A still policy (zero torque) stands: both feet on the ground nearly all the time.
    let still = [Double](repeating: 0, count: 96)
    let e = still.withUnsafeBufferPointer { task.play(weights: $0.baseAddress!, seed: 0) }
    #expect(e.contact.0 > 0.5 && e.contact.1 > 0.5, "\(e.contact)")
    #expect(throws: QDError.self) { try BipedalWalkerTask(seeds: []) }
  }

  @Test("a BipedalWalker run gives the same archive with 1 and 2 threads")
  func threads() throws {
    var e = try Experiment.bipedalWalker()
    e.task = try BipedalWalkerTask(seeds: [0], maxSteps: 200)
    e.batchSize = 4
    e.emitterCount = 2
    let one = try e.run(iterations: 2).scheduler.archive
    e.threads = 2
    let two = try e.run(iterations: 2).scheduler.archive
    #expect(one == two && one.numElites >= 1)
  }
}
