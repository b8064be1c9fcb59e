import GymCore

/// Agents gathering items of several kinds on a grid: MOMAland's `moitem_gathering_v0`
/// (Källström and Heintz 2019).
///
/// The default 8×8 map holds two agents (corners) and eight items of three kinds; each kind is
/// one objective. Actions: 0 stay, 1 up, 2 down, 3 left, 4 right (moves off the map do
/// nothing). When agents would land on the same cell, a random one of them stays where it was,
/// until no two share a cell. Entering an item's cell picks it up with the kind's pickup
/// probability (default 1), paying 1 in that kind's objective to the agent (`individual`) or to
/// everyone (`team`, the sum over agents). The episode terminates when every item is gone and
/// is truncated after `timesteps` steps (default 10). An agent observes `[−(its index + 1),
/// map…]`: the map row-major with 0 empty, item kinds 1…k and agents as −1, −2, ….
public struct MOItemGathering: MultiObjectiveParallelEnvironment, Sendable {
  public typealias Observation = [Int32]
  public typealias Action = Int

  /// The default map: 1 marks an agent's start, 2 and above items (kinds in increasing order).
  public static let defaultMap: [[Int]] = [
    [0, 0, 0, 0, 0, 0, 0, 1],
    [0, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 4, 0, 0],
    [0, 0, 4, 0, 4, 5, 0, 0],
    [0, 0, 0, 3, 0, 0, 0, 0],
    [0, 0, 3, 3, 0, 5, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 0, 0],
  ]

  public let rows: Int
  public let columns: Int
  /// Steps before truncation.
  public let timesteps: Int
  /// Whether rewards are summed over agents.
  public let team: Bool
  /// The pickup probability of each kind.
  public let pickupProbabilities: [Double]
  /// The number of item kinds (objectives).
  public let kinds: Int
  let initialItems: [Int]
  let starts: [SIMD2<Int>]
  public let possibleAgents: [String]
  public private(set) var agents: [String] = []
  /// Items left, row-major (0 none, else kind 1…k).
  public private(set) var items: [Int]
  /// Agent positions (row, column).
  public private(set) var positions: [SIMD2<Int>]
  var elapsed = 0
  var rng: GymRandom

  /// An item-gathering grid.
  /// - Parameter map: rows of 0 (empty), 1 (agent start) or ≥ 2 (item kind); at least one
  ///   agent and one item.
  public init(
    map: [[Int]] = MOItemGathering.defaultMap, timesteps: Int = 10, team: Bool = false,
    pickupProbabilities: [Double]? = nil, seed: UInt64? = nil
  ) throws {
    guard let width = map.first?.count, width > 0, map.allSatisfy({ $0.count == width }) else {
      throw OptionError("the item-gathering map must be a non-empty rectangle")
    }
    guard timesteps >= 1 else { throw OptionError("num_timesteps must be positive, got \(timesteps)") }
    rows = map.count
    columns = width
    let flat = map.flatMap { $0 }
    guard flat.allSatisfy({ $0 >= 0 }) else { throw OptionError("map entries must be 0, 1 or an item kind ≥ 2") }
    let values = Set(flat.filter { $0 >= 2 }).sorted()
    guard !values.isEmpty else { throw OptionError("the item-gathering map holds no items (entries ≥ 2)") }
    var startList: [SIMD2<Int>] = []
    for (i, v) in flat.enumerated() where v == 1 { startList.append(SIMD2(i / width, i % width)) }
    guard !startList.isEmpty else { throw OptionError("the item-gathering map holds no agents (entries 1)") }
    kinds = values.count
    initialItems = flat.map { v in v >= 2 ? values.firstIndex(of: v)! + 1 : 0 }
    starts = startList
    self.timesteps = timesteps
    self.team = team
    let probabilities = pickupProbabilities ?? Array(repeating: 1, count: values.count)
    guard probabilities.count == values.count, probabilities.allSatisfy({ (0...1).contains($0) }) else {
      throw OptionError("pickup_probabilities needs \(values.count) probabilities in [0, 1], got \(probabilities)")
    }
    self.pickupProbabilities = probabilities
    possibleAgents = (0..<startList.count).map { "agent_\($0)" }
    items = initialItems
    positions = startList
    rng = seed.map { GymRandom(seed: $0) } ?? .entropy()
  }

