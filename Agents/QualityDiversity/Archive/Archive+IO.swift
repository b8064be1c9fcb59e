import GymCore

/// Saving and loading archives.
///
/// ### File format (version 1)
/// A safetensors file (see `SafeTensors`). Its `__metadata__` has `format` =
/// `"swiftgym-qd-archive"`, `version` = `"1"`, and `archive`: a JSON object with `kind`
/// (`grid`, `cvt`, `sliding_boundaries`), `solution_dim`, `ranges` (`[[lower, upper], …]`),
/// `epsilon`, `dims` (grid and sliding), `learning_rate`, `threshold_min` (null for −∞),
/// `qd_score_offset`, `objective_sum`, `objective_max` and `best` (`{cell, objective,
/// threshold}`, or null), and for sliding boundaries `remap_frequency`, `buffer_capacity`,
/// `total_added`. Doubles are written in shortest round-trip form, so they read back exactly.
///
/// Tensors (F64 unless noted; `n` = elites in the order their cells were first filled):
/// `cells` (I64 `[n]`), `solutions` `[n, solution_dim]`, `objectives` `[n]`, `measures`
/// `[n, measure_dim]`, `thresholds` `[n]`, `best_solution` `[solution_dim]` and
/// `best_measures` `[measure_dim]` when there is a best elite; CVT: `centroids`
/// `[cells, measure_dim]`; sliding boundaries: `boundaries` `[Σ (dims + 1)]` and the buffer,
/// oldest first, as `buffer_solutions`, `buffer_objectives`, `buffer_measures`.
///
/// Reading restores an archive equal to the one written — elites, their order (so sampling
/// continues identically), thresholds and statistics — which is what lets a run resume.
extension Archive {
  /// The file format's name in the metadata.
  public static let fileFormat = "swiftgym-qd-archive"

  /// The archive as safetensors tensors and metadata (see the format above).
  public func encodedTensors(prefix: String = "") -> (tensors: [String: SafeTensors.Tensor], header: JSONValue) {
    let n = numElites, sd = solutionDim, md = measureDim
    let cells = occupiedCells
    var t: [String: SafeTensors.Tensor] = [:]
    t[prefix + "cells"] = .i64(shape: [n], values: cells.map { Int64($0) })
    t[prefix + "solutions"] = .f64(shape: [n, sd], values: cells.flatMap { solutions[$0 * sd..<($0 + 1) * sd] })
    t[prefix + "objectives"] = .f64(shape: [n], values: cells.map { objectives[$0] })
    t[prefix + "measures"] = .f64(shape: [n, md], values: cells.flatMap { measureValues[$0 * md..<($0 + 1) * md] })
    t[prefix + "thresholds"] = .f64(shape: [n], values: cells.map { thresholds[$0] })
    var h: [String: JSONValue] = [
      "kind": .string(layout.kind), "solution_dim": .int(sd), "learning_rate": .double(learningRate),
      "threshold_min": thresholdMin == -.infinity ? .null : .double(thresholdMin), "qd_score_offset": .double(qdScoreOffset),
      "objective_sum": .double(objectiveSum), "objective_max": objectiveMax.map { .double($0) } ?? .null,
      "ranges": .array(zip(layout.lowerBounds, layout.upperBounds).map { .array([.double($0), .double($1)]) }),
    ]
    if let b = bestElite {
      h["best"] = .object(["cell": .int(b.cell), "objective": .double(b.objective), "threshold": .double(b.threshold)])
      t[prefix + "best_solution"] = .f64(shape: [sd], values: b.solution)
      t[prefix + "best_measures"] = .f64(shape: [md], values: b.measures)
    } else {
      h["best"] = .null
    }
    switch layout {
    case .grid(let g):
      h["dims"] = .array(g.dims.map { .int($0) })
      h["epsilon"] = .double(g.epsilon)
    case .cvt(let c):
      t[prefix + "centroids"] = .f64(shape: [c.cellCount, md], values: c.centroids)
    case .slidingBoundaries(let s):
      h["dims"] = .array(s.dims.map { .int($0) })
      h["epsilon"] = .double(s.epsilon)
      h["remap_frequency"] = .int(s.remapFrequency)
      h["buffer_capacity"] = .int(s.bufferCapacity)
      h["total_added"] = .int(s.totalAdded)
      // The box of a remapped archive is its edges; the initial one is kept in "ranges".
      t[prefix + "boundaries"] = .f64(shape: [s.boundaries.reduce(0) { $0 + $1.count }], values: s.boundaries.flatMap { $0 })
      let k = s.bufferSize
      var bs: [Double] = [], bo: [Double] = [], bm: [Double] = []
      for j in 0..<k {
        let slot = s.bufferSlot(j)
        bs += s.bufferSolutions[slot * sd..<(slot + 1) * sd]
        bo.append(s.bufferObjectives[slot])
        bm += s.bufferMeasures[slot * md..<(slot + 1) * md]
      }
      t[prefix + "buffer_solutions"] = .f64(shape: [k, sd], values: bs)
      t[prefix + "buffer_objectives"] = .f64(shape: [k], values: bo)
      t[prefix + "buffer_measures"] = .f64(shape: [k, md], values: bm)
    }
    return (t, .object(h))
  }

