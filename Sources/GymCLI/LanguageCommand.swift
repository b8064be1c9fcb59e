import ArgumentParser
import SwiftGym

struct Lang: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Language-conditioned tasks with continuous goals: evaluate policies per split.",
    subcommands: [LangEval.self, LangAudit.self, LangParse.self, LangCurves.self])
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
  @Flag(help: "With the oracle: list the failed episodes (seed, instruction, goal, final value, steps).")
  var showFailures = false
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
        if showFailures {
          for (k, o) in outcomes.enumerated() where !o.succeeded {
            print("    failed: \(split.rawValue) seed \(seed + UInt64(k))  \"\(o.instruction)\"  goal \(format(o.goal, 3))  final \(format(o.measured, 3))  steps \(o.steps)")
          }
        }
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

struct LangAudit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Check the balls of PourBalls or TransferBalls episodes for balls that leave the scene or pass through a wall.",
    discussion: "Runs --episodes full episodes per split (seeds --seed, --seed+1, …, continuous actions) with the oracle or uniform random actions and follows every ball's centre from step to step (`BallAudit`): it may not leave the room, and its path may not cross the bench, the floor, the target's floor or walls, or the container's floor or walls (each shrunk by half a ball's radius). Exits with an error if any ball did.")

  @Argument(help: "lang/PourBalls-v0 or lang/TransferBalls-v0.")
  var id: String
  @Option(help: "oracle or random.")
  var policy = "random"
  @Option(help: "Episodes per split.")
  var episodes = 100
  @Option(help: "First seed.")
  var seed: UInt64 = 0
  @Flag(help: "End with one JSON object.")
  var json = false

  func run() throws {
    guard let task = [LanguageTaskKind.pourBalls, .transferBalls].first(where: { "lang/\($0.idStem)-v0" == id }) else {
      throw ValidationError("gym lang audit checks the ball tasks, lang/PourBalls-v0 and lang/TransferBalls-v0; got '\(id)'")
    }
    guard let who = BallAudit.Policy(rawValue: policy) else { throw ValidationError("--policy must be oracle or random, got '\(policy)'") }
    guard episodes > 0 else { throw ValidationError("--episodes must be positive") }
    print("env \(id)  policy \(policy)  \(episodes) episodes per split")
    var rows: [String: JSONValue] = [:]
    var total = 0
    for split in LanguageSplit.allCases {
      let result = try BallAudit.episodes(task, split: split, policy: who, episodes: episodes, seed: seed, keep: 3)
      total += result.count
      print("  \(split.rawValue.padding(to: 14)) ball-steps \(grouped(result.ballSteps))  violations \(result.count)")
      for v in result.violations { print("    \(v)") }
      rows[split.rawValue] = ["ball_steps": .int(result.ballSteps), "violations": .int(result.count)]
    }
    emitJSON(json, ["env": .string(id), "policy": .string(policy), "episodes": .int(episodes), "splits": .object(rows)])
    if total > 0 { throw ValidationError("\(total) ball(s) left the scene or passed through a wall") }
  }
}

struct LangCurves: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "curves",
    abstract: "Plot the training success rate of PPO runs on language tasks in one PNG.",
    discussion: "Reads RUN/episodes.csv of every run given (written by `gym train ppo --out RUN`); a training episode succeeded when it terminated (the goal held) rather than hit the time limit. Each curve is the success rate of the last --window episodes against environment steps.")

  @Argument(help: "Run directories of `gym train ppo --out`.")
  var runs: [String]
  @Option(help: "The PNG to write.")
  var out: String
  @Option(help: "Episodes in the moving success rate.")
  var window = 200
  @Flag(help: "End with one JSON object.")
  var json = false

  func validate() throws {
    guard !runs.isEmpty else { throw ValidationError("give at least one run directory") }
    guard window > 0 else { throw ValidationError("--window must be positive, got \(window)") }
  }

  func run() throws {
    var series: [LineChart.Series] = []
    var finals: [String: JSONValue] = [:]
    for run in runs {
      let text: String
      do { text = try AtomicFile.read(run + "/episodes.csv") } catch { throw ValidationError("cannot read '\(run)/episodes.csv': \(error.message)") }
      let config = try? JSON.parse(AtomicFile.read(run + "/config.json"))
      let name = config?["env_id"]?.stringValue.map { $0.replacingOccurrences(of: "lang/", with: "").replacingOccurrences(of: "-v0", with: "") } ?? run
      var lines = text.split(separator: "\n")
      guard let header = lines.first?.split(separator: ",").map(String.init),
        let terminated = header.firstIndex(of: "terminated"), let steps = header.firstIndex(of: "total_steps")
      else { throw ValidationError("'\(run)/episodes.csv' lacks the terminated and total_steps columns") }
      lines.removeFirst()
      var x: [Double] = [], y: [Double] = [], recent: [Bool] = []
      var successes = 0
      for (k, line) in lines.enumerated() {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count == header.count, let total = Double(fields[steps]) else {
          throw ValidationError("'\(run)/episodes.csv' line \(k + 2) is malformed")
        }
        let ok = fields[terminated] == "true"
        recent.append(ok)
        successes += ok ? 1 : 0
        if recent.count > window { successes -= recent[recent.count - window - 1] ? 1 : 0 }
        x.append(total)
        y.append(Double(successes) / Double(min(recent.count, window)))
      }
      guard let last = y.last else { throw ValidationError("'\(run)/episodes.csv' has no episodes") }
      series.append(.init(name: name, x: x, y: y))
      finals[name] = .double(last)
      print("\(name.padding(to: 14)) \(grouped(Int(x.last!))) steps  \(lines.count) episodes  success of the last \(window): \(format(100 * last, 1))%")
    }
    let chart = LineChart(
      title: "PPO on language tasks (train split)", xLabel: "environment steps",
      yLabel: "success rate (last \(window) episodes)", series: series, yRange: 0...1, referenceLines: [0.7],
      legend: .bottomRight)
    try chart.writePNG(to: out)
    print("wrote \(out)")
    emitJSON(json, ["out": .string(out), "window": .int(window), "final_success_rate": .object(finals)])
  }
}

struct LangParse: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parse",
    abstract: "Parse an instruction back to its task, object and goal value, or say why it is outside the grammar.")

  @Argument(help: "The instruction, e.g. \"open the drawer about a third of the way\".")
  var instruction: String
  @Flag(help: "End with one JSON object.")
  var json = false

  func run() throws {
    let parsed: ParsedInstruction
    do { parsed = try InstructionParser.parse(instruction) } catch { throw CLIError(error.message) }
    let q = parsed.quantity
    print("task \(parsed.task.rawValue) (lang/\(parsed.task.idStem)-v0)  object \(parsed.object ?? "-")  goal \(format(q.spoken(parsed.value), 2)) \(q.spokenUnitName) (\(format(parsed.value, 4)) SI)  template \"\(parsed.template.pattern)\"")
    emitJSON(json, [
      "task": .string(parsed.task.rawValue), "env": .string("lang/\(parsed.task.idStem)-v0"),
      "object": parsed.object.map { .string($0) } ?? .null, "value": .double(parsed.value),
      "spoken_value": .double(q.spoken(parsed.value)), "unit": .string(q.spokenUnitName),
      "template": .string(parsed.template.pattern),
    ])
  }
}
