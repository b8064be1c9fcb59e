import GymCore
import RealModule

/// Villages sending workers to gem mines: MOMAland's `mogem_mining_v0` (Roijers 2016;
/// Bargiacchi et al. 2018), a fully cooperative multi-objective bandit.
///
/// Agent (village) `i` has a number of workers and can send them to any of its connected
/// mines `i, i+1, …, i+k−1` (its action space is `Discrete(k, start: i)`). Each mine finds a
/// gem of each type with probability `min(p · bonus^(w−1), truncation)` where `w` is the number
/// of workers there and `p` the mine's base probability for that type; every agent receives
/// the total number of gems of each type. Each episode is one step. Observations are a
/// constant `[0]`. The instance (workers, connections, probabilities) is drawn from
/// `instanceSeed`.
///
/// MOMAland's implementation stores the base probabilities in an integer array, so they all
/// become 0 and no gem is ever found, and it applies `bonus^w` although its documentation says
/// `bonus^(w−1)`; this version keeps the probabilities and follows the documentation.
public struct MOGemMining: MultiObjectiveParallelEnvironment, Sendable {
  public typealias Observation = [Float]
  public typealias Action = Int

  public let possibleAgents: [String]
  public private(set) var agents: [String] = []
  /// The number of objectives (gem types).
  public let objectives: Int
  /// Workers per village.
  public let workers: [Int]
  /// Connected mines per village (action space sizes).
  public let connections: [Int]
  /// Base probability of each gem type at each mine.
  public let baseProbabilities: [[Double]]
  /// The worker bonus factor.
  public let workerBonus: Double
  /// The cap on any probability.
  public let truncationProbability: Double
  var rng: GymRandom

  /// A gem-mining instance.
  public init(
    agentCount: Int = 20, objectives: Int = 2, minConnectivity: Int = 2, maxConnectivity: Int = 4,
    minWorkers: Int = 1, maxWorkers: Int = 5, minProbability: Double = 0.01, maxProbability: Double = 0.5,
    truncationProbability: Double = 0.9, workerBonus: Double = 1.03, correlatedObjectives: Bool = true,
    instanceSeed: UInt64 = 42, seed: UInt64? = nil
  ) {
    precondition(agentCount >= 1 && objectives >= 1, "gem mining needs agents and objectives")
    precondition(minConnectivity >= 1 && minConnectivity <= maxConnectivity, "need 1 ≤ minConnectivity ≤ maxConnectivity")
    precondition(minWorkers >= 1 && minWorkers <= maxWorkers, "need 1 ≤ minWorkers ≤ maxWorkers")
    precondition(minProbability >= 0 && minProbability <= maxProbability && maxProbability <= 1, "need 0 ≤ minProbability ≤ maxProbability ≤ 1")
    possibleAgents = (0..<agentCount).map { "agent_\($0)" }
    self.objectives = objectives
    self.workerBonus = workerBonus
    self.truncationProbability = truncationProbability
    var instance = GymRandom(seed: instanceSeed)
    workers = (0..<agentCount).map { _ in minWorkers + instance.int(below: maxWorkers - minWorkers + 1) }
    let mines = agentCount + maxConnectivity - 1
    var probabilities: [[Double]] = []
    for _ in 0..<mines {
      var p: [Double] = []
      var left = maxProbability - Double(objectives) * minProbability
      for _ in 0..<objectives {
        if correlatedObjectives {
          let pj = minProbability + (max(minProbability, left) - minProbability) * instance.nextDouble()
          left -= pj
          p.append(pj)
        } else {
          p.append(instance.uniform(minProbability, maxProbability))
        }
      }
      p.shuffle(using: &instance)
      probabilities.append(p)
    }
    baseProbabilities = probabilities
    connections = (0..<agentCount).map { _ in minConnectivity + instance.int(below: maxConnectivity - minConnectivity + 1) }
    rng = seed.map { GymRandom(seed: $0) } ?? .entropy()
  }

