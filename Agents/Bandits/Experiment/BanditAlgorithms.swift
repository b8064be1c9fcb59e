import GymBandits
import GymCore

/// An algorithm chosen by name, with parameters: `ucb1`, `eps-greedy:epsilon=0.05`,
/// `linucb:alpha=0.5:lambda=2` (parameters after colons, as `key=value`).
public struct AlgorithmSpec: Sendable, Hashable, CustomStringConvertible {
  /// The algorithm's name.
  public var name: String
  /// Parameters given explicitly; the rest take their defaults.
  public var parameters: [String: Double]

  /// Parses and validates `text` against `BanditAlgorithms.catalog`.
  /// - Throws: `OptionError` naming the allowed algorithms, parameters or ranges.
  public init(parsing text: String) throws {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { String($0).trimmingCharacters() }
    let name = parts[0].lowercased()
    guard let info = BanditAlgorithms.info(named: name) else {
      throw OptionError("unknown algorithm '\(parts[0])'; available: \(BanditAlgorithms.catalog.map(\.name).joined(separator: ", "))")
    }
    var parameters: [String: Double] = [:]
    for part in parts.dropFirst() {
      let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
      guard kv.count == 2, !kv[0].isEmpty else {
        throw OptionError("algorithm parameter '\(part)' in '\(text)' must look like key=value, e.g. \(info.name):\(info.parameters.first?.name ?? "key")=1")
      }
      guard let p = info.parameters.first(where: { $0.name == kv[0] }) else {
        let allowed = info.parameters.isEmpty ? "none" : info.parameters.map(\.name).joined(separator: ", ")
        throw OptionError("unknown parameter '\(kv[0])' for \(info.name); allowed: \(allowed)")
      }
      guard let v = Double(kv[1]), !v.isNaN else {
        throw OptionError("parameter '\(kv[0])' of \(info.name) must be a number, got '\(kv[1])'")
      }
      guard p.allows(v) else {
        throw OptionError("parameter '\(kv[0])' of \(info.name) must be \(p.rangeDescription), got \(kv[1])")
      }
      parameters[kv[0]] = v
    }
    self.name = name
    self.parameters = parameters
  }

  /// The spec as typed: `name[:key=value…]` with keys sorted.
  public var description: String {
    ([name] + parameters.keys.sorted().map { key in
      let v = parameters[key]!
      return "\(key)=" + (v.rounded() == v && abs(v) < 1e15 ? String(Int(v)) : "\(v)")
    }).joined(separator: ":")
  }

  /// The value of `key`, or `fallback`.
  public func value(_ key: String, _ fallback: Double) -> Double { parameters[key] ?? fallback }
}

/// The algorithms `gym bandit` and `BanditExperiment.run(environment:algorithm:)` know.
public enum BanditAlgorithms {
  /// One tunable parameter.
  public struct Parameter: Sendable, Hashable {
    /// Its name in specs.
    public var name: String
    /// What it means and its default.
    public var summary: String
    /// The smallest allowed value.
    public var minimum: Double
    /// The largest allowed value.
    public var maximum: Double
    /// Whether the minimum itself is excluded.
    public var exclusiveMinimum: Bool
    /// Whether the maximum itself is excluded.
    public var exclusiveMaximum: Bool = false
    /// Whether the value must be a whole number.
    public var integer: Bool = false

    func allows(_ v: Double) -> Bool {
      (exclusiveMinimum ? v > minimum : v >= minimum) && (exclusiveMaximum ? v < maximum : v <= maximum)
        && (!integer || v.rounded() == v)
    }

    var rangeDescription: String {
      let lo = (exclusiveMinimum ? "(" : "[") + JSON.formatDouble(minimum)
      let hi = (maximum.isInfinite ? "inf" : JSON.formatDouble(maximum)) + (exclusiveMaximum || maximum.isInfinite ? ")" : "]")
      return (integer ? "a whole number in " : "in ") + lo + ", " + hi
    }
  }

