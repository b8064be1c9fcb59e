/// One PNG chunk: a four-letter type and its data (length and CRC are implied).
struct PNGChunk: Sendable, Hashable {
  /// The type, e.g. `IHDR`, as four ASCII bytes.
  var type: [UInt8]
  /// The payload.
  var data: [UInt8]

  /// The type as a string.
  var name: String { String(decoding: type, as: UTF8.self) }
}

/// Splitting PNG streams into chunks and writing chunks with their CRCs.
enum PNGChunks {
  /// The eight bytes every PNG starts with.
  static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

  /// The chunks of a PNG stream, in order, with lengths and CRCs checked.
  /// - Throws: `RenderError` for a bad signature, truncated chunk or CRC mismatch.
  static func parse(_ bytes: [UInt8]) throws -> [PNGChunk] {
    guard bytes.count >= 8, Array(bytes[0..<8]) == signature else {
      throw RenderError("not a PNG stream: bad signature")
    }
    var chunks: [PNGChunk] = []
    var i = 8
    while i < bytes.count {
      guard i + 12 <= bytes.count else { throw RenderError("truncated PNG chunk at byte \(i)") }
      let length = Int(readUInt32(bytes, i))
      guard length <= bytes.count - i - 12 else { throw RenderError("truncated PNG chunk at byte \(i)") }
      let type = Array(bytes[(i + 4)..<(i + 8)])
      let data = Array(bytes[(i + 8)..<(i + 8 + length)])
      let stored = readUInt32(bytes, i + 8 + length)
      guard CRC32.checksum(bytes[(i + 4)..<(i + 8 + length)]) == stored else {
        throw RenderError("CRC mismatch in PNG chunk \(String(decoding: type, as: UTF8.self)) at byte \(i)")
      }
      chunks.append(PNGChunk(type: type, data: data))
      i += 12 + length
    }
    return chunks
  }

  /// Appends a chunk (length, type, data, CRC) to `out`.
  static func append(_ type: String, _ data: [UInt8], to out: inout [UInt8]) {
    precondition(type.utf8.count == 4, "chunk types are four letters")
    appendUInt32(UInt32(data.count), to: &out)
    let start = out.count
    out.append(contentsOf: type.utf8)
    out.append(contentsOf: data)
    appendUInt32(CRC32.checksum(out[start...]), to: &out)
  }

  /// Big-endian 32-bit integer at `i`.
  static func readUInt32(_ b: [UInt8], _ i: Int) -> UInt32 {
    UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
  }

  /// Appends `v` big-endian.
  static func appendUInt32(_ v: UInt32, to out: inout [UInt8]) {
    out.append(contentsOf: [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)])
  }

  /// Appends `v` big-endian.
  static func appendUInt16(_ v: UInt16, to out: inout [UInt8]) {
    out.append(contentsOf: [UInt8(v >> 8), UInt8(v & 0xFF)])
  }
}

/// CRC-32 as PNG (and zlib, gzip) define it: polynomial 0xEDB88320, reflected, inverted.
public enum CRC32 {
  /// The 256-entry lookup table for one byte at a time.
  static let table: [UInt32] = (0..<256).map { n in
    var c = UInt32(n)
    for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

  /// The CRC-32 of `bytes`; `checksum("123456789".utf8) == 0xCBF43926`.
  /// - Complexity: O(n).
  public static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
    var c: UInt32 = 0xFFFF_FFFF
    table.withUnsafeBufferPointer { t in
      for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
    }
    return c ^ 0xFFFF_FFFF
  }
}
