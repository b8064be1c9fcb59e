import CBox2D
import RealModule

/// The Box2D world behind a drawer, door or ball-pouring scene, through the `CBox2D` shim.
///
/// * Lift and rotate: the block is a dynamic body (the variant's shape and mass) on a static
///   table; the gripper is a kinematic body that, once it grasps, holds the block by a revolute
///   joint at the grasp point whose motor turns it with a bounded torque.
/// * Drawer: a dynamic body on a prismatic joint along x with limits 0...travel; the opening
///   fraction is the joint translation over the travel.
/// * Door: a dynamic body on a revolute joint at the hinge with limits 0°...90°.
/// * Pour and transfer: a kinematic container (a floor and two walls) that follows the
///   gripper, `ballCount` dynamic circles that start in it, a static table, floor and target
///   bowl or cup. The fraction poured is the share of the balls whose centre lies inside the
///   target after the step.
///
/// The gripper drives joints through their motors (the motor force or torque is bounded, so
/// heavy drawers and doors respond more slowly); when nothing holds them, a weak motor at
/// speed zero stands for the joint's friction. Box2D works in units of `scale` per metre (the
/// balls are a few millimetres across, below what Box2D's tolerances suit in metres), gravity
/// scaled to match, so motion in metres and seconds is unchanged.
///
/// Copying a scene shares its rig; `ManipulationScene` copies it on write (`copy()`), so scenes
/// keep value semantics. The world is freed when the last reference goes.
final class SceneRig: @unchecked Sendable {
  /// Box2D units per metre.
  static let scale = 10.0
  /// Balls in a full container.
  static let ballCount = 30
  /// Box2D substeps per environment step (two of 25 ms: with continuous collision on, so that
  /// falling balls do not pass through the target's thin walls), and solver iterations (Box2D's
  /// defaults 8 and 3).
  static let substeps = 2, velocityIterations: Int32 = 8, positionIterations: Int32 = 3
  /// Most force (N) the gripper exerts on a drawer or a door handle; joint friction force (N).
  static let gripForce = 6.0, jointFriction = 1.5
  /// Thickness of container and target walls (m).
  static let wall = 0.006

  enum Kind { case block, drawer, door, container }

  let kind: Kind
  let world: OpaquePointer
  /// The drawer, the door or the container.
  let body: OpaquePointer
  /// The drawer's prismatic or the door's revolute joint (nil for containers).
  let joint: OpaquePointer?
  /// Lift and rotate: the gripper (a kinematic body without fixtures) and, once it has
  /// grasped, the revolute joint holding the block at the grasp point.
  var gripperBody: OpaquePointer? = nil
  var hold: OpaquePointer? = nil
  /// Most torque (N·m) the grip turns a held block with.
  static let gripTorque = 2.0
  /// The balls (pour and transfer), and their radius in metres.
  var balls: [OpaquePointer?] = []
  let ballRadius: Double
  /// Scratch buffer of ball positions (Box2D units).
  var positions: [cb2_vec2] = []
  /// The arguments the rig was built from (for `copy()`).
  let task: LanguageTaskKind, object: ObjectVariant, layout: SceneLayout, jointStart: Double, containerStart: SIMD2<Double>

  /// Half-width of the floor (m), where the room's end walls stand.
  static let roomHalfWidth = 3.0

  /// An axis-aligned solid rectangle (m).
  struct Solid: Sendable { var lower: SIMD2<Double>, upper: SIMD2<Double> }

  /// The static solids of a pouring scene: the table top, the target's floor and two walls,
  /// and the room's end walls (the floor is a Box2D edge at y = 0 between them).
  static func staticSolids(layout: SceneLayout) -> [Solid] {
    let y = layout.tableY, t = wall
    let tx = layout.targetX, tw = layout.targetWidth / 2, th = layout.targetHeight
    return [
      Solid(lower: SIMD2(-1.05, y - 0.03), upper: SIMD2(1.05, y)),
      Solid(lower: SIMD2(tx - tw, y), upper: SIMD2(tx + tw, y + t)),
      Solid(lower: SIMD2(tx - tw, y), upper: SIMD2(tx - tw + t, y + th)),
      Solid(lower: SIMD2(tx + tw - t, y), upper: SIMD2(tx + tw, y + th)),
      Solid(lower: SIMD2(-roomHalfWidth - 0.2, 0), upper: SIMD2(-roomHalfWidth, 1)),
      Solid(lower: SIMD2(roomHalfWidth, 0), upper: SIMD2(roomHalfWidth + 0.2, 1)),
    ]
  }

