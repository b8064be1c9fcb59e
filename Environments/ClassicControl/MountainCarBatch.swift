import GymCore

/// MountainCar's batched kernel: lanes of `MountainCar-v0` in structure-of-arrays storage.
///
/// Each lane runs `MountainCar.transition`, the single environment's own arithmetic, so lane
/// `i` after `reset(seed: s)` follows `MountainCar` reset with seed `s + i` bit for bit.
/// Options as `MountainCar`: `goal_velocity`; reset options `low` / `high`.
public final class MountainCarBatch: BatchedKernel, @unchecked Sendable {
  // @unchecked: lanes are touched by one thread at a time (see `BatchedKernel`).
  public typealias Action = Int32

  /// `[position, velocity]`.
  public static var observationDimension: Int { 2 }
  public let capacity: Int
  public let singleObservationSpace = MountainCar(seed: 0).observationSpace
  public let singleActionSpace = Discrete(3)
  /// The velocity the car must have at the flag.
  public let goalVelocity: Double

  @usableFromInline let position: UnsafeMutablePointer<Double>
  @usableFromInline let velocity: UnsafeMutablePointer<Double>
  @usableFromInline let generators: UnsafeMutablePointer<NumPyGenerator>
  private let storage = BatchStorage()
  private var bounds = (low: -0.6, high: -0.4)

  /// Storage for `count` lanes.
  public init(count: Int, goalVelocity: Double = 0) {
    capacity = BatchStorage.capacity(for: count)
    self.goalVelocity = goalVelocity
    position = storage.array(capacity, -0.5)
    velocity = storage.array(capacity, 0)
    generators = NumPyGenerator.lanes(capacity, in: storage)
  }

  /// A kernel from construction options (as `MountainCar(options:)`).
  public convenience init(count: Int, options: Options) throws {
    self.init(count: count, goalVelocity: try MountainCar(options: options).goalVelocity)
  }

  public static func laneAction(_ action: Int) -> Int32 { Int32(action) }

  public func configureReset(options: Options) throws {
    try OptionParsing.checkKeys(options, allowed: ["high", "low"], what: "reset option for a batched MountainCar")
    bounds = try OptionParsing.resetBounds(options, defaultLow: -0.6, defaultHigh: -0.4)
  }

  public func seed(lane: Int, seed: UInt64) { generators[lane] = NumPyGenerator(seed: seed) }

  public func resetLane(_ i: Int) {
    position[i] = generators[i].uniform(low: bounds.low, high: bounds.high)
    velocity[i] = 0
  }

  public func writeObservation(lane i: Int, into out: UnsafeMutablePointer<Float>) {
    out[0] = Float(position[i])
    out[1] = Float(velocity[i])
  }

  public func step(lanes: Range<Int>, actions: UnsafePointer<Int32>, buffers: BatchBuffers) -> Int {
    var finished = 0
    var base = lanes.lowerBound
    while base < lanes.upperBound {
      let width = Swift.min(8, lanes.upperBound - base)
      var terminated: UInt64 = 0
      for lane in 0..<width {
        let i = base + lane
        let action = Int(actions[i - lanes.lowerBound])
        precondition(action >= 0 && action < 3, "MountainCar actions must be 0, 1 or 2")
        let (next, done) = MountainCar.transition(SIMD2(position[i], velocity[i]), action: action, goalVelocity: goalVelocity)
        position[i] = next[0]
        velocity[i] = next[1]
        buffers.rewards[i] = -1
        buffers.observations[2 * i] = Float(next[0])
        buffers.observations[2 * i + 1] = Float(next[1])
        if done { terminated |= 1 << (UInt64(lane) * 8) }
      }
      finished += buffers.finishChunk(self, base: base, limit: lanes.upperBound, terminated: terminated)
      base += 8
    }
    return finished
  }
}
