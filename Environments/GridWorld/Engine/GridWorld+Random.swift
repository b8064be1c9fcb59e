import GymCore

/// Level generation failed: a rejection-sampling loop ran out of tries (Minigrid's
/// `RecursionError`) or a BabyAI level rejected its own sample (`RejectSampling`).
public struct GridGenerationError: Error, CustomStringConvertible, Sendable, Equatable {
  /// Whether this was a sample rejected by a level's own check (rather than a timeout).
  public var rejected: Bool
  /// What failed.
  public var message: String
  /// An error.
  public init(_ message: String, rejected: Bool = false) {
    self.message = message
    self.rejected = rejected
  }
  public var description: String { (rejected ? "sampling rejected: " : "generation failed: ") + message }
}

// MARK: - Random draws in Minigrid's order

extension GridWorld {
  /// A uniform integer in [`low`, `high`) (`_rand_int`).
  @inlinable public mutating func randInt(_ low: Int, _ high: Int) -> Int { rng.integers(low: low, high: high) }

  /// A uniform double in [`low`, `high`) (`_rand_float`).
  @inlinable public mutating func randFloat(_ low: Double, _ high: Double) -> Double { rng.uniform(low: low, high: high) }

  /// A fair coin (`_rand_bool`: `integers(0, 2) == 0`).
  @inlinable public mutating func randBool() -> Bool { rng.integers(low: 0, high: 2) == 0 }

  /// A uniform element of `elements` (`_rand_elem`).
  @inlinable public mutating func randElem<T>(_ elements: [T]) -> T { elements[randInt(0, elements.count)] }

  /// `count` distinct elements drawn one by one without replacement (`_rand_subset`).
  public mutating func randSubset<T: Equatable>(_ elements: [T], _ count: Int) -> [T] {
    precondition(count <= elements.count, "cannot draw \(count) of \(elements.count) elements")
    var rest = elements
    var out: [T] = []
    while out.count < count {
      let e = randElem(rest)
      rest.remove(at: rest.firstIndex(of: e)!)
      out.append(e)
    }
    return out
  }

  /// A random colour (`_rand_color`, over the alphabetical `COLOR_NAMES`).
  @inlinable public mutating func randColor() -> GridColor { randElem(GridColor.sampleOrder) }

  /// A random position in [`xLow`, `xHigh`) × [`yLow`, `yHigh`) (`_rand_pos`: x first).
  @inlinable public mutating func randPos(_ xLow: Int, _ xHigh: Int, _ yLow: Int, _ yHigh: Int) -> GridPoint {
    let x = randInt(xLow, xHigh)
    let y = randInt(yLow, yHigh)
    return GridPoint(x, y)
  }

  // MARK: - Placement

  /// Places `object` on a random empty cell of the rectangle `top`/`size` that is not the
  /// agent's cell and not refused by `reject` (`place_obj`); returns the cell.
  ///
  /// Draws x then y until a cell is accepted, as Minigrid does.
  /// - Parameters:
  ///   - object: what to place (registered first); `.none` only chooses a cell.
  ///   - top: the rectangle's top-left corner, clamped to the map (default (0, 0)).
  ///   - size: the rectangle's size (default the whole map).
  ///   - maxTries: tries before giving up.
  ///   - reject: refuses candidate cells.
  /// - Throws: `GridGenerationError` after `maxTries` refused tries.
  @discardableResult
  public mutating func place(
    _ object: WorldObject, top: GridPoint? = nil, size: (Int, Int)? = nil, maxTries: Int = .max,
    reject: ((GridPoint) -> Bool)? = nil
  ) throws(GridGenerationError) -> GridPoint {
    let t = top.map { GridPoint(max($0.x, 0), max($0.y, 0)) } ?? GridPoint(0, 0)
    let s = size ?? (width, height)
    let xHigh = min(t.x + s.0, width), yHigh = min(t.y + s.1, height)
    var tries = 0
    var pos: GridPoint
    while true {
      if tries > maxTries { throw GridGenerationError("rejection sampling failed in place_obj") }
      tries += 1
      pos = GridPoint(randInt(t.x, xHigh), randInt(t.y, yHigh))
      if cells[index(pos.x, pos.y)] != 1 { continue }
      if pos == agent { continue }
      if let reject, reject(pos) { continue }
      break
    }
    if !object.isNone { _ = put(object, pos.x, pos.y) }
    return pos
  }

  /// Places `object` like `place` and returns it with its id and its cell.
  public mutating func placeObject(
    _ object: WorldObject, top: GridPoint? = nil, size: (Int, Int)? = nil, maxTries: Int = .max,
    reject: ((GridPoint) -> Bool)? = nil
  ) throws(GridGenerationError) -> (object: WorldObject, position: GridPoint) {
    let o = register(object)
    let p = try place(o, top: top, size: size, maxTries: maxTries, reject: reject)
    return (o, p)
  }

  /// Puts the agent on a random empty cell of the rectangle and, unless told otherwise, draws
  /// its heading (`place_agent`).
  @discardableResult
  public mutating func placeAgent(
    top: GridPoint? = nil, size: (Int, Int)? = nil, randomDirection: Bool = true, maxTries: Int = .max
  ) throws(GridGenerationError) -> GridPoint {
    agent = .nowhere
    let p = try place(.none, top: top, size: size, maxTries: maxTries)
    agent = p
    if randomDirection { direction = randInt(0, 4) }
    return p
  }
}
