import GymCore
import GymNN

/// A hyperparameter that may change over training: constant, or linear in the remaining
/// progress as rl-zoo's `lin_X` (X at the start, 0 at the end).
public enum Schedule: Sendable, Hashable, CustomStringConvertible {
  /// The same value throughout.
  case constant(Double)
  /// `initial · progressRemaining`, where progress remaining goes from 1 to 0.
  case linear(Double)

  /// The value when `progressRemaining` (1 → 0) of the run is left.
  @inlinable
  public func value(progressRemaining: Double) -> Double {
    switch self {
    case .constant(let v): return v
    case .linear(let v): return v * progressRemaining
    }
  }

  /// The value at the start of training.
  public var initialValue: Double {
    switch self {
    case .constant(let v), .linear(let v): return v
    }
  }

  /// A number for constants, `"lin_X"` for linear schedules, as in rl-zoo's YAML.
  public var json: JSONValue {
    switch self {
    case .constant(let v): return .double(v)
    case .linear(let v): return .string("lin_\(JSON.formatDouble(v))")
    }
  }

  /// The schedule `json` describes: a number or `"lin_X"`.
  /// - Throws: `PPOError` naming the key and the accepted forms.
  public init(json: JSONValue, key: String) throws(PPOError) {
    if let v = json.doubleValue {
      self = .constant(v)
    } else if let s = json.stringValue, s.hasPrefix("lin_"), let v = Double(s.dropFirst(4)) {
      self = .linear(v)
    } else if let s = json.stringValue, let v = Double(s) {
      self = .constant(v)
    } else {
      throw PPOError("'\(key)' must be a number or \"lin_X\" (linear decay from X to 0), got \(json)")
    }
  }

  /// `0.001` or `lin_0.001`.
  public var description: String {
    switch self {
    case .constant(let v): return JSON.formatDouble(v)
    case .linear(let v): return "lin_\(JSON.formatDouble(v))"
    }
  }
}

/// PPO's hyperparameters, with Stable-Baselines3's defaults and meanings.
///
/// Semantics follow SB3 where CleanRL and SB3 differ: `minibatchSize` is the size of a
/// minibatch (SB3's `batch_size`, not CleanRL's count); the value loss is
/// `valueCoefficient · mean((V − R)²)`; value clipping is off unless `valueClipRange` is set
/// (then CleanRL's max of clipped and unclipped errors is used); `targetKL` stops the epochs
/// before the first minibatch whose approximate KL exceeds `1.5 · targetKL`; schedules are
/// evaluated at the progress remaining after each rollout. Time-limit truncations are
/// bootstrapped with `γ · V(final observation)` when `bootstrapTruncation` is set (SB3 does;
/// CleanRL does not).
///
/// JSON keys are rl-zoo's (`n_envs`, `n_steps`, `batch_size`, `learning_rate: "lin_0.001"`,
/// …), so zoo entries can be pasted in.
public struct PPOConfiguration: Sendable, Hashable {
  /// Parallel environments (`n_envs`).
  public var environmentCount = 1
  /// Steps per environment per rollout (`n_steps`); a rollout holds
  /// `environmentCount · stepsPerEnvironment` transitions.
  public var stepsPerEnvironment = 2048
  /// Environment steps of a full run (`n_timesteps`); schedules decay over it.
  public var totalSteps = 1_000_000
  /// Transitions per minibatch (`batch_size`).
  public var minibatchSize = 64
  /// Passes over each rollout (`n_epochs`).
  public var epochs = 10
  /// The discount factor (`gamma`).
  public var gamma = 0.99
  /// The GAE λ (`gae_lambda`).
  public var gaeLambda = 0.95
  /// The Adam step size (`learning_rate`).
  public var learningRate: Schedule = .constant(3e-4)
  /// The policy-ratio clip ε (`clip_range`).
  public var clipRange: Schedule = .constant(0.2)
  /// Clip the value change to ± this, CleanRL style (`clip_range_vf`); `nil` disables.
  public var valueClipRange: Double? = nil
  /// The entropy bonus weight (`ent_coef`).
  public var entropyCoefficient = 0.0
  /// The value loss weight (`vf_coef`).
  public var valueCoefficient = 0.5
  /// Global gradient-norm limit (`max_grad_norm`).
  public var maxGradientNorm = 0.5
  /// Early-stop threshold on the approximate KL (`target_kl`); `nil` disables.
  public var targetKL: Double? = nil
  /// Normalise advantages per minibatch (`normalize_advantage`).
  public var normalizeAdvantage = true
  /// Normalise observations by running mean and variance (`normalize_observations`; rl-zoo's
  /// `normalize: true` sets both this and `normalizeRewards`).
  public var normalizeObservations = false
  /// Scale rewards by the running standard deviation of the discounted return.
  public var normalizeRewards = false
  /// Clip normalised observations to ± this (`clip_obs`).
  public var observationClip = 10.0
  /// Clip normalised rewards to ± this (`clip_reward`).
  public var rewardClip = 10.0
  /// Hidden layer widths of both the actor and the critic (`net_arch`).
  public var hiddenSizes = [64, 64]
  /// Hidden activation (`activation_fn`: `tanh` or `relu`).
  public var activation: Activation = .tanh
  /// Initial log standard deviation of Gaussian policies (`log_std_init`).
  public var logStdInit = 0.0
  /// Adam's ε (`adam_epsilon`).
  public var adamEpsilon = 1e-5
  /// Bootstrap truncated episodes from the value of their final observation.
  public var bootstrapTruncation = true

