#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension Canvas {
  /// Fills a disc, anti-aliased.
  ///
  /// Centre and radius are in drawing coordinates; under a transform that does not keep
  /// circles round (unequal x and y scales, shear) the disc becomes the matching ellipse.
  /// - Parameters:
  ///   - center: centre in drawing coordinates.
  ///   - radius: radius in drawing units (scaled by the transform).
  ///   - color: fill colour.
  /// - Complexity: O(r²) pixels, one square root per edge pixel.
  public mutating func fillCircle(center: Point, radius: Double, color: Color) {
    guard radius > 0, radius.isFinite, color.a > 0 else { return }
    if transform.isConformal {
      fillPixelDisc(center: transform.apply(center), radius: radius * transform.meanScale, color: color)
    } else {
      fillPolygon(ellipsePoints(center: center, radius: radius), color: color)
    }
  }

  /// Outlines a circle with a stroke `width` pixels wide centred on it.
  /// - Parameters:
  ///   - center: centre in drawing coordinates.
  ///   - radius: radius in drawing units (scaled by the transform).
  ///   - width: stroke width in pixels.
  ///   - color: stroke colour.
  public mutating func strokeCircle(center: Point, radius: Double, width: Double = 1, color: Color) {
    let (w, c) = Canvas.effectiveStroke(width, color)
    guard radius > 0, radius.isFinite, w > 0, c.a > 0 else { return }
    if transform.isConformal {
      let r = radius * transform.meanScale
      fillPixelRing(center: transform.apply(center), outer: r + w / 2, inner: max(0, r - w / 2), color: c)
    } else {
      strokePolyline(ellipsePoints(center: center, radius: radius), width: w, color: c, closed: true)
    }
  }

  /// Polygon vertices of a circle in drawing coordinates, dense enough after the transform.
  func ellipsePoints(center: Point, radius: Double) -> [Point] {
    let maxScale = max(
      Point(x: transform.a, y: transform.b).length, Point(x: transform.c, y: transform.d).length)
    let n = max(12, min(256, Int((radius * maxScale * 2).rounded(.up))))
    return (0..<n).map { k in
      let t = Double(k) * 2 * Double.pi / Double(n)
      return Point(x: center.x + radius * cos(t), y: center.y + radius * sin(t))
    }
  }

  /// A disc in pixel coordinates (a square when `square`, for square line caps).
  mutating func fillPixelDisc(center: Point, radius: Double, color: Color, square: Bool = false) {
    if square {
      fillPixelRect(
        x0: center.x - radius, y0: center.y - radius, x1: center.x + radius, y1: center.y + radius,
        color: color)
    } else {
      fillPixelRing(center: center, outer: radius, inner: 0, color: color)
    }
  }

  /// The ring between radii `inner` and `outer` (a disc when `inner` is 0), in pixel
  /// coordinates; a pixel's coverage is estimated from its centre's distance.
  mutating func fillPixelRing(center: Point, outer: Double, inner: Double, color: Color) {
    guard center.x.isFinite, center.y.isFinite, outer > 0, outer < 1e9 else { return }
    let cx = center.x
    let cy = center.y
    let reach = outer + 0.5
    let y0 = Int(max(Double(clip.y0), min(Double(clip.y1), (cy - reach).rounded(.down))))
    let y1 = Int(max(Double(clip.y0), min(Double(clip.y1), (cy + reach).rounded(.up))))
    guard y0 < y1 else { return }
    // Tiny discs: fade by area so a sub-pixel dot is not drawn as a full pixel.
    let fade = outer < 0.5 ? 4 * outer * outer : 1
    let alpha = Double(color.a) / 255 * fade * 256
    let solidOuter = outer - 0.5
    let solidInner = inner > 0 ? inner + 0.5 : -1
    let w = width
    let clipX0 = clip.x0
    let clipX1 = clip.x1
    pixels.withUnsafeMutableBufferPointer { buffer in
      let base = buffer.baseAddress!
      for y in y0..<y1 {
        let dy = Double(y) + 0.5 - cy
        let dy2 = dy * dy
        let spanSq = reach * reach - dy2
        if spanSq <= 0 { continue }
        let half = spanSq.squareRoot()
        let xa = Int(max(Double(clipX0), min(Double(clipX1), (cx - half).rounded(.down))))
        let xb = Int(max(Double(clipX0), min(Double(clipX1), (cx + half).rounded(.up))))
        // Pixels whose centres are within solidOuter − but outside any inner hole − are full.
        var solidA = Int.max
        var solidB = Int.min
        if inner == 0, solidOuter * solidOuter - dy2 > 0 {
          let s = (solidOuter * solidOuter - dy2).squareRoot()
          solidA = Int(max(Double(clipX0), min(Double(clipX1), (cx - s - 0.5).rounded(.up))))
          solidB = Int(max(Double(clipX0) - 1, min(Double(clipX1), (cx + s - 0.5).rounded(.down))))
        }
        let row = base + y * w * 3
        var x = xa
        while x < xb {
          if x >= solidA && x <= solidB {
            let end = min(solidB + 1, xb)
            Canvas.fillSpan(row + x * 3, count: end - x, color, alpha256: Int(alpha.rounded()))
            x = end
            continue
          }
          let dx = Double(x) + 0.5 - cx
          let dist = (dx * dx + dy2).squareRoot()
          var cover = min(max(reach - dist, 0), 1)
          if inner > 0 { cover -= min(max(solidInner - dist, 0), 1) }
          if cover > 0 {
            Canvas.blend(row + x * 3, color, alpha256: Int((cover * alpha).rounded()))
          }
          x += 1
        }
      }
    }
  }
}
