/// Where a text block sits relative to the point it is drawn at.
public struct TextAnchor: Sendable, Hashable {
  /// Horizontal placement of the block relative to the point.
  public enum Horizontal: Sendable, Hashable {
    /// The point is on the left edge; lines are left-aligned.
    case left
    /// The point is at the centre; lines are centred.
    case center
    /// The point is on the right edge; lines are right-aligned.
    case right
  }

  /// Vertical placement of the block relative to the point.
  public enum Vertical: Sendable, Hashable {
    /// The point is on the top edge.
    case top
    /// The point is halfway down.
    case middle
    /// The point is on the first line's baseline.
    case baseline
    /// The point is on the bottom edge (below descenders).
    case bottom
  }

  /// Horizontal placement.
  public var horizontal: Horizontal
  /// Vertical placement.
  public var vertical: Vertical

  /// An anchor from its two placements.
  public init(_ horizontal: Horizontal, _ vertical: Vertical) {
    self.horizontal = horizontal
    self.vertical = vertical
  }

  /// Top-left corner at the point.
  public static let topLeft = TextAnchor(.left, .top)
  /// Top edge centred on the point.
  public static let top = TextAnchor(.center, .top)
  /// Top-right corner at the point.
  public static let topRight = TextAnchor(.right, .top)
  /// Left edge, vertically centred.
  public static let left = TextAnchor(.left, .middle)
  /// Centred on the point.
  public static let center = TextAnchor(.center, .middle)
  /// Right edge, vertically centred.
  public static let right = TextAnchor(.right, .middle)
  /// Bottom-left corner at the point.
  public static let bottomLeft = TextAnchor(.left, .bottom)
  /// Bottom edge centred on the point.
  public static let bottom = TextAnchor(.center, .bottom)
  /// Bottom-right corner at the point.
  public static let bottomRight = TextAnchor(.right, .bottom)
  /// Baseline starting at the point, as in most text APIs.
  public static let baselineLeft = TextAnchor(.left, .baseline)
}

/// The direction text reads in.
public enum TextOrientation: Sendable, Hashable {
  /// Left to right.
  case horizontal
  /// Bottom to top (rotated a quarter turn counter-clockwise), for vertical axis labels.
  case vertical
}

extension Canvas {
  /// Draws text in the built-in bitmap font.
  ///
  /// Only the anchor point goes through the transform; glyphs are always upright pixels
  /// (or a quarter turn for `.vertical`), `scale` pixels per font pixel.
  /// - Parameters:
  ///   - text: the string; `\n` starts a new line, non-ASCII characters become `?`.
  ///   - position: the anchor point in drawing coordinates.
  ///   - scale: integer magnification, ≥ 1.
  ///   - color: text colour (alpha blends).
  ///   - anchor: which point of the text block lands on `position`.
  ///   - background: if set, a box this colour is filled behind the text first, with a
  ///     margin of `2 × scale` pixels.
  ///   - orientation: horizontal, or rotated to read upwards.
  /// - Returns: the pixel rectangle the text occupies (without the background margin).
  /// - Complexity: O(characters × scale²).
  @discardableResult
  public mutating func drawText(
    _ text: String, at position: Point, scale: Int = 1, color: Color = .black,
    anchor: TextAnchor = .topLeft, background: Color? = nil,
    orientation: TextOrientation = .horizontal
  ) -> Rect {
    precondition(scale >= 1, "text scale must be at least 1")
    let (tw, th) = BitmapFont.measure(text, scale: scale)
    guard tw > 0 || th > 0 else { return Rect(x: 0, y: 0, width: 0, height: 0) }
    let anchorPoint = transform.apply(position)
    guard abs(anchorPoint.x) < 1e8, abs(anchorPoint.y) < 1e8 else {  // also rejects NaN
      return Rect(x: 0, y: 0, width: 0, height: 0)
    }
    let vertical = orientation == .vertical
    let boxW = vertical ? th : tw
    let boxH = vertical ? tw : th
    let px = Int(anchorPoint.x.rounded())
    let py = Int(anchorPoint.y.rounded())
    let ox: Int
    switch anchor.horizontal {
    case .left: ox = px
    case .center: ox = px - boxW / 2
    case .right: ox = px - boxW
    }
    let oy: Int
    switch anchor.vertical {
    case .top: oy = py
    case .middle: oy = py - boxH / 2
    case .baseline: oy = vertical ? py - boxH / 2 : py - BitmapFont.baseline * scale
    case .bottom: oy = py - boxH
    }
    if let background, background.a > 0 {
      let m = Double(2 * scale)
      fillPixelRect(
        x0: Double(ox) - m, y0: Double(oy) - m, x1: Double(ox + boxW) + m, y1: Double(oy + boxH) + m,
        color: background)
    }
    guard color.a > 0 else { return Rect(x: Double(ox), y: Double(oy), width: Double(boxW), height: Double(boxH)) }

    // Text-space (u right along the line, v down) to pixel placement.
    let alpha = Int(color.a) + Int(color.a >> 7)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    BitmapFont.rows.withUnsafeBufferPointer { glyphRows in
      for (lineIndex, line) in lines.enumerated() {
        let lineWidth = BitmapFont.measure(String(line), scale: scale).width
        var u: Int
        switch anchor.horizontal {
        case .left: u = 0
        case .center: u = (tw - lineWidth) / 2
        case .right: u = tw - lineWidth
        }
        let v = lineIndex * BitmapFont.lineHeight * scale
        for scalar in line.unicodeScalars {
          let g = BitmapFont.glyphIndex(scalar) * BitmapFont.glyphHeight
          for gy in 0..<BitmapFont.glyphHeight {
            let bits = glyphRows[g + gy]
            if bits == 0 { continue }
            for gx in 0..<BitmapFont.glyphWidth where bits & (0x10 >> UInt8(gx)) != 0 {
              let tu = u + gx * scale
              let tv = v + gy * scale
              if vertical {
                fillPixelBlock(x: ox + tv, y: oy + (tw - tu - scale), w: scale, h: scale, color, alpha)
              } else {
                fillPixelBlock(x: ox + tu, y: oy + tv, w: scale, h: scale, color, alpha)
              }
            }
          }
          u += BitmapFont.advance * scale
        }
      }
    }
    return Rect(x: Double(ox), y: Double(oy), width: Double(boxW), height: Double(boxH))
  }

  /// Blends a `w`×`h` block of whole pixels at (`x`, `y`), clipped.
  @inline(__always)
  mutating func fillPixelBlock(x: Int, y: Int, w: Int, h: Int, _ color: Color, _ alpha256: Int) {
    let x0 = max(x, clip.x0)
    let x1 = min(x + w, clip.x1)
    let y0 = max(y, clip.y0)
    let y1 = min(y + h, clip.y1)
    guard x0 < x1, y0 < y1 else { return }
    let stride = width * 3
    pixels.withUnsafeMutableBufferPointer { buffer in
      for yy in y0..<y1 {
        Canvas.fillSpan(buffer.baseAddress! + yy * stride + x0 * 3, count: x1 - x0, color, alpha256: alpha256)
      }
    }
  }
}
