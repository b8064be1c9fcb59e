import GymCore
import GymNN
import Testing

/// An MLP, a batch and a fixed random linear loss `L = Σ c ⊙ y`, for finite-difference checks.
struct GradientCheckFixture {
  let parameters: Parameters
  let net: MLP
  let input: [Float]
  let weights: [Float]
  let rows: Int

  init(sizes: [Int], activation: Activation, rows: Int, seed: UInt64) {
    parameters = Parameters(MLP.specifications(prefix: "net", sizes: sizes))
    net = MLP(prefix: "net", sizes: sizes, hiddenActivation: activation, parameters: parameters, capacity: rows)
    var rng = GymRandom(seed: seed)
    net.initializeOrthogonal(hiddenGain: Float(2).squareRoot(), outputGain: 1, rng: &rng)
    // Non-zero biases, so their gradients are exercised away from the initial point.
    for layer in net.layers {
      let b = parameters.values(of: layer.bias)
      for i in 0..<b.count { b[i] = Float(rng.normal()) * 0.3 }
    }
    input = (0..<rows * sizes[0]).map { _ in Float(rng.normal()) }
    weights = (0..<rows * sizes[sizes.count - 1]).map { _ in Float(rng.normal()) }
    self.rows = rows
  }

  /// The loss in double precision from one forward pass.
  func loss() -> Double {
    let y = input.withUnsafeBufferPointer { net.forward($0.baseAddress!, rows: rows) }
    var s = 0.0
    for i in 0..<weights.count { s += Double(weights[i]) * Double(y[i]) }
    return s
  }

  /// Whether every hidden unit has the same on/off pattern as `reference` (for ReLU kinks).
  func activationPattern() -> [Bool] {
    _ = loss()
    var pattern: [Bool] = []
    for l in 0..<net.layers.count - 1 {
      let y = net.layerOutput(l)
      for i in 0..<rows * net.layers[l].outputs { pattern.append(y[i] > 0) }
    }
    return pattern
  }

  /// Analytical gradients of the loss: parameters (flat) and input.
  func analyticalGradients() -> (parameters: [Float], input: [Float]) {
    parameters.zeroGradients()
    _ = loss()
    var dx = [Float](repeating: 0, count: input.count)
    input.withUnsafeBufferPointer { x in
      weights.withUnsafeBufferPointer { c in
        dx.withUnsafeMutableBufferPointer { d in
          net.backward(input: x.baseAddress!, outputGradient: c.baseAddress!, rows: rows, inputGradient: d.baseAddress!)
        }
      }
    }
    return (Array(parameters.gradients), dx)
  }
}

@Suite struct MLPTests {
  @Test(arguments: [Activation.tanh, .relu, .identity])
  func parameterGradientsMatchFiniteDifferences(activation: Activation) {
    let f = GradientCheckFixture(sizes: [5, 16, 12, 3], activation: activation, rows: 7, seed: 3)
    let (analytical, _) = f.analyticalGradients()
    let basePattern = f.activationPattern()
    let h: Float = 1e-2
    var checked = 0, skipped = 0
    for t in f.parameters.tensors {
      for i in 0..<t.count {
        let index = t.offset + i
        let saved = f.parameters.values[index]
        f.parameters.values[index] = saved + h
        let plus = f.loss()
        let plusPattern = activation == .relu ? f.activationPattern() : basePattern
        f.parameters.values[index] = saved - h
        let minus = f.loss()
        let minusPattern = activation == .relu ? f.activationPattern() : basePattern
        f.parameters.values[index] = saved
        if plusPattern != basePattern || minusPattern != basePattern {
          skipped += 1  // the perturbation crossed a ReLU kink
          continue
        }
        let numerical = (plus - minus) / Double(2 * h)
        let a = Double(analytical[index])
        #expect(abs(a - numerical) <= 2e-3 + 1e-2 * abs(numerical), "\(t.name)[\(i)]: analytical \(a), numerical \(numerical)")
        checked += 1
      }
    }
    #expect(skipped * 20 < checked)
    #expect(checked > 300)
  }

  @Test func inputGradientsMatchFiniteDifferences() {
    let f = GradientCheckFixture(sizes: [4, 64, 64, 2], activation: .tanh, rows: 9, seed: 11)
    let (_, analytical) = f.analyticalGradients()
    let h: Float = 1e-2
    var input = f.input
    for i in 0..<input.count {
      let saved = input[i]
      input[i] = saved + h
      let plus = Self.loss(f, input)
      input[i] = saved - h
      let minus = Self.loss(f, input)
      input[i] = saved
      let numerical = (plus - minus) / Double(2 * h)
      #expect(abs(Double(analytical[i]) - numerical) <= 2e-3 + 1e-2 * abs(numerical))
    }
  }

  static func loss(_ f: GradientCheckFixture, _ input: [Float]) -> Double {
    let y = input.withUnsafeBufferPointer { f.net.forward($0.baseAddress!, rows: f.rows) }
    return (0..<f.weights.count).reduce(0.0) { $0 + Double(f.weights[$1]) * Double(y[$1]) }
  }

