import GymCore

/// A language-conditioned manipulation task with a continuous goal state, after ARNOLD.
///
/// Each episode draws a goal value, an object and a scene layout from the chosen split, and says
/// the goal in a template instruction ("open the drawer about a third of the way", "pour 40% of
/// the balls into the bowl"). The observation holds the scene's state and the instruction (text
/// and token ids), never the goal value itself. The episode succeeds, and terminates, once the
/// measured quantity has stayed within the goal's tolerance for `holdSteps` consecutive steps.
///
/// Reward: the reduction of the normalised goal error each step, plus (before the grasp) the
/// reduction of the gripper's distance to the grasp point, plus 1 on success.
///
/// `Control` picks the action type: `ContinuousManipulation` (Box of 3) or
/// `DiscreteManipulation` (Discrete(13)).
public struct LanguageTask<Control: ManipulatorControl>: Environment, Sendable {
  public typealias Observation = LanguageObservation
  public typealias Action = Control.Action

  /// The task.
  public let task: LanguageTaskKind
  /// The split episodes are drawn from.
  public let split: LanguageSplit
  /// The scene (physics state) of the current episode.
  public private(set) var scene: ManipulationScene
  /// The current goal and its hold tracker.
  public private(set) var tracker: SuccessTracker
  /// The current instruction.
  public private(set) var instruction: EncodedInstruction
  /// The generator behind episodes.
  public var rng: GymRandom
  var previousError = 0.0
  var previousDistance = 0.0

  public let observationSpace = LanguageObservationSpace()
  public let actionSpace: Control.ActionSpace

  public var metadata: EnvironmentMetadata {
    EnvironmentMetadata(renderModes: [.rgbArray, .ansi], renderFPS: 20, rewardThreshold: nil)
  }

  /// A task drawing episodes from `split`; `seed` seeds the generator before the first reset.
  public init(task: LanguageTaskKind, split: LanguageSplit = .train, seed: UInt64? = nil) {
    self.task = task
    self.split = split
    rng = GymRandom(seed: seed ?? UInt64.random(in: 0...UInt64.max))
    actionSpace = Control.actionSpace
    let object = LanguageCurriculum.objects(task, novel: false)[0]
    var layoutRNG = rng
    scene = ManipulationScene(task: task, object: object, layout: LanguageCurriculum.layout(novel: false, using: &layoutRNG), jointStart: 0)
    tracker = SuccessTracker(goal: LanguageGoal(task: task, object: object.noun, value: 0, tolerance: 1, holdSteps: 1))
    instruction = EncodedInstruction("")
  }

  /// The goal of the current episode.
  public var goal: LanguageGoal { tracker.goal }

  /// The current observation.
  public var observation: LanguageObservation {
    let s = scene
    let g = s.graspPoint
    let target = SIMD2(s.layout.targetX, s.targetRimY)
    let state = SIMD16<Float>(
      Float(s.gripper.x), Float(s.gripper.y), Float(s.velocity.x), Float(s.velocity.y),
      s.grasped ? 1 : 0, Float(g.x - s.gripper.x), Float(g.y - s.gripper.y),
      Float(s.measured), Float(s.measuredRate), Float(s.angle), Float(s.angularVelocity),
      Float(target.x - s.gripper.x), Float(target.y - s.gripper.y), Float(s.fill),
      Float(s.layout.tableY), Float(tracker.holdProgress))
    return LanguageObservation(state: state, instruction: instruction)
  }

