import Dispatch
import GymCore
import GymNN
import RealModule

/// The figures one minibatch step reports.
struct MinibatchResult {
  var policyLoss = 0.0
  var valueLoss = 0.0
  var entropy = 0.0
  var approximateKL = 0.0
  var clipped = 0.0
}

extension PPOTrainer {
  /// Epochs of minibatch gradient steps on the collected rollout.
  ///
  /// Per minibatch of `m` transitions with normalised advantages `A`, ratios
  /// `r = exp(log π(a|s) − log π_old(a|s))` and values `V`:
  ///
  ///     L = −mean(min(r·A, clip(r, 1 ± ε)·A)) − c_ent · mean(H) + c_vf · mean((V − R)²)
  ///
  /// (with `clip_range_vf`, the value error is the larger of the clipped and unclipped ones).
  /// Gradients of `L` are formed analytically per row, backpropagated through both networks,
  /// clipped to the global norm and applied by Adam. The policy terms touch only the actor and
  /// the value term only the critic, so with two learner threads the two networks' passes run
  /// in parallel; the arithmetic, and so the result, is the same either way.
  func update(rng: inout GymRandom) -> PPOIterationStatistics {
    let config = configuration
    let progressRemaining = max(0, 1 - Double(stepCount) / Double(config.totalSteps))
    let learningRate = config.learningRate.value(progressRemaining: progressRemaining)
    let clip = Float(config.clipRange.value(progressRemaining: progressRemaining))
    optimizer.learningRate = Float(learningRate)
    let total = n * steps, m = config.minibatchSize
    var sums = MinibatchResult()
    var minibatches = 0, samples = 0
    var epochsCompleted = 0
    training: for _ in 0..<config.epochs {
      // Fisher–Yates shuffle of the rollout indices.
      for i in stride(from: total - 1, to: 0, by: -1) {
        permutation.swapAt(i, rng.int(below: i + 1))
      }
      var start = 0
      while start < total {
        let rows = min(m, total - start)
        guard let result = minibatchStep(start: start, rows: rows, clip: clip) else { break training }
        sums.policyLoss += result.policyLoss
        sums.valueLoss += result.valueLoss
        sums.entropy += result.entropy
        sums.approximateKL += result.approximateKL
        sums.clipped += result.clipped
        minibatches += 1
        samples += rows
        start += rows
      }
      epochsCompleted += 1
    }
    let count = Double(max(minibatches, 1))
    return PPOIterationStatistics(
      iteration: 0, steps: 0, episodes: 0, seconds: 0, stepsPerSecond: 0, meanReturn: nil,
      policyLoss: sums.policyLoss / count, valueLoss: sums.valueLoss / count, entropy: sums.entropy / count,
      approximateKL: sums.approximateKL / count, clipFraction: sums.clipped / Double(max(samples, 1)),
      explainedVariance: explainedVariance(), learningRate: learningRate, clipRange: Double(clip),
      epochsCompleted: epochsCompleted)
  }

  /// One gradient step on the transitions `permutation[start ..< start + rows]`.
  /// - Returns: the minibatch's figures, or `nil` when its approximate KL exceeds
  ///   `1.5 · targetKL` (then no step is applied and the update ends).
  func minibatchStep(start: Int, rows: Int, clip: Float) -> MinibatchResult? {
    gatherMinibatch(start: start, rows: rows)
    policy.parameters.zeroGradients()
    var result = MinibatchResult()
    if learnerThreads > 1 {
      var criticLoss = 0.0
      Parallel.both(
        { result = self.actorPass(start: start, rows: rows, clip: clip) },
        { criticLoss = self.criticPass(start: start, rows: rows) })
      result.valueLoss = criticLoss
    } else {
      result = actorPass(start: start, rows: rows, clip: clip)
      result.valueLoss = criticPass(start: start, rows: rows)
    }
    if let target = configuration.targetKL, result.approximateKL > 1.5 * target { return nil }
    policy.parameters.clipGradientNorm(Float(configuration.maxGradientNorm))
    optimizer.step(policy.parameters)
    return result
  }

