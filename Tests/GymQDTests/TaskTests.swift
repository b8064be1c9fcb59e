import GymCore
import Testing

@testable import GymQD

@Suite("Benchmark tasks")
struct TaskTests {
  @Test("linear-projection sphere: 100 at the optimum, 0 at -5.12, folded measures")
  func sphere() throws {
    let t = try LinearProjection(.sphere, dimension: 4)
    #expect(abs(t.evaluate([Double](repeating: 2.048, count: 4)).objective - 100) < 1e-12)
    #expect(abs(t.evaluate([Double](repeating: -5.12, count: 4)).objective) < 1e-12)
    // Coordinates outside ±5.12 fold to 5.12 / x.
    let m = t.evaluate([1, 10.24, -2, -20.48]).measures
    #expect(abs(m[0] - 1.5) < 1e-12)
    #expect(abs(m[1] - (-2 - 0.25)) < 1e-12)
    #expect(t.measureRanges.map(\.1) == [10.24, 10.24])
  }

  @Test("linear-projection Rastrigin matches the formula")
  func rastrigin() throws {
    let t = try LinearProjection(.rastrigin, dimension: 2)
    #expect(abs(t.evaluate([2.048, 2.048]).objective - 100) < 1e-12)
    func raw(_ x: [Double]) -> Double { 20 + x.map { let d = $0 - 2.048; return d * d - 10 * Double.cos(2 * .pi * d) }.reduce(0, +) }
    let worst = raw([-5.12, -5.12])
    let x = [0.3, -1.7]
    #expect(abs(t.evaluate(x).objective - (raw(x) - worst) / -worst * 100) < 1e-10)
  }

  @Test("arm: straight arm scores 100 and reaches (n, 0); a folded arm comes back")
  func arm() throws {
    let t = try ArmRepertoire(links: 4)
    let straight = t.evaluate([0, 0, 0, 0])
    #expect(straight.objective == 100)
    #expect(straight.measures == [4, 0])
    let bent = t.evaluate([.pi / 2, 0, 0, 0])
    #expect(abs(bent.measures[0]) < 1e-12 && abs(bent.measures[1] - 4) < 1e-12)
    // Variance of (0, π) over 2 joints is π²/4.
    let folded = try ArmRepertoire(links: 2).evaluate([0, .pi])
    #expect(abs(folded.objective - 100 * (1 - Double.pi * Double.pi / 4)) < 1e-12)
    #expect(abs(folded.measures[0]) < 1e-12)
  }
}
