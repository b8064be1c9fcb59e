import GymBanditAgents
import GymBandits
import GymCore
import RealModule
import Testing

@Suite("KL-UCB")
struct KLUCBTests {
  /// The index by plain bisection: the largest q in [p, 1] with kl(p, q) <= level.
  static func bisection(_ p: Double, _ level: Double) -> Double {
    var lo = p, hi = 1.0
    for _ in 0..<200 {
      let mid = (lo + hi) / 2
      if KLUCB.kl(p, mid) > level { hi = mid } else { lo = mid }
    }
    return lo
  }

  @Test func klMatchesItsDefinition() {
    #expect(abs(KLUCB.kl(0.5, 0.5)) < 1e-15)
    let expected: Double = 0.1 * Double.log(0.1 / 0.9) + 0.9 * Double.log(0.9 / 0.1)
    #expect(abs(KLUCB.kl(0.1, 0.9) - expected) < 1e-12)
    #expect(abs(KLUCB.kl(0, 0.5) - Double.log(2)) < 1e-12)
  }

  @Test(arguments: [1, 2, 3])
  func newtonAgreesWithBisection(seed: UInt64) {
    var rng = GymRandom(seed: seed)
    for _ in 0..<2_000 {
      let p = [0, 1, rng.nextDouble(), rng.nextDouble() * 1e-3, 1 - rng.nextDouble() * 1e-3].randomElement(using: &rng)!
      let level = [rng.nextDouble() * 5, rng.nextDouble() * 1e-4, rng.nextDouble() * 50].randomElement(using: &rng)!
      let reference = Self.bisection(p, level)
      let cold = KLUCB.upperBound(mean: p, level: level)
      let warm = KLUCB.upperBound(mean: p, level: level, start: rng.nextDouble())
      #expect(abs(cold - reference) < 1e-10, "p \(p) level \(level): \(cold) vs \(reference)")
      #expect(abs(warm - reference) < 1e-10, "p \(p) level \(level) warm: \(warm) vs \(reference)")
    }
  }

  /// Every decision equals the argmax of indices computed from scratch by bisection (lowest
  /// index among ties), except where the two best indices are within 1e-9 of each other.
  @Test(arguments: [UInt64(1), 2])
  func decisionsAreTheExactArgmax(seed: UInt64) throws {
    var env = BernoulliBandit(means: (1...9).map { Double($0) / 10 }, horizon: 3_000)
    _ = try env.reset(seed: seed)
    var policy = KLUCB(armCount: 9)
    var counts = [Int](repeating: 0, count: 9), sums = [Double](repeating: 0, count: 9)
    var mismatches = 0
    for t in 0..<3_000 {
      let arm = policy.act(0)
      if t >= 9 {
        let level = Double.log(Double(t))
        var indices: [Double] = []
        for i in 0..<9 { indices.append(Self.bisection(sums[i] / Double(counts[i]), level / Double(counts[i]))) }
        var best = 0
        for i in 1..<9 where indices[i] > indices[best] { best = i }
        var runnerUp = -Double.infinity
        for i in 0..<9 where i != best { runnerUp = max(runnerUp, indices[i]) }
        if arm != best && indices[best] - runnerUp > 1e-9 { mismatches += 1 }
      } else {
        #expect(arm == t, "the initial round pulls arms in index order")
      }
      let reward = env.pull(arm).reward
      policy.update(arm: arm, reward: reward)
      counts[arm] += 1
      sums[arm] += reward
    }
    #expect(mismatches == 0)
  }
}
