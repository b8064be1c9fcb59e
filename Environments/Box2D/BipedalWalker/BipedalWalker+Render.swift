import GymCore
import GymRender
import RealModule

extension BipedalWalker: RenderableEnvironment {
  /// Gymnasium's 600×400 frame, scrolled with the hull: sky, parallax clouds, grass, terrain
  /// edges and obstacles, a sweeping lidar ray, the legs, the hull and the start flag.
  public func render() -> Frame {
    var canvas = Canvas(width: 600, height: 400, background: Color(r: 215, g: 215, b: 255))
    draw(on: &canvas)
    return canvas.frame
  }

  /// Draws the scene in Gymnasium's pixel coordinates (y up), shifted by the scroll.
  public func draw(on canvas: inout Canvas) {
    let s = Self.scale, w = Self.viewportWidth / s
    let offset = max(0, scroll) * s
    // x shifted left by the scroll, y flipped.
    canvas.transform = Transform2D(a: 1, b: 0, c: 0, d: -1, tx: -offset, ty: Self.viewportHeight)

    for cloud in clouds {
      if cloud.x2 < scroll / 2 || cloud.x1 > scroll / 2 + w { continue }
      canvas.fillPolygon(cloud.points.map { Point($0.x * s + scroll * s / 2, $0.y * s) }, color: .white)
    }
    let grass = Color(r: 102, g: 153, b: 76)
    for i in 0..<max(0, terrainX.count - 1) {
      if terrainX[i + 1] < scroll || terrainX[i] > scroll + w { continue }
      canvas.fillPolygon([Point(terrainX[i] * s, terrainY[i] * s), Point(terrainX[i + 1] * s, terrainY[i + 1] * s),
                          Point(terrainX[i + 1] * s, 0), Point(terrainX[i] * s, 0)], color: grass)
    }

    lidarRender = (lidarRender + 1) % 100
    let i = lidarRender
    if i < 2 * lidar.count {
      let k = i < lidar.count ? i : 2 * lidar.count - 1 - i
      let from = lidarFrom[k]
      let to = lidar[k].fixture != nil ? lidar[k].point : lidarTo[k]
      canvas.drawLine(from: Point(Double(from.x) * s, Double(from.y) * s), to: Point(Double(to.x) * s, Double(to.y) * s), width: 1, color: Color(r: 255, g: 0, b: 0))
    }

    // Terrain in Gymnasium's drawing order (its list is reversed: edges last-first, then obstacles).
    for i in stride(from: terrainX.count - 2, through: 0, by: -1) {
      if terrainX[i + 1] < scroll - 1 || terrainX[i] > scroll + w + 1 { continue }
      canvas.drawLine(from: Point(terrainX[i] * s, terrainY[i] * s), to: Point(terrainX[i + 1] * s, terrainY[i + 1] * s),
                      width: 1, color: Color(r: 76, g: i % 2 == 0 ? 255 : 204, b: 76))
    }
    for poly in obstacles.reversed() {
      let points = poly.map { Point($0.x * s, $0.y * s) }
      canvas.fillPolygon(points, color: .white)
      canvas.strokePolygon(points, width: 1, color: Color(gray: 153))
    }

    let upper = [(-Self.legW / 2, -Self.legH / 2), (Self.legW / 2, -Self.legH / 2), (Self.legW / 2, Self.legH / 2), (-Self.legW / 2, Self.legH / 2)]
    let lowerW = 0.8 * Self.legW / 2
    let lower = [(-lowerW, -Self.legH / 2), (lowerW, -Self.legH / 2), (lowerW, Self.legH / 2), (-lowerW, Self.legH / 2)]
    for (k, leg) in legs.enumerated() {
      let side = k < 2 ? -1 : 1
      let fill = Color(r: UInt8(153 - side * 25), g: UInt8(76 - side * 25), b: UInt8(127 - side * 25))
      let edge = Color(r: UInt8(102 - side * 25), g: UInt8(51 - side * 25), b: UInt8(76 - side * 25))
      drawBody(leg, k % 2 == 0 ? upper : lower, on: &canvas, fill: fill, outline: edge)
    }
    if let hull {
      drawBody(hull, Self.hullPolygon.map { ($0.0 / s, $0.1 / s) }, on: &canvas, fill: Color(r: 127, g: 51, b: 229), outline: Color(r: 76, g: 76, b: 127))
    }

    let flagY1 = Self.terrainHeight * s, flagY2 = flagY1 + 50
    let x = Self.terrainStep * 3 * s
    canvas.drawLine(from: Point(x, flagY1), to: Point(x, flagY2), width: 1, color: .black)
    let flag = [Point(x, flagY2), Point(x, flagY2 - 10), Point(x + 25, flagY2 - 5)]
    canvas.fillPolygon(flag, color: Color(r: 230, g: 51, b: 0))
    canvas.strokePolygon(flag, width: 1, color: .black)
    canvas.transform = .identity
  }

  func drawBody(_ body: PhysicsBody, _ local: [(Double, Double)], on canvas: inout Canvas, fill: Color, outline: Color) {
    let p = body.position, a = Double(body.angle)
    let c = Double.cos(a), sn = Double.sin(a), s = Self.scale
    let points = local.map { v in Point((Double(p.x) + c * v.0 - sn * v.1) * s, (Double(p.y) + sn * v.0 + c * v.1) * s) }
    canvas.fillPolygon(points, color: fill)
    canvas.strokePolygon(points, width: 1, color: outline)
  }
}

extension BipedalWalker {
  /// A walker from construction options: `hardcore` (Bool).
  /// - Throws: `OptionError` for an unknown option or a malformed value.
  public convenience init(options: Options, hardcoreByDefault: Bool = false) throws {
    let r = try OptionReader(options, environment: "BipedalWalker", allowed: ["hardcore"])
    self.init(hardcore: try r.bool("hardcore", default: hardcoreByDefault))
  }
}
