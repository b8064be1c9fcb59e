import ArgumentParser
import Synchronization
import GymRewardText
import SwiftGym

#if canImport(Glibc)
  import Glibc
#endif

struct Train: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Train an agent on a registered environment.",
    subcommands: [TrainPPO.self])
}

struct TrainPPO: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ppo",
    abstract: "Train PPO; write logs, checkpoints and a learning curve to --out.",
    discussion: """
      Hyperparameters come from the environment's preset (rl-zoo's tuned values; \
      \(PPOPresets.environmentIDs.joined(separator: ", "))) or SB3's defaults, overridden by \
      --hyperparameters with rl-zoo keys, e.g. '{"n_epochs": 10, "learning_rate": "lin_3e-4"}'.

      --out DIR receives episodes.csv (one line per training episode), iterations.jsonl (losses \
      and throughput per update), learning_curve.png, config.json and checkpoint/ (weights in \
      safetensors, state.json with optimizer moments, normaliser statistics and counters). \
      Checkpoints are written every --checkpoint-interval seconds, on Ctrl-C and at the end; \
      --resume continues from the last one (with --steps as the new step target).

      --reward-text "TEXT" (or --reward-program FILE) replaces the environment's reward by a \
      reward program compiled from the text (see `gym reward compile`); episodes.csv then logs \
      the text return in 'return' and the environment's own return in 'true_return', \
      --stop-at-return applies to the true return, and training ends with an evaluation of \
      the deterministic policy on the true reward (--eval-episodes). --reward-goal "GOAL" \
      does the same with ELLM's reward: the similarity of the goal to each transition's captions.
      """)

  @Option(help: "A registered environment id, e.g. CartPole-v1 (see `gym list`).")
  var env: String
  @Option(help: "Environment construction options as a JSON object.")
  var envOptions: String?
  @Option(help: "Environment steps to train (default: the preset's n_timesteps).")
  var steps: Int?
  @Option(help: "Seed of the environments, the initialisation and the sampling.")
  var seed: UInt64 = 0
  @Option(help: "Directory for logs, checkpoints and the learning curve.")
  var out: String?
  @Flag(help: "Continue the run saved in --out.")
  var resume = false
  @Option(help: "Hyperparameters over the preset, as a JSON object with rl-zoo keys.")
  var hyperparameters: String?
  @Option(help: "Stop as soon as the mean return of the last --window training episodes reaches this.")
  var stopAtReturn: Double?
  @Option(help: "Episodes in the moving mean for --stop-at-return and the progress line.")
  var window = 20
  @Option(help: "Seconds of training between checkpoints.")
  var checkpointInterval: Double = 60
  @Option(help: "Threads stepping the environments; 2 or more also updates the actor and the critic in parallel (results do not depend on it).")
  var threads = 1
  @Flag(help: "No progress line.")
  var quiet = false
  @Flag(help: "End with one JSON object.")
  var json = false
  @Option(help: "Train on the reward compiled from this task description instead of the environment's reward.")
  var rewardText: String?
  @Option(help: "Train on the reward program in this file instead of the environment's reward.")
  var rewardProgram: String?
  @Option(help: "Train on the similarity of this goal to each transition's captions (ELLM; embedder chosen by --embedder) instead of the environment's reward.")
  var rewardGoal: String?
  @Option(help: "Train on a learned reward model (a file from `gym reward learn`) instead of the environment's reward.")
  var rewardModel: String?
  @Flag(help: "BabyAI levels: add potential-based shaping towards the object each episode's mission names to the environment's reward.")
  var rewardMission = false
  @Option(help: "With --reward-goal: the smallest caption similarity that pays.")
  var goalThreshold = 0.5
  @OptionGroup(title: "Reward from text") var rewardBackend: RewardBackendOptions
  @OptionGroup(title: "Goal embedder (with --reward-goal)") var goalEmbedder: EmbedderOptions
  @Option(help: "With a text reward: episodes of the deterministic policy evaluated on the true reward after training (0: none).")
  var evalEpisodes = 10

  func validate() throws {
    if [rewardText, rewardProgram, rewardGoal, rewardModel, rewardMission ? "mission" : nil].compactMap({ $0 }).count > 1 {
      throw ValidationError("give one of --reward-text, --reward-program, --reward-goal, --reward-model and --reward-mission")
    }
    guard (-1...1).contains(goalThreshold) else { throw ValidationError("--goal-threshold must be in [-1, 1], got \(goalThreshold)") }
    guard evalEpisodes >= 0 else { throw ValidationError("--eval-episodes must be 0 or more, got \(evalEpisodes)") }
    try rewardBackend.validateBackend()
    try goalEmbedder.validateEmbedder()
    if rewardGoal == nil && (goalEmbedder.embedder != "hashing" || goalEmbedder.minilmDir != nil) && !resume {
      throw ValidationError("--embedder and --minilm-dir apply to --reward-goal")
    }
    if let steps { guard steps > 0 else { throw ValidationError("--steps must be positive, got \(steps)") } }
    guard window > 0 else { throw ValidationError("--window must be positive, got \(window)") }
    guard checkpointInterval > 0 else { throw ValidationError("--checkpoint-interval must be positive, got \(checkpointInterval)") }
    guard (1...256).contains(threads) else { throw ValidationError("--threads must be in 1...256, got \(threads)") }
    if let stopAtReturn { guard stopAtReturn.isFinite else { throw ValidationError("--stop-at-return must be a finite number") } }
    if resume && out == nil { throw ValidationError("--resume needs --out DIR, the run to continue") }
  }

  func run() throws {
    let processStart = Stopwatch.now()
    let spec = try Registry.standard.spec(env)
    let options = try parseObject(envOptions, flag: "--env-options")
    let checkpointDirectory = out.map { $0 + "/checkpoint" }

    // Hyperparameters and seed: the preset with overrides, or the checkpoint's.
    var configuration: PPOConfiguration
    var runSeed = seed
    var resumeState: JSONValue?
    if resume, let checkpointDirectory {
      let state = try PPOCheckpoint.readState(checkpointDirectory)
      guard state["metadata"]?["env_id"]?.stringValue == env else {
        throw ValidationError("the run in '\(out!)' trained \(state["metadata"]?["env_id"]?.stringValue ?? "an unknown environment"), not \(env)")
      }
      (configuration, runSeed) = try PPOCheckpoint.configuration(in: state)
      if hyperparameters != nil { throw ValidationError("--hyperparameters cannot change a resumed run; it continues with its saved ones") }
      // A new step target stretches the schedules (learning rate, clip range) over the longer
      // run; without it they would already be at their final value and training would stall.
      if let steps {
        let taken = state["step_count"]?.intValue ?? 0
        guard steps >= taken else { throw ValidationError("--steps \(steps) is below the \(taken) steps the run has already taken") }
        configuration.totalSteps = steps
      }
      resumeState = state
    } else {
      configuration = PPOPresets.configuration(for: env)
      if let steps { configuration.totalSteps = steps }
      try configuration.apply(try parseObject(hyperparameters, flag: "--hyperparameters"))
    }
    let target = steps ?? configuration.totalSteps

    // The text reward: compiled now, or the resumed run's saved program.
    var reward: CompiledReward?
    var rewardOrigin: JSONValue = .null
    let savedProgram = resumeState?["metadata"]?["reward_program"]?.stringValue
    if resume && (rewardText != nil || rewardProgram != nil || rewardGoal != nil || rewardModel != nil || rewardMission) {
      throw ValidationError("a resumed run keeps the reward it was trained on; drop --reward-text / --reward-program / --reward-goal / --reward-model / --reward-mission")
    }
    // A learned reward model, or the mission shaping of a BabyAI level: given now, or the
    // resumed run's.
    let modelJSON: JSONValue? = try resumeState?["metadata"]?["reward_model"] ?? rewardModel.map { path in
      let m = try loadRewardModel(path, env: env, options: options)
      return LearnedRewardFile(environmentID: env, model: m, provenance: ["file": .string(path)]).json
    }
    let learned = try modelJSON.map { try LearnedRewardFile(json: $0) { id in try RewardViews.view(for: id, options: options) }.model }
    let mission = rewardMission || resumeState?["metadata"]?["reward_mission"]?.boolValue == true
    if mission {
      guard env.hasPrefix("BabyAI-") else { throw ValidationError("--reward-mission needs a BabyAI level (its missions follow the BabyAI grammar), got '\(env)'") }
    }
    // The goal reward (ELLM): given now, or the resumed run's.
    var goal: (text: String, threshold: Double, embedder: String)?
    if let savedGoal = resumeState?["metadata"]?["reward_goal"]?.stringValue {
      goal = (savedGoal, resumeState?["metadata"]?["goal_threshold"]?.doubleValue ?? 0.5, resumeState?["metadata"]?["goal_embedder"]?.stringValue ?? "hashing")
    } else if let rewardGoal {
      goal = (rewardGoal, goalThreshold, goalEmbedder.embedder)
    }
    let goalView = try goal.map { _ in try rewardView(env, options: options) }
    let goalCache = EmbeddingCache(try goal.map { try EmbedderOptions.make($0.embedder, minilmDir: goalEmbedder.minilmDir) } ?? HashingEmbedder())
    if let goal, let goalView {
      // Fail before training when the view has no captions.
      _ = try Registry.standard.make(env, options: options).rewarded(byGoal: goal.text, view: goalView, cache: goalCache, threshold: goal.threshold)
    }
    let replaced = goal != nil || savedProgram != nil || rewardText != nil || rewardProgram != nil || learned != nil || mission
    if let savedProgram {
      reward = try CompiledReward(source: savedProgram, view: try RewardViews.view(for: env, options: options))
      rewardOrigin = resumeState?["metadata"]?["reward"] ?? .null
    } else if let rewardText {
      let compilation = try rewardBackend.compile(rewardText, view: try rewardView(env, options: options))
      reward = compilation.reward
      printProgram(compilation, text: rewardText)
      rewardOrigin = ["text": .string(rewardText), "backend": .string(compilation.backend)]
    } else if let rewardProgram {
      let view = try rewardView(env, options: options)
      do { reward = try CompiledReward(source: try readProgramText(rewardProgram), view: view) } catch let e as RewardProgramError {
        throw ValidationError("\(rewardProgram): \(e)")
      }
      rewardOrigin = ["file": .string(rewardProgram)]
    }

    // Output directory: refuse to overwrite a run, check that it is writable before training.
    var logs: TrainingLogs?
    if let out {
      if !resume, FileSystemCheck.exists(checkpointDirectory! + "/" + PPOCheckpoint.stateFileName) {
        throw ValidationError("'\(out)' already holds a run; pass --resume to continue it, or choose another --out")
      }
      logs = try TrainingLogs(directory: out, resumeFrom: resumeState, trueReturns: replaced)
      if !resume {
        try logs!.writeConfig([
          "env_id": .string(env), "env_options": .object(options), "seed": .string(String(runSeed)),
          "algorithm": "PPO", "hyperparameters": configuration.json,
          "reward_program": reward.map { .string($0.source) } ?? .null, "reward": rewardOrigin,
          "reward_goal": goal.map { .string($0.text) } ?? .null, "goal_threshold": goal.map { .double($0.threshold) } ?? .null,
          "reward_model": modelJSON ?? .null, "reward_mission": .bool(mission),
          "goal_embedder": goal.map { .string($0.embedder) } ?? .null,
        ])
      }
    }

    let trainer = try PPOTrainer<AnyEnvironment>(configuration: configuration, seed: runSeed, threads: threads, learnerThreads: min(threads, 2)) { _ in
      let base = try Registry.standard.make(env, options: options)
      if let goal, let goalView {
        return try AnyEnvironment(try base.rewarded(byGoal: goal.text, view: goalView, cache: goalCache, threshold: goal.threshold), maxEpisodeSteps: nil)
      }
      if let learned { return try AnyEnvironment(try base.rewarded(byModel: learned), maxEpisodeSteps: nil) }
      if mission { return try shaped(try MiniGrid.make(env, options: options), gamma: configuration.gamma, scale: 1) }
      guard let reward else { return base }
      return try AnyEnvironment(try base.rewarded(by: reward), maxEpisodeSteps: nil)
    }
    if let checkpointDirectory, resume {
      try trainer.restore(from: checkpointDirectory)
      printError("resuming \(env) at step \(grouped(trainer.stepCount)) (iteration \(trainer.iteration), \(trainer.episodeCount) episodes)")
    }
    var metadata: [String: JSONValue] = ["env_id": .string(env), "env_options": .object(options)]
    if let reward {
      metadata["reward_program"] = .string(reward.source)
      metadata["reward"] = rewardOrigin
    }
    if let modelJSON { metadata["reward_model"] = modelJSON }
    if mission { metadata["reward_mission"] = true }
    if let goal {
      metadata["reward_goal"] = .string(goal.text)
      metadata["goal_threshold"] = .double(goal.threshold)
      metadata["goal_embedder"] = .string(goal.embedder)
    }
    var trueReturns: [Double] = []
    func meanTrueReturn() -> Double? {
      guard !trueReturns.isEmpty else { return nil }
      let tail = trueReturns.suffix(window)
      return tail.reduce(0, +) / Double(tail.count)
    }

    InterruptFlag.install()
    var lastReport = Stopwatch.now(), lastCheckpoint = Stopwatch.now()
    var targetReached: EpisodeRecord?
    var interrupted = false
    let stoppedEarly = try trainer.train(
      totalSteps: target,
      onEpisode: { record in
        var trueReturn: Double?
        if replaced {
          trueReturn = trainer.lastEpisodeInfo["true_return"]?.doubleValue
          if let trueReturn { trueReturns.append(trueReturn) }
        }
        try logs?.append(record, trueReturn: trueReturn)
        let watched = replaced ? meanTrueReturn() : trainer.meanRecentReturn(window: window)
        let count = replaced ? trueReturns.count : trainer.recentReturns.count
        if let goal = stopAtReturn, let mean = watched, count >= window, mean >= goal
        {
          targetReached = record
          return .stop
        }
        return .proceed
      },
      onIteration: { stats in
        try logs?.append(stats)
        let now = Stopwatch.now()
        if !quiet && now - lastReport >= 1 {
          lastReport = now
          printError(progressLine(stats, trainer) + (meanTrueReturn().map { "  true return \(format($0))" } ?? ""))
        }
        if let checkpointDirectory, now - lastCheckpoint >= checkpointInterval {
          lastCheckpoint = now
          try PPOCheckpoint.save(trainer, to: checkpointDirectory, metadata: metadata)
          try logs?.writeCurve(title: "PPO on \(env)", threshold: spec.rewardThreshold, window: window)
        }
        if InterruptFlag.isSet {
          interrupted = true
          return .stop
        }
        return .proceed
      })

    if let checkpointDirectory {
      try PPOCheckpoint.save(trainer, to: checkpointDirectory, metadata: metadata)
      try logs?.writeCurve(title: "PPO on \(env)", threshold: spec.rewardThreshold, window: window)
    }
    let mean = trainer.meanRecentReturn(window: window)
    let trueMean = meanTrueReturn()
    let seconds = trainer.trainingSeconds
    let sps = Double(trainer.stepCount) / max(seconds, 1e-9)
    if interrupted { printError("interrupted; checkpoint saved, continue with --resume") }
    if let targetReached {
      print("reached mean \(replaced ? "true " : "")return \(format((replaced ? trueMean : mean) ?? .nan)) over the last \(window) episodes after \(grouped(targetReached.totalSteps)) steps in \(format(targetReached.wallTime, 3)) s")
    } else if stopAtReturn != nil && !stoppedEarly {
      print("did not reach mean return \(format(stopAtReturn!)) within \(grouped(target)) steps")
    }
    print("trained \(env) for \(grouped(trainer.stepCount)) steps, \(trainer.episodeCount) episodes in \(format(seconds, 2)) s (\(grouped(Int(sps))) steps/s); mean \(replaced ? "text " : "")return of the last \(window) episodes \(mean.map { format($0) } ?? "n/a")\(replaced ? ", true return \(trueMean.map { format($0) } ?? "n/a")" : "")")
    // The trained policy on the environment's own reward.
    var evaluation: RunSummary?
    if replaced && evalEpisodes > 0 {
      var trueEnv = try Registry.standard.make(env, options: options)
      var agent = try PPOPolicyAgent(policy: trainer.policy, for: trueEnv, deterministic: true, seed: runSeed)
      evaluation = try Runner.run(&trueEnv, agent: &agent, configuration: RunConfiguration(episodes: evalEpisodes, seed: runSeed &+ 1_000_000))
      print("deterministic policy on the true reward: mean return \(format(evaluation!.meanReturn)) ± \(format(evaluation!.stdReturn)) over \(evalEpisodes) episodes")
    }
    if let out { print("wrote \(out)/episodes.csv, iterations.jsonl, learning_curve.png, checkpoint/") }
    var o: [String: JSONValue] = [
      "env": .string(env), "seed": .string(String(runSeed)), "steps": .int(trainer.stepCount),
      "episodes": .int(trainer.episodeCount), "iterations": .int(trainer.iteration), "seconds": .double(seconds),
      "steps_per_second": .double(sps), "process_seconds": .double(Stopwatch.now() - processStart),
      "window": .int(window), "reached_target": .bool(targetReached != nil), "interrupted": .bool(interrupted),
    ]
    o["mean_return"] = mean.map { .double($0) } ?? .null
    if replaced {
      o["mean_true_return"] = trueMean.map { .double($0) } ?? .null
      o["reward_program"] = reward.map { .string($0.source) } ?? .null
      o["reward_goal"] = goal.map { .string($0.text) } ?? .null
      o["goal_embedder"] = goal.map { .string($0.embedder) } ?? .null
      o["eval_true_returns"] = evaluation.map { JSONValue($0.returns) } ?? .null
      o["eval_mean_true_return"] = evaluation.map { .double($0.meanReturn) } ?? .null
    }
    o["target"] = stopAtReturn.map { .double($0) } ?? .null
    o["time_to_target_s"] = targetReached.map { .double($0.wallTime) } ?? .null
    o["steps_to_target"] = targetReached.map { .int($0.totalSteps) } ?? .null
    o["out"] = out.map { .string($0) } ?? .null
    emitJSON(json, .object(o))
  }

  func progressLine(_ stats: PPOIterationStatistics, _ trainer: PPOTrainer<AnyEnvironment>) -> String {
    let mean = trainer.meanRecentReturn(window: window).map { "  mean return \(format($0))" } ?? ""
    return "steps \(grouped(stats.steps))  episodes \(stats.episodes)  \(grouped(Int(stats.stepsPerSecond))) steps/s\(mean)  kl \(format(stats.approximateKL, 4))  entropy \(format(stats.entropy, 3))"
  }
}

/// Parses an optional JSON object given on the command line.
func parseObject(_ text: String?, flag: String) throws -> [String: JSONValue] {
  guard let text else { return [:] }
  let value: JSONValue
  do { value = try JSON.parse(text) } catch { throw ValidationError("\(flag): \(error)") }
  guard case .object(let o) = value else { throw ValidationError("\(flag) must be a JSON object, got \(value.kindName)") }
  return o
}

/// Set by SIGINT or SIGTERM; training stops at the end of the current iteration and saves.
enum InterruptFlag {
  static let flag = Atomic<Bool>(false)

  static func install() {
    signal(SIGINT) { _ in InterruptFlag.flag.store(true, ordering: .relaxed) }
    signal(SIGTERM) { _ in InterruptFlag.flag.store(true, ordering: .relaxed) }
  }

  static var isSet: Bool { flag.load(ordering: .relaxed) }
}

enum FileSystemCheck {
  static func exists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
  }
}
