import GymCore

/// A 2-D grid of values drawn as coloured cells with a colour bar; cells without a value
/// (nil or NaN — e.g. unfilled niches of a MAP-Elites archive) are hatched grey.
public struct Heatmap: Sendable {
  /// Cell values, `values[row][column]`; nil or NaN marks an empty cell. Rows may differ in
  /// length (missing cells are empty).
  public var values: [[Double?]]
  /// Title above the plot.
  public var title: String
  /// Label under the x axis (columns).
  public var xLabel: String
  /// Label beside the y axis (rows).
  public var yLabel: String
  /// Label beside the colour bar.
  public var colorBarLabel: String
  /// Data extent spanned by the columns, edge to edge; nil numbers cells 0, 1, … at their
  /// centres.
  public var xRange: ClosedRange<Double>?
  /// Data extent spanned by the rows, edge to edge; nil numbers cells 0, 1, ….
  public var yRange: ClosedRange<Double>?
  /// Values mapped to the ends of the colormap; nil uses the data's minimum and maximum.
  public var valueRange: ClosedRange<Double>?
  /// The colours.
  public var colormap: Colormap
  /// Row 0 at the bottom (true, like a y axis) or at the top (false, like an image).
  public var originAtBottom: Bool

  /// A heatmap.
  public init(
    values: [[Double?]], title: String = "", xLabel: String = "", yLabel: String = "",
    colorBarLabel: String = "", xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
    valueRange: ClosedRange<Double>? = nil, colormap: Colormap = .viridis, originAtBottom: Bool = true
  ) {
    self.values = values
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.colorBarLabel = colorBarLabel
    self.xRange = xRange
    self.yRange = yRange
    self.valueRange = valueRange
    self.colormap = colormap
    self.originAtBottom = originAtBottom
  }

  /// A heatmap of a dense grid (NaN marks empty cells).
  public init(grid: [[Double]], title: String = "", colormap: Colormap = .viridis) {
    self.init(values: grid.map { $0.map { Optional($0) } }, title: title, colormap: colormap)
  }

  static let emptyBase = Color(gray: 242)
  static let emptyHatch = Color(gray: 185)

