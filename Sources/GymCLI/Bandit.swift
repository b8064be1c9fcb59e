import ArgumentParser
import SwiftGym

struct Bandit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Bandit experiments: regret over many seeded runs, regret plots, throughput.",
    subcommands: [BanditRun.self, BanditThroughputCommand.self, BanditList.self],
    defaultSubcommand: BanditRun.self)
}

struct BanditRun: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run bandit algorithms on a bandit environment and report regret (mean ± standard error over runs).",
    discussion: """
      Runs are independent and seeded: run r of every algorithm uses the streams derived from (--seed, r), so \
      the numbers do not depend on --threads. Algorithms take parameters after colons, e.g. eps-greedy:epsilon=0.05 \
      or linucb:alpha=0.5:lambda=2. `gym bandit list` shows the environments and algorithms.
      """)

  @Option(help: "A bandit environment, e.g. Bernoulli-9 (see `gym bandit list`).")
  var env: String
  @Option(help: "Comma-separated algorithms, e.g. ucb1,kl-ucb,thompson.")
  var algos: String
  @Option(help: "Independent runs.")
  var runs = 200
  @Option(help: "Pulls per run (default: the environment's horizon).")
  var horizon: Int?
  @Option(help: "Root seed.")
  var seed: UInt64 = 0
  @Option(help: "Worker threads.")
  var threads = 2
  @Option(name: .customLong("options"), help: "Environment options as a JSON object, e.g. '{\"means\": [0.3, 0.7]}'.")
  var optionsJSON: String?
  @Option(help: "Write the regret curves (mean with a shaded ±1 standard-error band) to this PNG file.")
  var plot: String?
  @Flag(help: "End with one JSON object.")
  var json = false

  func validate() throws {
    guard runs > 0 else { throw ValidationError("--runs must be positive, got \(runs)") }
    guard threads > 0 else { throw ValidationError("--threads must be positive, got \(threads)") }
    if let horizon, horizon <= 0 { throw ValidationError("--horizon must be positive, got \(horizon)") }
    if let plot, !plot.lowercased().hasSuffix(".png") { throw ValidationError("--plot must name a .png file, got '\(plot)'") }
  }

  func run() throws {
    let instance: BanditInstance
    let specs: [AlgorithmSpec]
    var options: Options = [:]
    do {
      instance = try Bandits.instance(named: env)
      let names = algos.split(separator: ",").map(String.init).filter { !$0.isEmpty }
      guard !names.isEmpty else { throw OptionError("--algos needs at least one algorithm") }
      specs = try names.map(AlgorithmSpec.init(parsing:))
      if let optionsJSON {
        guard case .object(let o) = try JSON.parse(optionsJSON) else { throw OptionError("--options must be a JSON object") }
        options = o
      }
    } catch let error as OptionError {
      throw ValidationError(error.message)
    }
    if let horizon { options["horizon"] = .int(horizon) }
    let config = ExperimentConfiguration(runs: runs, seed: seed, threads: threads)
    let start = Stopwatch.now()
    var results: [ExperimentResult] = []
    for spec in specs {
      do {
        results.append(try BanditExperiment.run(environment: instance.name, algorithm: spec, options: options, configuration: config))
      } catch let error as OptionError {
        throw ValidationError(error.message)
      }
    }
    let horizonUsed = results[0].horizon
    print("env \(instance.name)  runs \(runs)  horizon \(horizonUsed)  seed \(seed)")
    let width = max(10, specs.map { $0.description.count }.max()!)
    print("  \("algorithm".padding(to: width))  regret (mean ± s.e.)   exponent  SuffFail(T/2)  MinFrac  error rate      seconds")
    for r in results {
      let regret = "\(format(r.meanFinalRegret, 1)) ± \(format(r.finalStandardError, 1))".padding(to: 21)
      let suff = r.suffixFailureFrequency(from: horizonUsed / 2).map { format($0, 3) } ?? "-"
      let err = r.errorRate.map { "\(format($0, 3)) ± \(format(r.errorRateStandardError!, 3))" } ?? "-"
      let exponent = r.fittedExponent(from: max(1, horizonUsed / 100)).map { format($0, 3) } ?? "-"
      print("  \(r.algorithm.padding(to: width))  \(regret)  \(exponent.padding(to: 8))  \(suff.padding(to: 13))  \(format(r.meanMinFraction, 3).padding(to: 7))  \(err.padding(to: 14))  \(format(r.seconds, 3))")
    }
    if let plot {
      let chart = LineChart(
        title: "\(instance.name): cumulative regret, \(runs) runs (band: +/-1 s.e.)", xLabel: "pulls", yLabel: "cumulative regret",
        series: results.map { r in
          LineChart.Series(
            name: r.algorithm, x: r.checkpoints.map(Double.init), y: r.meanRegret,
            band: LineChart.Band(lower: zip(r.meanRegret, r.standardError).map { $0 - $1 }, upper: zip(r.meanRegret, r.standardError).map { $0 + $1 }))
        })
      try chart.writePNG(to: plot, width: 800, height: 500)
      print("wrote \(plot)")
    }
    let total = Stopwatch.now() - start
    print("total \(format(total, 3)) s")
    emitJSON(json, [
      "env": .string(instance.name), "runs": .int(runs), "horizon": .int(horizonUsed), "seed": .int(Int(seed)),
      "threads": .int(threads), "seconds": .double(total), "plot": plot.map { .string($0) } ?? .null,
      "algorithms": .array(results.map(\.summaryJSON)),
    ])
  }
}

