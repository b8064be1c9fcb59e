import CBox2D
import GymCore
import RealModule

/// Land a craft on the pad between the flags: Gymnasium's `LunarLander-v3`, on Box2D 2.4.
///
/// `Control` picks the action form: `DiscreteThrusters` (noop, left orientation engine, main
/// engine, right orientation engine) or `ContinuousThrusters` (`[main, lateral]` in [−1, 1]).
/// The observation is `[x, y, vx, vy, angle, angular velocity, left leg contact, right leg
/// contact]`, normalised as in Gymnasium. Reward shaping, engine impulses with their random
/// dispersion, wind and turbulence, termination on a crash, on leaving the screen or on coming
/// to rest follow Gymnasium; every random draw (terrain, initial push, wind phase, per-step
/// dispersion) comes from a `NumPyGenerator` in Gymnasium's order, so terrain and initial
/// pushes equal Gymnasium's for the same seed.
///
/// A class, not a struct: the Box2D world is a reference and cannot be copied. A new world is
/// built on every reset (as Gymnasium v3 does) and the old one freed.
public final class LunarLander<Control: LunarLanderControl>: Environment {
  /// `[x, y, vx, vy, angle, angular velocity, left contact, right contact]`.
  public typealias Observation = SIMD8<Float>
  /// `Int` (discrete) or `SIMD2<Float>` (continuous).
  public typealias Action = Control.Action

  // MARK: Gymnasium's constants

  /// Simulation steps per second.
  public static var fps: Double { 50 }
  /// Pixels per metre.
  public static var scale: Double { 30 }
  /// Impulse scale of the main engine.
  public static var mainEnginePower: Double { 13 }
  /// Impulse scale of the side engines.
  public static var sideEnginePower: Double { 0.6 }
  /// Largest component of the random force on the lander at reset (N).
  public static var initialRandom: Double { 1000 }
  /// The lander's outline in pixels.
  public static var landerPolygon: [(Double, Double)] { [(-14, 17), (-17, 0), (-17, -10), (17, -10), (17, 0), (14, 17)] }
  static var legAway: Double { 20 }
  static var legDown: Double { 18 }
  static var legW: Double { 2 }
  static var legH: Double { 8 }
  static var legSpringTorque: Double { 40 }
  static var sideEngineHeight: Double { 14 }
  static var sideEngineAway: Double { 12 }
  static var mainEngineYLocation: Double { 4 }
  /// The viewport width in pixels.
  public static var viewportWidth: Double { 600 }
  /// The viewport height in pixels.
  public static var viewportHeight: Double { 400 }
  /// World width in metres (20).
  public static var worldWidth: Double { viewportWidth / scale }
  /// World height in metres (13.33…).
  public static var worldHeight: Double { viewportHeight / scale }
  /// Terrain chunks across the world.
  public static var chunks: Int { 11 }

  // Body tags in contact events.
  static var groundTag: Int { 0 }
  static var landerTag: Int { 1 }
  static var legTags: (Int, Int) { (2, 3) }

  // MARK: Configuration

  /// Gravity (m/s²), in (−12, 0).
  public let gravity: Double
  /// Whether wind and turbulence act while neither leg touches the ground.
  public let enableWind: Bool
  /// Peak wind force (N); Gymnasium recommends 0…20.
  public let windPower: Double
  /// Peak turbulence torque (N·m); Gymnasium recommends 0…2.
  public let turbulencePower: Double

  // MARK: State

  /// The generator behind terrain, pushes, wind phases and engine dispersion.
  public var rng: NumPyGenerator
  /// The Box2D world of the current episode (`nil` before the first reset).
  public private(set) var world: PhysicsWorld?
  /// The lander's body.
  public private(set) var lander: PhysicsBody?
  /// The two legs (Gymnasium's `legs[0]` for i = −1, `legs[1]` for i = +1).
  public private(set) var legs: [PhysicsBody] = []
  /// Whether each leg touches the ground (Gymnasium's `ground_contact`).
  public private(set) var legContact: (Bool, Bool) = (false, false)
  /// Whether the lander's body touched the ground (a crash).
  public private(set) var gameOver = false
  /// The smoothed terrain heights at the 11 chunk borders (metres).
  public private(set) var terrainHeights: [Double] = []
  /// The x positions of the chunk borders (metres).
  public private(set) var chunkX: [Double] = []
  /// The pad's height (metres).
  public var helipadY: Double { Self.worldHeight / 4 }
  /// The pad's left and right ends (metres).
  public var helipadX: (Double, Double) { (chunkX.isEmpty ? 8 : chunkX[Self.chunks / 2 - 1], chunkX.isEmpty ? 12 : chunkX[Self.chunks / 2 + 1]) }
  /// The wind and turbulence phases (Gymnasium's `wind_idx`, `torque_idx`).
  public private(set) var windIndex = 0, torqueIndex = 0
  /// The shaping potential after the latest step (nil before the first): its change is the
  /// shaping part of the reward.
  public internal(set) var previousShaping: Double? = nil
  /// The leg joints, given Box2D 2.3's limit behaviour before each step.
  var legJoints: [OpaquePointer?] = []
  /// Engine firings of the latest step, for the render's exhaust particles.
  var lastFirings: [EngineFiring] = []
  var particles: [Particle] = []

