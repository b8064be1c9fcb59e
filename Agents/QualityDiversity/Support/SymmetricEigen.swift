import CLAPACK

/// OpenBLAS runs single-threaded once GymQD uses it: the scheduler already runs emitters on
/// its own threads, and OpenBLAS's spinning workers fighting them for the cores made CMA-ES
/// emitters ~100× slower on a 2-core machine. Its idle workers are stopped too: they spin
/// (`sched_yield`) for about 0.1 s after the library loads, which cost a short run ~10% of its
/// CPU time. (Process-wide; done once, when the first scheduler or CMA-ES is made.)
let singleThreadedBLAS: Void = {
  openblas_set_num_threads(1)
  _ = blas_thread_shutdown_()
}()

/// Eigendecomposition of a symmetric matrix through LAPACK's `dsyevd` (divide and conquer),
/// with its workspace kept between calls.
struct SymmetricEigen: Sendable {
  let n: Int
  /// Eigenvalues, ascending.
  var values: [Double]
  /// Eigenvectors as rows: `vectors[k * n + i]` is component i of eigenvector k.
  var vectors: [Double]
  private var work: [Double]
  private var iwork: [Int32]

  init(dimension n: Int) {
    _ = singleThreadedBLAS
    self.n = n
    values = [Double](repeating: 1, count: n)
    vectors = [Double](repeating: 0, count: n * n)
    for i in 0..<n { vectors[i * n + i] = 1 }
    work = [Double](repeating: 0, count: 1 + 6 * n + 2 * n * n)
    iwork = [Int32](repeating: 0, count: 3 + 5 * n)
  }

  /// Decomposes the matrix whose upper triangle (row-major) is in `upper`.
  /// - Returns: false if LAPACK failed to converge (the previous decomposition is kept).
  mutating func decompose(upper: [Double]) -> Bool {
    // Row-major upper = column-major lower; LAPACK overwrites the copy with column-major
    // eigenvectors, which read row-major are eigenvectors as rows.
    var a = upper
    var w = [Double](repeating: 0, count: n)
    var info: Int32 = 0
    var jobz = CChar(UInt8(ascii: "V")), uplo = CChar(UInt8(ascii: "L"))
    var nn = Int32(n), lda = Int32(n), lwork = Int32(work.count), liwork = Int32(iwork.count)
    a.withUnsafeMutableBufferPointer { ap in
      w.withUnsafeMutableBufferPointer { wp in
        work.withUnsafeMutableBufferPointer { wk in
          iwork.withUnsafeMutableBufferPointer { iw in
            dsyevd_(&jobz, &uplo, &nn, ap.baseAddress!, &lda, wp.baseAddress!, wk.baseAddress!, &lwork, iw.baseAddress!, &liwork, &info)
          }
        }
      }
    }
    guard info == 0, w.allSatisfy(\.isFinite) else { return false }
    values = w
    vectors = a
    return true
  }
}
