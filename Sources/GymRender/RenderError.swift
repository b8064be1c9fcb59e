/// A failure to encode, decode, read or write an image, with a message saying what and where.
public struct RenderError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What went wrong, naming the file when there is one.
  public var message: String

  /// An error with a message.
  public init(_ message: String) {
    self.message = message
  }

  /// The message.
  public var description: String { message }
}
