import GymCore
import RealModule

/// The beach problem domain: MOMAland's `mobeach_v0` (Mannion et al. 2018).
///
/// `agentCount` beach-goers of two types spread over `sections` sections of equal `capacity`.
/// Each step every agent moves left (action 0), stays (1) or moves right (2), clamped to the
/// beach (the order of MOMAland's code; its docstring says left, right, stay). After
/// `timesteps` steps the episode terminates and each agent receives two objectives:
/// occupation `c · e^(−c / capacity)` for a section holding `c` agents, and mixture
/// `min(types) / c`. In `individual` mode an agent is paid its own section's values; in `team`
/// mode everyone receives the sum of occupations and the mean mixture over all sections.
/// Earlier steps pay zeros. An agent observes `[type, section, capacity, agents in section,
/// share of its own type there]`.
public struct MOBeach: MultiObjectiveParallelEnvironment, Sendable {
  public typealias Observation = [Float]
  public typealias Action = Int

  /// How rewards are shared.
  public enum RewardMode: String, Sendable, CaseIterable {
    /// Each agent is paid for its own section.
    case individual
    /// Everyone is paid the beach-wide values.
    case team
  }

  /// The number of sections.
  public let sections: Int
  /// Each section's capacity.
  public let capacity: Double
  /// Steps per episode.
  public let timesteps: Int
  /// The reward mode.
  public let rewardMode: RewardMode
  /// The probability of each agent type.
  public let typeDistribution: [Double]
  /// The probability of each start section (uniform when nil).
  public let positionDistribution: [Double]?
  public let possibleAgents: [String]
  public private(set) var agents: [String] = []
  /// Each agent's type.
  public private(set) var types: [Int]
  /// Each agent's section.
  public private(set) var positions: [Int]
  var elapsed = 0
  var rng: GymRandom
  let maxReward: Double

  /// A beach.
  public init(
    agentCount: Int = 100, sections: Int = 6, capacity: Int = 7, timesteps: Int = 1, rewardMode: RewardMode = .individual,
    typeDistribution: [Double] = [0.3, 0.7], positionDistribution: [Double]? = nil, seed: UInt64? = nil
  ) {
    precondition(agentCount >= 1 && sections >= 1 && capacity >= 1 && timesteps >= 1, "beach sizes must be positive")
    precondition(typeDistribution.count >= 1 && typeDistribution.allSatisfy { $0 >= 0 }, "type distribution must be non-negative")
    precondition(positionDistribution.map { $0.count == sections } ?? true, "position distribution needs one entry per section")
    self.sections = sections
    self.capacity = Double(capacity)
    self.timesteps = timesteps
    self.rewardMode = rewardMode
    self.typeDistribution = typeDistribution
    self.positionDistribution = positionDistribution
    possibleAgents = (0..<agentCount).map { "agent_\($0)" }
    types = Array(repeating: 0, count: agentCount)
    positions = Array(repeating: 0, count: agentCount)
    rng = seed.map { GymRandom(seed: $0) } ?? .entropy()
    var optimal = Array(repeating: Double(capacity), count: sections)
    optimal[sections - 1] = Double(max(agentCount - (sections - 1) * capacity, 0))
    maxReward = optimal.reduce(0) { $0 + MOBeach.occupation($1, capacity: Double(capacity)) }
  }

  /// From construction options: `num_agents`, `sections`, `capacity`, `num_timesteps`,
  /// `reward_mode` ("individual"/"team").
  public init(options: Options) throws {
    try OptionReader.check(options, allowed: ["num_agents", "sections", "capacity", "num_timesteps", "reward_mode"], env: "mo-beach")
    self.init(
      agentCount: try OptionReader.int(options, "num_agents", default: 100, range: 1...10_000),
      sections: try OptionReader.int(options, "sections", default: 6, range: 1...1000),
      capacity: try OptionReader.int(options, "capacity", default: 7, range: 1...10_000),
      timesteps: try OptionReader.int(options, "num_timesteps", default: 1, range: 1...100_000),
      rewardMode: RewardMode(rawValue: try OptionReader.string(options, "reward_mode", default: "individual", allowed: ["individual", "team"]))!)
  }

