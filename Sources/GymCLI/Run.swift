import ArgumentParser
import SwiftGym

struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Run an agent for some episodes and print return and length per episode.")

  @OptionGroup var environment: EnvironmentOptions
  @Option(help: "The agent: random.")
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
    guard agent == "random" else { throw ValidationError("unknown agent '\(agent)'; available: random") }
  }

  func run() throws {
    var env = try environment.make(renderMode: rendering.wantsFrames ? .rgbArray : nil)
    var agent = FlatRandomAgent(env: env, rng: GymRandom(seed: seed).derive(1))
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
    emitJSON(json, [
      "env": .string(environment.id), "agent": .string(self.agent), "seed": .int(Int(seed)),
      "episodes": .int(summary.episodes.count), "returns": JSONValue(summary.returns),
      "lengths": .array(summary.lengths.map { .int($0) }), "mean_return": .double(summary.meanReturn),
      "std_return": .double(summary.stdReturn), "mean_length": .double(summary.meanLength),
    ])
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
