import GymCore
import RealModule

/// A mine cart collecting two ores while saving fuel: MO-Gymnasium's `minecart-v0` and
/// `minecart-deterministic-v0` (Abels et al. 2019), with its dynamics.
///
/// The cart starts in the base at the top-left corner of the unit square, facing 45°. Actions:
/// 0 mine, 1 turn left, 2 turn right, 3 accelerate, 4 brake, 5 nothing; each repeats for
/// `frameSkip` (4) frames. Mining while stopped within 0.14 of a mine draws, per ore, a
/// non-negative normal amount from that mine's distribution (scaled to the free capacity of
/// 1.5). Returning to the base after leaving it sells the content and ends the episode. The
/// reward is `[ore 1 sold, ore 2 sold, fuel]`: fuel is −0.005 per frame, −0.025 more per frame
/// accelerating and −0.05 more per frame mining. The observation is `[x, y, speed, sin θ, cos θ,
/// content₁/capacity, content₂/capacity]`. The time limit is 1000 steps.
///
/// Ore draws use this environment's seeded NumPy stream (MO-Gymnasium draws them from NumPy's
/// unseeded global state). The deterministic variant uses each distribution's mean.
public struct Minecart: MultiObjectiveEnvironment, Sendable {
  public typealias Observation = [Float]
  public typealias Action = Int

  /// A mine: its position and, per ore, the mean and standard deviation of one mining action.
  public struct Mine: Sendable, Hashable {
    /// x in [0, 1].
    public var x: Double
    /// y in [0, 1].
    public var y: Double
    /// (mean, standard deviation) per ore.
    public var distributions: [SIMD2<Double>]
  }

  /// Speed below which the cart counts as stopped.
  public static let epsSpeed = 0.001
  /// Degrees turned per frame.
  public static let rotation = 10.0
  /// The top speed.
  public static let maxSpeed = 1.0
  /// Fuel per frame spent mining (on top of idling).
  public static let fuelMine = -0.05
  /// Fuel per frame spent accelerating (on top of idling).
  public static let fuelAccelerate = -0.025
  /// Fuel per frame.
  public static let fuelIdle = -0.005
  /// The reach of a mine.
  public static let mineRadius = 0.14
  /// The radius of the base.
  public static let baseRadius = 0.15
  /// Speed gained per accelerating frame.
  public static let acceleration = 0.0075
  /// Speed lost per braking frame.
  public static let deceleration = 1.0

  /// The mines (MO-Gymnasium's `mine_config.json` layout).
  public let mines: [Mine]
  /// The cart's capacity.
  public let capacity = 1.5
  /// Frames per action.
  public let frameSkip: Int
  /// Whether ore amounts are the distributions' means.
  public let deterministic: Bool

  /// Cart position.
  public var x = 0.0, y = 0.0
  /// Cart speed and heading in degrees.
  public var speed = 0.0, angle = 45.0
  /// Ore carried.
  public var content = SIMD2<Double>(0, 0)
  /// Whether the cart has left the base this episode.
  public var departed = false
  /// Whether the episode has ended.
  public var ended = false
  /// The generator behind ore amounts.
  public var rng: NumPyGenerator
  @usableFromInline var observationBuffer = [Float](repeating: 0, count: 7)
  @usableFromInline var rewardBuffer: [Double] = [0, 0, 0]

  public let observationSpace = Box<[Float]>(low: -1, high: 1, shape: [7])
  public let actionSpace = Discrete(6)
  public let rewardSpace = Box<[Float]>(low: [0, 0, -1], high: [1.5, 1.5, 0])

  /// A minecart environment.
  /// - Parameters:
  ///   - deterministic: use the mean ore amounts (`minecart-deterministic-v0`).
  ///   - frameSkip: frames per action (positive).
  public init(deterministic: Bool = false, frameSkip: Int = 4, seed: UInt64? = nil) {
    precondition(frameSkip > 0, "frameSkip must be positive")
    self.deterministic = deterministic
    self.frameSkip = frameSkip
    let sd = deterministic ? 0.0 : 0.05
    mines = [
      Mine(x: 0.16, y: 0.84, distributions: [SIMD2(0.2, sd), SIMD2(0, sd)]),
      Mine(x: 0.5, y: 0.84, distributions: [SIMD2(0.15, sd), SIMD2(0.1, sd)]),
      Mine(x: 0.84, y: 0.84, distributions: [SIMD2(0.2, sd), SIMD2(0.2, sd)]),
      Mine(x: 0.84, y: 0.5, distributions: [SIMD2(0.1, sd), SIMD2(0.15, sd)]),
      Mine(x: 0.84, y: 0.16, distributions: [SIMD2(0, sd), SIMD2(0.2, sd)]),
    ]
    rng = seed.map { NumPyGenerator(seed: $0) } ?? NumPyGenerator.entropy()
  }

