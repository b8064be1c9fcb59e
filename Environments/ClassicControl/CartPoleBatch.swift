import GymCore

/// CartPole's batched kernel: lanes of `CartPole-v1` stepped eight at a time.
///
/// The state lives in four contiguous `Double` arrays (x, ẋ, θ, θ̇); a step evaluates
/// `CartPole.step`'s equations in the same order of operations on `SIMD8<Double>` lanes, with
/// `LaneMath.sinCos` for the C library's sine and cosine, so every lane follows the single
/// environment bit for bit: lane `i` after `reset(seed: s)` produces the same observations,
/// rewards and flags as `CartPole` reset with seed `s + i` and given the same actions (ended
/// lanes draw their next start state from their own NumPy-compatible generator, as the single
/// environment's `reset()` does). Options as `CartPole`: `sutton_barto_reward`; reset options
/// `low` / `high`.
public final class CartPoleBatch: BatchedKernel, @unchecked Sendable {
  // @unchecked: lanes are touched by one thread at a time (see `BatchedKernel`).
  public typealias Action = Int32

  /// `[x, ẋ, θ, θ̇]`.
  public static var observationDimension: Int { 4 }
  public let capacity: Int
  public let singleObservationSpace: Box<SIMD4<Float>>
  public let singleActionSpace = Discrete(2)
  /// Whether rewards follow Sutton and Barto (0 per step, −1 on termination).
  public let suttonBartoReward: Bool

  @usableFromInline let x: UnsafeMutablePointer<Double>
  @usableFromInline let xDot: UnsafeMutablePointer<Double>
  @usableFromInline let theta: UnsafeMutablePointer<Double>
  @usableFromInline let thetaDot: UnsafeMutablePointer<Double>
  @usableFromInline let generators: UnsafeMutablePointer<NumPyGenerator>
  private let storage = BatchStorage()
  private var bounds = (low: -0.05, high: 0.05)

  /// Storage for `count` lanes.
  /// - Parameters:
  ///   - count: sub-environments.
  ///   - suttonBartoReward: 0 per step and −1 on termination instead of +1 per step.
  public init(count: Int, suttonBartoReward: Bool = false) {
    capacity = BatchStorage.capacity(for: count)
    self.suttonBartoReward = suttonBartoReward
    singleObservationSpace = CartPole(seed: 0).observationSpace
    x = storage.array(capacity, 0)
    xDot = storage.array(capacity, 0)
    theta = storage.array(capacity, 0)
    thetaDot = storage.array(capacity, 0)
    generators = NumPyGenerator.lanes(capacity, in: storage)
  }

  /// A kernel from construction options (as `CartPole(options:)`).
  public convenience init(count: Int, options: Options) throws {
    let single = try CartPole(options: options)
    self.init(count: count, suttonBartoReward: single.suttonBartoReward)
  }

  public static func laneAction(_ action: Int) -> Int32 { Int32(action) }

  public func configureReset(options: Options) throws {
    try OptionParsing.checkKeys(options, allowed: ["high", "low"], what: "reset option for a batched CartPole")
    bounds = try OptionParsing.resetBounds(options, defaultLow: -0.05, defaultHigh: 0.05)
  }

  public func seed(lane: Int, seed: UInt64) { generators[lane] = NumPyGenerator(seed: seed) }

  public func resetLane(_ i: Int) {
    x[i] = generators[i].uniform(low: bounds.low, high: bounds.high)
    xDot[i] = generators[i].uniform(low: bounds.low, high: bounds.high)
    theta[i] = generators[i].uniform(low: bounds.low, high: bounds.high)
    thetaDot[i] = generators[i].uniform(low: bounds.low, high: bounds.high)
  }

  public func writeObservation(lane i: Int, into out: UnsafeMutablePointer<Float>) {
    out[0] = Float(x[i])
    out[1] = Float(xDot[i])
    out[2] = Float(theta[i])
    out[3] = Float(thetaDot[i])
  }

  public func step(lanes: Range<Int>, actions: UnsafePointer<Int32>, buffers: BatchBuffers) -> Int {
    typealias Lanes = SIMD8<Double>
    let gravity = CartPole.gravity, massPole = CartPole.massPole, totalMass = CartPole.totalMass
    let length = CartPole.length, poleMassLength = CartPole.poleMassLength, tau = CartPole.tau
    let force = CartPole.forceMagnitude, xLimit = CartPole.xThreshold, thetaLimit = CartPole.thetaThreshold
    let reward: Double = suttonBartoReward ? 0 : 1, terminalReward: Double = suttonBartoReward ? -1 : 1
    var finished = 0
    var base = lanes.lowerBound
    while base < lanes.upperBound {
      let width = Swift.min(8, lanes.upperBound - base)
      let a = LaneMath.load(actions + (base - lanes.lowerBound), available: width)
      let invalid = unsafeBitCast(a & SIMD8(repeating: ~1), to: SIMD4<UInt64>.self)
      precondition(invalid[0] | invalid[1] | invalid[2] | invalid[3] == 0, "CartPole actions must be 0 or 1")
      let x0 = LaneMath.load(x + base), xDot0 = LaneMath.load(xDot + base)
      let theta0 = LaneMath.load(theta + base), thetaDot0 = LaneMath.load(thetaDot + base)
      let push = force * (2 * Lanes(a) - 1)  // exactly ±force for actions 1 and 0
      let (sinTheta, cosTheta) = LaneMath.sinCos(theta0, width: width)
      let temp = (push + poleMassLength * (thetaDot0 * thetaDot0) * sinTheta) / totalMass
      let thetaAcc = (gravity * sinTheta - cosTheta * temp)
        / (length * (4.0 / 3.0 - massPole * (cosTheta * cosTheta) / totalMass))
      let xAcc = temp - poleMassLength * thetaAcc * cosTheta / totalMass
      let x1 = x0 + tau * xDot0
      let xDot1 = xDot0 + tau * xAcc
      let theta1 = theta0 + tau * thetaDot0
      let thetaDot1 = thetaDot0 + tau * thetaAcc
      LaneMath.store(x1, to: x + base)
      LaneMath.store(xDot1, to: xDot + base)
      LaneMath.store(theta1, to: theta + base)
      LaneMath.store(thetaDot1, to: thetaDot + base)
      let terminated = LaneMath.isLess(x1, Lanes(repeating: -xLimit)) | LaneMath.isLess(Lanes(repeating: xLimit), x1)
        | LaneMath.isLess(theta1, Lanes(repeating: -thetaLimit)) | LaneMath.isLess(Lanes(repeating: thetaLimit), theta1)
      LaneMath.store(
        LaneMath.select(terminated, Lanes(repeating: terminalReward), Lanes(repeating: reward)), to: buffers.rewards + base)
      LaneMath.storeRows4(
        SIMD8<Float>(x1), SIMD8<Float>(xDot1), SIMD8<Float>(theta1), SIMD8<Float>(thetaDot1),
        to: buffers.observations + 4 * base)
      finished += buffers.finishChunk(self, base: base, limit: lanes.upperBound, terminated: LaneMath.laneBytes(terminated))
      base += 8
    }
    return finished
  }
}
