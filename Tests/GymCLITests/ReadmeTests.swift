import Foundation
import GymRewardText
import GymTesting
import SwiftGym
import Testing

// The README's tour, compiled and run. Keep the two in step.

/// Walk left or right on a line; reach +5 to win.
struct LineWalk: Environment {
  let observationSpace = Box<[Float]>(low: -10, high: 10, shape: [1])
  let actionSpace = Discrete(2)
  var position = 0
  var rng = GymRandom(seed: 0)

  mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<[Float]> {
    if let seed { rng = GymRandom(seed: seed) }
    position = rng.int(below: 3) - 1
    return ([Float(position)], [:])
  }

  mutating func step(_ action: Int) -> StepResult<[Float], Double> {
    position += action == 1 ? 1 : -1
    let won = position >= 5
    return ([Float(position)], won ? 1 : -0.01, won || position <= -10, false, [:])
  }
}

@Suite struct ReadmeTests {
  @Test func makeResetStepLoop() throws {
    let env = try make("CartPole-v1")
    var (observation, _) = try env.reset(seed: 42)
    var rng = GymRandom(seed: 0)
    var episodeReturn = 0.0
    while true {
      let action = env.sampleAction(using: &rng)
      let (next, reward, terminated, truncated, _) = env.step(action)
      episodeReturn += reward
      observation = next
      if terminated || truncated { break }
    }
    #expect(observation.count == 4)
    #expect(episodeReturn >= 1 && episodeReturn <= 500)
  }

  @Test func batchedVector() throws {
    let batch = BatchedVectorEnvironment(kernel: CartPoleBatch(count: 4096), count: 4096, threads: 2, maxEpisodeSteps: 500)
    try batch.reset(seed: 0)
    batch.step([Int32](repeating: 1, count: 4096))
    #expect(batch.observations.count == 4096 * 4)
    #expect(batch.rewards.allSatisfy { $0 == 1 })
  }

  @Test func typedAPI() throws {
    var cartPole = Wrappers.TimeLimit(CartPole(), maxEpisodeSteps: 500)
    let (start, _) = try cartPole.reset(seed: 0)
    let step = cartPole.step(1)
    #expect(step.observation[1] > start[1])  // pushed right: cart velocity grows
    #expect(step.reward == 1 && !step.terminated && !step.truncated)
  }

  @Test func ownEnvironmentChecksRegistersAndRuns() throws {
    try checkEnvironment { LineWalk() }
    register(id: "LineWalk-v0", maxEpisodeSteps: 100) { _ in LineWalk() }
    let walk = try make("LineWalk-v0")
    #expect(walk.maxEpisodeSteps == 100)
    var typed = Wrappers.TimeLimit(LineWalk(), maxEpisodeSteps: 100)
    var agent = RandomAgent(for: typed, seed: 1)
    let summary = try Runner.run(&typed, agent: &agent, configuration: RunConfiguration(episodes: 20, seed: 7))
    #expect(summary.episodes.count == 20)
    #expect(summary.meanLength > 1 && summary.meanLength <= 100)
  }

  @Test func vectorEnvironment() throws {
    let vector = VectorEnvironment(count: 8, autoresetMode: .sameStep) { _ in
      Wrappers.TimeLimit(CartPole(), maxEpisodeSteps: 500)
    }
    try vector.reset(seed: 0)
    vector.step(Array(repeating: 1, count: 8))
    #expect(vector.observations.count == 32)
  }
}

@Suite struct ReadmeBanditTests {
  /// The README's bandit loop.
  @Test func banditLoopKeepsScore() throws {
    var bandit = BernoulliBandit(means: [0.1, 0.5, 0.9], horizon: 1_000)
    _ = try bandit.reset(seed: 0)
    var policy = KLUCB(armCount: 3)
    var regret = 0.0
    for _ in 0..<bandit.horizon {
      let arm = policy.act()
      let feedback = bandit.pull(arm)
      policy.update(arm: arm, reward: feedback.reward)
      regret += feedback.regret
    }
    // Gaps 0.8 and 0.4; KL-UCB needs a few dozen exploratory pulls, far from uniform's 400.
    #expect(regret > 0 && regret < 60, "regret \(regret)")
  }

