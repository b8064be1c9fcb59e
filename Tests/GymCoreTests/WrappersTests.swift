import GymCore
import Testing

// MARK: - Fixtures

/// Small deterministic environments for the wrapper tests.
enum WrapperFixtures {
  /// Counts steps. Observation `[count, position]`; action `a ∈ {0, 1, 2}` moves the position
  /// by `a − 1`; reward = the step number; terminates at step `terminateAt`. Reset puts the
  /// position at the seed (0 without one); option `"terminateAt"` changes the episode length.
  struct Counter: Environment, TextRenderableEnvironment, Sendable {
    let observationSpace = Box<SIMD2<Float>>(low: [0, -100], high: [1000, 100])
    let actionSpace = Discrete(3)
    var terminateAt: Int
    var count = 0
    var position: Float = 0

    init(terminateAt: Int = 5) { self.terminateAt = terminateAt }

    var metadata: EnvironmentMetadata { EnvironmentMetadata(renderModes: [.ansi], renderFPS: 7) }
    var observation: SIMD2<Float> { SIMD2(Float(count), position) }

    mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<SIMD2<Float>> {
      if let t = options["terminateAt"]?.intValue { terminateAt = t }
      count = 0
      position = Float(seed ?? 0)
      return (observation, ["seed": .int(Int(seed ?? 0))])
    }

    mutating func step(_ action: Int) -> StepResult<SIMD2<Float>, Double> {
      precondition(actionSpace.contains(action), "Counter: bad action \(action)")
      count += 1
      position += Float(action - 1)
      return (observation, Double(count), count >= terminateAt, false, [:])
    }

    func renderText() -> String { "count=\(count)" }
  }

  /// Returns the action it received as the observation, so tests see what reached the inner
  /// environment. Its action box is `[-1, 1] × [0, 4]`; out-of-box actions crash.
  struct Echo: Environment, Sendable {
    let observationSpace = Box<SIMD2<Float>>(low: [-1, 0], high: [1, 4])
    let actionSpace = Box<SIMD2<Float>>(low: [-1, 0], high: [1, 4])

    mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<SIMD2<Float>> {
      (SIMD2(0, 0), [:])
    }

    mutating func step(_ action: SIMD2<Float>) -> StepResult<SIMD2<Float>, Double> {
      precondition(actionSpace.contains(action), "Echo: action \(action) outside \(actionSpace)")
      return (action, 0, false, false, [:])
    }
  }

  /// Plays back a fixed list of `[Float]` observations: the first on reset, the next on each
  /// step.
  struct Script: Environment, Sendable {
    let observationSpace: Box<[Float]>
    let actionSpace = Discrete(1)
    let observations: [[Float]]
    var index = 0

    init(_ observations: [[Float]]) {
      self.observations = observations
      observationSpace = Box(low: -1000, high: 1000, shape: [observations[0].count])
    }

    mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<[Float]> {
      index = 0
      return (observations[0], [:])
    }

    mutating func step(_ action: Int) -> StepResult<[Float], Double> {
      index += 1
      return (observations[index], 0, index == observations.count - 1, false, [:])
    }
  }

  /// A discrete observation in `Discrete(4, start: 1)` that cycles 1, 2, 3, 4, 1, …
  struct Cycle: Environment, Sendable {
    let observationSpace = Discrete(4, start: 1)
    let actionSpace = Discrete(2)
    var state = 1

    mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Int> {
      state = 1
      return (state, [:])
    }

    mutating func step(_ action: Int) -> StepResult<Int, Double> {
      state = state == 4 ? 1 : state + 1
      return (state, 1, false, false, [:])
    }
  }

  /// Two objectives: reward `[1, −step]`, episodes of 3 steps.
  struct TwoObjectives: MultiObjectiveEnvironment, Sendable {
    let observationSpace = Discrete(10)
    let actionSpace = Discrete(2)
    let rewardSpace = Box<[Float]>(low: [0, -10], high: [1, 0])
    var count = 0

    mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Int> {
      count = 0
      return (0, [:])
    }

    mutating func step(_ action: Int) -> StepResult<Int, RewardVector> {
      count += 1
      return (count, [1, -Double(count)], count == 3, false, [:])
    }
  }

