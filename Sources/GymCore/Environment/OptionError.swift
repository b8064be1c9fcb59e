/// A reset or construction option that is unknown or malformed.
public struct OptionError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What was wrong and what is allowed.
  public var message: String
  /// An error with this message.
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
