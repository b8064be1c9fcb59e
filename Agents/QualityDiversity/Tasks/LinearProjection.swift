import RealModule

/// The "linear projection" benchmarks of the CMA-ME and CMA-MAE papers (pyribs'
/// `examples/sphere.py`): a shifted sphere or Rastrigin objective rescaled to [0, 100], and
/// two measures that sum the two halves of the solution after folding coordinates outside
/// ±5.12 inward.
///
/// - Objective: the optimum sits at xᵢ = 0.4 · 5.12 = 2.048; the raw value is rescaled
///   linearly so the optimum scores 100 and x = (−5.12, …) scores 0.
/// - Measures: each xᵢ outside [−5.12, 5.12] becomes 5.12 / xᵢ; m₁ sums the first ⌊n/2⌋
///   values, m₂ the rest. The archive box is ±(n/2)·5.12 in both.
public struct LinearProjection: QDTask {
  /// The objective's shape.
  public enum Function: String, Sendable, CaseIterable {
    /// Σ (xᵢ − s)².
    case sphere
    /// 10n + Σ [(xᵢ − s)² − 10 cos 2π(xᵢ − s)].
    case rastrigin
  }

  /// Which function.
  public let function: Function
  public let solutionDim: Int
  public var name: String { function.rawValue }
  /// The shift of the optimum, 0.4 · 5.12.
  public static let shift = 0.4 * 5.12
  /// The raw value at x = (−5.12, …), which maps to 0.
  public let worst: Double

  /// A linear-projection task.
  /// - Throws: `QDError` unless `dimension` ≥ 2.
  public init(_ function: Function, dimension: Int) throws(QDError) {
    try QDError.require(dimension >= 2, "a linear-projection task needs at least 2 dimensions, got \(dimension)")
    self.function = function
    solutionDim = dimension
    let e = -5.12 - Self.shift
    switch function {
    case .sphere: worst = Double(dimension) * e * e
    case .rastrigin: worst = 10 * Double(dimension) + Double(dimension) * (e * e - 10 * Double.cos(2 * .pi * e))
    }
  }

  public var objectiveRange: ClosedRange<Double>? { 0...100 }

  public var measureRanges: [(Double, Double)] {
    let b = Double(solutionDim) / 2 * 5.12
    return [(-b, b), (-b, b)]
  }

  @inlinable
  public func evaluate(_ x: UnsafePointer<Double>, measures: UnsafeMutablePointer<Double>) -> Double {
    let n = solutionDim, half = n / 2, s = Self.shift
    let first = Self.sums(x, 0, half), second = Self.sums(x, half, n)
    var raw = first.squares + second.squares
    if function == .rastrigin {
      raw += 10 * Double(n)
      for i in 0..<n { raw -= 10 * Double.cos(2 * .pi * (x[i] - s)) }
    }
    measures[0] = first.folded
    measures[1] = second.folded
    return (raw - worst) / (0 - worst) * 100
  }

  /// Σ (xᵢ − shift)² and Σ fold(xᵢ) over `lo..<hi`, four lanes at a time (so the sums are
  /// in lane order, not strictly left to right).
  @inlinable @inline(__always)
  static func sums(_ x: UnsafePointer<Double>, _ lo: Int, _ hi: Int) -> (squares: Double, folded: Double) {
    let shift = SIMD4<Double>(repeating: Self.shift), edge = SIMD4<Double>(repeating: 5.12)
    var squares = SIMD4<Double>(), folded = SIMD4<Double>()
    let raw = UnsafeRawPointer(x)
    var i = lo
    while i + 4 <= hi {
      let v = raw.loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self)
      let t = v - shift
      squares += t * t
      // The division only when a lane is outside ±5.12 (about one block of four in twenty
      // in a sphere run); the four lanes' flags are folded to two, then tested as integers.
      let outside = (v .< -edge) .| (v .> edge)
      let flags = unsafeBitCast(outside, to: SIMD4<Int64>.self)
      let either = flags.lowHalf | flags.highHalf
      folded += either[0] | either[1] != 0 ? v.replacing(with: edge / v, where: outside) : v
      i += 4
    }
    var sq = squares.sum(), fo = folded.sum()
    while i < hi {
      let v = x[i], t = v - Self.shift
      sq += t * t
      fo += (v < -5.12 || v > 5.12) ? 5.12 / v : v
      i += 1
    }
    return (sq, fo)
  }
}

/// The planar arm repertoire (Cully et al.; the CMA-MAE paper's "arm" domain with n links of
/// unit length): a solution is n joint angles, the objective rewards smooth arms,
/// `100 · (1 − Var(θ))` (population variance), and the measures are the end effector's
/// `(Σ cos θ̄ₖ, Σ sin θ̄ₖ)` with θ̄ₖ the cumulative angles. The archive box is ±n.
public struct ArmRepertoire: QDTask {
  public let solutionDim: Int
  public var name: String { "arm" }

  /// An arm with `links` joints (and unit links).
  /// - Throws: `QDError` unless `links` ≥ 1.
  public init(links: Int) throws(QDError) {
    try QDError.require(links >= 1, "an arm needs at least one link, got \(links)")
    solutionDim = links
  }

  public var objectiveRange: ClosedRange<Double>? { 0...100 }

  public var measureRanges: [(Double, Double)] {
    let b = Double(solutionDim)
    return [(-b, b), (-b, b)]
  }

  @inlinable
  public func evaluate(_ theta: UnsafePointer<Double>, measures: UnsafeMutablePointer<Double>) -> Double {
    let n = solutionDim
    var sum = 0.0
    for i in 0..<n { sum += theta[i] }
    let mean = sum / Double(n)
    var variance = 0.0, angle = 0.0, px = 0.0, py = 0.0
    for i in 0..<n {
      let t = theta[i] - mean
      variance += t * t
      angle += theta[i]
      px += Double.cos(angle)
      py += Double.sin(angle)
    }
    measures[0] = px
    measures[1] = py
    return (1 - variance / Double(n)) * 100
  }
}
