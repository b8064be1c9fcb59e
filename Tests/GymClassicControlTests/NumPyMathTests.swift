import GymClassicControl
import Testing

/// Golden values from NumPy 2.4.6 on this project's x86-64 machine (AVX-512, FMA). The first
/// twelve float32 arguments are ones where NumPy's `sin` or `cos` differs from the correctly
/// rounded value; the rest cover zero, signs, larger quadrants and the C-library fallback
/// beyond the Cody–Waite range.
@Suite struct NumPyMathTests {
  static let float32Trig: [(x: UInt32, cos: UInt32, sin: UInt32)] = [
    (0x3da4c740, 0x3f7f2bfe, 0x3da499c1), (0x3d8c3402, 0x3f7f667d, 0x3d8c17fb),
    (0xbdbdd742, 0x3f7ee6a5, 0xbdbd91b1), (0x3dbebea5, 0x3f7ee3f5, 0x3dbe7814),
    (0xbce2972e, 0x3f7fe6ef, 0xbce28fc9), (0x3d8def9a, 0x3f7f62ac, 0x3d8dd285),
    (0x3d7ccd88, 0x3f7f8337, 0x3d7ca473), (0x3dc6662a, 0x3f7eccb9, 0x3dc616c2),
    (0x3dbd816e, 0x3f7ee7a2, 0x3dbd3c3b), (0x3d81ac12, 0x3f7f7cad, 0x3d8195e5),
    (0x3dc0fcc0, 0x3f7edd3f, 0x3dc0b3aa), (0x3dc60cce, 0x3f7ecdce, 0x3dc5bdd2),
    (0x00000000, 0x3f800000, 0x00000000), (0x80000000, 0x3f800000, 0x80000000),
    (0x3d4ccccd, 0x3f7fae19, 0x3d4cb6f5), (0xbdcc985f, 0x3f7eb93f, 0xbdcc414c),
    (0x3f800000, 0x3f0a5140, 0x3f576aa5), (0x40490fd0, 0xbf800000, 0x362a2216),
    (0xc04ccccd, 0xbf7f903f, 0x3d6f19c6), (0x40f00000, 0x3eb17a30, 0x3f7020c4),
    (0x42c88000, 0x3f75f639, 0xbe8df805), (0x4788b840, 0x3f64879f, 0xbee6bd3a),
    (0x47afc800, 0x3f70cc91, 0xbeadcd5e), (0x47ea6000, 0xbf555f48, 0xbf0d7362),
  ]

  @Test func float32SineAndCosineMatchNumPyBitForBit() {
    for (x, c, s) in Self.float32Trig {
      let v = Float(bitPattern: x)
      #expect(NumPyFloat32Math.cos(v).bitPattern == c, "cos(\(v))")
      #expect(NumPyFloat32Math.sin(v).bitPattern == s, "sin(\(v))")
    }
    #expect(NumPyFloat32Math.cos(.nan).isNaN && NumPyFloat32Math.sin(.infinity).isNaN)
  }

  /// `numpy.float64(x) ** 2`; the first eight are cases where it differs from `x * x`.
  static let squares: [(Double, Double)] = [
    (0.6945502714050971, 0.48240007950889396), (9.326919890953938, 86.99143465227222),
    (9.044221574423489, 81.79794388726728), (-4.611689848179948, 21.26768325580599),
    (-2.6900117144935676, 7.236163024112623), (0.49668240888705384, 0.24669341529784655),
    (-0.0575463032876975, 0.003311577022079664), (-8.918903821337807, 79.54684537427414),
    (3.0046004157514528, 9.027623658333802), (0.5, 0.25), (-2.75, 7.5625),
  ]

  @Test func scalarSquaresMatchNumPysPower() {
    for (x, square) in Self.squares {
      #expect(NumPyScalarPower.square(x) == square, "\(x) ** 2")
    }
    #expect(Self.squares.prefix(8).allSatisfy { $0.0 * $0.0 != $0.1 })  // the cases are real
    #expect(NumPyScalarPower.square(1e300) == .infinity)
    #expect(NumPyScalarPower.square(Float(1.5)) == 2.25)
  }
}
