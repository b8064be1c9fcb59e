import ArgumentParser
import SwiftGym

struct Lang: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Language-conditioned tasks with continuous goals: evaluate policies per split.",
    subcommands: [LangEval.self])
}

struct LangEval: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Success rate of a policy on a language task, per split (train, novel values, novel objects, novel scenes).",
    discussion: "Policies: `oracle` (the scripted controller that reads the instruction), `random` (uniform random actions) and `ppo` (the policy saved by `gym train ppo --out DIR` on a lang/ task, given with --run DIR; it acts deterministically). Episodes use seeds --seed, --seed+1, … in every split; an episode succeeds when it terminates (the goal held) before the time limit.")

  @Argument(help: "A language task id, e.g. lang/OpenDrawer-v0 (see `gym list`).")
  var id: String
  @Option(help: "oracle, random or ppo.")
  var policy = "oracle"
  @Option(name: .customLong("run"), help: "With --policy ppo: the run directory given to `gym train ppo --out`.")
  var runDirectory: String?
  @Option(help: "Episodes per split.")
  var episodes = 100
  @Option(help: "First seed.")
  var seed: UInt64 = 0
  @Flag(help: "Use the discrete action space (Discrete(13)) instead of the continuous one.")
  var discrete = false
  @Option(help: "Write a contact sheet of the oracle's first episode of each split as DIR/<split>.png.")
  var sheets: String?
  @Flag(help: "End with one JSON object.")
  var json = false

  func validate() throws {
    guard episodes > 0 else { throw ValidationError("--episodes must be positive") }
    guard ["oracle", "random", "ppo"].contains(policy) else { throw ValidationError("--policy must be oracle, random or ppo, got '\(policy)'") }
    if policy == "ppo" && runDirectory == nil { throw ValidationError("--policy ppo needs --run DIR, a run saved by `gym train ppo --out DIR`") }
    if policy != "ppo" && runDirectory != nil { throw ValidationError("--run is only for --policy ppo") }
  }

  func run() throws {
    _ = try Registry.standard.spec(id)
    var trained: (policy: ActorCritic, options: [String: JSONValue], steps: Int)?
    if let run = runDirectory {
      let checkpoint = FileSystemCheck.exists(run + "/checkpoint/" + PPOCheckpoint.stateFileName) ? run + "/checkpoint" : run
      let (policy, state) = try PPOCheckpoint.loadPolicy(from: checkpoint)
      guard let envID = state["metadata"]?["env_id"]?.stringValue, envID == id else {
        throw ValidationError("the run in '\(run)' trained \(state["metadata"]?["env_id"]?.stringValue ?? "an unknown environment"), not \(id)")
      }
      var options = state["metadata"]?["env_options"]?.objectValue ?? [:]
      options["split"] = nil
      trained = (policy, options, state["step_count"]?.intValue ?? 0)
    }
    guard let task = LanguageTaskKind.allCases.first(where: { "lang/\($0.idStem)-v0" == id }) else {
      throw ValidationError("gym lang eval evaluates language tasks; '\(id)' is not one (ids: \(LanguageTaskKind.allCases.map { "lang/\($0.idStem)-v0" }.joined(separator: ", ")))")
    }
    if let trained {
      print("env \(id)  policy ppo (\(grouped(trained.steps)) training steps, options \(JSONValue.object(trained.options)))  \(episodes) episodes per split")
    } else {
      print("env \(id)  policy \(policy)  \(discrete ? "discrete" : "continuous") actions  \(episodes) episodes per split")
    }
    var rows: [String: JSONValue] = [:]
    for split in LanguageSplit.allCases {
      let rate: Double
      var meanSteps = 0.0
      if policy == "oracle" {
        var outcomes: [LanguageOracle.Outcome] = []
        for k in 0..<episodes {
          if discrete {
            var env = LanguageTask<DiscreteManipulation>(task: task, split: split)
            outcomes.append(try LanguageOracle.run(&env, seed: seed + UInt64(k)))
          } else {
            var env = LanguageTask<ContinuousManipulation>(task: task, split: split)
            outcomes.append(try LanguageOracle.run(&env, seed: seed + UInt64(k)))
          }
        }
        rate = Double(outcomes.filter(\.succeeded).count) / Double(episodes)
        meanSteps = Double(outcomes.map(\.steps).reduce(0, +)) / Double(episodes)
      } else {
        var options: [String: JSONValue] = trained?.options ?? ["continuous": .bool(!discrete)]
        options["split"] = .string(split.rawValue)
        let env = try Registry.standard.make(id, options: options)
        var agent = try trained.map { try PPOPolicyAgent(policy: $0.policy, for: env, deterministic: true, seed: seed) }
        var rng = GymRandom(seed: seed)
        var successes = 0, steps = 0
        for k in 0..<episodes {
          var observation = try env.reset(seed: seed + UInt64(k)).observation
          while true {
            let action = agent != nil ? agent!.act(observation) : env.sampleAction(using: &rng)
            let r = try env.checkedStep(action)
            observation = r.observation
            steps += 1
            if r.terminated { successes += 1 }
            if r.terminated || r.truncated { break }
          }
        }
        rate = Double(successes) / Double(episodes)
        meanSteps = Double(steps) / Double(episodes)
      }
      print("  \(split.rawValue.padding(to: 14)) success \(format(100 * rate, 1))%  mean steps \(format(meanSteps, 1))")
      rows[split.rawValue] = ["success_rate": .double(rate), "mean_steps": .double(meanSteps)]
    }
    if let sheets {
      try makeDirectory(sheets)
      for split in LanguageSplit.allCases {
        var frames: [Frame] = []
        if discrete {
          var env = LanguageTask<DiscreteManipulation>(task: task, split: split)
          _ = try LanguageOracle.run(&env, seed: seed) { frames.append($0.render()) }
        } else {
          var env = LanguageTask<ContinuousManipulation>(task: task, split: split)
          _ = try LanguageOracle.run(&env, seed: seed) { frames.append($0.render()) }
        }
        let sheet = ContactSheet(every: max(1, frames.count / 11), thumbnailWidth: 300, columns: 4)
        let path = sheets + "/" + split.rawValue + ".png"
        try PNG.write(sheet.render(frames), to: path)
        print("wrote \(path) (\(frames.count) frames)")
      }
    }
    emitJSON(json, ["env": .string(id), "policy": .string(policy), "discrete": .bool(discrete), "episodes": .int(episodes), "splits": .object(rows)])
  }
}
