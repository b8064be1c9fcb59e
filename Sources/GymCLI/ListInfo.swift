import ArgumentParser
import GymTesting
import SwiftGym

struct List: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "List registered environment ids with their family.")

  @Flag(help: "End with one JSON object listing the ids.")
  var json = false

  func run() throws {
    let specs = Registry.standard.specs
    let width = specs.map(\.id.count).max() ?? 0
    for spec in specs {
      print(spec.id.padding(to: width) + "  " + spec.family)
    }
    emitJSON(json, ["environments": .array(specs.map { ["id": .string($0.id), "family": .string($0.family)] })])
  }
}

struct Info: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Show an environment's spaces, time limit and reward threshold.")

  @OptionGroup var environment: EnvironmentOptions
  @Flag(help: "End with one JSON object.")
  var json = false

  func run() throws {
    let spec = try Registry.standard.spec(environment.id)
    let env = try environment.make()
    print("id:                \(spec.id)")
    print("family:            \(spec.family)")
    if !spec.summary.isEmpty { print("summary:           \(spec.summary)") }
    print("observation space: \(env.observationSpace)")
    print("action space:      \(env.actionSpace)")
    print("max episode steps: \(env.maxEpisodeSteps.map(String.init) ?? "none")")
    print("reward threshold:  \(spec.rewardThreshold.map { format($0) } ?? "none")")
    print("render modes:      \(env.metadata.renderModes.map(\.rawValue).joined(separator: ", "))")
    var o = spec.json.objectValue ?? [:]
    o["observation_space"] = env.observationSpace.specification
    o["action_space"] = env.actionSpace.specification
    o["max_episode_steps"] = env.maxEpisodeSteps.map { .int($0) } ?? .null
    o["render_modes"] = .array(env.metadata.renderModes.map { .string($0.rawValue) })
    emitJSON(json, .object(o))
  }
}

struct Reset: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Print the first observation and info after reset(seed:).")

  @OptionGroup var environment: EnvironmentOptions
  @Option(help: "The seed.")
  var seed: UInt64 = 0
  @Flag(help: "End with one JSON object.")
  var json = false

  func run() throws {
    let env = try environment.make()
    let (obs, info) = try env.reset(seed: seed, options: [:])
    let typed = env.observationSpace.encode(obs)
    print("observation: \(typed)")
    print("info:        \(JSONValue.object(info))")
    emitJSON(json, ["env": .string(environment.id), "seed": .int(Int(seed)), "observation": typed, "info": .object(info)])
  }
}

struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Check an environment against the protocol's contract (Gymnasium's check_env).")

  @OptionGroup var environment: EnvironmentOptions
  @Option(help: "Steps to take.")
  var steps = 1000
  @Flag(help: "End with one JSON object.")
  var json = false

  func run() throws {
    let env = environment
    _ = try env.make()
    do {
      let report = try checkEnvironment({ try env.make(renderMode: nil) }, steps: steps)
      print("\(environment.id): passed \(report.checks.count) checks (\(report.steps) steps, \(report.episodes) episodes)")
      for c in report.checks { print("  ok  \(c)") }
      emitJSON(json, ["env": .string(environment.id), "passed": true, "checks": .array(report.checks.map { .string($0) })])
    } catch let error as EnvironmentCheckError {
      print("\(environment.id): FAILED")
      for f in error.failures { print("  - \(f)") }
      emitJSON(json, ["env": .string(environment.id), "passed": false, "failures": .array(error.failures.map { .string($0) })])
      throw ExitCode.failure
    }
  }
}

extension String {
  func padding(to width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
