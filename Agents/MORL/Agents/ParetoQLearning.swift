import GymCore
import GymMultiObjective

/// Pareto Q-learning (Van Moffaert and Nowé 2014), tabular, as in MORL-Baselines' `PQL`.
///
/// For every (state, action) it keeps the visit count, the average immediate reward `R̄(s, a)`
/// and `ND(s, a)`, the non-dominated vectors of the next state. The Q-set is
/// `R̄(s, a) ⊕ γ · ND(s, a)`. Actions are ε-greedy on the hypervolume of each action's Q-set
/// (or on Pareto cardinality), ties broken at random; ε decays linearly per step, updated at
/// episode ends. Policies are recovered by *tracking*: from the start state follow the action
/// whose Q-set holds the target return, then replace the target by its successor vector.
///
/// The algorithm, its schedule and its evaluation protocol are MORL-Baselines'; the set
/// operations are flat `Double` buffers with a native hypervolume, which is where Python PQL
/// spends its time. The method assumes deterministic transitions; on a stochastic environment
/// that is its own model (resource-gathering) the tracked policies are still evaluated exactly.
public final class ParetoQLearning<Env: TabularMultiObjectiveEnvironment>: MultiObjectiveLearner {
  /// How actions are scored.
  public enum ActionScoring: String, Sendable, CaseIterable {
    /// The hypervolume of the action's Q-set at the reference point.
    case hypervolume
    /// How many vectors of the state's non-dominated set the action's Q-set contains.
    case cardinality
  }

  /// PQL's settings (MORL-Baselines' defaults, except γ which their DST runs set to 0.99).
  public struct Configuration: Sendable {
    /// The discount factor.
    public var gamma = 0.99
    /// ε at the start.
    public var initialEpsilon = 1.0
    /// ε after the decay.
    public var finalEpsilon = 0.1
    /// Steps over which ε decays linearly.
    public var epsilonDecaySteps = 100_000
    /// The reference point of the hypervolume action scoring.
    public var referencePoint: [Double]
    /// The time limit of training and evaluation episodes.
    public var maxEpisodeSteps = 100
    /// How actions are scored.
    public var actionScoring = ActionScoring.hypervolume
    /// Vectors closer than this in every objective count as equal.
    public var tolerance = 1e-9
    /// The seed of the agent's generator (environment resets are seeded from it too).
    public var seed: UInt64 = 0

    /// Settings with `referencePoint`.
    public init(referencePoint: [Double]) { self.referencePoint = referencePoint }
  }

  /// The settings.
  public let configuration: Configuration
  /// The training environment.
  public var env: Env
  /// Environment steps taken.
  public private(set) var step = 0
  /// The current exploration rate.
  public private(set) var epsilon: Double
  let states: Int, actions: Int, d: Int
  var counts: [Int32]
  var averageReward: [Double]
  /// ND(s, a), flat, per (state, action).
  var nonDominated: [[Double]]
  var rng: GymRandom
  var startState: Int?

  /// A learner for `env`.
  /// - Precondition: the reference point has one entry per objective.
  public init(env: Env, configuration: Configuration) {
    let d = env.rewardSpace.count
    precondition(configuration.referencePoint.count == d, "the reference point needs \(d) entries")
    precondition(configuration.gamma >= 0 && configuration.gamma <= 1, "gamma must be in [0, 1]")
    self.env = env
    self.configuration = configuration
    states = env.stateCount
    actions = env.actionCount
    self.d = d
    counts = Array(repeating: 0, count: states * actions)
    averageReward = Array(repeating: 0, count: states * actions * d)
    nonDominated = Array(repeating: Array(repeating: 0, count: d), count: states * actions)
    rng = GymRandom(seed: configuration.seed)
    epsilon = configuration.initialEpsilon
  }

  /// The Q-set of (`state`, `action`), flat.
  func qSet(_ state: Int, _ action: Int, into out: inout [Double]) {
    let sa = state * actions + action
    let nd = nonDominated[sa]
    let gamma = configuration.gamma
    out.removeAll(keepingCapacity: true)
    var i = 0
    while i < nd.count {
      for k in 0..<d { out.append(averageReward[sa * d + k] + gamma * nd[i + k]) }
      i += d
    }
  }

  /// The Q-set of (`state`, `action`) as vectors.
  public func qSet(state: Int, action: Int) -> [[Double]] {
    var flat: [Double] = []
    qSet(state, action, into: &flat)
    return stride(from: 0, to: flat.count, by: d).map { Array(flat[$0..<($0 + d)]) }
  }

  var scratch: [Double] = []
  var union: [Double] = []

  /// The non-dominated union of the Q-sets of `state`, flat.
  func stateFront(_ state: Int) -> [Double] {
    union.removeAll(keepingCapacity: true)
    for a in 0..<actions {
      qSet(state, a, into: &scratch)
      union += scratch
    }
    return FlatPareto.nonDominated(union, dimension: d, tolerance: configuration.tolerance)
  }

