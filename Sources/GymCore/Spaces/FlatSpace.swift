/// Any space seen through its flat form: elements are `[Float]` vectors of length
/// `flatDimension`. The type-erased `AnyEnvironment` speaks this space.
public struct FlatSpace: Space {
  /// The underlying space.
  public let base: AnySpace

  /// The flat view of `space`.
  public init(_ space: some Space) { base = AnySpace(space) }

  public func sample(using rng: inout some RandomNumberGenerator) -> [Float] {
    let json = base.sample(using: &rng)
    return (try? base.flattenChecked(json)) ?? []
  }

  public func contains(_ value: [Float]) -> Bool {
    guard value.count == base.flatDimension, let v = try? base.unflatten(value) else { return false }
    return base.contains(v)
  }

  public var flatDimension: Int { base.flatDimension }

  public func flatten(_ value: [Float], into out: UnsafeMutableBufferPointer<Float>) {
    for i in 0..<value.count { out[i] = value[i] }
  }

  public func unflatten(_ flat: UnsafeBufferPointer<Float>) throws(SpaceError) -> [Float] {
    try checkFlatCount(flat)
    return Array(flat)
  }

  public func encode(_ value: [Float]) -> JSONValue { (try? base.unflatten(value)) ?? .array(value.map { .double(Double($0)) }) }

  public func decode(_ json: JSONValue) throws(SpaceError) -> [Float] { try base.flattenChecked(json) }

  public var specification: JSONValue { base.specification }
  public var description: String { base.description }
}
