import ArgumentParser
import Foundation
import SwiftGym

/// `gym morl`: train multi-objective agents, compute exact fronts, time environments and
/// hypervolumes.
struct Morl: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Multi-objective RL: train agents (default), exact Pareto fronts, benchmarks.",
    subcommands: [MorlTrain.self, MorlFront.self, MorlBench.self, MorlHypervolume.self, MorlMulti.self],
    defaultSubcommand: MorlTrain.self)
}

/// Parses "0,-25" or "[0, -25]" into numbers.
func parseVector(_ text: String, name: String) throws -> [Double] {
  let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
  let parts = trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
  let values = parts.compactMap(Double.init)
  guard !parts.isEmpty, values.count == parts.count, values.allSatisfy(\.isFinite) else {
    throw ValidationError("\(name) must be comma-separated finite numbers, e.g. 0,-25; got '\(text)'")
  }
  return values
}

func parseOptionsJSON(_ text: String?) throws -> Options {
  guard let text else { return [:] }
  let value: JSONValue
  do { value = try JSON.parse(text) } catch { throw ValidationError("--options: \(error)") }
  guard case .object(let o) = value else { throw ValidationError("--options must be a JSON object, got \(value.kindName)") }
  return o
}

func formatVector(_ v: [Double], _ digits: Int = 3) -> String {
  "(" + v.map { format($0, digits) }.joined(separator: ", ") + ")"
}