  /// Gymnasium v3's bounds: ±2.5, ±2.5, ±10, ±10, ±2π, ±10, [0, 1], [0, 1].
  public let observationSpace: Box<SIMD8<Float>>
  /// The control's action space.
  public let actionSpace: Control.ActionSpace

  /// rgb_array at 50 frames per second; solved at 200.
  public var metadata: EnvironmentMetadata {
    EnvironmentMetadata(renderModes: [.rgbArray], renderFPS: 50, rewardThreshold: 200)
  }

  /// A lander.
  /// - Parameters:
  ///   - gravity: in (−12, 0); Gymnasium's default −10.
  ///   - enableWind: turn on wind and turbulence.
  ///   - windPower: wind force scale.
  ///   - turbulencePower: turbulence torque scale.
  ///   - seed: seeds the generator before the first reset.
  /// - Throws: `OptionError` if gravity is outside (−12, 0) or a power is not finite.
  public init(gravity: Double = -10, enableWind: Bool = false, windPower: Double = 15, turbulencePower: Double = 1.5, seed: UInt64? = nil) throws {
    guard gravity > -12, gravity < 0 else {
      throw OptionError("gravity must be in (-12, 0) (exclusive), got \(gravity)")
    }
    guard windPower.isFinite else { throw OptionError("wind_power must be a finite number, got \(windPower)") }
    guard turbulencePower.isFinite else { throw OptionError("turbulence_power must be a finite number, got \(turbulencePower)") }
    self.gravity = gravity
    self.enableWind = enableWind
    self.windPower = windPower
    self.turbulencePower = turbulencePower
    rng = seed.map { NumPyGenerator(seed: $0) } ?? NumPyGenerator.entropy()
    let high: [Double] = [2.5, 2.5, 10, 10, 2 * .pi, 10, 1, 1]
    let low: [Double] = [-2.5, -2.5, -10, -10, -2 * .pi, -10, 0, 0]
    observationSpace = Box(low: low, high: high)
    actionSpace = Control.actionSpace
  }

  // MARK: Reset

  /// Builds a new world and lander, takes one step with the engines off (as Gymnasium) and
  /// returns its observation. Takes no options.
  @_specialize(where Control == DiscreteThrusters)
  @_specialize(where Control == ContinuousThrusters)
  public func reset(seed: UInt64?, options: Options) throws -> ResetResult<SIMD8<Float>> {
    if let bad = options.keys.first { throw OptionError("LunarLander takes no reset options, got '\(bad)'") }
    if let seed { rng = NumPyGenerator(seed: seed) }
    buildWorld()
    return (step(Control.noop).observation, [:])
  }

