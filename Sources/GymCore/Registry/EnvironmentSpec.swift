/// A registry entry: how to make an environment and the facts `make` applies
/// (Gymnasium's `EnvSpec`).
public struct EnvironmentSpec: Sendable {
  /// The id, `[namespace/]name[-vN]`.
  public let id: String
  /// The family the environment belongs to (`classic_control`, `box2d`, `minigrid`, …).
  public let family: String
  /// The step limit `make` applies (`nil`: none).
  public var maxEpisodeSteps: Int?
  /// The average return at which the task counts as solved.
  public var rewardThreshold: Double?
  /// Whether the environment is nondeterministic even when seeded.
  public var nondeterministic: Bool
  /// Default construction options, merged under the caller's (the caller wins).
  public var defaultOptions: Options
  /// One line describing the task.
  public var summary: String
  /// Builds the environment (without the time limit, which `make` applies).
  public let factory: @Sendable (Options, RenderMode?) throws -> AnyEnvironment
  /// Runs the typed benchmark of this environment (see `Benchmark`).
  public let benchmark: (@Sendable (BenchmarkConfiguration) throws -> BenchmarkResult)?
  /// Runs the benchmark of the environment's batched implementation, when it has one
  /// (Gymnasium's `vector_entry_point`; see `Registry.registerBatched` and `Benchmark.batched`).
  public var batchedBenchmark: (@Sendable (BenchmarkConfiguration) throws -> BenchmarkResult)?

  /// The parsed parts of `id`.
  public var parsedID: EnvironmentID { EnvironmentID(parsing: id) }

  /// A spec; most callers use `Registry.register` instead.
  public init(
    id: String, family: String, maxEpisodeSteps: Int? = nil, rewardThreshold: Double? = nil,
    nondeterministic: Bool = false, defaultOptions: Options = [:], summary: String = "",
    factory: @escaping @Sendable (Options, RenderMode?) throws -> AnyEnvironment,
    benchmark: (@Sendable (BenchmarkConfiguration) throws -> BenchmarkResult)? = nil
  ) {
    self.id = id
    self.family = family
    self.maxEpisodeSteps = maxEpisodeSteps
    self.rewardThreshold = rewardThreshold
    self.nondeterministic = nondeterministic
    self.defaultOptions = defaultOptions
    self.summary = summary
    self.factory = factory
    self.benchmark = benchmark
  }

  /// The spec as JSON (without the factory), for `gym info --json`.
  public var json: JSONValue {
    var o: [String: JSONValue] = ["id": .string(id), "family": .string(family), "nondeterministic": .bool(nondeterministic)]
    o["max_episode_steps"] = maxEpisodeSteps.map { .int($0) } ?? .null
    o["reward_threshold"] = rewardThreshold.map { .double($0) } ?? .null
    o["kwargs"] = .object(defaultOptions)
    o["vector_entry_point"] = .bool(batchedBenchmark != nil)
    return .object(o)
  }
}

/// An id split into namespace, name and version: `ns/Name-v3`.
public struct EnvironmentID: Hashable, Sendable {
  /// The part before `/`, if any.
  public var namespace: String?
  /// The name without version.
  public var name: String
  /// The version number after `-v`, if any.
  public var version: Int?

  /// Parses `[namespace/]name[-vN]`.
  public init(parsing id: String) {
    var rest = Substring(id)
    if let slash = rest.firstIndex(of: "/") {
      namespace = String(rest[..<slash])
      rest = rest[rest.index(after: slash)...]
    }
    if let dash = rest.range(of: "-v", options: .backwards), let v = Int(rest[dash.upperBound...]) {
      version = v
      name = String(rest[..<dash.lowerBound])
    } else {
      name = String(rest)
    }
  }
}

extension Substring {
  func range(of needle: String, options: BackwardsOption) -> Range<Index>? {
    var i = endIndex
    let n = needle.count
    while i > startIndex {
      i = index(before: i)
      if distance(from: i, to: endIndex) >= n, self[i...].hasPrefix(needle) { return i..<index(i, offsetBy: n) }
    }
    return nil
  }
  enum BackwardsOption { case backwards }
}
