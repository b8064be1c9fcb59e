import GymCore

/// A multilayer perceptron `Linear → f → Linear → f → … → Linear → g` with batched forward and
/// backward passes over preallocated workspaces.
///
/// The layers' tensors live in a shared `Parameters` store under PyTorch `nn.Sequential` names:
/// with prefix `actor` and sizes `[4, 64, 64, 2]` they are `actor.0.weight`, `actor.0.bias`,
/// `actor.2.*` and `actor.4.*` (the odd indices are the activation modules).
///
/// `forward` keeps every layer's output for `backward`; workspaces grow to the largest batch
/// seen and are then reused, so steady-state training allocates nothing.
public final class MLP {
  /// Layer widths, input first: `[inputs, hidden…, outputs]`.
  public let sizes: [Int]
  /// The function after every hidden layer.
  public let hiddenActivation: Activation
  /// The function after the last layer (usually `.identity`).
  public let outputActivation: Activation
  /// The linear layers.
  public let layers: [Linear]
  /// The store holding the layers' tensors and gradients.
  public let parameters: Parameters
  /// The largest batch the workspaces hold without growing.
  public private(set) var capacity = 0

  private var outputs: [UnsafeMutablePointer<Float>] = []
  private var scratchA: UnsafeMutablePointer<Float>
  private var scratchB: UnsafeMutablePointer<Float>
  private let maxWidth: Int

