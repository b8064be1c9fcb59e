/// A fully connected layer `y = x · Wᵀ + b`, PyTorch's `nn.Linear`, over tensors in a
/// `Parameters` store.
///
/// The weight is stored `[outputs, inputs]` as in PyTorch. Batches are row-major: `rows`
/// inputs of `inputs` floats each.
public struct Linear: Sendable, Hashable {
  /// Input features.
  public let inputs: Int
  /// Output features.
  public let outputs: Int
  /// The weight tensor, shape `[outputs, inputs]`.
  public let weight: Parameters.Tensor
  /// The bias tensor, shape `[outputs]`.
  public let bias: Parameters.Tensor

  /// The layer over existing tensors.
  /// - Precondition: the tensors have shapes `[outputs, inputs]` and `[outputs]`.
  public init(weight: Parameters.Tensor, bias: Parameters.Tensor) {
    precondition(weight.shape.count == 2 && bias.shape == [weight.shape[0]], "Linear needs a [out, in] weight and an [out] bias")
    self.weight = weight
    self.bias = bias
    outputs = weight.shape[0]
    inputs = weight.shape[1]
  }

  /// The `(name, shape)` pairs of a layer called `prefix` (`prefix.weight`, `prefix.bias`).
  public static func specifications(prefix: String, inputs: Int, outputs: Int) -> [(name: String, shape: [Int])] {
    [(prefix + ".weight", [outputs, inputs]), (prefix + ".bias", [outputs])]
  }

  /// `y = x · Wᵀ` without the bias (callers fuse the bias into the activation pass).
  /// - Parameters:
  ///   - x: `rows × inputs`.
  ///   - y: `rows × outputs`, overwritten.
  /// - Complexity: O(`rows · inputs · outputs`).
  @inlinable
  public func multiply(_ x: UnsafePointer<Float>, rows: Int, into y: UnsafeMutablePointer<Float>, parameters: Parameters) {
    GEMM.multiply(
      transposeB: true, m: rows, n: outputs, k: inputs,
      a: x, lda: inputs, b: parameters.values.baseAddress! + weight.offset, ldb: inputs,
      c: y, ldc: outputs)
  }

  /// Accumulates the weight gradient `∂W += gᵀ · x` and, when asked, writes the input gradient
  /// `∂x = g · W`. The bias gradient is added by `Activation.backward`.
  /// - Parameters:
  ///   - x: the forward input, `rows × inputs`.
  ///   - gradient: ∂L/∂(pre-activation output), `rows × outputs`.
  ///   - inputGradient: `rows × inputs`, overwritten, or `nil` to skip.
  /// - Complexity: O(`rows · inputs · outputs`).
  @inlinable
  public func backward(
    input x: UnsafePointer<Float>, gradient: UnsafePointer<Float>, rows: Int,
    inputGradient: UnsafeMutablePointer<Float>?, parameters: Parameters
  ) {
    GEMM.multiply(
      transposeA: true, m: outputs, n: inputs, k: rows,
      a: gradient, lda: outputs, b: x, ldb: inputs,
      beta: 1, c: parameters.gradients.baseAddress! + weight.offset, ldc: inputs)
    if let inputGradient {
      GEMM.multiply(
        m: rows, n: inputs, k: outputs,
        a: gradient, lda: outputs, b: parameters.values.baseAddress! + weight.offset, ldb: inputs,
        c: inputGradient, ldc: inputs)
    }
  }
}
