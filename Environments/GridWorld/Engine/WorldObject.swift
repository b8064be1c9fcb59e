/// The kinds of cell content, numbered as channel 0 of Minigrid's observation encoding.
public enum ObjectType: UInt8, Sendable, CaseIterable, CustomStringConvertible {
  /// Not visible (observations only).
  case unseen = 0
  /// An empty cell.
  case empty = 1
  /// A wall: blocks movement and sight.
  case wall = 2
  /// A coloured floor tile the agent can walk on.
  case floor = 3
  /// A door: open, closed or locked.
  case door = 4
  /// A key: opens the locked door of its colour.
  case key = 5
  /// A ball.
  case ball = 6
  /// A box, which may contain another object.
  case box = 7
  /// The goal square: entering it ends the episode with success.
  case goal = 8
  /// Lava: entering it ends the episode with reward 0.
  case lava = 9
  /// The agent (only in full-grid encodings).
  case agent = 10

  /// Minigrid's name for the type (`"key"`, `"door"`, …).
  public var description: String { Self.names[Int(rawValue)] }

  static let names = ["unseen", "empty", "wall", "floor", "door", "key", "ball", "box", "goal", "lava", "agent"]

  /// The type with Minigrid's name `name`, if any.
  public init?(name: String) {
    guard let i = Self.names.firstIndex(of: name) else { return nil }
    self.init(rawValue: UInt8(i))
  }
}

/// The six object colours, numbered as channel 1 of the observation encoding.
public enum GridColor: UInt8, Sendable, CaseIterable, CustomStringConvertible {
  /// (255, 0, 0)
  case red = 0
  /// (0, 255, 0)
  case green = 1
  /// (0, 0, 255)
  case blue = 2
  /// (112, 39, 195)
  case purple = 3
  /// (255, 255, 0)
  case yellow = 4
  /// (100, 100, 100)
  case grey = 5

  /// Minigrid's `COLOR_NAMES`: the colours sorted by name. Random colour draws index this list,
  /// so its order decides which colour a seed produces.
  public static let sampleOrder: [GridColor] = [.blue, .green, .grey, .purple, .red, .yellow]

  /// The colour's name (`"red"`, …).
  public var description: String { Self.names[Int(rawValue)] }

  static let names = ["red", "green", "blue", "purple", "yellow", "grey"]

  /// The colour named `name`, if any.
  public init?(name: String) {
    guard let i = Self.names.firstIndex(of: name) else { return nil }
    self.init(rawValue: UInt8(i))
  }

  /// The colour's RGB value.
  public var rgb: (UInt8, UInt8, UInt8) {
    switch self {
    case .red: (255, 0, 0)
    case .green: (0, 255, 0)
    case .blue: (0, 0, 255)
    case .purple: (112, 39, 195)
    case .yellow: (255, 255, 0)
    case .grey: (100, 100, 100)
    }
  }
}

/// A door's state, numbered as channel 2 of the observation encoding.
public enum DoorState: UInt8, Sendable, CaseIterable {
  /// Open: walkable and see-through.
  case open = 0
  /// Closed: `toggle` opens it.
  case closed = 1
  /// Locked: `toggle` opens it only while carrying a key of the door's colour.
  case locked = 2
}

/// The content of one grid cell, packed into 16 bits: type (4 bits), colour (3), state (2) and
/// an object id (7).
///
/// The low nine bits are what the agent observes, `(type, colour, state)`; the id gives
/// movable objects and doors an identity, as Python object identity does in Minigrid (BabyAI's
/// verifiers track *which* red ball was described). Ids are assigned by `GridWorld` when an
/// object is put into the world; `0` means "no identity" (walls, floor, goal, lava, empty).
@frozen
public struct WorldObject: Hashable, Sendable, CustomStringConvertible {
  /// The packed bits.
  public var raw: UInt16

  /// An object from its packed bits.
  @inlinable public init(raw: UInt16) { self.raw = raw }

  /// An object of `type`, `color` and `state` without an id.
  @inlinable
  public init(_ type: ObjectType, _ color: GridColor, state: UInt8 = 0) {
    raw = UInt16(type.rawValue) | UInt16(color.rawValue) << 4 | UInt16(state & 3) << 7
  }