  public func observationSpace(for agent: String) -> Box<[Float]> {
    Box(low: 0, high: Double(possibleAgents.count), shape: [5])
  }
  public func actionSpace(for agent: String) -> Discrete { Discrete(3) }
  public func rewardSpace(for agent: String) -> Box<[Float]> { Box(low: [0, 0], high: [maxReward, maxReward]) }

  /// Occupation reward of a section holding `count` agents.
  static func occupation(_ count: Double, capacity: Double) -> Double { count * Double.exp(-count / capacity) }

  func draw(_ weights: [Double]) -> (inout GymRandom) -> Int {
    let total = weights.reduce(0, +)
    return { rng in
      var u = rng.nextDouble() * total
      for (i, w) in weights.enumerated() {
        if u < w { return i }
        u -= w
      }
      return weights.count - 1
    }
  }

  public mutating func reset(seed: UInt64?, options: Options) throws -> (observations: [String: [Float]], infos: [String: Info]) {
    if let bad = options.keys.first { throw OptionError("mo-beach takes no reset options; got '\(bad)'") }
    if let seed { rng = GymRandom(seed: seed) }
    let typeOf = draw(typeDistribution)
    let sectionOf = draw(positionDistribution ?? Array(repeating: 1, count: sections))
    for i in types.indices {
      types[i] = typeOf(&rng)
      positions[i] = sectionOf(&rng)
    }
    agents = possibleAgents
    elapsed = 0
    return (observations(), Dictionary(uniqueKeysWithValues: agents.map { ($0, [:]) }))
  }

  /// Agents per section and per (section, type).
  func statistics() -> (count: [Double], byType: [[Double]]) {
    var count = Array(repeating: 0.0, count: sections)
    var byType = Array(repeating: Array(repeating: 0.0, count: typeDistribution.count), count: sections)
    for i in positions.indices {
      count[positions[i]] += 1
      byType[positions[i]][types[i]] += 1
    }
    return (count, byType)
  }

  func observations() -> [String: [Float]] {
    let (count, byType) = statistics()
    var out: [String: [Float]] = [:]
    for (i, agent) in possibleAgents.enumerated() {
      let s = positions[i]
      out[agent] = [Float(types[i]), Float(s), Float(capacity), Float(count[s]), Float(byType[s][types[i]] / count[s])]
    }
    return out
  }

  public mutating func step(_ actions: [String: Int]) -> (
    observations: [String: [Float]], rewards: [String: RewardVector], terminations: [String: Bool],
    truncations: [String: Bool], infos: [String: Info]
  ) {
    precondition(!agents.isEmpty, "mo-beach stepped after the episode ended; call reset")
    for (i, agent) in possibleAgents.enumerated() {
      guard let a = actions[agent] else { preconditionFailure("no action for \(agent)") }
      precondition((0..<3).contains(a), "mo-beach action must be 0...2, got \(a) for \(agent)")
      positions[i] = min(sections - 1, max(0, positions[i] + a - 1))
    }
    elapsed += 1
    let done = elapsed >= timesteps
    let (count, byType) = statistics()
    var perSection = Array(repeating: [0.0, 0.0], count: sections)
    if done {
      func mixture(_ s: Int) -> Double { count[s] > 0 ? byType[s].min()! / count[s] : 0 }
      switch rewardMode {
      case .individual:
        for s in 0..<sections { perSection[s] = [Self.occupation(count[s], capacity: capacity), mixture(s)] }
      case .team:
        let occupation = (0..<sections).reduce(0) { $0 + Self.occupation(count[$1], capacity: capacity) }
        let mix = (0..<sections).reduce(0) { $0 + mixture($1) } / Double(sections)
        perSection = Array(repeating: [occupation, mix], count: sections)
      }
    }
    var rewards: [String: RewardVector] = [:]
    for (i, agent) in possibleAgents.enumerated() { rewards[agent] = RewardVector(perSection[positions[i]]) }
    let flags = Dictionary(uniqueKeysWithValues: possibleAgents.map { ($0, done) })
    let infos = Dictionary(uniqueKeysWithValues: possibleAgents.map { ($0, Info()) })
    let obs = observations()
    if done { agents = [] }
    return (obs, rewards, flags, flags.mapValues { _ in false }, infos)
  }
}
