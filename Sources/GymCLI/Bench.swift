import ArgumentParser
import SwiftGym

struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure environment steps per second (build with -c release).",
    discussion: "Times the typed environment with its default wrappers and the type-erased make() path; with --num-envs K > 1, K copies stepped together instead: the environment's batched implementation when it has one (a structure-of-arrays kernel on --threads persistent threads), else a vector environment of single environments. Actions are pre-sampled at random.")

  @OptionGroup var environment: EnvironmentOptions
  @Option(help: "Steps to time (total env-steps).")
  var steps = 5_000_000
  @Option(name: [.customLong("num-envs"), .customLong("envs")], help: "Sub-environments; more than 1 times a vector environment.")
  var numEnvs = 1
  @Option(help: "Worker threads for the vector environment.")
  var threads = 1
  @Option(help: "'batched' (the environment's own structure-of-arrays implementation; the default with --num-envs > 1 when it has one, also with 1 env if asked) or 'sync' (a vector of single environments).")
  var vectorization: String?
  @Flag(help: "Shorthand for --vectorization batched: fail if the environment has no batched implementation.")
  var batched = false
  @Option(help: "Seed.")
  var seed: UInt64 = 0
  @Flag(help: "Measure rendering instead: frames/s for step + render into the frame, and with fast PNG encoding.")
  var render = false
  @Option(help: "Measure this many resets instead: resets/s of the typed environment, each a fresh layout (Minigrid and BabyAI ids).")
  var resets: Int?
  @Option(help: "Seconds per rendering measurement.")
  var seconds = 2.0
  @Flag(help: "End with one JSON object.")
  var json = false

  func validate() throws {
    guard steps > 0 else { throw ValidationError("--steps must be positive") }
    guard numEnvs > 0 else { throw ValidationError("--num-envs must be positive") }
    guard threads > 0 else { throw ValidationError("--threads must be positive") }
    if let resets, resets <= 0 { throw ValidationError("--resets must be positive, got \(resets)") }
    if let v = vectorization, v != "batched" && v != "sync" {
      throw ValidationError("--vectorization must be 'batched' or 'sync', got '\(v)'")
    }
    if batched && vectorization == "sync" { throw ValidationError("--batched contradicts --vectorization sync") }
  }

  func run() throws {
    if render { return try runRender() }
    if let resets { return try runResets(count: resets) }
    let spec = try Registry.standard.spec(environment.id)
    guard var benchmark = spec.benchmark else { throw ValidationError("\(spec.id) has no typed benchmark") }
    let mode = batched ? "batched" : vectorization
    var timesBatched = false
    if (numEnvs > 1 && mode != "sync") || mode == "batched" {
      if let batchedBenchmark = spec.batchedBenchmark {
        benchmark = batchedBenchmark
        timesBatched = true
      } else if mode == "batched" {
        throw ValidationError("\(spec.id) has no batched implementation; use --vectorization sync")
      }
    }
    let config = BenchmarkConfiguration(
      steps: steps, numEnvs: numEnvs, threads: threads, seed: seed, options: try environment.parsedOptions(),
      maxEpisodeSteps: environment.maxEpisodeSteps ?? spec.maxEpisodeSteps)
    #if DEBUG
      printError("warning: this is a debug build; measure with `swift build -c release`")
    #endif
    var results: [BenchmarkResult] = []
    if numEnvs > 1, let entry = MiniGrid.entriesByID[spec.id] {
      // Grid worlds batch through GridBatch: the 7×7 views land in one byte buffer.
      do { results.append(try entry.batchBenchmark(config)) } catch { throw CLIError("\(error)") }
      printResults(spec.id, results)
      return
    }
    // Warm up caches and branch predictors on a short run, then time.
    var warm = config
    warm.steps = min(steps, 100_000)
    _ = try benchmark(warm)
    results.append(try benchmark(config))
    if numEnvs == 1 && !timesBatched {
      let env = try environment.make()
      _ = try Benchmark.erased(env, config: warm)
      results.append(try Benchmark.erased(env, config: config))
    }
    printResults(spec.id, results)
  }

  func printResults(_ id: String, _ results: [BenchmarkResult]) {
    print("env \(id)")
    for r in results {
      print("  \(r.path.padding(to: 7)) envs \(r.numEnvs) threads \(r.threads)  \(grouped(Int(r.stepsPerSecond))) steps/s  (\(grouped(Int(r.stepsPerCPUSecond))) per CPU second, \(grouped(r.steps)) steps in \(format(r.seconds, 3)) s)")
    }
    emitResults(results)
  }

  func emitResults(_ results: [BenchmarkResult]) {
    let main = results[0]
    var o: [String: JSONValue] = [
      "env": .string(environment.id), "num_envs": .int(main.numEnvs), "threads": .int(main.threads),
      "steps": .int(main.steps), "seconds": .double(main.seconds), "cpu_seconds": .double(main.cpuSeconds),
      "steps_per_second": .double(main.stepsPerSecond), "steps_per_cpu_second": .double(main.stepsPerCPUSecond),
      "path": .string(main.path),
    ]
    if results.count > 1 {
      o["erased_steps_per_second"] = .double(results[1].stepsPerSecond)
      o["erased_steps_per_cpu_second"] = .double(results[1].stepsPerCPUSecond)
    }
    emitJSON(json, .object(o))
  }
}

