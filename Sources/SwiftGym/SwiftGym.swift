@_exported import GymBabyAIBot
@_exported import GymBanditAgents
@_exported import GymBandits
@_exported import GymBox2D
@_exported import GymClassicControl
@_exported import GymCore
@_exported import GymGridWorld
@_exported import GymLanguage
@_exported import GymMORL
@_exported import GymMultiObjective
@_exported import GymNN
@_exported import GymPPO
@_exported import GymParetoMetrics
@_exported import GymQD
@_exported import GymRender

extension Registry {
  /// The registry of every built-in environment; register your own here to reach them from
  /// `make(_:)` and the `gym` command.
  public static let standard: Registry = {
    let registry = Registry()
    ClassicControl.register(in: registry)
    Box2DFamily.register(in: registry)
    Bandits.register(in: registry)
    MiniGrid.register(in: registry)
    LanguageTasks.register(in: registry)
    MultiObjective.register(in: registry)
    return registry
  }()
}

/// Makes a registered environment: Gymnasium's `gym.make`.
///
/// ```swift
/// let env = try make("CartPole-v1")
/// var (obs, info) = try env.reset(seed: 42)
/// ```
/// - Parameters:
///   - id: a registered id such as `"CartPole-v1"`; an unknown id throws naming close ids.
///   - options: construction options over the spec's defaults.
///   - maxEpisodeSteps: overrides the spec's time limit; `0` disables it.
///   - renderMode: `.rgbArray` or `.ansi`, if the environment supports it.
public func make(_ id: String, options: Options = [:], maxEpisodeSteps: Int? = nil, renderMode: RenderMode? = nil) throws -> AnyEnvironment {
  try Registry.standard.make(id, options: options, maxEpisodeSteps: maxEpisodeSteps, renderMode: renderMode)
}

/// Registers a typed environment in the standard registry: Gymnasium's `gym.register`.
public func register<E: Environment & SendableMetatype>(
  id: String, family: String = "user", maxEpisodeSteps: Int? = nil, rewardThreshold: Double? = nil,
  summary: String = "", make: @escaping @Sendable (Options) throws -> E
) {
  Registry.standard.register(id: id, family: family, maxEpisodeSteps: maxEpisodeSteps, rewardThreshold: rewardThreshold, summary: summary, make: make)
}
