import GymCore
import Testing

/// A deterministic environment for vector tests: the observation is [episode start value,
/// step count]; episode i of sub-env with seed s lasts `length` steps; the reward is the action.
struct VectorTestEnv: Environment {
  var length: Int
  var steps = 0
  var start: Float = 0
  var rng = GymRandom(seed: 0)
  let observationSpace = Box<SIMD2<Float>>(low: [0, 0], high: [1000, 1000])
  let actionSpace = Discrete(3)

  mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<SIMD2<Float>> {
    if let seed { rng = GymRandom(seed: seed) }
    steps = 0
    start = Float(rng.int(below: 100))
    return (SIMD2(start, 0), ["reset": true])
  }

  mutating func step(_ action: Int) -> StepResult<SIMD2<Float>, Double> {
    steps += 1
    return (SIMD2(start, Float(steps)), Double(action), steps >= length, false, ["step": .int(steps)])
  }
}

@Suite struct VectorEnvironmentTests {
  func makeVector(_ mode: AutoresetMode, threads: Int = 1) throws -> VectorEnvironment<VectorTestEnv> {
    let v = VectorEnvironment(count: 3, autoresetMode: mode, threads: threads) { i in VectorTestEnv(length: i + 2) }
    try v.reset(seed: 10)
    return v
  }

  @Test func seedsAreSPlusI() throws {
    let v = try makeVector(.nextStep)
    for i in 0..<3 {
      var single = VectorTestEnv(length: 1)
      let (obs, _) = try single.reset(seed: 10 + UInt64(i))
      #expect(v.observation(i) == [obs[0], obs[1]])
    }
    #expect(v.observations.count == 3 * 2)
  }

  @Test func nextStepResetsOnTheFollowingStep() throws {
    let v = try makeVector(.nextStep)
    v.step([1, 1, 1])
    v.step([2, 2, 2])
    // Sub-env 0 (length 2) ended now, with its true final observation.
    #expect(v.terminations[0] && !v.terminations[1])
    #expect(v.observation(0)[1] == 2)
    #expect(v.rewards[0] == 2)
    v.step([1, 1, 1])
    // Sub-env 0 was reset instead of stepped: reward 0, flags false, step count 0.
    #expect(v.wasReset[0] && !v.wasReset[1])
    #expect(v.rewards[0] == 0 && !v.terminations[0] && !v.truncations[0])
    #expect(v.observation(0)[1] == 0)
    #expect(v.infos[0]["reset"] == true)
    // Sub-env 1 (length 3) ended on this step.
    #expect(v.terminations[1])
  }

  @Test func sameStepResetsAndExposesFinalObservation() throws {
    let v = try makeVector(.sameStep)
    v.step([1, 1, 1])
    v.step([2, 2, 2])
    #expect(v.terminations[0])
    #expect(v.hasFinalObservation[0] && !v.hasFinalObservation[1])
    #expect(v.finalObservations[1] == 2)  // sub-env 0's final step count
    #expect(v.observation(0)[1] == 0)  // already reset
    #expect(v.finalInfos[0]["step"] == 2)
    v.step([1, 1, 1])
    #expect(!v.hasFinalObservation[0])
    #expect(v.observation(0)[1] == 1)
  }

  @Test func disabledNeedsMaskReset() throws {
    let v = try makeVector(.disabled)
    v.step([0, 0, 0])
    v.step([0, 0, 0])
    #expect(v.needsReset[0] && !v.needsReset[1])
    try v.reset(mask: [true, false, false])
    #expect(!v.needsReset[0])
    #expect(v.observation(0)[1] == 0)
    v.step([0, 0, 0])
    #expect(v.observation(1)[1] == 3)
  }

  @Test(arguments: [AutoresetMode.nextStep, .sameStep])
  func threadCountDoesNotChangeResults(mode: AutoresetMode) throws {
    let a = VectorEnvironment(count: 64, autoresetMode: mode, threads: 1) { i in VectorTestEnv(length: 3 + i % 7) }
    let b = VectorEnvironment(count: 64, autoresetMode: mode, threads: 2) { i in VectorTestEnv(length: 3 + i % 7) }
    try a.reset(seed: 5)
    try b.reset(seed: 5)
    var rng = GymRandom(seed: 1)
    for _ in 0..<50 {
      let actions = (0..<64).map { _ in rng.int(below: 3) }
      a.step(actions)
      b.step(actions)
      #expect(Array(a.observations) == Array(b.observations))
      #expect(Array(a.rewards) == Array(b.rewards))
      #expect(Array(a.terminations) == Array(b.terminations))
    }
  }
}
