import GymCore

/// MOMAland's baseline for multi-agent multi-objective tasks: independent tabular Q-learners,
/// one per agent, each learning the scalarised reward `weights · reward` of its own reward
/// vector and ignoring the others (which it sees as part of the environment).
///
/// Run once per weight vector, the greedy joint policies' mean return vectors form the
/// front this baseline reports (`front(_:weights:)`).
public struct IndependentScalarizedQLearning<Env: MultiObjectiveParallelEnvironment>
where Env.Action == Int, Env.ActionSpace == Discrete, Env.Observation: Hashable {
  /// Settings.
  public struct Configuration: Sendable {
    /// The scalarisation weights (one per objective).
    public var weights: [Double]
    /// Learning rate.
    public var learningRate = 0.1
    /// Discount factor.
    public var gamma = 0.99
    /// Exploration rate at the start; it decays linearly to `finalEpsilon` over the episodes.
    public var initialEpsilon = 1.0
    /// Exploration rate at the end.
    public var finalEpsilon = 0.05
    /// Seed of exploration, tie-breaking and the episodes' reset seeds.
    public var seed: UInt64 = 0

    /// Settings for these weights.
    public init(weights: [Double]) { self.weights = weights }
  }

  /// The environment.
  public var env: Env
  /// The settings.
  public let configuration: Configuration
  /// Each agent's table: observation → one value per action (of its own action space).
  public private(set) var tables: [String: [Env.Observation: [Double]]] = [:]
  var rng: GymRandom

  /// Learners for the agents of `env`.
  public init(env: Env, configuration: Configuration) {
    self.env = env
    self.configuration = configuration
    rng = GymRandom(seed: configuration.seed)
    for agent in env.possibleAgents { tables[agent] = [:] }
  }

  func values(_ agent: String, _ observation: Env.Observation) -> [Double] {
    tables[agent]?[observation] ?? [Double](repeating: 0, count: env.actionSpace(for: agent).n)
  }

  /// The greedy action (ties broken at random when `rng` is given, else the first).
  mutating func choose(_ agent: String, _ observation: Env.Observation, epsilon: Double) -> Int {
    let space = env.actionSpace(for: agent)
    if epsilon > 0 && rng.nextDouble() < epsilon { return space.start + rng.int(below: space.n) }
    let q = values(agent, observation)
    let best = q.max()!
    let ties = q.indices.filter { q[$0] == best }
    let pick = epsilon > 0 && ties.count > 1 ? ties[rng.int(below: ties.count)] : ties[0]
    return space.start + pick
  }

  /// Trains for `episodes` episodes of at most `maxSteps` steps.
  public mutating func train(episodes: Int, maxSteps: Int) throws {
    let c = configuration
    for e in 0..<episodes {
      let progress = episodes > 1 ? Double(e) / Double(episodes - 1) : 1
      let epsilon = c.initialEpsilon + (c.finalEpsilon - c.initialEpsilon) * progress
      var (observations, _) = try env.reset(seed: rng.next(), options: [:])
      for _ in 0..<maxSteps where !env.agents.isEmpty {
        var actions: [String: Int] = [:]
        for agent in env.agents { actions[agent] = choose(agent, observations[agent]!, epsilon: epsilon) }
        let r = env.step(actions)
        for (agent, action) in actions {
          guard let reward = r.rewards[agent] else { continue }
          let scalar = zip(reward.values, c.weights).reduce(0) { $0 + $1.0 * $1.1 }
          let done = (r.terminations[agent] ?? false) || (r.truncations[agent] ?? false)
          let next = done ? 0 : (r.observations[agent].map { values(agent, $0).max()! } ?? 0)
          var q = values(agent, observations[agent]!)
          let a = action - env.actionSpace(for: agent).start
          q[a] += c.learningRate * (scalar + c.gamma * next - q[a])
          tables[agent]![observations[agent]!] = q
        }
        observations = r.observations
      }
    }
  }

  /// The greedy joint policy's return vector, discounted by `gamma` and averaged over agents
  /// and `episodes` episodes (reset seeds derived from `seed`).
  public mutating func evaluate(episodes: Int, maxSteps: Int, gamma: Double, seed: UInt64) throws -> [Double] {
    var sum: [Double] = []
    var seeds = GymRandom(seed: seed)
    for _ in 0..<episodes {
      var (observations, _) = try env.reset(seed: seeds.next(), options: [:])
      var discount = 1.0
      for _ in 0..<maxSteps where !env.agents.isEmpty {
        var actions: [String: Int] = [:]
        for agent in env.agents { actions[agent] = choose(agent, observations[agent]!, epsilon: 0) }
        let r = env.step(actions)
        // In a fixed agent order: a dictionary's order changes from run to run, and so would
        // the rounding of the sum.
        for agent in env.possibleAgents {
          guard let reward = r.rewards[agent] else { continue }
          if sum.isEmpty { sum = [Double](repeating: 0, count: reward.values.count) }
          for k in sum.indices { sum[k] += discount * reward.values[k] / Double(env.possibleAgents.count) }
        }
        discount *= gamma
        observations = r.observations
      }
    }
    return sum.map { $0 / Double(episodes) }
  }

  /// The baseline's front: one independent run per weight vector, each trained for
  /// `episodes` episodes and evaluated greedily; returns every run's return vector.
  public static func front(
    make: () -> Env, weights: [[Double]], episodes: Int, maxSteps: Int, learningRate: Double = 0.1, gamma: Double = 0.99,
    evaluationEpisodes: Int = 10, seed: UInt64 = 0
  ) throws -> [[Double]] {
    var out: [[Double]] = []
    for (i, w) in weights.enumerated() {
      var c = Configuration(weights: w)
      c.learningRate = learningRate
      c.gamma = gamma
      var runRNG = GymRandom(seed: seed).derive(UInt64(i))
      c.seed = runRNG.next()
      var learners = IndependentScalarizedQLearning(env: make(), configuration: c)
      try learners.train(episodes: episodes, maxSteps: maxSteps)
      out.append(try learners.evaluate(episodes: evaluationEpisodes, maxSteps: maxSteps, gamma: c.gamma, seed: seed &+ 1))
    }
    return out
  }
}
