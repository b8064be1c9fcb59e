#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import GymCore
import GymNN
import Testing

@Suite struct AdamTests {
  @Test func threeStepsMatchHandComputation() {
    let p = Parameters([("w", [2])])
    let w = p.values(of: p["w"]!)
    w[0] = 1
    w[1] = -2
    let lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-5
    let adam = Adam(for: p, learningRate: Float(lr), beta1: Float(b1), beta2: Float(b2), epsilon: Float(eps))
    var theta = [1.0, -2.0], m = [0.0, 0.0], v = [0.0, 0.0]
    let grads: [[Double]] = [[0.5, -1], [0.25, 2], [-3, 0]]
    for (t, g) in grads.enumerated() {
      p.gradients[0] = Float(g[0])
      p.gradients[1] = Float(g[1])
      adam.step(p)
      // By hand, in double precision: PyTorch's update with ε outside the bias-corrected root.
      let step = Double(t + 1)
      for i in 0..<2 {
        m[i] = b1 * m[i] + (1 - b1) * g[i]
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
        let mHat = m[i] / (1 - pow(b1, step))
        let denominator = (v[i] / (1 - pow(b2, step))).squareRoot() + eps
        theta[i] -= lr * mHat / denominator
      }
      #expect(abs(Double(w[0]) - theta[0]) < 1e-6 && abs(Double(w[1]) - theta[1]) < 1e-6, "step \(step): \(Array(w)) vs \(theta)")
    }
    #expect(adam.stepCount == 3)
    // The first step moves each coordinate by about lr against its gradient's sign.
    #expect(abs(theta[0] - (1 - 0.1 - 0.0866)) < 0.2)
  }

  @Test func restoreResumesTheSameTrajectory() throws {
    func run(_ steps: Int, restoreAt: Int?) throws -> [Float] {
      let p = Parameters([("w", [3])])
      var adam = Adam(for: p, learningRate: 0.05, epsilon: 1e-5)
      for s in 0..<steps {
        if s == restoreAt {
          let copy = Adam(for: p, learningRate: 0.05, epsilon: 1e-5)
          try copy.restore(stepCount: adam.stepCount, firstMoments: Array(adam.firstMoments), secondMoments: Array(adam.secondMoments))
          adam = copy
        }
        for i in 0..<3 { p.gradients[i] = Float(i + 1) * (s % 2 == 0 ? 1 : -0.5) + p.values[i] }
        adam.step(p)
      }
      return Array(p.values[0..<3])
    }
    #expect(try run(10, restoreAt: 4) == run(10, restoreAt: nil))
    let adam = Adam(count: 4, learningRate: 1)
    #expect(throws: Safetensors.FormatError.self) { try adam.restore(stepCount: 1, firstMoments: [0], secondMoments: [0]) }
  }
}

@Suite struct GradientClippingTests {
  @Test func clipsToTheGlobalNormAcrossTensors() {
    let p = Parameters([("a", [2]), ("b", [1])])
    let ga = p.gradients(of: p["a"]!), gb = p.gradients(of: p["b"]!)
    ga[0] = 3
    ga[1] = 0
    gb[0] = 4
    let before = p.clipGradientNorm(0.5)
    #expect(abs(before - 5) < 1e-6)
    #expect(abs(p.gradientNorm() - 0.5) < 1e-5)
    #expect(abs(ga[0] - 0.3) < 1e-6 && abs(gb[0] - 0.4) < 1e-6)
    // Below the limit nothing changes.
    let again = p.clipGradientNorm(1)
    #expect(abs(again - 0.5) < 1e-5 && abs(gb[0] - 0.4) < 1e-6)
  }
}
