import GymCore

/// A submarine searching the sea floor for treasure: MO-Gymnasium's `deep-sea-treasure-v0`
/// (and the `-concave-v0` and `-mirrored-v0` maps).
///
/// The submarine starts at the surface (top-left; top-middle on the mirrored map) and moves up,
/// down, left or right (actions 0–3); moves into rock or off the map leave it in place.
/// Entering a treasure cell ends the episode. The reward is `[treasure, -1]`: the treasure's
/// value on the step that reaches it (0 otherwise) and a time penalty of −1 every step — the
/// order MO-Gymnasium really uses, although its documentation says `[time, treasure]`. Unlike
/// MO-Gymnasium, rewards are exact doubles (0.7, not float32's 0.699999988). The observation
/// is the integer `(row, column)`. MO-Gymnasium's time limit is 100 steps (added by `make`).
///
/// Every treasure is Pareto-optimal on the undiscounted front: ten points `(value, −steps)`
/// (see `MultiObjective.exactFront`).
public struct DeepSeaTreasure: TabularMultiObjectiveEnvironment, Sendable {
  public typealias Observation = SIMD2<Int32>
  public typealias Action = Int

  /// The three maps of MO-Gymnasium.
  public enum Map: String, Sendable, CaseIterable {
    /// Yang et al. (2019): a convex front (`deep-sea-treasure-v0`).
    case convex
    /// Vamplew et al.: the classic concave front (`deep-sea-treasure-concave-v0`).
    case concave
    /// Felten et al. (2022): the concave front on a wider map (`deep-sea-treasure-mirrored-v0`).
    case mirrored
  }

  /// Which map this is.
  public let map: Map
  /// The number of rows.
  public let rows: Int
  /// The number of columns.
  public let columns: Int
  /// Row-major cells: `rock` for rock, 0 for open water, a positive value for a treasure.
  public let cells: [Double]
  /// The start cell.
  public let start: SIMD2<Int32>
  /// The cell value that marks rock.
  public static let rock = -10.0

  /// The current cell (settable, to start episodes elsewhere in planning code).
  public var position: SIMD2<Int32>
  @usableFromInline var rewardBuffer: [Double] = [0, -1]

  public let observationSpace: Box<SIMD2<Int32>>
  public let actionSpace = Discrete(4)
  public let rewardSpace: Box<[Float]>

  public var metadata: EnvironmentMetadata { EnvironmentMetadata(renderModes: [.ansi], renderFPS: 4) }

  /// A deep-sea-treasure environment on `map`.
  public init(map: Map = .convex) {
    self.map = map
    let grid = DeepSeaTreasure.grid(map)
    rows = grid.count
    columns = grid[0].count
    cells = grid.flatMap { $0 }
    start = map == .mirrored ? SIMD2(0, 10) : SIMD2(0, 0)
    position = start
    observationSpace = Box(low: [0, 0], high: [Double(rows - 1), Double(columns - 1)])
    rewardSpace = Box(low: [0, -1], high: [cells.max()!, -1])
  }

  /// The value of the cell at (`row`, `column`).
  @inlinable
  public func cell(_ row: Int, _ column: Int) -> Double { cells[row * columns + column] }

  public var stateCount: Int { rows * columns }
  public var actionCount: Int { 4 }

  @inlinable
  public func stateIndex(of observation: SIMD2<Int32>) -> Int {
    Int(observation.x) * columns + Int(observation.y)
  }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<SIMD2<Int32>> {
    if let bad = options.keys.first { throw OptionError("deep-sea-treasure takes no reset options; got '\(bad)'") }
    position = start
    return (position, [:])
  }

  /// The cell reached from `position` by `action` (the same cell when blocked).
  @inlinable
  public func move(from position: SIMD2<Int32>, _ action: Int) -> SIMD2<Int32> {
    var next = position
    switch action {
    case 0: next.x -= 1
    case 1: next.x += 1
    case 2: next.y -= 1
    default: next.y += 1
    }
    guard next.x >= 0, Int(next.x) < rows, next.y >= 0, Int(next.y) < columns,
      cell(Int(next.x), Int(next.y)) != Self.rock
    else { return position }
    return next
  }

