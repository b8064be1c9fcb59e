/// Pareto dominance for maximisation, and non-dominated filtering.
///
/// Every objective is maximised, as in MO-Gymnasium: costs are negative rewards.
public enum Pareto {
  /// Whether `a` Pareto-dominates `b`: at least as good in every objective and better in one.
  /// - Precondition: equal lengths.
  @inlinable
  public static func dominates(_ a: [Double], _ b: [Double]) -> Bool {
    precondition(a.count == b.count, "points of different dimensions: \(a.count) and \(b.count)")
    var better = false
    for i in a.indices {
      if a[i] < b[i] { return false }
      if a[i] > b[i] { better = true }
    }
    return better
  }

  /// Whether `a` weakly dominates `b` within `tolerance`: `a[i] ≥ b[i] − tolerance` for all i.
  @inlinable
  public static func weaklyDominates(_ a: [Double], _ b: [Double], tolerance: Double = 0) -> Bool {
    precondition(a.count == b.count, "points of different dimensions: \(a.count) and \(b.count)")
    for i in a.indices where a[i] < b[i] - tolerance { return false }
    return true
  }

  /// The non-dominated points of `points`, duplicates (within `tolerance`) removed, sorted
  /// lexicographically in decreasing order of the first objective.
  ///
  /// A point is dropped when another point is at least as good in every objective up to
  /// `tolerance`; of near-equal points the first in the sorted order is kept.
  /// - Complexity: O(n log n) for two objectives, O(n² d) otherwise.
  public static func nonDominated(_ points: [[Double]], tolerance: Double = 0) -> [[Double]] {
    guard let d = points.first?.count else { return [] }
    precondition(points.allSatisfy { $0.count == d }, "points of different dimensions")
    let finite = points.filter { $0.allSatisfy { !$0.isNaN } }
    // Decreasing lexicographic order: a point can only be dominated by one before it.
    let sorted = finite.sorted { a, b in
      for i in 0..<d where a[i] != b[i] { return a[i] > b[i] }
      return false
    }
    var kept: [[Double]] = []
    if d == 2 {
      var bestY = -Double.infinity
      for p in sorted where p[1] > bestY + tolerance {
        // A kept point whose x is within tolerance of p's is weakly dominated by p.
        while let last = kept.last, last[0] - p[0] <= tolerance { kept.removeLast() }
        kept.append(p)
        bestY = p[1]
      }
      return kept
    }
    outer: for p in sorted {
      for q in kept where weaklyDominates(q, p, tolerance: tolerance) { continue outer }
      kept.append(p)
    }
    return kept
  }

  /// The indices of the non-dominated points of `points` (exact comparison, duplicates all
  /// kept), in input order.
  /// - Complexity: O(n² d).
  public static func nonDominatedIndices(_ points: [[Double]]) -> [Int] {
    points.indices.filter { i in !points.indices.contains { j in j != i && dominates(points[j], points[i]) } }
  }
}
