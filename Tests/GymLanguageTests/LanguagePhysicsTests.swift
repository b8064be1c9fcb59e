import CBox2D
@testable import GymLanguage
import Testing

/// The physics of the language tasks: Box2D joints and worlds freed, the balls, scenes as values.
@Suite struct LanguagePhysicsTests {
  @Test func drawerOpeningIsTheJointTranslationWithinItsLimits() throws {
    var env = LanguageTask<ContinuousManipulation>(task: .openDrawer, split: .train)
    _ = try env.reset(seed: 4, options: ["value": 100])
    let oracle = try LanguageOracle(instruction: env.instruction.text, task: .openDrawer)
    while !env.scene.grasped { _ = env.step(SIMD3<Float>(oracle.command(for: env.scene))) }
    // Pulling on past the end: the prismatic limit holds the drawer at its full travel.
    for _ in 0..<60 {
      _ = env.step(SIMD3(1, 0, 0))
      #expect(env.scene.joint <= 1.01)
    }
    #expect(abs(env.scene.joint - 1) < 0.01)
    for _ in 0..<80 {
      _ = env.step(SIMD3(-1, 0, 0))
      #expect(env.scene.joint >= -0.01)
    }
    #expect(abs(env.scene.joint) < 0.01)
  }

  @Test func doorStopsAtItsHingeLimits() throws {
    var env = LanguageTask<ContinuousManipulation>(task: .openDoor, split: .novelObjects)
    _ = try env.reset(seed: 2)
    let oracle = try LanguageOracle(instruction: env.instruction.text, task: .openDoor)
    while !env.scene.grasped { _ = env.step(SIMD3<Float>(oracle.command(for: env.scene))) }
    for _ in 0..<80 {
      // Push along the door's opening direction at the handle.
      let j = env.scene.joint
      _ = env.step(SIMD3(Float(Double.cos(j)), Float(-Double.sin(j)), 0))
      #expect(env.scene.joint <= .pi / 2 + 0.02)
    }
    #expect(abs(env.scene.joint - .pi / 2) < 0.02)
  }

  @Test func pouredShareCountsTheBallsInTheTarget() throws {
    var env = LanguageTask<ContinuousManipulation>(task: .pourBalls, split: .train)
    _ = try env.reset(seed: 7)
    var balls = env.scene.balls
    #expect(balls.centres.count == ManipulationScene.ballCount)
    #expect(env.scene.fill == 1 && env.scene.delivered == 0)
    let outcome = try LanguageOracle.run(&env, seed: 7)
    balls = env.scene.balls
    let layout = env.scene.layout
    let inner = layout.targetWidth / 2 - 0.006
    let inTarget = balls.centres.filter { p in
      abs(p.x - layout.targetX) <= inner && p.y >= layout.tableY && p.y <= layout.tableY + layout.targetHeight + 2 * balls.radius
    }.count
    #expect(outcome.succeeded)
    #expect(env.scene.delivered == Double(inTarget) / Double(ManipulationScene.ballCount))
    #expect(abs(env.scene.fill + env.scene.delivered + env.scene.falling + env.scene.spilled - 1) < 1e-9)
  }

  @Test func worldsRebuiltOnResetAreFreed() throws {
    let before = cb2_debug_thread_world_balance()
    do {
      for task in [LanguageTaskKind.liftObject, .rotateObject, .openDrawer, .openDoor] {
        var env = LanguageTask<ContinuousManipulation>(task: task, split: .train, seed: 1)
        for seed in 0..<25 as Range<UInt64> {
          _ = try env.reset(seed: seed)
          for _ in 0..<4 { _ = env.step(SIMD3(0.5, -0.5, 0.5)) }
          #expect(cb2_debug_thread_world_balance() == before + 1)
        }
        var copy = env
        _ = copy.step(SIMD3(0, 0, 1))  // the copy builds its own world
        #expect(cb2_debug_thread_world_balance() == before + 2)
      }
    }
    #expect(cb2_debug_thread_world_balance() == before)
  }

  @Test func copiesStepIndependently() throws {
    var a = LanguageTask<ContinuousManipulation>(task: .pourBalls, split: .train)
    _ = try a.reset(seed: 11)
    let start = a.scene.balls.centres
    var b = a
    for _ in 0..<40 { _ = b.step(SIMD3(0, 0, 1)) }
    #expect(b.scene.fill < 1)
    #expect(a.scene.balls.centres == start)
    #expect(a.scene.fill == 1)
    // The original still steps on its own world.
    for _ in 0..<40 { _ = a.step(SIMD3(0, 0, 1)) }
    #expect(a.scene.fill < 1)
  }
}

/// The balls stay in the scene and never pass through a wall, whatever moves the container:
/// the oracle's deliberate pours, and uniform random actions that shake, tip and swing it
/// about (`BallPile`'s speculative contacts keep fast balls out of the thin walls; the
/// container is kept clear of the table and the target, so it cannot press balls through them).
@Suite struct BallAuditTests {
  @Test(arguments: [LanguageTaskKind.pourBalls, .transferBalls])
  func noBallLeavesTheSceneOrPassesThroughAWall(_ task: LanguageTaskKind) throws {
    for split in LanguageSplit.allCases {
      for policy in BallAudit.Policy.allCases {
        let result = try BallAudit.episodes(task, split: split, policy: policy, episodes: 3, seed: 500)
        #expect(result.ballSteps > 3 * 30 * 40, "\(task) \(split) \(policy): only \(result.ballSteps) ball-steps")
        #expect(result.count == 0, "\(task) \(split) \(policy): \(result.violations.map(\.description).joined(separator: "; "))")
      }
    }
  }

