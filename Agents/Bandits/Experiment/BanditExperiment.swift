import Dispatch
import GymBandits
import GymCore
import RealModule
import Synchronization

/// How many independent runs an experiment makes, and how.
public struct ExperimentConfiguration: Sendable, Hashable {
  /// Independent runs (replicates).
  public var runs: Int
  /// The root seed; run r uses `GymRandom(seed: seed).derive(r)`.
  public var seed: UInt64
  /// Worker threads.
  public var threads: Int
  /// Points of the evenly spaced part of the regret-curve grid (see `curveGrid`).
  public var curvePoints: Int

  /// A configuration.
  public init(runs: Int = 200, seed: UInt64 = 0, threads: Int = 2, curvePoints: Int = 500) {
    self.runs = runs
    self.seed = seed
    self.threads = threads
    self.curvePoints = curvePoints
  }
}

/// Runs a bandit algorithm many times on independent copies of an environment.
///
/// Run r draws its two streams from `GymRandom(seed: seed).derive(r)`: sub-stream 0 seeds the
/// environment's reset, sub-stream 1 the policy. A run's numbers therefore depend only on
/// (seed, r) — not on the thread count or on which thread ran it — and two algorithms run with
/// the same seed face the same reward streams in every run. Runs are spread over threads
/// round-robin; each writes only its own result slots.
public enum BanditExperiment {
  /// Runs `configuration.runs` episodes of `prototype`'s horizon.
  /// - Parameters:
  ///   - algorithm: the algorithm's name, for the result.
  ///   - environment: the environment's name, for the result.
  ///   - prototype: the environment, copied and reset for every run.
  ///   - makePolicy: builds run r's policy from the reset environment and the policy seed.
  /// - Throws: whatever the environment's `reset` throws.
  /// - Complexity: O(runs · horizon) pulls; no allocation per pull for context-free problems.
  public static func run<E: BanditEnvironment & Sendable, P: BanditPolicy & Sendable>(
    algorithm: String, environment: String, prototype: E, configuration: ExperimentConfiguration,
    policy makePolicy: @escaping @Sendable (_ env: E, _ seed: UInt64) -> P
  ) throws -> ExperimentResult where P.Observation == E.Observation {
    let runs = configuration.runs, horizon = prototype.horizon, arms = prototype.armCount
    precondition(runs > 0, "an experiment needs at least one run")
    let grid = curveGrid(horizon: horizon, points: configuration.curvePoints)
    let storage = RunStorage(runs: runs, points: grid.count)
    defer { storage.deallocate() }
    let failure = Mutex<(any Error)?>(nil)
    let threads = max(1, min(configuration.threads, runs))
    let root = GymRandom(seed: configuration.seed)
    let start = Stopwatch.now()
    DispatchQueue.concurrentPerform(iterations: threads) { worker in
      var counts = [Int](repeating: 0, count: arms)
      for run in stride(from: worker, to: runs, by: threads) {
        if failure.withLock({ $0 != nil }) { return }
        let streams = root.derive(UInt64(run))
        var env = prototype
        do { _ = try env.reset(seed: streams.derive(0).seed, options: [:]) } catch {
          failure.withLock { $0 = $0 ?? error }
          return
        }
        var policy = makePolicy(env, streams.derive(1).seed)
        let optimal = env.stationaryOptimalArm ?? -1
        for i in counts.indices { counts[i] = 0 }
        var regret = 0.0, lastOptimal = 0, k = 0, next = grid[0]
        let curve = storage.curves.baseAddress! + run * grid.count
        for t in 1...horizon {
          let arm = policy.act(env.currentObservation)
          let feedback = env.pull(arm)
          policy.update(arm: arm, reward: feedback.reward)
          regret += feedback.regret
          counts[arm] += 1
          if arm == optimal { lastOptimal = t }
          if t == next {
            curve[k] = regret
            k += 1
            next = k < grid.count ? grid[k] : Int.max
          }
        }
        storage.final[run] = regret
        storage.lastOptimal[run] = lastOptimal
        storage.minFraction[run] = Double(arms) * Double(counts.min()!) / Double(horizon)
        storage.recommendation[run] = (policy as? any BestArmIdentifier)?.recommendation ?? -1
        storage.optimal[run] = optimal
      }
    }
    if let error = failure.withLock({ $0 }) { throw error }
    let seconds = Stopwatch.now() - start
    var mean = [Double](repeating: 0, count: grid.count), se = mean
    for k in grid.indices {
      var s = 0.0
      for r in 0..<runs { s += storage.curves[r * grid.count + k] }
      let m = s / Double(runs)
      var ss = 0.0
      for r in 0..<runs {
        let d = storage.curves[r * grid.count + k] - m
        ss += d * d
      }
      mean[k] = m
      se[k] = runs > 1 ? (ss / Double(runs - 1)).squareRoot() / Double(runs).squareRoot() : 0
    }
    let recommendations = Array(storage.recommendation)
    return ExperimentResult(
      algorithm: algorithm, environment: environment, runs: runs, horizon: horizon, armCount: arms,
      checkpoints: grid, meanRegret: mean, standardError: se, finalRegret: Array(storage.final),
      optimalArms: Array(storage.optimal), lastOptimalPull: Array(storage.lastOptimal),
      minFraction: Array(storage.minFraction),
      recommendations: recommendations.contains(-1) ? nil : recommendations, seconds: seconds)
  }

  /// The pulls t at which the regret curve is sampled: every t when the horizon is at most
  /// `points`; otherwise `points` evenly spaced values, 100 logarithmically spaced ones (for
  /// exponent fits) and the research note's reference times 123, 1,519 and 5,336, all ≤ the
  /// horizon and always including it.
  public static func curveGrid(horizon: Int, points: Int) -> [Int] {
    precondition(horizon > 0 && points > 0, "the horizon and the number of points must be positive")
    if horizon <= points { return Array(1...horizon) }
    var set = Set<Int>([horizon])
    for i in 1...points { set.insert(max(1, Int((Double(i) * Double(horizon) / Double(points)).rounded()))) }
    for i in 0..<100 { set.insert(max(1, min(horizon, Int(Double.exp(Double(i) / 99 * Double.log(Double(horizon))).rounded())))) }
    for t in [123, 1_519, 5_336] where t <= horizon { set.insert(t) }
    return set.sorted()
  }
}

/// Result slots written by the worker threads: each run writes only index `run` (and its own
/// row of `curves`), so no two threads touch the same element.
final class RunStorage: @unchecked Sendable {
  let curves: UnsafeMutableBufferPointer<Double>
  let final: UnsafeMutableBufferPointer<Double>
  let lastOptimal: UnsafeMutableBufferPointer<Int>
  let minFraction: UnsafeMutableBufferPointer<Double>
  let recommendation: UnsafeMutableBufferPointer<Int>
  let optimal: UnsafeMutableBufferPointer<Int>

  init(runs: Int, points: Int) {
    curves = .allocate(capacity: runs * points)
    curves.initialize(repeating: 0)
    final = .allocate(capacity: runs)
    final.initialize(repeating: 0)
    lastOptimal = .allocate(capacity: runs)
    lastOptimal.initialize(repeating: 0)
    minFraction = .allocate(capacity: runs)
    minFraction.initialize(repeating: 0)
    recommendation = .allocate(capacity: runs)
    recommendation.initialize(repeating: -1)
    optimal = .allocate(capacity: runs)
    optimal.initialize(repeating: -1)
  }

  func deallocate() {
    curves.deallocate()
    final.deallocate()
    lastOptimal.deallocate()
    minFraction.deallocate()
    recommendation.deallocate()
    optimal.deallocate()
  }
}
