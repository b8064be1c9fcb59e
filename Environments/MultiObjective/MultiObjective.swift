import GymBox2D
import GymCore

/// MO-Gymnasium's environments (vector rewards) and MOMAland-style multi-agent ones.
///
/// Register them with `MultiObjective.register(in:)` (done for `Registry.standard` by the
/// `SwiftGym` module). The reference points used by MORL-Baselines and this package's exact
/// fronts are in `MultiObjective.referencePoints` and `MultiObjective.exactFront(_:gamma:)`.
public enum MultiObjective {
  /// The registry family name.
  public static let family = "multi_objective"

  /// Registers every multi-objective id in `registry`.
  public static func register(in registry: Registry) {
    registry.register(
      id: "deep-sea-treasure-v0", family: family, maxEpisodeSteps: 100,
      summary: "Submarine trading treasure against time; convex front (2 objectives)"
    ) { options in try DeepSeaTreasure(map: .convex, options: options) }
    registry.register(
      id: "deep-sea-treasure-concave-v0", family: family, maxEpisodeSteps: 100,
      summary: "Deep-sea-treasure on Vamplew's concave map (2 objectives)"
    ) { options in try DeepSeaTreasure(map: .concave, options: options) }
    registry.register(
      id: "deep-sea-treasure-mirrored-v0", family: family, maxEpisodeSteps: 100,
      summary: "Deep-sea-treasure, concave front on a wider mirrored map (2 objectives)"
    ) { options in try DeepSeaTreasure(map: .mirrored, options: options) }
    registry.register(
      id: "fruit-tree-v0", family: family, defaultOptions: ["depth": 6],
      summary: "Pick a leaf of a binary tree; every leaf is Pareto-optimal (6 objectives)"
    ) { options in try FruitTree(options: options) }
    registry.register(
      id: "four-room-v0", family: family, maxEpisodeSteps: 200,
      summary: "Collect blue, green and red shapes in four rooms, then reach the goal (3 objectives)"
    ) { options in try FourRoom(options: options) }
    registry.register(
      id: "resource-gathering-v0", family: family, maxEpisodeSteps: 100,
      summary: "Bring gold and gems home past enemies (3 objectives: death, gold, gem)"
    ) { options in try ResourceGathering(options: options) }
    registry.register(
      id: "fishwood-v0", family: family,
      summary: "Fish or collect wood for 200 steps (2 objectives; an expected-utility task)"
    ) { options in try FishWood(options: options) }
    registry.register(
      id: "breakable-bottles-v0", family: family, maxEpisodeSteps: 100,
      summary: "Deliver two bottles without leaving broken ones behind (3 objectives)"
    ) { options in try BreakableBottles(options: options) }
    registry.register(
      id: "minecart-v0", family: family, maxEpisodeSteps: 1000,
      summary: "Mine two ores and bring them home while saving fuel (3 objectives)"
    ) { options in try Minecart(deterministic: false, options: options) }
    registry.register(
      id: "minecart-deterministic-v0", family: family, maxEpisodeSteps: 1000,
      summary: "Minecart with deterministic ore amounts (3 objectives)"
    ) { options in try Minecart(deterministic: true, options: options) }
    registry.register(
      id: "mo-mountaincar-v0", family: family, maxEpisodeSteps: 200,
      summary: "MountainCar with time, reverse and forward penalties (3 objectives)"
    ) { options in try MOMountainCar(options: options) }
    registry.register(
      id: "mo-mountaincarcontinuous-v0", family: family, maxEpisodeSteps: 999,
      summary: "MountainCarContinuous with time and fuel (2 objectives)"
    ) { options in try MOMountainCarContinuous(options: options) }
    registry.register(
      id: "mo-lunar-lander-v3", family: family, maxEpisodeSteps: 1000,
      summary: "LunarLander with outcome, shaping, main and side fuel (4 objectives)"
    ) { options in try MOLunarLander<DiscreteThrusters>(options: options) }
    registry.register(
      id: "mo-lunar-lander-continuous-v3", family: family, maxEpisodeSteps: 1000,
      summary: "LunarLanderContinuous with outcome, shaping, main and side fuel (4 objectives)"
    ) { options in try MOLunarLander<ContinuousThrusters>(options: options) }
  }

