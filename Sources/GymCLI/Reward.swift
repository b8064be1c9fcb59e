import ArgumentParser
import Foundation
import GymRewardText
import SwiftGym

struct Reward: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Rewards from text: compile task descriptions into reward programs, check and compare programs.",
    discussion: """
      A reward program is a list of 'let' and 'term' statements over an environment's reward view \
      (see `gym reward view --env ID`); it is parsed and type-checked, never run as code. \
      docs/reward-from-text.md describes the language, the phrasebook and the backends.
      """,
    subcommands: [RewardCompile.self, RewardCheck.self, RewardView_.self, RewardPhrases.self, RewardCompare.self, RewardBench.self, RewardEmbed.self, RewardEmbedBench.self, RewardExperiment.self, RewardLearn.self])
}

/// How a command obtains a text compiler: the phrasebook, or an OpenAI-compatible server
/// (live, recording into a cassette, or replaying one).
struct RewardBackendOptions: ParsableArguments {
  @Option(help: "Text compiler: 'phrasebook' (built in, offline) or 'openai' (an OpenAI-compatible chat-completions server).")
  var backend = "phrasebook"
  @Option(help: "API base of the openai backend, e.g. http://127.0.0.1:8080/v1 for llama.cpp's llama-server.")
  var url = "http://127.0.0.1:8080/v1"
  @Option(help: "Model name sent to the openai backend.")
  var model = "local"
  @Option(help: "Name of an environment variable holding the openai backend's API key (sent as a bearer token).")
  var apiKeyVariable: String?
  @Option(help: "Answers the openai backend may give before it fails (a rejected answer is sent back with its error).")
  var maxAttempts = 3
  @Option(help: "Record the openai backend's exchanges into this JSON-lines cassette.")
  var record: String?
  @Option(help: "Answer the openai backend's requests only from this cassette (no network).")
  var replay: String?

  func validateBackend() throws {
    guard ["phrasebook", "openai"].contains(backend) else {
      throw ValidationError("--backend must be 'phrasebook' or 'openai', got '\(backend)'")
    }
    guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be at least 1, got \(maxAttempts)") }
    if record != nil && replay != nil { throw ValidationError("give --record or --replay, not both") }
    if backend == "phrasebook" && (record != nil || replay != nil) {
      throw ValidationError("--record and --replay apply to --backend openai; the phrasebook needs no recording")
    }
  }

  /// Compiles `text` for `view` with the chosen backend; writes the cassette when recording.
  func compile(_ text: String, view: RewardView) throws -> RewardCompilation {
    try validateBackend()
    if backend == "phrasebook" { return try Phrasebook().compile(text, view: view) }
    var apiKey: String?
    if let apiKeyVariable {
      guard let value = ProcessInfo.processInfo.environment[apiKeyVariable], !value.isEmpty else {
        throw ValidationError("--api-key-variable: the environment variable '\(apiKeyVariable)' is not set")
      }
      apiKey = value
    }
    if let replay {
      let cassette = try Cassette(jsonLines: try AtomicFile.read(replay))
      return try OpenAICompatibleCompiler(baseURL: url, model: model, apiKey: apiKey, maxAttempts: maxAttempts, transport: ReplayTransport(cassette)).compile(text, view: view)
    }
    if let record {
      let cassette = Cassette()
      let compiler = OpenAICompatibleCompiler(
        baseURL: url, model: model, apiKey: apiKey, maxAttempts: maxAttempts, transport: RecordingTransport(URLSessionTransport(), cassette: cassette))
      defer { try? AtomicFile.write(cassette.jsonLines, to: record) }
      return try compiler.compile(text, view: view)
    }
    return try OpenAICompatibleCompiler(baseURL: url, model: model, apiKey: apiKey, maxAttempts: maxAttempts, transport: URLSessionTransport()).compile(text, view: view)
  }
}

