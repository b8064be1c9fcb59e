import GymCore
import GymNN

/// What a training callback wants next.
public enum TrainingDecision: Sendable {
  /// Keep training.
  case proceed
  /// Stop now (the current rollout is abandoned without an update).
  case stop
}

/// Figures of one PPO iteration (a rollout and its update), SB3's `train/*` and `rollout/*`.
public struct PPOIterationStatistics: Sendable {
  /// 1-based iteration number.
  public var iteration: Int
  /// Environment steps so far.
  public var steps: Int
  /// Episodes finished so far.
  public var episodes: Int
  /// Training wall seconds so far (summed over resumed sessions).
  public var seconds: Double
  /// Steps per second of this session.
  public var stepsPerSecond: Double
  /// Mean return of the last (up to) 20 training episodes, if any finished.
  public var meanReturn: Double?
  /// Mean clipped surrogate loss over the minibatches.
  public var policyLoss: Double
  /// Mean value loss (before `vf_coef`).
  public var valueLoss: Double
  /// Mean policy entropy.
  public var entropy: Double
  /// Mean approximate KL `(r − 1) − log r` between the rollout policy and the updated one.
  public var approximateKL: Double
  /// Fraction of ratios outside `1 ± ε`.
  public var clipFraction: Double
  /// `1 − Var(R − V) / Var(R)` over the rollout.
  public var explainedVariance: Double
  /// The learning rate used.
  public var learningRate: Double
  /// The clip range used.
  public var clipRange: Double
  /// Epochs completed (fewer than configured after a target-KL stop).
  public var epochsCompleted: Int

  /// The statistics as one JSON object.
  public var json: JSONValue {
    [
      "iteration": .int(iteration), "steps": .int(steps), "episodes": .int(episodes),
      "seconds": .double((seconds * 1e4).rounded() / 1e4), "steps_per_second": .double(stepsPerSecond.rounded()),
      "mean_return": meanReturn.map { .double($0) } ?? .null, "policy_loss": .double(policyLoss),
      "value_loss": .double(valueLoss), "entropy": .double(entropy), "approx_kl": .double(approximateKL),
      "clip_fraction": .double(clipFraction), "explained_variance": .double(explainedVariance),
      "learning_rate": .double(learningRate), "clip_range": .double(clipRange), "epochs": .int(epochsCompleted),
    ]
  }
}

/// Proximal Policy Optimization over a vector of environments: discrete, multi-discrete and
/// continuous actions, with GAE, minibatch epochs, advantage normalisation, the clipped
/// surrogate and value losses, an entropy bonus, learning-rate and clip-range schedules,
/// target-KL early stopping, observation and reward normalisation, and bootstrapping of
/// time-limit truncations from the final observation's value.
///
/// Sub-environments run with same-step autoreset: when one ends, `finalObservations` holds its
/// last observation and the next observation is already the first of a new episode. A
/// truncated (not terminated) episode's last reward gets `+ γ · V(final observation)`, and the
/// episode boundary then cuts GAE as for a termination — SB3's treatment.
///
/// Runs are deterministic for a seed: environment `i` is reset with `seed + i`, the networks
/// are initialised from `GymRandom(seed).derive(0)`, and iteration `k` samples actions from
/// `derive(2k + 1)` and shuffles minibatches with `derive(2k + 2)`. Nothing is allocated per
/// step except the action array handed to `VectorEnvironment.step`.
public final class PPOTrainer<Env: Environment> where Env.ActionSpace: PolicyActionSpace, Env.Reward == Double {
  /// The hyperparameters.
  public let configuration: PPOConfiguration
  /// The run's seed.
  public let seed: UInt64
  /// The sub-environments.
  public let environments: VectorEnvironment<Env>
  /// The policy being trained.
  public let policy: ActorCritic
  /// The optimizer over `policy.parameters`.
  public let optimizer: Adam
  /// Reward scaling, when `configuration.normalizeRewards`.
  public var rewardNormalizer: RewardNormalizer?
  /// Environment steps taken (summed over sub-environments).
  public internal(set) var stepCount = 0
  /// Updates completed.
  public internal(set) var iteration = 0
  /// Episodes finished.
  public internal(set) var episodeCount = 0
  /// Training wall seconds, summed over resumed sessions.
  public internal(set) var trainingSeconds = 0.0
  /// Returns of the most recent episodes (up to 100), oldest first.
  public internal(set) var recentReturns: [Double] = []
  /// Threads for the update: 2 updates the actor and the critic in parallel.
  public let learnerThreads: Int