extension Bench {
  /// Times step + render, and step + render + PNG encoding, on the erased environment.
  func runRender() throws {
    let env = try environment.make(renderMode: .rgbArray)
    var rng = GymRandom(seed: seed)
    let actions = (0..<Benchmark.actionPoolSize).map { _ in env.sampleAction(using: &rng) }
    func measure(encode: Bool) throws -> (fps: Double, cpuFPS: Double, bytes: Int, size: String) {
      _ = try env.reset(seed: seed)
      var frames = 0, bytes = 0
      var size = ""
      let t0 = Stopwatch.now(), c0 = Stopwatch.processCPU()
      while Stopwatch.now() - t0 < seconds {
        for _ in 0..<16 {
          let r = try env.checkedStep(actions[frames & (Benchmark.actionPoolSize - 1)])
          if r.terminated || r.truncated { _ = try env.reset() }
          guard let frame = env.renderFrame() else { throw ValidationError("\(environment.id) does not render frames") }
          size = "\(frame.width)x\(frame.height)"
          if encode { bytes += try PNG.encode(frame, compression: .fast).count }
          frames += 1
        }
      }
      let wall = Stopwatch.now() - t0, cpu = Stopwatch.processCPU() - c0
      return (Double(frames) / wall, Double(frames) / cpu, frames > 0 ? bytes / frames : 0, size)
    }
    let draw = try measure(encode: false)
    let encoded = try measure(encode: true)
    print("env \(environment.id) render \(draw.size)")
    print("  step + render          \(grouped(Int(draw.fps))) frames/s (\(grouped(Int(draw.cpuFPS))) per CPU second)")
    print("  step + render + PNG    \(grouped(Int(encoded.fps))) frames/s (\(grouped(Int(encoded.cpuFPS))) per CPU second, \(grouped(encoded.bytes)) bytes/frame, fast compression)")
    emitJSON(json, [
      "env": .string(environment.id), "frame": .string(draw.size), "render_frames_per_second": .double(draw.fps),
      "render_frames_per_cpu_second": .double(draw.cpuFPS), "render_png_frames_per_second": .double(encoded.fps),
      "png_bytes_per_frame": .int(encoded.bytes),
    ])
  }
}

extension Bench {
  /// Times `reset(seed: nil)` on the typed grid world: for BabyAI a new level and mission each
  /// time (with Minigrid's rejection sampling), for Minigrid a new layout.
  func runResets(count: Int) throws {
    guard MiniGrid.entriesByID[environment.id] != nil else {
      throw ValidationError("--resets measures Minigrid and BabyAI ids (see `gym list`); got \(environment.id)")
    }
    let env: any GridWorldEnvironment
    do { env = try MiniGrid.make(environment.id, options: try environment.parsedOptions()) } catch { throw CLIError("\(error)") }
    #if DEBUG
      printError("warning: this is a debug build; measure with `swift build -c release`")
    #endif
    func measure<E: GridWorldEnvironment>(_ env: E, count: Int) throws -> (seconds: Double, cpu: Double) {
      var env = env
      _ = try env.reset(seed: seed, options: [:])
      var check = 0
      let t0 = Stopwatch.now(), c0 = Stopwatch.processCPU()
      for _ in 0..<count {
        _ = try env.reset(seed: nil, options: [:])
        check &+= env.world.agent.x
      }
      let t1 = Stopwatch.now(), c1 = Stopwatch.processCPU()
      precondition(check >= 0)
      return (t1 - t0, c1 - c0)
    }
    _ = try measure(env, count: min(count, 1_000))
    let m = try measure(env, count: count)
    let perSecond = Double(count) / m.seconds, perCPU = Double(count) / m.cpu
    print("env \(environment.id)")
    print("  resets  \(grouped(Int(perSecond))) resets/s  (\(grouped(Int(perCPU))) per CPU second, \(grouped(count)) resets in \(format(m.seconds, 3)) s)")
    emitJSON(json, [
      "env": .string(environment.id), "resets": .int(count), "seconds": .double(m.seconds), "cpu_seconds": .double(m.cpu),
      "resets_per_second": .double(perSecond), "resets_per_cpu_second": .double(perCPU),
    ])
  }
}