  /// Reference points for hypervolume, by environment id: MORL-Baselines' where it has one,
  /// this package's own otherwise (see `docs/benchmarks/morl.md`).
  public static let referencePoints: [String: [Double]] = [
    "deep-sea-treasure-v0": [0, -25],
    "deep-sea-treasure-concave-v0": [0, -25],
    "deep-sea-treasure-mirrored-v0": [0, -25],
    "fruit-tree-v0": [-1, -1, -1, -1, -1, -1],
    "resource-gathering-v0": [-1, -1, -2],
    "minecart-v0": [-1, -1, -200],
    "minecart-deterministic-v0": [-1, -1, -200],
    // Not found in MORL-Baselines; chosen so that every achievable return counts.
    "four-room-v0": [-1, -1, -1],
    "fishwood-v0": [-1, -1],
    "breakable-bottles-v0": [-101, -1, -2],
    // MORL-Baselines' MORL/D and C-MORL runs; CAPQL's for the continuous lander.
    "mo-lunar-lander-v3": [-101, -1001, -101, -101],
    "mo-lunar-lander-continuous-v3": [-110, -400, -100, -100],
    // Ours: just below the worst return over the time limit.
    "mo-mountaincar-v0": [-201, -201, -201],
    "mo-mountaincarcontinuous-v0": [-1000, -1000],
  ]

  /// The reference point for `id`.
  /// - Throws: `RegistryError` listing the ids that have one.
  public static func referencePoint(_ id: String) throws -> [Double] {
    guard let p = referencePoints[id] else {
      throw RegistryError("no reference point is stored for '\(id)'; stored: \(referencePoints.keys.sorted().joined(separator: ", "))")
    }
    return p
  }
}

/// Reading construction options with errors that name the option and what is allowed.
enum OptionReader {
  /// Throws when `options` has a key outside `allowed`.
  static func check(_ options: Options, allowed: [String], env: String) throws {
    if let bad = options.keys.sorted().first(where: { !allowed.contains($0) }) {
      let list = allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
      throw OptionError("unknown option '\(bad)' for \(env); allowed: \(list)")
    }
  }

  static func int(_ options: Options, _ key: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
    guard let v = options[key] else { return value }
    guard let i = v.intValue, range.contains(i) else {
      throw OptionError("option '\(key)' must be an integer in \(range.lowerBound)...\(range.upperBound), got \(v)")
    }
    return i
  }

  static func double(_ options: Options, _ key: String, default value: Double, range: ClosedRange<Double>) throws -> Double {
    guard let v = options[key] else { return value }
    guard let x = v.doubleValue, x.isFinite, range.contains(x) else {
      throw OptionError("option '\(key)' must be a number in \(range.lowerBound)...\(range.upperBound), got \(v)")
    }
    return x
  }

  static func bool(_ options: Options, _ key: String, default value: Bool) throws -> Bool {
    guard let v = options[key] else { return value }
    guard let b = v.boolValue else { throw OptionError("option '\(key)' must be true or false, got \(v)") }
    return b
  }

  static func string(_ options: Options, _ key: String, default value: String, allowed: [String]) throws -> String {
    guard let v = options[key] else { return value }
    guard let s = v.stringValue, allowed.contains(s) else {
      throw OptionError("option '\(key)' must be one of \(allowed.joined(separator: ", ")), got \(v)")
    }
    return s
  }
}

extension DeepSeaTreasure {
  /// A deep-sea-treasure environment from construction options (`dst_map`: "convex",
  /// "concave" or "mirrored", overriding `map`).
  public init(map: Map, options: Options) throws {
    try OptionReader.check(options, allowed: ["dst_map"], env: "deep-sea-treasure")
    let name = try OptionReader.string(options, "dst_map", default: map.rawValue, allowed: Map.allCases.map(\.rawValue))
    self.init(map: Map(rawValue: name)!)
  }
}