struct MorlTrain: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a MORL agent on a tabular environment, printing hypervolume and expected utility as it learns.",
    discussion: """
      Algorithms: pql (Pareto Q-learning: the whole front), moql (scalarised Q-learning for --weight), \
      ols and gpi-ls (linear support over scalarised Q-learning: the convex hull), envelope (tabular \
      Envelope Q-learning). Environments: \(MultiObjective.tabularIDs.joined(separator: ", ")).
      On PPO: cmorl (C-MORL: Pareto initialisation, crowding-distance selection, log-barrier \
      extension) and linear-ppo (one PPO policy per preference, the baseline), for \
      \(MorlTrain.deepEnvironmentIDs.joined(separator: ", ")).
      """)

  @Option(help: "A tabular multi-objective environment id.")
  var env: String
  @Option(help: "pql, moql, ols, gpi-ls or envelope.")
  var algo: String = "pql"
  @Option(help: "Environment steps (over all policies for cmorl and linear-ppo).")
  var steps = 50_000
  @Option(help: "cmorl: share of the steps for the Pareto initialisation.")
  var initialFraction = 0.6
  @Option(help: "cmorl: policies extended per round, chosen by crowding distance.")
  var select = 2
  @Option(help: "cmorl and linear-ppo: preference vectors as 'w;w;...' (default: the uniform one and one leaning to each objective).")
  var preferences: String?
  @Option(help: "Steps between evaluations.")
  var evalEvery = 2000
  @Option(help: "ols and gpi-ls: Q-learning steps per weight (default: the agent's).")
  var stepsPerWeight: Int?
  @Option(help: "Discount factor.")
  var gamma = 0.99
  @Option(help: "Seed.")
  var seed: UInt64 = 0
  @Option(help: "Hypervolume reference point, e.g. 0,-25 (default: the stored one for the env).")
  var ref: String?
  @Option(help: "Scalarisation weight for moql, e.g. 0.5,0.5.")
  var weight: String?
  @Option(help: "Weights for expected utility.")
  var weights = 50
  @Option(name: .customLong("options"), help: "Construction options as a JSON object.")
  var optionsJSON: String?
  @Flag(help: "Stop once the evaluated front reaches the exact front's hypervolume.")
  var stopAtFront = false
  @Option(help: "Write the Pareto front (front, dominated points, exact front, reference point) as a PNG.")
  var png: String?
  @Option(help: "Write the hypervolume curve as a PNG.")
  var curve: String?
  @Option(help: "Objectives to plot on the front PNG, e.g. 0,1.")
  var axes = "0,1"
  @Flag(help: "Print only the summary.")
  var quiet = false
  @Flag(help: "End with one JSON object.")
  var json = false

  func validate() throws {
    if let id = MultiObjective.canonicalMultiAgentID(env) {
      throw ValidationError("'\(env)' is a multi-agent environment; train it with `gym morl multi --env \(id) --algo iql`")
    }
    guard steps > 0 else { throw ValidationError("--steps must be positive, got \(steps)") }
    guard evalEvery > 0 else { throw ValidationError("--eval-every must be positive, got \(evalEvery)") }
    guard gamma >= 0 && gamma <= 1 else { throw ValidationError("--gamma must be in [0, 1], got \(gamma)") }
    if let n = stepsPerWeight, n <= 0 { throw ValidationError("--steps-per-weight must be positive, got \(n)") }
    guard weights > 0 else { throw ValidationError("--weights must be positive, got \(weights)") }
    guard MORLAlgorithm(rawValue: algo) != nil || Self.deepAlgorithms.contains(algo) else {
      throw ValidationError("unknown algorithm '\(algo)'; available: \((MORLAlgorithm.allCases.map(\.rawValue) + Self.deepAlgorithms).joined(separator: ", "))")
    }
  }

  func run() throws {
    for path in [png, curve].compactMap({ $0 }) { try checkWritable(path) }  // before any training
    if Self.deepAlgorithms.contains(algo) { return try runDeep() }
    var c = MORLRunConfiguration(environmentID: env, algorithm: MORLAlgorithm(rawValue: algo)!)
    c.options = try parseOptionsJSON(optionsJSON)
    c.steps = steps
    c.evaluateEvery = evalEvery
    c.gamma = gamma
    c.seed = seed
    c.referencePoint = try ref.map { try parseVector($0, name: "--ref") }
    c.weight = try weight.map { try parseVector($0, name: "--weight") }
    c.weightCount = weights
    c.stepsPerWeight = stepsPerWeight
    c.stopWhenFrontFound = stopAtFront
    let axisPair = try parseVector(axes, name: "--axes").map(Int.init)
    #if DEBUG
      printError("warning: this is a debug build; time with `swift build -c release`")
    #endif
    let quiet = self.quiet
    let result = try MORLRunner.run(c) { p in
      guard !quiet else { return }
      var line = "step \(grouped(p.step))  \(format(p.seconds * 1000, 1)) ms  hv \(format(p.score.hypervolume, 4))  eu \(format(p.score.expectedUtility, 4))  points \(p.score.cardinality)"
      if let e = p.epsilon { line += "  eps \(format(e, 3))" }
      print(line)
    }
    guard let final = result.final else { throw ValidationError("no evaluation was made; raise --steps") }
    print("env \(env)  algo \(algo)  gamma \(gamma)  ref \(formatVector(result.referencePoint, 2))")
    if let hv = result.trueHypervolume, let tf = result.trueFront {
      print("exact front: \(tf.count) points, hypervolume \(format(hv, 4))")
    }
    print("final: step \(grouped(final.step))  hv \(format(final.score.hypervolume, 4))  eu \(format(final.score.expectedUtility, 4))  points \(final.score.cardinality)  sparsity \(format(final.score.sparsity, 4))")
    if let mul = final.score.maximumUtilityLoss { print("maximum utility loss \(format(mul, 4))  igd \(format(final.score.igd ?? .nan, 4))") }
    if let f = result.firstFullFront {
      print("exact front reached at step \(grouped(f.step)) after \(format(f.seconds, 4)) s")
    } else if result.trueFront != nil {
      print("exact front not reached")
    }
    for p in final.score.front { print("  \(formatVector(p, 4))") }
    if let png {
      try writeFrontPNG(result, final: final, axes: axisPair, to: png)
      print("wrote \(png)")
    }
    if let curve {
      let chart = LineChart(
        title: "\(algo) on \(env)", xLabel: "environment steps", yLabel: "hypervolume",
        series: [LineChart.Series(name: "hypervolume", x: result.evaluations.map { Double($0.step) }, y: result.evaluations.map(\.score.hypervolume))],
        referenceLines: result.trueHypervolume.map { [$0] } ?? [])
      try chart.writePNG(to: curve)
      print("wrote \(curve)")
    }
    var o: [String: JSONValue] = [
      "env": .string(env), "algo": .string(algo), "gamma": .double(gamma), "seed": .int(Int(seed)),
      "reference_point": JSONValue(result.referencePoint), "steps": .int(final.step), "seconds": .double(result.seconds),
      "final": final.score.json,
      "curve": .array(result.evaluations.map { ["step": .int($0.step), "seconds": .double($0.seconds), "hypervolume": .double($0.score.hypervolume), "expected_utility": .double($0.score.expectedUtility), "cardinality": .int($0.score.cardinality)] }),
    ]
    o["exact_hypervolume"] = result.trueHypervolume.map { .double($0) } ?? .null
    o["exact_front_points"] = result.trueFront.map { .int($0.count) } ?? .null
    o["exact_front_reached_step"] = result.firstFullFront.map { .int($0.step) } ?? .null
    o["exact_front_reached_seconds"] = result.firstFullFront.map { .double($0.seconds) } ?? .null
    emitJSON(json, .object(o))
  }

  func writeFrontPNG(_ result: MORLRunResult, final: TrainingProgress, axes: [Int], to path: String) throws {
    let d = result.referencePoint.count
    guard axes.count == 2, axes.allSatisfy({ (0..<d).contains($0) }), axes[0] != axes[1] else {
      throw ValidationError("--axes needs two different objective indices in 0..<\(d), got \(self.axes)")
    }
    let (i, j) = (axes[0], axes[1])
    func point(_ v: [Double]) -> Point { Point(x: v[i], y: v[j]) }
    let learned = final.score.front.map(point)
    let front = Set(ScatterPlot.nonDominated(learned)).sorted().map { learned[$0] }
    let dominated = (result.allReturns.map(point)).filter { p in !front.contains(p) }
    var series = [ScatterPlot.Series(name: "dominated", points: dominated, color: ScatterPlot.dominatedColor, markerSize: 5)]
    if let tf = result.trueFront {
      series.append(ScatterPlot.Series(name: "exact front", points: tf.map(point), color: Color(gray: 90), marker: .cross, markerSize: 9))
    }
    series.append(ScatterPlot.Series(name: "learned front", points: front, color: Color.series(0), markerSize: 8, connected: true))
    let plot = ScatterPlot(
      title: "\(algo) on \(env): hv \(format(final.score.hypervolume, 2))", xLabel: "objective \(i)", yLabel: "objective \(j)",
      series: series, referencePoint: point(result.referencePoint))
    try plot.writePNG(to: path)
  }
}
