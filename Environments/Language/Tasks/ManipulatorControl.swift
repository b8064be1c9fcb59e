import GymCore

/// How a language task reads its actions: continuous velocity commands or a discrete set.
public protocol ManipulatorControl {
  /// The action type.
  associatedtype Action
  /// The action space's type.
  associatedtype ActionSpace: Space<Action>
  /// The action space.
  static var actionSpace: ActionSpace { get }
  /// The command (x velocity, y velocity, twist; each in −1...1) an action asks for.
  static func command(_ action: Action) -> SIMD3<Double>
}

/// `Box(−1, 1, shape: [3])`: gripper x and y velocity and twist, as fractions of their maxima.
public enum ContinuousManipulation: ManipulatorControl {
  /// Box(−1, 1, [3]).
  public static var actionSpace: Box<SIMD3<Float>> { Box(low: -1, high: 1, shape: [3]) }
  /// The action as doubles.
  @inlinable
  public static func command(_ action: SIMD3<Float>) -> SIMD3<Double> { SIMD3<Double>(action) }
}

/// `Discrete(13)`: 0 hold still; then left, right, down, up, twist counter-clockwise, twist
/// clockwise at full speed (1–6) and at a fifth of it (7–12), for fine adjustment.
public enum DiscreteManipulation: ManipulatorControl {
  /// Discrete(13).
  public static var actionSpace: Discrete { Discrete(13) }
  /// The unit command of each direction.
  @usableFromInline static let directions: [SIMD3<Double>] = [
    SIMD3(-1, 0, 0), SIMD3(1, 0, 0), SIMD3(0, -1, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1), SIMD3(0, 0, -1),
  ]
  /// The command of action `action`.
  @inlinable
  public static func command(_ action: Int) -> SIMD3<Double> {
    precondition((0..<13).contains(action), "language task action must be in 0..<13, got \(action)")
    if action == 0 { return .zero }
    let k = action - 1
    return directions[k % 6] * (k < 6 ? 1 : 0.2)
  }

  /// The discrete action nearest to a continuous command (used by oracles on discrete tasks).
  public static func nearest(to command: SIMD3<Double>) -> Int {
    var best = 0
    var bestDistance = (command * command).sum()
    for a in 1..<13 {
      let d = command - self.command(a)
      let dd = (d * d).sum()
      if dd < bestDistance { best = a; bestDistance = dd }
    }
    return best
  }
}
