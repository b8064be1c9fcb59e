import GymCore

/// Reads an environment's construction options, with errors that name the option, the
/// environment and what is allowed.
public struct GridOptions {
  /// The options as given.
  public let options: Options
  /// The environment's name, for messages.
  public let name: String

  /// The options every Minigrid environment accepts.
  public static let common = ["max_steps", "see_through_walls", "agent_view_size", "highlight", "tile_size", "agent_pov", "caption"]

  /// Checks that every key is in `allowed` or `common`.
  /// - Throws: `OptionError` naming the unknown key and the allowed ones.
  public init(_ options: Options, name: String, allowed: [String]) throws {
    self.options = options
    self.name = name
    let known = Set(allowed + Self.common)
    if let bad = options.keys.sorted().first(where: { !known.contains($0) }) {
      throw OptionError("unknown option '\(bad)' for \(name); allowed: \((allowed + Self.common).joined(separator: ", "))")
    }
  }

  /// An integer option within `range`.
  public func int(_ key: String, default value: Int, in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int {
    guard let v = options[key] else { return value }
    guard let i = v.intValue else { throw OptionError("option '\(key)' of \(name) must be an integer, got \(v)") }
    guard range.contains(i) else { throw OptionError("option '\(key)' of \(name) must be in \(range.lowerBound)...\(range.upperBound), got \(i)") }
    return i
  }

  /// An optional integer option (`null` or absent gives `value`).
  public func optionalInt(_ key: String, default value: Int?, in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int? {
    guard let v = options[key], v != .null else { return value }
    return try int(key, default: 0, in: range)
  }

  /// A Boolean option.
  public func bool(_ key: String, default value: Bool) throws -> Bool {
    guard let v = options[key] else { return value }
    guard let b = v.boolValue else { throw OptionError("option '\(key)' of \(name) must be true or false, got \(v)") }
    return b
  }

  /// A string option from a fixed set.
  public func string(_ key: String, default value: String?, allowed: [String]) throws -> String? {
    guard let v = options[key], v != .null else { return value }
    guard let s = v.stringValue, allowed.contains(s) else {
      throw OptionError("option '\(key)' of \(name) must be one of \(allowed.joined(separator: ", ")), got \(v)")
    }
    return s
  }

  /// A colour option (`"red"`, …) or `null`.
  public func color(_ key: String, default value: GridColor?) throws -> GridColor? {
    guard let s = try string(key, default: nil, allowed: GridColor.names) else { return value }
    return GridColor(name: s)
  }

  /// A position option `[x, y]`, or `null` for "random" when `value` is given as nil.
  public func point(_ key: String, default value: GridPoint?) throws -> GridPoint? {
    guard let v = options[key] else { return value }
    if v == .null { return nil }
    guard let a = v.arrayValue, a.count == 2, let x = a[0].intValue, let y = a[1].intValue else {
      throw OptionError("option '\(key)' of \(name) must be [x, y] or null, got \(v)")
    }
    return GridPoint(x, y)
  }

  /// The `max_steps` option, or `value` (the environment's formula).
  public func maxSteps(default value: Int) throws -> Int {
    try optionalInt("max_steps", default: value, in: 1...Int.max) ?? value
  }

  /// The world settings every environment shares: `max_steps`, `see_through_walls`,
  /// `agent_view_size` (only 7: the typed observation is 7×7; wrap for other sizes).
  public func world(width: Int, height: Int, maxSteps: Int, seeThroughWalls: Bool) throws -> GridWorld {
    let see = try bool("see_through_walls", default: seeThroughWalls)
    let view = try int("agent_view_size", default: 7, in: 3...63)
    guard view == 7 else {
      throw OptionError("option 'agent_view_size' of \(name) must be 7 for the typed 7×7 observation; use MiniGridWrappers.ViewSize for \(view)")
    }
    return GridWorld(width: width, height: height, maxSteps: try self.maxSteps(default: maxSteps), seeThroughWalls: see, viewSize: view)
  }

  /// The render settings (`highlight`, `tile_size`, `agent_pov`, `caption`).
  public func render() throws -> GridRenderOptions {
    GridRenderOptions(
      highlight: try bool("highlight", default: true), tileSize: try int("tile_size", default: 32, in: 4...256),
      agentPOV: try bool("agent_pov", default: false), caption: try bool("caption", default: true))
  }
}
