import GymClassicControl
import GymCore
import GymTesting
import SwiftGym
import Testing

@Suite struct AcrobotTests {
  @Test func resetStateIsFloat32AndStepsMakeItDouble() throws {
    var env = Acrobot(seed: 0)
    let (obs, _) = try env.reset(seed: 3)
    #expect(env.stateIsFloat32)
    for i in 0..<4 { #expect(Double(Float(env.state[i])) == env.state[i] && abs(env.state[i]) < 0.1) }
    #expect(obs[4] == Float(env.state[2]))
    _ = env.step(1)
    #expect(!env.stateIsFloat32)
  }

  @Test func anglesWrapAndSpeedsAreBounded() throws {
    var env = Acrobot(seed: 0)
    _ = try env.reset(seed: 0, options: ["state": [3.1, -3.1, 12, -28]])
    for _ in 0..<50 {
      _ = env.step(2)
      #expect(abs(env.state[0]) <= .pi && abs(env.state[1]) <= .pi)
      #expect(abs(env.state[2]) <= Acrobot.maxVelocity1 && abs(env.state[3]) <= Acrobot.maxVelocity2)
    }
    #expect(Acrobot.wrap(7) == 7 - 2 * .pi && Acrobot.wrap(-4) == -4 + 2 * .pi)
  }

  @Test func terminalStepHasZeroReward() throws {
    var env = Acrobot(seed: 0)
    _ = try env.reset(seed: 0, options: ["state": [3.0, 0, 0, 0]])  // nearly upright: above the line
    let r = env.step(1)
    #expect(r.terminated && r.reward == 0)
    _ = try env.reset(seed: 0, options: ["state": [0, 0, 0, 0]])
    let hanging = env.step(1)
    #expect(!hanging.terminated && hanging.reward == -1)
  }

  @Test func nipsDynamicsDifferFromBook() throws {
    var book = Acrobot(dynamics: .book, seed: 0)
    var nips = try Acrobot(options: ["book_or_nips": "nips"])
    let start: Options = ["state": [0.5, 0.5, 1, 1]]
    _ = try book.reset(seed: 0, options: start)
    _ = try nips.reset(seed: 0, options: start)
    _ = book.step(2)
    _ = nips.step(2)
    #expect(book.state != nips.state)
    #expect(throws: OptionError.self) { try Acrobot(options: ["book_or_nips": "paper"]) }
    #expect(throws: OptionError.self) { try Acrobot(options: ["torque_noise_max": -1]) }
  }

  @Test func torqueNoiseDrawsFromTheSeededGenerator() throws {
    var a = try Acrobot(options: ["torque_noise_max": 0.5]), b = try Acrobot(options: ["torque_noise_max": 0.5])
    _ = try a.reset(seed: 9)
    _ = try b.reset(seed: 9)
    for _ in 0..<20 { #expect(a.step(0).observation == b.step(0).observation) }
    var quiet = Acrobot(seed: 9)
    _ = try quiet.reset(seed: 9)
    _ = try a.reset(seed: 9)
    _ = quiet.step(0)
    _ = a.step(0)
    #expect(quiet.state != a.state)
  }

  @Test func registryFactsAndCheckEnvironment() throws {
    let spec = try Registry.standard.spec("Acrobot-v1")
    #expect(spec.maxEpisodeSteps == 500 && spec.rewardThreshold == -100)
    try checkEnvironment({ try make("Acrobot-v1") }, steps: 300)
  }
}
