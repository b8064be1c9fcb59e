import GymCore
import GymTesting
import SwiftGym
import Testing

/// The reference files' action sequence: a 64-bit LCG (Knuth's MMIX constants); each draw's top
/// 12 bits pick a Discrete action (`x % n`) or a Box component (`low + (high − low)·x/4096`).
struct LCGPolicy {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  /// The next 12-bit draw.
  mutating func next12() -> UInt64 {
    state = 6364136223846793005 &* state &+ 1442695040888963407
    return state >> 52
  }

  /// The next action, in the flat form `AnyEnvironment` takes.
  mutating func action(for space: FlatSpace) -> [Float] {
    switch space.specification["type"]?.stringValue {
    case "Discrete":
      let n = space.specification["n"]!.intValue!
      var oneHot = [Float](repeating: 0, count: n)
      oneHot[Int(next12() % UInt64(n))] = 1
      return oneHot
    default:
      let low = space.specification["low"]!.doubleArray!, high = space.specification["high"]!.doubleArray!
      return zip(low, high).map { lo, hi in Float(lo + (hi - lo) * Double(next12()) / 4096) }
    }
  }
}

/// Random-policy statistics over 50 episodes (reset seeds 1000 + k, LCG seeds 1000 + k) against
/// Gymnasium's `stats/random_policy.json`.
@Suite struct RandomPolicyTests {
  @Test func lcgMatchesTheReferenceCheckValues() {
    var lcg = LCGPolicy(seed: 0)
    #expect((0..<8).map { _ in lcg.next12() } == [320, 416, 2479, 1643, 1571, 2297, 324, 1458])
    var three = LCGPolicy(seed: 3)
    #expect((0..<8).map { _ in three.next12() } == [463, 1330, 3008, 1417, 2535, 1555, 2062, 1983])
  }

  @Test(arguments: ["CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1", "Pendulum-v1"])
  func statisticsAgreeWithGymnasium(id: String) throws {
    let file = try JSON.parse(try AtomicFile.read(PackageFiles.shared("reference/gymnasium/stats/random_policy.json")))
    let stats = try #require(file["stats"]?.arrayValue?.first { $0["label"]?.stringValue == id })
    let episodes = stats["episodes"]!.intValue!
    let env = try make(id)
    var returns: [Double] = [], lengths: [Double] = []
    for k in 0..<episodes {
      let seed = UInt64(1000 + k)
      _ = try env.reset(seed: seed)
      var policy = LCGPolicy(seed: seed)
      var total = 0.0, length = 0
      while true {
        let r = try env.checkedStep(policy.action(for: env.actionSpace))
        total += r.reward
        length += 1
        if r.terminated || r.truncated { break }
      }
      returns.append(total)
      lengths.append(Double(length))
    }
    for (name, ours) in [("return", returns), ("length", lengths)] {
      let ref = stats[name]!
      let mean = ours.reduce(0, +) / Double(ours.count)
      let standardError = ref["std"]!.doubleValue! / Double(ref["n"]!.intValue!).squareRoot()
      #expect(abs(mean - ref["mean"]!.doubleValue!) <= 3 * standardError + 1e-9, "\(id) mean \(name) \(mean) vs \(ref["mean"]!)")
    }
    // Seeded resets follow NumPy's stream, so each episode is Gymnasium's episode.
    #expect(returns == stats["returns"]!.doubleArray!)
  }
}