  /// Copies the minibatch's observations and (normalised) advantages into contiguous rows.
  func gatherMinibatch(start: Int, rows: Int) {
    let d = self.d
    let normalize = configuration.normalizeAdvantage && rows > 1
    permutation.withUnsafeBufferPointer { perm in
      rolloutObservations.withUnsafeBufferPointer { source in
        advantages.withUnsafeBufferPointer { adv in
          batchObservations.withUnsafeMutableBufferPointer { obs in
            batchAdvantages.withUnsafeMutableBufferPointer { a in
              var mean: Float = 0
              for r in 0..<rows {
                let k = perm[start + r]
                (obs.baseAddress! + r * d).update(from: source.baseAddress! + k * d, count: d)
                a[r] = adv[k]
                mean += adv[k]
              }
              guard normalize else { return }
              mean /= Float(rows)
              var variance: Float = 0
              for r in 0..<rows { variance += (a[r] - mean) * (a[r] - mean) }
              // Unbiased standard deviation, as torch.std.
              let std = (variance / Float(rows - 1)).squareRoot()
              for r in 0..<rows { a[r] = (a[r] - mean) / (std + 1e-8) }
            }
          }
        }
      }
    }
  }

  /// The actor's forward pass, the clipped surrogate and entropy terms with their gradient with
  /// respect to the head's outputs, and the actor's backward pass.
  /// - Returns: the policy loss, entropy, approximate KL and clipped count (value loss 0).
  func actorPass(start: Int, rows: Int, clip: Float) -> MinibatchResult {
    let outputs = self.outputs, width = self.width, head = self.head
    let invRows = 1 / Float(rows)
    let entropyWeight = -Float(configuration.entropyCoefficient) * invRows
    let logStd = policy.logStdValues.map { UnsafePointer($0) }
    let logStdGradient = policy.logStd.map { policy.parameters.gradients.baseAddress! + $0.offset }
    var policyLoss = 0.0, entropySum = 0.0, klSum = 0.0, clipped = 0.0
    permutation.withUnsafeBufferPointer { perm in
      batchObservations.withUnsafeBufferPointer { obs in
        batchAdvantages.withUnsafeBufferPointer { adv in
          rolloutIndices.withUnsafeBufferPointer { indices in
            rolloutValuesDrawn.withUnsafeBufferPointer { drawn in
              rolloutLogProbabilities.withUnsafeBufferPointer { oldLogProbabilities in
                outputGradient.withUnsafeMutableBufferPointer { gradient in
                  let out = policy.actor.forward(obs.baseAddress!, rows: rows)
                  let g = gradient.baseAddress!
                  g.update(repeating: 0, count: rows * outputs)
                  for r in 0..<rows {
                    let k = perm[start + r]
                    let logits = UnsafePointer(out + r * outputs)
                    // New log-probability and entropy of the stored action.
                    let evaluated: (logProbability: Float, entropy: Float)
                    switch head {
                    case .categorical(let count):
                      evaluated = Categorical.evaluate(logits: logits, count: count, action: indices[k])
                    case .multiCategorical(let nvec):
                      evaluated = MultiCategorical.evaluate(logits: logits, nvec: nvec, actions: indices.baseAddress! + k * width)
                    case .diagonalGaussian:
                      evaluated = (
                        DiagonalGaussian.logProbability(mean: logits, logStd: logStd!, count: width, of: drawn.baseAddress! + k * width),
                        DiagonalGaussian.entropy(logStd: logStd!, count: width)
                      )
                    }
                    let a = adv[r]
                    let logRatio = evaluated.logProbability - oldLogProbabilities[k]
                    let ratio = Float.exp(logRatio)
                    let unclipped = ratio * a
                    let clippedTerm = min(max(ratio, 1 - clip), 1 + clip) * a
                    policyLoss -= Double(min(unclipped, clippedTerm))
                    entropySum += Double(evaluated.entropy)
                    klSum += Double((ratio - 1) - logRatio)
                    if abs(ratio - 1) > clip { clipped += 1 }
                    // ∂L/∂ log π flows only through the smaller surrogate term; when the clipped
                    // term is strictly smaller the ratio lies outside 1 ± ε and the gradient is 0.
                    let logProbabilityWeight: Float = unclipped <= clippedTerm ? -a * invRows * ratio : 0
                    switch head {
                    case .categorical(let count):
                      Categorical.accumulateGradient(
                        logits: logits, count: count, action: indices[k], logProbabilityWeight: logProbabilityWeight,
                        entropyWeight: entropyWeight, into: g + r * outputs)
                    case .multiCategorical(let nvec):
                      MultiCategorical.accumulateGradient(
                        logits: logits, nvec: nvec, actions: indices.baseAddress! + k * width,
                        logProbabilityWeight: logProbabilityWeight, entropyWeight: entropyWeight, into: g + r * outputs)
                    case .diagonalGaussian:
                      DiagonalGaussian.accumulateGradient(
                        mean: logits, logStd: logStd!, count: width, value: drawn.baseAddress! + k * width,
                        logProbabilityWeight: logProbabilityWeight, entropyWeight: entropyWeight,
                        meanGradient: g + r * outputs, logStdGradient: logStdGradient!)
                    }
                  }
                  policy.actor.backward(input: obs.baseAddress!, outputGradient: g, rows: rows)
                }
              }
            }
          }
        }
      }
    }
    let count = Double(rows)
    return MinibatchResult(policyLoss: policyLoss / count, entropy: entropySum / count, approximateKL: klSum / count, clipped: clipped)
  }

