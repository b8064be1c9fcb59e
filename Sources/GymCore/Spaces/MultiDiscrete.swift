/// Independent categorical values, entry `i` in `start[i] ..< start[i] + nvec[i]`:
/// Gymnasium's `MultiDiscrete`. Flattens to concatenated one-hot vectors.
public struct MultiDiscrete: Space, Hashable {
  /// The number of values of each entry.
  public let nvec: [Int]
  /// The smallest value of each entry.
  public let start: [Int]

  /// The space with `nvec[i]` values for entry `i`.
  public init(_ nvec: [Int], start: [Int]? = nil) {
    precondition(!nvec.isEmpty && nvec.allSatisfy { $0 > 0 }, "MultiDiscrete needs positive nvec entries")
    let start = start ?? Array(repeating: 0, count: nvec.count)
    precondition(start.count == nvec.count, "start must have one entry per nvec entry")
    self.nvec = nvec
    self.start = start
  }

  public func sample(using rng: inout some RandomNumberGenerator) -> [Int] {
    nvec.indices.map { start[$0] + Int.random(in: 0..<nvec[$0], using: &rng) }
  }

  public func contains(_ value: [Int]) -> Bool {
    value.count == nvec.count && nvec.indices.allSatisfy { value[$0] >= start[$0] && value[$0] < start[$0] + nvec[$0] }
  }

  public var flatDimension: Int { nvec.reduce(0, +) }

  public func flatten(_ value: [Int], into out: UnsafeMutableBufferPointer<Float>) {
    var offset = 0
    for i in nvec.indices {
      for j in 0..<nvec[i] { out[offset + j] = 0 }
      out[offset + value[i] - start[i]] = 1
      offset += nvec[i]
    }
  }

  public func unflatten(_ flat: UnsafeBufferPointer<Float>) throws(SpaceError) -> [Int] {
    try checkFlatCount(flat)
    var out = [Int]()
    var offset = 0
    for i in nvec.indices {
      let part = Discrete(nvec[i], start: start[i])
      out.append(try part.unflatten(UnsafeBufferPointer(rebasing: flat[offset..<offset + nvec[i]])))
      offset += nvec[i]
    }
    return out
  }

  public func encode(_ value: [Int]) -> JSONValue { .array(value.map { .int($0) }) }

  public func decode(_ json: JSONValue) throws(SpaceError) -> [Int] {
    guard case .array(let a) = json, a.count == nvec.count else {
      throw SpaceError("\(self) expects an array of \(nvec.count) integers, got \(json)")
    }
    var out = [Int]()
    for (i, v) in a.enumerated() {
      guard let x = v.intValue, x >= start[i], x < start[i] + nvec[i] else {
        throw SpaceError("\(self): entry \(i) must be an integer in \(start[i])...\(start[i] + nvec[i] - 1), got \(v)")
      }
      out.append(x)
    }
    return out
  }

  public var specification: JSONValue {
    ["type": "MultiDiscrete", "nvec": .array(nvec.map { .int($0) }), "start": .array(start.map { .int($0) })]
  }

  public var description: String { "MultiDiscrete([\(nvec.map(String.init).joined(separator: " "))])" }
}

/// Fixed-length vectors of 0/1 values: Gymnasium's `MultiBinary`.
public struct MultiBinary: Space, Hashable {
  /// The number of bits.
  public let n: Int

  /// `n` independent bits.
  public init(_ n: Int) {
    precondition(n > 0, "MultiBinary needs n > 0")
    self.n = n
  }

  public func sample(using rng: inout some RandomNumberGenerator) -> [UInt8] {
    (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next() >> 63) }
  }

  public func contains(_ value: [UInt8]) -> Bool { value.count == n && value.allSatisfy { $0 <= 1 } }

  public var flatDimension: Int { n }

  public func flatten(_ value: [UInt8], into out: UnsafeMutableBufferPointer<Float>) {
    for i in 0..<n { out[i] = Float(value[i]) }
  }

  public func unflatten(_ flat: UnsafeBufferPointer<Float>) throws(SpaceError) -> [UInt8] {
    try checkFlatCount(flat)
    var out = [UInt8]()
    for i in 0..<n {
      guard flat[i] == 0 || flat[i] == 1 else { throw SpaceError("\(self): entry \(i) must be 0 or 1, got \(flat[i])") }
      out.append(UInt8(flat[i]))
    }
    return out
  }

  public func encode(_ value: [UInt8]) -> JSONValue { .array(value.map { .int(Int($0)) }) }

  public func decode(_ json: JSONValue) throws(SpaceError) -> [UInt8] {
    guard case .array(let a) = json, a.count == n else { throw SpaceError("\(self) expects an array of \(n) bits") }
    var out = [UInt8]()
    for (i, v) in a.enumerated() {
      guard let x = v.intValue, x == 0 || x == 1 else { throw SpaceError("\(self): entry \(i) must be 0 or 1, got \(v)") }
      out.append(UInt8(x))
    }
    return out
  }

  public var specification: JSONValue { ["type": "MultiBinary", "n": .int(n)] }
  public var description: String { "MultiBinary(\(n))" }
}
