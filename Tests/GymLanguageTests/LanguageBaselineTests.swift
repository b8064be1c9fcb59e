import GymLanguage
import SwiftGym
import Testing

/// Trains the goal-conditioned PPO baseline (bag-of-words observation) on the train split of
/// `task` for `steps` steps and returns its deterministic success rate over `episodes` fresh
/// train-split episodes.
func languageBaselineSuccess(_ task: LanguageTaskKind, steps: Int, episodes: Int, seed: UInt64) throws -> Double {
  let id = "lang/\(task.idStem)-v0"
  let options: Options = ["observation": "bag_of_words"]
  var configuration = PPOConfiguration()
  try configuration.apply([
    "n_envs": 8, "n_steps": 256, "batch_size": 256, "n_epochs": 10, "learning_rate": 0.0003,
    "gamma": 0.99, "gae_lambda": 0.95, "ent_coef": 0.0, "normalize": true,
  ])
  configuration.totalSteps = steps
  let trainer = try PPOTrainer<AnyEnvironment>(configuration: configuration, seed: seed, threads: 1, learnerThreads: 1) { _ in
    try make(id, options: options)
  }
  try trainer.train()
  let env = try make(id, options: options)
  var agent = try PPOPolicyAgent(policy: trainer.policy, for: env, deterministic: true, seed: seed)
  var successes = 0
  for k in 0..<episodes {
    var observation = try env.reset(seed: 1_000_000 + UInt64(k)).observation
    while true {
      let r = try env.checkedStep(agent.act(observation))
      observation = r.observation
      if r.terminated { successes += 1 }
      if r.terminated || r.truncated { break }
    }
  }
  return Double(successes) / Double(episodes)
}

#if !DEBUG
  /// Learning tests: release builds only
  /// (`swift test -c release -Xswiftc -enable-testing --filter LanguageBaselineTests`, ~20 s).
  @Suite struct LanguageBaselineTests {
    /// PPO on the bag-of-words observation learns to close the drawer to the instructed
    /// fraction: ≥ 70 % success on the train split after 300,000 steps (~99 % is typical).
    @Test func ppoLearnsToCloseTheDrawerToTheInstructedFraction() throws {
      let rate = try languageBaselineSuccess(.closeDrawer, steps: 300_000, episodes: 100, seed: 0)
      #expect(rate >= 0.7, "success \(rate)")
    }
  }
#endif
