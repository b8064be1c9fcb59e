import Foundation
import GymCore

/// Maps text to a vector whose cosine similarity to another text's vector measures how alike
/// they are (ELLM's goal–caption similarity).
public protocol TextEmbedder: Sendable {
  /// A short name, for logs and caches.
  var identifier: String { get }
  /// The length of every embedding.
  var dimension: Int { get }
  /// The embedding of `text`: unit length (the hashing embedder gives all zeros for a text
  /// without words).
  func embed(_ text: String) -> [Float]
  /// The embeddings of `texts`, in order; a neural embedder runs them as one batch.
  func embed(_ texts: [String]) -> [[Float]]
}

// MARK: - Default implementations

extension TextEmbedder {
  /// One text at a time.
  public func embed(_ texts: [String]) -> [[Float]] { texts.map { embed($0) } }
}

/// A dependency-free embedder: word unigrams and bigrams hashed (FNV-1a, 64-bit) into
/// `dimension` signed buckets, then scaled to unit length.
///
/// Texts sharing words are similar, texts sharing word pairs more so; word order beyond pairs,
/// synonyms and inflections are not seen ("pick up the key" and "picked up a key" share only
/// "up" and "key"). Deterministic across runs and machines.
public struct HashingEmbedder: TextEmbedder {
  /// The number of buckets.
  public let dimension: Int
  /// Whether adjacent word pairs are hashed too.
  public let bigrams: Bool
  /// Words dropped before hashing.
  public static let stopWords: Set<String> = ["the", "a", "an", "to", "of", "and", "you", "your", "it", "its", "is", "was"]

  /// An embedder with `dimension` buckets (≥ 1).
  public init(dimension: Int = 512, bigrams: Bool = true) {
    precondition(dimension >= 1, "an embedding needs at least one dimension, got \(dimension)")
    self.dimension = dimension
    self.bigrams = bigrams
  }

  public var identifier: String { "hashing-\(dimension)\(bigrams ? "-bigrams" : "")" }

  /// Lower-cased words of letters and digits, stop words removed.
  public static func words(_ text: String) -> [String] {
    var out: [String] = []
    var current = ""
    for c in text.lowercased() {
      if c.isLetter || c.isNumber {
        current.append(c)
      } else if !current.isEmpty {
        if !stopWords.contains(current) { out.append(current) }
        current = ""
      }
    }
    if !current.isEmpty && !stopWords.contains(current) { out.append(current) }
    return out
  }

  static func hash(_ s: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
  }

  public func embed(_ text: String) -> [Float] {
    var v = [Float](repeating: 0, count: dimension)
    let w = Self.words(text)
    func add(_ token: String, _ weight: Float) {
      let h = Self.hash(token)
      v[Int(h % UInt64(dimension))] += (h >> 63) == 0 ? weight : -weight
    }
    for word in w { add(word, 1) }
    if bigrams && w.count > 1 {
      for i in 0..<(w.count - 1) { add(w[i] + " " + w[i + 1], 1) }
    }
    var norm: Float = 0
    for x in v { norm += x * x }
    norm = norm.squareRoot()
    if norm > 0 { for i in v.indices { v[i] /= norm } }
    return v
  }
}

/// Cosine similarity of two embeddings (0 when either is zero).
public func cosineSimilarity(_ a: [Float], _ b: [Float]) -> Double {
  precondition(a.count == b.count, "embeddings of different lengths: \(a.count) and \(b.count)")
  var dot = 0.0, na = 0.0, nb = 0.0
  for i in a.indices {
    dot += Double(a[i]) * Double(b[i])
    na += Double(a[i]) * Double(a[i])
    nb += Double(b[i]) * Double(b[i])
  }
  guard na > 0 && nb > 0 else { return 0 }
  return dot / (na * nb).squareRoot()
}

/// Embeddings cached by string: each distinct text is embedded once. Thread-safe.
public final class EmbeddingCache: @unchecked Sendable {
  /// The embedder.
  public let embedder: any TextEmbedder
  private let lock = NSLock()
  private var storage: [String: [Float]] = [:]
  /// Look-ups answered from the cache.
  public private(set) var hits = 0
  /// Look-ups that embedded their text.
  public private(set) var misses = 0

  /// An empty cache over `embedder`.
  public init(_ embedder: any TextEmbedder) { self.embedder = embedder }

  /// The embedding of `text`, computed on first use.
  public func embedding(_ text: String) -> [Float] {
    lock.lock()
    if let v = storage[text] {
      hits += 1
      lock.unlock()
      return v
    }
    misses += 1
    lock.unlock()
    let v = embedder.embed(text)
    lock.lock()
    storage[text] = v
    lock.unlock()
    return v
  }

  /// The embeddings of `texts`, in order; the texts not yet cached (each once) are embedded
  /// in one call of the embedder's batch `embed(_:)`.
  public func embeddings(_ texts: [String]) -> [[Float]] {
    var missing: [String] = []
    var seen: Set<String> = []
    lock.lock()
    for t in texts {
      if storage[t] != nil {
        hits += 1
      } else if seen.insert(t).inserted {
        missing.append(t)
        misses += 1
      } else {
        hits += 1
      }
    }
    lock.unlock()
    let computed = missing.isEmpty ? [] : embedder.embed(missing)
    lock.lock()
    defer { lock.unlock() }
    for (t, v) in zip(missing, computed) { storage[t] = v }
    return texts.map { storage[$0]! }
  }

