import GymCore
import GymParetoMetrics

/// Multi-objective MAP-Elites' archive (MOME, Pierrot et al. 2022): a grid whose every cell
/// holds a bounded Pareto front instead of one elite.
///
/// All objectives are maximised. A candidate enters its cell unless a member of the cell's
/// front weakly dominates it (≥ in every objective); members it dominates leave. When the
/// front then exceeds `maxFrontSize`, the member with the smallest crowding distance (NSGA-II's,
/// within the cell) is removed — possibly the candidate itself; ties go to the earliest member.
public struct MOMEArchive: Sendable {
  /// One member of a cell's front.
  public struct Entry: Sendable, Equatable {
    public var solution: [Double]
    public var objectives: [Double]
    public var measures: [Double]
  }

  /// The grid (pyribs' index and clamping rule).
  public let layout: GridLayout
  public let solutionDim: Int
  public let objectiveDim: Int
  /// The most members a cell's front keeps.
  public let maxFrontSize: Int
  /// Every cell's front, by cell index (empty arrays for empty cells).
  public internal(set) var fronts: [[Entry]]
  /// Non-empty cells, in the order they were first filled (uniform cell selection draws here).
  public internal(set) var occupied: [Int] = []

  /// An empty archive.
  /// - Throws: `QDError` for bad grid settings, fewer than 2 objectives or a front size below 1.
  public init(solutionDim: Int, objectiveDim: Int, dims: [Int], ranges: [(Double, Double)], maxFrontSize: Int) throws(QDError) {
    try QDError.require(solutionDim >= 1, "solutionDim must be at least 1, got \(solutionDim)")
    try QDError.require(objectiveDim >= 2, "MOME needs at least 2 objectives, got \(objectiveDim)")
    try QDError.require(maxFrontSize >= 1, "maxFrontSize must be at least 1, got \(maxFrontSize)")
    layout = try GridLayout(dims: dims, ranges: ranges)
    self.solutionDim = solutionDim
    self.objectiveDim = objectiveDim
    self.maxFrontSize = maxFrontSize
    fronts = Array(repeating: [], count: layout.cellCount)
  }

  /// Whether `a` weakly dominates `b` (≥ everywhere).
  @inlinable
  public static func weaklyDominates(_ a: [Double], _ b: [Double]) -> Bool {
    for i in a.indices where a[i] < b[i] { return false }
    return true
  }

  /// Whether `a` dominates `b` (≥ everywhere, > somewhere).
  @inlinable
  public static func dominates(_ a: [Double], _ b: [Double]) -> Bool {
    weaklyDominates(a, b) && a != b
  }

  /// Offers one solution; returns whether it is in its cell's front afterwards.
  /// - Throws: `QDError` for wrong lengths; non-finite objectives or measures are rejected
  ///   (returns false) as in pyribs.
  @discardableResult
  public mutating func add(solution: [Double], objectives: [Double], measures: [Double]) throws(QDError) -> Bool {
    try QDError.require(solution.count == solutionDim, "solution has \(solution.count) values, the archive \(solutionDim)")
    try QDError.require(objectives.count == objectiveDim, "\(objectives.count) objectives given, the archive has \(objectiveDim)")
    try QDError.require(measures.count == layout.measureDim, "\(measures.count) measures given, the archive has \(layout.measureDim)")
    guard objectives.allSatisfy(\.isFinite), measures.allSatisfy(\.isFinite) else { return false }
    let cell = measures.withUnsafeBufferPointer { layout.cell(of: $0.baseAddress!) }
    var front = fronts[cell]
    if front.contains(where: { Self.weaklyDominates($0.objectives, objectives) }) { return false }
    front.removeAll { Self.dominates(objectives, $0.objectives) }
    front.append(Entry(solution: solution, objectives: objectives, measures: measures))
    var kept = true
    if front.count > maxFrontSize {
      let drop = Self.mostCrowded(front.map(\.objectives))
      kept = drop != front.count - 1
      front.remove(at: drop)
    }
    if fronts[cell].isEmpty { occupied.append(cell) }
    fronts[cell] = front
    return kept
  }

  /// The index of the point with the smallest crowding distance (extremes of every objective
  /// count as infinitely far); ties go to the lowest index.
  static func mostCrowded(_ points: [[Double]]) -> Int {
    let n = points.count, m = points[0].count
    var distance = [Double](repeating: 0, count: n)
    for k in 0..<m {
      let order = (0..<n).sorted { (points[$0][k], $0) < (points[$1][k], $1) }
      let lo = points[order[0]][k], hi = points[order[n - 1]][k]
      distance[order[0]] = .infinity
      distance[order[n - 1]] = .infinity
      guard hi > lo else { continue }
      for r in 1..<(n - 1) {
        distance[order[r]] += (points[order[r + 1]][k] - points[order[r - 1]][k]) / (hi - lo)
      }
    }
    var best = 0
    for i in 1..<n where distance[i] < distance[best] { best = i }
    return best
  }

  /// The number of filled cells.
  public var filledCells: Int { occupied.count }
  /// The fraction of cells holding a front.
  public var coverage: Double { Double(occupied.count) / Double(layout.cellCount) }
  /// All solutions in the archive.
  public var count: Int { occupied.reduce(0) { $0 + fronts[$1].count } }

  /// The exact hypervolume of every cell's front w.r.t. `reference` (0 for empty cells), by
  /// `Hypervolume` (GymParetoMetrics).
  /// - Precondition: `reference` has `objectiveDim` finite entries.
  public func cellHypervolumes(reference: [Double]) -> [Double] {
    checkReference(reference)
    return fronts.map { $0.isEmpty ? 0 : Hypervolume.unchecked($0.map(\.objectives), reference: reference) }
  }

  /// MOQD score: the sum over cells of their fronts' hypervolumes.
  public func moqdScore(reference: [Double]) -> Double {
    cellHypervolumes(reference: reference).reduce(0, +)
  }

  /// The non-dominated members of the whole archive (in cell order, then front order).
  public var globalFront: [Entry] {
    let all = occupied.sorted().flatMap { fronts[$0] }
    var result: [Entry] = []
    for e in all where !all.contains(where: { Self.dominates($0.objectives, e.objectives) }) {
      if !result.contains(where: { $0.objectives == e.objectives }) { result.append(e) }
    }
    return result
  }

  /// The hypervolume of the global front.
  /// - Precondition: `reference` has `objectiveDim` finite entries.
  public func globalHypervolume(reference: [Double]) -> Double {
    checkReference(reference)
    return Hypervolume.unchecked(globalFront.map(\.objectives), reference: reference)
  }

  /// Stops with a message when `reference` cannot be a reference point for this archive (its
  /// members' objectives are finite and `objectiveDim` long by construction).
  private func checkReference(_ reference: [Double]) {
    precondition(
      reference.count == objectiveDim && reference.allSatisfy(\.isFinite),
      "the reference point \(reference) must have \(objectiveDim) finite entries")
  }
}
