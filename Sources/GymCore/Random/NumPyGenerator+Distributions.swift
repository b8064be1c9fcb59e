import RealModule

extension NumPyGenerator {
  // MARK: - Normal

  /// A standard normal sample, as `standard_normal()`: NumPy's 256-layer ziggurat.
  ///
  /// One 64-bit draw gives the layer (low 8 bits), the sign (next bit) and a 52-bit
  /// magnitude; about 99.3% of samples are accepted from that draw alone. The rest draw
  /// doubles for the wedge test or for the tail beyond r ≈ 3.654, exactly as NumPy does.
  public mutating func standardNormal() -> Double {
    while true {
      var bits = bitGenerator.next()
      let layer = Int(bits & 0xFF)
      bits >>= 8
      let negative = bits & 1 == 1
      let magnitude = (bits >> 1) & 0x000F_FFFF_FFFF_FFFF
      var x = Double(magnitude) * Ziggurat.normalW[layer]
      if negative { x = -x }
      if magnitude < Ziggurat.normalK[layer] { return x }
      if layer == 0 {
        // The tail, by Marsaglia's method; 1 - U avoids log(0).
        while true {
          let xx = -Ziggurat.normalInverseR * Double.log(onePlus: -bitGenerator.nextDouble())
          let yy = -Double.log(onePlus: -bitGenerator.nextDouble())
          if yy + yy > xx * xx {
            return (magnitude >> 8) & 1 == 1 ? -(Ziggurat.normalR + xx) : Ziggurat.normalR + xx
          }
        }
      }
      let lower = Ziggurat.normalF[layer]
      let wedge = (Ziggurat.normalF[layer - 1] - lower) * bitGenerator.nextDouble() + lower
      if wedge < Double.exp(-0.5 * x * x) { return x }
    }
  }

  /// `count` standard normal samples, as `standard_normal(count)`.
  /// - Complexity: O(`count`) expected.
  public mutating func standardNormal(count: Int) -> [Double] {
    (0..<count).map { _ in standardNormal() }
  }

  /// A normal sample with mean `loc` and standard deviation `scale`, as `normal(loc, scale)`:
  /// `loc + scale × standardNormal()`.
  /// - Precondition: `scale >= 0`.
  public mutating func normal(loc: Double = 0, scale: Double = 1) -> Double {
    precondition(scale >= 0, "normal: scale < 0")
    return loc + scale * standardNormal()
  }

  /// `count` normal samples, as `normal(loc, scale, size=count)`.
  /// - Precondition: `scale >= 0`.
  /// - Complexity: O(`count`) expected.
  public mutating func normal(loc: Double = 0, scale: Double = 1, count: Int) -> [Double] {
    precondition(scale >= 0, "normal: scale < 0")
    return (0..<count).map { _ in loc + scale * standardNormal() }
  }

  // MARK: - Exponential

  /// A standard exponential sample (rate 1), as `standard_exponential()`: NumPy's
  /// 256-layer ziggurat (`method='zig'`, the default).
  public mutating func standardExponential() -> Double {
    while true {
      var bits = bitGenerator.next() >> 3
      let layer = Int(bits & 0xFF)
      bits >>= 8
      let x = Double(bits) * Ziggurat.exponentialW[layer]
      if bits < Ziggurat.exponentialK[layer] { return x }
      if layer == 0 {
        return Ziggurat.exponentialR - Double.log(onePlus: -bitGenerator.nextDouble())
      }
      let lower = Ziggurat.exponentialF[layer]
      let wedge = (Ziggurat.exponentialF[layer - 1] - lower) * bitGenerator.nextDouble() + lower
      if wedge < Double.exp(-x) { return x }
    }
  }

  /// `count` standard exponential samples, as `standard_exponential(count)`.
  /// - Complexity: O(`count`) expected.
  public mutating func standardExponential(count: Int) -> [Double] {
    (0..<count).map { _ in standardExponential() }
  }

  /// An exponential sample with mean `scale`, as `exponential(scale)`:
  /// `scale × standardExponential()`.
  /// - Precondition: `scale >= 0`.
  public mutating func exponential(scale: Double = 1) -> Double {
    precondition(scale >= 0, "exponential: scale < 0")
    return scale * standardExponential()
  }

  /// `count` exponential samples with mean `scale`, as `exponential(scale, size=count)`.
  /// - Precondition: `scale >= 0`.
  /// - Complexity: O(`count`) expected.
  public mutating func exponential(scale: Double = 1, count: Int) -> [Double] {
    precondition(scale >= 0, "exponential: scale < 0")
    return (0..<count).map { _ in scale * standardExponential() }
  }
}
