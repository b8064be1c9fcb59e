/// What one step of Minigrid's base rules did.
public struct StepOutcome: Sendable, Equatable {
  /// The reward: the success reward on reaching the goal, else 0.
  public var reward: Double
  /// Whether the episode ended (goal or lava).
  public var terminated: Bool

  /// An outcome.
  @inlinable public init(reward: Double = 0, terminated: Bool = false) {
    self.reward = reward
    self.terminated = terminated
  }
}

extension GridWorld {
  /// Applies `action` with Minigrid's base rules (`MiniGridEnv.step` without the observation
  /// and truncation): increments `stepCount` first, then turns, moves, picks up, drops or
  /// toggles. Entering the goal terminates with the success reward; entering lava terminates
  /// with 0.
  /// - Complexity: O(1).
  @inlinable
  public mutating func applyBaseRules(_ action: Int) -> StepOutcome {
    stepCount &+= 1
    let f = Heading.forward(direction)
    let fx = agent.x &+ f.x, fy = agent.y &+ f.y
    let fi = index(fx, fy)
    let fwd = WorldObject(raw: cells[fi])
    switch action {
    case 0:
      direction = (direction &+ 3) & 3
    case 1:
      direction = (direction &+ 1) & 3
    case 2:
      if fwd.canOverlap { agent = GridPoint(fx, fy) }
      let t = fwd.raw & 0xF
      if t == 8 { return StepOutcome(reward: successReward, terminated: true) }
      if t == 9 { return StepOutcome(reward: 0, terminated: true) }
    case 3:
      if fwd.canPickup && carrying.isNone {
        carrying = fwd
        cells[fi] = 1
        let id = Int(fwd.raw >> 9)
        if id != 0 { positions[id] = .nowhere }
      }
    case 4:
      if fwd.isEmpty && !carrying.isNone {
        cells[fi] = carrying.raw
        let id = Int(carrying.raw >> 9)
        if id != 0 { positions[id] = GridPoint(fx, fy) }
        carrying = .none
      }
    case 5:
      toggle(fwd, at: fi, fx, fy)
    case 6:
      break
    default:
      preconditionFailure("Minigrid actions are 0...6, got \(action)")
    }
    return StepOutcome()
  }

  /// Minigrid's `toggle` of the object in front: doors open, close or unlock (with a key of
  /// their colour, which is kept); boxes are replaced by their contents.
  @inlinable
  mutating func toggle(_ fwd: WorldObject, at fi: Int, _ fx: Int, _ fy: Int) {
    let t = fwd.raw & 0xF
    if t == 4 {
      let state = (fwd.raw >> 7) & 3
      if state == 2 {
        if carrying.raw & 0xF == 5 && (carrying.raw >> 4) & 7 == (fwd.raw >> 4) & 7 {
          cells[fi] = fwd.raw & ~0x180  // unlocked and open
        }
      } else {
        cells[fi] = (fwd.raw & ~0x180) | (state == 0 ? 1 << 7 : 0)
      }
    } else if t == 7 {
      let inside = contents[Int(fwd.raw >> 9)]
      cells[fi] = inside == 0 ? 1 : inside
      let id = Int(inside >> 9)
      if id != 0 { positions[id] = GridPoint(fx, fy) }
    }
  }

  /// Whether the episode is out of steps (`step_count >= max_steps`).
  @inlinable public var isOutOfSteps: Bool { stepCount >= maxSteps }
}
