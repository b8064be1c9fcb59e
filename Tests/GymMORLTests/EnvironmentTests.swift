import GymCore
import GymMultiObjective
import GymTesting
import SwiftGym
import Testing

@Suite struct MultiObjectiveEnvironmentTests {
  static let ids = [
    "deep-sea-treasure-v0", "deep-sea-treasure-concave-v0", "deep-sea-treasure-mirrored-v0", "fruit-tree-v0",
    "four-room-v0", "resource-gathering-v0", "fishwood-v0", "breakable-bottles-v0", "minecart-v0",
    "minecart-deterministic-v0", "mo-mountaincar-v0", "mo-mountaincarcontinuous-v0", "mo-lunar-lander-v3",
    "mo-lunar-lander-continuous-v3",
  ]

  @Test(arguments: ids)
  func registeredAndErasedWithRewardVector(id: String) throws {
    let env = try make(id)
    _ = try env.reset(seed: 1)
    var rng = GymRandom(seed: 2)
    let r = try env.checkedStep(env.sampleAction(using: &rng))
    // The erased path sums the vector and keeps it in the info.
    let vector = try #require(r.info["reward_vector"]?.doubleArray)
    #expect(abs(vector.reduce(0, +) - r.reward) < 1e-9)
    #expect(MultiObjective.referencePoints[id]?.count == vector.count)
  }

  @Test func everyEnvironmentPassesTheChecker() throws {
    try checkEnvironment({ DeepSeaTreasure(map: .convex) })
    try checkEnvironment({ DeepSeaTreasure(map: .mirrored) })
    try checkEnvironment({ FruitTree(depth: 7) })
    try checkEnvironment({ FourRoom() })
    try checkEnvironment({ ResourceGathering() })
    try checkEnvironment({ FishWood() })
    try checkEnvironment({ BreakableBottles() })
    try checkEnvironment({ BreakableBottles(unbreakableBottles: true) })
    try checkEnvironment({ Minecart() }, steps: 500)
    try checkEnvironment({ MOMountainCar(mergeMovePenalty: true, addSpeedObjective: true) })
    try checkEnvironment({ MOMountainCarContinuous() })
    try checkEnvironment({ try MOLunarLander<DiscreteThrusters>(options: [:]) }, steps: 300)
  }

  /// The lander's objectives recombine into Gymnasium's scalar reward on the same seed.
  @Test(arguments: [3, 11] as [UInt64])
  func lunarLanderObjectivesRecombineIntoTheScalarReward(seed: UInt64) throws {
    var mo = try MOLunarLander<DiscreteThrusters>(options: [:])
    let scalar = try LunarLander<DiscreteThrusters>(options: [:])
    _ = try mo.reset(seed: seed, options: [:])
    _ = try scalar.reset(seed: seed, options: [:])
    var rng = GymRandom(seed: seed)
    var steps = 0, ended = false
    while !ended && steps < 1000 {
      let a = mo.actionSpace.sample(using: &rng)
      let v = mo.step(a), s = scalar.step(a)
      #expect(v.observation == s.observation)
      let r = v.reward.values
      if v.terminated {
        #expect(abs(r[0]) == 100 && r[0] == s.reward)
      } else {
        #expect(r[0] == 0)
        #expect(abs(r[1] + 0.3 * r[2] + 0.03 * r[3] - s.reward) < 1e-9)
      }
      #expect(r[2] <= 0 && r[2] >= -1 && r[3] <= 0 && r[3] >= -1)
      ended = v.terminated || v.truncated
      steps += 1
    }
    #expect(ended)
  }

  /// Mountain car keeps the scalar dynamics; the penalties follow the action.
  @Test func mountainCarPenalisesTimeAndMoves() throws {
    var env = MOMountainCar()
    _ = try env.reset(seed: 5, options: [:])
    for a in [0, 1, 2] {
      let r = env.step(a).reward.values
      #expect(r == [-1, a == 0 ? -1 : 0, a == 2 ? -1 : 0])
    }
    var cont = MOMountainCarContinuous()
    _ = try cont.reset(seed: 5, options: [:])
    #expect(cont.step([0.5]).reward.values == [-1, -0.25])
  }