  /// The learned front at the start state: `ND(∪_a Q-set(s₀, a))`.
  public func localFront() -> [[Double]] {
    let s = startIndex()
    let flat = stateFront(s)
    return stride(from: 0, to: flat.count, by: d).map { Array(flat[$0..<($0 + d)]) }
  }

  func startIndex() -> Int {
    if let startState { return startState }
    var probe = env
    let s = (try? probe.reset(seed: 0, options: [:])).map { env.stateIndex(of: $0.observation) } ?? 0
    startState = s
    return s
  }

  func selectAction(_ state: Int) -> Int {
    if rng.nextDouble() < epsilon { return rng.int(below: actions) }
    var scores = [Double](repeating: 0, count: actions)
    switch configuration.actionScoring {
    case .hypervolume:
      for a in 0..<actions {
        qSet(state, a, into: &scratch)
        scores[a] = Hypervolume.uncheckedFlat(scratch, dimension: d, reference: configuration.referencePoint)
      }
    case .cardinality:
      let front = stateFront(state)
      for a in 0..<actions {
        qSet(state, a, into: &scratch)
        scores[a] = Double(FlatPareto.countContained(front, in: scratch, dimension: d, tolerance: configuration.tolerance))
      }
    }
    let best = scores.max()!
    var ties = 0
    for s in scores where s == best { ties += 1 }
    var pick = rng.int(below: ties)
    for a in 0..<actions where scores[a] == best {
      if pick == 0 { return a }
      pick -= 1
    }
    return actions - 1
  }

  /// One environment step of learning from `state`; returns the next state and whether the
  /// episode ended.
  func learn(_ state: Int, elapsed: Int) -> (next: Int, done: Bool) {
    let action = selectAction(state)
    let r = env.step(action)
    step += 1
    let next = env.stateIndex(of: r.observation)
    let sa = state * actions + action
    counts[sa] += 1
    nonDominated[sa] = r.terminated ? Array(repeating: 0, count: d) : stateFront(next)
    let n = Double(counts[sa])
    for k in 0..<d { averageReward[sa * d + k] += (r.reward.values[k] - averageReward[sa * d + k]) / n }
    return (next, r.terminated || r.truncated || elapsed + 1 >= configuration.maxEpisodeSteps)
  }

  @discardableResult
  public func train(
    steps total: Int, evaluateEvery: Int, scoring: FrontScoring, onEvaluation: (TrainingProgress) -> Bool = { _ in true }
  ) throws -> [TrainingProgress] {
    precondition(evaluateEvery > 0, "evaluateEvery must be positive")
    let clock = ContinuousClock.now
    var log: [TrainingProgress] = []
    var nextEvaluation = step + evaluateEvery
    let end = step + total
    outer: while step < end {
      let obs = try env.reset(seed: rng.next(), options: [:]).observation
      var state = env.stateIndex(of: obs)
      if startState == nil { startState = state }
      var elapsed = 0
      while step < end {
        let (next, done) = learn(state, elapsed: elapsed)
        state = next
        elapsed += 1
        if step >= nextEvaluation {
          nextEvaluation += evaluateEvery
          let score = try scoring.score(evaluatedReturns())
          let seconds = (ContinuousClock.now - clock).secondsDouble
          let progress = TrainingProgress(step: step, seconds: seconds, score: score, epsilon: epsilon)
          log.append(progress)
          if !onEvaluation(progress) { break outer }
        }
        if done { break }
      }
      epsilon = linearSchedule(
        initial: configuration.initialEpsilon, final: configuration.finalEpsilon,
        period: configuration.epsilonDecaySteps, step: step)
    }
    return log
  }

  /// The action tracking `target` takes in `state`, and the target it tracks next: the action
  /// whose Q-set holds the vector nearest to `target` (L1), and that vector's successor in
  /// `ND(state, action)`.
  func trackChoice(_ state: Int, _ target: [Double]) -> (action: Int, successor: [Double]) {
    let gamma = configuration.gamma
    var closest = Double.infinity, chosen = 0
    var successor = target
    search: for a in 0..<actions {
      let sa = state * actions + a
      let nd = nonDominated[sa]
      var i = 0
      while i < nd.count {
        var dist = 0.0
        for k in 0..<d { dist += abs(gamma * nd[i + k] + averageReward[sa * d + k] - target[k]) }
        if dist < closest {
          closest = dist
          chosen = a
          successor = Array(nd[i..<(i + d)])
          if dist < 1e-3 { break search }
        }
        i += d
      }
    }
    return (chosen, successor)
  }

