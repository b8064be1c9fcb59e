import GymCore
import GymMultiObjective
import GymNN
import GymPPO

/// Settings of a C-MORL run (Liu et al., ICLR 2025) and of its linear-scalarisation baseline.
public struct CMORLConfiguration: Sendable {
  /// PPO's hyperparameters for every policy (its `totalSteps` is ignored).
  public var ppo: PPOConfiguration
  /// The preference vectors of the Pareto initialisation, one PPO policy each.
  public var preferences: [[Double]]
  /// Environment steps in all, over every policy.
  public var totalSteps = 300_000
  /// The share of `totalSteps` spent on the Pareto initialisation (C-MORL's `num-init-steps`).
  public var initialFraction = 0.6
  /// Policies picked by crowding distance per extension round (`num-select`).
  public var selectCount = 2
  /// Extension rounds that share the remaining steps.
  public var rounds = 1
  /// Constraint level β ∈ (0, 1): the other objectives may lose at most `(1 − β)` of their
  /// range over the archive.
  public var beta = 0.9
  /// Barrier strength t: the barrier is `(1/t) Σ log(slack)`.
  public var barrier = 20.0
  /// PPO iterations between evaluations of the policy being trained.
  public var evaluateEvery = 2
  /// Deterministic episodes per evaluation.
  public var evaluationEpisodes = 2
  /// Discount of the evaluated (and constrained) returns.
  public var gamma = 0.99
  /// The episode time limit.
  public var maxEpisodeSteps = 1000
  /// At most this many policies stay in the archive (the most crowded go first).
  public var archiveCapacity = 200
  /// The seed.
  public var seed: UInt64 = 0
  /// Whether a constrained run starts with a fresh critic rather than the selected policy's:
  /// our PPO's critic is scalar, so the copied one predicts the initial preference's return,
  /// not the barrier-weighted one (C-MORL's vector critic has no such mismatch).
  public var freshCritic = true

  /// Settings for these preferences.
  public init(ppo: PPOConfiguration, preferences: [[Double]]) {
    self.ppo = ppo
    self.preferences = preferences
  }

  /// Throws `MORLError` naming the first bad setting.
  public func validate(objectives d: Int) throws {
    guard !preferences.isEmpty else { throw MORLError("C-MORL needs at least one preference vector") }
    for w in preferences where w.count != d || w.contains(where: { !$0.isFinite || $0 < 0 }) || w.reduce(0, +) <= 0 {
      throw MORLError("preference \(w) must have \(d) non-negative entries with a positive sum")
    }
    guard (0...1).contains(initialFraction) && initialFraction > 0 else { throw MORLError("initial fraction must be in (0, 1], got \(initialFraction)") }
    guard beta > 0 && beta < 1 else { throw MORLError("beta must be in (0, 1), got \(beta)") }
    guard barrier > 0 else { throw MORLError("barrier strength t must be positive, got \(barrier)") }
    guard selectCount > 0, rounds > 0, evaluateEvery > 0, evaluationEpisodes > 0, archiveCapacity > 0, maxEpisodeSteps > 0 else {
      throw MORLError("select count, rounds, evaluate-every, evaluation episodes, archive capacity and the time limit must be positive")
    }
    let rollout = ppo.rolloutSize
    guard stepsPerInitialPolicy >= rollout else {
      throw MORLError("\(totalSteps) steps give each of \(preferences.count) initial policies \(stepsPerInitialPolicy) steps, fewer than one rollout (\(rollout))")
    }
    if initialFraction < 1 {
      guard stepsPerExtension(objectives: d) >= rollout else {
        throw MORLError("the extension gives each constrained run \(stepsPerExtension(objectives: d)) steps, fewer than one rollout (\(rollout)); raise the steps or the initial fraction")
      }
    }
  }

  /// Steps each initial policy trains for.
  public var stepsPerInitialPolicy: Int { Int(Double(totalSteps) * initialFraction) / preferences.count }
  /// Steps of each constrained run (one per selected policy and objective).
  public func stepsPerExtension(objectives d: Int) -> Int {
    (totalSteps - stepsPerInitialPolicy * preferences.count) / (rounds * selectCount * d)
  }
}

/// One policy in the archive: its evaluated return vector and its parameters.
public struct ArchivedPolicy: Sendable {
  /// Mean discounted return vector of its deterministic evaluation episodes.
  public var returns: [Double]
  /// The policy's parameter values.
  public var parameters: [Float]
  /// Its observation normaliser, if PPO normalised observations.
  public var normalizer: ObservationNormalizer?
  /// The phase that made it: "init" or "extend".
  public var phase: String
  /// Total environment steps spent when it was evaluated.
  public var step: Int
}

