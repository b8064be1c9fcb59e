import RealModule

/// The balls of the pouring tasks: a granular model built for them, in place of one Box2D body
/// per ball.
///
/// Equal balls touch each other, the scene's static solids (table top, floor, the target's
/// floor and walls, the room's end walls) and the container's floor and walls, which move with
/// the gripper. Every solid is a rectangle, axis-aligned in the world or in the container's
/// frame. The model is position-based dynamics with speculative contacts:
///
/// 1. Every pair of balls, and every ball and solid, that could meet within the step gets a
///    contact (found once per step; the substeps share them): a half-plane the ball's centre
///    must end in. For a solid it is bounded by the line through the point of the solid
///    nearest the ball's start, moved a radius out (and carried along with the container); for
///    two balls, by the line between their centres. Pairs are listed from the lowest ball up.
/// 2. Each step of `dt` is split into `substeps`. In each, gravity and damping give every ball
///    a velocity and a predicted position.
/// 3. `iterations` rounds of Gauss–Seidel projection move the predicted positions into their
///    half-planes, balls first (lowest pairs first) and solids last; rounds after the first
///    see only the pairs that came within a fifth of a radius of touching. The velocities are
///    then the displacement over the substep, less Coulomb friction at the solids the balls
///    pressed on.
///
/// A pile stands because of the order and of how a push is shared: of two balls pressed
/// together, the higher moves more (up to `lift` of the push, for one straight above the
/// other), as if balls weighed less the higher they sit (the stack-height mass scaling of
/// position-based solvers). Gravity's pull in a substep then reaches the container's floor
/// and comes back up the pile in the same round, instead of sinking it.
///
/// A convex solid lies wholly behind the tangent line through its nearest point, so a ball
/// that starts outside a solid and ends in its half-plane has not crossed it, however fast it
/// moved: balls cannot tunnel through the thin walls, which is what Box2D 2.4 could not promise
/// between its dynamic bodies (`docs/benchmarks/language.md`). `BallAudit` checks this on
/// every step of every audited episode.
///
/// Balls slide without turning, and ball-to-ball contacts have no friction: a tipped pile
/// holds until the tilt passes its slope, then pours. A value type: copies step independently.
public struct BallPile: Sendable {
  /// Balls in a full container.
  public static let count = 30
  /// Substeps per step, and projection rounds per substep.
  public static let substeps = 4, iterations = 2
  /// The largest share of a push the higher ball of a pair takes (for one a diameter or more
  /// above the other; half for two side by side).
  static let lift = 0.65
  /// Gravity (m/s²), linear damping (1/s), friction coefficient at the solids.
  static let gravity = 9.8, damping = 0.1, friction = 0.3
  /// Thickness of container and target walls (m).
  public static let wall = 0.006
  /// Half-width of the floor (m), where the room's end walls stand.
  public static let roomHalfWidth = 3.0

  /// An axis-aligned solid rectangle (m).
  public struct Solid: Sendable, Hashable {
    public var lower: SIMD2<Double>, upper: SIMD2<Double>
    public init(lower: SIMD2<Double>, upper: SIMD2<Double>) {
      self.lower = lower
      self.upper = upper
    }
  }

  /// Where the container is: its centre (m) and clockwise tilt (rad).
  public struct Pose: Sendable, Hashable {
    public var center: SIMD2<Double>, tilt: Double
    public init(center: SIMD2<Double>, tilt: Double) {
      self.center = center
      self.tilt = tilt
    }

    /// A world point in the container's frame (upright, centre at the origin).
    public func local(_ p: SIMD2<Double>) -> SIMD2<Double> { Frame(self).local(p) }
  }

