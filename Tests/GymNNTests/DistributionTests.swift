import GymCore
import GymNN
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Central differences of `f` at `x`, in double precision, with step `h`.
func numericalGradient(_ x: [Float], h: Float = 1e-2, _ f: ([Float]) -> Float) -> [Double] {
  var x = x
  return (0..<x.count).map { i in
    let saved = x[i]
    x[i] = saved + h
    let plus = Double(f(x))
    x[i] = saved - h
    let minus = Double(f(x))
    x[i] = saved
    return (plus - minus) / Double(2 * h)
  }
}

func expectClose(_ a: [Float], _ b: [Double], absolute: Double = 1e-3, relative: Double = 1e-2, _ what: String) {
  #expect(a.count == b.count)
  for i in 0..<min(a.count, b.count) {
    #expect(abs(Double(a[i]) - b[i]) <= absolute + relative * abs(b[i]), "\(what)[\(i)]: \(a[i]) vs \(b[i])")
  }
}

@Suite struct CategoricalTests {
  @Test func valuesMatchHandComputation() {
    let logits: [Float] = [1, 2, 3]
    let z = log(exp(1.0) + exp(2.0) + exp(3.0))
    #expect(abs(Double(Categorical.logProbability(logits: logits, count: 3, of: 1)) - (2 - z)) < 1e-6)
    let p = [1.0, 2, 3].map { exp($0 - z) }
    let h = -p.reduce(0) { $0 + $1 * log($1) }
    #expect(abs(Double(Categorical.entropy(logits: logits, count: 3)) - h) < 1e-6)
    #expect(abs(Categorical.entropy(logits: [5, 5, 5, 5], count: 4) - Float(log(4.0))) < 1e-6)
    #expect(Categorical.mode(logits: logits, count: 3) == 2)
    #expect(Categorical.mode(logits: [1, 1], count: 2) == 0)
    // Large logits do not overflow.
    #expect(Categorical.logProbability(logits: [1000, 0], count: 2, of: 0) == 0)
    #expect(abs(Categorical.logProbability(logits: [1000, 0], count: 2, of: 1) + 1000) < 1e-3)
  }

  @Test func gradientsMatchFiniteDifferences() {
    var rng = GymRandom(seed: 7)
    for n in [2, 3, 6] {
      for action in 0..<n {
        let logits = (0..<n).map { _ in Float(rng.normal()) }
        for (a, b) in [(Float(1), Float(0)), (Float(0), Float(1)), (Float(-0.7), Float(0.3))] {
          var g = [Float](repeating: 0, count: n)
          Categorical.accumulateGradient(logits: logits, count: n, action: action, logProbabilityWeight: a, entropyWeight: b, into: &g)
          let numerical = numericalGradient(logits) { l in
            a * Categorical.logProbability(logits: l, count: n, of: action) + b * Categorical.entropy(logits: l, count: n)
          }
          expectClose(g, numerical, "categorical n=\(n) a=\(a) b=\(b)")
        }
      }
    }
  }

  @Test func samplingFrequenciesMatchProbabilities() {
    let logits: [Float] = [0, 1, -1, 0.5]
    var rng = GymRandom(seed: 123)
    var counts = [0, 0, 0, 0]
    let draws = 200_000
    for _ in 0..<draws { counts[Categorical.sample(logits: logits, count: 4, using: &rng)] += 1 }
    for i in 0..<4 {
      let p = exp(Double(Categorical.logProbability(logits: logits, count: 4, of: i)))
      let freq = Double(counts[i]) / Double(draws)
      // Five standard errors.
      #expect(abs(freq - p) < 5 * (p * (1 - p) / Double(draws)).squareRoot())
    }
  }

