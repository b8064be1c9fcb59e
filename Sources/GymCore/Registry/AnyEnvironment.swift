/// An environment of any type, with observations and actions as flat `[Float]` vectors:
/// what `make(_:)` returns.
///
/// Observations are the observation space's flat form (Gymnasium's `flatten`: Box values as
/// they are, Discrete one-hot). Actions are the action space's flat form too; `checkedStep`
/// validates them and throws a descriptive error, `step` treats an invalid action as a
/// programmer error. Actions can also be given as JSON (`step(json:)`), e.g. `1` for a
/// Discrete action. Multi-objective rewards arrive summed in `reward`, with the vector in
/// `info["reward_vector"]`.
///
/// `AnyEnvironment` enforces the order of calls (a step before the first reset, or after the
/// episode ended, throws from `checkedStep`) and applies the spec's time limit.
public final class AnyEnvironment: Environment {
  public typealias Observation = [Float]
  public typealias Action = [Float]

  @usableFromInline let box: _AnyEnvironmentBox
  /// The registry entry this environment was made from, if any.
  public internal(set) var spec: EnvironmentSpec?
  /// The render mode fixed at construction (Gymnasium's `render_mode`).
  public let renderMode: RenderMode?
  /// The step limit applied on top of the environment, if any.
  public let maxEpisodeSteps: Int?
  /// Steps since the last reset.
  @exclusivity(unchecked) public private(set) var elapsedSteps = 0
  /// Whether `reset` has been called.
  @exclusivity(unchecked) public private(set) var hasReset = false
  /// Whether the current episode has ended (terminated or truncated).
  @exclusivity(unchecked) public private(set) var episodeEnded = false

  public let observationSpace: FlatSpace
  public let actionSpace: FlatSpace
  public var metadata: EnvironmentMetadata { box.metadata() }
  /// The wrapped environment, as an existential (for inspection and tests).
  public var base: any Environment { box.base() }

  /// Erases `env`.
  /// - Parameters:
  ///   - maxEpisodeSteps: truncate episodes after this many steps (`nil`: never).
  ///   - renderMode: what `render()` returns; must be one of the environment's modes.
  @inlinable
  public convenience init<E: Environment>(_ env: E, maxEpisodeSteps: Int? = nil, renderMode: RenderMode? = nil) throws {
    if let renderMode, !env.metadata.renderModes.contains(renderMode) {
      let allowed = env.metadata.renderModes.map(\.rawValue)
      throw RegistryError("render mode '\(renderMode.rawValue)' is not supported; allowed: \(allowed.isEmpty ? "none" : allowed.joined(separator: ", "))")
    }
    self.init(box: _EnvironmentBox(env), maxEpisodeSteps: maxEpisodeSteps, renderMode: renderMode)
  }

  @usableFromInline
  init(box: _AnyEnvironmentBox, maxEpisodeSteps: Int?, renderMode: RenderMode?) {
    self.box = box
    self.maxEpisodeSteps = maxEpisodeSteps
    self.renderMode = renderMode
    observationSpace = box.observationSpace
    actionSpace = box.actionSpace
  }

  public func reset(seed: UInt64?, options: Options) throws -> ResetResult<[Float]> {
    let result = try box.reset(seed, options)
    hasReset = true
    episodeEnded = false
    elapsedSteps = 0
    return result
  }

  /// Starts a new episode with no options (reseeding when `seed` is given).
  public func reset(seed: UInt64? = nil) throws -> ResetResult<[Float]> {
    try reset(seed: seed, options: [:])
  }

  /// Advances one step.
  /// - Precondition: the action is valid and the episode is running (see `checkedStep`).
  public func step(_ action: [Float]) -> StepResult<[Float], Double> {
    do { return try checkedStep(action) } catch { preconditionFailure("\(error)") }
  }

  /// Advances one step, throwing a descriptive error for an invalid action, a step before the
  /// first reset or after the episode ended, or a NaN reward.
  public func checkedStep(_ action: [Float]) throws -> StepResult<[Float], Double> {
    guard hasReset else { throw EnvironmentError("call reset(seed:) before step") }
    guard !episodeEnded else {
      throw EnvironmentError("the episode has ended (terminated or truncated); call reset before stepping again")
    }
    var result = try box.step(action)
    guard !result.reward.isNaN else {
      throw EnvironmentError("the environment returned a NaN reward at step \(elapsedSteps + 1)")
    }
    elapsedSteps += 1
    if let maxEpisodeSteps, elapsedSteps >= maxEpisodeSteps { result.truncated = true }
    episodeEnded = result.terminated || result.truncated
    return result
  }

  /// Advances one step with the action given as JSON (e.g. `1` for Discrete, `[0.5]` for Box).
  public func step(json action: JSONValue) throws -> StepResult<[Float], Double> {
    let flat: [Float]
    do { flat = try actionSpace.base.flattenChecked(action) } catch {
      throw EnvironmentError("invalid action \(action): \(error.message)")
    }
    return try checkedStep(flat)
  }

  /// A uniformly random valid action in flat form.
  public func sampleAction(using rng: inout GymRandom) -> [Float] { box.sampleAction(&rng) }

  /// The environment's internal state as JSON, where it exposes one (`StateInjectable`).
  public var internalState: [Double]? { box.internalState() }

  /// Renders in the mode fixed at construction, or `nil` when no mode was chosen.
  public func render() -> RenderOutput? {
    switch renderMode {
    case .rgbArray?: return box.renderFrame().map(RenderOutput.rgb)
    case .ansi?: return box.renderText().map(RenderOutput.ansi)
    case nil: return nil
    }
  }

  /// Renders an RGB frame regardless of the chosen mode, when the environment can.
  public func renderFrame() -> Frame? { box.renderFrame() }
  /// Renders text regardless of the chosen mode, when the environment can.
  public func renderText() -> String? { box.renderText() }
}

