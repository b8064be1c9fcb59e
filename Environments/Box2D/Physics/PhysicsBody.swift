import CBox2D

/// A handle to a rigid body in a `PhysicsWorld` (valid until it or its world is destroyed).
public struct PhysicsBody: Hashable, @unchecked Sendable {
  /// The shim's body handle.
  public let raw: OpaquePointer

  /// Wraps a shim handle.
  @inlinable
  public init(raw: OpaquePointer) { self.raw = raw }

  /// The origin in world coordinates.
  @inlinable public var position: Vec2 { cb2_body_get_position(raw) }
  /// The angle in radians (not wrapped).
  @inlinable public var angle: Float { cb2_body_get_angle(raw) }
  /// The centre of mass in world coordinates.
  @inlinable public var worldCenter: Vec2 { cb2_body_get_world_center(raw) }
  /// The velocity of the centre of mass (m/s).
  @inlinable public var linearVelocity: Vec2 {
    get { cb2_body_get_linear_velocity(raw) }
    nonmutating set { cb2_body_set_linear_velocity(raw, newValue) }
  }
  /// The angular velocity (rad/s).
  @inlinable public var angularVelocity: Float {
    get { cb2_body_get_angular_velocity(raw) }
    nonmutating set { cb2_body_set_angular_velocity(raw, newValue) }
  }
  /// Whether the body is awake (false once it has rested long enough to sleep).
  @inlinable public var isAwake: Bool { cb2_body_is_awake(raw) }
  /// The mass in kg.
  @inlinable public var mass: Float { cb2_body_get_mass(raw) }
  /// The rotational inertia about the centre of mass (kg·m²).
  @inlinable public var inertia: Float { cb2_body_get_inertia(raw) }

  /// Applies a force (N) at the centre of mass for the next step, waking the body.
  @inlinable public func applyForceToCenter(_ force: Vec2) { cb2_body_apply_force_to_center(raw, force, true) }
  /// Applies a force (N) at a world point for the next step, waking the body.
  @inlinable public func applyForce(_ force: Vec2, at point: Vec2) { cb2_body_apply_force(raw, force, point, true) }
  /// Applies a torque (N·m) for the next step, waking the body.
  @inlinable public func applyTorque(_ torque: Float) { cb2_body_apply_torque(raw, torque, true) }
  /// Applies a linear impulse (N·s) at a world point, waking the body.
  @inlinable public func applyLinearImpulse(_ impulse: Vec2, at point: Vec2) { cb2_body_apply_linear_impulse(raw, impulse, point, true) }
  /// Applies an angular impulse (N·m·s), waking the body.
  @inlinable public func applyAngularImpulse(_ impulse: Float) { cb2_body_apply_angular_impulse(raw, impulse, true) }

  /// Converts a point in the body's frame to world coordinates.
  @inlinable public func worldPoint(_ local: Vec2) -> Vec2 { cb2_body_get_world_point(raw, local) }
  /// Rotates a vector from the body's frame to world coordinates.
  @inlinable public func worldVector(_ local: Vec2) -> Vec2 { cb2_body_get_world_vector(raw, local) }
  /// The velocity of the body's material point at a world point.
  @inlinable public func linearVelocity(atWorldPoint p: Vec2) -> Vec2 { cb2_body_get_linear_velocity_at_point(raw, p) }

  /// Adds a convex polygon (vertices in the body's frame).
  /// - Precondition: 3…8 vertices spanning a positive area.
  @discardableResult @inlinable
  public func addPolygon(_ vertices: [Vec2], _ def: cb2_fixture_def) -> PhysicsFixture {
    var def = def
    let f = vertices.withUnsafeBufferPointer { cb2_body_add_polygon(raw, &def, $0.baseAddress!, Int32($0.count)) }
    guard let f else { preconditionFailure("degenerate polygon \(vertices)") }
    return PhysicsFixture(raw: f)
  }