  /// A pose with its rotation worked out, for transforming many points.
  struct Frame {
    let center: SIMD2<Double>, cos: Double, sin: Double
    init(_ pose: Pose) {
      center = pose.center
      cos = Double.cos(pose.tilt)
      sin = Double.sin(pose.tilt)
    }
    /// A point of the container's frame in the world.
    @inline(__always) func world(_ p: SIMD2<Double>) -> SIMD2<Double> { center + rotate(p) }
    /// A world point in the container's frame: the clockwise tilt undone.
    @inline(__always) func local(_ p: SIMD2<Double>) -> SIMD2<Double> {
      let d = p - center
      return SIMD2(d.x * cos - d.y * sin, d.x * sin + d.y * cos)
    }
    /// A direction of the container's frame in the world (turned clockwise by the tilt).
    @inline(__always) func rotate(_ v: SIMD2<Double>) -> SIMD2<Double> {
      SIMD2(v.x * cos + v.y * sin, -v.x * sin + v.y * cos)
    }
  }

  /// The static solids of a pouring scene: the table top, the target's floor and two walls,
  /// the room's end walls, and the floor under it all.
  public static func staticSolids(layout: SceneLayout) -> [Solid] {
    let y = layout.tableY, t = wall
    let tx = layout.targetX, tw = layout.targetWidth / 2, th = layout.targetHeight
    return [
      Solid(lower: SIMD2(-1.05, y - 0.03), upper: SIMD2(1.05, y)),
      Solid(lower: SIMD2(tx - tw, y), upper: SIMD2(tx + tw, y + t)),
      Solid(lower: SIMD2(tx - tw, y), upper: SIMD2(tx - tw + t, y + th)),
      Solid(lower: SIMD2(tx + tw - t, y), upper: SIMD2(tx + tw, y + th)),
      Solid(lower: SIMD2(-roomHalfWidth - 0.2, 0), upper: SIMD2(-roomHalfWidth, 1)),
      Solid(lower: SIMD2(roomHalfWidth, 0), upper: SIMD2(roomHalfWidth + 0.2, 1)),
      Solid(lower: SIMD2(-roomHalfWidth - 0.2, -0.2), upper: SIMD2(roomHalfWidth + 0.2, 0)),
    ]
  }

  /// The names of `staticSolids`, in order.
  public static let staticNames = [
    "the table", "the target's floor", "the target's left wall", "the target's right wall",
    "the left end wall", "the right end wall", "the floor",
  ]

  /// The container's floor and two walls in its own frame (centre at the origin, upright).
  public static func containerSolids(width: Double, height: Double) -> [Solid] {
    let w = width / 2, h = height / 2, t = wall
    return [
      Solid(lower: SIMD2(-w, -h), upper: SIMD2(w, -h + t)),
      Solid(lower: SIMD2(-w, -h), upper: SIMD2(-w + t, h)),
      Solid(lower: SIMD2(w - t, -h), upper: SIMD2(w, h)),
    ]
  }

  /// The names of `containerSolids`, in order.
  public static let containerNames = ["floor", "left wall", "right wall"]

  /// The radius that fills 45 % of a container's inside with `count` balls.
  public static func radius(width: Double, height: Double) -> Double {
    let innerW = width - 2 * wall, innerH = height - wall
    return (0.45 * innerW * innerH / (Double(count) * .pi)).squareRoot()
  }

  /// The balls' radius (m).
  public let radius: Double
  /// The container's size (m).
  public let width: Double, height: Double
  /// The balls' centres and velocities.
  public private(set) var positions: [SIMD2<Double>]
  public private(set) var velocities: [SIMD2<Double>]
  /// The container's pose after the last step.
  public private(set) var container: Pose
  /// The static solids and the container's solids (its frame).
  let statics: [Solid], walls: [Solid]

