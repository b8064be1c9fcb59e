import GymCore

/// A fisherman choosing between the river and the woods: MO-Gymnasium's `fishwood-v0`
/// (Hayes et al., an expected-utility-of-the-return task).
///
/// The state is where the agent is: 0 fishing, 1 in the woods (the start). Each step first
/// collects from the current place — a fish with probability `fishProbability` into objective
/// 0, wood with probability `woodProbability` into objective 1 (the order of MO-Gymnasium's
/// code; its docstring lists wood first) — and then moves to the place the action names
/// (0 fish, 1 wood). Episodes last 200 steps and end with both `terminated` and `truncated`,
/// as in MO-Gymnasium. The observation is the place, as a `Discrete(2)` value (MO-Gymnasium
/// uses a one-element integer box). Draws follow NumPy's PCG64 stream.
public struct FishWood: TabularMultiObjectiveEnvironment, Sendable {
  public typealias Observation = Int
  public typealias Action = Int

  /// The episode length.
  public static let maxSteps = 200
  /// The probability of catching a fish per step spent fishing.
  public let fishProbability: Double
  /// The probability of collecting wood per step spent in the woods.
  public let woodProbability: Double
  /// 0 fishing, 1 in the woods.
  public var place = 1
  /// Steps since the reset.
  public var elapsed = 0
  /// The generator behind the catches.
  public var rng: NumPyGenerator
  @usableFromInline let rewards: [[Double]] = [[0, 0], [1, 0], [0, 1]]

  public let observationSpace = Discrete(2)
  public let actionSpace = Discrete(2)
  public let rewardSpace = Box<[Float]>(low: [0, 0], high: [1, 1])

  /// A FishWood environment.
  public init(fishProbability: Double = 0.1, woodProbability: Double = 0.9, seed: UInt64? = nil) {
    precondition((0...1).contains(fishProbability) && (0...1).contains(woodProbability), "probabilities must be in [0, 1]")
    self.fishProbability = fishProbability
    self.woodProbability = woodProbability
    rng = seed.map { NumPyGenerator(seed: $0) } ?? NumPyGenerator.entropy()
  }

  /// A FishWood environment from construction options (`fishproba`, `woodproba` in [0, 1]).
  public init(options: Options) throws {
    try OptionReader.check(options, allowed: ["fishproba", "woodproba"], env: "fishwood")
    self.init(
      fishProbability: try OptionReader.double(options, "fishproba", default: 0.1, range: 0...1),
      woodProbability: try OptionReader.double(options, "woodproba", default: 0.9, range: 0...1))
  }

  public var stateCount: Int { 2 }
  public var actionCount: Int { 2 }
  @inlinable public func stateIndex(of observation: Int) -> Int { observation }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Int> {
    if let bad = options.keys.first { throw OptionError("fishwood takes no reset options; got '\(bad)'") }
    if let seed { rng = NumPyGenerator(seed: seed) }
    place = 1
    elapsed = 0
    return (place, [:])
  }

  @inlinable
  public mutating func step(_ action: Int) -> StepResult<Int, RewardVector> {
    precondition(action == 0 || action == 1, "fishwood action must be 0 or 1, got \(action)")
    var paid = 0
    if place == 1 {
      if rng.random() < woodProbability { paid = 2 }
    } else if rng.random() < fishProbability {
      paid = 1
    }
    place = action
    elapsed += 1
    let done = elapsed == Self.maxSteps
    return (place, RewardVector(rewards[paid]), done, done, [:])
  }
}
