/// A running per-coordinate mean and variance: Gymnasium's (and Baselines')
/// `RunningMeanStd`.
///
/// Starts at mean 0, variance 1 with a pseudo-count of `1e-4` and merges each batch with the
/// parallel-variance formula (Chan et al.):
///
///     δ = batchMean − mean,  n = count + batchCount
///     mean ← mean + δ · batchCount / n
///     var  ← (var · count + batchVar · batchCount + δ² · count · batchCount / n) / n
///     count ← n
///
/// Statistics are kept in `Double`. Used by `Wrappers.NormalizeObservation`,
/// `Wrappers.NormalizeReward` and PPO's observation normalisation.
public struct RunningMeanStd: Sendable, Hashable, Codable {
  /// The running mean of each coordinate.
  public var mean: [Double]
  /// The running (population) variance of each coordinate.
  public var variance: [Double]
  /// The number of samples merged so far, plus the initial pseudo-count.
  public var count: Double

  /// Fresh statistics: mean 0, variance 1.
  /// - Parameters:
  ///   - dimension: the number of coordinates (1 for a scalar).
  ///   - epsilon: the initial pseudo-count, which keeps the first update finite.
  public init(dimension: Int, epsilon: Double = 1e-4) {
    precondition(dimension > 0, "RunningMeanStd needs dimension > 0, got \(dimension)")
    mean = Array(repeating: 0, count: dimension)
    variance = Array(repeating: 1, count: dimension)
    count = epsilon
  }

  /// The number of coordinates.
  @inlinable public var dimension: Int { mean.count }

  /// Merges one sample (a batch of one: its variance is 0).
  /// - Parameter sample: `dimension` values.
  /// - Complexity: O(`dimension`), no allocation.
  @inlinable
  public mutating func update<V: BoxValue>(_ sample: V) {
    precondition(sample.scalarCount == dimension, "RunningMeanStd: sample has \(sample.scalarCount) values, expected \(dimension)")
    let c = count
    let n = c + 1
    mean.withUnsafeMutableBufferPointer { m in
      variance.withUnsafeMutableBufferPointer { v in
        for i in 0..<m.count {
          // The batch-of-one case of `update(batchMean:batchVariance:batchCount:)`, with the
          // same operation order as NumPy's version so results agree bit for bit.
          let delta = sample[i].doubleValue - m[i]
          m[i] += delta / n
          v[i] = (v[i] * c + delta * delta * c / n) / n
        }
      }
    }
    count = n
  }

  /// Merges one scalar sample.
  /// - Precondition: `dimension == 1`.
  @inlinable
  public mutating func update(_ x: Double) {
    precondition(dimension == 1, "RunningMeanStd: scalar update needs dimension 1, have \(dimension)")
    let n = count + 1
    let delta = x - mean[0]
    mean[0] += delta / n
    variance[0] = (variance[0] * count + delta * delta * count / n) / n
    count = n
  }

  /// Merges a batch given by its moments.
  /// - Parameters:
  ///   - batchMean: the batch's mean of each coordinate.
  ///   - batchVariance: the batch's population variance of each coordinate.
  ///   - batchCount: the number of samples in the batch.
  public mutating func update(batchMean: [Double], batchVariance: [Double], batchCount: Double) {
    precondition(
      batchMean.count == dimension && batchVariance.count == dimension,
      "RunningMeanStd: batch moments need \(dimension) values")
    guard batchCount > 0 else { return }
    let n = count + batchCount
    for i in 0..<dimension {
      let delta = batchMean[i] - mean[i]
      mean[i] += delta * batchCount / n
      let m2 = variance[i] * count + batchVariance[i] * batchCount + delta * delta * count * batchCount / n
      variance[i] = m2 / n
    }
    count = n
  }

  /// Merges a batch of samples stored row-major, `rows × dimension`.
  /// - Parameters:
  ///   - batch: `rows * dimension` values, one sample per row.
  ///   - rows: the number of samples.
  /// - Complexity: O(`rows * dimension`).
  public mutating func update(batch: UnsafeBufferPointer<Float>, rows: Int) {
    let d = dimension
    precondition(batch.count == rows * d, "RunningMeanStd: batch has \(batch.count) values, expected \(rows) × \(d)")
    guard rows > 0 else { return }
    var batchMean = [Double](repeating: 0, count: d)
    var batchVariance = [Double](repeating: 0, count: d)
    for r in 0..<rows {
      for i in 0..<d { batchMean[i] += Double(batch[r * d + i]) }
    }
    for i in 0..<d { batchMean[i] /= Double(rows) }
    for r in 0..<rows {
      for i in 0..<d {
        let e = Double(batch[r * d + i]) - batchMean[i]
        batchVariance[i] += e * e
      }
    }
    for i in 0..<d { batchVariance[i] /= Double(rows) }
    update(batchMean: batchMean, batchVariance: batchVariance, batchCount: Double(rows))
  }

  /// Merges another set of statistics, as if its samples had been added here.
  /// - Parameter other: statistics of the same dimension.
  public mutating func merge(_ other: RunningMeanStd) {
    update(batchMean: other.mean, batchVariance: other.variance, batchCount: other.count)
  }

  /// `(x − mean[i]) / sqrt(variance[i] + epsilon)`, without updating.
  /// - Parameters:
  ///   - x: the value of coordinate `i`.
  ///   - i: the coordinate.
  ///   - epsilon: added to the variance.
  @inlinable
  public func normalize(_ x: Double, at i: Int, epsilon: Double = 1e-8) -> Double {
    (x - mean[i]) / (variance[i] + epsilon).squareRoot()
  }
}
