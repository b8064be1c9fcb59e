import ArgumentParser
import Foundation
import SwiftGym

struct MorlMulti: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "multi",
    abstract: "Train MOMAland's baseline on a multi-agent multi-objective environment and score its front.",
    discussion: """
      Algorithm: iql (independent scalarised Q-learning: one tabular learner per agent on its weighted \
      reward vector; one run per weight, --weights equally spaced weight vectors). Each run's greedy \
      joint policy is evaluated (discounted return vector averaged over agents and episodes); the \
      non-dominated returns are the front. Environments: \(MultiObjective.multiAgentIDs.joined(separator: ", ")) \
      (MOMAland's names \(MultiObjective.momalandNames.keys.sorted().joined(separator: ", ")) work too).
      """)

  @Option(help: "A multi-agent environment id.")
  var env: String
  @Option(help: "iql.")
  var algo = "iql"
  @Option(help: "Equally spaced weight vectors (one run each).")
  var weights = 11
  @Option(help: "Training episodes per weight.")
  var episodes = 2000
  @Option(help: "Step limit per episode (the environments end their episodes themselves).")
  var maxSteps = 1000
  @Option(help: "Greedy evaluation episodes per weight.")
  var evalEpisodes = 100
  @Option(help: "Q-learning rate.")
  var learningRate = 0.1
  @Option(help: "Discount factor.")
  var gamma = 0.99
  @Option(help: "Seed.")
  var seed: UInt64 = 0
  @Option(help: "Hypervolume reference point (default: the origin; -1 per colour for mo-item-gathering).")
  var ref: String?
  @Option(name: .customLong("options"), help: "Construction options as a JSON object, e.g. '{\"num_agents\": 4}'.")
  var optionsJSON: String?
  @Option(help: "Write the front (front, dominated returns, reference point) as a PNG.")
  var png: String?
  @Option(help: "Objectives to plot on the PNG, e.g. 0,1.")
  var axes = "0,1"
  @Flag(help: "End with one JSON object.")
  var json = false

  func validate() throws {
    guard MultiAgentRunner.algorithms.contains(algo) else {
      throw ValidationError("unknown multi-agent algorithm '\(algo)'; available: \(MultiAgentRunner.algorithms.joined(separator: ", "))")
    }
    guard weights > 0 else { throw ValidationError("--weights must be positive, got \(weights)") }
    guard episodes > 0 else { throw ValidationError("--episodes must be positive, got \(episodes)") }
    guard maxSteps > 0 else { throw ValidationError("--max-steps must be positive, got \(maxSteps)") }
    guard evalEpisodes > 0 else { throw ValidationError("--eval-episodes must be positive, got \(evalEpisodes)") }
    guard learningRate > 0 && learningRate <= 1 else { throw ValidationError("--learning-rate must be in (0, 1], got \(learningRate)") }
    guard gamma >= 0 && gamma <= 1 else { throw ValidationError("--gamma must be in [0, 1], got \(gamma)") }
  }

  func run() throws {
    if let png { try checkWritable(png) }  // before any training
    var c = MultiAgentRunConfiguration(environmentID: env)
    c.options = try parseOptionsJSON(optionsJSON)
    c.weightCount = weights
    c.episodes = episodes
    c.maxSteps = maxSteps
    c.evaluationEpisodes = evalEpisodes
    c.learningRate = learningRate
    c.gamma = gamma
    c.seed = seed
    c.referencePoint = try ref.map { try parseVector($0, name: "--ref") }
    let axisPair = try parseVector(axes, name: "--axes").map(Int.init)
    let result = try MultiAgentRunner.run(c)
    let d = result.referencePoint.count
    guard axisPair.count == 2, axisPair.allSatisfy({ (0..<d).contains($0) }), axisPair[0] != axisPair[1] else {
      throw ValidationError("--axes needs two different objective indices in 0..<\(d), got \(axes)")
    }
    print("env \(result.environmentID)  algo \(algo)  agents \(result.agentCount)  objectives \(d)  gamma \(gamma)  ref \(formatVector(result.referencePoint, 2))")
    for (w, r) in zip(result.weights, result.returns) { print("  weight \(formatVector(w, 2))  return \(formatVector(r, 4))") }
    let s = result.score
    print("front: \(s.cardinality) points  hypervolume \(format(s.hypervolume, 4))  expected utility \(format(s.expectedUtility, 4))  sparsity \(format(s.sparsity, 4))  (\(format(result.seconds, 2)) s)")
    if let png {
      let (i, j) = (axisPair[0], axisPair[1])
      let plot = ScatterPlot.pareto(
        points: result.returns.map { Point(x: $0[i], y: $0[j]) },
        referencePoint: Point(x: result.referencePoint[i], y: result.referencePoint[j]),
        title: "\(algo) on \(result.environmentID): hv \(format(s.hypervolume, 3))", xLabel: "objective \(i)", yLabel: "objective \(j)")
      try plot.writePNG(to: png)
      print("wrote \(png)")
    }
    emitJSON(json, [
      "env": .string(result.environmentID), "algo": .string(algo), "agents": .int(result.agentCount), "gamma": .double(gamma),
      "seed": .int(Int(seed)), "episodes_per_weight": .int(episodes), "reference_point": JSONValue(result.referencePoint),
      "weights": .array(result.weights.map { JSONValue($0) }), "returns": .array(result.returns.map { JSONValue($0) }),
      "final": s.json, "seconds": .double(result.seconds),
    ])
  }
}
