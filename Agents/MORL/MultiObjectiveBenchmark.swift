import GymCore
import GymMultiObjective

/// Throughput of multi-objective environments measured the way MO-Gymnasium's anchor
/// measures it: an action sampled from the action space on every step (inside the timed
/// loop), the environment's time limit applied, resets at episode ends.
public enum MultiObjectiveBenchmark {
  /// One measurement.
  public struct Result: Sendable {
    /// `typed`, `vector` or `erased`.
    public var path: String
    /// Sub-environments stepped.
    public var numEnvs: Int
    /// Environment steps taken.
    public var steps: Int
    /// Wall seconds.
    public var seconds: Double
    /// Episodes finished.
    public var episodes: Int
    /// The mean undiscounted return vector of the finished episodes.
    public var meanReturn: [Double]
    /// Process CPU seconds over the same interval (on a loaded machine, wall rates fall but
    /// this one does not).
    public var cpuSeconds: Double = .nan
    /// A result.
    public init(path: String, numEnvs: Int, steps: Int, seconds: Double, episodes: Int, meanReturn: [Double], cpuSeconds: Double = .nan) {
      self.cpuSeconds = cpuSeconds
      self.path = path
      self.numEnvs = numEnvs
      self.steps = steps
      self.seconds = seconds
      self.episodes = episodes
      self.meanReturn = meanReturn
    }
    /// Steps per second.
    public var stepsPerSecond: Double { Double(steps) / seconds }
    /// Steps per process CPU second.
    public var stepsPerCPUSecond: Double { Double(steps) / cpuSeconds }
    /// The mean length of finished episodes.
    public var meanEpisodeLength: Double { episodes > 0 ? Double(steps) / Double(episodes) : .nan }
  }

  /// Times the typed environment (with `TimeLimit` and `OrderEnforcing`) for `seconds`.
  @inlinable
  public static func single<E: MultiObjectiveEnvironment>(_ env: E, seconds: Double, seed: UInt64, maxEpisodeSteps: Int) throws -> Result {
    var env = Wrappers.OrderEnforcing(Wrappers.TimeLimit(env, maxEpisodeSteps: maxEpisodeSteps))
    var rng = GymRandom(seed: seed)
    let space = env.actionSpace
    _ = try env.reset(seed: seed, options: [:])
    let d = env.rewardSpace.count
    var total = [Double](repeating: 0, count: d)
    var steps = 0, episodes = 0
    let start = ContinuousClock.now, cpuStart = Stopwatch.processCPU()
    let budget = Duration.milliseconds(Int64(seconds * 1000))
    while ContinuousClock.now - start < budget {
      for _ in 0..<4096 {
        let r = env.step(space.sample(using: &rng))
        for i in 0..<d { total[i] += r.reward.values[i] }
        steps += 1
        if r.terminated || r.truncated {
          episodes += 1
          _ = try env.reset(seed: nil, options: [:])
        }
      }
    }
    let elapsed = (ContinuousClock.now - start).secondsDouble
    return Result(path: "typed", numEnvs: 1, steps: steps, seconds: elapsed, episodes: episodes, meanReturn: total.map { $0 / Double(max(1, episodes)) }, cpuSeconds: Stopwatch.processCPU() - cpuStart)
  }

  /// Times a `VectorEnvironment` of `count` copies with per-sub-environment statistics.
  @inlinable
  public static func vector<E: MultiObjectiveEnvironment>(
    count: Int, seconds: Double, seed: UInt64, maxEpisodeSteps: Int, make: (Int) throws -> E
  ) throws -> Result {
    let vector = try VectorEnvironment(count: count, autoresetMode: .sameStep) { i in
      Wrappers.TimeLimit(try make(i), maxEpisodeSteps: maxEpisodeSteps)
    }
    var stats = VectorEpisodeStatistics<RewardVector>(count: count)
    var rng = GymRandom(seed: seed)
    let space = vector.singleActionSpace
    try vector.reset(seed: seed)
    var actions = (0..<count).map { _ in space.sample(using: &rng) }
    var total: [Double] = []
    var steps = 0, episodes = 0
    let start = ContinuousClock.now, cpuStart = Stopwatch.processCPU()
    let budget = Duration.milliseconds(Int64(seconds * 1000))
    while ContinuousClock.now - start < budget {
      for _ in 0..<256 {
        for i in 0..<count { actions[i] = space.sample(using: &rng) }
        vector.step(actions)
        for e in stats.record(vector) {
          if total.isEmpty { total = Array(repeating: 0, count: e.episodeReturn.count) }
          for i in total.indices { total[i] += e.episodeReturn[i] }
          episodes += 1
        }
        steps += count
      }
    }
    let elapsed = (ContinuousClock.now - start).secondsDouble
    return Result(path: "vector", numEnvs: count, steps: steps, seconds: elapsed, episodes: episodes, meanReturn: total.map { $0 / Double(max(1, episodes)) }, cpuSeconds: Stopwatch.processCPU() - cpuStart)
  }

  /// Times the type-erased `make()` path with actions sampled every step.
  public static func erased(_ env: AnyEnvironment, seconds: Double, seed: UInt64) throws -> Result {
    var rng = GymRandom(seed: seed)
    _ = try env.reset(seed: seed)
    var steps = 0, episodes = 0
    let start = ContinuousClock.now, cpuStart = Stopwatch.processCPU()
    let budget = Duration.milliseconds(Int64(seconds * 1000))
    while ContinuousClock.now - start < budget {
      for _ in 0..<1024 {
        let r = try env.checkedStep(env.sampleAction(using: &rng))
        steps += 1
        if r.terminated || r.truncated {
          episodes += 1
          _ = try env.reset()
        }
      }
    }
    return Result(path: "erased", numEnvs: 1, steps: steps, seconds: (ContinuousClock.now - start).secondsDouble, episodes: episodes, meanReturn: [], cpuSeconds: Stopwatch.processCPU() - cpuStart)
  }
}