  /// Builds a fresh world with new terrain, lander and legs, drawing from `rng` in
  /// Gymnasium's order.
  func buildWorld() {
    world = nil  // frees the previous world and everything in it
    let world = PhysicsWorld(gravity: Vec2(0, gravity))
    self.world = world
    gameOver = false
    previousShaping = nil
    legContact = (false, false)
    particles.removeAll(keepingCapacity: true)
    lastFirings.removeAll(keepingCapacity: true)

    let w = Self.worldWidth, h = Self.worldHeight
    let n = Self.chunks
    var height = rng.uniform(low: 0, high: h / 2, count: n + 1)
    chunkX = (0..<n).map { w / Double(n - 1) * Double($0) }
    for i in (n / 2 - 2)...(n / 2 + 2) { height[i] = helipadY }
    terrainHeights = (0..<n).map { i in
      let previous = height[i == 0 ? n : i - 1]  // Python's height[-1] wraps to the last
      return 0.33 * (previous + height[i] + height[i + 1])
    }

    let moon = world.createBody(PhysicsWorld.bodyDef(CB2_BODY_STATIC, position: Vec2(0, 0), tag: Self.groundTag))
    moon.addEdge(Vec2(0, 0), Vec2(w, 0), FixtureDef.make())
    for i in 0..<(n - 1) {
      moon.addEdge(Vec2(chunkX[i], terrainHeights[i]), Vec2(chunkX[i + 1], terrainHeights[i + 1]), FixtureDef.make(friction: 0.1))
    }

    let initialX = w / 2, initialY = h
    let lander = world.createBody(PhysicsWorld.bodyDef(CB2_BODY_DYNAMIC, position: Vec2(initialX, initialY), tag: Self.landerTag))
    lander.addPolygon(
      Self.landerPolygon.map { Vec2($0.0 / Self.scale, $0.1 / Self.scale) },
      FixtureDef.make(density: 5, friction: 0.1, restitution: 0, category: 0x0010, mask: 0x001))
    self.lander = lander
    let fx = rng.uniform(low: -Self.initialRandom, high: Self.initialRandom)
    let fy = rng.uniform(low: -Self.initialRandom, high: Self.initialRandom)
    lander.applyForceToCenter(Vec2(fx, fy))
    if enableWind {
      windIndex = rng.integers(low: -9999, high: 9999)
      torqueIndex = rng.integers(low: -9999, high: 9999)
    }

    legs.removeAll(keepingCapacity: true)
    legJoints.removeAll(keepingCapacity: true)
    for i in [-1.0, 1.0] {
      let tag = i < 0 ? Self.legTags.0 : Self.legTags.1
      let leg = world.createBody(PhysicsWorld.bodyDef(
        CB2_BODY_DYNAMIC, position: Vec2(initialX - i * Self.legAway / Self.scale, initialY), angle: Float(i * 0.05), tag: tag))
      leg.addBox(
        halfWidth: Float(Self.legW / Self.scale), halfHeight: Float(Self.legH / Self.scale),
        FixtureDef.make(density: 1, restitution: 0, category: 0x0020, mask: 0x001))
      var joint = cb2_revolute_def_make(lander.raw, leg.raw, Vec2(0, 0), Vec2(i * Self.legAway / Self.scale, Self.legDown / Self.scale))
      joint.reference_angle = leg.angle - lander.angle  // as pybox2d's revoluteJointDef(bodyA:, bodyB:)
      joint.enable_motor = true
      joint.enable_limit = true
      joint.max_motor_torque = Float(Self.legSpringTorque)
      joint.motor_speed = Float(0.3 * i)
      if i < 0 {
        joint.lower_angle = Float(0.9 - 0.5)
        joint.upper_angle = 0.9
      } else {
        joint.lower_angle = -0.9
        joint.upper_angle = Float(-0.9 + 0.5)
      }
      legJoints.append(world.createRevoluteJoint(joint).raw)
      legs.append(leg)
    }
  }

  // MARK: Step

