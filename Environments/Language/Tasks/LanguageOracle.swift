/// A scripted controller that reads the instruction and drives the scene to its goal: the
/// proof that every task, split and instruction is solvable.
///
/// The oracle parses the instruction text with `InstructionParser` (it is never told the goal
/// value), reaches for the grasp point, then drives the measured quantity to the parsed value
/// with a proportional-derivative law and holds it. Pouring is irreversible, so the oracle tilts
/// the container until balls flow, holds the tilt while they do, trickles the last ones and
/// tips back just before the balls in the target and falling toward it reach the goal.
public struct LanguageOracle: Sendable {
  /// The goal value the oracle read from the instruction.
  public let goal: Double
  /// The task.
  public let task: LanguageTaskKind
  /// How far short of the goal (share of the balls) the oracle stops pouring, for the balls
  /// still rolling over the lip when it tips back.
  static let pourStopMargin = 0.02
  /// Below this share of the balls left to pour, the oracle pours in trickles: a pile that
  /// holds together slides out in clumps when tipped further than its slope.
  static let pourTrickle = 0.25
  /// How far (m) short of the target's middle the oracle holds the lip: balls leave the lip
  /// moving toward the target's far side.
  static let pourLead = 0.03
  /// Tilt (rad) the oracle turns to at full speed over the target, before any container
  /// spills; and the tilt it carries containers at.
  static let pourFastTilt = 1.05, pourCarryTilt = 0.5

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
      // Lift clear of the table, then turn: a long block turned on its way up catches its end
      // on the table and stays pinned there.
      let up = s.layout.tableY + s.object.height + max(s.object.width, s.object.height) / 2 + 0.02
      let vy = clamp((up - s.gripper.y) * 5 - s.velocity.y * 0.5)
      let clear = s.gripper.y > up - 0.01
      return SIMD3(0, vy, clear ? clamp((goal - s.angle) * 2.5 - s.angularVelocity * 0.4) : 0)
    case .openDrawer, .closeDrawer:
      let ux = clamp(((goal - s.joint) * 4 - s.jointVelocity * 0.5) * s.object.width / ManipulationScene.maxSpeed)
      return SIMD3(ux, 0, 0)
    case .openDoor, .closeDoor:
      let r = s.object.width * 0.9
      let along = clamp(((goal - s.joint) * 4 - s.jointVelocity * 0.5) * r / ManipulationScene.maxSpeed)
      return SIMD3(along * Double.cos(s.joint), -along * Double.sin(s.joint), 0)
    case .pourBalls, .transferBalls:
      // Carry the container above the target's rim with its lip over the opening, `pourLead`
      // short of its middle (tilting it a little on the way, below where balls roll out), then
      // tilt it until balls roll out; hold the tilt while they flow, trickle the last ones,
      // and tip back once the balls in the target and those falling toward it come near the
      // goal.
      let clearance = s.targetRimY + s.object.height / 2 + 0.08
      let lipOffset = s.angle > 0.3 ? s.lip.x - s.objectCenter.x : s.object.height / 2
      let station = SIMD2(s.layout.targetX - Self.pourLead - lipOffset, max(clearance, min(s.gripper.y, clearance + 0.1)))
      let remaining = goal - s.delivered - s.falling
      let high = s.gripper.y > clearance - 0.02
      let over = abs(s.gripper.x - station.x) < 0.03
      var twist: Double
      if remaining <= Self.pourStopMargin + 1.5 * s.outflow || !high {
        twist = clamp(-s.angle * 3 - s.angularVelocity * 0.3)
      } else if !over {
        twist = clamp((Self.pourCarryTilt - s.angle) * 3 - s.angularVelocity * 0.3)
      } else if s.outflow > 0 {
        // Balls are flowing: hold the tilt while far from the goal; near it, tip back at every
        // ball, so that the last balls come one by one.
        twist = remaining > Self.pourTrickle ? clamp(-s.angularVelocity * 0.3) : -1
      } else if s.angle < Self.pourFastTilt {
        twist = 1
      } else {
        twist = clamp((remaining > Self.pourTrickle ? 0.3 : 0.12) - s.angularVelocity * 0.3)
      }
      if s.angle >= ManipulationScene.maxTilt - 0.05 { twist = min(twist, 0) }
      if s.angle > 0.3 {
        // Tilted: do not go down; keep the lip over the target.
        let v = reach(SIMD2(station.x, max(s.gripper.y, station.y)), gain: over ? 2 : 4)
        return SIMD3(v.x, v.y, twist)
      }
      let v = reach(station)
      return SIMD3(v.x, v.y, twist)
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

  /// Runs the oracle for one episode of `env` (reset with `seed`), up to `maxSteps` steps (the
  /// task's time limit by default).
  /// Discrete tasks receive the discrete action nearest to the oracle's command plus the error
  /// the earlier discrete actions left (error diffusion), so that on average the discrete
  /// commands follow the continuous ones instead of chattering between full speed and rest.
  /// `observe`, when given, sees the environment after the reset and after every step.
  public static func run<Control: ManipulatorControl>(
    _ env: inout LanguageTask<Control>, seed: UInt64, maxSteps: Int? = nil,
    observe: ((LanguageTask<Control>) throws -> Void)? = nil
  ) throws -> Outcome {
    let (obs, _) = try env.reset(seed: seed)
    try observe?(env)
    let oracle = try LanguageOracle(instruction: obs.instruction.text, task: env.task)
    var steps = 0
    var done = false
    var residual = SIMD3<Double>.zero
    let limit = maxSteps ?? LanguageTasks.maxEpisodeSteps(env.task)
    while !done && steps < limit {
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
