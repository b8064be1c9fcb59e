import Foundation
import GymClassicControl
import GymCore
import GymNN
import Testing

@testable import GymPPO

#if canImport(Glibc)
  import Glibc
#endif

/// A fresh path in the system's temporary directory.
func temporaryDirectory(_ name: String) -> String {
  "/tmp/swiftgym-ppo-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(name)"
}

/// A registry with the classic-control environments.
let registry: Registry = {
  let r = Registry()
  ClassicControl.register(in: r)
  return r
}()

/// A small, quick CartPole configuration for behaviour tests.
func smallCartPoleConfiguration() -> PPOConfiguration {
  var c = PPOPresets.configuration(for: "CartPole-v1")
  c.environmentCount = 4
  c.stepsPerEnvironment = 32
  c.minibatchSize = 64
  c.epochs = 2
  c.totalSteps = 1024
  return c
}

func cartPoleTrainer(_ configuration: PPOConfiguration, seed: UInt64, threads: Int = 1) throws -> PPOTrainer<AnyEnvironment> {
  try PPOTrainer<AnyEnvironment>(configuration: configuration, seed: seed, threads: threads, learnerThreads: min(threads, 2)) { _ in
    try registry.make("CartPole-v1")
  }
}

func parameterValues(_ trainer: PPOTrainer<AnyEnvironment>) -> [Float] { Array(trainer.policy.parameters.values) }

@Suite struct GAETests {
  @Test func matchesAHandComputedRollout() {
    // One environment, three steps; the episode ends with step 1.
    var advantages: [Float] = [], returns: [Float] = []
    GAE.compute(
      rewards: [1, 1, 1], values: [0.5, 0.5, 0.5], dones: [false, true, false], lastValues: [0.5],
      gamma: 0.9, lambda: 0.8, advantages: &advantages, returns: &returns)
    // t=2: 1 + 0.9·0.5 − 0.5 = 0.95; t=1: 1 − 0.5 = 0.5 (done); t=0: 0.95 + 0.72·0.5 = 1.31.
    let expected: [Float] = [1.31, 0.5, 0.95]
    for k in 0..<3 {
      #expect(abs(advantages[k] - expected[k]) < 1e-6)
      #expect(abs(returns[k] - (expected[k] + 0.5)) < 1e-6)
    }
  }

  @Test func environmentsStayIndependent() {
    // Two environments interleaved [t][env]: the second sees no reward and keeps advantages 0.
    var advantages: [Float] = [], returns: [Float] = []
    GAE.compute(
      rewards: [1, 0, 1, 0], values: [0, 0, 0, 0], dones: [false, false, false, false], lastValues: [0, 0],
      gamma: 1, lambda: 1, advantages: &advantages, returns: &returns)
    #expect(advantages == [2, 0, 1, 0])
  }
}

@Suite struct ConfigurationTests {
  @Test func jsonRoundTrips() throws {
    for id in PPOPresets.environmentIDs {
      let c = PPOPresets.configuration(for: id)
      #expect(try PPOConfiguration(json: c.json) == c, "\(id)")
    }
  }

  @Test func acceptsZooKeysAndRejectsBadOnes() throws {
    var c = PPOConfiguration()
    try c.apply(["learning_rate": "lin_0.001", "n_envs": 8, "n_steps": 32, "batch_size": 256, "normalize": true])
    #expect(c.learningRate == .linear(0.001))
    #expect(c.normalizeObservations && c.normalizeRewards)
    #expect(c.learningRate.value(progressRemaining: 0.5) == 0.0005)
    #expect(throws: PPOError.self) { try c.apply(["n_epoch": 3]) }
    do {
      try c.apply(["n_epoch": 3])
    } catch {
      #expect(error.message.contains("unknown hyperparameter 'n_epoch'"))
      #expect(error.message.contains("n_epochs"))
    }
    var d = PPOConfiguration()
    do {
      try d.apply(["n_envs": 2, "n_steps": 8, "batch_size": 64])
      Issue.record("a minibatch larger than the rollout was accepted")
    } catch {
      #expect(error.message.contains("batch_size"))
    }
    #expect(throws: PPOError.self) { try d.apply(["gamma": 1.5]) }
    #expect(throws: PPOError.self) { try d.apply(["learning_rate": "fast"]) }
  }
}

