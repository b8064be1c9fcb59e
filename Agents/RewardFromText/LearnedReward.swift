import GymCore

/// A Bradley–Terry reward model saved with the environment it was learned on, so training can
/// load it (`gym train ppo --reward-model FILE`).
///
/// The file is JSON: `{"kind": "bradley_terry", "env_id": ID, "view": NAME,
/// "features": "state_abs_square_action_constant", "weights": [...]}` plus free-form
/// `"provenance"`.
public struct LearnedRewardFile: Sendable {
  /// The feature layout this version writes and reads.
  public static let featureLayout = "state_abs_square_action_constant"
  /// The environment id the model was learned on.
  public var environmentID: String
  /// The model.
  public var model: BradleyTerryRewardModel
  /// How the model was obtained (oracle, pairs, losses…).
  public var provenance: JSONValue

  /// A file for `model`, learned on `environmentID`.
  public init(environmentID: String, model: BradleyTerryRewardModel, provenance: JSONValue = .null) {
    self.environmentID = environmentID
    self.model = model
    self.provenance = provenance
  }

  /// The JSON form.
  public var json: JSONValue {
    [
      "kind": "bradley_terry", "env_id": .string(environmentID), "view": .string(model.features.view.name),
      "features": .string(Self.featureLayout), "weights": JSONValue(model.weights), "provenance": provenance,
    ]
  }

  /// Reads a model from its JSON form; `view(id)` gives the view of the saved environment id.
  /// - Throws: `RewardViewError` naming the missing or malformed field, or a view or weight
  ///   count that does not match.
  public init(json: JSONValue, view: (String) throws -> RewardView) throws {
    func field(_ k: String) throws(RewardViewError) -> JSONValue {
      guard let v = json[k] else { throw RewardViewError("the reward model file has no '\(k)' field") }
      return v
    }
    guard try field("kind").stringValue == "bradley_terry" else {
      throw RewardViewError("the reward model file's 'kind' must be \"bradley_terry\", got \(try field("kind"))")
    }
    guard let id = try field("env_id").stringValue else { throw RewardViewError("the reward model file's 'env_id' must be a string") }
    guard try field("features").stringValue == Self.featureLayout else {
      throw RewardViewError("the reward model file's 'features' must be \"\(Self.featureLayout)\", got \(try field("features"))")
    }
    guard case .array(let items) = try field("weights") else { throw RewardViewError("the reward model file's 'weights' must be an array of numbers") }
    var weights: [Double] = []
    for (i, w) in items.enumerated() {
      guard let x = w.doubleValue, x.isFinite else { throw RewardViewError("the reward model file's weight \(i) is not a finite number: \(w)") }
      weights.append(x)
    }
    let v = try view(id)
    if let name = json["view"]?.stringValue, name != v.name {
      throw RewardViewError("the reward model was learned on the \(name) view, \(id) has the \(v.name) view")
    }
    var model = BradleyTerryRewardModel(features: TransitionFeatures(view: v))
    guard weights.count == model.weights.count else {
      throw RewardViewError("the reward model has \(weights.count) weights; the \(v.name) view's features need \(model.weights.count)")
    }
    model.weights = weights
    self.init(environmentID: id, model: model, provenance: json["provenance"] ?? .null)
  }
}

extension Wrappers {
  /// Replaces an environment's reward by a learned reward model's `r(s, a, s')`, keeping the
  /// true reward in `info["true_reward"]` and the true episode return in `info["true_return"]`
  /// (as `TextReward` does).
  public struct LearnedReward<Base: Environment>: Wrapper where Base.Reward == Double {
    /// The wrapped environment's observation type.
    public typealias Observation = Base.Observation
    /// The wrapped environment's action type.
    public typealias Action = Base.Action
    /// The wrapped environment's observation space type.
    public typealias ObservationSpace = Base.ObservationSpace
    /// The wrapped environment's action space type.
    public typealias ActionSpace = Base.ActionSpace

