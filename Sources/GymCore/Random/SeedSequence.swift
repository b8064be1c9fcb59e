/// NumPy's `numpy.random.SeedSequence`: turns a seed into well-mixed words for seeding PCG64.
///
/// A port of the hash-and-mix algorithm NumPy took from Melissa O'Neill's `seed_seq`
/// alternative: the entropy words are hashed into a pool of `poolSize` 32-bit words, every
/// pool word is mixed into every other one, and `generateState(nWords:)` hashes the pool out
/// into as many words as a bit generator needs. For the same entropy (and spawn key) the
/// words equal NumPy's bit for bit, which is what makes `NumPyGenerator(seed:)` reproduce
/// `numpy.random.default_rng(seed)` and Gymnasium's `reset(seed:)`.
///
/// ```swift
/// let words = SeedSequence(0).generateState64(nWords: 4)
/// // == numpy.random.SeedSequence(0).generate_state(4, numpy.uint64)
/// ```
public struct SeedSequence: Sendable, Hashable {
  /// NumPy's default (and minimum) pool size, in 32-bit words.
  public static let defaultPoolSize = 4

  /// The run entropy as 32-bit words, least significant word first.
  public let entropy: [UInt32]
  /// The path of spawn indices from the root sequence (empty for a root sequence).
  public let spawnKey: [UInt32]
  /// The number of 32-bit words in the mixed pool.
  public let poolSize: Int
  /// How many children `spawn(_:)` has handed out so far.
  public private(set) var childrenSpawned: Int
  /// The mixed entropy pool that `generateState(nWords:)` draws from.
  public let pool: [UInt32]

  /// A sequence for an integer seed, as `numpy.random.SeedSequence(seed)`.
  ///
  /// The seed is split into 32-bit words least significant first (`0` gives the single word
  /// `[0]`, a seed below 2³² one word, any larger seed two), exactly as NumPy does for a
  /// Python `int`.
  /// - Parameter seed: The seed; Gymnasium's `reset(seed:)` passes it here unchanged.
  public init(_ seed: UInt64) {
    let low = UInt32(truncatingIfNeeded: seed)
    let high = UInt32(truncatingIfNeeded: seed >> 32)
    self.init(words: high == 0 ? [low] : [low, high])
  }

  /// A sequence for entropy given as 32-bit words, as `SeedSequence([w0, w1, ...])` with
  /// every `wi < 2**32`.
  ///
  /// - Parameters:
  ///   - words: The run entropy, least significant word first.
  ///   - spawnKey: Spawn indices; when non-empty, short entropy is zero-padded to `poolSize`
  ///     words first, as NumPy does since 1.19.
  ///   - poolSize: Pool size in words; at least `defaultPoolSize`.
  /// - Complexity: O(`poolSize`² + `poolSize` × entropy words).
  public init(
    words: [UInt32], spawnKey: [UInt32] = [], poolSize: Int = SeedSequence.defaultPoolSize
  ) {
    precondition(
      poolSize >= SeedSequence.defaultPoolSize,
      "The size of the entropy pool should be at least \(SeedSequence.defaultPoolSize)")
    self.entropy = words
    self.spawnKey = spawnKey
    self.poolSize = poolSize
    self.childrenSpawned = 0
    var assembled = words
    if !spawnKey.isEmpty && assembled.count < poolSize {
      assembled += Array(repeating: 0, count: poolSize - assembled.count)
    }
    assembled += spawnKey
    self.pool = SeedSequence.mixEntropy(assembled, poolSize: poolSize)
  }

  /// A sequence from 128 bits of system entropy, as `SeedSequence()` with no argument.
  public static func systemEntropy() -> SeedSequence {
    var system = SystemRandomNumberGenerator()
    return SeedSequence(words: (0..<4).map { _ in UInt32(truncatingIfNeeded: system.next()) })
  }

  /// `nWords` 32-bit words of seeding material, as `generate_state(n_words, numpy.uint32)`.
  ///
  /// The same sequence always returns the same words; asking for more words extends the
  /// shorter answer rather than changing it.
  /// - Complexity: O(`nWords`).
  public func generateState(nWords: Int) -> [UInt32] {
    precondition(nWords >= 0, "nWords must be non-negative")
    var hashConstant = Constants.initB
    var state = [UInt32]()
    state.reserveCapacity(nWords)
    for index in 0..<nWords {
      var value = pool[index % pool.count]
      value ^= hashConstant
      hashConstant &*= Constants.multB
      value &*= hashConstant
      value ^= value >> Constants.xshift
      state.append(value)
    }
    return state
  }

  /// `nWords` 64-bit words of seeding material, as `generate_state(n_words, numpy.uint64)`.
  ///
  /// Each word joins two consecutive 32-bit words, the first as the low half, which is
  /// NumPy's little-endian view on every platform.
  /// - Complexity: O(`nWords`).
  public func generateState64(nWords: Int) -> [UInt64] {
    let halves = generateState(nWords: 2 * nWords)
    return (0..<nWords).map { UInt64(halves[2 * $0]) | UInt64(halves[2 * $0 + 1]) << 32 }
  }

  /// `count` child sequences with spawn keys `spawnKey + [i]`, as `SeedSequence.spawn(n)`.
  ///
  /// Children of successive calls continue the numbering, so no two children are equal.
  public mutating func spawn(_ count: Int) -> [SeedSequence] {
    precondition(count >= 0, "count must be non-negative")
    let first = childrenSpawned
    childrenSpawned += count
    return (first..<first + count).map {
      SeedSequence(words: entropy, spawnKey: spawnKey + [UInt32($0)], poolSize: poolSize)
    }
  }

  // MARK: - Mixing

  /// The constants of NumPy's `bit_generator.pyx`.
  enum Constants {
    static let initA: UInt32 = 0x43b0_d7e5
    static let multA: UInt32 = 0x931e_8875
    static let initB: UInt32 = 0x8b51_f9dd
    static let multB: UInt32 = 0x58f3_8ded
    static let mixMultL: UInt32 = 0xca01_f9dd
    static let mixMultR: UInt32 = 0x4973_f715
    static let xshift: UInt32 = 16
  }

  /// Hashes `value` with the running multiplier `hashConstant`, which it advances.
  static func hashMix(_ value: UInt32, _ hashConstant: inout UInt32) -> UInt32 {
    var result = value ^ hashConstant
    hashConstant &*= Constants.multA
    result &*= hashConstant
    return result ^ (result >> Constants.xshift)
  }

  /// Combines two words so that each bit of both affects the result.
  static func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
    let result = Constants.mixMultL &* x &- Constants.mixMultR &* y
    return result ^ (result >> Constants.xshift)
  }

  /// The pool after mixing `entropy` into `poolSize` zeroed words (`mix_entropy`).
  static func mixEntropy(_ entropy: [UInt32], poolSize: Int) -> [UInt32] {
    var hashConstant = Constants.initA
    var pool = (0..<poolSize).map { hashMix($0 < entropy.count ? entropy[$0] : 0, &hashConstant) }
    for source in 0..<poolSize {
      for destination in 0..<poolSize where source != destination {
        pool[destination] = mix(pool[destination], hashMix(pool[source], &hashConstant))
      }
    }
    for source in poolSize..<max(poolSize, entropy.count) {
      for destination in 0..<poolSize {
        pool[destination] = mix(pool[destination], hashMix(entropy[source], &hashConstant))
      }
    }
    return pool
  }
}
