/// The result of compiling a task description: the reward, and how it was obtained.
public struct RewardCompilation: Sendable {
  /// The checked and compiled program.
  public var reward: CompiledReward
  /// The backend that produced it (`phrasebook`, `openai:MODEL`, …).
  public var backend: String
  /// Notes for the user: the phrases understood, the rejected attempts of a model.
  public var notes: [String]
  /// How many answers the backend needed (1 unless a model's answer was rejected).
  public var attempts: Int

  /// A compilation result.
  public init(reward: CompiledReward, backend: String, notes: [String] = [], attempts: Int = 1) {
    self.reward = reward
    self.backend = backend
    self.notes = notes
    self.attempts = attempts
  }
}

/// Turns a natural-language task description into a reward program for an environment's view.
///
/// Backends produce programs in the reward language, never code that runs: every answer is
/// parsed and type-checked against the view before it is used.
public protocol RewardTextCompiler {
  /// A short name of the backend, for logs.
  var identifier: String { get }
  /// Compiles `text` into a reward over `view`.
  /// - Throws: `RewardCompilerError` (with the program errors of rejected answers).
  func compile(_ text: String, view: RewardView) throws -> RewardCompilation
}

/// A task description that a backend could not turn into a valid program.
public struct RewardCompilerError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What went wrong, and what is allowed.
  public var message: String
  /// The program or answer errors of each rejected attempt, in order.
  public var attemptErrors: [RewardProgramError]

  /// An error.
  public init(_ message: String, attemptErrors: [RewardProgramError] = []) {
    self.message = message
    self.attemptErrors = attemptErrors
  }

  public var description: String {
    guard !attemptErrors.isEmpty else { return message }
    return message + "\n" + attemptErrors.enumerated().map { "  attempt \($0.offset + 1): \($0.element)" }.joined(separator: "\n")
  }
}
