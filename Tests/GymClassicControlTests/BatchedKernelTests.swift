import GymClassicControl
import GymCore
import Testing

/// The batched kernels against the single environments: lane `i` of a
/// `BatchedVectorEnvironment` reset with seed `s` must produce what sub-environment `i` of a
/// `VectorEnvironment` of single environments (each under a `TimeLimit`) produces for the same
/// actions — the same flags and autoresets, and observations and rewards bit for bit (CartPole,
/// MountainCar) or, for the kernels with `LaneTrig`'s sine and cosine (Pendulum, Acrobot), within
/// `faithful`'s tolerance — at any thread count.
@Suite struct BatchedKernelTests {
  /// Lanes in the comparisons: not a multiple of 8 or 64, so the last chunk is partial and
  /// two threads get unequal shards.
  static let lanes = 131

  /// The tolerance of the kernels that are faithful, not bit-exact: observations within 1e-5
  /// relative (denominator max(|single|, 1e-3), as `gym replay` measures), rewards within 1e-9
  /// relative (denominator max(|single|, 1)); flags, autoresets and episode counts exact.
  static let faithful: Float = 1e-5

  /// Whether `ours` is within `tolerance` of `reference` (relative, with `floor` for values
  /// near zero), element by element; the worst lane in `worst`.
  static func close<T: BinaryFloatingPoint>(_ ours: some Collection<T>, _ reference: some Collection<T>, tolerance: T, floor: T, worst: inout Double) -> Bool {
    guard ours.count == reference.count else { return false }
    for (a, b) in zip(ours, reference) {
      let error = Double((a - b).magnitude / Swift.max(b.magnitude, floor))
      worst = Swift.max(worst, error)
      if !(error <= Double(tolerance)) { return false }
    }
    return true
  }