@Suite struct TrainerTests {
  @Test func sameSeedGivesTheSameRunAndOtherSeedsDiffer() throws {
    let c = smallCartPoleConfiguration()
    let a = try cartPoleTrainer(c, seed: 3), b = try cartPoleTrainer(c, seed: 3), other = try cartPoleTrainer(c, seed: 4)
    var statsA: [Double] = [], statsB: [Double] = []
    try a.train(onIteration: { s in statsA.append(s.policyLoss); return .proceed })
    try b.train(onIteration: { s in statsB.append(s.policyLoss); return .proceed })
    try other.train()
    #expect(a.stepCount == 1024 && a.iteration == 8)
    #expect(statsA == statsB)
    #expect(a.recentReturns == b.recentReturns)
    #expect(parameterValues(a) == parameterValues(b))
    #expect(parameterValues(a) != parameterValues(other))
  }

  @Test func threadCountDoesNotChangeTheResult() throws {
    let c = smallCartPoleConfiguration()
    let one = try cartPoleTrainer(c, seed: 5, threads: 1), two = try cartPoleTrainer(c, seed: 5, threads: 2)
    try one.train()
    try two.train()
    #expect(parameterValues(one) == parameterValues(two))
    #expect(one.recentReturns == two.recentReturns)
  }

  @Test func aCallbackStopsTraining() throws {
    let t = try cartPoleTrainer(smallCartPoleConfiguration(), seed: 1)
    let stopped = try t.train(onIteration: { s in s.iteration == 2 ? .stop : .proceed })
    #expect(stopped)
    #expect(t.iteration == 2 && t.stepCount == 256)
  }

  @Test func refusesAnInvalidConfiguration() throws {
    var c = smallCartPoleConfiguration()
    c.minibatchSize = 10_000
    #expect(throws: PPOError.self) { _ = try cartPoleTrainer(c, seed: 0) }
  }
}

@Suite struct CheckpointTests {
  func evaluate(_ policy: ActorCritic, episodes: Int, seed: UInt64) throws -> [Double] {
    var env = try registry.make("CartPole-v1")
    var agent = try PPOPolicyAgent(policy: policy, for: env, deterministic: true, seed: seed)
    return try Runner.run(&env, agent: &agent, configuration: RunConfiguration(episodes: episodes, seed: seed)).returns
  }

  @Test func savedLoadedAndEvaluatedGivesTheSameReturns() throws {
    let t = try cartPoleTrainer(smallCartPoleConfiguration(), seed: 7)
    try t.train()
    let dir = temporaryDirectory("checkpoint")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try PPOCheckpoint.save(t, to: dir, metadata: ["env_id": "CartPole-v1"])
    let (loaded, state) = try PPOCheckpoint.loadPolicy(from: dir)
    #expect(state["metadata"]?["env_id"]?.stringValue == "CartPole-v1")
    #expect(Array(loaded.parameters.values) == parameterValues(t))
    let before = try evaluate(t.policy, episodes: 3, seed: 11)
    let after = try evaluate(loaded, episodes: 3, seed: 11)
    #expect(before == after)
    #expect(before.allSatisfy { $0 > 0 })
  }

  @Test func restoredTrainersContinueIdentically() throws {
    let c = smallCartPoleConfiguration()
    let t = try cartPoleTrainer(c, seed: 9)
    try t.train(totalSteps: 512)
    let dir = temporaryDirectory("resume")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try PPOCheckpoint.save(t, to: dir)
    let r1 = try cartPoleTrainer(c, seed: 9), r2 = try cartPoleTrainer(c, seed: 9)
    try r1.restore(from: dir)
    try r2.restore(from: dir)
    #expect(parameterValues(r1) == parameterValues(t))
    #expect(r1.optimizer.firstMoments.elementsEqual(t.optimizer.firstMoments))
    #expect(r1.optimizer.secondMoments.elementsEqual(t.optimizer.secondMoments))
    #expect(r1.stepCount == 512 && r1.iteration == t.iteration && r1.recentReturns == t.recentReturns)
    try r1.train()
    try r2.train()
    #expect(r1.stepCount == 1024)
    #expect(parameterValues(r1) == parameterValues(r2))
    #expect(parameterValues(r1) != parameterValues(t))
  }