/// Where a C-MORL (or baseline) run stands after an evaluation.
public struct CMORLProgress: Sendable {
  /// Environment steps spent.
  public var step: Int
  /// "init" or "extend".
  public var phase: String
  /// The archive's hypervolume.
  public var hypervolume: Double
  /// The archive's return vectors.
  public var front: [[Double]]
}

/// The outcome of a C-MORL (or baseline) run.
public struct CMORLResult: Sendable {
  /// The non-dominated archive.
  public var archive: [ArchivedPolicy]
  /// Every evaluated return vector, in order.
  public var evaluated: [[Double]]
  /// The evaluated return vector of each PPO run's last policy (one per preference for the
  /// baseline): the front a linear-scalarisation method reports when it keeps no archive.
  public var finalReturns: [[Double]]
  /// (steps spent, hypervolume of the archive) after each evaluation.
  public var curve: [(step: Int, hypervolume: Double)]
  /// Environment steps spent.
  public var steps: Int
  /// Wall seconds.
  public var seconds: Double
}

/// C-MORL: constrained multi-objective RL on our PPO.
///
/// 1. **Pareto initialisation**: one PPO policy per preference vector, trained on the linearly
///    scalarised reward; every few updates the policy is evaluated and offered to the archive
///    (which keeps only non-dominated policies).
/// 2. **Crowding-distance selection**: the `selectCount` archive policies with the largest
///    NSGA-II crowding distance that were not extended before.
/// 3. **Constrained extension**: for each selected policy and each objective `l`, a copy is
///    trained to maximise objective `l` subject to every other objective `j` keeping
///    `G_j ≥ b_j`, with the interior-point log-barrier `J_l + (1/t) Σ_j log(G_j − b_j)`.
///    Its gradient is `∇J_l + Σ_j ∇G_j / (t (G_j − b_j))`, a policy gradient on the reward
///    weighted `1` for `l` and `1/(t · slack_j)` for `j`, so each PPO iteration scalarises with
///    those weights, recomputed from the returns of the latest training episodes (the
///    slack is floored at 0.001 as in the reference code). Objectives are measured in units of
///    their range over the archive, and `b_j = G_j(π) − (1 − β) · range_j`, which keeps the
///    constraint a permitted loss for costs (negative returns) too.
/// 4. Rounds of 2–3 until the steps are spent.
///
/// `baseline` runs step 1 alone with the whole budget: the linear-scalarisation PPO baseline.
public enum CMORL {
  /// The registered environments `gym morl --algo cmorl` and `linear-ppo` train on.
  public static let environmentIDs = ["mo-lunar-lander-v3", "mo-lunar-lander-continuous-v3", "mo-mountaincar-v0", "mo-mountaincarcontinuous-v0"]

  /// Runs C-MORL.
  /// - Parameters:
  ///   - configuration: validated settings.
  ///   - make: builds a fresh multi-objective environment (called for every sub-environment
  ///     and evaluation).
  ///   - referencePoint: for the hypervolume curve.
  ///   - progress: called after each evaluation with the steps spent, the phase, the archive
  ///     and its hypervolume.
  public static func run<Base: MultiObjectiveEnvironment>(
    _ configuration: CMORLConfiguration, referencePoint: [Double], make: @escaping () throws -> Base,
    progress: ((CMORLProgress) -> Void)? = nil
  ) throws -> CMORLResult where Base.ActionSpace: PolicyActionSpace {
    var state = try RunState(configuration, referencePoint: referencePoint, make: make, progress: progress)
    try state.initialise(stepsEach: configuration.stepsPerInitialPolicy)
    if configuration.initialFraction < 1 {
      let stepsEach = configuration.stepsPerExtension(objectives: state.d)
      for _ in 0..<configuration.rounds { try state.extend(stepsEach: stepsEach) }
    }
    return state.result()
  }

  /// The linear-scalarisation PPO baseline: one policy per preference, trained on the
  /// scalarised reward for `totalSteps / preferences.count` steps each and evaluated as
  /// C-MORL's initial policies are.
  public static func baseline<Base: MultiObjectiveEnvironment>(
    _ configuration: CMORLConfiguration, referencePoint: [Double], make: @escaping () throws -> Base,
    progress: ((CMORLProgress) -> Void)? = nil
  ) throws -> CMORLResult where Base.ActionSpace: PolicyActionSpace {
    var c = configuration
    c.initialFraction = 1
    var state = try RunState(c, referencePoint: referencePoint, make: make, progress: progress)
    try state.initialise(stepsEach: c.stepsPerInitialPolicy)
    return state.result()
  }