  /// An empty cell.
  public static let empty = WorldObject(raw: 1)
  /// A grey wall: also what cells beyond the map read as.
  public static let wall = WorldObject(.wall, .grey)
  /// The green goal square.
  public static let goal = WorldObject(.goal, .green)
  /// Lava (colour index red, drawn orange).
  public static let lava = WorldObject(.lava, .red)
  /// "Nothing" in a carrying slot or a box.
  public static let none = WorldObject(raw: 0)

  /// A key.
  @inlinable public static func key(_ color: GridColor) -> WorldObject { WorldObject(.key, color) }
  /// A ball.
  @inlinable public static func ball(_ color: GridColor) -> WorldObject { WorldObject(.ball, color) }
  /// A box (its contents are set with `GridWorld.setContents`).
  @inlinable public static func box(_ color: GridColor) -> WorldObject { WorldObject(.box, color) }
  /// A door, closed unless stated.
  @inlinable public static func door(_ color: GridColor, _ state: DoorState = .closed) -> WorldObject {
    WorldObject(.door, color, state: state.rawValue)
  }
  /// A wall of a colour.
  @inlinable public static func wall(_ color: GridColor) -> WorldObject { WorldObject(.wall, color) }
  /// A floor tile (blue by default, as Minigrid's).
  @inlinable public static func floor(_ color: GridColor = .blue) -> WorldObject { WorldObject(.floor, color) }

  /// The type (channel 0).
  @inlinable public var type: ObjectType { ObjectType(rawValue: UInt8(raw & 0xF)) ?? .unseen }
  /// The raw type index.
  @inlinable public var typeIndex: UInt8 { UInt8(raw & 0xF) }
  /// The colour (channel 1).
  @inlinable public var color: GridColor {
    get { GridColor(rawValue: UInt8((raw >> 4) & 7)) ?? .red }
    set { raw = (raw & ~0x70) | UInt16(newValue.rawValue) << 4 }
  }
  /// The state (channel 2): a door's `DoorState`, 0 for everything else.
  @inlinable public var state: UInt8 {
    get { UInt8((raw >> 7) & 3) }
    set { raw = (raw & ~0x180) | UInt16(newValue & 3) << 7 }
  }
  /// The identity (0: none).
  @inlinable public var id: UInt8 { UInt8(raw >> 9) }
  /// The observable part: type, colour and state.
  @inlinable public var code: UInt16 { raw & 0x1FF }
  /// Whether this is nothing at all (an empty carrying slot or box).
  @inlinable public var isNone: Bool { raw == 0 }
  /// Whether the cell is empty.
  @inlinable public var isEmpty: Bool { raw == 1 }

  /// Whether the agent can stand on it: empty, floor, goal, lava or an open door.
  @inlinable public var canOverlap: Bool {
    let t = raw & 0xF
    return (0x30A >> t) & 1 != 0 || (t == 4 && (raw >> 7) & 3 == 0)
  }
  /// Whether the agent can pick it up: keys, balls and boxes.
  @inlinable public var canPickup: Bool {
    let t = raw & 0xF
    return t == 5 || t == 6 || t == 7
  }
  /// Whether sight passes through it: everything but walls and closed or locked doors.
  @inlinable public var seeBehind: Bool {
    let t = raw & 0xF
    return !(t == 2 || (t == 4 && (raw >> 7) & 3 != 0))
  }
  /// Whether it is a door that is open.
  @inlinable public var isOpenDoor: Bool { raw & 0xF == 4 && (raw >> 7) & 3 == 0 }

  /// The same object as an open, closed or locked door.
  @inlinable public func withDoorState(_ s: DoorState) -> WorldObject {
    var o = self
    o.state = s.rawValue
    return o
  }

  /// The object without its identity.
  @inlinable public var withoutID: WorldObject { WorldObject(raw: raw & 0x1FF) }

  /// `"red key"`, `"open blue door"`, `"wall"`, `"empty"`.
  public var description: String {
    switch type {
    case .empty: return "empty"
    case .wall: return color == .grey ? "wall" : "\(color) wall"
    case .goal: return "goal"
    case .lava: return "lava"
    case .door:
      let s = ["open", "closed", "locked"][Int(min(state, 2))]
      return "\(s) \(color) door"
    case .unseen: return isNone ? "nothing" : "unseen"
    default: return "\(color) \(type)"
    }
  }
}
