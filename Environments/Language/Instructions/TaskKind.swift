/// The eight language-conditioned tasks, after ARNOLD's eight (PickupObject, ReorientObject,
/// OpenDrawer, CloseDrawer, OpenCabinet, CloseCabinet, PourWater, TransferWater), in 2-D.
public enum LanguageTaskKind: String, Sendable, Hashable, CaseIterable, Codable {
  /// Lift an object to a height above its resting place (ARNOLD's PickupObject).
  case liftObject = "lift_object"
  /// Rotate a held object by an angle (ARNOLD's ReorientObject).
  case rotateObject = "rotate_object"
  /// Pull a drawer (prismatic joint) open to a fraction of its travel.
  case openDrawer = "open_drawer"
  /// Push an open drawer in until a fraction of its travel remains open.
  case closeDrawer = "close_drawer"
  /// Swing a door (revolute joint) open to an angle (ARNOLD's OpenCabinet).
  case openDoor = "open_door"
  /// Swing an open door shut to an angle (ARNOLD's CloseCabinet).
  case closeDoor = "close_door"
  /// Tip a fraction of a held container's balls into a bowl (ARNOLD's PourWater).
  case pourBalls = "pour_balls"
  /// Pick up a cup of balls and transfer a fraction into another cup (ARNOLD's TransferWater).
  case transferBalls = "transfer_balls"

  /// The physical quantity the goal names.
  public var quantity: Quantity {
    switch self {
    case .liftObject: return .height
    case .rotateObject: return .rotation
    case .openDrawer, .closeDrawer: return .openness
    case .openDoor, .closeDoor: return .doorAngle
    case .pourBalls, .transferBalls: return .amount
    }
  }

  /// The registered name stem, e.g. `OpenDrawer` (ids are `lang/OpenDrawer-v0`).
  public var idStem: String {
    switch self {
    case .liftObject: return "LiftObject"
    case .rotateObject: return "RotateObject"
    case .openDrawer: return "OpenDrawer"
    case .closeDrawer: return "CloseDrawer"
    case .openDoor: return "OpenDoor"
    case .closeDoor: return "CloseDoor"
    case .pourBalls: return "PourBalls"
    case .transferBalls: return "TransferBalls"
    }
  }
}

/// What a goal value measures, in SI units, and how instructions say it.
public enum Quantity: String, Sendable, Hashable, CaseIterable, Codable {
  /// Height an object is raised above its resting position, in metres (said in centimetres).
  case height
  /// Counter-clockwise rotation of an object from its resting orientation, in radians (said in
  /// degrees or turns).
  case rotation
  /// How far a drawer is open, as a fraction 0...1 of its travel (said in percent or as a
  /// fraction of the way).
  case openness
  /// How far a door is open, in radians from closed (said in degrees or as a fraction of its
  /// 90° swing).
  case doorAngle = "door_angle"
  /// The fraction 0...1 of the balls that ended up in the target (said in percent or a fraction).
  case amount

  /// The value that "all the way", "fully" or "all" names (a door swings 90°).
  public var fullScale: Double {
    switch self {
    case .height: return 1
    case .rotation: return 2 * .pi
    case .openness, .amount: return 1
    case .doorAngle: return .pi / 2
    }
  }

  /// SI units per spoken unit: 0.01 m per cm, π/180 rad per degree, 0.01 per percent.
  public var spokenUnit: Double {
    switch self {
    case .height: return 0.01
    case .rotation, .doorAngle: return .pi / 180
    case .openness, .amount: return 0.01
    }
  }

  /// The name of the spoken unit, for messages: `cm`, `degrees`, `%`.
  public var spokenUnitName: String {
    switch self {
    case .height: return "cm"
    case .rotation, .doorAngle: return "degrees"
    case .openness, .amount: return "%"
    }
  }

  /// The range of spoken numbers an instruction may name (e.g. 0...100 %).
  public var spokenRange: ClosedRange<Double> {
    switch self {
    case .height: return 0...100
    case .rotation: return 0...360
    case .doorAngle: return 0...90
    case .openness, .amount: return 0...100
    }
  }

  /// `value` (SI) in spoken units, e.g. 0.3 → 30 (%).
  @inlinable public func spoken(_ value: Double) -> Double { value / spokenUnit }
  /// A spoken number in SI units, e.g. 45 (degrees) → π/4.
  @inlinable public func si(_ spoken: Double) -> Double { spoken * spokenUnit }
}
