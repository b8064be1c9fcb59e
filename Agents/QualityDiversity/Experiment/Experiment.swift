import GymCore

/// A complete MAP-Elites run with the standard benchmark configuration of the CMA-MAE paper
/// and pyribs' sphere example: a 100 × 100 grid over the task's measure box, 15 emitters of 36
/// solutions (540 evaluations per iteration), emitters starting at x0 = 0.
///
/// Algorithms and their settings (σ per task: linear projection / arm):
/// - `.mapElites`: `GaussianEmitter`, σ = 0.5 / 0.1.
/// - `.isoLine`: `IsoLineEmitter`, σ_iso = 0.5 / 0.1, σ_line = 0.2.
/// - `.cmaME`: `EvolutionStrategyEmitter`, σ₀ = 0.5 / 0.1, `2imp` ranking, filter selection,
///   restart when nothing is added; elitist archive.
/// - `.cmaMAE`: `EvolutionStrategyEmitter`, σ₀ = 0.5 / 0.1, `imp` ranking, μ selection, basic
///   restarts; archive learning rate 0.01 and threshold 0, elites reported from a plain result
///   archive.
///
/// Emitter *k* is seeded with `GymRandom(seed: seed).derive(k)`, so a seed fixes the run at
/// any thread count.
public struct Experiment: Sendable {
  /// The search algorithm.
  public enum Algorithm: String, Sendable, CaseIterable {
    /// Gaussian MAP-Elites.
    case mapElites = "gaussian"
    /// MAP-Elites with Iso+LineDD variation.
    case isoLine = "iso-line"
    /// CMA-ME (improvement emitters).
    case cmaME = "cma-me"
    /// CMA-MAE (archive learning rate 0.01).
    case cmaMAE = "cma-mae"
  }

  /// The problem.
  public var task: any QDTask
  /// The algorithm.
  public var algorithm: Algorithm
  /// Cells per measure dimension.
  public var cells: [Int] = [100, 100]
  /// Number of emitters.
  public var emitterCount = 15
  /// Solutions per emitter per iteration.
  public var batchSize = 36
  /// Mutation σ (Gaussian), σ_iso (Iso+LineDD) or σ₀ (CMA-ES); nil uses the task's standard value.
  public var sigma: Double? = nil
  /// Iso+LineDD's line σ.
  public var lineSigma = 0.2
  /// CMA-MAE's archive learning rate.
  public var learningRate = 0.01
  /// The run's seed.
  public var seed: UInt64 = 42
  /// Threads for asking and evaluating.
  public var threads = 1
  /// Run only this many of the emitters each iteration, chosen by UCB1 (`BanditSelection`);
  /// 0 runs them all.
  public var banditActive = 0

  /// An experiment with the standard settings.
  public init(task: any QDTask, algorithm: Algorithm) {
    self.task = task
    self.algorithm = algorithm
  }

  /// The σ used: `sigma`, else 0.1 for the arm, 1.0 for LunarLander and 0.5 otherwise.
  public var effectiveSigma: Double { sigma ?? (task is ArmRepertoire ? 0.1 : task is LunarLanderTask ? 1.0 : 0.5) }

  /// Linear BipedalWalker gaits by foot-contact fractions: a 32 × 32 grid, 5 CMA-ME emitters of
  /// 30 policies, σ₀ = 0.5, environment seed 0.
  public static func bipedalWalker(seeds: [UInt64] = [0]) throws(QDError) -> Experiment {
    var e = Experiment(task: try BipedalWalkerTask(seeds: seeds), algorithm: .cmaME)
    e.cells = [32, 32]
    e.emitterCount = 5
    e.batchSize = 30
    e.sigma = 0.5
    return e
  }

  /// pyribs' lunar-lander tutorial configuration: a 50 × 50 grid, 5 CMA-ME emitters of 30
  /// policies, σ₀ = 1, environment seed 52 (300 iterations are its 45,000 episodes).
  public static func lunarLander(seeds: [UInt64] = [52]) throws(QDError) -> Experiment {
    var e = Experiment(task: try LunarLanderTask(seeds: seeds), algorithm: .cmaME)
    e.cells = [50, 50]
    e.emitterCount = 5
    e.batchSize = 30
    e.sigma = 1.0
    return e
  }