/// What `AnyEnvironment.render()` returns.
public enum RenderOutput: Sendable {
  /// An RGB frame.
  case rgb(Frame)
  /// A text rendering.
  case ansi(String)
}

/// An invalid call through the type-erased API.
public struct EnvironmentError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What was wrong.
  public var message: String
  /// An error with this message.
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// An environment whose internal state can be read and injected (for `gym replay`).
public protocol StateInjectable {
  /// The internal state as numbers, in the order `reset(options: ["state": …])` accepts.
  var internalState: [Double] { get }
}

// MARK: - Boxes

/// The erased operations of one environment, as closures over a shared reference.
///
/// Closures (rather than a generic subclass) keep the step path specialised: they are formed
/// inside `@inlinable` generic code, so the compiler specialises their bodies for the concrete
/// environment at the registration site, where a generic class's vtable would not be.
@usableFromInline
final class _AnyEnvironmentBox {
  @usableFromInline let base: () -> any Environment
  @usableFromInline let observationSpace: FlatSpace
  @usableFromInline let actionSpace: FlatSpace
  @usableFromInline let metadata: () -> EnvironmentMetadata
  @usableFromInline let reset: (UInt64?, Options) throws -> ResetResult<[Float]>
  @usableFromInline let step: ([Float]) throws -> StepResult<[Float], Double>
  @usableFromInline let sampleAction: (inout GymRandom) -> [Float]
  @usableFromInline let renderFrame: () -> Frame?
  @usableFromInline let renderText: () -> String?
  @usableFromInline let internalState: () -> [Double]?

  @usableFromInline
  init(
    base: @escaping () -> any Environment, observationSpace: FlatSpace, actionSpace: FlatSpace,
    metadata: @escaping () -> EnvironmentMetadata,
    reset: @escaping (UInt64?, Options) throws -> ResetResult<[Float]>,
    step: @escaping ([Float]) throws -> StepResult<[Float], Double>,
    sampleAction: @escaping (inout GymRandom) -> [Float], renderFrame: @escaping () -> Frame?,
    renderText: @escaping () -> String?, internalState: @escaping () -> [Double]?
  ) {
    self.base = base
    self.observationSpace = observationSpace
    self.actionSpace = actionSpace
    self.metadata = metadata
    self.reset = reset
    self.step = step
    self.sampleAction = sampleAction
    self.renderFrame = renderFrame
    self.renderText = renderText
    self.internalState = internalState
  }
}

/// A mutable cell the erased closures share.
@usableFromInline
final class _EnvironmentCell<E: Environment> {
  // Accessed only through the owning AnyEnvironment, one call at a time.
  @usableFromInline @exclusivity(unchecked) var env: E
  /// The last flat observation handed out; reused in place when the caller has dropped it.
  @usableFromInline @exclusivity(unchecked) var observation: [Float]
  /// The observation space, read once (as `AnyEnvironment.observationSpace` is): flattening
  /// an observation then copies nothing per step.
  @usableFromInline let observationSpace: E.ObservationSpace
  /// The action space when it is a float `Box` of `[Float]` values, whose flat form is its
  /// value: a valid flat action is then the typed action itself, checked in place.
  @usableFromInline let floatActionBox: Box<[Float]>?

  @inlinable init(_ env: E) {
    self.env = env
    observationSpace = env.observationSpace
    floatActionBox = env.actionSpace as? Box<[Float]>
    observation = Array(repeating: 0, count: env.observationSpace.flatDimension)
  }

  @inlinable
  func flatten(_ obs: E.Observation) -> [Float] {
    observation.withUnsafeMutableBufferPointer { observationSpace.flatten(obs, into: $0) }
    return observation
  }

  /// The typed action for a flat one, or a descriptive error.
  @inlinable
  func action(_ flat: [Float]) throws -> E.Action {
    // Fast path: a float Box action that is valid as given (no conversion, no allocation).
    if let box = floatActionBox, box.contains(flat), let typed = flat as? E.Action { return typed }
    let space = env.actionSpace
    let typed: E.Action
    do { typed = try space.unflatten(flat) } catch {
      throw EnvironmentError("invalid action \(flat) for \(space): \(error)")
    }
    guard space.contains(typed) else {
      throw EnvironmentError("action \(space.encode(typed)) is outside the action space \(space)")
    }
    return typed
  }
}

@inlinable
func _EnvironmentBox<E: Environment>(_ env: E) -> _AnyEnvironmentBox {
  let cell = _EnvironmentCell(env)
  return _AnyEnvironmentBox(
    base: { cell.env },
    observationSpace: FlatSpace(env.observationSpace),
    actionSpace: FlatSpace(env.actionSpace),
    metadata: { cell.env.metadata },
    reset: { seed, options in
      let (obs, info) = try cell.env.reset(seed: seed, options: options)
      return (cell.env.observationSpace.flatten(obs), info)
    },
    step: { action in
      let r = cell.env.step(try cell.action(action))
      let flat = cell.flatten(r.observation)
      if let scalar = r.reward as? Double {
        return (flat, scalar, r.terminated, r.truncated, r.info)
      }
      var info = r.info
      let components = r.reward.components
      info["reward_vector"] = JSONValue(components)
      return (flat, components.reduce(0, +), r.terminated, r.truncated, info)
    },
    sampleAction: { rng in cell.env.actionSpace.flatten(cell.env.actionSpace.sample(using: &rng)) },
    renderFrame: { (cell.env as? any RenderableEnvironment)?.render() },
    renderText: { (cell.env as? any TextRenderableEnvironment)?.renderText() },
    internalState: { (cell.env as? any StateInjectable)?.internalState }
  )
}
