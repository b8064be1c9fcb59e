import GymCore

/// A full binary tree whose leaves hold fruits with six nutrients: MO-Gymnasium's
/// `fruit-tree-v0` (Yang et al. 2019).
///
/// The agent starts at the root and goes left (0) or right (1) `depth` times; the leaf reached
/// pays its six-objective nutrient vector (protein, carbs, fats, vitamins, minerals, water) and
/// ends the episode. Every other step pays zeros. The observation is `(row, index in row)`.
/// Every leaf is Pareto-optimal: the front is all 2^depth leaves, discounted by γ^(depth−1).
public struct FruitTree: TabularMultiObjectiveEnvironment, Sendable {
  public typealias Observation = SIMD2<Int32>
  public typealias Action = Int

  /// The depth of the tree: 5, 6 (MO-Gymnasium's default) or 7.
  public let depth: Int
  /// The leaf vectors, left to right.
  public let leafValues: [[Double]]
  /// The current node as (row, index in row).
  public var node: SIMD2<Int32> = .zero
  @usableFromInline let zeroReward: [Double] = Array(repeating: 0, count: 6)

  public let observationSpace: Box<SIMD2<Int32>>
  public let actionSpace = Discrete(2)
  public let rewardSpace = Box<[Float]>(low: 0, high: 10, shape: [6])

  /// A fruit tree of `depth` 5, 6 or 7.
  public init(depth: Int = 6) {
    precondition([5, 6, 7].contains(depth), "fruit-tree depth must be 5, 6 or 7, got \(depth)")
    self.depth = depth
    leafValues = FruitTree.leaves(depth: depth)
    observationSpace = Box(low: [0, 0], high: [Double(depth), Double((1 << depth) - 1)])
  }

  /// A fruit tree from construction options (`depth`: 5, 6 or 7).
  public init(options: Options) throws {
    try OptionReader.check(options, allowed: ["depth"], env: "fruit-tree")
    let d = try OptionReader.int(options, "depth", default: 6, range: 5...7)
    self.init(depth: d)
  }

  public var stateCount: Int { (1 << (depth + 1)) - 1 }
  public var actionCount: Int { 2 }

  @inlinable
  public func stateIndex(of observation: SIMD2<Int32>) -> Int {
    (1 << Int(observation.x)) - 1 + Int(observation.y)
  }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<SIMD2<Int32>> {
    if let bad = options.keys.first { throw OptionError("fruit-tree takes no reset options; got '\(bad)'") }
    node = .zero
    return (node, [:])
  }

  @inlinable
  public mutating func step(_ action: Int) -> StepResult<SIMD2<Int32>, RewardVector> {
    precondition(action == 0 || action == 1, "fruit-tree action must be 0 or 1, got \(action)")
    precondition(Int(node.x) < depth, "fruit-tree stepped after reaching a leaf")
    node = SIMD2(node.x + 1, 2 * node.y + Int32(action))
    if Int(node.x) == depth {
      return (node, RewardVector(leafValues[Int(node.y)]), true, false, [:])
    }
    return (node, RewardVector(zeroReward), false, false, [:])
  }
}

extension FruitTree: MultiObjectiveModel {
  public var modelStateCount: Int { stateCount }
  public var modelActionCount: Int { 2 }
  public var rewardDimension: Int { 6 }
  public var initialStates: [(state: Int, probability: Double)] { [(0, 1)] }

  public func outcomes(state: Int, action: Int) -> [Outcome] {
    var row = 0
    while (1 << (row + 1)) - 1 <= state { row += 1 }
    let col = state - ((1 << row) - 1)
    if row == depth {  // a leaf: never stepped from; give it a self-loop
      return [Outcome(probability: 1, reward: zeroReward, next: state, terminal: true)]
    }
    let next = SIMD2<Int32>(Int32(row + 1), Int32(2 * col + action))
    let leaf = row + 1 == depth
    return [Outcome(probability: 1, reward: leaf ? leafValues[Int(next.y)] : zeroReward, next: stateIndex(of: next), terminal: leaf)]
  }
}

extension FruitTree: StateIndexedModel {}
