import GymCore

/// Transitions `(s, a, s')` in flat form, stored contiguously: the coverage distribution of a
/// reward comparison and the pools its canonicalisation samples from.
public struct TransitionSample: Sendable {
  /// Flat observation length.
  public let observationLength: Int
  /// Flat action length.
  public let actionLength: Int
  /// `count × observationLength` states before the steps.
  public var states: [Float]
  /// `count × actionLength` actions.
  public var actions: [Float]
  /// `count × observationLength` states after the steps.
  public var nextStates: [Float]
  /// Whether each step terminated the episode.
  public var terminated: [Bool]

  /// The number of transitions.
  public var count: Int { terminated.count }

  /// An empty sample.
  public init(observationLength: Int, actionLength: Int) {
    self.observationLength = observationLength
    self.actionLength = actionLength
    states = []
    actions = []
    nextStates = []
    terminated = []
  }

  /// `count` transitions of uniformly random actions in `environment`, restarting episodes as
  /// they end; reset `k` uses seed `seed + k`, actions come from `GymRandom(seed: seed)`.
  /// - Throws: what the environment's reset throws.
  public static func randomPolicy(_ environment: AnyEnvironment, count: Int, seed: UInt64) throws -> TransitionSample {
    var sample = TransitionSample(observationLength: environment.observationSpace.flatDimension, actionLength: environment.actionSpace.flatDimension)
    var rng = GymRandom(seed: seed)
    var episode: UInt64 = 0
    var obs = try environment.reset(seed: seed).observation
    while sample.count < count {
      let a = environment.sampleAction(using: &rng)
      let r = try environment.checkedStep(a)
      sample.states += obs
      sample.actions += a
      sample.nextStates += r.observation
      sample.terminated.append(r.terminated)
      obs = r.observation
      if r.terminated || r.truncated {
        episode += 1
        obs = try environment.reset(seed: seed &+ episode).observation
      }
    }
    return sample
  }
}

/// A reward of a transition `(s, a, s')` given in flat form, and whether `s'` ended the episode.
public typealias TransitionRewardFunction = (_ state: UnsafeBufferPointer<Float>, _ action: UnsafeBufferPointer<Float>, _ next: UnsafeBufferPointer<Float>, _ terminated: Bool) -> Double

extension CompiledReward {
  /// The program as a function of one transition (fresh `once`/`until` memory).
  public func transitionFunction() -> TransitionRewardFunction {
    let evaluator = RewardEvaluator(self)
    return { s, a, n, t in evaluator.evaluate(previous: s, action: a, next: n, terminated: t) }
  }
}

/// Distances between reward functions that need no policy training: EPIC (Gleave et al.,
/// ICLR 2021) and STARC (Skalse et al., ICLR 2024) with EPIC's canonicalisation and the L2 norm
/// over the coverage distribution.
///
/// Coverage transitions are evaluated with their own `terminated` flag, the pool's sampled
/// transitions as non-terminal.
///
/// Both canonicalise each reward to remove potential shaping,
/// `C(R)(s,a,s') = R(s,a,s') + E[γ R(s',A,S') − R(s,A,S') − γ R(S,A,S')]`, with `S, S'` drawn
/// from one state pool and `A` from an action pool, by Monte Carlo over the same samples for
/// both rewards. One pool for `S` and `S'` makes the canonical forms of `R` and of
/// `c·R + γΦ(s') − Φ(s) + k` (c > 0) exactly proportional, so both distances are 0 for them up
/// to rounding. EPIC is the Pearson distance `√((1 − ρ)/2)` of the canonical rewards over the
/// coverage transitions; STARC normalises each canonical reward to unit L2 norm and halves the
/// L2 distance between them. Both lie in [0, 1]; 1 for `R` against `−R`.
public enum RewardDistance {
  /// EPIC and STARC distances of one comparison.
  public struct Result: Sendable, Hashable {
    /// The EPIC pseudometric.
    public var epic: Double
    /// STARC with EPIC canonicalisation and the L2 norm.
    public var starc: Double
    /// The Pearson correlation of the canonical rewards.
    public var correlation: Double
  }

