import CBox2D
import RealModule

/// The Box2D world behind a block, drawer or door scene, through the `CBox2D` shim.
///
/// * Lift and rotate: the block is a dynamic body (the variant's shape and mass) on a static
///   table; the gripper is a kinematic body that, once it grasps, holds the block by a revolute
///   joint at the grasp point whose motor turns it with a bounded torque.
/// * Drawer: a dynamic body on a prismatic joint along x with limits 0...travel; the opening
///   fraction is the joint translation over the travel.
/// * Door: a dynamic body on a revolute joint at the hinge with limits 0°...90°.
///
/// The gripper drives joints through their motors (the motor force or torque is bounded, so
/// heavy drawers and doors respond more slowly); when nothing holds them, a weak motor at
/// speed zero stands for the joint's friction. Box2D works in units of `scale` per metre (small
/// blocks are a few centimetres across, below what Box2D's tolerances suit in metres), gravity
/// scaled to match, so motion in metres and seconds is unchanged. (The balls of the pouring
/// tasks are not Box2D bodies: see `BallPile`.)
///
/// Copying a scene shares its rig; `ManipulationScene` copies it on write (`copy()`), so scenes
/// keep value semantics. The world is freed when the last reference goes.
final class SceneRig: @unchecked Sendable {
  /// Box2D units per metre.
  static let scale = 10.0
  /// Box2D's solver iterations (its defaults, 8 and 3).
  static let velocityIterations: Int32 = 8, positionIterations: Int32 = 3
  /// Most force (N) the gripper exerts on a drawer or a door handle; joint friction force (N).
  static let gripForce = 6.0, jointFriction = 1.5

  enum Kind { case block, drawer, door }

  let kind: Kind
  let world: OpaquePointer
  /// The block, the drawer or the door.
  let body: OpaquePointer
  /// The drawer's prismatic or the door's revolute joint (nil for blocks).
  let joint: OpaquePointer?
  /// Lift and rotate: the gripper (a kinematic body without fixtures) and, once it has
  /// grasped, the revolute joint holding the block at the grasp point.
  var gripperBody: OpaquePointer? = nil
  var hold: OpaquePointer? = nil
  /// Most torque (N·m) the grip turns a held block with.
  static let gripTorque = 2.0
  /// The arguments the rig was built from (for `copy()`).
  let task: LanguageTaskKind, object: ObjectVariant, layout: SceneLayout, jointStart: Double, blockStart: SIMD2<Double>

  @inline(__always) static func v(_ p: SIMD2<Double>) -> cb2_vec2 { cb2_vec2(x: Float(p.x * scale), y: Float(p.y * scale)) }
  @inline(__always) static func m(_ p: cb2_vec2) -> SIMD2<Double> { SIMD2(Double(p.x), Double(p.y)) / scale }

  /// Builds the world of a scene. `jointStart` is the drawer's opening fraction or the door's
  /// angle (rad); `blockStart` the block's centre (lift, rotate).
  init(task: LanguageTaskKind, object: ObjectVariant, layout: SceneLayout, jointStart: Double, blockStart: SIMD2<Double>) {
    self.task = task
    self.object = object
    self.layout = layout
    self.jointStart = jointStart
    self.blockStart = blockStart
    let s = Self.scale
    world = cb2_world_create(cb2_vec2(x: 0, y: Float(-9.8 * s)))
    var anchorDef = cb2_body_def_make(CB2_BODY_STATIC, cb2_vec2(x: 0, y: 0), 0)
    let ground = cb2_world_create_body(world, &anchorDef)!
    switch task {
    case .pourBalls, .transferBalls:
      preconditionFailure("the pouring tasks' balls are a BallPile, not a SceneRig")
    case .liftObject, .rotateObject:
      kind = .block
      joint = nil
      var material = cb2_fixture_def_make()
      material.friction = 0.6
      _ = cb2_body_add_box(ground, &material, Float(1.05 * s), Float(0.015 * s), Self.v(SIMD2(0, layout.tableY - 0.015)), 0)
      var def = cb2_body_def_make(CB2_BODY_DYNAMIC, Self.v(blockStart), 0)
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
    }
  }

  deinit { cb2_world_destroy(world) }

  /// A rig in the same state: rebuilt from its arguments, then every moving body put where
  /// this one's is, at its velocity.
  func copy() -> SceneRig {
    let twin = SceneRig(task: task, object: object, layout: layout, jointStart: jointStart, blockStart: blockStart)
    func match(_ a: OpaquePointer, _ b: OpaquePointer) {
      cb2_body_set_transform(b, cb2_body_get_position(a), cb2_body_get_angle(a))
      cb2_body_set_linear_velocity(b, cb2_body_get_linear_velocity(a))
      cb2_body_set_angular_velocity(b, cb2_body_get_angular_velocity(a))
      cb2_body_set_awake(b, cb2_body_is_awake(a))
    }
    match(body, twin.body)
    if let g = gripperBody, let tg = twin.gripperBody { match(g, tg) }
    if let hold { twin.grasp(at: Self.m(cb2_joint_get_anchor_a(hold))) }
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
    case .block:
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
    case .block:
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
}