  /// The container's floor and two walls in its own frame (centre at the origin, upright).
  static func containerSolids(_ object: ObjectVariant) -> [Solid] {
    let w = object.width / 2, h = object.height / 2, t = wall
    return [
      Solid(lower: SIMD2(-w, -h), upper: SIMD2(w, -h + t)),
      Solid(lower: SIMD2(-w, -h), upper: SIMD2(-w + t, h)),
      Solid(lower: SIMD2(w - t, -h), upper: SIMD2(w, h)),
    ]
  }

  @inline(__always) static func v(_ p: SIMD2<Double>) -> cb2_vec2 { cb2_vec2(x: Float(p.x * scale), y: Float(p.y * scale)) }
  @inline(__always) static func m(_ p: cb2_vec2) -> SIMD2<Double> { SIMD2(Double(p.x), Double(p.y)) / scale }

  /// Builds the world of a scene. `jointStart` is the drawer's opening fraction or the door's
  /// angle (rad); `containerStart` the container's centre (pour, transfer).
  init(task: LanguageTaskKind, object: ObjectVariant, layout: SceneLayout, jointStart: Double, containerStart: SIMD2<Double>) {
    self.task = task
    self.object = object
    self.layout = layout
    self.jointStart = jointStart
    self.containerStart = containerStart
    let s = Self.scale
    world = cb2_world_create(cb2_vec2(x: 0, y: Float(-9.8 * s)))
    var anchorDef = cb2_body_def_make(CB2_BODY_STATIC, cb2_vec2(x: 0, y: 0), 0)
    let ground = cb2_world_create_body(world, &anchorDef)!
    switch task {
    case .liftObject, .rotateObject:
      kind = .block
      ballRadius = 0
      joint = nil
      var material = cb2_fixture_def_make()
      material.friction = 0.6
      _ = cb2_body_add_box(ground, &material, Float(1.05 * s), Float(0.015 * s), Self.v(SIMD2(0, layout.tableY - 0.015)), 0)
      var def = cb2_body_def_make(CB2_BODY_DYNAMIC, Self.v(containerStart), 0)
      def.allow_sleep = false
      body = cb2_world_create_body(world, &def)!
      let w = object.width / 2, h = object.height / 2
      let local: [SIMD2<Double>]
      switch object.shape {
      case .rectangle: local = [SIMD2(-w, -h), SIMD2(w, -h), SIMD2(w, h), SIMD2(-w, h)]
      case .triangle: local = [SIMD2(-w, -h), SIMD2(w, -h), SIMD2(-w, h)]
      case .circle, .hexagon:
        local = (0..<(object.shape == .circle ? 8 : 6)).map { k in
          let t = Double(k) * 2 * .pi / Double(object.shape == .circle ? 8 : 6)
          return SIMD2(w * Double.cos(t), h * Double.sin(t))
        }
      }
      // Area of the polygon (shoelace), for the density that gives the variant's mass.
      var area = 0.0
      for k in local.indices {
        let a = local[k], b = local[(k + 1) % local.count]
        area += (a.x * b.y - b.x * a.y) / 2
      }
      material.density = Float(object.mass / (abs(area) * s * s))
      let vertices = local.map { Self.v($0) }
      _ = cb2_body_add_polygon(body, &material, vertices, Int32(vertices.count))
      var gripDef = cb2_body_def_make(CB2_BODY_KINEMATIC, Self.v(layout.gripperStart), 0)
      gripDef.allow_sleep = false
      gripperBody = cb2_world_create_body(world, &gripDef)!
    case .openDrawer, .closeDrawer:
      kind = .drawer
      ballRadius = 0
      // Closed, the drawer's front is at the cabinet front; it slides out along +x.
      let closedCenter = SIMD2(layout.objectX - object.width / 2, layout.tableY + 0.10)
      var def = cb2_body_def_make(CB2_BODY_DYNAMIC, Self.v(closedCenter + SIMD2(jointStart * object.width, 0)), 0)
      def.allow_sleep = false
      body = cb2_world_create_body(world, &def)!
      var material = cb2_fixture_def_make()
      material.density = Float(object.mass / (object.width * object.height * s * s))
      _ = cb2_body_add_box(body, &material, Float(object.width / 2 * s), Float(object.height / 2 * s), cb2_vec2(x: 0, y: 0), 0)
      var slider = cb2_prismatic_def_make(ground, body, Self.v(closedCenter), cb2_vec2(x: 0, y: 0), cb2_vec2(x: 1, y: 0))
      slider.enable_limit = true
      slider.lower_translation = 0
      slider.upper_translation = Float(object.width * s)
      slider.enable_motor = true
      slider.max_motor_force = Float(Self.jointFriction * s)
      joint = cb2_world_create_prismatic_joint(world, &slider)!
    case .openDoor, .closeDoor:
      kind = .door
      ballRadius = 0
      // The door stands up from its hinge and turns clockwise (negative in Box2D) as it opens.
      let hinge = SIMD2(layout.objectX, layout.tableY + 0.02)
      var def = cb2_body_def_make(CB2_BODY_DYNAMIC, Self.v(hinge), Float(-jointStart))
      def.allow_sleep = false
      def.gravity_scale = 0  // a door on an upright hinge: gravity does not turn it
      body = cb2_world_create_body(world, &def)!
      var material = cb2_fixture_def_make()
      material.density = Float(object.mass / (object.width * object.height * s * s))
      _ = cb2_body_add_box(body, &material, Float(object.height / 2 * s), Float(object.width / 2 * s), cb2_vec2(x: 0, y: Float(object.width / 2 * s)), 0)
      var hingeDef = cb2_revolute_def_make(ground, body, Self.v(hinge), cb2_vec2(x: 0, y: 0))
      hingeDef.enable_limit = true
      hingeDef.lower_angle = -.pi / 2
      hingeDef.upper_angle = 0
      hingeDef.enable_motor = true
      hingeDef.max_motor_torque = Float(Self.jointFriction * object.width * 0.9 * s * s)
      joint = cb2_world_create_revolute_joint(world, &hingeDef)!
    default:
      kind = .container
      joint = nil
      let w = object.width, h = object.height, t = Self.wall
      let innerW = w - 2 * t, innerH = h - t
      let radius = (0.45 * innerW * innerH / (Double(Self.ballCount) * .pi)).squareRoot()
      ballRadius = radius
      var material = cb2_fixture_def_make()
      material.friction = 0.3
      // Table top, floor and the target bowl or cup (`staticSolids` describes the same
      // boxes for `BallAudit`).
      let tableY = layout.tableY
      _ = cb2_body_add_box(ground, &material, Float(1.05 * s), Float(0.015 * s), Self.v(SIMD2(0, tableY - 0.015)), 0)
      _ = cb2_body_add_edge(ground, &material, Self.v(SIMD2(-Self.roomHalfWidth, 0)), Self.v(SIMD2(Self.roomHalfWidth, 0)))
      let tx = layout.targetX, tw = layout.targetWidth / 2, th = layout.targetHeight
      _ = cb2_body_add_box(ground, &material, Float(tw * s), Float(t / 2 * s), Self.v(SIMD2(tx, tableY + t / 2)), 0)
      for side in [-1.0, 1.0] {
        _ = cb2_body_add_box(ground, &material, Float(t / 2 * s), Float(th / 2 * s), Self.v(SIMD2(tx + side * (tw - t / 2), tableY + th / 2)), 0)
      }
      // The room's end walls at the floor's ends, so that spilled balls rolling along the
      // floor stay in the scene.
      for wall in Self.staticSolids(layout: layout).suffix(2) {
        let c = (wall.lower + wall.upper) / 2, e = (wall.upper - wall.lower) / 2
        _ = cb2_body_add_box(ground, &material, Float(e.x * s), Float(e.y * s), Self.v(c), 0)
      }
      // The container: kinematic, moved to follow the gripper (`containerSolids` describes
      // its boxes for `BallAudit`).
      var def = cb2_body_def_make(CB2_BODY_KINEMATIC, Self.v(containerStart), 0)
      def.allow_sleep = false
      body = cb2_world_create_body(world, &def)!
      _ = cb2_body_add_box(body, &material, Float(w / 2 * s), Float(t / 2 * s), Self.v(SIMD2(0, -h / 2 + t / 2)), 0)
      for side in [-1.0, 1.0] {
        _ = cb2_body_add_box(body, &material, Float(t / 2 * s), Float(h / 2 * s), Self.v(SIMD2(side * (w / 2 - t / 2), 0)), 0)
      }
      // Balls in staggered rows from the container's floor up.
      var ballMaterial = cb2_fixture_def_make()
      ballMaterial.density = 1
      ballMaterial.friction = 0.2
      ballMaterial.restitution = 0.1
      let pitch = 2.05 * radius
      let perRow = max(1, Int((innerW - 0.2 * radius) / pitch))
      let rowWidth = Double(perRow - 1) * pitch
      balls.reserveCapacity(Self.ballCount)
      for k in 0..<Self.ballCount {
        let row = k / perRow, column = k % perRow
        let stagger = row % 2 == 0 ? -0.05 * radius : 0.05 * radius
        let local = SIMD2(-rowWidth / 2 + Double(column) * pitch + stagger, -h / 2 + t + radius * 1.02 + Double(row) * pitch * 0.95)
        var ballDef = cb2_body_def_make(CB2_BODY_DYNAMIC, Self.v(containerStart + local), 0)
        ballDef.tag = k + 1
        ballDef.linear_damping = 0.1
        let ball = cb2_world_create_body(world, &ballDef)!
        _ = cb2_body_add_circle(ball, &ballMaterial, Float(radius * s), cb2_vec2(x: 0, y: 0))
        balls.append(ball)
      }
      positions = Array(repeating: cb2_vec2(x: 0, y: 0), count: Self.ballCount)
      // Nothing reads contact events here: without a listener Box2D also skips its
      // per-contact callbacks.
      cb2_world_set_contact_events(world, false)
      // Settle the balls in the still container.
      for _ in 0..<10 { cb2_world_step(world, 0.025, Self.velocityIterations, Self.positionIterations) }
      refreshPositions()
    }
  }

