import GymCore

/// MAP-Elites' variation (pyribs' `GaussianEmitter`): each child is a uniformly chosen elite
/// plus isotropic Gaussian noise, clipped to the bounds.
///
/// While the archive is empty the parents are `x0`, so the first batch is `x0 + σ·N(0, I)`.
public struct GaussianEmitter: Emitter {
  public let solutionDim: Int
  public let batchSize: Int
  public var name: String { "gaussian" }
  /// The noise's standard deviation.
  public let sigma: Double
  /// The parent while the archive is empty.
  public let x0: [Double]
  /// Optional box the children are clipped to.
  public let bounds: SolutionBounds?
  /// This emitter's random stream.
  public var rng: GymRandom

  /// A Gaussian emitter.
  /// - Parameters:
  ///   - x0: the starting parent (its length is the solution dimension).
  ///   - sigma: noise standard deviation, ≥ 0 (pyribs' examples: 0.5 sphere, 0.1 arm).
  ///   - batchSize: children per `ask`.
  ///   - bounds: clip children to this box.
  ///   - seed: this emitter's seed.
  /// - Throws: `QDError` for a non-finite `x0`, a negative `sigma` or mismatched bounds.
  public init(x0: [Double], sigma: Double, batchSize: Int = 64, bounds: SolutionBounds? = nil, seed: UInt64) throws(QDError) {
    try QDError.checkStart(x0, solutionDim: x0.count, bounds: bounds, batchSize: batchSize)
    try QDError.require(sigma >= 0 && sigma.isFinite, "sigma must be a finite number >= 0, got \(sigma)")
    self.solutionDim = x0.count
    self.batchSize = batchSize
    self.sigma = sigma
    self.x0 = x0
    self.bounds = bounds
    self.rng = GymRandom(seed: seed)
  }

  /// - Complexity: O(batchSize × solutionDim).
  public mutating func ask(archive: ArchiveReader, into out: UnsafeMutablePointer<Double>) {
    let d = solutionDim, n = batchSize, sigma = self.sigma
    var rng = self.rng
    x0.withUnsafeBufferPointer { start in
      withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: n) { parents in
        // The parents first, fetched while the noise is drawn in one tight loop; then each
        // row becomes parent + σ·noise.
        for r in 0..<n {
          parents[r] = archive.isEmpty ? start.baseAddress! : archive.sampleSolution(using: &rng)
          prefetch(parents[r], count: d)
        }
        NormalSampler.shared.fillInterleaved(out, count: n * d, rng: &rng)
        for r in 0..<n {
          let parent = parents[r], child = out + r * d
          for j in 0..<d { child[j] = parent[j] + sigma * child[j] }
        }
      }
    }
    self.rng = rng
    bounds?.clip(out, count: batchSize)
  }
}

/// Iso+LineDD variation (Vassiliades & Mouret 2018; pyribs' `IsoLineEmitter`): for two
/// uniformly chosen elites xᵢ, xⱼ the child is `xᵢ + σ_iso·N(0, I) + σ_line·N(0, 1)·(xⱼ − xᵢ)`,
/// one scalar normal per child for the line term, clipped to the bounds.
///
/// While the archive is empty both parents are `x0`, so the first batch is `x0 + σ_iso·N(0, I)`.
public struct IsoLineEmitter: Emitter {
  public let solutionDim: Int
  public let batchSize: Int
  public var name: String { "iso-line" }
  /// The isotropic noise's standard deviation.
  public let isoSigma: Double
  /// The standard deviation of the step along the line between the two elites.
  public let lineSigma: Double
  /// The parent while the archive is empty.
  public let x0: [Double]
  /// Optional box the children are clipped to.
  public let bounds: SolutionBounds?
  /// This emitter's random stream.
  public var rng: GymRandom

  /// An Iso+LineDD emitter.
  /// - Parameters:
  ///   - x0: the starting parent.
  ///   - isoSigma: isotropic standard deviation, ≥ 0 (pyribs' default 0.01).
  ///   - lineSigma: line standard deviation, ≥ 0 (pyribs' default 0.2).
  ///   - batchSize: children per `ask`.
  ///   - bounds: clip children to this box.
  ///   - seed: this emitter's seed.
  /// - Throws: `QDError` for bad settings.
  public init(
    x0: [Double], isoSigma: Double = 0.01, lineSigma: Double = 0.2, batchSize: Int = 64, bounds: SolutionBounds? = nil, seed: UInt64
  ) throws(QDError) {
    try QDError.checkStart(x0, solutionDim: x0.count, bounds: bounds, batchSize: batchSize)
    try QDError.require(isoSigma >= 0 && isoSigma.isFinite, "isoSigma must be a finite number >= 0, got \(isoSigma)")
    try QDError.require(lineSigma >= 0 && lineSigma.isFinite, "lineSigma must be a finite number >= 0, got \(lineSigma)")
    self.solutionDim = x0.count
    self.batchSize = batchSize
    self.isoSigma = isoSigma
    self.lineSigma = lineSigma
    self.x0 = x0
    self.bounds = bounds
    self.rng = GymRandom(seed: seed)
  }

  /// - Complexity: O(batchSize × solutionDim).
  public mutating func ask(archive: ArchiveReader, into out: UnsafeMutablePointer<Double>) {
    let d = solutionDim, n = batchSize, iso = isoSigma, lineSigma = self.lineSigma
    let normal = NormalSampler.shared
    var rng = self.rng
    guard !archive.isEmpty else {
      normal.fillInterleaved(out, count: n * d, rng: &rng)
      x0.withUnsafeBufferPointer { start in
        for r in 0..<n {
          let child = out + r * d
          for j in 0..<d { child[j] = start[j] + iso * child[j] }
        }
      }
      self.rng = rng
      bounds?.clip(out, count: batchSize)
      return
    }
    // Both elites and the line step of every row first, the elites fetched while the noise is
    // drawn; then the rows.
    withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: 2 * n) { parents in
      withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { lines in
        for r in 0..<n {
          parents[2 * r] = archive.sampleSolution(using: &rng)
          parents[2 * r + 1] = archive.sampleSolution(using: &rng)
          lines[r] = lineSigma * normal.next(&rng)
          prefetch(parents[2 * r], count: d)
          prefetch(parents[2 * r + 1], count: d)
        }
        normal.fillInterleaved(out, count: n * d, rng: &rng)
        for r in 0..<n {
          let a = parents[2 * r], b = parents[2 * r + 1], line = lines[r], child = out + r * d
          for j in 0..<d { child[j] = a[j] + iso * child[j] + line * (b[j] - a[j]) }
        }
      }
    }
    self.rng = rng
    bounds?.clip(out, count: batchSize)
  }
}