  @Test func gradientsAccumulateAcrossBackwardCalls() {
    let f = GradientCheckFixture(sizes: [3, 8, 2], activation: .tanh, rows: 4, seed: 5)
    let once = f.analyticalGradients().parameters
    _ = f.loss()
    f.input.withUnsafeBufferPointer { x in
      f.weights.withUnsafeBufferPointer { c in
        f.net.backward(input: x.baseAddress!, outputGradient: c.baseAddress!, rows: f.rows)
      }
    }
    for i in 0..<once.count { #expect(abs(f.parameters.gradients[i] - 2 * once[i]) <= 1e-6 * max(1, abs(once[i]))) }
  }

  @Test func forwardMatchesAHandComputedNetwork() {
    let p = Parameters(MLP.specifications(prefix: "m", sizes: [2, 2, 1]))
    let net = MLP(prefix: "m", sizes: [2, 2, 1], hiddenActivation: .relu, parameters: p)
    // W0 = [[1, -1], [2, 0.5]], b0 = [0, -1]; W1 = [[3, -2]], b1 = [0.5]
    for (name, values) in [("m.0.weight", [1, -1, 2, 0.5]), ("m.0.bias", [0, -1]), ("m.2.weight", [3, -2]), ("m.2.bias", [0.5])] as [(String, [Float])] {
      let t = p.values(of: p[name]!)
      for i in 0..<values.count { t[i] = values[i] }
    }
    let x: [Float] = [1, 2, -1, 0.5]
    let y = x.withUnsafeBufferPointer { net.forward($0.baseAddress!, rows: 2) }
    // Row 1: h = relu([1-2, 2+1-1]) = [0, 2] → 3·0 − 2·2 + 0.5 = −3.5
    // Row 2: h = relu([-1-0.5, -2+0.25-1]) = [0, 0] → 0.5
    #expect(y[0] == -3.5 && y[1] == 0.5)
  }

  @Test func workspacesGrowForLargerBatches() {
    let p = Parameters(MLP.specifications(prefix: "m", sizes: [3, 4, 2]))
    let net = MLP(prefix: "m", sizes: [3, 4, 2], parameters: p, capacity: 2)
    var rng = GymRandom(seed: 1)
    net.initializeOrthogonal(hiddenGain: 1, outputGain: 1, rng: &rng)
    let x = (0..<30).map { Float($0) * 0.1 }
    let big = x.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: net.forward($0.baseAddress!, rows: 10), count: 20)) }
    #expect(net.capacity == 10)
    // Row 3 alone gives the same output as within the batch.
    let single = x.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: net.forward($0.baseAddress! + 9, rows: 1), count: 2)) }
    #expect(abs(single[0] - big[6]) < 1e-6 && abs(single[1] - big[7]) < 1e-6)
  }

  @Test func parameterNamesFollowPyTorchSequential() {
    let specs = MLP.specifications(prefix: "actor", sizes: [4, 64, 64, 2])
    #expect(specs.map(\.name) == ["actor.0.weight", "actor.0.bias", "actor.2.weight", "actor.2.bias", "actor.4.weight", "actor.4.bias"])
    #expect(specs[0].shape == [64, 4] && specs[4].shape == [2, 64])
    let p = Parameters(specs)
    #expect(p.scalarCount == 64 * 4 + 64 + 64 * 64 + 64 + 2 * 64 + 2)
    #expect(p.tensors.allSatisfy { $0.offset % 16 == 0 })
  }
}

@Suite struct InitializationTests {
  @Test(arguments: [(64, 4), (4, 64), (64, 64), (2, 64), (1, 64), (7, 7)])
  func orthogonalRowsOrColumnsScaledByGain(shape: (Int, Int)) {
    let (rows, columns) = shape
    var rng = GymRandom(seed: 42)
    let gain: Float = 1.5
    let w = Initialization.orthogonal(rows: rows, columns: columns, gain: gain, rng: &rng)
    // The Gram matrix of the shorter side is gain² · I.
    let gram = rows <= columns ? w.multiplied(by: w.transposed) : w.transposed.multiplied(by: w)
    for i in 0..<gram.rows {
      for j in 0..<gram.columns {
        #expect(abs(gram[i, j] - (i == j ? gain * gain : 0)) < 1e-5)
      }
    }
  }

  @Test func sameSeedSameMatrixOtherSeedOtherMatrix() {
    var a = GymRandom(seed: 9), b = GymRandom(seed: 9), c = GymRandom(seed: 10)
    let x = Initialization.orthogonal(rows: 8, columns: 5, gain: 1, rng: &a)
    #expect(x == Initialization.orthogonal(rows: 8, columns: 5, gain: 1, rng: &b))
    #expect(x != Initialization.orthogonal(rows: 8, columns: 5, gain: 1, rng: &c))
  }

  @Test func layerInitZeroesBiasesAndScalesTheHead() {
    let p = Parameters(MLP.specifications(prefix: "pi", sizes: [4, 64, 64, 2]))
    let net = MLP(prefix: "pi", sizes: [4, 64, 64, 2], parameters: p)
    for i in 0..<p.count { p.values[i] = 7 }
    var rng = GymRandom(seed: 0)
    net.initializeOrthogonal(hiddenGain: Float(2).squareRoot(), outputGain: 0.01, rng: &rng)
    #expect(net.layers.allSatisfy { p.values(of: $0.bias).allSatisfy { $0 == 0 } })
    // The 2×64 head has orthonormal rows times 0.01: each row's norm is 0.01.
    let head = p.values(of: net.layers[2].weight)
    let norm = (0..<64).reduce(Float(0)) { $0 + head[$1] * head[$1] }.squareRoot()
    #expect(abs(norm - 0.01) < 1e-6)
  }
}
