/// The namespace of environment wrappers: Gymnasium's `gymnasium.wrappers`.
///
/// Each wrapper is a generic struct over the environment it wraps, so a stack such as
/// `Wrappers.RecordEpisodeStatistics<Wrappers.TimeLimit<CartPole>>` is one concrete type whose
/// `step` the compiler can inline end to end. Build stacks with the chaining methods on
/// `Environment`:
///
/// ```swift
/// var env = CartPole().timeLimited(500).orderEnforced().recordingStatistics()
/// ```
///
/// Every wrapper forwards `render()` / `renderText()` when the wrapped environment can render
/// (rendering shows the environment's state, whatever the observation has become).
public enum Wrappers {}

/// An environment that wraps another one: Gymnasium's `Wrapper`.
///
/// Every type in `Wrappers` conforms. The wrapped environment stays reachable and mutable
/// through `base`; `unwrapped` walks the whole stack down to the innermost environment.
public protocol Wrapper<Base>: Environment {
  /// The type of the wrapped environment.
  associatedtype Base: Environment
  /// The wrapped environment.
  var base: Base { get set }
}

// MARK: - Default implementations

extension Wrapper {
  /// The wrapped environment's metadata.
  public var metadata: EnvironmentMetadata { base.metadata }

  /// The innermost environment of the wrapper stack (Gymnasium's `unwrapped`), type-erased.
  ///
  /// For typed access walk `base` instead: `env.base.base`.
  public var unwrapped: any Environment {
    if let inner = base as? any Wrapper { return inner.unwrapped }
    return base
  }

  /// The number of wrappers in the stack, this one included.
  public var wrapperDepth: Int {
    if let inner = base as? any Wrapper { return inner.wrapperDepth + 1 }
    return 1
  }
}

extension Wrapper where Base: RenderableEnvironment {
  /// The wrapped environment's frame.
  public func render() -> Frame { base.render() }
}

extension Wrapper where Base: TextRenderableEnvironment {
  /// The wrapped environment's text picture.
  public func renderText() -> String { base.renderText() }
}

extension Wrapper where Base: MultiObjectiveEnvironment {
  /// The wrapped environment's reward space, so that wrappers which keep the vector reward
  /// stay `MultiObjectiveEnvironment`s.
  public var rewardSpace: Box<[Float]> { base.rewardSpace }
}

// MARK: - Flat bounds

extension Wrappers {
  /// The bounds of each coordinate of a space's flat form: a `Box`'s bounds, `[0, 1]` for
  /// one-hot and binary parts, character indices for text, `±infinity` where unknown.
  ///
  /// `FlattenObservation` and `FrameStackObservation` use this for their `Box` spaces.
  /// - Complexity: O(`space.flatDimension`).
  public static func flatBounds(of space: any Space) -> (low: [Double], high: [Double]) {
    if let known = space as? any FlatBoundsProviding { return known.flatBounds }
    let n = space.flatDimension
    return (Array(repeating: -.infinity, count: n), Array(repeating: .infinity, count: n))
  }
}

/// A space that knows the range of each coordinate of its flat form.
protocol FlatBoundsProviding {
  var flatBounds: (low: [Double], high: [Double]) { get }
}

extension Box: FlatBoundsProviding {
  var flatBounds: (low: [Double], high: [Double]) { (low, high) }
}

extension Discrete: FlatBoundsProviding {
  var flatBounds: (low: [Double], high: [Double]) {
    (Array(repeating: 0, count: n), Array(repeating: 1, count: n))
  }
}

extension MultiDiscrete: FlatBoundsProviding {
  var flatBounds: (low: [Double], high: [Double]) {
    (Array(repeating: 0, count: flatDimension), Array(repeating: 1, count: flatDimension))
  }
}

extension MultiBinary: FlatBoundsProviding {
  var flatBounds: (low: [Double], high: [Double]) {
    (Array(repeating: 0, count: n), Array(repeating: 1, count: n))
  }
}

extension TextSpace: FlatBoundsProviding {
  var flatBounds: (low: [Double], high: [Double]) {
    (Array(repeating: 0, count: maxLength), Array(repeating: Double(charset.count), count: maxLength))
  }
}

extension AnySpace: FlatBoundsProviding {
  var flatBounds: (low: [Double], high: [Double]) { Wrappers.flatBounds(of: base) }
}

extension TupleSpace: FlatBoundsProviding {
  var flatBounds: (low: [Double], high: [Double]) {
    var low: [Double] = [], high: [Double] = []
    for s in spaces {
      let b = Wrappers.flatBounds(of: s)
      low += b.low
      high += b.high
    }
    return (low, high)
  }
}

extension DictSpace: FlatBoundsProviding {
  var flatBounds: (low: [Double], high: [Double]) {
    var low: [Double] = [], high: [Double] = []
    for k in keys {
      let b = Wrappers.flatBounds(of: spaces[k]!)
      low += b.low
      high += b.high
    }
    return (low, high)
  }
}
