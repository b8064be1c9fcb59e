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
    /// Times a `GridBatch` of `config.numEnvs` copies on `config.threads` threads after a short
    /// warm-up, specialised for the concrete task type (what `gym bench --num-envs` runs).
    public let batchBenchmark: @Sendable (BenchmarkConfiguration) throws -> BenchmarkResult
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
        batchBenchmark: { config in
          let prototype = try make(defaults.merging(config.options) { _, new in new })
          let batch = try GridBatch(prototype, count: config.numEnvs, threads: config.threads)
          _ = try batch.benchmark(steps: min(config.steps, 20 * config.numEnvs), seed: config.seed)
          return try batch.benchmark(steps: config.steps, seed: config.seed)
        },
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
    for (s, n) in [(9, 1), (9, 2), (9, 3), (11, 5)] {
      add("MiniGrid-LavaCrossingS\(s)N\(n)-v0", "Cross \(n) lava river(s) through their openings to the goal",
          ["size": .int(s), "num_crossings": .int(n)], Crossing.environment)
    }
    for (s, n) in [(9, 1), (9, 2), (9, 3), (11, 5)] {
      add("MiniGrid-SimpleCrossingS\(s)N\(n)-v0", "Cross \(n) wall(s) through their openings to the goal",
          ["size": .int(s), "num_crossings": .int(n), "obstacle_type": "wall"], Crossing.environment)
    }
    add("MiniGrid-DistShift1-v0", "Reach the goal past lava strips in rows 1 and 2", ["strip2_row": 2], DistShift.environment)
    add("MiniGrid-DistShift2-v0", "Reach the goal past lava strips in rows 1 and 5", ["strip2_row": 5], DistShift.environment)
    for (suffix, size, n) in [("5x5", 5, 2), ("6x6", 6, 3), ("8x8", 8, 4), ("16x16", 16, 8)] {
      add("MiniGrid-Dynamic-Obstacles-\(suffix)-v0", "Reach the goal among \(n) moving balls (\(suffix))",
          ["size": .int(size), "n_obstacles": .int(n)], DynamicObstacles.environment)
    }
    for (suffix, size, n) in [("5x5", 5, 2), ("6x6", 6, 3)] {
      add("MiniGrid-Dynamic-Obstacles-Random-\(suffix)-v0", "Reach the goal among \(n) moving balls from a random start",
          ["size": .int(size), "agent_start_pos": .null, "n_obstacles": .int(n)], DynamicObstacles.environment)
    }
    for (suffix, size, n) in [("5x5-N2", 5, 2), ("6x6-N2", 6, 2), ("8x8-N3", 8, 3)] {
      add("MiniGrid-Fetch-\(suffix)-v0", "Pick up the named object among \(n)", ["size": .int(size), "numObjs": .int(n)], Fetch.environment)
    }
    for (suffix, size) in [("5x5", 5), ("6x6", 6), ("8x8", 8)] {
      add("MiniGrid-GoToDoor-\(suffix)-v0", "Stand by the named door and say done", ["size": .int(size)], GoToDoor.environment)
    }
    for (suffix, size) in [("6x6-N2", 6), ("8x8-N2", 8)] {
      add("MiniGrid-GoToObject-\(suffix)-v0", "Stand by the named object and say done", ["size": .int(size), "numObjs": 2], GoToObject.environment)
    }
    for (s, r) in [(3, 1), (3, 2), (3, 3), (4, 3), (5, 3), (6, 3)] {
      add("MiniGrid-KeyCorridorS\(s)R\(r)-v0", "Fetch the ball behind a locked door; its key is elsewhere",
          ["room_size": .int(s), "num_rows": .int(r)], KeyCorridor.environment)
    }
    for s in [5, 6, 7] {
      add("MiniGrid-LavaGapS\(s)-v0", "Cross a lava column through its gap to the goal", ["size": .int(s)], LavaGap.environment)
    }
    add("MiniGrid-LockedRoom-v0", "Get the key from a side room and unlock the goal's room", [:], LockedRoom.environment)
    for (name, size, random) in [("S17Random", 17, true), ("S13Random", 13, true), ("S13", 13, false), ("S11", 11, false), ("S9", 9, false), ("S7", 7, false)] {
      add("MiniGrid-Memory\(name)-v0", "Remember the start object and go to its match", ["size": .int(size), "random_length": .bool(random)], Memory.environment)
    }
    add("MiniGrid-MultiRoom-N2-S4-v0", "Traverse 2 rooms to the goal", ["minNumRooms": 2, "maxNumRooms": 2, "maxRoomSize": 4], MultiRoom.environment)
    add("MiniGrid-MultiRoom-N4-S5-v0", "Traverse 6 rooms to the goal (legacy id)", ["minNumRooms": 6, "maxNumRooms": 6, "maxRoomSize": 5], MultiRoom.environment)
    add("MiniGrid-MultiRoom-N4-S5-v1", "Traverse 4 rooms to the goal", ["minNumRooms": 4, "maxNumRooms": 4, "maxRoomSize": 5], MultiRoom.environment)
    add("MiniGrid-MultiRoom-N6-v0", "Traverse 6 rooms to the goal", ["minNumRooms": 6, "maxNumRooms": 6], MultiRoom.environment)
    for (name, box, blocked) in [("1Dl", false, false), ("1Dlh", true, false), ("1Dlhb", true, true)] {
      add("MiniGrid-ObstructedMaze-\(name)-v0", "Find the blue ball behind a locked door",
          ["key_in_box": .bool(box), "blocked": .bool(blocked)], ObstructedMaze.environment(oneDoor: true))
    }
    let mazes: [(String, [Int], Bool, Bool, Int, Int)] = [
      ("2Dl", [2, 1], false, false, 1, 4), ("2Dlh", [2, 1], true, false, 1, 4), ("2Dlhb", [2, 1], true, true, 1, 4),
      ("1Q", [1, 1], true, true, 1, 5), ("2Q", [2, 1], true, true, 2, 11), ("Full", [1, 1], true, true, 4, 25),
    ]
    for v1 in [false, true] {
      for (name, room, box, blocked, quarters, visited) in mazes where !v1 || ["2Dlhb", "1Q", "2Q", "Full"].contains(name) {
        add("MiniGrid-ObstructedMaze-\(name)-v\(v1 ? 1 : 0)", "Find the blue ball in a maze of locked, blocked doors",
            ["agent_room": .array(room.map { .int($0) }), "key_in_box": .bool(box), "blocked": .bool(blocked),
             "num_quarters": .int(quarters), "num_rooms_visited": .int(visited)], ObstructedMaze.environment(oneDoor: false, v1: v1))
      }
    }
    add("MiniGrid-Playground-v0", "Nine rooms of doors and objects, no task", [:], Playground.environment)
    add("MiniGrid-PutNear-6x6-N2-v0", "Put one object next to another", ["size": 6, "numObjs": 2], PutNear.environment)
    add("MiniGrid-PutNear-8x8-N3-v0", "Put one object next to another", ["size": 8, "numObjs": 3], PutNear.environment)
    add("MiniGrid-RedBlueDoors-6x6-v0", "Open the red door, then the blue one", ["size": 6], RedBlueDoors.environment)
    add("MiniGrid-RedBlueDoors-8x8-v0", "Open the red door, then the blue one", ["size": 8], RedBlueDoors.environment)
    add("MiniGrid-Unlock-v0", "Open the locked door with its key", [:], Unlock.environment(.unlock))
    add("MiniGrid-UnlockPickup-v0", "Unlock the door and pick up the box behind it", [:], Unlock.environment(.unlockPickup))
    add("MiniGrid-BlockedUnlockPickup-v0", "Move the ball, unlock the door, pick up the box", [:], Unlock.environment(.blockedUnlockPickup))
    for level in BabyAILevel.registeredLevels {
      let cls = level.level
      add(level.id, "BabyAI \(cls): follow the generated instruction", level.options) { options in
        try BabyAILevel.environment(level: cls, options: options)
      }
    }
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
