import ArgumentParser
import Foundation
import SwiftGym

struct MorlFront: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "front",
    abstract: "Compute the exact Pareto front of an environment with a known model.",
    discussion: "Set-valued backward induction over the time limit. Models: \(MultiObjective.modelIDs.joined(separator: ", ")).")

  @Option(help: "An environment id with an exact model.")
  var env: String
  @Option(help: "Discount factor.")
  var gamma = 0.99
  @Option(help: "Horizon (default: the environment's time limit).")
  var horizon: Int?
  @Option(help: "Hypervolume reference point (default: the stored one).")
  var ref: String?
  @Option(name: .customLong("options"), help: "Construction options as a JSON object.")
  var optionsJSON: String?
  @Option(help: "Write the front as a PNG (first two objectives).")
  var png: String?
  @Flag(help: "End with one JSON object.")
  var json = false

  func validate() throws {
    guard gamma >= 0 && gamma <= 1 else { throw ValidationError("--gamma must be in [0, 1], got \(gamma)") }
    if let horizon, horizon < 1 { throw ValidationError("--horizon must be positive, got \(horizon)") }
  }

  func run() throws {
    let model = try MultiObjective.model(env, options: try parseOptionsJSON(optionsJSON))
    let h = horizon ?? MultiObjective.episodeLimit(env)
    let reference = try ref.map { try parseVector($0, name: "--ref") } ?? MultiObjective.referencePoint(env)
    let t0 = ContinuousClock.now
    let solution = try ParetoFrontSolver.solve(model, gamma: gamma, horizon: h)
    let seconds = (ContinuousClock.now - t0).secondsDouble
    let hv = try Hypervolume.compute(solution.front, reference: reference)
    print("env \(env)  gamma \(gamma)  horizon \(h)  ref \(formatVector(reference, 2))")
    print("\(solution.front.count) Pareto-optimal returns, hypervolume \(format(hv, 6)); solved in \(format(seconds * 1000, 1)) ms (\(solution.steps) backward steps, largest set \(solution.largestSet))")
    for p in solution.front { print("  \(formatVector(p, 6))") }
    if let png {
      let points = solution.front.map { Point(x: $0[0], y: $0[1]) }
      try ScatterPlot.pareto(points: points, referencePoint: Point(x: reference[0], y: reference[1]), title: "\(env) exact front (gamma \(gamma))", xLabel: "objective 0", yLabel: "objective 1").writePNG(to: png)
      print("wrote \(png)")
    }
    emitJSON(json, [
      "env": .string(env), "gamma": .double(gamma), "horizon": .int(h), "reference_point": JSONValue(reference),
      "hypervolume": .double(hv), "front": .array(solution.front.map { JSONValue($0) }), "seconds": .double(seconds),
    ])
  }
}

