import CBox2D
import GymCore
import RealModule

/// Walk a two-legged robot across rough terrain: Gymnasium's `BipedalWalker-v3` and, with
/// `hardcore`, `BipedalWalkerHardcore-v3` (stumps, stairs and pits), on Box2D 2.4.
///
/// The action is four motor commands in [−1, 1] (hip 1, knee 1, hip 2, knee 2): the sign picks
/// the motor's speed direction and the magnitude its torque. The observation is 24 numbers:
/// hull angle and velocities, joint angles and speeds, lower-leg ground contacts and 10 lidar
/// fractions (closest-hit ray casts against the terrain). Reward shaping (130 per metre of
/// progress, −5 per radian of hull tilt, −0.028 per unit of torque), −100 for a fall, and
/// success at the end of the terrain follow Gymnasium. Terrain, obstacles, clouds and the
/// initial push are drawn from a `NumPyGenerator` in Gymnasium's order, so they equal
/// Gymnasium's for the same seed.
///
/// A class: its Box2D world is a reference. A fresh world is built on every reset.
public final class BipedalWalker: Environment {
  /// 24 numbers: hull, joints, contacts, lidar.
  public typealias Observation = [Float]
  /// Hip 1, knee 1, hip 2, knee 2 commands in [−1, 1].
  public typealias Action = SIMD4<Float>

  // MARK: Gymnasium's constants

  /// Simulation steps per second.
  public static var fps: Double { 50 }
  /// Pixels per metre.
  public static var scale: Double { 30 }
  static var motorsTorque: Double { 80 }
  static var speedHip: Double { 4 }
  static var speedKnee: Double { 6 }
  /// Length of the lidar rays (metres).
  public static var lidarRange: Double { 160 / scale }
  static var initialRandom: Double { 5 }
  /// The hull's outline in pixels.
  public static var hullPolygon: [(Double, Double)] { [(-30, 9), (6, 9), (34, 1), (34, -8), (-30, -8)] }
  static var legDown: Double { -8 / scale }
  static var legW: Double { 8 / scale }
  static var legH: Double { 34 / scale }
  /// The viewport width in pixels.
  public static var viewportWidth: Double { 600 }
  /// The viewport height in pixels.
  public static var viewportHeight: Double { 400 }
  /// Horizontal distance between terrain points (metres).
  public static var terrainStep: Double { 14 / scale }
  /// Terrain points.
  public static var terrainLength: Int { 200 }
  /// The terrain's mean height (metres).
  public static var terrainHeight: Double { viewportHeight / scale / 4 }
  static var terrainGrass: Int { 10 }
  static var terrainStartpad: Int { 20 }
  static var friction: Double { 2.5 }

  /// Sine and cosine of the lidar angles 1.5·i/10 (i = 0…9), computed once.
  static let lidarDirections: [(sin: Double, cos: Double)] = (0..<10).map { i in
    let angle = 1.5 * Double(i) / 10
    return (Double.sin(angle), Double.cos(angle))
  }

  static var hullTag: Int { 1 }
  static var lowerLegTags: (Int, Int) { (3, 5) }

  // MARK: State

