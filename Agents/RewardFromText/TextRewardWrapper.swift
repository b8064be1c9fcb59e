import GymCore

extension Wrappers {
  /// Replaces an environment's reward by a compiled reward program, keeping the true reward in
  /// `info["true_reward"]` (and the true episode return in `info["true_return"]` on the step
  /// that ends an episode), so training logs can show both.
  ///
  /// With `recordTerms`, `info["reward_terms"]` holds each term's unweighted value (costs a
  /// dictionary per step; off by default).
  ///
  /// The evaluator is a reference: copies of the wrapper share it. Use one wrapper per
  /// environment instance.
  public struct TextReward<Base: Environment>: Wrapper where Base.Reward == Double {
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
    /// The evaluator of the compiled reward.
    public let evaluator: RewardEvaluator
    /// Whether each step's info carries the term values.
    public let recordTerms: Bool
    @usableFromInline let buffers: FlatBuffers

    /// Wraps `base`.
    /// - Parameters:
    ///   - base: the environment; its flat observation and action lengths must match the view.
    ///   - reward: the compiled reward program.
    ///   - recordTerms: put the term values in every step's info.
    /// - Throws: `RewardViewError` when the environment's spaces do not fit the view.
    public init(_ base: Base, reward: CompiledReward, recordTerms: Bool = false) throws(RewardViewError) {
      let view = reward.view
      guard base.observationSpace.flatDimension == view.observationLength else {
        throw RewardViewError("the \(view.name) view reads observations of \(view.observationLength) values, this environment's have \(base.observationSpace.flatDimension) (\(base.observationSpace))")
      }
      guard base.actionSpace.flatDimension == view.actionLength else {
        throw RewardViewError("the \(view.name) view reads actions of \(view.actionLength) flat values, this environment's have \(base.actionSpace.flatDimension) (\(base.actionSpace))")
      }
      self.base = base
      self.evaluator = RewardEvaluator(reward)
      self.recordTerms = recordTerms
      self.buffers = FlatBuffers(observation: view.observationLength, action: view.actionLength)
    }

    /// The wrapped environment's observation space.
    public var observationSpace: ObservationSpace { base.observationSpace }
    /// The wrapped environment's action space.
    public var actionSpace: ActionSpace { base.actionSpace }

    /// Resets the wrapped environment and the program's episode memory.
    public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Observation> {
      let result = try base.reset(seed: seed, options: options)
      base.observationSpace.flatten(result.observation, into: buffers.observation)
      evaluator.reset(observation: UnsafeBufferPointer(buffers.observation))
      buffers.trueReturn = 0
      return result
    }

    /// Steps the wrapped environment and returns the program's reward.
    public mutating func step(_ action: Action) -> StepResult<Observation, Double> {
      var result = base.step(action)
      base.actionSpace.flatten(action, into: buffers.action)
      base.observationSpace.flatten(result.observation, into: buffers.observation)
      let reward = evaluator.step(
        action: UnsafeBufferPointer(buffers.action), observation: UnsafeBufferPointer(buffers.observation),
        terminated: result.terminated, truncated: result.truncated)
      buffers.trueReturn += result.reward
      result.info["true_reward"] = .double(result.reward)
      if result.terminated || result.truncated { result.info["true_return"] = .double(buffers.trueReturn) }
      if recordTerms {
        var terms: [String: JSONValue] = [:]
        for (t, v) in zip(evaluator.reward.terms, evaluator.termValues) { terms[t.name] = .double(v) }
        result.info["reward_terms"] = .object(terms)
      }
      return (result.observation, reward, result.terminated, result.truncated, result.info)
    }
  }

  /// Caller-owned flat buffers of one text-reward wrapper.
  public final class FlatBuffers {
    @usableFromInline let observation: UnsafeMutableBufferPointer<Float>
    @usableFromInline let action: UnsafeMutableBufferPointer<Float>
    @usableFromInline var trueReturn = 0.0
    init(observation: Int, action: Int) {
      self.observation = .allocate(capacity: observation)
      self.observation.initialize(repeating: 0)
      self.action = .allocate(capacity: action)
      self.action.initialize(repeating: 0)
    }
    deinit {
      observation.deallocate()
      action.deallocate()
    }
  }
}

extension Wrappers.TextReward: RenderableEnvironment where Base: RenderableEnvironment {}
extension Wrappers.TextReward: TextRenderableEnvironment where Base: TextRenderableEnvironment {}

extension Environment where Reward == Double {
  /// This environment rewarded by a compiled reward program (true reward kept in info).
  /// - Throws: `RewardViewError` when the environment's spaces do not fit the program's view.
  public func rewarded(by reward: CompiledReward, recordTerms: Bool = false) throws(RewardViewError) -> Wrappers.TextReward<Self> {
    try Wrappers.TextReward(self, reward: reward, recordTerms: recordTerms)
  }
}
