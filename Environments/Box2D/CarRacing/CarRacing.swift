import CBox2D
import GymCore
import GymRender
import RealModule

/// Race a car around a random track, seen from above: Gymnasium's `CarRacing-v3`, on Box2D 2.4.
///
/// The observation is the 96×96×3 top-down view around the car (`[UInt8]`, rows top to
/// bottom), drawn directly at 96×96 with GymRender instead of drawn at 1000×800 and shrunk.
/// Each step costs −0.1, and each road tile visited for the first time earns 1000/N (N tiles);
/// the episode terminates when every tile is visited or a lap covers more than
/// `lapCompletePercent` of them (`info["lap_finished"] = true`), or with −100 when the car
/// leaves the playfield (`info["lap_finished"] = false`). Track, checkpoints and (with
/// `domainRandomize`) colours are drawn from a `NumPyGenerator` in Gymnasium's order, so tracks
/// equal Gymnasium's for the same seed.
///
/// A class: its Box2D world is a reference. A fresh world is built on every reset.
public final class CarRacing<Control: CarRacingControl>: Environment {
  /// The 96×96×3 view, rows top to bottom, RGB.
  public typealias Observation = [UInt8]
  /// `SIMD3<Float>` (continuous) or `Int` (discrete).
  public typealias Action = Control.Action

  /// Simulation steps per second.
  public static var fps: Double { 50 }
  /// The observation's width and height.
  public static var stateSize: Int { 96 }
  /// Gymnasium's window, in which the scene is laid out before scaling.
  static var windowWidth: Double { 1000 }
  static var windowHeight: Double { 800 }
  /// Half the side of the square the car must stay in (metres).
  public static var playfield: Double { 2000 / TrackGenerator.scale }
  static var zoom: Double { 2.7 }
  static var grassDim: Double { playfield / 20 }

  // MARK: Configuration

  /// The fraction of tiles a lap must cover to count as finished.
  public let lapCompletePercent: Double
  /// Whether road, background and grass colours are random (drawn at each reset).
  public let domainRandomize: Bool

  // MARK: State

  /// The generator behind tracks and colours.
  public var rng: NumPyGenerator
  /// The Box2D world of the current episode.
  public private(set) var world: PhysicsWorld?
  /// The car.
  public private(set) var car: Car?
  /// The track of the current episode.
  public private(set) var track: [TrackPoint] = []
  /// Whether each tile has a kerb.
  public private(set) var border: [Bool] = []
  /// Whether each tile has been visited.
  public private(set) var visited: [Bool] = []
  /// Tiles visited so far.
  public private(set) var visitedCount = 0
  /// Road colour (RGB, 0…255 as doubles, as Gymnasium keeps them).
  public private(set) var roadColor: SIMD3<Double> = [102, 102, 102]
  /// Background colour.
  public private(set) var backgroundColor: SIMD3<Double> = [102, 204, 102]
  /// Grass colour.
  public private(set) var grassColor: SIMD3<Double> = [102, 230, 102]
  /// Each tile's drawing colour (reset to the road colour once something touches it).
  var tileColors: [SIMD3<Double>] = []
  /// Road tile corners (left1, right1, right2, left2), metres.
  var tilePolygons: [[Point]] = []
  /// Kerb quads with their colour.
  var kerbs: [(points: [Point], white: Bool)] = []
  /// Cumulative reward (Gymnasium's `self.reward`).
  public private(set) var totalReward = 0.0
  var previousReward = 0.0
  var newLap = false
  /// Seconds since reset (drives the opening zoom).
  public private(set) var time = 0.0
  var stateCanvas = Canvas(width: 96, height: 96, background: .black)

  /// Box(0, 255, (96, 96, 3), uint8).
  public let observationSpace = Box<[UInt8]>(low: 0, high: 255, shape: [96, 96, 3])
  /// The control's action space.
  public let actionSpace: Control.ActionSpace

