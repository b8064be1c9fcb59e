import RealModule

/// The 2-D world of one language task: a gripper driven by velocity commands, and the one
/// articulated or movable thing the task is about (a block, a drawer on a prismatic joint, a
/// door on a revolute joint, a container of balls over a bowl or cup).
///
/// Side view, metres, y up. The gripper is a kinematic effector: its velocity follows the
/// commanded velocity with a lag that grows with the mass it holds. It grasps automatically
/// once it comes within `graspRadius` of the grasp point.
///
/// Drawers, doors and blocks are simulated by Box2D through the `CBox2D` shim (`SceneRig`):
/// the drawer slides on a prismatic joint with limits, the door turns on a revolute joint with
/// limits, both driven by their joint motors with the grip's bounded force while held; the
/// block is a dynamic body on the table, held once grasped by a revolute joint to a kinematic
/// gripper body, turned by the joint's motor. The ball containers follow the gripper with
/// `ballCount` balls in them, simulated by a granular model built for them (`BallPile`); the
/// amount poured is the share of the balls inside the target.
///
/// Copying a scene shares its Box2D world until either copy steps, which then rebuilds its own
/// (copy on write), so scenes behave as values; the balls are a value already.
public struct ManipulationScene: Sendable {
  /// Seconds per step.
  public static let dt = 0.05
  /// Top gripper speed (m/s) and twist rate (rad/s).
  public static let maxSpeed = 0.6, maxTwist = 2.5
  /// Distance within which the gripper grasps.
  public static let graspRadius = 0.04
  /// Workspace bounds of the gripper.
  public static let xRange = -1.0...1.0, yRange = 0.0...1.2
  /// Largest container tilt (rad).
  public static let maxTilt = 2.4

  public let task: LanguageTaskKind
  public let object: ObjectVariant
  public let layout: SceneLayout

  /// Gripper position and velocity.
  public var gripper: SIMD2<Double>
  public var velocity: SIMD2<Double> = .zero
  /// Whether the gripper holds the object (handle, cup).
  public var grasped = false
  /// The object's centre (lift, rotate, pour, transfer).
  public var objectCenter: SIMD2<Double>
  /// The object's rotation or the container's tilt (rad), and its rate.
  public var angle = 0.0, angularVelocity = 0.0
  /// Drawer opening (fraction of travel) or door angle (rad), and its rate (per second).
  public var joint = 0.0, jointVelocity = 0.0
  /// Fraction of the balls still in the container, in the bowl or target, and on the table
  /// or floor outside the target (spilled).
  public var fill = 1.0, delivered = 0.0, spilled = 0.0
  /// Rotate: the twist rate the grip commands (rad/s), lagging the action.
  var twistRate = 0.0
  /// The share of the balls outside the container and the target, in the air.
  public var falling = 0.0
  /// The share of the balls that left the container during the last step.
  public var outflow = 0.0
  /// The Box2D world (blocks, drawers, doors); nil for pouring.
  var rig: SceneRig?
  /// The balls and their container (pour and transfer); nil otherwise.
  public private(set) var pile: BallPile?

  /// Balls in a full container (pour and transfer).
  public static var ballCount: Int { BallPile.count }
  /// The balls' centres (metres) and radius, for pour and transfer; empty otherwise.
  public var balls: (centres: [SIMD2<Double>], radius: Double) {
    guard let pile else { return ([], 0) }
    return (pile.positions, pile.radius)
  }

