import GymCore
import Testing

@testable import GymRender

@Suite("Canvas")
struct CanvasTests {
  @Test("a new canvas is the background colour and its frame is RGB H×W×3")
  func background() {
    let c = Canvas(width: 7, height: 5, background: Color(r: 10, g: 20, b: 30))
    let f = c.frame
    #expect(f.width == 7 && f.height == 5 && f.pixels.count == 7 * 5 * 3)
    #expect((0..<35).allSatisfy { f.pixels[$0 * 3] == 10 && f.pixels[$0 * 3 + 1] == 20 && f.pixels[$0 * 3 + 2] == 30 })
    var d = c
    d.clear(.white)
    #expect(d.frame.pixels.allSatisfy { $0 == 255 })
    #expect(c.frame == f)  // value semantics
  }

  @Test("polygon coverage adds up to the polygon's area")
  func polygonArea() {
    let shapes: [[Point]] = [
      [Point(10, 10), Point(90, 20), Point(40, 80)],  // triangle
      [Point(10.3, 10.7), Point(70.2, 10.7), Point(70.2, 50.1), Point(10.3, 50.1)],  // fractional rectangle
      [Point(50, 5), Point(60, 40), Point(95, 50), Point(60, 60), Point(50, 95), Point(40, 60), Point(5, 50), Point(40, 40)],  // concave star
    ]
    for shape in shapes {
      var area = 0.0
      for i in shape.indices {
        let p = shape[i], q = shape[(i + 1) % shape.count]
        area += p.x * q.y - q.x * p.y
      }
      area = abs(area) / 2
      var c = Canvas(width: 100, height: 100)
      c.fillPolygon(shape, color: .black)
      #expect(abs(ink(c.frame) - area) < 1, "area \(area), ink \(ink(c.frame))")
      // Reversed winding fills the same pixels.
      var r = Canvas(width: 100, height: 100)
      r.fillPolygon(shape.reversed(), color: .black)
      #expect(r.frame == c.frame)
    }
  }

  @Test("polygons partly off the canvas are clipped, keeping the visible area right")
  func offCanvas() {
    var c = Canvas(width: 50, height: 50)
    c.fillPolygon([Point(-50, -50), Point(25, -50), Point(25, 25), Point(-50, 25)], color: .black)
    #expect(abs(ink(c.frame) - 625) < 0.5)
    #expect(c[24, 24] == .black && c[25, 25] == .white)
    var d = Canvas(width: 50, height: 50)
    d.fillPolygon([Point(-1e9, 10), Point(1e9, 10), Point(1e9, 20), Point(-1e9, 20)], color: .black)
    #expect(abs(ink(d.frame) - 500) < 0.5)
  }

  @Test("extreme and random coordinates never trap, and coverage never exceeds the canvas")
  func robustness() {
    var bytes = TestBytes(seed: 2024)
    let scales: [Double] = [1, 100, 1e6, 1e12, 1e300]
    var c = Canvas(width: 40, height: 30)
    for round in 0..<400 {
      let scale = scales[round % scales.count]
      let pts = (0..<(3 + round % 6)).map { _ in
        Point((Double(bytes.next()) - 100) / 50 * scale, (Double(bytes.next()) - 100) / 50 * scale)
      }
      c.clear()
      c.fillPolygon(pts, color: .black, rule: round % 2 == 0 ? .nonZero : .evenOdd)
      c.strokePolyline(pts, width: Double(bytes.next() % 8), color: .black)
      c.fillCircle(center: pts[0], radius: abs(pts[1].x), color: .black)
      c.drawText("x", at: pts[2], color: .black)
      #expect(ink(c.frame) <= 1200.001)
    }
    c.fillPolygon([Point(0, 0), Point(.infinity, 5), Point(3, .nan)], color: .black)
    c.drawLine(from: Point(-.infinity, 0), to: Point(5, 5), color: .black)
    c.fillCircle(center: Point(5, 5), radius: .greatestFiniteMagnitude, color: .black)
  }

  @Test("axis-aligned rectangles are covered exactly, by area at fractional edges")
  func rectangles() {
    var c = Canvas(width: 60, height: 40)
    c.fillRect(Rect(x: 10.25, y: 20.5, width: 30.5, height: 10.25), color: .black)
    #expect(abs(ink(c.frame) - 30.5 * 10.25) < 0.2)
    #expect(c[20, 25] == .black)
    #expect(c[9, 25] == .white && c[41, 25] == .white && c[20, 19] == .white && c[20, 31] == .white)
  }

