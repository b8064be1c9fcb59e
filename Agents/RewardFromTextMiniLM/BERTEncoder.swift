import GymNN

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A BERT encoder with sentence-transformers' mean pooling and normalisation: the forward pass
/// of all-MiniLM-L6-v2, on OpenBLAS.
///
/// Token, position and segment-0 embeddings are summed and layer-normalised; each layer runs
/// multi-head self-attention (scaled dot products, softmax) with a residual connection and
/// layer norm, then a GELU (erf form) feed-forward block with a residual connection and layer
/// norm. The sentence embedding is the mean of the last layer's token vectors, scaled to unit
/// length. A batch is packed without padding: the dense layers run as one matrix product over
/// every token of every sentence, and attention runs per sentence, so no token ever sees
/// another sentence's tokens (what the attention mask does for a padded batch).
public struct BERTEncoder: Sendable {
  /// The shape of the network.
  public struct Configuration: Sendable, Equatable {
    /// Width of the token vectors (384).
    public var hidden: Int
    /// Attention heads per layer (12).
    public var heads: Int
    /// Layers (6).
    public var layers: Int
    /// Width of the feed-forward block (1536).
    public var intermediate: Int
    /// Positions with an embedding (512).
    public var maxPositions: Int
    /// Tokens in the vocabulary (30522).
    public var vocabularySize: Int
    /// The layer-norm epsilon (1e-12).
    public var layerNormEpsilon: Float

    /// all-MiniLM-L6-v2's shape.
    public static let miniLML6 = Configuration(hidden: 384, heads: 12, layers: 6, intermediate: 1536, maxPositions: 512, vocabularySize: 30522, layerNormEpsilon: 1e-12)
  }

  struct Layer: Sendable {
    var qkv: [Float]  // [3·hidden, hidden]: query, key and value weights stacked
    var qkvBias: [Float]
    var output: [Float], outputBias: [Float]
    var norm1: [Float], norm1Bias: [Float]
    var up: [Float], upBias: [Float]  // [intermediate, hidden]
    var down: [Float], downBias: [Float]  // [hidden, intermediate]
    var norm2: [Float], norm2Bias: [Float]
  }

  /// The shape.
  public let configuration: Configuration
  let wordEmbeddings: [Float], positionEmbeddings: [Float], segmentEmbedding: [Float]
  let embeddingNorm: [Float], embeddingNormBias: [Float]
  let layers: [Layer]