/// Reads a program from a file, or from standard input for `-`.
func readProgramText(_ path: String) throws -> String {
  if path == "-" {
    var lines: [String] = []
    while let line = readLine(strippingNewline: false) { lines.append(line) }
    return lines.joined()
  }
  do { return try AtomicFile.read(path) } catch { throw ValidationError("cannot read the reward program '\(path)': \(error)") }
}

/// The reward view of `env` (with its construction options).
func rewardView(_ env: String, options: Options) throws -> RewardView {
  _ = try Registry.standard.spec(env)
  return try RewardViews.view(for: env, options: options)
}

/// Prints a compiled program with a header naming its origin.
func printProgram(_ compilation: RewardCompilation, text: String) {
  print("# \(compilation.reward.view.name) reward for \"\(text)\" (\(compilation.backend), \(compilation.attempts) attempt\(compilation.attempts == 1 ? "" : "s"))")
  for note in compilation.notes { print("# \(note)") }
  print(compilation.reward.source)
}

struct RewardCompile: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compile",
    abstract: "Compile a task description into a reward program and print it.",
    discussion: "The printed program can be saved and given to `gym train ppo --reward-program FILE` or `gym reward check`.")

  @Option(help: "A registered environment id with a reward view (see `gym reward view`).")
  var env: String
  @Option(help: "Environment construction options as a JSON object.")
  var envOptions: String?
  @Argument(help: "The task description, e.g. \"keep the pole upright near the centre\".")
  var text: String
  @OptionGroup var backend: RewardBackendOptions
  @Flag(help: "End with one JSON object.")
  var json = false

  func run() throws {
    let view = try rewardView(env, options: try parseObject(envOptions, flag: "--env-options"))
    let compilation = try backend.compile(text, view: view)
    printProgram(compilation, text: text)
    emitJSON(json, [
      "env": .string(env), "text": .string(text), "backend": .string(compilation.backend),
      "attempts": .int(compilation.attempts), "program": .string(compilation.reward.source),
      "terms": .array(compilation.reward.terms.map { ["name": .string($0.name), "weight": .double($0.weight)] }),
      "notes": .array(compilation.notes.map { .string($0) }),
    ])
  }
}

struct RewardCheck: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Parse and type-check a reward program against an environment's view.",
    discussion: "Prints the program as understood, or the first error with its line and column. Exits non-zero on an error.")

  @Option(help: "A registered environment id with a reward view.")
  var env: String
  @Option(help: "Environment construction options as a JSON object.")
  var envOptions: String?
  @Argument(help: "The program file, or - for standard input.")
  var file: String
  @Flag(help: "End with one JSON object.")
  var json = false

  func run() throws {
    let view = try rewardView(env, options: try parseObject(envOptions, flag: "--env-options"))
    let source = try readProgramText(file)
    do {
      let reward = try CompiledReward(source: source, view: view)
      print(reward.source)
      printError("ok: \(reward.terms.count) term\(reward.terms.count == 1 ? "" : "s"), \(reward.instructions.count) instructions")
      emitJSON(json, ["ok": true, "program": .string(reward.source), "terms": .int(reward.terms.count)])
    } catch {
      let place = error.position.map { "\(file):\($0.line):\($0.column)" } ?? file
      printError("\(place): error: \(error.message)")
      if let p = error.position {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        if p.line - 1 < lines.count {
          printError("  " + lines[p.line - 1])
          printError("  " + String(repeating: " ", count: max(0, p.column - 1)) + "^")
        }
      }
      emitJSON(json, [
        "ok": false, "kind": .string(error.kind.rawValue), "message": .string(error.message),
        "line": error.position.map { .int($0.line) } ?? .null, "column": error.position.map { .int($0.column) } ?? .null,
      ])
      throw ExitCode(1)
    }
  }
}

struct RewardView_: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "view",
    abstract: "Print the quantities a reward program can use for an environment (or list the environments with a view).")

  @Option(help: "A registered environment id; omit to list the ids with a view.")
  var env: String?
  @Option(help: "Environment construction options as a JSON object.")
  var envOptions: String?

  func run() throws {
    guard let env else {
      for id in RewardViews.supportedIDs { print(id) }
      return
    }
    print(try rewardView(env, options: try parseObject(envOptions, flag: "--env-options")).describe())
  }
}

