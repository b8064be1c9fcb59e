import Dispatch

/// `count` copies of an environment stepped together, with structure-of-arrays buffers:
/// Gymnasium's `SyncVectorEnv` (`threads: 1`) and, with `threads > 1`, a threaded variant
/// for expensive environments that steps slices of the batch on worker threads.
///
/// Observations are written flat into one contiguous `count × observationDimension` buffer;
/// rewards, terminations and truncations into arrays of `count`. Reset with seed `s` seeds
/// sub-environment `i` with `s + i`. Results are identical at any thread count, because each
/// sub-environment owns its state and generator.
public final class VectorEnvironment<Env: Environment>: @unchecked Sendable {
  // @unchecked: the buffers are written by worker threads only during `step`/`reset`, each
  // thread touching a disjoint range of sub-environments; the caller must not share the
  // object across threads while a call is in progress.

  /// The number of sub-environments.
  public let count: Int
  /// The length of one flat observation.
  public let observationDimension: Int
  /// The autoreset behaviour.
  public let autoresetMode: AutoresetMode
  /// Worker threads used by `step` and `reset`.
  public let threads: Int
  /// A sub-environment's observation space.
  public let singleObservationSpace: Env.ObservationSpace
  /// A sub-environment's action space.
  public let singleActionSpace: Env.ActionSpace

  // Storage: allocated once, owned by this object, each index written by one thread only.
  @usableFromInline let envStore: UnsafeMutableBufferPointer<Env>
  @usableFromInline let obsStore: UnsafeMutableBufferPointer<Float>
  @usableFromInline let finalObsStore: UnsafeMutableBufferPointer<Float>
  @usableFromInline let rewardStore: UnsafeMutableBufferPointer<Env.Reward>
  @usableFromInline let terminatedStore: UnsafeMutableBufferPointer<Bool>
  @usableFromInline let truncatedStore: UnsafeMutableBufferPointer<Bool>
  @usableFromInline let infoStore: UnsafeMutableBufferPointer<Info>
  @usableFromInline let finalInfoStore: UnsafeMutableBufferPointer<Info>
  @usableFromInline let hasFinalStore: UnsafeMutableBufferPointer<Bool>
  @usableFromInline let wasResetStore: UnsafeMutableBufferPointer<Bool>
  @usableFromInline let needsResetStore: UnsafeMutableBufferPointer<Bool>

  /// The sub-environments (valid while this object lives; do not step them directly).
  public var envs: UnsafeMutableBufferPointer<Env> { envStore }
  /// `count × observationDimension` floats: the latest observation of every sub-environment.
  /// The buffer is reused: it stays valid while this object lives and changes on every call.
  public var observations: UnsafeBufferPointer<Float> { UnsafeBufferPointer(obsStore) }
  /// The latest rewards.
  public var rewards: UnsafeBufferPointer<Env.Reward> { UnsafeBufferPointer(rewardStore) }
  /// Whether each sub-environment terminated on the latest step.
  public var terminations: UnsafeBufferPointer<Bool> { UnsafeBufferPointer(terminatedStore) }
  /// Whether each sub-environment was truncated on the latest step.
  public var truncations: UnsafeBufferPointer<Bool> { UnsafeBufferPointer(truncatedStore) }
  /// The latest info of each sub-environment.
  public var infos: UnsafeBufferPointer<Info> { UnsafeBufferPointer(infoStore) }
  /// Same-step mode: the final observations of sub-environments that ended on the latest step.
  public var finalObservations: UnsafeBufferPointer<Float> { UnsafeBufferPointer(finalObsStore) }
  /// Same-step mode: which entries of `finalObservations` / `finalInfos` are valid.
  public var hasFinalObservation: UnsafeBufferPointer<Bool> { UnsafeBufferPointer(hasFinalStore) }
  /// Same-step mode: the final info of sub-environments that ended on the latest step.
  public var finalInfos: UnsafeBufferPointer<Info> { UnsafeBufferPointer(finalInfoStore) }
  /// Next-step mode: which sub-environments were reset (not stepped) on the latest step;
  /// their transition must not be learned from.
  public var wasReset: UnsafeBufferPointer<Bool> { UnsafeBufferPointer(wasResetStore) }
  /// Which sub-environments have ended and await a reset.
  public var needsReset: UnsafeBufferPointer<Bool> { UnsafeBufferPointer(needsResetStore) }

  /// Creates `count` sub-environments with `make(i)`.
  /// - Parameters:
  ///   - count: number of sub-environments (≥ 1).
  ///   - autoresetMode: defaults to `.nextStep`, as Gymnasium.
  ///   - threads: worker threads (1 = synchronous).
  ///   - make: builds sub-environment `i`.
  public init(count: Int, autoresetMode: AutoresetMode = .nextStep, threads: Int = 1, make: (Int) throws -> Env) rethrows {
    precondition(count >= 1, "a vector environment needs at least one sub-environment")
    precondition(threads >= 1, "threads must be at least 1")
    var envs: [Env] = []
    envs.reserveCapacity(count)
    for i in 0..<count { envs.append(try make(i)) }
    self.count = count
    self.autoresetMode = autoresetMode
    self.threads = min(threads, count)
    singleObservationSpace = envs[0].observationSpace
    singleActionSpace = envs[0].actionSpace
    let d = envs[0].observationSpace.flatDimension
    observationDimension = d
    func buffer<T>(_ value: T, _ n: Int) -> UnsafeMutableBufferPointer<T> {
      let b = UnsafeMutableBufferPointer<T>.allocate(capacity: n)
      b.initialize(repeating: value)
      return b
    }
    envStore = .allocate(capacity: count)
    _ = envStore.initialize(from: envs)
    obsStore = buffer(0, count * d)
    finalObsStore = buffer(0, count * d)
    rewardStore = buffer(.zero, count)
    terminatedStore = buffer(false, count)
    truncatedStore = buffer(false, count)
    infoStore = buffer([:], count)
    finalInfoStore = buffer([:], count)
    hasFinalStore = buffer(false, count)
    wasResetStore = buffer(false, count)
    needsResetStore = buffer(false, count)
  }

