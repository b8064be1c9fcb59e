import GymCore

/// DP-BAI (Chen, Karthik, Chee and Tan — ICLR 2024): ε-differentially private fixed-budget
/// best-arm identification in linear bandits with rewards in [0, 1], built on the principle
/// of maximum absolute determinants.
///
/// The budget T is split evenly over M = ⌈log₂ K⌉ elimination phases. In phase p, with active
/// set Aₚ of sₚ arms spanning a dₚ-dimensional subspace:
/// 1. If sₚ > dₚ, a Max-Det collection Bₚ ⊂ Aₚ of dₚ arms (largest |det| of their coordinates
///    in the span) is chosen and each of its arms is pulled ⌊(T/M)/dₚ⌋ times; otherwise every
///    active arm is pulled ⌊(T/M)/sₚ⌋ times (Bₚ = Aₚ).
/// 2. Each sampled arm's empirical mean, whose sensitivity to one reward is 1/n, is
///    privatised with Laplace noise of scale 1/(ε·n).
/// 3. θ is recovered in the span from the dₚ private means (Bₚ is a basis of it), every active
///    arm's mean is estimated as x·θ̂, and the ⌈sₚ/2⌉ best survive (ties at random).
/// The last survivor is the recommendation. Every reward enters exactly one privatised mean
/// and everything else is post-processing, so the whole policy is ε-DP.
///
/// Checked against arXiv 2401.09073 as far as it was reachable here (abstract, the review
/// discussion of Algorithm 1 — Max-Det arms pulled T′/(M·dₚ) times each, all active arms
/// T′/(M·sₚ) times once they are few — and the Laplace privatisation of per-arm means). The
/// paper's exact phase schedule (its equations 5–6) could not be retrieved; the halving
/// schedule above is SwiftGym's choice and is documented as such.
/// With ε = ∞ no noise is added (the non-private special case).
public struct DPBAI: BestArmIdentifier, Sendable {
  public typealias Observation = Int

  /// The privacy parameter ε (∞: no privacy).
  public let epsilon: Double
  /// The budget T.
  public let budget: Int
  /// The arms' feature vectors.
  public let features: [[Double]]
  /// The number of phases M = ⌈log₂ K⌉.
  public let phaseCount: Int
  /// The arms still active.
  public private(set) var active: [Int]
  /// The arms sampled in the current phase.
  public private(set) var sampled: [Int] = []
  /// Pulls of each sampled arm in the current phase.
  public private(set) var pullsPerArm = 0
  /// The privatised mean estimates of the active arms at the end of the latest phase.
  public private(set) var estimates: [Int: Double] = [:]
  /// The generator of noise and tie-breaks.
  public var rng: RandomSource
  @usableFromInline var sums: [Double]
  @usableFromInline var pullIndex = 0
  @usableFromInline var phase = 0

  /// DP-BAI over arms with the given features.
  /// - Parameters:
  ///   - features: one vector per arm (all of the same length).
  ///   - budget: T; at least M pulls per arm in total are needed (`budget >= M·K`).
  ///   - epsilon: ε > 0, or `.infinity` for the non-private variant.
  /// - Precondition: valid arguments.
  public init(features: [[Double]], budget: Int, epsilon: Double, seed: UInt64) {
    precondition(features.count >= 1 && features.allSatisfy { $0.count == features[0].count && !$0.isEmpty }, "every arm needs a feature vector of the same length")
    precondition(epsilon > 0, "epsilon must be positive")
    let k = features.count
    var m = 0
    while (1 << m) < k { m += 1 }
    precondition(budget >= Swift.max(m, 1) * k, "DP-BAI needs a budget of at least ⌈log₂ K⌉·K = \(Swift.max(m, 1) * k) pulls")
    self.features = features
    self.budget = budget
    self.epsilon = epsilon
    phaseCount = Swift.max(m, 1)
    active = Array(0..<k)
    rng = RandomSource(seed: seed)
    sums = Array(repeating: 0, count: k)
    if k > 1 { startPhase() }
  }

  /// DP-BAI on a context-free bandit: one-hot features (DP successive halving).
  public init(armCount: Int, budget: Int, epsilon: Double, seed: UInt64) {
    self.init(features: (0..<armCount).map { i in (0..<armCount).map { $0 == i ? 1.0 : 0 } }, budget: budget, epsilon: epsilon, seed: seed)
  }

  public var armCount: Int { features.count }

  /// The last survivor; before the end, the active arm with the best latest estimate.
  public var recommendation: Int {
    if active.count == 1 { return active[0] }
    return active.max { (estimates[$0] ?? 0, -$0) < (estimates[$1] ?? 0, -$1) }!
  }

  mutating func startPhase() {
    let vectors = active.map { features[$0] }
    let basis = MaxDet.basis(of: vectors)
    let coordinates = MaxDet.coordinates(vectors, in: basis)
    if active.count > basis.count {
      sampled = MaxDet.collection(coordinates, size: basis.count).map { active[$0] }
    } else {
      sampled = active
    }
    pullsPerArm = (budget / phaseCount) / sampled.count
    pullIndex = 0
    for a in sampled { sums[a] = 0 }
  }

  public mutating func act(_ observation: Int = 0) -> Int {
    if active.count == 1 { return active[0] }
    return sampled[pullIndex % sampled.count]
  }

  public mutating func update(arm: Int, reward: Double) {
    guard active.count > 1 else { return }
    sums[arm] += reward
    pullIndex += 1
    if pullIndex == pullsPerArm * sampled.count { endPhase() }
  }

  mutating func endPhase() {
    let n = Double(pullsPerArm)
    let scale = epsilon.isFinite ? 1 / (epsilon * n) : 0
    let privateMeans = sampled.map { sums[$0] / n + (scale > 0 ? rng.laplace(scale: scale) : 0) }
    // θ̂ in the span of the active arms, from the sampled arms' private means.
    let basis = MaxDet.basis(of: active.map { features[$0] })
    let sampledRows = MaxDet.coordinates(sampled.map { features[$0] }, in: basis)
    let theta = MaxDet.solve(sampledRows, privateMeans) ?? Array(repeating: 0, count: basis.count)
    var values: [(arm: Int, value: Double, tie: UInt64)] = []
    for a in active {
      let c = MaxDet.coordinates([features[a]], in: basis)[0]
      values.append((a, zip(c, theta).reduce(0) { $0 + $1.0 * $1.1 }, rng.next()))
    }
    estimates = Dictionary(uniqueKeysWithValues: values.map { ($0.arm, $0.value) })
    let keep = (active.count + 1) / 2
    values.sort { $0.value > $1.value || ($0.value == $1.value && $0.tie < $1.tie) }
    active = values.prefix(keep).map(\.arm).sorted()
    phase += 1
    if active.count > 1 { startPhase() }
  }
}