  @inlinable
  public mutating func step(_ action: Int) -> StepResult<SIMD2<Int32>, RewardVector> {
    precondition(action >= 0 && action < 4, "deep-sea-treasure action must be 0...3, got \(action)")
    position = move(from: position, action)
    let value = cell(Int(position.x), Int(position.y))
    let treasure = value > 0 ? value : 0
    rewardBuffer[0] = treasure
    return (position, RewardVector(rewardBuffer), treasure > 0, false, [:])
  }
}

extension DeepSeaTreasure: MultiObjectiveModel {
  public var modelStateCount: Int { stateCount }
  public var modelActionCount: Int { 4 }
  public var rewardDimension: Int { 2 }
  public var initialStates: [(state: Int, probability: Double)] { [(stateIndex(of: start), 1)] }

  public func outcomes(state: Int, action: Int) -> [Outcome] {
    let from = SIMD2<Int32>(Int32(state / columns), Int32(state % columns))
    let to = move(from: from, action)
    let value = cell(Int(to.x), Int(to.y))
    let treasure = value > 0 ? value : 0
    return [Outcome(probability: 1, reward: [treasure, -1], next: stateIndex(of: to), terminal: treasure > 0)]
  }
}

extension DeepSeaTreasure: TextRenderableEnvironment {
  /// The map: `#` rock, `.` water, `S` the submarine, treasures by value.
  public func renderText() -> String {
    var lines: [String] = []
    for r in 0..<rows {
      var line = ""
      for c in 0..<columns {
        let v = cell(r, c)
        let text: String
        if Int(position.x) == r && Int(position.y) == c {
          text = "S"
        } else if v == Self.rock {
          text = "#"
        } else if v == 0 {
          text = "."
        } else {
          text = v == v.rounded() ? String(Int(v)) : String(v)
        }
        line += text + String(repeating: " ", count: max(1, 5 - text.count))
      }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }
}

extension DeepSeaTreasure {
  /// The rows of `map`, with `rock` for rock.
  static func grid(_ map: Map) -> [[Double]] {
    let x = rock
    switch map {
    case .convex, .concave:
      // The two maps share their shape; only the treasure values differ.
      let values: [Double] = map == .convex
        ? [0.7, 8.2, 11.5, 14.0, 15.1, 16.1, 19.6, 20.3, 22.4, 23.7]
        : [1, 2, 3, 5, 8, 16, 24, 50, 74, 124]
      // (row, column) of each treasure, in the order of `values`.
      let places = [(1, 0), (2, 1), (3, 2), (4, 3), (4, 4), (4, 5), (7, 6), (7, 7), (9, 8), (10, 9)]
      // The depth of the sea floor in each column: rock below the treasure.
      let floor = [1, 2, 3, 4, 4, 4, 7, 7, 9, 10, 11]
      var g = Array(repeating: Array(repeating: 0.0, count: 11), count: 11)
      for c in 0..<11 {
        for r in 0..<11 where r > floor[c] { g[r][c] = x }
      }
      for (v, p) in zip(values, places) { g[p.0][p.1] = v }
      return g
    case .mirrored:
      // Twenty columns; the concave treasures to the right of the start, a rock shelf to the left.
      var g = Array(repeating: Array(repeating: 0.0, count: 20), count: 11)
      let rockStart = [20, 20, 9, 8, 7, 4, 4, 4, 2, 2, 1]  // first rock column per row
      let rockEnd = [0, 0, 10, 11, 12, 15, 15, 15, 17, 17, 18]  // last rock column per row
      for r in 0..<11 where rockStart[r] <= rockEnd[r] {
        for c in rockStart[r]...rockEnd[r] { g[r][c] = x }
      }
      let places = [(1, 10), (2, 11), (3, 12), (4, 13), (4, 14), (4, 15), (7, 16), (7, 17), (9, 18), (10, 19)]
      let values: [Double] = [1, 2, 3, 5, 8, 16, 24, 50, 74, 124]
      for (v, p) in zip(values, places) { g[p.0][p.1] = v }
      return g
    }
  }
}

extension DeepSeaTreasure: StateIndexedModel {}
