import GymCore

/// A line chart of one or more series, optionally each with a shaded band (such as
/// mean ± standard deviation over seeds): learning curves, regret curves.
///
/// ```swift
/// let chart = LineChart(
///   title: "CartPole-v1", xLabel: "environment steps", yLabel: "episode return",
///   series: [.meanAndStd(name: "PPO", x: steps, runs: returnsPerSeed)])
/// try chart.writePNG(to: "learning_curve.png")
/// ```
public struct LineChart: Sendable {
  /// A shaded region between two curves sampled at the series' x values.
  public struct Band: Sendable, Hashable {
    /// The lower edge, one value per x.
    public var lower: [Double]
    /// The upper edge, one value per x.
    public var upper: [Double]

    /// A band from its edges.
    public init(lower: [Double], upper: [Double]) {
      self.lower = lower
      self.upper = upper
    }
  }

  /// One named curve.
  public struct Series: Sendable, Hashable {
    /// Legend label.
    public var name: String
    /// x values, increasing.
    public var x: [Double]
    /// y values, one per x; NaN leaves a gap.
    public var y: [Double]
    /// Optional shaded band around the curve.
    public var band: Band?
    /// Line colour; nil takes the next palette colour.
    public var color: Color?
    /// Line width in pixels.
    public var lineWidth: Double

    /// A series from explicit values.
    /// - Precondition: `x`, `y` and the band's edges have equal lengths.
    public init(name: String, x: [Double], y: [Double], band: Band? = nil, color: Color? = nil, lineWidth: Double = 2) {
      precondition(x.count == y.count, "series '\(name)': x has \(x.count) values, y has \(y.count)")
      if let band {
        precondition(
          band.lower.count == x.count && band.upper.count == x.count,
          "series '\(name)': band edges must have one value per x")
      }
      self.name = name
      self.x = x
      self.y = y
      self.band = band
      self.color = color
      self.lineWidth = lineWidth
    }

    /// A series with x = 0, 1, 2, ….
    public init(name: String, y: [Double], color: Color? = nil, lineWidth: Double = 2) {
      self.init(name: name, x: y.indices.map(Double.init), y: y, color: color, lineWidth: lineWidth)
    }

    /// The mean over runs (e.g. seeds) with a band of ± `deviations` population standard
    /// deviations, pointwise at each x.
    /// - Parameters:
    ///   - runs: one array per run, each with one value per x.
    ///   - deviations: band half-width in standard deviations (1 by default).
    /// - Precondition: at least one run, each as long as `x`.
    public static func meanAndStd(
      name: String, x: [Double], runs: [[Double]], deviations: Double = 1, color: Color? = nil
    ) -> Series {
      precondition(!runs.isEmpty, "series '\(name)': need at least one run")
      precondition(runs.allSatisfy { $0.count == x.count }, "series '\(name)': every run needs one value per x")
      var mean = [Double](repeating: 0, count: x.count)
      var lower = mean
      var upper = mean
      for i in x.indices {
        let values = runs.map { $0[i] }
        let m = values.reduce(0, +) / Double(values.count)
        let v = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count)
        mean[i] = m
        lower[i] = m - deviations * v.squareRoot()
        upper[i] = m + deviations * v.squareRoot()
      }
      return Series(name: name, x: x, y: mean, band: Band(lower: lower, upper: upper), color: color)
    }
  }

  /// Title above the plot.
  public var title: String
  /// Label under the x axis.
  public var xLabel: String
  /// Label beside the y axis.
  public var yLabel: String
  /// The curves, drawn in order.
  public var series: [Series]
  /// x extent; nil fits the data exactly.
  public var xRange: ClosedRange<Double>?
  /// y extent; nil fits the data (bands included) with a 5 % margin.
  public var yRange: ClosedRange<Double>?
  /// Horizontal reference lines (e.g. a reward threshold), drawn grey.
  public var referenceLines: [Double]
  /// Where the legend goes.
  public var legend: LegendPosition

  /// A line chart.
  public init(
    title: String = "", xLabel: String = "", yLabel: String = "", series: [Series],
    xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
    referenceLines: [Double] = [], legend: LegendPosition = .automatic
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.series = series
    self.xRange = xRange
    self.yRange = yRange
    self.referenceLines = referenceLines
    self.legend = legend
  }

  /// Draws the chart.
  /// - Complexity: O(points + pixels).
  public func render(width: Int = 640, height: Int = 400) -> Frame {
    var xs: [Double] = []
    var ys: [Double] = referenceLines
    for s in series {
      xs += s.x.filter(\.isFinite)
      ys += s.y.filter(\.isFinite)
      if let band = s.band { ys += (band.lower + band.upper).filter(\.isFinite) }
    }
    let xr = xRange.map { PlotAxes.padded($0.lowerBound, $0.upperBound, by: 0) } ?? PlotAxes.padded(xs.min() ?? 0, xs.max() ?? 1, by: 0)
    let yr = yRange.map { PlotAxes.padded($0.lowerBound, $0.upperBound, by: 0) } ?? PlotAxes.padded(ys.min() ?? 0, ys.max() ?? 1, by: 0.05)
    let axes = PlotAxes(
      width: width, height: height, title: title, xLabel: xLabel, yLabel: yLabel, xRange: xr, yRange: yr)
    var c = Canvas(width: width, height: height, background: .white)
    axes.drawGrid(&c)
    c.clipRect = axes.plot
    for level in referenceLines {
      c.drawLine(from: Point(axes.plot.x, axes.py(level)), to: Point(axes.plot.maxX, axes.py(level)),
                 width: 1, color: Color(gray: 150))
    }
    var occupied: [Point] = []
    for (i, s) in series.enumerated() {
      guard let band = s.band else { continue }
      let color = (s.color ?? Color.series(i)).withOpacity(0.2)
      var upper: [Point] = []
      var lower: [Point] = []
      func flush() {
        if upper.count >= 2 { c.fillPolygon(upper + lower.reversed(), color: color) }
        upper.removeAll()
        lower.removeAll()
      }
      for k in s.x.indices {
        let (x, lo, hi) = (s.x[k], band.lower[k], band.upper[k])
        if x.isFinite && lo.isFinite && hi.isFinite {
          upper.append(axes.pixel(Point(x, hi)))
          lower.append(axes.pixel(Point(x, lo)))
          occupied.append(upper.last!)
          occupied.append(lower.last!)
        } else {
          flush()
        }
      }
      flush()
    }
    for (i, s) in series.enumerated() {
      let points = zip(s.x, s.y).map { axes.pixel(Point($0, $1)) }
      occupied += points.filter { $0.x.isFinite && $0.y.isFinite }
      c.strokePolyline(points, width: s.lineWidth, color: s.color ?? Color.series(i), join: .round, cap: .round)
    }
    c.clipRect = nil
    axes.drawDecorations(&c)
    let entries = series.enumerated().filter { !$0.element.name.isEmpty }.map { i, s in
      LegendEntry(name: s.name, color: s.color ?? Color.series(i), swatch: .line(width: s.lineWidth, band: s.band != nil))
    }
    LegendEntry.draw(entries, position: legend, axes: axes, occupied: occupied.map { ($0, 1) }, on: &c)
    return c.frame
  }

  /// Draws the chart and writes it as a PNG atomically.
  /// - Throws: `RenderError` naming `path` if it cannot be written.
  public func writePNG(to path: String, width: Int = 640, height: Int = 400) throws {
    try PNG.write(render(width: width, height: height), to: path)
  }
}