  /// Writes the archive to `path` atomically (see the format above).
  /// - Throws: `QDError` naming the path if it cannot be written.
  public func write(to path: String) throws(QDError) {
    let (t, h) = encodedTensors()
    try SafeTensors.write(tensors: t, metadata: ["format": Self.fileFormat, "version": "1", "archive": JSON.string(h)], to: path)
  }

  /// Reads an archive written by `write(to:)`.
  /// - Throws: `QDError` saying what is wrong with the file.
  public init(contentsOf path: String) throws(QDError) {
    let (t, m) = try SafeTensors.read(path)
    guard m["format"] == Self.fileFormat else { throw QDError("\(path): not a SwiftGym QD archive (metadata format is \(m["format"].map { "'\($0)'" } ?? "missing"), expected '\(Self.fileFormat)')") }
    guard m["version"] == "1" else { throw QDError("\(path): archive format version \(m["version"] ?? "missing") is not supported (this build reads version 1)") }
    guard let text = m["archive"] else { throw QDError("\(path): the archive description is missing") }
    let header: JSONValue
    do { header = try JSON.parse(text) } catch { throw QDError("\(path): the archive description is not valid JSON: \(error)") }
    do {
      try self.init(decoding: header, tensors: t)
    } catch {
      throw QDError("\(path): \(error.message)")
    }
  }

