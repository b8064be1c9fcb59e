import Synchronization

/// A problem with an environment id or with `make`'s arguments.
public struct RegistryError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What was wrong, and the ids or values that are allowed.
  public var message: String
  /// An error with this message.
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// The table of environment ids: Gymnasium's `register` / `make` / `spec`.
///
/// `Registry.standard` (in the `SwiftGym` module) holds every built-in environment; user code
/// registers its own environments there or in a registry of its own.
public final class Registry: Sendable {
  @usableFromInline let table = Mutex<[String: EnvironmentSpec]>([:])

  /// An empty registry.
  public init() {}

  /// Adds or replaces a spec.
  public func register(_ spec: EnvironmentSpec) {
    table.withLock { $0[spec.id] = spec }
  }

  /// Registers a typed environment.
  ///
  /// The closure receives the merged options (spec defaults overridden by the caller's) and
  /// builds the environment; `make` erases it and applies `maxEpisodeSteps`. A typed benchmark
  /// is registered with it, specialised for `E`.
  /// - Parameters:
  ///   - id: `[namespace/]name-vN`.
  ///   - family: the family name shown by `gym list`.
  ///   - maxEpisodeSteps: the time limit `make` applies.
  ///   - rewardThreshold: the solved threshold.
  ///   - make: builds the environment from options; throws `OptionError` for bad options.
  @inlinable
  public func register<E: Environment & SendableMetatype>(
    id: String, family: String, maxEpisodeSteps: Int? = nil, rewardThreshold: Double? = nil,
    nondeterministic: Bool = false, defaultOptions: Options = [:], summary: String = "",
    make: @escaping @Sendable (Options) throws -> E
  ) {
    register(
      EnvironmentSpec(
        id: id, family: family, maxEpisodeSteps: maxEpisodeSteps, rewardThreshold: rewardThreshold,
        nondeterministic: nondeterministic, defaultOptions: defaultOptions, summary: summary,
        factory: { options, renderMode in try AnyEnvironment(make(options), maxEpisodeSteps: nil, renderMode: renderMode) },
        benchmark: { config in try Benchmark.run(config) { options in try make(options) } }
      ))
  }

  /// Attaches a batched implementation to the registered id `id` (Gymnasium's
  /// `vector_entry_point`): `gym bench --num-envs N` then times a `BatchedVectorEnvironment`
  /// of that kernel instead of a `VectorEnvironment` of single environments.
  /// - Parameters:
  ///   - id: an id registered before.
  ///   - make: builds a kernel with storage for the given number of lanes from construction
  ///     options; throws `OptionError` for bad options.
  @inlinable
  public func registerBatched<K: BatchedKernel>(id: String, make: @escaping @Sendable (Options, Int) throws -> K) {
    table.withLock { specs in
      precondition(specs[id] != nil, "registerBatched: '\(id)' is not registered")
      specs[id]!.batchedBenchmark = { config in try Benchmark.batched(config) { options, count in try make(options, count) } }
    }
  }

  /// Every registered id, sorted.
  public var ids: [String] { table.withLock { $0.keys.sorted() } }

  /// Every spec, sorted by id.
  public var specs: [EnvironmentSpec] { table.withLock { $0.values.sorted { $0.id < $1.id } } }

  /// The spec for `id`.
  /// - Throws: `RegistryError` naming the closest registered ids, or the versions that exist.
  public func spec(_ id: String) throws -> EnvironmentSpec {
    if let s = table.withLock({ $0[id] }) { return s }
    throw RegistryError(unknownIDMessage(id))
  }

  /// Makes an environment by id (Gymnasium's `make`).
  /// - Parameters:
  ///   - id: a registered id.
  ///   - options: construction options merged over the spec's defaults.
  ///   - maxEpisodeSteps: overrides the spec's time limit; `0` or less disables it.
  ///   - renderMode: the render mode, which must be one the environment supports.
  public func make(_ id: String, options: Options = [:], maxEpisodeSteps: Int? = nil, renderMode: RenderMode? = nil) throws -> AnyEnvironment {
    let spec = try spec(id)
    let merged = spec.defaultOptions.merging(options) { _, new in new }
    let inner = try spec.factory(merged, renderMode)
    let limit = maxEpisodeSteps.map { $0 > 0 ? $0 : nil } ?? spec.maxEpisodeSteps
    let env = AnyEnvironment(box: inner.box, maxEpisodeSteps: limit, renderMode: renderMode)
    env.spec = spec
    return env
  }

  func unknownIDMessage(_ id: String) -> String {
    let known = ids
    let parsed = EnvironmentID(parsing: id)
    let sameName = known.filter {
      let p = EnvironmentID(parsing: $0)
      return p.name == parsed.name && p.namespace == parsed.namespace
    }
    if !sameName.isEmpty {
      if parsed.version == nil {
        return "environment '\(id)' needs a version; registered: \(sameName.joined(separator: ", "))"
      }
      return "environment '\(id)' has no version \(parsed.version!); registered versions: \(sameName.joined(separator: ", "))"
    }
    let lower = id.lowercased()
    let scored = known.map { ($0, Self.editDistance(lower, $0.lowercased())) }.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
    let close = scored.filter { $0.1 <= max(3, id.count / 3) }.prefix(3).map(\.0)
    if close.isEmpty {
      return "unknown environment '\(id)'; run `gym list` to see the \(known.count) registered ids"
    }
    return "unknown environment '\(id)'; did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?"
  }

  /// Levenshtein distance between two strings.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = Array(repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
