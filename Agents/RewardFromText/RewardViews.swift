import GymCore
import RealModule

/// The built-in reward views, by environment id.
public enum RewardViews {
  /// The environment ids with a built-in view.
  public static let supportedIDs: [String] = [
    "CartPole-v1", "CartPole-v0", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1",
    "Pendulum-v1", "LunarLander-v3", "LunarLanderContinuous-v3", "BipedalWalker-v3",
    "BipedalWalkerHardcore-v3",
  ]

  /// The view of the environment registered as `id`.
  /// - Parameters:
  ///   - id: an environment id (see `supportedIDs`).
  ///   - options: the construction options the environment is made with; only LunarLander's
  ///     `continuous` changes the view.
  /// - Throws: `RewardViewError` for an id without a view.
  public static func view(for id: String, options: Options = [:]) throws(RewardViewError) -> RewardView {
    switch id {
    case "CartPole-v1", "CartPole-v0": return cartPole
    case "MountainCar-v0": return mountainCar(continuous: false)
    case "MountainCarContinuous-v0": return mountainCar(continuous: true)
    case "Acrobot-v1": return acrobot
    case "Pendulum-v1": return pendulum
    case "LunarLander-v3", "LunarLanderContinuous-v3":
      var continuous = id == "LunarLanderContinuous-v3"
      if let c = options["continuous"] {
        guard case .bool(let b) = c else { throw RewardViewError("option 'continuous' must be true or false, got \(c)") }
        continuous = b
      }
      return lunarLander(continuous: continuous)
    case "BipedalWalker-v3", "BipedalWalkerHardcore-v3": return bipedalWalker
    default:
      throw RewardViewError("no reward view for '\(id)'; views exist for \(supportedIDs.joined(separator: ", "))")
    }
  }
}

/// A request for a view that does not exist, or an environment that does not match its view.
public struct RewardViewError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What was wrong and what is allowed.
  public var message: String
  /// An error with this message.
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// The index of the largest entry of a one-hot action.
@inline(__always)
func oneHotIndex(_ a: UnsafeBufferPointer<Float>) -> Int {
  var best = 0
  for i in 1..<a.count where a[i] > a[best] { best = i }
  return best
}

@inline(__always)
func clip(_ x: Double, _ lo: Double, _ hi: Double) -> Double { Swift.min(Swift.max(x, lo), hi) }

// MARK: - Classic control

extension RewardViews {
  /// CartPole: the cart's position and velocity, the pole's angle and angular velocity, the push.
  public static let cartPole = RewardView(
    name: "CartPole",
    summary: "a pole hinged on a cart that is pushed left or right; the episode ends when the pole leans past 12 degrees or the cart leaves the track",
    fields: [
      ViewField("cart_position", .number, .state, "cart position in metres, 0 at the centre, track ends at ±2.4"),
      ViewField("cart_velocity", .number, .state, "cart velocity in metres per second"),
      ViewField("pole_angle", .number, .state, "pole angle from upright in radians, positive leaning right"),
      ViewField("pole_angular_velocity", .number, .state, "pole angular velocity in radians per second"),
      ViewField("push", .number, .action, "the push of this step: -1 left, +1 right"),
      ViewField("position_limit", .number, .constant([2.4]), "|cart_position| beyond which the episode ends"),
      ViewField("angle_limit", .number, .constant([12 * 2 * Double.pi / 360]), "|pole_angle| beyond which the episode ends (12 degrees)"),
    ],
    observationLength: 4, actionLength: 2,
    readState: { o, r in for i in 0..<4 { r[i] = Double(o[i]) } },
    readAction: { a, r in r[0] = oneHotIndex(a) == 1 ? 1 : -1 },
    captioner: { _, after, _, terminated in
      guard terminated else { return [] }
      var out: [String] = []
      if abs(after[2]) > 12 * 2 * Double.pi / 360 { out.append("the pole fell over") }
      if abs(after[0]) > 2.4 { out.append("the cart left the track") }
      return out
    }
  )

