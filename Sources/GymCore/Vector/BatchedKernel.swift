/// A structure-of-arrays implementation of many copies of one environment: the part of a
/// batched vector environment that knows the dynamics (Gymnasium's `vector_entry_point`,
/// PufferLib's C vector environments).
///
/// A kernel owns the lanes' state (one contiguous array per state variable) and their random
/// generators; `BatchedVectorEnvironment` owns the outputs, the episode counters, the threads
/// and the autoreset logic. `step(lanes:actions:buffers:)` advances a contiguous range of lanes
/// — several threads call it on disjoint ranges at once — writing observations, rewards and
/// terminations, and finishing each chunk of `chunkWidth` lanes with
/// `BatchBuffers.finishChunk(_:base:limit:terminated:)`, which counts steps, truncates, and
/// resets the lanes whose episodes ended.
///
/// Lanes are independent: every lane has its own generator, seeded with `seed + lane` by
/// `reset(seed:)`, so results do not depend on how lanes are split among threads.
///
/// Kernels step lanes in chunks of `BatchBuffers.chunkWidth` (8): one `SIMD8<Float>` per state
/// variable, so the compiler can use the machine's vector registers.
public protocol BatchedKernel: AnyObject, Sendable {
  /// One lane's action: an `Int32` index for `Discrete` spaces, a `Float` for a 1-D `Box`.
  associatedtype Action: BitwiseCopyable & Sendable
  /// One lane's observation space.
  associatedtype ObservationSpace: Space
  /// One lane's action space.
  associatedtype ActionSpace: Space

  /// Floats per observation.
  static var observationDimension: Int { get }

  /// Lanes with storage: a multiple of `BatchBuffers.chunkWidth`, at least the vector's count.
  var capacity: Int { get }
  /// One lane's observation space.
  var singleObservationSpace: ObservationSpace { get }
  /// One lane's action space.
  var singleActionSpace: ActionSpace { get }

  /// Converts an action of the single environment into a lane action.
  static func laneAction(_ action: ActionSpace.Element) -> Action

  /// Validates reset options (`low`/`high` and the like) and keeps them for later resets.
  /// - Throws: `OptionError` naming the option.
  func configureReset(options: Options) throws
  /// Reseeds lane `lane`'s generator.
  func seed(lane: Int, seed: UInt64)
  /// Draws a new start state for `lane` with the configured options.
  func resetLane(_ lane: Int)
  /// Writes `lane`'s observation to `out[0 ..< observationDimension]`.
  func writeObservation(lane: Int, into out: UnsafeMutablePointer<Float>)
  /// Steps the lanes in `lanes` and finishes every chunk.
  /// - Parameters:
  ///   - lanes: `lowerBound` is a multiple of `BatchBuffers.chunkWidth`; `upperBound` may cut
  ///     the last chunk (the lanes past it are padding: step them or not, their outputs are
  ///     ignored).
  ///   - actions: the actions of `lanes`, `actions[0]` for `lanes.lowerBound`.
  ///   - buffers: the vector's outputs.
  /// - Returns: the episodes that ended in these lanes.
  func step(lanes: Range<Int>, actions: UnsafePointer<Action>, buffers: BatchBuffers) -> Int
}

/// The outputs and bookkeeping arrays a kernel writes, one entry (or observation row) per lane;
/// all sized to the kernel's `capacity` and aligned to 64 bytes.
public struct BatchBuffers: @unchecked Sendable {
  // @unchecked: raw pointers into storage owned by `BatchedVectorEnvironment`; concurrent
  // callers touch disjoint lane ranges.