  /// Whether obstacles (stumps, stairs, pits) are generated.
  public let hardcore: Bool
  /// The generator behind terrain, clouds and the initial push.
  public var rng: NumPyGenerator
  /// The Box2D world of the current episode.
  public private(set) var world: PhysicsWorld?
  /// The hull.
  public private(set) var hull: PhysicsBody?
  /// Upper leg 1, lower leg 1, upper leg 2, lower leg 2 (Gymnasium's `legs`).
  public private(set) var legs: [PhysicsBody] = []
  /// Hip 1, knee 1, hip 2, knee 2 (Gymnasium's `joints`).
  public private(set) var joints: [PhysicsJoint] = []
  /// Whether each lower leg touches the ground.
  public private(set) var legContact: (Bool, Bool) = (false, false)
  /// Whether the hull touched the ground.
  public private(set) var gameOver = false
  /// Terrain points' x (metres), `terrainLength` of them.
  public private(set) var terrainX: [Double] = []
  /// Terrain points' y (metres).
  public private(set) var terrainY: [Double] = []
  /// Obstacle polygons (hardcore), in world coordinates.
  public private(set) var obstacles: [[(x: Double, y: Double)]] = []
  /// Cloud polygons (cosmetic) with their x extent.
  public private(set) var clouds: [(points: [(x: Double, y: Double)], x1: Double, x2: Double)] = []
  /// The latest lidar fractions and ray ends, for observations and drawing.
  public private(set) var lidar = [cb2_ray_hit](repeating: cb2_ray_hit(), count: 10)
  var lidarFrom = [Vec2](repeating: Vec2(x: 0, y: 0), count: 10)
  var lidarTo = [Vec2](repeating: Vec2(x: 0, y: 0), count: 10)
  var previousShaping: Double? = nil
  var jointHandles: [OpaquePointer?] = []
  var lidarRender = 0
  /// How far the view has scrolled (metres).
  public private(set) var scroll = 0.0
  var observationBuffer = [Float](repeating: 0, count: 24)

  /// Gymnasium's bounds (angles ±π, speeds ±5, contacts [0, 5], lidar ±1).
  public let observationSpace: Box<[Float]>
  /// Box(−1, 1, (4,)).
  public let actionSpace = Box<SIMD4<Float>>(low: -1, high: 1, shape: [4])

  /// rgb_array at 50 frames per second; solved at 300.
  public var metadata: EnvironmentMetadata {
    EnvironmentMetadata(renderModes: [.rgbArray], renderFPS: 50, rewardThreshold: 300)
  }

  /// A walker; `hardcore` adds obstacles; `seed` seeds the generator before the first reset.
  public init(hardcore: Bool = false, seed: UInt64? = nil) {
    self.hardcore = hardcore
    rng = seed.map { NumPyGenerator(seed: $0) } ?? NumPyGenerator.entropy()
    let pi = Double(Float.pi)
    var high: [Double] = [pi, 5, 5, 5, pi, 5, pi, 5, 5, pi, 5, pi, 5, 5]
    var low: [Double] = [-pi, -5, -5, -5, -pi, -5, -pi, -5, 0, -pi, -5, -pi, -5, 0]
    high += Array(repeating: 1, count: 10)
    low += Array(repeating: -1, count: 10)
    observationSpace = Box(low: low, high: high)
  }

  // MARK: Reset