  /// A contact between balls `i` and `j`, `j` the higher: `normal` points from `j` to `i`;
  /// `lift` is the share of a push that moves `j`.
  /// (Declared widest first: 32 bytes a pair.)
  struct Pair: Sendable {
    var normal: SIMD2<Double>
    var lift = 0.5
    var i: Int32, j: Int32
  }
  /// A contact between a ball and a solid: the ball's centre must end with
  /// `normal · centre ≥ offset`. `velocity` is the solid's at the contact, `push` the distance
  /// the projections moved the ball along the normal in the current substep. For the
  /// container's solids, `point` and `localNormal` are the nearest point and its normal in the
  /// container's frame, from which each substep places the half-plane where the container is.
  /// (The fields each round reads and writes come first, together.)
  struct Touch: Sendable {
    var normal: SIMD2<Double>, offset: Double
    var push = 0.0
    var ball: Int32
    var velocity: SIMD2<Double> = .zero
    var point: SIMD2<Double> = .zero, localNormal: SIMD2<Double> = .zero
  }
  /// Scratch: predicted positions, and the step's contacts (with the container's solids, and
  /// with the static ones).
  var predicted: [SIMD2<Double>]
  /// (`pairs` has room for every pair; the first `pairCount` are the step's.)
  var pairs: [Pair], pairCount = 0
  /// (`carried` and `fixed` have room for every ball at every solid; the first
  /// `carriedCount` and `fixedCount` are the step's.)
  var carried: [Touch], fixed: [Touch], carriedCount = 0, fixedCount = 0
  /// Scratch: the pairs close enough to matter after a substep's first round.
  var closePairs: [Pair]
  /// The balls from lowest to highest at the start of the last step.
  var order: [Int32] = (0..<Int32(BallPile.count)).map { $0 }

  /// A full upright container at `container` on the layout's solids, its balls in staggered
  /// rows from its floor up, settled for a quarter of a second.
  public init(width: Double, height: Double, layout: SceneLayout, container: Pose) {
    self.width = width
    self.height = height
    self.container = container
    radius = Self.radius(width: width, height: height)
    statics = Self.staticSolids(layout: layout)
    walls = Self.containerSolids(width: width, height: height)
    let r = radius, t = Self.wall
    let pitch = 2.05 * r
    let perRow = max(1, Int((width - 2 * t - 0.2 * r) / pitch))
    let rowWidth = Double(perRow - 1) * pitch
    let frame = Frame(container)
    positions = (0..<Self.count).map { k in
      let row = k / perRow, column = k % perRow
      let stagger = row % 2 == 0 ? -0.05 * r : 0.05 * r
      let local = SIMD2(-rowWidth / 2 + Double(column) * pitch + stagger, -height / 2 + t + r * 1.02 + Double(row) * pitch * 0.95)
      return frame.world(local)
    }
    velocities = Array(repeating: .zero, count: Self.count)
    predicted = positions
    let everyPair = Array(repeating: Pair(normal: .zero, i: 0, j: 0), count: Self.count * (Self.count - 1) / 2)
    pairs = everyPair
    closePairs = everyPair
    let blank = Touch(normal: .zero, offset: 0, ball: 0)
    carried = Array(repeating: blank, count: Self.count * walls.count)
    fixed = Array(repeating: blank, count: Self.count * statics.count)
    for _ in 0..<5 { step(to: container, dt: 0.05) }
  }

  // MARK: - Stepping

  /// Advances `dt` seconds while the container moves steadily to `target`.
  ///
  /// The contacts are found once, at the start of the step, for everything that may meet
  /// within it; the step's substeps share them.
  public mutating func step(to target: Pose, dt: Double) {
    let start = container
    findContacts(dt, from: start, to: target)
    let n = Self.substeps, h = dt / Double(n)
    // The container's velocity: linear (m/s) and angular (rad/s, counter-clockwise).
    let linear = (target.center - start.center) / dt
    let angular = -(target.tilt - start.tilt) / dt
    for k in 1...n {
      let f = Double(k) / Double(n)
      let end = k == n ? target : Pose(center: start.center + (target.center - start.center) * f, tilt: start.tilt + (target.tilt - start.tilt) * f)
      // Where the container's solids are at the end of the substep.
      let frame = Frame(end)
      let count = carriedCount
      carried.withUnsafeMutableBufferPointer { touches in
        for k in 0..<count {
          let point = frame.world(touches[k].point), normal = frame.rotate(touches[k].localNormal)
          let arm = point - end.center
          touches[k].normal = normal
          touches[k].offset = (normal * point).sum() + radius
          touches[k].velocity = linear + angular * SIMD2(-arm.y, arm.x)
        }
      }
      substep(h)
    }
    container = target
  }