  deinit { cb2_world_destroy(world) }

  /// A rig in the same state: rebuilt from its arguments, then every moving body put where
  /// this one's is, at its velocity.
  func copy() -> SceneRig {
    let twin = SceneRig(task: task, object: object, layout: layout, jointStart: jointStart, containerStart: containerStart)
    func match(_ a: OpaquePointer, _ b: OpaquePointer) {
      cb2_body_set_transform(b, cb2_body_get_position(a), cb2_body_get_angle(a))
      cb2_body_set_linear_velocity(b, cb2_body_get_linear_velocity(a))
      cb2_body_set_angular_velocity(b, cb2_body_get_angular_velocity(a))
      cb2_body_set_awake(b, cb2_body_is_awake(a))
    }
    match(body, twin.body)
    if let g = gripperBody, let tg = twin.gripperBody { match(g, tg) }
    if let hold { twin.grasp(at: Self.m(cb2_joint_get_anchor_a(hold))) }
    for (a, b) in zip(balls, twin.balls) { match(a!, b!) }
    twin.positions = positions
    return twin
  }

  /// Advances the world by `dt` seconds in `substeps` steps.
  func advance(_ dt: Double, substeps: Int) {
    let h = Float(dt / Double(substeps))
    for _ in 0..<substeps { cb2_world_step(world, h, Self.velocityIterations, Self.positionIterations) }
  }