  /// A scene at its start state; `jointStart` opens drawers and doors for the closing tasks.
  public init(task: LanguageTaskKind, object: ObjectVariant, layout: SceneLayout, jointStart: Double) {
    self.task = task
    self.object = object
    self.layout = layout
    gripper = layout.gripperStart
    joint = jointStart
    switch task {
    case .pourBalls:
      // The container starts in the gripper (ARNOLD's PourWater), upright.
      grasped = true
      objectCenter = gripper
    default:
      objectCenter = SIMD2(layout.objectX, layout.tableY + object.height / 2)
    }
    switch task {
    case .pourBalls, .transferBalls:
      pile = BallPile(width: object.width, height: object.height, layout: layout, container: BallPile.Pose(center: objectCenter, tilt: 0))
    default:
      rig = SceneRig(task: task, object: object, layout: layout, jointStart: task == .openDrawer || task == .closeDrawer ? jointStart * object.width : jointStart, blockStart: objectCenter)
    }
  }

  /// Gives this scene its own Box2D world if a copy shares it.
  mutating func makeRigUnique() {
    if rig != nil && !isKnownUniquelyReferenced(&rig) { rig = rig!.copy() }
  }

  // MARK: - Geometry

  /// Where the door's hinge is (at the table, the door standing up from it).
  public var hinge: SIMD2<Double> { SIMD2(layout.objectX, layout.tableY + 0.02) }
  /// The drawer's closed front plane (x) and handle height.
  public var cabinetFront: Double { layout.objectX }
  public var drawerHandleY: Double { layout.tableY + 0.10 }

  /// Where the gripper must be to grasp.
  public var graspPoint: SIMD2<Double> {
    switch task {
    case .liftObject, .rotateObject: return objectCenter + SIMD2(0, object.height / 2)
    case .openDrawer, .closeDrawer: return SIMD2(cabinetFront + joint * object.width + 0.02, drawerHandleY)
    case .openDoor, .closeDoor:
      let r = object.width * 0.9
      return hinge + r * SIMD2(Double.sin(joint), Double.cos(joint))
    case .pourBalls, .transferBalls: return objectCenter
    }
  }

  /// Where the carried container is: its centre and clockwise tilt.
  var containerPose: BallPile.Pose { BallPile.Pose(center: objectCenter, tilt: angle) }

  /// The container's lip (the side it pours from): its top-right corner, tilted.
  public var lip: SIMD2<Double> {
    BallPile.Frame(containerPose).world(SIMD2(object.width / 2, object.height / 2))
  }

  /// Top of the bowl or target cup's rim.
  public var targetRimY: Double { layout.tableY + layout.targetHeight }

  /// The value the goal is measured on (SI units of the task's quantity).
  public var measured: Double {
    switch task {
    case .liftObject: return objectCenter.y - object.height / 2 - layout.tableY
    case .rotateObject: return angle
    case .openDrawer, .closeDrawer, .openDoor, .closeDoor: return joint
    case .pourBalls, .transferBalls: return delivered
    }
  }

  /// The rate of change of `measured` (per second).
  public var measuredRate: Double {
    switch task {
    case .liftObject: return grasped ? velocity.y : 0
    case .rotateObject: return angularVelocity
    case .openDrawer, .closeDrawer, .openDoor, .closeDoor: return jointVelocity
    case .pourBalls, .transferBalls: return deliveredRate
    }
  }
  /// The change of `delivered` over the last step, per second.
  public var deliveredRate = 0.0

  /// The load the gripper carries (kg).
  var load: Double { grasped ? object.mass : 0 }
  /// Fraction of the velocity gap closed per step: 0.6 empty-handed, less with a load.
  var response: Double { 0.6 / (1 + 0.5 * load) }

  // MARK: - Stepping