  /// Resuming with a longer step target (`gym train --resume --steps N`) restores the run and
  /// keeps learning: the schedules now end at the new target, so the learning rate is not
  /// already zero.
  @Test func resumesWithALongerStepTarget() throws {
    var c = smallCartPoleConfiguration()
    c.learningRate = .linear(0.003)
    let t = try cartPoleTrainer(c, seed: 4)
    try t.train()
    #expect(t.stepCount == c.totalSteps)
    let dir = temporaryDirectory("longer")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try PPOCheckpoint.save(t, to: dir)
    var longer = c
    longer.totalSteps = 2 * c.totalSteps
    let r = try cartPoleTrainer(longer, seed: 4)
    try r.restore(from: dir)
    #expect(parameterValues(r) == parameterValues(t))
    try r.train()
    #expect(r.stepCount == longer.totalSteps)
    #expect(parameterValues(r) != parameterValues(t))
  }

  @Test func refusesACheckpointOfAnotherRun() throws {
    let t = try cartPoleTrainer(smallCartPoleConfiguration(), seed: 1)
    try t.train(totalSteps: 128)
    let dir = temporaryDirectory("mismatch")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try PPOCheckpoint.save(t, to: dir)
    var other = smallCartPoleConfiguration()
    other.epochs = 3
    do {
      try cartPoleTrainer(other, seed: 1).restore(from: dir)
      Issue.record("a checkpoint with other hyperparameters was restored")
    } catch let error as PPOError {
      #expect(error.message.contains("other hyperparameters"))
    }
    do {
      try cartPoleTrainer(smallCartPoleConfiguration(), seed: 2).restore(from: dir)
      Issue.record("a checkpoint with another seed was restored")
    } catch let error as PPOError {
      #expect(error.message.contains("seed"))
    }
    #expect(throws: PPOError.self) { _ = try PPOCheckpoint.loadPolicy(from: dir + "-missing") }
  }
}

#if !DEBUG
  /// Learning tests: release builds only (scripts/test.sh runs them).
  @Suite struct LearningTests {
    /// The CartPole preset reaches a mean return of 475 over 20 training episodes in at least
    /// 4 of 5 seeds.
    @Test func cartPoleReaches475() throws {
      var reached: [UInt64] = []
      for seed in UInt64(1)...5 {
        let t = try cartPoleTrainer(PPOPresets.configuration(for: "CartPole-v1"), seed: seed)
        try t.train(onEpisode: { _ in
          t.recentReturns.count >= 20 && t.meanRecentReturn(window: 20)! >= 475 ? .stop : .proceed
        })
        if t.recentReturns.count >= 20 && t.meanRecentReturn(window: 20)! >= 475 { reached.append(seed) }
      }
      #expect(reached.count >= 4, "seeds reaching 475: \(reached)")
    }

    /// Trains `id`'s preset with `seed` and returns the deterministic evaluation's mean return
    /// over `episodes` episodes.
    func trainAndEvaluate(_ id: String, seed: UInt64, episodes: Int) throws -> (steps: Int, mean: Double) {
      let t = try PPOTrainer<AnyEnvironment>(configuration: PPOPresets.configuration(for: id), seed: seed) { _ in
        try registry.make(id)
      }
      try t.train()
      var env = try registry.make(id)
      var agent = try PPOPolicyAgent(policy: t.policy, for: env, deterministic: true)
      let summary = try Runner.run(&env, agent: &agent, configuration: RunConfiguration(episodes: episodes, seed: 1000))
      return (t.stepCount, summary.meanReturn)
    }

    /// Pendulum-v1's preset reaches −250 within 200k steps (deterministic, 50 episodes).
    @Test func pendulumReachesMinus250() throws {
      let (steps, mean) = try trainAndEvaluate("Pendulum-v1", seed: 1, episodes: 50)
      #expect(steps <= 201_000)
      #expect(mean >= -250, "mean return \(mean) after \(steps) steps")
    }

    /// Acrobot-v1's preset reaches −100 within 500k steps (deterministic, 50 episodes).
    @Test func acrobotReachesMinus100() throws {
      let (steps, mean) = try trainAndEvaluate("Acrobot-v1", seed: 1, episodes: 50)
      #expect(steps <= 505_000)
      #expect(mean >= -100, "mean return \(mean) after \(steps) steps")
    }
  }
#endif
