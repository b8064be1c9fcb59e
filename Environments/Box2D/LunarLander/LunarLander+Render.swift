import GymCore
import GymRender
import RealModule

extension LunarLander: RenderableEnvironment {
  /// Gymnasium's 600×400 frame: black sky above the white moon, the violet lander and legs,
  /// yellow flags at the pad, and exhaust particles from the latest engine firings.
  public func render() -> Frame {
    var canvas = Canvas(width: 600, height: 400, background: .white)
    draw(on: &canvas)
    return canvas.frame
  }

  /// Draws the scene in Gymnasium's pixel coordinates (y up, flipped on output).
  public func draw(on canvas: inout Canvas) {
    let s = Self.scale
    canvas.transform = .flipVertical(height: Self.viewportHeight)
    // Sky: from each terrain segment up to the top of the screen.
    let h = Self.worldHeight
    for i in 0..<max(0, terrainHeights.count - 1) {
      let sky = [Point(chunkX[i] * s, terrainHeights[i] * s), Point(chunkX[i + 1] * s, terrainHeights[i + 1] * s),
                 Point(chunkX[i + 1] * s, h * s), Point(chunkX[i] * s, h * s)]
      canvas.fillPolygon(sky, color: .black)
    }
    advanceParticles()
    for p in particles {
      let c = Color(r: UInt8(max(0.2, 0.15 + p.ttl) * 255), g: UInt8(max(0.2, 0.5 * p.ttl) * 255), b: UInt8(max(0.2, 0.5 * p.ttl) * 255))
      canvas.fillCircle(center: Point(p.x * s, p.y * s), radius: Particle.radius * s, color: c)
    }
    let fill = Color(r: 128, g: 102, b: 230), outline = Color(r: 77, g: 77, b: 128)
    if let lander {
      let outlinePoints = Self.landerPolygon.map { (x: $0.0 / s, y: $0.1 / s) }
      drawBody(lander, outlinePoints, on: &canvas, fill: fill, outline: outline)
      let w = Self.legW / s, hh = Self.legH / s
      for leg in legs {
        drawBody(leg, [(-w, -hh), (w, -hh), (w, hh), (-w, hh)], on: &canvas, fill: fill, outline: outline)
      }
    }
    for x in [helipadX.0 * s, helipadX.1 * s] {
      let y1 = helipadY * s, y2 = y1 + 50
      canvas.drawLine(from: Point(x, y1), to: Point(x, y2), width: 1, color: .white)
      canvas.fillPolygon([Point(x, y2), Point(x, y2 - 10), Point(x + 25, y2 - 5)], color: Color(r: 204, g: 204, b: 0))
    }
    canvas.transform = .identity
  }

  func drawBody(_ body: PhysicsBody, _ local: [(x: Double, y: Double)], on canvas: inout Canvas, fill: Color, outline: Color) {
    let p = body.position, a = Double(body.angle)
    let c = Double.cos(a), sn = Double.sin(a), s = Self.scale
    let points = local.map { v in Point((Double(p.x) + c * v.x - sn * v.y) * s, (Double(p.y) + sn * v.x + c * v.y) * s) }
    canvas.fillPolygon(points, color: fill)
    canvas.strokePolygon(points, width: 1, color: outline)
  }

  /// Spawns particles for the latest firings and moves the live ones by one frame: Gymnasium
  /// simulates them as Box2D bodies; here they fly ballistically, bounce off the terrain and
  /// fade, without touching the physics of the episode.
  func advanceParticles() {
    for f in lastFirings {
      let radius = Particle.radius
      let mass = (f.main ? 3.5 : 0.7) * Double.pi * radius * radius
      particles.append(Particle(x: f.x, y: f.y, vx: f.impulseX / mass, vy: f.impulseY / mass, ttl: f.power))
    }
    lastFirings.removeAll(keepingCapacity: true)
    let dt = 1 / Self.fps
    for i in particles.indices {
      var p = particles[i]
      p.ttl -= 0.15
      p.vy += gravity * dt
      p.x += p.vx * dt
      p.y += p.vy * dt
      let ground = terrainHeight(at: p.x)
      if p.y - Particle.radius < ground {
        p.y = ground + Particle.radius
        p.vy = -0.3 * p.vy
      }
      particles[i] = p
    }
    particles.removeAll { $0.ttl < 0 }
  }

  /// The terrain's height (metres) at `x`, linear between chunk borders.
  public func terrainHeight(at x: Double) -> Double {
    guard terrainHeights.count >= 2 else { return 0 }
    let step = chunkX[1] - chunkX[0]
    let i = min(max(Int((x / step).rounded(.down)), 0), terrainHeights.count - 2)
    let t = min(max((x - chunkX[i]) / step, 0), 1)
    return terrainHeights[i] + (terrainHeights[i + 1] - terrainHeights[i]) * t
  }
}

/// A cosmetic exhaust particle.
struct Particle {
  static let radius = 2.0 / 30
  var x: Double, y: Double, vx: Double, vy: Double, ttl: Double
}
