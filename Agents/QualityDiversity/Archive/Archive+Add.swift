import RealModule

extension Archive {
  /// Offers a batch of candidates (pyribs' `add`).
  /// - Parameters:
  ///   - solutions: `n × solutionDim` values, row-major.
  ///   - objectives: `n` finite objectives.
  ///   - measures: `n × measureDim` finite values, row-major.
  /// - Returns: one status and value per candidate (see `AddResult`).
  /// - Throws: `QDError` on mismatched lengths or non-finite values; nothing is inserted then.
  /// - Complexity: O(n · (solutionDim + cell lookup)).
  @discardableResult
  public mutating func add(solutions: [Double], objectives: [Double], measures: [Double]) throws(QDError) -> AddResult {
    let n = objectives.count
    try QDError.require(solutions.count == n * solutionDim, "solutions must hold \(n) × \(solutionDim) values (one row per objective), got \(solutions.count)")
    try QDError.require(measures.count == n * measureDim, "measures must hold \(n) × \(measureDim) values (one row per objective), got \(measures.count)")
    var status = [AddStatus](repeating: .notAdded, count: n)
    var value = [Double](repeating: 0, count: n)
    guard n > 0 else { return AddResult(status: status, value: value) }
    try solutions.withUnsafeBufferPointer { (s) throws(QDError) in
      try objectives.withUnsafeBufferPointer { (o) throws(QDError) in
        try measures.withUnsafeBufferPointer { (m) throws(QDError) in
          try status.withUnsafeMutableBufferPointer { (st) throws(QDError) in
            try value.withUnsafeMutableBufferPointer { (v) throws(QDError) in
              try add(count: n, solutions: s.baseAddress!, objectives: o.baseAddress!, measures: m.baseAddress!, status: st.baseAddress!, values: v.baseAddress!)
            }
          }
        }
      }
    }
    return AddResult(status: status, value: value)
  }

  /// Offers one candidate (pyribs' `add_single`); the same rules as a batch of one.
  @discardableResult
  public mutating func add(solution: [Double], objective: Double, measures: [Double]) throws(QDError) -> (status: AddStatus, value: Double) {
    let r = try add(solutions: solution, objectives: [objective], measures: measures)
    return (r.status[0], r.value[0])
  }

  /// Offers a batch through raw buffers (the scheduler's path).
  /// - Throws: `QDError` naming the first non-finite objective or measure; nothing is inserted.
  public mutating func add(
    count n: Int, solutions: UnsafePointer<Double>, objectives: UnsafePointer<Double>, measures: UnsafePointer<Double>,
    status: UnsafeMutablePointer<AddStatus>, values: UnsafeMutablePointer<Double>
  ) throws(QDError) {
    let md = measureDim
    for i in 0..<n {
      guard objectives[i].isFinite else { throw QDError("objective \(i) of the batch is not finite (\(objectives[i])); objectives must be finite numbers") }
      for j in 0..<md where !measures[i * md + j].isFinite {
        throw QDError("measure \(j) of candidate \(i) is not finite (\(measures[i * md + j])); measures must be finite numbers")
      }
    }
    if case .slidingBoundaries = layout {
      for i in 0..<n {
        let r = addSliding(solution: solutions + i * solutionDim, objective: objectives[i], measures: measures + i * md)
        status[i] = r.status
        values[i] = r.value
      }
      return
    }
    addBatch(count: n, solutions: solutions, objectives: objectives, measures: measures, status: status, values: values)
  }

  /// Batch insertion for grid and CVT layouts, with pyribs' semantics.
  mutating func addBatch(
    count n: Int, solutions: UnsafePointer<Double>, objectives: UnsafePointer<Double>, measures: UnsafePointer<Double>,
    status: UnsafeMutablePointer<AddStatus>, values: UnsafeMutablePointer<Double>
  ) {
    let md = measureDim, sd = solutionDim
    let plain = thresholdMin == -.infinity
    let newBase = plain ? 0 : thresholdMin
    var touched: [Int32] = []
    touched.reserveCapacity(n)
    let layout = self.layout
    occupied.withUnsafeMutableBufferPointer { occ in
      thresholds.withUnsafeMutableBufferPointer { thr in
        winner.withUnsafeMutableBufferPointer { win in
          hitCount.withUnsafeMutableBufferPointer { hits in
            hitSum.withUnsafeMutableBufferPointer { sums in
              for i in 0..<n {
                let c = layout.cell(of: measures + i * md)
                let f = objectives[i]
                let isOccupied = occ[c]
                let t = isOccupied ? thr[c] : thresholdMin
                if f > t {
                  status[i] = isOccupied ? .improveExisting : .new
                  values[i] = f - (isOccupied ? t : newBase)
                  let w = win[c]
                  if w < 0 {
                    win[c] = Int32(i)
                    touched.append(Int32(c))
                    hits[c] = 1
                    sums[c] = f
                  } else {
                    if f > objectives[Int(w)] { win[c] = Int32(i) }
                    hits[c] += 1
                    sums[c] += f
                  }
                } else {
                  status[i] = .notAdded
                  values[i] = f - t
                }
              }
            }
          }
        }
      }
    }
    guard !touched.isEmpty else { return }
    var bestCell = -1
    var bestObjective = -Double.infinity
    for c32 in touched {
      let c = Int(c32)
      let i = Int(winner[c])
      let f = objectives[i]
      let wasOccupied = occupied[c]
      let newThreshold: Double
      if plain {
        newThreshold = f
      } else {
        let k = Double(hitCount[c])
        let t = wasOccupied ? thresholds[c] : thresholdMin
        let ratio = Double.pow(1 - learningRate, k)
        newThreshold = ratio * t + (hitSum[c] / k) * (1 - ratio)
      }
      objectiveSum += f - (wasOccupied ? self.objectives[c] : 0)
      store(cell: c, solution: solutions + i * sd, objective: f, measures: measures + i * md, threshold: newThreshold)
      if f > bestObjective || (f == bestObjective && c < bestCell) {
        bestObjective = f
        bestCell = c
      }
      winner[c] = -1
    }
    noteBest(cell: bestCell)
  }

