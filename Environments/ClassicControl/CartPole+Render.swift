import GymCore
import GymRender
import RealModule

extension CartPole: RenderableEnvironment {
  /// The 600×400 frame Gymnasium draws: black cart on a track, brown pole, blue axle.
  public func render() -> Frame {
    var canvas = Canvas(width: 600, height: 400, background: .white)
    draw(on: &canvas)
    return canvas.frame
  }

  /// Draws the scene in Gymnasium's pixel coordinates (y up, flipped on output).
  public func draw(on canvas: inout Canvas) {
    canvas.transform = .flipVertical(height: 400)
    let scale = 600 / (Self.xThreshold * 2)
    let poleWidth = 10.0, poleLength = scale * (2 * Self.length)
    let cartWidth = 50.0, cartHeight = 30.0
    let axleOffset = cartHeight / 4
    let cartX = state[0] * scale + 300
    let cartY = 100.0
    canvas.fillPolygon(
      [Point(cartX - cartWidth / 2, cartY - cartHeight / 2), Point(cartX - cartWidth / 2, cartY + cartHeight / 2),
       Point(cartX + cartWidth / 2, cartY + cartHeight / 2), Point(cartX + cartWidth / 2, cartY - cartHeight / 2)],
      color: Color(r: 0, g: 0, b: 0))
    let angle = -state[2]
    let c = Double.cos(angle), s = Double.sin(angle)
    let corners = [(-poleWidth / 2, -poleWidth / 2), (-poleWidth / 2, poleLength - poleWidth / 2),
                   (poleWidth / 2, poleLength - poleWidth / 2), (poleWidth / 2, -poleWidth / 2)]
    let pole = corners.map { (x, y) in Point(x * c - y * s + cartX, x * s + y * c + cartY + axleOffset) }
    canvas.fillPolygon(pole, color: Color(r: 202, g: 152, b: 101))
    canvas.fillCircle(center: Point(cartX.rounded(.towardZero), (cartY + axleOffset).rounded(.towardZero)), radius: poleWidth / 2, color: Color(r: 129, g: 132, b: 203))
    canvas.drawLine(from: Point(0, cartY), to: Point(600, cartY), width: 1, color: Color(r: 0, g: 0, b: 0))
    canvas.transform = .identity
  }
}
