import GymCore
import GymRender
import RealModule

extension Pendulum: RenderableEnvironment {
  /// The 500×500 frame Gymnasium draws: a red rod from the centre, a black axle, and an
  /// arrow whose size shows the last torque (clockwise for negative torque).
  public func render() -> Frame {
    var canvas = Canvas(width: 500, height: 500, background: .white)
    draw(on: &canvas)
    return canvas.frame
  }

  /// Draws the scene in Gymnasium's pixel coordinates (y up, flipped on output).
  public func draw(on canvas: inout Canvas) {
    canvas.transform = .flipVertical(height: 500)
    let dim = 500.0, bound = 2.2
    let scale = dim / (bound * 2)
    let offset = (dim / 2).rounded(.down)
    let rodLength = Self.length * scale, rodWidth = 0.2 * scale
    let red = Color(r: 204, g: 77, b: 77)
    let angle = state[0] + Double.pi / 2
    let c = Double.cos(angle), s = Double.sin(angle)
    func place(_ x: Double, _ y: Double) -> Point { Point(x * c - y * s + offset, x * s + y * c + offset) }
    let l = 0.0, r = rodLength, t = rodWidth / 2, b = -rodWidth / 2
    canvas.fillPolygon([place(l, b), place(l, t), place(r, t), place(r, b)], color: red)
    let knob = (rodWidth / 2).rounded(.towardZero)
    canvas.fillCircle(center: Point(offset, offset), radius: knob, color: red)
    let end = place(rodLength, 0)
    canvas.fillCircle(center: Point(end.x.rounded(.towardZero), end.y.rounded(.towardZero)), radius: knob, color: red)

    if let u = lastTorque {
      let size = scale * Double(abs(u)) / 2
      if size >= 1 { drawTorqueArrow(on: &canvas, center: Point(offset, offset), size: size, clockwise: u < 0) }
    }
    canvas.fillCircle(center: Point(offset, offset), radius: (0.05 * scale).rounded(.towardZero), color: .black)
    canvas.transform = .identity
  }

  /// An arc of about 290° with an arrowhead, `size` pixels across, turning clockwise on
  /// screen for negative torque (Gymnasium's `clockwise.png`, mirrored for positive torque).
  func drawTorqueArrow(on canvas: inout Canvas, center: Point, size: Double, clockwise: Bool) {
    let radius = size * 0.45
    let width = max(1, size * 0.03)
    let headLength = size * 0.15, headHalf = size * 0.075
    // In y-up drawing coordinates: start at the top and sweep past the left side.
    let direction = clockwise ? -1.0 : 1.0
    let start = Double.pi / 2
    let tipAngle = start + direction * (1.5 * Double.pi + 0.35)
    let baseAngle = tipAngle - direction * (headLength / radius)
    let steps = 48
    let arc = (0...steps).map { i -> Point in
      let a = start + (baseAngle - start) * Double(i) / Double(steps)
      return Point(center.x + radius * Double.cos(a), center.y + radius * Double.sin(a))
    }
    canvas.strokePolyline(arc, width: width, color: .black, cap: .butt)
    let tip = Point(center.x + radius * Double.cos(tipAngle), center.y + radius * Double.sin(tipAngle))
    let base = arc[steps]
    let normal = Point(Double.cos(baseAngle), Double.sin(baseAngle))
    canvas.fillPolygon([tip, base + normal * headHalf, base - normal * headHalf], color: .black)
  }
}
