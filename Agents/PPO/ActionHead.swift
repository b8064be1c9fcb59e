import GymCore

/// The distribution a policy's action head parameterises, decided by the action space.
public enum ActionHead: Sendable, Hashable, CustomStringConvertible {
  /// One categorical distribution over `n` actions (`Discrete(n)`): `n` logits.
  case categorical(Int)
  /// Independent categoricals, one per entry (`MultiDiscrete(nvec)`): `Σ nvec` logits.
  case multiCategorical([Int])
  /// A diagonal Gaussian over a `Box` of `low.count` coordinates: means from the network and a
  /// state-independent log standard deviation. Samples are clipped to `[low, high]` only when
  /// sent to the environment; the raw sample is what the policy learns from.
  case diagonalGaussian(low: [Float], high: [Float])

  /// The number of network outputs the head needs.
  public var outputCount: Int {
    switch self {
    case .categorical(let n): return n
    case .multiCategorical(let nvec): return nvec.reduce(0, +)
    case .diagonalGaussian(let low, _): return low.count
    }
  }

  /// How many numbers describe one action: 1 (an index), `nvec.count` indices, or the Box's
  /// coordinates.
  public var actionWidth: Int {
    switch self {
    case .categorical: return 1
    case .multiCategorical(let nvec): return nvec.count
    case .diagonalGaussian(let low, _): return low.count
    }
  }

  /// Whether actions are continuous.
  public var isContinuous: Bool {
    if case .diagonalGaussian = self { return true }
    return false
  }

  /// The head as JSON, for checkpoints: `{"type": "categorical", "n": 2}` and so on.
  public var json: JSONValue {
    switch self {
    case .categorical(let n): return ["type": "categorical", "n": .int(n)]
    case .multiCategorical(let nvec): return ["type": "multi_categorical", "nvec": .array(nvec.map { .int($0) })]
    case .diagonalGaussian(let low, let high):
      return ["type": "diagonal_gaussian", "low": JSONValue(low.map(Double.init)), "high": JSONValue(high.map(Double.init))]
    }
  }

  /// The head described by `json` (the inverse of `json`).
  /// - Throws: `PPOError` naming what is malformed.
  public init(json: JSONValue) throws(PPOError) {
    switch json["type"]?.stringValue {
    case "categorical":
      guard let n = json["n"]?.intValue, n > 0 else { throw PPOError("action head: categorical needs a positive 'n'") }
      self = .categorical(n)
    case "multi_categorical":
      guard let nvec = json["nvec"]?.arrayValue?.compactMap(\.intValue), !nvec.isEmpty, nvec.allSatisfy({ $0 > 0 }) else {
        throw PPOError("action head: multi_categorical needs a non-empty positive 'nvec'")
      }
      self = .multiCategorical(nvec)
    case "diagonal_gaussian":
      guard let low = json["low"]?.doubleArray, let high = json["high"]?.doubleArray, low.count == high.count, !low.isEmpty else {
        throw PPOError("action head: diagonal_gaussian needs 'low' and 'high' arrays of equal, non-zero length")
      }
      self = .diagonalGaussian(low: low.map { Float($0) }, high: high.map { Float($0) })
    default:
      throw PPOError("action head: unknown type \(json["type"].map { "\($0)" } ?? "(missing)"); expected categorical, multi_categorical or diagonal_gaussian")
    }
  }

  /// A short description: `Categorical(2)`, `MultiCategorical([3, 3])`, `DiagonalGaussian(1)`.
  public var description: String {
    switch self {
    case .categorical(let n): return "Categorical(\(n))"
    case .multiCategorical(let nvec): return "MultiCategorical(\(nvec))"
    case .diagonalGaussian(let low, _): return "DiagonalGaussian(\(low.count))"
    }
  }
}

/// An action space PPO can act in: it names the distribution its policy needs and builds an
/// action from what the policy drew.
///
/// `Discrete`, `MultiDiscrete`, float `Box`es and the flat spaces of type-erased environments
/// (`FlatSpace`, whose underlying space is one of those) conform.
public protocol PolicyActionSpace: Space {
  /// The head for this space.
  /// - Throws: `PPOError` when the space cannot be acted in (say, an unbounded `Box`).
  func actionHead() throws(PPOError) -> ActionHead

