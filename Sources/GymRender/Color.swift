/// An 8-bit sRGB colour with straight (non-premultiplied) alpha.
///
/// Canvases store opaque RGB pixels; a colour's alpha says how strongly it is blended over
/// what is already there (255 replaces, 0 leaves the pixel unchanged).
public struct Color: Sendable, Hashable {
  /// Red, 0–255.
  public var r: UInt8
  /// Green, 0–255.
  public var g: UInt8
  /// Blue, 0–255.
  public var b: UInt8
  /// Opacity, 0 (transparent) – 255 (opaque).
  public var a: UInt8

  /// A colour from its components.
  public init(r: UInt8, g: UInt8, b: UInt8, a: UInt8 = 255) {
    self.r = r
    self.g = g
    self.b = b
    self.a = a
  }

  /// A colour from a `0xRRGGBB` literal, e.g. `Color(hex: 0x1F77B4)`.
  /// - Parameters:
  ///   - hex: the red, green and blue bytes packed as `0xRRGGBB`.
  ///   - alpha: the opacity, 0–255.
  public init(hex: UInt32, alpha: UInt8 = 255) {
    self.init(
      r: UInt8(truncatingIfNeeded: hex >> 16), g: UInt8(truncatingIfNeeded: hex >> 8),
      b: UInt8(truncatingIfNeeded: hex), a: alpha)
  }

  /// A grey level, 0 (black) – 255 (white).
  public init(gray: UInt8, alpha: UInt8 = 255) {
    self.init(r: gray, g: gray, b: gray, a: alpha)
  }

  /// This colour with another opacity.
  /// - Parameter opacity: the new alpha as a fraction, clamped to 0...1.
  public func withOpacity(_ opacity: Double) -> Color {
    var c = self
    c.a = UInt8((min(max(opacity, 0), 1) * 255).rounded())
    return c
  }

  /// The colour a fraction `t` of the way from `self` to `other` (all four channels).
  /// - Parameter t: 0 gives `self`, 1 gives `other`; clamped to 0...1.
  public func mixed(with other: Color, _ t: Double) -> Color {
    let t = min(max(t.isNaN ? 0 : t, 0), 1)
    func mix(_ x: UInt8, _ y: UInt8) -> UInt8 {
      UInt8((Double(x) + (Double(y) - Double(x)) * t).rounded())
    }
    return Color(r: mix(r, other.r), g: mix(g, other.g), b: mix(b, other.b), a: mix(a, other.a))
  }

  /// The colour as an `(r, g, b)` tuple, as `Frame` stores pixels.
  public var rgb: (UInt8, UInt8, UInt8) { (r, g, b) }
}

// MARK: - Named colours

extension Color {
  /// Opaque white.
  public static let white = Color(r: 255, g: 255, b: 255)
  /// Opaque black.
  public static let black = Color(r: 0, g: 0, b: 0)
  /// Fully transparent (drawing with it changes nothing).
  public static let clear = Color(r: 0, g: 0, b: 0, a: 0)
  /// Pure red.
  public static let red = Color(r: 255, g: 0, b: 0)
  /// Pure green.
  public static let green = Color(r: 0, g: 255, b: 0)
  /// Pure blue.
  public static let blue = Color(r: 0, g: 0, b: 255)
  /// Middle grey.
  public static let gray = Color(gray: 128)
  /// A light grey for grid lines and empty cells.
  public static let lightGray = Color(gray: 220)
  /// A dark grey for axes and text.
  public static let darkGray = Color(gray: 64)

  /// Ten distinguishable colours for data series, in order of use
  /// (blue, orange, green, red, purple, brown, pink, grey, olive, cyan).
  public static let palette: [Color] = [
    Color(hex: 0x1F77B4), Color(hex: 0xFF7F0E), Color(hex: 0x2CA02C), Color(hex: 0xD62728),
    Color(hex: 0x9467BD), Color(hex: 0x8C564B), Color(hex: 0xE377C2), Color(hex: 0x7F7F7F),
    Color(hex: 0xBCBD22), Color(hex: 0x17BECF),
  ]

  /// The `index`-th palette colour, cycling when there are more series than colours.
  public static func series(_ index: Int) -> Color {
    palette[((index % palette.count) + palette.count) % palette.count]
  }
}
