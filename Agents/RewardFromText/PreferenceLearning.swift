import GymCore
import RealModule

/// Features of a transition for learned reward models: each state register of the view after
/// the step as itself, its absolute value and its square, the action registers, and a constant.
public struct TransitionFeatures: Sendable {
  /// The view the features read.
  public let view: RewardView
  /// Features per transition.
  public var dimension: Int { 3 * view.stateWidth + view.actionWidth + 1 }

  /// Features over `view`.
  public init(view: RewardView) { self.view = view }

  /// The features of one transition, added into `out` (length `dimension`).
  public func accumulate(action: UnsafeBufferPointer<Float>, next: UnsafeBufferPointer<Float>, into out: inout [Double]) {
    precondition(out.count == dimension, "the feature vector must have \(dimension) entries")
    let w = view.stateWidth, aw = view.actionWidth
    var registers = [Double](repeating: 0, count: max(1, w + aw))
    registers.withUnsafeMutableBufferPointer { r in
      view.readState(next, r.baseAddress!)
      view.readAction(action, r.baseAddress! + w)
    }
    for i in 0..<w {
      let v = registers[i]
      out[3 * i] += v
      out[3 * i + 1] += Swift.abs(v)
      out[3 * i + 2] += v * v
    }
    for j in 0..<aw { out[3 * w + j] += registers[w + j] }
    out[dimension - 1] += 1
  }
}

/// A linear reward `r(s, a, s') = w · φ(s, a, s')` learned from preferences between trajectory
/// segments with the Bradley–Terry model (Christiano et al., 2017):
/// `P(σ₁ ≻ σ₂) = 1 / (1 + exp(R(σ₂) − R(σ₁)))`, `R(σ)` the sum of rewards over the segment.
///
/// Fitting minimises the cross-entropy of the labels plus an L2 penalty by full-batch gradient
/// descent with a fixed step: deterministic for the same data.
public struct BradleyTerryRewardModel: Sendable {
  /// One labelled comparison: the summed features of both segments and the probability that
  /// the first is preferred (1, 0, or 0.5 for a tie).
  public struct Comparison: Sendable {
    /// Summed features of the first segment.
    public var first: [Double]
    /// Summed features of the second segment.
    public var second: [Double]
    /// Probability the first is preferred.
    public var preferFirst: Double
    /// A comparison.
    public init(first: [Double], second: [Double], preferFirst: Double) {
      self.first = first
      self.second = second
      self.preferFirst = preferFirst
    }
  }

  /// The features.
  public let features: TransitionFeatures
  /// The weights, one per feature.
  public var weights: [Double]

  /// An untrained model (all weights 0).
  public init(features: TransitionFeatures) {
    self.features = features
    weights = Array(repeating: 0, count: features.dimension)
  }

  /// The modelled probability that the first segment is preferred.
  public func probability(_ c: Comparison) -> Double {
    var d = 0.0
    for i in weights.indices { d += weights[i] * (c.first[i] - c.second[i]) }
    return 1 / (1 + Double.exp(-d))
  }

  /// Fits the weights to `comparisons`.
  /// - Parameters:
  ///   - comparisons: the labelled pairs.
  ///   - iterations: gradient steps.
  ///   - learningRate: the step size.
  ///   - l2: the weight penalty.
  /// - Returns: the mean cross-entropy after fitting.
  @discardableResult
  public mutating func fit(_ comparisons: [Comparison], iterations: Int = 2000, learningRate: Double = 0.05, l2: Double = 1e-4) -> Double {
    precondition(!comparisons.isEmpty, "fitting needs at least one comparison")
    let n = Double(comparisons.count), dim = weights.count
    // Features are scaled by their spread over the differences, so one step size suits all.
    var scale = [Double](repeating: 0, count: dim)
    for c in comparisons { for i in 0..<dim { scale[i] = Swift.max(scale[i], Swift.abs(c.first[i] - c.second[i])) } }
    for i in 0..<dim { scale[i] = scale[i] > 0 ? 1 / scale[i] : 0 }
    var u = [Double](repeating: 0, count: dim)  // weights in scaled units
    for i in 0..<dim where scale[i] > 0 { u[i] = weights[i] / scale[i] }
    var gradient = [Double](repeating: 0, count: dim)
    for _ in 0..<iterations {
      for i in 0..<dim { gradient[i] = l2 * u[i] }
      for c in comparisons {
        var d = 0.0
        for i in 0..<dim { d += u[i] * scale[i] * (c.first[i] - c.second[i]) }
        let p = 1 / (1 + Double.exp(-d))
        let g = (p - c.preferFirst) / n
        for i in 0..<dim { gradient[i] += g * scale[i] * (c.first[i] - c.second[i]) }
      }
      for i in 0..<dim { u[i] -= learningRate * gradient[i] }
    }
    for i in 0..<dim { weights[i] = u[i] * scale[i] }
    var loss = 0.0
    for c in comparisons {
      let p = Swift.min(Swift.max(probability(c), 1e-12), 1 - 1e-12)
      loss -= c.preferFirst * Double.log(p) + (1 - c.preferFirst) * Double.log(1 - p)
    }
    return loss / n
  }