  /// SB3's defaults.
  public init() {}

  /// Transitions per rollout.
  public var rolloutSize: Int { environmentCount * stepsPerEnvironment }

  /// Rollouts (and updates) in a run of `totalSteps`, the last one possibly overshooting.
  public var iterationCount: Int { (totalSteps + rolloutSize - 1) / rolloutSize }

  /// Checks every value's range.
  /// - Throws: `PPOError` naming the first bad value and what is allowed.
  public func validate() throws(PPOError) {
    func positive(_ v: Int, _ key: String) throws(PPOError) {
      guard v > 0 else { throw PPOError("'\(key)' must be a positive integer, got \(v)") }
    }
    func inRange(_ v: Double, _ range: ClosedRange<Double>, _ key: String) throws(PPOError) {
      guard range.contains(v) else { throw PPOError("'\(key)' must be in \(range.lowerBound)...\(range.upperBound), got \(v)") }
    }
    try positive(environmentCount, "n_envs")
    try positive(stepsPerEnvironment, "n_steps")
    try positive(totalSteps, "n_timesteps")
    try positive(minibatchSize, "batch_size")
    try positive(epochs, "n_epochs")
    guard minibatchSize <= rolloutSize else {
      throw PPOError("'batch_size' (\(minibatchSize)) exceeds the rollout size n_envs × n_steps = \(rolloutSize)")
    }
    try inRange(gamma, 0...1, "gamma")
    try inRange(gaeLambda, 0...1, "gae_lambda")
    try inRange(learningRate.initialValue, 0...1, "learning_rate")
    try inRange(clipRange.initialValue, 1e-9...10, "clip_range")
    if let v = valueClipRange { try inRange(v, 1e-9...1e9, "clip_range_vf") }
    try inRange(entropyCoefficient, -1...1e3, "ent_coef")
    try inRange(valueCoefficient, 0...1e3, "vf_coef")
    try inRange(maxGradientNorm, 1e-9...1e9, "max_grad_norm")
    if let v = targetKL { try inRange(v, 1e-12...1e9, "target_kl") }
    try inRange(observationClip, 1e-9...1e9, "clip_obs")
    try inRange(rewardClip, 1e-9...1e9, "clip_reward")
    guard !hiddenSizes.isEmpty, hiddenSizes.allSatisfy({ $0 > 0 && $0 <= 65_536 }) else {
      throw PPOError("'net_arch' must be a non-empty list of positive layer widths, got \(hiddenSizes)")
    }
    try inRange(logStdInit, -20...5, "log_std_init")
    try inRange(adamEpsilon, 0...1, "adam_epsilon")
  }

  /// The configuration as a JSON object with rl-zoo key names.
  public var json: JSONValue {
    var o: [String: JSONValue] = [
      "n_envs": .int(environmentCount), "n_steps": .int(stepsPerEnvironment), "n_timesteps": .int(totalSteps),
      "batch_size": .int(minibatchSize), "n_epochs": .int(epochs), "gamma": .double(gamma),
      "gae_lambda": .double(gaeLambda), "learning_rate": learningRate.json, "clip_range": clipRange.json,
      "ent_coef": .double(entropyCoefficient), "vf_coef": .double(valueCoefficient),
      "max_grad_norm": .double(maxGradientNorm), "normalize_advantage": .bool(normalizeAdvantage),
      "normalize_observations": .bool(normalizeObservations), "normalize_rewards": .bool(normalizeRewards),
      "clip_obs": .double(observationClip), "clip_reward": .double(rewardClip),
      "net_arch": .array(hiddenSizes.map { .int($0) }), "activation_fn": .string(activation.rawValue),
      "log_std_init": .double(logStdInit), "adam_epsilon": .double(adamEpsilon),
      "bootstrap_truncation": .bool(bootstrapTruncation),
    ]
    o["clip_range_vf"] = valueClipRange.map { .double($0) } ?? .null
    o["target_kl"] = targetKL.map { .double($0) } ?? .null
    return .object(o)
  }

