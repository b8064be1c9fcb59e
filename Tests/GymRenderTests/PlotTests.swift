import GymCore
import Testing

@testable import GymRender

@Suite("NiceTicks")
struct NiceTicksTests {
  @Test("steps are 1, 2 or 5 times a power of ten")
  func steps() {
    #expect(NiceTicks.step(span: 1, maxCount: 6) == 0.2)
    #expect(NiceTicks.step(span: 500_000, maxCount: 6) == 100_000)
    #expect(NiceTicks.step(span: 7, maxCount: 5) == 2)
    #expect(NiceTicks.step(span: 0.03, maxCount: 4) == 0.01)
    #expect(NiceTicks.step(span: 12.9, maxCount: 6) == 2)
  }

  @Test("values are multiples of the step inside the range")
  func values() {
    #expect(NiceTicks.values(in: 0...1, maxCount: 6) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
    #expect(NiceTicks.values(in: -3.7...9.2, maxCount: 6) == [-2, 0, 2, 4, 6, 8])
    #expect(NiceTicks.values(in: -0.5...4.5, maxCount: 10, minimumStep: 1) == [0, 1, 2, 3, 4])
    #expect(NiceTicks.values(in: 5...5) == [5])
  }

  @Test("labels share one format per axis")
  func labels() {
    #expect(NiceTicks.labels([0, 0.2, 0.4, 0.6000000000000001, 0.8, 1]) == ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    #expect(NiceTicks.labels([0, 250_000, 500_000]) == ["0", "250k", "500k"])
    #expect(NiceTicks.labels([0, 2_500_000, 5_000_000, 10_000_000]) == ["0", "2.5M", "5.0M", "10.0M"])
    #expect(NiceTicks.labels([-200, -100, 0, 100]) == ["-200", "-100", "0", "100"])
    #expect(NiceTicks.labels([-0.0001, 0, 0.0001, 0.0002]) == ["-1e-4", "0", "1e-4", "2e-4"])
    #expect(NiceTicks.labels([1000, 1500, 2000]) == ["1000", "1500", "2000"])
    #expect(NiceTicks.format(-0.0001, decimals: 2) == "0.00")
    #expect(NiceTicks.format(-12.345, decimals: 1) == "-12.3")
  }
}

@Suite("Colormap")
struct ColormapTests {
  @Test("ends, clamping and interpolation")
  func viridis() {
    #expect(Colormap.viridis.color(at: 0) == Color(hex: 0x440154))
    #expect(Colormap.viridis.color(at: 1) == Color(hex: 0xFDE725))
    #expect(Colormap.viridis.color(at: -3) == Color(hex: 0x440154))
    #expect(Colormap.viridis.color(at: .nan) == Color(hex: 0x440154))
    #expect(Colormap.viridis.color(at: 0.5) == Color(hex: 0x21918C))
    #expect(Colormap.grayscale.color(for: 5, in: 0...10) == Color(gray: 128))
  }

  @Test("viridis gets steadily lighter")
  func monotoneLightness() {
    let lum = (0...50).map { i -> Double in
      let c = Colormap.viridis.color(at: Double(i) / 50)
      return 0.2126 * Double(c.r) + 0.7152 * Double(c.g) + 0.0722 * Double(c.b)
    }
    #expect(zip(lum, lum.dropFirst()).allSatisfy { $0 <= $1 + 0.5 })
  }
}

@Suite("Pareto")
struct ParetoTests {
  @Test("non-dominated points, duplicates kept, ties on one objective resolved")
  func front() {
    let pts = [Point(1, 1), Point(2, 0), Point(0, 2), Point(0.5, 0.5), Point(1, 1), Point(2, -1), Point(0, 1.5)]
    #expect(ScatterPlot.nonDominated(pts) == [0, 1, 2, 4])
    #expect(ScatterPlot.nonDominated(pts, maximizeX: false, maximizeY: false) == [3, 5, 6])
    #expect(ScatterPlot.nonDominated(pts, maximizeX: true, maximizeY: false) == [5])
    #expect(ScatterPlot.nonDominated([Point(.nan, 1), Point(0, 0)]) == [1])
  }

  @Test("pareto() greys dominated points and joins the front")
  func paretoPlot() {
    let plot = ScatterPlot.pareto(points: [Point(1, 1), Point(2, 0), Point(0.5, 0.5)], referencePoint: Point(0, 0))
    #expect(plot.series.count == 2)
    #expect(plot.series[0].points == [Point(0.5, 0.5)] && plot.series[0].color == ScatterPlot.dominatedColor)
    #expect(plot.series[1].points == [Point(1, 1), Point(2, 0)] && plot.series[1].connected)
  }
}

@Suite("Charts")
struct ChartTests {
  @Test("mean and standard deviation over runs")
  func meanAndStd() {
    let s = LineChart.Series.meanAndStd(name: "a", x: [0, 1], runs: [[1, 2], [3, 6]])
    #expect(s.y == [2, 4])
    #expect(s.band == LineChart.Band(lower: [1, 2], upper: [3, 6]))
  }

  @Test("charts render at the requested size with their colours present")
  func render() {
    let line = LineChart(series: [.init(name: "s", y: [1, 3, 2, .nan, 4], color: .red)]).render(width: 300, height: 200)
    #expect(line.width == 300 && line.height == 200)
    #expect(stride(from: 0, to: line.pixels.count, by: 3).contains { line.pixels[$0] == 255 && line.pixels[$0 + 1] == 0 })
    let heat = Heatmap(values: [[1, nil], [3, 4]]).render(width: 200, height: 150)
    #expect(heat.width == 200 && heat.height == 150)
    let viridisTop = Colormap.viridis.color(at: 1)
    #expect(stride(from: 0, to: heat.pixels.count, by: 3).contains {
      heat.pixels[$0] == viridisTop.r && heat.pixels[$0 + 1] == viridisTop.g && heat.pixels[$0 + 2] == viridisTop.b
    })
    #expect(stride(from: 0, to: heat.pixels.count, by: 3).contains { heat.pixels[$0] == Heatmap.emptyHatch.r && heat.pixels[$0 + 1] == Heatmap.emptyHatch.g })
    let empty = ScatterPlot(series: []).render(width: 100, height: 100)
    #expect(empty.width == 100)
  }

  @Test("writePNG writes a decodable file")
  func write() throws {
    let dir = try makeTemporaryDirectory()
    defer { removeTemporaryDirectory(dir) }
    try LineChart(series: [.init(name: "s", y: [1, 2])]).writePNG(to: "\(dir)/c.png", width: 200, height: 100)
    let f = try PNG.read(from: "\(dir)/c.png")
    #expect(f.width == 200 && f.height == 100)
  }
}
