/// The goal behind an instruction: the quantity to reach, the tolerance around it, and how long
/// it must be held (ARNOLD: a success range around the goal state, kept for two seconds).
public struct LanguageGoal: Sendable, Hashable {
  /// The task.
  public var task: LanguageTaskKind
  /// The object the instruction names (`nil` for drawers and doors).
  public var object: String?
  /// The goal value in SI units (metres, radians, fraction 0...1).
  public var value: Double
  /// Success requires `|measured − value| ≤ tolerance` (SI units).
  public var tolerance: Double
  /// Consecutive steps the measured value must stay within tolerance.
  public var holdSteps: Int

  /// A goal.
  /// - Precondition: `tolerance > 0` and `holdSteps ≥ 1`.
  public init(task: LanguageTaskKind, object: String?, value: Double, tolerance: Double, holdSteps: Int) {
    precondition(tolerance > 0 && holdSteps >= 1, "a goal needs a positive tolerance and hold")
    self.task = task
    self.object = object
    self.value = value
    self.tolerance = tolerance
    self.holdSteps = holdSteps
  }

  /// The quantity the goal measures.
  public var quantity: Quantity { task.quantity }

  /// Whether `measured` is within tolerance of the goal.
  @inlinable
  public func isSatisfied(by measured: Double) -> Bool { abs(measured - value) <= tolerance }
}

/// Counts consecutive in-tolerance steps; success once the count reaches the goal's hold.
public struct SuccessTracker: Sendable, Hashable {
  /// The goal being tracked.
  public var goal: LanguageGoal
  /// Consecutive steps within tolerance so far.
  public private(set) var consecutiveSteps = 0
  /// Whether the goal has been held long enough.
  public private(set) var succeeded = false

  /// A tracker for `goal`.
  public init(goal: LanguageGoal) { self.goal = goal }

  /// Records one step's measured value.
  /// - Returns: whether the goal has now been held for `holdSteps` steps.
  public mutating func record(_ measured: Double) -> Bool {
    if goal.isSatisfied(by: measured) {
      consecutiveSteps += 1
      if consecutiveSteps >= goal.holdSteps { succeeded = true }
    } else {
      consecutiveSteps = 0
    }
    return succeeded
  }

  /// The hold so far as a fraction 0...1.
  public var holdProgress: Double { Double(min(consecutiveSteps, goal.holdSteps)) / Double(goal.holdSteps) }
}