  /// Advances one step under `command` (x and y velocity, twist; each in −1...1).
  public mutating func step(_ command: SIMD3<Double>) {
    let u = command.clamped(lowerBound: SIMD3(repeating: -1), upperBound: SIMD3(repeating: 1))
    let dt = Self.dt
    let previous = (gripper: gripper, angle: angle)
    let a = response
    makeRigUnique()
    if let rig, rig.kind == .drawer || rig.kind == .door {
      let isDrawer = rig.kind == .drawer
      if grasped {
        // The gripper holds the handle; the joint motor pulls it at the commanded speed along
        // the drawer's axis or the door's arc, with the grip's bounded force.
        let speed: Double
        if isDrawer {
          speed = u.x * Self.maxSpeed
        } else {
          let tangent = SIMD2(Double.cos(joint), -Double.sin(joint))
          speed = (u.x * tangent.x + u.y * tangent.y) * Self.maxSpeed / (object.width * 0.9)
        }
        rig.driveJoint(speed: speed, held: true)
      } else {
        rig.driveJoint(speed: 0, held: false)
      }
      rig.advance(dt, substeps: 1)
      let (value, rate) = rig.jointValue
      joint = isDrawer ? value / object.width : value
      jointVelocity = isDrawer ? rate / object.width : rate
      if grasped {
        velocity = isDrawer ? SIMD2(rate, 0) : rate * object.width * 0.9 * SIMD2(Double.cos(joint), -Double.sin(joint))
        gripper = graspPoint
        return
      }
    }
    // Free or carrying: velocity control with lag, inside the workspace and above the table.
    velocity += a * (SIMD2(u.x, u.y) * Self.maxSpeed - velocity)
    gripper += velocity * dt
    var floor = layout.tableY
    if grasped { floor += carriedDepthBelowGrip }
    if gripper.y < floor { gripper.y = floor; velocity.y = max(velocity.y, 0) }
    if gripper.y > Self.yRange.upperBound { gripper.y = Self.yRange.upperBound; velocity.y = min(velocity.y, 0) }
    if gripper.x < Self.xRange.lowerBound { gripper.x = Self.xRange.lowerBound; velocity.x = max(velocity.x, 0) }
    if gripper.x > Self.xRange.upperBound { gripper.x = Self.xRange.upperBound; velocity.x = min(velocity.x, 0) }

    if !grasped {
      let d = gripper - graspPoint
      if (d * d).sum() <= Self.graspRadius * Self.graspRadius {
        grasped = true
        gripper = graspPoint
        velocity = .zero
      }
      if let rig, rig.kind == .block {
        if grasped { rig.grasp(at: gripper) }
        rig.moveGripper(to: gripper, over: dt)
        rig.advance(dt, substeps: 1)
        (objectCenter, angle, angularVelocity) = rig.block
      }
      if pile != nil {
        // The container stands on the table until grasped; the balls keep moving.
        pile!.step(to: pile!.container, dt: dt)
        countBalls()
      }
      return
    }
    if let rig, rig.kind == .block {
      // The gripper carries the block on its joint; the joint's motor turns it (rotate) at the
      // twist rate, which lags more for large and heavy blocks, or holds it upright (lift).
      if task == .rotateObject {
        let inertia = object.mass * (object.width * object.width + object.height * object.height) * 8
        let b = 0.6 / (1 + inertia + 0.3 * object.mass)
        twistRate += b * (u.z * Self.maxTwist - twistRate)
        if (angle <= -Double.pi && twistRate < 0) || (angle >= 2 * Double.pi && twistRate > 0) { twistRate = 0 }
        rig.turnBlock(speed: twistRate)
      } else {
        rig.turnBlock(speed: -angle / dt * 0.5)
      }
      rig.moveGripper(to: gripper, over: dt)
      rig.advance(dt, substeps: 1)
      (objectCenter, angle, angularVelocity) = rig.block
      return
    }
    // Carried objects follow the gripper.
    switch task {
    case .pourBalls, .transferBalls:
      objectCenter = gripper
    default:
      break
    }
    if task == .rotateObject || task == .pourBalls || task == .transferBalls {
      // Twist: a rotational lag that grows with the object's size and mass.
      let inertia = object.mass * (object.width * object.width + object.height * object.height) * 8
      let b = 0.6 / (1 + inertia + 0.3 * object.mass)
      angularVelocity += b * (u.z * Self.maxTwist - angularVelocity)
      angle += angularVelocity * dt
      let limit = task == .rotateObject ? (-Double.pi)...(2 * Double.pi) : 0...Self.maxTilt
      if !limit.contains(angle) { angle = min(max(angle, limit.lowerBound), limit.upperBound); angularVelocity = 0 }
    }
    if task == .pourBalls || task == .transferBalls {
      keepContainerClear(from: previous)
      objectCenter = gripper
      pour()
    }
  }

