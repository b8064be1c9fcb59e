import GymCore
import RealModule

/// A Gaussian with independent coordinates, mean `μ` and log standard deviation `log σ`:
/// PyTorch's `Normal(μ, σ)` with log-probabilities and entropies summed over the last axis,
/// the policy of continuous-action PPO.
public enum DiagonalGaussian {
  /// `½ log 2π`.
  public static let halfLogTwoPi: Float = 0.918938533204672741780329736

  /// `Σᵢ [−(xᵢ − μᵢ)² / (2σᵢ²) − log σᵢ − ½ log 2π]`.
  @inlinable
  public static func logProbability(
    mean: UnsafePointer<Float>, logStd: UnsafePointer<Float>, count: Int, of x: UnsafePointer<Float>
  ) -> Float {
    var total: Float = 0
    for i in 0..<count {
      let variance = Float.exp(2 * logStd[i])
      let d = x[i] - mean[i]
      total += -(d * d) / (2 * variance) - logStd[i] - halfLogTwoPi
    }
    return total
  }

  /// `Σᵢ [½ + ½ log 2π + log σᵢ]` (independent of the mean).
  @inlinable
  public static func entropy(logStd: UnsafePointer<Float>, count: Int) -> Float {
    var total: Float = 0
    for i in 0..<count { total += 0.5 + halfLogTwoPi + logStd[i] }
    return total
  }

  /// Draws `x = μ + σ · ε` with standard normal `ε` from `rng` (one Box–Muller draw per
  /// coordinate, in order).
  @inlinable
  public static func sample(
    mean: UnsafePointer<Float>, logStd: UnsafePointer<Float>, count: Int, into x: UnsafeMutablePointer<Float>,
    using rng: inout GymRandom
  ) {
    for i in 0..<count { x[i] = mean[i] + Float.exp(logStd[i]) * Float(rng.normal()) }
  }

  /// Adds `∂(a · log p(x) + b · H)` with respect to the mean to `meanGradient` and with
  /// respect to `log σ` to `logStdGradient`:
  /// `∂ log p/∂μᵢ = (xᵢ − μᵢ)/σᵢ²`, `∂ log p/∂ log σᵢ = (xᵢ − μᵢ)²/σᵢ² − 1`, `∂H/∂ log σᵢ = 1`.
  @inlinable
  public static func accumulateGradient(
    mean: UnsafePointer<Float>, logStd: UnsafePointer<Float>, count: Int, value x: UnsafePointer<Float>,
    logProbabilityWeight a: Float, entropyWeight b: Float,
    meanGradient: UnsafeMutablePointer<Float>, logStdGradient: UnsafeMutablePointer<Float>
  ) {
    for i in 0..<count {
      let inverseVariance = Float.exp(-2 * logStd[i])
      let d = x[i] - mean[i]
      meanGradient[i] += a * d * inverseVariance
      logStdGradient[i] += a * (d * d * inverseVariance - 1) + b
    }
  }
}
