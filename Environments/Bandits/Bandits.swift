import GymCore

/// Receives a bandit instance as a typed prototype, opened once at the boundary between names
/// and generic code (the `gym bandit` command and the experiment runner).
///
/// The catalog calls exactly one of the two methods; the prototype has been constructed and
/// validated, but not reset. Experiments copy it once per run (environments are value types)
/// and reset every copy with that run's seed.
public protocol BanditEnvironmentVisitor {
  /// Receives a bandit whose observation carries no features (`Observation == Int`).
  func visit<E: BanditEnvironment & Sendable>(_ prototype: E) throws where E.Observation == Int
  /// Receives a bandit whose observation is a per-arm feature matrix.
  func visitContextual<E: ContextualBanditEnvironment & Sendable>(_ prototype: E) throws
}

/// A named bandit instance: the unit `gym bandit --env` and `make("<name>-v0")` know.
public struct BanditInstance: Sendable {
  /// The name, e.g. `Bernoulli-9`; the registry id appends `-v0`.
  public let name: String
  /// One line describing the instance.
  public let summary: String
  /// The horizon (time limit) unless the `horizon` option overrides it.
  public let defaultHorizon: Int
  /// Whether the observation is a feature matrix.
  public let isContextual: Bool
  let open: @Sendable (Options, any BanditEnvironmentVisitor) throws -> Void
  let registration: @Sendable (Registry) -> Void

  /// The registry id: `name-v0`.
  public var id: String { name + "-v0" }

  /// Builds the instance with `options` (e.g. `["horizon": 500]`) and hands it to `visitor`.
  /// - Throws: `OptionError` for bad options, or whatever the visitor throws.
  public func accept(_ visitor: any BanditEnvironmentVisitor, options: Options = [:]) throws {
    try open(options, visitor)
  }

  /// A context-free instance built by `make`.
  public static func contextFree<E: BanditEnvironment & Sendable>(
    _ name: String, horizon: Int, summary: String, make: @escaping @Sendable (Options) throws -> E
  ) -> BanditInstance where E.Observation == Int {
    BanditInstance(
      name: name, summary: summary, defaultHorizon: horizon, isContextual: false,
      open: { options, visitor in try visitor.visit(try make(options)) },
      registration: { registry in
        registry.register(id: name + "-v0", family: "bandits", maxEpisodeSteps: horizon, summary: summary, make: make)
      })
  }

  /// A contextual instance built by `make`.
  public static func contextual<E: ContextualBanditEnvironment & Sendable>(
    _ name: String, horizon: Int, summary: String, make: @escaping @Sendable (Options) throws -> E
  ) -> BanditInstance {
    BanditInstance(
      name: name, summary: summary, defaultHorizon: horizon, isContextual: true,
      open: { options, visitor in try visitor.visitContextual(try make(options)) },
      registration: { registry in
        registry.register(id: name + "-v0", family: "bandits", maxEpisodeSteps: horizon, summary: summary, make: make)
      })
  }
}

/// The bandit family: every named instance, and their registration.
public enum Bandits {
  /// The SMPyBandits' piecewise-stationary example's phases.
  public static let smpyPhases: [[Double]] = [[0.4, 0.5, 0.9], [0.5, 0.4, 0.7], [0.6, 0.3, 0.5]]

