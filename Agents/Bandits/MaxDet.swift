/// Small dense linear algebra for DP-BAI: spans, determinants, solves and the Max-Det choice.
public enum MaxDet {
  /// An orthonormal basis of the span of `vectors` (modified Gram–Schmidt; directions whose
  /// residual norm is below `tolerance` times the largest input norm count as dependent).
  public static func basis(of vectors: [[Double]], tolerance: Double = 1e-9) -> [[Double]] {
    let scale = vectors.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() }.max() ?? 0
    guard scale > 0 else { return [] }
    var out: [[Double]] = []
    for v in vectors {
      var r = v
      for q in out {
        let dot = zip(r, q).reduce(0) { $0 + $1.0 * $1.1 }
        for j in r.indices { r[j] -= dot * q[j] }
      }

      let norm = r.reduce(0) { $0 + $1 * $1 }.squareRoot()
      if norm > tolerance * scale { out.append(r.map { $0 / norm }) }
    }
    return out
  }

  /// The coordinates of every vector in the orthonormal `basis`.
  public static func coordinates(_ vectors: [[Double]], in basis: [[Double]]) -> [[Double]] {
    vectors.map { v in basis.map { q in zip(v, q).reduce(0) { $0 + $1.0 * $1.1 } } }
  }

  /// The determinant of a square matrix given as rows (LU with partial pivoting).
  public static func determinant(_ rows: [[Double]]) -> Double {
    let n = rows.count
    var m = rows, det = 1.0
    for col in 0..<n {
      var pivot = col
      for r in col..<n where abs(m[r][col]) > abs(m[pivot][col]) { pivot = r }
      if m[pivot][col] == 0 { return 0 }
      if pivot != col {
        m.swapAt(pivot, col)
        det = -det
      }
      det *= m[col][col]
      for r in (col + 1)..<n {
        let f = m[r][col] / m[col][col]
        if f != 0 { for j in col..<n { m[r][j] -= f * m[col][j] } }
      }
    }
    return det
  }

  /// The solution x of `rows`·x = `rhs`, or `nil` when the matrix is singular.
  public static func solve(_ rows: [[Double]], _ rhs: [Double]) -> [Double]? {
    let n = rows.count
    var m = rows, b = rhs
    for col in 0..<n {
      var pivot = col
      for r in col..<n where abs(m[r][col]) > abs(m[pivot][col]) { pivot = r }
      guard abs(m[pivot][col]) > 1e-300 else { return nil }
      m.swapAt(pivot, col)
      b.swapAt(pivot, col)
      for r in (col + 1)..<n {
        let f = m[r][col] / m[col][col]
        if f != 0 {
          for j in col..<n { m[r][j] -= f * m[col][j] }
          b[r] -= f * b[col]
        }
      }
    }

    var x = [Double](repeating: 0, count: n)
    for r in stride(from: n - 1, through: 0, by: -1) {
      var s = b[r]
      for j in (r + 1)..<n { s -= m[r][j] * x[j] }
      x[r] = s / m[r][r]
    }
    return x
  }

  /// A Max-Det collection: `size` of the `vectors` (each of length `size`) whose matrix has
  /// the largest absolute determinant — DP-BAI's "maximum absolute determinant" principle, a
  /// D-optimal design supported on `size` arms.
  ///
  /// Exact (every subset, in lexicographic order, the first maximum kept) when there are at
  /// most `exactLimit` subsets; otherwise greedy volume pivoting followed by single swaps that
  /// raise |det| until none does (a local optimum).
  /// - Returns: indices into `vectors`, increasing.
  public static func collection(_ vectors: [[Double]], size: Int, exactLimit: Int = 20_000) -> [Int] {
    let n = vectors.count
    precondition(size > 0 && size <= n, "a Max-Det collection needs 1…\(n) vectors")
    if binomial(n, size, cap: exactLimit + 1) <= exactLimit {
      var best: [Int] = Array(0..<size), bestDet = -1.0
      var subset = Array(0..<size)
      while true {
        let det = abs(determinant(subset.map { vectors[$0] }))
        if det > bestDet {
          bestDet = det
          best = subset
        }
        // Next subset in lexicographic order.
        var i = size - 1
        while i >= 0 && subset[i] == n - size + i { i -= 1 }
        if i < 0 { break }
        subset[i] += 1
        for j in (i + 1)..<size { subset[j] = subset[j - 1] + 1 }
      }
      return best
    }
    // Greedy: repeatedly take the vector with the largest residual after projecting out the
    // chosen ones (this maximises the volume step by step).
    var chosen: [Int] = [], residuals = vectors
    for _ in 0..<size {
      var pick = -1, pickNorm = -1.0
      for i in 0..<n where !chosen.contains(i) {
        let norm = residuals[i].reduce(0) { $0 + $1 * $1 }
        if norm > pickNorm { pick = i; pickNorm = norm }
      }
      chosen.append(pick)
      let q = residuals[pick], qq = max(pickNorm, 1e-300)
      for i in 0..<n {
        let dot = zip(residuals[i], q).reduce(0) { $0 + $1.0 * $1.1 } / qq
        for j in residuals[i].indices { residuals[i][j] -= dot * q[j] }
      }
    }

    var det = abs(determinant(chosen.map { vectors[$0] }))
    var improved = true
    while improved {
      improved = false
      for slot in 0..<size {
        for candidate in 0..<n where !chosen.contains(candidate) {
          var trial = chosen
          trial[slot] = candidate
          let d = abs(determinant(trial.map { vectors[$0] }))
          if d > det * (1 + 1e-12) {
            chosen = trial
            det = d
            improved = true
          }
        }
      }
    }
    return chosen.sorted()
  }

  /// C(n, k), or `cap` once it reaches `cap`.
  static func binomial(_ n: Int, _ k: Int, cap: Int) -> Int {
    var r = 1.0
    for i in 0..<k {
      r = r * Double(n - i) / Double(i + 1)
      if r >= Double(cap) { return cap }
    }
    return Int(r.rounded())
  }
}