  /// Draws the heatmap.
  /// - Complexity: O(cells + pixels).
  public func render(width: Int = 640, height: Int = 480) -> Frame {
    let rows = max(1, values.count)
    let cols = max(1, values.map(\.count).max() ?? 1)
    func value(_ r: Int, _ c: Int) -> Double? {
      guard r < values.count, c < values[r].count, let v = values[r][c], v.isFinite else { return nil }
      return v
    }
    let present = values.flatMap { $0.compactMap { $0 } }.filter(\.isFinite)
    let hasEmpty = present.count < rows * cols
    let vr: ClosedRange<Double> = valueRange.map { PlotAxes.padded($0.lowerBound, $0.upperBound, by: 0) }
      ?? (present.isEmpty ? 0...1 : PlotAxes.padded(present.min()!, present.max()!, by: 0))
    let xr = xRange.map { PlotAxes.padded($0.lowerBound, $0.upperBound, by: 0) } ?? (-0.5)...(Double(cols) - 0.5)
    let yr = yRange.map { PlotAxes.padded($0.lowerBound, $0.upperBound, by: 0) } ?? (-0.5)...(Double(rows) - 0.5)
    let cbTicks = NiceTicks.values(in: vr, maxCount: 6)
    let cbLabels = NiceTicks.labels(cbTicks)
    let cbLabelWidth = cbLabels.map { BitmapFont.measure($0).width }.max() ?? 0
    let barWidth = 14
    let rightExtra = 14 + barWidth + 4 + 3 + max(cbLabelWidth, hasEmpty ? 30 : 0)
      + (colorBarLabel.isEmpty ? 0 : 8 + BitmapFont.glyphHeight)
    var axes = PlotAxes(
      width: width, height: height, title: title, xLabel: xLabel, yLabel: yLabel,
      xRange: xr, yRange: yr, rightExtra: rightExtra, integerTicks: xRange == nil && yRange == nil)
    axes.yDown = !originAtBottom
    var c = Canvas(width: width, height: height, background: .white)
    let plot = axes.plot
    let cw = plot.width / Double(cols)
    let ch = plot.height / Double(rows)
    for r in 0..<rows {
      let top = originAtBottom ? plot.maxY - Double(r + 1) * ch : plot.y + Double(r) * ch
      // Both edges from the same formula as the neighbours' edges, so rounding leaves no gap.
      let y0 = top.rounded()
      let y1 = (originAtBottom ? plot.maxY - Double(r) * ch : plot.y + Double(r + 1) * ch).rounded()
      for col in 0..<cols {
        let x0 = (plot.x + Double(col) * cw).rounded()
        let x1 = (plot.x + Double(col + 1) * cw).rounded()
        if let v = value(r, col) {
          c.fillPixelRect(x0: x0, y0: y0, x1: x1, y1: y1, color: colormap.color(for: v, in: vr))
        } else {
          c.fillHatchedRect(x0: Int(x0), y0: Int(y0), x1: Int(x1), y1: Int(y1), base: Heatmap.emptyBase, hatch: Heatmap.emptyHatch)
        }
      }
    }
    axes.drawDecorations(&c)
    // Colour bar, with an "empty" swatch under it when some cells are empty.
    let barX = plot.maxX + 14
    let swatchSpace = hasEmpty ? 22.0 : 0
    let bar = Rect(x: barX, y: plot.y, width: Double(barWidth), height: plot.height - swatchSpace)
    let barTop = Int(bar.y.rounded())
    let barBottom = Int(bar.maxY.rounded())
    for y in barTop..<barBottom {
      let t = 1 - (Double(y - barTop) + 0.5) / Double(max(1, barBottom - barTop))
      c.fillPixelRect(x0: bar.x, y0: Double(y), x1: bar.maxX, y1: Double(y + 1), color: colormap.color(at: t))
    }
    c.strokeRect(Rect(x: bar.x, y: Double(barTop), width: bar.width, height: Double(barBottom - barTop)), width: 1, color: PlotAxes.axisColor)
    let span = vr.upperBound - vr.lowerBound
    for (t, label) in zip(cbTicks, cbLabels) {
      let y = Double(barBottom) - (t - vr.lowerBound) / (span > 0 ? span : 1) * Double(barBottom - barTop)
      c.drawLine(from: Point(bar.maxX, y), to: Point(bar.maxX + 4, y), width: 1, color: PlotAxes.axisColor)
      c.drawText(label, at: Point(bar.maxX + 7, y - 1), color: PlotAxes.textColor, anchor: .left)
    }
    if hasEmpty {
      let sy = Int(plot.maxY) - 12
      c.fillHatchedRect(x0: Int(bar.x), y0: sy, x1: Int(bar.maxX), y1: sy + 12, base: Heatmap.emptyBase, hatch: Heatmap.emptyHatch)
      c.strokeRect(Rect(x: bar.x, y: Double(sy), width: bar.width, height: 12), width: 1, color: PlotAxes.axisColor)
      c.drawText("empty", at: Point(bar.maxX + 7, Double(sy + 6) - 1), color: PlotAxes.textColor, anchor: .left)
    }
    if !colorBarLabel.isEmpty {
      c.drawText(
        colorBarLabel, at: Point(Double(width - 8), bar.center.y), color: PlotAxes.textColor,
        anchor: .right, orientation: .vertical)
    }
    return c.frame
  }

  /// Draws the heatmap and writes it as a PNG atomically.
  /// - Throws: `RenderError` naming `path` if it cannot be written.
  public func writePNG(to path: String, width: Int = 640, height: Int = 480) throws {
    try PNG.write(render(width: width, height: height), to: path)
  }
}

extension Canvas {
  /// Fills whole pixels [x0, x1) × [y0, y1) with `base` crossed by 45° lines of `hatch`
  /// every 5 pixels, aligned to the canvas so neighbouring cells join up.
  mutating func fillHatchedRect(x0: Int, y0: Int, x1: Int, y1: Int, base: Color, hatch: Color) {
    let xa = max(x0, clip.x0), xb = min(x1, clip.x1)
    let ya = max(y0, clip.y0), yb = min(y1, clip.y1)
    guard xa < xb, ya < yb else { return }
    let w = width
    pixels.withUnsafeMutableBufferPointer { buffer in
      for y in ya..<yb {
        let row = buffer.baseAddress! + y * w * 3
        for x in xa..<xb {
          let c = (x + y) % 5 == 0 ? hatch : base
          row[x * 3] = c.r
          row[x * 3 + 1] = c.g
          row[x * 3 + 2] = c.b
        }
      }
    }
  }
}
