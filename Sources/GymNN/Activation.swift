/// An elementwise nonlinearity between layers.
public enum Activation: String, Sendable, Hashable, CaseIterable, Codable {
  /// `f(x) = x`.
  case identity
  /// `f(x) = tanh(x)` (via `FastMath.tanh`); `f′ = 1 − f²`.
  case tanh
  /// `f(x) = max(0, x)`; `f′ = 1` where `f > 0`, else 0.
  case relu

  /// The PyTorch module name (`Tanh`, `ReLU`), for descriptions.
  public var moduleName: String {
    switch self {
    case .identity: return "Identity"
    case .tanh: return "Tanh"
    case .relu: return "ReLU"
    }
  }

  /// Adds `bias` to each of `rows` rows of `y` (`rows × width`) and applies the function in place.
  /// - Complexity: O(`rows · width`), no allocation.
  @inlinable
  public func addBiasAndApply(_ y: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, rows: Int, width: Int) {
    switch self {
    case .identity:
      for r in 0..<rows {
        let row = y + r * width
        for j in 0..<width { row[j] += bias[j] }
      }
    case .tanh:
      for r in 0..<rows {
        let row = y + r * width
        for j in 0..<width { row[j] = FastMath.tanh(row[j] + bias[j]) }
      }
    case .relu:
      for r in 0..<rows {
        let row = y + r * width
        for j in 0..<width { row[j] = Swift.max(row[j] + bias[j], 0) }
      }
    }
  }

  /// Turns the gradient with respect to the outputs `y` into the gradient with respect to the
  /// inputs of the function, in place, and adds its column sums to `biasGradient`.
  /// - Parameters:
  ///   - gradient: `rows × width`, ∂L/∂y on entry, ∂L/∂(pre-activation) on return.
  ///   - output: the function's outputs `y` from the forward pass.
  ///   - biasGradient: `width` accumulators.
  /// - Complexity: O(`rows · width`), no allocation.
  @inlinable
  public func backward(
    _ gradient: UnsafeMutablePointer<Float>, output: UnsafePointer<Float>, rows: Int, width: Int,
    biasGradient: UnsafeMutablePointer<Float>
  ) {
    switch self {
    case .identity:
      for r in 0..<rows {
        let g = gradient + r * width
        for j in 0..<width { biasGradient[j] += g[j] }
      }
    case .tanh:
      for r in 0..<rows {
        let g = gradient + r * width, y = output + r * width
        for j in 0..<width {
          let d = g[j] * (1 - y[j] * y[j])
          g[j] = d
          biasGradient[j] += d
        }
      }
    case .relu:
      for r in 0..<rows {
        let g = gradient + r * width, y = output + r * width
        for j in 0..<width {
          let d = y[j] > 0 ? g[j] : 0
          g[j] = d
          biasGradient[j] += d
        }
      }
    }
  }
}
