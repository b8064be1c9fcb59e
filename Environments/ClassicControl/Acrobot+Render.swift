import GymCore
import GymRender
import RealModule

extension Acrobot: RenderableEnvironment {
  /// The 500×500 frame Gymnasium draws: two teal links with yellow joints and the black
  /// line the tip must rise above.
  public func render() -> Frame {
    var canvas = Canvas(width: 500, height: 500, background: .white)
    draw(on: &canvas)
    return canvas.frame
  }

  /// Draws the scene in Gymnasium's pixel coordinates (y up, flipped on output).
  public func draw(on canvas: inout Canvas) {
    canvas.transform = .flipVertical(height: 500)
    let dim = 500.0
    let bound = Self.linkLength1 + Self.linkLength2 + 0.2
    let scale = dim / (bound * 2)
    let offset = dim / 2
    let s = state
    // Gymnasium swaps the coordinates of the first link's end: (sin θ₁, −cos θ₁)·scale.
    let joints = [Point(0, 0), Point(Self.linkLength1 * Double.sin(s[0]) * scale, -Self.linkLength1 * Double.cos(s[0]) * scale)]
    let angles = [s[0] - Double.pi / 2, s[0] + s[1] - Double.pi / 2]
    let lengths = [Self.linkLength1 * scale, Self.linkLength2 * scale]
    canvas.drawLine(from: Point(-2.2 * scale + offset, scale + offset), to: Point(2.2 * scale + offset, scale + offset), width: 1, color: .black)
    for k in 0..<2 {
      let x = joints[k].x + offset, y = joints[k].y + offset
      let c = Double.cos(angles[k]), sn = Double.sin(angles[k])
      func place(_ px: Double, _ py: Double) -> Point { Point(px * c - py * sn + x, px * sn + py * c + y) }
      let l = 0.0, r = lengths[k], t = 0.1 * scale, b = -0.1 * scale
      canvas.fillPolygon([place(l, b), place(l, t), place(r, t), place(r, b)], color: Color(r: 0, g: 204, b: 204))
      canvas.fillCircle(
        center: Point(x.rounded(.towardZero), y.rounded(.towardZero)), radius: (0.1 * scale).rounded(.towardZero),
        color: Color(r: 204, g: 204, b: 0))
    }
    canvas.transform = .identity
  }
}
