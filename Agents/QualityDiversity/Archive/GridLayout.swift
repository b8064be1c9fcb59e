/// A regular grid over a box of measure space: the Mouret–Clune MAP-Elites container, with
/// pyribs' `GridArchive` cell indexing.
///
/// Along dimension *i* the cell is `Int((dims[i] · (m − lower[i]) + ε) / (upper[i] − lower[i]))`,
/// clamped to `0…dims[i]−1`, so measures outside the box land in the border cells. Cells are
/// numbered row-major (the last dimension varies fastest), as `numpy.ravel_multi_index`.
public struct GridLayout: Sendable, Hashable {
  /// Cells along each measure dimension.
  public let dims: [Int]
  /// Lower edge of the box in each dimension.
  public let lowerBounds: [Double]
  /// Upper edge of the box in each dimension.
  public let upperBounds: [Double]
  /// Added before flooring, against rounding just below a cell edge (pyribs' 1e-6).
  public let epsilon: Double

  /// A grid layout.
  /// - Parameters:
  ///   - dims: cells per measure dimension, each ≥ 1.
  ///   - ranges: `(lower, upper)` per dimension, finite with lower < upper.
  ///   - epsilon: pyribs' index epsilon.
  /// - Throws: `QDError` when the shapes disagree or a range is empty or not finite.
  public init(dims: [Int], ranges: [(Double, Double)], epsilon: Double = 1e-6) throws(QDError) {
    try QDError.require(!dims.isEmpty, "a grid needs at least one measure dimension")
    try QDError.require(dims.count == ranges.count, "dims (length \(dims.count)) and ranges (length \(ranges.count)) must be the same length")
    for (i, d) in dims.enumerated() {
      try QDError.require(d >= 1, "dims[\(i)] must be at least 1, got \(d)")
    }
    for (i, r) in ranges.enumerated() {
      try QDError.require(r.0.isFinite && r.1.isFinite && r.0 < r.1 && (r.1 - r.0).isFinite, "ranges[\(i)] must be finite with lower < upper, got (\(r.0), \(r.1))")
    }
    let cells = dims.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
    try QDError.require(cells <= Int(Int32.max), "the grid has too many cells (\(dims.map(String.init).joined(separator: "×")))")
    self.dims = dims
    self.lowerBounds = ranges.map(\.0)
    self.upperBounds = ranges.map(\.1)
    self.epsilon = epsilon
  }

  /// The number of cells (the product of `dims`).
  public var cellCount: Int { dims.reduce(1, *) }
  /// The number of measure dimensions.
  public var measureDim: Int { dims.count }

  /// The flat cell of a measure vector (finite values).
  /// - Complexity: O(measure dimensions).
  @inlinable
  public func cell(of measures: UnsafePointer<Double>) -> Int {
    var cell = 0
    for i in 0..<dims.count {
      let n = dims[i]
      let scaled = (Double(n) * (measures[i] - lowerBounds[i]) + epsilon) / (upperBounds[i] - lowerBounds[i])
      let g = scaled < 1 ? 0 : (scaled >= Double(n) ? n - 1 : Int(scaled))
      cell = cell * n + g
    }
    return cell
  }

  /// The per-dimension grid index of a flat cell (`numpy.unravel_index`).
  public func gridIndex(of cell: Int) -> [Int] {
    var rest = cell
    var out = [Int](repeating: 0, count: dims.count)
    for i in stride(from: dims.count - 1, through: 0, by: -1) {
      out[i] = rest % dims[i]
      rest /= dims[i]
    }
    return out
  }

  /// The flat cell of a per-dimension grid index (`numpy.ravel_multi_index`).
  /// - Precondition: every index is inside the grid.
  public func cell(ofGridIndex index: [Int]) -> Int {
    precondition(index.count == dims.count, "grid index has \(index.count) entries, the grid \(dims.count) dimensions")
    var cell = 0
    for i in 0..<dims.count {
      precondition(index[i] >= 0 && index[i] < dims[i], "grid index \(index[i]) outside 0..<\(dims[i])")
      cell = cell * dims[i] + index[i]
    }
    return cell
  }

  /// The edges of the cells along dimension `i`: `dims[i] + 1` evenly spaced values.
  public func boundaries(_ i: Int) -> [Double] {
    let n = dims[i]
    return (0...n).map { lowerBounds[i] + (upperBounds[i] - lowerBounds[i]) * Double($0) / Double(n) }
  }
}
