/// The trainable tensors of a model, stored back to back in one contiguous `Float` buffer, with
/// a gradient buffer of the same layout.
///
/// One flat buffer makes the optimizer, gradient clipping, checkpointing and copying single
/// loops over contiguous memory, whatever the model. Each named tensor occupies
/// `values[offset ..< offset + count]`; offsets are rounded up to 16 floats (64 bytes), and the
/// padding between tensors stays zero in both buffers.
///
/// Names follow PyTorch's `state_dict` keys (`actor.0.weight`, `critic.4.bias`), so a file
/// written with `safetensors()` loads into the matching `nn.Module`.
public final class Parameters {
  /// One named tensor inside the flat buffers.
  public struct Tensor: Sendable, Hashable {
    /// The `state_dict` key.
    public let name: String
    /// The shape, outermost dimension first (a linear layer's weight is `[outputs, inputs]`).
    public let shape: [Int]
    /// The index of the first element in `values` and `gradients`.
    public let offset: Int
    /// The number of elements: the product of `shape`.
    public var count: Int { shape.reduce(1, *) }
  }

  /// The tensors in declaration order.
  public let tensors: [Tensor]
  /// The length of the flat buffers, padding included.
  public let count: Int
  /// The parameter values.
  public let values: UnsafeMutableBufferPointer<Float>
  /// The gradients, accumulated by backward passes and cleared by `zeroGradients()`.
  public let gradients: UnsafeMutableBufferPointer<Float>
  private let index: [String: Int]

  /// Allocates zero-filled tensors.
  /// - Parameter specifications: name and shape of each tensor, in order.
  /// - Precondition: names are unique; every dimension is positive.
  public init(_ specifications: [(name: String, shape: [Int])]) {
    var tensors: [Tensor] = []
    var index: [String: Int] = [:]
    var offset = 0
    for (name, shape) in specifications {
      precondition(index[name] == nil, "duplicate parameter name '\(name)'")
      precondition(!shape.isEmpty && shape.allSatisfy { $0 > 0 }, "parameter '\(name)' needs positive dimensions, got \(shape)")
      index[name] = tensors.count
      let t = Tensor(name: name, shape: shape, offset: offset)
      tensors.append(t)
      offset = (offset + t.count + 15) & ~15
    }
    self.tensors = tensors
    self.index = index
    count = max(offset, 16)
    values = .allocate(capacity: count)
    values.initialize(repeating: 0)
    gradients = .allocate(capacity: count)
    gradients.initialize(repeating: 0)
  }

  deinit {
    values.deallocate()
    gradients.deallocate()
  }

  /// The tensor called `name`, or `nil`.
  public subscript(name: String) -> Tensor? { index[name].map { tensors[$0] } }

  /// The number of trainable scalars (padding excluded).
  public var scalarCount: Int { tensors.reduce(0) { $0 + $1.count } }

  /// The values of one tensor (a view into `values`).
  @inlinable
  public func values(of tensor: Tensor) -> UnsafeMutableBufferPointer<Float> {
    UnsafeMutableBufferPointer(rebasing: values[tensor.offset..<tensor.offset + tensor.count])
  }

  /// The gradients of one tensor (a view into `gradients`).
  @inlinable
  public func gradients(of tensor: Tensor) -> UnsafeMutableBufferPointer<Float> {
    UnsafeMutableBufferPointer(rebasing: gradients[tensor.offset..<tensor.offset + tensor.count])
  }

  /// Sets every gradient to zero.
  /// - Complexity: O(`count`).
  public func zeroGradients() {
    gradients.update(repeating: 0)
  }

  /// The Euclidean norm of all gradients together.
  /// - Complexity: O(`count`), with eight partial sums (`count` is a multiple of 16).
  public func gradientNorm() -> Float {
    var acc = SIMD8<Float>()
    var i = 0
    let g = gradients.baseAddress!
    while i + 8 <= count {
      let x = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Float>.self)
      acc += x * x
      i += 8
    }
    var sum = acc.sum()
    while i < count {
      sum += g[i] * g[i]
      i += 1
    }
    return sum.squareRoot()
  }

  /// Scales all gradients so that their global norm is at most `maxNorm`, as PyTorch's
  /// `clip_grad_norm_`: with total norm `n`, gradients are multiplied by
  /// `maxNorm / (n + 1e-6)` when that factor is below 1.
  /// - Parameter maxNorm: the largest allowed norm (positive).
  /// - Returns: the norm before clipping.
  @discardableResult
  public func clipGradientNorm(_ maxNorm: Float) -> Float {
    precondition(maxNorm > 0, "maxNorm must be positive")
    let norm = gradientNorm()
    let scale = maxNorm / (norm + 1e-6)
    if scale < 1 {
      for i in 0..<count { gradients[i] *= scale }
    }
    return norm
  }

  /// Copies all values from a model of the same layout.
  /// - Precondition: `other` has the same tensors (names and shapes) in the same order.
  public func copyValues(from other: Parameters) {
    precondition(other.tensors == tensors, "copyValues needs an identical parameter layout")
    _ = values.update(fromContentsOf: other.values)
  }

  /// The values as named tensors, for `Safetensors.encode`.
  public func namedTensors() -> [String: Safetensors.Tensor] {
    var out: [String: Safetensors.Tensor] = [:]
    for t in tensors { out[t.name] = Safetensors.Tensor(shape: t.shape, values: Array(values(of: t))) }
    return out
  }

  /// Replaces every value with the tensor of the same name.
  /// - Parameter named: tensors keyed by name; extra entries are an error, as are missing ones
  ///   and shape mismatches, so a checkpoint of another model is never half-loaded.
  /// - Throws: `Safetensors.FormatError` naming the first missing, extra or mis-shaped tensor.
  public func load(_ named: [String: Safetensors.Tensor]) throws(Safetensors.FormatError) {
    for t in tensors {
      guard let n = named[t.name] else {
        throw Safetensors.FormatError("tensor '\(t.name)' (shape \(t.shape)) is missing; the file has \(named.keys.sorted().joined(separator: ", "))")
      }
      guard n.shape == t.shape else {
        throw Safetensors.FormatError("tensor '\(t.name)' has shape \(n.shape) in the file, but the model needs \(t.shape)")
      }
    }
    if let extra = named.keys.sorted().first(where: { index[$0] == nil }) {
      throw Safetensors.FormatError("the file has tensor '\(extra)', which this model does not have; expected \(tensors.map(\.name).joined(separator: ", "))")
    }
    for t in tensors {
      let v = named[t.name]!.values
      let dst = values(of: t)
      for i in 0..<t.count { dst[i] = v[i] }
    }
  }
}