  /// rgb_array at 50 frames per second; solved at 900.
  public var metadata: EnvironmentMetadata {
    EnvironmentMetadata(renderModes: [.rgbArray], renderFPS: 50, rewardThreshold: 900)
  }

  /// A racing environment.
  /// - Parameters:
  ///   - lapCompletePercent: fraction of tiles that finishes a lap, in [0, 1].
  ///   - domainRandomize: random colours at every reset.
  ///   - seed: seeds the generator before the first reset.
  /// - Throws: `OptionError` if `lapCompletePercent` is outside [0, 1].
  public init(lapCompletePercent: Double = 0.95, domainRandomize: Bool = false, seed: UInt64? = nil) throws {
    guard lapCompletePercent.isFinite, (0...1).contains(lapCompletePercent) else {
      throw OptionError("lap_complete_percent must be in [0, 1], got \(lapCompletePercent)")
    }
    self.lapCompletePercent = lapCompletePercent
    self.domainRandomize = domainRandomize
    rng = seed.map { NumPyGenerator(seed: $0) } ?? NumPyGenerator.entropy()
    actionSpace = Control.actionSpace
    if domainRandomize { randomizeColors() }  // Gymnasium's _init_colors, from the unseeded stream
  }

  /// Gymnasium's colour randomisation: road, background, then one grass channel +20.
  func randomizeColors() {
    roadColor = SIMD3(rng.uniform(low: 0, high: 210, count: 3))
    backgroundColor = SIMD3(rng.uniform(low: 0, high: 210, count: 3))
    grassColor = backgroundColor
    grassColor[rng.integers(3)] += 20
  }

  // MARK: Reset

  /// Starts an episode. Option `randomize` (Bool, default true) decides, when
  /// `domainRandomize` is on, whether this reset draws new colours.
  public func reset(seed: UInt64?, options: Options) throws -> ResetResult<[UInt8]> {
    if let bad = options.keys.first(where: { $0 != "randomize" }) {
      throw OptionError("unknown reset option '\(bad)' for CarRacing; allowed: randomize")
    }
    var randomize = true
    if let v = options["randomize"] {
      guard let b = v.boolValue else { throw OptionError("reset option 'randomize' must be true or false, got \(v)") }
      randomize = b
    }
    if let seed { rng = NumPyGenerator(seed: seed) }
    if domainRandomize && randomize { randomizeColors() }

    car = nil
    world = nil
    let world = PhysicsWorld(gravity: Vec2(x: 0, y: 0))
    self.world = world
    totalReward = 0
    previousReward = 0
    visitedCount = 0
    time = 0
    newLap = false

    var generated: (track: [TrackPoint], border: [Bool])? = nil
    while generated == nil { generated = TrackGenerator.attempt(&rng) }
    track = generated!.track
    border = generated!.border
    buildTiles(in: world)
    let start = track[0]
    car = Car(world: world, angle: start.beta, x: start.x, y: start.y, tracksSkids: true)
    return (advance(nil).observation, [:])
  }

