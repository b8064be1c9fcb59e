import GymCore
import SwiftGym
import Testing

@Suite struct Box2DReplayTests {
  /// `gym replay` runs Gymnasium's seeded Box2D files: first observations agree, and an
  /// episode of ours that ends before the recording stops there instead of failing.
  @Test(arguments: ["LunarLander-v3", "BipedalWalker-v3"])
  func gymReplayRunsTheSharedSeededFiles(id: String) throws {
    let reference = try SharedData.json("reference/gymnasium/seeded/\(id).json")
    let ours = try Replay.run(reference)
    let episodes = ours["episodes"]!.arrayValue!
    #expect(episodes.count == 5)
    for (a, b) in zip(episodes, reference["episodes"]!.arrayValue!) {
      for (x, y) in zip(a["obs0_after_reset"]!.doubleArray!, b["obs0_after_reset"]!.doubleArray!) { #expect(abs(x - y) <= 2e-4) }
      let n = a["n_steps"]!.intValue!
      #expect(a["obs"]!.arrayValue!.count == n && a["actions"]!.arrayValue!.count == n)
      if let early = a["ended_before_recording"]?.intValue { #expect(early == n && n < b["n_steps"]!.intValue!) }
    }
    #expect(Replay.compare(ours, reference: reference).steps > 100)
  }
}