  /// One algorithm.
  public struct Info: Sendable, Hashable {
    /// Its name in specs.
    public var name: String
    /// One line describing it.
    public var summary: String
    /// Its parameters.
    public var parameters: [Parameter]
    /// Whether it needs a contextual environment (feature matrices).
    public var needsFeatures: Bool
  }

  static func p(_ name: String, _ summary: String, _ lo: Double, _ hi: Double = .infinity, open: Bool = false, openTop: Bool = false, integer: Bool = false) -> Parameter {
    Parameter(name: name, summary: summary, minimum: lo, maximum: hi, exclusiveMinimum: open, exclusiveMaximum: openTop, integer: integer)
  }

  /// Every algorithm, in display order.
  public static let catalog: [Info] = [
    Info(name: "ucb1", summary: "UCB1: μ̂ + α√(2 ln t / n)", parameters: [p("alpha", "width multiplier (1)", 0)], needsFeatures: false),
    Info(name: "kl-ucb", summary: "KL-UCB with the Bernoulli KL", parameters: [p("c", "c of c·ln ln t (0)", 0)], needsFeatures: false),
    Info(name: "thompson", summary: "Thompson sampling, Beta(1 + S, 1 + F) posteriors", parameters: [], needsFeatures: false),
    Info(name: "thompson-gaussian", summary: "Thompson sampling, N(μ̂, σ²/(n + 1)) posteriors", parameters: [p("sigma", "assumed noise σ (1)", 0, open: true)], needsFeatures: false),
    Info(name: "eps-greedy", summary: "ε-greedy with a fixed ε", parameters: [p("epsilon", "exploration probability (0.1)", 0, 1)], needsFeatures: false),
    Info(name: "eps-greedy-decay", summary: "Auer et al.'s εₜ = min(1, cK/(d²t))", parameters: [p("c", "c (0.1)", 0, open: true), p("gap", "d, a lower bound on the gaps (0.1)", 0, open: true)], needsFeatures: false),
    Info(name: "greedy", summary: "greedy after one pull per arm (ε = 0)", parameters: [], needsFeatures: false),
    Info(name: "uniform", summary: "a uniformly random arm every pull", parameters: [], needsFeatures: false),
    Info(name: "exp3", summary: "EXP3 for adversarial rewards in [0, 1]", parameters: [p("gamma", "exploration rate (tuned to the horizon)", 0, 1, open: true)], needsFeatures: false),
    Info(name: "successive-elimination", summary: "successive elimination (Even-Dar et al.)", parameters: [p("delta", "confidence δ (1/horizon)", 0, 1, open: true, openTop: true)], needsFeatures: false),
    Info(name: "wtb-se", summary: "successive elimination for weighted tallying bandits", parameters: [
      p("memory", "M, the memory bound (5)", 0, integer: true), p("samples", "counted plays per block (M)", 1, integer: true),
      p("delta", "confidence δ (1/horizon)", 0, 1, open: true, openTop: true),
    ], needsFeatures: false),
    Info(name: "successive-rejects", summary: "Successive Rejects, fixed-budget best-arm identification (budget = horizon)", parameters: [
      p("lowest", "1: reject the lowest-index arm among ties (NumPy's argmin); 0: random (0)", 0, 1, integer: true)
    ], needsFeatures: false),
    Info(name: "dp-bai", summary: "DP-BAI, ε-DP fixed-budget best-arm identification (one-hot features without context)", parameters: [p("epsilon", "privacy ε (1; inf for none)", 0, open: true)], needsFeatures: false),
    Info(name: "linucb", summary: "LinUCB (disjoint on disjoint environments)", parameters: [p("alpha", "exploration α (1)", 0), p("lambda", "ridge λ (1)", 0, open: true)], needsFeatures: true),
    Info(name: "lints", summary: "linear Thompson sampling", parameters: [p("v", "posterior scale v (0.1)", 0), p("lambda", "ridge λ (1)", 0, open: true)], needsFeatures: true),
    Info(name: "dynlin-ucb", summary: "DynLin-UCB for dynamical linear bandits", parameters: [
      p("rho", "bound ρ̄ on the spectral radius (0.3)", 0, 1, openTop: true), p("lambda", "ridge λ (0.1)", 0, open: true),
      p("sigma", "noise σ (0.01)", 0), p("delta", "confidence δ (0.05)", 0, 1, open: true, openTop: true),
      p("S", "bound on ‖h‖ (1)", 0), p("kappa", "transient-bias scale κ (1)", 0),
    ], needsFeatures: true),
  ]

