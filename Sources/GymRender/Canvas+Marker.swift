/// A scatter-plot marker shape.
public enum Marker: Sendable, Hashable, CaseIterable {
  /// A filled disc.
  case circle
  /// A filled square.
  case square
  /// A filled triangle pointing up.
  case triangle
  /// A filled square standing on a corner.
  case diamond
  /// An ×.
  case cross
  /// A +.
  case plus
}

extension Canvas {
  /// Draws a marker centred on `center` (drawing coordinates); `size` is its width in pixels.
  public mutating func drawMarker(_ marker: Marker, at center: Point, size: Double = 7, color: Color) {
    let c = transform.apply(center)
    let r = size / 2
    withSavedState { canvas in
      canvas.transform = .identity
      switch marker {
      case .circle:
        canvas.fillPixelDisc(center: c, radius: r, color: color)
      case .square:
        canvas.fillPolygon(
          [Point(c.x - r, c.y - r), Point(c.x + r, c.y - r), Point(c.x + r, c.y + r), Point(c.x - r, c.y + r)],
          color: color)
      case .triangle:
        let h = r * 1.15
        canvas.fillPolygon(
          [Point(c.x, c.y - h), Point(c.x + h * 0.866 * 1.15, c.y + h * 0.6), Point(c.x - h * 0.866 * 1.15, c.y + h * 0.6)],
          color: color)
      case .diamond:
        let h = r * 1.3
        canvas.fillPolygon([Point(c.x, c.y - h), Point(c.x + h, c.y), Point(c.x, c.y + h), Point(c.x - h, c.y)], color: color)
      case .cross:
        let w = max(1.5, size / 4)
        canvas.drawLine(from: Point(c.x - r, c.y - r), to: Point(c.x + r, c.y + r), width: w, color: color)
        canvas.drawLine(from: Point(c.x - r, c.y + r), to: Point(c.x + r, c.y - r), width: w, color: color)
      case .plus:
        let w = max(1.5, size / 4)
        canvas.drawLine(from: Point(c.x - r, c.y), to: Point(c.x + r, c.y), width: w, color: color)
        canvas.drawLine(from: Point(c.x, c.y - r), to: Point(c.x, c.y + r), width: w, color: color)
      }
    }
  }
}
