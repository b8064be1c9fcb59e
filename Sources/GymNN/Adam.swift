/// The Adam optimizer over a `Parameters` store, computed as PyTorch's `torch.optim.Adam`
/// (no weight decay, no AMSGrad).
///
/// For step `t` with gradient `g`:
///
///     m ← β₁·m + (1 − β₁)·g
///     v ← β₂·v + (1 − β₂)·g²
///     θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
///
/// ε is added *after* the bias-corrected square root, as PyTorch does; PPO implementations use
/// ε = 1e-5 instead of the default 1e-8. The square root is `FastMath.squareRoot` (within
/// 2 × 10⁻⁷ of the exact one), which keeps the loop vectorised.
public final class Adam {
  /// The step size; change it between steps for learning-rate schedules.
  public var learningRate: Float
  /// The first-moment decay β₁.
  public let beta1: Float
  /// The second-moment decay β₂.
  public let beta2: Float
  /// Added to the denominator.
  public let epsilon: Float
  /// Steps taken so far (`t` of the last step).
  public private(set) var stepCount = 0
  /// The first moments, one per element of the store's flat buffer.
  public let firstMoments: UnsafeMutableBufferPointer<Float>
  /// The second moments.
  public let secondMoments: UnsafeMutableBufferPointer<Float>
  /// The number of moments (the store's `count`).
  public let count: Int

  /// An optimizer for a store with `count` flat elements.
  /// - Parameters:
  ///   - count: `Parameters.count` of the store to optimise.
  ///   - learningRate: the step size.
  ///   - beta1: first-moment decay (0.9).
  ///   - beta2: second-moment decay (0.999).
  ///   - epsilon: denominator term (1e-8 in PyTorch, 1e-5 in PPO).
  public init(count: Int, learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
    precondition(count > 0, "Adam needs at least one parameter")
    precondition(learningRate >= 0 && beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon >= 0, "invalid Adam hyperparameters")
    self.count = count
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    firstMoments = .allocate(capacity: count)
    firstMoments.initialize(repeating: 0)
    secondMoments = .allocate(capacity: count)
    secondMoments.initialize(repeating: 0)
  }

  /// An optimizer for `parameters`.
  public convenience init(for parameters: Parameters, learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
    self.init(count: parameters.count, learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon)
  }

  deinit {
    firstMoments.deallocate()
    secondMoments.deallocate()
  }

  /// Applies one update from the store's gradients (which are left as they are).
  /// - Complexity: O(`count`), no allocation.
  public func step(_ parameters: Parameters) {
    precondition(parameters.count == count, "this optimizer was made for a store of \(count) elements, not \(parameters.count)")
    stepCount += 1
    let t = Double(stepCount)
    let correction1 = 1 - Double.pow(Double(beta1), t)
    let inverseCorrection2Root = Float(1 / (1 - Double.pow(Double(beta2), t)).squareRoot())
    let stepSize = Float(Double(learningRate) / correction1)
    let b1 = beta1, b2 = beta2, eps = epsilon
    let m = firstMoments.baseAddress!, v = secondMoments.baseAddress!
    let g = parameters.gradients.baseAddress!, p = parameters.values.baseAddress!
    for i in 0..<count {
      let gi = g[i]
      let mi = b1 * m[i] + (1 - b1) * gi
      let vi = b2 * v[i] + (1 - b2) * gi * gi
      m[i] = mi
      v[i] = vi
      p[i] -= stepSize * mi / (FastMath.squareRoot(vi) * inverseCorrection2Root + eps)
    }
  }

  /// Restores the moments and step count (from a checkpoint).
  /// - Throws: `Safetensors.FormatError` when the arrays do not have `count` elements or the
  ///   step count is negative.
  public func restore(stepCount: Int, firstMoments m: [Float], secondMoments v: [Float]) throws(Safetensors.FormatError) {
    guard m.count == count, v.count == count else {
      throw Safetensors.FormatError("optimizer state has \(m.count) and \(v.count) moments, but the model needs \(count)")
    }
    guard stepCount >= 0 else { throw Safetensors.FormatError("optimizer step count must be non-negative, got \(stepCount)") }
    self.stepCount = stepCount
    for i in 0..<count {
      firstMoments[i] = m[i]
      secondMoments[i] = v[i]
    }
  }
}
