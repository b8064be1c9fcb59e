/// NumPy's `numpy.random.Generator` over `PCG64`, reproducing its draws bit for bit.
///
/// Gymnasium's `reset(seed: s)` builds `Generator(PCG64(SeedSequence(s)))`; an environment
/// ported to Swift that draws from `NumPyGenerator(seed: s)` with the same calls in the same
/// order gets the same initial states, layouts and samples as the Python original. Every
/// method follows NumPy's algorithm (NumPy 2.x, `numpy/random/_generator.pyx` and
/// `src/distributions/distributions.c`) including the bits it consumes, so mixed sequences of
/// calls stay in step too:
///
/// | Swift | NumPy |
/// |---|---|
/// | `random()` | `random()` |
/// | `randomFloat()` | `random(dtype=np.float32)` |
/// | `uniform(low:high:)` | `uniform(low, high)` |
/// | `integers(low:high:endpoint:)`, `integers(_:)` | `integers(low, high, endpoint=)` (int64) |
/// | `standardNormal()`, `normal(loc:scale:)` | `standard_normal()`, `normal(loc, scale)` |
/// | `standardExponential()`, `exponential(scale:)` | `standard_exponential()`, `exponential()` |
/// | `choice(_:…)`, `shuffle(_:)`, `permutation(_:)` | `choice`, `shuffle`, `permutation` |
///
/// Each method with a `count:` parameter equals NumPy's `size=count` form, which equals
/// `count` scalar calls in a row.
///
/// ```swift
/// var rng = NumPyGenerator(seed: 0)
/// let cartPoleState = rng.uniform(low: -0.05, high: 0.05, count: 4)
/// // == numpy.random.default_rng(0).uniform(-0.05, 0.05, size=4)
/// ```
///
/// Integers are Swift `Int`, which is NumPy's `int64` on the 64-bit platforms SwiftGym
/// supports. Invalid arguments (`low >= high`, a negative scale, probabilities that do not
/// sum to 1) are programmer errors and stop with a precondition failure, where NumPy raises
/// `ValueError`.
public struct NumPyGenerator: Sendable, Hashable {
  /// The bit generator, as `Generator.bit_generator`; its state includes the 32-bit buffer.
  public var bitGenerator: PCG64

  /// The generator `numpy.random.default_rng(seed)` (and Gymnasium's `reset(seed:)`) makes.
  public init(seed: UInt64) {
    self.init(bitGenerator: PCG64(seed: seed))
  }

  /// The generator for a seed sequence, as `Generator(PCG64(seedSequence))`.
  public init(seedSequence: SeedSequence) {
    self.init(bitGenerator: PCG64(seedSequence: seedSequence))
  }

  /// A generator drawing from `bitGenerator` in its current state.
  public init(bitGenerator: PCG64) {
    self.bitGenerator = bitGenerator
  }

  /// A generator seeded from 128 bits of system entropy (for unseeded resets).
  public static func entropy() -> NumPyGenerator {
    NumPyGenerator(seedSequence: .systemEntropy())
  }

  // MARK: - Floating point

  /// A uniform `Double` in [0, 1) with 53 random bits, as `random()`.
  ///
  /// Consumes one 64-bit output: `Double(next >> 11) × 2⁻⁵³`.
  @inlinable
  public mutating func random() -> Double {
    bitGenerator.nextDouble()
  }

  /// `count` uniform doubles in [0, 1), as `random(count)`.
  /// - Complexity: O(`count`).
  public mutating func random(count: Int) -> [Double] {
    (0..<count).map { _ in random() }
  }

  /// A uniform `Float` in [0, 1) with 24 random bits, as `random(dtype=np.float32)`.
  ///
  /// Consumes 32 bits through the bit generator's 32-bit buffer.
  @inlinable
  public mutating func randomFloat() -> Float {
    Float(bitGenerator.nextUInt32() >> 8) * 0x1.0p-24
  }

  /// A uniform `Double` in [`low`, `high`), as `uniform(low, high)`:
  /// `low + (high - low) × random()`.
  ///
  /// - Precondition: `high - low` is finite and not negative (NumPy raises otherwise).
  @inlinable
  public mutating func uniform(low: Double = 0, high: Double = 1) -> Double {
    let range = high - low
    NumPyGenerator.checkUniformRange(range)
    return low + range * bitGenerator.nextDouble()
  }

  /// `count` uniform doubles in [`low`, `high`), as `uniform(low, high, size=count)`.
  /// - Complexity: O(`count`).
  public mutating func uniform(low: Double, high: Double, count: Int) -> [Double] {
    let range = high - low
    NumPyGenerator.checkUniformRange(range)
    return (0..<count).map { _ in low + range * bitGenerator.nextDouble() }
  }

  /// One uniform double per pair of bounds, as `uniform(low_array, high_array)`
  /// (how Gymnasium's `Box.sample` draws its bounded dimensions).
  /// - Precondition: `low` and `high` have equal counts; every range is finite and not
  ///   negative.
  /// - Complexity: O(`low.count`).
  public mutating func uniform(low: [Double], high: [Double]) -> [Double] {
    precondition(low.count == high.count, "uniform: low and high must have the same count")
    let ranges = zip(low, high).map { $1 - $0 }
    ranges.forEach(NumPyGenerator.checkUniformRange)
    return zip(low, ranges).map { $0 + $1 * bitGenerator.nextDouble() }
  }