  /// The algorithm called `name`.
  public static func info(named name: String) -> Info? { catalog.first { $0.name == name.lowercased() } }
}

extension String {
  func trimmingCharacters() -> String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}

extension BanditExperiment {
  /// Runs the algorithm `spec` on the named environment instance.
  /// - Parameters:
  ///   - environment: a name from `Bandits.instances` (e.g. `Bernoulli-9`).
  ///   - spec: the algorithm and its parameters.
  ///   - options: construction options for the environment (e.g. `["horizon": 1000]`).
  /// - Throws: `OptionError` for unknown names, bad options or an algorithm that needs features
  ///   on a context-free environment.
  public static func run(environment: String, algorithm spec: AlgorithmSpec, options: Options = [:], configuration: ExperimentConfiguration) throws -> ExperimentResult {
    let instance = try Bandits.instance(named: environment)
    let visitor = ExperimentVisitor(spec: spec, environment: instance.name, configuration: configuration)
    try instance.accept(visitor, options: options)
    return visitor.result!
  }
}

/// Builds the typed policy for a spec once the environment's type is known, and runs it.
final class ExperimentVisitor: BanditEnvironmentVisitor, @unchecked Sendable {
  let spec: AlgorithmSpec
  let environment: String
  let configuration: ExperimentConfiguration
  var result: ExperimentResult?

  init(spec: AlgorithmSpec, environment: String, configuration: ExperimentConfiguration) {
    self.spec = spec
    self.environment = environment
    self.configuration = configuration
  }

  func visit<E: BanditEnvironment & Sendable>(_ prototype: E) throws where E.Observation == Int {
    guard let r = try runContextFree(prototype) else {
      let contextual = Bandits.instances.filter(\.isContextual).map(\.name).joined(separator: ", ")
      throw OptionError("\(spec.name) needs arm features; \(environment) has none. Contextual environments: \(contextual)")
    }
    result = r
  }

  func visitContextual<E: ContextualBanditEnvironment & Sendable>(_ prototype: E) throws {
    let s = spec
    let name = s.description
    switch s.name {
    case "linucb":
      result = try BanditExperiment.run(algorithm: name, environment: environment, prototype: prototype, configuration: configuration) { env, _ in
        LinUCB(armCount: env.armCount, dimension: env.featureDimension, model: env.isDisjoint ? .disjoint : .shared, alpha: s.value("alpha", 1), lambda: s.value("lambda", 1))
      }
    case "lints":
      result = try BanditExperiment.run(algorithm: name, environment: environment, prototype: prototype, configuration: configuration) { env, seed in
        LinTS(armCount: env.armCount, dimension: env.featureDimension, model: env.isDisjoint ? .disjoint : .shared, v: s.value("v", 0.1), lambda: s.value("lambda", 1), seed: seed)
      }
    case "dynlin-ucb":
      let parameters = DynLinUCB.Parameters(
        spectralRadiusBound: s.value("rho", 0.3), lambda: s.value("lambda", 0.1), noise: s.value("sigma", 0.01),
        delta: s.value("delta", 0.05), parameterBound: s.value("S", 1), transientScale: s.value("kappa", 1))
      result = try BanditExperiment.run(algorithm: name, environment: environment, prototype: prototype, configuration: configuration) { env, _ in
        DynLinUCB(armCount: env.armCount, dimension: env.featureDimension, parameters: parameters)
      }
    case "dp-bai":
      try checkBudget(prototype)
      result = try BanditExperiment.run(algorithm: name, environment: environment, prototype: prototype, configuration: configuration) { env, seed in
        let x = env.currentObservation, d = env.featureDimension
        let features = (0..<env.armCount).map { a in (0..<d).map { Double(x[a * d + $0]) } }
        return ContextFree<DPBAI, [Float]>(DPBAI(features: features, budget: env.horizon, epsilon: s.value("epsilon", 1), seed: seed))
      }
    default:
      result = try runContextFree(prototype)
    }
  }