struct RewardPhrases: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "phrases",
    abstract: "List the phrasebook: each phrase, the words that trigger it and the terms it adds.")

  @Option(help: "Only the phrases for this environment id.")
  var env: String?

  func run() throws {
    let viewName = try env.map { try rewardView($0, options: [:]).name }
    for e in Phrasebook.entries where viewName.map({ e.views.contains($0) }) ?? true {
      print("\(e.name)  [\(e.views.sorted().joined(separator: ", "))]")
      print("  triggers: \(e.triggers.map { $0.joined(separator: " … ") }.joined(separator: " / "))")
      print("  example:  \(e.example)")
      for s in e.statements { print("  \(s)") }
    }
  }
}

struct RewardCompare: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "EPIC and STARC distances between two reward programs on an environment.",
    discussion: """
      Both programs are evaluated on transitions of a uniformly random policy (--transitions, \
      seeded by --seed) and canonicalised over a pool of --pool states and actions drawn from \
      them. 0 means the rewards induce the same preferences up to positive scaling and potential \
      shaping; 1 means opposite rewards.
      """)

  @Option(help: "A registered environment id with a reward view.")
  var env: String
  @Option(help: "Environment construction options as a JSON object.")
  var envOptions: String?
  @Argument(help: "The first program file (or - for standard input).")
  var first: String
  @Argument(help: "The second program file.")
  var second: String
  @Option(help: "Coverage transitions.")
  var transitions = 2000
  @Option(help: "States and actions in the canonicalisation pool.")
  var pool = 256
  @Option(help: "Discount of the canonicalisation.")
  var gamma = 0.99
  @Option(help: "Seed of the transitions and the pool.")
  var seed: UInt64 = 0
  @Flag(help: "End with one JSON object.")
  var json = false

  func validate() throws {
    guard transitions >= 2 else { throw ValidationError("--transitions must be at least 2, got \(transitions)") }
    guard pool >= 1 else { throw ValidationError("--pool must be positive, got \(pool)") }
    guard (0...1).contains(gamma) else { throw ValidationError("--gamma must be in [0, 1], got \(gamma)") }
  }

  func run() throws {
    let options = try parseObject(envOptions, flag: "--env-options")
    let view = try rewardView(env, options: options)
    func load(_ path: String) throws -> CompiledReward {
      do { return try CompiledReward(source: try readProgramText(path), view: view) } catch let e as RewardProgramError {
        throw ValidationError("\(path): \(e)")
      }
    }
    let a = try load(first), b = try load(second)
    let environment = try Registry.standard.make(env, options: options)
    let sample = try TransitionSample.randomPolicy(environment, count: transitions, seed: seed)
    let r = RewardDistance.compare(a, b, coverage: sample, poolSize: pool, gamma: gamma, seed: seed)
    print("EPIC \(format(r.epic, 4))  STARC \(format(r.starc, 4))  (correlation of canonical rewards \(format(r.correlation, 4)); \(transitions) transitions, pool \(pool), gamma \(gamma))")
    emitJSON(json, ["epic": .double(r.epic), "starc": .double(r.starc), "correlation": .double(r.correlation), "transitions": .int(transitions), "pool": .int(pool)])
  }
}

