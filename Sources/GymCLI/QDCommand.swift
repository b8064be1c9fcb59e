import ArgumentParser
import Foundation
import SwiftGym

struct QD: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "qd",
    abstract: "Run a quality-diversity (MAP-Elites) experiment and write its archive and plots.",
    discussion: """
      Defaults are the CMA-MAE paper's benchmark configuration: a 100x100 grid, 15 emitters x 36 \
      solutions per iteration, x0 = 0, sigma 0.5 (sphere, rastrigin) or 0.1 (arm). Emitters: \
      gaussian (MAP-Elites), iso-line (Iso+LineDD), cma-me, cma-mae. A seed gives the same \
      archive at any --threads. Build with -c release for full-length runs.
      """)

  @Option(help: "Task: sphere, rastrigin (linear projection) or arm (planar arm repertoire).")
  var task = "sphere"
  @Option(help: "Solution dimensions (joints for the arm).")
  var dims = 100
  @Option(help: "Iterations.")
  var iterations = 1000
  @Option(help: "Emitter: gaussian, iso-line, cma-me or cma-mae.")
  var emitter = "iso-line"
  @Option(help: "Emitters.")
  var emitters = 15
  @Option(help: "Solutions per emitter per iteration.")
  var batch = 36
  @Option(help: "Cells per measure dimension.")
  var cells = 100
  @Option(help: "Mutation sigma (iso sigma, CMA-ES sigma0); default per task.")
  var sigma: Double?
  @Option(help: "Worker threads.")
  var threads = 1
  @Option(help: "Seed.")
  var seed: UInt64 = 42
  @Option(help: "Record progress every this many iterations.")
  var logEvery = 100
  @Option(help: "Write the final archive (safetensors) here.")
  var archive: String?
  @Option(help: "Write a heatmap PNG of the archive here.")
  var heatmap: String?
  @Option(help: "Write a PNG of normalised QD score and coverage against iterations here.")
  var curve: String?
  @Flag(help: "Print progress lines.")
  var verbose = false
  @Flag(help: "End with one JSON object.")
  var json = false

  func validate() throws {
    guard iterations > 0 else { throw ValidationError("--iterations must be positive") }
    guard threads > 0 else { throw ValidationError("--threads must be positive") }
    guard emitters > 0, batch > 0, cells > 0 else { throw ValidationError("--emitters, --batch and --cells must be positive") }
    guard Experiment.Algorithm(rawValue: emitter) != nil else {
      throw ValidationError("--emitter '\(emitter)' is unknown; use one of \(Experiment.Algorithm.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    guard ["sphere", "rastrigin", "arm"].contains(task) else { throw ValidationError("--task '\(task)' is unknown; use sphere, rastrigin or arm") }
    for path in [archive, heatmap, curve].compactMap({ $0 }) {
      let dir = (path as NSString).deletingLastPathComponent
      var isDir: ObjCBool = false
      if !dir.isEmpty && !(FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) && isDir.boolValue) {
        throw ValidationError("cannot write '\(path)': directory '\(dir)' does not exist")
      }
    }
  }

  func makeTask() throws -> any QDTask {
    switch task {
    case "sphere": try LinearProjection(.sphere, dimension: dims)
    case "rastrigin": try LinearProjection(.rastrigin, dimension: dims)
    default: try ArmRepertoire(links: dims)
    }
  }

  func run() throws {
    var experiment = Experiment(task: try makeTask(), algorithm: Experiment.Algorithm(rawValue: emitter)!)
    experiment.cells = [cells, cells]
    experiment.emitterCount = emitters
    experiment.batchSize = batch
    experiment.sigma = sigma
    experiment.seed = seed
    experiment.threads = threads
    #if DEBUG
      printError("warning: this is a debug build; use `swift build -c release` for full-length runs")
    #endif
    let cpuStart = Stopwatch.processCPU()
    let (scheduler, progress) = try experiment.run(iterations: iterations, logEvery: logEvery) { p in
      if verbose {
        print("iteration \(p.iteration)  coverage \(format(100 * p.stats.coverage))%  normalised QD \(format(p.stats.normQDScore, 3))  \(format(p.seconds, 1)) s")
      }
    }
    let result = scheduler.reportArchive
    let s = result.stats
    let seconds = progress.last?.seconds ?? 0
    let cpuSeconds = Stopwatch.processCPU() - cpuStart
    let rate = Double(scheduler.evaluations) / max(seconds, 1e-9)
    let cpuRate = Double(scheduler.evaluations) / max(cpuSeconds, 1e-9)
    let name = "\(task) d=\(dims) \(emitter)"
    print("\(name): \(iterations) iterations, \(grouped(scheduler.evaluations)) evaluations in \(format(seconds, 2)) s (\(grouped(Int(rate))) evals/s, \(threads) threads; \(grouped(Int(cpuRate))) per CPU second)")
    print("  coverage \(format(100 * s.coverage, 2))%  QD score \(format(s.qdScore, 1))  normalised \(format(s.normQDScore, 3))  max \(format(s.objMax ?? .nan, 3))  mean \(format(s.objMean ?? .nan, 3))")
    if let archive {
      try result.write(to: archive)
      print("  archive -> \(archive)")
    }
    if let heatmap {
      let names = task == "arm" ? ("end effector x", "end effector y") : ("measure 1", "measure 2")
      try result.heatmap(title: name, measureNames: names, valueRange: experiment.task.objectiveRange).writePNG(to: heatmap)
      print("  heatmap -> \(heatmap)")
    }
    if let curve {
      try Experiment.Progress.chart(progress, title: name).writePNG(to: curve)
      print("  curve -> \(curve)")
    }
    emitJSON(json, .object([
      "task": .string(task), "dims": .int(dims), "emitter": .string(emitter), "iterations": .int(iterations),
      "evaluations": .int(scheduler.evaluations), "seconds": .double(seconds), "evals_per_second": .double(rate),
      "cpu_seconds": .double(cpuSeconds), "evals_per_cpu_second": .double(cpuRate),
      "threads": .int(threads), "seed": .int(Int(seed)), "num_elites": .int(s.numElites), "coverage": .double(s.coverage),
      "qd_score": .double(s.qdScore), "norm_qd_score": .double(s.normQDScore), "obj_max": s.objMax.map { .double($0) } ?? .null,
      "obj_mean": s.objMean.map { .double($0) } ?? .null,
    ]))
  }
}
