import CPNG
import GymCore

/// PNG encoding and decoding through libpng's simplified API (`png_image_*`), which reports
/// errors in its `png_image` instead of `longjmp`, so no libpng error ever unwinds Swift.
public enum PNG {
  /// How hard zlib works.
  ///
  /// Both levels go through a small C function (`cpng_encode_rgb`) that keeps libpng's
  /// `longjmp` on the C side. A frame with at most 256 colours (most rendered scenes) is
  /// written as an indexed PNG, a third of the data.
  public enum Compression: Sendable, Hashable {
    /// Speed first (zlib level 1, run-length matching, no row filters): for per-step frames.
    case fast
    /// Size first (zlib level 9, adaptive row filters for RGB): for figures and anything kept.
    case `default`
  }

  /// Encodes an RGB frame as PNG bytes.
  /// - Throws: `RenderError` with libpng's message if encoding fails.
  /// - Complexity: O(pixels).
  public static func encode(_ frame: Frame, compression: Compression = .default) throws -> [UInt8] {
    try encode(frame, compression: compression, allowPalette: true)
  }

  /// Encodes with or without the indexed-colour form (an APNG's frames must share one colour
  /// type, so the animation encoder asks for RGB).
  static func encode(_ frame: Frame, compression: Compression, allowPalette: Bool) throws -> [UInt8] {
    var size = 0
    var message = [CChar](repeating: 0, count: 256)
    let level: Int32 = compression == .fast ? 1 : 9
    let adaptive: Int32 = compression == .fast ? 0 : 1
    let out = frame.pixels.withUnsafeBufferPointer { px in
      cpng_encode_rgb(px.baseAddress, UInt32(frame.width), UInt32(frame.height), level, allowPalette ? 1 : 0, adaptive, &size, &message, message.count)
    }
    guard let out else {
      let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      throw RenderError("PNG encoding failed: \(text.isEmpty ? "out of memory" : text)")
    }
    defer { cpng_free(out) }
    return [UInt8](UnsafeBufferPointer(start: out, count: size))
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
    try RenderFiles.write(encode(frame, compression: compression), to: path)
  }

  /// Reads and decodes the PNG file at `path`.
  /// - Throws: `RenderError` naming `path` if it cannot be read or decoded.
  public static func read(from path: String) throws -> Frame {
    let bytes = try RenderFiles.read(path)
    do {
      return try decode(bytes)
    } catch let error as RenderError {
      throw RenderError("\(path): \(error.message)")
    }
  }

  /// Writes already-encoded bytes (a PNG or APNG) to `path` atomically.
  /// - Throws: `RenderError` naming `path` and the reason.
  public static func writeBytes(_ bytes: [UInt8], to path: String) throws {
    try RenderFiles.write(bytes, to: path)
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