  /// Every `gym bandit --env … --algos …` line of the README names a known environment and
  /// algorithms that parse and run on it (2 runs of 50 pulls here).
  @Test func readmeBanditCommandsAreValid() throws {
    let lines = try PackageFiles.lines(of: "README.md") { $0.hasPrefix("gym bandit --env") }
    #expect(lines.count >= 3)
    for line in lines {
      let words = line.split(separator: " ").map(String.init)
      func option(_ name: String) -> String? { words.firstIndex(of: name).map { words[$0 + 1] } }
      let env = try #require(option("--env"), "\(line)")
      let algos = try #require(option("--algos"), "\(line)")
      #expect(try Bandits.instance(named: env).name == env)
      for name in algos.split(separator: ",") {
        let r = try BanditExperiment.run(
          environment: env, algorithm: AlgorithmSpec(parsing: String(name)), options: ["horizon": 50],
          configuration: ExperimentConfiguration(runs: 2, seed: 0, threads: 1))
        #expect(r.horizon == 50 && r.runs == 2)
      }
    }
  }
}

@Suite struct ReadmePPOTests {
  /// The README's PPO snippet: train CartPole-v1 from Swift, then evaluate the policy with the
  /// runner. Release builds train to the README's goal; debug builds, where a step costs about
  /// twenty times more, train 4,096 steps and check the loop itself.
  @Test func trainThenEvaluate() throws {
    var configuration = PPOPresets.configuration(for: "CartPole-v1")
    #if DEBUG
      configuration.totalSteps = 4_096
    #endif
    let trainer = try PPOTrainer(configuration: configuration, seed: 1) { _ in
      Wrappers.TimeLimit(CartPole(), maxEpisodeSteps: 500)
    }
    try trainer.train(onEpisode: { _ in
      trainer.recentReturns.count >= 20 && trainer.meanRecentReturn(window: 20)! >= 475 ? .stop : .proceed
    })
    var env = Wrappers.TimeLimit(CartPole(), maxEpisodeSteps: 500)
    var agent = try PPOPolicyAgent(policy: trainer.policy, for: env)
    let summary = try Runner.run(&env, agent: &agent, configuration: RunConfiguration(episodes: 10, seed: 0))
    #expect(summary.episodes.count == 10)
    #if DEBUG
      #expect(trainer.stepCount >= 4_096)
    #else
      #expect(trainer.meanRecentReturn(window: 20)! >= 475, "stopped at \(trainer.stepCount) steps")
      #expect(summary.meanReturn >= 475, "deterministic evaluation \(summary.meanReturn)")
    #endif
  }

  /// Every `gym train ppo` line of the README and of scripts/demo.sh names a registered
  /// environment with a PPO preset or explicit --hyperparameters, which parse with rl-zoo keys.
  @Test func trainCommandsAreValid() throws {
    var lines: [String] = []
    for file in ["README.md", "scripts/demo.sh"] {
      lines += try PackageFiles.lines(of: file) { $0.contains("gym train ppo") && $0.contains("--env") }
    }
    #expect(lines.count >= 4)
    #expect(lines.contains { $0.hasPrefix("$gym train ppo --env CartPole-v1") }, "demo.sh trains PPO on CartPole-v1")
    for line in lines {
      let words = line.split(separator: " ").map(String.init)
      let env = try #require(words.firstIndex(of: "--env").map { words[$0 + 1] }, "\(line)")
      #expect(Registry.standard.ids.contains(env), "\(line): unknown environment \(env)")
      // Without a preset, PPO's defaults apply, so the line must say what it trains with.
      #expect(PPOPresets.preset(for: env) != nil || line.contains("--hyperparameters"), "\(line): no PPO preset for \(env) and no --hyperparameters")
      if let start = line.range(of: "--hyperparameters '") {
        let rest = line[start.upperBound...]
        let json = try #require(rest.firstIndex(of: "'").map { String(rest[..<$0]) }, "\(line)")
        guard case .object(let object) = try JSON.parse(json) else {
          Issue.record("\(line): --hyperparameters is not a JSON object")
          continue
        }
        var configuration = PPOPresets.configuration(for: env)
        try configuration.apply(object)
      }
    }
  }
}

