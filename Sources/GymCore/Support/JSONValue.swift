/// A JSON value: the currency of infos, reset options, space descriptions and every file the
/// `gym` command reads or writes.
///
/// Numbers keep their integer-ness (`.int` vs `.double`) so that seeds and step counts survive a
/// round trip exactly; `.double` values are printed with Swift's shortest round-trip form.
public enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])
}

// MARK: - Accessors

extension JSONValue {
  /// The value as a `Double` when it is a number (`.int` or `.double`), else `nil`.
  @inlinable
  public var doubleValue: Double? {
    switch self {
    case .int(let i): return Double(i)
    case .double(let d): return d
    default: return nil
    }
  }

  /// The value as an `Int` when it is an integer, or a double with an integral value.
  @inlinable
  public var intValue: Int? {
    switch self {
    case .int(let i): return i
    case .double(let d) where d.rounded() == d && abs(d) < 9.0e18: return Int(d)
    default: return nil
    }
  }

  /// The value as a `Bool` when it is one.
  public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
  /// The value as a `String` when it is one.
  public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
  /// The elements when the value is an array.
  public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
  /// The members when the value is an object.
  public var objectValue: [String: JSONValue]? {
    if case .object(let o) = self { return o } else { return nil }
  }

  /// The member `key` of an object, or `nil`.
  public subscript(key: String) -> JSONValue? {
    if case .object(let o) = self { return o[key] } else { return nil }
  }

  /// A short name of the value's kind, for error messages.
  public var kindName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .int: return "an integer"
    case .double: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  /// A numeric array as `[Double]`, or `nil` if any element is not a number.
  public var doubleArray: [Double]? {
    guard case .array(let a) = self else { return nil }
    var out = [Double]()
    out.reserveCapacity(a.count)
    for v in a {
      guard let d = v.doubleValue else { return nil }
      out.append(d)
    }
    return out
  }
}

// MARK: - Literals

extension JSONValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
  ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
  public init(integerLiteral value: Int) { self = .int(value) }
  public init(floatLiteral value: Double) { self = .double(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(stringLiteral value: String) { self = .string(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }
  public init(nilLiteral: ()) { self = .null }
}

extension JSONValue {
  /// A numeric array value.
  public init(_ values: some Sequence<Double>) { self = .array(values.map { .double($0) }) }
  /// A numeric array value from `Float`s, widened exactly.
  public init(_ values: some Sequence<Float>) { self = .array(values.map { .double(Double($0)) }) }
}