  let head: ActionHead
  let actionSpace: Env.ActionSpace
  let n: Int, steps: Int, d: Int, width: Int, outputs: Int
  var started = false

  // Rollout storage, [t][env] flattened, allocated once.
  var rolloutObservations: [Float]
  var rolloutIndices: [Int]
  var rolloutValuesDrawn: [Float]
  var rolloutLogProbabilities: [Float]
  var rolloutValues: [Float]
  var rolloutRewards: [Float]
  var rolloutDones: [Bool]
  var advantages: [Float]
  var returns: [Float]

  // Per-step scratch.
  var currentObservations: [Float]
  var stepIndices: [Int]
  var stepValuesDrawn: [Float]
  var stepLogProbabilities: [Float]
  var scaledRewards: [Float]
  var dones: [Bool]
  var finalRows: [Float]
  var finalEnvs: [Int]
  var actions: [Env.Action] = []
  var episodeReturns: [Double]
  var episodeLengths: [Int]
  var sessionStart = 0.0
  var sessionSteps = 0

  // Minibatch scratch.
  var permutation: [Int]
  var batchObservations: [Float]
  var batchAdvantages: [Float]
  var outputGradient: [Float]
  var valueGradient: [Float]

  /// A trainer with a freshly initialised policy.
  /// - Parameters:
  ///   - configuration: validated hyperparameters.
  ///   - seed: the run's seed.
  ///   - threads: worker threads for stepping the sub-environments (results do not depend on it).
  ///   - learnerThreads: 1, or 2 to update the actor and the critic in parallel (results do not
  ///     depend on it).
  ///   - makeEnvironment: builds sub-environment `i`; its time limit must be part of it.
  /// - Throws: `PPOError` for an invalid configuration or an action space PPO cannot act in,
  ///   or whatever `makeEnvironment` throws.
  public init(
    configuration: PPOConfiguration, seed: UInt64, threads: Int = 1, learnerThreads: Int = 1, makeEnvironment: (Int) throws -> Env
  ) throws {
    try configuration.validate()
    guard learnerThreads == 1 || learnerThreads == 2 else { throw PPOError("learner threads must be 1 or 2, got \(learnerThreads)") }
    self.learnerThreads = learnerThreads
    self.configuration = configuration
    self.seed = seed
    environments = try VectorEnvironment(count: configuration.environmentCount, autoresetMode: .sameStep, threads: threads, make: makeEnvironment)
    actionSpace = environments.singleActionSpace
    head = try actionSpace.actionHead()
    n = configuration.environmentCount
    steps = configuration.stepsPerEnvironment
    d = environments.observationDimension
    width = head.actionWidth
    outputs = head.outputCount
    var initRNG = GymRandom(seed: seed).derive(0)
    policy = ActorCritic(
      observationDimension: d, head: head, hiddenSizes: configuration.hiddenSizes, activation: configuration.activation,
      logStdInit: Float(configuration.logStdInit), rng: &initRNG)
    if configuration.normalizeObservations {
      policy.observationNormalizer = ObservationNormalizer(dimension: d, clip: configuration.observationClip)
    }
    if configuration.normalizeRewards {
      rewardNormalizer = RewardNormalizer(count: n, gamma: configuration.gamma, clip: configuration.rewardClip)
    }
    optimizer = Adam(for: policy.parameters, learningRate: Float(configuration.learningRate.initialValue), epsilon: Float(configuration.adamEpsilon))
    let total = n * steps, m = configuration.minibatchSize
    rolloutObservations = Array(repeating: 0, count: total * d)
    rolloutIndices = Array(repeating: 0, count: head.isContinuous ? 0 : total * width)
    rolloutValuesDrawn = Array(repeating: 0, count: head.isContinuous ? total * width : 0)
    rolloutLogProbabilities = Array(repeating: 0, count: total)
    rolloutValues = Array(repeating: 0, count: total)
    rolloutRewards = Array(repeating: 0, count: total)
    rolloutDones = Array(repeating: false, count: total)
    advantages = Array(repeating: 0, count: total)
    returns = Array(repeating: 0, count: total)
    currentObservations = Array(repeating: 0, count: n * d)
    stepIndices = Array(repeating: 0, count: n * width)
    stepValuesDrawn = Array(repeating: 0, count: n * width)
    stepLogProbabilities = Array(repeating: 0, count: n)
    scaledRewards = Array(repeating: 0, count: n)
    dones = Array(repeating: false, count: n)
    finalRows = Array(repeating: 0, count: n * d)
    finalEnvs = Array(repeating: 0, count: n)
    episodeReturns = Array(repeating: 0, count: n)
    episodeLengths = Array(repeating: 0, count: n)
    actions.reserveCapacity(n)
    permutation = Array(0..<total)
    batchObservations = Array(repeating: 0, count: m * d)
    batchAdvantages = Array(repeating: 0, count: m)
    outputGradient = Array(repeating: 0, count: m * outputs)
    valueGradient = Array(repeating: 0, count: m)
    policy.actor.reserve(rows: max(m, n))
    policy.critic.reserve(rows: max(m, n))
    BLAS.threads = 1
  }

