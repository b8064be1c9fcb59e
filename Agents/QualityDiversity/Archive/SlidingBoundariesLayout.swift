/// A grid whose cell edges follow the distribution of recent measures (Fontaine et al. 2019,
/// pyribs' `SlidingBoundariesArchive`): for unknown or skewed measure distributions.
///
/// The archive keeps a buffer of the `bufferCapacity` most recent candidates. After every
/// `remapFrequency` candidates it moves the edges of dimension *i* to the
/// `j · size / dims[i]`-th smallest buffered measure (the last edge to the largest), clears
/// itself and re-inserts its previous elites (in insertion order) and then the buffered
/// candidates (oldest first). Until the first remap the cells are an even grid over `ranges`.
/// Insertion is one candidate at a time and elitist (no learning rate), as in pyribs.
public struct SlidingBoundariesLayout: Sendable, Hashable {
  /// Cells along each measure dimension.
  public let dims: [Int]
  /// The current cell edges: `dims[i] + 1` increasing values for dimension `i`.
  public internal(set) var boundaries: [[Double]]
  /// Lower edge of the current box (the first boundary of each dimension).
  public internal(set) var lowerBounds: [Double]
  /// Upper edge of the current box (the last boundary of each dimension).
  public internal(set) var upperBounds: [Double]
  /// Added before the binary search, against rounding at an edge.
  public let epsilon: Double
  /// Candidates between remaps.
  public let remapFrequency: Int
  /// The most candidates kept for remapping.
  public let bufferCapacity: Int
  /// Candidates offered since the archive was made (drives remapping).
  public internal(set) var totalAdded: Int = 0
  /// Buffered candidates, oldest first once `bufferStart` is applied.
  var bufferSolutions: [Double] = []
  var bufferObjectives: [Double] = []
  var bufferMeasures: [Double] = []
  var bufferStart = 0
  var bufferCount = 0

  /// A sliding-boundaries layout.
  /// - Parameters:
  ///   - dims: cells per measure dimension, each ≥ 1.
  ///   - ranges: the initial box, `(lower, upper)` per dimension.
  ///   - epsilon: pyribs' 1e-6.
  ///   - remapFrequency: candidates between remaps (pyribs: 100), ≥ 1.
  ///   - bufferCapacity: candidates kept (pyribs: 1,000), ≥ 1.
  /// - Throws: `QDError` for bad shapes or values.
  public init(dims: [Int], ranges: [(Double, Double)], epsilon: Double = 1e-6, remapFrequency: Int = 100, bufferCapacity: Int = 1000) throws(QDError) {
    let grid = try GridLayout(dims: dims, ranges: ranges, epsilon: epsilon)
    try QDError.require(remapFrequency >= 1, "remapFrequency must be at least 1, got \(remapFrequency)")
    try QDError.require(bufferCapacity >= 1, "bufferCapacity must be at least 1, got \(bufferCapacity)")
    self.dims = dims
    self.boundaries = (0..<dims.count).map { grid.boundaries($0) }
    self.lowerBounds = grid.lowerBounds
    self.upperBounds = grid.upperBounds
    self.epsilon = epsilon
    self.remapFrequency = remapFrequency
    self.bufferCapacity = bufferCapacity
  }

  /// The number of cells.
  public var cellCount: Int { dims.reduce(1, *) }
  /// The number of measure dimensions.
  public var measureDim: Int { dims.count }
  /// The number of buffered candidates.
  public var bufferSize: Int { bufferCount }

  /// The flat cell of a measure vector under the current edges (row-major).
  /// - Complexity: O(Σ log dims).
  @inlinable
  public func cell(of measures: UnsafePointer<Double>) -> Int {
    var cell = 0
    for i in 0..<dims.count {
      let n = dims[i]
      let m = Swift.min(Swift.max(measures[i] + epsilon, lowerBounds[i]), upperBounds[i] - epsilon)
      // Number of the first n edges strictly below m (numpy.searchsorted, side="left").
      let edges = boundaries[i]
      var lo = 0, hi = n
      while lo < hi {
        let mid = (lo + hi) / 2
        if edges[mid] < m { lo = mid + 1 } else { hi = mid }
      }
      cell = cell * n + Swift.max(0, lo - 1)
    }
    return cell
  }

  /// Appends a candidate to the buffer, dropping the oldest when full.
  mutating func buffer(solution: UnsafePointer<Double>, solutionDim: Int, objective: Double, measures: UnsafePointer<Double>) {
    let d = dims.count
    if bufferSolutions.isEmpty {
      bufferSolutions = [Double](repeating: 0, count: bufferCapacity * solutionDim)
      bufferObjectives = [Double](repeating: 0, count: bufferCapacity)
      bufferMeasures = [Double](repeating: 0, count: bufferCapacity * d)
    }
    let slot: Int
    if bufferCount == bufferCapacity {
      slot = bufferStart
      bufferStart = (bufferStart + 1) % bufferCapacity
    } else {
      slot = (bufferStart + bufferCount) % bufferCapacity
      bufferCount += 1
    }
    for j in 0..<solutionDim { bufferSolutions[slot * solutionDim + j] = solution[j] }
    bufferObjectives[slot] = objective
    for j in 0..<d { bufferMeasures[slot * d + j] = measures[j] }
  }

  /// The ring slot of the `k`-th oldest buffered candidate.
  func bufferSlot(_ k: Int) -> Int { (bufferStart + k) % bufferCapacity }

  /// Moves the edges to the quantiles of the buffered measures.
  mutating func remapBoundaries() {
    let d = dims.count
    for i in 0..<d {
      var values = (0..<bufferCount).map { bufferMeasures[bufferSlot($0) * d + i] }
      values.sort()
      for j in 0..<dims[i] { boundaries[i][j] = values[j * bufferCount / dims[i]] }
      boundaries[i][dims[i]] = values[bufferCount - 1]
      lowerBounds[i] = boundaries[i][0]
      upperBounds[i] = boundaries[i][dims[i]]
    }
  }
}

extension SlidingBoundariesLayout {
  /// The buffered candidates, oldest first: solutions, objectives, measures.
  public var bufferContents: (solutions: [Double], objectives: [Double], measures: [Double]) {
    let d = dims.count
    let sd = bufferCount == 0 ? 0 : bufferSolutions.count / bufferCapacity
    var s: [Double] = [], o: [Double] = [], m: [Double] = []
    for k in 0..<bufferCount {
      let slot = bufferSlot(k)
      s += bufferSolutions[slot * sd..<(slot + 1) * sd]
      o.append(bufferObjectives[slot])
      m += bufferMeasures[slot * d..<(slot + 1) * d]
    }
    return (s, o, m)
  }

  /// Equal edges, settings, counters and buffered candidates (in age order).
  public static func == (a: Self, b: Self) -> Bool {
    guard a.dims == b.dims, a.boundaries == b.boundaries, a.lowerBounds == b.lowerBounds, a.upperBounds == b.upperBounds,
          a.epsilon == b.epsilon, a.remapFrequency == b.remapFrequency, a.bufferCapacity == b.bufferCapacity,
          a.totalAdded == b.totalAdded, a.bufferCount == b.bufferCount
    else { return false }
    let x = a.bufferContents, y = b.bufferContents
    return x.solutions == y.solutions && x.objectives == y.objectives && x.measures == y.measures
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(dims)
    hasher.combine(boundaries)
    hasher.combine(totalAdded)
    hasher.combine(bufferCount)
  }
}