  /// NSGA-II crowding distance of each point (boundary points of any objective: infinity).
  /// - Complexity: O(d · n log n).
  public static func crowdingDistance(_ points: [[Double]]) -> [Double] {
    let n = points.count
    guard n > 2, let d = points.first?.count else { return [Double](repeating: .infinity, count: n) }
    var distance = [Double](repeating: 0, count: n)
    for k in 0..<d {
      let order = (0..<n).sorted { points[$0][k] < points[$1][k] || (points[$0][k] == points[$1][k] && $0 < $1) }
      let span = points[order[n - 1]][k] - points[order[0]][k]
      distance[order[0]] = .infinity
      distance[order[n - 1]] = .infinity
      guard span > 0 else { continue }
      for i in 1..<(n - 1) { distance[order[i]] += (points[order[i + 1]][k] - points[order[i - 1]][k]) / span }
    }
    return distance
  }

  /// The barrier weights for maximising objective `l` of a policy whose returns are
  /// `current`, with lower bounds `bounds` and objective ranges `scales` (see `CMORL`).
  public static func barrierWeights(objective l: Int, current: [Double], bounds: [Double], scales: [Double], t: Double) -> [Double] {
    var w = [Double](repeating: 0, count: current.count)
    for j in current.indices {
      if j == l {
        w[j] = 1 / scales[j]
      } else {
        let slack = max((current[j] - bounds[j]) / scales[j], 0.001)
        w[j] = 1 / (t * slack) / scales[j]
      }
    }
    let largest = w.map(abs).max()!
    return w.map { $0 / largest }
  }
}

/// The archive and bookkeeping of one run.
struct RunState<Base: MultiObjectiveEnvironment> where Base.ActionSpace: PolicyActionSpace {
  typealias Env = BoardScalarization<Base>
  let c: CMORLConfiguration
  let reference: [Double]
  let make: () throws -> Base
  let progress: ((CMORLProgress) -> Void)?
  let d: Int
  var archive: [ArchivedPolicy] = []
  var evaluated: [[Double]] = []
  var finalReturns: [[Double]] = []
  var curve: [(step: Int, hypervolume: Double)] = []
  var steps = 0
  var runIndex: UInt64 = 0
  var extended: [[Double]] = []
  let start = Stopwatch.now()

  init(_ c: CMORLConfiguration, referencePoint: [Double], make: @escaping () throws -> Base, progress: ((CMORLProgress) -> Void)?) throws {
    let probe = try make()
    d = probe.rewardSpace.shape.reduce(1, *)
    guard referencePoint.count == d else { throw MORLError("the reference point has \(referencePoint.count) entries for \(d) objectives") }
    try c.validate(objectives: d)
    self.c = c
    reference = referencePoint
    self.make = make
    self.progress = progress
  }

  func result() -> CMORLResult {
    CMORLResult(archive: archive, evaluated: evaluated, finalReturns: finalReturns, curve: curve, steps: steps, seconds: Stopwatch.now() - start)
  }

  /// A PPO trainer scalarising through `board`.
  mutating func trainer(board: ObjectiveBoard) throws -> PPOTrainer<Env> {
    runIndex += 1
    var runRNG = GymRandom(seed: c.seed).derive(runIndex)
    let seed = runRNG.next()
    let make = self.make, limit = c.maxEpisodeSteps
    return try PPOTrainer(configuration: c.ppo, seed: seed) { _ in BoardScalarization(try make(), board: board, maxEpisodeSteps: limit) }
  }

  /// Trains `trainer` for `stepsEach` steps, evaluating and archiving as it goes;
  /// `beforeIteration` may re-weight the board.
  mutating func train(_ trainer: PPOTrainer<Env>, stepsEach: Int, phase: String, reweight: ((ObjectiveBoard) -> Void)? = nil, board: ObjectiveBoard) throws {
    // Whole rollouts only, so a run never spends more than its share.
    let target = max(stepsEach / c.ppo.rolloutSize, 1) * c.ppo.rolloutSize
    var iterations = 0
    while trainer.stepCount < target {
      let before = trainer.stepCount
      try trainer.train(totalSteps: min(target, trainer.stepCount + c.ppo.rolloutSize))
      steps += trainer.stepCount - before
      iterations += 1
      reweight?(board)
      if iterations % c.evaluateEvery == 0 || trainer.stepCount >= target { try offer(trainer.policy, phase: phase) }
    }
    finalReturns.append(evaluated[evaluated.count - 1])
  }

