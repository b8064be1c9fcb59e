import CBox2D
import Testing

/// Tags the scenes below give their bodies and fixtures.
private enum Tag {
  static let ground = 1
  static let box = 2
  static let groundFixture = 11
  static let boxFixture = 22
}

/// Collision categories of the scenes below.
private enum Category {
  static let ground: UInt16 = 0x0001
  static let box: UInt16 = 0x0002
}

private let boxHalfExtent: Float = 0.5
private let dropHeight: Float = 5
private let dt: Float = 1.0 / 60.0

/// A world with a static ground edge along y = 0 and a dynamic 1 m box above it.
private struct DropScene {
  let world: OpaquePointer
  let ground: OpaquePointer
  let box: OpaquePointer

  init() {
    world = cb2_world_create(cb2_vec2(x: 0, y: -10))

    var groundDef = cb2_body_def_make(CB2_BODY_STATIC, cb2_vec2(x: 0, y: 0), 0)
    groundDef.tag = Tag.ground
    ground = cb2_world_create_body(world, &groundDef)!
    var groundFixture = cb2_fixture_def_make()
    groundFixture.tag = Tag.groundFixture
    groundFixture.filter.category_bits = Category.ground
    let edge = cb2_body_add_edge(ground, &groundFixture, cb2_vec2(x: -20, y: 0), cb2_vec2(x: 20, y: 0))
    precondition(edge != nil, "the ground edge must be accepted")

    var boxDef = cb2_body_def_make(CB2_BODY_DYNAMIC, cb2_vec2(x: 0, y: dropHeight), 0)
    boxDef.tag = Tag.box
    box = cb2_world_create_body(world, &boxDef)!
    var boxFixture = cb2_fixture_def_make()
    boxFixture.density = 1
    boxFixture.friction = 0.6
    boxFixture.tag = Tag.boxFixture
    boxFixture.filter.category_bits = Category.box
    let shape = cb2_body_add_box(box, &boxFixture, boxHalfExtent, boxHalfExtent, cb2_vec2(x: 0, y: 0), 0)
    precondition(shape != nil, "the box fixture must be accepted")
  }

  /// Steps at 60 Hz until the box sleeps or `maxSteps` pass; returns the steps taken.
  func stepUntilAsleep(maxSteps: Int) -> Int {
    for step in 1...maxSteps {
      cb2_world_step(world, dt, 8, 3)
      if !cb2_body_is_awake(box) { return step }
    }
    return maxSteps
  }

  /// The world's recorded contact events.
  var events: [cb2_contact_event] {
    let count = Int(cb2_world_contact_event_count(world))
    return Array(UnsafeBufferPointer(start: cb2_world_contact_events(world), count: count))
  }
}

/// Whether an event is of `kind` between the box and the ground (in either order).
private func isBoxGround(_ event: cb2_contact_event, _ kind: cb2_contact_kind) -> Bool {
  let bodies = Set([event.body_tag_a, event.body_tag_b])
  let fixtures = Set([event.fixture_tag_a, event.fixture_tag_b])
  return event.kind == kind && bodies == [Tag.ground, Tag.box]
    && fixtures == [Tag.groundFixture, Tag.boxFixture] && !event.is_sensor
}