  /// MountainCar (discrete or continuous): position, velocity, height on the hill, the force.
  public static func mountainCar(continuous: Bool) -> RewardView {
    let readContinuous: RewardView.ActionReader = { a, r in r[0] = clip(Double(a[0]), -1, 1) }
    let readDiscrete: RewardView.ActionReader = { a, r in r[0] = Double(oneHotIndex(a) - 1) }
    return RewardView(
      name: continuous ? "MountainCarContinuous" : "MountainCar",
      summary: "an underpowered car in a valley that must rock back and forth to reach the flag on the right hill at position 0.5",
      fields: [
        ViewField("position", .number, .state, "car position along the track, -1.2 to 0.6; the flag is at 0.5"),
        ViewField("velocity", .number, .state, "car velocity, -0.07 to 0.07"),
        ViewField("height", .number, .state, "height of the car on the hills, sin(3·position)·0.45 + 0.55"),
        ViewField("force", .number, .action, continuous ? "engine force of this step, -1 to 1" : "push of this step: -1 left, 0 none, +1 right"),
        ViewField("goal_position", .number, .constant([0.5]), "position of the flag"),
      ],
      observationLength: 2, actionLength: continuous ? 1 : 3,
      readState: { o, r in
        r[0] = Double(o[0])
        r[1] = Double(o[1])
        r[2] = Double.sin(3 * r[0]) * 0.45 + 0.55
      },
      readAction: continuous ? readContinuous : readDiscrete,
      captioner: { before, after, _, _ in
        after[0] >= 0.5 && before[0] < 0.5 ? ["the car reached the flag"] : []
      }
    )
  }

  /// Acrobot: the two link angles and velocities, the tip's height, the torque.
  public static let acrobot = RewardView(
    name: "Acrobot",
    summary: "two links hanging from a pivot with a motor at the joint between them; the goal is to swing the tip above the bar, one link length over the pivot",
    fields: [
      ViewField("link1_angle", .number, .state, "angle of the first link from hanging down, radians in (-π, π]"),
      ViewField("link2_angle", .number, .state, "angle of the second link relative to the first, radians in (-π, π]"),
      ViewField("link1_velocity", .number, .state, "angular velocity of the first link, radians per second"),
      ViewField("link2_velocity", .number, .state, "angular velocity of the second link, radians per second"),
      ViewField("tip_height", .number, .state, "height of the tip above the pivot in link lengths, -2 to 2; the goal is above 1"),
      ViewField("torque", .number, .action, "torque at the joint this step: -1, 0 or +1"),
      ViewField("goal_height", .number, .constant([1]), "tip height that ends the episode"),
    ],
    observationLength: 6, actionLength: 3,
    readState: { o, r in
      let t1 = Double.atan2(y: Double(o[1]), x: Double(o[0]))
      let t2 = Double.atan2(y: Double(o[3]), x: Double(o[2]))
      r[0] = t1
      r[1] = t2
      r[2] = Double(o[4])
      r[3] = Double(o[5])
      r[4] = -Double.cos(t1) - Double.cos(t1 + t2)
    },
    readAction: { a, r in r[0] = Double(oneHotIndex(a) - 1) },
    captioner: { before, after, _, _ in
      after[4] > 1 && before[4] <= 1 ? ["the tip swung above the bar"] : []
    }
  )

  /// Pendulum: the angle from upright, the angular velocity, the tip's height, the torque.
  public static let pendulum = RewardView(
    name: "Pendulum",
    summary: "a pendulum on a motorised pivot that starts at a random angle and should be swung up and held upright",
    fields: [
      ViewField("angle", .number, .state, "angle from upright in radians, (-π, π]"),
      ViewField("angular_velocity", .number, .state, "angular velocity in radians per second, -8 to 8"),
      ViewField("height", .number, .state, "height of the tip, cos(angle): 1 upright, -1 hanging down"),
      ViewField("torque", .number, .action, "motor torque this step, -2 to 2"),
      ViewField("max_torque", .number, .constant([2]), "largest torque"),
    ],
    observationLength: 3, actionLength: 1,
    readState: { o, r in
      r[0] = Double.atan2(y: Double(o[1]), x: Double(o[0]))
      r[1] = Double(o[2])
      r[2] = Double(o[0])
    },
    readAction: { a, r in r[0] = clip(Double(a[0]), -2, 2) },
    captioner: { before, after, _, _ in
      after[2] >= 0.95 && before[2] < 0.95 ? ["the pendulum swung upright"] : []
    }
  )
}

// MARK: - Box2D

