import GymCore

/// The rules of one Minigrid environment: how it lays out a level and how it judges a step.
///
/// `MiniGridEnvironment` owns the `GridWorld` and calls these hooks; a task holds only its own
/// parameters and per-episode facts (the target object, the success cell, …). Everything
/// random must be drawn from `world.rng` through the `GridWorld` helpers, in Minigrid's order.
///
/// ### Conforming
/// Implement `generate(_:)`; override `step(_:_:)` to add success or failure rules on top of
/// `world.applyBaseRules(_:)` (which is the default), and `actionCount` to restrict actions.
public protocol MiniGridTask: Sendable {
  /// Lays out a new level in the cleared `world` (`_gen_grid`): walls, objects, the agent's
  /// cell and heading, and the mission.
  /// - Throws: `GridGenerationError` when rejection sampling gives up.
  mutating func generate(_ world: inout GridWorld) throws(GridGenerationError)

  /// Applies `action` (0...6) and returns the reward and termination (Minigrid's `step`
  /// without the observation and truncation, which the environment adds).
  mutating func step(_ action: Int, _ world: inout GridWorld) -> StepOutcome

  /// Called after the reset observation was taken (for levels that change the world after
  /// Minigrid's `reset` built its observation).
  mutating func didReset(_ world: inout GridWorld)

  /// The number of actions (`Discrete(n)`); 7 unless the task restricts them.
  var actionCount: Int { get }

  /// The BabyAI verifier of this episode's instruction, for levels that have one (nil for
  /// the other Minigrid tasks).
  var verifier: InstructionVerifier? { get }
}

// MARK: - Default implementations

extension MiniGridTask {
  /// Minigrid's base rules.
  @inlinable
  public mutating func step(_ action: Int, _ world: inout GridWorld) -> StepOutcome {
    world.applyBaseRules(action)
  }

  /// Nothing.
  public mutating func didReset(_ world: inout GridWorld) {}

  /// Seven actions.
  public var actionCount: Int { 7 }

  /// No instruction verifier.
  public var verifier: InstructionVerifier? { nil }
}
