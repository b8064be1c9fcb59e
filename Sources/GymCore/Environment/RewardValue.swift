/// A reward: a scalar `Double`, or a `RewardVector` for multi-objective tasks.
///
/// The runner and the statistics wrappers only need a zero, addition, scaling (discounting) and
/// the components for logging.
public protocol RewardValue: Sendable, Equatable {
  /// The additive identity.
  static var zero: Self { get }
  /// Component-wise sum.
  static func + (lhs: Self, rhs: Self) -> Self
  /// Every component multiplied by `factor`.
  func scaled(by factor: Double) -> Self
  /// The components, one per objective (one for a scalar).
  var components: [Double] { get }
  /// Whether every component is finite.
  var isFinite: Bool { get }
}

extension Double: RewardValue {
  @inlinable public func scaled(by factor: Double) -> Double { self * factor }
  @inlinable public var components: [Double] { [self] }
}

/// A reward with one component per objective (MO-Gymnasium's vector reward).
///
/// `zero` is the empty vector, which adds as zero to a vector of any length.
public struct RewardVector: RewardValue, Hashable, ExpressibleByArrayLiteral {
  /// The components.
  public var values: [Double]

  /// A reward vector with these components.
  public init(_ values: [Double]) { self.values = values }
  public init(arrayLiteral elements: Double...) { values = elements }

  public static var zero: RewardVector { RewardVector([]) }

  public static func + (lhs: RewardVector, rhs: RewardVector) -> RewardVector {
    if lhs.values.isEmpty { return rhs }
    if rhs.values.isEmpty { return lhs }
    precondition(lhs.values.count == rhs.values.count, "reward vectors of different lengths")
    var out = lhs
    for i in out.values.indices { out.values[i] += rhs.values[i] }
    return out
  }

  public func scaled(by factor: Double) -> RewardVector { RewardVector(values.map { $0 * factor }) }
  public var components: [Double] { values }
  public var isFinite: Bool { values.allSatisfy(\.isFinite) }
  /// The number of objectives.
  public var count: Int { values.count }
  /// Component `i`.
  public subscript(i: Int) -> Double {
    get { values[i] }
    set { values[i] = newValue }
  }
  /// The dot product with a weight vector (linear scalarisation).
  public func dot(_ weights: [Double]) -> Double {
    precondition(weights.count == values.count, "weights must have one entry per objective")
    var s = 0.0
    for i in values.indices { s += values[i] * weights[i] }
    return s
  }
}

/// A multi-objective environment (MO-Gymnasium): its reward is a vector with a declared space.
public protocol MultiObjectiveEnvironment: Environment where Reward == RewardVector {
  /// Bounds of each reward component (MO-Gymnasium's `reward_space`).
  var rewardSpace: Box<[Float]> { get }
}