  /// The learned reward of one transition.
  public func reward(action: UnsafeBufferPointer<Float>, next: UnsafeBufferPointer<Float>) -> Double {
    var phi = [Double](repeating: 0, count: features.dimension)
    features.accumulate(action: action, next: next, into: &phi)
    var r = 0.0
    for i in weights.indices { r += weights[i] * phi[i] }
    return r
  }

  /// The learned reward as a transition function (for `RewardDistance`).
  public func transitionFunction() -> TransitionRewardFunction {
    let model = self
    return { _, a, n, _ in model.reward(action: a, next: n) }
  }

  /// Comparisons of consecutive segments of `length` transitions of `sample`, labelled by an
  /// oracle `reward`: the higher segment return is preferred, ties count half. A segment in
  /// which the episode terminates stops there (the rest is an absorbing state worth 0), so the
  /// sample should come from one environment run in order, as `TransitionSample.randomPolicy`
  /// collects it.
  /// - Parameters:
  ///   - sample: transitions in the order they were collected.
  ///   - length: transitions per segment.
  ///   - pairs: comparisons to make.
  ///   - reward: the oracle's reward.
  ///   - features: the features to sum.
  ///   - seed: seeds the choice of segment pairs.
  public static func comparisons(
    from sample: TransitionSample, length: Int, pairs: Int, oracle reward: TransitionRewardFunction, features: TransitionFeatures, seed: UInt64
  ) -> [Comparison] {
    precondition(length >= 1 && pairs >= 1, "segments and pairs must be positive")
    let n = sample.observationLength, m = sample.actionLength
    // Segments: consecutive blocks of `length` transitions; a block in which the episode
    // terminates ends there, and its remaining steps count as an absorbing state with reward 0
    // and features 0. Comparing such segments with whole ones is what identifies the constant
    // (per-step) part of the reward, which decides whether an agent should end episodes early.
    var starts: [Int] = [], ends: [Int] = []
    var i = 0
    while i + length <= sample.count {
      starts.append(i)
      ends.append(((i..<(i + length)).first { sample.terminated[$0] } ?? (i + length - 1)) + 1)
      i += length
    }
    precondition(starts.count >= 2, "the sample holds fewer than two segments of \(length) transitions")
    var summed: [[Double]] = [], returns: [Double] = []
    sample.states.withUnsafeBufferPointer { s in
      sample.actions.withUnsafeBufferPointer { a in
        sample.nextStates.withUnsafeBufferPointer { x in
          for (start, end) in zip(starts, ends) {
            var phi = [Double](repeating: 0, count: features.dimension)
            var total = 0.0
            for k in start..<end {
              let sk = UnsafeBufferPointer(rebasing: s[(k * n)..<((k + 1) * n)])
              let ak = UnsafeBufferPointer(rebasing: a[(k * m)..<((k + 1) * m)])
              let xk = UnsafeBufferPointer(rebasing: x[(k * n)..<((k + 1) * n)])
              features.accumulate(action: ak, next: xk, into: &phi)
              total += reward(sk, ak, xk, sample.terminated[k])
            }
            summed.append(phi)
            returns.append(total)
          }
        }
      }
    }
    var rng = GymRandom(seed: seed)
    var out: [Comparison] = []
    out.reserveCapacity(pairs)
    while out.count < pairs {
      let p = rng.int(below: starts.count), q = rng.int(below: starts.count)
      guard p != q else { continue }
      let label = returns[p] > returns[q] ? 1.0 : (returns[p] < returns[q] ? 0.0 : 0.5)
      out.append(Comparison(first: summed[p], second: summed[q], preferFirst: label))
    }
    return out
  }
}
