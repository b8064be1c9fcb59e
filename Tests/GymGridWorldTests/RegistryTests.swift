import GymCore
import GymGridWorld
import GymTesting
import SwiftGym
import Testing

@Suite struct GridRegistryTests {
  @Test func everyMinigridAndBabyAIIdIsRegistered() {
    let ids = Set(Registry.standard.ids)
    #expect(MiniGrid.entries.count == 172)
    #expect(MiniGrid.entries.allSatisfy { ids.contains($0.id) })
    #expect(MiniGrid.entries.filter { $0.family == "babyai" }.count == 96)
  }

  @Test(arguments: MiniGrid.entries.map(\.id))
  func passesTheEnvironmentChecker(_ id: String) throws {
    func check<E: GridWorldEnvironment>(_: E) throws {
      try checkEnvironment({ try MiniGrid.make(id) as! E }, steps: 100)
    }
    try check(try MiniGrid.make(id))
  }

  @Test func erasedMakeFlattensTheDictObservation() throws {
    let env = try make("MiniGrid-Empty-5x5-v0")
    let (obs, _) = try env.reset(seed: 0)
    #expect(obs.count == 4 + 147 + 512)
    #expect(Array(obs[0..<4]) == [1, 0, 0, 0])
    let r = try env.step(json: 1)
    #expect(Array(r.observation[0..<4]) == [0, 1, 0, 0])
    #expect(env.renderText()?.contains("get to the green goal square") == true)
  }

  @Test func badOptionsAndIdsGiveClearErrors() throws {
    #expect(throws: OptionError("unknown option 'sise' for DoorKey; allowed: size, max_steps, see_through_walls, agent_view_size, highlight, tile_size, agent_pov, caption")) {
      try make("MiniGrid-DoorKey-8x8-v0", options: ["sise": 5])
    }
    #expect(throws: OptionError("option 'size' of DoorKey must be in 5...128, got 3")) {
      try make("MiniGrid-DoorKey-8x8-v0", options: ["size": 3])
    }
    #expect(throws: OptionError("option 'agent_view_size' of Empty must be 7 for the typed 7×7 observation; use MiniGridWrappers.ViewSize for 5")) {
      try make("MiniGrid-Empty-8x8-v0", options: ["agent_view_size": 5])
    }
    #expect(throws: OptionError("option 'num_doors' of OpenDoorsOrder must be in 2...4, got 7")) {
      try make("BabyAI-OpenDoorsOrderN2-v0", options: ["num_doors": 7])
    }
    do {
      _ = try make("MiniGrid-DoorKey-8x8-v1")
      Issue.record("expected an error")
    } catch let e as RegistryError {
      #expect(e.message.contains("registered versions: MiniGrid-DoorKey-8x8-v0"))
    }
    var env = try MiniGrid.make("MiniGrid-Empty-5x5-v0")
    #expect(throws: OptionError("Minigrid environments take no reset options; got 'low'")) { try env.reset(seed: 0, options: ["low": 1]) }
  }

  @Test func optionsChangeTheLevel() throws {
    var env = try MiniGrid.make("MiniGrid-Empty-8x8-v0", options: ["size": 11, "max_steps": 7])
    _ = try env.reset(seed: 0)
    #expect(env.world.width == 11 && env.world.maxSteps == 7)
    var truncated = false
    for _ in 0..<7 { truncated = env.step(0).truncated }
    #expect(truncated)
  }
}