  /// The discounted return of one episode tracking `target` from a reset with seed 0.
  ///
  /// On a stochastic environment this is one sample, not the policy's value: on
  /// resource-gathering an episode the enemies spare returns more than any policy's
  /// expectation (see `expectedTrackReturn`).
  public func trackPolicy(_ target: [Double]) -> [Double] {
    var evalEnv = env
    var target = target
    return rollout(&evalEnv, seed: 0, maxSteps: configuration.maxEpisodeSteps, gamma: configuration.gamma, dimension: d) { obs, _ in
      let choice = trackChoice(env.stateIndex(of: obs), target)
      target = choice.successor
      return choice.action
    }
  }

  /// The expected discounted return of tracking `target`, exactly, over `model`'s outcomes
  /// (whose states must be numbered as `env.stateIndex(of:)` numbers observations).
  ///
  /// The tracking policy depends on the state, the current target and the time, so the
  /// expectation is a recursion over the outcomes of each chosen action, memoised on those
  /// three.
  /// - Complexity: O(distinct (state, target, time) triples reached · A · |ND| · d).
  public func expectedTrackReturn(_ target: [Double], model: some MultiObjectiveModel) -> [Double] {
    let gamma = configuration.gamma, horizon = configuration.maxEpisodeSteps
    let zero = [Double](repeating: 0, count: d)
    var memo: [TrackKey: [Double]] = [:]
    func value(_ s: Int, _ target: [Double], _ t: Int) -> [Double] {
      let key = TrackKey(state: s, time: t, target: target)
      if let v = memo[key] { return v }
      let (action, successor) = trackChoice(s, target)
      var v = zero
      for o in model.outcomes(state: s, action: action) where o.probability > 0 {
        let rest = o.terminal || t + 1 >= horizon ? zero : value(o.next, successor, t + 1)
        for k in 0..<d { v[k] += o.probability * (o.reward[k] + gamma * rest[k]) }
      }
      memo[key] = v
      return v
    }
    var total = zero
    for (s, p) in model.initialStates {
      let v = value(s, target, 0)
      for k in 0..<d { total[k] += p * v[k] }
    }
    return total
  }

  /// The returns of tracking every vector of the learned front: exact expectations when the
  /// environment is its own model (`StateIndexedModel`), else one episode each (exact for
  /// deterministic environments).
  ///
  /// PQL's Q-sets on a stochastic environment are not expectations — `ND(s, a)` holds the set
  /// of whichever next state came last — so the learned front itself can lie above the true
  /// one; only the tracked policies' values are comparable with it.
  public func evaluatedReturns() -> [[Double]] {
    let front = localFront()
    if let model = env as? any StateIndexedModel, model.modelCoversDynamics {
      return front.map { expectedTrackReturn($0, model: model) }
    }
    return front.map { trackPolicy($0) }
  }
}

/// A memo key of `expectedTrackReturn`: where the tracking policy is, when, and what it tracks.
struct TrackKey: Hashable {
  var state: Int, time: Int, target: [Double]
}

extension Duration {
  /// The duration in seconds.
  @usableFromInline var secondsDouble: Double {
    let (s, atto) = components
    return Double(s) + Double(atto) * 1e-18
  }
}

/// Non-dominated filtering on flat buffers (maximisation, with a tolerance).
enum FlatPareto {
  /// The non-dominated vectors of `points` (dimension `d`), near-duplicates removed.
  static func nonDominated(_ points: [Double], dimension d: Int, tolerance: Double) -> [Double] {
    let n = points.count / d
    if n <= 1 { return points }
    // Order by the first objective, descending: a vector can only be weakly dominated by
    // one that comes earlier or ties within tolerance.
    let order = (0..<n).sorted { points[$0 * d] > points[$1 * d] }
    var kept: [Double] = []
    kept.reserveCapacity(points.count)
    var count = 0
    for i in order {
      let ib = i * d
      var dominated = false
      var j = 0
      while j < count {
        let jb = j * d
        var weak = true
        for k in 0..<d where kept[jb + k] < points[ib + k] - tolerance { weak = false; break }
        if weak { dominated = true; break }
        j += 1
      }
      if dominated { continue }
      // Drop kept vectors that this one weakly dominates (possible only within tolerance).
      var w = 0
      for j in 0..<count {
        let jb = j * d
        var covered = true
        for k in 0..<d where points[ib + k] < kept[jb + k] - tolerance { covered = false; break }
        if !covered {
          if w != j { for k in 0..<d { kept[w * d + k] = kept[jb + k] } }
          w += 1
        }
      }
      kept.removeLast((count - w) * d)
      count = w
      for k in 0..<d { kept.append(points[ib + k]) }
      count += 1
    }
    return kept
  }

  /// How many vectors of `front` appear (within tolerance) in `set`.
  static func countContained(_ front: [Double], in set: [Double], dimension d: Int, tolerance: Double) -> Int {
    var hits = 0
    var i = 0
    while i < front.count {
      var j = 0
      while j < set.count {
        var same = true
        for k in 0..<d where abs(front[i + k] - set[j + k]) > tolerance { same = false; break }
        if same { hits += 1; break }
        j += d
      }
      i += d
    }
    return hits
  }
}