  @Test func multiCategoricalSumsItsParts() {
    let nvec = [3, 2, 4]
    var rng = GymRandom(seed: 8)
    let logits = (0..<9).map { _ in Float(rng.normal()) }
    let actions = [2, 0, 3]
    let parts = [(0, 3), (3, 2), (5, 4)]
    let lp = logits.withUnsafeBufferPointer { l in
      parts.enumerated().reduce(Float(0)) { s, e in s + Categorical.logProbability(logits: l.baseAddress! + e.element.0, count: e.element.1, of: actions[e.offset]) }
    }
    #expect(abs(MultiCategorical.logProbability(logits: logits, nvec: nvec, of: actions) - lp) < 1e-6)
    var g = [Float](repeating: 0, count: 9)
    MultiCategorical.accumulateGradient(logits: logits, nvec: nvec, actions: actions, logProbabilityWeight: 0.8, entropyWeight: 0.1, into: &g)
    let numerical = numericalGradient(logits) { l in
      0.8 * MultiCategorical.logProbability(logits: l, nvec: nvec, of: actions) + 0.1 * MultiCategorical.entropy(logits: l, nvec: nvec)
    }
    expectClose(g, numerical, "multi-categorical")
    var sampled = [0, 0, 0], mode = [0, 0, 0]
    MultiCategorical.sample(logits: logits, nvec: nvec, into: &sampled, using: &rng)
    MultiCategorical.mode(logits: logits, nvec: nvec, into: &mode)
    for k in 0..<3 { #expect(sampled[k] >= 0 && sampled[k] < nvec[k] && mode[k] >= 0 && mode[k] < nvec[k]) }
    #expect(mode[0] == Categorical.mode(logits: Array(logits[0..<3]), count: 3))
  }
}

@Suite struct DiagonalGaussianTests {
  @Test func valuesMatchHandComputation() {
    let mean: [Float] = [0, 1], logStd: [Float] = [0, log(2)]
    let x: [Float] = [0, 3]
    // N(0,1) at 0: −½log2π; N(1, 2²) at 3: −(2²)/(2·4) − log 2 − ½log2π.
    let expected = -0.5 * log(2 * Double.pi) + (-0.5 - log(2.0) - 0.5 * log(2 * Double.pi))
    #expect(abs(Double(DiagonalGaussian.logProbability(mean: mean, logStd: logStd, count: 2, of: x)) - expected) < 1e-6)
    let h = (0.5 + 0.5 * log(2 * Double.pi)) * 2 + log(2.0)
    #expect(abs(Double(DiagonalGaussian.entropy(logStd: logStd, count: 2)) - h) < 1e-6)
  }

  @Test func gradientsMatchFiniteDifferences() {
    var rng = GymRandom(seed: 21)
    let n = 3
    for _ in 0..<5 {
      let mean = (0..<n).map { _ in Float(rng.normal()) }
      let logStd = (0..<n).map { _ in Float(rng.normal()) * 0.5 }
      let x = (0..<n).map { _ in Float(rng.normal()) * 1.5 }
      let (a, b): (Float, Float) = (0.6, 0.2)
      var gm = [Float](repeating: 0, count: n), gs = [Float](repeating: 0, count: n)
      DiagonalGaussian.accumulateGradient(mean: mean, logStd: logStd, count: n, value: x, logProbabilityWeight: a, entropyWeight: b, meanGradient: &gm, logStdGradient: &gs)
      let nm = numericalGradient(mean, h: 1e-3) { m in a * DiagonalGaussian.logProbability(mean: m, logStd: logStd, count: n, of: x) + b * DiagonalGaussian.entropy(logStd: logStd, count: n) }
      let ns = numericalGradient(logStd, h: 1e-3) { s in a * DiagonalGaussian.logProbability(mean: mean, logStd: s, count: n, of: x) + b * DiagonalGaussian.entropy(logStd: s, count: n) }
      expectClose(gm, nm, "∂mean")
      expectClose(gs, ns, "∂logStd")
    }
  }

  @Test func samplesHaveTheRightMoments() {
    var rng = GymRandom(seed: 5)
    let mean: [Float] = [2, -1], logStd: [Float] = [log(0.5), log(3)]
    var sum = [0.0, 0.0], sumSq = [0.0, 0.0]
    var x: [Float] = [0, 0]
    let draws = 100_000
    for _ in 0..<draws {
      DiagonalGaussian.sample(mean: mean, logStd: logStd, count: 2, into: &x, using: &rng)
      for i in 0..<2 {
        sum[i] += Double(x[i])
        sumSq[i] += Double(x[i]) * Double(x[i])
      }
    }
    for (i, sd) in [0.5, 3.0].enumerated() {
      let m = sum[i] / Double(draws)
      let variance = sumSq[i] / Double(draws) - m * m
      #expect(abs(m - Double(mean[i])) < 5 * sd / Double(draws).squareRoot())
      #expect(abs(variance.squareRoot() - sd) < 0.02 * sd)
    }
  }
}

@Suite struct CombinedEvaluationTests {
  @Test func evaluateAgreesWithTheSeparateFunctions() {
    var rng = GymRandom(seed: 77)
    let logits = (0..<7).map { _ in Float(rng.normal()) * 2 }
    for a in 0..<7 {
      let e = Categorical.evaluate(logits: logits, count: 7, action: a)
      #expect(e.logProbability == Categorical.logProbability(logits: logits, count: 7, of: a))
      #expect(e.entropy == Categorical.entropy(logits: logits, count: 7))
    }
    let nvec = [3, 4], actions = [1, 3]
    let m = MultiCategorical.evaluate(logits: logits, nvec: nvec, actions: actions)
    #expect(m.logProbability == MultiCategorical.logProbability(logits: logits, nvec: nvec, of: actions))
    #expect(m.entropy == MultiCategorical.entropy(logits: logits, nvec: nvec))
  }
}
