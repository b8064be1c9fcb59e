import GymCore

/// Any Minigrid or BabyAI environment, seen through its world: what planners (the BabyAI
/// bot), renderers and tests need without knowing the task type.
public protocol GridWorldEnvironment: RenderableEnvironment, TextRenderableEnvironment, Sendable
where Observation == MiniGridObservation, Action == Int, Reward == Double, ActionSpace == Discrete,
  ObservationSpace == MiniGridObservationSpace {
  /// The world: grid, agent, carried object, counters, generator.
  var world: GridWorld { get }
  /// Rendering settings.
  var renderOptions: GridRenderOptions { get set }
  /// The current observation.
  var observation: MiniGridObservation { get }
  /// The BabyAI verifier of the current episode, if the level has one.
  var verifier: InstructionVerifier? { get }
  /// Applies an action without building the observation (planners, batches, benchmarks).
  mutating func advance(_ action: Int) -> (reward: Double, terminated: Bool, truncated: Bool)
  /// Applies an action, resets when the episode ends, and writes the (next) observation's
  /// 147-byte view at `view` and heading at `direction` (the batched step).
  mutating func advanceWritingView(
    _ action: Int, view: UnsafeMutableRawPointer, direction: UnsafeMutablePointer<UInt8>
  ) throws(GridGenerationError) -> (reward: Double, terminated: Bool, truncated: Bool)
}

extension MiniGridEnvironment: GridWorldEnvironment {
  public var verifier: InstructionVerifier? { task.verifier }
}
