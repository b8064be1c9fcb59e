import GymCore
import GymMultiObjective
// `Hypervolume` and `MetricError` live in the dependency-free GymParetoMetrics (shared with the
// QD archives); GymMORL users get them with `import GymMORL`.
@_exported import GymParetoMetrics

/// Quality indicators of an approximated Pareto front, as MORL-Baselines reports them (all
/// for maximisation, computed on whatever returns you pass — normally discounted returns).
public enum Metrics {
  /// The number of non-dominated points in `points` (MORL-Baselines' cardinality).
  /// - Complexity: O(n² d).
  public static func cardinality(_ points: [[Double]]) throws -> Int {
    try checkDimensions(points)
    return Pareto.nonDominated(points).count
  }

  /// Expected utility (Zintgraf et al. 2015): the mean over `weights` of the best linear
  /// utility `w · p` any point achieves.
  /// - Parameters:
  ///   - points: the front (needs not be filtered).
  ///   - weights: weight vectors, each with one entry per objective.
  /// - Throws: `MetricError` for an empty front or weight set or mismatched dimensions.
  /// - Complexity: O(|weights| · n · d).
  public static func expectedUtility(_ points: [[Double]], weights: [[Double]]) throws -> Double {
    let d = try checkDimensions(points, weights: weights)
    var total = 0.0
    for w in weights { total += bestUtility(points, w, d) }
    return total / Double(weights.count)
  }

  /// Maximum utility loss: over `weights`, the largest gap between the best linear utility on
  /// `reference` (the true front) and on `points`.
  /// - Throws: `MetricError` for empty sets or mismatched dimensions.
  public static func maximumUtilityLoss(_ points: [[Double]], reference: [[Double]], weights: [[Double]]) throws -> Double {
    let d = try checkDimensions(points, weights: weights)
    _ = try checkDimensions(reference, weights: weights)
    guard reference.first?.count == d else { throw MetricError("the reference front has \(reference.first?.count ?? 0) objectives, the points \(d)") }
    var worst = -Double.infinity
    for w in weights { worst = max(worst, bestUtility(reference, w, d) - bestUtility(points, w, d)) }
    return worst
  }

  /// Inverted generational distance: the mean, over the points of `reference`, of the
  /// Euclidean distance to the nearest point of `points` (pymoo's definition).
  /// - Throws: `MetricError` for empty sets or mismatched dimensions.
  public static func invertedGenerationalDistance(_ points: [[Double]], reference: [[Double]]) throws -> Double {
    let d = try checkDimensions(points)
    let e = try checkDimensions(reference)
    guard d == e else { throw MetricError("the reference front has \(e) objectives, the points \(d)") }
    var total = 0.0
    for r in reference {
      var best = Double.infinity
      for p in points {
        var s = 0.0
        for i in 0..<d { s += (r[i] - p[i]) * (r[i] - p[i]) }
        best = min(best, s)
      }
      total += best.squareRoot()
    }
    return total / Double(reference.count)
  }

  /// Sparsity (PGMORL, as in MORL-Baselines): for every objective, the sum of squared gaps
  /// between neighbouring values, summed and divided by `n − 1`; 0 for fewer than two points.
  /// Lower is denser; a single point scores a perfect 0, so read it next to the hypervolume.
  public static func sparsity(_ points: [[Double]]) throws -> Double {
    guard points.count >= 2 else { return 0 }
    let d = try checkDimensions(points)
    var total = 0.0
    for j in 0..<d {
      let values = points.map { $0[j] }.sorted()
      for i in 1..<values.count { total += (values[i] - values[i - 1]) * (values[i] - values[i - 1]) }
    }
    return total / Double(points.count - 1)
  }

  static func bestUtility(_ points: [[Double]], _ w: [Double], _ d: Int) -> Double {
    var best = -Double.infinity
    for p in points {
      var u = 0.0
      for i in 0..<d { u += w[i] * p[i] }
      best = max(best, u)
    }
    return best
  }

  @discardableResult
  static func checkDimensions(_ points: [[Double]]) throws -> Int {
    guard let d = points.first?.count, d > 0 else { throw MetricError("the front is empty") }
    for (i, p) in points.enumerated() {
      guard p.count == d else { throw MetricError("point \(i) has \(p.count) objectives, point 0 has \(d)") }
      guard p.allSatisfy(\.isFinite) else { throw MetricError("point \(i) \(p) is not finite") }
    }
    return d
  }

  static func checkDimensions(_ points: [[Double]], weights: [[Double]]) throws -> Int {
    let d = try checkDimensions(points)
    guard !weights.isEmpty else { throw MetricError("the weight set is empty") }
    for (i, w) in weights.enumerated() where w.count != d {
      throw MetricError("weight \(i) has \(w.count) entries, the points have \(d) objectives")
    }
    return d
  }
}

/// Weight vectors on the probability simplex, for expected utility and weight-driven agents.
public enum Weights {
  /// The simplex lattice (Das and Dennis 1998): every vector of multiples of `1/divisions`
  /// with `dimension` non-negative entries summing to 1; C(divisions + d − 1, d − 1) vectors.
  ///
  /// MORL-Baselines uses pymoo's Riesz s-energy directions instead; for two objectives both
  /// are the evenly spaced weights, for more the lattice is the deterministic replacement.
  public static func lattice(dimension d: Int, divisions h: Int) -> [[Double]] {
    precondition(d >= 1 && h >= 1, "lattice needs dimension ≥ 1 and divisions ≥ 1")
    var out: [[Double]] = []
    var current = [Int](repeating: 0, count: d)
    func fill(_ i: Int, _ left: Int) {
      if i == d - 1 {
        current[i] = left
        out.append(current.map { Double($0) / Double(h) })
        return
      }
      for v in stride(from: left, through: 0, by: -1) {
        current[i] = v
        fill(i + 1, left - v)
      }
    }
    fill(0, h)
    return out
  }

  /// The smallest simplex lattice with at least `count` vectors.
  public static func equallySpaced(dimension d: Int, count: Int) -> [[Double]] {
    precondition(count >= 1, "count must be positive")
    if d == 1 { return [[1]] }
    var h = 1
    while binomial(h + d - 1, d - 1) < count { h += 1 }
    return lattice(dimension: d, divisions: h)
  }

  /// `count` vectors drawn uniformly from the simplex (Dirichlet(1, …, 1)).
  public static func random(dimension d: Int, count: Int, using rng: inout GymRandom) -> [[Double]] {
    (0..<count).map { _ in
      var v = (0..<d).map { _ in rng.exponential() }
      let s = v.reduce(0, +)
      for i in 0..<d { v[i] /= s }
      return v
    }
  }

  static func binomial(_ n: Int, _ k: Int) -> Int {
    var r = 1
    for i in 0..<k { r = r * (n - i) / (i + 1) }
    return r
  }
}
