import GymCore
import GymRender
import RealModule

extension MountainCar: RenderableEnvironment {
  /// The 600×400 frame Gymnasium draws: the hill, the car, the flag at the goal.
  public func render() -> Frame {
    MountainCarScene.render(position: state[0], goalPosition: Self.goalPosition)
  }
}

extension MountainCarContinuous: RenderableEnvironment {
  /// The 600×400 frame Gymnasium draws: the hill, the car, the flag at the goal (0.45).
  public func render() -> Frame {
    MountainCarScene.render(position: state[0], goalPosition: Self.goalPosition)
  }
}

/// The drawing shared by both mountain cars, in Gymnasium's pixel coordinates (y up).
enum MountainCarScene {
  static let width = 600.0, height = 400.0

  /// The hill's height at `x`: `0.45·sin(3x) + 0.55`.
  static func hillHeight(_ x: Double) -> Double { Double.sin(3 * x) * 0.45 + 0.55 }

  static func render(position: Double, goalPosition: Double) -> Frame {
    var canvas = Canvas(width: Int(width), height: Int(height), background: .white)
    draw(on: &canvas, position: position, goalPosition: goalPosition)
    return canvas.frame
  }

  static func draw(on canvas: inout Canvas, position: Double, goalPosition: Double) {
    canvas.transform = .flipVertical(height: height)
    let minX = MountainCar.minPosition
    let scale = width / (MountainCar.maxPosition - minX)
    // The track: 100 points across the world, anti-aliased.
    let track = (0..<100).map { i -> Point in
      let x = minX + (MountainCar.maxPosition - minX) * Double(i) / 99
      return Point((x - minX) * scale, hillHeight(x) * scale)
    }
    canvas.strokePolyline(track, width: 1, color: .black)

    // The car: a 40×20 body tilted by cos(3x) radians, 10 px above the track.
    let clearance = 10.0, carWidth = 40.0, carHeight = 20.0
    let angle = Double.cos(3 * position)
    let c = Double.cos(angle), s = Double.sin(angle)
    let baseX = (position - minX) * scale, baseY = clearance + hillHeight(position) * scale
    func place(_ x: Double, _ y: Double) -> Point { Point(x * c - y * s + baseX, x * s + y * c + baseY) }
    let l = -carWidth / 2, r = carWidth / 2, t = carHeight, b = 0.0
    canvas.fillPolygon([place(l, b), place(l, t), place(r, t), place(r, b)], color: .black)
    for wheelX in [carWidth / 4, -carWidth / 4] {
      let p = place(wheelX, 0)
      canvas.fillCircle(
        center: Point(p.x.rounded(.towardZero), p.y.rounded(.towardZero)), radius: (carHeight / 2.5).rounded(.towardZero),
        color: Color(r: 128, g: 128, b: 128))
    }

    // The flag: a pole 50 px high and a yellow pennant.
    let flagX = ((goalPosition - minX) * scale).rounded(.towardZero)
    let flagY1 = (hillHeight(goalPosition) * scale).rounded(.towardZero)
    let flagY2 = flagY1 + 50
    canvas.drawLine(from: Point(flagX, flagY1), to: Point(flagX, flagY2), width: 1, color: .black)
    canvas.fillPolygon(
      [Point(flagX, flagY2), Point(flagX, flagY2 - 10), Point(flagX + 25, flagY2 - 5)],
      color: Color(r: 204, g: 204, b: 0))
    canvas.transform = .identity
  }
}
