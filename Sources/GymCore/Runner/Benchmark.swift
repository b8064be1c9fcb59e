/// What `gym bench` measures.
public struct BenchmarkConfiguration: Sendable {
  /// Environment steps to time (in total over all sub-environments).
  public var steps: Int
  /// Sub-environments; 1 times a single environment.
  public var numEnvs: Int
  /// Worker threads for the vector environment.
  public var threads: Int
  /// Seed for the environments and the pre-sampled actions.
  public var seed: UInt64
  /// Construction options.
  public var options: Options
  /// The time limit the default wrappers apply.
  public var maxEpisodeSteps: Int?

  /// A configuration.
  public init(steps: Int = 1_000_000, numEnvs: Int = 1, threads: Int = 1, seed: UInt64 = 0, options: Options = [:], maxEpisodeSteps: Int? = nil) {
    self.steps = steps
    self.numEnvs = numEnvs
    self.threads = threads
    self.seed = seed
    self.options = options
    self.maxEpisodeSteps = maxEpisodeSteps
  }
}

/// One benchmark measurement.
public struct BenchmarkResult: Sendable {
  /// What was timed: `typed`, `vector`, `erased`, `render`, ….
  public var path: String
  /// Sub-environments.
  public var numEnvs: Int
  /// Threads.
  public var threads: Int
  /// Environment steps timed.
  public var steps: Int
  /// Episodes finished while timing.
  public var episodes: Int
  /// Wall seconds.
  public var seconds: Double
  /// Process CPU seconds.
  public var cpuSeconds: Double

  /// Steps per wall second.
  public var stepsPerSecond: Double { Double(steps) / seconds }
  /// Steps per CPU second (the figure comparable to the anchors' `cpu` columns).
  public var stepsPerCPUSecond: Double { Double(steps) / cpuSeconds }

  /// A result.
  public init(path: String, numEnvs: Int, threads: Int, steps: Int, episodes: Int, seconds: Double, cpuSeconds: Double) {
    self.path = path
    self.numEnvs = numEnvs
    self.threads = threads
    self.steps = steps
    self.episodes = episodes
    self.seconds = seconds
    self.cpuSeconds = cpuSeconds
  }
}

/// Throughput measurements with pre-sampled random actions, as the anchors measure them.
public enum Benchmark {
  /// How many random actions are sampled up front and cycled through.
  public static let actionPoolSize = 4096

  /// Times the typed environment (with `TimeLimit` and `OrderEnforcing`) when
  /// `config.numEnvs == 1`, else a `VectorEnvironment` of `numEnvs` copies.
  @inlinable
  public static func run<E: Environment>(_ config: BenchmarkConfiguration, make: (Options) throws -> E) throws -> BenchmarkResult {
    if config.numEnvs <= 1 {
      let env = try make(config.options)
      let wrapped = Wrappers.OrderEnforcing(Wrappers.TimeLimit(env, maxEpisodeSteps: config.maxEpisodeSteps ?? Int.max))
      return try single(wrapped, config: config)
    }
    let vector = try VectorEnvironment(count: config.numEnvs, threads: config.threads) { _ in
      Wrappers.TimeLimit(try make(config.options), maxEpisodeSteps: config.maxEpisodeSteps ?? Int.max)
    }
    return try self.vector(vector, config: config)
  }

  /// Times one environment for `config.steps` steps, resetting at episode ends.
  @inlinable
  public static func single<E: Environment>(_ env: E, config: BenchmarkConfiguration, path: String = "typed") throws -> BenchmarkResult {
    var env = env
    var rng = GymRandom(seed: config.seed)
    let actions = (0..<actionPoolSize).map { _ in env.actionSpace.sample(using: &rng) }
    _ = try env.reset(seed: config.seed)
    var episodes = 0
    var checksum: Float = 0
    let t0 = Stopwatch.now(), c0 = Stopwatch.processCPU()
    for i in 0..<config.steps {
      let r = env.step(actions[i & (actionPoolSize - 1)])
      if r.terminated || r.truncated {
        episodes += 1
        _ = try env.reset(seed: nil)
      }
      checksum += r.terminated ? 1 : 0
    }
    let t1 = Stopwatch.now(), c1 = Stopwatch.processCPU()
    precondition(checksum >= 0)
    return BenchmarkResult(path: path, numEnvs: 1, threads: 1, steps: config.steps, episodes: episodes, seconds: t1 - t0, cpuSeconds: c1 - c0)
  }

