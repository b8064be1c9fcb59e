/// NumPy's default bit generator, `numpy.random.PCG64`: a 128-bit LCG with XSL-RR output.
///
/// Seeded from a `SeedSequence` the way NumPy seeds it, so `PCG64(seed: s).next()` gives the
/// same numbers as `numpy.random.PCG64(s).random_raw()`. Besides 64-bit outputs it keeps
/// NumPy's one-word buffer for 32-bit outputs: `nextUInt32()` returns the low half of a fresh
/// 64-bit output and keeps the high half for the next call. The buffer belongs to the state,
/// so it survives across the 64-bit draws in between, exactly as in NumPy (bounded integers
/// below 2³² use it; doubles and normals do not).
///
/// Conforms to `RandomNumberGenerator`, so Swift's own `Int.random(in:using:)` and
/// `shuffle(using:)` accept it; those use Swift's algorithms, not NumPy's. Use
/// `NumPyGenerator` for NumPy-compatible draws.
public struct PCG64: RandomNumberGenerator, Sendable, Hashable {
  /// The 128-bit LCG state.
  @usableFromInline var state: UInt128Parts
  /// The 128-bit LCG increment (always odd).
  @usableFromInline var increment: UInt128Parts
  /// NumPy's `has_uint32`.
  @usableFromInline var hasBuffer: Bool
  /// NumPy's `uinteger`.
  @usableFromInline var buffer: UInt32

  /// Whether the high half of the last 64-bit output is waiting to be returned as 32 bits
  /// (`has_uint32` in NumPy's state dictionary).
  public var hasBufferedUInt32: Bool { hasBuffer }
  /// The buffered high half (`uinteger` in NumPy's state dictionary), meaningful only when
  /// `hasBufferedUInt32` is true.
  public var bufferedUInt32: UInt32 { buffer }

  /// The generator for `seedSequence`, seeded with its first four 64-bit words:
  /// state `(w0 << 64) | w1`, stream `(w2 << 64) | w3`.
  public init(seedSequence: SeedSequence) {
    let words = seedSequence.generateState64(nWords: 4)
    self.init(
      initialState: UInt128Parts(high: words[0], low: words[1]),
      sequence: UInt128Parts(high: words[2], low: words[3]))
  }

  /// The generator for an integer seed, as `numpy.random.PCG64(seed)`.
  public init(seed: UInt64) {
    self.init(seedSequence: SeedSequence(seed))
  }

  /// PCG's `srandom_r`: increment `2·sequence + 1`, then two steps around adding the state.
  init(initialState: UInt128Parts, sequence: UInt128Parts) {
    state = UInt128Parts(high: 0, low: 0)
    increment = UInt128Parts(
      high: sequence.high << 1 | sequence.low >> 63, low: sequence.low << 1 | 1)
    hasBuffer = false
    buffer = 0
    step()
    state = state.adding(initialState)
    step()
  }

  /// The 128-bit state as NumPy reports it in `bit_generator.state["state"]["state"]`.
  public var stateWords: (high: UInt64, low: UInt64) { (state.high, state.low) }

  /// The 128-bit increment as NumPy reports it in `bit_generator.state["state"]["inc"]`.
  public var incrementWords: (high: UInt64, low: UInt64) { (increment.high, increment.low) }

  /// The LCG multiplier 0x2360ED051FC65DA4_4385DF649FCCF645 (PCG's default for 128 bits).
  @usableFromInline static let multiplier = UInt128Parts(
    high: 2_549_297_995_355_413_924, low: 4_865_540_595_714_422_341)

  @inlinable @inline(__always)
  mutating func step() {
    state = state.multiplied(by: PCG64.multiplier).adding(increment)
  }

  /// The next 64 random bits (`random_raw()`): one LCG step, then XSL-RR of the new state.
  @inlinable @inline(__always)
  public mutating func next() -> UInt64 {
    step()
    let folded = state.high ^ state.low
    let rotation = state.high >> 58
    return folded &>> rotation | folded &<< (64 &- rotation)
  }

  /// The next 32 random bits, as NumPy's `next_uint32`: the buffered high half if there is
  /// one, else the low half of a fresh 64-bit output whose high half is buffered.
  @inlinable @inline(__always)
  public mutating func nextUInt32() -> UInt32 {
    if hasBuffer {
      hasBuffer = false
      return buffer
    }
    let value = next()
    hasBuffer = true
    buffer = UInt32(truncatingIfNeeded: value >> 32)
    return UInt32(truncatingIfNeeded: value)
  }

  /// A uniform double in [0, 1) from the top 53 bits of `next()` (NumPy's `next_double`).
  @inlinable @inline(__always)
  public mutating func nextDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// Jumps the stream ahead by `delta` 64-bit outputs, as `PCG64.advance(delta)`.
  ///
  /// Like NumPy, it also discards a buffered 32-bit half.
  /// - Parameter delta: The number of steps, as a 128-bit count `(high, low)`.
  /// - Complexity: O(log delta).
  public mutating func advance(by delta: (high: UInt64, low: UInt64)) {
    var remaining = UInt128Parts(high: delta.high, low: delta.low)
    var multiplier = PCG64.multiplier
    var plus = increment
    var accumulatedMultiplier = UInt128Parts(high: 0, low: 1)
    var accumulatedPlus = UInt128Parts(high: 0, low: 0)
    while remaining.high != 0 || remaining.low != 0 {
      if remaining.low & 1 == 1 {
        accumulatedMultiplier = accumulatedMultiplier.multiplied(by: multiplier)
        accumulatedPlus = accumulatedPlus.multiplied(by: multiplier).adding(plus)
      }
      plus = multiplier.adding(UInt128Parts(high: 0, low: 1)).multiplied(by: plus)
      multiplier = multiplier.multiplied(by: multiplier)
      remaining = UInt128Parts(
        high: remaining.high >> 1, low: remaining.low >> 1 | remaining.high << 63)
    }
    state = accumulatedMultiplier.multiplied(by: state).adding(accumulatedPlus)
    hasBuffer = false
    buffer = 0
  }

  /// Jumps the stream ahead by `delta` 64-bit outputs (see `advance(by:)`).
  public mutating func advance(by delta: UInt64) {
    advance(by: (high: 0, low: delta))
  }
}

/// An unsigned 128-bit integer as two words, with the wrapping arithmetic PCG64 needs.
///
/// (Swift's `UInt128` needs macOS 15; the package supports macOS 14.)
@usableFromInline
struct UInt128Parts: Sendable, Hashable {
  @usableFromInline var high: UInt64
  @usableFromInline var low: UInt64

  @inlinable
  init(high: UInt64, low: UInt64) {
    self.high = high
    self.low = low
  }

  /// `self + other` modulo 2¹²⁸.
  @inlinable @inline(__always)
  func adding(_ other: UInt128Parts) -> UInt128Parts {
    let (low, carry) = self.low.addingReportingOverflow(other.low)
    return UInt128Parts(high: high &+ other.high &+ (carry ? 1 : 0), low: low)
  }

  /// `self × other` modulo 2¹²⁸.
  @inlinable @inline(__always)
  func multiplied(by other: UInt128Parts) -> UInt128Parts {
    let product = low.multipliedFullWidth(by: other.low)
    return UInt128Parts(
      high: product.high &+ high &* other.low &+ low &* other.high, low: product.low)
  }
}
