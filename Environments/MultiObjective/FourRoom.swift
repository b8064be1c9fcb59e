import GymCore

/// Four rooms with twelve coloured shapes to collect on the way to a goal: MO-Gymnasium's
/// `four-room-v0` (Barreto et al. 2017, discretised).
///
/// Actions: 0 left, 1 up, 2 right, 3 down; moves into walls or off the 13×13 grid do nothing.
/// Entering an uncollected shape collects it and pays 1 in its colour's objective (blue,
/// green, red); entering the goal pays `[1, 1, 1]` and ends the episode. The observation is
/// `[row, column, 12 collected flags]` with shapes numbered column by column, as in
/// MO-Gymnasium. The time limit is 200 steps (added by `make`).
public struct FourRoom: TabularMultiObjectiveEnvironment, Sendable {
  public typealias Observation = [Int32]
  public typealias Action = Int

  /// The maze: `X` wall, `G` goal, `_` start, `1`/`2`/`3` a blue/green/red shape.
  public static let maze: [String] = [
    "1    2X     G",
    "      X      ",
    "      1      ",
    "             ",
    "      X      ",
    "2    3X      ",
    "XX3 XXXXX 1XX",
    "      X2    3",
    "      X      ",
    "             ",
    "      2      ",
    "      X      ",
    "_     X3    1",
  ]
  /// The side of the grid.
  public static let size = 13

  /// Row-major cell kinds: -1 wall, 0 open, 1...3 shape colour, 4 goal.
  @usableFromInline let kinds: [Int8]
  /// Row-major shape index (0..<12) or -1.
  @usableFromInline let shapeIndex: [Int8]
  /// The colour (0 blue, 1 green, 2 red) of each shape.
  public let shapeColors: [Int]
  let start: (Int, Int)
  let goal: (Int, Int)

  /// The current row and column.
  public var row = 12, column = 0
  /// Bit i set when shape i has been collected.
  public var collected: UInt16 = 0
  @usableFromInline var observationBuffer = [Int32](repeating: 0, count: 14)
  @usableFromInline let rewards: [[Double]] = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1], [0, 0, 0]]

  public let observationSpace = Box<[Int32]>(low: 0, high: 13, shape: [14])
  public let actionSpace = Discrete(4)
  public let rewardSpace = Box<[Float]>(low: 0, high: 1, shape: [3])
  public var metadata: EnvironmentMetadata { EnvironmentMetadata(renderModes: [.ansi], renderFPS: 4) }

  /// The four-room environment.
  public init() {
    let n = Self.size
    var kinds = [Int8](repeating: 0, count: n * n)
    var start = (0, 0), goal = (0, 0)
    for (r, line) in Self.maze.enumerated() {
      for (c, ch) in line.enumerated() {
        switch ch {
        case "X": kinds[r * n + c] = -1
        case "1", "2", "3": kinds[r * n + c] = Int8(String(ch))!
        case "G": kinds[r * n + c] = 4; goal = (r, c)
        case "_": start = (r, c)
        default: break
        }
      }
    }
    // Shapes are numbered column by column, top to bottom (MO-Gymnasium's order).
    var index = [Int8](repeating: -1, count: n * n)
    var colors: [Int] = []
    for c in 0..<n {
      for r in 0..<n where (1...3).contains(kinds[r * n + c]) {
        index[r * n + c] = Int8(colors.count)
        colors.append(Int(kinds[r * n + c]) - 1)
      }
    }
    self.kinds = kinds
    shapeIndex = index
    shapeColors = colors
    self.start = start
    self.goal = goal
    row = start.0
    column = start.1
  }

  /// The four-room environment from construction options (none are accepted).
  public init(options: Options) throws {
    try OptionReader.check(options, allowed: [], env: "four-room")
    self.init()
  }

  public var stateCount: Int { Self.size * Self.size << 12 }
  public var actionCount: Int { 4 }

  public func stateIndex(of observation: [Int32]) -> Int {
    var bits = 0
    for i in 0..<12 where observation[2 + i] != 0 { bits |= 1 << i }
    return (Int(observation[0]) * Self.size + Int(observation[1])) << 12 | bits
  }

  @inlinable
  mutating func observation() -> [Int32] {
    observationBuffer[0] = Int32(row)
    observationBuffer[1] = Int32(column)
    for i in 0..<12 { observationBuffer[2 + i] = Int32((collected >> i) & 1) }
    return observationBuffer
  }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<[Int32]> {
    if let bad = options.keys.first { throw OptionError("four-room takes no reset options; got '\(bad)'") }
    row = start.0
    column = start.1
    collected = 0
    return (observation(), [:])
  }

  @inlinable
  public mutating func step(_ action: Int) -> StepResult<[Int32], RewardVector> {
    precondition(action >= 0 && action < 4, "four-room action must be 0...3, got \(action)")
    var r = row, c = column
    switch action {
    case 0: c -= 1
    case 1: r -= 1
    case 2: c += 1
    default: r += 1
    }
    let n = Self.size
    guard r >= 0, r < n, c >= 0, c < n, kinds[r * n + c] >= 0 else {
      return (observation(), RewardVector(rewards[4]), false, false, [:])
    }
    row = r
    column = c
    let kind = kinds[r * n + c]
    if kind == 4 { return (observation(), RewardVector(rewards[3]), true, false, [:]) }
    if kind > 0 {
      let bit = UInt16(1) << UInt16(shapeIndex[r * n + c])
      if collected & bit == 0 {
        collected |= bit
        return (observation(), RewardVector(rewards[Int(kind) - 1]), false, false, [:])
      }
    }
    return (observation(), RewardVector(rewards[4]), false, false, [:])
  }
}

extension FourRoom: TextRenderableEnvironment {
  /// The maze with collected shapes removed and the agent as `A`.
  public func renderText() -> String {
    var lines: [String] = []
    for (r, line) in Self.maze.enumerated() {
      var out = ""
      for (c, ch) in line.enumerated() {
        if r == row && c == column {
          out.append("A")
        } else if shapeIndex[r * Self.size + c] >= 0 && collected & (1 << UInt16(shapeIndex[r * Self.size + c])) != 0 {
          out.append(".")
        } else {
          out.append(ch == " " || ch == "_" ? "." : ch)
        }
      }
      lines.append(out)
    }
    return lines.joined(separator: "\n")
  }
}
