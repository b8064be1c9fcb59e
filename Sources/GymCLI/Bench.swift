import ArgumentParser
import SwiftGym

struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure environment steps per second (build with -c release).",
    discussion: "Times the typed environment with its default wrappers and the type-erased make() path; with --num-envs K > 1, a vector environment of K copies instead. Actions are pre-sampled at random.")

  @OptionGroup var environment: EnvironmentOptions
  @Option(help: "Steps to time (total env-steps).")
  var steps = 5_000_000
  @Option(help: "Sub-environments; more than 1 times a vector environment.")
  var numEnvs = 1
  @Option(help: "Worker threads for the vector environment.")
  var threads = 1
  @Option(help: "Seed.")
  var seed: UInt64 = 0
  @Flag(help: "End with one JSON object.")
  var json = false

  func validate() throws {
    guard steps > 0 else { throw ValidationError("--steps must be positive") }
    guard numEnvs > 0 else { throw ValidationError("--num-envs must be positive") }
    guard threads > 0 else { throw ValidationError("--threads must be positive") }
  }

  func run() throws {
    let spec = try Registry.standard.spec(environment.id)
    guard let benchmark = spec.benchmark else { throw ValidationError("\(spec.id) has no typed benchmark") }
    let config = BenchmarkConfiguration(
      steps: steps, numEnvs: numEnvs, threads: threads, seed: seed, options: try environment.parsedOptions(),
      maxEpisodeSteps: environment.maxEpisodeSteps ?? spec.maxEpisodeSteps)
    #if DEBUG
      printError("warning: this is a debug build; measure with `swift build -c release`")
    #endif
    var results: [BenchmarkResult] = []
    // Warm up caches and branch predictors on a short run, then time.
    var warm = config
    warm.steps = min(steps, 100_000)
    _ = try benchmark(warm)
    results.append(try benchmark(config))
    if numEnvs == 1 {
      let env = try environment.make()
      _ = try Benchmark.erased(env, config: warm)
      results.append(try Benchmark.erased(env, config: config))
    }
    print("env \(spec.id)")
    for r in results {
      print("  \(r.path.padding(to: 7)) envs \(r.numEnvs) threads \(r.threads)  \(grouped(Int(r.stepsPerSecond))) steps/s  (\(grouped(Int(r.stepsPerCPUSecond))) per CPU second, \(grouped(r.steps)) steps in \(format(r.seconds, 3)) s)")
    }
    let main = results[0]
    var o: [String: JSONValue] = [
      "env": .string(spec.id), "num_envs": .int(main.numEnvs), "threads": .int(main.threads),
      "steps": .int(main.steps), "seconds": .double(main.seconds), "cpu_seconds": .double(main.cpuSeconds),
      "steps_per_second": .double(main.stepsPerSecond), "steps_per_cpu_second": .double(main.stepsPerCPUSecond),
      "path": .string(main.path),
    ]
    if results.count > 1 {
      o["erased_steps_per_second"] = .double(results[1].stepsPerSecond)
    }
    emitJSON(json, .object(o))
  }
}
