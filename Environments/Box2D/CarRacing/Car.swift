import CBox2D
import GymCore
import RealModule

/// Gymnasium's top-down car (`car_dynamics.py`): a four-part hull and four wheels on revolute
/// joints, rear-wheel drive, tyre forces from the slip between wheel and ground, capped by
/// friction (less on grass).
public struct Car {
  /// Scale from the car's drawing units to metres.
  public static var size: Double { 0.02 }
  static var enginePower: Double { 100_000_000 * size * size }
  static var wheelMomentOfInertia: Double { 4000 * size * size }
  static var frictionLimit: Double { 1_000_000 * size * size }
  static var wheelR: Double { 27 }
  static var wheelW: Double { 14 }
  static var wheelPositions: [(Double, Double)] { [(-55, 80), (55, 80), (-55, -82), (55, -82)] }
  /// The hull's four convex parts in drawing units.
  public static var hullPolygons: [[(Double, Double)]] {
    [[(-60, 130), (60, 130), (60, 110), (-60, 110)],
     [(-15, 120), (15, 120), (20, 20), (-20, 20)],
     [(25, 20), (50, -10), (50, -40), (20, -90), (-20, -90), (-50, -40), (-50, -10), (-25, 20)],
     [(-50, -120), (50, -120), (50, -90), (-50, -90)]]
  }
  /// Body tag of the hull; wheels are `wheelTag(0...3)`.
  static var hullTag: Int { -10 }
  static func wheelTag(_ i: Int) -> Int { -1 - i }

  /// Per-wheel state (Gymnasium stores it on the wheel bodies).
  public struct Wheel {
    /// The wheel's body.
    public var body: PhysicsBody
    /// Its joint to the hull.
    public var joint: PhysicsJoint
    /// Throttle 0…1 (rear wheels only).
    public var gas = 0.0
    /// Brake 0…1.
    public var brake = 0.0
    /// Steering target −1…1 (front wheels only).
    public var steer = 0.0
    /// Rotation angle (cosmetic).
    public var phase = 0.0
    /// Angular velocity of the wheel's spin (rad/s).
    public var omega = 0.0
    /// How many road tiles the wheel touches.
    public var tileCount = 0
    /// Where a skid began, for skid marks.
    var skidStart: (Double, Double)? = nil
    /// Index of the skid mark being extended, if any.
    var skidParticle: Int? = nil
  }

  /// A skid mark (cosmetic): a polyline, dark on road, mud-coloured on grass.
  public struct SkidMark {
    /// Whether it was made on grass.
    public var grass: Bool
    /// The points (metres).
    public var points: [(Double, Double)]
  }

  /// The hull.
  public let hull: PhysicsBody
  /// Front-left, front-right, rear-left, rear-right.
  public var wheels: [Wheel]
  /// Up to 30 recent skid marks, oldest first.
  public var skidMarks: [SkidMark] = []
  var jointHandles: [OpaquePointer?]
  let tracksSkids: Bool

  /// Builds the car at a position with a heading, as Gymnasium does (wheels placed at
  /// unrotated offsets; the first step's joint solve pulls them into place).
  init(world: PhysicsWorld, angle: Double, x: Double, y: Double, tracksSkids: Bool) {
    let s = Self.size
    hull = world.createBody(PhysicsWorld.bodyDef(CB2_BODY_DYNAMIC, position: Vec2(x, y), angle: Float(angle), tag: Self.hullTag))
    for poly in Self.hullPolygons {
      hull.addPolygon(poly.map { Vec2($0.0 * s, $0.1 * s) }, FixtureDef.make(density: 1))
    }
    wheels = []
    let wheelPoly = [(-Self.wheelW, Self.wheelR), (Self.wheelW, Self.wheelR), (Self.wheelW, -Self.wheelR), (-Self.wheelW, -Self.wheelR)]
    for (k, (wx, wy)) in Self.wheelPositions.enumerated() {
      let body = world.createBody(PhysicsWorld.bodyDef(
        CB2_BODY_DYNAMIC, position: Vec2(x + wx * s, y + wy * s), angle: Float(angle), tag: Self.wheelTag(k)))
      body.addPolygon(wheelPoly.map { Vec2($0.0 * s, $0.1 * s) },
                      FixtureDef.make(density: 0.1, restitution: 0, category: 0x0020, mask: 0x001))
      var def = cb2_revolute_def_make(hull.raw, body.raw, Vec2(wx * s, wy * s), Vec2(0, 0))
      def.reference_angle = body.angle - hull.angle
      def.enable_motor = true
      def.enable_limit = true
      def.max_motor_torque = Float(180 * 900 * s * s)
      def.motor_speed = 0
      def.lower_angle = -0.4
      def.upper_angle = 0.4
      wheels.append(Wheel(body: body, joint: world.createRevoluteJoint(def)))
    }
    jointHandles = wheels.map { Optional($0.joint.raw) }
    self.tracksSkids = tracksSkids
  }

