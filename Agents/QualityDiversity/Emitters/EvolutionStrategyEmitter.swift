import GymCore

/// CMA-ME and CMA-MAE's emitter (pyribs' `EvolutionStrategyEmitter` with `es="cma_es"`):
/// CMA-ES proposes a batch, the archive's verdict ranks it, and CMA-ES moves toward the
/// best-ranked solutions; on a restart the search begins again from a random elite.
///
/// - CMA-ME (Fontaine et al. 2020): `ranker: .twoStageImprovement, selection: .filter,
///   restart: .noImprovement` on an elitist archive.
/// - CMA-MAE (Fontaine & Nikolaidis 2023): `ranker: .improvement, selection: .mu,
///   restart: .basic` on an archive with `learningRate` < 1 and a finite `thresholdMin`.
public struct EvolutionStrategyEmitter: Emitter {
  /// How a batch is ordered before CMA-ES selects parents (pyribs' rankers).
  public enum Ranker: String, Sendable, CaseIterable {
    /// By improvement value, best first (`imp`; CMA-MAE).
    case improvement = "imp"
    /// New cells first, then improvements, then the rest, each by improvement value (`2imp`; CMA-ME).
    case twoStageImprovement = "2imp"
    /// By objective (`obj`; the optimizing emitter).
    case objective = "obj"
    /// Added solutions first, then by objective (`2obj`).
    case twoStageObjective = "2obj"
  }

  /// How many ranked solutions become parents.
  public enum Selection: String, Sendable, CaseIterable {
    /// The best half of the batch.
    case mu
    /// Only the solutions the archive accepted.
    case filter
  }

  /// When CMA-ES starts over from a random elite (besides its own stop tests).
  public enum Restart: Sendable, Hashable {
    /// When no solution of a batch entered the archive.
    case noImprovement
    /// Only on CMA-ES's stop tests.
    case basic
    /// Every this many batches.
    case every(Int)
  }

  public let solutionDim: Int
  public var batchSize: Int { es.batchSize }
  public var name: String { "cma-es(\(ranker.rawValue))" }
  /// The ranking rule.
  public let ranker: Ranker
  /// The parent selection rule.
  public let selection: Selection
  /// The restart rule.
  public let restart: Restart
  /// The search distribution.
  public private(set) var es: CMAES
  /// The first starting point.
  public let x0: [Double]
  /// This emitter's random stream.
  public var rng: GymRandom
  /// Restarts so far.
  public private(set) var restarts = 0
  /// Batches told so far.
  public private(set) var iterations = 0
  var restartPending = false

  /// An evolution-strategy emitter.
  /// - Parameters:
  ///   - x0: the first mean.
  ///   - sigma0: the step size at every start (pyribs' examples: 0.5 on the sphere).
  ///   - batchSize: λ; nil uses CMA-ES's default `4 + ⌊3 ln n⌋`.
  ///   - ranker, selection, restart: see the types.
  ///   - bounds: samples outside are drawn again.
  ///   - seed: this emitter's seed.
  /// - Throws: `QDError` for bad settings.
  public init(
    x0: [Double], sigma0: Double, batchSize: Int? = nil, ranker: Ranker = .twoStageImprovement, selection: Selection = .filter,
    restart: Restart = .noImprovement, bounds: SolutionBounds? = nil, seed: UInt64
  ) throws(QDError) {
    let n = x0.count
    let lambda = batchSize ?? (4 + Int((3 * Double.log(Double(max(n, 1)))).rounded(.down)))
    try QDError.checkStart(x0, solutionDim: n, bounds: bounds, batchSize: lambda)
    try QDError.require(lambda >= 2, "an evolution strategy needs a batchSize of at least 2, got \(lambda)")
    try QDError.require(sigma0 > 0 && sigma0.isFinite, "sigma0 must be a finite number > 0, got \(sigma0)")
    if case .every(let k) = restart { try QDError.require(k >= 1, "restart every k batches needs k >= 1, got \(k)") }
    if let bounds {
      try QDError.require(bounds.contains(x0), "x0 must lie inside the bounds")
    }
    solutionDim = n
    self.ranker = ranker
    self.selection = selection
    self.restart = restart
    self.x0 = x0
    es = CMAES(x0: x0, sigma0: sigma0, batchSize: lambda, bounds: bounds)
    rng = GymRandom(seed: seed)
  }

  public mutating func ask(archive: ArchiveReader, into out: UnsafeMutablePointer<Double>) {
    if restartPending {
      // pyribs restarts from one elite sampled from the archive right after `tell`; nothing
      // changes the archive between that `tell` and this `ask`.
      let start = archive.isEmpty ? x0 : Array(UnsafeBufferPointer(start: archive.sampleSolution(using: &rng), count: solutionDim))
      es.reset(start)
      restarts += 1
      restartPending = false
    }
    es.ask(into: out, rng: &rng)
  }

  public mutating func tell(_ feedback: EmitterFeedback) {
    precondition(feedback.count == batchSize, "an evolution-strategy emitter must be told exactly the batch it asked for")
    iterations += 1
    let added = feedback.addedCount
    let order = rank(feedback)
    let parents = selection == .filter ? added : batchSize / 2
    es.tell(solutions: feedback.solutions, ranking: order, parents: parents)
    let spread = rankingSpread(feedback, first: order.first!, last: order.last!)
    var restartNow = es.shouldStop(rankingSpread: spread)
    switch restart {
    case .noImprovement: restartNow = restartNow || added == 0
    case .basic: break
    case .every(let k): restartNow = restartNow || iterations % k == 0
    }
    if restartNow { restartPending = true }
  }

  /// Row indices, best first; ties keep batch order.
  func rank(_ f: EmitterFeedback) -> [Int] {
    let keys: (Int) -> (Double, Double)
    switch ranker {
    case .improvement: keys = { (0, f.values[$0]) }
    case .twoStageImprovement: keys = { (Double(f.status[$0].rawValue), f.values[$0]) }
    case .objective: keys = { (0, f.objectives[$0]) }
    case .twoStageObjective: keys = { (f.status[$0].isAdded ? 1 : 0, f.objectives[$0]) }
    }
    let k = (0..<f.count).map { keys($0) }
    return (0..<f.count).sorted { a, b in
      if k[a].0 != k[b].0 { return k[a].0 > k[b].0 }
      if k[a].1 != k[b].1 { return k[a].1 > k[b].1 }
      return a < b
    }
  }

  /// The distance between the best and worst ranking keys (pyribs' flat-ranking stop test).
  func rankingSpread(_ f: EmitterFeedback, first: Int, last: Int) -> Double {
    switch ranker {
    case .improvement: return abs(f.values[first] - f.values[last])
    case .objective: return abs(f.objectives[first] - f.objectives[last])
    case .twoStageImprovement:
      let s = Double(f.status[first].rawValue) - Double(f.status[last].rawValue), v = f.values[first] - f.values[last]
      return (s * s + v * v).squareRoot()
    case .twoStageObjective:
      let s = (f.status[first].isAdded ? 1.0 : 0) - (f.status[last].isAdded ? 1.0 : 0), v = f.objectives[first] - f.objectives[last]
      return (s * s + v * v).squareRoot()
    }
  }
}