  @Test func auditCatchesABallThatCrossesAWall() throws {
    var env = LanguageTask<ContinuousManipulation>(task: .pourBalls, split: .train)
    _ = try env.reset(seed: 3)
    var audit = BallAudit(env.scene)
    _ = env.step(SIMD3(0, 0, 0))
    audit.observe(env.scene)
    #expect(audit.violations.isEmpty)
    // A ball teleported from inside the target, through its wall, to beside it.
    let layout = env.scene.layout
    let inside = SIMD2(layout.targetX, layout.tableY + 0.02)
    let outside = SIMD2(layout.targetX + layout.targetWidth / 2 + 0.03, layout.tableY + 0.02)
    #expect(audit.crosses(inside, outside, BallPile.Solid(lower: SIMD2(layout.targetX + layout.targetWidth / 2 - 0.006, layout.tableY), upper: SIMD2(layout.targetX + layout.targetWidth / 2, layout.tableY + 0.05))))
    #expect(!audit.crosses(inside, inside + SIMD2(0.01, 0), BallPile.Solid(lower: SIMD2(layout.targetX + layout.targetWidth / 2 - 0.006, layout.tableY), upper: SIMD2(layout.targetX + layout.targetWidth / 2, layout.tableY + 0.05))))
  }
}

/// The granular model on its own.
@Suite struct BallPileTests {
  static let layout = SceneLayout(
    tableY: 0.3, objectX: -0.4, targetX: 0.3, targetHeight: 0.08, targetWidth: 0.2,
    gripperStart: SIMD2(0, 0.9), style: 0)

  /// A full container held still for five seconds keeps every ball inside, and the pile
  /// stands: no two balls overlap by more than a quarter of a diameter, and the balls are at
  /// rest. (Before the lowest-first order and the shares of `BallPile.lift`, gravity's pull in
  /// a 50 ms step outran the projection and a still pile sank into itself, some balls ending
  /// almost wholly on top of each other.)
  @Test(arguments: [(0.09, 0.09), (0.07, 0.15), (0.14, 0.10)])
  func aStillPileStands(_ size: (Double, Double)) {
    let pose = BallPile.Pose(center: SIMD2(-0.4, 0.6), tilt: 0)
    var pile = BallPile(width: size.0, height: size.1, layout: Self.layout, container: pose)
    for _ in 0..<100 { pile.step(to: pose, dt: 0.05) }
    #expect(pile.count(layout: Self.layout).inContainer == BallPile.count)
    var least = Double.infinity
    for (i, p) in pile.positions.enumerated() {
      for q in pile.positions[(i + 1)...] {
        let d = p - q
        least = min(least, (d * d).sum().squareRoot())
      }
    }
    #expect(least > 1.5 * pile.radius, "closest centres \(least / pile.radius) radii apart")
    let fastest = pile.velocities.map { ($0 * $0).sum().squareRoot() }.max()!
    #expect(fastest < 0.02, "a still pile should rest; fastest ball \(fastest) m/s")
  }

  /// A container swung upside down at full speed above the target: the balls pour out and
  /// land, and no ball's path crosses a wall (the audit's test), even falling at metres per
  /// second past walls thinner than a ball.
  @Test func fastBallsDoNotTunnel() throws {
    let object = ObjectVariant("cup", .rectangle, width: 0.08, height: 0.10, mass: 0.4)
    var scene = ManipulationScene(task: .pourBalls, object: object, layout: Self.layout, jointStart: 0)
    var audit = BallAudit(scene)
    var fastest = 0.0
    for k in 0..<120 {
      // Over the target, twist at full speed one way then the other, moving about.
      let phase = Double(k) / 10
      scene.step(SIMD3(Double.sin(phase) * 0.8, Double.cos(phase) * 0.5, k % 40 < 20 ? 1 : -1))
      audit.observe(scene)
      fastest = max(fastest, scene.pile!.velocities.map { ($0 * $0).sum().squareRoot() }.max()!)
    }
    #expect(fastest > 1.5, "the test should see fast balls; fastest \(fastest) m/s")
    #expect(audit.violations.isEmpty, "\(audit.violations.prefix(3).map(\.description))")
  }

  /// The same start and the same moves give the same balls, bit for bit.
  @Test func stepsAreDeterministic() {
    func run() -> [SIMD2<Double>] {
      var pile = BallPile(width: 0.1, height: 0.14, layout: Self.layout, container: BallPile.Pose(center: SIMD2(0.2, 0.6), tilt: 0))
      for k in 0..<60 {
        pile.step(to: BallPile.Pose(center: SIMD2(0.2 + 0.002 * Double(k), 0.6), tilt: min(2.0, 0.05 * Double(k))), dt: 0.05)
      }
      return pile.positions
    }
    #expect(run() == run())
  }
}

