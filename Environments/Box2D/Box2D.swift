import GymCore

/// Gymnasium's Box2D family: LunarLander, BipedalWalker and CarRacing on Box2D 2.4.
public enum Box2DFamily {
  /// Registers every Box2D id in `registry`.
  public static func register(in registry: Registry) {
    registerLunarLander(id: "LunarLander-v3", continuousByDefault: false, in: registry)
    registerLunarLander(id: "LunarLanderContinuous-v3", continuousByDefault: true, in: registry)
    registry.register(
      id: "BipedalWalker-v3", family: "box2d", maxEpisodeSteps: 1600, rewardThreshold: 300,
      summary: "Walk a two-legged robot across gently rough terrain with four joint motors"
    ) { options in try BipedalWalker(options: options) }
    registry.register(
      id: "BipedalWalkerHardcore-v3", family: "box2d", maxEpisodeSteps: 2000, rewardThreshold: 300,
      summary: "BipedalWalker over stumps, stairs and pits"
    ) { options in try BipedalWalker(options: options, hardcoreByDefault: true) }
    registerCarRacing(in: registry)
  }

  /// Registers CarRacing-v3, whose `continuous` option picks the typed environment.
  static func registerCarRacing(in registry: Registry) {
    @Sendable func continuous(_ options: Options) throws -> Bool {
      guard let v = options["continuous"] else { return true }
      guard let b = v.boolValue else { throw OptionError("option 'continuous' of CarRacing must be true or false, got \(v)") }
      return b
    }
    registry.register(EnvironmentSpec(
      id: "CarRacing-v3", family: "box2d", maxEpisodeSteps: 1000, rewardThreshold: 900,
      summary: "Drive a top-down car around a random track from 96x96 pixels",
      factory: { options, renderMode in
        if try continuous(options) {
          return try AnyEnvironment(CarRacing<ContinuousDriving>(options: options), renderMode: renderMode)
        }
        return try AnyEnvironment(CarRacing<DiscreteDriving>(options: options), renderMode: renderMode)
      },
      benchmark: { config in
        if try continuous(config.options) {
          return try Benchmark.run(config) { try CarRacing<ContinuousDriving>(options: $0) }
        }
        return try Benchmark.run(config) { try CarRacing<DiscreteDriving>(options: $0) }
      }))
  }

  /// Registers a LunarLander id whose `continuous` option picks the typed environment.
  static func registerLunarLander(id: String, continuousByDefault: Bool, in registry: Registry) {
    @Sendable func continuous(_ options: Options) throws -> Bool {
      guard let v = options["continuous"] else { return continuousByDefault }
      guard let b = v.boolValue else { throw OptionError("option 'continuous' of LunarLander must be true or false, got \(v)") }
      return b
    }
    registry.register(EnvironmentSpec(
      id: id, family: "box2d", maxEpisodeSteps: 1000, rewardThreshold: 200,
      summary: continuousByDefault
        ? "Land on the pad with throttled main and side engines (Box action)"
        : "Land on the pad by firing the main or a side engine",
      factory: { options, renderMode in
        if try continuous(options) {
          return try AnyEnvironment(LunarLander<ContinuousThrusters>(options: options), renderMode: renderMode)
        }
        return try AnyEnvironment(LunarLander<DiscreteThrusters>(options: options), renderMode: renderMode)
      },
      benchmark: { config in
        if try continuous(config.options) {
          return try Benchmark.run(config) { try LunarLander<ContinuousThrusters>(options: $0) }
        }
        return try Benchmark.run(config) { try LunarLander<DiscreteThrusters>(options: $0) }
      }))
  }
}

extension LunarLander {
  /// A lander from construction options: `continuous` (must match `Control`), `gravity`,
  /// `enable_wind`, `wind_power`, `turbulence_power`.
  /// - Throws: `OptionError` for an unknown option, a malformed value, or gravity outside
  ///   (−12, 0).
  public convenience init(options: Options) throws {
    let r = try OptionReader(options, environment: "LunarLander", allowed: ["continuous", "enable_wind", "gravity", "turbulence_power", "wind_power"])
    let isContinuous = Control.self == ContinuousThrusters.self
    if try r.bool("continuous", default: isContinuous) != isContinuous {
      throw OptionError("option 'continuous' is \(!isContinuous) but this LunarLander is \(isContinuous ? "continuous" : "discrete")")
    }
    try self.init(
      gravity: r.double("gravity", default: -10), enableWind: r.bool("enable_wind", default: false),
      windPower: r.double("wind_power", default: 15), turbulencePower: r.double("turbulence_power", default: 1.5))
  }
}