  /// A space the flat-bounds helper knows nothing about.
  struct Opaque: Space {
    func sample(using rng: inout some RandomNumberGenerator) -> Int { 0 }
    func contains(_ value: Int) -> Bool { value == 0 }
    var flatDimension: Int { 2 }
    func flatten(_ value: Int, into out: UnsafeMutableBufferPointer<Float>) { out[0] = 0; out[1] = 0 }
    func unflatten(_ flat: UnsafeBufferPointer<Float>) throws(SpaceError) -> Int { 0 }
    func encode(_ value: Int) -> JSONValue { .int(value) }
    func decode(_ json: JSONValue) throws(SpaceError) -> Int { 0 }
    var specification: JSONValue { ["type": "Opaque"] }
    var description: String { "Opaque" }
  }
}

private func close(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
  abs(a - b) <= relative * max(abs(a), abs(b), 1e-300)
}

// MARK: - Tests

@Suite("Wrappers")
struct WrappersTests {
  typealias Counter = WrapperFixtures.Counter

  // MARK: TimeLimit

  @Test("TimeLimit truncates exactly at the limit and reset zeroes the count")
  func timeLimitTruncatesAtLimit() throws {
    var env = Counter(terminateAt: 100).timeLimited(3)
    _ = try env.reset(seed: 0)
    #expect(env.elapsedSteps == 0)
    let s1 = env.step(1), s2 = env.step(1)
    #expect(!s1.truncated && !s2.truncated)
    #expect(env.elapsedSteps == 2)
    let s3 = env.step(1)
    #expect(s3.truncated)
    #expect(!s3.terminated)
    #expect(env.elapsedSteps == 3)
    _ = try env.reset(seed: nil)
    #expect(env.elapsedSteps == 0)
    #expect(!env.step(1).truncated)
    #expect(!env.step(1).truncated)
    #expect(env.step(1).truncated)
  }

  @Test("TimeLimit leaves terminated alone, and both flags can be set together")
  func timeLimitTerminatedAndTruncated() throws {
    var early = Counter(terminateAt: 2).timeLimited(5)
    _ = try early.reset()
    _ = early.step(1)
    let end = early.step(1)
    #expect(end.terminated && !end.truncated)

    var both = Counter(terminateAt: 3).timeLimited(3)
    _ = try both.reset()
    _ = both.step(1)
    _ = both.step(1)
    let last = both.step(1)
    #expect(last.terminated && last.truncated)
    #expect(last.reward == 3)
  }

  // MARK: OrderEnforcing

  @Test("OrderEnforcing exposes hasReset and lets steps through after reset")
  func orderEnforcingHasReset() throws {
    var env = Counter().orderEnforced()
    #expect(!env.hasReset)
    _ = try env.reset(seed: 4)
    #expect(env.hasReset)
    let s = env.step(2)
    #expect(s.observation == SIMD2(1, 5))
    #expect(env.renderText() == "count=1")
  }

