/// A set of values an environment accepts or returns: Gymnasium's `Space`.
///
/// Every space can sample, test membership, flatten a value to a contiguous `Float` vector (as
/// Gymnasium's `flatten`: Discrete becomes one-hot, Box its values) and back, convert values to
/// and from JSON (`to_jsonable` / `from_jsonable`), and describe itself as JSON.
public protocol Space<Element>: Sendable, CustomStringConvertible {
  /// The type of the space's values.
  associatedtype Element

  /// A random member of the space.
  func sample(using rng: inout some RandomNumberGenerator) -> Element
  /// Whether `value` is a member of the space.
  func contains(_ value: Element) -> Bool

  /// The length of a flattened value.
  var flatDimension: Int { get }
  /// Writes the flat form of `value` into `out[0..<flatDimension]`.
  /// - Complexity: O(`flatDimension`), no allocation.
  func flatten(_ value: Element, into out: UnsafeMutableBufferPointer<Float>)
  /// The value whose flat form is `flat`.
  /// - Throws: `SpaceError` if `flat` has the wrong length or is not a flat form of a member.
  func unflatten(_ flat: UnsafeBufferPointer<Float>) throws(SpaceError) -> Element

  /// The value as JSON (numbers, arrays, strings, objects).
  func encode(_ value: Element) -> JSONValue
  /// The value from JSON; throws naming what was expected.
  func decode(_ json: JSONValue) throws(SpaceError) -> Element

  /// The space's type and parameters as JSON, e.g. `{"type": "Discrete", "n": 2, "start": 0}`.
  var specification: JSONValue { get }
}

/// A value that is not a member of a space, or not a flat or JSON form of one.
public struct SpaceError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What was wrong and what is allowed.
  public var message: String
  /// An error with this message.
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

// MARK: - Conveniences

extension Space {
  /// A random member drawn with the system generator (unseeded).
  public func sample() -> Element {
    var rng = SystemRandomNumberGenerator()
    return sample(using: &rng)
  }

  /// The flat form of `value` as a new array.
  public func flatten(_ value: Element) -> [Float] {
    [Float](unsafeUninitializedCapacity: flatDimension) { buffer, count in
      flatten(value, into: buffer)
      count = flatDimension
    }
  }

  /// The value whose flat form is `flat`.
  public func unflatten(_ flat: [Float]) throws(SpaceError) -> Element {
    do {
      return try flat.withUnsafeBufferPointer { (b) throws(SpaceError) -> Element in try unflatten(b) }
    } catch { throw error }
  }

  @usableFromInline
  func checkFlatCount(_ flat: UnsafeBufferPointer<Float>) throws(SpaceError) {
    guard flat.count == flatDimension else {
      throw SpaceError("\(self) expects a flat vector of length \(flatDimension), got \(flat.count)")
    }
  }
}

/// Formats a Float for descriptions the way NumPy prints float32 bounds.
func describeNumber(_ x: Double) -> String {
  if x == .infinity { return "inf" }
  if x == -.infinity { return "-inf" }
  if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) + ".0" }
  return "\(x)"
}
