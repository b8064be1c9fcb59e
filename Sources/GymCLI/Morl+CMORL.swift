import ArgumentParser
import Foundation
import SwiftGym

extension MorlTrain {
  /// Algorithms trained with PPO.
  static let deepAlgorithms = ["cmorl", "linear-ppo"]
  /// Environments `cmorl` and `linear-ppo` train on.
  static var deepEnvironmentIDs: [String] { CMORL.environmentIDs }

  /// The default preferences: the uniform vector and, per objective, one with 0.7 on it and
  /// the rest spread evenly.
  static func defaultPreferences(_ d: Int) -> [[Double]] {
    var out = [[Double](repeating: 1.0 / Double(d), count: d)]
    for k in 0..<d {
      var w = [Double](repeating: 0.3 / Double(d - 1), count: d)
      w[k] = 0.7
      out.append(w)
    }
    return out
  }

  /// PPO settings for the MO environments: small rollouts so many policies fit in a budget.
  static func ppoConfiguration(_ env: String, gamma: Double) -> PPOConfiguration {
    var c = PPOConfiguration()
    c.environmentCount = 8
    c.stepsPerEnvironment = 256
    c.minibatchSize = 256
    c.epochs = 4
    c.gamma = gamma
    c.gaeLambda = 0.98
    c.entropyCoefficient = 0.01
    c.learningRate = .constant(3e-4)
    if env.contains("continuous") {
      c.normalizeObservations = true
      c.entropyCoefficient = 0
    }
    return c
  }

  func runDeep() throws {
    guard Self.deepEnvironmentIDs.contains(env) else {
      throw ValidationError("\(algo) trains on \(Self.deepEnvironmentIDs.joined(separator: ", ")); got '\(env)'")
    }
    let reference = try ref.map { try parseVector($0, name: "--ref") } ?? MultiObjective.referencePoint(env)
    let d = reference.count
    var prefs = Self.defaultPreferences(d)
    if let preferences {
      prefs = try preferences.split(separator: ";").map { try parseVector(String($0), name: "--preferences") }
    }
    var c = CMORLConfiguration(ppo: Self.ppoConfiguration(env, gamma: gamma), preferences: prefs)
    c.totalSteps = steps
    c.initialFraction = initialFraction
    c.selectCount = select
    c.gamma = gamma
    c.seed = seed
    c.maxEpisodeSteps = MultiObjective.episodeLimit(env)
    let options = try parseOptionsJSON(optionsJSON)
    #if DEBUG
      printError("warning: this is a debug build; time with `swift build -c release`")
    #endif
    let quiet = self.quiet
    let utilityWeights = Weights.equallySpaced(dimension: d, count: weights)
    let report: (CMORLProgress) -> Void = { p in
      guard !quiet else { return }
      let eu = (try? Metrics.expectedUtility(p.front, weights: utilityWeights)) ?? .nan
      print("step \(grouped(p.step))  \(p.phase)  hv \(String(format: "%.6g", p.hypervolume))  eu \(format(eu, 4))  points \(p.front.count)")
    }
    let result: CMORLResult
    do {
      switch env {
      case "mo-lunar-lander-v3": result = try run(c, reference, report) { try MOLunarLander<DiscreteThrusters>(options: options) }
      case "mo-lunar-lander-continuous-v3": result = try run(c, reference, report) { try MOLunarLander<ContinuousThrusters>(options: options) }
      case "mo-mountaincar-v0": result = try run(c, reference, report) { try MOMountainCar(options: options) }
      default: result = try run(c, reference, report) { try MOMountainCarContinuous(options: options) }
      }
    } catch let e as MORLError { throw ValidationError(e.message) }
    let points = result.archive.map(\.returns)
    let scoring = FrontScoring(referencePoint: reference, weightCount: weights)
    let score = try scoring.score(points)
    print("env \(env)  algo \(algo)  gamma \(gamma)  ref \(formatVector(reference, 2))  policies \(prefs.count)")
    print("final: step \(grouped(result.steps))  \(format(result.seconds, 1)) s  hv \(format(score.hypervolume, 4))  eu \(format(score.expectedUtility, 4))  points \(score.cardinality)  sparsity \(format(score.sparsity, 4))")
    let finalsHV = try Hypervolume.compute(Pareto.nonDominated(result.finalReturns), reference: reference)
    print("last policy of each PPO run only (\(result.finalReturns.count) runs, no archive): hv \(format(finalsHV, 4))")
    for p in score.front { print("  \(formatVector(p, 2))") }
    if let png {
      let axisPair = try parseVector(axes, name: "--axes").map(Int.init)
      guard axisPair.count == 2, axisPair.allSatisfy({ (0..<d).contains($0) }), axisPair[0] != axisPair[1] else {
        throw ValidationError("--axes needs two different objective indices in 0..<\(d), got \(axes)")
      }
      let (i, j) = (axisPair[0], axisPair[1])
      let all = result.evaluated.map { Point(x: $0[i], y: $0[j]) }
      let shown = score.front.map { Point(x: $0[i], y: $0[j]) }
      let front2D = Set(ScatterPlot.nonDominated(shown)).sorted().map { shown[$0] }
      let others = all.filter { !front2D.contains($0) }
      let plot = ScatterPlot(
        title: "\(algo) on \(env): hv \(String(format: "%.4g", score.hypervolume))", xLabel: "objective \(i)", yLabel: "objective \(j)",
        series: [
          ScatterPlot.Series(name: "dominated", points: others, color: ScatterPlot.dominatedColor, markerSize: 5),
          ScatterPlot.Series(name: "front (objectives \(i), \(j))", points: front2D, color: Color.series(0), markerSize: 8, connected: true),
        ],
        referencePoint: Point(x: reference[i], y: reference[j]))
      try plot.writePNG(to: png)
      print("wrote \(png)")
    }
    if let curve {
      let chart = LineChart(
        title: "\(algo) on \(env)", xLabel: "environment steps", yLabel: "hypervolume",
        series: [LineChart.Series(name: "hypervolume", x: result.curve.map { Double($0.step) }, y: result.curve.map(\.hypervolume))])
      try chart.writePNG(to: curve)
      print("wrote \(curve)")
    }
    let o: [String: JSONValue] = [
      "env": .string(env), "algo": .string(algo), "gamma": .double(gamma), "seed": .int(Int(seed)),
      "reference_point": JSONValue(reference), "steps": .int(result.steps), "seconds": .double(result.seconds),
      "preferences": .array(prefs.map { JSONValue($0) }), "final": score.json,
      "final_policies_hypervolume": .double(finalsHV), "final_policies": .array(result.finalReturns.map { JSONValue($0) }),
      "curve": .array(result.curve.map { JSONValue.object(["step": .int($0.step), "hypervolume": .double($0.hypervolume)]) }),
    ]
    emitJSON(json, .object(o))
  }

  func run<Base: MultiObjectiveEnvironment>(
    _ c: CMORLConfiguration, _ reference: [Double], _ report: @escaping (CMORLProgress) -> Void, make: @escaping () throws -> Base
  ) throws -> CMORLResult where Base.ActionSpace: PolicyActionSpace {
    algo == "cmorl"
      ? try CMORL.run(c, referencePoint: reference, make: make, progress: report)
      : try CMORL.baseline(c, referencePoint: reference, make: make, progress: report)
  }
}
