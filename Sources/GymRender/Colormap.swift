/// A map from [0, 1] to colours, interpolating linearly between evenly spaced stops.
public struct Colormap: Sendable, Hashable {
  /// The colours at t = 0, 1/(n−1), …, 1.
  public var stops: [Color]

  /// A colormap through `stops`, evenly spaced.
  /// - Precondition: at least two stops.
  public init(stops: [Color]) {
    precondition(stops.count >= 2, "a colormap needs at least two stops")
    self.stops = stops
  }

  /// The colour at `t`, clamped to [0, 1]; NaN gives the first stop.
  /// - Complexity: O(1).
  public func color(at t: Double) -> Color {
    let t = t.isNaN ? 0 : min(max(t, 0), 1)
    let scaled = t * Double(stops.count - 1)
    let i = min(Int(scaled), stops.count - 2)
    return stops[i].mixed(with: stops[i + 1], scaled - Double(i))
  }

  /// The colour for `value` placed within `range` (below → first stop, above → last).
  public func color(for value: Double, in range: ClosedRange<Double>) -> Color {
    let span = range.upperBound - range.lowerBound
    return color(at: span > 0 ? (value - range.lowerBound) / span : 0.5)
  }

  /// Perceptually uniform dark blue → green → yellow (matplotlib's viridis, sampled at
  /// eleven points); readable in greyscale and by most colour-blind readers.
  public static let viridis = Colormap(stops: [
    Color(hex: 0x440154), Color(hex: 0x482475), Color(hex: 0x414487), Color(hex: 0x355F8D),
    Color(hex: 0x2A788E), Color(hex: 0x21918C), Color(hex: 0x22A884), Color(hex: 0x44BF70),
    Color(hex: 0x7AD151), Color(hex: 0xBDDF26), Color(hex: 0xFDE725),
  ])

  /// Black to white.
  public static let grayscale = Colormap(stops: [.black, .white])

  /// Diverging blue → light grey → red, for signed values around a midpoint.
  public static let coolWarm = Colormap(stops: [
    Color(hex: 0x3B4CC0), Color(hex: 0x7B9FF9), Color(hex: 0xDDDDDD), Color(hex: 0xF49A7B),
    Color(hex: 0xB40426),
  ])
}