  /// The `(name, shape)` pairs of an MLP called `prefix` with the given sizes, for `Parameters`.
  /// - Precondition: at least two sizes, all positive.
  public static func specifications(prefix: String, sizes: [Int]) -> [(name: String, shape: [Int])] {
    precondition(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 }, "an MLP needs at least an input and an output size, all positive")
    return (0..<sizes.count - 1).flatMap { l in
      Linear.specifications(prefix: "\(prefix).\(2 * l)", inputs: sizes[l], outputs: sizes[l + 1])
    }
  }

  /// An MLP over the tensors `specifications(prefix:sizes:)` named in `parameters`.
  /// - Parameters:
  ///   - prefix: the tensor name prefix.
  ///   - sizes: `[inputs, hidden…, outputs]`.
  ///   - hiddenActivation: applied after every layer but the last.
  ///   - outputActivation: applied after the last layer.
  ///   - parameters: a store that contains the tensors.
  ///   - capacity: the batch size to allocate workspaces for.
  /// - Precondition: the store has the tensors with the right shapes.
  public init(
    prefix: String, sizes: [Int], hiddenActivation: Activation = .tanh, outputActivation: Activation = .identity,
    parameters: Parameters, capacity: Int = 1
  ) {
    let specs = Self.specifications(prefix: prefix, sizes: sizes)
    var layers: [Linear] = []
    for l in 0..<sizes.count - 1 {
      guard let w = parameters[specs[2 * l].name], let b = parameters[specs[2 * l + 1].name],
        w.shape == specs[2 * l].shape, b.shape == specs[2 * l + 1].shape
      else { preconditionFailure("the parameter store lacks \(specs[2 * l].name) \(specs[2 * l].shape) or its bias") }
      layers.append(Linear(weight: w, bias: b))
    }
    self.sizes = sizes
    self.hiddenActivation = hiddenActivation
    self.outputActivation = outputActivation
    self.layers = layers
    self.parameters = parameters
    maxWidth = sizes.max()!
    scratchA = .allocate(capacity: 1)
    scratchB = .allocate(capacity: 1)
    reserve(rows: max(1, capacity))
  }

  deinit {
    for o in outputs { o.deallocate() }
    scratchA.deallocate()
    scratchB.deallocate()
  }

  /// The number of input features.
  public var inputCount: Int { sizes[0] }
  /// The number of outputs.
  public var outputCount: Int { sizes[sizes.count - 1] }

  /// Grows the workspaces to hold `rows` rows (never shrinks).
  public func reserve(rows: Int) {
    guard rows > capacity else { return }
    for o in outputs { o.deallocate() }
    outputs = sizes.dropFirst().map { width in
      let p = UnsafeMutablePointer<Float>.allocate(capacity: rows * width)
      p.initialize(repeating: 0, count: rows * width)
      return p
    }
    scratchA.deallocate()
    scratchB.deallocate()
    scratchA = .allocate(capacity: rows * maxWidth)
    scratchB = .allocate(capacity: rows * maxWidth)
    capacity = rows
  }

  /// The outputs of the last `forward` call, `rows × outputCount`; valid until the next call.
  public var output: UnsafeMutablePointer<Float> { outputs[outputs.count - 1] }

  /// The post-activation outputs of layer `l` from the last `forward` call.
  public func layerOutput(_ l: Int) -> UnsafeMutablePointer<Float> { outputs[l] }

  /// Runs a batch forward.
  /// - Parameters:
  ///   - input: `rows × inputCount` floats.
  ///   - rows: the batch size.
  /// - Returns: `output`, `rows × outputCount` floats owned by the MLP.
  /// - Complexity: O(rows · Σ sizes[l]·sizes[l+1]); allocates only when `rows > capacity`.
  @discardableResult
  public func forward(_ input: UnsafePointer<Float>, rows: Int) -> UnsafeMutablePointer<Float> {
    reserve(rows: rows)
    var x = input
    let bias = parameters.values.baseAddress!
    for (l, layer) in layers.enumerated() {
      let y = outputs[l]
      layer.multiply(x, rows: rows, into: y, parameters: parameters)
      let f = l == layers.count - 1 ? outputActivation : hiddenActivation
      f.addBiasAndApply(y, bias: bias + layer.bias.offset, rows: rows, width: layer.outputs)
      x = UnsafePointer(y)
    }
    return outputs[outputs.count - 1]
  }

  /// Backpropagates through the last `forward` call, adding the parameter gradients into
  /// `parameters.gradients`.
  /// - Parameters:
  ///   - input: the input given to `forward`.
  ///   - outputGradient: ∂L/∂output, `rows × outputCount` (not modified).
  ///   - rows: the batch size given to `forward`.
  ///   - inputGradient: receives ∂L/∂input (`rows × inputCount`) when not `nil`.
  /// - Complexity: about twice `forward`; no allocation.
  public func backward(
    input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>, rows: Int,
    inputGradient: UnsafeMutablePointer<Float>? = nil
  ) {
    precondition(rows <= capacity, "backward needs the batch given to forward")
    var g = scratchA, spare = scratchB
    g.update(from: outputGradient, count: rows * outputCount)
    let gradients = parameters.gradients.baseAddress!
    for l in stride(from: layers.count - 1, through: 0, by: -1) {
      let layer = layers[l]
      let f = l == layers.count - 1 ? outputActivation : hiddenActivation
      f.backward(g, output: outputs[l], rows: rows, width: layer.outputs, biasGradient: gradients + layer.bias.offset)
      let x = l == 0 ? input : UnsafePointer(outputs[l - 1])
      let dx = l == 0 ? inputGradient : spare
      layer.backward(input: x, gradient: g, rows: rows, inputGradient: dx, parameters: parameters)
      swap(&g, &spare)
    }
  }

  /// Sets the weights orthogonal with `hiddenGain` (hidden layers) and `outputGain` (last
  /// layer) and the biases to zero, CleanRL's and Stable-Baselines3's `layer_init`.
  /// - Parameter rng: draws the Gaussian matrices, layer by layer.
  public func initializeOrthogonal(hiddenGain: Float, outputGain: Float, rng: inout GymRandom) {
    for (l, layer) in layers.enumerated() {
      let gain = l == layers.count - 1 ? outputGain : hiddenGain
      let w = Initialization.orthogonal(rows: layer.outputs, columns: layer.inputs, gain: gain, rng: &rng)
      let dst = parameters.values(of: layer.weight)
      for i in 0..<w.elements.count { dst[i] = w.elements[i] }
      parameters.values(of: layer.bias).update(repeating: 0)
    }
  }
}