@Suite("CBox2D shim", .serialized)
struct Box2DShimTests {
  @Test("A dropped box lands on the ground, records a begin contact and falls asleep")
  func dropBoxRestsAndSleeps() throws {
    let scene = DropScene()
    defer { cb2_world_destroy(scene.world) }

    #expect(cb2_body_get_mass(scene.box) == 1)  // 1 m² at density 1
    #expect(cb2_body_get_mass(scene.ground) == 0)
    #expect(cb2_body_get_tag(scene.box) == Tag.box)
    #expect(cb2_world_contact_event_count(scene.world) == 0)

    let steps = scene.stepUntilAsleep(maxSteps: 600)
    #expect(!cb2_body_is_awake(scene.box), "box still awake after \(steps) steps")
    // Free fall from 4.5 m takes ~0.95 s, then 0.5 s at rest before sleeping.
    #expect(steps > 80 && steps < 300, "box fell asleep after \(steps) steps")

    let events = scene.events
    #expect(events.count { isBoxGround($0, CB2_CONTACT_BEGIN) } == 1, "events: \(events)")
    #expect(!events.contains { isBoxGround($0, CB2_CONTACT_END) })

    // Resting on the edge: centre one half extent above y = 0, plus Box2D's skin
    // (2 × polygon radius 0.01 minus linear slop 0.005 = 0.015).
    let position = cb2_body_get_position(scene.box)
    #expect(abs(position.y - (boxHalfExtent + 0.015)) < 0.01, "rest y = \(position.y)")
    #expect(abs(position.x) < 1e-3)
    #expect(abs(cb2_body_get_angle(scene.box)) < 1e-3)
    let velocity = cb2_body_get_linear_velocity(scene.box)
    #expect(abs(velocity.x) < 1e-3 && abs(velocity.y) < 1e-3)

    cb2_world_clear_contact_events(scene.world)
    #expect(cb2_world_contact_event_count(scene.world) == 0)
  }

  @Test("With contact events off the world records none, and the box lands exactly as with them on")
  func contactEventsOff() throws {
    let on = DropScene(), off = DropScene()
    defer { cb2_world_destroy(on.world); cb2_world_destroy(off.world) }
    #expect(cb2_world_get_contact_events(off.world))
    cb2_world_set_contact_events(off.world, false)
    #expect(!cb2_world_get_contact_events(off.world))
    let stepsOn = on.stepUntilAsleep(maxSteps: 600), stepsOff = off.stepUntilAsleep(maxSteps: 600)
    #expect(stepsOn == stepsOff)
    #expect(on.events.count { isBoxGround($0, CB2_CONTACT_BEGIN) } == 1)
    #expect(off.events.isEmpty)
    let a = cb2_body_get_position(on.box), b = cb2_body_get_position(off.box)
    #expect(a.x == b.x && a.y == b.y)
    // On again: the next contact is recorded.
    cb2_world_set_contact_events(off.world, true)
    cb2_body_set_transform(off.box, cb2_vec2(x: 0, y: dropHeight), 0)
    cb2_body_set_awake(off.box, true)
    _ = off.stepUntilAsleep(maxSteps: 600)
    #expect(off.events.contains { isBoxGround($0, CB2_CONTACT_BEGIN) })
  }

  @Test("A ray cast down hits the box top first, or the ground when the mask excludes the box")
  func rayCastDownward() throws {
    let scene = DropScene()
    defer { cb2_world_destroy(scene.world) }
    _ = scene.stepUntilAsleep(maxSteps: 600)

    let from = cb2_vec2(x: 0, y: 10)
    let to = cb2_vec2(x: 0, y: -1)
    let length = from.y - to.y
    let boxTop = cb2_body_get_position(scene.box).y + boxHalfExtent

    var hit = cb2_ray_hit()
    #expect(cb2_world_ray_cast_closest(scene.world, from, to, 0xFFFF, true, &hit))
    #expect(abs(hit.fraction - (from.y - boxTop) / length) < 1e-4, "fraction \(hit.fraction)")
    #expect(abs(hit.point.y - boxTop) < 1e-3 && abs(hit.point.x) < 1e-6)
    #expect(abs(hit.normal.x) < 1e-5 && abs(hit.normal.y - 1) < 1e-5)
    #expect(hit.body_tag == Tag.box && hit.fixture_tag == Tag.boxFixture)
    #expect(hit.body == scene.box)

    var groundHit = cb2_ray_hit()
    #expect(cb2_world_ray_cast_closest(scene.world, from, to, Category.ground, true, &groundHit))
    #expect(abs(groundHit.fraction - from.y / length) < 1e-4, "fraction \(groundHit.fraction)")
    #expect(groundHit.body_tag == Tag.ground)

    var miss = cb2_ray_hit()
    let beside = cb2_vec2(x: 5, y: 10)
    #expect(!cb2_world_ray_cast_closest(scene.world, beside, cb2_vec2(x: 5, y: 0.5), 0xFFFF, true, &miss))
    #expect(miss.fraction == 1 && miss.body == nil)

    let starts = [from, beside, from]
    let ends = [to, cb2_vec2(x: 5, y: -1), to]
    var hits = [cb2_ray_hit](repeating: cb2_ray_hit(), count: 3)
    let hitCount = cb2_world_ray_cast_closest_batch(scene.world, starts, ends, 3, 0xFFFF, true, &hits)
    #expect(hitCount == 3)
    #expect(hits.map(\.body_tag) == [Tag.box, Tag.ground, Tag.box])
  }

