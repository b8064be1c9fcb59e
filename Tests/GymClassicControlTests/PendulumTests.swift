import GymClassicControl
import GymCore
import GymTesting
import SwiftGym
import Testing

@Suite struct PendulumTests {
  @Test func costUsesTheStateBeforeTheStep() throws {
    var env = Pendulum(seed: 0)
    _ = try env.reset(seed: 0, options: ["state": [0, 0]])
    let upright = env.step([0])
    #expect(upright.reward == 0 && !upright.terminated && !upright.truncated)
    _ = try env.reset(seed: 0, options: ["state": .array([.double(Double.pi), 0])])
    let hanging = env.step([2])
    // angle_normalize(π) = −π: cost π² + 0.001·4 (the float32 product 0.001·4).
    #expect(hanging.reward == -(NumPyScalarPower.square(Double.pi) + Double(Float(0.001) * 4)))
    #expect(abs(Pendulum.angleNormalize(6) - (6 - 2 * .pi)) < 1e-12 && Pendulum.angleNormalize(-.pi) == -.pi)
  }

  @Test func speedAndTorqueAreClipped() throws {
    var env = Pendulum(seed: 0)
    _ = try env.reset(seed: 0, options: ["state": [1.5, 7.9]])
    _ = env.step([5])
    #expect(env.state[1] == Pendulum.maxSpeed && env.lastTorque == 2)
  }

  @Test func gravityOptionChangesTheDynamics() throws {
    var earth = Pendulum(seed: 0), moon = try Pendulum(options: ["g": 1.62])
    _ = try earth.reset(seed: 0, options: ["state": [1, 0]])
    _ = try moon.reset(seed: 0, options: ["state": [1, 0]])
    _ = earth.step([0])
    _ = moon.step([0])
    #expect(earth.state[1] == 15 * Double.sin(1.0) * 0.05)
    #expect(abs(moon.state[1] - 3 * 1.62 / 2 * Double.sin(1.0) * 0.05) < 1e-15)
    #expect(throws: OptionError.self) { try Pendulum(options: ["g": "heavy"]) }
  }

  @Test func resetRangesFollowXInitAndYInit() throws {
    var env = Pendulum(seed: 0)
    for seed in 0..<20 {
      _ = try env.reset(seed: UInt64(seed), options: ["x_init": 0.5, "y_init": 0.25])
      #expect(abs(env.state[0]) <= 0.5 && abs(env.state[1]) <= 0.25)
    }
    _ = try env.reset(seed: 0, options: ["x_init": 0, "y_init": 0])
    #expect(env.state == .zero)
    #expect(throws: OptionError.self) { try env.reset(seed: 0, options: ["x_init": -1]) }
    #expect(throws: OptionError.self) { try env.reset(seed: 0, options: ["low": -1]) }
  }

  @Test func registryFactsAndCheckEnvironment() throws {
    let spec = try Registry.standard.spec("Pendulum-v1")
    #expect(spec.maxEpisodeSteps == 200 && spec.rewardThreshold == nil)
    try checkEnvironment({ try make("Pendulum-v1") }, steps: 300)
  }
}