  /// Steps both vectors `steps` times with the same random actions and compares every output
  /// after every step.
  func compare<Single: Environment, Kernel: BatchedKernel>(
    _ name: String, kernel: () throws -> Kernel, single: @escaping () throws -> Single,
    maxEpisodeSteps: Int, steps: Int, mode: AutoresetMode, threads: Int, seed: UInt64 = 7, tolerance: Float? = nil, differs: Bool = true,
    action: @escaping (inout GymRandom) -> Single.Action
  ) throws where Kernel.ActionSpace.Element == Single.Action, Single.Reward == Double {
    let n = Self.lanes
    let batched = BatchedVectorEnvironment(
      kernel: try kernel(), count: n, threads: threads, maxEpisodeSteps: maxEpisodeSteps, autoresetMode: mode)
    let reference = try VectorEnvironment(count: n, autoresetMode: mode) { _ in
      Wrappers.TimeLimit(try single(), maxEpisodeSteps: maxEpisodeSteps)
    }
    try batched.reset(seed: seed)
    try reference.reset(seed: seed)
    #expect(Array(batched.observations) == Array(reference.observations), "\(name): reset observations")
    var rng = GymRandom(seed: 99)
    var episodes = 0, resets = 0
    var worstObservation = 0.0, worstReward = 0.0
    /// Observations equal, or within the tolerance when one is given.
    func same(_ ours: some Collection<Float>, _ reference: some Collection<Float>) -> Bool {
      guard let tolerance else { return Array(ours) == Array(reference) }
      return Self.close(ours, reference, tolerance: tolerance, floor: 1e-3, worst: &worstObservation)
    }
    func sameRewards(_ ours: some Collection<Double>, _ reference: some Collection<Double>) -> Bool {
      guard tolerance != nil else { return Array(ours) == Array(reference) }
      return Self.close(ours, reference, tolerance: 1e-9, floor: 1, worst: &worstReward)
    }
    for t in 0..<steps {
      let actions = (0..<n).map { _ in action(&rng) }
      batched.step(actions.map(Kernel.laneAction))
      reference.step(actions)
      let context = "\(name), \(mode), \(threads) thread(s), step \(t)"
      try #require(same(batched.observations, reference.observations), "\(context): observations (worst \(worstObservation))")
      try #require(sameRewards(batched.rewards, reference.rewards), "\(context): rewards (worst \(worstReward))")
      try #require(Array(batched.terminations) == Array(reference.terminations), "\(context): terminations")
      try #require(Array(batched.truncations) == Array(reference.truncations), "\(context): truncations")
      switch mode {
      case .nextStep:
        try #require(Array(batched.wasReset) == Array(reference.wasReset), "\(context): wasReset")
        resets += batched.wasReset.filter { $0 }.count
      case .sameStep:
        try #require(Array(batched.hasFinalObservation) == Array(reference.hasFinalObservation), "\(context): final flags")
        let d = batched.observationDimension
        for i in 0..<n where batched.hasFinalObservation[i] {
          try #require(
            same(batched.finalObservations[i * d..<(i + 1) * d], reference.finalObservations[i * d..<(i + 1) * d]),
            "\(context): final observation of lane \(i)")
          resets += 1
        }
      case .disabled:
        break
      }
      episodes += zip(batched.terminations, batched.truncations).filter { $0 || $1 }.count
    }
    #expect(batched.finishedEpisodes == episodes, "\(name): episode counter")
    // The comparison is only meaningful if lanes ended and were reset along the way.
    #expect(resets > 0, "\(name): no lane was reset in \(steps) steps")
    if tolerance != nil && differs {
      // Faithful kernels are not bit-exact: the comparison above was a real one. (Acrobot's
      // float32 observations and ±1 rewards usually hide its double-precision differences.)
      #expect(worstObservation > 0 || worstReward > 0, "\(name): outputs identical; the test no longer exercises the tolerance")
    }
  }

  static let modes: [AutoresetMode] = [.nextStep, .sameStep]

  @Test(arguments: modes, [1, 2])
  func cartPole(mode: AutoresetMode, threads: Int) throws {
    try compare(
      "CartPole", kernel: { CartPoleBatch(count: Self.lanes) }, single: { CartPole() },
      maxEpisodeSteps: 500, steps: 150, mode: mode, threads: threads) { $0.int(below: 2) }
  }

  @Test func cartPoleSuttonBartoAndTruncation() throws {
    try compare(
      "CartPole (Sutton-Barto)", kernel: { CartPoleBatch(count: Self.lanes, suttonBartoReward: true) },
      single: { CartPole(suttonBartoReward: true) }, maxEpisodeSteps: 15, steps: 80, mode: .nextStep, threads: 2
    ) { $0.int(below: 2) }
  }

  @Test(arguments: modes, [1, 2])
  func mountainCar(mode: AutoresetMode, threads: Int) throws {
    // Random policies never reach the goal in a few steps: the time limit ends the episodes.
    try compare(
      "MountainCar", kernel: { MountainCarBatch(count: Self.lanes) }, single: { MountainCar() },
      maxEpisodeSteps: 40, steps: 130, mode: mode, threads: threads) { $0.int(below: 3) }
  }

  @Test func mountainCarReachesGoal() throws {
    // Push in the direction of motion: lanes reach the goal and terminate.
    let n = Self.lanes
    let batched = BatchedVectorEnvironment(kernel: MountainCarBatch(count: n), count: n, threads: 2, maxEpisodeSteps: 200)
    let reference = VectorEnvironment(count: n) { _ in Wrappers.TimeLimit(MountainCar(), maxEpisodeSteps: 200) }
    try batched.reset(seed: 3)
    try reference.reset(seed: 3)
    var terminated = 0
    for _ in 0..<400 {
      let actions = (0..<n).map { reference.observations[2 * $0 + 1] >= 0 ? 2 : 0 }
      batched.step(actions.map(MountainCarBatch.laneAction))
      reference.step(actions)
      try #require(Array(batched.observations) == Array(reference.observations))
      try #require(Array(batched.rewards) == Array(reference.rewards))
      try #require(Array(batched.terminations) == Array(reference.terminations))
      try #require(Array(batched.truncations) == Array(reference.truncations))
      terminated += batched.terminations.filter { $0 }.count
    }
    #expect(terminated > n)
  }

  @Test(arguments: modes, [1, 2])
  func mountainCarContinuous(mode: AutoresetMode, threads: Int) throws {
    // Actions outside [-1, 1] check the clipping.
    try compare(
      "MountainCarContinuous", kernel: { MountainCarContinuousBatch(count: Self.lanes) },
      single: { MountainCarContinuous() }, maxEpisodeSteps: 40, steps: 130, mode: mode, threads: threads
    ) { [Float($0.uniform(-1.5, 1.5))] }
  }

  @Test func mountainCarContinuousGoalVelocity() throws {
    try compare(
      "MountainCarContinuous (goal_velocity)", kernel: { MountainCarContinuousBatch(count: Self.lanes, goalVelocity: 0.01) },
      single: { MountainCarContinuous(goalVelocity: 0.01) }, maxEpisodeSteps: 60, steps: 130, mode: .nextStep, threads: 2
    ) { [Float($0.uniform(-1.5, 1.5))] }
  }

  @Test(arguments: modes, [1, 2])
  func acrobot(mode: AutoresetMode, threads: Int) throws {
    try compare(
      "Acrobot", kernel: { AcrobotBatch(count: Self.lanes) }, single: { Acrobot() },
      maxEpisodeSteps: 30, steps: 70, mode: mode, threads: threads, tolerance: Self.faithful, differs: false) { $0.int(below: 3) }
  }

  @Test func acrobotNipsWithTorqueNoise() throws {
    try compare(
      "Acrobot (nips, noise)", kernel: { AcrobotBatch(count: Self.lanes, dynamics: .nips, torqueNoiseMax: 0.3) },
      single: { Acrobot(dynamics: .nips, torqueNoiseMax: 0.3) }, maxEpisodeSteps: 30, steps: 70, mode: .nextStep,
      threads: 2, tolerance: Self.faithful, differs: false) { $0.int(below: 3) }
  }

  @Test(arguments: modes, [1, 2])
  func pendulum(mode: AutoresetMode, threads: Int) throws {
    // Actions outside [-2, 2] check the clipping.
    try compare(
      "Pendulum", kernel: { PendulumBatch(count: Self.lanes) }, single: { Pendulum() },
      maxEpisodeSteps: 40, steps: 130, mode: mode, threads: threads, tolerance: Self.faithful
    ) { [Float($0.uniform(-3, 3))] }
  }

  @Test func pendulumGravity() throws {
    try compare(
      "Pendulum (g = 3.7)", kernel: { PendulumBatch(count: Self.lanes, gravity: 3.7) }, single: { Pendulum(gravity: 3.7) },
      maxEpisodeSteps: 40, steps: 90, mode: .nextStep, threads: 2, tolerance: Self.faithful) { [Float($0.uniform(-3, 3))] }
  }

  /// The example of `docs/classic-control.md`: a lean-following policy on 4096 lanes.
  @Test func docsExample() throws {
    let n = 4096
    let batch = BatchedVectorEnvironment(
      kernel: CartPoleBatch(count: n), count: n, threads: 2, maxEpisodeSteps: 500)
    try batch.reset(seed: 0)
    var actions = [Int32](repeating: 0, count: n)
    for _ in 0..<100 {
      for i in 0..<n { actions[i] = batch.observations[4 * i + 2] > 0 ? 1 : 0 }
      batch.step(actions)
    }
    // Pushing toward the lean doubles the episodes' length over random pushes (about 22
    // steps, so about 18,600 episodes in 409,600 steps).
    #expect(batch.finishedEpisodes > n && batch.finishedEpisodes < 10_000)
    #expect(batch.observations.count == 4 * n)
  }

  /// Autoreset disabled: ended lanes wait for `reset(mask:)`, as in `VectorEnvironment`.
  @Test func disabledAutoresetWithResetMask() throws {
    let n = Self.lanes
    let batched = BatchedVectorEnvironment(kernel: CartPoleBatch(count: n), count: n, threads: 2, maxEpisodeSteps: 500, autoresetMode: .disabled)
    let reference = VectorEnvironment(count: n, autoresetMode: .disabled) { _ in Wrappers.TimeLimit(CartPole(), maxEpisodeSteps: 500) }
    try batched.reset(seed: 21)
    try reference.reset(seed: 21)
    var rng = GymRandom(seed: 8)
    var masked = 0
    for step in 0..<200 {
      let actions = (0..<n).map { _ in rng.int(below: 2) }
      batched.step(actions.map(CartPoleBatch.laneAction))
      reference.step(actions)
      try #require(Array(batched.observations) == Array(reference.observations), "step \(step)")
      try #require(Array(batched.rewards) == Array(reference.rewards))
      try #require(Array(batched.terminations) == Array(reference.terminations))
      let ended = (0..<n).map { batched.terminations[$0] || batched.truncations[$0] }
      if ended.contains(true) {
        // Every other time with a fresh seed, else continuing the lanes' streams.
        let seed: UInt64? = masked % 2 == 0 ? nil : UInt64(1000 + step)
        try batched.reset(mask: ended, seed: seed)
        try reference.reset(mask: ended, seed: seed)
        try #require(Array(batched.observations) == Array(reference.observations), "reset at step \(step)")
        masked += 1
      }
    }
    #expect(masked > 10)
  }

  /// Long runs far from the scalar reference: one thread and two threads agree on everything.
  @Test func sameResultsAtAnyThreadCount() throws {
    func run(threads: Int) throws -> (obs: [Float], rewards: Double, episodes: Int) {
      let n = 1000
      let v = BatchedVectorEnvironment(kernel: CartPoleBatch(count: n), count: n, threads: threads, maxEpisodeSteps: 500)
      try v.reset(seed: 123)
      var rng = GymRandom(seed: 5)
      var actions = [Int32](repeating: 0, count: n)
      var total = 0.0
      for _ in 0..<300 {
        for i in 0..<n { actions[i] = Int32(rng.int(below: 2)) }
        v.step(actions)
        total += v.rewards.reduce(0, +)
      }
      return (Array(v.observations), total, v.finishedEpisodes)
    }
    let one = try run(threads: 1), two = try run(threads: 2), three = try run(threads: 3)
    #expect(one.obs == two.obs && one.rewards == two.rewards && one.episodes == two.episodes)
    #expect(one.obs == three.obs && one.rewards == three.rewards && one.episodes == three.episodes)
    #expect(one.episodes > 1000)
  }

  /// The faithful kernels too are deterministic: the same seed gives the same bits at 1 and 2
  /// threads (each lane's arithmetic does not depend on its chunk or thread).
  @Test func faithfulKernelsSameResultsAtAnyThreadCount() throws {
    func run<K: BatchedKernel>(_ kernel: () -> K, threads: Int, action: (inout GymRandom) -> K.Action) throws -> ([Float], [Double], Int) {
      let n = 203
      let v = BatchedVectorEnvironment(kernel: kernel(), count: n, threads: threads, maxEpisodeSteps: 60)
      try v.reset(seed: 77)
      var rng = GymRandom(seed: 3)
      var rewards: [Double] = []
      for _ in 0..<150 {
        v.step((0..<n).map { _ in action(&rng) })
        rewards.append(v.rewards.reduce(0, +))
      }
      return (Array(v.observations), rewards, v.finishedEpisodes)
    }
    let pendulum = { (rng: inout GymRandom) in Float(rng.uniform(-2, 2)) }
    let p1 = try run({ PendulumBatch(count: 203) }, threads: 1, action: pendulum)
    let p2 = try run({ PendulumBatch(count: 203) }, threads: 2, action: pendulum)
    #expect(p1.0 == p2.0 && p1.1 == p2.1 && p1.2 == p2.2 && p1.2 > 203)
    let acrobot = { (rng: inout GymRandom) in Int32(rng.int(below: 3)) }
    let a1 = try run({ AcrobotBatch(count: 203, torqueNoiseMax: 0.1) }, threads: 1, action: acrobot)
    let a2 = try run({ AcrobotBatch(count: 203, torqueNoiseMax: 0.1) }, threads: 2, action: acrobot)
    #expect(a1.0 == a2.0 && a1.1 == a2.1 && a1.2 == a2.2 && a1.2 > 203)
  }

  @Test func resetOptionsAreValidatedAndKept() throws {
    let n = 16
    let v = BatchedVectorEnvironment(kernel: CartPoleBatch(count: n), count: n, maxEpisodeSteps: 500)
    #expect(throws: OptionError.self) { try v.reset(seed: 1, options: ["lo": .double(0)]) }
    try v.reset(seed: 1, options: ["low": .double(-0.01), "high": .double(0.01)])
    #expect(v.observations.allSatisfy { abs($0) <= 0.01 })
    var single = CartPole()
    let (obs, _) = try single.reset(seed: 1, options: ["low": .double(-0.01), "high": .double(0.01)])
    #expect(v.observation(0) == [obs[0], obs[1], obs[2], obs[3]])
  }

  @Test func registryAttachesBatchedBenchmarks() throws {
    let registry = Registry()
    ClassicControl.register(in: registry)
    for id in ["CartPole-v1", "CartPole-v0", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1", "Pendulum-v1"] {
      let spec = try registry.spec(id)
      let run = try #require(spec.batchedBenchmark, "\(id) has no batched benchmark")
      let result = try run(BenchmarkConfiguration(steps: 2000, numEnvs: 100, threads: 2, seed: 0, options: [:], maxEpisodeSteps: spec.maxEpisodeSteps))
      #expect(result.path == "batched" && result.numEnvs == 100 && result.steps >= 2000)
    }
  }
}