    /// The wrapped environment.
    public var base: Base
    /// The model.
    public let model: BradleyTerryRewardModel
    @usableFromInline let buffers: FlatBuffers
    @usableFromInline var features: [Double]

    /// Wraps `base`.
    /// - Throws: `RewardViewError` when the environment's spaces do not fit the model's view.
    public init(_ base: Base, model: BradleyTerryRewardModel) throws(RewardViewError) {
      let view = model.features.view
      guard base.observationSpace.flatDimension == view.observationLength, base.actionSpace.flatDimension == view.actionLength else {
        throw RewardViewError("the reward model reads the \(view.name) view (observations of \(view.observationLength), actions of \(view.actionLength) values); this environment has \(base.observationSpace.flatDimension) and \(base.actionSpace.flatDimension)")
      }
      self.base = base
      self.model = model
      buffers = FlatBuffers(observation: view.observationLength, action: view.actionLength)
      features = Array(repeating: 0, count: model.features.dimension)
    }

    /// The wrapped environment's observation space.
    public var observationSpace: ObservationSpace { base.observationSpace }
    /// The wrapped environment's action space.
    public var actionSpace: ActionSpace { base.actionSpace }

    /// Resets the wrapped environment.
    public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Observation> {
      buffers.trueReturn = 0
      return try base.reset(seed: seed, options: options)
    }

    /// Steps the wrapped environment and returns the model's reward.
    public mutating func step(_ action: Action) -> StepResult<Observation, Double> {
      var result = base.step(action)
      base.actionSpace.flatten(action, into: buffers.action)
      base.observationSpace.flatten(result.observation, into: buffers.observation)
      for i in features.indices { features[i] = 0 }
      model.features.accumulate(action: UnsafeBufferPointer(buffers.action), next: UnsafeBufferPointer(buffers.observation), into: &features)
      var reward = 0.0
      for i in features.indices { reward += model.weights[i] * features[i] }
      buffers.trueReturn += result.reward
      result.info["true_reward"] = .double(result.reward)
      if result.terminated || result.truncated { result.info["true_return"] = .double(buffers.trueReturn) }
      return (result.observation, reward, result.terminated, result.truncated, result.info)
    }
  }
}

extension Environment where Reward == Double {
  /// This environment rewarded by a learned reward model (true reward kept in info).
  /// - Throws: `RewardViewError` when the environment's spaces do not fit the model's view.
  public func rewarded(byModel model: BradleyTerryRewardModel) throws(RewardViewError) -> Wrappers.LearnedReward<Self> {
    try Wrappers.LearnedReward(self, model: model)
  }
}

extension BradleyTerryRewardModel {
  /// The Pearson correlation between this model's reward and `other` on the transitions of
  /// `sample` (nan when either is constant there).
  public func correlation(with other: TransitionRewardFunction, on sample: TransitionSample) -> Double {
    let n = sample.observationLength, m = sample.actionLength
    var xs: [Double] = [], ys: [Double] = []
    sample.states.withUnsafeBufferPointer { s in
      sample.actions.withUnsafeBufferPointer { a in
        sample.nextStates.withUnsafeBufferPointer { x in
          for k in 0..<sample.count {
            let sk = UnsafeBufferPointer(rebasing: s[(k * n)..<((k + 1) * n)])
            let ak = UnsafeBufferPointer(rebasing: a[(k * m)..<((k + 1) * m)])
            let xk = UnsafeBufferPointer(rebasing: x[(k * n)..<((k + 1) * n)])
            xs.append(reward(action: ak, next: xk))
            ys.append(other(sk, ak, xk, sample.terminated[k]))
          }
        }
      }
    }
    let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for i in xs.indices {
      sxy += (xs[i] - mx) * (ys[i] - my)
      sxx += (xs[i] - mx) * (xs[i] - mx)
      syy += (ys[i] - my) * (ys[i] - my)
    }
    return sxy / (sxx * syy).squareRoot()
  }
}
