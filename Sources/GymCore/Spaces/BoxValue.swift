/// A scalar type a `Box` can hold: `Float`, `Double`, `UInt8` or `Int32`.
public protocol BoxScalar: Sendable, Hashable, Comparable {
  /// The NumPy dtype name (`float32`, `float64`, `uint8`, `int32`).
  static var dtypeName: String { get }
  /// Whether the type is an integer type.
  static var isIntegral: Bool { get }
  /// The value widened to `Double`.
  var doubleValue: Double { get }
  /// The value nearest to `d` (rounded down and clamped for integer types).
  init(clamping d: Double)
}

extension Float: BoxScalar {
  public static var dtypeName: String { "float32" }
  public static var isIntegral: Bool { false }
  @inlinable public var doubleValue: Double { Double(self) }
  @inlinable public init(clamping d: Double) { self = Float(d) }
}

extension Double: BoxScalar {
  public static var dtypeName: String { "float64" }
  public static var isIntegral: Bool { false }
  @inlinable public var doubleValue: Double { self }
  @inlinable public init(clamping d: Double) { self = d }
}

extension UInt8: BoxScalar {
  public static var dtypeName: String { "uint8" }
  public static var isIntegral: Bool { true }
  @inlinable public var doubleValue: Double { Double(self) }
  @inlinable public init(clamping d: Double) {
    self = d.isNaN ? 0 : UInt8(Swift.max(0, Swift.min(255, d.rounded(.down))))
  }
}

extension Int32: BoxScalar {
  public static var dtypeName: String { "int32" }
  public static var isIntegral: Bool { true }
  @inlinable public var doubleValue: Double { Double(self) }
  @inlinable public init(clamping d: Double) {
    self = d.isNaN ? 0 : Int32(Swift.max(Double(Int32.min), Swift.min(Double(Int32.max), d.rounded(.down))))
  }
}

/// A fixed-length container of `BoxScalar`s that a `Box` space can use as its element:
/// `SIMD2/3/4/8/16` for small observations (no allocation per step) or `Array` for any size.
public protocol BoxValue: Sendable {
  /// The scalar type.
  associatedtype Scalar: BoxScalar
  /// The number of scalars.
  var scalarCount: Int { get }
  /// Scalar `i`.
  subscript(index: Int) -> Scalar { get set }
  /// A value of `count` copies of `value`.
  /// - Precondition: `count` is the type's fixed size, for SIMD types.
  init(repeating value: Scalar, count: Int)
}

extension Array: BoxValue where Element: BoxScalar {
  public typealias Scalar = Element
  @inlinable public var scalarCount: Int { count }
}

extension SIMD2: BoxValue where Scalar: BoxScalar {
  @inlinable public init(repeating value: Scalar, count: Int) {
    precondition(count == 2, "SIMD2 holds exactly 2 values")
    self.init(repeating: value)
  }
}
extension SIMD3: BoxValue where Scalar: BoxScalar {
  @inlinable public init(repeating value: Scalar, count: Int) {
    precondition(count == 3, "SIMD3 holds exactly 3 values")
    self.init(repeating: value)
  }
}
extension SIMD4: BoxValue where Scalar: BoxScalar {
  @inlinable public init(repeating value: Scalar, count: Int) {
    precondition(count == 4, "SIMD4 holds exactly 4 values")
    self.init(repeating: value)
  }
}
extension SIMD8: BoxValue where Scalar: BoxScalar {
  @inlinable public init(repeating value: Scalar, count: Int) {
    precondition(count == 8, "SIMD8 holds exactly 8 values")
    self.init(repeating: value)
  }
}
extension SIMD16: BoxValue where Scalar: BoxScalar {
  @inlinable public init(repeating value: Scalar, count: Int) {
    precondition(count == 16, "SIMD16 holds exactly 16 values")
    self.init(repeating: value)
  }
}
