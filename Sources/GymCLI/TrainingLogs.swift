import ArgumentParser
import SwiftGym

#if canImport(Glibc)
  import Glibc
#endif

/// The log files of a training run: `episodes.csv`, `iterations.jsonl`, `config.json` and
/// `learning_curve.png` in the run directory.
///
/// On resume, lines logged after the checkpoint (by a session that was then interrupted) are
/// dropped, so the logs match the restored counters; new lines are appended.
final class TrainingLogs {
  let directory: String
  private let episodes: UnsafeMutablePointer<FILE>
  private let iterations: UnsafeMutablePointer<FILE>
  private(set) var curve: [(steps: Double, episodeReturn: Double)] = []

  init(directory: String, resumeFrom state: JSONValue?) throws {
    try makeDirectory(directory)
    self.directory = directory
    let episodesPath = directory + "/episodes.csv", iterationsPath = directory + "/iterations.jsonl"
    if let state {
      let keepEpisodes = state["episode_count"]?.intValue ?? 0, keepIterations = state["iteration"]?.intValue ?? 0
      let csv = (try? AtomicFile.read(episodesPath)) ?? ""
      var kept = [EpisodeRecord.csvHeader]
      for line in csv.split(separator: "\n").dropFirst() {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count >= 6, let index = Int(fields[0]), index < keepEpisodes else { continue }
        kept.append(String(line))
        if let r = Double(fields[1]), let s = Double(fields[5]) { curve.append((s, r)) }
      }
      try AtomicFile.write(kept.joined(separator: "\n") + "\n", to: episodesPath)
      let jsonl = (try? AtomicFile.read(iterationsPath)) ?? ""
      let keptIterations = jsonl.split(separator: "\n").filter { line in
        (try? JSON.parse(String(line)))?["iteration"]?.intValue.map { $0 <= keepIterations } ?? false
      }
      try AtomicFile.write(keptIterations.map { $0 + "\n" }.joined(), to: iterationsPath)
    }
    guard let e = fopen(episodesPath, state == nil ? "w" : "a") else {
      throw ValidationError("cannot write '\(episodesPath)': \(String(cString: strerror(errno)))")
    }
    guard let i = fopen(iterationsPath, state == nil ? "w" : "a") else {
      fclose(e)
      throw ValidationError("cannot write '\(iterationsPath)': \(String(cString: strerror(errno)))")
    }
    episodes = e
    iterations = i
    if state == nil { try write(EpisodeRecord.csvHeader, to: episodes, episodesPath) }
  }

  deinit {
    fclose(episodes)
    fclose(iterations)
  }

  private func write(_ line: String, to file: UnsafeMutablePointer<FILE>, _ path: String) throws {
    guard fputs(line + "\n", file) >= 0, fflush(file) == 0 else {
      throw ValidationError("writing '\(path)' failed: \(String(cString: strerror(errno)))")
    }
  }

  func append(_ record: EpisodeRecord) throws {
    curve.append((Double(record.totalSteps), record.episodeReturn))
    try write(record.csvRow, to: episodes, directory + "/episodes.csv")
  }

  func append(_ stats: PPOIterationStatistics) throws {
    try write(JSON.string(stats.json), to: iterations, directory + "/iterations.jsonl")
  }

  func writeConfig(_ value: JSONValue) throws {
    try AtomicFile.write(JSON.string(value, pretty: true) + "\n", to: directory + "/config.json")
  }

  /// Plots every episode's return and the moving mean over `window` episodes against steps.
  func writeCurve(title: String, threshold: Double?, window: Int) throws {
    guard curve.count >= 2 else { return }
    let x = curve.map(\.steps), y = curve.map(\.episodeReturn)
    var mean: [Double] = []
    var sum = 0.0
    for i in y.indices {
      sum += y[i]
      if i >= window { sum -= y[i - window] }
      mean.append(sum / Double(min(i + 1, window)))
    }
    let chart = LineChart(
      title: title, xLabel: "environment steps", yLabel: "episode return",
      series: [
        .init(name: "episode return", x: x, y: y, color: Color(r: 170, g: 190, b: 220), lineWidth: 1),
        .init(name: "mean of last \(window)", x: x, y: mean, lineWidth: 2),
      ],
      referenceLines: threshold.map { [$0] } ?? [])
    try chart.writePNG(to: directory + "/learning_curve.png")
  }
}
