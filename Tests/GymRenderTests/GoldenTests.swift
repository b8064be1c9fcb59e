import GymCore
import Testing

@testable import GymRender

/// Rendered scenes and plots compared with committed images in `Golden/` (see `Golden`).
@Suite("Golden images")
struct GoldenTests {
  @Test("shapes: polygons, circles, lines, text, transforms")
  func shapes() throws {
    var c = Canvas(width: 200, height: 150, background: Color(hex: 0xF7F4EC))
    c.fillPolygon(
      [Point(100, 8), Point(112, 40), Point(146, 42), Point(118, 62), Point(128, 96), Point(100, 76),
       Point(72, 96), Point(82, 62), Point(54, 42), Point(88, 40)],
      color: Color(hex: 0xFF7F0E))
    c.fillCircle(center: Point(60, 80), radius: 30, color: Color(hex: 0x1F77B4, alpha: 150))
    c.strokeCircle(center: Point(150, 100), radius: 18, width: 3, color: Color(hex: 0x2CA02C))
    c.drawLine(from: Point(10, 140), to: Point(190, 110), width: 4, color: .black, cap: .round)
    c.drawLine(from: Point(10, 120), to: Point(60, 120), width: 1, color: .red)
    c.strokePolyline([Point(150, 10), Point(170, 40), Point(190, 12)], width: 3, color: Color(hex: 0x9467BD), join: .miter)
    c.withSavedState { c in
      c.translate(x: 30, y: 30)
      c.rotate(by: 0.5)
      c.fillRect(Rect(x: -15, y: -6, width: 30, height: 12), color: Color(hex: 0xD62728))
    }
    c.drawText("step 42", at: Point(196, 146), color: .black, anchor: .bottomRight, background: Color(gray: 255, alpha: 200))
    try Golden.check(c.frame, "shapes")
  }

  @Test("a CartPole-like scene drawn with y up")
  func cartPole() throws {
    try Golden.check(RenderBenchmark.cartPoleScene(x: 0.4, theta: 0.15), "cartpole")
  }

  @Test("the bitmap font at scales 1 and 2")
  func text() throws {
    var c = Canvas(width: 200, height: 70, background: .white)
    c.drawText(" !\"#$%&'()*+,-./0123456789:;<=>?\n@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_\n`abcdefghijklmnopqrstuvwxyz{|}~", at: Point(2, 2), color: .black)
    c.drawText("Reward 1.5e3", at: Point(2, 38), scale: 2, color: Color(hex: 0x1F77B4))
    try Golden.check(c.frame, "font")
  }

  @Test("line chart: two learning curves with mean ± std bands and a threshold")
  func lineChart() throws {
    let x: [Double] = (0...20).map { Double($0) * 10_000 }
    func runs(_ rate: Double, _ top: Double) -> [[Double]] {
      (0..<4).map { (seed: Int) -> [Double] in
        x.indices.map { (i: Int) -> Double in
          let trend: Double = top * (1 - exp(-x[i] / rate))
          let noise: Double = 25 * sin(Double(i * (seed + 2)) * 0.9)
          return trend + noise
        }
      }
    }
    let chart = LineChart(
      title: "Learning curve", xLabel: "environment steps", yLabel: "return",
      series: [.meanAndStd(name: "PPO", x: x, runs: runs(40_000, 480)), .meanAndStd(name: "DQN", x: x, runs: runs(90_000, 350))],
      referenceLines: [475])
    try Golden.check(chart.render(width: 360, height: 240), "line_chart")
  }

  @Test("heatmap: an archive with empty cells and a colour bar")
  func heatmap() throws {
    var values: [[Double?]] = []
    for r in 0..<8 {
      var row: [Double?] = []
      for c in 0..<12 { row.append((r * 5 + c * 3) % 7 == 0 ? nil : Double(r * c) - 20) }
      values.append(row)
    }
    let map = Heatmap(values: values, title: "Archive", xLabel: "x cell", yLabel: "y cell", colorBarLabel: "fitness")
    try Golden.check(map.render(width: 360, height: 240), "heatmap")
  }

  @Test("scatter: a Pareto front with dominated points and a reference point")
  func scatter() throws {
    let points = (0..<40).map { i -> Point in
      let a = Double(i) * 0.71
      let r = 0.4 + 0.6 * abs(sin(Double(i) * 1.3))
      return Point(10 * r * abs(cos(a)), 5 * r * abs(sin(a)))
    }
    let plot = ScatterPlot.pareto(points: points, referencePoint: Point(0, 0), title: "Pareto front", xLabel: "treasure", yLabel: "speed")
    try Golden.check(plot.render(width: 360, height: 240), "scatter")
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
