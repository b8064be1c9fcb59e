import CBox2D

/// A 2-D vector in metres: Box2D's `b2Vec2` through the C shim.
public typealias Vec2 = cb2_vec2

extension cb2_vec2 {
  /// A vector from `Double` components (rounded to `Float`, Box2D's precision).
  @inlinable
  public init(_ x: Double, _ y: Double) { self.init(x: Float(x), y: Float(y)) }
}

/// A Box2D world owned by Swift: bodies, joints and the contact-event buffer, all freed when
/// the last reference goes away.
///
/// Handles to bodies, fixtures and joints (`PhysicsBody`, `PhysicsFixture`, `PhysicsJoint`)
/// are plain values that do not keep the world alive; they are valid until the world is freed
/// or the object is destroyed. A world is used from one thread at a time.
public final class PhysicsWorld {
  /// The shim's world handle.
  public let raw: OpaquePointer

  /// An empty world with gravity in m/s².
  public init(gravity: Vec2) {
    raw = cb2_world_create(gravity)
  }

  deinit { cb2_world_destroy(raw) }

  /// How many worlds exist in the process (created and not yet freed): for leak tests.
  public static var liveCount: Int { Int(cb2_debug_live_world_count()) }

  /// Advances the world by `dt` seconds.
  @inlinable
  public func step(_ dt: Float, velocityIterations: Int32, positionIterations: Int32) {
    cb2_world_step(raw, dt, velocityIterations, positionIterations)
  }

  /// The number of bodies in the world.
  public var bodyCount: Int { Int(cb2_world_body_count(raw)) }

  /// Creates a body; `def` starts from `PhysicsWorld.bodyDef(...)`.
  /// - Precondition: `def.type` is a valid body type.
  @inlinable
  public func createBody(_ def: cb2_body_def) -> PhysicsBody {
    var def = def
    guard let body = cb2_world_create_body(raw, &def) else { preconditionFailure("invalid body definition") }
    return PhysicsBody(raw: body)
  }

  /// A body definition with Box2D's defaults.
  @inlinable
  public static func bodyDef(_ type: cb2_body_type, position: Vec2, angle: Float = 0, tag: Int = 0) -> cb2_body_def {
    var def = cb2_body_def_make(type, position, angle)
    def.tag = tag
    return def
  }

  /// Destroys a body with its fixtures and joints.
  @inlinable
  public func destroy(_ body: PhysicsBody) {
    _ = cb2_world_destroy_body(raw, body.raw)
  }

  /// Creates a revolute joint.
  /// - Precondition: the definition is valid (bodies in this world, lower ≤ upper).
  @inlinable
  public func createRevoluteJoint(_ def: cb2_revolute_def) -> PhysicsJoint {
    var def = def
    guard let joint = cb2_world_create_revolute_joint(raw, &def) else { preconditionFailure("invalid revolute joint definition") }
    return PhysicsJoint(raw: joint)
  }

  /// The contact events recorded since the last `clearContactEvents()`, oldest first.
  ///
  /// The buffer is valid until the next step, clear or destruction.
  @inlinable
  public var contactEvents: UnsafeBufferPointer<cb2_contact_event> {
    let count = Int(cb2_world_contact_event_count(raw))
    guard count > 0, let base = cb2_world_contact_events(raw) else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(start: base, count: count)
  }

  /// Empties the contact-event buffer (keeping its capacity).
  @inlinable
  public func clearContactEvents() { cb2_world_clear_contact_events(raw) }

  /// The closest fixture along the segment `from`→`to` whose category intersects `mask`
  /// (sensors excluded), or `nil`.
  @inlinable
  public func rayCastClosest(from: Vec2, to: Vec2, mask: UInt16) -> cb2_ray_hit? {
    var hit = cb2_ray_hit()
    return cb2_world_ray_cast_closest(raw, from, to, mask, false, &hit) ? hit : nil
  }

  /// Casts `count` rays at once; writes each ray's closest hit (fraction 1 on a miss).
  /// - Complexity: O(`count` · log bodies).
  @inlinable
  public func rayCastClosest(from: UnsafePointer<Vec2>, to: UnsafePointer<Vec2>, count: Int, mask: UInt16, hits: UnsafeMutablePointer<cb2_ray_hit>) {
    _ = cb2_world_ray_cast_closest_batch(raw, from, to, Int32(count), mask, false, hits)
  }
}