  /// Every key `apply(_:)` accepts.
  public static let keys: [String] = [
    "n_envs", "n_steps", "n_timesteps", "batch_size", "n_epochs", "gamma", "gae_lambda", "learning_rate",
    "clip_range", "clip_range_vf", "ent_coef", "vf_coef", "max_grad_norm", "target_kl", "normalize_advantage",
    "normalize", "normalize_observations", "normalize_rewards", "clip_obs", "clip_reward", "net_arch",
    "activation_fn", "log_std_init", "adam_epsilon", "bootstrap_truncation",
  ]

  /// Overrides the values named in `json` (rl-zoo keys; `normalize: true` sets both
  /// normalisations) and validates the result.
  /// - Throws: `PPOError` for an unknown key, a value of the wrong type, or a value out of range.
  public mutating func apply(_ json: [String: JSONValue]) throws(PPOError) {
    func int(_ key: String, _ v: JSONValue) throws(PPOError) -> Int {
      guard let i = v.intValue else { throw PPOError("'\(key)' must be an integer, got \(v)") }
      return i
    }
    func double(_ key: String, _ v: JSONValue) throws(PPOError) -> Double {
      guard let d = v.doubleValue, d.isFinite else { throw PPOError("'\(key)' must be a finite number, got \(v)") }
      return d
    }
    func bool(_ key: String, _ v: JSONValue) throws(PPOError) -> Bool {
      guard let b = v.boolValue else { throw PPOError("'\(key)' must be true or false, got \(v)") }
      return b
    }
    func optionalDouble(_ key: String, _ v: JSONValue) throws(PPOError) -> Double? {
      if case .null = v { return nil }
      return try double(key, v)
    }
    for key in json.keys.sorted() {
      let v = json[key]!
      switch key {
      case "n_envs": environmentCount = try int(key, v)
      case "n_steps": stepsPerEnvironment = try int(key, v)
      case "n_timesteps": totalSteps = try int(key, v)
      case "batch_size": minibatchSize = try int(key, v)
      case "n_epochs": epochs = try int(key, v)
      case "gamma": gamma = try double(key, v)
      case "gae_lambda": gaeLambda = try double(key, v)
      case "learning_rate": learningRate = try Schedule(json: v, key: key)
      case "clip_range": clipRange = try Schedule(json: v, key: key)
      case "clip_range_vf": valueClipRange = try optionalDouble(key, v)
      case "ent_coef": entropyCoefficient = try double(key, v)
      case "vf_coef": valueCoefficient = try double(key, v)
      case "max_grad_norm": maxGradientNorm = try double(key, v)
      case "target_kl": targetKL = try optionalDouble(key, v)
      case "normalize_advantage": normalizeAdvantage = try bool(key, v)
      case "normalize":
        normalizeObservations = try bool(key, v)
        normalizeRewards = normalizeObservations
      case "normalize_observations": normalizeObservations = try bool(key, v)
      case "normalize_rewards": normalizeRewards = try bool(key, v)
      case "clip_obs": observationClip = try double(key, v)
      case "clip_reward": rewardClip = try double(key, v)
      case "net_arch":
        guard let a = v.arrayValue, let sizes = Optional(a.compactMap(\.intValue)), sizes.count == a.count else {
          throw PPOError("'net_arch' must be a list of integers such as [64, 64], got \(v)")
        }
        hiddenSizes = sizes
      case "activation_fn":
        guard let s = v.stringValue, let f = Activation(rawValue: s.lowercased()), f != .identity else {
          throw PPOError("'activation_fn' must be \"tanh\" or \"relu\", got \(v)")
        }
        activation = f
      case "log_std_init": logStdInit = try double(key, v)
      case "adam_epsilon": adamEpsilon = try double(key, v)
      case "bootstrap_truncation": bootstrapTruncation = try bool(key, v)
      default:
        throw PPOError("unknown hyperparameter '\(key)'; known: \(Self.keys.joined(separator: ", "))")
      }
    }
    try validate()
  }

  /// The configuration `json` describes, starting from SB3's defaults.
  /// - Throws: `PPOError` as `apply(_:)`.
  public init(json: JSONValue) throws(PPOError) {
    guard case .object(let o) = json else { throw PPOError("a PPO configuration must be a JSON object, got \(json.kindName)") }
    self.init()
    try apply(o)
  }
}
