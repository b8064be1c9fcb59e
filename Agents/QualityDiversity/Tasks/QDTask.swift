/// A quality-diversity problem: maps a solution to an objective (maximised) and a measure
/// vector (the descriptor the archive is indexed by).
///
/// `evaluate` must be a pure function of the solution: the scheduler calls it from several
/// threads at once and writes results by index, so runs are identical at any thread count.
public protocol QDTask: Sendable {
  /// A short name, e.g. `"sphere"`.
  var name: String { get }
  /// Parameters per solution.
  var solutionDim: Int { get }
  /// The measure box the archive should cover, one `(lower, upper)` per measure.
  var measureRanges: [(Double, Double)] { get }
  /// Subtracted from objectives in the QD score so elites count non-negatively.
  var qdScoreOffset: Double { get }
  /// The objective's known range, for colour scales; nil when unknown.
  var objectiveRange: ClosedRange<Double>? { get }

  /// The objective of `solution`; writes its `measureRanges.count` measures to `measures`.
  func evaluate(_ solution: UnsafePointer<Double>, measures: UnsafeMutablePointer<Double>) -> Double
}

// MARK: - Default implementations

extension QDTask {
  /// The number of measures.
  public var measureDim: Int { measureRanges.count }
  public var qdScoreOffset: Double { 0 }
  public var objectiveRange: ClosedRange<Double>? { nil }

  /// Evaluates one solution given as an array.
  /// - Returns: the objective and the measures.
  public func evaluate(_ solution: [Double]) -> (objective: Double, measures: [Double]) {
    precondition(solution.count == solutionDim, "solution has \(solution.count) values, the task \(solutionDim)")
    var m = [Double](repeating: 0, count: measureDim)
    let f = solution.withUnsafeBufferPointer { s in m.withUnsafeMutableBufferPointer { evaluate(s.baseAddress!, measures: $0.baseAddress!) } }
    return (f, m)
  }

  /// Evaluates `count` rows, splitting them over `threads` threads; results go by index.
  public func evaluate(
    count: Int, solutions: UnsafePointer<Double>, objectives: UnsafeMutablePointer<Double>, measures: UnsafeMutablePointer<Double>, threads: Int
  ) {
    let d = solutionDim, md = measureDim
    let s = SendablePointer(solutions), o = SendableMutablePointer(objectives), m = SendableMutablePointer(measures)
    Parallel.forEachChunk(count: count, threads: threads) { range in
      for i in range { o.pointer[i] = evaluate(s.pointer + i * d, measures: m.pointer + i * md) }
    }
  }
}
