/// An 8-bit RGB image in row-major order: what `rgb_array` rendering returns (H×W×3 bytes).
///
/// The rendering module draws into frames and writes them as PNG; the core only stores them.
public struct Frame: Sendable, Hashable {
  /// Width in pixels.
  public let width: Int
  /// Height in pixels.
  public let height: Int
  /// `height * width * 3` bytes: R, G, B for each pixel, rows top to bottom.
  public var pixels: [UInt8]

  /// A frame filled with one colour.
  public init(width: Int, height: Int, fill: (UInt8, UInt8, UInt8) = (255, 255, 255)) {
    precondition(width > 0 && height > 0, "frame size must be positive")
    self.width = width
    self.height = height
    var p = [UInt8](repeating: 0, count: width * height * 3)
    for i in stride(from: 0, to: p.count, by: 3) {
      p[i] = fill.0
      p[i + 1] = fill.1
      p[i + 2] = fill.2
    }
    pixels = p
  }

  /// A frame over existing pixel bytes.
  /// - Precondition: `pixels.count == width * height * 3`.
  public init(width: Int, height: Int, pixels: [UInt8]) {
    precondition(pixels.count == width * height * 3, "pixel buffer must hold width*height*3 bytes")
    self.width = width
    self.height = height
    self.pixels = pixels
  }

  /// The colour at (`x`, `y`), origin at the top left.
  public subscript(x: Int, y: Int) -> (UInt8, UInt8, UInt8) {
    let i = (y * width + x) * 3
    return (pixels[i], pixels[i + 1], pixels[i + 2])
  }
}
