import GymCore
import RealModule

/// Checks the balls of a pouring scene step by step for what honest physics rules out: a ball
/// that leaves the scene (past the room's end walls, or below the floor), or whose centre
/// passes through a solid — the table top, the floor, the target's floor and walls, the end
/// walls, or the container's floor and walls.
///
/// Between two steps each ball's centre moves along a straight segment; the segment may not
/// cross a solid shrunk by half a ball's radius (a resting ball presses a little into what it
/// lies on; a ball that tunnels crosses the whole solid). For the container, which moves, the
/// segment is taken in the container's frame (the previous centre in the previous frame, the
/// new one in the new frame), so a ball carried along does not move at all. The walls are a few
/// millimetres thick and the balls fall fast: `BallPile`'s speculative contacts are what keep
/// them out, and this audit is what shows they do. It knows nothing of how the balls are
/// simulated, only where they are after each step.
public struct BallAudit: Sendable {
  /// One ball that did what it cannot.
  public struct Violation: Sendable, Hashable, CustomStringConvertible {
    /// The step (1 = the first step after the reset), the ball (0-based) and what happened.
    public var step: Int, ball: Int, what: String
    /// Its centre before and after the step (m).
    public var from: SIMD2<Double>, to: SIMD2<Double>
    public var description: String { "step \(step) ball \(ball): \(what) (\(from.x), \(from.y)) → (\(to.x), \(to.y))" }
  }

  /// Every violation seen so far.
  public private(set) var violations: [Violation] = []
  /// Steps and ball-steps checked.
  public private(set) var steps = 0, ballSteps = 0

  var previous: [SIMD2<Double>] = []
  var previousContainer = BallPile.Pose(center: .zero, tilt: 0)

  /// An audit that starts from `scene` (just reset).
  public init(_ scene: ManipulationScene) {
    remember(scene)
  }

  mutating func remember(_ scene: ManipulationScene) {
    previous = scene.balls.centres
    previousContainer = scene.pile?.container ?? BallPile.Pose(center: .zero, tilt: 0)
  }

  /// Checks the balls after one more step of `scene`.
  public mutating func observe(_ scene: ManipulationScene) {
    steps += 1
    guard let pile = scene.pile else { return }
    let now = pile.positions
    let r = pile.radius
    let solids = BallPile.staticSolids(layout: scene.layout).map { shrink($0, by: r / 2) }
    let walls = BallPile.containerSolids(width: scene.object.width, height: scene.object.height).map { shrink($0, by: r / 2) }
    let container = pile.container
    let room = BallPile.roomHalfWidth
    // The container's frame before and after the step (worked out once, not per ball).
    let before = BallPile.Frame(previousContainer), after = BallPile.Frame(container)
    for (k, (p, q)) in zip(previous, now).enumerated() {
      ballSteps += 1
      if !(abs(q.x) < room && q.y > -r / 2 && q.y < 3) || !q.x.isFinite || !q.y.isFinite {
        violations.append(Violation(step: steps, ball: k, what: "left the scene", from: p, to: q))
        continue
      }
      if let i = solids.firstIndex(where: { crosses(p, q, $0) }) {
        violations.append(Violation(step: steps, ball: k, what: "passed through \(BallPile.staticNames[i])", from: p, to: q))
        continue
      }
      let a = before.local(p), b = after.local(q)
      if let i = walls.firstIndex(where: { crosses(a, b, $0) }) {
        violations.append(Violation(step: steps, ball: k, what: "passed through the container's \(BallPile.containerNames[i])", from: p, to: q))
      }
    }
    previous = now
    previousContainer = container
  }

  func shrink(_ solid: BallPile.Solid, by margin: Double) -> BallPile.Solid {
    BallPile.Solid(lower: solid.lower + margin, upper: solid.upper - margin)
  }

  /// Whether the segment from `p` to `q` meets the rectangle (slab test).
  func crosses(_ p: SIMD2<Double>, _ q: SIMD2<Double>, _ box: BallPile.Solid) -> Bool {
    guard box.lower.x < box.upper.x, box.lower.y < box.upper.y else { return false }
    var t0 = 0.0, t1 = 1.0
    let d = q - p
    for axis in 0..<2 {
      let lo = box.lower[axis], hi = box.upper[axis]
      if abs(d[axis]) < 1e-15 {
        if p[axis] < lo || p[axis] > hi { return false }
      } else {
        var a = (lo - p[axis]) / d[axis], b = (hi - p[axis]) / d[axis]
        if a > b { swap(&a, &b) }
        t0 = max(t0, a)
        t1 = min(t1, b)
        if t0 > t1 { return false }
      }
    }
    return true
  }
}

extension BallAudit {
  /// Who acts in audited episodes.
  public enum Policy: String, Sendable, CaseIterable {
    /// The oracle reading the instruction (`LanguageOracle`).
    case oracle
    /// Uniform random continuous actions (seeded per episode).
    case random
  }

  /// Audits `episodes` full episodes (seeds `seed`, `seed + 1`, …, continuous actions, the
  /// time limit) of a pouring task in `split`.
  /// - Returns: the violations (at most `keep` of them kept), their total count, and the
  ///   ball-steps checked.
  public static func episodes(
    _ task: LanguageTaskKind, split: LanguageSplit, policy: Policy, episodes: Int, seed: UInt64 = 0, keep: Int = 20
  ) throws -> (violations: [Violation], count: Int, ballSteps: Int) {
    var kept: [Violation] = [], count = 0, ballSteps = 0
    for k in 0..<episodes {
      var env = LanguageTask<ContinuousManipulation>(task: task, split: split)
      let episodeSeed = seed + UInt64(k)
      var audit: BallAudit?
      switch policy {
      case .oracle:
        _ = try LanguageOracle.run(&env, seed: episodeSeed) { env in
          if audit == nil { audit = BallAudit(env.scene) } else { audit!.observe(env.scene) }
        }
      case .random:
        _ = try env.reset(seed: episodeSeed)
        audit = BallAudit(env.scene)
        var rng = GymRandom(seed: episodeSeed &+ 0x5EED)
        for _ in 0..<LanguageTasks.maxEpisodeSteps(task) {
          let r = env.step(env.actionSpace.sample(using: &rng))
          audit!.observe(env.scene)
          if r.terminated { break }
        }
      }
      guard let audit else { continue }
      count += audit.violations.count
      ballSteps += audit.ballSteps
      kept += audit.violations.prefix(max(0, keep - kept.count))
    }
    return (kept, count, ballSteps)
  }
}
