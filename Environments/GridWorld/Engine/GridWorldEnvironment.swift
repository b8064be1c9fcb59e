import GymCore

/// Any Minigrid or BabyAI environment, seen through its world: what planners (the BabyAI
/// bot), renderers and tests need without knowing the task type.
public protocol GridWorldEnvironment: Environment, Sendable
where Observation == MiniGridObservation, Action == Int, Reward == Double, ActionSpace == Discrete,
  ObservationSpace == MiniGridObservationSpace {
  /// The world: grid, agent, carried object, counters, generator.
  var world: GridWorld { get }
  /// Rendering settings.
  var renderOptions: GridRenderOptions { get set }
  /// The current observation.
  var observation: MiniGridObservation { get }
}

extension MiniGridEnvironment: GridWorldEnvironment {}
