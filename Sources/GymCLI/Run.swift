import ArgumentParser
import SwiftGym

struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Run an agent for some episodes and print return and length per episode.")

  @OptionGroup var environment: EnvironmentOptions
  @Option(help: "The agent: random, or bot (BabyAI's expert planner, for BabyAI levels).")
  var agent = "random"
  @Option(help: "Episodes to run.")
  var episodes = 10
  @Option(help: "Seed of the first reset and of the agent.")
  var seed: UInt64 = 0
  @Option(help: "Append one line per episode to this .csv or .jsonl file.")
  var log: String?
  @OptionGroup var rendering: RenderOptions
  @Flag(help: "End with one JSON object.")
  var json = false

  func validate() throws {
    guard episodes > 0 else { throw ValidationError("--episodes must be positive, got \(episodes)") }
    guard ["random", "bot"].contains(agent) else { throw ValidationError("unknown agent '\(agent)'; available: random, bot") }
  }

  func run() throws {
    var env = try environment.make(renderMode: rendering.wantsFrames ? .rgbArray : nil)
    if agent == "bot" {
      let bot: BabyAIBotAgent
      do { bot = try BabyAIBotAgent(env: env) } catch { throw CLIError("\(error)") }
      try run(env: &env, agent: bot)
    } else {
      try run(env: &env, agent: FlatRandomAgent(env: env, rng: GymRandom(seed: seed).derive(1)))
    }
  }

  func run<A: Agent>(env: inout AnyEnvironment, agent: A) throws where A.Observation == [Float], A.Action == [Float], A.Reward == Double {
    var agent = agent
    let logFile = try log.map { path in
      do { return try EpisodeLog(path: path) } catch { throw CLIError("\(error)") }
    }
    var outputs = try rendering.wantsFrames ? FrameOutputs(rendering, defaultFPS: env.metadata.renderFPS) : nil
    var config = RunConfiguration(
      episodes: episodes, seed: seed,
      progress: { printError($0.line) },
      onEpisode: { record in
        print("episode \(record.index)  return \(format(record.episodeReturn))  length \(record.length)\(record.truncated ? "  (truncated)" : "")")
        try logFile?.append(record)
      })
    if outputs != nil { config.onFrame = { try outputs!.add($0) } }
    let summary = try Runner.run(&env, agent: &agent, configuration: config)
    if let outputs {
      for path in try outputs.finish() { print("wrote \(path)") }
    }
    print("mean return \(format(summary.meanReturn)) ± \(format(summary.stdReturn))  mean length \(format(summary.meanLength))  over \(summary.episodes.count) episodes")
    // Minigrid and BabyAI reward only success (1 − 0.9·steps/max_steps > 0), so a positive
    // return is a solved mission: BabyAI's success rate.
    let solved = summary.returns.filter { $0 > 0 }.count
    if self.agent == "bot" {
      print("solved \(solved)/\(summary.episodes.count) missions (\(format(100 * Double(solved) / Double(summary.episodes.count), 1)) %)")
    }
    var o: [String: JSONValue] = [
      "env": .string(environment.id), "agent": .string(self.agent), "seed": .int(Int(seed)),
      "episodes": .int(summary.episodes.count), "returns": JSONValue(summary.returns),
      "lengths": .array(summary.lengths.map { .int($0) }), "mean_return": .double(summary.meanReturn),
      "std_return": .double(summary.stdReturn), "mean_length": .double(summary.meanLength),
    ]
    if self.agent == "bot" { o["solved"] = .int(solved) }
    emitJSON(json, .object(o))
  }
}

/// A random agent over an erased environment's flat action space.
struct FlatRandomAgent: Agent {
  typealias Observation = [Float]
  typealias Action = [Float]
  let env: AnyEnvironment
  var rng: GymRandom
  mutating func act(_ observation: [Float]) -> [Float] { env.sampleAction(using: &rng) }
}
