import GymCore

// Stand-in until GymCore's NumPy-compatible generator lands; removed then.
public struct NumPyGenerator: Sendable {
  var g: GymRandom
  public init(seed: UInt64) { g = GymRandom(seed: seed) }
  public static func entropy() -> NumPyGenerator { { var r = GymRandom.entropy(); return NumPyGenerator(seed: r.next()) }() }
  public mutating func uniform(low: Double, high: Double) -> Double { g.uniform(low, high) }
}
