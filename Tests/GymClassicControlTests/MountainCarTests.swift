import GymClassicControl
import GymCore
import GymTesting
import SwiftGym
import Testing

@Suite struct MountainCarTests {
  @Test func leftWallStopsTheCarAndTheGoalTerminates() throws {
    var env = MountainCar(seed: 0)
    _ = try env.reset(seed: 0, options: ["state": [-1.19, -0.05]])
    let r = env.step(0)
    #expect(env.state == SIMD2(-1.2, 0) && r.reward == -1 && !r.terminated)
    _ = try env.reset(seed: 0, options: ["state": [0.49, 0.02]])
    #expect(env.step(2).terminated)
    // goal_velocity raises the bar: arriving slowly is not enough.
    var picky = try MountainCar(options: ["goal_velocity": 0.05])
    _ = try picky.reset(seed: 0, options: ["state": [0.49, 0.02]])
    #expect(!picky.step(2).terminated)
  }

  @Test func speedIsClippedAndResetHonoursBounds() throws {
    var env = MountainCar(seed: 1)
    _ = try env.reset(seed: 1, options: ["state": [-0.5, 0.0699]])
    _ = env.step(2)
    #expect(env.state[1] == MountainCar.maxSpeed)
    for seed in 0..<20 {
      let (obs, _) = try env.reset(seed: UInt64(seed), options: ["low": -0.3, "high": -0.2])
      #expect(obs[0] >= -0.3 && obs[0] < -0.2 && obs[1] == 0)
    }
  }

  @Test func continuousRewardIsEnergyPenaltyPlusGoalBonus() throws {
    var env = MountainCarContinuous(seed: 0)
    _ = try env.reset(seed: 0, options: ["state": [-0.5, 0]])
    let r = env.step([0.5])
    #expect(r.reward == -0.025 && !r.terminated)
    #expect(env.stateIsFloat32)
    _ = try env.reset(seed: 0, options: ["state": [0.44, 0.03]])
    let goal = env.step([1])
    #expect(goal.terminated && goal.reward == 100 - 0.1)
    // Forces beyond ±1 are clipped, but the penalty uses the raw action (as in Gymnasium).
    _ = try env.reset(seed: 0, options: ["state": [-0.5, 0]])
    let big = env.step([3])
    #expect(big.reward == -(9 * 0.1) && env.state[1] > 0)
  }

  @Test func optionsAreValidated() {
    var env = MountainCar(seed: 0)
    #expect(throws: OptionError.self) { try env.reset(seed: 0, options: ["low": 0.1, "high": -0.1]) }
    #expect(throws: OptionError.self) { try env.reset(seed: 0, options: ["state": [1]]) }
    #expect(throws: OptionError.self) { try env.reset(seed: 0, options: ["x_init": 1]) }
    #expect(throws: OptionError.self) { try MountainCar(options: ["goal_velocity": "fast"]) }
    #expect(throws: OptionError.self) { try MountainCarContinuous(options: ["power": 2]) }
    do {
      _ = try env.reset(seed: 0, options: ["lo": 0])
      Issue.record("expected an error")
    } catch let e as OptionError {
      #expect(e.message == "unknown reset option 'lo'; allowed: high, low, state")
    } catch { Issue.record("unexpected \(error)") }
  }

  @Test(arguments: ["MountainCar-v0", "MountainCarContinuous-v0"])
  func registryFactsAndCheckEnvironment(id: String) throws {
    let spec = try Registry.standard.spec(id)
    #expect(spec.maxEpisodeSteps == (id == "MountainCar-v0" ? 200 : 999))
    #expect(spec.rewardThreshold == (id == "MountainCar-v0" ? -110 : 90))
    try checkEnvironment({ try make(id) }, steps: 300)
  }
}
