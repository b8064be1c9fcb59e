import GymCore

/// MountainCarContinuous's batched kernel: lanes of `MountainCarContinuous-v0` in
/// structure-of-arrays storage.
///
/// Each lane runs the single environment's transitions (double arithmetic on the first step
/// after a reset, float32 afterwards, as NumPy's promotion rules give), so lane `i` after
/// `reset(seed: s)` follows `MountainCarContinuous` reset with seed `s + i` bit for bit.
/// Options as `MountainCarContinuous`: `goal_velocity`; reset options `low` / `high`.
public final class MountainCarContinuousBatch: BatchedKernel, @unchecked Sendable {
  // @unchecked: lanes are touched by one thread at a time (see `BatchedKernel`).
  public typealias Action = Float

  /// `[position, velocity]`.
  public static var observationDimension: Int { 2 }
  public let capacity: Int
  public let singleObservationSpace = MountainCarContinuous(seed: 0).observationSpace
  public let singleActionSpace = MountainCarContinuous(seed: 0).actionSpace
  /// The velocity the car must have at the flag.
  public let goalVelocity: Double

  @usableFromInline let position: UnsafeMutablePointer<Double>
  @usableFromInline let velocity: UnsafeMutablePointer<Double>
  /// Whether the lane has stepped since its reset (its state is then float32).
  @usableFromInline let isFloat32: UnsafeMutablePointer<Bool>
  @usableFromInline let generators: UnsafeMutablePointer<NumPyGenerator>
  private let storage = BatchStorage()
  private var bounds = (low: -0.6, high: -0.4)

  /// Storage for `count` lanes.
  public init(count: Int, goalVelocity: Double = 0) {
    capacity = BatchStorage.capacity(for: count)
    self.goalVelocity = goalVelocity
    position = storage.array(capacity, -0.5)
    velocity = storage.array(capacity, 0)
    isFloat32 = storage.array(capacity, false)
    generators = NumPyGenerator.lanes(capacity, in: storage)
  }

  /// A kernel from construction options (as `MountainCarContinuous(options:)`).
  public convenience init(count: Int, options: Options) throws {
    self.init(count: count, goalVelocity: try MountainCarContinuous(options: options).goalVelocity)
  }

  public static func laneAction(_ action: [Float]) -> Float { action[0] }

  public func configureReset(options: Options) throws {
    try OptionParsing.checkKeys(options, allowed: ["high", "low"], what: "reset option for a batched MountainCarContinuous")
    bounds = try OptionParsing.resetBounds(options, defaultLow: -0.6, defaultHigh: -0.4)
  }

  public func seed(lane: Int, seed: UInt64) { generators[lane] = NumPyGenerator(seed: seed) }

  public func resetLane(_ i: Int) {
    position[i] = generators[i].uniform(low: bounds.low, high: bounds.high)
    velocity[i] = 0
    isFloat32[i] = false
  }

  public func writeObservation(lane i: Int, into out: UnsafeMutablePointer<Float>) {
    out[0] = Float(position[i])
    out[1] = Float(velocity[i])
  }

  public func step(lanes: Range<Int>, actions: UnsafePointer<Float>, buffers: BatchBuffers) -> Int {
    var finished = 0
    var base = lanes.lowerBound
    while base < lanes.upperBound {
      let width = Swift.min(8, lanes.upperBound - base)
      var terminated: UInt64 = 0
      for lane in 0..<width {
        let i = base + lane
        let a = actions[i - lanes.lowerBound]
        precondition(!a.isNaN, "MountainCarContinuous action is NaN")
        let state = SIMD2(position[i], velocity[i])
        let (next, done) = isFloat32[i]
          ? MountainCarContinuous.transitionFloat32(SIMD2<Float>(state), force: a, goalVelocity: goalVelocity)
          : MountainCarContinuous.transitionFromFloat64(state, force: a, goalVelocity: goalVelocity)
        position[i] = Double(next[0])
        velocity[i] = Double(next[1])
        isFloat32[i] = true
        buffers.rewards[i] = (done ? 100.0 : 0.0) - Double(a) * Double(a) * 0.1
        buffers.observations[2 * i] = next[0]
        buffers.observations[2 * i + 1] = next[1]
        if done { terminated |= 1 << (UInt64(lane) * 8) }
      }
      finished += buffers.finishChunk(self, base: base, limit: lanes.upperBound, terminated: terminated)
      base += 8
    }
    return finished
  }
}
