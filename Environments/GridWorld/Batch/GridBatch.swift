import Dispatch
import GymCore

/// Many copies of one grid world stepped together, with Minigrid's 7×7×3 partial view
/// written every step into one contiguous byte buffer: the batched path for training and for
/// `gym bench --num-envs`.
///
/// Sub-environment `i` is reset with `seed + i` and then draws from its own generator, so the
/// results are identical at any thread count. Autoreset is same-step: when an episode ends,
/// `rewards`, `terminations` and `truncations` describe the final step and `images` /
/// `directions` already hold the next episode's first observation.
public final class GridBatch<Env: GridWorldEnvironment>: @unchecked Sendable {
  // @unchecked: worker threads write disjoint index ranges of the buffers during `step`; the
  // caller must not share the object across threads while a call is in progress.

  /// Sub-environments.
  public let count: Int
  /// Worker threads used by `step`.
  public let threads: Int
  /// Bytes per image: 7 × 7 × 3.
  public static var imageBytes: Int { GridImage.byteCount }

  @usableFromInline let envs: UnsafeMutableBufferPointer<Env>
  @usableFromInline let imageStore: UnsafeMutableBufferPointer<UInt8>
  @usableFromInline let directionStore: UnsafeMutableBufferPointer<UInt8>
  @usableFromInline let rewardStore: UnsafeMutableBufferPointer<Float>
  @usableFromInline let terminatedStore: UnsafeMutableBufferPointer<Bool>
  @usableFromInline let truncatedStore: UnsafeMutableBufferPointer<Bool>
  @usableFromInline let failureStore: UnsafeMutableBufferPointer<GridGenerationError?>