extension RewardViews {
  /// LunarLander (discrete or continuous): position and velocity relative to the pad, angle,
  /// leg contacts, and the engines' throttles.
  public static func lunarLander(continuous: Bool) -> RewardView {
    let readContinuous: RewardView.ActionReader = { a, r in
      let a0 = clip(Double(a[0]), -1, 1), a1 = clip(Double(a[1]), -1, 1)
      r[0] = a0 > 0 ? (a0 + 1) * 0.5 : 0
      r[1] = abs(a1) > 0.5 ? clip(abs(a1), 0.5, 1) : 0
    }
    let readDiscrete: RewardView.ActionReader = { a, r in
      let i = oneHotIndex(a)
      r[0] = i == 2 ? 1 : 0
      r[1] = i == 1 || i == 3 ? 1 : 0
    }
    return RewardView(
      name: continuous ? "LunarLanderContinuous" : "LunarLander",
      summary: "a lander descending onto a pad between two flags at the origin; it should touch down gently on both legs using little fuel",
      fields: [
        ViewField("position", .vector(2), .state, "[x, y] relative to the pad centre, in half-screen units; 0 on the pad"),
        ViewField("velocity", .vector(2), .state, "[vx, vy] in scaled screen units per step"),
        ViewField("angle", .number, .state, "tilt in radians, 0 upright"),
        ViewField("angular_velocity", .number, .state, "scaled angular velocity"),
        ViewField("left_leg_contact", .condition, .state, "the left leg touches the ground"),
        ViewField("right_leg_contact", .condition, .state, "the right leg touches the ground"),
        ViewField("main_engine", .number, .action, "main engine throttle this step, 0 off, 0.5 to 1 on"),
        ViewField("side_engine", .number, .action, "orientation engine throttle this step, 0 off, 0.5 to 1 on"),
        ViewField("pad", .vector(2), .constant([0, 0]), "the pad centre"),
        ViewField("flag_left", .number, .constant([-0.2]), "x of the left flag"),
        ViewField("flag_right", .number, .constant([0.2]), "x of the right flag"),
      ],
      observationLength: 8, actionLength: continuous ? 2 : 4,
      readState: { o, r in for i in 0..<8 { r[i] = Double(o[i]) } },
      readAction: continuous ? readContinuous : readDiscrete,
      captioner: { before, after, action, terminated in
        var out: [String] = []
        if after[6] == 1 && before[6] != 1 { out.append("the left leg touched the ground") }
        if after[7] == 1 && before[7] != 1 { out.append("the right leg touched the ground") }
        if after[6] != 1 && before[6] == 1 { out.append("the left leg lifted off") }
        if after[7] != 1 && before[7] == 1 { out.append("the right leg lifted off") }
        if after[6] == 1 && after[7] == 1 && !(before[6] == 1 && before[7] == 1) && abs(after[0]) <= 0.2 {
          out.append("the lander stood on both legs between the flags")
        }
        if action[0] > 0 { out.append("the main engine fired") }
        if terminated && abs(after[0]) >= 1 { out.append("the lander flew off the screen") }
        return out
      }
    )
  }

  /// BipedalWalker: the hull's tilt and velocity, ground contacts, lidar and motor commands.
  public static let bipedalWalker = RewardView(
    name: "BipedalWalker",
    summary: "a two-legged robot that should walk to the right across rough terrain without its hull touching the ground",
    fields: [
      ViewField("hull_angle", .number, .state, "tilt of the hull in radians, 0 level"),
      ViewField("hull_angular_velocity", .number, .state, "scaled angular velocity of the hull"),
      ViewField("velocity", .vector(2), .state, "[forward, upward] hull velocity in scaled units; forward is to the right"),
      ViewField("leg1_contact", .condition, .state, "the first lower leg touches the ground"),
      ViewField("leg2_contact", .condition, .state, "the second lower leg touches the ground"),
      ViewField("lidar", .vector(10), .state, "distances to the terrain along 10 rays, fractions of the ray length"),
      ViewField("motors", .vector(4), .action, "commands of hip 1, knee 1, hip 2, knee 2, each -1 to 1"),
    ],
    observationLength: 24, actionLength: 4,
    readState: { o, r in
      r[0] = Double(o[0])
      r[1] = Double(o[1])
      r[2] = Double(o[2])
      r[3] = Double(o[3])
      r[4] = Double(o[8])
      r[5] = Double(o[13])
      for i in 0..<10 { r[6 + i] = Double(o[14 + i]) }
    },
    readAction: { a, r in for i in 0..<4 { r[i] = clip(Double(a[i]), -1, 1) } },
    captioner: { before, after, _, terminated in
      var out: [String] = []
      if terminated { out.append("the walker fell") }
      if after[4] == 1 && before[4] != 1 { out.append("the first foot touched the ground") }
      if after[5] == 1 && before[5] != 1 { out.append("the second foot touched the ground") }
      return out
    }
  )
}
