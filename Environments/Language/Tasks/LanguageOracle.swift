/// A scripted controller that reads the instruction and drives the scene to its goal: the
/// proof that every task, split and instruction is solvable.
///
/// The oracle parses the instruction text with `InstructionParser` (it is never told the goal
/// value), reaches for the grasp point, then drives the measured quantity to the parsed value
/// with a proportional-derivative law and holds it. Pouring is irreversible, so the oracle tilts
/// just past the spill angle, with a tilt margin shrinking as the poured amount nears the goal,
/// and tilts back before it.
public struct LanguageOracle: Sendable {
  /// The goal value the oracle read from the instruction.
  public let goal: Double
  /// The task.
  public let task: LanguageTaskKind

  /// An oracle for an instruction.
  /// - Throws: `InstructionError` when the instruction is outside the grammar.
  public init(instruction: String, task: LanguageTaskKind) throws(InstructionError) {
    goal = try InstructionParser.parse(instruction, task: task).value
    self.task = task
  }

  /// The command (x, y velocity and twist in −1...1) for the scene's current state.
  public func command(for s: ManipulationScene) -> SIMD3<Double> {
    func clamp(_ v: Double) -> Double { min(max(v, -1), 1) }
    /// Velocity command steering the gripper to `target`, braking near it.
    func reach(_ target: SIMD2<Double>, gain: Double = 4) -> SIMD2<Double> {
      let v = (target - s.gripper) * gain / ManipulationScene.maxSpeed - s.velocity * 0.4 / ManipulationScene.maxSpeed
      let n = max(abs(v.x), abs(v.y))
      return n > 1 ? v / n : v
    }
    if !s.grasped {
      // Approach the grasp point from above, so the gripper never sweeps through the object.
      let g = s.graspPoint
      let above = SIMD2(g.x, max(g.y, s.gripper.y))
      let target = abs(s.gripper.x - g.x) > 0.03 ? above + SIMD2(0, 0.02) : g
      let v = reach(target)
      return SIMD3(v.x, v.y, 0)
    }
    switch task {
    case .liftObject:
      let target = s.layout.tableY + s.object.height + goal
      return SIMD3(clamp(-s.velocity.x), clamp((target - s.gripper.y) * 5 - s.velocity.y * 0.5), 0)
    case .rotateObject:
      // Lift clear of the table, then turn.
      let up = s.layout.tableY + s.object.height + max(s.object.width, s.object.height) / 2 + 0.02
      let vy = clamp((up - s.gripper.y) * 5 - s.velocity.y * 0.5)
      return SIMD3(0, vy, clamp((goal - s.angle) * 2.5 - s.angularVelocity * 0.4))
    case .openDrawer, .closeDrawer:
      let ux = clamp(((goal - s.joint) * 4 - s.jointVelocity * 0.5) * s.object.width / ManipulationScene.maxSpeed)
      return SIMD3(ux, 0, 0)
    case .openDoor, .closeDoor:
      let r = s.object.width * 0.9
      let along = clamp(((goal - s.joint) * 4 - s.jointVelocity * 0.5) * r / ManipulationScene.maxSpeed)
      return SIMD3(along * Double.cos(s.joint), -along * Double.sin(s.joint), 0)
    case .pourBalls, .transferBalls:
      // Carry the container above the target's rim with its lip over the opening, then pour.
      let clearance = s.targetRimY + s.object.height / 2 + 0.08
      let lipShift = s.object.height / 2  // the lip's offset at a pouring tilt of about 90°
      let station = SIMD2(s.layout.targetX - lipShift, max(clearance, min(s.gripper.y, clearance + 0.1)))
      let remaining = goal - s.delivered
      let atStation = abs(s.gripper.x - station.x) < 0.015 && s.gripper.y > clearance - 0.02 && (s.velocity * s.velocity).sum() < 0.003
      var twistTarget = 0.0
      if atStation && remaining > 0.012 {
        twistTarget = s.spillAngle + min(0.5, remaining * 2.0)
      } else if remaining > 0.012 && s.delivered > 0 {
        twistTarget = s.spillAngle - 0.2
      }
      if s.angle > 0.3 {
        // Hold the position while tilted, so nothing spills outside the target.
        let v = reach(SIMD2(station.x, s.gripper.y))
        return SIMD3(v.x, 0, clamp((twistTarget - s.angle) * 3 - s.angularVelocity * 0.3))
      }
      let v = reach(station)
      return SIMD3(v.x, v.y, clamp((twistTarget - s.angle) * 3 - s.angularVelocity * 0.3))
    }
  }
}

extension LanguageOracle {
  /// One oracle episode's outcome.
  public struct Outcome: Sendable, Hashable {
    /// Whether the goal was held before the time limit.
    public var succeeded: Bool
    /// Steps taken.
    public var steps: Int
    /// The instruction, the goal value (SI) and the final measured value.
    public var instruction: String, goal: Double, measured: Double
  }

  /// Runs the oracle for one episode of `env` (reset with `seed`), up to `maxSteps` steps.
  /// Discrete tasks receive the discrete action nearest to the oracle's command plus the error
  /// the earlier discrete actions left (error diffusion), so that on average the discrete
  /// commands follow the continuous ones instead of chattering between full speed and rest.
  /// `observe`, when given, sees the environment after the reset and after every step.
  public static func run<Control: ManipulatorControl>(
    _ env: inout LanguageTask<Control>, seed: UInt64, maxSteps: Int = LanguageTasks.maxEpisodeSteps,
    observe: ((LanguageTask<Control>) throws -> Void)? = nil
  ) throws -> Outcome {
    let (obs, _) = try env.reset(seed: seed)
    try observe?(env)
    let oracle = try LanguageOracle(instruction: obs.instruction.text, task: env.task)
    var steps = 0
    var done = false
    var residual = SIMD3<Double>.zero
    while !done && steps < maxSteps {
      let command = oracle.command(for: env.scene)
      let action: Control.Action
      if Control.self == ContinuousManipulation.self {
        action = SIMD3<Float>(command) as! Control.Action
      } else {
        let wanted = command + residual
        let a = DiscreteManipulation.nearest(to: wanted)
        residual = (wanted - DiscreteManipulation.command(a)).clamped(lowerBound: SIMD3(repeating: -1), upperBound: SIMD3(repeating: 1))
        action = a as! Control.Action
      }
      done = env.step(action).terminated
      steps += 1
      try observe?(env)
    }
    return Outcome(succeeded: done, steps: steps, instruction: obs.instruction.text, goal: env.goal.value, measured: env.scene.measured)
  }

  /// The oracle's success rate over `episodes` episodes of a task and split (seeds
  /// `seed`, `seed + 1`, …).
  public static func successRate(
    task: LanguageTaskKind, split: LanguageSplit, episodes: Int, seed: UInt64 = 0, continuous: Bool = true
  ) throws -> (rate: Double, failures: [Outcome]) {
    var failures: [Outcome] = []
    var successes = 0
    for k in 0..<episodes {
      let outcome: Outcome
      if continuous {
        var env = LanguageTask<ContinuousManipulation>(task: task, split: split)
        outcome = try run(&env, seed: seed + UInt64(k))
      } else {
        var env = LanguageTask<DiscreteManipulation>(task: task, split: split)
        outcome = try run(&env, seed: seed + UInt64(k))
      }
      if outcome.succeeded { successes += 1 } else { failures.append(outcome) }
    }
    return (Double(successes) / Double(max(episodes, 1)), failures)
  }
}