  /// Mean return of the last `window` finished training episodes (fewer if fewer finished).
  public func meanRecentReturn(window: Int = 20) -> Double? {
    guard !recentReturns.isEmpty else { return nil }
    let tail = recentReturns.suffix(window)
    return tail.reduce(0, +) / Double(tail.count)
  }

  /// Trains until `stepCount` reaches `totalSteps` (or a callback stops it).
  /// - Parameters:
  ///   - totalSteps: the step count to stop at; `configuration.totalSteps` by default.
  ///   - onEpisode: called as each training episode ends (raw, unnormalised return).
  ///   - onIteration: called after each update.
  /// - Returns: whether training stopped because a callback asked.
  /// - Throws: whatever the callbacks or the environments' resets throw.
  @discardableResult
  public func train(
    totalSteps: Int? = nil, onEpisode: ((EpisodeRecord) throws -> TrainingDecision)? = nil,
    onIteration: ((PPOIterationStatistics) throws -> TrainingDecision)? = nil
  ) throws -> Bool {
    let target = totalSteps ?? configuration.totalSteps
    sessionStart = Stopwatch.now()
    sessionSteps = 0
    let secondsBefore = trainingSeconds
    defer { trainingSeconds = secondsBefore + (Stopwatch.now() - sessionStart) }
    if !started { try startEpisodes() }
    while stepCount < target {
      var actionRNG = GymRandom(seed: seed).derive(UInt64(2 * iteration + 1))
      let stopped = try collectRollout(rng: &actionRNG, secondsBefore: secondsBefore, onEpisode: onEpisode)
      if stopped { return true }
      computeAdvantages()
      var shuffleRNG = GymRandom(seed: seed).derive(UInt64(2 * iteration + 2))
      var stats = update(rng: &shuffleRNG)
      iteration += 1
      let now = Stopwatch.now()
      stats.iteration = iteration
      stats.steps = stepCount
      stats.episodes = episodeCount
      stats.seconds = secondsBefore + now - sessionStart
      stats.stepsPerSecond = Double(sessionSteps) / max(now - sessionStart, 1e-9)
      stats.meanReturn = meanRecentReturn()
      if let onIteration, try onIteration(stats) == .stop { return true }
    }
    return false
  }

