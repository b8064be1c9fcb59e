import GymCore

/// One throughput measurement.
public struct ThroughputResult: Sendable {
  /// What was timed, e.g. `ucb1` or `linucb`.
  public var algorithm: String
  /// `online` (choose, observe, update: one decision) or `predict` (choose only, frozen model).
  public var mode: String
  /// Arms K.
  public var arms: Int
  /// Context dimension d (0 without context).
  public var dimension: Int
  /// Decisions timed.
  public var decisions: Int
  /// Wall seconds.
  public var seconds: Double
  /// Process CPU seconds.
  public var cpuSeconds: Double

  /// Decisions per wall second.
  public var decisionsPerSecond: Double { Double(decisions) / seconds }
  /// Decisions per CPU second of the process (steadier than wall time on a loaded machine).
  public var decisionsPerCPUSecond: Double { Double(decisions) / cpuSeconds }

  /// The measurement as JSON.
  public var json: JSONValue {
    [
      "algorithm": .string(algorithm), "mode": .string(mode), "arms": .int(arms), "dimension": .int(dimension),
      "decisions": .int(decisions), "seconds": .double(seconds), "cpu_seconds": .double(cpuSeconds),
      "decisions_per_second": .double(decisionsPerSecond), "decisions_per_cpu_second": .double(decisionsPerCPUSecond),
    ]
  }
}

/// Decisions per second of the bandit algorithms on one thread, measured the way MABWiser is
/// used online: choose an arm, observe its reward, update — the loop `docs/benchmarks/bandits.md`
/// compares against MABWiser's `predict` + `partial_fit`.
///
/// Rewards come from a fixed synthetic problem drawn from the seed: Bernoulli arms with means
/// (i + 1)/(K + 1) for UCB1; for LinUCB, a disjoint linear model with θₐ ~ N(0, I/d), contexts
/// N(0, I) cycled from a pool of 4,096, and reward noise N(0, 0.1²). A warm-up of a tenth of the
/// decisions runs first and is not timed.
public enum BanditThroughput {
  /// UCB1 online decisions.
  public static func ucb1(arms: Int = 10, decisions: Int, seed: UInt64 = 0) -> ThroughputResult {
    precondition(arms > 0 && decisions > 0, "need arms and decisions")
    var rng = GymRandom(seed: seed)
    let means = (0..<arms).map { Double($0 + 1) / Double(arms + 1) }
    var policy = UCB1(armCount: arms)
    var checksum = 0
    func loop(_ n: Int) {
      for _ in 0..<n {
        let a = policy.act(0)
        policy.update(arm: a, reward: rng.nextDouble() < means[a] ? 1 : 0)
        checksum &+= a
      }
    }
    loop(max(decisions / 10, 1))
    let t0 = Stopwatch.now(), c0 = Stopwatch.processCPU()
    loop(decisions)
    let t1 = Stopwatch.now(), c1 = Stopwatch.processCPU()
    precondition(checksum >= 0)
    return ThroughputResult(algorithm: "ucb1", mode: "online", arms: arms, dimension: 0, decisions: decisions, seconds: t1 - t0, cpuSeconds: c1 - c0)
  }

  /// LinUCB (disjoint, α = 1, λ = 1) online decisions, or predictions only with `learn: false`
  /// (after an untimed learning warm-up).
  public static func linUCB(arms: Int = 10, dimension: Int = 10, decisions: Int, learn: Bool = true, seed: UInt64 = 0) -> ThroughputResult {
    precondition(arms > 0 && dimension > 0 && decisions > 0, "need arms, features and decisions")
    var rng = GymRandom(seed: seed)
    let d = dimension, pool = 4_096
    let theta = (0..<(arms * d)).map { _ in rng.normal() / Double(d).squareRoot() }
    var contexts = [[Float]](), expected = [[Double]]()
    for _ in 0..<pool {
      let x = (0..<d).map { _ in Float(rng.normal()) }
      contexts.append(Array((0..<arms).map { _ in x }.joined()))
      expected.append((0..<arms).map { a in (0..<d).reduce(0.0) { $0 + theta[a * d + $1] * Double(x[$1]) } })
    }
    var policy = LinUCB(armCount: arms, dimension: d, model: .disjoint)
    var checksum = 0, i = 0
    func loop(_ n: Int, learning: Bool) {
      for _ in 0..<n {
        let a = policy.act(contexts[i])
        if learning { policy.update(arm: a, reward: expected[i][a] + 0.1 * rng.normal()) }
        checksum &+= a
        i = (i + 1) & (pool - 1)
      }
    }
    loop(max(decisions / 10, 1), learning: true)
    let t0 = Stopwatch.now(), c0 = Stopwatch.processCPU()
    loop(decisions, learning: learn)
    let t1 = Stopwatch.now(), c1 = Stopwatch.processCPU()
    precondition(checksum >= 0)
    return ThroughputResult(
      algorithm: "linucb", mode: learn ? "online" : "predict", arms: arms, dimension: d, decisions: decisions,
      seconds: t1 - t0, cpuSeconds: c1 - c0)
  }
}
