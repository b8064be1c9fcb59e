import GymCore

/// Saving and loading MOME archives.
///
/// ### File format (version 1)
/// A safetensors file whose metadata has `format` = `"swiftgym-mome-archive"`, `version` =
/// `"1"`, `solution_dim`, `objective_dim`, `max_front_size`, `dims` (comma-separated),
/// `ranges` (`lower,upper` per measure, all comma-separated) and `epsilon`, doubles in
/// shortest round-trip form. Tensors, one row per solution, cells in the order they were first
/// filled and each cell's front in its order: `cells` (I64 `[n]`), `solutions`
/// `[n, solution_dim]`, `objectives` `[n, objective_dim]`, `measures` `[n, measure_dim]` (F64).
/// Reading gives an archive equal to the one written, so selection continues identically.
extension MOMEArchive {
  public static let fileFormat = "swiftgym-mome-archive"

  /// Writes the archive to `path` atomically.
  public func write(to path: String) throws(QDError) {
    let entries = occupied.flatMap { c in fronts[c].map { (c, $0) } }
    let n = entries.count
    let tensors: [String: SafeTensors.Tensor] = [
      "cells": .i64(shape: [n], values: entries.map { Int64($0.0) }),
      "solutions": .f64(shape: [n, solutionDim], values: entries.flatMap { $0.1.solution }),
      "objectives": .f64(shape: [n, objectiveDim], values: entries.flatMap { $0.1.objectives }),
      "measures": .f64(shape: [n, layout.measureDim], values: entries.flatMap { $0.1.measures }),
    ]
    let ranges = zip(layout.lowerBounds, layout.upperBounds).flatMap { ["\($0)", "\($1)"] }
    try SafeTensors.write(
      tensors: tensors,
      metadata: [
        "format": Self.fileFormat, "version": "1", "solution_dim": "\(solutionDim)", "objective_dim": "\(objectiveDim)",
        "max_front_size": "\(maxFrontSize)", "dims": layout.dims.map(String.init).joined(separator: ","),
        "ranges": ranges.joined(separator: ","), "epsilon": "\(layout.epsilon)",
      ], to: path)
  }

  /// Reads an archive written by `write(to:)`.
  /// - Throws: `QDError` saying what is wrong with the file.
  public init(contentsOf path: String) throws(QDError) {
    let (t, m) = try SafeTensors.read(path)
    guard m["format"] == Self.fileFormat else {
      throw QDError("\(path): not a SwiftGym MOME archive (metadata format is \(m["format"].map { "'\($0)'" } ?? "missing"), expected '\(Self.fileFormat)')")
    }
    guard m["version"] == "1" else { throw QDError("\(path): MOME archive version \(m["version"] ?? "missing") is not supported (this build reads version 1)") }
    func int(_ key: String) throws(QDError) -> Int {
      guard let v = m[key].flatMap({ Int($0) }) else { throw QDError("\(path): metadata \(key) is missing or not an integer") }
      return v
    }
    let sd = try int("solution_dim"), od = try int("objective_dim"), cap = try int("max_front_size")
    let dims = (m["dims"] ?? "").split(separator: ",").compactMap { Int($0) }
    let bounds = (m["ranges"] ?? "").split(separator: ",").compactMap { Double($0) }
    guard !dims.isEmpty, bounds.count == 2 * dims.count, let epsilon = m["epsilon"].flatMap({ Double($0) }) else {
      throw QDError("\(path): metadata dims, ranges or epsilon is missing or malformed")
    }
    let ranges = (0..<dims.count).map { (bounds[2 * $0], bounds[2 * $0 + 1]) }
    try self.init(solutionDim: sd, objectiveDim: od, dims: dims, ranges: ranges, maxFrontSize: cap)
    let grid = try GridLayout(dims: dims, ranges: ranges, epsilon: epsilon)
    guard grid == layout else { throw QDError("\(path): epsilon \(epsilon) differs from the default; not supported") }
    guard let c = t["cells"] else { throw QDError("\(path): tensor cells is missing") }
    guard case .i64(let shape, let cells) = c, shape.count == 1 else { throw QDError("\(path): tensor cells must be I64 [n]") }
    let n = shape[0], md = dims.count
    func rows(_ name: String, _ width: Int) throws(QDError) -> [Double] {
      guard let tensor = t[name] else { throw QDError("\(path): tensor \(name) is missing") }
      return try tensor.doubles(name, shape: [n, width])
    }
    let s = try rows("solutions", sd), o = try rows("objectives", od), ms = try rows("measures", md)
    for i in 0..<n {
      let cell = Int(cells[i])
      guard cell >= 0 && cell < layout.cellCount else { throw QDError("\(path): cell \(cell) is outside the grid of \(layout.cellCount) cells") }
      if fronts[cell].isEmpty { occupied.append(cell) }
      fronts[cell].append(Entry(
        solution: Array(s[i * sd..<(i + 1) * sd]), objectives: Array(o[i * od..<(i + 1) * od]), measures: Array(ms[i * md..<(i + 1) * md])))
      guard fronts[cell].count <= cap else { throw QDError("\(path): cell \(cell) holds more than max_front_size = \(cap) solutions") }
    }
  }
}