  @Test("Destroying a resting body records an end contact with the ground")
  func destroyBodyEndsContact() throws {
    let scene = DropScene()
    defer { cb2_world_destroy(scene.world) }
    _ = scene.stepUntilAsleep(maxSteps: 600)
    cb2_world_clear_contact_events(scene.world)

    #expect(cb2_world_destroy_body(scene.world, scene.box))
    #expect(cb2_world_body_count(scene.world) == 1)
    let events = scene.events
    #expect(events.count == 1 && isBoxGround(events[0], CB2_CONTACT_END), "events: \(events)")
  }

  @Test("A sensor reports begin and end contacts without stopping the box")
  func sensorContacts() throws {
    let scene = DropScene()
    defer { cb2_world_destroy(scene.world) }
    // A static sensor strip at y = 2...3 that the falling box passes through.
    var stripDef = cb2_body_def_make(CB2_BODY_STATIC, cb2_vec2(x: 0, y: 2.5), 0)
    stripDef.tag = 3
    let strip = cb2_world_create_body(scene.world, &stripDef)!
    var sensor = cb2_fixture_def_make()
    sensor.is_sensor = true
    sensor.tag = 33
    let fixture = try #require(cb2_body_add_box(strip, &sensor, 3, 0.5, cb2_vec2(x: 0, y: 0), 0))
    #expect(cb2_fixture_is_sensor(fixture))
    #expect(cb2_fixture_get_body(fixture) == strip && cb2_fixture_get_tag(fixture) == 33)

    _ = scene.stepUntilAsleep(maxSteps: 600)
    let sensorEvents = scene.events.filter { $0.body_tag_a == 3 || $0.body_tag_b == 3 }
    #expect(sensorEvents.map(\.kind) == [CB2_CONTACT_BEGIN, CB2_CONTACT_END])
    #expect(sensorEvents.allSatisfy { $0.is_sensor })
    #expect(abs(cb2_body_get_position(scene.box).y - (boxHalfExtent + 0.015)) < 0.01)

    // Sensors can be left out of ray casts.
    var hit = cb2_ray_hit()
    let from = cb2_vec2(x: 2, y: 10)
    let to = cb2_vec2(x: 2, y: -1)
    #expect(cb2_world_ray_cast_closest(scene.world, from, to, 0xFFFF, true, &hit) && hit.body_tag == 3)
    #expect(cb2_world_ray_cast_closest(scene.world, from, to, 0xFFFF, false, &hit) && hit.body_tag == Tag.ground)
  }

