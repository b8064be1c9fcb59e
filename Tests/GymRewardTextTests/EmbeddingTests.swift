import GymCore
import GymRewardText
import SwiftGym
import Testing

@Suite struct HashingEmbedderTests {
  let embedder = HashingEmbedder()

  @Test func embeddingsAreUnitLengthAndDeterministic() {
    let v = embedder.embed("the agent picks up the red key")
    #expect(v.count == 512)
    #expect(abs(v.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5)
    #expect(v == HashingEmbedder().embed("The agent picks up the RED key!"))
    #expect(embedder.embed("the, a ... !").allSatisfy { $0 == 0 }, "no words: the zero vector")
    #expect(cosineSimilarity(embedder.embed(""), v) == 0)
  }

  @Test func sharedWordsAndPairsMakeTextsSimilar() {
    let goal = "pick up the red key"
    let close = cosineSimilarity(embedder.embed(goal), embedder.embed("you pick up the red key"))
    let partial = cosineSimilarity(embedder.embed(goal), embedder.embed("you see a red ball"))
    let far = cosineSimilarity(embedder.embed(goal), embedder.embed("the blue door opens"))
    #expect(abs(close - 1) < 1e-6, "stop words do not count: \(close)")
    #expect(partial > 0.1 && partial < 0.5, "\(partial)")
    #expect(abs(far) < 0.2, "\(far)")
    // Unigrams "main", "engine" and the pair "main engine" of 5 and 5 features: 3/5.
    let fire = cosineSimilarity(embedder.embed("fire the main engine"), embedder.embed("the main engine fired"))
    #expect(abs(fire - 0.6) < 0.05, "\(fire)")
  }

  /// Counts the batch calls it answers.
  final class CountingEmbedder: TextEmbedder, @unchecked Sendable {
    var batches: [[String]] = []
    let identifier = "counting", dimension = 512
    func embed(_ text: String) -> [Float] { HashingEmbedder().embed(text) }
    func embed(_ texts: [String]) -> [[Float]] {
      batches.append(texts)
      return texts.map { embed($0) }
    }
  }

  @Test func cacheEmbedsTheMissingTextsOfABatchInOneCall() {
    let counting = CountingEmbedder()
    let cache = EmbeddingCache(counting)
    _ = cache.embedding("a red key")
    let v = cache.embeddings(["a red key", "a blue door", "a blue door", "a green ball"])
    #expect(counting.batches == [["a blue door", "a green ball"]], "cached and repeated texts are embedded once")
    #expect(v == ["a red key", "a blue door", "a blue door", "a green ball"].map { HashingEmbedder().embed($0) })
    #expect(cache.misses == 3 && cache.hits == 2)
    _ = cache.embeddings(["a green ball"])
    #expect(counting.batches.count == 1, "all cached: no call")
  }

  @Test func cacheEmbedsEachTextOnce() {
    let cache = EmbeddingCache(embedder)
    for _ in 0..<5 { _ = cache.similarity("land between the flags", "the lander stood on both legs between the flags") }
    #expect(cache.misses == 2 && cache.hits == 8)
  }
}

@Suite struct GoalSimilarityRewardTests {
  @Test func captionsOfTheGoalPayOncePerEpisode() throws {
    let view = try RewardViews.view(for: "LunarLander-v3")
    var env = try make("LunarLander-v3").rewarded(byGoal: "fire the main engine", view: view, threshold: 0.5)
    _ = try env.reset(seed: 0)
    let main: [Float] = [0, 0, 1, 0]
    let first = env.step(main)
    #expect(first.info["captions"]?.arrayValue?.contains(.string("the main engine fired")) == true)
    #expect(first.reward > 0.5 && first.reward < 0.7, "\(first.reward)")
    #expect(first.info["true_reward"] != nil)
    #expect(env.step(main).reward == 0, "the same caption pays once per episode")
    _ = try env.reset(seed: 1)
    #expect(env.step([1, 0, 0, 0]).reward == 0, "no engine, no caption")
    #expect(env.step(main).reward > 0.5, "a new episode pays again")
  }

  @Test func viewsWithoutCaptionsOrOtherSpacesAreRejected() throws {
    #expect(throws: RewardViewError.self) {
      _ = try make("Pendulum-v1").rewarded(byGoal: "x", view: RewardViews.cartPole)
    }
  }
}