struct BanditThroughputCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure bandit decisions per second on one thread (build with -c release).",
    discussion: "A decision is one choose–observe–update step (online), as MABWiser's predict + partial_fit; `predict` rows time choices with a frozen model. See docs/benchmarks/bandits.md.")

  @Option(help: "Decisions to time for UCB1.")
  var ucbDecisions = 20_000_000
  @Option(help: "Decisions to time for LinUCB.")
  var linucbDecisions = 2_000_000
  @Option(help: "Arms.")
  var arms = 10
  @Option(help: "LinUCB context dimension.")
  var dimension = 10
  @Option(help: "Seed.")
  var seed: UInt64 = 0
  @Flag(help: "End with one JSON object.")
  var json = false

  func validate() throws {
    guard ucbDecisions > 0, linucbDecisions > 0 else { throw ValidationError("decision counts must be positive") }
    guard arms > 0 else { throw ValidationError("--arms must be positive, got \(arms)") }
    guard dimension > 0 else { throw ValidationError("--dimension must be positive, got \(dimension)") }
  }

  func run() throws {
    #if DEBUG
      printError("warning: this is a debug build; measure with `swift build -c release`")
    #endif
    let results = [
      BanditThroughput.ucb1(arms: arms, decisions: ucbDecisions, seed: seed),
      BanditThroughput.linUCB(arms: arms, dimension: dimension, decisions: linucbDecisions, seed: seed),
      BanditThroughput.linUCB(arms: arms, dimension: dimension, decisions: linucbDecisions, learn: false, seed: seed),
    ]
    for r in results {
      let shape = r.dimension > 0 ? "K=\(r.arms) d=\(r.dimension)" : "K=\(r.arms)"
      let perSecond = "\(grouped(Int(r.decisionsPerSecond))) decisions/s".padding(to: 24)
      print("  \(r.algorithm.padding(to: 7)) \(r.mode.padding(to: 8)) \(shape.padding(to: 12)) \(perSecond) \(grouped(Int(r.decisionsPerCPUSecond))) per CPU s  (\(grouped(r.decisions)) in \(format(r.seconds, 3)) s)")
    }
    emitJSON(json, ["benchmarks": .array(results.map(\.json))])
  }
}

struct BanditList: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "List the bandit environments and algorithms.")

  @Flag(help: "End with one JSON object.")
  var json = false

  func run() throws {
    print("environments")
    for i in Bandits.instances {
      print("  \(i.name.padding(to: 30)) T=\(String(i.defaultHorizon).padding(to: 6)) \(i.isContextual ? "features  " : "          ")\(i.summary)")
    }
    print("algorithms (parameters after colons: name:key=value)")
    for a in BanditAlgorithms.catalog {
      let params = a.parameters.map { "\($0.name) — \($0.summary)" }.joined(separator: "; ")
      print("  \(a.name.padding(to: 24)) \(a.summary)\(a.needsFeatures ? " [needs features]" : "")\(params.isEmpty ? "" : "\n  \("".padding(to: 24)) parameters: \(params)")")
    }
    emitJSON(json, [
      "environments": .array(Bandits.instances.map { ["name": .string($0.name), "horizon": .int($0.defaultHorizon), "contextual": .bool($0.isContextual)] }),
      "algorithms": .array(BanditAlgorithms.catalog.map { ["name": .string($0.name), "parameters": .array($0.parameters.map { .string($0.name) })] }),
    ])
  }
}
