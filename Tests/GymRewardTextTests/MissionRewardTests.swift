import GymCore
import GymRewardText
import SwiftGym
import Testing

@Suite struct MissionRewardTests {
  /// With γ = 1 the shaping telescopes: over an episode the shaped return minus the true
  /// return is Φ(last state) − Φ(first state), with Φ = 0 after a terminal step.
  @Test(arguments: [UInt64(1), 2, 3])
  func shapingTelescopesWithUndiscountedPotential(seed: UInt64) throws {
    var env = try BabyAILevel.environment(level: "GoToLocal", options: [:]).rewardedByMission(gamma: 1)
    _ = try env.reset(seed: seed, options: [:])
    var probe = env.potential
    let first = probe.potential(env.base.world)
    let mission = env.base.world.mission
    #expect(first < 0, "the agent does not start facing the target of '\(mission)'")
    var rng = GymRandom(seed: seed)
    var shaped = 0.0, trueReturn = 0.0, last = first
    while true {
      let r = env.step(rng.int(below: 3))
      shaped += r.reward
      trueReturn += r.info["true_reward"]!.doubleValue!
      last = r.terminated ? 0 : probe.potential(env.base.world)
      if r.terminated || r.truncated {
        #expect(r.info["true_return"]?.doubleValue == trueReturn)
        break
      }
    }
    let gap: Double = (shaped - trueReturn) - (last - first)
    #expect(Swift.abs(gap) < 1e-9)
  }

  /// The potential is 0 exactly when the agent faces an object the mission names, and rises
  /// as the cell in front of the agent nears one.
  @Test func potentialIsZeroFacingTheTarget() throws {
    var base = try BabyAILevel.environment(level: "GoToLocal", options: [:])
    _ = try base.reset(seed: 7, options: [:])
    var p = MissionPotential()
    let parsed = p.instruction(base.world.mission)
    let instruction = try #require(parsed)
    guard case .goTo(let d) = instruction else { Issue.record("GoToLocal gave '\(instruction)'"); return }
    let targets = base.world.objectsOnMap().filter { d.matchesKind($0.object) }.map(\.position)
    #expect(!targets.isEmpty)
    let best = targets.map { base.world.front.manhattan($0) }.min()!
    let expected = -Double(best) / Double(base.world.width + base.world.height)
    #expect(Swift.abs(p.potential(base.world) - expected) < 1e-12)
  }

  /// A mission outside the BabyAI grammar leaves the reward unchanged.
  @Test func missionsOutsideTheGrammarAddNothing() throws {
    var env = try DoorKey.environment(options: ["size": 5]).rewardedByMission()
    _ = try env.reset(seed: 0, options: [:])
    let mission = env.base.world.mission
    #expect(env.potential.instruction(mission) == nil)
    for a in [0, 2, 2, 1, 2] {
      let r = env.step(a)
      #expect(r.reward == r.info["true_reward"]!.doubleValue!)
      if r.terminated || r.truncated { break }
    }
  }
}