@Suite struct ReadmeLanguageTests {
  /// The README's oracle loop.
  @Test func oracleLoopSucceeds() throws {
    var drawer = LanguageTask<ContinuousManipulation>(task: .openDrawer, split: .novelValues)
    let (observation, _) = try drawer.reset(seed: 0)
    let goal = try InstructionParser.parse(observation.instruction.text, task: .openDrawer).value
    let oracle = try LanguageOracle(instruction: observation.instruction.text, task: .openDrawer)
    var succeeded = false
    for _ in 0..<LanguageTasks.maxEpisodeSteps where !succeeded {
      succeeded = drawer.step(SIMD3<Float>(oracle.command(for: drawer.scene))).terminated
    }
    #expect(succeeded)
    #expect(abs(drawer.scene.measured - goal) <= drawer.goal.tolerance)
  }

  /// The README's `gym lang parse` lines: the accepted one parses, the rejected one throws.
  @Test func readmeParseLines() throws {
    let lines = try PackageFiles.lines(of: "README.md") { $0.hasPrefix("gym lang parse \"") }
    #expect(lines.count == 2)
    for line in lines {
      let text = String(line.dropFirst("gym lang parse \"".count).prefix { $0 != "\"" })
      if line.contains("rejected") {
        #expect(throws: InstructionError.self) { try InstructionParser.parse(text) }
      } else {
        #expect(try InstructionParser.parse(text).task == .openDrawer)
      }
    }
  }

  /// Every README command on a `lang/` task names a registered task, and its options
  /// (`--env-options`, `--discrete`, `--policy`) make an environment that steps.
  @Test func readmeLanguageCommandsAreValid() throws {
    let lines = try PackageFiles.lines(of: "README.md") { $0.hasPrefix("gym ") && $0.contains(" lang/") }
    #expect(lines.count >= 5)
    for line in lines {
      let words = line.split(separator: " ").map(String.init)
      let id = try #require(words.first { $0.hasPrefix("lang/") }, "\(line)")
      var options: [String: JSONValue] = [:]
      if let range = line.range(of: "--env-options '") {
        let json = line[range.upperBound...].prefix { $0 != "'" }
        options = try #require(JSON.parse(String(json)).objectValue, "\(line)")
      }
      if words.contains("--discrete") { options["continuous"] = false }
      if let i = words.firstIndex(of: "--policy") { #expect(["oracle", "random", "ppo"].contains(words[i + 1]), "\(line)") }
      let env = try make(id, options: options)
      _ = try env.reset(seed: 0)
      var rng = GymRandom(seed: 0)
      #expect(try env.checkedStep(env.sampleAction(using: &rng)).reward.isFinite, "\(line)")
    }
  }
}

@Suite struct ReadmeRewardTextTests {
  /// The README's text-reward snippet.
  @Test func compileAndWrap() throws {
    let compiled = try Phrasebook().compile("keep the pole upright near the centre", view: RewardViews.cartPole)
    #expect(compiled.reward.source.hasPrefix("term upright = 1 - clamp(abs(pole_angle) / angle_limit, 0, 1)"))
    var env = try make("CartPole-v1").rewarded(by: compiled.reward)
    _ = try env.reset(seed: 0)
    let step = env.step([0, 1])
    #expect(step.info["true_reward"]?.doubleValue == 1)
    #expect(step.reward > 1 && step.reward <= 1.5)
  }

