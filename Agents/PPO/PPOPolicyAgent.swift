import GymCore

/// A trained PPO policy acting in an environment: an `Agent` for `Runner.run`.
///
/// Flattens each observation, normalises it with the policy's frozen statistics, and takes the
/// distribution's mode (deterministic, the default for evaluation) or a sample.
public struct PPOPolicyAgent<ObservationSpace: Space, ActionSpace: PolicyActionSpace>: Agent {
  /// The observation type.
  public typealias Observation = ObservationSpace.Element
  /// The action type.
  public typealias Action = ActionSpace.Element

  /// The policy.
  public let policy: ActorCritic
  /// Take the mode instead of sampling.
  public var deterministic: Bool
  /// The sampling generator (unused when deterministic).
  public var rng: GymRandom
  let observationSpace: ObservationSpace
  let actionSpace: ActionSpace
  let head: ActionHead
  let scratch: Scratch

  /// Buffers for one observation and one action, allocated once.
  final class Scratch {
    let raw: UnsafeMutableBufferPointer<Float>
    let prepared: UnsafeMutableBufferPointer<Float>
    let indices: UnsafeMutableBufferPointer<Int>
    let values: UnsafeMutableBufferPointer<Float>

    init(observationDimension: Int, actionWidth: Int) {
      raw = .allocate(capacity: observationDimension)
      raw.initialize(repeating: 0)
      prepared = .allocate(capacity: observationDimension)
      prepared.initialize(repeating: 0)
      indices = .allocate(capacity: actionWidth)
      indices.initialize(repeating: 0)
      values = .allocate(capacity: actionWidth)
      values.initialize(repeating: 0)
    }

    deinit {
      raw.deallocate()
      prepared.deallocate()
      indices.deallocate()
      values.deallocate()
    }
  }

  /// An agent for `env`'s spaces.
  /// - Parameters:
  ///   - policy: a trained (or loaded) policy.
  ///   - env: an environment with the spaces the policy was trained on.
  ///   - deterministic: act with the mode (argmax or mean).
  ///   - seed: seeds sampling when not deterministic.
  /// - Throws: `PPOError` when the policy's observation length or action head does not fit
  ///   the environment.
  public init<E: Environment>(policy: ActorCritic, for env: E, deterministic: Bool = true, seed: UInt64 = 0) throws
  where E.ObservationSpace == ObservationSpace, E.ActionSpace == ActionSpace {
    let head = try env.actionSpace.actionHead()
    guard env.observationSpace.flatDimension == policy.observationDimension else {
      throw PPOError("the policy reads observations of length \(policy.observationDimension), but the environment's are \(env.observationSpace.flatDimension) long (\(env.observationSpace))")
    }
    guard head == policy.head else {
      throw PPOError("the policy's action head is \(policy.head), but the environment's action space \(env.actionSpace) needs \(head)")
    }
    self.policy = policy
    self.deterministic = deterministic
    rng = GymRandom(seed: seed)
    observationSpace = env.observationSpace
    actionSpace = env.actionSpace
    self.head = head
    scratch = Scratch(observationDimension: policy.observationDimension, actionWidth: head.actionWidth)
  }

  /// The policy's action for `observation`.
  public mutating func act(_ observation: Observation) -> Action {
    let b = scratch
    observationSpace.flatten(observation, into: b.raw)
    policy.prepare(b.raw.baseAddress!, rows: 1, into: b.prepared.baseAddress!)
    policy.act(
      b.prepared.baseAddress!, rows: 1, deterministic: deterministic, indices: b.indices.baseAddress!,
      values: b.values.baseAddress!, logProbabilities: nil, rng: &rng)
    return actionSpace.action(head, indices: b.indices.baseAddress!, values: b.values.baseAddress!)
  }
}