  /// Every named instance, in display order.
  public static let instances: [BanditInstance] = {
    var list: [BanditInstance] = [
      .contextFree("Bernoulli-9", horizon: 10_000, summary: "9 Bernoulli arms with means 0.1, 0.2, …, 0.9 (SMPyBandits' standard instance)") { o in
        try BernoulliBandit(options: o, defaultMeans: (1...9).map { Double($0) / 10 }, defaultHorizon: 10_000)
      },
      .contextFree("Bernoulli-Liu10", horizon: 10_000, summary: "10 Bernoulli arms 0.01×3, 0.02×3, 0.05×3, 0.1 (Liu et al. 2018)") { o in
        try BernoulliBandit(options: o, defaultMeans: [0.01, 0.01, 0.01, 0.02, 0.02, 0.02, 0.05, 0.05, 0.05, 0.1], defaultHorizon: 10_000)
      },
      .contextFree("BAI-OneGroup-20", horizon: 2_000, summary: "Best-arm identification: 20 Bernoulli arms, 0.5 and 0.4×19, budget 2,000 (Audibert, Bubeck, Munos)") { o in
        try BernoulliBandit(options: o, defaultMeans: [0.5] + Array(repeating: 0.4, count: 19), defaultHorizon: 2_000)
      },
      .contextFree("BAI-5", horizon: 500, summary: "Best-arm identification: 5 Bernoulli arms, 0.6 and 0.4×4, budget 500") { o in
        try BernoulliBandit(options: o, defaultMeans: [0.6, 0.4, 0.4, 0.4, 0.4], defaultHorizon: 500)
      },
      .contextFree("Gaussian-Testbed", horizon: 1_000, summary: "Sutton and Barto's 10-armed testbed: means N(0, 1) drawn per episode, rewards N(μ, 1)") { o in
        try GaussianBandit(options: o, defaultHorizon: 1_000)
      },
      .contextual("Linear-10", horizon: 2_000, summary: "Linear contextual bandit: d = 10, 20 fresh N(0, 1/d) arm features per round, θ on the unit sphere, noise 0.1") { o in
        try LinearContextualBandit(options: o, defaults: LinearContextualBandit(arms: 20, dimension: 10, noise: 0.1, horizon: 2_000))
      },
      .contextual("Linear-Fixed-10", horizon: 2_000, summary: "Linear bandit with 10 arms whose features (d = 10) are fixed per episode: exploration is needed") { o in
        try LinearContextualBandit(options: o, defaults: LinearContextualBandit(arms: 10, dimension: 10, noise: 0.1, fixedArms: true, horizon: 2_000))
      },
      .contextual("Linear-Disjoint-10", horizon: 2_000, summary: "Disjoint linear bandit (LinUCB's model): 20 arms, one θₐ each, shared d = 10 context") { o in
        try LinearContextualBandit(options: o, defaults: LinearContextualBandit(model: .disjoint, arms: 20, dimension: 10, noise: 0.1, horizon: 2_000))
      },
      .contextual("LinearBAI-5", horizon: 2_000, summary: "Linear best-arm identification: 15 arms in d = 5 with Bernoulli rewards (DP-BAI's setting)") { o in
        try LinearArmsBandit(options: o, defaultHorizon: 2_000)
      },
      .contextFree("Piecewise-3", horizon: 2_400, summary: "Piecewise-stationary: 3 Bernoulli arms whose means change every 400 pulls (SMPyBandits' example)") { o in
        try PiecewiseStationaryBandit(options: o, defaultPhases: smpyPhases, defaultPhaseLength: 400, defaultHorizon: 2_400)
      },
      .contextFree("Drifting-10", horizon: 10_000, summary: "Drifting: 10 Gaussian arms whose means random-walk with step 0.01 (Sutton and Barto, exercise 2.5)") { o in
        try DriftingBandit(options: o, defaultHorizon: 10_000)
      },
      .contextFree("Adversarial-Decoy", horizon: 10_000, summary: "Adversarial (oblivious): a deterministic table whose early leader is a decoy; regret against the best fixed arm") { o in
        try AdversarialBandit(options: o, defaultArms: 3, defaultHorizon: 10_000)
      },
      .contextFree("Recovering-3", horizon: 10_000, summary: "Recovering bandit: 3 arms whose means recover with rest (Pike-Burke and Grünewälder)") { o in
        try RecoveringBandit(options: o, defaultHorizon: 10_000)
      },
      .contextFree("WeightedTallying-3", horizon: 10_000, summary: "Weighted tallying bandit: losses depend on a weighted count of recent plays (Malik et al.)") { o in
        try WeightedTallyingBandit(options: o, defaultHorizon: 10_000)
      },
      .contextual("DynamicalLinear", horizon: 10_000, summary: "Dynamical linear bandit: the synthetic system of Mussi et al. with 6 budget splits") { o in
        try DynamicalLinearBandit(options: o, defaultHorizon: 10_000)
      },
    ]
    for c in BanditBench.configurations {
      list.append(.contextFree("BanditBench-\(c.name)", horizon: c.horizon, summary: "BanditBench MAB: \(c.arms) \(c.bernoulli ? "Bernoulli" : "Gaussian") arms, \(c.difficulty.rawValue), shuffled per seed") { o in
        try BanditBenchBandit(options: o, defaults: c)
      })
    }
    list.append(.contextual("BanditBench-Recommendation", horizon: 1_000, summary: "BanditBench CB on a synthetic rank-10 rating model: recommend one of the top 10 movies to held-out users") { o in
      try BanditBenchRecommendation(options: o)
    })
    return list
  }()

  /// The instance called `name` (with or without the `-v0` suffix, case-insensitively).
  /// - Throws: `OptionError` listing every instance name when none matches.
  public static func instance(named name: String) throws -> BanditInstance {
    let key = name.lowercased()
    if let i = instances.first(where: { $0.name.lowercased() == key || $0.id.lowercased() == key }) { return i }
    throw OptionError("unknown bandit environment '\(name)'; available: \(instances.map(\.name).joined(separator: ", "))")
  }

  /// Registers every instance as `<name>-v0` in `registry`, with its horizon as time limit.
  public static func register(in registry: Registry) {
    for instance in instances { instance.registration(registry) }
  }
}
