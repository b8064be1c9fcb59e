/// The integers `start ..< start + n`: Gymnasium's `Discrete(n, start=0)`.
///
/// Flattens to a one-hot vector of length `n`; JSON form is the integer.
public struct Discrete: Space, Hashable {
  /// The number of values.
  public let n: Int
  /// The smallest value.
  public let start: Int

  /// The space {start, …, start + n − 1}.
  /// - Precondition: `n > 0`.
  public init(_ n: Int, start: Int = 0) {
    precondition(n > 0, "Discrete needs n > 0, got \(n)")
    self.n = n
    self.start = start
  }

  @inlinable
  public func sample(using rng: inout some RandomNumberGenerator) -> Int {
    start + Int.random(in: 0..<n, using: &rng)
  }

  /// A random value among those with `mask[i] != 0`; `start` when the mask allows none
  /// (Gymnasium's masked sampling).
  public func sample(using rng: inout some RandomNumberGenerator, mask: [UInt8]) -> Int {
    precondition(mask.count == n, "mask must have n = \(n) entries")
    let allowed = mask.indices.filter { mask[$0] != 0 }
    guard let pick = allowed.randomElement(using: &rng) else { return start }
    return start + pick
  }

  @inlinable
  public func contains(_ value: Int) -> Bool { value >= start && value < start + n }

  public var flatDimension: Int { n }

  @inlinable
  public func flatten(_ value: Int, into out: UnsafeMutableBufferPointer<Float>) {
    for i in 0..<n { out[i] = 0 }
    out[value - start] = 1
  }

  public func unflatten(_ flat: UnsafeBufferPointer<Float>) throws(SpaceError) -> Int {
    try checkFlatCount(flat)
    var hot = -1
    for i in 0..<n where flat[i] != 0 {
      guard flat[i] == 1, hot < 0 else {
        throw SpaceError("\(self) expects a one-hot vector (a single 1, all other entries 0)")
      }
      hot = i
    }
    guard hot >= 0 else { throw SpaceError("\(self) expects a one-hot vector, got all zeros") }
    return start + hot
  }

  public func encode(_ value: Int) -> JSONValue { .int(value) }

  public func decode(_ json: JSONValue) throws(SpaceError) -> Int {
    guard let v = json.intValue else {
      throw SpaceError("\(self) expects an integer in \(start)...\(start + n - 1), got \(json.kindName) \(json)")
    }
    guard contains(v) else {
      throw SpaceError("action \(v) is outside \(self): allowed are \(start)...\(start + n - 1)")
    }
    return v
  }

  public var specification: JSONValue { ["type": "Discrete", "n": .int(n), "start": .int(start)] }

  public var description: String { start == 0 ? "Discrete(\(n))" : "Discrete(\(n), start=\(start))" }
}