  /// The critic's forward pass, the value loss `c_vf · mean((V − R)²)` (optionally clipped
  /// around the rollout's values) with its gradient, and the critic's backward pass.
  /// - Returns: the mean squared value error (before `vf_coef`).
  func criticPass(start: Int, rows: Int) -> Double {
    let invRows = 1 / Float(rows)
    let coefficient = Float(configuration.valueCoefficient)
    let valueClip = configuration.valueClipRange.map { Float($0) }
    var loss = 0.0
    permutation.withUnsafeBufferPointer { perm in
      batchObservations.withUnsafeBufferPointer { obs in
        returns.withUnsafeBufferPointer { targets in
          rolloutValues.withUnsafeBufferPointer { oldValues in
            valueGradient.withUnsafeMutableBufferPointer { g in
              let values = policy.critic.forward(obs.baseAddress!, rows: rows)
              for r in 0..<rows {
                let k = perm[start + r]
                let v = values[r], error = v - targets[k]
                if let valueClip {
                  let old = oldValues[k]
                  let clippedError = old + min(max(v - old, -valueClip), valueClip) - targets[k]
                  if error * error >= clippedError * clippedError {
                    loss += Double(error * error)
                    g[r] = coefficient * 2 * error * invRows
                  } else {
                    loss += Double(clippedError * clippedError)
                    g[r] = abs(v - old) < valueClip ? coefficient * 2 * clippedError * invRows : 0
                  }
                } else {
                  loss += Double(error * error)
                  g[r] = coefficient * 2 * error * invRows
                }
              }
              policy.critic.backward(input: obs.baseAddress!, outputGradient: g.baseAddress!, rows: rows)
            }
          }
        }
      }
    }
    return loss / Double(rows)
  }

  /// `1 − Var(R − V) / Var(R)` over the rollout (NaN when the returns are constant).
  func explainedVariance() -> Double {
    let count = Double(returns.count)
    var meanR = 0.0, meanE = 0.0
    for k in 0..<returns.count {
      meanR += Double(returns[k])
      meanE += Double(returns[k] - rolloutValues[k])
    }
    meanR /= count
    meanE /= count
    var varR = 0.0, varE = 0.0
    for k in 0..<returns.count {
      let r = Double(returns[k]) - meanR, e = Double(returns[k] - rolloutValues[k]) - meanE
      varR += r * r
      varE += e * e
    }
    return varR == 0 ? .nan : 1 - varE / varR
  }
}

/// Running two pieces of work at once.
enum Parallel {
  /// Runs `first` and `second` concurrently (on two threads of the dispatch pool) and returns
  /// when both have finished.
  /// - Precondition: the two closures touch disjoint mutable state.
  static func both(_ first: () -> Void, _ second: () -> Void) {
    withoutActuallyEscaping(first) { first in
      withoutActuallyEscaping(second) { second in
        nonisolated(unsafe) let first = first, second = second
        DispatchQueue.concurrentPerform(iterations: 2) { $0 == 0 ? first() : second() }
      }
    }
  }
}