  /// Every `gym reward compile` and `gym train ppo --reward-text` line of the README names an
  /// environment with a view and a description the phrasebook compiles; every `--env` of a
  /// `gym reward` line has a view.
  @Test func readmeRewardCommandsAreValid() throws {
    let lines = try PackageFiles.lines(of: "README.md") { $0.hasPrefix("gym reward ") || ($0.hasPrefix("gym train ppo") && $0.contains("--reward-text")) }
    #expect(lines.count >= 4)
    var compiled = 0
    for line in lines {
      let words = line.split(separator: " ").map(String.init)
      let env = try #require(words.firstIndex(of: "--env").map { words[$0 + 1] }, "\(line)")
      _ = try Registry.standard.spec(env)
      // The experiment shapes a reward from each episode's BabyAI mission, not from a view.
      if line.hasPrefix("gym reward experiment") {
        #expect(env.hasPrefix("BabyAI-"), "\(line)")
        continue
      }
      let view = try RewardViews.view(for: env)
      let quoted = line.split(separator: "\"", omittingEmptySubsequences: false)
      if quoted.count >= 3 {
        _ = try Phrasebook().compile(String(quoted[1]), view: view)
        compiled += 1
      }
    }
    #expect(compiled >= 3)
  }
}

@Suite struct ReadmeMorlTests {
  /// The README's multi-objective snippet.
  @Test func multiObjectiveSnippet() throws {
    var dst = DeepSeaTreasure(map: .concave)
    _ = try dst.reset(seed: 0, options: [:])
    let first = dst.step(1)
    #expect(first.reward.values == [1, -1] && first.terminated)
    let front = try #require(try MORLRunner.exactFront("deep-sea-treasure-concave-v0", gamma: 0.99))
    let hv = try Hypervolume.compute(front, reference: [0, -25])
    #expect(front.count == 10 && abs(hv - 1101.38) < 0.01)
    var run = MORLRunConfiguration(environmentID: "deep-sea-treasure-concave-v0", algorithm: .pql)
    run.stopWhenFrontFound = true
    let learned = try MORLRunner.run(run)
    #expect(learned.firstFullFront?.score.cardinality == 10)
    var scalar = DeepSeaTreasure(map: .convex).scalarized(weights: [0.5, 0.5])
    _ = try scalar.reset(seed: 0, options: [:])
    #expect(abs(scalar.step(1).reward - 0.5 * (0.7 - 1)) < 1e-6)
    let villages = MOGemMining(agentCount: 3, seed: 0)
    var linear = villages.linearized(weights: [0.7, 0.3])
    var central = villages.centralised()
    #expect(central.actionSpace.n == villages.connections.reduce(1, *))
    _ = try linear.reset(seed: 1, options: [:])
    let scalars = linear.step(Dictionary(uniqueKeysWithValues: villages.possibleAgents.enumerated().map { ($1, $0) }))
    #expect(scalars.rewards.count == 3)
    _ = try central.reset(seed: 1, options: [:])
    #expect(central.step(0).reward.values.count == 2)
  }

