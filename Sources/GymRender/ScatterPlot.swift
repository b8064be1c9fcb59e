import GymCore

/// A scatter plot of one or more point sets, with an optional reference point — for Pareto
/// fronts of multi-objective agents (`ScatterPlot.pareto`) among other things.
public struct ScatterPlot: Sendable {
  /// One named set of points.
  public struct Series: Sendable, Hashable {
    /// Legend label (empty: not in the legend).
    public var name: String
    /// The points, in data coordinates.
    public var points: [Point]
    /// Marker colour; nil takes the next palette colour.
    public var color: Color?
    /// Marker shape.
    public var marker: Marker
    /// Marker width in pixels.
    public var markerSize: Double
    /// Also join the points, in order of x, with a line.
    public var connected: Bool

    /// A series of points.
    public init(
      name: String, points: [Point], color: Color? = nil, marker: Marker = .circle,
      markerSize: Double = 7, connected: Bool = false
    ) {
      self.name = name
      self.points = points
      self.color = color
      self.marker = marker
      self.markerSize = markerSize
      self.connected = connected
    }
  }

  /// Title above the plot.
  public var title: String
  /// Label under the x axis.
  public var xLabel: String
  /// Label beside the y axis.
  public var yLabel: String
  /// Point sets, drawn in order (later ones on top).
  public var series: [Series]
  /// A point marked with a black ×, e.g. the hypervolume reference point.
  public var referencePoint: Point?
  /// The reference point's legend label.
  public var referenceLabel: String
  /// x extent; nil fits the data with a 5 % margin.
  public var xRange: ClosedRange<Double>?
  /// y extent; nil fits the data with a 5 % margin.
  public var yRange: ClosedRange<Double>?
  /// Where the legend goes.
  public var legend: LegendPosition

  /// A scatter plot.
  public init(
    title: String = "", xLabel: String = "", yLabel: String = "", series: [Series],
    referencePoint: Point? = nil, referenceLabel: String = "reference",
    xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
    legend: LegendPosition = .automatic
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.series = series
    self.referencePoint = referencePoint
    self.referenceLabel = referenceLabel
    self.xRange = xRange
    self.yRange = yRange
    self.legend = legend
  }

  /// The colour of dominated points in `pareto`.
  public static let dominatedColor = Color(gray: 185)

  /// A plot of two-objective results: non-dominated points coloured and joined, dominated
  /// points grey, and an optional reference point.
  /// - Parameters:
  ///   - points: one (objective 1, objective 2) pair per policy or solution.
  ///   - maximizeX: whether larger x is better (default true).
  ///   - maximizeY: whether larger y is better (default true).
  ///   - referencePoint: e.g. the hypervolume reference point.
  public static func pareto(
    points: [Point], maximizeX: Bool = true, maximizeY: Bool = true, referencePoint: Point? = nil,
    title: String = "", xLabel: String = "", yLabel: String = "", frontColor: Color = Color.series(0)
  ) -> ScatterPlot {
    let front = Set(nonDominated(points, maximizeX: maximizeX, maximizeY: maximizeY))
    let dominated = points.indices.filter { !front.contains($0) }.map { points[$0] }
    let frontPoints = front.sorted().map { points[$0] }
    return ScatterPlot(
      title: title, xLabel: xLabel, yLabel: yLabel,
      series: [
        Series(name: "dominated", points: dominated, color: dominatedColor),
        Series(name: "Pareto front", points: frontPoints, color: frontColor, markerSize: 8, connected: true),
      ],
      referencePoint: referencePoint)
  }

  /// Indices of the points no other point dominates (at least as good in both coordinates
  /// and better in one), in input order. Duplicates of a non-dominated point are all kept.
  /// - Complexity: O(n log n).
  public static func nonDominated(_ points: [Point], maximizeX: Bool = true, maximizeY: Bool = true) -> [Int] {
    let sx: Double = maximizeX ? 1 : -1
    let sy: Double = maximizeY ? 1 : -1
    // In "larger is better" coordinates, sweep by x descending; a point is dominated by one
    // with larger x and y ≥ its y, or by one with equal x and larger y.
    let order = points.indices.filter { points[$0].x.isFinite && points[$0].y.isFinite }
      .sorted { sx * points[$0].x > sx * points[$1].x }
    var result: [Int] = []
    var bestBefore = -Double.infinity  // best y among strictly larger x
    var i = 0
    while i < order.count {
      var j = i
      let x = sx * points[order[i]].x
      var groupBest = -Double.infinity
      while j < order.count && sx * points[order[j]].x == x {
        groupBest = max(groupBest, sy * points[order[j]].y)
        j += 1
      }
      for k in i..<j {
        let y = sy * points[order[k]].y
        if y > bestBefore && y == groupBest { result.append(order[k]) }
      }
      bestBefore = max(bestBefore, groupBest)
      i = j
    }
    return result.sorted()
  }

  /// Draws the plot.
  /// - Complexity: O(points + pixels).
  public func render(width: Int = 640, height: Int = 480) -> Frame {
    var all = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
    if let referencePoint { all.append(referencePoint) }
    let xr = xRange.map { PlotAxes.padded($0.lowerBound, $0.upperBound, by: 0) } ?? PlotAxes.padded(all.map(\.x).min() ?? 0, all.map(\.x).max() ?? 1, by: 0.05)
    let yr = yRange.map { PlotAxes.padded($0.lowerBound, $0.upperBound, by: 0) } ?? PlotAxes.padded(all.map(\.y).min() ?? 0, all.map(\.y).max() ?? 1, by: 0.05)
    let axes = PlotAxes(
      width: width, height: height, title: title, xLabel: xLabel, yLabel: yLabel, xRange: xr, yRange: yr)
    var c = Canvas(width: width, height: height, background: .white)
    axes.drawGrid(&c)
    c.clipRect = axes.plot.insetBy(-1)
    var occupied: [(point: Point, weight: Int)] = []
    for (i, s) in series.enumerated() {
      let color = s.color ?? Color.series(i)
      let pixels = s.points.filter { $0.x.isFinite && $0.y.isFinite }.map(axes.pixel)
      occupied += pixels.map { ($0, s.connected ? 10 : 1) }
      if s.connected && pixels.count > 1 {
        c.strokePolyline(pixels.sorted { $0.x < $1.x }, width: 1.5, color: color.withOpacity(0.8))
      }
      for p in pixels { c.drawMarker(s.marker, at: p, size: s.markerSize, color: color) }
    }
    if let referencePoint {
      let p = axes.pixel(referencePoint)
      occupied.append((p, 100))
      c.drawMarker(.cross, at: p, size: 10, color: .black)
    }
    c.clipRect = nil
    axes.drawDecorations(&c)
    var entries = series.enumerated().filter { !$0.element.name.isEmpty && !$0.element.points.isEmpty }.map { i, s in
      LegendEntry(name: s.name, color: s.color ?? Color.series(i), swatch: .marker(s.marker))
    }
    if referencePoint != nil {
      entries.append(LegendEntry(name: referenceLabel, color: .black, swatch: .marker(.cross)))
    }
    LegendEntry.draw(entries, position: legend, axes: axes, occupied: occupied, on: &c)
    return c.frame
  }

  /// Draws the plot and writes it as a PNG atomically.
  /// - Throws: `RenderError` naming `path` if it cannot be written.
  public func writePNG(to path: String, width: Int = 640, height: Int = 480) throws {
    try PNG.write(render(width: width, height: height), to: path)
  }
}
