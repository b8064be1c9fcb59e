import GymBanditAgents
import Testing

@Suite("Random source")
struct RandomSourceTests {
  static func moments(_ n: Int, _ draw: () -> Double) -> (mean: Double, variance: Double) {
    var s = 0.0, ss = 0.0
    for _ in 0..<n {
      let x = draw()
      s += x
      ss += x * x
    }
    let m = s / Double(n)
    return (m, ss / Double(n) - m * m)
  }

  @Test(arguments: [(1.0, 1.0), (5.0, 7.0), (100.0, 3.0), (0.5, 0.5), (2000.0, 200.0)])
  func betaMomentsMatch(a: Double, b: Double) {
    var rng = RandomSource(seed: 7)
    let n = 200_000
    let (m, v) = Self.moments(n) { rng.beta(a, b) }
    let mean = a / (a + b), variance = a * b / ((a + b) * (a + b) * (a + b + 1))
    // The sample mean's standard error is √(variance/n); 5 of them is a loose but failing band.
    #expect(abs(m - mean) < 5 * (variance / Double(n)).squareRoot())
    #expect(abs(v / variance - 1) < 0.03)
  }

  @Test func normalMomentsAndTail() {
    var rng = RandomSource(seed: 3)
    let n = 400_000
    var above2 = 0
    let (m, v) = Self.moments(n) {
      let x = rng.normal()
      if x > 2 { above2 += 1 }
      return x
    }
    #expect(abs(m) < 5 / Double(n).squareRoot())
    #expect(abs(v - 1) < 0.01)
    // P(Z > 2) = 0.02275.
    #expect(abs(Double(above2) / Double(n) - 0.02275) < 0.0015)
  }

  @Test func laplaceHasTheRightScale() {
    var rng = RandomSource(seed: 5)
    let n = 200_000
    let (m, v) = Self.moments(n) { rng.laplace(scale: 0.5) }
    #expect(abs(m) < 0.01)
    #expect(abs(v / (2 * 0.25) - 1) < 0.03)
  }
}
