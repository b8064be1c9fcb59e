import GymCore

/// How LunarLander reads its actions: which engines fire and how hard.
public protocol LunarLanderControl {
  /// The action type.
  associatedtype Action
  /// The action space's type.
  associatedtype ActionSpace: Space<Action>
  /// The action space.
  static var actionSpace: ActionSpace { get }
  /// The action reset's internal step takes (all engines off).
  static var noop: Action { get }
  /// The main engine's power (0, or 0.5…1), the side engines' power (0, or 0.5…1) and the
  /// side direction (−1 fires the left engine, +1 the right).
  static func throttle(_ action: Action) -> (main: Double, side: Double, direction: Double)
}

/// `Discrete(4)`: 0 noop, 1 left orientation engine, 2 main engine, 3 right orientation engine.
public enum DiscreteThrusters: LunarLanderControl {
  /// Discrete(4).
  public static var actionSpace: Discrete { Discrete(4) }
  /// Action 0.
  public static var noop: Int { 0 }
  /// Full power for the chosen engine.
  @inlinable
  public static func throttle(_ action: Int) -> (main: Double, side: Double, direction: Double) {
    switch action {
    case 0: return (0, 0, 0)
    case 1: return (0, 1, -1)
    case 2: return (1, 0, 0)
    case 3: return (0, 1, 1)
    default: preconditionFailure("LunarLander action must be 0, 1, 2 or 3, got \(action)")
    }
  }
}

/// `Box([-1, -1], [1, 1])`: main throttle (off below 0, else 50…100 %) and lateral throttle
/// (off in (−0.5, 0.5), else 50…100 % on the side of its sign). Values are clipped to [−1, 1].
public enum ContinuousThrusters: LunarLanderControl {
  /// Box(−1, 1, (2,)).
  public static var actionSpace: Box<SIMD2<Float>> { Box(low: -1, high: 1, shape: [2]) }
  /// Both engines off.
  public static var noop: SIMD2<Float> { .zero }
  /// Gymnasium's continuous engine mapping.
  @inlinable
  public static func throttle(_ action: SIMD2<Float>) -> (main: Double, side: Double, direction: Double) {
    let a0 = min(max(Double(action[0]), -1), 1)
    let a1 = min(max(Double(action[1]), -1), 1)
    let main = a0 > 0 ? (min(max(a0, 0), 1) + 1) * 0.5 : 0
    if abs(a1) > 0.5 {
      return (main, min(max(abs(a1), 0.5), 1), a1 > 0 ? 1 : -1)
    }
    return (main, 0, 0)
  }
}
