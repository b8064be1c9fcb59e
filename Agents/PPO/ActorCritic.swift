import GymCore
import GymNN

/// PPO's policy and value function: two separate MLPs over the (normalised) observation, as
/// CleanRL's `Agent` and SB3's `MlpPolicy` with separate `pi`/`vf` networks.
///
/// Tensor names are CleanRL's, so a file written by `parameters.namedTensors()` loads into its
/// `Agent` with `load_state_dict`: `critic.{0,2,4}.{weight,bias}`, and `actor.*` for discrete
/// heads or `actor_mean.*` plus `actor_logstd` (shape `[1, n]`) for Gaussian heads.
/// Initialisation is orthogonal with gain √2 for hidden layers, 0.01 for the policy head and 1
/// for the value head, biases 0.
public final class ActorCritic {
  /// The length of a flat observation.
  public let observationDimension: Int
  /// The action distribution.
  public let head: ActionHead
  /// Hidden layer widths of each network.
  public let hiddenSizes: [Int]
  /// The hidden activation.
  public let activation: Activation
  /// Every trainable tensor.
  public let parameters: Parameters
  /// Observation → logits (discrete) or action means (Gaussian).
  public let actor: MLP
  /// Observation → state value.
  public let critic: MLP
  /// The state-independent log standard deviation (Gaussian heads only).
  public let logStd: Parameters.Tensor?
  /// Normalisation applied to raw observations before both networks, if any.
  public var observationNormalizer: ObservationNormalizer?

  /// The prefix of the actor's tensors: `actor`, or `actor_mean` for Gaussian heads.
  public var actorPrefix: String { head.isContinuous ? "actor_mean" : "actor" }

  /// A freshly initialised policy.
  /// - Parameters:
  ///   - observationDimension: the flat observation length.
  ///   - head: the action distribution.
  ///   - hiddenSizes: hidden widths (64, 64 in the presets).
  ///   - activation: the hidden activation.
  ///   - logStdInit: the initial log standard deviation of Gaussian heads.
  ///   - rng: draws the orthogonal matrices (critic first, then actor).
  public init(
    observationDimension: Int, head: ActionHead, hiddenSizes: [Int] = [64, 64], activation: Activation = .tanh,
    logStdInit: Float = 0, rng: inout GymRandom
  ) {
    precondition(observationDimension > 0, "observations need at least one coordinate")
    self.observationDimension = observationDimension
    self.head = head
    self.hiddenSizes = hiddenSizes
    self.activation = activation
    let actorPrefix = head.isContinuous ? "actor_mean" : "actor"
    let criticSizes = [observationDimension] + hiddenSizes + [1]
    let actorSizes = [observationDimension] + hiddenSizes + [head.outputCount]
    var specs = MLP.specifications(prefix: "critic", sizes: criticSizes) + MLP.specifications(prefix: actorPrefix, sizes: actorSizes)
    if head.isContinuous { specs.append(("actor_logstd", [1, head.outputCount])) }
    parameters = Parameters(specs)
    critic = MLP(prefix: "critic", sizes: criticSizes, hiddenActivation: activation, parameters: parameters)
    actor = MLP(prefix: actorPrefix, sizes: actorSizes, hiddenActivation: activation, parameters: parameters)
    logStd = parameters["actor_logstd"]
    critic.initializeOrthogonal(hiddenGain: Float(2).squareRoot(), outputGain: 1, rng: &rng)
    actor.initializeOrthogonal(hiddenGain: Float(2).squareRoot(), outputGain: 0.01, rng: &rng)
    if let logStd { parameters.values(of: logStd).update(repeating: logStdInit) }
  }

  /// The log standard deviations (Gaussian heads), a view into `parameters.values`.
  public var logStdValues: UnsafeMutablePointer<Float>? {
    logStd.map { parameters.values.baseAddress! + $0.offset }
  }

  /// Normalises `rows` raw observations into `out` (a plain copy without a normaliser).
  public func prepare(_ raw: UnsafePointer<Float>, rows: Int, into out: UnsafeMutablePointer<Float>) {
    if let observationNormalizer {
      observationNormalizer.normalize(raw, rows: rows, into: out)
    } else {
      out.update(from: raw, count: rows * observationDimension)
    }
  }

