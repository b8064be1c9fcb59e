import GymCore

/// Farama Minigrid's environments and BabyAI's levels.
public enum MiniGrid {
  /// One registered id: its defaults and its typed factory.
  public struct Entry: Sendable {
    /// The id, `MiniGrid-…-vN` or `BabyAI-…-vN`.
    public let id: String
    /// `minigrid` or `babyai`.
    public let family: String
    /// One line describing the task.
    public let summary: String
    /// The options the id implies (Minigrid's registered `kwargs`).
    public let defaults: Options
    /// Builds the environment from options merged over `defaults`.
    public let make: @Sendable (Options) throws -> any GridWorldEnvironment
    let register: @Sendable (Registry) -> Void
  }

  /// Every Minigrid and BabyAI id this package implements, in registration order.
  public static let entries: [Entry] = {
    var out: [Entry] = []
    func add<T: MiniGridTask>(
      _ id: String, _ summary: String, _ defaults: Options = [:],
      _ make: @escaping @Sendable (Options) throws -> MiniGridEnvironment<T>
    ) {
      let family = id.hasPrefix("BabyAI") ? "babyai" : "minigrid"
      out.append(Entry(
        id: id, family: family, summary: summary, defaults: defaults,
        make: { options in try make(defaults.merging(options) { _, new in new }) },
        register: { registry in
          registry.register(id: id, family: family, defaultOptions: defaults, summary: summary, make: make)
        }))
    }
    for (suffix, size) in [("5x5", 5), ("6x6", 6), ("8x8", 8), ("16x16", 16)] {
      add("MiniGrid-Empty-\(suffix)-v0", "Reach the goal in an empty \(suffix) room", ["size": .int(size)], Empty.environment)
    }
    for (suffix, size) in [("5x5", 5), ("6x6", 6)] {
      add("MiniGrid-Empty-Random-\(suffix)-v0", "Reach the goal in an empty \(suffix) room from a random start",
          ["size": .int(size), "agent_start_pos": .null], Empty.environment)
    }
    for (suffix, size) in [("5x5", 5), ("6x6", 6), ("8x8", 8), ("16x16", 16)] {
      add("MiniGrid-DoorKey-\(suffix)-v0", "Pick up the key, unlock the door, reach the goal (\(suffix))", ["size": .int(size)], DoorKey.environment)
    }
    add("MiniGrid-FourRooms-v0", "Reach the goal through four rooms joined by gaps", [:], FourRooms.environment)
    return out
  }()

  /// The entries by id.
  public static let entriesByID: [String: Entry] = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0) })

  /// Makes a typed environment by id (options merged over the id's defaults).
  /// - Throws: `RegistryError` for an unknown id, `OptionError` for bad options.
  public static func make(_ id: String, options: Options = [:]) throws -> any GridWorldEnvironment {
    guard let e = entriesByID[id] else {
      let close = entries.map(\.id).filter { $0.lowercased().contains(id.lowercased()) }.prefix(3)
      throw RegistryError("unknown Minigrid id '\(id)'" + (close.isEmpty ? "" : "; did you mean \(close.joined(separator: " or "))?"))
    }
    return try e.make(options)
  }

  /// Registers every Minigrid and BabyAI id in `registry`.
  public static func register(in registry: Registry) {
    for e in entries { e.register(registry) }
  }
}