  /// Starts an episode. Options: `value` (the goal in the quantity's spoken unit, e.g. 30 for
  /// 30 %, 45 for 45°, 20 for 20 cm) and `instruction` (a text that must parse to this task),
  /// to pick the goal instead of drawing it.
  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<LanguageObservation> {
    if let seed { rng = GymRandom(seed: seed) }
    if let bad = options.keys.sorted().first(where: { $0 != "value" && $0 != "instruction" }) {
      throw OptionError("unknown reset option '\(bad)' for \(task.idStem); allowed: instruction, value")
    }
    let quantity = task.quantity
    let objects = LanguageCurriculum.objects(task, novel: split == .novelObjects)
    let object = objects[rng.int(below: objects.count)]
    let layout = LanguageCurriculum.layout(novel: split == .novelScenes, using: &rng)
    let values = LanguageCurriculum.spokenValues(task, split: split)
    var value = quantity.si(Double(values[rng.int(below: values.count)]))
    var text: String? = nil
    if let given = options["instruction"] {
      guard let s = given.stringValue else { throw OptionError("reset option 'instruction' must be a string, got \(given)") }
      let parsed: ParsedInstruction
      do { parsed = try InstructionParser.parse(s, task: task) } catch {
        throw OptionError("reset option 'instruction': \(error.message)")
      }
      value = parsed.value
      text = s
    } else if let given = options["value"] {
      let range = LanguageCurriculum.valueRange(task).all
      guard let v = given.doubleValue, v >= Double(range.lowerBound), v <= Double(range.upperBound) else {
        throw OptionError("reset option 'value' of \(task.idStem) must be a number in \(range.lowerBound)...\(range.upperBound) (\(quantity.spokenUnitName)), got \(given)")
      }
      value = quantity.si(v)
    }
    let jointStart: Double
    switch task {
    case .closeDrawer: jointStart = rng.uniform(min(value + 0.25, 1), 1)
    case .closeDoor: jointStart = rng.uniform(min(value + 25 * .pi / 180, .pi / 2), .pi / 2)
    default: jointStart = 0
    }
    if text == nil {
      text = InstructionGrammar.instruction(for: task, object: object.noun, value: value, using: &rng)
      if text == nil {
        // Values no template says exactly (a fractional number) are said to the nearest unit.
        value = quantity.si(quantity.spoken(value).rounded())
        text = InstructionGrammar.instruction(for: task, object: object.noun, value: value, using: &rng) ?? ""
      }
    }
    scene = ManipulationScene(task: task, object: object, layout: layout, jointStart: jointStart)
    tracker = SuccessTracker(goal: LanguageGoal(
      task: task, object: object.noun, value: value, tolerance: LanguageCurriculum.tolerance(quantity),
      holdSteps: LanguageCurriculum.holdSteps))
    instruction = EncodedInstruction(text!)
    previousError = normalisedError
    previousDistance = graspDistance
    return (observation, ["instruction": .string(instruction.text), "goal": .double(value), "object": .string(object.noun)])
  }

  /// |measured − goal| as a fraction of the quantity's full scale.
  var normalisedError: Double { abs(scene.measured - tracker.goal.value) / task.quantity.fullScale }
  /// Gripper distance to the grasp point, 0 once grasped.
  var graspDistance: Double {
    guard !scene.grasped else { return 0 }
    let d = scene.gripper - scene.graspPoint
    return (d * d).sum().squareRoot()
  }

  public mutating func step(_ action: Action) -> StepResult<LanguageObservation, Double> {
    scene.step(Control.command(action))
    let succeeded = tracker.record(scene.measured)
    let error = normalisedError, distance = graspDistance
    var reward = 2 * (previousError - error) + (previousDistance - distance)
    previousError = error
    previousDistance = distance
    if succeeded { reward += 1 }
    return (observation, reward, succeeded, false, succeeded ? ["success": true] : [:])
  }
}

extension LanguageTask: TextRenderableEnvironment {
  /// The instruction, the goal and the measured value.
  public func renderText() -> String {
    let q = task.quantity
    func say(_ v: Double) -> String { String(Int((q.spoken(v) * 10).rounded()) / 10) }
    let measured = (q.spoken(scene.measured) * 10).rounded() / 10
    return "\(instruction.text)\n\(task.rawValue): measured \(measured) \(q.spokenUnitName), goal \(say(goal.value)) ± \(say(goal.tolerance)), held \(tracker.consecutiveSteps)/\(goal.holdSteps)\(scene.grasped ? ", grasped" : "")"
  }
}