  /// Times a vector environment for `config.steps` env-steps in total.
  @inlinable
  public static func vector<E: Environment>(_ vector: VectorEnvironment<E>, config: BenchmarkConfiguration) throws -> BenchmarkResult {
    var rng = GymRandom(seed: config.seed)
    let n = vector.count
    let pool = (0..<actionPoolSize).map { _ in vector.singleActionSpace.sample(using: &rng) }
    var batch = Array(pool.prefix(n))
    while batch.count < n { batch.append(pool[batch.count % actionPoolSize]) }
    try vector.reset(seed: config.seed)
    let iterations = max(1, config.steps / n)
    var episodes = 0
    let t0 = Stopwatch.now(), c0 = Stopwatch.processCPU()
    for it in 0..<iterations {
      // Rotate the action batch so each sub-environment sees varying actions.
      let shift = (it &* 7919) & (actionPoolSize - 1)
      batch.withUnsafeMutableBufferPointer { b in
        for i in 0..<n { b[i] = pool[(i &+ shift) & (actionPoolSize - 1)] }
      }
      vector.step(batch)
      let term = vector.terminations, trunc = vector.truncations
      for i in 0..<n where term[i] || trunc[i] { episodes += 1 }
    }
    let t1 = Stopwatch.now(), c1 = Stopwatch.processCPU()
    return BenchmarkResult(path: "vector", numEnvs: n, threads: vector.threads, steps: iterations * n, episodes: episodes, seconds: t1 - t0, cpuSeconds: c1 - c0)
  }

  /// Times a `BatchedVectorEnvironment` of `config.numEnvs` lanes on `config.threads` threads
  /// for `config.steps` env-steps in total (rounded up to whole vector steps).
  ///
  /// Actions come from a pre-sampled random table of `numEnvs + actionPoolSize` entries; each
  /// vector step reads a window of it at a rotating offset, so lanes see varying actions and
  /// nothing is copied per step.
  @inlinable
  public static func batched<K: BatchedKernel>(_ config: BenchmarkConfiguration, make: (Options, Int) throws -> K) throws -> BenchmarkResult {
    let n = config.numEnvs
    let vector = BatchedVectorEnvironment(
      kernel: try make(config.options, n), count: n, threads: config.threads, maxEpisodeSteps: config.maxEpisodeSteps)
    var rng = GymRandom(seed: config.seed)
    let space = vector.singleActionSpace
    let table = (0..<(n + actionPoolSize)).map { _ in K.laneAction(space.sample(using: &rng)) }
    try vector.reset(seed: config.seed)
    let iterations = Swift.max(1, (config.steps + n - 1) / n)
    let t0 = Stopwatch.now(), c0 = Stopwatch.processCPU()
    table.withUnsafeBufferPointer { actions in
      for it in 0..<iterations {
        let shift = (it &* 7919) & (actionPoolSize - 1)
        vector.step(UnsafeBufferPointer(rebasing: actions[shift..<(shift + n)]))
      }
    }
    let t1 = Stopwatch.now(), c1 = Stopwatch.processCPU()
    return BenchmarkResult(
      path: "batched", numEnvs: n, threads: vector.threads, steps: iterations * n, episodes: vector.finishedEpisodes,
      seconds: t1 - t0, cpuSeconds: c1 - c0)
  }

  /// Times the type-erased path (`make`) with pre-sampled flat actions.
  public static func erased(_ env: AnyEnvironment, config: BenchmarkConfiguration) throws -> BenchmarkResult {
    var rng = GymRandom(seed: config.seed)
    let actions = (0..<actionPoolSize).map { _ in env.sampleAction(using: &rng) }
    _ = try env.reset(seed: config.seed, options: [:])
    var episodes = 0
    let t0 = Stopwatch.now(), c0 = Stopwatch.processCPU()
    for i in 0..<config.steps {
      let r = try env.checkedStep(actions[i & (actionPoolSize - 1)])
      if r.terminated || r.truncated {
        episodes += 1
        _ = try env.reset(seed: nil, options: [:])
      }
    }
    let t1 = Stopwatch.now(), c1 = Stopwatch.processCPU()
    return BenchmarkResult(path: "erased", numEnvs: 1, threads: 1, steps: config.steps, episodes: episodes, seconds: t1 - t0, cpuSeconds: c1 - c0)
  }
}