  @usableFromInline
  static func checkUniformRange(_ range: Double) {
    precondition(range.isFinite, "uniform: high - low range exceeds valid bounds")
    precondition(range >= 0, "uniform: high - low < 0")
  }

  // MARK: - Integers

  /// A uniform integer in [0, `high`), as `integers(high)`.
  /// - Precondition: `high > 0`.
  @inlinable
  public mutating func integers(_ high: Int) -> Int {
    integers(low: 0, high: high)
  }

  /// A uniform integer in [`low`, `high`), or [`low`, `high`] when `endpoint` is true, as
  /// `integers(low, high, endpoint=endpoint)` with NumPy's default `int64` dtype.
  ///
  /// NumPy's algorithm: with `range = high - low` (minus one unless `endpoint`), a zero range
  /// returns `low` without drawing; a range below 2³² uses Lemire's multiply-shift on 32-bit
  /// draws taken through the bit generator's 32-bit buffer (so two consecutive small draws
  /// usually share one 64-bit output); a wider range uses Lemire's method on 64-bit draws;
  /// ranges of exactly 2³² − 1 and 2⁶⁴ − 1 take one raw draw.
  /// - Precondition: `low < high`, or `low <= high` when `endpoint` is true.
  @inlinable
  public mutating func integers(low: Int, high: Int, endpoint: Bool = false) -> Int {
    let range = NumPyGenerator.closedRange(low: low, high: high, endpoint: endpoint)
    return Int(Int64(bitPattern: UInt64(bitPattern: Int64(low)) &+ boundedUInt64(range: range)))
  }

  /// `count` uniform integers in [`low`, `high`) (or [`low`, `high`] with `endpoint`), as
  /// `integers(low, high, size=count, endpoint=endpoint)`.
  /// - Precondition: `low < high`, or `low <= high` when `endpoint` is true.
  /// - Complexity: O(`count`) expected.
  public mutating func integers(low: Int, high: Int, count: Int, endpoint: Bool = false) -> [Int] {
    let range = NumPyGenerator.closedRange(low: low, high: high, endpoint: endpoint)
    let offset = UInt64(bitPattern: Int64(low))
    return (0..<count).map { _ in
      Int(Int64(bitPattern: offset &+ boundedUInt64(range: range)))
    }
  }

  /// `high - low` for the closed interval, as an unsigned 64-bit count.
  @usableFromInline
  static func closedRange(low: Int, high: Int, endpoint: Bool) -> UInt64 {
    if endpoint {
      precondition(low <= high, "integers: low (\(low)) > high (\(high))")
      return UInt64(bitPattern: Int64(high &- low))
    }
    precondition(low < high, "integers: low (\(low)) >= high (\(high))")
    return UInt64(bitPattern: Int64(high &- 1 &- low))
  }

  /// A uniform value in [0, `range`] (inclusive), as NumPy's `random_bounded_uint64` with
  /// Lemire's method (`use_masked = false`).
  @inlinable
  mutating func boundedUInt64(range: UInt64) -> UInt64 {
    if range == 0 { return 0 }
    if range <= 0xFFFF_FFFF {
      if range == 0xFFFF_FFFF { return UInt64(bitGenerator.nextUInt32()) }
      return UInt64(boundedLemire32(range: UInt32(range)))
    }
    if range == .max { return bitGenerator.next() }
    return boundedLemire64(range: range)
  }

  /// Lemire's unbiased multiply-shift on buffered 32-bit draws, for `range < 2³² − 1`.
  @inlinable
  mutating func boundedLemire32(range: UInt32) -> UInt32 {
    let exclusive = range &+ 1
    var product = UInt64(bitGenerator.nextUInt32()) &* UInt64(exclusive)
    var leftover = UInt32(truncatingIfNeeded: product)
    if leftover < exclusive {
      let threshold = (UInt32.max &- range) % exclusive
      while leftover < threshold {
        product = UInt64(bitGenerator.nextUInt32()) &* UInt64(exclusive)
        leftover = UInt32(truncatingIfNeeded: product)
      }
    }
    return UInt32(truncatingIfNeeded: product >> 32)
  }

  /// Lemire's unbiased multiply-shift on 64-bit draws, for `2³² ≤ range < 2⁶⁴ − 1`.
  @inlinable
  mutating func boundedLemire64(range: UInt64) -> UInt64 {
    let exclusive = range &+ 1
    var product = bitGenerator.next().multipliedFullWidth(by: exclusive)
    if product.low < exclusive {
      let threshold = (UInt64.max &- range) % exclusive
      while product.low < threshold {
        product = bitGenerator.next().multipliedFullWidth(by: exclusive)
      }
    }
    return product.high
  }

  /// A uniform value in [0, `max`] by masked rejection, as NumPy's `random_interval` (the
  /// draw behind `shuffle` and `permutation`): 32-bit draws through the buffer when `max`
  /// fits in 32 bits, 64-bit draws otherwise.
  @usableFromInline
  mutating func interval(max: UInt64) -> UInt64 {
    if max == 0 { return 0 }
    var mask = max
    mask |= mask >> 1
    mask |= mask >> 2
    mask |= mask >> 4
    mask |= mask >> 8
    mask |= mask >> 16
    mask |= mask >> 32
    if max <= 0xFFFF_FFFF {
      while true {
        let value = UInt64(bitGenerator.nextUInt32()) & mask
        if value <= max { return value }
      }
    }
    while true {
      let value = bitGenerator.next() & mask
      if value <= max { return value }
    }
  }
}
