import GymCore
import GymRender
import RealModule

extension CarRacing: RenderableEnvironment {
  /// Gymnasium's 600×400 frame: the scene around the car with skid marks, the dashboard
  /// (speed, wheel spins, steering, yaw rate) and the score.
  public func render() -> Frame {
    var canvas = Canvas(width: 600, height: 400, background: .black)
    drawScene(on: &canvas, skidMarks: true)
    return canvas.frame
  }

  /// Draws the observation into the reused 96×96 canvas and returns its pixels.
  func drawState() -> [UInt8] {
    var canvas = stateCanvas
    stateCanvas = Canvas(width: 1, height: 1)  // keep `canvas` uniquely referenced
    drawScene(on: &canvas, skidMarks: false)
    stateCanvas = canvas
    return canvas.pixels
  }

  /// Draws the scene Gymnasium lays out in its 1000×800 window directly at the canvas's size
  /// (so 96×96 costs what 96×96 pixels cost): a rotated, zoomed view that follows the car.
  public func drawScene(on canvas: inout Canvas, skidMarks: Bool) {
    guard let car else { return }
    let width = Double(canvas.width), height = Double(canvas.height)
    let kx = width / Self.windowWidth, ky = height / Self.windowHeight
    let zoom = 0.1 * TrackGenerator.scale * max(1 - time, 0) + Self.zoom * TrackGenerator.scale * min(time, 1)
    let hull = car.hull.position
    let cx = Double(hull.x), cy = Double(hull.y)
    let angle = -Double(car.hull.angle)
    let ca = Double.cos(angle), sa = Double.sin(angle)
    // World → window (rotate about the car, zoom, car at (500, 200)) → flip → scale.
    let view = Transform2D(
      a: kx * zoom * ca, b: -ky * zoom * sa, c: -kx * zoom * sa, d: -ky * zoom * ca,
      tx: kx * (Self.windowWidth / 2 - zoom * (ca * cx - sa * cy)),
      ty: ky * (Self.windowHeight - Self.windowHeight / 4 + zoom * (sa * cx + ca * cy)))
    canvas.transform = .identity

    // Background: the playfield square (cleared in one pass when it covers the view).
    let inverse = view.inverted!
    let bounds = Self.playfield
    let coversView = [Point(0, 0), Point(width, 0), Point(0, height), Point(width, height)].allSatisfy {
      let q = inverse.apply($0)
      return abs(q.x) <= bounds && abs(q.y) <= bounds
    }
    let background = Self.color(backgroundColor)
    if coversView {
      canvas.clear(background)
    } else {
      canvas.clear(.black)
      fill([Point(bounds, bounds), Point(bounds, -bounds), Point(-bounds, -bounds), Point(-bounds, bounds)], view, background, &canvas)
    }

    // Grass patches: only the grid cells near the view.
    let g = Self.grassDim
    let corners = [Point(0, 0), Point(width, 0), Point(0, height), Point(width, height)].map { inverse.apply($0) }
    let minX = corners.map(\.x).min()!, maxX = corners.map(\.x).max()!
    let minY = corners.map(\.y).min()!, maxY = corners.map(\.y).max()!
    let grass = Self.color(grassColor)
    for gx in stride(from: -20, to: 20, by: 2) where Double(gx + 1) * g >= minX && Double(gx) * g <= maxX {
      for gy in stride(from: -20, to: 20, by: 2) where Double(gy + 1) * g >= minY && Double(gy) * g <= maxY {
        let x = Double(gx) * g, y = Double(gy) * g
        fill([Point(x + g, y), Point(x, y), Point(x, y + g), Point(x + g, y + g)], view, grass, &canvas)
      }
    }

    // Road tiles, each followed by its kerb (Gymnasium's road_poly order).
    var kerb = 0
    let margin = 2 * TrackGenerator.trackWidth + TrackGenerator.detailStep
    for i in 0..<tilePolygons.count {
      let t = track[i]
      if t.x + margin >= minX && t.x - margin <= maxX && t.y + margin >= minY && t.y - margin <= maxY {
        fill(tilePolygons[i], view, Self.color(tileColors[i]), &canvas)
        if border[i] {
          fill(kerbs[kerb].points, view, kerbs[kerb].white ? .white : Color(r: 255, g: 0, b: 0), &canvas)
        }
      }
      if border[i] { kerb += 1 }
    }

    if skidMarks {
      canvas.transform = view
      let lineWidth = 2 * min(kx, ky) * 1.0
      for mark in car.skidMarks {
        canvas.strokePolyline(mark.points.map { Point($0.0, $0.1) }, width: max(lineWidth, 1), color: mark.grass ? Color(r: 102, g: 102, b: 0) : .black)
      }
      canvas.transform = .identity
    }

    // The car: wheels (black, with a grey band that turns with the wheel), then the hull.
    let s = Car.size
    let wheelPoly = [(-Car.wheelW * s, Car.wheelR * s), (Car.wheelW * s, Car.wheelR * s), (Car.wheelW * s, -Car.wheelR * s), (-Car.wheelW * s, -Car.wheelR * s)]
    for w in car.wheels {
      fill(Self.worldPoints(w.body, wheelPoly), view, .black, &canvas)
      let a1 = w.phase, a2 = w.phase + 1.2
      let s1 = Double.sin(a1), s2 = Double.sin(a2)
      var c1 = Double.cos(a1), c2 = Double.cos(a2)
      if s1 > 0 && s2 > 0 { continue }
      if s1 > 0 { c1 = c1 > 0 ? 1 : (c1 < 0 ? -1 : 0) }
      if s2 > 0 { c2 = c2 > 0 ? 1 : (c2 < 0 ? -1 : 0) }
      let band = [(-Car.wheelW * s, Car.wheelR * c1 * s), (Car.wheelW * s, Car.wheelR * c1 * s),
                  (Car.wheelW * s, Car.wheelR * c2 * s), (-Car.wheelW * s, Car.wheelR * c2 * s)]
      fill(Self.worldPoints(w.body, band), view, Color(gray: 77), &canvas)
    }
    for poly in Car.hullPolygons {
      fill(Self.worldPoints(car.hull, poly.map { ($0.0 * s, $0.1 * s) }), view, Color(r: 204, g: 0, b: 0), &canvas)
    }

    drawIndicators(on: &canvas, car: car, kx: kx, ky: ky)
  }

