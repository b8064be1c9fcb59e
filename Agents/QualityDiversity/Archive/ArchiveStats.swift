/// Summary figures of an archive, as pyribs' `ArchiveStats`.
public struct ArchiveStats: Sendable, Hashable, CustomStringConvertible {
  /// Occupied cells.
  public var numElites: Int
  /// Occupied cells over all cells, 0…1 (pyribs' convention; QDax reports percent).
  public var coverage: Double
  /// Σ (objective − `qdScoreOffset`) over the elites.
  public var qdScore: Double
  /// `qdScore` divided by the number of cells; with objectives in [0, 100] this is the
  /// "QD-score" the CMA-MAE paper reports.
  public var normQDScore: Double
  /// The highest objective ever inserted since the last `clear()` (may belong to an elite
  /// that was since replaced when the learning rate is below 1), or nil when empty.
  public var objMax: Double?
  /// The mean objective of the current elites, or nil when empty.
  public var objMean: Double?

  /// Statistics with these values.
  public init(numElites: Int, coverage: Double, qdScore: Double, normQDScore: Double, objMax: Double?, objMean: Double?) {
    self.numElites = numElites
    self.coverage = coverage
    self.qdScore = qdScore
    self.normQDScore = normQDScore
    self.objMax = objMax
    self.objMean = objMean
  }

  public var description: String {
    let maxText = objMax.map { "\($0)" } ?? "-"
    let meanText = objMean.map { "\($0)" } ?? "-"
    return "elites \(numElites), coverage \(coverage), QD score \(qdScore) (normalised \(normQDScore)), max \(maxText), mean \(meanText)"
  }
}

/// One elite: the best solution kept in a cell, with its objective, measures and the cell's
/// threshold.
public struct Elite: Sendable, Hashable {
  /// The cell's flat index.
  public var cell: Int
  /// The solution's parameters.
  public var solution: [Double]
  /// The solution's objective.
  public var objective: Double
  /// The solution's measures (descriptor).
  public var measures: [Double]
  /// The cell's acceptance threshold (the objective itself when the learning rate is 1).
  public var threshold: Double

  /// An elite with these fields.
  public init(cell: Int, solution: [Double], objective: Double, measures: [Double], threshold: Double) {
    self.cell = cell
    self.solution = solution
    self.objective = objective
    self.measures = measures
    self.threshold = threshold
  }
}
