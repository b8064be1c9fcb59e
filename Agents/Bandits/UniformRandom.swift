import GymCore

/// Pulls a uniformly random arm every time: the "over-exploration" extreme of BanditBench's
/// MinFrac metric (MinFrac near 1).
public struct UniformRandom: BanditPolicy, Sendable {
  public typealias Observation = Int

  /// The number of arms.
  public let armCount: Int
  /// The generator of arm draws.
  public var rng: RandomSource

  /// A uniform policy over `armCount` arms.
  public init(armCount: Int, seed: UInt64) {
    precondition(armCount > 0, "a bandit needs at least one arm")
    self.armCount = armCount
    rng = RandomSource(seed: seed)
  }

  public mutating func act(_ observation: Int = 0) -> Int { rng.int(below: armCount) }
  public mutating func update(arm: Int, reward: Double) {}
}