  /// From construction options: `frame_skip` (1...16).
  public init(deterministic: Bool, options: Options) throws {
    try OptionReader.check(options, allowed: ["frame_skip"], env: "minecart")
    self.init(deterministic: deterministic, frameSkip: try OptionReader.int(options, "frame_skip", default: 4, range: 1...16))
  }

  @inlinable
  mutating func observation() -> [Float] {
    let radians = angle * .pi / 180
    observationBuffer[0] = Float(x)
    observationBuffer[1] = Float(y)
    observationBuffer[2] = Float(speed)
    observationBuffer[3] = Float(Double.sin(radians))
    observationBuffer[4] = Float(Double.cos(radians))
    observationBuffer[5] = Float(content.x / capacity)
    observationBuffer[6] = Float(content.y / capacity)
    return observationBuffer
  }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<[Float]> {
    if let bad = options.keys.first { throw OptionError("minecart takes no reset options; got '\(bad)'") }
    if let seed { rng = NumPyGenerator(seed: seed) }
    x = 0; y = 0; speed = 0; angle = 45
    content = .zero
    departed = false
    ended = false
    return (observation(), [:])
  }

  @inlinable
  public mutating func step(_ action: Int) -> StepResult<[Float], RewardVector> {
    precondition(action >= 0 && action < 6, "minecart action must be 0...5, got \(action)")
    let frames = Double(frameSkip)
    rewardBuffer[0] = 0
    rewardBuffer[1] = 0
    rewardBuffer[2] = Self.fuelIdle * frames
      + (action == 3 ? Self.fuelAccelerate * frames : 0) + (action == 0 ? Self.fuelMine * frames : 0)
    for _ in 0..<frameSkip {
      switch action {
      case 0: mine()
      case 1: angle = (angle - Self.rotation).truncatingRemainder(dividingBy: 360); if angle < 0 { angle += 360 }
      case 2: angle = (angle + Self.rotation).truncatingRemainder(dividingBy: 360); if angle < 0 { angle += 360 }
      case 3: speed = min(max(speed + Self.acceleration, 0), Self.maxSpeed)
      case 4: speed = min(max(speed - Self.deceleration, 0), Self.maxSpeed)
      default: break
      }
      if ended { break }
      moveCart()
      if (x * x + y * y).squareRoot() < Self.baseRadius {
        if departed {
          ended = true
          rewardBuffer[0] += content.x
          rewardBuffer[1] += content.y
          content = .zero
        }
      } else {
        departed = true
      }
    }
    return (observation(), RewardVector(rewardBuffer), ended, false, [:])
  }

  /// One frame of motion; hitting a wall at an angle turns the cart along it.
  @inlinable
  mutating func moveCart() {
    guard speed >= Self.epsSpeed else { return }
    let px = x, py = y
    let radians = angle * .pi / 180
    let vx = speed * Double.cos(radians), vy = speed * Double.sin(radians)
    if y != 0 && y != 1 && (vy > Self.epsSpeed || vy < -Self.epsSpeed) {
      if x == 1 && vx > 0 { angle += vy < 0 ? -Self.rotation : Self.rotation }
      if x == 0 && vx < 0 { angle -= vy < 0 ? -Self.rotation : Self.rotation }
    }
    if x != 0 && x != 1 && (vx > Self.epsSpeed || vx < -Self.epsSpeed) {
      if y == 1 && vy > 0 { angle -= vx < 0 ? -Self.rotation : Self.rotation }
      if y == 0 && vy < 0 { angle += vx < 0 ? -Self.rotation : Self.rotation }
    }
    x = min(max(x + vx, 0), 1)
    y = min(max(y + vy, 0), 1)
    speed = ((px - x) * (px - x) + (py - y) * (py - y)).squareRoot()
  }

  /// One mining frame: only when stopped and within reach of the nearest mine.
  @usableFromInline
  mutating func mine() {
    guard speed < Self.epsSpeed else { return }
    var best = 0, bestDistance = Double.infinity
    for (i, m) in mines.enumerated() {
      let d = ((x - m.x) * (x - m.x) + (y - m.y) * (y - m.y)).squareRoot()
      if d < bestDistance { best = i; bestDistance = d }
    }
    guard bestDistance <= Self.mineRadius else { return }
    let free = capacity - content.x - content.y
    var mined = SIMD2<Double>.zero
    for o in 0..<2 {
      let dist = mines[best].distributions[o]
      let draw = dist.y > 0 ? rng.normal(loc: dist.x, scale: dist.y) : dist.x
      mined[o] = max(0, draw)
    }
    let total = mined.x + mined.y
    if total > free { mined *= free / total }
    content += mined
  }
}