  /// The encoder with the weights in `archive`, named as Hugging Face's `BertModel` names them
  /// (with or without a `bert.` prefix).
  /// - Throws: `Safetensors.FormatError` naming a missing tensor or one of the wrong shape.
  public init(_ archive: Safetensors.Archive, configuration c: Configuration = .miniLML6) throws(Safetensors.FormatError) {
    let prefix = archive.entries["embeddings.word_embeddings.weight"] == nil && archive.entries["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
    func t(_ name: String, _ shape: [Int]) throws(Safetensors.FormatError) -> [Float] { try archive.floats(prefix + name, shape: shape).values }
    let h = c.hidden
    guard h % c.heads == 0 else { throw Safetensors.FormatError("hidden width \(h) is not a multiple of the \(c.heads) heads") }
    configuration = c
    wordEmbeddings = try t("embeddings.word_embeddings.weight", [c.vocabularySize, h])
    positionEmbeddings = try t("embeddings.position_embeddings.weight", [c.maxPositions, h])
    segmentEmbedding = Array(try t("embeddings.token_type_embeddings.weight", [2, h])[0..<h])
    embeddingNorm = try t("embeddings.LayerNorm.weight", [h])
    embeddingNormBias = try t("embeddings.LayerNorm.bias", [h])
    var layers: [Layer] = []
    for i in 0..<c.layers {
      let p = "encoder.layer.\(i)."
      layers.append(Layer(
        qkv: try t(p + "attention.self.query.weight", [h, h]) + t(p + "attention.self.key.weight", [h, h]) + t(p + "attention.self.value.weight", [h, h]),
        qkvBias: try t(p + "attention.self.query.bias", [h]) + t(p + "attention.self.key.bias", [h]) + t(p + "attention.self.value.bias", [h]),
        output: try t(p + "attention.output.dense.weight", [h, h]), outputBias: try t(p + "attention.output.dense.bias", [h]),
        norm1: try t(p + "attention.output.LayerNorm.weight", [h]), norm1Bias: try t(p + "attention.output.LayerNorm.bias", [h]),
        up: try t(p + "intermediate.dense.weight", [c.intermediate, h]), upBias: try t(p + "intermediate.dense.bias", [c.intermediate]),
        down: try t(p + "output.dense.weight", [h, c.intermediate]), downBias: try t(p + "output.dense.bias", [h]),
        norm2: try t(p + "output.LayerNorm.weight", [h]), norm2Bias: try t(p + "output.LayerNorm.bias", [h])))
    }
    self.layers = layers
  }

  /// The unit-length mean-pooled embeddings of token-id sequences (each with its `[CLS]` and
  /// `[SEP]`), one row of `hidden` values per sequence.
  /// - Precondition: every sequence is non-empty, no longer than `maxPositions`, with ids in
  ///   the vocabulary.
  /// - Complexity: O(T · hidden · (hidden + intermediate) · layers + Σ n² · hidden) for T tokens
  ///   in all, sequences of n tokens.
  public func embed(_ sequences: [[Int32]]) -> [[Float]] {
    if sequences.isEmpty { return [] }
    let c = configuration, h = c.hidden
    for s in sequences {
      precondition(!s.isEmpty && s.count <= c.maxPositions, "a sequence of \(s.count) tokens; allowed 1...\(c.maxPositions)")
    }
    let total = sequences.reduce(0) { $0 + $1.count }
    var x = [Float](repeating: 0, count: total * h)
    var qkv = [Float](repeating: 0, count: total * 3 * h)
    var context = [Float](repeating: 0, count: total * h)
    var projected = [Float](repeating: 0, count: total * h)
    var inner = [Float](repeating: 0, count: total * c.intermediate)
    let longest = sequences.map(\.count).max()!
    var scores = [Float](repeating: 0, count: longest * longest)

    // Embeddings.
    var row = 0
    for s in sequences {
      for (position, id) in s.enumerated() {
        precondition(id >= 0 && Int(id) < c.vocabularySize, "token id \(id) outside the vocabulary of \(c.vocabularySize)")
        let w = Int(id) * h, p = position * h, o = row * h
        for j in 0..<h { x[o + j] = wordEmbeddings[w + j] + positionEmbeddings[p + j] + segmentEmbedding[j] }
        row += 1
      }
    }
    Self.layerNorm(&x, rows: total, width: h, gamma: embeddingNorm, beta: embeddingNormBias, epsilon: c.layerNormEpsilon)

    let heads = c.heads, d = h / heads
    let scale = 1 / Float(d).squareRoot()
    for layer in layers {
      Self.linear(x, rows: total, inputs: h, weights: layer.qkv, bias: layer.qkvBias, outputs: 3 * h, into: &qkv)
      // Attention, per sentence and head: softmax(Q Kᵀ / √d) V.
      var first = 0
      for s in sequences {
        let n = s.count
        qkv.withUnsafeBufferPointer { qkvp in
          scores.withUnsafeMutableBufferPointer { sp in
            context.withUnsafeMutableBufferPointer { cp in
              for head in 0..<heads {
                let q = qkvp.baseAddress! + first * 3 * h + head * d
                GEMM.multiply(transposeB: true, m: n, n: n, k: d, alpha: scale, a: q, lda: 3 * h, b: q + h, ldb: 3 * h, c: sp.baseAddress!, ldc: n)
                for i in 0..<n { Self.softmax(sp.baseAddress! + i * n, n) }
                GEMM.multiply(m: n, n: d, k: n, a: sp.baseAddress!, lda: n, b: q + 2 * h, ldb: 3 * h, c: cp.baseAddress! + first * h + head * d, ldc: h)
              }
            }
          }
        }
        first += n
      }
      Self.linear(context, rows: total, inputs: h, weights: layer.output, bias: layer.outputBias, outputs: h, into: &projected)
      for i in x.indices { x[i] += projected[i] }
      Self.layerNorm(&x, rows: total, width: h, gamma: layer.norm1, beta: layer.norm1Bias, epsilon: c.layerNormEpsilon)
      Self.linear(x, rows: total, inputs: h, weights: layer.up, bias: layer.upBias, outputs: c.intermediate, into: &inner)
      for i in inner.indices {
        let v = inner[i]
        inner[i] = 0.5 * v * (1 + erff(v * 0.70710678118654752))
      }
      Self.linear(inner, rows: total, inputs: c.intermediate, weights: layer.down, bias: layer.downBias, outputs: h, into: &projected)
      for i in x.indices { x[i] += projected[i] }
      Self.layerNorm(&x, rows: total, width: h, gamma: layer.norm2, beta: layer.norm2Bias, epsilon: c.layerNormEpsilon)
    }

    // Mean pooling and unit length.
    var out: [[Float]] = []
    out.reserveCapacity(sequences.count)
    var first = 0
    for s in sequences {
      var mean = [Float](repeating: 0, count: h)
      for r in first..<(first + s.count) {
        for j in 0..<h { mean[j] += x[r * h + j] }
      }
      let inverse = 1 / Float(s.count)
      var norm: Float = 0
      for j in 0..<h {
        mean[j] *= inverse
        norm += mean[j] * mean[j]
      }
      let scale = 1 / max(norm.squareRoot(), 1e-12)
      for j in 0..<h { mean[j] *= scale }
      out.append(mean)
      first += s.count
    }
    return out
  }

  // MARK: - Kernels

  /// `y = x · Wᵀ + b` for `W` stored `[outputs, inputs]` (PyTorch's `Linear`).
  static func linear(_ x: [Float], rows: Int, inputs: Int, weights: [Float], bias: [Float], outputs: Int, into y: inout [Float]) {
    x.withUnsafeBufferPointer { xp in
      weights.withUnsafeBufferPointer { wp in
        y.withUnsafeMutableBufferPointer { yp in
          GEMM.multiply(transposeB: true, m: rows, n: outputs, k: inputs, a: xp.baseAddress!, lda: inputs, b: wp.baseAddress!, ldb: inputs, c: yp.baseAddress!, ldc: outputs)
          for r in 0..<rows {
            let o = r * outputs
            for j in 0..<outputs { yp[o + j] += bias[j] }
          }
        }
      }
    }
  }

  /// Each row scaled to mean 0 and variance 1 (biased), then `γ · x + β`.
  static func layerNorm(_ x: inout [Float], rows: Int, width: Int, gamma: [Float], beta: [Float], epsilon: Float) {
    x.withUnsafeMutableBufferPointer { p in
      for r in 0..<rows {
        let o = r * width
        var mean: Float = 0
        for j in 0..<width { mean += p[o + j] }
        mean /= Float(width)
        var variance: Float = 0
        for j in 0..<width {
          let dv = p[o + j] - mean
          variance += dv * dv
        }
        variance /= Float(width)
        let inverse = 1 / (variance + epsilon).squareRoot()
        for j in 0..<width { p[o + j] = (p[o + j] - mean) * inverse * gamma[j] + beta[j] }
      }
    }
  }

  /// The softmax of `n` values in place.
  static func softmax(_ p: UnsafeMutablePointer<Float>, _ n: Int) {
    var m = -Float.infinity
    for i in 0..<n { m = max(m, p[i]) }
    var sum: Float = 0
    for i in 0..<n {
      p[i] = expf(p[i] - m)
      sum += p[i]
    }
    let inverse = 1 / sum
    for i in 0..<n { p[i] *= inverse }
  }
}
