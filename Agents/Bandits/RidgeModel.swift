/// Online ridge regression: V = λI + Σ x xᵀ, b = Σ r x, θ̂ = V⁻¹ b, with V⁻¹ kept by
/// Sherman–Morrison rank-one updates.
///
/// The building block of LinUCB and LinTS; d is small in bandit problems (10–50), where plain
/// loops over contiguous buffers beat BLAS calls.
public struct RidgeModel: Sendable, Hashable {
  /// The dimension d.
  public let dimension: Int
  /// The regularisation λ.
  public let lambda: Double
  /// V⁻¹, d×d row-major (symmetric).
  public private(set) var inverse: [Double]
  /// b = Σ r x.
  public private(set) var moment: [Double]
  /// θ̂ = V⁻¹ b.
  public private(set) var theta: [Double]
  /// Samples seen.
  public private(set) var count = 0
  @usableFromInline var scratch: [Double]

  /// An empty model: V = λI.
  /// - Precondition: `dimension > 0`, `lambda > 0`.
  public init(dimension: Int, lambda: Double) {
    precondition(dimension > 0 && lambda > 0 && lambda.isFinite, "need a positive dimension and lambda")
    self.dimension = dimension
    self.lambda = lambda
    inverse = Array(repeating: 0, count: dimension * dimension)
    for i in 0..<dimension { inverse[i * dimension + i] = 1 / lambda }
    moment = Array(repeating: 0, count: dimension)
    theta = Array(repeating: 0, count: dimension)
    scratch = Array(repeating: 0, count: dimension)
  }

  /// x·θ̂ and xᵀV⁻¹x for the d numbers at `x`.
  /// - Complexity: O(d²).
  public func evaluate(_ x: UnsafeBufferPointer<Double>) -> (mean: Double, variance: Double) {
    let d = dimension
    var mean = 0.0, variance = 0.0
    inverse.withUnsafeBufferPointer { a in
      theta.withUnsafeBufferPointer { th in
        for i in 0..<d {
          var row = 0.0
          for j in 0..<d { row += a[i * d + j] * x[j] }
          variance += x[i] * row
          mean += th[i] * x[i]
        }
      }
    }
    return (mean, Swift.max(variance, 0))
  }

  /// Adds the sample (x, r).
  /// - Complexity: O(d²).
  public mutating func add(_ x: UnsafeBufferPointer<Double>, reward r: Double) {
    let d = dimension
    count += 1
    scratch.withUnsafeMutableBufferPointer { u in
      inverse.withUnsafeMutableBufferPointer { a in
        // u = V⁻¹x; V⁻¹ ← V⁻¹ − u uᵀ / (1 + xᵀu).
        var denominator = 1.0
        for i in 0..<d {
          var s = 0.0
          for j in 0..<d { s += a[i * d + j] * x[j] }
          u[i] = s
          denominator += x[i] * s
        }

        let scale = 1 / denominator
        for i in 0..<d {
          let ui = u[i] * scale
          for j in 0..<d { a[i * d + j] -= ui * u[j] }
        }
        moment.withUnsafeMutableBufferPointer { b in
          for i in 0..<d { b[i] += r * x[i] }
          theta.withUnsafeMutableBufferPointer { th in
            for i in 0..<d {
              var s = 0.0
              for j in 0..<d { s += a[i * d + j] * b[j] }
              th[i] = s
            }
          }
        }
      }
    }
  }

  /// A lower-triangular L with L Lᵀ = V⁻¹ (Cholesky), for sampling θ ~ N(θ̂, v² V⁻¹).
  /// - Complexity: O(d³).
  public func choleskyOfInverse(into l: UnsafeMutableBufferPointer<Double>) {
    let d = dimension
    for i in 0..<(d * d) { l[i] = 0 }
    for j in 0..<d {
      var diagonal = inverse[j * d + j]
      for k in 0..<j { diagonal -= l[j * d + k] * l[j * d + k] }
      let ljj = Swift.max(diagonal, 0).squareRoot()
      l[j * d + j] = ljj
      guard ljj > 0 else { continue }
      for i in (j + 1)..<d {
        var s = inverse[i * d + j]
        for k in 0..<j { s -= l[i * d + k] * l[j * d + k] }
        l[i * d + j] = s / ljj
      }
    }
  }
}
