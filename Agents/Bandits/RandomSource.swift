import GymCore
import RealModule

/// A policy's random stream: a `GymRandom` plus the samplers bandit algorithms need (normal,
/// gamma, beta, Laplace), tuned for the per-step loops of Thompson sampling.
///
/// Normals come from a ziggurat, gamma variates from Marsaglia and Tsang's squeeze method. Equal seeds give equal
/// streams on every platform.
public struct RandomSource: RandomNumberGenerator, Sendable {
  /// The underlying generator.
  public var base: GymRandom

  /// A source seeded with `seed`.
  public init(seed: UInt64) { base = GymRandom(seed: seed) }

  /// The next 64 random bits.
  @inline(__always)
  public mutating func next() -> UInt64 { base.next() }

  /// A uniform `Double` in [0, 1).
  @inline(__always)
  public mutating func uniform() -> Double { base.nextDouble() }

  /// A uniform integer in 0..<bound.
  @inline(__always)
  public mutating func int(below bound: Int) -> Int { base.int(below: bound) }

  /// A standard normal sample (Marsaglia and Tsang's 128-layer ziggurat: one 64-bit draw and
  /// a multiply for about 98.8% of samples).
  public mutating func normal() -> Double {
    let z = Ziggurat.shared
    while true {
      let bits = base.next()
      let layer = Int(bits & 127)
      let hz = Int64(bitPattern: bits) >> 11  // 53 signed bits
      let x = Double(hz) * z.width[layer]
      if UInt64(hz.magnitude) < z.threshold[layer] { return x }
      if layer == 0 {
        // The tail beyond r, by Marsaglia's exponential method.
        var tx: Double, ty: Double
        repeat {
          tx = -Double.log(1 - base.nextDouble()) / Ziggurat.r
          ty = -Double.log(1 - base.nextDouble())
        } while ty + ty < tx * tx
        return hz > 0 ? Ziggurat.r + tx : -(Ziggurat.r + tx)
      }
      if z.height[layer] + base.nextDouble() * (z.height[layer - 1] - z.height[layer]) < Double.exp(-0.5 * x * x) { return x }
    }
  }

  /// An exponential sample with rate 1.
  public mutating func exponential() -> Double {
    var u = base.nextDouble()
    while u == 0 { u = base.nextDouble() }
    return -Double.log(u)
  }

  /// A Laplace(0, `scale`) sample: density e^(−|x|/b) / 2b.
  public mutating func laplace(scale: Double) -> Double { scale * (exponential() - exponential()) }

  /// A Gamma(`shape`, 1) sample.
  /// - Precondition: `shape > 0`.
  public mutating func gamma(shape: Double) -> Double {
    precondition(shape > 0, "the gamma shape must be positive")
    if shape < 1 {
      // Gamma(a) = Gamma(a + 1)·U^(1/a).
      var u = base.nextDouble()
      while u == 0 { u = base.nextDouble() }
      return gamma(shape: shape + 1) * Double.pow(u, 1 / shape)
    }

    let d = shape - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x: Double, v: Double
      repeat {
        x = normal()
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = base.nextDouble()
      let x2 = x * x
      if u < 1 - 0.0331 * x2 * x2 { return d * v }
      if u > 0 && Double.log(u) < 0.5 * x2 + d * (1 - v + Double.log(v)) { return d * v }
    }
  }

  /// A Beta(`a`, `b`) sample as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
  /// - Precondition: `a > 0`, `b > 0`.
  public mutating func beta(_ a: Double, _ b: Double) -> Double {
    let x = gamma(shape: a)
    let y = gamma(shape: b)
    return x / (x + y)
  }
}

/// The tables of a 128-layer ziggurat for the standard normal density (Marsaglia and Tsang
/// 2000), for 53-bit signed draws.
struct Ziggurat: Sendable {
  /// The start of the tail.
  static let r = 3.442619855899
  /// The area of each layer.
  static let area = 9.91256303526217e-3
  /// x-scale of a 53-bit signed draw in each layer.
  let width: [Double]
  /// Draws below this magnitude fall inside the layer's rectangle.
  let threshold: [UInt64]
  /// The density at each layer's edge.
  let height: [Double]

  static let shared = Ziggurat()

  init() {
    let m = 4_503_599_627_370_496.0  // 2⁵², the magnitude range of a 53-bit signed draw
    var width = [Double](repeating: 0, count: 128), threshold = [UInt64](repeating: 0, count: 128)
    var height = [Double](repeating: 0, count: 128)
    var d = Self.r, t = d
    let q = Self.area / Double.exp(-0.5 * d * d)
    threshold[0] = UInt64((d / q) * m)
    threshold[1] = 0
    width[0] = q / m
    width[127] = d / m
    height[0] = 1
    height[127] = Double.exp(-0.5 * d * d)
    for i in stride(from: 126, through: 1, by: -1) {
      d = (-2 * Double.log(Self.area / d + Double.exp(-0.5 * d * d))).squareRoot()
      threshold[i + 1] = UInt64((d / t) * m)
      t = d
      height[i] = Double.exp(-0.5 * d * d)
      width[i] = d / m
    }
    self.width = width
    self.threshold = threshold
    self.height = height
  }
}
