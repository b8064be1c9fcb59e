/// A fixed sequence of sub-spaces: Gymnasium's `Tuple`. Values are arrays, one JSON value per
/// sub-space; flattening concatenates the parts.
public struct TupleSpace: Space {
  /// The sub-spaces, in order.
  public let spaces: [AnySpace]

  /// A tuple of `spaces`.
  public init(_ spaces: [AnySpace]) {
    precondition(!spaces.isEmpty, "TupleSpace needs at least one sub-space")
    self.spaces = spaces
  }

  public func sample(using rng: inout some RandomNumberGenerator) -> [JSONValue] {
    spaces.map { $0.sample(using: &rng) }
  }

  public func contains(_ value: [JSONValue]) -> Bool {
    value.count == spaces.count && zip(spaces, value).allSatisfy { $0.contains($1) }
  }

  public var flatDimension: Int { spaces.reduce(0) { $0 + $1.flatDimension } }

  public func flatten(_ value: [JSONValue], into out: UnsafeMutableBufferPointer<Float>) {
    var offset = 0
    for (s, v) in zip(spaces, value) {
      s.flatten(v, into: UnsafeMutableBufferPointer(rebasing: out[offset..<offset + s.flatDimension]))
      offset += s.flatDimension
    }
  }

  public func unflatten(_ flat: UnsafeBufferPointer<Float>) throws(SpaceError) -> [JSONValue] {
    try checkFlatCount(flat)
    var offset = 0
    var out: [JSONValue] = []
    for s in spaces {
      out.append(try s.unflatten(UnsafeBufferPointer(rebasing: flat[offset..<offset + s.flatDimension])))
      offset += s.flatDimension
    }
    return out
  }

  public func encode(_ value: [JSONValue]) -> JSONValue { .array(value) }

  public func decode(_ json: JSONValue) throws(SpaceError) -> [JSONValue] {
    guard case .array(let a) = json, a.count == spaces.count else {
      throw SpaceError("\(self) expects an array of \(spaces.count) values")
    }
    var out: [JSONValue] = []
    for (i, (s, v)) in zip(spaces, a).enumerated() {
      do { out.append(try s.decode(v)) } catch { throw SpaceError("Tuple entry \(i): \(error.message)") }
    }
    return out
  }

  public var specification: JSONValue { ["type": "Tuple", "spaces": .array(spaces.map(\.specification))] }
  public var description: String { "Tuple(" + spaces.map(\.description).joined(separator: ", ") + ")" }
}

/// Named sub-spaces: Gymnasium's `Dict`. Keys are kept sorted, as Gymnasium sorts a plain
/// dict's keys; flattening concatenates the parts in key order.
public struct DictSpace: Space {
  /// The keys, sorted.
  public let keys: [String]
  /// The sub-spaces by key.
  public let spaces: [String: AnySpace]

  /// A dictionary space.
  public init(_ spaces: [String: AnySpace]) {
    precondition(!spaces.isEmpty, "DictSpace needs at least one sub-space")
    self.spaces = spaces
    self.keys = spaces.keys.sorted()
  }

  public func sample(using rng: inout some RandomNumberGenerator) -> [String: JSONValue] {
    var out: [String: JSONValue] = [:]
    for k in keys { out[k] = spaces[k]!.sample(using: &rng) }
    return out
  }

  public func contains(_ value: [String: JSONValue]) -> Bool {
    value.count == keys.count && keys.allSatisfy { k in value[k].map { spaces[k]!.contains($0) } ?? false }
  }

  public var flatDimension: Int { spaces.values.reduce(0) { $0 + $1.flatDimension } }

  public func flatten(_ value: [String: JSONValue], into out: UnsafeMutableBufferPointer<Float>) {
    var offset = 0
    for k in keys {
      let s = spaces[k]!
      s.flatten(value[k]!, into: UnsafeMutableBufferPointer(rebasing: out[offset..<offset + s.flatDimension]))
      offset += s.flatDimension
    }
  }

  public func unflatten(_ flat: UnsafeBufferPointer<Float>) throws(SpaceError) -> [String: JSONValue] {
    try checkFlatCount(flat)
    var offset = 0
    var out: [String: JSONValue] = [:]
    for k in keys {
      let s = spaces[k]!
      out[k] = try s.unflatten(UnsafeBufferPointer(rebasing: flat[offset..<offset + s.flatDimension]))
      offset += s.flatDimension
    }
    return out
  }

  public func encode(_ value: [String: JSONValue]) -> JSONValue { .object(value) }

  public func decode(_ json: JSONValue) throws(SpaceError) -> [String: JSONValue] {
    guard case .object(let o) = json else { throw SpaceError("\(self) expects an object with keys \(keys)") }
    let extra = Set(o.keys).subtracting(keys)
    guard extra.isEmpty else { throw SpaceError("\(self) has no key(s) \(extra.sorted()); allowed: \(keys)") }
    var out: [String: JSONValue] = [:]
    for k in keys {
      guard let v = o[k] else { throw SpaceError("\(self): missing key \"\(k)\"") }
      do { out[k] = try spaces[k]!.decode(v) } catch { throw SpaceError("Dict key \"\(k)\": \(error.message)") }
    }
    return out
  }

  public var specification: JSONValue {
    ["type": "Dict", "spaces": .object(spaces.mapValues(\.specification))]
  }
  public var description: String {
    "Dict(" + keys.map { "'\($0)': \(spaces[$0]!.description)" }.joined(separator: ", ") + ")"
  }
}
