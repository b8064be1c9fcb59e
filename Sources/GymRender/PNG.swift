import CPNG
import GymCore

/// PNG encoding and decoding through libpng's simplified API (`png_image_*`), which reports
/// errors in its `png_image` instead of `longjmp`, so no libpng error ever unwinds Swift.
public enum PNG {
  /// How hard zlib works.
  ///
  /// libpng's simplified API offers two settings, not a free zlib level: `.fast` sets
  /// `PNG_IMAGE_FLAG_FAST` (zlib level 3, no row filtering: roughly 2–4× faster to write,
  /// larger files) and `.default` leaves libpng's defaults (zlib level 6, adaptive filters).
  public enum Compression: Sendable, Hashable {
    /// Speed first: for per-step frames and intermediate files.
    case fast
    /// Size first: for figures and anything kept.
    case `default`
  }

  /// Encodes an RGB frame as PNG bytes.
  /// - Throws: `RenderError` with libpng's message if encoding fails.
  /// - Complexity: O(pixels).
  public static func encode(_ frame: Frame, compression: Compression = .default) throws -> [UInt8] {
    let raw = (frame.width * 3 + 1) * frame.height
    return try encode(frame, compression: compression, initialCapacity: raw + raw / 8 + 4096)
  }

  /// Encodes into a buffer of `initialCapacity` bytes, retrying once with the size libpng
  /// asks for if that is too small.
  static func encode(_ frame: Frame, compression: Compression, initialCapacity: Int) throws -> [UInt8] {
    var image = png_image()
    image.version = UInt32(PNG_IMAGE_VERSION)
    image.width = UInt32(frame.width)
    image.height = UInt32(frame.height)
    image.format = UInt32(PNG_FORMAT_RGB)
    image.flags = compression == .fast ? UInt32(PNG_IMAGE_FLAG_FAST) : 0
    let rowStride = Int32(frame.width * 3)
    var capacity = max(1, initialCapacity)
    for _ in 0..<2 {
      let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
      defer { buffer.deallocate() }
      var size = capacity
      let ok = frame.pixels.withUnsafeBytes { px in
        png_image_write_to_memory(&image, buffer.baseAddress, &size, 0, px.baseAddress, rowStride, nil)
      }
      if ok != 0 {
        return [UInt8](UnsafeRawBufferPointer(rebasing: buffer[0..<size]))
      }
      png_image_free(&image)
      // A too-small buffer reports the size it needed; anything else is an error.
      guard size > capacity else { break }
      capacity = size
      image.warning_or_error = 0
      image.opaque = nil
    }
    throw RenderError("PNG encoding failed: \(message(of: image))")
  }

  /// Decodes PNG bytes into an RGB frame; any alpha is composited over `background`,
  /// 16-bit and palette images are converted to 8-bit RGB.
  /// - Throws: `RenderError` with libpng's message for data that is not a valid PNG.
  /// - Complexity: O(pixels).
  public static func decode(_ bytes: [UInt8], background: Color = .white) throws -> Frame {
    var image = png_image()
    image.version = UInt32(PNG_IMAGE_VERSION)
    defer { png_image_free(&image) }
    return try bytes.withUnsafeBytes { data -> Frame in
      guard png_image_begin_read_from_memory(&image, data.baseAddress, data.count) != 0 else {
        throw RenderError("not a readable PNG: \(message(of: image))")
      }
      let w = Int(image.width)
      let h = Int(image.height)
      guard w > 0, h > 0, w <= 1 << 16, h <= 1 << 16, w * h <= 1 << 28 else {
        throw RenderError("PNG is \(w)×\(h); at most 65536 on a side and 2^28 pixels are supported")
      }
      image.format = UInt32(PNG_FORMAT_RGB)
      var pixels = [UInt8](repeating: 0, count: w * h * 3)
      var bg = png_color(red: background.r, green: background.g, blue: background.b)
      let ok = pixels.withUnsafeMutableBytes { out in
        png_image_finish_read(&image, &bg, out.baseAddress, Int32(w * 3), nil)
      }
      guard ok != 0 else { throw RenderError("PNG decoding failed: \(message(of: image))") }
      return Frame(width: w, height: h, pixels: pixels)
    }
  }

  /// Encodes `frame` and writes it to `path` atomically: a temporary file in the same
  /// directory is renamed over `path` only once complete, so a failure (unwritable
  /// directory, full disk) leaves no partial file under `path`.
  /// - Throws: `RenderError` naming `path` and the reason.
  public static func write(_ frame: Frame, to path: String, compression: Compression = .default) throws {
    try AtomicFile.write(encode(frame, compression: compression), to: path)
  }

  /// Reads and decodes the PNG file at `path`.
  /// - Throws: `RenderError` naming `path` if it cannot be read or decoded.
  public static func read(from path: String) throws -> Frame {
    let bytes = try AtomicFile.read(path)
    do {
      return try decode(bytes)
    } catch let error as RenderError {
      throw RenderError("\(path): \(error.message)")
    }
  }

  /// Writes already-encoded bytes (a PNG or APNG) to `path` atomically.
  /// - Throws: `RenderError` naming `path` and the reason.
  public static func writeBytes(_ bytes: [UInt8], to path: String) throws {
    try AtomicFile.write(bytes, to: path)
  }

  /// libpng's NUL-terminated message from a `png_image`.
  static func message(of image: png_image) -> String {
    var copy = image.message
    let text = withUnsafeBytes(of: &copy) { raw -> String in
      let bytes = raw.prefix { $0 != 0 }
      return String(decoding: bytes, as: UTF8.self)
    }
    return text.isEmpty ? "unknown libpng error" : text
  }
}
