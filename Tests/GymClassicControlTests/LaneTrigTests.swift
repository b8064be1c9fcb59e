import Foundation
import GymClassicControl
import GymCore
import Testing

/// `LaneTrig` against Foundation's (the C library's) `sin`, `cos` and Pendulum's scalar
/// `angleNormalize` (bit for bit): the documented accuracy (2 ulp of the library's result for |x| ≤ 2¹⁹) on
/// random angles of several scales, angles near multiples of π/2 (where the reduction cancels),
/// and library results for the lanes outside the range.
@Suite struct LaneTrigTests {
  /// |ours − library| in units of the library result's ulp.
  static func ulps(_ ours: Double, _ library: Double) -> Double {
    (ours - library).magnitude / library.ulp
  }

  /// Angles: uniform at several scales, plus k·π/2 + tiny offsets.
  static func angles(count: Int) -> [Double] {
    var rng = GymRandom(seed: 2024)
    var xs: [Double] = []
    for scale in [0.5, 4.0, 100.0, 10_000.0, 524_288.0] {
      for _ in 0..<(count / 6) { xs.append(rng.uniform(-scale, scale)) }
    }
    for _ in 0..<(count / 6) {
      let k = Double(rng.int(below: 20_000) - 10_000)
      let offset = rng.uniform(-1, 1) * Double(sign: .plus, exponent: -rng.int(below: 40), significand: 1)
      xs.append(k * (Double.pi / 2) + offset)
    }
    xs += [0, -0.0, .pi, -.pi, .pi / 2, .pi / 4, 1e-300, -1e-20]
    while xs.count % 8 != 0 { xs.append(0.25) }
    return xs
  }

  @Test func sinCosWithinTwoUlpOfTheLibrary() {
    let xs = Self.angles(count: 240_000)
    var worstSin = 0.0, worstCos = 0.0
    for base in stride(from: 0, to: xs.count, by: 8) {
      let x = SIMD8<Double>(xs[base..<(base + 8)])
      let (s, c) = LaneTrig.sinCos(x)
      for i in 0..<8 {
        worstSin = max(worstSin, Self.ulps(s[i], Foundation.sin(x[i])))
        worstCos = max(worstCos, Self.ulps(c[i], Foundation.cos(x[i])))
      }
    }
    #expect(worstSin <= 2, "largest sine difference: \(worstSin) ulp")
    #expect(worstCos <= 2, "largest cosine difference: \(worstCos) ulp")
    // Not bit-exact, so the comparison above is a real one.
    #expect(worstSin > 0 || worstCos > 0)
  }

  @Test func outsideTheRangeTheLibraryAnswers() {
    let x = SIMD8<Double>(1e6, -3e9, .infinity, -.infinity, .nan, 0x1p19 * 1.5, 1e300, 1)
    let (s, c) = LaneTrig.sinCos(x)
    for i in 0..<7 {
      #expect(s[i].bitPattern == Foundation.sin(x[i]).bitPattern || (s[i].isNaN && Foundation.sin(x[i]).isNaN), "sin(\(x[i]))")
      #expect(c[i].bitPattern == Foundation.cos(x[i]).bitPattern || (c[i].isNaN && Foundation.cos(x[i]).isNaN), "cos(\(x[i]))")
    }
    #expect(Self.ulps(s[7], Foundation.sin(1)) <= 2 && Self.ulps(c[7], Foundation.cos(1)) <= 2)
  }

  @Test func angleNormalizeMatchesTheFlooredModulo() {
    let xs = Self.angles(count: 120_000) + [Double.pi, -Double.pi, 3 * Double.pi, -3 * Double.pi, 1e6, -1e7, 2 * Double.pi, 0]
    var padded = xs
    while padded.count % 8 != 0 { padded.append(0) }
    var differing = 0
    for base in stride(from: 0, to: padded.count, by: 8) {
      let x = SIMD8<Double>(padded[base..<(base + 8)])
      let ours = LaneTrig.angleNormalize(x)
      for i in 0..<8 {
        let exact = Pendulum.angleNormalize(x[i])
        #expect(ours[i] >= -Double.pi && ours[i] < Double.pi, "normalize(\(x[i])) = \(ours[i]) is outside [−π, π)")
        if ours[i] != exact { differing += 1 }
      }
    }
    // The remainder is exact, as fmod's: the same bits as the scalar function everywhere.
    #expect(differing == 0, "\(differing) of \(padded.count) angles differ from the scalar angleNormalize")
  }
}
