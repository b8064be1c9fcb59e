import GymCore
import RealModule

/// The outcome of an experiment: the regret curve's mean and standard error over runs, and
/// every run's final regret, BanditBench failure statistics and (for best-arm identification)
/// recommendation.
public struct ExperimentResult: Sendable {
  /// The algorithm's name.
  public var algorithm: String
  /// The environment's name.
  public var environment: String
  /// Independent runs.
  public var runs: Int
  /// Pulls per run.
  public var horizon: Int
  /// Arms.
  public var armCount: Int
  /// The pulls t at which the curve is sampled (increasing, ending at the horizon).
  public var checkpoints: [Int]
  /// Mean cumulative regret after t pulls, one value per checkpoint.
  public var meanRegret: [Double]
  /// Standard error of that mean (sample standard deviation / √runs).
  public var standardError: [Double]
  /// Each run's cumulative regret at the horizon.
  public var finalRegret: [Double]
  /// Each run's stationary optimal arm, or −1 when the optimal arm changes over time.
  public var optimalArms: [Int]
  /// Each run's last round (1-based) in which it pulled the optimal arm; 0 if never.
  public var lastOptimalPull: [Int]
  /// Each run's MinFrac: K × the smallest fraction of rounds any arm was pulled.
  public var minFraction: [Double]
  /// Each run's recommendation, for best-arm identification algorithms.
  public var recommendations: [Int]?
  /// Wall seconds for all runs.
  public var seconds: Double

  /// A result.
  public init(
    algorithm: String, environment: String, runs: Int, horizon: Int, armCount: Int, checkpoints: [Int],
    meanRegret: [Double], standardError: [Double], finalRegret: [Double], optimalArms: [Int], lastOptimalPull: [Int],
    minFraction: [Double], recommendations: [Int]?, seconds: Double
  ) {
    self.algorithm = algorithm
    self.environment = environment
    self.runs = runs
    self.horizon = horizon
    self.armCount = armCount
    self.checkpoints = checkpoints
    self.meanRegret = meanRegret
    self.standardError = standardError
    self.finalRegret = finalRegret
    self.optimalArms = optimalArms
    self.lastOptimalPull = lastOptimalPull
    self.minFraction = minFraction
    self.recommendations = recommendations
    self.seconds = seconds
  }

  /// Mean cumulative regret at the horizon.
  public var meanFinalRegret: Double { meanRegret.last ?? .nan }
  /// Its standard error.
  public var finalStandardError: Double { standardError.last ?? .nan }
  /// Pulls in all runs.
  public var decisions: Int { runs * horizon }

  /// Mean and standard error of the cumulative regret after `t` pulls, when t is a checkpoint.
  public func regret(at t: Int) -> (mean: Double, standardError: Double)? {
    guard let k = checkpoints.firstIndex(of: t) else { return nil }
    return (meanRegret[k], standardError[k])
  }

  /// BanditBench's suffix failure frequency SuffFail(t) (Krishnamurthy et al. 2024): the
  /// fraction of runs that never pulled the optimal arm in rounds t…T; `nil` when the
  /// environment has no fixed optimal arm.
  public func suffixFailureFrequency(from t: Int) -> Double? {
    guard !optimalArms.contains(-1) else { return nil }
    return Double(lastOptimalPull.filter { $0 < t }.count) / Double(runs)
  }

  /// The mean over runs of BanditBench's MinFrac (1: perfectly uniform pulls; near 0: some arm
  /// was almost never tried).
  public var meanMinFraction: Double { minFraction.reduce(0, +) / Double(runs) }

  /// The fraction of runs whose recommendation is not the optimal arm (best-arm
  /// identification), or `nil` for regret-minimising algorithms.
  public var errorRate: Double? {
    guard let recommendations, !optimalArms.contains(-1) else { return nil }
    return Double(zip(recommendations, optimalArms).filter { $0 != $1 }.count) / Double(runs)
  }

  /// The standard error of `errorRate`, √(p(1 − p)/runs).
  public var errorRateStandardError: Double? {
    errorRate.map { ($0 * (1 - $0) / Double(runs)).squareRoot() }
  }

  /// The exponent α of a power law R(t) ≈ c·tᵅ fitted by least squares on log–log axes to the
  /// mean regret at about 40 logarithmically spaced checkpoints from `t` to the horizon
  /// (α < 1: sub-linear growth). `nil` when fewer than 3 usable points exist.
  public func fittedExponent(from t: Int) -> Double? {
    let start = max(1, t), end = horizon
    guard end > start else { return nil }
    var picked = Set<Int>()
    for j in 0..<40 {
      let target = Double(start) * Double.pow(Double(end) / Double(start), Double(j) / 39)
      if let k = checkpoints.indices.min(by: { abs(Double(checkpoints[$0]) - target) < abs(Double(checkpoints[$1]) - target) }),
        checkpoints[k] >= start, meanRegret[k] > 0
      {
        picked.insert(k)
      }
    }
    guard picked.count >= 3 else { return nil }
    let xs = picked.map { Double.log(Double(checkpoints[$0])) }, ys = picked.map { Double.log(meanRegret[$0]) }
    let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
    var sxy = 0.0, sxx = 0.0
    for (x, y) in zip(xs, ys) {
      sxy += (x - mx) * (y - my)
      sxx += (x - mx) * (x - mx)
    }
    return sxx > 0 ? sxy / sxx : nil
  }

  /// The figures as JSON: regret at the horizon, BanditBench metrics, error rate, the regret
  /// exponent fitted from horizon/100 to the horizon, seconds.
  public var summaryJSON: JSONValue {
    var o: [String: JSONValue] = [
      "algorithm": .string(algorithm), "runs": .int(runs), "horizon": .int(horizon),
      "mean_regret": .double(meanFinalRegret), "standard_error": .double(finalStandardError),
      "min_frac": .double(meanMinFraction), "seconds": .double(seconds),
    ]
    o["suffix_failure_half"] = suffixFailureFrequency(from: horizon / 2).map { .double($0) } ?? .null
    o["error_rate"] = errorRate.map { .double($0) } ?? .null
    o["error_rate_standard_error"] = errorRateStandardError.map { .double($0) } ?? .null
    o["regret_exponent"] = fittedExponent(from: max(1, horizon / 100)).map { .double($0) } ?? .null
    return .object(o)
  }
}
