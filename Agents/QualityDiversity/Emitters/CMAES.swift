import CBLAS
import GymCore
import RealModule

/// CMA-ES (Hansen's covariance matrix adaptation evolution strategy) as the search
/// distribution of `EvolutionStrategyEmitter`, with pyribs' `CMAEvolutionStrategy` choices:
/// log-decreasing weights over the parents the emitter selects, the eigendecomposition
/// refreshed lazily (every `0.5·λ / ((c1 + cμ)·n)` evaluations), the step size adapted by
/// `exp(min(1, cs/dσ · (‖pσ‖²/n − 1) / 2))`, and stop tests on the condition number, the
/// search area and flat rankings.
///
/// The rank-one update is the textbook `c1 · pc pcᵀ` with the path pc in units of σ (pyribs
/// 0.12 keeps pc unscaled and multiplies the term by c1 twice).
public struct CMAES: Sendable {
  /// The problem dimension n.
  public let dimension: Int
  /// Solutions per generation λ.
  public let batchSize: Int
  /// The step size at every (re)start.
  public let sigma0: Double
  /// Optional box; samples outside it are drawn again (up to 100 times, then clipped).
  public let bounds: SolutionBounds?

  /// The distribution's mean.
  public private(set) var mean: [Double]
  /// The current step size σ.
  public private(set) var sigma: Double
  var pc: [Double]
  var ps: [Double]
  /// Upper triangle (row-major) of the covariance matrix C.
  var cov: [Double]
  var eigen: SymmetricEigen
  /// `max(eigenvalue) / min(eigenvalue)` of the last decomposition.
  public private(set) var conditionNumber = 1.0
  var currentEval = 0
  var updatedEval = 0
  let lazyGapEvals: Double

  // Scratch.
  var noise: [Double]
  var weighted: [Double]
  var vectorScratch: [Double]

  /// A CMA-ES state at `x0` with identity covariance.
  init(x0: [Double], sigma0: Double, batchSize: Int, bounds: SolutionBounds?) {
    let n = x0.count
    dimension = n
    self.batchSize = batchSize
    self.sigma0 = sigma0
    self.bounds = bounds
    let p = Self.parameters(n: n, parents: batchSize / 2)
    lazyGapEvals = 0.5 * Double(n) * Double(batchSize) / (p.c1 + p.cmu) / Double(n * n)
    mean = x0
    sigma = sigma0
    pc = [Double](repeating: 0, count: n)
    ps = pc
    cov = [Double](repeating: 0, count: n * n)
    eigen = SymmetricEigen(dimension: n)
    noise = [Double](repeating: 0, count: batchSize * n)
    weighted = [Double](repeating: 0, count: batchSize * n)
    vectorScratch = [Double](repeating: 0, count: n)
    reset(x0)
  }

  /// Restarts from `x0`: σ = σ₀, identity covariance, empty paths.
  mutating func reset(_ x0: [Double]) {
    let n = dimension
    mean = x0
    sigma = sigma0
    for i in 0..<n { pc[i] = 0; ps[i] = 0 }
    for k in 0..<(n * n) { cov[k] = 0 }
    for i in 0..<n { cov[i * n + i] = 1 }
    eigen = SymmetricEigen(dimension: n)
    conditionNumber = 1
    currentEval = 0
    updatedEval = 0
  }

  /// Weights, μ_eff and learning rates for `parents` parents (Hansen's defaults).
  static func parameters(n: Int, parents mu: Int) -> (weights: [Double], mueff: Double, cc: Double, cs: Double, c1: Double, cmu: Double) {
    let m = max(mu, 1)
    var w = (1...m).map { Double.log(Double(m) + 0.5) - Double.log(Double($0)) }
    let total = w.reduce(0, +)
    w = w.map { $0 / total }
    let mueff = 1 / w.reduce(0) { $0 + $1 * $1 }
    let d = Double(n)
    let cc = (4 + mueff / d) / (d + 4 + 2 * mueff / d)
    let cs = (mueff + 2) / (d + mueff + 5)
    let c1 = 2 / ((d + 1.3) * (d + 1.3) + mueff)
    let cmu = min(1 - c1, 2 * (mueff - 2 + 1 / mueff) / ((d + 2) * (d + 2) + mueff))
    return (w, mueff, cc, cs, c1, cmu)
  }

  /// Refreshes the eigendecomposition when enough evaluations passed since the last one.
  mutating func updateEigensystem() {
    guard Double(currentEval) > Double(updatedEval) + lazyGapEvals else { return }
    if eigen.decompose(upper: cov) {
      var lo = Double.infinity, hi = 0.0
      for k in 0..<dimension {
        let v = abs(eigen.values[k])
        eigen.values[k] = v
        lo = min(lo, v)
        hi = max(hi, v)
      }
      conditionNumber = hi / lo
    } else {
      conditionNumber = .infinity
    }
    updatedEval = currentEval
  }

  /// Samples `batchSize` solutions into `out` (row-major).
  /// - Complexity: O(λ·n²) plus an O(n³) decomposition every few generations.
  mutating func ask(into out: UnsafeMutablePointer<Double>, rng: inout GymRandom) {
    updateEigensystem()
    let n = dimension, lambda = batchSize
    let normal = NormalSampler.shared
    var pending = Array(0..<lambda)
    var attempts = 0
    while !pending.isEmpty {
      sample(rows: pending, into: out, rng: &rng, normal: normal)
      attempts += 1
      guard let bounds else { break }
      if attempts >= 100 {
        bounds.clip(out, count: lambda)
        break
      }
      pending = pending.filter { !bounds.contains(out + $0 * n) }
    }
  }