  // MARK: - Joints

  /// Drives the joint's motor: toward `speed` (joint units per second: m/s for the drawer,
  /// rad/s of opening for the door) with the grip's force when `held`, else friction at rest.
  func driveJoint(speed: Double, held: Bool) {
    let s = Self.scale
    switch kind {
    case .drawer:
      cb2_prismatic_set_motor_speed(joint!, Float(held ? speed * s : 0))
      cb2_prismatic_set_max_motor_force(joint!, Float((held ? Self.gripForce : Self.jointFriction) * s))
    case .door:
      let arm = object.width * 0.9
      cb2_revolute_set_motor_speed(joint!, Float(held ? -speed : 0))
      cb2_revolute_set_max_motor_torque(joint!, Float((held ? Self.gripForce : Self.jointFriction) * arm * s * s))
    case .container, .block:
      break
    }
  }

  /// The drawer's translation (m) or the door's opening angle (rad), and their rates.
  var jointValue: (value: Double, rate: Double) {
    switch kind {
    case .drawer:
      return (Double(cb2_prismatic_get_translation(joint!)) / Self.scale, Double(cb2_prismatic_get_speed(joint!)) / Self.scale)
    case .door:
      return (-Double(cb2_revolute_get_angle(joint!)), -Double(cb2_revolute_get_speed(joint!)))
    case .container, .block:
      return (0, 0)
    }
  }

  // MARK: - Block held by the gripper

  /// Sets the gripper body's velocity so that it reaches `target` over `dt` seconds.
  func moveGripper(to target: SIMD2<Double>, over dt: Double) {
    guard let g = gripperBody else { return }
    let v = (target - Self.m(cb2_body_get_position(g))) / dt * Self.scale
    cb2_body_set_linear_velocity(g, cb2_vec2(x: Float(v.x), y: Float(v.y)))
  }

