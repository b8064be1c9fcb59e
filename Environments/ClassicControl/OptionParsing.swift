import GymCore

/// Reading construction and reset options with errors that name the option and what is allowed.
enum OptionParsing {
  /// `count` numbers from an option value.
  static func doubles(_ value: JSONValue, count: Int, name: String) throws -> [Double] {
    guard let a = value.doubleArray, a.count == count else {
      throw OptionError("option '\(name)' must be an array of \(count) numbers, got \(value)")
    }
    guard a.allSatisfy(\.isFinite) else { throw OptionError("option '\(name)' must be finite, got \(value)") }
    return a
  }

  /// Throws unless every key of `options` is in `allowed`.
  static func checkKeys(_ options: Options, allowed: [String], what: String) throws {
    if let bad = options.keys.sorted().first(where: { !allowed.contains($0) }) {
      let list = allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
      throw OptionError("unknown \(what) '\(bad)'; allowed: \(list)")
    }
  }

  /// A finite number from `options[key]`, or `fallback` when absent.
  static func number(_ options: Options, _ key: String, default fallback: Double, what: String = "option") throws -> Double {
    guard let v = options[key] else { return fallback }
    guard let d = v.doubleValue, d.isFinite else {
      throw OptionError("\(what) '\(key)' must be a finite number, got \(v)")
    }
    return d
  }

  /// A string from `options[key]` among `allowed`, or `fallback` when absent.
  static func choice(_ options: Options, _ key: String, allowed: [String], default fallback: String) throws -> String {
    guard let v = options[key] else { return fallback }
    guard let s = v.stringValue, allowed.contains(s) else {
      throw OptionError("option '\(key)' must be one of \(allowed.map { "\"\($0)\"" }.joined(separator: ", ")), got \(v)")
    }
    return s
  }

  /// A Boolean from `options[key]`, or `fallback` when absent.
  static func bool(_ options: Options, _ key: String, default fallback: Bool) throws -> Bool {
    guard let v = options[key] else { return fallback }
    guard let b = v.boolValue else { throw OptionError("option '\(key)' must be true or false, got \(v)") }
    return b
  }

  /// Gymnasium's `maybe_parse_reset_bounds`: `low` and `high` from options, with defaults.
  static func resetBounds(_ options: Options, defaultLow: Double, defaultHigh: Double) throws -> (Double, Double) {
    try checkKeys(options, allowed: ["high", "low", "state"], what: "reset option")
    let low = try number(options, "low", default: defaultLow, what: "reset option")
    let high = try number(options, "high", default: defaultHigh, what: "reset option")
    guard low <= high else { throw OptionError("reset option low (\(low)) must not exceed high (\(high))") }
    return (low, high)
  }

  /// The injected internal state (`options["state"]`), when given.
  static func injectedState(_ options: Options, count: Int) throws -> [Double]? {
    guard let v = options["state"] else { return nil }
    return try doubles(v, count: count, name: "state")
  }
}