  /// From construction options: `num_timesteps`, `reward_mode` ("individual"/"team"),
  /// `initial_map` (rows of integers), `pickup_probabilities`.
  public init(options: Options) throws {
    try OptionReader.check(options, allowed: ["num_timesteps", "reward_mode", "initial_map", "pickup_probabilities"], env: "mo-item-gathering")
    var map = Self.defaultMap
    if let v = options["initial_map"] {
      guard let rows = v.arrayValue?.compactMap({ $0.arrayValue?.compactMap(\.intValue) }), rows.count == v.arrayValue?.count else {
        throw OptionError("option 'initial_map' must be an array of rows of integers, got \(v)")
      }
      map = rows
    }
    var probabilities: [Double]? = nil
    if let v = options["pickup_probabilities"] {
      guard let p = v.doubleArray else { throw OptionError("option 'pickup_probabilities' must be an array of numbers, got \(v)") }
      probabilities = p
    }
    try self.init(
      map: map, timesteps: try OptionReader.int(options, "num_timesteps", default: 10, range: 1...1_000_000),
      team: try OptionReader.string(options, "reward_mode", default: "individual", allowed: ["individual", "team"]) == "team",
      pickupProbabilities: probabilities)
  }

  public func observationSpace(for agent: String) -> Box<[Int32]> {
    Box(low: -Double(possibleAgents.count), high: Double(kinds), shape: [1 + rows * columns])
  }
  public func actionSpace(for agent: String) -> Discrete { Discrete(5) }
  public func rewardSpace(for agent: String) -> Box<[Float]> {
    let most = (1...kinds).map { k in initialItems.filter { $0 == k }.count }.max()!
    return Box(low: 0, high: Double(most), shape: [kinds])
  }

  func observations() -> [String: [Int32]] {
    var map = items.map(Int32.init)
    for (i, p) in positions.enumerated() { map[p.x * columns + p.y] = -Int32(i + 1) }
    var out: [String: [Int32]] = [:]
    for (i, agent) in possibleAgents.enumerated() { out[agent] = [-Int32(i + 1)] + map }
    return out
  }

  public mutating func reset(seed: UInt64?, options: Options) throws -> (observations: [String: [Int32]], infos: [String: Info]) {
    if let bad = options.keys.first { throw OptionError("mo-item-gathering takes no reset options; got '\(bad)'") }
    if let seed { rng = GymRandom(seed: seed) }
    items = initialItems
    positions = starts
    agents = possibleAgents
    elapsed = 0
    return (observations(), Dictionary(uniqueKeysWithValues: agents.map { ($0, [:]) }))
  }

  public mutating func step(_ actions: [String: Int]) -> (
    observations: [String: [Int32]], rewards: [String: RewardVector], terminations: [String: Bool],
    truncations: [String: Bool], infos: [String: Info]
  ) {
    precondition(!agents.isEmpty, "mo-item-gathering stepped after the episode ended; call reset")
    let moves = [SIMD2(0, 0), SIMD2(-1, 0), SIMD2(1, 0), SIMD2(0, -1), SIMD2(0, 1)]
    var proposed = positions
    for (i, agent) in possibleAgents.enumerated() {
      guard let a = actions[agent] else { preconditionFailure("no action for \(agent)") }
      precondition((0..<5).contains(a), "mo-item-gathering action must be 0...4, got \(a) for \(agent)")
      let p = positions[i] &+ moves[a]
      if p.x >= 0 && p.x < rows && p.y >= 0 && p.y < columns { proposed[i] = p }
    }
    // Resolve collisions: a random one of two agents on one cell goes back, until none remain.
    var changed = true
    while changed {
      changed = false
      for i in proposed.indices {
        for j in proposed.indices where j > i && proposed[i] == proposed[j] {
          let back = proposed[i] == positions[i] ? j : (proposed[j] == positions[j] ? i : (rng.int(below: 2) == 0 ? i : j))
          proposed[back] = positions[back]
          changed = true
        }
      }
    }
    positions = proposed
    var gathered = Array(repeating: Array(repeating: 0.0, count: kinds), count: possibleAgents.count)
    for (i, p) in positions.enumerated() {
      let cell = p.x * columns + p.y
      let kind = items[cell]
      if kind > 0 && rng.nextDouble() < pickupProbabilities[kind - 1] {
        gathered[i][kind - 1] += 1
        items[cell] = 0
      }
    }
    if team {
      var total = Array(repeating: 0.0, count: kinds)
      for g in gathered { for k in 0..<kinds { total[k] += g[k] } }
      gathered = Array(repeating: total, count: possibleAgents.count)
    }
    elapsed += 1
    let terminated = !items.contains { $0 > 0 }
    let truncated = elapsed >= timesteps
    var rewards: [String: RewardVector] = [:]
    for (i, agent) in possibleAgents.enumerated() { rewards[agent] = RewardVector(gathered[i]) }
    let obs = observations()
    if terminated || truncated { agents = [] }
    return (
      obs, rewards, Dictionary(uniqueKeysWithValues: possibleAgents.map { ($0, terminated) }),
      Dictionary(uniqueKeysWithValues: possibleAgents.map { ($0, truncated) }),
      Dictionary(uniqueKeysWithValues: possibleAgents.map { ($0, Info()) })
    )
  }
}
