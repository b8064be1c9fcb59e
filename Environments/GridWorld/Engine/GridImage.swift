/// Minigrid's 7×7×3 observation image, stored inline (no heap allocation).
///
/// Indexed as Minigrid indexes it: `[x][y][channel]`, x across the agent's view (0 = far
/// left), y from the far row (0) to the agent's row (6); the agent sits at (3, 6) facing
/// row 0. Channels are (type, colour, state); unseen cells are (0, 0, 0). `bytes` gives the
/// 147 bytes in NumPy's C order, the order `obs["image"].flatten()` has.
@frozen
public struct GridImage: Hashable, Sendable, CustomStringConvertible {
  /// The side of the view.
  public static let side = 7
  /// Bytes of image data: 7 × 7 × 3.
  public static let byteCount = 147

  // 160 bytes of inline storage; bytes 147..<160 stay zero.
  @usableFromInline var a: SIMD64<UInt8> = .zero
  @usableFromInline var b: SIMD64<UInt8> = .zero
  @usableFromInline var c: SIMD32<UInt8> = .zero

  /// An all-unseen image.
  @inlinable public init() {}

  /// An image from 147 bytes in `[x][y][channel]` order.
  /// - Precondition: `bytes.count == 147`.
  public init(bytes: [UInt8]) {
    precondition(bytes.count == Self.byteCount, "a GridImage needs 147 bytes, got \(bytes.count)")
    withUnsafeMutableBytes { raw in
      for i in 0..<Self.byteCount { raw[i] = bytes[i] }
    }
  }

  /// Calls `body` with the 160 bytes of storage (the first 147 are the image).
  @inlinable
  public mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
    try Swift.withUnsafeMutableBytes(of: &self) { try body($0) }
  }

  /// Calls `body` with the 147 image bytes.
  @inlinable
  public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try Swift.withUnsafeBytes(of: self) { try body(UnsafeRawBufferPointer(rebasing: $0[0..<Self.byteCount])) }
  }

  /// The 147 bytes in `[x][y][channel]` order.
  public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

  /// One channel of one cell.
  @inlinable
  public subscript(x: Int, y: Int, channel: Int) -> UInt8 {
    get {
      precondition(x >= 0 && x < 7 && y >= 0 && y < 7 && channel >= 0 && channel < 3, "GridImage index out of range")
      return withUnsafeBytes { $0[(x * 7 + y) * 3 + channel] }
    }
    set {
      precondition(x >= 0 && x < 7 && y >= 0 && y < 7 && channel >= 0 && channel < 3, "GridImage index out of range")
      withUnsafeMutableBytes { $0[(x * 7 + y) * 3 + channel] = newValue }
    }
  }

  /// The (type, colour, state) triple of one cell.
  @inlinable
  public subscript(x: Int, y: Int) -> (type: UInt8, color: UInt8, state: UInt8) {
    (self[x, y, 0], self[x, y, 1], self[x, y, 2])
  }

  /// The view as rows of two-letter cells (far row first), `..` unseen, `  ` empty, as
  /// `GridWorld.asciiGrid` draws the map.
  public var description: String {
    var s = ""
    for y in 0..<7 {
      for x in 0..<7 {
        let (t, c, st) = self[x, y]
        s += CellText.code(type: t, color: c, state: st)
      }
      if y < 6 { s += "\n" }
    }
    return s
  }
}

/// Two-character cell names for text renderings.
enum CellText {
  static func code(type: UInt8, color: UInt8, state: UInt8) -> String {
    let colorLetter = ["R", "G", "B", "P", "Y", "E"][Int(min(color, 5))]
    switch type {
    case 0: return ".."
    case 1: return "  "
    case 2: return "WW"
    case 3: return "F" + colorLetter
    case 4: return state == 0 ? "_" + colorLetter : (state == 2 ? "L" + colorLetter : "D" + colorLetter)
    case 5: return "K" + colorLetter
    case 6: return "A" + colorLetter
    case 7: return "B" + colorLetter
    case 8: return "GG"
    case 9: return "VV"
    case 10: return [">>", "VV", "<<", "^^"][Int(state & 3)]
    default: return "??"
    }
  }
}
