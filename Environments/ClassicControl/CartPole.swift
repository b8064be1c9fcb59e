import GymCore
import RealModule

/// A pole balanced on a cart: Gymnasium's `CartPole-v1` (and `-v0`), with its exact dynamics.
///
/// Action `0` pushes the cart left, `1` right, with 10 N. The observation is
/// `[x, ẋ, θ, θ̇]` as `Float`, cast from the `Double` state. The episode terminates when
/// |x| > 2.4 or |θ| > 12°; the reward is +1 on every step including the terminating one
/// (Sutton and Barto's variant: 0 per step, −1 on termination). Time limits (500 steps for
/// v1, 200 for v0) come from `Wrappers.TimeLimit`, added by `make`.
///
/// Reset options: `low` / `high` bounds of the uniform start state (default ±0.05), or `state`
/// (four numbers) to inject the internal state, as `gym replay` does.
public struct CartPole: Environment, Sendable {
  public typealias Observation = SIMD4<Float>
  public typealias Action = Int

  // Gymnasium's constants.
  public static let gravity = 9.8
  public static let massCart = 1.0
  public static let massPole = 0.1
  public static let totalMass = massPole + massCart
  /// Half the pole's length.
  public static let length = 0.5
  public static let poleMassLength = massPole * length
  public static let forceMagnitude = 10.0
  /// Seconds between state updates.
  public static let tau = 0.02
  public static let thetaThreshold = 12 * 2 * Double.pi / 360
  public static let xThreshold = 2.4

  /// The internal state `(x, ẋ, θ, θ̇)` in double precision.
  public var state: SIMD4<Double> = .zero
  /// The generator behind resets (NumPy's PCG64 stream for a given seed).
  public var rng: NumPyGenerator
  /// Whether rewards follow Sutton and Barto (0 per step, −1 on termination).
  public let suttonBartoReward: Bool
  @usableFromInline var stepsBeyondTerminated: Int? = nil

  public let observationSpace: Box<SIMD4<Float>>
  public let actionSpace = Discrete(2)

  public var metadata: EnvironmentMetadata {
    EnvironmentMetadata(renderModes: [.rgbArray, .ansi], renderFPS: 50, rewardThreshold: 475)
  }

  /// A cart-pole; `seed` seeds the generator before the first reset.
  public init(suttonBartoReward: Bool = false, seed: UInt64? = nil) {
    self.suttonBartoReward = suttonBartoReward
    self.rng = seed.map { NumPyGenerator(seed: $0) } ?? NumPyGenerator.entropy()
    let high = [Self.xThreshold * 2, Double(Float.greatestFiniteMagnitude), Self.thetaThreshold * 2,
                Double(Float.greatestFiniteMagnitude)]
    observationSpace = Box(low: high.map { -$0 }, high: high)
  }

  @inlinable
  public var observation: SIMD4<Float> { SIMD4<Float>(state) }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<SIMD4<Float>> {
    if let seed { rng = NumPyGenerator(seed: seed) }
    if let injected = options["state"] {
      state = SIMD4(try OptionParsing.doubles(injected, count: 4, name: "state"))
    } else {
      let (low, high) = try OptionParsing.resetBounds(options, defaultLow: -0.05, defaultHigh: 0.05)
      for i in 0..<4 { state[i] = rng.uniform(low: low, high: high) }
    }
    stepsBeyondTerminated = nil
    return (observation, [:])
  }

  @inlinable
  public mutating func step(_ action: Int) -> StepResult<SIMD4<Float>, Double> {
    precondition(action == 0 || action == 1, "CartPole action must be 0 or 1, got \(action)")
    let x = state[0], xDot = state[1], theta = state[2], thetaDot = state[3]
    let force = action == 1 ? Self.forceMagnitude : -Self.forceMagnitude
    let cosTheta = Double.cos(theta)
    let sinTheta = Double.sin(theta)
    let temp = (force + Self.poleMassLength * (thetaDot * thetaDot) * sinTheta) / Self.totalMass
    let thetaAcc = (Self.gravity * sinTheta - cosTheta * temp)
      / (Self.length * (4.0 / 3.0 - Self.massPole * (cosTheta * cosTheta) / Self.totalMass))
    let xAcc = temp - Self.poleMassLength * thetaAcc * cosTheta / Self.totalMass
    let newX = x + Self.tau * xDot
    let newXDot = xDot + Self.tau * xAcc
    let newTheta = theta + Self.tau * thetaDot
    let newThetaDot = thetaDot + Self.tau * thetaAcc
    state = SIMD4(newX, newXDot, newTheta, newThetaDot)

    let terminated = newX < -Self.xThreshold || newX > Self.xThreshold
      || newTheta < -Self.thetaThreshold || newTheta > Self.thetaThreshold
    let reward: Double
    if !terminated {
      reward = suttonBartoReward ? 0 : 1
    } else if stepsBeyondTerminated == nil {
      stepsBeyondTerminated = 0
      reward = suttonBartoReward ? -1 : 1
    } else {
      stepsBeyondTerminated! += 1
      reward = suttonBartoReward ? -1 : 0
    }
    return (observation, reward, terminated, false, [:])
  }
}

extension CartPole: TextRenderableEnvironment {
  /// The track as a line of text with the cart `[#]` and the pole's lean.
  public func renderText() -> String {
    let width = 41
    let pos = Int(((state[0] + Self.xThreshold) / (2 * Self.xThreshold) * Double(width - 1)).rounded())
    var track = Array(repeating: Character("-"), count: width)
    let lean: Character = state[2] > 0.05 ? "/" : (state[2] < -0.05 ? "\\" : "|")
    if (0..<width).contains(pos) { track[pos] = lean }
    let degrees = state[2] * 180 / .pi
    return String(track) + "  x=\(fmt(state[0])) θ=\(fmt(degrees))°"
  }

  private func fmt(_ v: Double) -> String {
    let r = (v * 1000).rounded() / 1000
    return "\(r)"
  }
}