  /// Sets the rear wheels' throttle, rising by at most 0.1 per call.
  mutating func gas(_ gas: Double) {
    let g = min(max(gas, 0), 1)
    for k in 2..<4 {
      var diff = g - wheels[k].gas
      if diff > 0.1 { diff = 0.1 }
      wheels[k].gas += diff
    }
  }

  /// Sets every wheel's brake (≥ 0.9 locks the wheels).
  mutating func brake(_ b: Double) {
    for k in 0..<4 { wheels[k].brake = b }
  }

  /// Sets the front wheels' steering target.
  mutating func steer(_ s: Double) {
    wheels[0].steer = s
    wheels[1].steer = s
  }

  /// Gymnasium's `Car.step`: steering motors, engine and brakes on the wheel spin, and tyre
  /// forces applied to the wheel bodies.
  mutating func step(_ dt: Double) {
    let limit = Self.frictionLimit
    for k in 0..<4 {
      var w = wheels[k]
      let jointAngle = Double(w.joint.angle)
      let dir: Double = w.steer - jointAngle > 0 ? 1 : (w.steer - jointAngle < 0 ? -1 : 0)
      let val = abs(w.steer - jointAngle)
      w.joint.motorSpeed = Float(dir * min(50 * val, 3))

      let grass = w.tileCount == 0
      let frictionLimit = grass ? limit * 0.6 : max(limit * 0.6, limit * 1.0)
      let forward = w.body.worldVector(Vec2(x: 0, y: 1)), side = w.body.worldVector(Vec2(x: 1, y: 0))
      let v = w.body.linearVelocity
      let vf = Double(forward.x) * Double(v.x) + Double(forward.y) * Double(v.y)
      let vs = Double(side.x) * Double(v.x) + Double(side.y) * Double(v.y)
      w.omega += dt * Self.enginePower * w.gas / Self.wheelMomentOfInertia / (abs(w.omega) + 5)
      if w.brake >= 0.9 {
        w.omega = 0
      } else if w.brake > 0 {
        let brakeForce = 15.0
        let sign: Double = w.omega > 0 ? -1 : (w.omega < 0 ? 1 : 0)
        var val = brakeForce * w.brake
        if abs(val) > abs(w.omega) { val = abs(w.omega) }
        w.omega += sign * val
      }
      w.phase += w.omega * dt
      let wheelRadius = Self.wheelR * Self.size
      let vr = w.omega * wheelRadius
      var fForce = (-vf + vr) * 205000 * Self.size * Self.size
      var pForce = -vs * 205000 * Self.size * Self.size
      var force = (fForce * fForce + pForce * pForce).squareRoot()
      if tracksSkids { trackSkid(&w, force: force, frictionLimit: frictionLimit, grass: grass) }
      if abs(force) > frictionLimit {
        fForce /= force
        pForce /= force
        force = frictionLimit
        fForce *= force
        pForce *= force
      }
      w.omega -= dt * fForce * wheelRadius / Self.wheelMomentOfInertia
      w.body.applyForceToCenter(Vec2(pForce * Double(side.x) + fForce * Double(forward.x), pForce * Double(side.y) + fForce * Double(forward.y)))
      wheels[k] = w
    }
  }

  /// Gymnasium's skid-mark bookkeeping (cosmetic; only when rendering full frames).
  mutating func trackSkid(_ w: inout Wheel, force: Double, frictionLimit: Double, grass: Bool) {
    let p = w.body.position
    let here = (Double(p.x), Double(p.y))
    if abs(force) > 2 * frictionLimit {
      if let k = w.skidParticle, k < skidMarks.count, skidMarks[k].grass == grass, skidMarks[k].points.count < 30 {
        skidMarks[k].points.append(here)
      } else if w.skidStart == nil {
        w.skidStart = here
      } else {
        if skidMarks.count == 30 {
          skidMarks.removeFirst()
          for j in 0..<4 { if let q = wheels[j].skidParticle { wheels[j].skidParticle = q > 0 ? q - 1 : nil } }
          if let q = w.skidParticle { w.skidParticle = q > 0 ? q - 1 : nil }
        }
        skidMarks.append(SkidMark(grass: grass, points: [w.skidStart!, here]))
        w.skidParticle = skidMarks.count - 1
        w.skidStart = nil
      }
    } else {
      w.skidStart = nil
      w.skidParticle = nil
    }
  }
}