  /// Draws `mean + σ·B·D^{1/2}·z` for the listed rows.
  private mutating func sample(rows: [Int], into out: UnsafeMutablePointer<Double>, rng: inout GymRandom, normal: NormalSampler) {
    let n = dimension, k = rows.count
    let scale = eigen.values.map { sigma * $0.squareRoot() }
    noise.withUnsafeMutableBufferPointer { z in
      normal.fill(z.baseAddress!, count: k * n, rng: &rng)
      for r in 0..<k {
        for j in 0..<n { z[r * n + j] *= scale[j] }
      }
      weighted.withUnsafeMutableBufferPointer { x in
        eigen.vectors.withUnsafeBufferPointer { v in
          cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(k), Int32(n), Int32(n), 1, z.baseAddress!, Int32(n), v.baseAddress!, Int32(n), 0, x.baseAddress!, Int32(n))
        }
        for r in 0..<k {
          let dst = out + rows[r] * n
          let src = x.baseAddress! + r * n
          for j in 0..<n { dst[j] = src[j] + mean[j] }
        }
      }
    }
  }

  /// Moves the distribution toward the best `parents` of the last batch.
  /// - Parameters:
  ///   - solutions: the batch, row-major, `batchSize` rows.
  ///   - ranking: row indices, best first.
  ///   - parents: how many of the best rows to recombine; 0 leaves the distribution alone.
  mutating func tell(solutions: UnsafePointer<Double>, ranking: [Int], parents: Int) {
    let n = dimension
    currentEval += ranking.count
    guard parents > 0 else { return }
    let mu = min(parents, ranking.count)
    let p = Self.parameters(n: n, parents: mu)
    let d = Double(n)
    let damps = 1 + 2 * max(0, ((p.mueff - 1) / (d + 1)).squareRoot() - 1) + p.cs
    let oldMean = mean
    var newMean = [Double](repeating: 0, count: n)
    for k in 0..<mu {
      let row = solutions + ranking[k] * n
      let w = p.weights[k]
      for j in 0..<n { newMean[j] += w * row[j] }
    }
    mean = newMean
    var y = [Double](repeating: 0, count: n)
    for j in 0..<n { y[j] = newMean[j] - oldMean[j] }
    // z = C^{-1/2} y = Bᵀ... with eigenvectors as rows: z = Vᵀ · diag(D^{-1/2}) · V · y.
    let v = eigen.vectors
    cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(n), Int32(n), 1, v, Int32(n), y, 1, 0, &vectorScratch, 1)
    for j in 0..<n { vectorScratch[j] /= eigen.values[j].squareRoot() }
    var z = [Double](repeating: 0, count: n)
    cblas_dgemv(CblasRowMajor, CblasTrans, Int32(n), Int32(n), 1, v, Int32(n), vectorScratch, 1, 0, &z, 1)
    let psScale = (p.cs * (2 - p.cs) * p.mueff).squareRoot() / sigma
    var psNorm2 = 0.0
    for j in 0..<n {
      ps[j] = (1 - p.cs) * ps[j] + psScale * z[j]
      psNorm2 += ps[j] * ps[j]
    }
    let generations = Double(currentEval) / Double(batchSize)
    let left = psNorm2 / d / (1 - Double.pow(1 - p.cs, 2 * generations))
    let hsig: Double = left < 2 + 4 / (d + 1) ? 1 : 0
    // The evolution path in units of σ, so the rank-one term c1·pc·pcᵀ has C's scale.
    let pcScale = hsig * (p.cc * (2 - p.cc) * p.mueff).squareRoot() / sigma
    for j in 0..<n { pc[j] = (1 - p.cc) * pc[j] + pcScale * y[j] }
    // Rank-μ rows: √wₖ (xₖ − old mean).
    for k in 0..<mu {
      let row = solutions + ranking[k] * n
      let s = p.weights[k].squareRoot()
      for j in 0..<n { weighted[k * n + j] = s * (row[j] - oldMean[j]) }
    }
    let c1a = p.c1 * (1 - (1 - hsig * hsig) * p.cc * (2 - p.cc))
    let keep = 1 - c1a - p.cmu
    for i in 0..<n {
      for j in i..<n { cov[i * n + j] *= keep }
    }
    cblas_dsyr(CblasRowMajor, CblasUpper, Int32(n), p.c1, pc, 1, &cov, Int32(n))
    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(n), Int32(mu), p.cmu / (sigma * sigma), weighted, Int32(n), 1, &cov, Int32(n))
    let cn = p.cs / damps
    sigma *= Double.exp(min(1, cn * (psNorm2 / d - 1) / 2))
  }

  /// pyribs' stop tests: an ill-conditioned covariance, a vanishing search area, or a batch
  /// whose best and worst ranking values coincide.
  func shouldStop(rankingSpread: Double) -> Bool {
    if conditionNumber > 1e14 { return true }
    let maxEigen = eigen.values.max() ?? 1
    if sigma * maxEigen.squareRoot() < 1e-11 { return true }
    return rankingSpread < 1e-12
  }
}