  /// Builds new terrain, clouds and walker, takes one step with the motors idle (as
  /// Gymnasium) and returns its observation. Takes no options.
  public func reset(seed: UInt64?, options: Options) throws -> ResetResult<[Float]> {
    if let bad = options.keys.first { throw OptionError("BipedalWalker takes no reset options, got '\(bad)'") }
    if let seed { rng = NumPyGenerator(seed: seed) }
    world = nil
    let world = PhysicsWorld(gravity: Vec2(0, -10))
    self.world = world
    gameOver = false
    previousShaping = nil
    scroll = 0
    lidarRender = 0
    legContact = (false, false)

    generateTerrain(in: world)
    generateClouds()

    let s = Self.scale
    let initX = Self.terrainStep * Double(Self.terrainStartpad) / 2
    let initY = Self.terrainHeight + 2 * Self.legH
    let hull = world.createBody(PhysicsWorld.bodyDef(CB2_BODY_DYNAMIC, position: Vec2(initX, initY), tag: Self.hullTag))
    hull.addPolygon(Self.hullPolygon.map { Vec2($0.0 / s, $0.1 / s) },
                    FixtureDef.make(density: 5, friction: 0.1, restitution: 0, category: 0x0020, mask: 0x001))
    hull.applyForceToCenter(Vec2(rng.uniform(low: -Self.initialRandom, high: Self.initialRandom), 0))
    self.hull = hull

    legs.removeAll(keepingCapacity: true)
    joints.removeAll(keepingCapacity: true)
    let legFixture = FixtureDef.make(density: 1, restitution: 0, category: 0x0020, mask: 0x001)
    for (k, i) in [-1.0, 1.0].enumerated() {
      let leg = world.createBody(PhysicsWorld.bodyDef(
        CB2_BODY_DYNAMIC, position: Vec2(initX, initY - Self.legH / 2 - Self.legDown), angle: Float(i * 0.05), tag: 2 + 2 * k))
      leg.addBox(halfWidth: Float(Self.legW / 2), halfHeight: Float(Self.legH / 2), legFixture)
      var hip = cb2_revolute_def_make(hull.raw, leg.raw, Vec2(0, Self.legDown), Vec2(0, Self.legH / 2))
      hip.reference_angle = leg.angle - hull.angle  // as pybox2d's revoluteJointDef(bodyA:, bodyB:)
      hip.enable_motor = true
      hip.enable_limit = true
      hip.max_motor_torque = Float(Self.motorsTorque)
      hip.motor_speed = Float(i)
      hip.lower_angle = -0.8
      hip.upper_angle = 1.1
      legs.append(leg)
      joints.append(world.createRevoluteJoint(hip))

      let lower = world.createBody(PhysicsWorld.bodyDef(
        CB2_BODY_DYNAMIC, position: Vec2(initX, initY - Self.legH * 3 / 2 - Self.legDown), angle: Float(i * 0.05), tag: 3 + 2 * k))
      lower.addBox(halfWidth: Float(0.8 * Self.legW / 2), halfHeight: Float(Self.legH / 2), legFixture)
      var knee = cb2_revolute_def_make(leg.raw, lower.raw, Vec2(0, -Self.legH / 2), Vec2(0, Self.legH / 2))
      knee.reference_angle = lower.angle - leg.angle
      knee.enable_motor = true
      knee.enable_limit = true
      knee.max_motor_torque = Float(Self.motorsTorque)
      knee.motor_speed = 1
      knee.lower_angle = -1.6
      knee.upper_angle = -0.1
      legs.append(lower)
      joints.append(world.createRevoluteJoint(knee))
    }
    jointHandles = joints.map { Optional($0.raw) }
    return (step(.zero).observation, [:])
  }