  @Test("even-odd makes a nested contour a hole; non-zero does not")
  func fillRules() {
    let outer = [Point(10, 10), Point(90, 10), Point(90, 90), Point(10, 90)]
    let inner = [Point(30, 30), Point(70, 30), Point(70, 70), Point(30, 70)]
    var even = Canvas(width: 100, height: 100)
    even.fillPath([outer, inner], color: .black, rule: .evenOdd)
    #expect(even[50, 50] == .white && even[20, 20] == .black)
    #expect(abs(ink(even.frame) - (6400 - 1600)) < 1)
    var nonZero = Canvas(width: 100, height: 100)
    nonZero.fillPath([outer, inner], color: .black)
    #expect(nonZero[50, 50] == .black)
    nonZero.clear()
    nonZero.fillPath([outer, inner.reversed()], color: .black)
    #expect(nonZero[50, 50] == .white)
  }

  @Test("alpha blends over what is there")
  func blending() {
    var c = Canvas(width: 4, height: 4, background: .white)
    c.fillRect(Rect(x: 0, y: 0, width: 4, height: 4), color: Color(r: 255, g: 0, b: 0, a: 128))
    let p = c[1, 1]
    #expect(p.r == 255 && abs(Int(p.g) - 127) <= 1 && abs(Int(p.b) - 127) <= 1)
    c.fillRect(Rect(x: 0, y: 0, width: 4, height: 4), color: .clear)
    #expect(c[1, 1] == p)
  }

  @Test("discs and rings cover about π r²")
  func circles() {
    for r in [3.0, 10.5, 40] {
      var c = Canvas(width: 100, height: 100)
      c.fillCircle(center: Point(50.3, 49.6), radius: r, color: .black)
      #expect(abs(ink(c.frame) - Double.pi * r * r) < max(1, 0.01 * Double.pi * r * r), "r = \(r)")
      var ring = Canvas(width: 100, height: 100)
      ring.strokeCircle(center: Point(50, 50), radius: r, width: 2, color: .black)
      #expect(abs(ink(ring.frame) - 2 * Double.pi * r * 2) < max(2, 0.03 * 4 * Double.pi * r), "ring r = \(r)")
    }
  }

  @Test("under a non-uniform scale a circle becomes an ellipse of area π a b")
  func ellipse() {
    var c = Canvas(width: 100, height: 100)
    c.transform = .scale(x: 2, y: 1)
    c.fillCircle(center: Point(25, 50), radius: 20, color: .black)
    #expect(abs(ink(c.frame) - Double.pi * 40 * 20) < 20)
    #expect(c[50 - 38, 50] == .black && c[50, 50 - 18] == .black && c[50, 50 - 22] == .white)
  }

  @Test("lines cover length × width; axis-aligned whole-pixel lines are crisp")
  func lines() {
    var c = Canvas(width: 100, height: 100)
    c.drawLine(from: Point(10, 50), to: Point(90, 50), width: 3, color: .black)
    #expect(ink(c.frame) == 240)
    #expect(c[50, 49] == .black && c[50, 51] == .black && c[50, 50] == .black)
    var d = Canvas(width: 100, height: 100)
    d.drawLine(from: Point(10, 10), to: Point(80, 70), width: 2, color: .black)
    let length = (70.0 * 70 + 60 * 60).squareRoot()
    #expect(abs(ink(d.frame) - 2 * length) < 1)
    var round = Canvas(width: 100, height: 100)
    round.drawLine(from: Point(10, 10), to: Point(80, 70), width: 6, color: .black, cap: .round)
    #expect(abs(ink(round.frame) - (6 * length + Double.pi * 9)) < 3)
  }

  @Test("a semi-transparent polyline is one shape: its joints are no darker than its segments")
  func polylineUnion() {
    var c = Canvas(width: 100, height: 100)
    c.strokePolyline([Point(10, 50), Point(50, 50), Point(50, 90)], width: 8, color: Color(gray: 0, alpha: 100))
    #expect(c[50, 50] == c[30, 50])
    #expect(c[50, 50] == c[50, 70])
  }

  @Test("the clip rectangle confines drawing")
  func clipping() {
    var c = Canvas(width: 40, height: 40)
    c.clipRect = Rect(x: 10, y: 10, width: 20, height: 20)
    c.fillPolygon([Point(0, 0), Point(40, 0), Point(40, 40), Point(0, 40)], color: .black)
    c.fillCircle(center: Point(20, 20), radius: 30, color: .black)
    c.drawText("XXXXXXXX", at: Point(0, 15), color: .black)
    #expect(ink(c.frame) == 400)
    #expect(c[9, 9] == .white && c[10, 10] == .black && c[29, 29] == .black && c[30, 30] == .white)
  }

