import GymClassicControl
import GymCore
import GymTesting
import SwiftGym
import Testing

/// Every classic-control reference file of Gymnasium 1.4.0, replayed through our environments:
/// observations, rewards, flags and the double-precision internal state agree bit for bit.
@Suite struct ReplayTests {
  static let ids = ["CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1", "Pendulum-v1"]

  static func load(_ mode: String, _ id: String) throws -> JSONValue {
    try JSON.parse(try AtomicFile.read(PackageFiles.shared("reference/gymnasium/\(mode)/\(id).json")))
  }

  /// Compares every recorded field exactly; returns the number of steps compared.
  static func expectIdentical(_ ours: JSONValue, _ reference: JSONValue) -> Int {
    var steps = 0
    let a = ours["episodes"]?.arrayValue ?? [], b = reference["episodes"]?.arrayValue ?? []
    #expect(a.count == b.count && !a.isEmpty)
    for (ea, eb) in zip(a, b) {
      let seed = eb["seed"]?.intValue ?? -1
      for key in ["obs0_after_reset", "obs0", "obs", "reward", "terminated", "truncated", "state", "return", "n_steps"] {
        #expect(ea[key] == eb[key], "episode with seed \(seed): \(key) differs")
      }
      steps += eb["n_steps"]?.intValue ?? 0
    }
    return steps
  }

  @Test(arguments: ids)
  func injectedTrajectoriesMatchGymnasium(id: String) throws {
    let reference = try Self.load("injected", id)
    let ours = try Replay.run(reference)
    #expect(Self.expectIdentical(ours, reference) > 90)
    let c = Replay.compare(ours, reference: reference, floor: 1e-8)
    #expect(c.maxObservationRelativeError <= 1e-5 && c.maxRewardError <= 1e-6 && c.flagMismatches == 0)
  }

  @Test(arguments: ids)
  func seededTrajectoriesMatchGymnasium(id: String) throws {
    let reference = try Self.load("seeded", id)
    let ours = try Replay.run(reference)
    #expect(Self.expectIdentical(ours, reference) > 100)
  }
}
