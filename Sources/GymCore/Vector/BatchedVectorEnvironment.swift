/// Many copies of an environment stepped together by a structure-of-arrays kernel on
/// persistent worker threads: the fast vector path (Gymnasium's `vector_entry_point`).
///
/// The lanes are split into contiguous shards at multiples of 64 lanes (so threads never write
/// the same cache line), up to four per thread, which the threads claim as they go; every step runs each shard's chunks of eight
/// lanes with SIMD arithmetic, and only lanes whose episode ended are reset. Outputs live in
/// buffers allocated once: `step` allocates nothing. Observations are `Float` rows, rewards
/// `Double` (as the single environments return them), flags `Bool`.
///
/// Lane `i` is seeded with `seed + i` by `reset(seed:)`, and lanes never share state, so the
/// outputs are identical at any thread count. Compared with `VectorEnvironment`, which steps
/// general `Environment` values one at a time, this type needs a kernel written for the
/// environment (`CartPoleBatch`, …) and is several times faster per step.
///
/// Not thread-safe: call `reset` and `step` from one thread at a time.
public final class BatchedVectorEnvironment<Kernel: BatchedKernel>: @unchecked Sendable {
  // @unchecked: buffers are written by the worker threads only inside `step`/`reset`, each
  // on its own shard of lanes.

  /// The number of sub-environments.
  public let count: Int
  /// Threads stepping the shards (including the caller).
  public let threads: Int
  /// How ended lanes are reset.
  public let autoresetMode: AutoresetMode
  /// The time limit applied to every lane, if any.
  public let maxEpisodeSteps: Int?
  /// The dynamics and the lanes' state.
  public let kernel: Kernel
  /// Floats per observation.
  public var observationDimension: Int { Kernel.observationDimension }
  /// One sub-environment's observation space.
  public var singleObservationSpace: Kernel.ObservationSpace { kernel.singleObservationSpace }
  /// One sub-environment's action space.
  public var singleActionSpace: Kernel.ActionSpace { kernel.singleActionSpace }

  @usableFromInline let buffers: BatchBuffers
  @usableFromInline let shards: [Range<Int>]
  @usableFromInline let pool: WorkerPool
  /// Episodes ended per shard, padded to separate cache lines (16 × 8 bytes per shard); a
  /// shard is stepped by one thread at a time.
  @usableFromInline let episodeCounters: UnsafeMutablePointer<Int>
  private let allocations: [UnsafeMutableRawPointer]

