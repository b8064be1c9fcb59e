/// An error from the quality-diversity package: bad configuration, malformed input, or a file
/// that cannot be read. The message says what was wrong and what is allowed.
public struct QDError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What was wrong and what is allowed.
  public var message: String

  /// An error with this message.
  public init(_ message: String) { self.message = message }

  public var description: String { message }
}

extension QDError {
  /// Throws unless `condition` holds.
  @inline(__always)
  static func require(_ condition: Bool, _ message: @autoclosure () -> String) throws(QDError) {
    if !condition { throw QDError(message()) }
  }
}
