import GymCore

/// Running observation normalisation, as Stable-Baselines3's `VecNormalize`: statistics shared
/// by all sub-environments, `(x − mean) / sqrt(var + ε)` clipped to `± clip`.
public struct ObservationNormalizer: Sendable, Hashable {
  /// The running mean and variance of raw observations.
  public var statistics: RunningMeanStd
  /// Normalised values are clipped to `[−clip, clip]`.
  public var clip: Double
  /// Added to the variance.
  public var epsilon: Double

  /// Fresh statistics for `dimension` coordinates.
  public init(dimension: Int, clip: Double = 10, epsilon: Double = 1e-8) {
    statistics = RunningMeanStd(dimension: dimension)
    self.clip = clip
    self.epsilon = epsilon
  }

  /// Merges a batch of raw observations, `rows × dimension`.
  public mutating func update(_ batch: UnsafePointer<Float>, rows: Int) {
    statistics.update(batch: UnsafeBufferPointer(start: batch, count: rows * statistics.dimension), rows: rows)
  }

  /// Writes normalised copies of `rows` raw observations into `out`.
  /// - Complexity: O(`rows · dimension`), no allocation.
  public func normalize(_ x: UnsafePointer<Float>, rows: Int, into out: UnsafeMutablePointer<Float>) {
    let d = statistics.dimension
    let c = Float(clip)
    statistics.mean.withUnsafeBufferPointer { mean in
      statistics.variance.withUnsafeBufferPointer { variance in
        for j in 0..<d {
          let m = Float(mean[j])
          let scale = Float(1 / (variance[j] + epsilon).squareRoot())
          for r in 0..<rows {
            let v = (x[r * d + j] - m) * scale
            out[r * d + j] = Swift.min(Swift.max(v, -c), c)
          }
        }
      }
    }
  }

  /// The normaliser as JSON (mean, variance, count, clip, epsilon), for checkpoints.
  public var json: JSONValue {
    [
      "mean": JSONValue(statistics.mean), "variance": JSONValue(statistics.variance),
      "count": .double(statistics.count), "clip": .double(clip), "epsilon": .double(epsilon),
    ]
  }

  /// The normaliser `json` describes.
  /// - Throws: `PPOError` when a field is missing, has the wrong length, or is not finite.
  public init(json: JSONValue, dimension: Int) throws(PPOError) {
    guard let mean = json["mean"]?.doubleArray, let variance = json["variance"]?.doubleArray,
      let count = json["count"]?.doubleValue, let clip = json["clip"]?.doubleValue, let epsilon = json["epsilon"]?.doubleValue
    else { throw PPOError("observation normaliser: needs mean, variance, count, clip and epsilon") }
    guard mean.count == dimension, variance.count == dimension else {
      throw PPOError("observation normaliser: statistics have \(mean.count) and \(variance.count) coordinates, the policy needs \(dimension)")
    }
    guard (mean + variance + [count, clip, epsilon]).allSatisfy(\.isFinite), variance.allSatisfy({ $0 >= 0 }), count > 0 else {
      throw PPOError("observation normaliser: statistics must be finite with non-negative variance and positive count")
    }
    statistics = RunningMeanStd(dimension: dimension)
    statistics.mean = mean
    statistics.variance = variance
    statistics.count = count
    self.clip = clip
    self.epsilon = epsilon
  }
}

/// Running reward scaling, as Stable-Baselines3's `VecNormalize`: each sub-environment keeps a
/// discounted return `G ← γ·G + r` (zeroed when its episode ends); the statistics of `G` across
/// sub-environments scale rewards to `r / sqrt(var(G) + ε)`, clipped to `± clip`. The mean is
/// not subtracted.
public struct RewardNormalizer: Sendable, Hashable {
  /// The running statistics of the discounted return.
  public var statistics = RunningMeanStd(dimension: 1)
  /// The discounted return of each sub-environment.
  public var returns: [Double]
  /// The discount of the return accumulator (PPO's γ).
  public var gamma: Double
  /// Scaled rewards are clipped to `[−clip, clip]`.
  public var clip: Double
  /// Added to the variance.
  public var epsilon: Double

  /// A normaliser for `count` sub-environments.
  public init(count: Int, gamma: Double, clip: Double = 10, epsilon: Double = 1e-8) {
    returns = Array(repeating: 0, count: count)
    self.gamma = gamma
    self.clip = clip
    self.epsilon = epsilon
  }

  /// Updates the statistics with one vector step and writes the scaled rewards.
  /// - Parameters:
  ///   - rewards: the raw rewards, one per sub-environment.
  ///   - dones: whether each sub-environment's episode ended on this step.
  ///   - out: receives the scaled rewards.
  public mutating func normalize(_ rewards: UnsafeBufferPointer<Double>, dones: UnsafePointer<Bool>, into out: UnsafeMutablePointer<Float>) {
    let n = returns.count
    var mean = 0.0
    for i in 0..<n {
      returns[i] = returns[i] * gamma + rewards[i]
      mean += returns[i]
    }
    mean /= Double(n)
    var variance = 0.0
    for i in 0..<n { variance += (returns[i] - mean) * (returns[i] - mean) }
    variance /= Double(n)
    // RunningMeanStd's parallel merge for a batch of n, written out to avoid allocating arrays.
    let batchCount = Double(n), total = statistics.count + batchCount
    let delta = mean - statistics.mean[0]
    statistics.mean[0] += delta * batchCount / total
    let m2 = statistics.variance[0] * statistics.count + variance * batchCount + delta * delta * statistics.count * batchCount / total
    statistics.variance[0] = m2 / total
    statistics.count = total
    let scale = 1 / (statistics.variance[0] + epsilon).squareRoot()
    for i in 0..<n {
      out[i] = Float(Swift.min(Swift.max(rewards[i] * scale, -clip), clip))
      if dones[i] { returns[i] = 0 }
    }
  }

  /// The normaliser as JSON, for checkpoints.
  public var json: JSONValue {
    [
      "mean": .double(statistics.mean[0]), "variance": .double(statistics.variance[0]), "count": .double(statistics.count),
      "returns": JSONValue(returns), "gamma": .double(gamma), "clip": .double(clip), "epsilon": .double(epsilon),
    ]
  }

  /// The normaliser `json` describes.
  /// - Throws: `PPOError` when a field is missing or does not fit `count` sub-environments.
  public init(json: JSONValue, count: Int) throws(PPOError) {
    guard let mean = json["mean"]?.doubleValue, let variance = json["variance"]?.doubleValue,
      let c = json["count"]?.doubleValue, let returns = json["returns"]?.doubleArray,
      let gamma = json["gamma"]?.doubleValue, let clip = json["clip"]?.doubleValue, let epsilon = json["epsilon"]?.doubleValue
    else { throw PPOError("reward normaliser: needs mean, variance, count, returns, gamma, clip and epsilon") }
    guard returns.count == count else {
      throw PPOError("reward normaliser: has \(returns.count) return accumulators for \(count) environments")
    }
    guard ([mean, variance, c, gamma, clip, epsilon] + returns).allSatisfy(\.isFinite), variance >= 0, c > 0 else {
      throw PPOError("reward normaliser: statistics must be finite with non-negative variance and positive count")
    }
    self.init(count: count, gamma: gamma, clip: clip, epsilon: epsilon)
    statistics.mean = [mean]
    statistics.variance = [variance]
    statistics.count = c
    self.returns = returns
  }
}
