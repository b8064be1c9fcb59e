import GymCore

/// Generates candidate solutions for a scheduler and adapts from how they fared (pyribs'
/// `EmitterBase`).
///
/// A scheduler calls `ask` for a batch, evaluates it, inserts it into the archive and calls
/// `tell` with the outcome. Emitters own their random generator, so a run depends only on
/// its seeds, never on how many threads asked or evaluated.
public protocol Emitter: Sendable {
  /// Parameters per solution.
  var solutionDim: Int { get }
  /// Solutions per `ask`.
  var batchSize: Int { get }
  /// A short name for logs, e.g. `"gaussian"`.
  var name: String { get }

  /// Writes `batchSize × solutionDim` values, row-major, to `out`.
  /// - Parameter archive: a read-only view of the archive the scheduler inserts into.
  mutating func ask(archive: ArchiveReader, into out: UnsafeMutablePointer<Double>)

  /// Reports how the last batch fared.
  mutating func tell(_ feedback: EmitterFeedback)
}

// MARK: - Default implementations

extension Emitter {
  /// Emitters that do not adapt ignore feedback.
  public mutating func tell(_ feedback: EmitterFeedback) {}
}

/// One emitter's batch after evaluation and insertion: the rows it asked for, their
/// objectives and measures, and the archive's status and improvement value for each.
public struct EmitterFeedback {
  /// Rows in the batch.
  public let count: Int
  /// Parameters per row.
  public let solutionDim: Int
  /// Measures per row.
  public let measureDim: Int
  /// `count × solutionDim` solutions, row-major.
  public let solutions: UnsafePointer<Double>
  /// `count` objectives.
  public let objectives: UnsafePointer<Double>
  /// `count × measureDim` measures, row-major.
  public let measures: UnsafePointer<Double>
  /// The archive's verdict per row.
  public let status: UnsafePointer<AddStatus>
  /// The improvement value per row (see `AddResult`).
  public let values: UnsafePointer<Double>

  /// Feedback over caller-owned buffers, valid while they are.
  public init(
    count: Int, solutionDim: Int, measureDim: Int, solutions: UnsafePointer<Double>, objectives: UnsafePointer<Double>,
    measures: UnsafePointer<Double>, status: UnsafePointer<AddStatus>, values: UnsafePointer<Double>
  ) {
    self.count = count
    self.solutionDim = solutionDim
    self.measureDim = measureDim
    self.solutions = solutions
    self.objectives = objectives
    self.measures = measures
    self.status = status
    self.values = values
  }

  /// The number of rows that entered the archive.
  public var addedCount: Int { (0..<count).reduce(0) { $0 + (status[$1].isAdded ? 1 : 0) } }
}

/// Box bounds on solutions, per parameter; infinite ends leave a side open.
public struct SolutionBounds: Sendable, Hashable {
  /// Lower bound per parameter.
  public var lower: [Double]
  /// Upper bound per parameter.
  public var upper: [Double]

  /// The same bounds for each of `dimension` parameters.
  /// - Throws: `QDError` unless `lower <= upper` and neither is NaN.
  public init(dimension: Int, lower: Double, upper: Double) throws(QDError) {
    try self.init(lower: [Double](repeating: lower, count: dimension), upper: [Double](repeating: upper, count: dimension))
  }

  /// Per-parameter bounds.
  /// - Throws: `QDError` when the lengths differ, a value is NaN or a lower bound exceeds its
  ///   upper bound.
  public init(lower: [Double], upper: [Double]) throws(QDError) {
    try QDError.require(lower.count == upper.count, "bounds: lower has \(lower.count) values, upper \(upper.count); they must match")
    for i in lower.indices {
      try QDError.require(!lower[i].isNaN && !upper[i].isNaN && lower[i] <= upper[i], "bounds[\(i)] must satisfy lower <= upper, got (\(lower[i]), \(upper[i]))")
    }
    self.lower = lower
    self.upper = upper
  }

  /// Clamps `count` rows of `lower.count` values in place.
  @inlinable
  func clip(_ rows: UnsafeMutablePointer<Double>, count: Int) {
    let d = lower.count
    lower.withUnsafeBufferPointer { lo in
      upper.withUnsafeBufferPointer { hi in
        for r in 0..<count {
          let row = rows + r * d
          for j in 0..<d { row[j] = min(max(row[j], lo[j]), hi[j]) }
        }
      }
    }
  }

  /// Whether a row lies inside the box.
  @inlinable
  func contains(_ row: UnsafePointer<Double>) -> Bool {
    for j in 0..<lower.count where row[j] < lower[j] || row[j] > upper[j] { return false }
    return true
  }
}

extension QDError {
  /// Checks an emitter's starting point.
  static func checkStart(_ x0: [Double], solutionDim: Int, bounds: SolutionBounds?, batchSize: Int) throws(QDError) {
    try require(solutionDim >= 1, "solutionDim must be at least 1, got \(solutionDim)")
    try require(x0.count == solutionDim, "x0 has \(x0.count) values; it must have solutionDim = \(solutionDim)")
    try require(x0.allSatisfy(\.isFinite), "x0 must be finite")
    try require(batchSize >= 1, "batchSize must be at least 1, got \(batchSize)")
    if let bounds { try require(bounds.lower.count == solutionDim, "bounds have \(bounds.lower.count) parameters; the solutions have \(solutionDim)") }
  }
}
