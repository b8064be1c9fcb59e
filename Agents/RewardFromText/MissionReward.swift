import GymCore
import GymGridWorld

/// A dense reward compiled from a BabyAI mission: the environment's own (sparse) reward plus
/// potential-based shaping `F = γ·Φ(s') − Φ(s)` towards the object the mission names.
///
/// Each episode's mission string is parsed with the BabyAI grammar (`Instruction(parsing:)`)
/// and the object description of its current action ("the red ball" of "go to the red ball")
/// is matched against the objects on the map by type and colour. The potential is
/// `Φ(s) = −scale · d(s) / (width + height)`, where `d` is the smallest Manhattan distance from
/// the cell in front of the agent to a matching object (0 when the agent faces one, which is
/// when BabyAI's "go to" succeeds; for "put … next to …" the fixed object once the moved one is
/// carried). Because the shaping is a potential difference (with `Φ = 0` after a terminal
/// step) it leaves the optimal policies of the discounted task unchanged (Ng et al., 1999).
///
/// Location words ("on your left") are not used by the potential (every object of the named
/// type and colour attracts), nor are the later actions of a sequence ("…, then …"): the
/// shaping follows the first action, the environment's reward still requires all of them.
/// A mission outside the BabyAI grammar gives `Φ = 0` (the plain environment reward).
public struct MissionPotential: Sendable {
  /// The discount of the shaping (the learner's γ).
  public var gamma: Double
  /// The size of the potential: `Φ` runs from `−scale` (far corner) to 0 (facing the object).
  public var scale: Double
  private var parsed: [String: GymGridWorld.Instruction?] = [:]

  /// A potential with the learner's discount `gamma` and range `scale`.
  public init(gamma: Double = 0.99, scale: Double = 1) {
    precondition(gamma > 0 && gamma <= 1 && scale >= 0, "gamma must be in (0, 1] and scale ≥ 0")
    self.gamma = gamma
    self.scale = scale
  }

  /// The instruction of `mission`, parsed once per distinct string (nil outside the grammar).
  public mutating func instruction(_ mission: String) -> GymGridWorld.Instruction? {
    if let hit = parsed[mission] { return hit }
    let i = try? GymGridWorld.Instruction(parsing: mission)
    parsed[mission] = i
    return i
  }

  /// The description the agent should head for now, given what it carries.
  static func target(of instruction: GymGridWorld.Instruction, in world: GridWorld) -> ObjectDescription? {
    guard let first = instruction.actions.first else { return nil }
    switch first {
    case .goTo(let d), .pickUp(let d), .open(let d): return d
    case .putNext(let m, let f): return world.carrying.isNone ? m : f
    default: return nil
    }
  }

  /// `Φ(world)` for the world's current mission.
  public mutating func potential(_ world: GridWorld) -> Double {
    guard let instruction = instruction(world.mission), let d = Self.target(of: instruction, in: world) else { return 0 }
    let front = world.front
    var best = Int.max
    for (object, position) in world.objectsOnMap() where d.matchesKind(object) {
      best = min(best, front.manhattan(position))
    }
    guard best != Int.max else { return 0 }
    return -scale * Double(best) / Double(world.width + world.height)
  }
}

extension Wrappers {
  /// A grid world rewarded by its own reward plus potential-based shaping from its BabyAI
  /// mission (`MissionPotential`); the environment's reward stays in `info["true_reward"]` and
  /// the episode's in `info["true_return"]`, as with `TextReward`.
  public struct MissionReward<Base: GridWorldEnvironment>: Wrapper {
    /// The wrapped environment's observation type.
    public typealias Observation = Base.Observation
    /// The wrapped environment's action type.
    public typealias Action = Base.Action
    /// The wrapped environment's observation space type.
    public typealias ObservationSpace = Base.ObservationSpace
    /// The wrapped environment's action space type.
    public typealias ActionSpace = Base.ActionSpace

    /// The wrapped environment.
    public var base: Base
    /// The potential.
    public var potential: MissionPotential
    private var last = 0.0
    private var trueReturn = 0.0

    /// Wraps `base` with the shaping `potential`.
    public init(_ base: Base, potential: MissionPotential = MissionPotential()) {
      self.base = base
      self.potential = potential
    }

    /// The wrapped environment's observation space.
    public var observationSpace: ObservationSpace { base.observationSpace }
    /// The wrapped environment's action space.
    public var actionSpace: ActionSpace { base.actionSpace }