  /// Creates the road tiles (static sensors) and kerb quads.
  func buildTiles(in world: PhysicsWorld) {
    let w = TrackGenerator.trackWidth, b = TrackGenerator.border
    let n = track.count
    tilePolygons.removeAll(keepingCapacity: true)
    tileColors.removeAll(keepingCapacity: true)
    kerbs.removeAll(keepingCapacity: true)
    visited = [Bool](repeating: false, count: n)
    for i in 0..<n {
      let p1 = track[i], p2 = track[(i - 1 + n) % n]
      let c1 = Double.cos(p1.beta), s1 = Double.sin(p1.beta), c2 = Double.cos(p2.beta), s2 = Double.sin(p2.beta)
      let quad = [Point(p1.x - w * c1, p1.y - w * s1), Point(p1.x + w * c1, p1.y + w * s1),
                  Point(p2.x + w * c2, p2.y + w * s2), Point(p2.x - w * c2, p2.y - w * s2)]
      let body = world.createBody(PhysicsWorld.bodyDef(CB2_BODY_STATIC, position: Vec2(x: 0, y: 0), tag: i + 1))
      body.addPolygon(quad.map { Vec2($0.x, $0.y) }, FixtureDef.make(isSensor: true, tag: i + 1))
      tilePolygons.append(quad)
      tileColors.append(roadColor + SIMD3(repeating: 0.01 * Double(i % 3) * 255))
      if border[i] {
        let side: Double = p2.beta - p1.beta > 0 ? 1 : (p2.beta - p1.beta < 0 ? -1 : 0)
        kerbs.append(([Point(p1.x + side * w * c1, p1.y + side * w * s1), Point(p1.x + side * (w + b) * c1, p1.y + side * (w + b) * s1),
                       Point(p2.x + side * (w + b) * c2, p2.y + side * (w + b) * s2), Point(p2.x + side * w * c2, p2.y + side * w * s2)],
                      i % 2 == 0))
      }
    }
  }

  // MARK: Step

  /// Applies the action's steering, gas and brake, advances 1/50 s and draws the view.
  public func step(_ action: Control.Action) -> StepResult<[UInt8], Double> {
    advance(Control.commands(action))
  }

  /// One simulation step; `nil` is reset's internal step without an action or reward.
  func advance(_ commands: (steer: Double, gas: Double, brake: Double)?) -> StepResult<[UInt8], Double> {
    guard let world, var car = self.car else { preconditionFailure("CarRacing: call reset(seed:) before step") }
    self.car = nil  // keep `car`'s arrays uniquely referenced while it changes
    if let commands {
      car.steer(commands.steer)
      car.gas(commands.gas)
      car.brake(commands.brake)
    }
    car.step(1 / Self.fps)
    PhysicsJoint.useBox2D23Limits(car.jointHandles)
    world.step(Float(1 / Self.fps), velocityIterations: 6 * 30, positionIterations: 2 * 30)
    processContacts(world, car: &car)
    self.car = car
    time += 1 / Self.fps

    let observation = drawState()
    var stepReward = 0.0
    var terminated = false
    var info: Info = [:]
    if commands != nil {
      totalReward -= 0.1
      stepReward = totalReward - previousReward
      previousReward = totalReward
      if visitedCount == track.count || newLap {
        terminated = true
        info["lap_finished"] = true
      }
      let p = car.hull.position
      if abs(Double(p.x)) > Self.playfield || abs(Double(p.y)) > Self.playfield {
        terminated = true
        info["lap_finished"] = false
        stepReward = -100
      }
    }
    return (observation, stepReward, terminated, false, info)
  }

  /// Gymnasium's FrictionDetector over the step's events, in order.
  @inline(__always)
  func processContacts(_ world: PhysicsWorld, car: inout Car) {
    let events = world.contactEvents
    guard !events.isEmpty else { return }
    let n = track.count
    for e in events {
      // Tiles have tags 1…n, wheels −1…−4, the hull −10.
      let (tileTag, otherTag) = e.body_tag_a > 0 ? (e.body_tag_a, e.body_tag_b) : (e.body_tag_b, e.body_tag_a)
      guard tileTag > 0, tileTag <= n else { continue }
      let tile = tileTag - 1
      tileColors[tile] = roadColor
      guard otherTag < 0, otherTag >= -4 else { continue }
      let wheel = -otherTag - 1
      if e.kind == CB2_CONTACT_BEGIN {
        car.wheels[wheel].tileCount += 1
        if !visited[tile] {
          visited[tile] = true
          totalReward += 1000 / Double(n)
          visitedCount += 1
          if tile == 0 && Double(visitedCount) / Double(n) > lapCompletePercent { newLap = true }
        }
      } else {
        car.wheels[wheel].tileCount -= 1
      }
    }
    world.clearContactEvents()
  }
}
