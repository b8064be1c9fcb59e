import GymCore

/// Weight initialisers, seeded through `GymRandom`.
public enum Initialization {
  /// A `rows × columns` matrix with orthonormal rows or columns (whichever are fewer), times
  /// `gain`: PyTorch's `nn.init.orthogonal_`.
  ///
  /// Draws a `max × min` standard-normal matrix, orthonormalises its columns by modified
  /// Gram–Schmidt with one reorthogonalisation pass (in `Double`), which fixes the signs as
  /// `Q · sign(diag R)` does, and transposes when `rows < columns`.
  /// - Parameters:
  ///   - rows: output features.
  ///   - columns: input features.
  ///   - gain: the scale (√2 for tanh hidden layers, 0.01 for policy heads, 1 for value heads).
  ///   - rng: the generator; equal seeds give equal matrices.
  /// - Complexity: O(rows · columns · min(rows, columns)).
  public static func orthogonal(rows: Int, columns: Int, gain: Float, rng: inout GymRandom) -> Matrix {
    precondition(rows > 0 && columns > 0, "orthogonal initialisation needs positive dimensions")
    let tall = max(rows, columns), narrow = min(rows, columns)
    // Column j of the tall × narrow matrix is q[j * tall ..< (j + 1) * tall].
    var q = [Double](repeating: 0, count: tall * narrow)
    for i in 0..<tall {
      for j in 0..<narrow { q[j * tall + i] = rng.normal() }
    }
    q.withUnsafeMutableBufferPointer { q in
      for j in 0..<narrow {
        let cj = q.baseAddress! + j * tall
        for _ in 0..<2 {
          for p in 0..<j {
            let cp = q.baseAddress! + p * tall
            var d = 0.0
            for i in 0..<tall { d += cp[i] * cj[i] }
            for i in 0..<tall { cj[i] -= d * cp[i] }
          }
        }
        var norm = 0.0
        for i in 0..<tall { norm += cj[i] * cj[i] }
        norm = norm.squareRoot()
        // A Gaussian column lies in the span of the previous ones with probability 0.
        precondition(norm > 1e-12, "degenerate random matrix in orthogonal initialisation")
        for i in 0..<tall { cj[i] /= norm }
      }
    }
    var w = Matrix(rows: rows, columns: columns)
    for r in 0..<rows {
      for c in 0..<columns {
        // rows ≥ columns: W = Q (tall = rows); otherwise W = Qᵀ (tall = columns).
        let value = rows >= columns ? q[c * tall + r] : q[r * tall + c]
        w[r, c] = Float(value) * gain
      }
    }
    return w
  }
}
