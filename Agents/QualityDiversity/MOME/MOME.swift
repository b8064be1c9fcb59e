import GymCore
import RealModule

/// A multi-objective quality-diversity problem: objectives (all maximised) and measures.
///
/// `evaluate` must be pure: it is called from several threads and results go by index.
public protocol MOQDTask: Sendable {
  var name: String { get }
  var solutionDim: Int { get }
  var objectiveDim: Int { get }
  var measureRanges: [(Double, Double)] { get }
  /// The hypervolume reference point (every objective of interest lies above it).
  var referencePoint: [Double] { get }
  /// Writes `objectiveDim` objectives and `measureRanges.count` measures.
  func evaluate(_ solution: UnsafePointer<Double>, objectives: UnsafeMutablePointer<Double>, measures: UnsafeMutablePointer<Double>)
  /// One label per objective, for plots and reports.
  var objectiveNames: [String] { get }
  /// One label per measure, for plots and reports.
  var measureNames: [String] { get }
}

// MARK: - Default implementations

extension MOQDTask {
  /// "objective 1", "objective 2", …
  public var objectiveNames: [String] { (1...objectiveDim).map { "objective \($0)" } }
  /// "measure 1", "measure 2", …
  public var measureNames: [String] { (1...measureRanges.count).map { "measure \($0)" } }

  /// Evaluates one solution given as an array.
  /// - Returns: the objectives and the measures.
  public func evaluate(_ solution: [Double]) -> (objectives: [Double], measures: [Double]) {
    precondition(solution.count == solutionDim, "solution has \(solution.count) values, the task \(solutionDim)")
    var o = [Double](repeating: 0, count: objectiveDim), m = [Double](repeating: 0, count: measureRanges.count)
    solution.withUnsafeBufferPointer { s in
      o.withUnsafeMutableBufferPointer { ob in
        m.withUnsafeMutableBufferPointer { evaluate(s.baseAddress!, objectives: ob.baseAddress!, measures: $0.baseAddress!) }
      }
    }
    return (o, m)
  }
}

/// MOME's standard benchmark ("rastrigin-multi"): two Rastrigin functions with optima at
/// xᵢ = +2.048 and xᵢ = −2.048, each rescaled to [0, 100] like the linear-projection tasks
/// (100 at its optimum, 0 at the farthest corner of ±5.12), and the linear-projection measures
/// (coordinates outside ±5.12 folded to 5.12/xᵢ, the two halves summed). Reference point (0, 0).
public struct RastriginMulti: MOQDTask {
  public let solutionDim: Int
  public var name: String { "rastrigin-multi" }
  public var objectiveDim: Int { 2 }
  public var referencePoint: [Double] { [0, 0] }
  /// The optima's coordinates.
  public static let shifts = [LinearProjection.shift, -LinearProjection.shift]
  let worst: Double

  /// - Throws: `QDError` unless `dimension` ≥ 2.
  public init(dimension: Int) throws(QDError) {
    try QDError.require(dimension >= 2, "rastrigin-multi needs at least 2 dimensions, got \(dimension)")
    solutionDim = dimension
    let e = 5.12 + LinearProjection.shift
    worst = 10 * Double(dimension) + Double(dimension) * (e * e - 10 * Double.cos(2 * .pi * e))
  }

  public var measureRanges: [(Double, Double)] {
    let b = Double(solutionDim) / 2 * 5.12
    return [(-b, b), (-b, b)]
  }

  public func evaluate(_ x: UnsafePointer<Double>, objectives: UnsafeMutablePointer<Double>, measures: UnsafeMutablePointer<Double>) {
    let n = solutionDim
    for (k, s) in Self.shifts.enumerated() {
      var raw = 10 * Double(n)
      for i in 0..<n {
        let t = x[i] - s
        raw += t * t - 10 * Double.cos(2 * .pi * t)
      }
      objectives[k] = (1 - raw / worst) * 100
    }
    var m1 = 0.0, m2 = 0.0
    for i in 0..<n {
      let v = x[i]
      let folded = (v < -5.12 || v > 5.12) ? 5.12 / v : v
      if i < n / 2 { m1 += folded } else { m2 += folded }
    }
    measures[0] = m1
    measures[1] = m2
  }
}

/// Multi-objective MAP-Elites (Pierrot et al. 2022): each iteration picks `batchSize` parents
/// by choosing a filled cell uniformly and then a uniform member of its front, varies them
/// (Gaussian or Iso+LineDD, the second Iso+LineDD parent chosen the same way), evaluates the
/// children on `threads` threads and inserts them one by one in batch order. The same seed
/// gives the same archive at any thread count.
public struct MOME: Sendable {
  /// How children are made.
  public enum Variation: Sendable, Equatable {
    case gaussian(sigma: Double)
    case isoLine(isoSigma: Double, lineSigma: Double)
  }

  public let task: any MOQDTask
  public private(set) var archive: MOMEArchive
  public let variation: Variation
  public let batchSize: Int
  /// The parent while the archive is empty.
  public let x0: [Double]
  public var threads: Int
  public private(set) var rng: GymRandom
  public private(set) var evaluations = 0

