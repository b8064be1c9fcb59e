import GymClassicControl
import GymCore
import GymTesting
import SwiftGym
import Testing

@Suite struct CartPoleTests {
  @Test func replayOfGymnasiumInjectedTrajectoriesMatches() throws {
    let text = try AtomicFile.read(PackageFiles.shared("reference/gymnasium/injected/CartPole-v1.json"))
    let reference = try JSON.parse(text)
    let ours = try Replay.run(reference)
    let c = Replay.compare(ours, reference: reference, floor: 1e-8)
    #expect(c.steps > 50)
    #expect(c.maxObservationRelativeError <= 1e-6)
    #expect(c.maxRewardError == 0)
    #expect(c.flagMismatches == 0)
    // The internal double-precision state matches too.
    for (a, b) in zip(ours["episodes"]!.arrayValue!, reference["episodes"]!.arrayValue!) {
      let sa = a["state"]!.arrayValue!.compactMap(\.doubleArray), sb = b["state"]!.arrayValue!.compactMap(\.doubleArray)
      #expect(sa.count == sb.count)
      for (x, y) in zip(sa, sb) {
        for (u, v) in zip(x, y) { #expect(abs(u - v) <= 1e-12 * max(1, abs(v))) }
      }
    }
  }

  @Test func seededResetsReproduceGymnasiumBitForBit() throws {
    let reference = try JSON.parse(try AtomicFile.read(PackageFiles.shared("reference/gymnasium/seeded/CartPole-v1.json")))
    let ours = try Replay.run(reference)
    for (a, b) in zip(ours["episodes"]!.arrayValue!, reference["episodes"]!.arrayValue!) {
      #expect(a["obs0_after_reset"] == b["obs0_after_reset"])
    }
    let c = Replay.compare(ours, reference: reference, floor: 1e-8)
    #expect(c.steps > 50 && c.maxObservationAbsoluteError == 0 && c.flagMismatches == 0)
  }

  @Test func malformedReplayNamesTheField() throws {
    let bad: JSONValue = ["mode": "injected", "env": ["id": "CartPole-v1"], "episodes": [["seed": 0, "injected_state": [0, 0, 0, 0], "actions": [0, 1, 7]]]]
    do {
      _ = try Replay.run(bad)
      Issue.record("expected an error")
    } catch let e as Replay.FormatError {
      #expect(e.field == "episodes[0].actions[2]")
      #expect(e.description.contains("outside"))
    }
    let noSeed: JSONValue = ["env": ["id": "CartPole-v1"], "episodes": [["actions": [0]]]]
    #expect(throws: Replay.FormatError.self) { try Replay.run(noSeed) }
  }

  @Test func terminatesAtThresholdsAndRewardsAfterTermination() throws {
    var env = CartPole()
    _ = try env.reset(seed: 0, options: ["state": [2.39, 1.0, 0, 0]])
    let r = env.step(1)
    #expect(r.terminated && r.reward == 1)
    let after = env.step(1)
    #expect(after.reward == 0)  // Gymnasium: 0 after the terminating step
    var sutton = CartPole(suttonBartoReward: true)
    _ = try sutton.reset(seed: 0, options: ["state": [0, 0, 0.2, 2]])
    let s = sutton.step(1)
    #expect(s.terminated && s.reward == -1)
  }

  @Test func resetOptionsAreValidated() {
    var env = CartPole()
    #expect(throws: OptionError.self) { try env.reset(seed: 0, options: ["low": 0.1, "high": -0.1]) }
    #expect(throws: OptionError.self) { try env.reset(seed: 0, options: ["lo": 0.1]) }
    #expect(throws: OptionError.self) { try env.reset(seed: 0, options: ["state": [1, 2]]) }
    #expect(throws: OptionError.self) { try CartPole(options: ["gravity": 3]) }
  }

  @Test(arguments: ["CartPole-v1", "CartPole-v0"])
  func checkEnvironmentPasses(id: String) throws {
    try checkEnvironment({ try make(id) }, steps: 500)
    try checkEnvironment({ CartPole() }, steps: 500)
  }
}