  /// Every `gym morl --env … --algo …` line names a registered environment and an algorithm
  /// that trains on it; tabular ones run 2,000 steps here.
  @Test func readmeMorlCommandsAreValid() throws {
    let lines = try PackageFiles.lines(of: "README.md") { $0.hasPrefix("gym morl") }
    #expect(lines.count >= 5)
    for line in lines {
      let words = line.split(separator: " ").map(String.init)
      func option(_ name: String) -> String? { words.firstIndex(of: name).map { words[$0 + 1] } }
      let env = try #require(option("--env"), "\(line)")
      if words[2] != "multi" { _ = try make(env) }
      if words[2] == "front" {
        #expect(MultiObjective.modelIDs.contains(env), "\(line)")
        continue
      }
      if words[2] == "bench" { continue }
      if words[2] == "multi" {
        var c = MultiAgentRunConfiguration(environmentID: env)
        c.weightCount = 3
        c.episodes = 20
        c.evaluationEpisodes = 5
        #expect(try MultiAgentRunner.run(c).returns.count == 3, "\(line)")
        continue
      }
      let algo = try #require(option("--algo"), "\(line)")
      if let algorithm = MORLAlgorithm(rawValue: algo) {
        #expect(MultiObjective.tabularIDs.contains(env), "\(line)")
        var c = MORLRunConfiguration(environmentID: env, algorithm: algorithm)
        c.steps = 2000
        c.evaluateEvery = 1000
        // OLS and GPI-LS score their set once per weight, and a weight's run here is all 2,000 steps.
        let evaluations = try MORLRunner.run(c).evaluations.count
        #expect(evaluations == ([.ols, .gpiLS].contains(algorithm) ? 1 : 2), "\(line)")
      } else {
        #expect(["cmorl", "linear-ppo"].contains(algo), "\(line)")
        #expect(CMORL.environmentIDs.contains(env), "\(line)")
      }
    }
  }
}

@Suite struct ReadmeQDTests {
  /// The README's MAP-Elites snippet.
  @Test func qdSnippetIlluminatesTheSphere() throws {
    let task = try LinearProjection(.sphere, dimension: 20)
    var experiment = Experiment(task: task, algorithm: .isoLine)
    experiment.emitterCount = 4
    experiment.batchSize = 16
    let (scheduler, _) = try experiment.run(iterations: 200)
    let archive = scheduler.reportArchive
    #expect(archive.stats.coverage > 0.05)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString).safetensors").path
    try archive.write(to: path)
    #expect(try Archive(contentsOf: path) == archive)
  }

  /// Every `gym qd` line of the README names a task and an emitter that exist; each runs here
  /// for 2 small iterations with the line's task, dimensions and emitter.
  @Test func readmeQDCommandsAreValid() throws {
    let lines = try PackageFiles.lines(of: "README.md") { $0.hasPrefix("gym qd ") }
    #expect(lines.count >= 3)
    for line in lines {
      let words = line.split(separator: " ").map(String.init)
      func option(_ name: String) -> String? { words.firstIndex(of: name).map { words[$0 + 1] } }
      let taskName = try #require(option("--task"), "\(line)")
      let dims = Int(option("--dims") ?? "100") ?? -1
      if option("--algorithm") == "mome" {
        let moTask: any MOQDTask =
          switch taskName {
          case "rastrigin-multi": try RastriginMulti(dimension: dims)
          case "mo-lunar-lander": try MOLunarLanderTask(maxSteps: 100)
          case "mo-lunar-lander-discrete": try MOLunarLanderTask(control: .discrete, maxSteps: 100)
          case "mo-mountaincar-continuous": try MOMountainCarTask(maxSteps: 100)
          default: throw QDError("README line names an unknown MOME task: \(line)")
          }
        var mome = try MOME(task: moTask, cells: [20, 20], variation: .isoLine(isoSigma: 0.5, lineSigma: 0.2), batchSize: 8, seed: 0)
        mome.run(iterations: 2)
        #expect(mome.evaluations == 16 && mome.archive.coverage > 0, "\(line)")
        continue
      }
      let task: any QDTask =
        switch taskName {
        case "sphere": try LinearProjection(.sphere, dimension: dims)
        case "rastrigin": try LinearProjection(.rastrigin, dimension: dims)
        case "arm": try ArmRepertoire(links: dims)
        case "lunar-lander": try LunarLanderTask()
        case "bipedal-walker": try BipedalWalkerTask(maxSteps: 50)
        default: throw QDError("README line names an unknown task: \(line)")
        }
      let algorithm = try #require(
        Experiment.Algorithm(rawValue: option("--emitter") ?? (taskName == "lunar-lander" ? "cma-me" : "iso-line")), "\(line)")
      var e = Experiment(task: task, algorithm: algorithm)
      e.emitterCount = 2
      e.batchSize = 4
      e.cells = taskName == "lunar-lander" ? [50, 50] : [100, 100]
      e.threads = Int(option("--threads") ?? "1") ?? 0
      #expect(try e.run(iterations: 2).scheduler.evaluations == 16, "\(line)")
    }
  }
}