  /// The lowest point and the horizontal extent of the container with its centre at `center`,
  /// tilted clockwise by `tilt`.
  func containerExtent(_ center: SIMD2<Double>, tilt: Double) -> (minX: Double, maxX: Double, minY: Double) {
    let hw = object.width / 2, hh = object.height / 2
    let frame = BallPile.Frame(BallPile.Pose(center: center, tilt: tilt))
    var e = (minX: Double.infinity, maxX: -Double.infinity, minY: Double.infinity)
    for corner in [SIMD2(-hw, -hh), SIMD2(hw, -hh), SIMD2(hw, hh), SIMD2(-hw, hh)] {
      let p = frame.world(corner)
      e = (min(e.minX, p.x), max(e.maxX, p.x), min(e.minY, p.y))
    }
    return e
  }

  /// Keeps the carried container clear of the table and of the target: the container follows
  /// the gripper whatever is in its way, so lowered onto balls lying there it would squeeze
  /// them between itself and the table or the target's walls, and one of the two would have to
  /// give. It is lifted when any corner
  /// would come within a ball's diameter of the table top, or of the target's rim while over
  /// the target, and stopped when it moves sideways into the target below that height.
  /// `previous` is the gripper position and tilt before this step.
  mutating func keepContainerClear(from previous: (gripper: SIMD2<Double>, angle: Double)) {
    let gap = 2.2 * (pile?.radius ?? 0)
    var e = containerExtent(gripper, tilt: angle)
    let tableFloor = layout.tableY + gap
    if e.minY < tableFloor {
      gripper.y += tableFloor - e.minY
      velocity.y = max(velocity.y, 0)
      e = containerExtent(gripper, tilt: angle)
    }
    let tx = layout.targetX, half = layout.targetWidth / 2 + gap
    let rimFloor = targetRimY + gap
    guard e.maxX > tx - half && e.minX < tx + half && e.minY < rimFloor else { return }
    let before = containerExtent(previous.gripper, tilt: previous.angle)
    if before.maxX > tx - half && before.minX < tx + half {
      gripper.y += rimFloor - e.minY
      velocity.y = max(velocity.y, 0)
    } else if before.maxX <= tx - half {
      gripper.x -= e.maxX - (tx - half)
      velocity.x = min(velocity.x, 0)
    } else {
      gripper.x += (tx + half) - e.minX
      velocity.x = max(velocity.x, 0)
    }
  }

  /// How far below the grip the carried object reaches (it may not go through the table).
  var carriedDepthBelowGrip: Double {
    switch task {
    case .liftObject, .rotateObject: return object.height
    case .pourBalls, .transferBalls: return object.height / 2
    default: return 0
    }
  }

  /// Moves the container to the gripper over the step and counts where the balls are.
  mutating func pour() {
    guard pile != nil else { return }
    pile!.step(to: containerPose, dt: Self.dt)
    countBalls()
  }

  /// Updates `fill`, `delivered`, `falling`, `spilled`, `outflow` and `deliveredRate` from
  /// the balls.
  mutating func countBalls() {
    // (Counted through the optional, which borrows the pile instead of copying it out.)
    guard let counts = pile?.count(layout: layout) else { return }
    let n = Double(BallPile.count)
    let inContainer = Double(counts.inContainer) / n
    let inTarget = Double(counts.inTarget) / n
    outflow = max(0, fill - inContainer)
    deliveredRate = (inTarget - delivered) / Self.dt
    fill = inContainer
    delivered = inTarget
    falling = Double(counts.falling) / n
    spilled = max(0, 1 - fill - delivered - falling)
  }
}
