import GymCore
import RealModule

/// A categorical distribution over `0..<count` given by unnormalised log-probabilities
/// (logits): PyTorch's `Categorical(logits:)`, one row at a time.
///
/// Every function reads one row of `count` logits; batches call them per row, so nothing is
/// allocated. Computations subtract the row maximum first, so large logits do not overflow.
public enum Categorical {
  /// The log-sum-exp of the row: `log Σ exp(logits[i])`.
  @inlinable
  public static func logNormalizer(_ logits: UnsafePointer<Float>, count: Int) -> Float {
    var m = logits[0]
    for i in 1..<count { m = Swift.max(m, logits[i]) }
    var s: Float = 0
    for i in 0..<count { s += Float.exp(logits[i] - m) }
    return m + Float.log(s)
  }

  /// `log p(action)`.
  /// - Precondition: `0 ≤ action < count`.
  @inlinable
  public static func logProbability(logits: UnsafePointer<Float>, count: Int, of action: Int) -> Float {
    precondition(action >= 0 && action < count, "action \(action) outside 0..<\(count)")
    return logits[action] - logNormalizer(logits, count: count)
  }

  /// The entropy `−Σ p log p` in nats.
  @inlinable
  public static func entropy(logits: UnsafePointer<Float>, count: Int) -> Float {
    let z = logNormalizer(logits, count: count)
    var h: Float = 0
    for i in 0..<count {
      let lp = logits[i] - z
      h -= Float.exp(lp) * lp
    }
    return h
  }

  /// `log p(action)` and the entropy together, normalising the row once.
  /// - Precondition: `0 ≤ action < count`.
  @inlinable
  public static func evaluate(logits: UnsafePointer<Float>, count: Int, action: Int) -> (logProbability: Float, entropy: Float) {
    precondition(action >= 0 && action < count, "action \(action) outside 0..<\(count)")
    let z = logNormalizer(logits, count: count)
    var h: Float = 0
    for i in 0..<count {
      let lp = logits[i] - z
      h -= Float.exp(lp) * lp
    }
    return (logits[action] - z, h)
  }

  /// Draws an index with probability `p(i)` by inverting the cumulative distribution with one
  /// uniform number from `rng`.
  @inlinable
  public static func sample(logits: UnsafePointer<Float>, count: Int, using rng: inout GymRandom) -> Int {
    let z = logNormalizer(logits, count: count)
    let u = rng.nextDouble()
    var cumulative = 0.0
    for i in 0..<count - 1 {
      cumulative += Double(Float.exp(logits[i] - z))
      if u < cumulative { return i }
    }
    return count - 1
  }

  /// The most probable index (the first on ties): the deterministic action.
  @inlinable
  public static func mode(logits: UnsafePointer<Float>, count: Int) -> Int {
    var best = 0
    for i in 1..<count where logits[i] > logits[best] { best = i }
    return best
  }

  /// Adds `∂(a · log p(action) + b · H) / ∂logits` to `gradient`.
  ///
  /// With `p = softmax(logits)`: `∂ log p(action)/∂logits[j] = [j = action] − p[j]` and
  /// `∂H/∂logits[j] = −p[j] (log p[j] + H)`.
  /// - Parameters:
  ///   - logProbabilityWeight: `a`.
  ///   - entropyWeight: `b`.
  ///   - gradient: `count` accumulators.
  @inlinable
  public static func accumulateGradient(
    logits: UnsafePointer<Float>, count: Int, action: Int, logProbabilityWeight a: Float, entropyWeight b: Float,
    into gradient: UnsafeMutablePointer<Float>
  ) {
    let z = logNormalizer(logits, count: count)
    var h: Float = 0
    if b != 0 {
      for i in 0..<count {
        let lp = logits[i] - z
        h -= Float.exp(lp) * lp
      }
    }
    for j in 0..<count {
      let lp = logits[j] - z
      let p = Float.exp(lp)
      var d = -a * p
      if j == action { d += a }
      if b != 0 { d -= b * p * (lp + h) }
      gradient[j] += d
    }
  }
}

/// Independent categorical distributions side by side, one per entry of `nvec`: the policy of a
/// `MultiDiscrete` action space. Log-probabilities and entropies are sums over the entries.
///
/// A row holds `nvec.reduce(0, +)` logits, entry `k`'s block after those of entries `0..<k`.
public enum MultiCategorical {
  /// `Σₖ log pₖ(actions[k])`.
  @inlinable
  public static func logProbability(logits: UnsafePointer<Float>, nvec: [Int], of actions: UnsafePointer<Int>) -> Float {
    var offset = 0, total: Float = 0
    for (k, n) in nvec.enumerated() {
      total += Categorical.logProbability(logits: logits + offset, count: n, of: actions[k])
      offset += n
    }
    return total
  }

  /// `Σₖ log pₖ(actions[k])` and `Σₖ Hₖ` together.
  @inlinable
  public static func evaluate(logits: UnsafePointer<Float>, nvec: [Int], actions: UnsafePointer<Int>) -> (logProbability: Float, entropy: Float) {
    var offset = 0, lp: Float = 0, h: Float = 0
    for (k, n) in nvec.enumerated() {
      let e = Categorical.evaluate(logits: logits + offset, count: n, action: actions[k])
      lp += e.logProbability
      h += e.entropy
      offset += n
    }
    return (lp, h)
  }

  /// `Σₖ Hₖ`.
  @inlinable
  public static func entropy(logits: UnsafePointer<Float>, nvec: [Int]) -> Float {
    var offset = 0, total: Float = 0
    for n in nvec {
      total += Categorical.entropy(logits: logits + offset, count: n)
      offset += n
    }
    return total
  }

  /// Draws every entry, in order, into `actions[0..<nvec.count]`.
  @inlinable
  public static func sample(logits: UnsafePointer<Float>, nvec: [Int], into actions: UnsafeMutablePointer<Int>, using rng: inout GymRandom) {
    var offset = 0
    for (k, n) in nvec.enumerated() {
      actions[k] = Categorical.sample(logits: logits + offset, count: n, using: &rng)
      offset += n
    }
  }

  /// The most probable value of every entry.
  @inlinable
  public static func mode(logits: UnsafePointer<Float>, nvec: [Int], into actions: UnsafeMutablePointer<Int>) {
    var offset = 0
    for (k, n) in nvec.enumerated() {
      actions[k] = Categorical.mode(logits: logits + offset, count: n)
      offset += n
    }
  }

  /// Adds `∂(a · log p(actions) + b · H) / ∂logits` to `gradient` (entry by entry).
  @inlinable
  public static func accumulateGradient(
    logits: UnsafePointer<Float>, nvec: [Int], actions: UnsafePointer<Int>, logProbabilityWeight a: Float,
    entropyWeight b: Float, into gradient: UnsafeMutablePointer<Float>
  ) {
    var offset = 0
    for (k, n) in nvec.enumerated() {
      Categorical.accumulateGradient(
        logits: logits + offset, count: n, action: actions[k], logProbabilityWeight: a, entropyWeight: b,
        into: gradient + offset)
      offset += n
    }
  }
}
