import Foundation
import GymCore
import RealModule

/// Labels transition captions as helpful or not for a task (ONI's annotator).
public protocol CaptionAnnotator {
  /// A short name, for logs.
  var identifier: String { get }
  /// One label per caption: whether the event helps with `task`.
  /// - Throws: what the backend throws (e.g. `RewardCompilerError` for a bad model answer).
  func annotate(_ captions: [String], task: String) throws -> [Bool]
}

/// An offline annotator: a caption is helpful when its embedding's cosine similarity to the
/// task's reaches `threshold`.
public struct SimilarityAnnotator: CaptionAnnotator {
  /// Embeddings of captions and tasks.
  public let cache: EmbeddingCache
  /// The smallest similarity labelled helpful.
  public let threshold: Double
  /// An annotator.
  public init(cache: EmbeddingCache = EmbeddingCache(HashingEmbedder()), threshold: Double = 0.3) {
    self.cache = cache
    self.threshold = threshold
  }
  public var identifier: String { "similarity-\(cache.embedder.identifier)" }
  public func annotate(_ captions: [String], task: String) throws -> [Bool] {
    let vectors = cache.embeddings([task] + captions)
    return vectors.dropFirst().map { cosineSimilarity(vectors[0], $0) >= threshold }
  }
}

/// An annotator asking an OpenAI-compatible chat-completions server, with a JSON schema
/// `{"helpful": [true, false, ...]}`, one entry per caption. Deterministic requests (temperature
/// 0, fixed seed), so a cassette replays them.
public struct OpenAICompatibleAnnotator<Transport: HTTPTransport>: CaptionAnnotator {
  /// The API base.
  public var baseURL: String
  /// The model name.
  public var model: String
  /// The transport.
  public var transport: Transport

  /// An annotator.
  public init(baseURL: String = "http://127.0.0.1:8080/v1", model: String = "local", transport: Transport) {
    self.baseURL = baseURL
    self.model = model
    self.transport = transport
  }

  public var identifier: String { "openai:\(model)" }

  public func annotate(_ captions: [String], task: String) throws -> [Bool] {
    guard !captions.isEmpty else { return [] }
    let list = captions.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
    let body: JSONValue = [
      "model": .string(model), "temperature": 0, "seed": 0,
      "messages": [
        ["role": "system", "content": "You judge events in a game. For each numbered event, answer whether it helps the player with the task. Answer with JSON {\"helpful\": [...]}, one true or false per event, in order."],
        ["role": "user", "content": .string("Task: \(task)\nEvents:\n\(list)")],
      ],
      "response_format": [
        "type": "json_schema",
        "json_schema": [
          "name": "annotation", "strict": true,
          "schema": [
            "type": "object", "required": ["helpful"], "additionalProperties": false,
            "properties": ["helpful": ["type": "array", "items": ["type": "boolean"]]],
          ],
        ],
      ],
    ]
    let url = baseURL.hasSuffix("/") ? baseURL + "chat/completions" : baseURL + "/chat/completions"
    let response = try transport.post(url: url, headers: [:], body: JSON.string(body))
    let envelope: JSONValue
    do { envelope = try JSON.parse(response) } catch {
      throw RewardCompilerError("the annotator's response is not JSON: \(error.message) (line \(error.line), column \(error.column))")
    }
    guard let content = envelope["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue else {
      throw RewardCompilerError("the annotator's response has no choices[0].message.content string")
    }
    let answer: JSONValue
    do { answer = try JSON.parse(content) } catch {
      throw RewardCompilerError("the annotator's answer is not JSON: \(error.message) (line \(error.line), column \(error.column)); expected {\"helpful\": [true, false, ...]}")
    }
    guard let labels = answer["helpful"]?.arrayValue else {
      throw RewardCompilerError("the annotator's answer has no array 'helpful'; expected {\"helpful\": [true, false, ...]}")
    }
    guard labels.count == captions.count else {
      throw RewardCompilerError("the annotator labelled \(labels.count) events, \(captions.count) were asked")
    }
    return try labels.enumerated().map { i, v in
      guard case .bool(let b) = v else { throw RewardCompilerError("label \(i + 1) of the annotator's answer is \(v.kindName), expected true or false") }
      return b
    }
  }
}