  /// From construction options: `num_agents`, `num_objectives`, `instance_seed`.
  public init(options: Options) throws {
    try OptionReader.check(options, allowed: ["num_agents", "num_objectives", "instance_seed"], env: "mo-gem-mining")
    self.init(
      agentCount: try OptionReader.int(options, "num_agents", default: 20, range: 1...10_000),
      objectives: try OptionReader.int(options, "num_objectives", default: 2, range: 1...16),
      instanceSeed: UInt64(try OptionReader.int(options, "instance_seed", default: 42, range: 0...Int.max)))
  }

  /// The number of mines.
  public var mineCount: Int { baseProbabilities.count }

  public func observationSpace(for agent: String) -> Box<[Float]> { Box(low: 0, high: Double(possibleAgents.count), shape: [1]) }
  public func actionSpace(for agent: String) -> Discrete {
    let i = possibleAgents.firstIndex(of: agent)!
    return Discrete(connections[i], start: i)
  }
  public func rewardSpace(for agent: String) -> Box<[Float]> { Box(low: 0, high: Double(mineCount), shape: [objectives]) }

  public mutating func reset(seed: UInt64?, options: Options) throws -> (observations: [String: [Float]], infos: [String: Info]) {
    if let bad = options.keys.first { throw OptionError("mo-gem-mining takes no reset options; got '\(bad)'") }
    if let seed { rng = GymRandom(seed: seed) }
    agents = possibleAgents
    return (Dictionary(uniqueKeysWithValues: agents.map { ($0, [0]) }), Dictionary(uniqueKeysWithValues: agents.map { ($0, [:]) }))
  }

  /// The probability that `mine` yields a gem of `type` with `count` workers there.
  public func probability(mine: Int, type: Int, workers count: Int) -> Double {
    min(truncationProbability, baseProbabilities[mine][type] * Double.pow(workerBonus, Double(count - 1)))
  }

  /// The expected gems of each type for a joint action (mine per agent, in agent order).
  public func expectedReward(_ mines: [Int]) -> [Double] {
    var at = Array(repeating: 0, count: mineCount)
    for (i, m) in mines.enumerated() { at[m] += workers[i] }
    var out = Array(repeating: 0.0, count: objectives)
    for m in 0..<mineCount where at[m] > 0 {
      for t in 0..<objectives { out[t] += probability(mine: m, type: t, workers: at[m]) }
    }
    return out
  }

  public mutating func step(_ actions: [String: Int]) -> (
    observations: [String: [Float]], rewards: [String: RewardVector], terminations: [String: Bool],
    truncations: [String: Bool], infos: [String: Info]
  ) {
    precondition(!agents.isEmpty, "mo-gem-mining stepped after the episode ended; call reset")
    var at = Array(repeating: 0, count: mineCount)
    for (i, agent) in possibleAgents.enumerated() {
      guard let m = actions[agent] else { preconditionFailure("no action for \(agent)") }
      precondition(m >= i && m < i + connections[i], "mine \(m) is not connected to \(agent)")
      at[m] += workers[i]
    }
    var gems = Array(repeating: 0.0, count: objectives)
    for m in 0..<mineCount where at[m] > 0 {
      for t in 0..<objectives where rng.nextDouble() < probability(mine: m, type: t, workers: at[m]) { gems[t] += 1 }
    }
    let reward = RewardVector(gems)
    agents = []
    let ids = possibleAgents
    return (
      Dictionary(uniqueKeysWithValues: ids.map { ($0, [0]) }), Dictionary(uniqueKeysWithValues: ids.map { ($0, reward) }),
      Dictionary(uniqueKeysWithValues: ids.map { ($0, true) }), Dictionary(uniqueKeysWithValues: ids.map { ($0, false) }),
      Dictionary(uniqueKeysWithValues: ids.map { ($0, Info()) })
    )
  }
}
