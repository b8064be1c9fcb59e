import RealModule

/// A product of intervals `[low[i], high[i]]` with a shape: Gymnasium's `Box`.
///
/// `Value` is the element type: `SIMD4<Float>` for CartPole's observation, `[Float]` for larger
/// vectors, `[UInt8]` for images. Bounds may be infinite. Sampling follows Gymnasium: uniform
/// on bounded coordinates, shifted exponential on half-bounded ones, normal on unbounded ones;
/// integer boxes sample integers in `[low, high]`.
public struct Box<Value: BoxValue>: Space {
  public typealias Scalar = Value.Scalar
  /// Lower bounds, one per scalar (row-major over `shape`).
  public let low: [Double]
  /// Upper bounds, one per scalar.
  public let high: [Double]
  /// The shape; the product of its entries is the number of scalars.
  public let shape: [Int]

  /// A box with per-coordinate bounds.
  /// - Parameters:
  ///   - low: lower bounds.
  ///   - high: upper bounds, same count as `low`.
  ///   - shape: defaults to `[low.count]`.
  public init(low: [Double], high: [Double], shape: [Int]? = nil) {
    precondition(low.count == high.count, "Box bounds must have the same length")
    let shape = shape ?? [low.count]
    precondition(shape.reduce(1, *) == low.count, "Box shape \(shape) does not match \(low.count) bounds")
    for i in low.indices {
      precondition(!(low[i] > high[i]), "Box low[\(i)] = \(low[i]) exceeds high[\(i)] = \(high[i])")
    }
    self.low = low.map { Double(Scalar(clamping: $0).doubleValue) }
    self.high = high.map { Double(Scalar(clamping: $0).doubleValue) }
    self.shape = shape
  }

  /// A box with the same bounds on every coordinate.
  public init(low: Double, high: Double, shape: [Int]) {
    let n = shape.reduce(1, *)
    self.init(low: Array(repeating: low, count: n), high: Array(repeating: high, count: n), shape: shape)
  }

  /// The number of scalars.
  @inlinable public var count: Int { low.count }

  public func sample(using rng: inout some RandomNumberGenerator) -> Value {
    var v = Value(repeating: Scalar(clamping: 0), count: count)
    for i in 0..<count {
      let lo = low[i], hi = high[i]
      var x: Double
      switch (lo.isFinite, hi.isFinite) {
      case (true, true):
        x = Scalar.isIntegral
          ? (Double(Int.random(in: Int(lo)...Int(hi), using: &rng)))
          : (lo == hi ? lo : Double.random(in: lo..<hi, using: &rng))
      case (true, false): x = lo + Box.exponential(&rng)
      case (false, true): x = hi - Box.exponential(&rng)
      case (false, false): x = Box.normal(&rng)
      }
      if Scalar.isIntegral { x = x.rounded(.down) }
      v[i] = Scalar(clamping: x)
    }
    return v
  }

  static func exponential(_ rng: inout some RandomNumberGenerator) -> Double {
    var u = Double.random(in: 0..<1, using: &rng)
    while u == 0 { u = Double.random(in: 0..<1, using: &rng) }
    return -Double.log(u)
  }

  static func normal(_ rng: inout some RandomNumberGenerator) -> Double {
    var u1 = Double.random(in: 0..<1, using: &rng)
    while u1 == 0 { u1 = Double.random(in: 0..<1, using: &rng) }
    let u2 = Double.random(in: 0..<1, using: &rng)
    return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * .pi * u2)
  }

  @inlinable
  public func contains(_ value: Value) -> Bool {
    guard value.scalarCount == count else { return false }
    for i in 0..<count {
      let x = value[i].doubleValue
      if !(x >= low[i] && x <= high[i]) { return false }
    }
    return true
  }

  /// The coordinate-wise clamp of `value` into the box.
  @inlinable
  public func clip(_ value: Value) -> Value {
    var v = value
    for i in 0..<count {
      let x = v[i].doubleValue
      if x < low[i] { v[i] = Scalar(clamping: low[i]) } else if x > high[i] { v[i] = Scalar(clamping: high[i]) }
    }
    return v
  }

  /// Whether every bound is finite.
  public var isBounded: Bool { low.allSatisfy(\.isFinite) && high.allSatisfy(\.isFinite) }

  public var flatDimension: Int { count }

  @inlinable
  public func flatten(_ value: Value, into out: UnsafeMutableBufferPointer<Float>) {
    for i in 0..<count { out[i] = Float(value[i].doubleValue) }
  }

  public func unflatten(_ flat: UnsafeBufferPointer<Float>) throws(SpaceError) -> Value {
    try checkFlatCount(flat)
    var v = Value(repeating: Scalar(clamping: 0), count: count)
    for i in 0..<count {
      let x = Double(flat[i])
      if Scalar.isIntegral && x.rounded(.down) != x {
        throw SpaceError("\(self) holds integers; entry \(i) is \(x)")
      }
      v[i] = Scalar(clamping: x)
    }
    return v
  }

  public func encode(_ value: Value) -> JSONValue {
    .array((0..<count).map { Scalar.isIntegral ? .int(Int(value[$0].doubleValue)) : .double(value[$0].doubleValue) })
  }

  public func decode(_ json: JSONValue) throws(SpaceError) -> Value {
    var scalars: [Double]
    if let d = json.doubleValue, count == 1 {
      scalars = [d]
    } else if let a = json.doubleArray {
      scalars = a
    } else if case .array(let rows) = json, let flat = Box.flattenNested(rows) {
      scalars = flat
    } else {
      throw SpaceError("\(self) expects an array of \(count) numbers, got \(json.kindName)")
    }
    guard scalars.count == count else {
      throw SpaceError("\(self) expects \(count) numbers, got \(scalars.count)")
    }
    var v = Value(repeating: Scalar(clamping: 0), count: count)
    for i in 0..<count {
      guard !scalars[i].isNaN else { throw SpaceError("\(self): entry \(i) is NaN") }
      v[i] = Scalar(clamping: scalars[i])
    }
    return v
  }

  static func flattenNested(_ rows: [JSONValue]) -> [Double]? {
    var out: [Double] = []
    for r in rows {
      if let d = r.doubleValue { out.append(d) } else if case .array(let inner) = r, let f = flattenNested(inner) {
        out += f
      } else { return nil }
    }
    return out
  }

  public var specification: JSONValue {
    [
      "type": "Box", "shape": .array(shape.map { .int($0) }), "dtype": .string(Scalar.dtypeName),
      "low": .array(low.map { $0.isFinite ? .double($0) : .string($0 > 0 ? "inf" : "-inf") }),
      "high": .array(high.map { $0.isFinite ? .double($0) : .string($0 > 0 ? "inf" : "-inf") }),
    ]
  }

  public var description: String {
    func describeNumber(_ x: Double) -> String {
      if !x.isFinite { return x > 0 ? "inf" : (x < 0 ? "-inf" : "nan") }
      if Scalar.isIntegral { return String(Int(x)) }
      return Scalar.self == Float.self ? "\(Float(x))" : "\(x)"
    }
    let shapeText = "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
    if Set(low).count == 1, Set(high).count == 1 {
      return "Box(\(describeNumber(low[0])), \(describeNumber(high[0])), \(shapeText), \(Scalar.dtypeName))"
    }
    let lo = low.map(describeNumber).joined(separator: " ")
    let hi = high.map(describeNumber).joined(separator: " ")
    return "Box([\(lo)], [\(hi)], \(shapeText), \(Scalar.dtypeName))"
  }
}