  @Test("A revolute motor drives its wheel to the motor speed and a limit holds the angle")
  func revoluteMotorAndLimit() throws {
    let world = cb2_world_create(cb2_vec2(x: 0, y: 0))
    defer { cb2_world_destroy(world) }
    var anchorDef = cb2_body_def_make(CB2_BODY_STATIC, cb2_vec2(x: 0, y: 0), 0)
    let anchor = cb2_world_create_body(world, &anchorDef)!
    var wheelDef = cb2_body_def_make(CB2_BODY_DYNAMIC, cb2_vec2(x: 0, y: 0), 0)
    let wheel = cb2_world_create_body(world, &wheelDef)!
    var material = cb2_fixture_def_make()
    material.density = 1
    #expect(cb2_body_add_circle(wheel, &material, 0.5, cb2_vec2(x: 0, y: 0)) != nil)

    var def = cb2_revolute_def_make(anchor, wheel, cb2_vec2(x: 0, y: 0), cb2_vec2(x: 0, y: 0))
    def.enable_motor = true
    def.motor_speed = 2
    def.max_motor_torque = 100
    def.tag = 7
    let joint = try #require(cb2_world_create_revolute_joint(world, &def))
    #expect(cb2_joint_get_tag(joint) == 7)
    #expect(cb2_world_joint_count(world) == 1)

    for _ in 0..<60 { cb2_world_step(world, dt, 8, 3) }
    #expect(abs(cb2_revolute_get_speed(joint) - 2) < 1e-3)
    #expect(abs(cb2_body_get_angular_velocity(wheel) - 2) < 1e-3)
    #expect(abs(cb2_revolute_get_angle(joint) - 2) < 0.05, "angle \(cb2_revolute_get_angle(joint))")

    #expect(!cb2_revolute_set_limits(joint, 1, -1))
    #expect(cb2_revolute_set_limits(joint, -0.5, 2.5))
    cb2_revolute_enable_limit(joint, true)
    for _ in 0..<120 { cb2_world_step(world, dt, 8, 3) }
    #expect(abs(cb2_revolute_get_angle(joint) - 2.5) < 0.02, "angle \(cb2_revolute_get_angle(joint))")
    #expect(abs(cb2_revolute_get_speed(joint)) < 1e-2)

    cb2_revolute_set_motor_speed(joint, -3)
    for _ in 0..<120 { cb2_world_step(world, dt, 8, 3) }
    #expect(abs(cb2_revolute_get_angle(joint) + 0.5) < 0.02, "angle \(cb2_revolute_get_angle(joint))")

    #expect(cb2_world_destroy_joint(world, joint))
    #expect(cb2_world_joint_count(world) == 0)
  }

  @Test("A prismatic motor slides its body along the axis up to the limit")
  func prismaticMotorAndLimit() throws {
    let world = cb2_world_create(cb2_vec2(x: 0, y: 0))
    defer { cb2_world_destroy(world) }
    var railDef = cb2_body_def_make(CB2_BODY_STATIC, cb2_vec2(x: 0, y: 0), 0)
    let rail = cb2_world_create_body(world, &railDef)!
    var cartDef = cb2_body_def_make(CB2_BODY_DYNAMIC, cb2_vec2(x: 0, y: 0), 0)
    let cart = cb2_world_create_body(world, &cartDef)!
    var material = cb2_fixture_def_make()
    material.density = 1
    #expect(cb2_body_add_box(cart, &material, 0.5, 0.25, cb2_vec2(x: 0, y: 0), 0) != nil)

    var def = cb2_prismatic_def_make(
      rail, cart, cb2_vec2(x: 0, y: 0), cb2_vec2(x: 0, y: 0), cb2_vec2(x: 2, y: 0))
    def.enable_motor = true
    def.motor_speed = 1
    def.max_motor_force = 1000
    def.enable_limit = true
    def.lower_translation = -1
    def.upper_translation = 1.5
    let joint = try #require(cb2_world_create_prismatic_joint(world, &def))

    for _ in 0..<30 { cb2_world_step(world, dt, 8, 3) }
    #expect(abs(cb2_prismatic_get_speed(joint) - 1) < 1e-3)
    #expect(abs(cb2_prismatic_get_translation(joint) - 0.5) < 0.03)
    for _ in 0..<120 { cb2_world_step(world, dt, 8, 3) }
    #expect(abs(cb2_prismatic_get_translation(joint) - 1.5) < 0.02)
    #expect(abs(cb2_body_get_position(cart).y) < 1e-4)
  }