  /// Adds a box with half extents, centred at the body origin unless `center` is given.
  @discardableResult @inlinable
  public func addBox(halfWidth: Float, halfHeight: Float, _ def: cb2_fixture_def, center: Vec2 = Vec2(x: 0, y: 0), angle: Float = 0) -> PhysicsFixture {
    var def = def
    guard let f = cb2_body_add_box(raw, &def, halfWidth, halfHeight, center, angle) else { preconditionFailure("degenerate box") }
    return PhysicsFixture(raw: f)
  }

  /// Adds a two-sided segment (no mass).
  /// - Precondition: the points are at least 2.5 mm apart.
  @discardableResult @inlinable
  public func addEdge(_ v1: Vec2, _ v2: Vec2, _ def: cb2_fixture_def) -> PhysicsFixture {
    var def = def
    guard let f = cb2_body_add_edge(raw, &def, v1, v2) else { preconditionFailure("degenerate edge \(v1) \(v2)") }
    return PhysicsFixture(raw: f)
  }

  /// Adds a circle of `radius` centred at `center` (body frame).
  @discardableResult @inlinable
  public func addCircle(radius: Float, _ def: cb2_fixture_def, center: Vec2 = Vec2(x: 0, y: 0)) -> PhysicsFixture {
    var def = def
    guard let f = cb2_body_add_circle(raw, &def, radius, center) else { preconditionFailure("degenerate circle") }
    return PhysicsFixture(raw: f)
  }
}

/// A handle to a fixture (shape and material on a body).
public struct PhysicsFixture: Hashable, @unchecked Sendable {
  /// The shim's fixture handle.
  public let raw: OpaquePointer
  /// Wraps a shim handle.
  @inlinable public init(raw: OpaquePointer) { self.raw = raw }
}

/// Fixture definitions in Gymnasium's terms.
public enum FixtureDef {
  /// A fixture definition: Box2D's defaults overridden by the arguments.
  @inlinable
  public static func make(
    density: Float = 0, friction: Float = 0.2, restitution: Float = 0, category: UInt16 = 0x0001,
    mask: UInt16 = 0xFFFF, isSensor: Bool = false, tag: Int = 0
  ) -> cb2_fixture_def {
    var def = cb2_fixture_def_make()
    def.density = density
    def.friction = friction
    def.restitution = restitution
    def.filter.category_bits = category
    def.filter.mask_bits = mask
    def.is_sensor = isSensor
    def.tag = tag
    return def
  }
}

/// A handle to a joint.
public struct PhysicsJoint: Hashable, @unchecked Sendable {
  /// The shim's joint handle.
  public let raw: OpaquePointer
  /// Wraps a shim handle.
  @inlinable public init(raw: OpaquePointer) { self.raw = raw }

  /// A revolute joint's angle (radians).
  @inlinable public var angle: Float { cb2_revolute_get_angle(raw) }
  /// A revolute joint's angular speed (rad/s).
  @inlinable public var speed: Float { cb2_revolute_get_speed(raw) }
  /// A revolute joint's motor target speed (rad/s).
  @inlinable public var motorSpeed: Float {
    get { cb2_revolute_get_motor_speed(raw) }
    nonmutating set { cb2_revolute_set_motor_speed(raw, newValue) }
  }
  /// A revolute joint's maximum motor torque (N·m).
  @inlinable public var maxMotorTorque: Float {
    get { cb2_revolute_get_max_motor_torque(raw) }
    nonmutating set { cb2_revolute_set_max_motor_torque(raw, newValue) }
  }
}

extension PhysicsJoint {
  /// Gives revolute joints Box2D 2.3's limit behaviour for the next step (see
  /// `cb2_revolute_use_box2d23_limits`): Gymnasium runs on pybox2d 2.3, whose limits act
  /// only while a joint is at or past them. Call before every step with the joints that have
  /// limits.
  @inlinable
  public static func useBox2D23Limits(_ joints: [OpaquePointer?]) {
    joints.withUnsafeBufferPointer { cb2_revolute_use_box2d23_limits($0.baseAddress!, Int32($0.count)) }
  }
}