  func checkBudget<E: BanditEnvironment>(_ prototype: E) throws {
    let k = prototype.armCount
    var m = 0
    while (1 << m) < k { m += 1 }
    if prototype.horizon < max(m, 1) * k {
      throw OptionError("\(spec.name) needs a horizon of at least ⌈log₂ K⌉·K = \(max(m, 1) * k) pulls on \(environment), got \(prototype.horizon)")
    }
  }

  /// Runs a context-free algorithm (wrapped in `ContextFree`), or returns `nil` for
  /// algorithms that need features.
  func runContextFree<E: BanditEnvironment & Sendable>(_ prototype: E) throws -> ExperimentResult? {
    let s = spec, horizon = prototype.horizon
    func go<P: BanditPolicy & Sendable>(_ make: @escaping @Sendable (E, UInt64) -> P) throws -> ExperimentResult where P.Observation == Int {
      try BanditExperiment.run(algorithm: s.description, environment: environment, prototype: prototype, configuration: configuration) { env, seed in
        ContextFree<P, E.Observation>(make(env, seed))
      }
    }
    switch s.name {
    case "ucb1": return try go { env, _ in UCB1(armCount: env.armCount, alpha: s.value("alpha", 1)) }
    case "kl-ucb": return try go { env, _ in KLUCB(armCount: env.armCount, c: s.value("c", 0)) }
    case "thompson": return try go { env, seed in BetaThompsonSampling(armCount: env.armCount, seed: seed) }
    case "thompson-gaussian": return try go { env, seed in GaussianThompsonSampling(armCount: env.armCount, sigma: s.value("sigma", 1), seed: seed) }
    case "eps-greedy": return try go { env, seed in EpsilonGreedy(armCount: env.armCount, schedule: .fixed(s.value("epsilon", 0.1)), seed: seed) }
    case "eps-greedy-decay":
      return try go { env, seed in EpsilonGreedy(armCount: env.armCount, schedule: .decaying(c: s.value("c", 0.1), gap: s.value("gap", 0.1)), seed: seed) }
    case "greedy": return try go { env, seed in EpsilonGreedy(armCount: env.armCount, schedule: .fixed(0), seed: seed) }
    case "uniform": return try go { env, seed in UniformRandom(armCount: env.armCount, seed: seed) }
    case "exp3":
      let gamma = s.parameters["gamma"] ?? EXP3.tunedGamma(armCount: prototype.armCount, horizon: horizon)
      return try go { env, seed in EXP3(armCount: env.armCount, gamma: gamma, seed: seed) }
    case "successive-elimination":
      return try go { env, _ in SuccessiveElimination(armCount: env.armCount, delta: s.value("delta", 1 / Double(max(horizon, 2)))) }
    case "wtb-se":
      let memory = Int(s.value("memory", 5))
      return try go { env, _ in
        WeightedTallyElimination(armCount: env.armCount, memoryBound: memory, samplesPerBlock: s.parameters["samples"].map(Int.init), delta: s.value("delta", 1 / Double(max(horizon, 2))))
      }
    case "successive-rejects":
      guard prototype.armCount >= 2, horizon >= prototype.armCount else {
        throw OptionError("successive-rejects needs at least 2 arms and a horizon of at least one pull per arm on \(environment)")
      }
      let tieBreak: SuccessiveRejects.TieBreak = s.value("lowest", 0) == 1 ? .lowestIndex : .random
      return try go { env, seed in SuccessiveRejects(armCount: env.armCount, budget: env.horizon, tieBreak: tieBreak, seed: seed) }
    case "dp-bai":
      try checkBudget(prototype)
      return try go { env, seed in DPBAI(armCount: env.armCount, budget: env.horizon, epsilon: s.value("epsilon", 1), seed: seed) }
    default:
      return nil
    }
  }
}
