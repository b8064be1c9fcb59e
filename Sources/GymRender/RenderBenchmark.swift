import GymCore

/// Throughput of the renderer on a CartPole-like scene, for `gym bench --render`.
///
/// The scene matches Gymnasium's CartPole at 600×400: clear to white, a track line, a cart
/// (polygon), a pole rotated about its axle (polygon), and the axle (circle), drawn with y up
/// through `Transform2D.flipVertical`.
///
/// Measured (release build, x86-64, two cores shared with other builds): about 40 000
/// frames/s drawn, about 650–700 frames/s drawn and PNG-encoded with `.fast` (libpng's zlib
/// pass dominates: ~1.5 ms per 600×400 frame, ~6.5 kB).
public enum RenderBenchmark {
  /// Measured rates.
  public struct Result: Sendable, CustomStringConvertible {
    /// Frames drawn per second (clear + draw + `Canvas.frame`).
    public var drawFramesPerSecond: Double
    /// Frames drawn and PNG-encoded with `.fast` compression per second.
    public var drawAndEncodeFramesPerSecond: Double
    /// Size of one fast-encoded frame, in bytes.
    public var encodedBytesPerFrame: Int

    /// A one-line summary.
    public var description: String {
      "render: \(Int(drawFramesPerSecond)) frames/s drawn, "
        + "\(Int(drawAndEncodeFramesPerSecond)) frames/s drawn + PNG (fast, \(encodedBytesPerFrame) bytes)"
    }
  }

  /// Times drawing, then drawing plus PNG encoding, each for about `seconds`.
  /// - Parameter seconds: time budget per measurement (after a short warm-up).
  /// - Returns: frames per second for both.
  public static func run(seconds: Double = 1) -> Result {
    var checksum = 0
    let draw = measure(seconds) { i in
      let f = cartPoleScene(x: sin(Double(i) * 0.01), theta: 0.2 * sin(Double(i) * 0.03))
      checksum &+= Int(f.pixels[(i % f.height) * f.width * 3])
    }
    var bytes = 0
    let encode = measure(seconds) { i in
      let f = cartPoleScene(x: sin(Double(i) * 0.01), theta: 0.2 * sin(Double(i) * 0.03))
      bytes = (try? PNG.encode(f, compression: .fast))?.count ?? 0
    }
    // Keep the checksum observable so the drawing loop cannot be optimised away.
    if checksum == Int.min { print(checksum) }
    return Result(drawFramesPerSecond: draw, drawAndEncodeFramesPerSecond: encode, encodedBytesPerFrame: bytes)
  }

  /// Calls `body` repeatedly for about `seconds` and returns calls per second.
  static func measure(_ seconds: Double, _ body: (Int) -> Void) -> Double {
    let clock = ContinuousClock()
    for i in 0..<5 { body(i) }
    var count = 0
    var batch = 1
    let start = clock.now
    var elapsed = 0.0
    while elapsed < seconds {
      for _ in 0..<batch { body(count); count += 1 }
      let d = start.duration(to: clock.now).components
      elapsed = Double(d.seconds) + Double(d.attoseconds) * 1e-18
      batch = min(batch * 2, 1024)
    }
    return Double(count) / elapsed
  }

  /// Gymnasium's CartPole picture for cart position `x` (metres) and pole angle `theta`
  /// (radians, clockwise from vertical as in CartPole's state).
  static func cartPoleScene(x: Double, theta: Double, width: Int = 600, height: Int = 400) -> Frame {
    let worldWidth = 2.4 * 2
    let scale = Double(width) / worldWidth
    let poleWidth = 10.0
    let poleLength = scale * 1.0
    let cartWidth = 50.0
    let cartHeight = 30.0
    let cartY = 100.0
    var c = Canvas(width: width, height: height, background: .white)
    c.transform = .flipVertical(height: Double(height))
    let cartX = x * scale + Double(width) / 2
    let l = -cartWidth / 2, r = cartWidth / 2, t = cartHeight / 2, b = -cartHeight / 2
    c.drawLine(from: Point(0, cartY), to: Point(Double(width), cartY), width: 1, color: .black)
    c.fillPolygon(
      [Point(cartX + l, cartY + b), Point(cartX + l, cartY + t), Point(cartX + r, cartY + t),
       Point(cartX + r, cartY + b)],
      color: .black)
    let axleOffset = cartHeight / 4
    c.withSavedState { c in
      c.translate(x: cartX, y: cartY + axleOffset)
      c.rotate(by: -theta)
      let pl = -poleWidth / 2, pr = poleWidth / 2, pt = poleLength - poleWidth / 2, pb = -poleWidth / 2
      c.fillPolygon(
        [Point(pl, pb), Point(pl, pt), Point(pr, pt), Point(pr, pb)],
        color: Color(r: 202, g: 152, b: 101))
    }
    c.fillCircle(center: Point(cartX, cartY + axleOffset), radius: poleWidth / 2, color: Color(r: 129, g: 132, b: 203))
    return c.frame
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