  /// The policy's mean discounted return vector over deterministic episodes.
  func evaluate(_ policy: ActorCritic) throws -> [Double] {
    var sum = [Double](repeating: 0, count: d)
    for e in 0..<c.evaluationEpisodes {
      var env = try make()
      var agent = try PPOPolicyAgent<Base.ObservationSpace, Base.ActionSpace>(policy: policy, for: env)
      var episodeRNG = GymRandom(seed: c.seed).derive(1_000_000 + UInt64(e))
      var (obs, _) = try env.reset(seed: episodeRNG.next(), options: [:])
      var discount = 1.0
      for _ in 0..<c.maxEpisodeSteps {
        let r = env.step(agent.act(obs))
        for k in 0..<d { sum[k] += discount * r.reward.values[k] }
        discount *= c.gamma
        obs = r.observation
        if r.terminated || r.truncated { break }
      }
    }
    return sum.map { $0 / Double(c.evaluationEpisodes) }
  }

  /// Evaluates `policy` and keeps it if no archived policy dominates it.
  mutating func offer(_ policy: ActorCritic, phase: String) throws {
    let g = try evaluate(policy)
    evaluated.append(g)
    if !archive.contains(where: { Pareto.weaklyDominates($0.returns, g) }) {
      archive.removeAll { Pareto.dominates(g, $0.returns) }
      archive.append(ArchivedPolicy(
        returns: g, parameters: Array(policy.parameters.values), normalizer: policy.observationNormalizer, phase: phase, step: steps))
      if archive.count > c.archiveCapacity {
        let crowding = CMORL.crowdingDistance(archive.map(\.returns))
        archive.remove(at: crowding.indices.min { crowding[$0] < crowding[$1] }!)
      }
    }
    let hv = Hypervolume.unchecked(archive.map(\.returns), reference: reference)
    curve.append((steps, hv))
    progress?(CMORLProgress(step: steps, phase: phase, hypervolume: hv, front: archive.map(\.returns)))
  }

  /// The Pareto initialisation.
  mutating func initialise(stepsEach: Int) throws {
    for w in c.preferences {
      let board = ObjectiveBoard(weights: w, gamma: c.gamma)
      let t = try trainer(board: board)
      try train(t, stepsEach: stepsEach, phase: "init", board: board)
    }
  }

  /// One extension round: crowding-distance selection, then a constrained run per selected
  /// policy and objective.
  mutating func extend(stepsEach: Int) throws {
    let points = archive.map(\.returns)
    let crowding = CMORL.crowdingDistance(points)
    let order = archive.indices.sorted { crowding[$0] > crowding[$1] || (crowding[$0] == crowding[$1] && $0 < $1) }
    let picked = order.filter { !extended.contains(archive[$0].returns) }.prefix(c.selectCount).map { archive[$0] }
    var scales = [Double](repeating: 1, count: d)
    for k in 0..<d {
      let column = points.map { $0[k] }
      scales[k] = max(column.max()! - column.min()!, 1e-6 + 0.01 * (column.map(abs).max() ?? 0), 1e-3)
    }
    for seedPolicy in picked {
      extended.append(seedPolicy.returns)
      let bounds = (0..<d).map { seedPolicy.returns[$0] - (1 - c.beta) * scales[$0] }
      for l in 0..<d {
        let weights = CMORL.barrierWeights(objective: l, current: seedPolicy.returns, bounds: bounds, scales: scales, t: c.barrier)
        let board = ObjectiveBoard(weights: weights, gamma: c.gamma)
        let t = try trainer(board: board)
        copyParameters(seedPolicy.parameters, into: t.policy, actorOnly: c.freshCritic)
        t.policy.observationNormalizer = seedPolicy.normalizer
        let barrier = c.barrier, start = seedPolicy.returns
        try train(t, stepsEach: stepsEach, phase: "extend", reweight: { board in
          let current = board.meanReturn ?? start
          board.weights = CMORL.barrierWeights(objective: l, current: current, bounds: bounds, scales: scales, t: barrier)
        }, board: board)
      }
    }
  }
}

/// Copies archived parameter values into `policy`: all of them, or only the actor's.
func copyParameters(_ values: [Float], into policy: ActorCritic, actorOnly: Bool) {
  let target = policy.parameters
  precondition(values.count == target.values.count, "archived parameters do not fit the policy")
  for tensor in target.tensors where !(actorOnly && tensor.name.hasPrefix("critic")) {
    let out = target.values(of: tensor)
    for i in 0..<tensor.count { out[i] = values[tensor.offset + i] }
  }
}

/// A bad C-MORL setting: what was wrong and what is allowed.
public struct MORLError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The message.
  public var message: String
  /// An error with this message.
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
