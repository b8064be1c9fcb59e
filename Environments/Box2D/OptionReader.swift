import GymCore

/// Reads construction options, rejecting unknown keys and malformed values with errors that
/// name the option and what is allowed.
struct OptionReader {
  let options: Options
  let environment: String

  /// Checks that every key is one of `allowed`.
  init(_ options: Options, environment: String, allowed: [String]) throws {
    if let bad = options.keys.sorted().first(where: { !allowed.contains($0) }) {
      throw OptionError("unknown option '\(bad)' for \(environment); allowed: \(allowed.joined(separator: ", "))")
    }
    self.options = options
    self.environment = environment
  }

  func bool(_ key: String, default fallback: Bool) throws -> Bool {
    guard let v = options[key] else { return fallback }
    guard let b = v.boolValue else { throw OptionError("option '\(key)' of \(environment) must be true or false, got \(v)") }
    return b
  }

  func double(_ key: String, default fallback: Double) throws -> Double {
    guard let v = options[key] else { return fallback }
    guard let d = v.doubleValue, d.isFinite else { throw OptionError("option '\(key)' of \(environment) must be a finite number, got \(v)") }
    return d
  }
}