  /// Row-major observations, `capacity × dimension`.
  public let observations: UnsafeMutablePointer<Float>
  /// Rewards of the latest step, in double precision as the single environments return them.
  public let rewards: UnsafeMutablePointer<Double>
  /// Whether each lane terminated on the latest step.
  public let terminations: UnsafeMutablePointer<Bool>
  /// Whether each lane was truncated on the latest step.
  public let truncations: UnsafeMutablePointer<Bool>
  /// Steps since each lane's reset.
  public let elapsed: UnsafeMutablePointer<Int32>
  /// Next-step mode: lanes that ended and are reset by the next step.
  public let pending: UnsafeMutablePointer<Bool>
  /// Next-step mode: lanes that were reset (not stepped) by the latest step.
  public let wasReset: UnsafeMutablePointer<Bool>
  /// Same-step mode: final observations of lanes that ended on the latest step.
  public let finalObservations: UnsafeMutablePointer<Float>
  /// Same-step mode: which rows of `finalObservations` are valid.
  public let hasFinalObservation: UnsafeMutablePointer<Bool>
  /// Floats per observation.
  public let dimension: Int
  /// The time limit (`Int32.max`: none).
  public let maxEpisodeSteps: Int32
  /// How ended lanes are reset.
  public let autoresetMode: AutoresetMode

  /// Buffers over existing storage (used by `BatchedVectorEnvironment`).
  public init(
    observations: UnsafeMutablePointer<Float>, rewards: UnsafeMutablePointer<Double>,
    terminations: UnsafeMutablePointer<Bool>, truncations: UnsafeMutablePointer<Bool>,
    elapsed: UnsafeMutablePointer<Int32>, pending: UnsafeMutablePointer<Bool>,
    wasReset: UnsafeMutablePointer<Bool>, finalObservations: UnsafeMutablePointer<Float>,
    hasFinalObservation: UnsafeMutablePointer<Bool>, dimension: Int, maxEpisodeSteps: Int32,
    autoresetMode: AutoresetMode
  ) {
    self.observations = observations
    self.rewards = rewards
    self.terminations = terminations
    self.truncations = truncations
    self.elapsed = elapsed
    self.pending = pending
    self.wasReset = wasReset
    self.finalObservations = finalObservations
    self.hasFinalObservation = hasFinalObservation
    self.dimension = dimension
    self.maxEpisodeSteps = maxEpisodeSteps
    self.autoresetMode = autoresetMode
  }

  /// Lanes per chunk: kernels step and finish eight lanes at a time.
  public static let chunkWidth = 8