  /// A scheduler set up for this experiment.
  /// - Parameters:
  ///   - resuming: an archive saved by an earlier run to continue from (for CMA-MAE its
  ///     learning archive, `scheduler.archive`); its layout and settings must be the
  ///     experiment's. The emitters start afresh from the experiment's seed.
  ///   - resumingResult: CMA-MAE's result archive (`scheduler.resultArchive`), with `resuming`.
  /// - Throws: `QDError` for inconsistent settings or an archive that does not fit.
  public func makeScheduler(resuming: Archive? = nil, resumingResult: Archive? = nil) throws(QDError) -> Scheduler {
    let d = task.solutionDim
    try QDError.require(cells.count == task.measureDim, "cells has \(cells.count) entries; the task has \(task.measureDim) measures")
    try QDError.require(emitterCount >= 1, "emitterCount must be at least 1, got \(emitterCount)")
    let x0 = [Double](repeating: 0, count: d)
    let root = GymRandom(seed: seed)
    let sigma = effectiveSigma
    var emitters: [any Emitter] = []
    for k in 0..<emitterCount {
      var stream = root.derive(UInt64(k))
      let s = stream.next()
      switch algorithm {
      case .mapElites: emitters.append(try GaussianEmitter(x0: x0, sigma: sigma, batchSize: batchSize, seed: s))
      case .isoLine: emitters.append(try IsoLineEmitter(x0: x0, isoSigma: sigma, lineSigma: lineSigma, batchSize: batchSize, seed: s))
      case .cmaME:
        emitters.append(try EvolutionStrategyEmitter(x0: x0, sigma0: sigma, batchSize: batchSize, ranker: .twoStageImprovement, selection: .filter, restart: .noImprovement, seed: s))
      case .cmaMAE:
        emitters.append(try EvolutionStrategyEmitter(x0: x0, sigma0: sigma, batchSize: batchSize, ranker: .improvement, selection: .mu, restart: .basic, seed: s))
      }
    }
    var bandit: BanditSelection? = nil
    if banditActive != 0 { bandit = try BanditSelection(pool: emitterCount, active: banditActive) }
    let ranges = task.measureRanges
    let offset = task.qdScoreOffset
    /// `resumed` if it has `fresh`'s shape and settings.
    func checked(_ resumed: Archive?, like fresh: Archive, _ what: String) throws(QDError) -> Archive {
      guard let resumed else { return fresh }
      try QDError.require(
        resumed.solutionDim == d && resumed.layout == fresh.layout && resumed.learningRate == fresh.learningRate
          && resumed.thresholdMin == fresh.thresholdMin && resumed.qdScoreOffset == offset,
        "the \(what) to resume has solution size \(resumed.solutionDim) and a different layout, learning rate, threshold or QD-score offset; this experiment needs solution size \(d), a \(cells.map(String.init).joined(separator: "x")) grid over the task's measure box and learning rate \(fresh.learningRate)")
      return resumed
    }
    if algorithm == .cmaMAE {
      try QDError.require((resuming == nil) == (resumingResult == nil), "a CMA-MAE run resumes from both its learning archive and its result archive")
      let archive = try Archive.grid(solutionDim: d, dims: cells, ranges: ranges, learningRate: learningRate, thresholdMin: offset, qdScoreOffset: offset)
      let result = try Archive.grid(solutionDim: d, dims: cells, ranges: ranges, qdScoreOffset: offset)
      return try Scheduler(
        archive: try checked(resuming, like: archive, "learning archive"), emitters: emitters,
        resultArchive: try checked(resumingResult, like: result, "result archive"), threads: threads, bandit: bandit)
    }
    try QDError.require(resumingResult == nil, "only CMA-MAE runs have a result archive to resume")
    let archive = try Archive.grid(solutionDim: d, dims: cells, ranges: ranges, qdScoreOffset: offset)
    return try Scheduler(archive: try checked(resuming, like: archive, "archive"), emitters: emitters, threads: threads, bandit: bandit)
  }

  /// One point of a run's progress curve.
  public struct Progress: Sendable, Hashable {
    /// Iterations done.
    public var iteration: Int
    /// Evaluations done.
    public var evaluations: Int
    /// The reported archive's statistics then.
    public var stats: ArchiveStats
    /// Wall seconds since the run began.
    public var seconds: Double
  }

  /// Runs `iterations` iterations.
  /// - Parameters:
  ///   - resuming, resumingResult: archives to continue from (see `makeScheduler`).
  ///   - logEvery: record a progress point every this many iterations (and at the end).
  ///   - progress: called with each point as it is recorded.
  /// - Returns: the final scheduler and the progress points.
  /// - Throws: `QDError` for bad settings or a task that returns non-finite values.
  public func run(
    iterations: Int, resuming: Archive? = nil, resumingResult: Archive? = nil, logEvery: Int = 100,
    progress: (Progress) -> Void = { _ in }
  ) throws(QDError) -> (scheduler: Scheduler, curve: [Progress]) {
    try QDError.require(iterations >= 0, "iterations must be >= 0, got \(iterations)")
    var scheduler = try makeScheduler(resuming: resuming, resumingResult: resumingResult)
    var curve: [Progress] = []
    let clock = ContinuousClock()
    let start = clock.now
    for i in 1...max(iterations, 1) where iterations > 0 {
      try scheduler.step(task)
      if i % max(logEvery, 1) == 0 || i == iterations {
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let p = Progress(iteration: i, evaluations: scheduler.evaluations, stats: scheduler.reportArchive.stats, seconds: seconds)
        curve.append(p)
        progress(p)
      }
    }
    return (scheduler, curve)
  }
}
