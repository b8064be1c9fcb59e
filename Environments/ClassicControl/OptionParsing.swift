import GymCore

/// Reading reset options with errors that name the option and what is allowed.
enum OptionParsing {
  /// `count` numbers from an option value.
  static func doubles(_ value: JSONValue, count: Int, name: String) throws -> [Double] {
    guard let a = value.doubleArray, a.count == count else {
      throw OptionError("option '\(name)' must be an array of \(count) numbers, got \(value)")
    }
    guard a.allSatisfy(\.isFinite) else { throw OptionError("option '\(name)' must be finite, got \(value)") }
    return a
  }

  /// Gymnasium's `maybe_parse_reset_bounds`: `low` and `high` from options, with defaults.
  static func resetBounds(_ options: Options, defaultLow: Double, defaultHigh: Double) throws -> (Double, Double) {
    let known: Set<String> = ["low", "high", "state"]
    if let unknown = options.keys.first(where: { !known.contains($0) }) {
      throw OptionError("unknown reset option '\(unknown)'; allowed: low, high, state")
    }
    func number(_ key: String, _ fallback: Double) throws -> Double {
      guard let v = options[key] else { return fallback }
      guard let d = v.doubleValue, d.isFinite else {
        throw OptionError("reset option '\(key)' must be a finite number, got \(v)")
      }
      return d
    }
    let low = try number("low", defaultLow)
    let high = try number("high", defaultHigh)
    guard low <= high else { throw OptionError("reset option low (\(low)) must not exceed high (\(high))") }
    return (low, high)
  }
}