  /// Rebuilds an archive from `encodedTensors(prefix:)` output.
  /// - Throws: `QDError` naming the missing or inconsistent field.
  public init(decoding h: JSONValue, tensors t: [String: SafeTensors.Tensor], prefix: String = "") throws(QDError) {
    func field<T>(_ name: String, _ get: (JSONValue) -> T?) throws(QDError) -> T {
      guard let v = h[name], let x = get(v) else { throw QDError("archive field '\(name)' is missing or has the wrong type") }
      return x
    }
    func tensor(_ name: String) throws(QDError) -> SafeTensors.Tensor {
      guard let x = t[prefix + name] else { throw QDError("tensor '\(prefix + name)' is missing") }
      return x
    }
    let kind: String = try field("kind") { $0.stringValue }
    let sd: Int = try field("solution_dim") { $0.intValue }
    let rangeValues: [JSONValue] = try field("ranges") { $0.arrayValue }
    var ranges: [(Double, Double)] = []
    for r in rangeValues {
      guard let pair = r.doubleArray, pair.count == 2 else { throw QDError("archive field 'ranges' must hold [lower, upper] pairs") }
      ranges.append((pair[0], pair[1]))
    }
    let layout: ArchiveLayout
    var slidingState: SlidingBoundariesLayout? = nil
    switch kind {
    case "grid":
      let dims: [Int] = try field("dims") { $0.arrayValue?.compactMap(\.intValue) }
      layout = .grid(try GridLayout(dims: dims, ranges: ranges, epsilon: try field("epsilon") { $0.doubleValue }))
    case "cvt":
      let md = ranges.count
      guard case .f64(let shape, let c) = try tensor("centroids"), shape.count == 2, shape[1] == md else {
        throw QDError("tensor 'centroids' must be F64 of shape [cells, \(md)]")
      }
      layout = .cvt(try CVTLayout(centroids: c, ranges: ranges))
    case "sliding_boundaries":
      let dims: [Int] = try field("dims") { $0.arrayValue?.compactMap(\.intValue) }
      var s = try SlidingBoundariesLayout(
        dims: dims, ranges: ranges, epsilon: try field("epsilon") { $0.doubleValue },
        remapFrequency: try field("remap_frequency") { $0.intValue }, bufferCapacity: try field("buffer_capacity") { $0.intValue })
      let flat = try tensor("boundaries").doubles("boundaries", shape: [dims.reduce(0) { $0 + $1 + 1 }])
      var at = 0
      for i in 0..<dims.count {
        s.boundaries[i] = Array(flat[at..<at + dims[i] + 1])
        at += dims[i] + 1
        s.lowerBounds[i] = s.boundaries[i][0]
        s.upperBounds[i] = s.boundaries[i][dims[i]]
      }
      s.totalAdded = try field("total_added") { $0.intValue }
      slidingState = s
      layout = .slidingBoundaries(s)
    default:
      throw QDError("archive kind '\(kind)' is unknown (expected grid, cvt or sliding_boundaries)")
    }
    let lr: Double = try field("learning_rate") { $0.doubleValue }
    let tmin: Double = h["threshold_min"].map { $0 == .null ? -.infinity : ($0.doubleValue ?? .nan) } ?? .nan
    try QDError.require(!tmin.isNaN, "archive field 'threshold_min' must be a number or null")
    try self.init(solutionDim: sd, layout: layout, learningRate: lr, thresholdMin: tmin, qdScoreOffset: try field("qd_score_offset") { $0.doubleValue })
    let md = measureDim
    let cells = try tensor("cells")
    guard case .i64(let cshape, let cellValues) = cells, cshape.count == 1 else { throw QDError("tensor 'cells' must be I64 of shape [n]") }
    let n = cshape[0]
    let sol = try tensor("solutions").doubles("solutions", shape: [n, sd])
    let obj = try tensor("objectives").doubles("objectives", shape: [n])
    let mea = try tensor("measures").doubles("measures", shape: [n, md])
    let thr = try tensor("thresholds").doubles("thresholds", shape: [n])
    for k in 0..<n {
      let c = Int(cellValues[k])
      try QDError.require(c >= 0 && c < cellCount, "cell \(c) is outside 0..<\(cellCount)")
      try QDError.require(!occupied[c], "cell \(c) appears twice")
      try QDError.require(obj[k].isFinite && thr[k].isFinite, "elite \(k) has a non-finite objective or threshold")
      sol.withUnsafeBufferPointer { s in
        mea.withUnsafeBufferPointer { m in
          store(cell: c, solution: s.baseAddress! + k * sd, objective: obj[k], measures: m.baseAddress! + k * md, threshold: thr[k])
        }
      }
    }
    objectiveSum = try field("objective_sum") { $0.doubleValue }
    objectiveMax = h["objective_max"]?.doubleValue
    if let b = h["best"], b != .null {
      guard let cell = b["cell"]?.intValue, let o = b["objective"]?.doubleValue, let th = b["threshold"]?.doubleValue else {
        throw QDError("archive field 'best' must hold cell, objective and threshold")
      }
      bestElite = Elite(
        cell: cell, solution: try tensor("best_solution").doubles("best_solution", shape: [sd]), objective: o,
        measures: try tensor("best_measures").doubles("best_measures", shape: [md]), threshold: th)
    }
    if var s = slidingState {
      let bs = try tensor("buffer_solutions")
      guard case .f64(let shape, _) = bs, shape.count == 2 else { throw QDError("tensor 'buffer_solutions' must be F64 [k, \(sd)]") }
      let k = shape[0]
      try QDError.require(k <= s.bufferCapacity, "the buffer holds \(k) entries, more than its capacity \(s.bufferCapacity)")
      let bsv = try bs.doubles("buffer_solutions", shape: [k, sd])
      let bov = try tensor("buffer_objectives").doubles("buffer_objectives", shape: [k])
      let bmv = try tensor("buffer_measures").doubles("buffer_measures", shape: [k, md])
      bsv.withUnsafeBufferPointer { sp in
        bmv.withUnsafeBufferPointer { mp in
          for j in 0..<k { s.buffer(solution: sp.baseAddress! + j * sd, solutionDim: sd, objective: bov[j], measures: mp.baseAddress! + j * md) }
        }
      }
      self.layout = .slidingBoundaries(s)
    }
  }
}

extension Archive: Equatable {
  /// Two archives are equal when their settings, layouts, elites (with their insertion order),
  /// thresholds and statistics are equal.
  public static func == (a: Archive, b: Archive) -> Bool {
    guard a.solutionDim == b.solutionDim, a.layout == b.layout, a.learningRate == b.learningRate,
          a.thresholdMin == b.thresholdMin, a.qdScoreOffset == b.qdScoreOffset, a.numElites == b.numElites,
          a.objectiveSum == b.objectiveSum, a.objectiveMax == b.objectiveMax, a.bestElite == b.bestElite,
          a.occupiedCells == b.occupiedCells
    else { return false }
    return a.elites == b.elites
  }
}
