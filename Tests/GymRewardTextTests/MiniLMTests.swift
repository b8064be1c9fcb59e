import Foundation
import GymRewardText
import GymRewardTextMiniLM
import SwiftGym
import Testing

/// The fixture recorded by `scripts/minilm-reference.py`: Hugging Face's fast tokenizer's ids and
/// sentence-transformers' embeddings (one padded batch) for 18 sentences.
struct MiniLMReference: Decodable {
  struct Sentence: Decodable {
    var text: String
    var ids: [Int32]
    var tokens: [String]
    var embedding: [Float]
  }
  var recorded_with: String
  var sentences: [Sentence]

  static let shared: MiniLMReference = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("MiniLM/reference.json")
    return try! JSONDecoder().decode(MiniLMReference.self, from: Data(contentsOf: url))
  }()
}

/// The model, loaded once, or nil when `scripts/fetch-minilm.sh` has not fetched it.
let sharedMiniLM: MiniLMEmbedder? = MiniLMEmbedder.isAvailable() ? try! MiniLMEmbedder() : nil
let miniLMMissing = "all-MiniLM-L6-v2 is not in \(MiniLMEmbedder.defaultDirectory); run scripts/fetch-minilm.sh (scripts/test.sh does) to include these tests"

func maxAbsoluteDifference(_ a: [Float], _ b: [Float]) -> Float {
  precondition(a.count == b.count)
  return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

@Suite struct WordPieceTokenizerTests {
  /// A toy vocabulary: ids are positions.
  let tokenizer = try! WordPieceTokenizer(vocabulary: [
    "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "##aff", "##able", "the", "key", "!", ",", "cafe", "東", "京", "a", "##b",
  ])

  @Test func greedyLongestMatchWithContinuations() {
    #expect(tokenizer.encode("unaffable") == [2, 5, 6, 7, 3])
    #expect(tokenizer.tokens("The KEY, café!") == ["[CLS]", "the", "key", ",", "cafe", "!", "[SEP]"])
    #expect(tokenizer.tokens("東京") == ["[CLS]", "東", "京", "[SEP]"], "each CJK ideograph is a word")
  }

  @Test func uncoverableAndOverlongWordsAreUnknown() {
    #expect(tokenizer.tokens("unaffablex the") == ["[CLS]", "[UNK]", "the", "[SEP]"], "one uncovered piece makes the whole word unknown")
    #expect(tokenizer.encode("a" + String(repeating: "b", count: 99)) == [2, 15] + [Int32](repeating: 16, count: 99) + [3], "100 characters")
    #expect(tokenizer.tokens("a" + String(repeating: "b", count: 100)) == ["[CLS]", "[UNK]", "[SEP]"], "101 characters")
  }

  @Test func controlCharactersSpecialTextAndTruncation() {
    // NUL and the soft hyphen vanish, so "thekey" is one word the vocabulary cannot cover.
    #expect(tokenizer.tokens("the\u{0}\u{AD}key\tthe\u{2028}key") == ["[CLS]", "[UNK]", "the", "key", "[SEP]"])
    #expect(tokenizer.tokens("[MASK] the[SEP]") == ["[CLS]", "[MASK]", "the", "[SEP]", "[SEP]"])
    #expect(tokenizer.encode("the key the key", maxLength: 4) == [2, 8, 9, 3])
  }

  @Test func badVocabulariesAreRejected() {
    #expect(throws: WordPieceTokenizer.VocabularyError.self) { try WordPieceTokenizer(vocabulary: ["[CLS]", "[SEP]", "[PAD]", "a"]) }
    #expect(throws: WordPieceTokenizer.VocabularyError.self) { try WordPieceTokenizer(vocabulary: ["[CLS]", "[SEP]", "[PAD]", "[UNK]", "a", "a"]) }
    #expect(throws: WordPieceTokenizer.VocabularyError.self) { try WordPieceTokenizer(vocabularyFile: "/nonexistent/vocab.txt") }
  }
}

@Suite(.enabled(if: sharedMiniLM != nil, Comment(rawValue: miniLMMissing)))
struct MiniLMTests {
  @Test func tokenisationMatchesHuggingFaceOnTheFixtures() throws {
    let model = try #require(sharedMiniLM)
    for s in MiniLMReference.shared.sentences {
      #expect(model.tokenizer.encode(s.text, maxLength: 256) == s.ids, "\(s.text.debugDescription): \(model.tokenizer.tokens(s.text)) vs \(s.tokens)")
    }
  }

  @Test func embeddingOfTheAgentPicksUpTheRedKeyMatchesSentenceTransformers() throws {
    let model = try #require(sharedMiniLM)
    let reference = MiniLMReference.shared.sentences[0]
    #expect(reference.text == "the agent picks up the red key")
    let v = model.embed(reference.text)
    #expect(v.count == 384)
    // The research note's first five components.
    #expect(maxAbsoluteDifference(Array(v[0..<5]), [-0.030309, 0.015442, -0.120948, 0.008323, -0.017191]) < 1e-5 + 5e-7)
    let error = maxAbsoluteDifference(v, reference.embedding)
    print("MiniLM: max |Δ| against sentence-transformers over 384 components of \(reference.text.debugDescription): \(error)")
    #expect(error < 1e-5, "max |Δ| over 384 components: \(error)")
  }

  @Test func goalRewardPaysTheParaphrasedCaption() throws {
    // "fire the main engine" and the caption "the main engine fired": a paraphrase the model
    // rates far above the unrelated captions of the same view.
    let model = try #require(sharedMiniLM)
    let cache = EmbeddingCache(model)
    let fired = cache.similarity("fire the main engine", "the main engine fired")
    for other in ["the left leg touched the ground", "the lander flew off the screen", "the right leg lifted off"] {
      #expect(fired > cache.similarity("fire the main engine", other) + 0.3, "\(other)")
    }
    let view = try RewardViews.view(for: "LunarLander-v3")
    var env = try make("LunarLander-v3").rewarded(byGoal: "fire the main engine", view: view, cache: cache, threshold: 0.6)
    _ = try env.reset(seed: 0)
    let first = env.step([0, 0, 1, 0] as [Float])
    #expect(abs(first.reward - fired) < 1e-12, "\(first.reward) vs \(fired)")
    #expect(env.step([0, 0, 1, 0] as [Float]).reward == 0, "once per episode")
  }

  @Test func similaritiesOrderAsExpected() throws {
    let model = try #require(sharedMiniLM)
    let cache = EmbeddingCache(model)
    let key = cache.similarity("pick up the key", "the agent picks up the red key")
    let door = cache.similarity("pick up the key", "the agent opens the door")
    #expect(key > 0.6 && door < 0.35 && key > door + 0.3, "\(key) \(door)")
  }
}

/// The whole fixture as one batch: 18 sentences, one of 256 tokens (about a second in debug).
@Suite(.enabled(if: sharedMiniLM != nil, Comment(rawValue: miniLMMissing)))
struct MiniLMBatchTests {
  @Test func batchOfAllFixturesMatchesSentenceTransformers() throws {
    let model = try #require(sharedMiniLM)
    let sentences = MiniLMReference.shared.sentences
    let batch = model.embed(sentences.map(\.text))
    var worst: Float = 0
    for (s, v) in zip(sentences, batch) {
      let error = maxAbsoluteDifference(v, s.embedding)
      worst = max(worst, error)
      #expect(error < 1e-5, "\(s.text.debugDescription): \(error)")
      // OpenBLAS picks other kernels for products of very few rows, so the rounding (not the
      // result) may differ between a text alone and in a batch.
      let alone = maxAbsoluteDifference(v, model.embed(s.text))
      #expect(alone < 1e-6, "\(s.text.debugDescription): \(alone) between the batch and the text alone")
    }
    print("MiniLM: max |Δ| against sentence-transformers over the \(sentences.count) fixture sentences in one batch: \(worst)")
  }
}

@Suite struct MiniLMLoadingTests {
  @Test func aMissingOrMalformedModelSaysWhatToDo() throws {
    do {
      _ = try MiniLMEmbedder(directory: "/nonexistent/all-MiniLM-L6-v2")
      Issue.record("loaded a model from a folder that does not exist")
    } catch { #expect(error.description.contains("run scripts/fetch-minilm.sh"), "\(error)") }
    // A folder with a vocabulary but a truncated weights file.
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minilm-test-\(UInt32.random(in: 0...UInt32.max))").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try "[PAD]\n[UNK]\n[CLS]\n[SEP]\n".write(toFile: dir + "/vocab.txt", atomically: true, encoding: .utf8)
    try Data([16, 0, 0, 0, 0, 0, 0, 0, 0x7B]).write(to: URL(fileURLWithPath: dir + "/model.safetensors"))
    try #"{"vocab_size": 4, "hidden_size": 8, "num_attention_heads": 2, "intermediate_size": 16}"#.write(toFile: dir + "/config.json", atomically: true, encoding: .utf8)
    do {
      _ = try MiniLMEmbedder(directory: dir)
      Issue.record("loaded a truncated model")
    } catch { #expect(error.description.contains("model.safetensors") && error.description.contains("exceeds"), "\(error)") }
    #expect(throws: MiniLMEmbedder.LoadError.self) { try MiniLMEmbedder(directory: dir, maxLength: 1) }
  }
}
