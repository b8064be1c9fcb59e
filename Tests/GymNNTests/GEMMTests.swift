#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import GymCore
import GymNN
import Testing

/// The naive triple loop, in `Double`, as the reference for `GEMM.multiply`.
func referenceProduct(_ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float, a: [Float], b: [Float], beta: Float, c: [Float]) -> [Float] {
  var out = c
  for i in 0..<m {
    for j in 0..<n {
      var s = 0.0
      for p in 0..<k {
        let x = transposeA ? a[p * m + i] : a[i * k + p]
        let y = transposeB ? b[j * k + p] : b[p * n + j]
        s += Double(x) * Double(y)
      }
      out[i * n + j] = Float(Double(alpha) * s + (beta == 0 ? 0 : Double(beta) * Double(c[i * n + j])))
    }
  }
  return out
}

@Suite struct GEMMTests {
  @Test(arguments: [(1, 1, 64), (1, 2, 64), (2, 2, 5), (8, 64, 4), (256, 64, 64), (64, 64, 256), (3, 5, 7), (1, 64, 64)])
  func productsMatchTheNaiveLoopForEveryTransposition(shape: (Int, Int, Int)) {
    let (m, n, k) = shape
    var rng = GymRandom(seed: UInt64(m * 10_000 + n * 100 + k))
    for transposeA in [false, true] {
      for transposeB in [false, true] {
        for (alpha, beta) in [(Float(1), Float(0)), (Float(0.5), Float(1)), (Float(-2), Float(0.25))] {
          let a = (0..<m * k).map { _ in Float(rng.normal()) }
          let b = (0..<k * n).map { _ in Float(rng.normal()) }
          let c0 = (0..<m * n).map { _ in Float(rng.normal()) }
          var c = c0
          a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
              c.withUnsafeMutableBufferPointer { pc in
                GEMM.multiply(
                  transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                  a: pa.baseAddress!, lda: transposeA ? m : k, b: pb.baseAddress!, ldb: transposeB ? k : n,
                  beta: beta, c: pc.baseAddress!, ldc: n)
              }
            }
          }
          let expected = referenceProduct(transposeA, transposeB, m: m, n: n, k: k, alpha: alpha, a: a, b: b, beta: beta, c: c0)
          for i in 0..<m * n {
            #expect(abs(c[i] - expected[i]) <= 1e-4 * Float(k).squareRoot() * max(1, abs(expected[i])))
          }
        }
      }
    }
  }

  @Test func betaZeroIgnoresNaNInTheOutput() {
    let a: [Float] = [1, 2], b: [Float] = [3, 4]
    var c: [Float] = [.nan]
    GEMM.multiply(transposeB: true, m: 1, n: 1, k: 2, a: a, lda: 2, b: b, ldb: 2, c: &c, ldc: 1)
    #expect(c == [11])
    var big = [Float](repeating: .nan, count: 64 * 64)
    let ones = [Float](repeating: 1, count: 64 * 64)
    GEMM.multiply(m: 64, n: 64, k: 64, a: ones, lda: 64, b: ones, ldb: 64, c: &big, ldc: 64)
    #expect(big.allSatisfy { $0 == 64 })
  }

  @Test func matrixProductAndTranspose() {
    let a = Matrix([[1, 2, 3], [4, 5, 6]])
    let b = Matrix([[7, 8], [9, 10], [11, 12]])
    #expect(a.multiplied(by: b) == Matrix([[58, 64], [139, 154]]))
    #expect(a.transposed == Matrix([[1, 4], [2, 5], [3, 6]]))
    #expect(a.transposed.transposed == a)
    #expect(a[1, 2] == 6)
  }

  @Test func fastTanhIsAccurateOddAndBounded() {
    var worst: Float = 0
    var x: Float = -12
    while x <= 12 {
      let exact = Float(Double.tanhReference(Double(x)))
      let ours = FastMath.tanh(x)
      worst = max(worst, abs(ours - exact) / max(abs(exact), 1e-30))
      #expect(ours.isNaN == false)
      #expect(FastMath.tanh(-x) == -ours)
      #expect(abs(ours) < 1)
      x += 0.00137
    }
    #expect(worst < 3e-7)
    #expect(FastMath.tanh(0) == 0)
    #expect(FastMath.tanh(.infinity) == FastMath.tanh(100))
    #expect(FastMath.tanh(.nan).isNaN)
    #expect(abs(FastMath.tanh(1e-6) - 1e-6) < 1e-12)
  }
}

extension Double {
  /// The C library's double-precision tanh, independent of the code under test.
  static func tanhReference(_ x: Double) -> Double { tanh(x) }
}

@Suite struct FastMathTests {
  @Test func squareRootIsAccurateFromSubnormalsToLargeValues() {
    var x: Float = .leastNonzeroMagnitude
    while x < 1e30 {
      let exact = Double(x).squareRoot()
      let ours = Double(FastMath.squareRoot(x))
      #expect(abs(ours - exact) <= 3e-7 * exact, "√\(x): \(ours) vs \(exact)")
      x = max(x * 1.37, x.nextUp)
    }
    #expect(FastMath.squareRoot(0) == 0)
    #expect(FastMath.squareRoot(4) == 2 || abs(FastMath.squareRoot(4) - 2) < 1e-6)
    #expect(FastMath.reciprocalSquareRoot(0) == .infinity)
  }
}