  /// `count × 147` bytes: every sub-environment's view, `[x][y][channel]` as Minigrid's image.
  public var images: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(imageStore) }
  /// Every sub-environment's heading, 0...3.
  public var directions: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(directionStore) }
  /// The rewards of the latest step.
  public var rewards: UnsafeBufferPointer<Float> { UnsafeBufferPointer(rewardStore) }
  /// Whether each sub-environment terminated on the latest step.
  public var terminations: UnsafeBufferPointer<Bool> { UnsafeBufferPointer(terminatedStore) }
  /// Whether each sub-environment was truncated on the latest step.
  public var truncations: UnsafeBufferPointer<Bool> { UnsafeBufferPointer(truncatedStore) }

  /// `count` copies of `prototype`, stepped on `threads` threads.
  /// - Throws: `OptionError` when the view is not 7×7 (the batch writes 147-byte images).
  public init(_ prototype: Env, count: Int, threads: Int = 1) throws {
    guard count >= 1 else { throw OptionError("a grid batch needs at least one environment, got \(count)") }
    guard threads >= 1 else { throw OptionError("threads must be at least 1, got \(threads)") }
    guard prototype.world.viewSize == GridImage.side else {
      throw OptionError("the grid batch writes 7×7 views; agent_view_size is \(prototype.world.viewSize)")
    }
    self.count = count
    self.threads = min(threads, count)
    envs = .allocate(capacity: count)
    envs.initialize(repeating: prototype)
    imageStore = .allocate(capacity: count * GridImage.byteCount)
    imageStore.initialize(repeating: 0)
    directionStore = .allocate(capacity: count)
    directionStore.initialize(repeating: 0)
    rewardStore = .allocate(capacity: count)
    rewardStore.initialize(repeating: 0)
    terminatedStore = .allocate(capacity: count)
    terminatedStore.initialize(repeating: false)
    truncatedStore = .allocate(capacity: count)
    truncatedStore.initialize(repeating: false)
    failureStore = .allocate(capacity: count)
    failureStore.initialize(repeating: nil)
  }

  deinit {
    envs.deinitialize().deallocate()
    imageStore.deallocate()
    directionStore.deallocate()
    rewardStore.deallocate()
    terminatedStore.deallocate()
    truncatedStore.deallocate()
    failureStore.deinitialize().deallocate()
  }

  /// A copy of sub-environment `i` (for inspection and tests).
  public func environment(_ i: Int) -> Env { envs[i] }

  /// Resets every sub-environment, `i` with `seed + i` (`nil`: continue its stream).
  /// - Throws: `GridGenerationError` when a level cannot be laid out.
  public func reset(seed: UInt64?) throws {
    for i in 0..<count {
      _ = try envs[i].reset(seed: seed.map { $0 &+ UInt64(i) }, options: [:])
      writeObservation(i)
      rewardStore[i] = 0
      terminatedStore[i] = false
      truncatedStore[i] = false
    }
  }

  /// Steps sub-environment `i` with `actions[i]`, resetting those whose episode ends.
  /// - Precondition: `actions.count == count`, each in `0..<7`, and `reset` was called.
  /// - Throws: `GridGenerationError` when an autoreset cannot lay out a level.
  /// - Complexity: O(count) steps and 147-byte views, split over `threads`.
  @inlinable
  public func step(_ actions: UnsafeBufferPointer<Int32>) throws {
    precondition(actions.count == count, "expected \(count) actions, got \(actions.count)")
    if threads == 1 {
      stepRange(0..<count, actions)
    } else {
      let chunk = (count + threads - 1) / threads
      let n = count
      nonisolated(unsafe) let actions = actions
      DispatchQueue.concurrentPerform(iterations: threads) { t in
        let lo = t * chunk, hi = min(n, lo + chunk)
        if lo < hi { self.stepRange(lo..<hi, actions) }
      }
    }
    for i in 0..<count {
      if let failure = failureStore[i] {
        failureStore[i] = nil
        throw failure
      }
    }
  }

  /// `step` over an array of actions.
  public func step(_ actions: [Int32]) throws {
    try actions.withUnsafeBufferPointer { try step($0) }
  }

  @inlinable
  func stepRange(_ range: Range<Int>, _ actions: UnsafeBufferPointer<Int32>) {
    let envs = envs.baseAddress!, images = UnsafeMutableRawPointer(imageStore.baseAddress!)
    let directions = directionStore.baseAddress!
    for i in range {
      do {
        let r = try envs[i].advanceWritingView(
          Int(actions[i]), view: images + i &* GridImage.byteCount, direction: directions + i)
        rewardStore[i] = Float(r.reward)
        terminatedStore[i] = r.terminated
        truncatedStore[i] = r.truncated
      } catch {
        failureStore[i] = error
      }
    }
  }

  @inlinable @inline(__always)
  func writeObservation(_ i: Int) {
    let env = envs.baseAddress! + i
    env.pointee.world.encodeView7(into: UnsafeMutableRawPointer(imageStore.baseAddress! + i &* GridImage.byteCount))
    directionStore[i] = UInt8(truncatingIfNeeded: env.pointee.world.direction)
  }
}

extension GridBatch {
  /// Times `steps` env-steps (rounded down to whole batches) with pre-sampled random actions,
  /// as `gym bench --num-envs` reports them.
  public func benchmark(steps: Int, seed: UInt64) throws -> BenchmarkResult {
    var rng = GymRandom(seed: seed)
    let n = envs[0].actionSpace.n
    let pool = (0..<Benchmark.actionPoolSize).map { _ in Int32(Int.random(in: 0..<n, using: &rng)) }
    var batch = [Int32](repeating: 0, count: count)
    try reset(seed: seed)
    let iterations = max(1, steps / count)
    var episodes = 0
    let t0 = Stopwatch.now(), c0 = Stopwatch.processCPU()
    for it in 0..<iterations {
      let shift = (it &* 7919) & (Benchmark.actionPoolSize - 1)
      for i in 0..<count { batch[i] = pool[(i &+ shift) & (Benchmark.actionPoolSize - 1)] }
      try step(batch)
      for i in 0..<count where terminatedStore[i] || truncatedStore[i] { episodes += 1 }
    }
    let t1 = Stopwatch.now(), c1 = Stopwatch.processCPU()
    return BenchmarkResult(
      path: "grid", numEnvs: count, threads: threads, steps: iterations * count, episodes: episodes,
      seconds: t1 - t0, cpuSeconds: c1 - c0)
  }
}
