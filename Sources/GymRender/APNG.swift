import GymCore

/// Builds an animated PNG (APNG): frames are encoded one at a time with libpng and their
/// compressed image data re-packed as `fdAT` chunks, with `acTL`/`fcTL` control chunks.
///
/// Viewers without APNG support show the first frame, which is stored as ordinary `IDAT`.
/// Every frame is full size and replaces the previous one.
public struct APNGEncoder: Sendable {
  /// Playback rate.
  public var framesPerSecond: Double
  /// How many times to play; 0 loops forever.
  public var loopCount: Int
  /// zlib effort for each frame.
  public let compression: PNG.Compression
  /// Size of the animation (set by the first frame), or nil before any frame.
  public private(set) var size: (width: Int, height: Int)?
  /// Chunks copied from the first frame's PNG before its image data (`IHDR`, `sRGB`, …).
  var headerChunks: [PNGChunk] = []
  /// Each frame's concatenated compressed image data.
  var frameData: [[UInt8]] = []

  /// An empty animation.
  /// - Parameters:
  ///   - framesPerSecond: playback rate, > 0.
  ///   - loopCount: plays before stopping; 0 (the default) loops forever.
  ///   - compression: zlib effort per frame; `.fast` by default.
  public init(framesPerSecond: Double = 30, loopCount: Int = 0, compression: PNG.Compression = .fast) {
    precondition(framesPerSecond > 0 && framesPerSecond.isFinite, "frames per second must be positive")
    precondition(loopCount >= 0, "loop count must be non-negative")
    self.framesPerSecond = framesPerSecond
    self.loopCount = loopCount
    self.compression = compression
  }

  /// Frames added so far.
  public var frameCount: Int { frameData.count }

  /// Adds a frame.
  /// - Throws: `RenderError` if its size differs from the first frame's, or encoding fails.
  public mutating func append(_ frame: Frame) throws {
    try append(encodedPNG: PNG.encode(frame, compression: compression, allowPalette: false), width: frame.width, height: frame.height)
  }

  /// Adds a frame already encoded as a PNG of the given size (avoids encoding twice when the
  /// same frame is also written as a file).
  mutating func append(encodedPNG png: [UInt8], width: Int, height: Int) throws {
    if let size, size != (width, height) {
      throw RenderError(
        "APNG frame \(frameCount + 1) is \(width)×\(height) but the animation is \(size.width)×\(size.height)")
    }
    let chunks = try PNGChunks.parse(png)
    var data: [UInt8] = []
    var header: [PNGChunk] = []
    var seenData = false
    for chunk in chunks {
      switch chunk.name {
      case "IDAT":
        data.append(contentsOf: chunk.data)
        seenData = true
      case "IEND":
        break
      default:
        if !seenData { header.append(chunk) }
      }
    }
    if size == nil {
      size = (width, height)
      headerChunks = header
    }
    frameData.append(data)
  }

  /// The APNG byte stream.
  /// - Throws: `RenderError` if no frame was added.
  /// - Complexity: O(total compressed size).
  public func encoded() throws -> [UInt8] {
    guard let size, !frameData.isEmpty else { throw RenderError("an APNG needs at least one frame") }
    var out = PNGChunks.signature
    out.reserveCapacity(frameData.reduce(1024) { $0 + $1.count + 64 })
    var sequence: UInt32 = 0
    let (delayNumerator, delayDenominator) = delay()
    for (k, chunk) in headerChunks.enumerated() {
      PNGChunks.append(chunk.name, chunk.data, to: &out)
      if k == 0 {  // IHDR comes first; acTL must precede the image data.
        var actl: [UInt8] = []
        PNGChunks.appendUInt32(UInt32(frameData.count), to: &actl)
        PNGChunks.appendUInt32(UInt32(loopCount), to: &actl)
        PNGChunks.append("acTL", actl, to: &out)
      }
    }
    for (index, data) in frameData.enumerated() {
      var fctl: [UInt8] = []
      PNGChunks.appendUInt32(sequence, to: &fctl)
      PNGChunks.appendUInt32(UInt32(size.width), to: &fctl)
      PNGChunks.appendUInt32(UInt32(size.height), to: &fctl)
      PNGChunks.appendUInt32(0, to: &fctl)  // x offset
      PNGChunks.appendUInt32(0, to: &fctl)  // y offset
      PNGChunks.appendUInt16(delayNumerator, to: &fctl)
      PNGChunks.appendUInt16(delayDenominator, to: &fctl)
      fctl.append(0)  // dispose: none
      fctl.append(0)  // blend: source
      PNGChunks.append("fcTL", fctl, to: &out)
      sequence += 1
      if index == 0 {
        PNGChunks.append("IDAT", data, to: &out)
      } else {
        var fdat: [UInt8] = []
        fdat.reserveCapacity(data.count + 4)
        PNGChunks.appendUInt32(sequence, to: &fdat)
        fdat.append(contentsOf: data)
        PNGChunks.append("fdAT", fdat, to: &out)
        sequence += 1
      }
    }
    PNGChunks.append("IEND", [], to: &out)
    return out
  }

  /// Writes the animation to `path` atomically.
  /// - Throws: `RenderError` naming `path` and the reason, or if no frame was added.
  public func write(to path: String) throws {
    try RenderFiles.write(encoded(), to: path)
  }

  /// The frame delay as a fraction of a second that fits two 16-bit fields.
  func delay() -> (UInt16, UInt16) {
    let rounded = framesPerSecond.rounded()
    if rounded == framesPerSecond && rounded >= 1 && rounded <= 65535 {
      return (1, UInt16(rounded))
    }
    let milliseconds = min(max((1000 / framesPerSecond).rounded(), 1), 65535)
    return (UInt16(milliseconds), 1000)
  }
}