  /// Resets the sub-environments: with `seed` on a fresh run; after a restore, with a seed
  /// derived from `seed` and the iteration, so a resumed run is reproducible.
  func startEpisodes() throws {
    let resetSeed = iteration == 0 ? seed : seed &+ UInt64(iteration) &* 1_000_003
    try environments.reset(seed: resetSeed)
    for i in 0..<n {
      episodeReturns[i] = 0
      episodeLengths[i] = 0
    }
    try observe(environments.observations.baseAddress!)
    started = true
  }

  /// Updates the observation statistics with raw observations and prepares them.
  func observe(_ raw: UnsafePointer<Float>) throws {
    policy.observationNormalizer?.update(raw, rows: n)
    currentObservations.withUnsafeMutableBufferPointer { policy.prepare(raw, rows: n, into: $0.baseAddress!) }
  }

  /// Collects one rollout of `stepsPerEnvironment` vector steps.
  /// - Returns: whether a callback asked to stop.
  func collectRollout(
    rng: inout GymRandom, secondsBefore: Double, onEpisode: ((EpisodeRecord) throws -> TrainingDecision)?
  ) throws -> Bool {
    let gamma = Float(configuration.gamma)
    for t in 0..<steps {
      let row = t * n
      // Act.
      currentObservations.withUnsafeBufferPointer { obs in
        rolloutObservations.withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: row * d).update(from: obs.baseAddress!, count: n * d) }
        stepIndices.withUnsafeMutableBufferPointer { idx in
          stepValuesDrawn.withUnsafeMutableBufferPointer { vals in
            stepLogProbabilities.withUnsafeMutableBufferPointer { lp in
              policy.act(obs.baseAddress!, rows: n, deterministic: false, indices: idx.baseAddress!, values: vals.baseAddress!, logProbabilities: lp.baseAddress!, rng: &rng)
            }
          }
        }
        let v = policy.values(obs.baseAddress!, rows: n)
        rolloutValues.withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: row).update(from: v, count: n) }
      }
      for i in 0..<n { rolloutLogProbabilities[row + i] = stepLogProbabilities[i] }
      if head.isContinuous {
        for j in 0..<n * width { rolloutValuesDrawn[row * width + j] = stepValuesDrawn[j] }
      } else {
        for j in 0..<n * width { rolloutIndices[row * width + j] = stepIndices[j] }
      }
      actions.removeAll(keepingCapacity: true)
      stepIndices.withUnsafeBufferPointer { idx in
        stepValuesDrawn.withUnsafeBufferPointer { vals in
          for i in 0..<n {
            actions.append(actionSpace.action(head, indices: idx.baseAddress! + i * width, values: vals.baseAddress! + i * width))
          }
        }
      }

      // Step.
      environments.step(actions)
      stepCount += n
      sessionSteps += n
      let rewards = environments.rewards, terminations = environments.terminations, truncations = environments.truncations
      for i in 0..<n { dones[i] = terminations[i] || truncations[i] }

      // Episode bookkeeping on raw rewards.
      var stop = false
      for i in 0..<n {
        episodeReturns[i] += rewards[i]
        episodeLengths[i] += 1
        if dones[i] {
          let record = EpisodeRecord(
            index: episodeCount, returns: [episodeReturns[i]], length: episodeLengths[i], terminated: terminations[i],
            truncated: truncations[i], totalSteps: stepCount, wallTime: secondsBefore + Stopwatch.now() - sessionStart)
          episodeCount += 1
          recentReturns.append(episodeReturns[i])
          if recentReturns.count > 100 { recentReturns.removeFirst(recentReturns.count - 100) }
          episodeReturns[i] = 0
          episodeLengths[i] = 0
          if let onEpisode, try onEpisode(record) == .stop { stop = true }
        }
      }

      // Rewards for learning: scaled, then truncations bootstrapped.
      if rewardNormalizer != nil {
        dones.withUnsafeBufferPointer { dn in
          scaledRewards.withUnsafeMutableBufferPointer { rewardNormalizer!.normalize(rewards, dones: dn.baseAddress!, into: $0.baseAddress!) }
        }
      } else {
        for i in 0..<n { scaledRewards[i] = Float(rewards[i]) }
      }
      // New observations first update the statistics, as VecNormalize does before it
      // normalises the final observations.
      try observe(environments.observations.baseAddress!)
      if configuration.bootstrapTruncation { bootstrapTruncations(gamma: gamma) }
      for i in 0..<n {
        rolloutRewards[row + i] = scaledRewards[i]
        rolloutDones[row + i] = dones[i]
      }
      if stop { return true }
    }
    return false
  }

  /// Adds `γ · V(final observation)` to the reward of every sub-environment that was
  /// truncated without terminating on the latest step.
  func bootstrapTruncations(gamma: Float) {
    let terminations = environments.terminations, truncations = environments.truncations
    let hasFinal = environments.hasFinalObservation
    var count = 0
    for i in 0..<n where truncations[i] && !terminations[i] && hasFinal[i] {
      finalEnvs[count] = i
      count += 1
    }
    guard count > 0 else { return }
    let finals = environments.finalObservations.baseAddress!
    finalRows.withUnsafeMutableBufferPointer { rows in
      for k in 0..<count {
        policy.prepare(finals + finalEnvs[k] * d, rows: 1, into: rows.baseAddress! + k * d)
      }
      let v = policy.values(rows.baseAddress!, rows: count)
      for k in 0..<count { scaledRewards[finalEnvs[k]] += gamma * v[k] }
    }
  }

  /// GAE(λ) over the rollout, bootstrapped from the value of the current observations.
  func computeAdvantages() {
    let last = currentObservations.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: policy.values($0.baseAddress!, rows: n), count: n)) }
    GAE.compute(
      rewards: rolloutRewards, values: rolloutValues, dones: rolloutDones, lastValues: last,
      gamma: Float(configuration.gamma), lambda: Float(configuration.gaeLambda),
      advantages: &advantages, returns: &returns)
  }
}

