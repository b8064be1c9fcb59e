import Foundation
import GymNN
import GymRewardText

/// all-MiniLM-L6-v2 (sentence-transformers) in Swift: 384-dimensional unit-length sentence
/// embeddings, the model ELLM-style goal rewards use, read from the files that
/// `scripts/fetch-minilm.sh` unpacks (`model.safetensors`, `vocab.txt`, `config.json`).
///
/// Reproduces sentence-transformers' pipeline: the BERT tokenizer (`WordPieceTokenizer`,
/// truncation at 256 tokens), the 6-layer encoder, mean pooling and normalisation
/// (`BERTEncoder`). Batches of texts run as one packed batch (`embed(_:)` on an array).
public struct MiniLMEmbedder: TextEmbedder {
  /// The tokenizer.
  public let tokenizer: WordPieceTokenizer
  /// The encoder.
  public let encoder: BERTEncoder
  /// Tokens per text, `[CLS]` and `[SEP]` included; longer texts are cut (256, as
  /// sentence-transformers' `max_seq_length`).
  public let maxLength: Int
  /// Where the model was read from.
  public let directory: String

  /// The model folder is missing or does not hold the model.
  public struct LoadError: Error, CustomStringConvertible, Sendable {
    /// What was wrong, and what to do.
    public var description: String
  }

  /// The folder `scripts/fetch-minilm.sh` fills: `$SWIFTGYM_MINILM_DIR`, else
  /// `$SWIFTGYM_CACHE/models/all-MiniLM-L6-v2`, else `~/.cache/swiftgym/models/all-MiniLM-L6-v2`.
  public static var defaultDirectory: String {
    let environment = ProcessInfo.processInfo.environment
    if let d = environment["SWIFTGYM_MINILM_DIR"], !d.isEmpty { return d }
    let cache = environment["SWIFTGYM_CACHE"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.cache/swiftgym")
    return cache + "/models/all-MiniLM-L6-v2"
  }

  /// Whether `directory` holds the weights and the vocabulary.
  public static func isAvailable(in directory: String = defaultDirectory) -> Bool {
    FileManager.default.fileExists(atPath: directory + "/model.safetensors") && FileManager.default.fileExists(atPath: directory + "/vocab.txt")
  }

  /// Loads the model from `directory` (~91 MB of weights; about a second in a release build).
  /// - Parameter maxLength: tokens per text, 2...512.
  /// - Throws: `LoadError` saying to run `scripts/fetch-minilm.sh` when the files are absent,
  ///   or naming the file and the problem when one is malformed or of another model's shape.
  public init(directory: String = defaultDirectory, maxLength: Int = 256) throws(LoadError) {
    guard (2...512).contains(maxLength) else { throw LoadError(description: "maxLength must be in 2...512 (BERT's positions), got \(maxLength)") }
    guard Self.isAvailable(in: directory) else {
      throw LoadError(description: "all-MiniLM-L6-v2 is not in '\(directory)' (model.safetensors and vocab.txt expected); run scripts/fetch-minilm.sh to download it (or set SWIFTGYM_MINILM_DIR to a folder holding it)")
    }
    var configuration = BERTEncoder.Configuration.miniLML6
    let configPath = directory + "/config.json"
    if let data = FileManager.default.contents(atPath: configPath) {
      guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
        throw LoadError(description: "\(configPath) is not a JSON object")
      }
      func int(_ key: String, _ into: WritableKeyPath<BERTEncoder.Configuration, Int>) {
        if let v = object[key] as? Int { configuration[keyPath: into] = v }
      }
      int("hidden_size", \.hidden)
      int("num_attention_heads", \.heads)
      int("num_hidden_layers", \.layers)
      int("intermediate_size", \.intermediate)
      int("max_position_embeddings", \.maxPositions)
      int("vocab_size", \.vocabularySize)
      if let eps = object["layer_norm_eps"] as? Double { configuration.layerNormEpsilon = Float(eps) }
      if let act = object["hidden_act"] as? String, act != "gelu" {
        throw LoadError(description: "\(configPath): hidden_act '\(act)' is not supported (only 'gelu', the erf form)")
      }
    }
    do {
      tokenizer = try WordPieceTokenizer(vocabularyFile: directory + "/vocab.txt")
    } catch { throw LoadError(description: error.description) }
    guard tokenizer.vocabulary.count == configuration.vocabularySize else {
      throw LoadError(description: "\(directory)/vocab.txt has \(tokenizer.vocabulary.count) tokens, the model \(configuration.vocabularySize)")
    }
    do {
      encoder = try BERTEncoder(try Safetensors.Archive(contentsOf: directory + "/model.safetensors"), configuration: configuration)
    } catch { throw LoadError(description: "\(directory)/model.safetensors: \(error.message)") }
    self.maxLength = min(maxLength, configuration.maxPositions)
    self.directory = directory
  }

  /// `minilm-l6-v2`.
  public var identifier: String { "minilm-l6-v2" }
  /// 384.
  public var dimension: Int { encoder.configuration.hidden }

  /// The embedding of `text` (unit length; the empty text too has one, from `[CLS] [SEP]`).
  public func embed(_ text: String) -> [Float] { embed([text])[0] }

  /// The embeddings of `texts`, computed as one batch.
  /// - Complexity: about 0.34 GFLOP per 16-token text.
  public func embed(_ texts: [String]) -> [[Float]] {
    encoder.embed(texts.map { tokenizer.encode($0, maxLength: maxLength) })
  }
}
