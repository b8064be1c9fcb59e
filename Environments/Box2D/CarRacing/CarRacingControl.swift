import GymCore

/// How CarRacing reads its actions: steering, gas and brake commands.
public protocol CarRacingControl {
  /// The action type.
  associatedtype Action
  /// The action space's type.
  associatedtype ActionSpace: Space<Action>
  /// The action space.
  static var actionSpace: ActionSpace { get }
  /// The steering target (positive turns left, as Gymnasium's `car.steer(-action[0])`), gas
  /// and brake the action asks for.
  static func commands(_ action: Action) -> (steer: Double, gas: Double, brake: Double)
}

/// `Box([-1, 0, 0], [1, 1, 1])`: steering (−1 left … +1 right), gas, brake.
public enum ContinuousDriving: CarRacingControl {
  /// Box([−1, 0, 0], [1, 1, 1]).
  public static var actionSpace: Box<SIMD3<Float>> { Box(low: [-1, 0, 0], high: [1, 1, 1]) }
  /// Gymnasium's mapping: steer ← −a[0], gas ← a[1], brake ← a[2] (as doubles).
  @inlinable
  public static func commands(_ action: SIMD3<Float>) -> (steer: Double, gas: Double, brake: Double) {
    (-Double(action[0]), Double(action[1]), Double(action[2]))
  }
}

/// `Discrete(5)`: 0 nothing, 1 steer right, 2 steer left, 3 gas, 4 brake.
public enum DiscreteDriving: CarRacingControl {
  /// Discrete(5).
  public static var actionSpace: Discrete { Discrete(5) }
  /// Gymnasium's mapping: right/left steer 0.6, gas 0.2, brake 0.8.
  @inlinable
  public static func commands(_ action: Int) -> (steer: Double, gas: Double, brake: Double) {
    precondition((0..<5).contains(action), "CarRacing action must be in 0..<5, got \(action)")
    return ((action == 1 ? -0.6 : 0) + (action == 2 ? 0.6 : 0), action == 3 ? 0.2 : 0, action == 4 ? 0.8 : 0)
  }
}
