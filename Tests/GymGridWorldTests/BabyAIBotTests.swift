import GymBabyAIBot
import GymCore
import GymGridWorld
import SwiftGym
import Testing

@Suite struct BabyAIBotTests {
  /// A few seeds per level in debug; `gym run <id> --agent bot --episodes 1000` in release
  /// measures the rate (docs/benchmarks/grid.md).
  @Test(arguments: ["BabyAI-GoToLocal-v0", "BabyAI-PickupLoc-v0", "BabyAI-PutNextLocal-v0", "BabyAI-Synth-v0", "BabyAI-BossLevel-v0"])
  func solvesSeededMissions(_ id: String) throws {
    func run<E: GridWorldEnvironment>(_ env: E) throws -> Int {
      var env = env
      var solved = 0
      for seed in 0..<20 {
        let e = try BabyAIBot.play(&env, seed: UInt64(seed))
        if e.success { solved += 1 } else { Issue.record("\(id) seed \(seed): \(e.error.map { "\($0)" } ?? "not solved") in \(e.length) steps") }
      }
      return solved
    }
    #expect(try run(try MiniGrid.make(id)) == 20)
  }

  @Test func playsTheSameEpisodeForTheSameSeed() throws {
    func actions<E: GridWorldEnvironment>(_ env: E) throws -> [Int] {
      var env = env
      var out: [Int] = []
      _ = try BabyAIBot.play(&env, seed: 7) { out.append($0) }
      return out
    }
    let a = try actions(try MiniGrid.make("BabyAI-BossLevel-v0"))
    let b = try actions(try MiniGrid.make("BabyAI-BossLevel-v0"))
    #expect(a == b && !a.isEmpty)
  }

  @Test func goToRedBallIsShortAndEndsFacingTheBall() throws {
    var env = try MiniGrid.make("BabyAI-GoToRedBallGrey-v0")
    func play<E: GridWorldEnvironment>(_ env: inout E) throws -> (BabyAIBotEpisode, GridWorld) {
      let e = try BabyAIBot.play(&env, seed: 1)
      return (e, env.world)
    }
    let (episode, world) = try play(&env)
    #expect(episode.success)
    #expect(episode.length <= 20)
    let front = world[world.front]
    #expect(front.type == .ball && front.color == .red)
  }

  @Test func refusesEnvironmentsWithoutInstructions() throws {
    let env = try make("MiniGrid-Empty-5x5-v0")
    #expect(throws: BabyAIBotError.self) { try BabyAIBotAgent(env: env) }
  }

  @Test func agentDrivesTheErasedEnvironment() throws {
    var env = try make("BabyAI-GoToLocal-v0")
    var agent = try BabyAIBotAgent(env: env)
    let summary = try Runner.run(&env, agent: &agent, configuration: RunConfiguration(episodes: 3, seed: 0))
    #expect(summary.returns.allSatisfy { $0 > 0 })
    #expect(agent.failures.isEmpty)
  }
}
