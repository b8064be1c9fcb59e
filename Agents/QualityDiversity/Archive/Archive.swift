import GymCore

/// A MAP-Elites archive: at most one elite per cell of measure space, with pyribs' insertion
/// rules, thresholds (CMA-MAE) and statistics.
///
/// ```swift
/// var archive = try Archive.grid(solutionDim: 100, dims: [100, 100], ranges: [(-256, 256), (-256, 256)])
/// let result = try archive.add(solutions: xs, objectives: fs, measures: ms)
/// print(archive.stats.coverage, archive.stats.qdScore)
/// ```
///
/// ### Insertion
/// A candidate enters its cell when its objective beats the cell's threshold: the current
/// elite's objective, or `thresholdMin` for an empty cell. In a batch, statuses and values are
/// computed against the archive before the batch; several winners for one cell resolve to the
/// best (the first on ties). With `learningRate` α < 1 (CMA-MAE) the threshold of a cell that
/// *k* candidates of the batch beat becomes `(1−α)^k · t + (1−(1−α)^k) · mean(their
/// objectives)` (Fontaine & Nikolaidis 2023, the batch rule), and a candidate can replace a
/// better elite; keep a second plain archive (`Scheduler.resultArchive`) for the best ones.
/// Non-finite objectives or measures are rejected with an error and nothing is inserted.
///
/// ### Statistics
/// `stats` is updated incrementally: coverage as a fraction, QD score as Σ (objective −
/// `qdScoreOffset`) — the offset is *subtracted*, so pass the lowest objective you expect
/// (e.g. −600 for LunarLander) — and its normalised form per cell.
public struct Archive: Sendable {
  /// Parameters per solution.
  public let solutionDim: Int
  /// The tessellation of measure space.
  public internal(set) var layout: ArchiveLayout
  /// CMA-MAE's archive learning rate α in (0, 1]; 1 is plain MAP-Elites.
  public let learningRate: Double
  /// The threshold of an empty cell: −∞ for plain MAP-Elites, finite for CMA-MAE.
  public let thresholdMin: Double
  /// Subtracted from every objective in the QD score.
  public let qdScoreOffset: Double

  // Storage, one slot per cell (structure of arrays).
  var solutions: [Double]
  var objectives: [Double]
  var measureValues: [Double]
  var thresholds: [Double]
  var occupied: [Bool]
  /// Occupied cells in insertion order; the first `numElites` entries are valid.
  @usableFromInline var occupiedList: [Int32]
  /// The number of occupied cells.
  public internal(set) var numElites = 0
  /// Σ objective over the elites.
  var objectiveSum = 0.0
  /// The highest objective inserted since the last `clear()`.
  var objectiveMax: Double? = nil
  /// A copy of the elite with the highest objective inserted since the last `clear()` (it may
  /// since have been replaced when the learning rate is below 1), or nil when empty.
  public internal(set) var bestElite: Elite? = nil

  // Scratch for batch insertion, indexed by cell; `winner` is −1 outside `add`.
  var winner: [Int32]
  var hitCount: [Int32]
  var hitSum: [Double]