  /// A MOME run.
  /// - Parameters:
  ///   - resuming: an archive saved by an earlier run (`MOMEArchive.write(to:)`) to continue
  ///     from; it must have the task's dimensions, the grid of `cells` over the task's measure
  ///     box and `maxFrontSize`. The generator starts afresh from `seed`.
  /// - Throws: `QDError` for bad settings or an archive that does not fit.
  public init(
    task: any MOQDTask, cells: [Int], maxFrontSize: Int = 10, variation: Variation, batchSize: Int = 100,
    x0: [Double]? = nil, threads: Int = 1, seed: UInt64, resuming: MOMEArchive? = nil
  ) throws(QDError) {
    try QDError.require(batchSize >= 1, "batchSize must be at least 1, got \(batchSize)")
    try QDError.require(threads >= 1, "threads must be at least 1, got \(threads)")
    switch variation {
    case .gaussian(let s): try QDError.require(s >= 0 && s.isFinite, "sigma must be a finite number >= 0, got \(s)")
    case .isoLine(let a, let b):
      try QDError.require(a >= 0 && a.isFinite && b >= 0 && b.isFinite, "iso and line sigmas must be finite numbers >= 0, got \(a), \(b)")
    }
    let start = x0 ?? [Double](repeating: 0, count: task.solutionDim)
    try QDError.require(start.count == task.solutionDim, "x0 has \(start.count) values, the task \(task.solutionDim)")
    self.task = task
    let fresh = try MOMEArchive(
      solutionDim: task.solutionDim, objectiveDim: task.objectiveDim, dims: cells, ranges: task.measureRanges, maxFrontSize: maxFrontSize)
    if let resumed = resuming {
      try QDError.require(
        resumed.solutionDim == fresh.solutionDim && resumed.objectiveDim == fresh.objectiveDim && resumed.layout == fresh.layout
          && resumed.maxFrontSize == maxFrontSize,
        "the archive to resume has \(resumed.solutionDim) parameters, \(resumed.objectiveDim) objectives, a \(resumed.layout.dims.map(String.init).joined(separator: "x")) grid and fronts of at most \(resumed.maxFrontSize); this run needs \(fresh.solutionDim) parameters, \(fresh.objectiveDim) objectives, a \(cells.map(String.init).joined(separator: "x")) grid over the task's measure box and fronts of at most \(maxFrontSize)")
    }
    archive = resuming ?? fresh
    self.variation = variation
    self.batchSize = batchSize
    self.x0 = start
    self.threads = threads
    rng = GymRandom(seed: seed)
  }

  /// A uniform filled cell, then a uniform member of its front.
  mutating func parent() -> [Double] {
    let cell = archive.occupied[rng.int(below: archive.occupied.count)]
    let front = archive.fronts[cell]
    return front[rng.int(below: front.count)].solution
  }

  /// One iteration: ask, evaluate, insert. Returns how many children entered a front.
  @discardableResult
  public mutating func step() -> Int {
    let d = task.solutionDim, b = batchSize
    var children = [Double](repeating: 0, count: b * d)
    let normal = NormalSampler.shared
    children.withUnsafeMutableBufferPointer { out in
      normal.fillInterleaved(out.baseAddress!, count: b * d, rng: &rng)
    }
    for r in 0..<b {
      switch variation {
      case .gaussian(let sigma):
        let p = archive.occupied.isEmpty ? x0 : parent()
        for j in 0..<d { children[r * d + j] = p[j] + sigma * children[r * d + j] }
      case .isoLine(let iso, let lineSigma):
        if archive.occupied.isEmpty {
          for j in 0..<d { children[r * d + j] = x0[j] + iso * children[r * d + j] }
        } else {
          let a = parent(), c = parent()
          let line = lineSigma * normal.next(&rng)
          for j in 0..<d { children[r * d + j] = a[j] + iso * children[r * d + j] + line * (c[j] - a[j]) }
        }
      }
    }
    let od = task.objectiveDim, md = task.measureRanges.count
    var objectives = [Double](repeating: 0, count: b * od), measures = [Double](repeating: 0, count: b * md)
    let task = self.task
    children.withUnsafeBufferPointer { x in
      objectives.withUnsafeMutableBufferPointer { o in
        measures.withUnsafeMutableBufferPointer { m in
          let xs = SendablePointer(x.baseAddress!), os = SendableMutablePointer(o.baseAddress!)
          let ms = SendableMutablePointer(m.baseAddress!)
          Parallel.forEach(count: b, threads: threads) { i in
            task.evaluate(xs.pointer + i * d, objectives: os.pointer + i * od, measures: ms.pointer + i * md)
          }
        }
      }
    }
    evaluations += b
    var entered = 0
    for r in 0..<b {
      let added = try? archive.add(
        solution: Array(children[(r * d)..<((r + 1) * d)]), objectives: Array(objectives[(r * od)..<((r + 1) * od)]),
        measures: Array(measures[(r * md)..<((r + 1) * md)]))
      if added == true { entered += 1 }
    }
    return entered
  }

  /// Runs `iterations` steps.
  public mutating func run(iterations: Int) {
    for _ in 0..<iterations { step() }
  }
}