  /// The dashboard along the bottom: black bar, speed, four wheel spins, steering and yaw rate,
  /// and the score, in Gymnasium's window coordinates scaled to the canvas.
  func drawIndicators(on canvas: inout Canvas, car: Car, kx: Double, ky: Double) {
    canvas.transform = Transform2D(a: kx, b: 0, c: 0, d: ky, tx: 0, ty: 0)
    let W = Self.windowWidth, H = Self.windowHeight
    let s = W / 40, h = H / 40
    canvas.fillPolygon([Point(W, H), Point(W, H - 5 * h), Point(0, H - 5 * h), Point(0, H)], color: .black)
    func vertical(_ place: Double, _ value: Double, _ color: Color) {
      guard abs(value) > 1e-4 else { return }
      let v = value
      canvas.fillPolygon([Point(place * s, H - (h + h * v)), Point((place + 1) * s, H - (h + h * v)),
                          Point((place + 1) * s, H - h), Point(place * s, H - h)], color: color)
    }
    func horizontal(_ place: Double, _ value: Double, _ trigger: Double, _ color: Color) {
      guard abs(trigger) > 1e-4 else { return }
      canvas.fillPolygon([Point(place * s, H - 4 * h), Point((place + value) * s, H - 4 * h),
                          Point((place + value) * s, H - 2 * h), Point(place * s, H - 2 * h)], color: color)
    }
    let v = car.hull.linearVelocity
    let speed = (Double(v.x) * Double(v.x) + Double(v.y) * Double(v.y)).squareRoot()
    vertical(5, 0.02 * speed, .white)
    if abs(car.wheels[0].omega) > 1e-4 { vertical(7, 0.01 * car.wheels[0].omega, Color(r: 0, g: 0, b: 255)) }
    if abs(car.wheels[1].omega) > 1e-4 { vertical(8, 0.01 * car.wheels[1].omega, Color(r: 0, g: 0, b: 255)) }
    if abs(car.wheels[2].omega) > 1e-4 { vertical(9, 0.01 * car.wheels[2].omega, Color(r: 51, g: 0, b: 255)) }
    if abs(car.wheels[3].omega) > 1e-4 { vertical(10, 0.01 * car.wheels[3].omega, Color(r: 51, g: 0, b: 255)) }
    let steer = Double(car.wheels[0].joint.angle)
    horizontal(20, -10 * steer, steer, Color(r: 0, g: 255, b: 0))
    let yaw = Double(car.hull.angularVelocity)
    horizontal(30, -0.8 * yaw, yaw, Color(r: 255, g: 0, b: 0))
    canvas.transform = .identity
    let scale = max(1, Int((ky * 5).rounded()))
    canvas.drawText(Self.score(totalReward), at: Point(60 * kx, (H - H * 2.5 / 40) * ky), scale: scale, color: .white, anchor: .center)
  }

