import GymCore

/// A Minigrid environment: a `GridWorld` driven by a `MiniGridTask`.
///
/// Observations are `MiniGridObservation` (the 7×7×3 view, the heading and the mission);
/// actions are `Int` in `Discrete(7)` (`GridAction`). `reset(seed:)` seeds NumPy's PCG64 as
/// Gymnasium does, so a seed gives Minigrid's layout. The time limit is internal, as in
/// Minigrid: `truncated` becomes true when `stepCount` reaches `maxSteps`; the registry adds
/// no `TimeLimit`. Info is always empty.
public struct MiniGridEnvironment<Task: MiniGridTask>: Environment, Sendable {
  public typealias Observation = MiniGridObservation
  public typealias Action = Int

  /// The world: grid, agent, carried object, counters, generator.
  public var world: GridWorld
  /// The task's rules and episode facts.
  public var task: Task
  /// Rendering settings.
  public var renderOptions: GridRenderOptions
  /// Whether `reset` has been called since construction.
  public private(set) var hasReset = false

  public let observationSpace = MiniGridObservationSpace()
  public let actionSpace: Discrete

  public var metadata: EnvironmentMetadata {
    EnvironmentMetadata(renderModes: [.rgbArray, .ansi], renderFPS: 10)
  }

  /// An environment over `world` with `task`; the generator starts from system entropy until a
  /// seeded reset.
  public init(task: Task, world: GridWorld, renderOptions: GridRenderOptions = GridRenderOptions()) {
    self.task = task
    var w = world
    w.rng = NumPyGenerator.entropy()
    self.world = w
    self.renderOptions = renderOptions
    actionSpace = Discrete(task.actionCount)
  }

  /// The current observation (`gen_obs`).
  @inlinable
  public var observation: MiniGridObservation {
    MiniGridObservation(image: world.viewImage, direction: world.direction, mission: world.mission)
  }

  /// Starts an episode: reseeds when `seed` is given, lays out a new level and returns the
  /// first observation. Minigrid takes no reset options; any option throws.
  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<MiniGridObservation> {
    if let bad = options.keys.sorted().first {
      throw OptionError("Minigrid environments take no reset options; got '\(bad)'")
    }
    if let seed { world.rng = NumPyGenerator(seed: seed) }
    try regenerate()
    let obs = observation
    task.didReset(&world)
    return (obs, [:])
  }

  /// Lays out a new level from the current generator state (the body of `reset`).
  public mutating func regenerate() throws(GridGenerationError) {
    world.agent = .nowhere
    world.direction = 0
    world.clear()
    try task.generate(&world)
    precondition(world.contains(world.agent), "the level did not place the agent")
    world.carrying = .none
    world.stepCount = 0
    hasReset = true
  }

  /// Applies `action` and returns the new observation, the reward (the success reward
  /// `1 − 0.9 · steps / maxSteps`, or 0), `terminated` (success or failure) and `truncated`
  /// (`stepCount >= maxSteps`).
  /// - Precondition: `action` is in the action space and the environment has been reset.
  @inlinable
  public mutating func step(_ action: Int) -> StepResult<MiniGridObservation, Double> {
    precondition(action >= 0 && action < actionSpace.n, "Minigrid action must be in 0..<\(actionSpace.n), got \(action)")
    let outcome = task.step(action, &world)
    return (observation, outcome.reward, outcome.terminated, world.stepCount >= world.maxSteps, [:])
  }

  /// Applies `action` without building the observation (for planners and benchmarks that
  /// read `world` directly).
  @inlinable
  public mutating func advance(_ action: Int) -> (reward: Double, terminated: Bool, truncated: Bool) {
    let outcome = task.step(action, &world)
    return (outcome.reward, outcome.terminated, world.stepCount >= world.maxSteps)
  }
}

extension MiniGridEnvironment {
  /// Applies `action`; when the episode ends, lays out the next one (same-step autoreset);
  /// then writes the current 7×7×3 view at `view` and the heading at `direction`.
  /// - Precondition: `action` is in the action space, the view is 7×7 and the environment
  ///   has been reset.
  @inlinable
  public mutating func advanceWritingView(
    _ action: Int, view: UnsafeMutableRawPointer, direction: UnsafeMutablePointer<UInt8>
  ) throws(GridGenerationError) -> (reward: Double, terminated: Bool, truncated: Bool) {
    precondition(action >= 0 && action < actionSpace.n, "Minigrid action must be in 0..<\(actionSpace.n), got \(action)")
    let outcome = task.step(action, &world)
    let truncated = world.stepCount >= world.maxSteps
    if outcome.terminated || truncated {
      try regenerate()
      task.didReset(&world)
    }
    world.encodeView7(into: view)
    direction.pointee = UInt8(truncatingIfNeeded: world.direction)
    return (outcome.reward, outcome.terminated, truncated)
  }
}

/// How a Minigrid environment renders (`highlight`, `tile_size`, `agent_pov`).
public struct GridRenderOptions: Sendable, Hashable {
  /// Whether the cells the agent sees are lightened.
  public var highlight: Bool
  /// Pixels per cell.
  public var tileSize: Int
  /// Whether to draw the agent's 7×7 view instead of the whole map.
  public var agentPOV: Bool
  /// Whether to add the mission as a caption under the map.
  public var caption: Bool

  /// Minigrid's defaults: highlight on, 32-pixel tiles, whole map; plus a caption.
  public init(highlight: Bool = true, tileSize: Int = 32, agentPOV: Bool = false, caption: Bool = true) {
    self.highlight = highlight
    self.tileSize = tileSize
    self.agentPOV = agentPOV
    self.caption = caption
  }
}

extension MiniGridEnvironment: TextRenderableEnvironment {
  /// The map as Minigrid's `pprint_grid` draws it, then the mission.
  public func renderText() -> String {
    world.asciiGrid + "\n" + world.mission
  }
}
