import Foundation
import GymCore
import Testing

@testable import GymRender

/// A fresh empty directory under the system temporary directory.
func makeTemporaryDirectory(_ label: String = "GymRenderTests") throws -> String {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("\(label)-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// Deletes a directory made by `makeTemporaryDirectory`, restoring write permission first.
func removeTemporaryDirectory(_ path: String) {
  chmod(path, 0o755)
  try? FileManager.default.removeItem(atPath: path)
}

/// Names of the entries in a directory, sorted.
func directoryListing(_ path: String) throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: path).sorted()
}

/// A deterministic pseudo-random byte sequence (xorshift64*), for test images.
struct TestBytes {
  var state: UInt64
  init(seed: UInt64) { state = seed | 1 }
  mutating func next() -> UInt8 {
    state ^= state >> 12
    state ^= state << 25
    state ^= state >> 27
    return UInt8(truncatingIfNeeded: (state &* 0x2545_F491_4F6C_DD1D) >> 56)
  }
}

/// A frame of noise.
func noiseFrame(width: Int, height: Int, seed: UInt64) -> Frame {
  var bytes = TestBytes(seed: seed)
  return Frame(width: width, height: height, pixels: (0..<(width * height * 3)).map { _ in bytes.next() })
}

/// Total "ink" of a canvas drawn in black on white: Σ (255 − red) / 255 over all pixels, in
/// pixel areas.
func ink(_ frame: Frame) -> Double {
  var sum = 0
  for i in stride(from: 0, to: frame.pixels.count, by: 3) { sum += 255 - Int(frame.pixels[i]) }
  return Double(sum) / 255
}

// MARK: - Independent PNG chunk reading (does not use GymRender's parser or CRC table)

/// Bit-at-a-time CRC-32, written separately from `CRC32` so tests check one against the other.
func bitwiseCRC32(_ bytes: some Sequence<UInt8>) -> UInt32 {
  var c: UInt32 = 0xFFFF_FFFF
  for b in bytes {
    c ^= UInt32(b)
    for _ in 0..<8 { c = (c >> 1) ^ (0xEDB8_8320 & (0 &- (c & 1))) }
  }
  return ~c
}

struct TestChunk {
  var type: String
  var data: [UInt8]
  var crcValid: Bool
}

func be32(_ b: [UInt8], _ i: Int) -> UInt32 {
  UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
}

func be16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) << 8 | UInt16(b[i + 1]) }

/// Splits a PNG stream into chunks, checking each CRC with `bitwiseCRC32`.
func readChunks(_ png: [UInt8]) -> [TestChunk] {
  precondition(png.count >= 8 && png[0] == 0x89 && png[1] == 0x50, "not a PNG")
  var chunks: [TestChunk] = []
  var i = 8
  while i + 12 <= png.count {
    let n = Int(be32(png, i))
    let type = String(decoding: png[(i + 4)..<(i + 8)], as: UTF8.self)
    let data = Array(png[(i + 8)..<(i + 8 + n)])
    let crc = be32(png, i + 8 + n)
    chunks.append(TestChunk(type: type, data: data, crcValid: bitwiseCRC32(png[(i + 4)..<(i + 8 + n)]) == crc))
    i += 12 + n
  }
  return chunks
}

/// A PNG stream built from chunks, with CRCs from `bitwiseCRC32`.
func writeChunks(_ chunks: [(String, [UInt8])]) -> [UInt8] {
  var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
  for (type, data) in chunks {
    let n = UInt32(data.count)
    out += [UInt8(n >> 24), UInt8((n >> 16) & 0xFF), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)]
    let body = Array(type.utf8) + data
    out += body
    let c = bitwiseCRC32(body)
    out += [UInt8(c >> 24), UInt8((c >> 16) & 0xFF), UInt8((c >> 8) & 0xFF), UInt8(c & 0xFF)]
  }
  return out
}

// MARK: - Golden images

/// Compares rendered frames with the committed PNGs in `Tests/GymRenderTests/Golden/`.
///
/// With `GYM_UPDATE_GOLDEN=1` in the environment nothing is compared: every image is written
/// to a temporary directory (printed) so it can be inspected and copied into `Golden/`.
enum Golden {
  /// Largest allowed difference in any channel of a pixel.
  static let channelTolerance = 4
  /// Pixels allowed beyond the tolerance (platform libm differences can flip a few edge
  /// pixels), as a fraction of all pixels.
  static let outlierFraction = 0.001

  /// The bundled copy of `Golden/` (declared as a resource), else the source folder.
  static let directory: String = {
    if let bundled = Bundle.module.path(forResource: "Golden", ofType: nil) { return bundled }
    let file = #filePath
    return String(file[..<file.lastIndex(of: "/")!]) + "/Golden"
  }()

  static let updateDirectory: String? = {
    guard ProcessInfo.processInfo.environment["GYM_UPDATE_GOLDEN"] == "1" else { return nil }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("GymRenderGolden").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    print("GYM_UPDATE_GOLDEN=1: writing golden candidates to \(path)")
    return path
  }()

  /// Checks `frame` against `Golden/<name>.png`.
  static func check(_ frame: Frame, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    if let updateDirectory {
      try PNG.write(frame, to: "\(updateDirectory)/\(name).png")
      return
    }
    let path = "\(directory)/\(name).png"
    guard FileManager.default.fileExists(atPath: path) else {
      Issue.record("missing golden image \(path); run with GYM_UPDATE_GOLDEN=1 to generate candidates", sourceLocation: sourceLocation)
      return
    }
    let expected = try PNG.read(from: path)
    try #require(
      expected.width == frame.width && expected.height == frame.height,
      "\(name): rendered \(frame.width)×\(frame.height), golden is \(expected.width)×\(expected.height)",
      sourceLocation: sourceLocation)
    var outliers = 0
    var worst = 0
    var first: (Int, Int)?
    for p in 0..<(frame.width * frame.height) {
      var d = 0
      for ch in 0..<3 { d = max(d, abs(Int(frame.pixels[p * 3 + ch]) - Int(expected.pixels[p * 3 + ch]))) }
      worst = max(worst, d)
      if d > channelTolerance {
        outliers += 1
        if first == nil { first = (p % frame.width, p / frame.width) }
      }
    }
    let allowed = Int(Double(frame.width * frame.height) * outlierFraction)
    if outliers > allowed {
      let actual = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-actual.png").path
      try? PNG.write(frame, to: actual)
      let message = "\(name): \(outliers) pixels differ by more than \(channelTolerance) (allowed \(allowed)); "
        + "largest difference \(worst), first at \(first!); actual image written to \(actual)"
      Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
  }
}