  /// Applies wind, fires the chosen engines and advances the world by 1/50 s.
  ///
  /// Specialised here for both controls: callers in other modules (the multi-objective lander,
  /// generic runners) reach this through the generic entry point, which then dispatches to the
  /// concrete body instead of looking up witness tables and field offsets on every step.
  @_specialize(where Control == DiscreteThrusters)
  @_specialize(where Control == ContinuousThrusters)
  public func step(_ action: Control.Action) -> StepResult<SIMD8<Float>, Double> {
    guard let world, let lander else { preconditionFailure("LunarLander: call reset(seed:) before step") }
    let legs = (self.legs[0], self.legs[1])

    if enableWind && !(legContact.0 || legContact.1) {
      let wind = Double.tanh(Double.sin(0.02 * Double(windIndex)) + Double.sin(Double.pi * 0.01 * Double(windIndex))) * windPower
      windIndex += 1
      lander.applyForceToCenter(Vec2(wind, 0))
      let torque = Double.tanh(Double.sin(0.02 * Double(torqueIndex)) + Double.sin(Double.pi * 0.01 * Double(torqueIndex))) * turbulencePower
      torqueIndex += 1
      lander.applyTorque(Float(torque))
    }

    let throttle = Control.throttle(action)
    let angle = Double(lander.angle)
    let tip = (Double.sin(angle), Double.cos(angle))
    let side = (-tip.1, tip.0)
    let d0 = rng.uniform(low: -1, high: 1) / Self.scale
    let d1 = rng.uniform(low: -1, high: 1) / Self.scale
    lastFirings.removeAll(keepingCapacity: true)

    let mPower = throttle.main
    if mPower > 0 {
      let along = Self.mainEngineYLocation / Self.scale + 2 * d0
      let ox = tip.0 * along + side.0 * d1
      let oy = -tip.1 * along - side.1 * d1
      let p = lander.position
      let at = (Double(p.x) + ox, Double(p.y) + oy)
      let k = Self.mainEnginePower * mPower
      lander.applyLinearImpulse(Vec2(-ox * k, -oy * k), at: Vec2(at.0, at.1))
      lastFirings.append(EngineFiring(x: at.0, y: at.1, impulseX: ox * k, impulseY: oy * k, power: mPower, main: true))
    }
    let sPower = throttle.side
    if sPower > 0 {
      let across = 3 * d1 + throttle.direction * Self.sideEngineAway / Self.scale
      let ox = tip.0 * d0 + side.0 * across
      let oy = -tip.1 * d0 - side.1 * across
      let p = lander.position
      // Gymnasium's 17 (not SIDE_ENGINE_HEIGHT = 14) in x: an orientation-dependent torque.
      let at = (Double(p.x) + ox - tip.0 * 17 / Self.scale, Double(p.y) + oy + tip.1 * Self.sideEngineHeight / Self.scale)
      let k = Self.sideEnginePower * sPower
      lander.applyLinearImpulse(Vec2(-ox * k, -oy * k), at: Vec2(at.0, at.1))
      lastFirings.append(EngineFiring(x: at.0, y: at.1, impulseX: ox * k, impulseY: oy * k, power: sPower, main: false))
    }

    PhysicsJoint.useBox2D23Limits(legJoints)
    world.step(Float(1.0 / Self.fps), velocityIterations: 6 * 30, positionIterations: 2 * 30)
    processContacts(world, legs: legs)

    let pos = lander.position, vel = lander.linearVelocity
    let halfW = Self.worldWidth / 2, halfH = Self.worldHeight / 2
    let s0 = (Double(pos.x) - halfW) / halfW
    let s1 = (Double(pos.y) - (helipadY + Self.legDown / Self.scale)) / halfH
    let s2 = Double(vel.x) * halfW / Self.fps
    let s3 = Double(vel.y) * halfH / Self.fps
    let s4 = Double(lander.angle)
    let s5 = 20 * Double(lander.angularVelocity) / Self.fps
    let s6: Double = legContact.0 ? 1 : 0
    let s7: Double = legContact.1 ? 1 : 0

    let shaping = -100 * (s0 * s0 + s1 * s1).squareRoot() - 100 * (s2 * s2 + s3 * s3).squareRoot()
      - 100 * abs(s4) + 10 * s6 + 10 * s7
    var reward = 0.0
    if let previousShaping { reward = shaping - previousShaping }
    previousShaping = shaping
    reward -= mPower * 0.30
    reward -= sPower * 0.03

    var terminated = false
    if gameOver || abs(s0) >= 1 {
      terminated = true
      reward = -100
    }
    if !lander.isAwake {
      terminated = true
      reward = 100
    }
    let obs = SIMD8<Float>(Float(s0), Float(s1), Float(s2), Float(s3), Float(s4), Float(s5), Float(s6), Float(s7))
    return (obs, reward, terminated, false, [:])
  }

  /// Applies Gymnasium's contact listener to the step's events, in order.
  @inline(__always)
  func processContacts(_ world: PhysicsWorld, legs: (PhysicsBody, PhysicsBody)) {
    let events = world.contactEvents
    guard !events.isEmpty else { return }
    for e in events {
      let begin = e.kind == CB2_CONTACT_BEGIN
      if begin && (e.body_tag_a == Self.landerTag || e.body_tag_b == Self.landerTag) { gameOver = true }
      if e.body_tag_a == Self.legTags.0 || e.body_tag_b == Self.legTags.0 { legContact.0 = begin }
      if e.body_tag_a == Self.legTags.1 || e.body_tag_b == Self.legTags.1 { legContact.1 = begin }
    }
    world.clearContactEvents()
  }
}

/// One engine impulse of a step, kept for drawing exhaust particles.
struct EngineFiring {
  var x: Double, y: Double, impulseX: Double, impulseY: Double, power: Double, main: Bool
}
