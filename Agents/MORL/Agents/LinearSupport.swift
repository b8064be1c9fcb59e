/// The weight-selection outer loop of Optimistic Linear Support (Roijers 2016) and GPI Linear
/// Support (Alegre et al. 2023): a partial convex coverage set (CCS), its corner weights, and
/// which corner to try next.
///
/// Corner weights are the vertices of the upper surface `max_{v ∈ CCS} w · v` over the weight
/// simplex; they are found by enumerating every choice of d active constraints (surface
/// planes and simplex faces) and solving the small linear system — exact and dependency-free
/// (MORL-Baselines calls the cdd library). OLS's optimistic bound at a corner is the linear
/// programme `max w · v s.t. w_k · v ≤ V*(w_k)` over the visited weights, solved the same way.
public struct LinearSupport: Sendable {
  /// The number of objectives.
  public let objectives: Int
  /// The value vectors of the CCS found so far.
  public private(set) var ccs: [[Double]] = []
  /// The weight each CCS vector was found for.
  public private(set) var support: [[Double]] = []
  /// Every weight tried.
  public private(set) var visited: [[Double]] = []
  /// Improvements below this end the search.
  public var minimumImprovement = 1e-6

  /// An empty CCS for `objectives` objectives.
  public init(objectives: Int) {
    precondition(objectives >= 2, "linear support needs at least two objectives")
    self.objectives = objectives
  }

  /// The extreme weights (one-hot), tried first.
  public var extremeWeights: [[Double]] {
    (0..<objectives).map { i in (0..<objectives).map { $0 == i ? 1 : 0 } }
  }

  /// The best scalarised value of the CCS at `w`.
  public func bestValue(_ w: [Double]) -> Double {
    ccs.map { dot($0, w) }.max() ?? -.infinity
  }