  /// Chooses actions for `rows` prepared observations.
  /// - Parameters:
  ///   - observations: `rows × observationDimension`, already normalised (`prepare`).
  ///   - deterministic: take the mode (argmax or the mean) instead of sampling.
  ///   - indices: receives `rows × actionWidth` indices (discrete heads).
  ///   - values: receives `rows × actionWidth` raw samples (Gaussian heads).
  ///   - logProbabilities: receives each action's log-probability, when given.
  ///   - rng: the sampling generator.
  public func act(
    _ observations: UnsafePointer<Float>, rows: Int, deterministic: Bool,
    indices: UnsafeMutablePointer<Int>, values: UnsafeMutablePointer<Float>,
    logProbabilities: UnsafeMutablePointer<Float>?, rng: inout GymRandom
  ) {
    let out = actor.forward(observations, rows: rows)
    let k = head.outputCount, w = head.actionWidth
    for r in 0..<rows {
      let logits = UnsafePointer(out + r * k)
      switch head {
      case .categorical(let n):
        let a = deterministic ? Categorical.mode(logits: logits, count: n) : Categorical.sample(logits: logits, count: n, using: &rng)
        indices[r] = a
        logProbabilities?[r] = Categorical.logProbability(logits: logits, count: n, of: a)
      case .multiCategorical(let nvec):
        if deterministic {
          MultiCategorical.mode(logits: logits, nvec: nvec, into: indices + r * w)
        } else {
          MultiCategorical.sample(logits: logits, nvec: nvec, into: indices + r * w, using: &rng)
        }
        logProbabilities?[r] = MultiCategorical.logProbability(logits: logits, nvec: nvec, of: indices + r * w)
      case .diagonalGaussian:
        let s = UnsafePointer(logStdValues!)
        if deterministic {
          (values + r * w).update(from: logits, count: w)
        } else {
          DiagonalGaussian.sample(mean: logits, logStd: s, count: w, into: values + r * w, using: &rng)
        }
        logProbabilities?[r] = DiagonalGaussian.logProbability(mean: logits, logStd: s, count: w, of: values + r * w)
      }
    }
  }

  /// The value estimates of `rows` prepared observations (a view into the critic's workspace,
  /// valid until its next forward pass).
  public func values(_ observations: UnsafePointer<Float>, rows: Int) -> UnsafeMutablePointer<Float> {
    critic.forward(observations, rows: rows)
  }

  /// The policy's architecture as JSON, for checkpoints.
  public var json: JSONValue {
    var o: [String: JSONValue] = [
      "observation_dimension": .int(observationDimension), "action_head": head.json,
      "net_arch": .array(hiddenSizes.map { .int($0) }), "activation_fn": .string(activation.rawValue),
    ]
    o["observation_normalizer"] = observationNormalizer?.json ?? .null
    return .object(o)
  }

  /// A policy with the architecture `json` describes and zero weights (load them afterwards).
  /// - Throws: `PPOError` naming the malformed field.
  public convenience init(json: JSONValue) throws(PPOError) {
    guard let d = json["observation_dimension"]?.intValue, d > 0 else { throw PPOError("policy: needs a positive observation_dimension") }
    guard let headJSON = json["action_head"] else { throw PPOError("policy: needs an action_head") }
    let head = try ActionHead(json: headJSON)
    guard let archValues = json["net_arch"]?.arrayValue else { throw PPOError("policy: needs net_arch") }
    let arch = archValues.compactMap(\.intValue)
    guard arch.count == archValues.count, !arch.isEmpty, arch.allSatisfy({ $0 > 0 && $0 <= 65_536 }) else {
      throw PPOError("policy: net_arch must be a list of positive widths")
    }
    guard let f = json["activation_fn"]?.stringValue.flatMap(Activation.init(rawValue:)) else {
      throw PPOError("policy: activation_fn must be tanh or relu")
    }
    var rng = GymRandom(seed: 0)
    self.init(observationDimension: d, head: head, hiddenSizes: arch, activation: f, rng: &rng)
    if let n = json["observation_normalizer"], n != .null {
      observationNormalizer = try ObservationNormalizer(json: n, dimension: d)
    }
  }
}