  @Test func badOptionsNameTheProblem() throws {
    #expect(throws: OptionError("unknown option 'depht' for fruit-tree; allowed: depth")) { try make("fruit-tree-v0", options: ["depht": 6]) }
    #expect(throws: OptionError("option 'depth' must be an integer in 5...7, got 9")) { try make("fruit-tree-v0", options: ["depth": 9]) }
    #expect(throws: OptionError("option 'dst_map' must be one of convex, concave, mirrored, got \"deep\"")) {
      try make("deep-sea-treasure-v0", options: ["dst_map": "deep"])
    }
    #expect(throws: OptionError.self) { try make("breakable-bottles-v0", options: ["prob_drop": 2]) }
  }

  @Test func deepSeaTreasureShortestPathToTheDeepestTreasure() throws {
    var env = DeepSeaTreasure(map: .concave)
    _ = try env.reset(seed: 0)
    // Right 9 times along the surface, then down 10: 19 steps to the 124 treasure.
    var total = RewardVector.zero
    var last: StepResult<SIMD2<Int32>, RewardVector>?
    for a in Array(repeating: 3, count: 9) + Array(repeating: 1, count: 10) {
      last = env.step(a)
      total = total + last!.reward
    }
    #expect(last!.terminated && total == RewardVector([124, -19]))
    // Rock blocks: from the start, moving down lands on the first treasure.
    _ = try env.reset(seed: 0)
    #expect(env.step(1).reward == RewardVector([1, -1]))
    // Moving up at the surface stays in place.
    _ = try env.reset(seed: 0)
    #expect(env.step(0).observation == SIMD2(0, 0))
  }

  @Test func fruitTreeLeavesAndIndices() throws {
    var env = FruitTree(depth: 6)
    _ = try env.reset(seed: 0)
    var r = env.step(1)
    for _ in 0..<5 { r = env.step(0) }
    #expect(r.terminated && r.observation == SIMD2(6, 32))
    #expect(r.reward.values == env.leafValues[32])
    #expect(env.stateIndex(of: r.observation) == 63 + 32)
    #expect(FruitTree(depth: 5).leafValues.count == 32 && FruitTree(depth: 7).leafValues.count == 128)
  }

  @Test func fourRoomCollectsShapesOnceAndEndsAtTheGoal() throws {
    var env = FourRoom()
    let (o, _) = try env.reset(seed: 0)
    #expect(o == [12, 0] + Array(repeating: 0, count: 12))
    #expect(env.shapeColors.count == 12)
    #expect(env.shapeColors.filter { $0 == 0 }.count == 4)
    // Up from (12, 0) five times to (7, 0), then the wall at (6, 0) blocks.
    for _ in 0..<5 { _ = env.step(1) }
    #expect(env.step(1).observation[0] == 7)
    // Walk to the red shape at (6, 2): right twice to (7, 2), up once.
    _ = env.step(2)
    _ = env.step(2)
    let red = env.step(1)
    #expect(red.reward == RewardVector([0, 0, 1]))
    _ = env.step(3)
    #expect(env.step(1).reward == RewardVector([0, 0, 0]))  // already collected
  }

  @Test func resourceGatheringMatchesItsDocumentedDynamics() throws {
    var env = ResourceGathering(seed: 0)
    _ = try env.reset(seed: 0)
    // Bumping into the bottom wall at home ends the episode with nothing.
    let bump = env.step(1)
    #expect(bump.terminated && bump.reward == RewardVector([0, 0, 0]))
    // Straight to the gem and back home, avoiding the enemies: 10 steps, [0, 0, 1].
    _ = try env.reset(seed: 0)
    var total = RewardVector.zero
    var done = false
    for a in [3, 3, 0, 0, 0, 1, 1, 1, 2, 2] where !done {
      let r = env.step(a)
      total = total + r.reward
      done = r.terminated
    }
    #expect(done && total == RewardVector([0, 0, 1]))
  }

  @Test func breakableBottlesDeliversAndPenalisesDrops() throws {
    var env = BreakableBottles(dropProbability: 1)
    _ = try env.reset(seed: 0)
    #expect(env.location == 4)
    for _ in 0..<4 { _ = env.step(0) }
    _ = env.step(2)
    _ = env.step(2)
    #expect(env.carrying == 2)
    _ = env.step(1)  // leaving cell 0 never drops
    let drop = env.step(1)  // leaving cell 1 with two bottles drops one (probability 1)
    #expect(drop.reward == RewardVector([-1, 0, -1]))
    #expect(env.carrying == 1 && drop.observation == [2, 1, 0, 1, 0, 0])
    _ = env.step(1)
    let deliver = env.step(1)
    #expect(deliver.reward == RewardVector([-1, 25, 0]) && !deliver.terminated)
    #expect(env.consistencyProblem() == nil)
  }

  @Test func fishWoodPaysFromThePlaceItLeaves() throws {
    var env = FishWood(fishProbability: 1, woodProbability: 1)
    _ = try env.reset(seed: 0)
    #expect(env.step(0).reward == RewardVector([0, 1]))  // in the woods: wood, then go fishing
    #expect(env.step(0).reward == RewardVector([1, 0]))  // fishing: a fish
    var last = env.step(1)
    for _ in 3..<FishWood.maxSteps { last = env.step(1) }
    #expect(last.terminated && last.truncated)
  }

  @Test func minecartDeterministicTripMinesAndSells() throws {
    var env = Minecart(deterministic: true)
    _ = try env.reset(seed: 0)
    // Heading 45° toward the far mines: accelerate, coast until near the (0.84, 0.84) mine.
    var fuel = 0.0
    _ = env.step(3)
    fuel += -0.005 * 4 - 0.025 * 4
    var steps = 0
    while ((env.x - 0.84) * (env.x - 0.84) + (env.y - 0.84) * (env.y - 0.84)).squareRoot() > 0.1 && steps < 200 {
      let r = env.step(5)
      fuel += r.reward[2]
      steps += 1
    }
    #expect(steps < 200)
    _ = env.step(4)
    for _ in 0..<3 { _ = env.step(0) }
    #expect(env.content.x > 0 && env.content.y > 0)
    // 3 mining actions × 4 frames × (0.2, 0.2), capped at the capacity of 1.5.
    #expect(abs(env.content.x + env.content.y - 1.5) < 1e-12)
    let after = env.step(5)
    #expect(after.observation[5] > 0)
  }
}

