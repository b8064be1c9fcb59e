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

      --task lunar-lander illuminates linear LunarLander policies (pyribs' tutorial: 50x50 grid \
      over touchdown x and y velocity, 5 cma-me emitters x 30, sigma 1, environment seed 52); \
      its "best elite" is the one of the top 250 (--select-from K; 0 turns it off) with the highest \
      mean return on five validation seeds (1,250 more episodes), --check-seeds N replays it on \
      seeds 0..<N. --task bipedal-walker illuminates linear \
      gaits by foot-contact fractions (32x32 grid). For both, --apng/--sheet/--render record the \
      best elite's episode, or with --elite-at M1,M2 the elite of the cell holding those \
      measures. --resume continues from an archive written by --archive.

      --algorithm mome keeps a Pareto front per cell (20x20 grid, 100 children per iteration, \
      fronts of 10). Tasks: rastrigin-multi; mo-lunar-lander (tanh-linear policies on \
      mo-lunar-lander-continuous-v3; mo-lunar-lander-discrete: argmax-linear on mo-lunar-lander-v3), \
      objectives landing (outcome + shaping) and fuel, measures touchdown x and y velocity; \
      mo-mountaincar-continuous (3-parameter policies), objectives time and fuel, measures leftmost \
      position and top speed. --apng/--sheet/--render record the global front's member with the \
      best first objective (or, with --elite-at, the best of that cell's front).
      """)

  @Option(help: "Task: sphere, rastrigin (linear projection), arm (planar arm repertoire), lunar-lander or bipedal-walker; with --algorithm mome: rastrigin-multi, mo-lunar-lander, mo-lunar-lander-discrete or mo-mountaincar-continuous.")
  var task = "sphere"
  @Option(help: "Algorithm: map-elites (one elite per cell; the emitter decides the variant) or mome (multi-objective MAP-Elites: a Pareto front per cell).")
  var algorithm = "map-elites"
  @Option(help: "mome: the most solutions a cell's front keeps.")
  var maxFront = 10
  @Option(help: "mome: write a PNG of the archive's global Pareto front here.")
  var front: String?
  @Option(help: "Solution dimensions (joints for the arm).")
  var dims = 100
  @Option(help: "Iterations.")
  var iterations = 1000
  @Option(help: "Emitter: gaussian, iso-line, cma-me or cma-mae (default iso-line; cma-me for lunar-lander).")
  var emitter: String?
  @Option(help: "Emitters (default 15; 5 for lunar-lander).")
  var emitters: Int?
  @Option(help: "Solutions per emitter per iteration (default 36; 30 for lunar-lander).")
  var batch: Int?
  @Option(help: "Cells per measure dimension (default 100; 50 for lunar-lander).")
  var cells: Int?
  @Option(help: "lunar-lander, bipedal-walker: environment seeds each policy is scored on, comma-separated (the objective is the mean return; default 52 and 0).")
  var envSeeds: String?
  @Option(help: "lunar-lander: replay the best elite on environment seeds 0..<N and report its mean return.")
  var checkSeeds: Int?
  @Option(help: "lunar-lander: re-score the K elites with the highest returns on --validation-seeds and take the best of them as the run's best elite (default 250; 0 takes the highest search return instead).")
  var selectFrom: Int?
  @Option(help: "lunar-lander: validation seeds for --select-from, comma-separated.")
  var validationSeeds = "1000,1001,1002,1003,1004"
  @Option(help: "lunar-lander, bipedal-walker: record the episode of the elite in the cell holding these measures (comma-separated) instead of the best one.")
  var eliteAt: String?
  @Option(help: "Continue from an archive written by --archive (for cma-mae, its .learning.safetensors companion is read too; for mome, a MOME archive of the same grid and --max-front).")
  var resume: String?
  @Option(help: "Mutation sigma (iso sigma, CMA-ES sigma0); default per task.")
  var sigma: Double?
  @Option(help: "Run only this many of the emitters each iteration, chosen by UCB1 on their success rates (a bandit scheduler).")
  var bandit: Int?
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
  @OptionGroup(title: "Recording the best elite's episode (lunar-lander)") var rendering: RenderOptions

  var isLunar: Bool { task == "lunar-lander" }
  var isWalker: Bool { task == "bipedal-walker" }
  var isMOME: Bool { algorithm == "mome" }
  /// The tasks `--algorithm mome` runs; all but the first play multi-objective environments.
  static let moTasks = ["rastrigin-multi", "mo-lunar-lander", "mo-lunar-lander-discrete", "mo-mountaincar-continuous"]
  /// Whether the task replays episodes of a multi-objective environment.
  var isMOEnvironment: Bool { Self.moTasks.dropFirst().contains(task) }
  /// How many top elites are re-scored on validation seeds to pick the best one (lunar-lander
  /// only; on by default there because the top search return overfits its environment seed).
  var selectedFrom: Int? {
    guard isLunar else { return nil }
    let k = selectFrom ?? 250
    return k > 0 ? k : nil
  }
  var emitterName: String { emitter ?? (isLunar || isWalker ? "cma-me" : "iso-line") }
  var seedList: String { envSeeds ?? (isWalker || task == "mo-mountaincar-continuous" ? "0" : "52") }
  var environmentSeeds: [UInt64] { seedList.split(separator: ",").compactMap { UInt64($0.trimmingCharacters(in: .whitespaces)) } }

  func validate() throws {
    guard iterations > 0 else { throw ValidationError("--iterations must be positive") }
    guard threads > 0 else { throw ValidationError("--threads must be positive") }
    guard [emitters, batch, cells].allSatisfy({ ($0 ?? 1) > 0 }) else { throw ValidationError("--emitters, --batch and --cells must be positive") }
    guard ["map-elites", "mome"].contains(algorithm) else {
      throw ValidationError("--algorithm '\(algorithm)' is unknown; use map-elites or mome")
    }
    if isMOME {
      guard Self.moTasks.contains(task) else {
        throw ValidationError("--algorithm mome needs a multi-objective task: --task \(Self.moTasks.joined(separator: ", "))")
      }
      guard ["gaussian", "iso-line"].contains(emitterName) else {
        throw ValidationError("--algorithm mome varies solutions with --emitter gaussian or iso-line, not '\(emitterName)'")
      }
      guard maxFront >= 1 else { throw ValidationError("--max-front must be at least 1, got \(maxFront)") }
      guard emitters == nil, bandit == nil else {
        throw ValidationError("--emitters and --bandit are for map-elites; mome takes --batch children per iteration")
      }
      guard dims >= 2 || task != "rastrigin-multi" else { throw ValidationError("--dims must be at least 2 for rastrigin-multi, got \(dims)") }
    } else if front != nil || Self.moTasks.contains(task) {
      throw ValidationError("--task \(task) and --front need --algorithm mome")
    }
    guard isMOME || Experiment.Algorithm(rawValue: emitterName) != nil else {
      throw ValidationError("--emitter '\(emitterName)' is unknown; use one of \(Experiment.Algorithm.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    guard (["sphere", "rastrigin", "arm", "lunar-lander", "bipedal-walker"] + Self.moTasks).contains(task) else {
      throw ValidationError(
        "--task '\(task)' is unknown; use sphere, rastrigin, arm, lunar-lander, bipedal-walker, or with --algorithm mome \(Self.moTasks.joined(separator: ", "))")
    }
    let seedParts = seedList.split(separator: ",", omittingEmptySubsequences: false)
    guard !seedParts.isEmpty, seedParts.count == environmentSeeds.count else {
      throw ValidationError("--env-seeds '\(seedList)' must be comma-separated non-negative integers, e.g. 52 or 52,53,54")
    }
    if let bandit, bandit < 1 { throw ValidationError("--bandit must be at least 1, got \(bandit)") }
    if let selectFrom, selectFrom < 0 { throw ValidationError("--select-from must be 0 (off) or a positive count of elites, got \(selectFrom)") }
    let validationParts = validationSeeds.split(separator: ",", omittingEmptySubsequences: false)
    guard validationParts.allSatisfy({ UInt64($0.trimmingCharacters(in: .whitespaces)) != nil }) else {
      throw ValidationError("--validation-seeds '\(validationSeeds)' must be comma-separated non-negative integers")
    }
    if let checkSeeds, checkSeeds < 1 { throw ValidationError("--check-seeds must be at least 1, got \(checkSeeds)") }
    if !isLunar && (checkSeeds != nil || selectFrom != nil) {
      throw ValidationError("--check-seeds and --select-from need --task lunar-lander")
    }
    if !(isLunar || isWalker || isMOEnvironment) && (rendering.wantsFrames || eliteAt != nil) {
      throw ValidationError(
        "--render, --apng, --sheet and --elite-at need --task lunar-lander, bipedal-walker or (with --algorithm mome) \(Self.moTasks.dropFirst().joined(separator: ", ")) (an episode to replay)")
    }
    if let eliteAt {
      let parts = eliteAt.split(separator: ",", omittingEmptySubsequences: false)
      guard parts.count == 2, parts.allSatisfy({ Double($0.trimmingCharacters(in: .whitespaces))?.isFinite == true }) else {
        throw ValidationError("--elite-at '\(eliteAt)' must be two comma-separated numbers (the cell's measures), e.g. 0.1,-0.5")
      }
      guard rendering.wantsFrames else { throw ValidationError("--elite-at chooses which episode to record; add --apng, --sheet or --render") }
    }
    if let resume, !FileManager.default.fileExists(atPath: resume) { throw ValidationError("--resume '\(resume)': no such file") }
    for path in [archive, heatmap, curve, front].compactMap({ $0 }) {
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
    case "lunar-lander": try LunarLanderTask(seeds: environmentSeeds)
    case "bipedal-walker": try BipedalWalkerTask(seeds: environmentSeeds)
    default: try ArmRepertoire(links: dims)
    }
  }

  func run() throws {
    if isMOME { return try runMOME() }
    let emitter = emitterName
    var experiment = Experiment(task: try makeTask(), algorithm: Experiment.Algorithm(rawValue: emitter)!)
    let side = cells ?? (isLunar ? 50 : isWalker ? 32 : 100)
    experiment.cells = [side, side]
    experiment.emitterCount = emitters ?? (isLunar || isWalker ? 5 : 15)
    experiment.batchSize = batch ?? (isLunar || isWalker ? 30 : 36)
    experiment.sigma = sigma
    experiment.banditActive = bandit ?? 0
    experiment.seed = seed
    experiment.threads = threads
    #if DEBUG
      printError("warning: this is a debug build; use `swift build -c release` for full-length runs")
    #endif
    let cpuStart = Stopwatch.processCPU()
    var start: Archive? = nil, startResult: Archive? = nil
    if let resume {
      if experiment.algorithm == .cmaMAE {
        startResult = try Archive(contentsOf: resume)
        start = try Archive(contentsOf: Self.learningPath(resume))
      } else {
        start = try Archive(contentsOf: resume)
      }
    }
    let (scheduler, progress) = try experiment.run(
      iterations: iterations, resuming: start, resumingResult: startResult, logEvery: logEvery
    ) { p in
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
    let name = isLunar || isWalker ? "\(task) \(emitter)" : "\(task) d=\(dims) \(emitter)"
    print("\(name): \(iterations) iterations, \(grouped(scheduler.evaluations)) evaluations in \(format(seconds, 2)) s (\(grouped(Int(rate))) evals/s, \(threads) threads; \(grouped(Int(cpuRate))) per CPU second)")
    print("  coverage \(format(100 * s.coverage, 2))%  QD score \(format(s.qdScore, 1))  normalised \(format(s.normQDScore, 3))  max \(format(s.objMax ?? .nan, 3))  mean \(format(s.objMean ?? .nan, 3))")
    if let archive {
      try result.write(to: archive)
      print("  archive -> \(archive)")
      if scheduler.resultArchive != nil {
        try scheduler.archive.write(to: Self.learningPath(archive))
        print("  learning archive (for --resume) -> \(Self.learningPath(archive))")
      }
    }
    if let heatmap {
      let names =
        task == "arm" ? ("end effector x", "end effector y") : isLunar ? ("touchdown x", "touchdown y velocity")
        : isWalker ? ("left foot contact fraction", "right foot contact fraction") : ("measure 1", "measure 2")
      try result.heatmap(title: name, measureNames: names, valueRange: experiment.task.objectiveRange).writePNG(to: heatmap)
      print("  heatmap -> \(heatmap)")
    }
    if let curve {
      try Experiment.Progress.chart(progress, title: name).writePNG(to: curve)
      print("  curve -> \(curve)")
    }
    var extra: [String: JSONValue] = [:]
    if isLunar, let lunar = experiment.task as? LunarLanderTask, var best = result.bestElite {
      var episodes = scheduler.evaluations * lunar.seeds.count
      print("  best elite: return \(format(best.objective, 1)) on seeds \(seedList)")
      if let selectFrom = selectedFrom {
        let seeds = validationSeeds.split(separator: ",").compactMap { UInt64($0.trimmingCharacters(in: .whitespaces)) }
        if let chosen = lunar.mostGeneral(in: result, candidates: selectFrom, validationSeeds: seeds, threads: threads) {
          best = chosen.elite
          episodes += min(selectFrom, result.numElites) * seeds.count
          print("  most general of the top \(selectFrom): return \(format(best.objective, 1)) on seeds \(seedList), \(format(chosen.validationReturn, 1)) on validation seeds \(validationSeeds)")
          extra["validation_mean_return"] = .double(chosen.validationReturn)
          extra["chosen_objective"] = .double(best.objective)
        }
      }
      print("  \(grouped(episodes)) episodes in all")
      extra["episodes"] = .int(episodes)
      if let checkSeeds {
        let mean = lunar.meanReturn(weights: best.solution, seeds: (0..<UInt64(checkSeeds)).map { $0 })
        print("  \(selectedFrom == nil ? "best elite" : "chosen elite") on seeds 0..<\(checkSeeds): mean return \(format(mean, 1))")
        extra["best_check_mean_return"] = .double(mean)
      }
      if rendering.wantsFrames, let seed = lunar.seeds.first {
        let (elite, label) = try recordedElite(in: result, default: best)
        var outputs = try FrameOutputs(rendering, defaultFPS: 50)
        var failure: (any Error)?
        _ = elite.solution.withUnsafeBufferPointer { w in
          lunar.play(weights: w.baseAddress!, seed: seed) { env in
            if failure == nil { do { try outputs.add(env.render()) } catch { failure = error } }
          }
        }
        if let failure { throw failure }
        for path in try outputs.finish() { print("  \(label), its episode -> \(path)") }
      }
    }
    if isWalker, let walker = experiment.task as? BipedalWalkerTask {
      extra["episodes"] = .int(scheduler.evaluations * walker.seeds.count)
      print("  \(grouped(scheduler.evaluations * walker.seeds.count)) episodes")
      if rendering.wantsFrames, let best = result.bestElite, let seed = walker.seeds.first {
        let (elite, label) = try recordedElite(in: result, default: best)
        var outputs = try FrameOutputs(rendering, defaultFPS: 50)
        var failure: (any Error)?
        _ = elite.solution.withUnsafeBufferPointer { w in
          walker.play(weights: w.baseAddress!, seed: seed) { env in
            if failure == nil { do { try outputs.add(env.render()) } catch { failure = error } }
          }
        }
        if let failure { throw failure }
        for path in try outputs.finish() { print("  \(label), its episode -> \(path)") }
      }
    }
    emitJSON(json, .object(extra.merging([
      "task": .string(task), "dims": .int(dims), "emitter": .string(emitter), "iterations": .int(iterations),
      "evaluations": .int(scheduler.evaluations), "seconds": .double(seconds), "evals_per_second": .double(rate),
      "cpu_seconds": .double(cpuSeconds), "evals_per_cpu_second": .double(cpuRate),
      "threads": .int(threads), "seed": .int(Int(seed)), "num_elites": .int(s.numElites), "coverage": .double(s.coverage),
      "qd_score": .double(s.qdScore), "norm_qd_score": .double(s.normQDScore), "obj_max": s.objMax.map { .double($0) } ?? .null,
      "obj_mean": s.objMean.map { .double($0) } ?? .null,
    ]) { a, _ in a }))
  }

  /// The elite whose episode to record: the one in `--elite-at`'s cell, else `best`.
  func recordedElite(in archive: Archive, default best: Elite) throws -> (Elite, String) {
    guard let eliteAt else { return (best, "best elite") }
    let m = eliteAt.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard let elite = try archive.retrieve(measures: m) else {
      throw CLIError("--elite-at \(eliteAt): that cell of the archive is empty; pick measures inside a filled cell (see --heatmap)")
    }
    return (elite, "elite of cell \(elite.cell) (return \(format(elite.objective, 1)))")
  }

  /// Where a CMA-MAE run keeps its learning archive beside `path`: `x.safetensors` →
  /// `x.learning.safetensors`.
  static func learningPath(_ path: String) -> String {
    path.hasSuffix(".safetensors") ? String(path.dropLast(12)) + ".learning.safetensors" : path + ".learning"
  }
}

extension QD {
  /// The task of `--algorithm mome`.
  func makeMOTask() throws -> any MOQDTask {
    switch task {
    case "mo-lunar-lander": try MOLunarLanderTask(control: .continuous, seeds: environmentSeeds)
    case "mo-lunar-lander-discrete": try MOLunarLanderTask(control: .discrete, seeds: environmentSeeds)
    case "mo-mountaincar-continuous": try MOMountainCarTask(seeds: environmentSeeds)
    default: try RastriginMulti(dimension: dims)
    }
  }

  /// `--algorithm mome`: multi-objective MAP-Elites on `--task rastrigin-multi` or a
  /// multi-objective environment.
  func runMOME() throws {
    let task = try makeMOTask()
    let side = cells ?? 20
    let sigma = self.sigma ?? (task is MOMountainCarTask ? 1 : 0.5)
    let variation: MOME.Variation = emitterName == "gaussian" ? .gaussian(sigma: sigma) : .isoLine(isoSigma: sigma, lineSigma: 0.2)
    let start = try resume.map { (path) throws(QDError) in try MOMEArchive(contentsOf: path) }
    var mome = try MOME(
      task: task, cells: [side, side], maxFrontSize: maxFront, variation: variation, batchSize: batch ?? 100, threads: threads, seed: seed,
      resuming: start)
    #if DEBUG
      printError("warning: this is a debug build; use `swift build -c release` for full-length runs")
    #endif
    let reference = task.referencePoint
    let episodesPerEvaluation = isMOEnvironment ? environmentSeeds.count : 0
    let cpuStart = Stopwatch.processCPU()
    let wallStart = Stopwatch.now()
    for i in 1...iterations {
      mome.step()
      if verbose && (i % max(logEvery, 1) == 0 || i == iterations) {
        let a = mome.archive
        let episodes = episodesPerEvaluation > 0 ? "  \(grouped(mome.evaluations * episodesPerEvaluation)) episodes" : ""
        print(
          "iteration \(i)  coverage \(format(100 * a.coverage))%  MOQD score \(format(a.moqdScore(reference: reference), 1))  global hypervolume \(format(a.globalHypervolume(reference: reference), 1))\(episodes)  \(format(Stopwatch.now() - wallStart, 1)) s"
        )
      }
    }
    let seconds = Stopwatch.now() - wallStart
    let cpuSeconds = Stopwatch.processCPU() - cpuStart
    let a = mome.archive
    let moqd = a.moqdScore(reference: reference), globalFront = a.globalFront
    let globalHV = a.globalHypervolume(reference: reference)
    let maxCell = a.cellHypervolumes(reference: reference).max() ?? 0
    let name = task is RastriginMulti ? "rastrigin-multi d=\(dims) mome \(emitterName)" : "\(task.name) mome \(emitterName)"
    print("\(name): \(iterations) iterations, \(grouped(mome.evaluations)) evaluations in \(format(seconds, 2)) s (\(threads) threads; \(grouped(Int(Double(mome.evaluations) / max(cpuSeconds, 1e-9)))) per CPU second)")
    print("  coverage \(format(100 * a.coverage, 2))% (\(a.filledCells) cells, \(a.count) solutions)  MOQD score \(format(moqd, 1))  max cell hypervolume \(format(maxCell, 1))")
    print("  global front: \(globalFront.count) solutions, hypervolume \(format(globalHV, 1)) (reference \(reference.map { format($0, 1) }.joined(separator: ", ")))")
    if let archive {
      try a.write(to: archive)
      print("  archive -> \(archive)")
    }
    var extra: [String: JSONValue] = [:]
    if episodesPerEvaluation > 0 {
      let episodes = mome.evaluations * episodesPerEvaluation
      print("  \(grouped(episodes)) episodes (environment seeds \(seedList))")
      extra["episodes"] = .int(episodes)
      extra["objectives"] = .array(task.objectiveNames.map { .string($0) })
    }
    if let heatmap {
      let names = task.measureNames
      try a.hypervolumeHeatmap(reference: reference, title: name, measureNames: (names[0], names[1])).writePNG(to: heatmap)
      print("  heatmap -> \(heatmap)")
    }
    if let front {
      try a.frontPlot(reference: reference, title: "MOME global front, hypervolume \(format(globalHV, 1))", objectiveNames: task.objectiveNames)
        .writePNG(to: front)
      print("  global front -> \(front)")
    }
    if rendering.wantsFrames, let seed = environmentSeeds.first {
      try recordMOElite(task: task, archive: a, globalFront: globalFront, seed: seed)
    }
    emitJSON(json, .object(extra.merging([
      "task": .string(task.name), "algorithm": .string("mome"), "dims": .int(dims), "emitter": .string(emitterName),
      "iterations": .int(iterations), "evaluations": .int(mome.evaluations), "seconds": .double(seconds),
      "cpu_seconds": .double(cpuSeconds), "threads": .int(threads), "seed": .int(Int(seed)), "max_front": .int(maxFront),
      "coverage": .double(a.coverage), "filled_cells": .int(a.filledCells), "solutions": .int(a.count),
      "moqd_score": .double(moqd), "global_front_size": .int(globalFront.count), "global_hypervolume": .double(globalHV),
    ]) { a, _ in a }))
  }

  /// Records the episode of the global front's member with the best first objective (ties: the
  /// better second), or with `--elite-at` of the best such member of that cell's front.
  func recordMOElite(task: any MOQDTask, archive: MOMEArchive, globalFront: [MOMEArchive.Entry], seed: UInt64) throws {
    func best(_ entries: [MOMEArchive.Entry]) -> MOMEArchive.Entry? {
      entries.max { ($0.objectives[0], $0.objectives[1]) < ($1.objectives[0], $1.objectives[1]) }
    }
    var chosen = best(globalFront), label = "global-front elite with the best \(task.objectiveNames[0])"
    if let eliteAt {
      let m = eliteAt.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
      let cell = m.withUnsafeBufferPointer { archive.layout.cell(of: $0.baseAddress!) }
      guard let member = best(archive.fronts[cell]) else {
        throw CLIError("--elite-at \(eliteAt): that cell of the archive is empty; pick measures inside a filled cell (see --heatmap)")
      }
      chosen = member
      label = "elite of cell \(cell) with the best \(task.objectiveNames[0])"
    }
    guard let elite = chosen else { return }
    let objectives = zip(task.objectiveNames, elite.objectives).map { "\($0) \(format($1, 1))" }.joined(separator: ", ")
    print("  \(label): \(objectives)")
    var outputs = try FrameOutputs(rendering, defaultFPS: task is MOMountainCarTask ? 30 : 50)
    var failure: (any Error)?
    let onFrame: (Frame) -> Void = { frame in
      if failure == nil { do { try outputs.add(frame) } catch { failure = error } }
    }
    let replay: String = elite.solution.withUnsafeBufferPointer { w in
      if let lander = task as? MOLunarLanderTask {
        let e = lander.play(weights: w.baseAddress!, seed: seed, onFrame: onFrame)
        return "\(e.steps) steps, vector return \(e.returns.map { format($0, 1) }.joined(separator: ", "))"
      }
      if let car = task as? MOMountainCarTask {
        let e = car.play(weights: w.baseAddress!, seed: seed, onFrame: onFrame)
        return "\(e.steps) steps\(e.reachedGoal ? " to the flag" : ""), vector return \(e.returns.map { format($0, 1) }.joined(separator: ", "))"
      }
      return ""
    }
    if let failure { throw failure }
    for path in try outputs.finish() { print("  its episode on seed \(seed) (\(replay)) -> \(path)") }
  }
}
