import Foundation
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
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("README.md")
    let lines = try String(contentsOf: readme, encoding: .utf8).split(separator: "\n").map(String.init)
      .filter { $0.hasPrefix("gym bandit --env") }
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
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("README.md")
    let lines = try String(contentsOf: readme, encoding: .utf8).split(separator: "\n").map(String.init)
      .filter { $0.hasPrefix("gym qd ") }
    #expect(lines.count >= 3)
    for line in lines {
      let words = line.split(separator: " ").map(String.init)
      func option(_ name: String) -> String? { words.firstIndex(of: name).map { words[$0 + 1] } }
      let taskName = try #require(option("--task"), "\(line)")
      let dims = Int(option("--dims") ?? "100") ?? -1
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