  /// Cosine similarity of two texts' embeddings.
  public func similarity(_ a: String, _ b: String) -> Double { cosineSimilarity(embedding(a), embedding(b)) }
}

extension Wrappers {
  /// ELLM's reward: the cosine similarity between an embedded goal and the embedded captions of
  /// each transition, from the environment's reward view captioner.
  ///
  /// A step's reward is the highest similarity among its captions that reaches `threshold`
  /// (0 without such a caption); with `oncePerEpisode`, a caption pays only the first time it
  /// occurs in an episode. The true reward stays in `info["true_reward"]`, the true episode
  /// return in `info["true_return"]` on the last step, and the captions in `info["captions"]`.
  public struct GoalSimilarityReward<Base: Environment>: Wrapper where Base.Reward == Double {
    /// The wrapped environment's observation type.
    public typealias Observation = Base.Observation
    /// The wrapped environment's action type.
    public typealias Action = Base.Action
    /// The wrapped environment's observation space type.
    public typealias ObservationSpace = Base.ObservationSpace
    /// The wrapped environment's action space type.
    public typealias ActionSpace = Base.ActionSpace

    /// The wrapped environment.
    public var base: Base
    /// The goal text.
    public let goal: String
    /// The smallest similarity that pays.
    public let threshold: Double
    /// Whether a caption pays only once per episode.
    public let oncePerEpisode: Bool
    /// Embeddings, shared between wrappers of the same run.
    public let cache: EmbeddingCache
    let tracker: RewardEvaluator
    let buffers: FlatBuffers
    let seen: SeenCaptions

    final class SeenCaptions: @unchecked Sendable { var set: Set<String> = [] }

    /// Wraps `base`.
    /// - Throws: `RewardViewError` when the view has no captioner or does not fit the spaces.
    public init(_ base: Base, view: RewardView, goal: String, cache: EmbeddingCache, threshold: Double = 0.5, oncePerEpisode: Bool = true) throws(RewardViewError) {
      guard view.captioner != nil else { throw RewardViewError("the \(view.name) view has no captions to compare with a goal") }
      guard base.observationSpace.flatDimension == view.observationLength, base.actionSpace.flatDimension == view.actionLength else {
        throw RewardViewError("the \(view.name) view reads observations of \(view.observationLength) and actions of \(view.actionLength) values; this environment's are \(base.observationSpace.flatDimension) and \(base.actionSpace.flatDimension)")
      }
      self.base = base
      self.goal = goal
      self.threshold = threshold
      self.oncePerEpisode = oncePerEpisode
      self.cache = cache
      // A program that reads the view keeps the state registers the captioner needs.
      do { tracker = RewardEvaluator(try CompiledReward(source: "term none = 0", view: view)) } catch {
        throw RewardViewError("cannot track the \(view.name) view: \(error)")
      }
      buffers = FlatBuffers(observation: view.observationLength, action: view.actionLength)
      seen = SeenCaptions()
    }

    /// The wrapped environment's observation space.
    public var observationSpace: ObservationSpace { base.observationSpace }
    /// The wrapped environment's action space.
    public var actionSpace: ActionSpace { base.actionSpace }

    /// Resets the wrapped environment and the episode's captions.
    public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Observation> {
      let result = try base.reset(seed: seed, options: options)
      base.observationSpace.flatten(result.observation, into: buffers.observation)
      tracker.reset(observation: UnsafeBufferPointer(buffers.observation))
      buffers.trueReturn = 0
      seen.set.removeAll(keepingCapacity: true)
      return result
    }

    /// Steps the wrapped environment; the reward is the goal's similarity to the captions.
    public mutating func step(_ action: Action) -> StepResult<Observation, Double> {
      var result = base.step(action)
      base.actionSpace.flatten(action, into: buffers.action)
      base.observationSpace.flatten(result.observation, into: buffers.observation)
      _ = tracker.step(action: UnsafeBufferPointer(buffers.action), observation: UnsafeBufferPointer(buffers.observation), terminated: result.terminated, truncated: result.truncated)
      let captions = tracker.captions(terminated: result.terminated)
      var reward = 0.0
      for c in captions where !oncePerEpisode || seen.set.insert(c).inserted {
        let s = cache.similarity(goal, c)
        if s >= threshold { reward = Swift.max(reward, s) }
      }
      buffers.trueReturn += result.reward
      result.info["true_reward"] = .double(result.reward)
      if !captions.isEmpty { result.info["captions"] = .array(captions.map { .string($0) }) }
      if result.terminated || result.truncated { result.info["true_return"] = .double(buffers.trueReturn) }
      return (result.observation, reward, result.terminated, result.truncated, result.info)
    }
  }
}

extension Environment where Reward == Double {
  /// This environment rewarded by the similarity of `goal` to its transitions' captions (ELLM).
  /// - Throws: `RewardViewError` when the view has no captions or does not fit.
  public func rewarded(
    byGoal goal: String, view: RewardView, cache: EmbeddingCache = EmbeddingCache(HashingEmbedder()), threshold: Double = 0.5, oncePerEpisode: Bool = true
  ) throws(RewardViewError) -> Wrappers.GoalSimilarityReward<Self> {
    try Wrappers.GoalSimilarityReward(self, view: view, goal: goal, cache: cache, threshold: threshold, oncePerEpisode: oncePerEpisode)
  }
}
