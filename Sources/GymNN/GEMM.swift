import CBLAS

/// Dense matrix products on row-major `Float` storage: OpenBLAS's `cblas_sgemm`, with a
/// hand-written path for the tiniest products where the library call costs more than the work.
///
/// Measured on the project's 2-core AMD EPYC (Zen 4) in release builds, OpenBLAS 0.3.21 single
/// threaded beats a portable Swift loop at every shape a PPO network produces, down to 8×64×4
/// (about 0.2 µs), and sustains 70–90 GFLOP/s at 256×64×64. Only products with at most four
/// outputs from one or two rows (a single observation's value or two logits) run faster as
/// plain dot products: about 10–16 ns against 23–27 ns. See `docs/benchmarks/ppo.md`.
public enum GEMM {
  /// Products with `m * n` at most this many outputs, computed as `A · Bᵀ`, use dot products.
  public static let dotProductOutputLimit = 4

  /// `C = alpha · op(A) · op(B) + beta · C` for row-major matrices.
  /// - Parameters:
  ///   - transposeA: use `Aᵀ`; `A` is then stored `k × m`.
  ///   - transposeB: use `Bᵀ`; `B` is then stored `n × k`.
  ///   - m: rows of `C`.
  ///   - n: columns of `C`.
  ///   - k: the inner dimension.
  ///   - alpha: scales the product.
  ///   - a: `A`'s first element, leading dimension `lda`.
  ///   - b: `B`'s first element, leading dimension `ldb`.
  ///   - beta: scales the old `C` (0 ignores its contents, even NaN).
  ///   - c: `C`'s first element, leading dimension `ldc`.
  /// - Complexity: O(`m·n·k`).
  @inlinable
  public static func multiply(
    transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    if m == 0 || n == 0 { return }
    if !transposeA && transposeB && m * n <= dotProductOutputLimit {
      for i in 0..<m {
        for j in 0..<n {
          let d = alpha * dot(a + i * lda, b + j * ldb, k)
          c[i * ldc + j] = beta == 0 ? d : d + beta * c[i * ldc + j]
        }
      }
      return
    }
    cblas_sgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
      Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }

  /// `Σ x[i]·y[i]` over `count` elements, with eight partial sums.
  @inlinable
  public static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ count: Int) -> Float {
    var acc = SIMD8<Float>()
    var i = 0
    while i + 8 <= count {
      acc += UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
        * UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<Float>.self)
      i += 8
    }
    var s = acc.sum()
    while i < count {
      s += x[i] * y[i]
      i += 1
    }
    return s
  }
}

/// OpenBLAS's global settings.
public enum BLAS {
  /// The number of threads OpenBLAS uses for large products.
  ///
  /// PPO's products are small; on a shared machine one thread is fastest, so the PPO trainer
  /// sets 1. Setting it affects the whole process.
  public static var threads: Int {
    get { Int(openblas_get_num_threads()) }
    set { openblas_set_num_threads(Int32(max(1, newValue))) }
  }
}