    /// Resets the wrapped environment and the potential of the first state.
    public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Observation> {
      let result = try base.reset(seed: seed, options: options)
      last = potential.potential(base.world)
      trueReturn = 0
      return result
    }

    /// Steps the wrapped environment; the reward is its reward plus `γ·Φ(s') − Φ(s)`.
    public mutating func step(_ action: Action) -> StepResult<Observation, Double> {
      var result = base.step(action)
      let next = result.terminated ? 0 : potential.potential(base.world)
      let shaped = result.reward + potential.gamma * next - last
      last = next
      trueReturn += result.reward
      result.info["true_reward"] = .double(result.reward)
      if result.terminated || result.truncated { result.info["true_return"] = .double(trueReturn) }
      return (result.observation, shaped, result.terminated, result.truncated, result.info)
    }
  }
}

extension GridWorldEnvironment {
  /// This grid world with its reward densified by potential-based shaping from its BabyAI
  /// mission (see `MissionPotential`).
  public func rewardedByMission(gamma: Double = 0.99, scale: Double = 1) -> Wrappers.MissionReward<Self> {
    Wrappers.MissionReward(self, potential: MissionPotential(gamma: gamma, scale: scale))
  }
}

extension Wrappers {
  /// A grid world whose observation states the mission as words rather than characters:
  /// the heading (one-hot, 4), the 7×7×3 view (147 values, as Minigrid encodes it), and the
  /// current action of the parsed BabyAI mission as one-hots of its kind (go to, pick up,
  /// open, put next to; 4), the named object's type (every `ObjectType` plus "any"; 12) and
  /// colour (every `GridColor` plus "any"; 7). Minigrid's flat observation spells the
  /// mission as character indices, whose colour and type words move with the article and the
  /// word lengths; a small network reads the target far more easily from these one-hots.
  /// A mission outside the grammar leaves the mission part zero. It wraps a `MissionReward`
  /// (scale 0 for the plain environment reward).
  public struct MissionObservation<Inner: GridWorldEnvironment>: Wrapper {
    /// The wrapped environment.
    public typealias Base = MissionReward<Inner>
    /// The observation: the flat vector described above.
    public typealias Observation = [Float]
    /// The wrapped environment's action type.
    public typealias Action = Int
    /// A box of `length` values in [0, 255].
    public typealias ObservationSpace = Box<[Float]>
    /// The wrapped environment's action space type.
    public typealias ActionSpace = Discrete
    /// Values per observation.
    public static var length: Int { 4 + 147 + 4 + (ObjectType.allCases.count + 1) + (GridColor.allCases.count + 1) }

    /// The wrapped environment.
    public var base: Base
    /// The observation space.
    public let observationSpace = Box<[Float]>(low: 0, high: 255, shape: [MissionObservation.length])
    private var parser = MissionPotential()

    /// Wraps `base`.
    public init(_ base: Base) { self.base = base }

    /// The wrapped environment's action space.
    public var actionSpace: ActionSpace { base.actionSpace }

    mutating func encode(_ o: MiniGridObservation) -> [Float] {
      var out = [Float](repeating: 0, count: Self.length)
      out[o.direction] = 1
      o.image.withUnsafeBytes { b in for i in 0..<147 { out[4 + i] = Float(b[i]) } }
      var k = 151
      if let instruction = parser.instruction(o.mission), let d = MissionPotential.target(of: instruction, in: base.base.world),
        let first = instruction.actions.first
      {
        switch first {
        case .goTo: out[k] = 1
        case .pickUp: out[k + 1] = 1
        case .open: out[k + 2] = 1
        default: out[k + 3] = 1
        }
        k += 4
        out[k + (d.type.map { Int($0.rawValue) } ?? ObjectType.allCases.count)] = 1
        k += ObjectType.allCases.count + 1
        out[k + (d.color.map { Int($0.rawValue) } ?? GridColor.allCases.count)] = 1
      }
      return out
    }

    /// Resets the wrapped environment.
    public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<[Float]> {
      let r = try base.reset(seed: seed, options: options)
      return (encode(r.observation), r.info)
    }

    /// Steps the wrapped environment.
    public mutating func step(_ action: Int) -> StepResult<[Float], Double> {
      let r = base.step(action)
      return (encode(r.observation), r.reward, r.terminated, r.truncated, r.info)
    }
  }
}