  /// Joins the block to the gripper with a revolute joint at `point` (the grasp point), its
  /// motor turning the block relative to the gripper with the grip's bounded torque.
  func grasp(at point: SIMD2<Double>) {
    guard let g = gripperBody, hold == nil else { return }
    cb2_body_set_transform(g, Self.v(point), 0)
    var def = cb2_revolute_def_make_at(g, body, Self.v(point))
    def.enable_motor = true
    def.max_motor_torque = Float(Self.gripTorque * Self.scale * Self.scale)
    hold = cb2_world_create_revolute_joint(world, &def)
  }

  /// The speed (rad/s, counter-clockwise) the grip turns the held block at.
  func turnBlock(speed: Double) {
    guard let hold else { return }
    cb2_revolute_set_motor_speed(hold, Float(speed))
  }

  /// The block's centre (m), angle (rad, counter-clockwise) and angular velocity.
  var block: (center: SIMD2<Double>, angle: Double, angularVelocity: Double) {
    (Self.m(cb2_body_get_position(body)), Double(cb2_body_get_angle(body)), Double(cb2_body_get_angular_velocity(body)))
  }

  // MARK: - Container and balls

  /// Sets the container's velocities so that, over the next `dt` seconds, it moves from where
  /// it is to `center` and turns to `tilt` (clockwise, rad).
  func moveContainer(to center: SIMD2<Double>, tilt: Double, over dt: Double) {
    let p = Self.m(cb2_body_get_position(body))
    let a = -Double(cb2_body_get_angle(body))
    let v = (center - p) / dt
    cb2_body_set_linear_velocity(body, cb2_vec2(x: Float(v.x * Self.scale), y: Float(v.y * Self.scale)))
    cb2_body_set_angular_velocity(body, Float(-(tilt - a) / dt))
  }

  /// Stops the container where it is.
  func holdContainer() {
    cb2_body_set_linear_velocity(body, cb2_vec2(x: 0, y: 0))
    cb2_body_set_angular_velocity(body, 0)
  }

  /// Reads the balls' positions into `positions`.
  func refreshPositions() {
    balls.withUnsafeBufferPointer { b in
      positions.withUnsafeMutableBufferPointer { p in
        cb2_bodies_get_positions(b.baseAddress!, Int32(b.count), p.baseAddress!)
      }
    }
  }

  /// Scratch flags: which balls are inside the target.
  var inTarget: [Bool] = []

  /// Counts the balls (after `refreshPositions()`): inside the target bowl or cup (a position
  /// test in the shim: centre between its walls, from its floor up to a ball's diameter above
  /// its rim), inside the container (in its frame: between its walls, from its floor up to a
  /// ball's radius above its rim), and neither but in the air (above the table by more than a
  /// ball's diameter: falling).
  func countBalls() -> (inContainer: Int, inTarget: Int, falling: Int) {
    let tx = layout.targetX, tw = layout.targetWidth / 2 - Self.wall
    let lower = Self.v(SIMD2(tx - tw, layout.tableY))
    let upper = Self.v(SIMD2(tx + tw, layout.tableY + layout.targetHeight + 2 * ballRadius))
    if inTarget.count != balls.count { inTarget = Array(repeating: false, count: balls.count) }
    let delivered = balls.withUnsafeBufferPointer { b in
      inTarget.withUnsafeMutableBufferPointer { flags in
        Int(cb2_bodies_count_inside(b.baseAddress!, Int32(b.count), lower, upper, flags.baseAddress))
      }
    }
    let c = Self.m(cb2_body_get_position(body))
    let angle = Double(cb2_body_get_angle(body))
    let co = Double.cos(angle), si = Double.sin(angle)
    let hw = object.width / 2, hh = object.height / 2
    let airborne = layout.tableY + 2 * ballRadius
    var contained = 0, falling = 0
    for (k, p) in positions.enumerated() where !inTarget[k] {
      let q = Self.m(p)
      let d = q - c
      let x = d.x * co + d.y * si, y = -d.x * si + d.y * co
      if abs(x) <= hw && y >= -hh && y <= hh + ballRadius {
        contained += 1
      } else if q.y > airborne {
        falling += 1
      }
    }
    return (contained, delivered, falling)
  }

  /// The container's centre (m) and clockwise tilt (rad) as Box2D has them.
  var containerPose: (center: SIMD2<Double>, tilt: Double) {
    (Self.m(cb2_body_get_position(body)), -Double(cb2_body_get_angle(body)))
  }

  /// The balls' centres in metres.
  var ballCentres: [SIMD2<Double>] { positions.map(Self.m) }
}
