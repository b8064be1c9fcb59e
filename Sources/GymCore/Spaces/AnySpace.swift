/// A space of any type, with values as JSON: what the type-erased API and `Tuple`/`Dict`
/// spaces hold.
public struct AnySpace: Space {
  @usableFromInline let box: any _AnySpaceBox
  /// The wrapped space.
  public var base: any Space { box.base }

  /// Erases `space`.
  public init<S: Space>(_ space: S) {
    if let already = space as? AnySpace { box = already.box } else { box = _SpaceBox(space) }
  }

  public func sample(using rng: inout some RandomNumberGenerator) -> JSONValue {
    var g = AnyRandom(rng.next())
    let v = box.sample(&g)
    return v
  }
  public func contains(_ value: JSONValue) -> Bool { box.contains(value) }
  public var flatDimension: Int { box.flatDimension }
  public func flatten(_ value: JSONValue, into out: UnsafeMutableBufferPointer<Float>) {
    do { try box.flatten(value, into: out) } catch { preconditionFailure("\(error)") }
  }
  /// The flat form of a JSON value, throwing if it is not a member.
  public func flattenChecked(_ value: JSONValue) throws(SpaceError) -> [Float] {
    var out = [Float](repeating: 0, count: flatDimension)
    try out.withUnsafeMutableBufferPointer { (b) throws(SpaceError) in try box.flatten(value, into: b) }
    return out
  }
  public func unflatten(_ flat: UnsafeBufferPointer<Float>) throws(SpaceError) -> JSONValue { try box.unflatten(flat) }
  public func encode(_ value: JSONValue) -> JSONValue { value }
  public func decode(_ json: JSONValue) throws(SpaceError) -> JSONValue { try box.normalize(json) }
  public var specification: JSONValue { box.specification }
  public var description: String { box.description }
}

/// Seeds a fresh generator from one draw of the caller's, so erased sampling stays seeded.
@usableFromInline struct AnyRandom: RandomNumberGenerator {
  var g: GymRandom
  init(_ seed: UInt64) { g = GymRandom(seed: seed) }
  @usableFromInline mutating func next() -> UInt64 { g.next() }
}

@usableFromInline protocol _AnySpaceBox: Sendable {
  var base: any Space { get }
  func sample(_ rng: inout AnyRandom) -> JSONValue
  func contains(_ value: JSONValue) -> Bool
  var flatDimension: Int { get }
  func flatten(_ value: JSONValue, into out: UnsafeMutableBufferPointer<Float>) throws(SpaceError)
  func unflatten(_ flat: UnsafeBufferPointer<Float>) throws(SpaceError) -> JSONValue
  func normalize(_ json: JSONValue) throws(SpaceError) -> JSONValue
  var specification: JSONValue { get }
  var description: String { get }
}

struct _SpaceBox<S: Space>: _AnySpaceBox {
  let space: S
  init(_ space: S) { self.space = space }
  var base: any Space { space }
  func sample(_ rng: inout AnyRandom) -> JSONValue { space.encode(space.sample(using: &rng)) }
  func contains(_ value: JSONValue) -> Bool {
    guard let v = try? space.decode(value) else { return false }
    return space.contains(v)
  }
  var flatDimension: Int { space.flatDimension }
  func flatten(_ value: JSONValue, into out: UnsafeMutableBufferPointer<Float>) throws(SpaceError) {
    let v = try space.decode(value)
    guard space.contains(v) else { throw SpaceError("\(value) is not in \(space)") }
    space.flatten(v, into: out)
  }
  func unflatten(_ flat: UnsafeBufferPointer<Float>) throws(SpaceError) -> JSONValue {
    space.encode(try space.unflatten(flat))
  }
  func normalize(_ json: JSONValue) throws(SpaceError) -> JSONValue {
    let v = try space.decode(json)
    guard space.contains(v) else { throw SpaceError("\(json) is not in \(space)") }
    return space.encode(v)
  }
  var specification: JSONValue { space.specification }
  var description: String { space.description }
}
