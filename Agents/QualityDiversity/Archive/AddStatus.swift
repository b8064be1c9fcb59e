/// What happened to one candidate offered to an archive: pyribs' `AddStatus`, with the same
/// raw values (0 not added, 1 improved an occupied cell, 2 discovered a new cell).
public enum AddStatus: Int8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// The candidate did not beat its cell's threshold and was discarded.
  case notAdded = 0
  /// The candidate beat the threshold of an occupied cell.
  case improveExisting = 1
  /// The candidate landed in an empty cell (above `thresholdMin`).
  case new = 2

  /// Whether the candidate entered the archive (or would have, had it been its cell's best).
  @inlinable public var isAdded: Bool { self != .notAdded }

  public var description: String {
    switch self {
    case .notAdded: "not added"
    case .improveExisting: "improve existing"
    case .new: "new"
    }
  }
}

/// The outcome of offering a batch to an archive: one status and one value per candidate.
///
/// As in pyribs, statuses and values are computed against the archive *before* the batch, so
/// two candidates that discover the same empty cell are both `.new`. A value is the
/// candidate's objective minus its cell's threshold (the CMA-ME "improvement"): for a new
/// cell the threshold is 0 when `thresholdMin` is −∞, and `thresholdMin` otherwise.
public struct AddResult: Sendable, Hashable {
  /// One status per candidate, in batch order.
  public var status: [AddStatus]
  /// One improvement value per candidate, in batch order.
  public var value: [Double]

  /// A result with these statuses and values.
  public init(status: [AddStatus], value: [Double]) {
    self.status = status
    self.value = value
  }

  /// The number of candidates that entered (or could have entered) the archive.
  public var addedCount: Int { status.reduce(0) { $0 + ($1.isAdded ? 1 : 0) } }
}