/// Code that works on any tabular multi-objective environment, handed the concrete type by
/// `MultiObjective.visitTabular(_:options:_:)`.
public protocol TabularEnvironmentVisitor {
  /// What the visit produces.
  associatedtype Result
  /// Called with the environment made from the id.
  func visit<E: TabularMultiObjectiveEnvironment & Sendable>(_ env: E) throws -> Result
}

extension MultiObjective {
  /// The ids of the tabular environments (those tabular agents can learn on).
  public static let tabularIDs = [
    "deep-sea-treasure-v0", "deep-sea-treasure-concave-v0", "deep-sea-treasure-mirrored-v0", "fruit-tree-v0",
    "four-room-v0", "resource-gathering-v0", "fishwood-v0", "breakable-bottles-v0",
  ]

  /// The ids whose exact dynamics are available as a `MultiObjectiveModel`.
  public static let modelIDs = [
    "deep-sea-treasure-v0", "deep-sea-treasure-concave-v0", "deep-sea-treasure-mirrored-v0", "fruit-tree-v0",
    "resource-gathering-v0", "breakable-bottles-v0",
  ]

  /// The time limit `make` applies to `id` (MO-Gymnasium's `max_episode_steps`), or the
  /// episode length the environment enforces itself.
  public static func episodeLimit(_ id: String) -> Int {
    switch id {
    case "four-room-v0", "fishwood-v0": return 200
    case "fruit-tree-v0": return 7
    case "minecart-v0", "minecart-deterministic-v0", "mo-lunar-lander-v3", "mo-lunar-lander-continuous-v3": return 1000
    case "mo-mountaincar-v0": return 200
    case "mo-mountaincarcontinuous-v0": return 999
    default: return 100
    }
  }

  /// Makes the tabular environment `id` and hands it to `visitor` with its concrete type.
  /// - Throws: `RegistryError` for an id that is not tabular, `OptionError` for bad options.
  public static func visitTabular<V: TabularEnvironmentVisitor>(_ id: String, options: Options = [:], _ visitor: V) throws -> V.Result {
    switch id {
    case "deep-sea-treasure-v0": return try visitor.visit(DeepSeaTreasure(map: .convex, options: options))
    case "deep-sea-treasure-concave-v0": return try visitor.visit(DeepSeaTreasure(map: .concave, options: options))
    case "deep-sea-treasure-mirrored-v0": return try visitor.visit(DeepSeaTreasure(map: .mirrored, options: options))
    case "fruit-tree-v0": return try visitor.visit(FruitTree(options: options))
    case "four-room-v0": return try visitor.visit(FourRoom(options: options))
    case "resource-gathering-v0": return try visitor.visit(ResourceGathering(options: options))
    case "fishwood-v0": return try visitor.visit(FishWood(options: options))
    case "breakable-bottles-v0": return try visitor.visit(BreakableBottles(options: options))
    default:
      throw RegistryError("'\(id)' is not a tabular multi-objective environment; tabular ids: \(tabularIDs.joined(separator: ", "))")
    }
  }

  /// The exact dynamics of `id`.
  /// - Throws: `RegistryError` for an id without a model, `OptionError` for bad options.
  public static func model(_ id: String, options: Options = [:]) throws -> any MultiObjectiveModel {
    switch id {
    case "deep-sea-treasure-v0": return try DeepSeaTreasure(map: .convex, options: options)
    case "deep-sea-treasure-concave-v0": return try DeepSeaTreasure(map: .concave, options: options)
    case "deep-sea-treasure-mirrored-v0": return try DeepSeaTreasure(map: .mirrored, options: options)
    case "fruit-tree-v0": return try FruitTree(options: options)
    case "resource-gathering-v0": return try ResourceGathering(options: options)
    case "breakable-bottles-v0":
      let env = try BreakableBottles(options: options)
      guard !env.unbreakableBottles else { throw OptionError("the exact model covers breakable bottles only (unbreakable_bottles: false)") }
      return env
    default:
      throw RegistryError("no exact model for '\(id)'; models exist for: \(modelIDs.joined(separator: ", "))")
    }
  }
}
