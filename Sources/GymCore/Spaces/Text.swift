/// Strings of `minLength...maxLength` characters from a character set: Gymnasium's `Text`.
///
/// Flattens to `maxLength` character indices, padded with `charset.count`.
public struct TextSpace: Space, Hashable {
  /// The shortest allowed length.
  public let minLength: Int
  /// The longest allowed length.
  public let maxLength: Int
  /// The allowed characters, sorted.
  public let charset: [Character]
  let index: [Character: Int]

  /// The default character set: a–z, A–Z, 0–9 (Gymnasium's alphanumeric set).
  public static let alphanumeric: [Character] = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

  /// Strings of `minLength...maxLength` characters from `charset`.
  public init(maxLength: Int, minLength: Int = 1, charset: [Character] = TextSpace.alphanumeric) {
    precondition(minLength >= 0 && maxLength >= minLength, "TextSpace needs 0 <= minLength <= maxLength")
    let sorted = Array(Set(charset)).sorted()
    precondition(!sorted.isEmpty, "TextSpace needs a non-empty charset")
    self.minLength = minLength
    self.maxLength = maxLength
    self.charset = sorted
    self.index = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
  }

  public func sample(using rng: inout some RandomNumberGenerator) -> String {
    let length = Int.random(in: minLength...maxLength, using: &rng)
    return String((0..<length).map { _ in charset[Int.random(in: 0..<charset.count, using: &rng)] })
  }

  public func contains(_ value: String) -> Bool {
    value.count >= minLength && value.count <= maxLength && value.allSatisfy { index[$0] != nil }
  }

  public var flatDimension: Int { maxLength }

  public func flatten(_ value: String, into out: UnsafeMutableBufferPointer<Float>) {
    var i = 0
    for c in value.prefix(maxLength) {
      out[i] = Float(index[c] ?? charset.count)
      i += 1
    }
    while i < maxLength {
      out[i] = Float(charset.count)
      i += 1
    }
  }

  public func unflatten(_ flat: UnsafeBufferPointer<Float>) throws(SpaceError) -> String {
    try checkFlatCount(flat)
    var s = ""
    for x in flat {
      let k = Int(x)
      guard Float(k) == x, k >= 0, k <= charset.count else {
        throw SpaceError("\(self): \(x) is not a character index in 0...\(charset.count)")
      }
      if k == charset.count { break }
      s.append(charset[k])
    }
    return s
  }

  public func encode(_ value: String) -> JSONValue { .string(value) }

  public func decode(_ json: JSONValue) throws(SpaceError) -> String {
    guard let s = json.stringValue else { throw SpaceError("\(self) expects a string, got \(json.kindName)") }
    guard contains(s) else {
      throw SpaceError("\(self): \"\(s)\" must have \(minLength)...\(maxLength) characters from the charset")
    }
    return s
  }

  public var specification: JSONValue {
    ["type": "Text", "min_length": .int(minLength), "max_length": .int(maxLength), "charset": .string(String(charset))]
  }

  public var description: String { "Text(\(minLength), \(maxLength))" }
}
