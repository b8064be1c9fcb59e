import ArgumentParser
import Foundation
import GymNN
import GymRewardText
import GymRewardTextMiniLM
import SwiftGym

/// Which text embedder a command uses: the built-in hashing embedder, or all-MiniLM-L6-v2
/// fetched by `scripts/fetch-minilm.sh`.
struct EmbedderOptions: ParsableArguments {
  @Option(help: "Text embedder: 'hashing' (built in, no model) or 'minilm' (all-MiniLM-L6-v2; fetch it with scripts/fetch-minilm.sh).")
  var embedder = "hashing"
  @Option(help: "Folder holding all-MiniLM-L6-v2 (default: $SWIFTGYM_MINILM_DIR, else $SWIFTGYM_CACHE/models/all-MiniLM-L6-v2, else ~/.cache/swiftgym/models/all-MiniLM-L6-v2).")
  var minilmDir: String?

  static let names = ["hashing", "minilm"]

  func validateEmbedder() throws {
    guard Self.names.contains(embedder) else { throw ValidationError("--embedder must be 'hashing' or 'minilm', got '\(embedder)'") }
    if minilmDir != nil && embedder != "minilm" { throw ValidationError("--minilm-dir applies to --embedder minilm") }
  }

  /// The embedder `name` (`hashing` or `minilm`).
  static func make(_ name: String, minilmDir: String?) throws -> any TextEmbedder {
    switch name {
    case "hashing": return HashingEmbedder()
    case "minilm":
      do { return try MiniLMEmbedder(directory: minilmDir ?? MiniLMEmbedder.defaultDirectory) } catch { throw ValidationError("--embedder minilm: \(error)") }
    default: throw ValidationError("unknown embedder '\(name)'; allowed: \(names.joined(separator: ", "))")
    }
  }

  /// The chosen embedder.
  /// - Throws: `ValidationError` when the model is not fetched (saying to run
  ///   scripts/fetch-minilm.sh) or its files are malformed.
  func make() throws -> any TextEmbedder {
    try validateEmbedder()
    return try Self.make(embedder, minilmDir: minilmDir)
  }
}

struct RewardEmbed: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "embed",
    abstract: "Embed texts and print the cosine similarity of the first to each of the others (the goal reward's similarity).",
    discussion: "e.g. gym reward embed --embedder minilm \"pick up the key\" \"the agent picks up the red key\" \"the agent opens the door\"")

  @Argument(help: "Texts; the first is compared with each of the others.")
  var texts: [String]
  @OptionGroup var embedderOptions: EmbedderOptions
  @Option(help: "Components of each embedding to print.")
  var components = 5
  @Flag(help: "End with one JSON object (similarities and the full embeddings).")
  var json = false

  func validate() throws {
    guard !texts.isEmpty else { throw ValidationError("give at least one text") }
    guard components >= 0 else { throw ValidationError("--components must be 0 or more, got \(components)") }
    try embedderOptions.validateEmbedder()
  }

  func run() throws {
    let embedder = try embedderOptions.make()
    let vectors = embedder.embed(texts)
    print("\(embedder.identifier), \(embedder.dimension) dimensions")
    var similarities: [JSONValue] = []
    for (i, (text, v)) in zip(texts, vectors).enumerated() {
      let s = cosineSimilarity(vectors[0], v)
      similarities.append(.double(s))
      let head = v.prefix(components).map { format(Double($0), 6) }.joined(separator: ", ")
      print("\(i == 0 ? "goal " : format(s, 4))  \(text.debugDescription)\(components > 0 ? "  [\(head)\(components < v.count ? ", ..." : "")]" : "")")
    }
    emitJSON(json, [
      "embedder": .string(embedder.identifier), "dimension": .int(embedder.dimension),
      "texts": .array(texts.map { .string($0) }), "similarity_to_first": .array(similarities),
      "embeddings": .array(vectors.map { .array($0.map { .double(Double($0)) }) }),
    ])
  }
}

struct RewardEmbedBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "embed-bench",
    abstract: "Measure an embedder's speed in sentences per second (build with -c release).",
    discussion: "The sentences are 96 distinct captions, \"the agent VERB the COLOUR OBJECT next to the wall\" (12–13 tokens with [CLS] and [SEP]), embedded in batches of --batch, uncached; scripts/minilm-speed.py measures sentence-transformers on the same sentences.")

  @OptionGroup var embedderOptions: EmbedderOptions
  @Option(help: "Sentences per call.")
  var batch = 1
  @Option(help: "Passes over the 96 sentences.")
  var passes = 5
  @Option(help: "OpenBLAS threads.")
  var threads = 1
  @Flag(help: "End with one JSON object.")
  var json = false

  /// The benchmark's sentences (the same list as scripts/minilm-speed.py).
  static var sentences: [String] {
    var out: [String] = []
    for verb in ["picks up", "opens", "goes to", "drops"] {
      for colour in ["red", "green", "blue", "purple", "yellow", "grey"] {
        for object in ["key", "ball", "box", "door"] { out.append("the agent \(verb) the \(colour) \(object) next to the wall") }
      }
    }
    return out
  }

  func validate() throws {
    guard batch >= 1 else { throw ValidationError("--batch must be at least 1, got \(batch)") }
    guard passes >= 1 else { throw ValidationError("--passes must be at least 1, got \(passes)") }
    guard (1...64).contains(threads) else { throw ValidationError("--threads must be in 1...64, got \(threads)") }
    try embedderOptions.validateEmbedder()
  }

  func run() throws {
    #if DEBUG
      printError("warning: this is a debug build; measure with `swift build -c release`")
    #endif
    BLAS.threads = threads
    let l0 = Stopwatch.now()
    let embedder = try embedderOptions.make()
    let loadSeconds = Stopwatch.now() - l0
    let sentences = Self.sentences
    var sink: Float = 0
    // One warm-up pass.
    for v in embedder.embed(Array(sentences.prefix(batch))) { sink += v[0] }
    let t0 = Stopwatch.now(), c0 = Stopwatch.processCPU()
    for _ in 0..<passes {
      var i = 0
      while i < sentences.count {
        for v in embedder.embed(Array(sentences[i..<min(i + batch, sentences.count)])) { sink += v[0] }
        i += batch
      }
    }
    let seconds = Stopwatch.now() - t0, cpu = Stopwatch.processCPU() - c0
    precondition(sink.isFinite)
    let n = Double(passes * sentences.count)
    print("\(embedder.identifier): \(format(n / seconds, 1)) sentences/s, \(format(n / cpu, 1)) per CPU second (batch \(batch), \(threads) BLAS thread\(threads == 1 ? "" : "s"), \(Int(n)) sentences; loaded in \(format(loadSeconds, 2)) s)")
    emitJSON(json, [
      "embedder": .string(embedder.identifier), "batch": .int(batch), "threads": .int(threads), "sentences": .int(Int(n)),
      "sentences_per_second": .double(n / seconds), "sentences_per_cpu_second": .double(n / cpu), "load_seconds": .double(loadSeconds),
    ])
  }
}
