/// The result of `reset`: the first observation of an episode and its info.
///
/// A labelled tuple, so Gymnasium's unpacking reads the same: `let (obs, info) = env.reset(seed: 0)`.
public typealias ResetResult<Observation> = (observation: Observation, info: Info)

/// The result of `step`: observation, reward, `terminated`, `truncated` and info.
///
/// `terminated` means the MDP reached a terminal state (do not bootstrap from `observation`);
/// `truncated` means the episode was cut for a reason outside the MDP, normally a time limit
/// (do bootstrap). Both can be true at once.
public typealias StepResult<Observation, Reward> = (
  observation: Observation, reward: Reward, terminated: Bool, truncated: Bool, info: Info
)

/// Per-step auxiliary data, as Gymnasium's `info` dict. Empty dictionaries cost nothing.
public typealias Info = [String: JSONValue]

/// Environment-specific reset options, as Gymnasium's `options` dict (for example `low`/`high`
/// bounds of the start state, or `state` to inject an internal state).
public typealias Options = [String: JSONValue]

/// A reinforcement-learning environment: Gymnasium's `Env`.
///
/// An environment owns its state and its random generator. `reset(seed:options:)` starts an
/// episode; with a seed it reseeds the environment's generator, without one it keeps the
/// current stream, so seeding only the first reset gives a reproducible sequence of episodes.
/// `step(_:)` advances one time step. Stepping after `terminated` or `truncated`, or before the
/// first reset, is a programmer error (see `Wrappers.OrderEnforcing`).
///
/// ### Rewards: scalar, vector, per agent
/// `Reward` is `Double` by default. Multi-objective environments (MO-Gymnasium) set it to
/// `RewardVector`, one component per objective, and declare the reward space through
/// `MultiObjectiveEnvironment`; wrappers that need a scalar (`NormalizeReward`) require
/// `Reward == Double`, and `Wrappers.LinearScalarization` turns a vector into a scalar.
/// Multi-agent environments (PettingZoo's parallel API, MOMAland) are a separate protocol,
/// `ParallelEnvironment`, whose observations, actions and rewards are dictionaries keyed by
/// agent; a single-agent view of one agent is again an `Environment`.
///
/// ### Conforming
/// Implement the two spaces, `reset` and `step`; `metadata` has a default. Conform to
/// `RenderableEnvironment` to render frames. Structs with `mutating` methods are the norm: they
/// let the compiler keep the whole step loop in registers.
public protocol Environment<Observation, Action> {
  /// What `reset` and `step` return as the observation.
  associatedtype Observation
  /// What `step` accepts.
  associatedtype Action
  /// The observation space's type.
  associatedtype ObservationSpace: Space<Observation>
  /// The action space's type.
  associatedtype ActionSpace: Space<Action>
  /// The reward type: `Double`, or `RewardVector` for multi-objective tasks.
  associatedtype Reward: RewardValue = Double

  /// The set of valid observations.
  var observationSpace: ObservationSpace { get }
  /// The set of valid actions.
  var actionSpace: ActionSpace { get }
  /// Render modes, frame rate, reward threshold.
  var metadata: EnvironmentMetadata { get }

  /// Starts a new episode.
  /// - Parameters:
  ///   - seed: reseeds the environment's generator when given; `nil` continues the stream.
  ///   - options: environment-specific options; unknown or malformed ones throw.
  /// - Returns: the first observation and its info.
  mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Observation>

  /// Advances the environment by one step.
  /// - Precondition: `actionSpace.contains(action)`, and the episode has not ended.
  mutating func step(_ action: Action) -> StepResult<Observation, Reward>
}

// MARK: - Default implementations

extension Environment {
  /// No render modes, no frame rate, no reward threshold.
  public var metadata: EnvironmentMetadata { EnvironmentMetadata() }

  /// Starts a new episode with no options.
  @inlinable
  public mutating func reset(seed: UInt64? = nil) throws -> ResetResult<Observation> {
    try reset(seed: seed, options: [:])
  }
}

/// Static facts about an environment: Gymnasium's `metadata` dict.
public struct EnvironmentMetadata: Sendable, Hashable {
  /// The render modes the environment supports.
  public var renderModes: [RenderMode]
  /// Frames per second of real time, for animations.
  public var renderFPS: Int?
  /// The average return at which the task counts as solved.
  public var rewardThreshold: Double?

  /// Metadata with the given fields.
  public init(renderModes: [RenderMode] = [], renderFPS: Int? = nil, rewardThreshold: Double? = nil) {
    self.renderModes = renderModes
    self.renderFPS = renderFPS
    self.rewardThreshold = rewardThreshold
  }
}

/// How an environment renders, fixed when it is made (Gymnasium's `render_mode`).
public enum RenderMode: String, Sendable, Hashable, CaseIterable, Codable {
  /// An RGB frame (`Frame`).
  case rgbArray = "rgb_array"
  /// A text picture of the state.
  case ansi = "ansi"
}

/// An environment that can draw its state as an RGB frame.
public protocol RenderableEnvironment: Environment {
  /// Draws the current state into a new frame of the environment's natural size
  /// (600×400 for most physics tasks).
  func render() -> Frame
}

/// An environment that can describe its state as text (`ansi` mode).
public protocol TextRenderableEnvironment: Environment {
  /// The state as a few lines of text.
  func renderText() -> String
}