  @Test("A prismatic joint's limits hold against a strong push both ways and read back")
  func prismaticLimitsHoldBothWays() throws {
    let world = cb2_world_create(cb2_vec2(x: 0, y: -10))
    defer { cb2_world_destroy(world) }
    var railDef = cb2_body_def_make(CB2_BODY_STATIC, cb2_vec2(x: 0, y: 0), 0)
    let rail = cb2_world_create_body(world, &railDef)!
    var drawerDef = cb2_body_def_make(CB2_BODY_DYNAMIC, cb2_vec2(x: 1, y: 1), 0)
    let drawer = cb2_world_create_body(world, &drawerDef)!
    var material = cb2_fixture_def_make()
    material.density = 2
    _ = cb2_body_add_box(drawer, &material, 0.5, 0.2, cb2_vec2(x: 0, y: 0), 0)
    var def = cb2_prismatic_def_make(rail, drawer, cb2_vec2(x: 1, y: 1), cb2_vec2(x: 0, y: 0), cb2_vec2(x: 1, y: 0))
    def.enable_limit = true
    def.lower_translation = 0
    def.upper_translation = 0.8
    let joint = try #require(cb2_world_create_prismatic_joint(world, &def))
    #expect(cb2_prismatic_is_limit_enabled(joint))
    #expect(!cb2_prismatic_is_motor_enabled(joint))
    #expect(cb2_prismatic_get_lower_limit(joint) == 0)
    #expect(cb2_prismatic_get_upper_limit(joint) == 0.8)

    // Pulled out hard: stops at the upper limit, does not sag under gravity or turn.
    for _ in 0..<60 {
      cb2_body_apply_force_to_center(drawer, cb2_vec2(x: 400, y: 0), true)
      cb2_world_step(world, dt, 8, 3)
      #expect(cb2_prismatic_get_translation(joint) <= 0.8 + 0.01)
    }
    #expect(abs(cb2_prismatic_get_translation(joint) - 0.8) < 0.01)
    #expect(abs(cb2_body_get_position(drawer).y - 1) < 1e-3)
    #expect(abs(cb2_body_get_angle(drawer)) < 1e-3)
    // Pushed in hard with the motor: stops at the lower limit.
    cb2_prismatic_enable_motor(joint, true)
    cb2_prismatic_set_motor_speed(joint, -5)
    cb2_prismatic_set_max_motor_force(joint, 400)
    for _ in 0..<60 {
      cb2_world_step(world, dt, 8, 3)
      #expect(cb2_prismatic_get_translation(joint) >= -0.01)
    }
    #expect(abs(cb2_prismatic_get_translation(joint)) < 0.01)
    // Narrowed limits take effect; a reversed pair is refused and changes nothing.
    #expect(cb2_prismatic_set_limits(joint, 0.3, 0.5))
    #expect(!cb2_prismatic_set_limits(joint, 0.6, 0.2))
    #expect(cb2_prismatic_get_lower_limit(joint) == 0.3 && cb2_prismatic_get_upper_limit(joint) == 0.5)
    for _ in 0..<60 { cb2_world_step(world, dt, 8, 3) }
    #expect(abs(cb2_prismatic_get_translation(joint) - 0.3) < 0.01)
  }

