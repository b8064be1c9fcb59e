import GymCore

/// Linear Thompson sampling (Agrawal and Goyal 2013): sample θ̃ ~ N(θ̂, v²·V⁻¹) from the
/// ridge posterior and pull the arm with the largest x·θ̃.
///
/// The observation is the K×d feature matrix; `.shared` samples one θ̃ per step, `.disjoint`
/// one θ̃ₐ per arm. Regret Õ(d^{3/2}√T) (d√(T log K) for finitely many arms).
public struct LinTS: BanditPolicy, Sendable {
  public typealias Observation = [Float]

  /// Shared or disjoint parameters.
  public let model: LinearModel
  /// The posterior scale v.
  public let v: Double
  /// The ridge models: one (shared) or one per arm (disjoint).
  public private(set) var models: [RidgeModel]
  /// The number of arms.
  public let armCount: Int
  /// The generator of posterior samples.
  public var rng: RandomSource
  @usableFromInline var chosen: [Double]
  @usableFromInline var sample: [Double]
  @usableFromInline var factor: [Double]
  @usableFromInline var noise: [Double]

  /// LinTS over `armCount` arms with `dimension` features.
  /// - Precondition: positive sizes, `v >= 0`, `lambda > 0`.
  public init(armCount: Int, dimension: Int, model: LinearModel = .shared, v: Double = 0.1, lambda: Double = 1, seed: UInt64) {
    precondition(armCount > 0 && dimension > 0, "need arms and features")
    precondition(v >= 0 && v.isFinite, "v must be a finite non-negative number")
    self.model = model
    self.v = v
    self.armCount = armCount
    models = Array(repeating: RidgeModel(dimension: dimension, lambda: lambda), count: model == .shared ? 1 : armCount)
    rng = RandomSource(seed: seed)
    chosen = Array(repeating: 0, count: dimension)
    sample = Array(repeating: 0, count: dimension * (model == .shared ? 1 : armCount))
    factor = Array(repeating: 0, count: dimension * dimension)
    noise = Array(repeating: 0, count: dimension)
  }

  /// The feature dimension d.
  public var dimension: Int { chosen.count }

  /// Samples parameters and picks the best arm under them.
  /// - Precondition: `observation.count == armCount * dimension`.
  /// - Complexity: O(d³) per sampled parameter vector plus O(K·d).
  public mutating func act(_ observation: [Float]) -> Int {
    let d = dimension
    precondition(observation.count == armCount * d, "LinTS expects a \(armCount)×\(d) feature matrix, got \(observation.count) numbers")
    for m in 0..<models.count {
      factor.withUnsafeMutableBufferPointer { models[m].choleskyOfInverse(into: $0) }
      for j in 0..<d { noise[j] = rng.normal() }
      let theta = models[m].theta
      for i in 0..<d {
        var s = theta[i]
        for k in 0...i { s += v * factor[i * d + k] * noise[k] }
        sample[m * d + i] = s
      }
    }

    var best = 0, bestScore = -Double.infinity
    observation.withUnsafeBufferPointer { x in
      for a in 0..<armCount {
        let offset = (model == .shared ? 0 : a) * d
        var score = 0.0
        for j in 0..<d { score += Double(x[a * d + j]) * sample[offset + j] }
        if score > bestScore {
          best = a
          bestScore = score
        }
      }
      for j in 0..<d { chosen[j] = Double(x[best * d + j]) }
    }
    return best
  }

  public mutating func update(arm: Int, reward: Double) {
    let m = model == .shared ? 0 : arm
    chosen.withUnsafeBufferPointer { models[m].add($0, reward: reward) }
  }
}
