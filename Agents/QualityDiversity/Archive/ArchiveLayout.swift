/// How an archive divides measure space into cells.
public enum ArchiveLayout: Sendable, Hashable {
  /// A regular grid (pyribs' `GridArchive`).
  case grid(GridLayout)
  /// Voronoi cells of stored centroids (pyribs' `CVTArchive`).
  case cvt(CVTLayout)
  /// A grid whose edges follow recent measures (pyribs' `SlidingBoundariesArchive`).
  case slidingBoundaries(SlidingBoundariesLayout)

  /// The number of cells.
  public var cellCount: Int {
    switch self {
    case .grid(let g): g.cellCount
    case .cvt(let c): c.cellCount
    case .slidingBoundaries(let s): s.cellCount
    }
  }

  /// The number of measure dimensions.
  public var measureDim: Int {
    switch self {
    case .grid(let g): g.measureDim
    case .cvt(let c): c.measureDim
    case .slidingBoundaries(let s): s.measureDim
    }
  }

  /// The lower corner of the measure box.
  public var lowerBounds: [Double] {
    switch self {
    case .grid(let g): g.lowerBounds
    case .cvt(let c): c.lowerBounds
    case .slidingBoundaries(let s): s.lowerBounds
    }
  }

  /// The upper corner of the measure box.
  public var upperBounds: [Double] {
    switch self {
    case .grid(let g): g.upperBounds
    case .cvt(let c): c.upperBounds
    case .slidingBoundaries(let s): s.upperBounds
    }
  }

  /// `"grid"`, `"cvt"` or `"sliding_boundaries"`, as written in saved archives.
  public var kind: String {
    switch self {
    case .grid: "grid"
    case .cvt: "cvt"
    case .slidingBoundaries: "sliding_boundaries"
    }
  }

  /// The cell of a finite measure vector.
  @inlinable
  public func cell(of measures: UnsafePointer<Double>) -> Int {
    switch self {
    case .grid(let g): g.cell(of: measures)
    case .cvt(let c): c.cell(of: measures)
    case .slidingBoundaries(let s): s.cell(of: measures)
    }
  }
}