  /// Adds the value found for weight `w`; drops CCS vectors that are no longer optimal for any
  /// visited weight.
  /// - Returns: whether `value` entered the CCS (false when it is optimal at no visited weight
  ///   or is already there).
  @discardableResult
  public mutating func add(_ value: [Double], weight w: [Double]) -> Bool {
    precondition(value.count == objectives && w.count == objectives, "vectors need \(objectives) entries")
    visited.append(w)
    if !ccs.isEmpty && !visited.contains(where: { dot(value, $0) >= bestValue($0) - 1e-12 }) { return false }
    // A run that confirms a corner usually returns a vector already in the CCS: keep one copy.
    if ccs.contains(where: { c in zip(c, value).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($0)) } }) { return false }
    ccs.append(value)
    support.append(w)
    // Keep only vectors that are best at some visited weight.
    var keep = [Bool](repeating: false, count: ccs.count)
    for v in visited {
      let best = bestValue(v)
      for (i, c) in ccs.enumerated() where dot(c, v) >= best - 1e-12 { keep[i] = true }
    }
    ccs = ccs.indices.filter { keep[$0] }.map { ccs[$0] }
    support = support.indices.filter { keep[$0] }.map { support[$0] }
    return true
  }

  /// The corner weights of the current CCS.
  public func cornerWeights() -> [[Double]] {
    let d = objectives
    guard !ccs.isEmpty else { return extremeWeights }
    // Unknowns x = (w_1…w_d, u). Equalities: Σw = 1 plus d chosen from
    // {v_i · w − u = 0} ∪ {w_j = 0}.
    var rows: [[Double]] = ccs.map { $0 + [-1] }
    for j in 0..<d { rows.append((0...d).map { $0 == j ? 1 : 0 }) }
    var corners: [[Double]] = []
    forEachSubset(of: rows.count, size: d) { chosen in
      var a = chosen.map { rows[$0] }
      a.append(Array(repeating: 1, count: d) + [0])
      var b = Array(repeating: 0.0, count: d)
      b.append(1)
      guard let x = solve(a, b) else { return }
      let w = Array(x[0..<d]), u = x[d]
      guard w.allSatisfy({ $0 >= -1e-9 }) else { return }
      guard ccs.allSatisfy({ dot($0, w) <= u + 1e-9 }) else { return }
      let clean = w.map { max(0, $0) }
      let s = clean.reduce(0, +)
      let normalised = clean.map { $0 / s }
      if !corners.contains(where: { zip($0, normalised).allSatisfy { abs($0 - $1) < 1e-9 } }) { corners.append(normalised) }
    }
    return corners
  }

  /// OLS's optimistic upper bound on the value at `w`: `max w · v s.t. w_k · v ≤ V*(w_k)`.
  public func optimisticValue(_ w: [Double]) -> Double {
    guard !visited.isEmpty else { return .infinity }
    let d = objectives
    let constraints = visited.map { ($0, bestValue($0)) }
    var best = -Double.infinity
    var bounded = false
    forEachSubset(of: constraints.count, size: d) { chosen in
      guard let v = solve(chosen.map { constraints[$0].0 }, chosen.map { constraints[$0].1 }) else { return }
      guard constraints.allSatisfy({ dot($0.0, v) <= $0.1 + 1e-9 }) else { return }
      bounded = true
      best = max(best, dot(w, v))
    }
    return bounded ? best : .infinity
  }

  /// The next weight by OLS priority (optimistic bound minus the CCS value), or nil when no
  /// corner improves by `minimumImprovement`. Weights already tried are skipped.
  public func nextOLSWeight() -> [Double]? {
    if let w = extremeWeights.first(where: { e in !visited.contains { zip($0, e).allSatisfy { abs($0 - $1) < 1e-9 } } }) { return w }
    var best: (Double, [Double])?
    for c in cornerWeights() where !visited.contains(where: { zip($0, c).allSatisfy { abs($0 - $1) < 1e-9 } }) {
      let priority = optimisticValue(c) - bestValue(c)
      if priority > minimumImprovement && (best == nil || priority > best!.0) { best = (priority, c) }
    }
    return best?.1
  }

  /// The next weight by GPI-LS priority: at each corner, the best value any of `gpiValues`
  /// (returns of the GPI policy evaluated at the corners) reaches, minus the CCS value.
  /// Returns nil when no corner improves by `minimumImprovement`.
  public func nextGPIWeight(corners: [[Double]], gpiValues: [[Double]]) -> [Double]? {
    if let w = extremeWeights.first(where: { e in !visited.contains { zip($0, e).allSatisfy { abs($0 - $1) < 1e-9 } } }) { return w }
    var best: (Double, [Double])?
    for c in corners {
      let gpi = gpiValues.map { dot($0, c) }.max() ?? -.infinity
      let priority = gpi - bestValue(c)
      if priority > minimumImprovement && (best == nil || priority > best!.0) { best = (priority, c) }
    }
    return best?.1
  }
}

func dot(_ a: [Double], _ b: [Double]) -> Double {
  var s = 0.0
  for i in a.indices { s += a[i] * b[i] }
  return s
}

/// Calls `body` with every increasing `size`-subset of `0..<n`.
func forEachSubset(of n: Int, size k: Int, _ body: ([Int]) -> Void) {
  guard k <= n else { return }
  var idx = Array(0..<k)
  while true {
    body(idx)
    var i = k - 1
    while i >= 0 && idx[i] == n - k + i { i -= 1 }
    if i < 0 { return }
    idx[i] += 1
    for j in (i + 1)..<k { idx[j] = idx[j - 1] + 1 }
  }
}

/// Solves the square system `a x = b` by Gaussian elimination with partial pivoting; nil when
/// singular.
func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
  let n = b.count
  var m = a
  var r = b
  for c in 0..<n {
    var p = c
    for i in (c + 1)..<n where abs(m[i][c]) > abs(m[p][c]) { p = i }
    guard abs(m[p][c]) > 1e-12 else { return nil }
    m.swapAt(c, p)
    r.swapAt(c, p)
    for i in (c + 1)..<n {
      let f = m[i][c] / m[c][c]
      if f == 0 { continue }
      for j in c..<n { m[i][j] -= f * m[c][j] }
      r[i] -= f * r[c]
    }
  }
  var x = Array(repeating: 0.0, count: n)
  for i in stride(from: n - 1, through: 0, by: -1) {
    var s = r[i]
    for j in (i + 1)..<n { s -= m[i][j] * x[j] }
    x[i] = s / m[i][i]
  }
  return x
}
