/// Drives emitters against an archive (pyribs' `Scheduler`): `ask` concatenates every
/// emitter's batch, `tell` inserts the evaluated batch and hands each emitter its slice.
///
/// ```swift
/// let task = try LinearProjection(.sphere, dimension: 100)
/// var archive = try Archive.grid(solutionDim: 100, dims: [100, 100], ranges: task.measureRanges)
/// let emitters = try (0..<15).map { try IsoLineEmitter(x0: .init(repeating: 0, count: 100), isoSigma: 0.5, batchSize: 36, seed: UInt64($0)) }
/// var scheduler = try Scheduler(archive: archive, emitters: emitters, threads: 2)
/// for _ in 0..<1000 { try scheduler.step(task) }
/// print(scheduler.archive.stats)
/// ```
///
/// Emitters ask in parallel (each with its own generator), evaluation runs in parallel
/// (results written by index) and insertion is sequential, so a seed gives the same archive
/// at any `threads`. With a `resultArchive` (CMA-MAE) every batch is also offered to it, and
/// it holds the elites to report.
public struct Scheduler: Sendable {
  /// The archive the emitters search with.
  public private(set) var archive: Archive
  /// A plain archive that receives every batch too (CMA-MAE's elitist record), or nil.
  public private(set) var resultArchive: Archive?
  /// The emitters, asked in order.
  public private(set) var emitters: [any Emitter]
  /// Threads for asking and evaluating.
  public var threads: Int
  /// Batches told so far.
  public private(set) var iterations = 0
  /// Evaluations told so far.
  public private(set) var evaluations = 0
  /// Solutions per iteration (the sum of the active emitters' batch sizes).
  public private(set) var batchSize: Int
  /// The emitters the next `ask` uses, in order: all of them, unless a bandit chooses.
  public private(set) var active: [Int]
  /// Multi-emitter selection (pyribs' `BanditScheduler`), or nil to run every emitter.
  public private(set) var bandit: BanditSelection?
  /// Where each active emitter's rows begin in the batch.
  var offsets: [Int] = []

  var solutions: [Double]
  var objectives: [Double]
  var measures: [Double]
  var status: [AddStatus]
  var values: [Double]
  var asked = false

  /// A scheduler.
  /// - Parameters:
  ///   - archive: the archive to fill.
  ///   - emitters: at least one, all with the archive's solution dimension.
  ///   - resultArchive: an optional second archive (same shape) offered every batch.
  ///   - threads: worker threads, ≥ 1.
  ///   - bandit: choose the emitters of each iteration from the pool by UCB1 instead of
  ///     running them all.
  /// - Throws: `QDError` on mismatched dimensions or no emitters.
  public init(
    archive: Archive, emitters: [any Emitter], resultArchive: Archive? = nil, threads: Int = 1, bandit: BanditSelection? = nil
  ) throws(QDError) {
    try QDError.require(!emitters.isEmpty, "a scheduler needs at least one emitter")
    try QDError.require(threads >= 1, "threads must be at least 1, got \(threads)")
    for (i, e) in emitters.enumerated() {
      try QDError.require(e.solutionDim == archive.solutionDim, "emitter \(i) makes solutions of \(e.solutionDim) values; the archive holds \(archive.solutionDim)")
    }
    if let r = resultArchive {
      try QDError.require(r.solutionDim == archive.solutionDim && r.measureDim == archive.measureDim, "the result archive must have the archive's solution and measure dimensions")
    }
    _ = singleThreadedBLAS
    self.archive = archive
    self.resultArchive = resultArchive
    self.emitters = emitters
    self.threads = threads
    if let bandit {
      try QDError.require(bandit.pool == emitters.count, "the bandit was made for \(bandit.pool) emitters; the scheduler has \(emitters.count)")
    }
    self.bandit = bandit
    active = Array(emitters.indices)
    batchSize = 0
    let total = emitters.reduce(0) { $0 + $1.batchSize }
    solutions = [Double](repeating: 0, count: total * archive.solutionDim)
    objectives = [Double](repeating: 0, count: total)
    measures = [Double](repeating: 0, count: total * archive.measureDim)
    status = [AddStatus](repeating: .notAdded, count: total)
    values = [Double](repeating: 0, count: total)
    chooseEmitters()
  }

  /// Sets `active` (by the bandit, if any) and the batch layout for the next `ask`.
  mutating func chooseEmitters() {
    if let bandit { active = bandit.choose() }
    offsets.removeAll(keepingCapacity: true)
    var total = 0
    for k in active {
      offsets.append(total)
      total += emitters[k].batchSize
    }
    batchSize = total
  }

  /// The archive whose elites are the run's result: `resultArchive` if there is one.
  public var reportArchive: Archive { resultArchive ?? archive }

  /// Asks every emitter for its batch.
  /// - Returns: `batchSize × solutionDim` values, row-major, emitter by emitter.
  public mutating func ask() -> [Double] {
    askInPlace()
    return Array(solutions[0..<batchSize * archive.solutionDim])
  }

