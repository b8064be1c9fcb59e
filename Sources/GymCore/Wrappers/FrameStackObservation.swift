extension Wrappers {
  /// How `FrameStackObservation` fills the stack on reset.
  public enum FrameStackPadding: Sendable, Hashable {
    /// Copies of the reset observation (Gymnasium's default, `padding_type="reset"`).
    case reset
    /// All-zero flat frames (`padding_type="zero"`).
    case zero
    /// A fixed flat frame of the inner observation's `flatDimension` values.
    case custom([Float])
  }

  /// Stacks the last `stackSize` observations, oldest first and newest last:
  /// Gymnasium's `FrameStackObservation`.
  ///
  /// Each observation is flattened (see `FlattenObservation`) and the stack is returned as one
  /// `[Float]` of `stackSize * frameSize` values, row-major with shape `[stackSize, frameSize]`.
  /// On reset the first `stackSize − 1` frames are padding and the last is the reset
  /// observation; each step drops the oldest frame and appends the new one.
  ///
  /// The wrapper writes into one buffer it keeps, so a caller that drops each observation
  /// before the next step causes no allocation.
  public struct FrameStackObservation<Base: Environment>: Wrapper {
    /// Flat `Float` observations.
    public typealias Observation = [Float]
    /// The wrapped environment's action type.
    public typealias Action = Base.Action
    /// A box of flat observations.
    public typealias ObservationSpace = Box<[Float]>
    /// The wrapped environment's action space type.
    public typealias ActionSpace = Base.ActionSpace
    /// The wrapped environment's reward type.
    public typealias Reward = Base.Reward

    /// The wrapped environment.
    public var base: Base
    /// The number of frames in each observation.
    public let stackSize: Int
    /// How the stack is filled on reset.
    public let padding: FrameStackPadding
    /// The length of one flat frame (the inner space's `flatDimension`).
    public let frameSize: Int
    /// The box of stacked observations, shape `[stackSize, frameSize]`.
    public let observationSpace: Box<[Float]>
    /// The inner observation space, cached at construction.
    @usableFromInline let innerSpace: Base.ObservationSpace
    @usableFromInline var stack: [Float]

    /// Wraps `base`.
    /// - Parameters:
    ///   - base: the environment to wrap.
    ///   - stackSize: the number of frames per observation; must be positive.
    ///   - padding: how the stack is filled on reset.
    public init(_ base: Base, stackSize: Int, padding: FrameStackPadding = .reset) {
      precondition(stackSize > 0, "FrameStackObservation needs stackSize > 0, got \(stackSize)")
      let inner = base.observationSpace
      if case .custom(let frame) = padding {
        precondition(
          frame.count == inner.flatDimension,
          "FrameStackObservation: custom padding needs \(inner.flatDimension) values, got \(frame.count)")
      }
      self.base = base
      self.stackSize = stackSize
      self.padding = padding
      innerSpace = inner
      frameSize = inner.flatDimension
      let bounds = Wrappers.flatBounds(of: inner)
      var low: [Double] = [], high: [Double] = []
      for _ in 0..<stackSize {
        low += bounds.low
        high += bounds.high
      }
      observationSpace = Box(low: low, high: high, shape: [stackSize, frameSize])
      stack = [Float](repeating: 0, count: stackSize * frameSize)
    }

    /// The wrapped environment's action space.
    public var actionSpace: ActionSpace { base.actionSpace }

    /// Resets the wrapped environment and fills the stack: padding, then the reset observation.
    /// - Parameters:
    ///   - seed: passed to the wrapped environment.
    ///   - options: passed to the wrapped environment.
    @inlinable
    public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<[Float]> {
      let (observation, info) = try base.reset(seed: seed, options: options)
      let space = innerSpace, k = stackSize, d = frameSize, padding = padding
      stack.withUnsafeMutableBufferPointer { s in
        let last = (k - 1) * d
        space.flatten(observation, into: UnsafeMutableBufferPointer(rebasing: s[last..<last + d]))
        switch padding {
        case .reset:
          for i in 0..<last { s[i] = s[last + i % d] }
        case .zero:
          for i in 0..<last { s[i] = 0 }
        case .custom(let frame):
          for i in 0..<last { s[i] = frame[i % d] }
        }
      }
      return (stack, info)
    }

    /// Steps the wrapped environment, drops the oldest frame and appends the new observation.
    /// - Parameter action: passed to the wrapped environment.
    /// - Complexity: O(`stackSize * frameSize`), no allocation if the previous observation
    ///   was released.
    @inlinable
    public mutating func step(_ action: Action) -> StepResult<[Float], Reward> {
      let r = base.step(action)
      let space = innerSpace, k = stackSize, d = frameSize
      stack.withUnsafeMutableBufferPointer { s in
        let last = (k - 1) * d
        // Shift every frame one place towards the front (forward copy, source ahead of target).
        for i in 0..<last { s[i] = s[i + d] }
        space.flatten(r.observation, into: UnsafeMutableBufferPointer(rebasing: s[last..<last + d]))
      }
      return (stack, r.reward, r.terminated, r.truncated, r.info)
    }
  }
}

extension Wrappers.FrameStackObservation: Sendable where Base: Sendable {}
extension Wrappers.FrameStackObservation: MultiObjectiveEnvironment where Base: MultiObjectiveEnvironment {}
extension Wrappers.FrameStackObservation: RenderableEnvironment where Base: RenderableEnvironment {}
extension Wrappers.FrameStackObservation: TextRenderableEnvironment where Base: TextRenderableEnvironment {}

extension Environment {
  /// This environment with observations stacked over the last `stackSize` steps.
  /// - Parameters:
  ///   - stackSize: the number of frames per observation.
  ///   - padding: how the stack is filled on reset.
  public func stackingFrames(_ stackSize: Int, padding: Wrappers.FrameStackPadding = .reset)
    -> Wrappers.FrameStackObservation<Self>
  {
    Wrappers.FrameStackObservation(self, stackSize: stackSize, padding: padding)
  }
}