  /// Gymnasium's `f"{reward:04.0f}"`.
  static func score(_ value: Double) -> String {
    let rounded = value.rounded(.toNearestOrEven)
    let digits = String(Int(abs(rounded)))
    let sign = rounded < 0 || (rounded == 0 && value.sign == .minus) ? "-" : ""
    let padding = max(0, 4 - sign.count - digits.count)
    return sign + String(repeating: "0", count: padding) + digits
  }

  /// Fills a world polygon through `view` when its pixel bounding box meets the canvas.
  @inline(__always)
  func fill(_ points: [Point], _ view: Transform2D, _ color: Color, _ canvas: inout Canvas) {
    var projected = points
    var lo = Point(.infinity, .infinity), hi = Point(-.infinity, -.infinity)
    for k in projected.indices {
      let q = view.apply(projected[k])
      projected[k] = q
      lo = Point(min(lo.x, q.x), min(lo.y, q.y))
      hi = Point(max(hi.x, q.x), max(hi.y, q.y))
    }
    guard hi.x >= 0, hi.y >= 0, lo.x <= Double(canvas.width), lo.y <= Double(canvas.height) else { return }
    canvas.fillPolygon(projected, color: color)
  }

  static func worldPoints(_ body: PhysicsBody, _ local: [(Double, Double)]) -> [Point] {
    let p = body.position, a = Double(body.angle)
    let c = Double.cos(a), s = Double.sin(a)
    return local.map { Point(Double(p.x) + c * $0.0 - s * $0.1, Double(p.y) + s * $0.0 + c * $0.1) }
  }

  static func color(_ c: SIMD3<Double>) -> Color {
    Color(r: UInt8(clamping: Int(c.x)), g: UInt8(clamping: Int(c.y)), b: UInt8(clamping: Int(c.z)))
  }
}

extension CarRacing {
  /// A racing environment from construction options: `continuous` (must match `Control`),
  /// `domain_randomize`, `lap_complete_percent`.
  /// - Throws: `OptionError` for an unknown option, a malformed value, or a lap fraction
  ///   outside [0, 1].
  public convenience init(options: Options) throws {
    let r = try OptionReader(options, environment: "CarRacing", allowed: ["continuous", "domain_randomize", "lap_complete_percent"])
    let isContinuous = Control.self == ContinuousDriving.self
    if try r.bool("continuous", default: isContinuous) != isContinuous {
      throw OptionError("option 'continuous' is \(!isContinuous) but this CarRacing is \(isContinuous ? "continuous" : "discrete")")
    }
    try self.init(lapCompletePercent: r.double("lap_complete_percent", default: 0.95), domainRandomize: r.bool("domain_randomize", default: false))
  }
}
