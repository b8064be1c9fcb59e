import GymCore

/// A bandit algorithm behind GymCore's `Agent` protocol: it chooses an arm (`act`) and learns
/// from that arm's reward (`update`).
///
/// Policies own a seeded generator, so equal seeds and equal rewards give equal choices.
/// `update(arm:reward:)` refers to the observation of the latest `act` — contextual policies
/// keep the chosen arm's features from it — so the loop is always act, pull, update.
/// `Agent.learn` forwards to `update`, which lets `Runner.run` drive any policy.
public protocol BanditPolicy<Observation>: Agent where Action == Int, Reward == Double {
  /// What the policy reads before choosing: `Int` (always 0) for context-free policies, the
  /// per-arm feature matrix (`[Float]`, K×d row-major) for contextual ones.
  associatedtype Observation

  /// The number of arms K.
  var armCount: Int { get }

  /// Learns from the reward of `arm`, the arm the latest `act` returned.
  mutating func update(arm: Int, reward: Double)
}

/// A fixed-budget best-arm identification algorithm: after its budget it names the arm it
/// believes best.
public protocol BestArmIdentifier: BanditPolicy {
  /// The arm the algorithm recommends now (its final answer once the budget is spent).
  var recommendation: Int { get }
}

// MARK: - Default implementations

extension BanditPolicy {
  /// Forwards the transition's arm and reward to `update(arm:reward:)`.
  public mutating func learn(_ transition: Transition<Observation, Int, Double>) {
    update(arm: transition.action, reward: transition.reward)
  }
}

/// Runs a context-free policy on any observation type by ignoring the observation — the
/// type says that the context is not used (MABWiser users asked for exactly that clarity).
public struct ContextFree<Base: BanditPolicy, Observation>: BanditPolicy where Base.Observation == Int {
  /// The wrapped policy.
  public var base: Base

  /// Wraps `base`.
  public init(_ base: Base) { self.base = base }

  public var armCount: Int { base.armCount }
  public mutating func act(_ observation: Observation) -> Int { base.act(0) }
  public mutating func update(arm: Int, reward: Double) { base.update(arm: arm, reward: reward) }
}

extension ContextFree: BestArmIdentifier where Base: BestArmIdentifier {
  public var recommendation: Int { base.recommendation }
}

extension ContextFree: Sendable where Base: Sendable {}

/// The index of the largest value, the lowest index among ties (NumPy's `argmax`).

func argmax(_ values: UnsafeBufferPointer<Double>) -> Int {
  var best = 0
  var bestValue = values[0]
  for i in 1..<values.count where values[i] > bestValue {
    best = i
    bestValue = values[i]
  }
  return best
}
