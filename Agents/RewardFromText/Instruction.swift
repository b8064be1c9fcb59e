/// One scalar operation of a compiled reward: `r[destination] = op(r[a], r[b], r[c])`.
///
/// Vectors are compiled to one instruction per component, so every operation is scalar and
/// the evaluator is a single loop over a flat array with no allocation.
@frozen
public struct Instruction: Sendable, Hashable {
  /// The operations.
  public enum Operation: UInt8, Sendable, Hashable {
    case negate, not
    case add, subtract, multiply, divide, power
    case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual, and, or
    /// `a != 0 ? b : c`.
    case select
    case minimum, maximum, absolute, squareRoot, exponential, logarithm, tanh, sine, cosine, atan2, sign
    /// `min(max(a, b), c)`.
    case clamp
    /// 1 on the first step at which `a` holds in the episode, else 0 (memory slot `c`).
    case once
    /// `b` on every step before the first at which `a` holds, 0 from then on (memory slot `c`).
    case until
    /// 1 from the first step at which `a` holds, 0 before (memory slot `c`).
    case ever
  }

  /// The operation.
  public var operation: Operation
  /// The register written.
  public var destination: Int32
  /// First operand register.
  public var a: Int32
  /// Second operand register (or unused).
  public var b: Int32
  /// Third operand register, or the memory slot of `once` / `until` / `ever`.
  public var c: Int32

  /// An instruction.
  public init(_ operation: Operation, _ destination: Int32, _ a: Int32, _ b: Int32 = 0, _ c: Int32 = 0) {
    self.operation = operation
    self.destination = destination
    self.a = a
    self.b = b
    self.c = c
  }
}
