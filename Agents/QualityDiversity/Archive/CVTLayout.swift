import Dispatch
import GymCore

/// A centroidal Voronoi tessellation of measure space (CVT-MAP-Elites, Vassiliades et al.
/// 2018): each cell is the region nearest to one centroid.
///
/// Centroids come from k-means over uniform samples of the measure box
/// (`CVTLayout.kMeans(...)`, as pyribs' `k_means_centroids`) or from your own array; they are
/// stored with the archive, so a saved archive keeps its exact cells. Lookup is an exact
/// nearest-centroid query on a k-d tree (ties go to the lower centroid index).
public struct CVTLayout: Sendable, Hashable {
  /// The centroids, row-major (`cellCount × measureDim`).
  public let centroids: [Double]
  /// Lower edge of the measure box (for plots and random directions).
  public let lowerBounds: [Double]
  /// Upper edge of the measure box.
  public let upperBounds: [Double]
  /// The search structure over the centroids.
  public let tree: KDTree

  /// A layout with the given centroids.
  /// - Parameters:
  ///   - centroids: one row of `ranges.count` values per cell, row-major.
  ///   - ranges: `(lower, upper)` per measure dimension.
  /// - Throws: `QDError` when the shapes disagree or values are not finite.
  public init(centroids: [Double], ranges: [(Double, Double)]) throws(QDError) {
    let d = ranges.count
    try QDError.require(d >= 1, "a CVT layout needs at least one measure dimension")
    for (i, r) in ranges.enumerated() {
      try QDError.require(r.0.isFinite && r.1.isFinite && r.0 < r.1, "ranges[\(i)] must be finite with lower < upper, got (\(r.0), \(r.1))")
    }
    try QDError.require(!centroids.isEmpty && centroids.count % d == 0, "centroids must hold a positive multiple of \(d) values (one row per cell), got \(centroids.count)")
    try QDError.require(centroids.allSatisfy(\.isFinite), "centroids must be finite")
    try QDError.require(centroids.count / d <= Int(Int32.max), "too many centroids")
    self.centroids = centroids
    self.lowerBounds = ranges.map(\.0)
    self.upperBounds = ranges.map(\.1)
    self.tree = KDTree(points: centroids, dimension: d)
  }

  /// The number of cells (centroids).
  public var cellCount: Int { tree.count }
  /// The number of measure dimensions.
  public var measureDim: Int { lowerBounds.count }

  /// The cell (nearest centroid) of a measure vector.
  /// - Complexity: O(log cells) expected.
  @inlinable
  public func cell(of measures: UnsafePointer<Double>) -> Int { tree.nearest(to: measures) }

  /// The centroid of `cell`.
  public func centroid(_ cell: Int) -> [Double] {
    Array(centroids[cell * measureDim..<(cell + 1) * measureDim])
  }

  /// Centroids by Lloyd's k-means over points drawn uniformly from the measure box, as
  /// pyribs' `k_means_centroids` (random initial centroids, one run).
  /// - Parameters:
  ///   - cells: the number of centroids.
  ///   - ranges: the measure box.
  ///   - samples: uniform points to cluster (pyribs: 100,000); at least `cells`.
  ///   - maxIterations: Lloyd iterations at most (scikit-learn's 300).
  ///   - tolerance: stop when the squared centroid movement, summed, falls below this times
  ///     the mean per-dimension variance of the samples (scikit-learn's rule, 1e-4).
  ///   - seed: seeds the samples and the initial choice.
  ///   - threads: worker threads for the assignment step (the result does not depend on it).
  /// - Returns: the layout.
  /// - Throws: `QDError` for bad sizes or ranges.
  /// - Complexity: O(iterations · samples · log cells).
  public static func kMeans(
    cells: Int, ranges: [(Double, Double)], samples: Int = 100_000, maxIterations: Int = 300,
    tolerance: Double = 1e-4, seed: UInt64 = 0, threads: Int = 1
  ) throws(QDError) -> CVTLayout {
    let d = ranges.count
    try QDError.require(cells >= 1, "cells must be at least 1, got \(cells)")
    try QDError.require(samples >= cells, "samples (\(samples)) must be at least cells (\(cells))")
    try QDError.require(maxIterations >= 1, "maxIterations must be at least 1")
    try QDError.require(threads >= 1, "threads must be at least 1")
    _ = try CVTLayout(centroids: [Double](repeating: 0, count: d), ranges: ranges)  // validates ranges
    var rng = GymRandom(seed: seed)
    var points = [Double](repeating: 0, count: samples * d)
    for i in 0..<samples {
      for j in 0..<d { points[i * d + j] = rng.uniform(ranges[j].0, ranges[j].1) }
    }
    // Random distinct samples as the initial centroids (partial Fisher–Yates).
    var pick = Array(0..<samples)
    var centroids = [Double](repeating: 0, count: cells * d)
    for c in 0..<cells {
      let k = c + rng.int(below: samples - c)
      pick.swapAt(c, k)
      for j in 0..<d { centroids[c * d + j] = points[pick[c] * d + j] }
    }
    var meanVariance = 0.0
    for j in 0..<d {
      var m = 0.0, s = 0.0
      for i in 0..<samples { m += points[i * d + j] }
      m /= Double(samples)
      for i in 0..<samples { let t = points[i * d + j] - m; s += t * t }
      meanVariance += s / Double(samples) / Double(d)
    }
    let threshold = tolerance * meanVariance
    var assignment = [Int32](repeating: 0, count: samples)
    for _ in 0..<maxIterations {
      let tree = KDTree(points: centroids, dimension: d)
      let chunks = min(threads * 4, samples)
      let frozenPoints = points
      assignment.withUnsafeMutableBufferPointer { out in
        let outBox = SendableMutablePointer(out.baseAddress!)
        frozenPoints.withUnsafeBufferPointer { pts in
          let ptsBox = SendablePointer(pts.baseAddress!)
          let body: @Sendable (Int) -> Void = { chunk in
            let lo = chunk * samples / chunks, hi = (chunk + 1) * samples / chunks
            for i in lo..<hi { outBox.pointer[i] = Int32(tree.nearest(to: ptsBox.pointer + i * d)) }
          }
          if threads == 1 { for c in 0..<chunks { body(c) } } else { DispatchQueue.concurrentPerform(iterations: chunks, execute: body) }
        }
      }
      var sums = [Double](repeating: 0, count: cells * d)
      var counts = [Int](repeating: 0, count: cells)
      for i in 0..<samples {
        let c = Int(assignment[i])
        counts[c] += 1
        for j in 0..<d { sums[c * d + j] += points[i * d + j] }
      }
      var shift = 0.0
      for c in 0..<cells where counts[c] > 0 {
        for j in 0..<d {
          let v = sums[c * d + j] / Double(counts[c])
          let t = v - centroids[c * d + j]
          shift += t * t
          centroids[c * d + j] = v
        }
      }
      if shift <= threshold { break }
    }
    return try CVTLayout(centroids: centroids, ranges: ranges)
  }
}