struct MorlBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Steps per second under random actions, measured as MO-Gymnasium's anchor does (build with -c release).",
    discussion: "Each step samples its action from the action space (included in the time), the environment carries its time limit and order checks, and episodes reset when they end. With --num-envs K a vector environment of K copies is stepped with per-sub-environment episode statistics.")

  @Option(help: "A multi-objective environment id.")
  var env: String
  @Option(help: "Seconds per measurement.")
  var seconds = 3.0
  @Option(help: "Sub-environments; more than 1 times a vector environment.")
  var numEnvs = 1
  @Option(help: "Seed.")
  var seed: UInt64 = 0
  @Flag(help: "End with one JSON object.")
  var json = false

  func validate() throws {
    guard seconds > 0 else { throw ValidationError("--seconds must be positive") }
    guard numEnvs > 0 else { throw ValidationError("--num-envs must be positive") }
  }

  func run() throws {
    #if DEBUG
      printError("warning: this is a debug build; measure with `swift build -c release`")
    #endif
    let limit = MultiObjective.episodeLimit(env)
    let typed: MultiObjectiveBenchmark.Result
    switch env {
    case "deep-sea-treasure-v0": typed = try measure({ DeepSeaTreasure(map: .convex) }, limit)
    case "deep-sea-treasure-concave-v0": typed = try measure({ DeepSeaTreasure(map: .concave) }, limit)
    case "deep-sea-treasure-mirrored-v0": typed = try measure({ DeepSeaTreasure(map: .mirrored) }, limit)
    case "fruit-tree-v0": typed = try measure({ FruitTree() }, limit)
    case "four-room-v0": typed = try measure({ FourRoom() }, limit)
    case "resource-gathering-v0": typed = try measure({ ResourceGathering() }, limit)
    case "fishwood-v0": typed = try measure({ FishWood() }, limit)
    case "breakable-bottles-v0": typed = try measure({ BreakableBottles() }, limit)
    case "minecart-v0": typed = try measure({ Minecart() }, limit)
    case "minecart-deterministic-v0": typed = try measure({ Minecart(deterministic: true) }, limit)
    case "mo-mountaincar-v0": typed = try measure({ MOMountainCar() }, limit)
    case "mo-mountaincarcontinuous-v0": typed = try measure({ MOMountainCarContinuous() }, limit)
    case "mo-lunar-lander-v3": typed = try measure({ try MOLunarLander<DiscreteThrusters>(options: [:]) }, limit)
    case "mo-lunar-lander-continuous-v3": typed = try measure({ try MOLunarLander<ContinuousThrusters>(options: [:]) }, limit)
    default:
      throw ValidationError("unknown multi-objective environment '\(env)'; available: \(MultiObjective.referencePoints.keys.sorted().joined(separator: ", "))")
    }
    let erased = numEnvs == 1 ? try MultiObjectiveBenchmark.erased(try make(env), seconds: seconds, seed: seed) : nil
    print("env \(env)  (random actions sampled every step, time limit \(limit))")
    print("  \(typed.path.padding(to: 7)) envs \(typed.numEnvs)  \(grouped(Int(typed.stepsPerSecond))) steps/s, \(grouped(Int(typed.stepsPerCPUSecond))) per CPU second  (\(grouped(typed.steps)) steps, \(grouped(typed.episodes)) episodes, mean length \(format(typed.meanEpisodeLength, 2)))")
    if let erased {
      print("  \("erased".padding(to: 7)) envs 1  \(grouped(Int(erased.stepsPerSecond))) steps/s  (make(): flat observations, summed reward)")
    }
    var o: [String: JSONValue] = [
      "env": .string(env), "num_envs": .int(numEnvs), "steps_per_second": .double(typed.stepsPerSecond),
      "steps": .int(typed.steps), "seconds": .double(typed.seconds), "episodes": .int(typed.episodes),
      "mean_episode_length": .double(typed.meanEpisodeLength), "mean_return": JSONValue(typed.meanReturn),
    ]
    o["steps_per_cpu_second"] = .double(typed.stepsPerCPUSecond)
    o["erased_steps_per_second"] = erased.map { .double($0.stepsPerSecond) } ?? .null
    emitJSON(json, .object(o))
  }

  /// Times environments made by `make` (called once per sub-environment: some hold reference
  /// types that must not be shared).
  func measure<E: MultiObjectiveEnvironment>(_ make: () throws -> E, _ limit: Int) throws -> MultiObjectiveBenchmark.Result {
    if numEnvs > 1 { return try MultiObjectiveBenchmark.vector(count: numEnvs, seconds: seconds, seed: seed, maxEpisodeSteps: limit) { _ in try make() } }
    return try MultiObjectiveBenchmark.single(try make(), seconds: seconds, seed: seed, maxEpisodeSteps: limit)
  }
}

struct MorlHypervolume: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hv",
    abstract: "Time the exact hypervolume on fronts from a JSON file (for comparisons with pymoo), in process CPU time.",
    discussion: "The file holds {\"cases\": [{\"points\": [[...], ...], \"ref\": [...]}, ...]} with maximisation semantics. Each case is repeated until --seconds have passed; the time per call is reported.")

  @Option(help: "The JSON file of fronts.")
  var input: String
  @Option(help: "CPU seconds per case.")
  var seconds = 0.3
  @Flag(help: "End with one JSON object.")
  var json = false

  func run() throws {
    let text: String
    do { text = try AtomicFile.read(input) } catch { throw ValidationError("cannot read --input '\(input)': \(error)") }
    let root: JSONValue
    do { root = try JSON.parse(text) } catch { throw ValidationError("--input '\(input)' is not JSON: \(error)") }
    guard let cases = root["cases"]?.arrayValue else { throw ValidationError("--input needs an object with a \"cases\" array") }
    var out: [JSONValue] = []
    for (k, c) in cases.enumerated() {
      guard let pts = c["points"]?.arrayValue?.compactMap(\.doubleArray), let ref = c["ref"]?.doubleArray,
        pts.count == c["points"]?.arrayValue?.count
      else { throw ValidationError("case \(k) needs \"points\" (arrays of numbers) and \"ref\" (numbers)") }
      let value = try Hypervolume.compute(pts, reference: ref)
      var reps = 0
      var sink = 0.0
      let t0 = ContinuousClock.now, c0 = Stopwatch.processCPU()
      var elapsed = 0.0, cpu = 0.0
      while cpu < seconds {
        for _ in 0..<max(1, min(1000, 100_000 / max(1, pts.count))) {
          sink += try Hypervolume.compute(pts, reference: ref)
          reps += 1
        }
        elapsed = (ContinuousClock.now - t0).secondsDouble
        cpu = Stopwatch.processCPU() - c0
      }
      precondition(sink.isFinite)
      let micros = cpu / Double(reps) * 1e6
      print("case \(k): \(ref.count) objectives, \(pts.count) points  hv \(format(value, 6))  \(format(micros, 3)) CPU µs per call (\(format(elapsed / Double(reps) * 1e6, 3)) wall)")
      out.append([
        "dimension": .int(ref.count), "points": .int(pts.count), "hypervolume": .double(value), "microseconds": .double(micros),
        "wall_microseconds": .double(elapsed / Double(reps) * 1e6),
      ])
    }
    emitJSON(json, ["cases": .array(out)])
  }
}

extension Duration {
  var secondsDouble: Double {
    let (s, atto) = components
    return Double(s) + Double(atto) * 1e-18
  }
}
