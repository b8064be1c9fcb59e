/// Where a plot puts its legend.
public enum LegendPosition: Sendable, Hashable {
  /// The inside corner covering the fewest data points.
  case automatic
  /// Inside, top left.
  case topLeft
  /// Inside, top right.
  case topRight
  /// Inside, bottom left.
  case bottomLeft
  /// Inside, bottom right.
  case bottomRight
  /// No legend.
  case hidden
}

/// The frame of a 2-D plot: the data rectangle in pixels, the data ranges, ticks, and the
/// decorations around them (title, axis labels, grid).
struct PlotAxes {
  var plot: Rect
  var xRange: ClosedRange<Double>
  var yRange: ClosedRange<Double>
  var xTicks: [Double]
  var yTicks: [Double]
  var title: String
  var xLabel: String
  var yLabel: String
  /// y grows downwards (row 0 at the top, as in an image) instead of upwards.
  var yDown = false

  static let textColor = Color(gray: 40)
  static let axisColor = Color(gray: 90)
  static let gridColor = Color(gray: 232)
  static let font = BitmapFont.self

  /// Lays out a plot of `width`×`height` pixels, leaving `rightExtra` pixels on the right
  /// for a colour bar.
  init(
    width: Int, height: Int, title: String, xLabel: String, yLabel: String,
    xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, rightExtra: Int = 0,
    integerTicks: Bool = false
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.xRange = xRange
    self.yRange = yRange
    let gh = BitmapFont.glyphHeight
    let top = title.isEmpty ? 12 : 12 + 2 * gh + 8
    let bottom = 6 + 4 + gh + (xLabel.isEmpty ? 0 : 8 + gh) + 8
    let minStep = integerTicks ? 1.0 : 0
    // Fit y ticks to the height, then size the left margin to their labels.
    let plotHeight0 = Double(height - top - bottom)
    let yCount = max(2, min(10, Int(plotHeight0 / 45)))
    let yt = NiceTicks.values(in: yRange, maxCount: yCount, minimumStep: minStep)
    let yLabelWidth = NiceTicks.labels(yt).map { BitmapFont.measure($0).width }.max() ?? 0
    let left = 8 + (yLabel.isEmpty ? 0 : gh + 8) + yLabelWidth + 4 + 4
    let right = 16 + rightExtra
    plot = Rect(
      x: Double(left), y: Double(top), width: Double(max(10, width - left - right)),
      height: Double(max(10, height - top - bottom)))
    yTicks = yt
    // Fewer x ticks until their labels do not collide.
    var xCount = max(2, min(10, Int(plot.width / 70)))
    var xt = NiceTicks.values(in: xRange, maxCount: xCount, minimumStep: minStep)
    while xCount > 2 {
      let widest = NiceTicks.labels(xt).map { BitmapFont.measure($0).width }.max() ?? 0
      let spacing = xt.count > 1 ? plot.width * (xt[1] - xt[0]) / (xRange.upperBound - xRange.lowerBound) : .infinity
      if Double(widest + 10) <= spacing { break }
      xCount -= 1
      xt = NiceTicks.values(in: xRange, maxCount: xCount, minimumStep: minStep)
    }
    xTicks = xt
  }

  /// Pixel x of data x.
  func px(_ x: Double) -> Double {
    plot.x + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * plot.width
  }