struct RewardBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure a compiled reward's cost: program evaluations per second, and environment steps per second with and without it (build with -c release).",
    discussion: "Both step measurements run the type-erased environment (`make`) with the same pre-sampled random actions; 'text' adds the reward wrapper (flattening, evaluation, the true reward in info).")

  @Option(help: "A registered environment id with a reward view.")
  var env: String
  @Argument(help: "The task description (phrasebook).")
  var text: String
  @Option(help: "Environment steps per measurement.")
  var steps = 1_000_000
  @Option(help: "Seed.")
  var seed: UInt64 = 0
  @Flag(help: "End with one JSON object.")
  var json = false

  func validate() throws {
    guard steps > 0 else { throw ValidationError("--steps must be positive, got \(steps)") }
  }

  func run() throws {
    #if DEBUG
      printError("warning: this is a debug build; measure with `swift build -c release`")
    #endif
    let spec = try Registry.standard.spec(env)
    let reward = try Phrasebook().compile(text, view: try rewardView(env, options: [:])).reward
    let config = BenchmarkConfiguration(steps: steps, numEnvs: 1, threads: 1, seed: seed, options: [:], maxEpisodeSteps: spec.maxEpisodeSteps)
    var warm = config
    warm.steps = min(steps, 50_000)

    // The program alone, on transitions of a random policy.
    let sample = try TransitionSample.randomPolicy(try Registry.standard.make(env), count: 4096, seed: seed)
    let evaluator = RewardEvaluator(reward)
    let n = sample.observationLength, m = sample.actionLength
    var sink = 0.0
    let t0 = Stopwatch.now(), c0 = Stopwatch.processCPU()
    sample.states.withUnsafeBufferPointer { s in
      sample.actions.withUnsafeBufferPointer { a in
        sample.nextStates.withUnsafeBufferPointer { x in
          for i in 0..<steps {
            let k = i & 4095
            sink += evaluator.evaluate(
              previous: UnsafeBufferPointer(rebasing: s[(k * n)..<((k + 1) * n)]), action: UnsafeBufferPointer(rebasing: a[(k * m)..<((k + 1) * m)]),
              next: UnsafeBufferPointer(rebasing: x[(k * n)..<((k + 1) * n)]), terminated: sample.terminated[k])
          }
        }
      }
    }
    let evalSeconds = Stopwatch.now() - t0, evalCPU = Stopwatch.processCPU() - c0
    precondition(!sink.isNaN)
    let evaluationsPerSecond = Double(steps) / evalSeconds, evaluationsPerCPUSecond = Double(steps) / evalCPU

    let plain = try Registry.standard.make(env)
    _ = try Benchmark.erased(plain, config: warm)
    let base = try Benchmark.erased(plain, config: config)
    let wrapped = try AnyEnvironment(try Registry.standard.make(env).rewarded(by: reward))
    _ = try Benchmark.erased(wrapped, config: warm)
    let withReward = try Benchmark.erased(wrapped, config: config)
    // Per CPU second: on a busy machine wall time also counts the time other processes ran.
    let overhead = (1 / withReward.stepsPerCPUSecond - 1 / base.stepsPerCPUSecond) * 1e9
    print("\(env), \(reward.terms.count) terms, \(reward.instructions.count) instructions")
    print("  program alone       \(grouped(Int(evaluationsPerSecond))) evaluations/s, \(grouped(Int(evaluationsPerCPUSecond))) per CPU second (\(format(1e9 / evaluationsPerCPUSecond, 1)) CPU ns each)")
    print("  environment         \(grouped(Int(base.stepsPerSecond))) steps/s, \(grouped(Int(base.stepsPerCPUSecond))) per CPU second")
    print("  environment + text  \(grouped(Int(withReward.stepsPerSecond))) steps/s, \(grouped(Int(withReward.stepsPerCPUSecond))) per CPU second (\(format(overhead, 1)) CPU ns per step added)")
    emitJSON(json, [
      "env": .string(env), "text": .string(text), "terms": .int(reward.terms.count), "instructions": .int(reward.instructions.count),
      "evaluations_per_second": .double(evaluationsPerSecond), "evaluations_per_cpu_second": .double(evaluationsPerCPUSecond),
      "steps_per_second": .double(base.stepsPerSecond), "steps_per_cpu_second": .double(base.stepsPerCPUSecond),
      "text_steps_per_second": .double(withReward.stepsPerSecond), "text_steps_per_cpu_second": .double(withReward.stepsPerCPUSecond),
      "overhead_cpu_ns_per_step": .double(overhead),
    ])
  }
}