  /// Gymnasium's terrain generator: a smoothed random walk with grass spells, and in
  /// hardcore mode stumps, stairs and pits, drawing from `rng` in Gymnasium's order.
  func generateTerrain(in world: PhysicsWorld) {
    enum Kind { case grass, stump, stairs, pit }
    let kinds: [Kind] = [.grass, .stump, .stairs, .pit]
    let step = Self.terrainStep
    var state = Kind.grass
    var velocity = 0.0
    var y = Self.terrainHeight
    var counter = Self.terrainStartpad
    var oneshot = false
    var stairSteps = 0, stairWidth = 0, stairHeight = 0
    var originalY = 0.0
    terrainX.removeAll(keepingCapacity: true)
    terrainY.removeAll(keepingCapacity: true)
    obstacles.removeAll(keepingCapacity: true)
    let ground = FixtureDef.make(friction: Float(Self.friction))

    func addObstacle(_ poly: [(x: Double, y: Double)]) {
      let body = world.createBody(PhysicsWorld.bodyDef(CB2_BODY_STATIC, position: Vec2(0, 0)))
      body.addPolygon(poly.map { Vec2($0.x, $0.y) }, ground)
      obstacles.append(poly)
    }

    for i in 0..<Self.terrainLength {
      let x = Double(i) * step
      terrainX.append(x)
      switch (state, oneshot) {
      case (.grass, false):
        let toward = Self.terrainHeight - y
        velocity = 0.8 * velocity + 0.01 * (toward > 0 ? 1 : (toward < 0 ? -1 : 0))
        if i > Self.terrainStartpad { velocity += rng.uniform(low: -1, high: 1) / Self.scale }
        y += velocity
      case (.pit, true):
        counter = rng.integers(low: 3, high: 5)
        let poly = [(x: x, y: y), (x: x + step, y: y), (x: x + step, y: y - 4 * step), (x: x, y: y - 4 * step)]
        addObstacle(poly)
        addObstacle(poly.map { (x: $0.x + step * Double(counter), y: $0.y) })
        counter += 2
        originalY = y
      case (.pit, false):
        y = originalY
        if counter > 1 { y -= 4 * step }
      case (.stump, true):
        counter = rng.integers(low: 1, high: 3)
        let size = Double(counter) * step
        addObstacle([(x: x, y: y), (x: x + size, y: y), (x: x + size, y: y + size), (x: x, y: y + size)])
      case (.stairs, true):
        stairHeight = rng.random() > 0.5 ? 1 : -1
        stairWidth = rng.integers(low: 4, high: 5)
        stairSteps = rng.integers(low: 3, high: 5)
        originalY = y
        for s in 0..<stairSteps {
          let x0 = x + Double(s * stairWidth) * step, x1 = x + Double((1 + s) * stairWidth) * step
          let y0 = y + Double(s * stairHeight) * step, y1 = y + Double(-1 + s * stairHeight) * step
          addObstacle([(x: x0, y: y0), (x: x1, y: y0), (x: x1, y: y1), (x: x0, y: y1)])
        }
        counter = stairSteps * stairWidth
      case (.stairs, false):
        let s = Double(stairSteps * stairWidth - counter - stairHeight)
        let n = s / Double(stairWidth)
        y = originalY + (n * Double(stairHeight)) * step
      default:
        break
      }
      oneshot = false
      terrainY.append(y)
      counter -= 1
      if counter == 0 {
        counter = rng.integers(low: Self.terrainGrass / 2, high: Self.terrainGrass)
        if state == .grass && hardcore {
          state = kinds[rng.integers(low: 1, high: 4)]  // stump, stairs or pit
        } else {
          state = .grass
        }
        oneshot = true
      }
    }
    let edge = FixtureDef.make(friction: Float(Self.friction), category: 0x0001)
    for i in 0..<(Self.terrainLength - 1) {
      let body = world.createBody(PhysicsWorld.bodyDef(CB2_BODY_STATIC, position: Vec2(0, 0)))
      body.addEdge(Vec2(terrainX[i], terrainY[i]), Vec2(terrainX[i + 1], terrainY[i + 1]), edge)
    }
  }

  /// Gymnasium's cosmetic clouds, which still consume the generator (11 draws each).
  func generateClouds() {
    clouds.removeAll(keepingCapacity: true)
    let step = Self.terrainStep
    for _ in 0..<(Self.terrainLength / 20) {
      let x = rng.uniform(low: 0, high: Double(Self.terrainLength)) * step
      let y = Self.viewportHeight / Self.scale * 3 / 4
      var poly: [(x: Double, y: Double)] = []
      for a in 0..<5 {
        let angle = 3.14 * 2 * Double(a) / 5
        let px = x + 15 * step * Double.sin(angle) + rng.uniform(low: 0, high: 5 * step)
        let py = y + 5 * step * Double.cos(angle) + rng.uniform(low: 0, high: 5 * step)
        poly.append((px, py))
      }
      clouds.append((poly, poly.map(\.x).min()!, poly.map(\.x).max()!))
    }
  }

  // MARK: Step