  /// An empty archive.
  /// - Parameters:
  ///   - solutionDim: parameters per solution, ≥ 1.
  ///   - layout: the cells.
  ///   - learningRate: CMA-MAE's α in (0, 1]; nil means 1. Needs a finite `thresholdMin`
  ///     unless it is 1.
  ///   - thresholdMin: the threshold of empty cells (CMA-MAE: the lowest objective, e.g. 0);
  ///     −∞ for plain MAP-Elites.
  ///   - qdScoreOffset: subtracted from objectives in the QD score.
  /// - Throws: `QDError` for inconsistent settings, as pyribs' `ValueError`s.
  public init(solutionDim: Int, layout: ArchiveLayout, learningRate: Double? = nil, thresholdMin: Double = -.infinity, qdScoreOffset: Double = 0) throws(QDError) {
    try QDError.require(solutionDim >= 1, "solutionDim must be at least 1, got \(solutionDim)")
    try QDError.require(!thresholdMin.isNaN && thresholdMin != .infinity, "thresholdMin must be finite or -infinity, got \(thresholdMin)")
    try QDError.require(thresholdMin == -.infinity || learningRate != nil, "thresholdMin was set without learningRate; thresholdMin is only for CMA-MAE, so set learningRate too (e.g. 0.01)")
    let alpha = learningRate ?? 1
    try QDError.require(alpha > 0 && alpha <= 1, "learningRate must be in (0, 1], got \(alpha)")
    try QDError.require(thresholdMin != -.infinity || alpha == 1, "learningRate \(alpha) needs a finite thresholdMin (thresholdMin can only be -infinity when learningRate is 1)")
    try QDError.require(qdScoreOffset.isFinite, "qdScoreOffset must be finite, got \(qdScoreOffset)")
    if case .slidingBoundaries = layout {
      try QDError.require(alpha == 1, "a sliding-boundaries archive is elitist; learningRate must be 1")
    }
    let cells = layout.cellCount
    try QDError.require(cells.multipliedReportingOverflow(by: solutionDim).partialValue <= 1 << 34, "the archive would hold \(cells) × \(solutionDim) values; that is too large")
    self.solutionDim = solutionDim
    self.layout = layout
    self.learningRate = alpha
    self.thresholdMin = thresholdMin
    self.qdScoreOffset = qdScoreOffset
    solutions = [Double](repeating: 0, count: cells * solutionDim)
    objectives = [Double](repeating: 0, count: cells)
    measureValues = [Double](repeating: 0, count: cells * layout.measureDim)
    thresholds = [Double](repeating: 0, count: cells)
    occupied = [Bool](repeating: false, count: cells)
    occupiedList = [Int32](repeating: -1, count: cells)
    winner = [Int32](repeating: -1, count: cells)
    hitCount = [Int32](repeating: 0, count: cells)
    hitSum = [Double](repeating: 0, count: cells)
  }

  /// An empty grid archive (pyribs' `GridArchive`).
  /// - Parameters: as `init(solutionDim:layout:...)` and `GridLayout.init(dims:ranges:epsilon:)`.
  public static func grid(
    solutionDim: Int, dims: [Int], ranges: [(Double, Double)], learningRate: Double? = nil,
    thresholdMin: Double = -.infinity, qdScoreOffset: Double = 0, epsilon: Double = 1e-6
  ) throws(QDError) -> Archive {
    try Archive(solutionDim: solutionDim, layout: .grid(GridLayout(dims: dims, ranges: ranges, epsilon: epsilon)),
                learningRate: learningRate, thresholdMin: thresholdMin, qdScoreOffset: qdScoreOffset)
  }

  /// An empty CVT archive over the given layout (pyribs' `CVTArchive`).
  public static func cvt(
    solutionDim: Int, layout: CVTLayout, learningRate: Double? = nil, thresholdMin: Double = -.infinity, qdScoreOffset: Double = 0
  ) throws(QDError) -> Archive {
    try Archive(solutionDim: solutionDim, layout: .cvt(layout), learningRate: learningRate, thresholdMin: thresholdMin, qdScoreOffset: qdScoreOffset)
  }

  /// An empty sliding-boundaries archive (pyribs' `SlidingBoundariesArchive`).
  public static func slidingBoundaries(
    solutionDim: Int, dims: [Int], ranges: [(Double, Double)], remapFrequency: Int = 100, bufferCapacity: Int = 1000,
    qdScoreOffset: Double = 0, epsilon: Double = 1e-6
  ) throws(QDError) -> Archive {
    try Archive(
      solutionDim: solutionDim,
      layout: .slidingBoundaries(SlidingBoundariesLayout(dims: dims, ranges: ranges, epsilon: epsilon, remapFrequency: remapFrequency, bufferCapacity: bufferCapacity)),
      qdScoreOffset: qdScoreOffset)
  }

  // MARK: - Shape and statistics

  /// The number of measure dimensions.
  public var measureDim: Int { layout.measureDim }
  /// The number of cells.
  public var cellCount: Int { occupied.count }
  /// Whether no cell is occupied.
  public var isEmpty: Bool { numElites == 0 }

  /// Coverage, QD score, max and mean objective.
  /// - Complexity: O(1).
  public var stats: ArchiveStats {
    let n = Double(numElites)
    let qd = objectiveSum - n * qdScoreOffset
    return ArchiveStats(
      numElites: numElites, coverage: n / Double(cellCount), qdScore: qd, normQDScore: qd / Double(cellCount),
      objMax: objectiveMax, objMean: numElites > 0 ? objectiveSum / n : nil)
  }

