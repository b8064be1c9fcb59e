import ArgumentParser
import GymRewardText
import SwiftGym

/// `gym reward experiment`: PPO on a BabyAI level's sparse reward against PPO on the dense
/// reward compiled from each episode's mission, with the success rate of both measured on
/// held-out episode seeds through the level's own success.
struct RewardExperiment: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "experiment",
    abstract: "Compare PPO on a BabyAI level's sparse reward with PPO on its mission's dense reward.",
    discussion: """
      For every seed, trains PPO twice with the same hyperparameters and budget: on the \
      environment's sparse success reward, and on that reward plus potential-based shaping \
      towards the object the episode's mission names (the mission parsed with the BabyAI \
      grammar; `MissionPotential`). Every --eval-interval steps (and before training) the \
      policy plays --eval-episodes episodes from --eval-seed (seeds no training episode uses) \
      on the unmodified environment; an episode counts as a success when the level pays its \
      success reward. Reports, per arm, the first evaluation at which the mean success over \
      seeds reaches the sparse arm's final mean success. --out DIR receives curves.csv, \
      summary.json and success.png.
      """)

  @Option(help: "A BabyAI id whose missions follow the BabyAI grammar.")
  var env = "BabyAI-GoToLocal-v0"
  @Option(help: "Environment construction options as a JSON object.")
  var envOptions: String?
  @Option(help: "Comma-separated training seeds.")
  var seeds = "1,2,3"
  @Option(help: "Environment steps per run (default: the preset's n_timesteps).")
  var steps: Int?
  @Option(help: "Hyperparameters over the preset, as a JSON object with rl-zoo keys.")
  var hyperparameters: String?
  @Option(help: "Steps between evaluations.")
  var evalInterval = 25_000
  @Option(help: "Episodes per evaluation.")
  var evalEpisodes = 100
  @Option(help: "Seed of the first evaluation episode.")
  var evalSeed: UInt64 = 1_000_000_000
  @Flag(help: "Evaluate the greedy policy instead of sampling its actions.")
  var deterministic = false
  @Option(help: "How the policy sees the mission: 'chars' (Minigrid's flat observation, the mission as character indices) or 'words' (one-hots of the parsed mission's action, object type and colour; `Wrappers.MissionObservation`). Both arms see the same.")
  var observation = "chars"
  @Option(help: "Range of the potential (Φ from −scale to 0).")
  var scale = 1.0
  @Option(help: "Directory for curves.csv, summary.json and success.png.")
  var out: String?
  @Flag(help: "No progress lines.")
  var quiet = false
  @Flag(help: "End with one JSON object.")
  var json = false

  func parsedSeeds() throws -> [UInt64] {
    let parts = seeds.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    let values = parts.compactMap { UInt64($0) }
    guard !parts.isEmpty, values.count == parts.count else {
      throw ValidationError("--seeds must be comma-separated non-negative integers, got '\(seeds)'")
    }
    return values
  }

  func validate() throws {
    _ = try parsedSeeds()
    guard evalInterval > 0 else { throw ValidationError("--eval-interval must be positive, got \(evalInterval)") }
    guard evalEpisodes > 0 else { throw ValidationError("--eval-episodes must be positive, got \(evalEpisodes)") }
    if let steps { guard steps > 0 else { throw ValidationError("--steps must be positive, got \(steps)") } }
    guard scale >= 0, scale.isFinite else { throw ValidationError("--scale must be a finite number ≥ 0, got \(scale)") }
    guard ["chars", "words"].contains(observation) else { throw ValidationError("--observation must be 'chars' or 'words', got '\(observation)'") }
    guard env.hasPrefix("BabyAI-") else {
      throw ValidationError("--env must be a BabyAI level (its mission is the text the dense reward is compiled from), got '\(env)'")
    }
  }

  struct Curve {
    var steps: [Int] = []
    var success: [Double] = []
  }

  func run() throws {
    let options = try parseObject(envOptions, flag: "--env-options")
    _ = try MiniGrid.make(env, options: options)
    var configuration = PPOPresets.configuration(for: env)
    if let steps { configuration.totalSteps = steps }
    try configuration.apply(try parseObject(hyperparameters, flag: "--hyperparameters"))
    let budget = configuration.totalSteps
    let seedList = try parsedSeeds()
    let arms = ["sparse", "mission"]
    var curves: [String: [Curve]] = [:]
    var seconds: [String: [Double]] = [:]
    var csv = "arm,seed,step,success_rate\n"

    for arm in arms {
      for seed in seedList {
        let gamma = configuration.gamma, scale = arm == "sparse" ? 0 : scale, words = observation == "words"
        let trainer = try PPOTrainer<AnyEnvironment>(configuration: configuration, seed: seed) { _ in
          if words { return try shapedWords(try MiniGrid.make(env, options: options), gamma: gamma, scale: scale) }
          if arm == "sparse" { return try Registry.standard.make(env, options: options) }
          return try shaped(try MiniGrid.make(env, options: options), gamma: gamma, scale: scale)
        }
        var curve = Curve()
        func evaluate() throws {
          var e = words ? try shapedWords(try MiniGrid.make(env, options: options), gamma: gamma, scale: 0) : try Registry.standard.make(env, options: options)
          var agent = try PPOPolicyAgent(policy: trainer.policy, for: e, deterministic: deterministic, seed: evalSeed)
          let summary = try Runner.run(&e, agent: &agent, configuration: RunConfiguration(episodes: evalEpisodes, seed: evalSeed))
          let rate = Double(summary.returns.filter { $0 > 0 }.count) / Double(summary.returns.count)
          curve.steps.append(trainer.stepCount)
          curve.success.append(rate)
          csv += "\(arm),\(seed),\(trainer.stepCount),\(rate)\n"
          if !quiet { printError("\(arm) seed \(seed): step \(grouped(trainer.stepCount)) success \(format(rate, 3))") }
        }
        try evaluate()
        var next = evalInterval
        try trainer.train(totalSteps: budget, onIteration: { _ in
          if trainer.stepCount >= next || trainer.stepCount >= budget {
            try evaluate()
            while next <= trainer.stepCount { next += evalInterval }
          }
          return .proceed
        })
        if curve.steps.last != trainer.stepCount { try evaluate() }
        curves[arm, default: []].append(curve)
        seconds[arm, default: []].append(trainer.trainingSeconds)
      }
    }

    // Mean curves over seeds (every run evaluates at the same steps: rollouts have a fixed size).
    let x = curves["sparse"]![0].steps
    func mean(_ arm: String) -> [Double] {
      let runs = curves[arm]!
      return x.indices.map { i in runs.map { $0.success[i] }.reduce(0, +) / Double(runs.count) }
    }
    let sparseMean = mean("sparse"), missionMean = mean("mission")
    let target = sparseMean.last!
    func firstReach(_ ys: [Double]) -> Int? { ys.firstIndex { $0 >= target - 1e-12 }.map { x[$0] } }
    let sparseReach = firstReach(sparseMean), missionReach = firstReach(missionMean)
    let perSeedReach = curves["mission"]!.map { c in c.success.firstIndex { $0 >= target - 1e-12 }.map { c.steps[$0] } }

    print("\(env) (observation: \(observation)), \(seedList.count) seeds, \(grouped(x.last!)) steps per run, success on \(evalEpisodes) held-out episodes (\(deterministic ? "greedy" : "sampled") actions)")
    print("sparse reward: final mean success \(format(target, 3)) (per seed \(curves["sparse"]!.map { format($0.success.last!, 2) }.joined(separator: ", "))), first reached at step \(sparseReach.map(grouped) ?? "n/a")")
    print("mission reward: final mean success \(format(missionMean.last!, 3)) (per seed \(curves["mission"]!.map { format($0.success.last!, 2) }.joined(separator: ", "))), reaches the sparse final \(format(target, 3)) at step \(missionReach.map(grouped) ?? "never") (\(missionReach.map { format(100 * Double($0) / Double(x.last!), 1) + "% of the budget" } ?? "-"))")
    print("per seed, mission reward reaching \(format(target, 3)): \(perSeedReach.map { $0.map(grouped) ?? "never" }.joined(separator: ", "))")
    let holds = missionReach.map { 2 * $0 <= x.last! } ?? false
    print("dense reward reaches the sparse agent's final success in at most half its steps: \(holds ? "yes" : "no")")

    var summary: [String: JSONValue] = [
      "env": .string(env), "seeds": JSONValue(seedList.map { Double($0) }), "steps": .int(x.last!),
      "eval_episodes": .int(evalEpisodes), "eval_seed": .string(String(evalSeed)), "deterministic": .bool(deterministic),
      "scale": .double(scale), "observation": .string(observation), "hyperparameters": configuration.json,
      "eval_steps": JSONValue(x.map(Double.init)),
      "sparse_mean_success": JSONValue(sparseMean), "mission_mean_success": JSONValue(missionMean),
      "sparse_final_success": .double(target), "mission_final_success": .double(missionMean.last!),
      "sparse_steps_to_final": sparseReach.map { .int($0) } ?? .null,
      "mission_steps_to_sparse_final": missionReach.map { .int($0) } ?? .null,
      "mission_steps_to_sparse_final_per_seed": .array(perSeedReach.map { $0.map { .int($0) } ?? .null }),
      "half_budget_holds": .bool(holds),
      "training_seconds": .object(seconds.mapValues { JSONValue($0) }),
    ]
    for arm in arms { summary["\(arm)_success_per_seed"] = .array(curves[arm]!.map { JSONValue($0.success) }) }
    if let out {
      try AtomicFile.createDirectory(out)
      try AtomicFile.write(csv, to: out + "/curves.csv")
      try AtomicFile.write(JSON.string(.object(summary), pretty: true) + "\n", to: out + "/summary.json")
      let xs = x.map(Double.init)
      let chart = LineChart(
        title: "\(env): held-out success", xLabel: "environment steps",
        yLabel: "success rate",
        series: [
          .meanAndStd(name: "sparse reward", x: xs, runs: curves["sparse"]!.map(\.success), color: Color(r: 200, g: 90, b: 60)),
          .meanAndStd(name: "mission reward (shaped)", x: xs, runs: curves["mission"]!.map(\.success), color: Color(r: 50, g: 110, b: 190)),
        ],
        yRange: 0...1, referenceLines: [target])
      try chart.writePNG(to: out + "/success.png")
      print("wrote \(out)/curves.csv, summary.json, success.png")
    }
    emitJSON(json, .object(summary))
  }
}

/// The grid world with its mission's shaping, erased for the trainer.
func shaped<E: GridWorldEnvironment>(_ env: E, gamma: Double, scale: Double) throws -> AnyEnvironment {
  try AnyEnvironment(env.rewardedByMission(gamma: gamma, scale: scale), maxEpisodeSteps: nil)
}

/// The grid world with its mission's shaping (`scale` 0: none) and the mission as words in
/// the observation, erased for the trainer.
func shapedWords<E: GridWorldEnvironment>(_ env: E, gamma: Double, scale: Double) throws -> AnyEnvironment {
  try AnyEnvironment(Wrappers.MissionObservation(env.rewardedByMission(gamma: gamma, scale: scale)), maxEpisodeSteps: nil)
}
