/// A dense row-major matrix of `Float`s in one contiguous array.
///
/// The value type for tests, initialisation and small computations; the training loop works on
/// the same layout through pointers into preallocated buffers (`MLP`, `Parameters`).
public struct Matrix: Sendable, Hashable, CustomStringConvertible {
  /// The number of rows.
  public let rows: Int
  /// The number of columns.
  public let columns: Int
  /// `rows × columns` elements, row after row.
  public var elements: [Float]

  /// A matrix filled with `value`.
  /// - Precondition: `rows ≥ 0`, `columns ≥ 0`.
  public init(rows: Int, columns: Int, repeating value: Float = 0) {
    precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
    self.rows = rows
    self.columns = columns
    elements = Array(repeating: value, count: rows * columns)
  }

  /// A matrix over existing elements.
  /// - Precondition: `elements.count == rows * columns`.
  public init(rows: Int, columns: Int, elements: [Float]) {
    precondition(elements.count == rows * columns, "a \(rows)×\(columns) matrix needs \(rows * columns) elements, got \(elements.count)")
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// A matrix from nested rows.
  /// - Precondition: every row has the same length.
  public init(_ rowArrays: [[Float]]) {
    let columns = rowArrays.first?.count ?? 0
    precondition(rowArrays.allSatisfy { $0.count == columns }, "all rows need \(columns) columns")
    self.init(rows: rowArrays.count, columns: columns, elements: rowArrays.flatMap { $0 })
  }

  /// The element at `row`, `column`.
  @inlinable
  public subscript(row: Int, column: Int) -> Float {
    get { elements[row * columns + column] }
    set { elements[row * columns + column] = newValue }
  }

  /// The transpose.
  /// - Complexity: O(`rows · columns`).
  public var transposed: Matrix {
    var t = Matrix(rows: columns, columns: rows)
    for i in 0..<rows {
      for j in 0..<columns { t.elements[j * rows + i] = elements[i * columns + j] }
    }
    return t
  }

  /// The matrix product `self · other`, through `GEMM`.
  /// - Precondition: `columns == other.rows`.
  /// - Complexity: O(`rows · columns · other.columns`).
  public func multiplied(by other: Matrix) -> Matrix {
    precondition(columns == other.rows, "cannot multiply \(rows)×\(columns) by \(other.rows)×\(other.columns)")
    var out = Matrix(rows: rows, columns: other.columns)
    if rows == 0 || other.columns == 0 { return out }
    if columns == 0 { return out }
    elements.withUnsafeBufferPointer { a in
      other.elements.withUnsafeBufferPointer { b in
        out.elements.withUnsafeMutableBufferPointer { c in
          GEMM.multiply(
            m: rows, n: other.columns, k: columns, a: a.baseAddress!, lda: columns,
            b: b.baseAddress!, ldb: other.columns, c: c.baseAddress!, ldc: other.columns)
        }
      }
    }
    return out
  }

  /// The rows as nested arrays.
  public var rowArrays: [[Float]] { (0..<rows).map { Array(elements[$0 * columns..<($0 + 1) * columns]) } }

  public var description: String {
    "Matrix(\(rows)×\(columns): " + rowArrays.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ", ") + ")"
  }
}
