import GymCore
import RealModule

/// KL-UCB for rewards in [0, 1] (Garivier and Cappé 2011): pull every arm once, then the arm
/// with the largest qᵢ = max{q ∈ [μ̂ᵢ, 1] : nᵢ·kl(μ̂ᵢ, q) ≤ ln t + c·ln ln t}, kl the Bernoulli
/// relative entropy.
///
/// Asymptotically optimal for Bernoulli arms (E[nᵢ(T)] ≲ ln T / kl(μᵢ, μ*)). c = 0 is the
/// practical choice (c = 3 in the analysis). The argmax is exact but cheap: an index is found by
/// Newton's method (to 1e-12) and cached; since q is a concave function of the level
/// δ = (ln t + c ln ln t)/n, the tangent at the cached point bounds it from above as t grows, and
/// only arms whose bound reaches the best exact index are solved again. A step costs a few
/// logarithms instead of a solve per arm.
public struct KLUCB: BanditPolicy, Sendable {
  public typealias Observation = Int

  /// The statistics so far.
  public private(set) var statistics: ArmStatistics
  /// The constant c of the c·ln ln t term.
  public let c: Double
  @usableFromInline var cachedIndex: [Double]
  @usableFromInline var cachedLevel: [Double]
  @usableFromInline var cachedSlope: [Double]

  /// KL-UCB over `armCount` arms.
  /// - Precondition: `armCount > 0`, `c >= 0`.
  public init(armCount: Int, c: Double = 0) {
    precondition(c >= 0 && c.isFinite, "c must be a finite non-negative number")
    statistics = ArmStatistics(arms: armCount)
    self.c = c
    cachedIndex = Array(repeating: 0, count: armCount)
    cachedLevel = Array(repeating: -1, count: armCount)
    cachedSlope = Array(repeating: 0, count: armCount)
  }

  public var armCount: Int { statistics.armCount }

  /// Every arm's KL-UCB index after `statistics.total` pulls (+∞ for unpulled arms).
  public var indices: [Double] {
    let t = Double(max(statistics.total, 1))
    let level = Double.log(t) + (c > 0 && t > Double.exp(1) ? c * Double.log(Double.log(t)) : 0)
    return (0..<armCount).map { i in
      statistics.counts[i] == 0 ? .infinity : Self.upperBound(mean: statistics.mean(i), level: level / Double(statistics.counts[i]))
    }
  }

  /// The Bernoulli relative entropy kl(p, q) = p ln(p/q) + (1−p) ln((1−p)/(1−q)).
  public static func kl(_ p: Double, _ q: Double) -> Double {
    var r = 0.0
    if p > 0 { r += p * Double.log(p / q) }
    if p < 1 { r += (1 - p) * Double.log((1 - p) / (1 - q)) }
    return r
  }

  /// The largest q ∈ [p, 1] with kl(p, q) ≤ `level`, to within 1e-12.
  /// - Parameter start: an estimate of the answer to start Newton's method from (a nearby
  ///   previous index); any value is safe.
  public static func upperBound(mean p: Double, level: Double, start: Double? = nil) -> Double {
    if level <= 0 { return p }
    if p >= 1 { return 1 }
    if p <= 0 { return -Double.expMinusOne(-level) }  // 1 − e^(−level)
    // Newton on f(q) = kl(p, q) − level: f is increasing and convex on [p, 1), so iterates
    // right of the root decrease monotonically to it, and a step from the left lands right of
    // it. Two upper bounds cap the iterates: Pinsker's q ≤ p + √(level/2) and, from
    // p ln(p/q) ≥ p ln p, 1 − q ≥ (1 − p)·e^(−(level − p ln p)/(1 − p)).
    let tail = 1 - (1 - p) * Double.exp(-(level - p * Double.log(p)) / (1 - p))
    var high = Swift.min(p + (level / 2).squareRoot(), tail)
    if high >= 1 { high = (1.0).nextDown }
    var q = high
    if let start, start > p, start < high { q = start }
    for _ in 0..<100 {
      let f = kl(p, q) - level
      if abs(f) <= 1e-14 { break }
      let step = f * q * (1 - q) / (q - p)
      var next = q - step
      if next >= high { next = high }
      if next <= p { next = p + (q - p) / 2 }
      if abs(next - q) < 1e-13 { q = next; break }
      q = next
    }
    return q
  }

  /// Picks an arm.
  /// - Complexity: O(K) plus a Newton solve (a handful of logarithms) for the arms whose
  ///   tangent bound reaches the best exact index — usually one or two.
  public mutating func act(_ observation: Int = 0) -> Int {
    if let arm = statistics.initialRound { return arm }
    let t = Double(statistics.total)
    var logTerm = Double.log(t)
    if c > 0 && t > Double.exp(1) { logTerm += c * Double.log(Double.log(t)) }
    let k = armCount
    // The arm with the largest upper bound (exact where the cache is fresh).
    var first = 0, firstBound = -Double.infinity
    for i in 0..<k {
      let level = logTerm / Double(statistics.counts[i])
      if cachedLevel[i] < 0 { refresh(i, level: level, start: cachedIndex[i]) }
      let bound = upperBound(i, level: level)
      if bound > firstBound {
        first = i
        firstBound = bound
      }
    }
    var best = first
    let firstLevel = logTerm / Double(statistics.counts[first])
    var bestIndex = cachedLevel[first] == firstLevel ? cachedIndex[first] : refresh(first, level: firstLevel, start: firstBound)
    for i in 0..<k where i != first {
      let level = logTerm / Double(statistics.counts[i])
      guard upperBound(i, level: level) >= bestIndex else { continue }
      let q = cachedLevel[i] == level ? cachedIndex[i] : refresh(i, level: level, start: upperBound(i, level: level))
      if q > bestIndex || (q == bestIndex && i < best) {
        best = i
        bestIndex = q
      }
    }
    return best
  }

  /// The tangent bound on arm `i`'s index at `level` ≥ its cached level (exact when equal).
  func upperBound(_ i: Int, level: Double) -> Double {
    level == cachedLevel[i] ? cachedIndex[i] : cachedIndex[i] + (level - cachedLevel[i]) * cachedSlope[i]
  }

  /// Solves arm `i`'s index at `level` and caches it with the tangent slope dq/dδ = q(1−q)/(q−p).
  @discardableResult
  mutating func refresh(_ i: Int, level: Double, start: Double? = nil) -> Double {
    let p = statistics.mean(i)
    let q = Self.upperBound(mean: p, level: level, start: start)
    cachedIndex[i] = q
    cachedLevel[i] = level
    cachedSlope[i] = q >= 1 ? 0 : (q > p ? q * (1 - q) / (q - p) : .infinity)
    return q
  }

  public mutating func update(arm: Int, reward: Double) {
    statistics.record(arm: arm, reward: reward)
    // The old index is a good starting point for the new one (see `act`).
    cachedLevel[arm] = -1
  }
}