  /// Finishes a chunk of eight lanes after the kernel wrote their observations, rewards and
  /// `terminated`: stores the flags, counts steps, truncates at the time limit, and resets
  /// lanes as `autoresetMode` says (next step: lanes that ended on the previous step are reset
  /// now, with reward 0 and both flags false; same step: lanes that end now are reset now and
  /// their final observation saved).
  /// - Parameters:
  ///   - kernel: resets lanes and writes their observations.
  ///   - base: the chunk's first lane.
  ///   - limit: one past the last lane to finish (lanes from `limit` on are padding).
  ///   - terminated: one byte per lane, 0 or 1.
  /// - Returns: the episodes that ended in the chunk.
  @inlinable @inline(__always)
  public func finishChunk<K: BatchedKernel>(_ kernel: K, base: Int, limit: Int, terminated: UInt64) -> Int {
    var elapsedSteps = UnsafeRawPointer(elapsed + base).loadUnaligned(as: SIMD8<Int32>.self)
    elapsedSteps &+= 1
    // elapsed ≥ limit ⇔ limit − 1 − elapsed < 0 (no overflow: elapsed ≤ limit); the sign bit,
    // not a `SIMDMask`, which the compiler tends to split into one lane at a time.
    let truncatedBits = SIMD8<UInt32>(truncatingIfNeeded: (SIMD8(repeating: maxEpisodeSteps &- 1) &- elapsedSteps)) &>> 31
    let truncatedBytes = LaneMath.laneBytes(truncatedBits)
    var terminatedBytes = terminated
    var truncated = truncatedBytes
    var done = terminatedBytes | truncated
    let width = Swift.min(8, limit - base)
    if width < 8 { done &= (1 << (UInt64(width) * 8)) &- 1 }
    var finished = done.nonzeroBitCount
    switch autoresetMode {
    case .nextStep:
      let before = UnsafeRawPointer(pending + base).loadUnaligned(as: UInt64.self)
      if before != 0 {
        for lane in 0..<width where (before >> (UInt64(lane) * 8)) & 1 != 0 {
          let i = base + lane
          kernel.resetLane(i)
          kernel.writeObservation(lane: i, into: observations + i * dimension)
          rewards[i] = 0
          elapsedSteps[lane] = 0
        }
        let keep = ~(before &* 0xFF)
        terminatedBytes &= keep
        truncated &= keep
        finished -= (done & before).nonzeroBitCount
        done &= keep
      }
      UnsafeMutableRawPointer(wasReset + base).storeBytes(of: before, as: UInt64.self)
      UnsafeMutableRawPointer(pending + base).storeBytes(of: done, as: UInt64.self)
    case .sameStep:
      if done != 0 {
        for lane in 0..<width where (done >> (UInt64(lane) * 8)) & 1 != 0 {
          let i = base + lane
          let row = observations + i * dimension
          (finalObservations + i * dimension).update(from: row, count: dimension)
          kernel.resetLane(i)
          kernel.writeObservation(lane: i, into: row)
          elapsedSteps[lane] = 0
        }
      }
      UnsafeMutableRawPointer(hasFinalObservation + base).storeBytes(of: done, as: UInt64.self)
    case .disabled:
      let before = UnsafeRawPointer(pending + base).loadUnaligned(as: UInt64.self)
      precondition(before == 0, "a lane has ended and autoreset is disabled: reset it with reset(mask:)")
      UnsafeMutableRawPointer(pending + base).storeBytes(of: done, as: UInt64.self)
    }
    UnsafeMutableRawPointer(elapsed + base).storeBytes(of: elapsedSteps, as: SIMD8<Int32>.self)
    UnsafeMutableRawPointer(terminations + base).storeBytes(of: terminatedBytes, as: UInt64.self)
    UnsafeMutableRawPointer(truncations + base).storeBytes(of: truncated, as: UInt64.self)
    return finished
  }
}

/// Aligned arrays for a kernel's lanes, freed together when the storage is released.
public final class BatchStorage: @unchecked Sendable {
  // @unchecked: only hands out pointers; the kernel that owns it manages access.
  private var blocks: [UnsafeMutableRawPointer] = []

  /// Empty storage.
  public init() {}

  deinit {
    for block in blocks { block.deallocate() }
  }

  /// A new array of `count` copies of `value`, aligned to 64 bytes.
  public func array<T>(_ count: Int, _ value: T) -> UnsafeMutablePointer<T> {
    let raw = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(64, count * MemoryLayout<T>.stride), alignment: Swift.max(64, MemoryLayout<T>.alignment))
    blocks.append(raw)
    let p = raw.bindMemory(to: T.self, capacity: count)
    p.initialize(repeating: value, count: count)
    return p
  }

  /// Lanes of storage for `count` sub-environments: rounded up to a whole chunk.
  public static func capacity(for count: Int) -> Int {
    (Swift.max(1, count) + BatchBuffers.chunkWidth - 1) / BatchBuffers.chunkWidth * BatchBuffers.chunkWidth
  }
}

extension NumPyGenerator {
  /// `count` generators for a kernel's lanes, seeded from system entropy (one random base seed
  /// `s`, lane `i` seeded with `s + i`); `BatchedVectorEnvironment.reset(seed:)` reseeds them.
  public static func lanes(_ count: Int, in storage: BatchStorage) -> UnsafeMutablePointer<NumPyGenerator> {
    var system = SystemRandomNumberGenerator()
    let base = system.next() >> 1
    let generators = storage.array(count, NumPyGenerator(seed: base))
    for i in 1..<Swift.max(1, count) { generators[i] = NumPyGenerator(seed: base &+ UInt64(i)) }
    return generators
  }
}
