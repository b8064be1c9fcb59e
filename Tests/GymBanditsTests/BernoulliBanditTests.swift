import GymBandits
import GymCore
import GymTesting
import Testing

@Suite("Bernoulli bandit")
struct BernoulliBanditTests {
  @Test func passesTheEnvironmentChecker() throws {
    try checkEnvironment({ BernoulliBandit(means: [0.2, 0.5, 0.8], horizon: 50) }, steps: 200)
  }

  @Test func regretIsTheGapAndTheHorizonTruncates() throws {
    var env = BernoulliBandit(means: [0.1, 0.9, 0.4], horizon: 3)
    _ = try env.reset(seed: 1)
    let first = env.step(0)
    #expect(first.info["regret"] == .double(0.8))
    #expect(first.info["optimal_arm"] == .int(1))
    #expect(!first.truncated)
    _ = env.step(1)
    let last = env.step(2)
    #expect(last.truncated)
    #expect(last.info["regret"]?.doubleValue.map { abs($0 - 0.5) < 1e-12 } == true)
  }
}
