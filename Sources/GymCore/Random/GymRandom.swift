import RealModule

/// SwiftGym's own pseudo-random generator: xoshiro256** seeded through SplitMix64.
///
/// Small (32 bytes), fast (about 1 ns per draw) and of good statistical quality. Every random
/// source in SwiftGym is one of these, or NumPy's PCG64 where an environment must reproduce
/// Gymnasium's layouts seed for seed (see `NumPyGenerator`).
///
/// Sub-streams: `derive(_:)` returns an independent generator for a stream id, so that a
/// runner can give env *i*, worker *k* or evaluation *j* its own stream whose numbers do not
/// depend on how many other streams exist or in which order they are used.
public struct GymRandom: RandomNumberGenerator, Sendable, Hashable {
  @usableFromInline var s0, s1, s2, s3: UInt64
  /// The seed this generator was created from.
  public let seed: UInt64

  /// A generator for `seed`. Equal seeds give equal streams on every platform.
  @inlinable
  public init(seed: UInt64) {
    self.seed = seed
    var sm = seed
    s0 = GymRandom.splitMix(&sm)
    s1 = GymRandom.splitMix(&sm)
    s2 = GymRandom.splitMix(&sm)
    s3 = GymRandom.splitMix(&sm)
  }

  /// A generator seeded from the system's entropy source (for unseeded resets).
  public static func entropy() -> GymRandom {
    var system = SystemRandomNumberGenerator()
    return GymRandom(seed: system.next())
  }

  /// SplitMix64: advances `state` and returns the next 64 well-mixed bits (how xoshiro256**
  /// streams are seeded from one word).
  @inlinable @inline(__always)
  public static func splitMix(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The next 64 random bits.
  @inlinable @inline(__always)
  public mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << 45) | (s3 >> 19)
    return result
  }

  /// An independent generator for sub-stream `stream` of this generator's seed.
  ///
  /// Depends only on (`seed`, `stream`), not on how many numbers were drawn before.
  @inlinable
  public func derive(_ stream: UInt64) -> GymRandom {
    var h = seed ^ 0x5851_F42D_4C95_7F2D
    _ = GymRandom.splitMix(&h)
    h ^= stream &* 0xD1B5_4A32_D192_ED03
    return GymRandom(seed: GymRandom.splitMix(&h))
  }

  /// A uniform `Double` in [0, 1) with 53 random bits.
  @inlinable @inline(__always)
  public mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// A uniform `Float` in [0, 1) with 24 random bits.
  @inlinable @inline(__always)
  public mutating func nextFloat() -> Float { Float(next() >> 40) * 0x1.0p-24 }

  /// A uniform `Double` in [low, high).
  @inlinable @inline(__always)
  public mutating func uniform(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * nextDouble()
  }

  /// A uniform integer in 0..<bound (Lemire's unbiased multiply-shift).
  /// - Precondition: `bound > 0`.
  @inlinable @inline(__always)
  public mutating func int(below bound: Int) -> Int {
    precondition(bound > 0, "bound must be positive")
    let b = UInt64(bound)
    var m = next().multipliedFullWidth(by: b)
    if m.low < b {
      let threshold = (0 &- b) % b
      while m.low < threshold { m = next().multipliedFullWidth(by: b) }
    }
    return Int(m.high)
  }

  /// A standard normal sample (Box–Muller, one value per call).
  @inlinable
  public mutating func normal() -> Double {
    var u1 = nextDouble()
    while u1 == 0 { u1 = nextDouble() }
    let u2 = nextDouble()
    return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * Double.pi * u2)
  }

  /// An exponential sample with rate 1.
  @inlinable
  public mutating func exponential() -> Double {
    var u = nextDouble()
    while u == 0 { u = nextDouble() }
    return -Double.log(u)
  }
}