  /// Finds the contacts of a step of `dt` seconds in which the container moves from `from` to
  /// `to`: the pairs of balls closer than a diameter plus how far they can move toward each
  /// other (their relative velocity over the step), and the balls within a radius of a solid
  /// plus how far the ball and the solid can travel; each with a tenth of a radius (balls) or
  /// a whole radius (solids) to spare for the pushes other contacts give.
  mutating func findContacts(_ dt: Double, from: Pose, to: Pose) {
    let r = radius
    let statics = self.statics, walls = self.walls
    let frame = Frame(from)
    // How far a point of the container can move in the step, and a ball in free fall.
    let sweep = Swift.max(abs(to.center.x - from.center.x), abs(to.center.y - from.center.y)) * 1.5
      + abs(to.tilt - from.tilt) * (width + height)
    let fall = 0.5 * Self.gravity * dt * dt
    var carriedCount = 0, fixedCount = 0
    let n = positions.count
    positions.withUnsafeBufferPointer { p in
      velocities.withUnsafeBufferPointer { v in
        // The largest closing distance of any pair found: a ball that lands on others pushes
        // them by up to that much (and they push on), so every ball's margin to the solids
        // includes it.
        var impact = 0.0
        let near = 2.1 * r
        // Lowest first: the balls hardly change places from one step to the next.
        order.withUnsafeMutableBufferPointer { order in
          for k in 1..<n {
            let b = order[k], y = p[Int(b)].y
            var m = k
            while m > 0 && p[Int(order[m - 1])].y > y {
              order[m] = order[m - 1]
              m -= 1
            }
            order[m] = b
          }
        }
        let order = self.order
        // The balls in that order, and how far any two can close in the step: no pair
        // further apart than that in height can meet, so each ball's search stops there.
        pairCount = withUnsafeTemporaryAllocation(of: SIMD2<Double>.self, capacity: 2 * n) { sorted in
          var fastest = 0.0
          for k in 0..<n {
            let b = Int(order[k])
            sorted[k] = p[b]
            sorted[n + k] = v[b]
            fastest = Swift.max(fastest, Swift.abs(v[b].x) + Swift.abs(v[b].y))
          }
          let bound = near + 2 * fastest * dt
          return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: n * (n - 1) / 2) { candidates in
            // The pairs that may meet, as places in that order (packed; the loop stores every
            // pair it tests and keeps it by counting: whether a pair is close changes
            // unpredictably, and a branch that guesses wrong costs more than the store).
            var found = 0
            for lower in 0..<n {
              let a = sorted[lower], va = sorted[n + lower]
              for upper in (lower + 1)..<n {
                let b = sorted[upper]
                if b.y - a.y >= bound { break }
                let d = a - b
                let dd = (d * d).sum()
                // How far they can close: bounded by the relative velocity's 1-norm (no root).
                let dv = va - sorted[n + upper]
                let closing = (Swift.abs(dv.x) + Swift.abs(dv.y)) * dt
                let reach = near + closing
                candidates[found] = UInt32(truncatingIfNeeded: lower) | UInt32(truncatingIfNeeded: upper) << 16
                let close = dd < reach * reach
                found += close ? 1 : 0
                impact = Swift.max(impact, close ? closing : 0)
              }
            }
            // Their unit normals and shares, in a loop without branches whose roots and
            // divisions overlap.
            let rise = (Self.lift - 0.5) / (2 * r)
            pairs.withUnsafeMutableBufferPointer { pairs in
              for k in 0..<found {
                let lower = Int(candidates[k] & 0xFFFF), upper = Int(candidates[k] >> 16)
                let d = sorted[lower] - sorted[upper]
                let dd = (d * d).sum()
                pairs[k] = Pair(
                  normal: dd > 1e-24 ? d / dd.squareRoot() : SIMD2(0, 1), lift: Swift.min(0.5 - d.y * rise, Self.lift),
                  i: order[lower], j: order[upper])
              }
            }
            return found
          }
        }
        // The static solids near any ball: most steps, none or a few of the seven.
        var lowest = SIMD2(Double.infinity, .infinity), highest = -lowest, widest = 0.0
        for i in 0..<n {
          lowest = pointwiseMin(lowest, p[i])
          highest = pointwiseMax(highest, p[i])
          widest = Swift.max(widest, (v[i] * v[i]).sum())
        }
        let reach = 2 * r + widest.squareRoot() * dt + fall + impact
        carried.withUnsafeMutableBufferPointer { carried in
        fixed.withUnsafeMutableBufferPointer { fixed in
        withUnsafeTemporaryAllocation(of: Int.self, capacity: statics.count) { nearby in
          var near = 0
          for (k, s) in statics.enumerated()
          where lowest.x < s.upper.x + reach && highest.x > s.lower.x - reach && lowest.y < s.upper.y + reach && highest.y > s.lower.y - reach {
            nearby[near] = k
            near += 1
          }
          for i in 0..<n {
            let a = p[i]
            let margin = 2 * r + (v[i] * v[i]).sum().squareRoot() * dt + fall + impact
            for k in nearby[0..<near] {
              let s = statics[k]
              guard a.x > s.lower.x - margin, a.x < s.upper.x + margin, a.y > s.lower.y - margin, a.y < s.upper.y + margin else { continue }
              let (point, normal) = Self.nearest(a, s)
              fixed[fixedCount] = Touch(normal: normal, offset: (normal * point).sum() + r, ball: Int32(i))
              fixedCount += 1
            }
            let local = frame.local(a)
            let m = margin + sweep
            for s in walls {
              guard local.x > s.lower.x - m, local.x < s.upper.x + m, local.y > s.lower.y - m, local.y < s.upper.y + m else { continue }
              let (point, normal) = Self.nearest(local, s)
              carried[carriedCount] = Touch(normal: .zero, offset: 0, ball: Int32(i), point: point, localNormal: normal)
              carriedCount += 1
            }
          }
        }
        }
        }
      }
    }
    self.carriedCount = carriedCount
    self.fixedCount = fixedCount
  }

  /// One substep of `h` seconds with the step's contacts, the container's placed where it
  /// ends the substep.
  mutating func substep(_ h: Double) {
    let gravity = SIMD2(0, -Self.gravity * h)
    let keep = 1 / (1 + h * Self.damping)
    let diameter = 2 * radius
    let n = positions.count
    positions.withUnsafeMutableBufferPointer { p in
      velocities.withUnsafeMutableBufferPointer { v in
        predicted.withUnsafeMutableBufferPointer { q in
          for i in 0..<n {
            let u = (v[i] + gravity) * keep
            v[i] = u
            q[i] = p[i] + u * h
          }
          let pairCount = self.pairCount
          pairs.withUnsafeBufferPointer { every in
            let pairs = every[0..<pairCount]
            closePairs.withUnsafeMutableBufferPointer { close in
            carried.withUnsafeMutableBufferPointer { allCarried in
              fixed.withUnsafeMutableBufferPointer { allFixed in
                let carried = UnsafeMutableBufferPointer(rebasing: allCarried[0..<carriedCount])
                let fixed = UnsafeMutableBufferPointer(rebasing: allFixed[0..<fixedCount])
                for k in carried.indices { carried[k].push = 0 }
                for k in fixed.indices { fixed[k].push = 0 }
                // Project: balls apart, then out of the container, then out of the static
                // solids (which have the last word: a ball caught between the container and
                // the table ends on the table).
                // The first round goes over every pair and keeps those within a fifth of a
                // radius of touching; later rounds, whose pushes are small, see only those.
                let keep = 0.2 * radius
                var live = 0
                for c in pairs {
                  // Without branches, as below: kept by counting, pushed by zero when apart.
                  let i = Int(c.i), j = Int(c.j)
                  let gap = (c.normal * (q[i] - q[j])).sum() - diameter
                  close[live] = c
                  live += gap < keep ? 1 : 0
                  let shift = Swift.min(gap, 0) * c.normal
                  q[i] -= (1 - c.lift) * shift
                  q[j] += c.lift * shift
                }
                Self.project(q, carried)
                Self.project(q, fixed)
                for _ in 1..<Self.iterations {
                  for c in close[0..<live] {
                    // Without a branch: these pairs touch about as often as not.
                    let i = Int(c.i), j = Int(c.j)
                    let gap = Swift.min((c.normal * (q[i] - q[j])).sum() - diameter, 0)
                    let shift = gap * c.normal
                    q[i] -= (1 - c.lift) * shift
                    q[j] += c.lift * shift
                  }
                  Self.project(q, carried)
                  Self.project(q, fixed)
                }
                // Velocities from the displacement, then friction where balls pressed on solids.
                for i in 0..<n {
                  v[i] = (q[i] - p[i]) / h
                  p[i] = q[i]
                }
                Self.brake(v, carried, h)
                Self.brake(v, fixed, h)
              }
            }
            }
          }
        }
      }
    }
  }

  /// Moves each ball of `touches` into its half-plane, counting the push (without a branch:
  /// whether a ball touches changes unpredictably).
  @inline(__always)
  static func project(_ q: UnsafeMutableBufferPointer<SIMD2<Double>>, _ touches: UnsafeMutableBufferPointer<Touch>) {
    for k in touches.indices {
      let b = Int(touches[k].ball)
      let gap = Swift.min((touches[k].normal * q[b]).sum() - touches[k].offset, 0)
      q[b] -= gap * touches[k].normal
      touches[k].push -= gap
    }
  }

  /// Coulomb friction: takes from each pushed ball's velocity along the solid (relative to the
  /// solid) at most `friction` times the velocity the push gave it.
  @inline(__always)
  static func brake(_ v: UnsafeMutableBufferPointer<SIMD2<Double>>, _ touches: UnsafeMutableBufferPointer<Touch>, _ h: Double) {
    for t in touches where t.push > 0 {
      let b = Int(t.ball)
      let relative = v[b] - t.velocity
      let tangent = relative - (relative * t.normal).sum() * t.normal
      let speed = (tangent * tangent).sum().squareRoot()
      guard speed > 1e-12 else { continue }
      let brake = Swift.min(speed, friction * t.push / h)
      v[b] -= tangent * (brake / speed)
    }
  }

  /// The point of `solid` nearest `p`, and the unit normal from it toward `p` (for a point
  /// inside, the nearest face's outward normal and the point on that face).
  @inline(__always)
  static func nearest(_ p: SIMD2<Double>, _ solid: Solid) -> (point: SIMD2<Double>, normal: SIMD2<Double>) {
    let c = p.clamped(lowerBound: solid.lower, upperBound: solid.upper)
    let d = p - c
    let dd = (d * d).sum()
    if dd > 1e-24 { return (c, d / dd.squareRoot()) }
    // Inside: leave by the nearest face.
    let below = p - solid.lower, above = solid.upper - p
    var best = below.x, point = SIMD2(solid.lower.x, p.y), normal = SIMD2<Double>(-1, 0)
    if above.x < best { best = above.x; point = SIMD2(solid.upper.x, p.y); normal = SIMD2(1, 0) }
    if below.y < best { best = below.y; point = SIMD2(p.x, solid.lower.y); normal = SIMD2(0, -1) }
    if above.y < best { point = SIMD2(p.x, solid.upper.y); normal = SIMD2(0, 1) }
    return (point, normal)
  }

  // MARK: - Counting

  /// How many balls lie inside the target bowl or cup (centre between its walls, from its
  /// floor up to a ball's diameter above its rim), inside the container (in its frame: between
  /// its walls, from its floor up to a radius above its rim), and neither but in the air
  /// (above the table by more than a diameter: falling).
  public func count(layout: SceneLayout) -> (inContainer: Int, inTarget: Int, falling: Int) {
    let tx = layout.targetX, tw = layout.targetWidth / 2 - Self.wall
    let top = layout.tableY + layout.targetHeight + 2 * radius
    let hw = width / 2, hh = height / 2
    let frame = Frame(container)
    let airborne = layout.tableY + 2 * radius
    var contained = 0, delivered = 0, falling = 0
    for p in positions {
      if abs(p.x - tx) <= tw && p.y >= layout.tableY && p.y <= top {
        delivered += 1
        continue
      }
      let q = frame.local(p)
      if abs(q.x) <= hw && q.y >= -hh && q.y <= hh + radius {
        contained += 1
      } else if p.y > airborne {
        falling += 1
      }
    }
    return (contained, delivered, falling)
  }
}