  deinit {
    for b in [terminatedStore, truncatedStore, hasFinalStore, wasResetStore, needsResetStore] {
      b.deallocate()
    }
    envStore.deinitialize().deallocate()
    obsStore.deallocate()
    finalObsStore.deallocate()
    rewardStore.deinitialize().deallocate()
    infoStore.deinitialize().deallocate()
    finalInfoStore.deinitialize().deallocate()
  }

  /// The flat observation of sub-environment `i` (a copy).
  public func observation(_ i: Int) -> [Float] {
    Array(obsStore[i * observationDimension..<(i + 1) * observationDimension])
  }

  /// Resets every sub-environment; with a seed, sub-environment `i` gets `seed + i`.
  public func reset(seed: UInt64? = nil, options: Options = [:]) throws {
    try reset(seeds: (0..<count).map { i in seed.map { $0 &+ UInt64(i) } }, options: options)
  }

  /// Resets every sub-environment with its own seed (`nil`: continue its stream).
  public func reset(seeds: [UInt64?], options: Options = [:]) throws {
    precondition(seeds.count == count, "give one seed per sub-environment")
    for i in 0..<count { try resetOne(i, seed: seeds[i], options: options) }
  }

  /// Resets only the sub-environments where `mask` is true (Gymnasium's `reset_mask`).
  public func reset(mask: [Bool], seed: UInt64? = nil, options: Options = [:]) throws {
    precondition(mask.count == count && mask.contains(true), "reset mask needs one entry per sub-environment, at least one true")
    for i in 0..<count where mask[i] { try resetOne(i, seed: seed.map { $0 &+ UInt64(i) }, options: options) }
  }

  private func resetOne(_ i: Int, seed: UInt64?, options: Options) throws {
    let (obs, info) = try envStore[i].reset(seed: seed, options: options)
    singleObservationSpace.flatten(obs, into: slot(obsStore, i))
    infoStore[i] = info
    rewardStore[i] = .zero
    terminatedStore[i] = false
    truncatedStore[i] = false
    needsResetStore[i] = false
    hasFinalStore[i] = false
    wasResetStore[i] = false
  }

  @inlinable @inline(__always)
  func slot(_ b: UnsafeMutableBufferPointer<Float>, _ i: Int) -> UnsafeMutableBufferPointer<Float> {
    UnsafeMutableBufferPointer(rebasing: b[i * observationDimension..<(i + 1) * observationDimension])
  }

  /// Steps every sub-environment with its action (autoresetting as `autoresetMode` says).
  /// - Precondition: `actions.count == count`; in `.disabled` mode no sub-environment has ended.
  @inlinable
  public func step(_ actions: [Env.Action]) {
    precondition(actions.count == count, "expected \(count) actions, got \(actions.count)")
    if threads == 1 {
      stepRange(0..<count, actions)
    } else {
      let chunk = (count + threads - 1) / threads
      let n = count
      // The shard body is formed outside the `@Sendable` closure, which then sees only a
      // `(Int) -> Void`: sending it needs no `SendableMetatype` constraint on `Env` (threads
      // touch disjoint sub-environments).
      let shard: (Int) -> Void = { t in
        let lo = t * chunk, hi = min(n, lo + chunk)
        if lo < hi { self.stepRange(lo..<hi, actions) }
      }
      nonisolated(unsafe) let work = shard
      DispatchQueue.concurrentPerform(iterations: threads) { t in work(t) }
    }
  }

  @inlinable
  func stepRange(_ range: Range<Int>, _ actions: [Env.Action]) {
    for i in range {
      if autoresetMode == .nextStep && needsResetStore[i] {
        let (obs, info) = Self.autoreset(&envStore[i])
        singleObservationSpace.flatten(obs, into: slot(obsStore, i))
        rewardStore[i] = .zero
        terminatedStore[i] = false
        truncatedStore[i] = false
        needsResetStore[i] = false
        wasResetStore[i] = true
        infoStore[i] = info
        continue
      }
      precondition(!needsResetStore[i], "sub-environment \(i) has ended; autoreset is disabled, so reset it with reset(mask:)")
      let r = envStore[i].step(actions[i])
      rewardStore[i] = r.reward
      terminatedStore[i] = r.terminated
      truncatedStore[i] = r.truncated
      wasResetStore[i] = false
      hasFinalStore[i] = false
      let done = r.terminated || r.truncated
      if done && autoresetMode == .sameStep {
        singleObservationSpace.flatten(r.observation, into: slot(finalObsStore, i))
        finalInfoStore[i] = r.info
        hasFinalStore[i] = true
        let (obs, info) = Self.autoreset(&envStore[i])
        singleObservationSpace.flatten(obs, into: slot(obsStore, i))
        infoStore[i] = info
      } else {
        singleObservationSpace.flatten(r.observation, into: slot(obsStore, i))
        if !r.info.isEmpty || !infoStore[i].isEmpty { infoStore[i] = r.info }
        needsResetStore[i] = done
      }
    }
  }

  @inlinable
  static func autoreset(_ env: inout Env) -> ResetResult<Env.Observation> {
    do { return try env.reset(seed: nil, options: [:]) } catch {
      preconditionFailure("autoreset failed: \(error)")
    }
  }
}

/// Gymnasium's name for the synchronous vector environment.
public typealias SyncVectorEnvironment<Env: Environment> = VectorEnvironment<Env>