  @Test("Balls dropped into a cup rest in it, and the AABB query finds them")
  func ballsInACupAreCounted() throws {
    let world = cb2_world_create(cb2_vec2(x: 0, y: -10))
    defer { cb2_world_destroy(world) }
    #expect(cb2_world_get_continuous_physics(world))
    cb2_world_set_continuous_physics(world, false)
    #expect(!cb2_world_get_continuous_physics(world))
    cb2_world_set_continuous_physics(world, true)
    // A cup: floor from x = -1 to 1 at y = 0, walls 1 high; the ground beside it.
    var groundDef = cb2_body_def_make(CB2_BODY_STATIC, cb2_vec2(x: 0, y: 0), 0)
    let ground = cb2_world_create_body(world, &groundDef)!
    var material = cb2_fixture_def_make()
    material.filter.category_bits = 0x0001
    _ = cb2_body_add_box(ground, &material, 5, 0.1, cb2_vec2(x: 0, y: -0.1), 0)
    _ = cb2_body_add_box(ground, &material, 0.05, 0.5, cb2_vec2(x: -1.05, y: 0.5), 0)
    _ = cb2_body_add_box(ground, &material, 0.05, 0.5, cb2_vec2(x: 1.05, y: 0.5), 0)
    // Twelve balls: eight above the cup, four above the ground to its right.
    var ballMaterial = cb2_fixture_def_make()
    ballMaterial.density = 1
    ballMaterial.filter.category_bits = 0x0002
    var balls: [OpaquePointer?] = []
    var starts: [(Float, Float)] = []
    for k in 0..<8 {
      let x: Float = -0.6 + Float(k % 4) * 0.4
      let y: Float = 1.5 + Float(k / 4) * 0.4
      starts.append((x, y))
    }
    for k in 0..<4 { starts.append((2 + Float(k) * 0.5, 0.6)) }
    for (k, p) in starts.enumerated() {
      var def = cb2_body_def_make(CB2_BODY_DYNAMIC, cb2_vec2(x: p.0, y: p.1), 0)
      def.tag = 100 + k
      let ball = cb2_world_create_body(world, &def)!
      _ = cb2_body_add_circle(ball, &ballMaterial, 0.15, cb2_vec2(x: 0, y: 0))
      balls.append(ball)
    }
    let lower = cb2_vec2(x: -1, y: 0), upper = cb2_vec2(x: 1, y: 1)
    func inside() -> [Bool] {
      balls.map { ball in
        let p = cb2_body_get_position(ball!)
        return p.x >= lower.x && p.x <= upper.x && p.y >= lower.y && p.y <= upper.y
      }
    }
    #expect(!inside().contains(true))
    for _ in 0..<180 { cb2_world_step(world, dt, 8, 3) }
    #expect(inside() == Array(repeating: true, count: 8) + Array(repeating: false, count: 4))
    for (k, ball) in balls.enumerated() {
      let p = cb2_body_get_position(ball!)
      #expect(p.y > 0 && p.y < 0.5, "ball \(k) rests low")
    }
    // The AABB query finds the same eight balls by their category (the cup's walls are not
    // balls), each once; a small capacity still reports the full count.
    var tags = [Int](repeating: 0, count: 16)
    let found = cb2_world_query_aabb(world, lower, upper, 0x0002, false, &tags, 16)
    #expect(found == 8)
    #expect(Set(tags.prefix(8)) == Set(100..<108))
    #expect(cb2_world_query_aabb(world, lower, upper, 0x0002, false, nil, 0) == 8)
    #expect(cb2_world_query_aabb(world, lower, upper, 0x0003, false, &tags, 2) == 9)
  }

  @Test("Impulses and forces change velocity as Newton says")
  func forcesAndImpulses() throws {
    let world = cb2_world_create(cb2_vec2(x: 0, y: 0))
    defer { cb2_world_destroy(world) }
    var def = cb2_body_def_make(CB2_BODY_DYNAMIC, cb2_vec2(x: 1, y: 2), 0)
    let body = cb2_world_create_body(world, &def)!
    var material = cb2_fixture_def_make()
    material.density = 2  // 2 m² box → mass 4 kg
    #expect(cb2_body_add_box(body, &material, 1, 0.5, cb2_vec2(x: 0, y: 0), 0) != nil)
    #expect(abs(cb2_body_get_mass(body) - 4) < 1e-5)

    cb2_body_apply_linear_impulse_to_center(body, cb2_vec2(x: 8, y: 0), true)
    #expect(abs(cb2_body_get_linear_velocity(body).x - 2) < 1e-6)

    cb2_body_set_linear_velocity(body, cb2_vec2(x: 0, y: 0))
    cb2_body_apply_force_to_center(body, cb2_vec2(x: 0, y: 40), true)  // 10 m/s² for one step
    cb2_world_step(world, 0.1, 8, 3)
    #expect(abs(cb2_body_get_linear_velocity(body).y - 1) < 1e-5)
    cb2_world_step(world, 0.1, 8, 3)  // forces are cleared after each step
    #expect(abs(cb2_body_get_linear_velocity(body).y - 1) < 1e-5)

    // An off-centre impulse also spins the body.
    cb2_body_set_linear_velocity(body, cb2_vec2(x: 0, y: 0))
    let centre = cb2_body_get_world_center(body)
    cb2_body_apply_linear_impulse(body, cb2_vec2(x: 0, y: 1), cb2_vec2(x: centre.x + 1, y: centre.y), true)
    #expect(cb2_body_get_angular_velocity(body) > 0)

    let local = cb2_body_get_local_point(body, cb2_body_get_world_point(body, cb2_vec2(x: 0.3, y: -0.2)))
    #expect(abs(local.x - 0.3) < 1e-5 && abs(local.y + 0.2) < 1e-5)
  }