@Suite struct MultiAgentEnvironmentTests {
  @Test func beachPaysOccupationAndMixtureAtTheEnd() throws {
    var env = MOBeach(agentCount: 10, sections: 3, capacity: 2, timesteps: 2, seed: 0)
    let (obs, _) = try env.reset(seed: 3, options: [:])
    #expect(obs.count == 10 && env.agents.count == 10)
    let stay = Dictionary(uniqueKeysWithValues: env.possibleAgents.map { ($0, 1) })
    let first = try env.checkedStep(stay)
    #expect(first.rewards.values.allSatisfy { $0 == RewardVector([0, 0]) })
    #expect(!first.terminations.values.contains(true))
    // Everyone moves left: all ten end in section 0.
    let left = Dictionary(uniqueKeysWithValues: env.possibleAgents.map { ($0, 0) })
    _ = env.step(left)
    _ = try env.reset(seed: 3, options: [:])
    _ = env.step(left)
    let last = env.step(left)
    let expected = 10 * Double.exp(-10 / 2.0)
    for r in last.rewards.values { #expect(abs(r[0] - expected) < 1e-12) }
    #expect(last.terminations.values.allSatisfy { $0 } && env.agents.isEmpty)
    #expect(throws: ParallelEnvironmentError.self) { try env.validate(["agent_0": 0]) }
  }

  @Test func gemMiningIsACooperativeBandit() throws {
    var env = MOGemMining(agentCount: 6, objectives: 3, seed: 1)
    _ = try env.reset(seed: 1, options: [:])
    #expect(env.actionSpace(for: "agent_2").start == 2)
    let actions = Dictionary(uniqueKeysWithValues: env.possibleAgents.enumerated().map { ($1, $0) })
    let r = try env.checkedStep(actions)
    let values = Set(r.rewards.values)
    #expect(values.count == 1)  // everyone gets the same vector
    #expect(env.agents.isEmpty && r.terminations.values.allSatisfy { $0 })
    // Base probabilities are real numbers in range; expected rewards are positive.
    #expect(env.baseProbabilities.allSatisfy { $0.allSatisfy { $0 >= 0.01 && $0 <= 0.5 } })
    #expect(env.expectedReward(env.possibleAgents.indices.map { $0 }).allSatisfy { $0 > 0 })
    #expect(throws: ParallelEnvironmentError.self) { try env.validate(["agent_0": 0]) }
  }

  @Test func itemGatheringCollectsAndResolvesCollisions() throws {
    var env = try MOItemGathering(timesteps: 50, seed: 0)
    let (obs, _) = try env.reset(seed: 0, options: [:])
    #expect(obs["agent_0"]!.count == 65 && obs["agent_0"]![0] == -1)
    #expect(env.kinds == 3 && env.rewardSpace(for: "agent_0").high == [3, 3, 3])
    // agent_1 starts at (7, 0): up 2 → (5, 0), right 2 → (5, 2) holds a kind-1 item (map value 3).
    var got = RewardVector.zero
    for a in [1, 1, 4, 4] {
      let r = env.step(["agent_0": 0, "agent_1": a])
      got = got + r.rewards["agent_1"]!
    }
    #expect(got == RewardVector([1, 0, 0]))
    // A two-agent map where both try to enter the same cell: exactly one moves.
    var duel = try MOItemGathering(map: [[1, 0, 1], [0, 2, 0]], timesteps: 5, seed: 4)
    _ = try duel.reset(seed: 4, options: [:])
    _ = duel.step(["agent_0": 4, "agent_1": 3])
    #expect(duel.positions[0] != duel.positions[1])
    #expect(Set([duel.positions[0], duel.positions[1]]).contains(SIMD2(0, 1)))
    #expect(throws: OptionError.self) { try MOItemGathering(map: [[0, 2]]) }
  }
}
