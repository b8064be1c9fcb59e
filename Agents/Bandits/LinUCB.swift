import GymCore

/// How a linear policy maps features to arms (Li et al. 2010).
public enum LinearModel: String, Sendable, Hashable, CaseIterable {
  /// One parameter vector θ for all arms; each arm has its own feature row.
  case shared
  /// One parameter vector θₐ per arm (LinUCB's "disjoint" model, MABWiser's linear policies);
  /// each arm reads its own row (the shared context, for disjoint environments).
  case disjoint
}

/// LinUCB (Li, Chu, Langford and Schapire 2010) / OFUL: ridge estimates θ̂ = V⁻¹b and the arm
/// with the largest x·θ̂ + α·‖x‖_{V⁻¹}.
///
/// The observation is the K×d feature matrix (row a for arm a). With `.shared` one ridge model
/// learns θ from every pull; with `.disjoint` each arm has its own. Ties go to the lowest index.
/// OFUL's regret is Õ(d√T).
public struct LinUCB: BanditPolicy, Sendable {
  public typealias Observation = [Float]

  /// Shared or disjoint parameters.
  public let model: LinearModel
  /// The exploration multiplier α.
  public let alpha: Double
  /// The ridge models: one (shared) or one per arm (disjoint).
  public private(set) var models: [RidgeModel]
  /// The number of arms.
  public let armCount: Int
  @usableFromInline var chosen: [Double]
  @usableFromInline var row: [Double]

  /// LinUCB over `armCount` arms with `dimension` features.
  /// - Precondition: positive sizes, `alpha >= 0`, `lambda > 0`.
  public init(armCount: Int, dimension: Int, model: LinearModel = .shared, alpha: Double = 1, lambda: Double = 1) {
    precondition(armCount > 0 && dimension > 0, "need arms and features")
    precondition(alpha >= 0 && alpha.isFinite, "alpha must be a finite non-negative number")
    self.model = model
    self.alpha = alpha
    self.armCount = armCount
    models = Array(repeating: RidgeModel(dimension: dimension, lambda: lambda), count: model == .shared ? 1 : armCount)
    chosen = Array(repeating: 0, count: dimension)
    row = Array(repeating: 0, count: dimension)
  }

  /// The feature dimension d.
  public var dimension: Int { chosen.count }

  /// Picks the arm with the largest upper confidence bound.
  /// - Precondition: `observation.count == armCount * dimension`.
  /// - Complexity: O(K·d²).
  public mutating func act(_ observation: [Float]) -> Int {
    let d = dimension
    precondition(observation.count == armCount * d, "LinUCB expects a \(armCount)×\(d) feature matrix, got \(observation.count) numbers")
    var best = 0, bestScore = -Double.infinity
    observation.withUnsafeBufferPointer { x in
      row.withUnsafeMutableBufferPointer { r in
        for a in 0..<armCount {
          for j in 0..<d { r[j] = Double(x[a * d + j]) }
          let (mean, variance) = models[model == .shared ? 0 : a].evaluate(UnsafeBufferPointer(r))
          let score = mean + alpha * variance.squareRoot()
          if score > bestScore {
            best = a
            bestScore = score
          }
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