  @Test("flipVertical puts y = 0 at the bottom row, as Gymnasium's flipped surfaces")
  func flip() {
    var c = Canvas(width: 20, height: 20)
    c.transform = .flipVertical(height: 20)
    c.fillRect(Rect(x: 0, y: 0, width: 5, height: 5), color: .black)
    #expect(c[0, 19] == .black && c[4, 15] == .black && c[0, 0] == .white && c[0, 14] == .white)
    var plain = Canvas(width: 20, height: 20)
    plain.fillRect(Rect(x: 0, y: 0, width: 5, height: 5), color: .black)
    #expect(plain.frame.flippedVertically() == c.frame)
  }

  @Test("transforms nest and withSavedState restores them")
  func savedState() {
    var c = Canvas(width: 50, height: 50)
    c.translate(x: 25, y: 25)
    c.withSavedState { c in
      c.rotate(by: Double.pi / 2)
      c.fillRect(Rect(x: 0, y: -2, width: 20, height: 4), color: .black)  // now pointing down
    }
    #expect(c.transform == .translation(x: 25, y: 25))
    #expect(c[25, 40] == .black && c[40, 25] == .white)
  }

  @Test("drawImage copies pixels, clipped; resized averages")
  func images() {
    let img = noiseFrame(width: 10, height: 10, seed: 3)
    var c = Canvas(width: 15, height: 15)
    c.drawImage(img, x: 8, y: -2)
    #expect(c[8, 0].rgb == img[0, 2] && c[14, 7].rgb == img[6, 9])
    #expect(c[7, 0] == .white && c[8, 8] == .white)
    let checker = Frame(width: 4, height: 4, pixels: (0..<16).flatMap { i -> [UInt8] in
      let on: UInt8 = ((i % 4) + (i / 4)) % 2 == 0 ? 255 : 0
      return [on, on, on]
    })
    let half = checker.resized(width: 2, height: 2)
    #expect(half.pixels.allSatisfy { $0 == 128 })
  }

  @Test("Canvas(frame:) draws over an existing frame")
  func overFrame() {
    let base = noiseFrame(width: 30, height: 20, seed: 8)
    var c = Canvas(frame: base)
    #expect(c.frame == base)
    c.drawText("hi", at: Point(1, 1), color: .black, background: .white)
    #expect(c[0, 0] == .white && c[29, 19].rgb == base[29, 19])
  }

  @Test("markers draw inside their size")
  func markers() {
    for marker in Marker.allCases {
      var c = Canvas(width: 30, height: 30)
      c.drawMarker(marker, at: Point(15, 15), size: 10, color: .black)
      let f = c.frame
      #expect(ink(f) > 10, "\(marker)")
      for y in 0..<30 { for x in 0..<30 where abs(x - 15) > 8 || abs(y - 15) > 8 { #expect(c[x, y] == .white) } }
    }
  }
}

@Suite("Transform2D")
struct TransformTests {
  @Test("world-to-pixel maps the world rectangle's corners, y up")
  func world() {
    let t = Transform2D.world(Rect(x: -2.4, y: -1, width: 4.8, height: 2), to: Rect(x: 0, y: 0, width: 600, height: 250))
    let lo = t.apply(Point(-2.4, -1))
    let hi = t.apply(Point(2.4, 1))
    #expect(abs(lo.x) < 1e-9 && abs(lo.y - 250) < 1e-9)
    #expect(abs(hi.x - 600) < 1e-9 && abs(hi.y) < 1e-9)
    #expect(t.isConformal && t.isAxisAligned)  // equal scales, reflected
    let stretched = Transform2D.world(Rect(x: 0, y: 0, width: 1, height: 1), to: Rect(x: 0, y: 0, width: 20, height: 10))
    #expect(!stretched.isConformal)
    let down = Transform2D.world(Rect(x: 0, y: 0, width: 1, height: 1), to: Rect(x: 0, y: 0, width: 10, height: 10), yUp: false)
    #expect(down.apply(Point(1, 1)) == Point(10, 10))
  }

  @Test("concatenating applies left then right; inverse undoes")
  func algebra() throws {
    let a = Transform2D.rotation(0.3).concatenating(.translation(x: 5, y: -2)).concatenating(.scale(x: 2, y: 2))
    let p = Point(1.5, -0.25)
    let manual = Transform2D.scale(x: 2, y: 2).apply(Transform2D.translation(x: 5, y: -2).apply(Transform2D.rotation(0.3).apply(p)))
    #expect((a.apply(p) - manual).length < 1e-12)
    let inv = try #require(a.inverted)
    #expect((inv.apply(a.apply(p)) - p).length < 1e-12)
    #expect(a.isConformal)
    #expect(Transform2D.flipVertical(height: 10).isConformal)
    #expect(Transform2D.scale(x: 0, y: 1).inverted == nil)
  }
}
