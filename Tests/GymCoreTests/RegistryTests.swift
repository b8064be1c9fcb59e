import GymCore
import GymTesting
import Testing

@Suite struct RegistryTests {
  func registry() -> Registry {
    let r = Registry()
    r.register(id: "Counter-v0", family: "test", maxEpisodeSteps: 4) { _ in VectorTestEnv(length: 100) }
    r.register(id: "Counter-v1", family: "test", maxEpisodeSteps: 5) { _ in VectorTestEnv(length: 100) }
    r.register(id: "Other-v2", family: "test") { _ in VectorTestEnv(length: 2) }
    return r
  }

  @Test func makeAppliesTheSpecTimeLimitAndOverride() throws {
    let env = try registry().make("Counter-v1")
    _ = try env.reset(seed: 0, options: [:])
    var last = env.step([0, 1, 0])
    for _ in 0..<4 { last = env.step([1, 0, 0]) }
    #expect(last.truncated && !last.terminated)
    #expect(env.maxEpisodeSteps == 5)
    let unlimited = try registry().make("Counter-v1", maxEpisodeSteps: 0)
    #expect(unlimited.maxEpisodeSteps == nil)
  }

  @Test func unknownIdsSuggestCloseOnes() {
    let r = registry()
    #expect(throws: RegistryError.self) { try r.make("Countr-v1") }
    do { _ = try r.make("Countr-v1") } catch let e as RegistryError {
      #expect(e.message.contains("'Counter-v1'"))
    } catch { Issue.record("wrong error \(error)") }
    do { _ = try r.make("Counter-v7") } catch let e as RegistryError {
      #expect(e.message.contains("no version 7"))
      #expect(e.message.contains("Counter-v0, Counter-v1"))
    } catch { Issue.record("wrong error \(error)") }
    do { _ = try r.make("Zebra") } catch let e as RegistryError {
      #expect(e.message.contains("gym list"))
    } catch { Issue.record("wrong error \(error)") }
  }

  @Test func erasedStepValidatesActionsAndOrder() throws {
    let env = try registry().make("Counter-v0")
    #expect(throws: EnvironmentError.self) { try env.checkedStep([1, 0, 0]) }
    _ = try env.reset(seed: 1, options: [:])
    #expect(throws: EnvironmentError.self) { try env.checkedStep([1, 1, 0]) }
    #expect(throws: EnvironmentError.self) { try env.checkedStep([1, 0]) }
    #expect(throws: EnvironmentError.self) { try env.step(json: 3) }
    let r = try env.step(json: 2)
    #expect(r.reward == 2)
    #expect(r.observation == [r.observation[0], 1])
    for _ in 0..<3 { _ = try env.step(json: 0) }
    #expect(throws: EnvironmentError.self) { try env.step(json: 0) }
  }

  @Test func idsParse() {
    let id = EnvironmentID(parsing: "ns/My-Env-v12")
    #expect(id.namespace == "ns" && id.name == "My-Env" && id.version == 12)
    #expect(EnvironmentID(parsing: "Plain").version == nil)
  }
}

/// An environment that breaks the contract in several ways.
struct BrokenEnv: Environment {
  var t = 0
  let observationSpace = Box<[Float]>(low: 0, high: 1, shape: [1])
  let actionSpace = Discrete(2)
  var metadata: EnvironmentMetadata { EnvironmentMetadata(renderModes: [.rgbArray]) }
  mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<[Float]> {
    t = 0
    // Ignores the seed: not deterministic.
    return ([Float.random(in: 0...1)], [:])
  }
  mutating func step(_ action: Int) -> StepResult<[Float], Double> {
    t += 1
    return ([Float(t + 1)], .nan, false, false, [:])  // outside the space, NaN reward
  }
}

@Suite struct CheckEnvironmentTests {
  @Test func passesOnAGoodEnvironment() throws {
    let report = try checkEnvironment({ VectorTestEnv(length: 7) }, steps: 50)
    #expect(report.steps == 50)
    #expect(report.episodes == 7)
  }

  @Test func failsWithClearMessagesOnABrokenOne() {
    do {
      try checkEnvironment({ BrokenEnv() }, steps: 10)
      Issue.record("the broken environment passed")
    } catch let e as EnvironmentCheckError {
      let text = e.description
      #expect(text.contains("two resets with seed 123 gave different observations"))
      #expect(text.contains("outside"))
      #expect(text.contains("non-finite reward"))
      #expect(text.contains("does not conform to RenderableEnvironment"))
    } catch { Issue.record("wrong error \(error)") }
  }
}

@Suite struct RunnerTests {
  @Test func runnerCollectsReturnsAndLengths() throws {
    var env = VectorTestEnv(length: 4)
    var agent = RandomAgent(for: env, seed: 3)
    var logged: [EpisodeRecord] = []
    let summary = try Runner.run(&env, agent: &agent, configuration: RunConfiguration(episodes: 5, seed: 1, onEpisode: { logged.append($0) }))
    #expect(summary.episodes.count == 5)
    #expect(summary.lengths == [4, 4, 4, 4, 4])
    #expect(summary.totalSteps == 20)
    #expect(logged.map(\.index) == [0, 1, 2, 3, 4])
    // Same seeds: same returns.
    var env2 = VectorTestEnv(length: 4)
    var agent2 = RandomAgent(for: env2, seed: 3)
    let again = try Runner.run(&env2, agent: &agent2, configuration: RunConfiguration(episodes: 5, seed: 1))
    #expect(again.returns == summary.returns)
    #expect(logged[0].csvRow.hasPrefix("0,"))
  }

  @Test func nanRewardsStopTheRun() {
    var env = BrokenEnv()
    var agent = RandomAgent(for: env, seed: 0)
    #expect(throws: EnvironmentError.self) { try Runner.run(&env, agent: &agent, configuration: RunConfiguration(steps: 3)) }
  }
}