/// Generalised advantage estimation (Schulman et al. 2016) over a rollout stored `[t][env]`.
public enum GAE {
  /// Fills `advantages` and `returns` (advantages plus values) for a rollout of
  /// `values.count / lastValues.count` steps of `lastValues.count` environments:
  ///
  ///     δₜ = rₜ + γ · V(sₜ₊₁) · (1 − doneₜ) − V(sₜ)
  ///     Aₜ = δₜ + γλ · (1 − doneₜ) · Aₜ₊₁
  ///
  /// where `doneₜ` says the episode ended with step `t` (so `sₜ₊₁` belongs to the next episode
  /// and nothing flows across), and `V(s_T)` is `lastValues`.
  /// - Precondition: all arrays have `steps × environments` entries.
  public static func compute(
    rewards: [Float], values: [Float], dones: [Bool], lastValues: [Float], gamma: Float, lambda: Float,
    advantages: inout [Float], returns: inout [Float]
  ) {
    let n = lastValues.count, total = values.count
    precondition(n > 0 && total % n == 0 && rewards.count == total && dones.count == total, "GAE needs steps × environments entries")
    if advantages.count != total { advantages = Array(repeating: 0, count: total) }
    if returns.count != total { returns = Array(repeating: 0, count: total) }
    let steps = total / n
    for i in 0..<n {
      var gae: Float = 0
      for t in stride(from: steps - 1, through: 0, by: -1) {
        let k = t * n + i
        let nextValue = t == steps - 1 ? lastValues[i] : values[k + n]
        let nonTerminal: Float = dones[k] ? 0 : 1
        let delta = rewards[k] + gamma * nextValue * nonTerminal - values[k]
        gae = delta + gamma * lambda * nonTerminal * gae
        advantages[k] = gae
        returns[k] = gae + values[k]
      }
    }
  }
}
