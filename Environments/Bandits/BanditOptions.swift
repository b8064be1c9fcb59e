import GymCore

/// Reads construction and reset options with errors that name the option and what is allowed.
struct BanditOptions {
  let options: Options
  let environment: String
  let allowed: [String]

  /// Wraps `options`; throws when a key is not in `allowed`.
  init(_ options: Options, for environment: String, allowed: [String]) throws {
    self.options = options
    self.environment = environment
    self.allowed = allowed
    if let bad = options.keys.sorted().first(where: { !allowed.contains($0) }) {
      let list = allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
      throw OptionError("unknown option '\(bad)' for \(environment); allowed: \(list)")
    }
  }

  /// Throws for any reset option: these environments take none.
  static func rejectResetOptions(_ options: Options, for environment: String) throws {
    if let bad = options.keys.sorted().first {
      throw OptionError("unknown reset option '\(bad)' for \(environment); it takes no reset options")
    }
  }

  func has(_ key: String) -> Bool { options[key] != nil }

  /// A finite number in `range`.
  func double(_ key: String, default value: Double, in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) throws -> Double {
    guard let v = options[key] else { return value }
    guard let d = v.doubleValue, d.isFinite else {
      throw OptionError("option '\(key)' for \(environment) must be a finite number, got \(v)")
    }
    guard range.contains(d) else {
      throw OptionError("option '\(key)' for \(environment) must be in \(Self.describe(range)), got \(JSON.formatDouble(d))")
    }
    return d
  }

  /// An integer in `range`.
  func int(_ key: String, default value: Int, in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int {
    guard let v = options[key] else { return value }
    guard let i = v.intValue else {
      throw OptionError("option '\(key)' for \(environment) must be an integer, got \(v)")
    }
    guard range.contains(i) else {
      let upper = range.upperBound == Int.max ? "" : "\(range.upperBound)"
      throw OptionError("option '\(key)' for \(environment) must be in \(range.lowerBound)...\(upper), got \(i)")
    }
    return i
  }

  /// A Boolean.
  func bool(_ key: String, default value: Bool) throws -> Bool {
    guard let v = options[key] else { return value }
    guard let b = v.boolValue else { throw OptionError("option '\(key)' for \(environment) must be true or false, got \(v)") }
    return b
  }

  /// A non-empty array of finite numbers, each in `range`, with `count` entries when given.
  func doubles(_ key: String, default value: [Double], in range: ClosedRange<Double>? = nil, count: Int? = nil, minCount: Int = 1) throws -> [Double] {
    guard let v = options[key] else { return value }
    guard let a = v.doubleArray, a.allSatisfy(\.isFinite) else {
      throw OptionError("option '\(key)' for \(environment) must be an array of finite numbers, got \(v)")
    }
    if let count, a.count != count {
      throw OptionError("option '\(key)' for \(environment) must have \(count) entries, got \(a.count)")
    }
    guard a.count >= minCount else {
      throw OptionError("option '\(key)' for \(environment) needs at least \(minCount) entries, got \(a.count)")
    }
    if let range, let bad = a.first(where: { !range.contains($0) }) {
      throw OptionError("option '\(key)' for \(environment): every entry must be in \(Self.describe(range)), got \(JSON.formatDouble(bad))")
    }
    return a
  }

  /// A matrix given as an array of equal-length numeric rows.
  func matrix(_ key: String, default value: [[Double]], rows: Int? = nil, columns: Int? = nil) throws -> [[Double]] {
    guard let v = options[key] else { return value }
    guard let outer = v.arrayValue, !outer.isEmpty else {
      throw OptionError("option '\(key)' for \(environment) must be a non-empty array of numeric rows, got \(v)")
    }
    var out: [[Double]] = []
    for (i, row) in outer.enumerated() {
      guard let r = row.doubleArray, r.allSatisfy(\.isFinite), !r.isEmpty else {
        throw OptionError("option '\(key)' for \(environment): row \(i) must be a non-empty array of finite numbers, got \(row)")
      }
      out.append(r)
    }
    let width = out[0].count
    if let bad = out.firstIndex(where: { $0.count != width }) {
      throw OptionError("option '\(key)' for \(environment): row \(bad) has \(out[bad].count) entries, row 0 has \(width)")
    }
    if let rows, out.count != rows {
      throw OptionError("option '\(key)' for \(environment) must have \(rows) rows, got \(out.count)")
    }
    if let columns, width != columns {
      throw OptionError("option '\(key)' for \(environment) must have \(columns) columns, got \(width)")
    }
    return out
  }

  /// One of `choices`.
  func string(_ key: String, default value: String, choices: [String]) throws -> String {
    guard let v = options[key] else { return value }
    guard let s = v.stringValue else { throw OptionError("option '\(key)' for \(environment) must be a string, got \(v)") }
    guard choices.contains(s) else {
      throw OptionError("option '\(key)' for \(environment) must be one of \(choices.joined(separator: ", ")), got '\(s)'")
    }
    return s
  }

  static func describe(_ range: ClosedRange<Double>) -> String {
    let lo = range.lowerBound <= -Double.greatestFiniteMagnitude ? "-inf" : JSON.formatDouble(range.lowerBound)
    let hi = range.upperBound >= Double.greatestFiniteMagnitude ? "inf" : JSON.formatDouble(range.upperBound)
    return "[\(lo), \(hi)]"
  }
}