  /// Whether `cell` holds an elite.
  public func isOccupied(_ cell: Int) -> Bool { occupied[cell] }

  /// The occupied cells, in the order they were first filled.
  public var occupiedCells: [Int] { occupiedList[0..<numElites].map { Int($0) } }

  /// The elite of `cell`, or nil when the cell is empty.
  /// - Precondition: `0 <= cell < cellCount`.
  public func elite(inCell cell: Int) -> Elite? {
    precondition(cell >= 0 && cell < cellCount, "cell \(cell) outside 0..<\(cellCount)")
    guard occupied[cell] else { return nil }
    let d = solutionDim, m = measureDim
    return Elite(
      cell: cell, solution: Array(solutions[cell * d..<(cell + 1) * d]), objective: objectives[cell],
      measures: Array(measureValues[cell * m..<(cell + 1) * m]), threshold: thresholds[cell])
  }

  /// Every elite, in the order their cells were first filled.
  public var elites: [Elite] { occupiedList[0..<numElites].map { elite(inCell: Int($0))! } }

  /// The cell a measure vector falls in.
  /// - Throws: `QDError` if the vector has the wrong length or a non-finite value.
  public func cell(of measures: [Double]) throws(QDError) -> Int {
    try QDError.require(measures.count == measureDim, "measures must have \(measureDim) values, got \(measures.count)")
    try QDError.require(measures.allSatisfy(\.isFinite), "measures must be finite, got \(measures)")
    return measures.withUnsafeBufferPointer { layout.cell(of: $0.baseAddress!) }
  }

  /// The elite of the cell that `measures` falls in, or nil (pyribs' `retrieve_single`).
  public func retrieve(measures: [Double]) throws(QDError) -> Elite? {
    elite(inCell: try cell(of: measures))
  }

  /// The objective of every cell as a dense array (NaN where empty), indexed by cell.
  public var objectiveByCell: [Double] {
    (0..<cellCount).map { occupied[$0] ? objectives[$0] : .nan }
  }

  /// A uniformly random occupied cell (MAP-Elites' selection).
  /// - Precondition: the archive is not empty.
  public func sampleCell(using rng: inout GymRandom) -> Int {
    precondition(numElites > 0, "cannot sample from an empty archive")
    return Int(occupiedList[rng.int(below: numElites)])
  }

  /// Removes every elite and resets the statistics (the layout is kept).
  public mutating func clear() {
    for k in 0..<numElites { occupied[Int(occupiedList[k])] = false }
    numElites = 0
    objectiveSum = 0
    objectiveMax = nil
    bestElite = nil
  }

  /// Read-only, allocation-free access to the elites for worker threads; valid inside `body`.
  public func withReader<R>(_ body: (ArchiveReader) throws -> R) rethrows -> R {
    try solutions.withUnsafeBufferPointer { s in
      try occupiedList.withUnsafeBufferPointer { o in
        try body(ArchiveReader(count: numElites, solutionDim: solutionDim, solutions: s.baseAddress!, occupiedList: o.baseAddress!))
      }
    }
  }
}

/// A read-only view of an archive's elites for use on worker threads (see
/// `Archive.withReader`); it must not outlive the call that made it.
public struct ArchiveReader: @unchecked Sendable {
  /// The number of elites.
  public let count: Int
  /// Parameters per solution.
  public let solutionDim: Int
  @usableFromInline let solutions: UnsafePointer<Double>
  @usableFromInline let occupiedList: UnsafePointer<Int32>

  @usableFromInline
  init(count: Int, solutionDim: Int, solutions: UnsafePointer<Double>, occupiedList: UnsafePointer<Int32>) {
    self.count = count
    self.solutionDim = solutionDim
    self.solutions = solutions
    self.occupiedList = occupiedList
  }

  /// Whether the archive has no elites.
  @inlinable public var isEmpty: Bool { count == 0 }

  /// The solution of a uniformly random elite.
  /// - Precondition: not empty.
  @inlinable @inline(__always)
  public func sampleSolution(using rng: inout GymRandom) -> UnsafePointer<Double> {
    let cell = Int(occupiedList[rng.int(below: count)])
    return solutions + cell * solutionDim
  }
}