  /// The action for one draw of the policy.
  /// - Parameters:
  ///   - head: `actionHead()`, computed once by the caller.
  ///   - indices: `actionWidth` indices (0-based) for discrete heads.
  ///   - values: `actionWidth` raw samples for Gaussian heads (clip them to the space).
  func action(_ head: ActionHead, indices: UnsafePointer<Int>, values: UnsafePointer<Float>) -> Element
}

extension Discrete: PolicyActionSpace {
  /// `.categorical(n)`.
  public func actionHead() throws(PPOError) -> ActionHead { .categorical(n) }

  /// `start + indices[0]`.
  @inlinable
  public func action(_ head: ActionHead, indices: UnsafePointer<Int>, values: UnsafePointer<Float>) -> Int { start + indices[0] }
}

extension MultiDiscrete: PolicyActionSpace {
  /// `.multiCategorical(nvec)`.
  public func actionHead() throws(PPOError) -> ActionHead { .multiCategorical(nvec) }

  /// `start[k] + indices[k]` for every entry.
  public func action(_ head: ActionHead, indices: UnsafePointer<Int>, values: UnsafePointer<Float>) -> [Int] {
    nvec.indices.map { start[$0] + indices[$0] }
  }
}

extension Box: PolicyActionSpace {
  /// `.diagonalGaussian` over the box's bounds.
  /// - Throws: `PPOError` for integer boxes or infinite bounds.
  public func actionHead() throws(PPOError) -> ActionHead {
    guard !Scalar.isIntegral else { throw PPOError("PPO cannot act in an integer Box (\(self)); use Discrete or MultiDiscrete") }
    guard isBounded else { throw PPOError("PPO needs a bounded action Box to clip its Gaussian samples; \(self) has infinite bounds") }
    return .diagonalGaussian(low: low.map { Float($0) }, high: high.map { Float($0) })
  }

  /// The samples clipped to `[low, high]`.
  public func action(_ head: ActionHead, indices: UnsafePointer<Int>, values: UnsafePointer<Float>) -> Value {
    var v = Value(repeating: Scalar(clamping: 0), count: count)
    for i in 0..<count { v[i] = Scalar(clamping: Swift.min(Swift.max(Double(values[i]), low[i]), high[i])) }
    return v
  }
}

extension FlatSpace: PolicyActionSpace {
  /// The head of the underlying space, read from its specification.
  /// - Throws: `PPOError` for spaces other than Discrete, MultiDiscrete and bounded float Box.
  public func actionHead() throws(PPOError) -> ActionHead {
    let spec = specification
    switch spec["type"]?.stringValue {
    case "Discrete":
      guard let n = spec["n"]?.intValue else { break }
      return .categorical(n)
    case "MultiDiscrete":
      guard let nvec = spec["nvec"]?.arrayValue?.compactMap(\.intValue) else { break }
      return .multiCategorical(nvec)
    case "Box":
      guard let dtype = spec["dtype"]?.stringValue, dtype.hasPrefix("float") else {
        throw PPOError("PPO cannot act in an integer Box (\(description)); use Discrete or MultiDiscrete")
      }
      let low = spec["low"]?.doubleArray ?? [], high = spec["high"]?.doubleArray ?? []
      guard low.count == flatDimension, high.count == flatDimension else {
        throw PPOError("PPO needs a bounded action Box to clip its Gaussian samples; \(description) has infinite bounds")
      }
      return .diagonalGaussian(low: low.map { Float($0) }, high: high.map { Float($0) })
    default: break
    }
    throw PPOError("PPO supports Discrete, MultiDiscrete and bounded float Box action spaces, not \(description)")
  }

  /// The flat form of the action: one-hot blocks for discrete heads, clipped values for a Box.
  public func action(_ head: ActionHead, indices: UnsafePointer<Int>, values: UnsafePointer<Float>) -> [Float] {
    var out = [Float](repeating: 0, count: flatDimension)
    switch head {
    case .categorical: out[indices[0]] = 1
    case .multiCategorical(let nvec):
      var offset = 0
      for (k, n) in nvec.enumerated() {
        out[offset + indices[k]] = 1
        offset += n
      }
    case .diagonalGaussian(let low, let high):
      for i in 0..<low.count { out[i] = Swift.min(Swift.max(values[i], low[i]), high[i]) }
    }
    return out
  }
}

/// A problem with PPO's input: a configuration value, an environment it cannot act in, a
/// checkpoint that does not fit.
public struct PPOError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What was wrong and what is allowed.
  public var message: String
  /// An error with this message.
  public init(_ message: String) { self.message = message }
  /// The message.
  public var description: String { message }
}
