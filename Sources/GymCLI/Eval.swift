import ArgumentParser
import SwiftGym

struct Eval: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Evaluate a trained policy saved by `gym train`.",
    discussion: "Loads DIR/checkpoint (or DIR itself when it holds state.json), makes the environment the run trained on, and runs the policy: its mode by default, samples with --stochastic. --render/--apng/--sheet record the frames.")

  @Argument(help: "The run directory given to `gym train --out`.")
  var directory: String
  @Option(help: "Episodes to run.")
  var episodes = 10
  @Option(help: "Seed of the first reset (later resets continue the stream) and of sampling.")
  var seed: UInt64 = 0
  @Flag(help: "Sample actions instead of taking the most likely one.")
  var stochastic = false
  @OptionGroup var rendering: RenderOptions
  @Flag(help: "End with one JSON object.")
  var json = false

  func validate() throws {
    guard episodes > 0 else { throw ValidationError("--episodes must be positive, got \(episodes)") }
  }

  func run() throws {
    let checkpoint = FileSystemCheck.exists(directory + "/checkpoint/" + PPOCheckpoint.stateFileName) ? directory + "/checkpoint" : directory
    let (policy, state) = try PPOCheckpoint.loadPolicy(from: checkpoint)
    guard let envID = state["metadata"]?["env_id"]?.stringValue else {
      throw ValidationError("the checkpoint in '\(checkpoint)' does not say which environment it was trained on")
    }
    let options = state["metadata"]?["env_options"]?.objectValue ?? [:]
    var env = try Registry.standard.make(envID, options: options, renderMode: rendering.wantsFrames ? .rgbArray : nil)
    var agent = try PPOPolicyAgent(policy: policy, for: env, deterministic: !stochastic, seed: seed)
    var outputs = try rendering.wantsFrames ? FrameOutputs(rendering, defaultFPS: env.metadata.renderFPS) : nil
    var config = RunConfiguration(
      episodes: episodes, seed: seed,
      onEpisode: { record in
        print("episode \(record.index)  return \(format(record.episodeReturn))  length \(record.length)\(record.truncated ? "  (truncated)" : "")")
      })
    if outputs != nil { config.onFrame = { try outputs!.add($0) } }
    let summary = try Runner.run(&env, agent: &agent, configuration: config)
    if let outputs {
      for path in try outputs.finish() { print("wrote \(path)") }
    }
    let steps = state["step_count"]?.intValue ?? 0
    print("\(envID), policy after \(grouped(steps)) training steps, \(stochastic ? "stochastic" : "deterministic"): mean return \(format(summary.meanReturn)) ± \(format(summary.stdReturn)) over \(summary.episodes.count) episodes")
    emitJSON(json, [
      "env": .string(envID), "checkpoint": .string(checkpoint), "training_steps": .int(steps),
      "deterministic": .bool(!stochastic), "seed": .string(String(seed)), "episodes": .int(summary.episodes.count),
      "returns": JSONValue(summary.returns), "lengths": .array(summary.lengths.map { .int($0) }),
      "mean_return": .double(summary.meanReturn), "std_return": .double(summary.stdReturn),
    ])
  }
}