  /// Inserts the evaluated batch from the last `ask` and tells each emitter how its rows fared.
  /// - Parameters:
  ///   - objectives: one per row of the batch.
  ///   - measures: `batchSize × measureDim`, row-major.
  /// - Throws: `QDError` if `ask` was not called first, the lengths are wrong or a value is
  ///   not finite (nothing is inserted then, and the batch can be told again).
  public mutating func tell(objectives: [Double], measures: [Double]) throws(QDError) {
    try QDError.require(asked, "tell was called without a preceding ask")
    try QDError.require(objectives.count == batchSize, "tell needs \(batchSize) objectives (one per asked solution), got \(objectives.count)")
    try QDError.require(measures.count == batchSize * archive.measureDim, "tell needs \(batchSize) × \(archive.measureDim) measures, got \(measures.count)")
    self.objectives.replaceSubrange(0..<batchSize, with: objectives)
    self.measures.replaceSubrange(0..<measures.count, with: measures)
    try tellInPlace()
  }

  /// One iteration: ask, evaluate `task` on `threads` threads, tell.
  /// - Throws: `QDError` if the task returns a non-finite objective or measure.
  public mutating func step(_ task: some QDTask) throws(QDError) {
    precondition(task.solutionDim == archive.solutionDim && task.measureDim == archive.measureDim, "the task's dimensions differ from the archive's")
    guard threads > 1 else {
      // One thread: each emitter's rows are evaluated right after it asked, while in cache.
      askInPlace(evaluating: task)
      return try tellInPlace()
    }
    // Several: ask on the threads, then split the evaluations evenly by row (emitters can
    // be fewer than threads, or not divide among them evenly).
    askInPlace()
    let n = batchSize, threads = self.threads
    solutions.withUnsafeBufferPointer { s in
      objectives.withUnsafeMutableBufferPointer { o in
        measures.withUnsafeMutableBufferPointer { m in
          task.evaluate(count: n, solutions: s.baseAddress!, objectives: o.baseAddress!, measures: m.baseAddress!, threads: threads)
        }
      }
    }
    try tellInPlace()
  }

  /// Asks every active emitter for its rows.
  mutating func askInPlace() { askInPlace(evaluating: nil as LinearProjection?) }

  /// Asks every active emitter for its rows; with a task, evaluates each emitter's rows right
  /// after it asked, while they are still in the cache (results go by index, so the outcome
  /// is the same as asking everything first).
  mutating func askInPlace<Task: QDTask>(evaluating task: Task?) {
    let d = archive.solutionDim, md = archive.measureDim
    let offsets = self.offsets, active = self.active, threads = self.threads
    archive.withReader { reader in
      emitters.withUnsafeMutableBufferPointer { em in
        solutions.withUnsafeMutableBufferPointer { s in
          objectives.withUnsafeMutableBufferPointer { o in
            measures.withUnsafeMutableBufferPointer { m in
              let e = SendableMutablePointer(em.baseAddress!), out = SendableMutablePointer(s.baseAddress!)
              let op = SendableMutablePointer(o.baseAddress!), mp = SendableMutablePointer(m.baseAddress!)
              Parallel.forEach(count: offsets.count, threads: threads) { i in
                let rows = out.pointer + offsets[i] * d
                e.pointer[active[i]].ask(archive: reader, into: rows)
                guard let task else { return }
                for r in 0..<e.pointer[active[i]].batchSize {
                  let row = offsets[i] + r
                  op.pointer[row] = task.evaluate(out.pointer + row * d, measures: mp.pointer + row * md)
                }
              }
            }
          }
        }
      }
    }
    asked = true
  }

  mutating func tellInPlace() throws(QDError) {
    let n = batchSize, d = archive.solutionDim, md = archive.measureDim
    try solutions.withUnsafeBufferPointer { (s) throws(QDError) in
      try objectives.withUnsafeBufferPointer { (o) throws(QDError) in
        try measures.withUnsafeBufferPointer { (m) throws(QDError) in
          try status.withUnsafeMutableBufferPointer { (st) throws(QDError) in
            try values.withUnsafeMutableBufferPointer { (v) throws(QDError) in
              try archive.add(count: n, solutions: s.baseAddress!, objectives: o.baseAddress!, measures: m.baseAddress!, status: st.baseAddress!, values: v.baseAddress!)
              if resultArchive != nil {
                var rs = [AddStatus](repeating: .notAdded, count: n), rv = [Double](repeating: 0, count: n)
                try resultArchive!.add(count: n, solutions: s.baseAddress!, objectives: o.baseAddress!, measures: m.baseAddress!, status: &rs, values: &rv)
              }
              let offsets = self.offsets, active = self.active, threads = self.threads
              let sp = SendablePointer(s.baseAddress!), op = SendablePointer(o.baseAddress!), mp = SendablePointer(m.baseAddress!)
              let stp = SendablePointer(UnsafePointer(st.baseAddress!)), vp = SendablePointer(UnsafePointer(v.baseAddress!))
              emitters.withUnsafeMutableBufferPointer { em in
                let e = SendableMutablePointer(em.baseAddress!)
                Parallel.forEach(count: offsets.count, threads: threads) { i in
                  let k = active[i], at = offsets[i], count = e.pointer[k].batchSize
                  e.pointer[k].tell(EmitterFeedback(
                    count: count, solutionDim: d, measureDim: md, solutions: sp.pointer + at * d, objectives: op.pointer + at,
                    measures: mp.pointer + at * md, status: stp.pointer + at, values: vp.pointer + at))
                }
              }
              if bandit != nil {
                for (i, k) in active.enumerated() {
                  let at = offsets[i], count = emitters[k].batchSize
                  let added = (at..<at + count).reduce(0) { $0 + (st[$1].isAdded ? 1 : 0) }
                  bandit!.record(emitter: k, added: added, asked: count)
                }
              }
            }
          }
        }
      }
    }
    asked = false
    iterations += 1
    evaluations += n
    chooseEmitters()
  }
}