  /// Pixel y of data y (up is larger data unless `yDown`).
  func py(_ y: Double) -> Double {
    let f = (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * plot.height
    return yDown ? plot.y + f : plot.maxY - f
  }

  /// Pixel position of a data point.
  func pixel(_ p: Point) -> Point { Point(x: px(p.x), y: py(p.y)) }

  /// Grid lines at the ticks, behind the data.
  func drawGrid(_ c: inout Canvas) {
    for t in xTicks {
      c.drawLine(from: Point(px(t), plot.y), to: Point(px(t), plot.maxY), width: 1, color: PlotAxes.gridColor)
    }
    for t in yTicks {
      c.drawLine(from: Point(plot.x, py(t)), to: Point(plot.maxX, py(t)), width: 1, color: PlotAxes.gridColor)
    }
  }

  /// Frame, ticks, tick labels, axis labels and title, over the data.
  func drawDecorations(_ c: inout Canvas) {
    c.strokeRect(plot, width: 1, color: PlotAxes.axisColor)
    let frameLeft = Canvas.snap(plot.x, width: 1) - 0.5
    let frameBottom = Canvas.snap(plot.maxY, width: 1) + 0.5
    for (t, label) in zip(xTicks, NiceTicks.labels(xTicks)) {
      let x = px(t)
      c.drawLine(from: Point(x, frameBottom), to: Point(x, frameBottom + 4), width: 1, color: PlotAxes.axisColor)
      c.drawText(label, at: Point(x, frameBottom + 7), color: PlotAxes.textColor, anchor: .top)
    }
    for (t, label) in zip(yTicks, NiceTicks.labels(yTicks)) {
      let y = py(t)
      c.drawLine(from: Point(frameLeft - 4, y), to: Point(frameLeft, y), width: 1, color: PlotAxes.axisColor)
      c.drawText(label, at: Point(frameLeft - 7, y - 1), color: PlotAxes.textColor, anchor: .right)
    }
    let gh = Double(BitmapFont.glyphHeight)
    if !xLabel.isEmpty {
      c.drawText(
        xLabel, at: Point(plot.center.x, frameBottom + 7 + gh + 8), color: PlotAxes.textColor, anchor: .top)
    }
    if !yLabel.isEmpty {
      c.drawText(
        yLabel, at: Point(8, plot.center.y), color: PlotAxes.textColor, anchor: .left, orientation: .vertical)
    }
    if !title.isEmpty {
      c.drawText(title, at: Point(plot.center.x, 10), scale: 2, color: .black, anchor: .top)
    }
  }

  /// A data range padded by `fraction` of its span on each side (a unit span if empty).
  static func padded(_ lo: Double, _ hi: Double, by fraction: Double) -> ClosedRange<Double> {
    guard lo.isFinite, hi.isFinite, lo <= hi else { return 0...1 }
    if lo == hi {
      let d = lo == 0 ? 1 : abs(lo) * 0.1
      return (lo - d)...(hi + d)
    }
    let d = (hi - lo) * fraction
    return (lo - d)...(hi + d)
  }
}

/// One row of a plot legend.
struct LegendEntry {
  enum Swatch {
    case line(width: Double, band: Bool)
    case marker(Marker)
  }

  var name: String
  var color: Color
  var swatch: Swatch

  /// Draws the legend box for `entries` in the chosen corner of `axes.plot`. An automatic
  /// position picks the corner whose box covers the least total weight of the pixel
  /// positions in `occupied` (weight 1 unless given, e.g. more for a reference point).
  static func draw(
    _ entries: [LegendEntry], position: LegendPosition, axes: PlotAxes,
    occupied: [(point: Point, weight: Int)], on c: inout Canvas
  ) {
    guard position != .hidden, !entries.isEmpty else { return }
    let rowHeight = 14.0
    let sample = 22.0
    let textWidth = Double(entries.map { BitmapFont.measure($0.name).width }.max() ?? 0)
    let w = 6 + sample + 6 + textWidth + 8
    let h = Double(entries.count) * rowHeight + 6
    let m = 8.0
    let plot = axes.plot
    func rect(_ p: LegendPosition) -> Rect {
      switch p {
      case .topLeft: return Rect(x: plot.x + m, y: plot.y + m, width: w, height: h)
      case .bottomLeft: return Rect(x: plot.x + m, y: plot.maxY - m - h, width: w, height: h)
      case .bottomRight: return Rect(x: plot.maxX - m - w, y: plot.maxY - m - h, width: w, height: h)
      default: return Rect(x: plot.maxX - m - w, y: plot.y + m, width: w, height: h)
      }
    }
    var chosen = position
    if position == .automatic {
      var best = Int.max
      for candidate in [LegendPosition.topRight, .topLeft, .bottomRight, .bottomLeft] {
        let r = rect(candidate).insetBy(-4)
        var count = 0
        for (p, weight) in occupied where p.x >= r.x && p.x <= r.maxX && p.y >= r.y && p.y <= r.maxY {
          count += weight
        }
        if count < best {
          best = count
          chosen = candidate
        }
      }
    }
    let box = rect(chosen)
    c.fillRect(box, color: Color(gray: 255, alpha: 235))
    c.strokeRect(box, width: 1, color: Color(gray: 200))
    for (i, e) in entries.enumerated() {
      let cy = box.y + 3 + rowHeight * (Double(i) + 0.5)
      let x0 = box.x + 6
      switch e.swatch {
      case .line(let width, let band):
        if band {
          c.fillRect(Rect(x: x0, y: cy - 5, width: sample, height: 10), color: e.color.withOpacity(0.2))
        }
        c.drawLine(from: Point(x0, cy), to: Point(x0 + sample, cy), width: max(1, min(width, 4)), color: e.color)
      case .marker(let marker):
        c.drawMarker(marker, at: Point(x0 + sample / 2, cy), size: 8, color: e.color)
      }
      c.drawText(e.name, at: Point(x0 + sample + 6, cy), color: PlotAxes.textColor, anchor: .left)
    }
  }
}