  @Test("OrderEnforcing: step before reset is a precondition failure naming reset(seed:)")
  func orderEnforcingStepBeforeReset() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var env = WrapperFixtures.Counter().orderEnforced()
      _ = env.step(1)
    }
    if let result {
      let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
      #expect(stderr.contains("call reset(seed:) before step"))
    }
  }

  // MARK: RecordEpisodeStatistics

  @Test("RecordEpisodeStatistics reports return, length and time at the episode end")
  func recordEpisodeStatisticsValues() throws {
    var env = Counter(terminateAt: 4).recordingStatistics()
    _ = try env.reset(seed: 0)
    for _ in 0..<3 {
      let s = env.step(1)
      #expect(s.info["episode"] == nil)
    }
    #expect(env.episodeReturn == 6)
    #expect(env.episodeLength == 3)
    let last = env.step(1)
    #expect(last.terminated)
    let episode = try #require(last.info["episode"])
    #expect(episode["r"] == .double(10))
    #expect(episode["l"] == .int(4))
    let t = try #require(episode["t"]?.doubleValue)
    #expect(t >= 0 && t < 10)
    #expect((t * 1e6).rounded() == t * 1e6 || abs((t * 1e6).rounded() - t * 1e6) < 1e-6)
    #expect(Array(env.returnQueue) == [10])
    #expect(Array(env.lengthQueue) == [4])
    #expect(Array(env.timeQueue) == [t])
    #expect(env.episodeCount == 1)
  }

  @Test("RecordEpisodeStatistics keeps the last bufferLength episodes and counts truncations")
  func recordEpisodeStatisticsQueues() throws {
    var env = Counter(terminateAt: 100).timeLimited(3).recordingStatistics(bufferLength: 2)
    for terminateAt in [4, 2, 3, 1] {
      _ = try env.reset(seed: nil, options: ["terminateAt": .int(terminateAt)])
      var done = false
      while !done {
        let s = env.step(1)
        done = s.terminated || s.truncated
        if done { #expect(s.info["episode"]?["l"] == .int(min(terminateAt, 3))) }
      }
    }
    // Lengths 3 (truncated), 2, 3, 1; returns 1+2+3 = 6, 3, 6, 1.
    #expect(env.episodeCount == 4)
    #expect(Array(env.lengthQueue) == [3, 1])
    #expect(Array(env.returnQueue) == [6, 1])
    #expect(env.timeQueue.count == 2)
  }

  @Test("RecordEpisodeStatistics reports vector returns as arrays")
  func recordEpisodeStatisticsVectorReward() throws {
    var env = WrapperFixtures.TwoObjectives().recordingStatistics()
    _ = try env.reset()
    _ = env.step(0)
    _ = env.step(0)
    let last = env.step(0)
    #expect(last.info["episode"]?["r"] == [3.0, -6.0])
    #expect(env.returnQueue.last == RewardVector([3, -6]))
    // The wrapper keeps the environment multi-objective.
    #expect(env.rewardSpace.low == [0, -10])
  }

  @Test("RingBuffer drops the oldest element when full")
  func ringBuffer() {
    var ring = Wrappers.RingBuffer<Int>(capacity: 3)
    #expect(ring.isEmpty)
    for i in 1...5 { ring.append(i) }
    #expect(Array(ring) == [3, 4, 5])
    #expect(ring.first == 3 && ring.last == 5)
    ring.append(6)
    #expect(Array(ring) == [4, 5, 6])
    ring.removeAll()
    ring.append(9)
    #expect(Array(ring) == [9])
  }

  // MARK: ClipAction and RescaleAction

  @Test("ClipAction clamps each coordinate into the inner box and exposes an unbounded box")
  func clipAction() throws {
    var env = WrapperFixtures.Echo().clippingActions()
    #expect(env.actionSpace.low == [-.infinity, -.infinity])
    #expect(env.actionSpace.high == [.infinity, .infinity])
    #expect(env.actionSpace.shape == [2])
    _ = try env.reset()
    #expect(env.step(SIMD2(5, -3)).observation == SIMD2(1, 0))
    #expect(env.step(SIMD2(-7, 10)).observation == SIMD2(-1, 4))
    #expect(env.step(SIMD2(0.25, 2.5)).observation == SIMD2(0.25, 2.5))
    #expect(env.step(SIMD2(1, 4)).observation == SIMD2(1, 4))
  }

  @Test("RescaleAction maps [min, max] affinely onto the inner box, bounds onto bounds")
  func rescaleAction() throws {
    var env = WrapperFixtures.Echo().rescalingActions(min: -1, max: 1)
    #expect(env.actionSpace.low == [-1, -1])
    #expect(env.actionSpace.high == [1, 1])
    _ = try env.reset()
    #expect(env.step(SIMD2(-1, -1)).observation == SIMD2(-1, 0))
    #expect(env.step(SIMD2(1, 1)).observation == SIMD2(1, 4))
    #expect(env.step(SIMD2(0, 0)).observation == SIMD2(0, 2))
    #expect(env.step(SIMD2(0.5, -0.5)).observation == SIMD2(0.5, 1))
    // Out-of-range input is clamped to the inner bounds.
    #expect(env.step(SIMD2(3, -2)).observation == SIMD2(1, 0))

    var perCoordinate = WrapperFixtures.Echo().rescalingActions(min: [0, 10], max: [2, 20])
    _ = try perCoordinate.reset()
    #expect(perCoordinate.step(SIMD2(0, 10)).observation == SIMD2(-1, 0))
    #expect(perCoordinate.step(SIMD2(2, 20)).observation == SIMD2(1, 4))
    #expect(perCoordinate.step(SIMD2(1.5, 12.5)).observation == SIMD2(0.5, 1))
  }

  // MARK: NormalizeObservation and RunningMeanStd

  static let scripted: [[Float]] = [
    [1, -2, 10], [3, 0, 11], [-1, 4, 9.5], [2, 2, 10.25], [0.5, -3, 12],
  ]

  /// The statistics of `samples` pooled with the prior (count 1e-4, mean 0, variance 1),
  /// computed directly rather than incrementally.
  static func pooled(_ samples: [[Float]], coordinate i: Int) -> (mean: Double, variance: Double) {
    let prior = 1e-4
    let xs = samples.map { Double($0[i]) }
    let n = prior + Double(xs.count)
    let mean = xs.reduce(0, +) / n
    let m2 = prior * (1 + mean * mean) + xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (mean, m2 / n)
  }

  @Test("NormalizeObservation statistics match a direct computation")
  func normalizeObservationStatistics() throws {
    var env = WrapperFixtures.Script(Self.scripted).normalizingObservations()
    #expect(env.observationSpace.low == [-.infinity, -.infinity, -.infinity])
    var (observation, _) = try env.reset()
    for k in 1...4 {
      if k > 1 { observation = env.step(0).observation }
      let seen = Array(Self.scripted[0..<k])
      #expect(close(env.statistics.count, 1e-4 + Double(k)))
      for i in 0..<3 {
        let (mean, variance) = Self.pooled(seen, coordinate: i)
        #expect(close(env.statistics.mean[i], mean))
        #expect(close(env.statistics.variance[i], variance))
        let expected = Float((Double(Self.scripted[k - 1][i]) - mean) / (variance + 1e-8).squareRoot())
        #expect(abs(observation[i] - expected) <= 1e-6 * max(1, abs(expected)))
      }
    }
  }

  @Test("NormalizeObservation with updating switched off keeps its statistics")
  func normalizeObservationFrozen() throws {
    var env = WrapperFixtures.Script(Self.scripted).normalizingObservations()
    _ = try env.reset()
    _ = env.step(0)
    env.updateRunningStatistics = false
    let frozen = env.statistics
    let s = env.step(0)
    #expect(env.statistics == frozen)
    let x = Double(Self.scripted[2][1])
    let expected = Float((x - frozen.mean[1]) / (frozen.variance[1] + 1e-8).squareRoot())
    #expect(s.observation[1] == expected)
  }

  @Test("NormalizeObservation works on SIMD observations")
  func normalizeObservationSIMD() throws {
    var env = Counter(terminateAt: 100).normalizingObservations()
    _ = try env.reset(seed: 3)
    _ = env.step(2)
    let s = env.step(2)  // raw observation (2, 5)
    let (mean, variance) = Self.pooled([[0, 3], [1, 4], [2, 5]], coordinate: 1)
    #expect(close(env.statistics.mean[1], mean) && close(env.statistics.variance[1], variance))
    #expect(abs(s.observation[1] - Float((5 - mean) / (variance + 1e-8).squareRoot())) < 1e-6)
  }

  @Test("RunningMeanStd: a batch update equals one-by-one updates")
  func runningMeanStdBatch() {
    var single = RunningMeanStd(dimension: 3)
    for x in Self.scripted { single.update(x) }
    var batched = RunningMeanStd(dimension: 3)
    let flat = Self.scripted.flatMap { $0 }
    flat.withUnsafeBufferPointer { batched.update(batch: $0, rows: Self.scripted.count) }
    #expect(close(single.count, batched.count))
    for i in 0..<3 {
      #expect(close(single.mean[i], batched.mean[i], relative: 1e-9))
      #expect(close(single.variance[i], batched.variance[i], relative: 1e-9))
    }
    var scalar = RunningMeanStd(dimension: 1)
    for x in [2.0, 4.0, 9.0] { scalar.update(x) }
    let (mean, variance) = Self.pooled([[2], [4], [9]], coordinate: 0)
    #expect(close(scalar.mean[0], mean) && close(scalar.variance[0], variance))
  }

  // MARK: NormalizeReward

  @Test("NormalizeReward follows a hand-computed sequence across an episode boundary")
  func normalizeReward() throws {
    // Rewards 1, 2, 3 (terminated at step 3), then 1, 2 after a reset. The accumulator uses
    // the current step's `terminated` and survives reset:
    //   G = 1, 0.99·1 + 2 = 2.99, 0·… + 3 = 3, 0.99·3 + 1 = 3.97, 0.99·3.97 + 2 = 5.9303.
    let returns = [1, 2.99, 3, 3.97, 5.9303]
    let rewards = [1.0, 2, 3, 1, 2]
    // r / sqrt(var(G) + 1e-8), variance pooled with the prior (count 1e-4, mean 0, var 1).
    let golden = [70.71421321062337, 2.009847769253531, 3.1895921278130093, 0.9253574707949364,
                  1.2493171542683263]
    var env = Counter(terminateAt: 3).normalizingRewards()
    _ = try env.reset()
    var got: [Double] = []
    for k in 0..<5 {
      if k == 3 { _ = try env.reset() }
      let s = env.step(1)
      #expect(s.terminated == (k == 2))
      #expect(close(env.discountedReturn, returns[k], relative: 1e-12))
      got.append(s.reward)
      let (_, variance) = Self.pooled(returns[0...k].map { [Float($0)] }, coordinate: 0)
      #expect(close(s.reward, rewards[k] / (variance + 1e-8).squareRoot(), relative: 1e-6))
    }
    for k in 0..<5 { #expect(close(got[k], golden[k], relative: 1e-12), "step \(k)") }
  }

  @Test("NormalizeReward with updating switched off divides by the frozen deviation")
  func normalizeRewardFrozen() throws {
    var env = Counter(terminateAt: 10).normalizingRewards(gamma: 0.5)
    _ = try env.reset()
    _ = env.step(1)
    _ = env.step(1)
    env.updateRunningStatistics = false
    let variance = env.statistics.variance[0]
    let s = env.step(1)
    #expect(env.statistics.variance[0] == variance)
    #expect(env.discountedReturn == (1 * 0.5 + 2) * 0.5 + 3)
    #expect(s.reward == 3 / (variance + 1e-8).squareRoot())
  }

  // MARK: Transform wrappers

  @Test("TransformObservation, TransformReward and TransformAction apply their functions")
  func transforms() throws {
    var obs = Counter().transformingObservations(in: Discrete(1000)) { Int($0[0]) * 10 + Int($0[1]) }
    #expect(obs.observationSpace == Discrete(1000))
    #expect(try obs.reset(seed: 3).observation == 3)
    #expect(obs.step(2).observation == 14)

    var rew = Counter().transformingRewards { $0 * -2 }
    _ = try rew.reset()
    #expect(rew.step(1).reward == -2)
    #expect(rew.step(1).reward == -4)

    var act = Counter().transformingActions(in: Discrete(2)) { $0 == 0 ? 0 : 2 }
    _ = try act.reset(seed: 0)
    #expect(act.step(0).observation == SIMD2(1, -1))
    #expect(act.step(1).observation == SIMD2(2, 0))
  }

  @Test("LinearScalarization returns weights · reward and records the vector")
  func linearScalarization() throws {
    var env = WrapperFixtures.TwoObjectives().scalarized(weights: [2, 0.5])
    _ = try env.reset()
    let s1 = env.step(0)
    #expect(s1.reward == 2 * 1 + 0.5 * -1)
    #expect(s1.info["vector_reward"] == [1.0, -1.0])
    #expect(s1.info["reward_weights"] == [2.0, 0.5])
    env.weights = [1, 1]
    #expect(env.step(0).reward == 1 - 2)
    let ones = Wrappers.LinearScalarization(WrapperFixtures.TwoObjectives())
    #expect(ones.weights == [1, 1])
  }

  // MARK: FlattenObservation

  @Test("FlattenObservation turns a Discrete observation into a one-hot vector")
  func flattenDiscrete() throws {
    var env = WrapperFixtures.Cycle().flatteningObservations()
    #expect(env.observationSpace.low == [0, 0, 0, 0])
    #expect(env.observationSpace.high == [1, 1, 1, 1])
    let first = try env.reset().observation
    #expect(first == [1, 0, 0, 0])
    let second = env.step(0).observation
    #expect(second == [0, 1, 0, 0])
    #expect(env.step(0).observation == [0, 0, 1, 0])
    #expect(env.step(0).observation == [0, 0, 0, 1])
    // Observations already handed out are not overwritten by later steps.
    #expect(first == [1, 0, 0, 0] && second == [0, 1, 0, 0])
  }

  @Test("FlattenObservation keeps Box bounds; flat bounds of composites and unknown spaces")
  func flattenBounds() throws {
    var env = Counter().flatteningObservations()
    #expect(env.observationSpace.low == [0, -100])
    #expect(env.observationSpace.high == [1000, 100])
    #expect(try env.reset(seed: 2).observation == [0, 2])
    #expect(env.step(0).observation == [1, 1])

    let tuple = TupleSpace([AnySpace(Discrete(2)), AnySpace(Box<[Float]>(low: [-1], high: [5]))])
    let b = Wrappers.flatBounds(of: tuple)
    #expect(b.low == [0, 0, -1] && b.high == [1, 1, 5])
    let unknown = Wrappers.flatBounds(of: WrapperFixtures.Opaque())
    #expect(unknown.low == [-.infinity, -.infinity] && unknown.high == [.infinity, .infinity])
  }

  // MARK: FrameStackObservation

  @Test("FrameStackObservation pads with the reset observation and rolls newest-last")
  func frameStackResetPadding() throws {
    var env = Counter(terminateAt: 100).stackingFrames(3)
    #expect(env.observationSpace.shape == [3, 2])
    #expect(env.observationSpace.low == [0, -100, 0, -100, 0, -100])
    let reset = try env.reset(seed: 7).observation
    #expect(reset == [0, 7, 0, 7, 0, 7])
    let s1 = env.step(2).observation
    #expect(s1 == [0, 7, 0, 7, 1, 8])
    #expect(env.step(0).observation == [0, 7, 1, 8, 2, 7])
    #expect(env.step(1).observation == [1, 8, 2, 7, 3, 7])
    #expect(reset == [0, 7, 0, 7, 0, 7] && s1 == [0, 7, 0, 7, 1, 8])
    // A new episode clears the old frames.
    #expect(try env.reset(seed: 1).observation == [0, 1, 0, 1, 0, 1])
  }

  @Test("FrameStackObservation with zero and custom padding")
  func frameStackZeroPadding() throws {
    var zero = Counter().stackingFrames(3, padding: .zero)
    #expect(try zero.reset(seed: 5).observation == [0, 0, 0, 0, 0, 5])
    #expect(zero.step(2).observation == [0, 0, 0, 5, 1, 6])

    var custom = Counter().stackingFrames(2, padding: .custom([-1, -1]))
    #expect(try custom.reset(seed: 5).observation == [-1, -1, 0, 5])

    var one = Counter().stackingFrames(1)
    #expect(try one.reset(seed: 5).observation == [0, 5])
    #expect(one.step(0).observation == [1, 4])
  }

  // MARK: Chaining and forwarding

  @Test("Chained wrappers compose, forward rendering and metadata, and unwrap")
  func chaining() throws {
    var env = Counter(terminateAt: 100).timeLimited(2).orderEnforced().recordingStatistics()
    #expect(env.wrapperDepth == 3)
    #expect(env.unwrapped is Counter)
    #expect(env.metadata.renderFPS == 7)
    _ = try env.reset(seed: 0)
    _ = env.step(1)
    let s = env.step(1)
    #expect(s.truncated && !s.terminated)
    #expect(s.info["episode"]?["l"] == .int(2))
    #expect(s.info["episode"]?["r"] == .double(3))
    #expect(env.renderText() == "count=2")
    #expect(env.base.base.elapsedSteps == 2)
    #expect(env.base.hasReset)
  }
}