  @Test("Invalid shapes and joints are refused instead of tripping Box2D's assertions")
  func invalidInputIsRefused() throws {
    let world = cb2_world_create(cb2_vec2(x: 0, y: -10))
    defer { cb2_world_destroy(world) }
    var def = cb2_body_def_make(CB2_BODY_DYNAMIC, cb2_vec2(x: 0, y: 0), 0)
    let body = cb2_world_create_body(world, &def)!
    var material = cb2_fixture_def_make()
    material.density = 1

    let collinear = [cb2_vec2(x: 0, y: 0), cb2_vec2(x: 1, y: 0), cb2_vec2(x: 2, y: 0)]
    #expect(cb2_body_add_polygon(body, &material, collinear, 3) == nil)
    // Nine points on a parabola: convex, but one more than Box2D allows.
    let nine = (0..<9).map { i in cb2_vec2(x: Float(i), y: Float(i * i) / 8) }
    #expect(cb2_body_add_polygon(body, &material, nine, 9) == nil)
    #expect(cb2_body_add_polygon(body, &material, Array(nine.prefix(8)), 8) != nil)
    #expect(cb2_body_add_box(body, &material, 0, 1, cb2_vec2(x: 0, y: 0), 0) == nil)
    #expect(cb2_body_add_circle(body, &material, -1, cb2_vec2(x: 0, y: 0)) == nil)
    #expect(cb2_body_add_edge(body, &material, cb2_vec2(x: 1, y: 1), cb2_vec2(x: 1, y: 1)) == nil)
    material.density = -1
    #expect(cb2_body_add_circle(body, &material, 1, cb2_vec2(x: 0, y: 0)) == nil)

    let other = cb2_world_create(cb2_vec2(x: 0, y: -10))
    defer { cb2_world_destroy(other) }
    var foreignDef = cb2_body_def_make(CB2_BODY_DYNAMIC, cb2_vec2(x: 0, y: 0), 0)
    let foreign = cb2_world_create_body(other, &foreignDef)!
    var joint = cb2_revolute_def_make(body, foreign, cb2_vec2(x: 0, y: 0), cb2_vec2(x: 0, y: 0))
    #expect(cb2_world_create_revolute_joint(world, &joint) == nil)
    joint.body_b = body
    #expect(cb2_world_create_revolute_joint(world, &joint) == nil)
    #expect(!cb2_world_destroy_body(world, foreign))

    var hit = cb2_ray_hit()
    let point = cb2_vec2(x: 0, y: 0)
    #expect(!cb2_world_ray_cast_closest(world, point, point, 0xFFFF, true, &hit))
  }

  @Test("Creating and destroying 1000 populated worlds leaves none alive")
  func worldsDoNotLeak() throws {
    let liveBefore = cb2_debug_thread_world_balance()
    var iterationsWithWrongCount = 0
    for i in 0..<1000 {
      let scene = DropScene()
      var wheelDef = cb2_body_def_make(CB2_BODY_DYNAMIC, cb2_vec2(x: 3, y: 2), 0)
      wheelDef.tag = i
      let wheel = cb2_world_create_body(scene.world, &wheelDef)!
      var material = cb2_fixture_def_make()
      material.density = 1
      _ = cb2_body_add_circle(wheel, &material, 0.3, cb2_vec2(x: 0, y: 0))
      var hinge = cb2_revolute_def_make_at(scene.box, wheel, cb2_vec2(x: 3, y: 2))
      hinge.enable_motor = true
      hinge.max_motor_torque = 10
      _ = cb2_world_create_revolute_joint(scene.world, &hinge)
      for _ in 0..<5 { cb2_world_step(scene.world, dt, 8, 3) }
      if cb2_debug_thread_world_balance() != liveBefore + 1 { iterationsWithWrongCount += 1 }
      cb2_world_destroy(scene.world)
    }
    #expect(iterationsWithWrongCount == 0)
    #expect(cb2_debug_thread_world_balance() == liveBefore)
  }
}