  /// Writes an elite into `cell`, marking the cell occupied.
  mutating func store(cell c: Int, solution: UnsafePointer<Double>, objective: Double, measures: UnsafePointer<Double>, threshold: Double) {
    let sd = solutionDim, md = measureDim
    solutions.withUnsafeMutableBufferPointer { s in
      (s.baseAddress! + c * sd).update(from: solution, count: sd)
    }
    measureValues.withUnsafeMutableBufferPointer { m in
      (m.baseAddress! + c * md).update(from: measures, count: md)
    }
    objectives[c] = objective
    thresholds[c] = threshold
    if !occupied[c] {
      occupied[c] = true
      occupiedList[numElites] = Int32(c)
      numElites += 1
    }
  }

  /// Updates `objectiveMax` and `bestElite` if the elite now in `cell` beats them.
  mutating func noteBest(cell: Int) {
    let f = objectives[cell]
    if objectiveMax == nil || f > objectiveMax! {
      objectiveMax = f
      bestElite = elite(inCell: cell)
    }
  }

  // MARK: - Sliding boundaries

  /// Buffers one candidate, remaps on schedule, and inserts it elitistly.
  mutating func addSliding(solution: UnsafePointer<Double>, objective: Double, measures: UnsafePointer<Double>) -> (status: AddStatus, value: Double) {
    guard case .slidingBoundaries(var s) = layout else { preconditionFailure("not a sliding-boundaries archive") }
    s.buffer(solution: solution, solutionDim: solutionDim, objective: objective, measures: measures)
    s.totalAdded += 1
    let remap = s.totalAdded % s.remapFrequency == 0
    if remap { s.remapBoundaries() }
    layout = .slidingBoundaries(s)
    guard remap else { return addElitist(solution: solution, objective: objective, measures: measures) }
    // Re-insert the previous elites, then the buffer (oldest first); the newest buffered
    // candidate — this one — goes last and its outcome is returned. Unlike pyribs, the box
    // used for clipping is already the remapped one while re-inserting.
    let sd = solutionDim, md = measureDim
    let old = elites
    clear()
    for e in old {
      e.solution.withUnsafeBufferPointer { sp in
        e.measures.withUnsafeBufferPointer { mp in
          _ = addElitist(solution: sp.baseAddress!, objective: e.objective, measures: mp.baseAddress!)
        }
      }
    }
    let bufferedSolutions = s.bufferSolutions, bufferedObjectives = s.bufferObjectives, bufferedMeasures = s.bufferMeasures
    var last: (status: AddStatus, value: Double) = (.notAdded, 0)
    bufferedSolutions.withUnsafeBufferPointer { bs in
      bufferedMeasures.withUnsafeBufferPointer { bm in
        for k in 0..<s.bufferSize {
          let slot = s.bufferSlot(k)
          last = addElitist(solution: bs.baseAddress! + slot * sd, objective: bufferedObjectives[slot], measures: bm.baseAddress! + slot * md)
        }
      }
    }
    return last
  }

  /// Plain MAP-Elites insertion of one candidate: enters if its cell is empty or it is better.
  mutating func addElitist(solution: UnsafePointer<Double>, objective f: Double, measures: UnsafePointer<Double>) -> (status: AddStatus, value: Double) {
    let c = layout.cell(of: measures)
    let wasOccupied = occupied[c]
    let current = wasOccupied ? objectives[c] : 0
    guard !wasOccupied || f > current else { return (.notAdded, f - current) }
    objectiveSum += f - current
    store(cell: c, solution: solution, objective: f, measures: measures, threshold: f)
    noteBest(cell: c)
    return (wasOccupied ? .improveExisting : .new, f - current)
  }
}