/// Annotates captions in the background while the caller goes on (ONI's asynchronous
/// annotation), each distinct caption once; `synchronous` annotates on submission instead, for
/// tests and reproducible runs.
public final class AnnotationQueue: @unchecked Sendable {
  /// The annotator.
  public let annotator: any CaptionAnnotator
  /// The task the captions are judged for.
  public let task: String
  /// Whether `submit` annotates before returning.
  public let synchronous: Bool
  private let lock = NSLock()
  private var labels: [String: Bool] = [:]
  private var pending: [String] = []
  private var queued: Set<String> = []
  private var failures: [String] = []
  private let worker = DispatchQueue(label: "GymRewardText.AnnotationQueue")
  private let group = DispatchGroup()

  /// A queue over `annotator` for `task`.
  public init(annotator: any CaptionAnnotator, task: String, synchronous: Bool = false) {
    self.annotator = annotator
    self.task = task
    self.synchronous = synchronous
  }

  /// The label of `caption`, if it has been annotated.
  public func label(_ caption: String) -> Bool? {
    lock.lock()
    defer { lock.unlock() }
    return labels[caption]
  }

  /// Every annotated caption and its label.
  public var annotated: [String: Bool] {
    lock.lock()
    defer { lock.unlock() }
    return labels
  }

  /// Error messages of failed annotation batches.
  public var errors: [String] {
    lock.lock()
    defer { lock.unlock() }
    return failures
  }

  /// Submits captions; new ones are annotated in a batch (now, or in the background).
  public func submit(_ captions: [String]) {
    lock.lock()
    let fresh = captions.filter { labels[$0] == nil && queued.insert($0).inserted }
    pending += fresh
    let batch = pending
    if !batch.isEmpty { pending = [] }
    lock.unlock()
    guard !batch.isEmpty else { return }
    if synchronous {
      run(batch)
    } else {
      worker.async(group: group) { self.run(batch) }
    }
  }

  /// Waits until every submitted caption has been annotated.
  public func drain() { group.wait() }

  private func run(_ batch: [String]) {
    do {
      let result = try annotator.annotate(batch, task: task)
      lock.lock()
      for (c, l) in zip(batch, result) { labels[c] = l }
      lock.unlock()
    } catch {
      lock.lock()
      failures.append("\(error)")
      for c in batch { queued.remove(c) }
      lock.unlock()
    }
  }
}

/// A logistic-regression classifier over caption embeddings, distilled from annotations: it
/// labels captions the annotator never saw (ONI's reward model).
public struct CaptionClassifier: Sendable {
  /// The embedder's dimension plus a bias.
  public private(set) var weights: [Double]

  /// An untrained classifier for embeddings of `dimension` (probability 0.5 everywhere).
  public init(dimension: Int) { weights = Array(repeating: 0, count: dimension + 1) }

  /// The probability that a caption with embedding `e` is helpful.
  public func probability(_ e: [Float]) -> Double {
    precondition(e.count + 1 == weights.count, "embedding of \(e.count), the classifier reads \(weights.count - 1)")
    var z = weights[e.count]
    for i in e.indices { z += weights[i] * Double(e[i]) }
    return 1 / (1 + Double.exp(-z))
  }

  /// Fits to labelled captions by full-batch gradient descent on the cross-entropy with an L2
  /// penalty, classes weighted equally. Deterministic.
  /// - Returns: the training accuracy.
  @discardableResult
  public mutating func fit(_ examples: [(embedding: [Float], helpful: Bool)], iterations: Int = 500, learningRate: Double = 1, l2: Double = 1e-3) -> Double {
    precondition(!examples.isEmpty, "fitting needs at least one example")
    let positives = examples.filter(\.helpful).count, negatives = examples.count - positives
    let wPos = positives > 0 ? 0.5 / Double(positives) : 0, wNeg = negatives > 0 ? 0.5 / Double(negatives) : 0
    let d = weights.count - 1
    var gradient = [Double](repeating: 0, count: d + 1)
    for _ in 0..<iterations {
      for i in 0..<d { gradient[i] = l2 * weights[i] }
      gradient[d] = 0
      for x in examples {
        let g = (probability(x.embedding) - (x.helpful ? 1 : 0)) * (x.helpful ? wPos : wNeg)
        for i in 0..<d { gradient[i] += g * Double(x.embedding[i]) }
        gradient[d] += g
      }
      for i in 0...d { weights[i] -= learningRate * gradient[i] }
    }
    let correct = examples.filter { (probability($0.embedding) > 0.5) == $0.helpful }.count
    return Double(correct) / Double(examples.count)
  }
}
