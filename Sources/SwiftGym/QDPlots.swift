import GymQD
import GymRender

extension Archive {
  /// A heatmap of a two-measure grid archive's objectives (empty cells hatched), columns along
  /// the first measure and rows along the second, with a colour bar.
  /// - Parameters:
  ///   - title: the plot's title.
  ///   - measureNames: axis labels for the two measures.
  ///   - valueRange: the colour scale; nil uses the elites' range.
  /// - Throws: `QDError` unless the archive is a 2-D grid.
  public func heatmap(title: String = "", measureNames: (String, String) = ("measure 1", "measure 2"), valueRange: ClosedRange<Double>? = nil) throws(QDError) -> Heatmap {
    guard case .grid(let g) = layout, g.dims.count == 2 else {
      throw QDError("a heatmap needs a grid archive with 2 measures; this one is \(layout.kind) with \(measureDim)")
    }
    let (nx, ny) = (g.dims[0], g.dims[1])
    var values = [[Double?]](repeating: [Double?](repeating: nil, count: nx), count: ny)
    for e in elites {
      values[e.cell % ny][e.cell / ny] = e.objective
    }
    return Heatmap(
      values: values, title: title, xLabel: measureNames.0, yLabel: measureNames.1, colorBarLabel: "objective",
      xRange: g.lowerBounds[0]...g.upperBounds[0], yRange: g.lowerBounds[1]...g.upperBounds[1], valueRange: valueRange)
  }
}

extension Experiment.Progress {
  /// A chart of normalised QD score and coverage (percent) against iterations.
  public static func chart(_ curve: [Experiment.Progress], title: String = "") -> LineChart {
    let x = curve.map { Double($0.iteration) }
    return LineChart(
      title: title, xLabel: "iteration", yLabel: "normalised QD score / coverage %",
      series: [
        .init(name: "normalised QD score", x: x, y: curve.map(\.stats.normQDScore)),
        .init(name: "coverage %", x: x, y: curve.map { 100 * $0.stats.coverage }),
      ])
  }
}

extension MOMEArchive {
  /// A heatmap of every cell front's hypervolume w.r.t. `reference` (empty cells hatched),
  /// columns along the first measure and rows along the second, with a colour bar.
  /// - Throws: `QDError` unless the grid has 2 measures.
  public func hypervolumeHeatmap(reference: [Double], title: String = "", measureNames: (String, String) = ("measure 1", "measure 2")) throws(QDError) -> Heatmap {
    guard layout.dims.count == 2 else { throw QDError("a heatmap needs a grid with 2 measures; this one has \(layout.dims.count)") }
    let (nx, ny) = (layout.dims[0], layout.dims[1])
    let volumes = cellHypervolumes(reference: reference)
    var values = [[Double?]](repeating: [Double?](repeating: nil, count: nx), count: ny)
    for cell in occupied { values[cell % ny][cell / ny] = volumes[cell] }
    return Heatmap(
      values: values, title: title, xLabel: measureNames.0, yLabel: measureNames.1, colorBarLabel: "front hypervolume",
      xRange: layout.lowerBounds[0]...layout.upperBounds[0], yRange: layout.lowerBounds[1]...layout.upperBounds[1])
  }

  /// Every solution of the archive in the plane of objectives `i` and `j`: the global Pareto
  /// front coloured and joined, the rest grey, and the reference point.
  /// - Parameter objectiveNames: axis labels, one per objective (default "objective 1", …).
  public func frontPlot(reference: [Double], objectives i: Int = 0, _ j: Int = 1, title: String = "", objectiveNames: [String]? = nil) -> ScatterPlot {
    let points = occupied.sorted().flatMap { fronts[$0] }.map { Point(x: $0.objectives[i], y: $0.objectives[j]) }
    let names = objectiveNames ?? (1...objectiveDim).map { "objective \($0)" }
    return ScatterPlot.pareto(
      points: points, referencePoint: Point(x: reference[i], y: reference[j]), title: title,
      xLabel: names[i], yLabel: names[j])
  }
}