  /// Sets the motors, advances 1/50 s and casts the lidar.
  public func step(_ action: SIMD4<Float>) -> StepResult<[Float], Double> {
    guard let world, let hull else { preconditionFailure("BipedalWalker: call reset(seed:) before step") }
    for j in 0..<4 {
      let a = action[j]
      let speed = j % 2 == 0 ? Self.speedHip : Self.speedKnee
      joints[j].motorSpeed = Float(speed) * (a > 0 ? 1 : (a < 0 ? -1 : 0))
      joints[j].maxMotorTorque = Float(Self.motorsTorque) * min(max(abs(a), 0), 1)
    }
    PhysicsJoint.useBox2D23Limits(jointHandles)
    world.step(Float(1.0 / Self.fps), velocityIterations: 6 * 30, positionIterations: 2 * 30)
    processContacts(world)

    let pos = hull.position, vel = hull.linearVelocity
    let directions = Self.lidarDirections
    for i in 0..<10 {
      lidarFrom[i] = pos
      lidarTo[i] = Vec2(Double(pos.x) + directions[i].sin * Self.lidarRange, Double(pos.y) - directions[i].cos * Self.lidarRange)
    }
    lidarFrom.withUnsafeBufferPointer { from in
      lidarTo.withUnsafeBufferPointer { to in
        lidar.withUnsafeMutableBufferPointer { hits in
          world.rayCastClosest(from: from.baseAddress!, to: to.baseAddress!, count: 10, mask: 0x0001, hits: hits.baseAddress!)
        }
      }
    }

    let angle = Double(hull.angle)
    var obs = observationBuffer
    observationBuffer = []  // keep `obs` uniquely referenced: written in place, no allocation
    obs[0] = hull.angle
    obs[1] = Float(2 * Double(hull.angularVelocity) / Self.fps)
    obs[2] = Float(0.3 * Double(vel.x) * (Self.viewportWidth / Self.scale) / Self.fps)
    obs[3] = Float(0.3 * Double(vel.y) * (Self.viewportHeight / Self.scale) / Self.fps)
    obs[4] = joints[0].angle
    obs[5] = Float(Double(joints[0].speed) / Self.speedHip)
    obs[6] = Float(Double(joints[1].angle) + 1)
    obs[7] = Float(Double(joints[1].speed) / Self.speedKnee)
    obs[8] = legContact.0 ? 1 : 0
    obs[9] = joints[2].angle
    obs[10] = Float(Double(joints[2].speed) / Self.speedHip)
    obs[11] = Float(Double(joints[3].angle) + 1)
    obs[12] = Float(Double(joints[3].speed) / Self.speedKnee)
    obs[13] = legContact.1 ? 1 : 0
    for i in 0..<10 { obs[14 + i] = lidar[i].fraction }
    observationBuffer = obs

    scroll = Double(pos.x) - Self.viewportWidth / Self.scale / 5
    let shaping = 130 * Double(pos.x) / Self.scale - 5 * abs(angle)
    var reward = 0.0
    if let previousShaping { reward = shaping - previousShaping }
    previousShaping = shaping
    // NumPy 2 promotion: a Python float times a float32 stays float32.
    let cost = Float(0.00035 * Self.motorsTorque)
    for j in 0..<4 { reward -= Double(cost * min(max(abs(action[j]), 0), 1)) }

    var terminated = false
    if gameOver || pos.x < 0 {
      reward = -100
      terminated = true
    }
    if Double(pos.x) > Double(Self.terrainLength - Self.terrainGrass) * Self.terrainStep { terminated = true }
    return (obs, reward, terminated, false, [:])
  }

  /// Gymnasium's contact listener over the step's events, in order.
  @inline(__always)
  func processContacts(_ world: PhysicsWorld) {
    let events = world.contactEvents
    guard !events.isEmpty else { return }
    for e in events {
      let begin = e.kind == CB2_CONTACT_BEGIN
      if begin && (e.body_tag_a == Self.hullTag || e.body_tag_b == Self.hullTag) { gameOver = true }
      if e.body_tag_a == Self.lowerLegTags.0 || e.body_tag_b == Self.lowerLegTags.0 { legContact.0 = begin }
      if e.body_tag_a == Self.lowerLegTags.1 || e.body_tag_b == Self.lowerLegTags.1 { legContact.1 = begin }
    }
    world.clearContactEvents()
  }
}