  /// The canonical form of `reward` on every coverage transition.
  /// - Parameters:
  ///   - reward: the reward function.
  ///   - coverage: the transitions compared on.
  ///   - states: the pool of states `S`, `S'` (flat, `observationLength` each).
  ///   - actions: the pool of actions `A` (flat, `actionLength` each), as many as states.
  ///   - gamma: the discount.
  /// - Complexity: O((coverage + pool) · pool) reward evaluations.
  public static func canonicalize(
    _ reward: TransitionRewardFunction, coverage: TransitionSample, states: [Float], actions: [Float], gamma: Double
  ) -> [Double] {
    let n = coverage.observationLength, m = coverage.actionLength
    let pool = states.count / n
    precondition(pool > 0 && actions.count == pool * m, "the state and action pools must be non-empty and of equal size")
    return states.withUnsafeBufferPointer { S in
      actions.withUnsafeBufferPointer { A in
        coverage.states.withUnsafeBufferPointer { cs in
          coverage.actions.withUnsafeBufferPointer { ca in
            coverage.nextStates.withUnsafeBufferPointer { cn in
              func slice(_ p: UnsafeBufferPointer<Float>, _ i: Int, _ w: Int) -> UnsafeBufferPointer<Float> {
                UnsafeBufferPointer(rebasing: p[(i * w)..<((i + 1) * w)])
              }
              // E over (S, A, S') of R(S, A, S'): every state of the pool against every
              // (A_j, S'_j) pair, so S and S' share one pool exactly.
              var meanPool = 0.0
              for k in 0..<pool {
                for j in 0..<pool { meanPool += reward(slice(S, k, n), slice(A, j, m), slice(S, j, n), false) }
              }
              meanPool /= Double(pool * pool)
              func meanFrom(_ s: UnsafeBufferPointer<Float>) -> Double {
                var sum = 0.0
                for j in 0..<pool { sum += reward(s, slice(A, j, m), slice(S, j, n), false) }
                return sum / Double(pool)
              }
              var out = [Double](repeating: 0, count: coverage.count)
              for i in 0..<coverage.count {
                let s = slice(cs, i, n), a = slice(ca, i, m), s2 = slice(cn, i, n)
                out[i] = reward(s, a, s2, coverage.terminated[i]) + gamma * meanFrom(s2) - meanFrom(s) - gamma * meanPool
              }
              return out
            }
          }
        }
      }
    }
  }

  /// EPIC and STARC distances between two rewards.
  /// - Parameters:
  ///   - a: the first reward.
  ///   - b: the second reward.
  ///   - coverage: the transitions compared on (e.g. `TransitionSample.randomPolicy`).
  ///   - poolSize: states and actions drawn (with replacement) from `coverage` for the
  ///     canonicalisation's expectations.
  ///   - gamma: the discount.
  ///   - seed: seeds the pool draws.
  /// - Complexity: O((coverage + poolSize) · poolSize) evaluations of each reward.
  public static func compare(
    _ a: TransitionRewardFunction, _ b: TransitionRewardFunction, coverage: TransitionSample,
    poolSize: Int = 256, gamma: Double = 0.99, seed: UInt64 = 0
  ) -> Result {
    precondition(coverage.count > 1, "compare on at least two transitions")
    precondition(poolSize > 0, "the pool needs at least one state")
    var rng = GymRandom(seed: seed)
    let n = coverage.observationLength, m = coverage.actionLength
    var states: [Float] = [], actions: [Float] = []
    states.reserveCapacity(poolSize * n)
    actions.reserveCapacity(poolSize * m)
    for _ in 0..<poolSize {
      let i = rng.int(below: coverage.count), j = rng.int(below: coverage.count)
      states += coverage.nextStates[(i * n)..<((i + 1) * n)]
      actions += coverage.actions[(j * m)..<((j + 1) * m)]
    }
    let ca = canonicalize(a, coverage: coverage, states: states, actions: actions, gamma: gamma)
    let cb = canonicalize(b, coverage: coverage, states: states, actions: actions, gamma: gamma)
    return distances(ca, cb)
  }

  /// EPIC and STARC distances between two compiled rewards over the same view.
  public static func compare(_ a: CompiledReward, _ b: CompiledReward, coverage: TransitionSample, poolSize: Int = 256, gamma: Double = 0.99, seed: UInt64 = 0) -> Result {
    compare(a.transitionFunction(), b.transitionFunction(), coverage: coverage, poolSize: poolSize, gamma: gamma, seed: seed)
  }

  /// EPIC and STARC distances of two canonical reward vectors over the same transitions.
  /// A constant vector has no direction: ρ is taken as 0, so its EPIC distance to anything is
  /// √½ ≈ 0.707.
  public static func distances(_ x: [Double], _ y: [Double]) -> Result {
    precondition(x.count == y.count && !x.isEmpty, "canonical rewards must cover the same transitions")
    let count = Double(x.count)
    let mx = x.reduce(0, +) / count, my = y.reduce(0, +) / count
    var sxy = 0.0, sxx = 0.0, syy = 0.0, nx = 0.0, ny = 0.0
    for i in x.indices {
      let dx = x[i] - mx, dy = y[i] - my
      sxy += dx * dy
      sxx += dx * dx
      syy += dy * dy
      nx += x[i] * x[i]
      ny += y[i] * y[i]
    }
    // Relative tolerance: a vector whose spread is rounding noise counts as constant.
    let tiny = 1e-24
    let rho = sxx <= tiny * max(1, mx * mx) * count || syy <= tiny * max(1, my * my) * count ? 0 : max(-1, min(1, sxy / (sxx * syy).squareRoot()))
    let epic = ((1 - rho) / 2).squareRoot()
    let normX = nx.squareRoot(), normY = ny.squareRoot()
    var d2 = 0.0
    for i in x.indices {
      let u = normX > 0 ? x[i] / normX : 0
      let v = normY > 0 ? y[i] / normY : 0
      d2 += (u - v) * (u - v)
    }
    return Result(epic: epic, starc: d2.squareRoot() / 2, correlation: rho)
  }
}