  /// `count` lanes of `kernel`, stepped on `threads` threads.
  /// - Parameters:
  ///   - kernel: the dynamics, with storage for at least `count` lanes.
  ///   - count: sub-environments (≥ 1, ≤ `kernel.capacity`).
  ///   - threads: threads to step with (the caller plus `threads − 1` workers); capped at 16
  ///     and so that every thread gets at least 64 lanes.
  ///   - maxEpisodeSteps: truncates episodes after this many steps (`nil`: never).
  ///   - autoresetMode: `.nextStep` (Gymnasium's default), `.sameStep` or `.disabled`.
  public init(kernel: Kernel, count: Int, threads: Int = 1, maxEpisodeSteps: Int? = nil, autoresetMode: AutoresetMode = .nextStep) {
    precondition(count >= 1 && count <= kernel.capacity, "count must be in 1...\(kernel.capacity), got \(count)")
    precondition(threads >= 1, "threads must be at least 1")
    precondition(maxEpisodeSteps.map { $0 > 0 } ?? true, "maxEpisodeSteps must be positive")
    self.kernel = kernel
    self.count = count
    self.autoresetMode = autoresetMode
    self.maxEpisodeSteps = maxEpisodeSteps
    let blocks = (count + 63) / 64
    let used = Swift.max(1, Swift.min(threads, blocks, 16))
    self.threads = used
    // Several shards per thread, claimed dynamically, so a thread that gets less of its core
    // takes fewer of them.
    let shardCount = used == 1 ? 1 : Swift.min(16, blocks, 4 * used)
    let perShard = (blocks + shardCount - 1) / shardCount * 64
    shards = (0..<shardCount).map { k in Swift.min(count, k * perShard)..<Swift.min(count, (k + 1) * perShard) }
    pool = WorkerPool(threads: used)

    let capacity = kernel.capacity, d = Kernel.observationDimension
    var allocations: [UnsafeMutableRawPointer] = []
    func allocate<T>(_ type: T.Type, _ n: Int, _ value: T) -> UnsafeMutablePointer<T> {
      let raw = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(64, n * MemoryLayout<T>.stride), alignment: 64)
      allocations.append(raw)
      let p = raw.bindMemory(to: T.self, capacity: n)
      p.initialize(repeating: value, count: n)
      return p
    }
    buffers = BatchBuffers(
      observations: allocate(Float.self, capacity * d, 0), rewards: allocate(Double.self, capacity, 0),
      terminations: allocate(Bool.self, capacity, false), truncations: allocate(Bool.self, capacity, false),
      elapsed: allocate(Int32.self, capacity, 0), pending: allocate(Bool.self, capacity, false),
      wasReset: allocate(Bool.self, capacity, false), finalObservations: allocate(Float.self, capacity * d, 0),
      hasFinalObservation: allocate(Bool.self, capacity, false), dimension: d,
      maxEpisodeSteps: Int32(clamping: maxEpisodeSteps ?? Int(Int32.max)), autoresetMode: autoresetMode)
    episodeCounters = allocate(Int.self, 16 * shards.count, 0)
    self.allocations = allocations
  }

  deinit {
    for raw in allocations { raw.deallocate() }
  }

  // MARK: - Outputs

  /// `count × observationDimension` floats, row-major: the latest observation of every lane.
  /// Reused: valid while this object lives, overwritten by every `step` and `reset`.
  public var observations: UnsafeBufferPointer<Float> { UnsafeBufferPointer(start: buffers.observations, count: count * observationDimension) }
  /// The latest rewards.
  public var rewards: UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: buffers.rewards, count: count) }
  /// Whether each lane terminated on the latest step.
  public var terminations: UnsafeBufferPointer<Bool> { UnsafeBufferPointer(start: buffers.terminations, count: count) }
  /// Whether each lane was truncated on the latest step.
  public var truncations: UnsafeBufferPointer<Bool> { UnsafeBufferPointer(start: buffers.truncations, count: count) }
  /// Next-step mode: which lanes were reset (not stepped) on the latest step; their
  /// transition must not be learned from.
  public var wasReset: UnsafeBufferPointer<Bool> { UnsafeBufferPointer(start: buffers.wasReset, count: count) }
  /// Same-step mode: the final observations of lanes that ended on the latest step.
  public var finalObservations: UnsafeBufferPointer<Float> { UnsafeBufferPointer(start: buffers.finalObservations, count: count * observationDimension) }
  /// Same-step mode: which rows of `finalObservations` are valid.
  public var hasFinalObservation: UnsafeBufferPointer<Bool> { UnsafeBufferPointer(start: buffers.hasFinalObservation, count: count) }
  /// Steps since each lane's last reset.
  public var elapsedSteps: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: buffers.elapsed, count: count) }

  /// The observation of lane `i` (a copy).
  public func observation(_ i: Int) -> [Float] {
    precondition(i >= 0 && i < count, "lane \(i) out of range 0..<\(count)")
    return Array(observations[i * observationDimension..<(i + 1) * observationDimension])
  }

  /// Episodes that ended (terminated or truncated) since the last `reset`.
  public var finishedEpisodes: Int { (0..<shards.count).reduce(0) { $0 + episodeCounters[16 * $1] } }

  // MARK: - Reset and step

  /// Resets every lane; with a seed, lane `i`'s generator is reseeded with `seed + i`.
  /// - Parameters:
  ///   - seed: reseeds the lanes; `nil` continues their streams.
  ///   - options: reset options, kept for the automatic resets that follow.
  /// - Throws: `OptionError` for bad options (nothing is reset then).
  public func reset(seed: UInt64? = nil, options: Options = [:]) throws {
    try kernel.configureReset(options: options)
    for i in 0..<kernel.capacity {
      if let seed { kernel.seed(lane: i, seed: seed &+ UInt64(i)) }
      kernel.resetLane(i)
      kernel.writeObservation(lane: i, into: buffers.observations + i * observationDimension)
    }
    let n = kernel.capacity
    buffers.rewards.update(repeating: 0, count: n)
    for flags in [buffers.terminations, buffers.truncations, buffers.pending, buffers.wasReset, buffers.hasFinalObservation] {
      flags.update(repeating: false, count: n)
    }
    buffers.elapsed.update(repeating: 0, count: n)
    for k in 0..<shards.count { episodeCounters[16 * k] = 0 }
  }

  /// Resets only the lanes where `mask` is true (Gymnasium's `reset_mask`, needed with
  /// `.disabled` autoreset); with a seed, lane `i` is reseeded with `seed + i`.
  /// - Parameters:
  ///   - mask: one entry per lane, at least one true.
  ///   - seed: reseeds the reset lanes; `nil` continues their streams.
  ///   - options: reset options; they replace the kept ones, for every later reset.
  /// - Throws: `OptionError` for bad options (nothing is reset then).
  public func reset(mask: [Bool], seed: UInt64? = nil, options: Options = [:]) throws {
    precondition(mask.count == count && mask.contains(true), "reset mask needs one entry per lane, at least one true")
    try kernel.configureReset(options: options)
    for i in 0..<count where mask[i] {
      if let seed { kernel.seed(lane: i, seed: seed &+ UInt64(i)) }
      kernel.resetLane(i)
      kernel.writeObservation(lane: i, into: buffers.observations + i * observationDimension)
      buffers.rewards[i] = 0
      buffers.terminations[i] = false
      buffers.truncations[i] = false
      buffers.pending[i] = false
      buffers.wasReset[i] = false
      buffers.hasFinalObservation[i] = false
      buffers.elapsed[i] = 0
    }
  }

  /// Steps every lane with its action, resetting ended lanes as `autoresetMode` says.
  /// - Parameter actions: `count` actions, lane `i`'s at `actions[i]`.
  /// - Complexity: O(`count`) on `threads` threads; no allocation.
  @inlinable
  public func step(_ actions: UnsafeBufferPointer<Kernel.Action>) {
    precondition(actions.count >= count, "expected \(count) actions, got \(actions.count)")
    let base = actions.baseAddress!
    let kernel = self.kernel, buffers = self.buffers, shards = self.shards, counters = episodeCounters
    pool.run(pieces: shards.count) { k in
      let lanes = shards[k]
      if !lanes.isEmpty {
        counters[16 * k] += kernel.step(lanes: lanes, actions: base + lanes.lowerBound, buffers: buffers)
      }
    }
  }

  /// Steps every lane with its action (see `step(_:)` taking a buffer).
  @inlinable
  public func step(_ actions: [Kernel.Action]) {
    actions.withUnsafeBufferPointer { step($0) }
  }
}
