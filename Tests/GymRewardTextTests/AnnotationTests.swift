import GymCore
import GymRewardText
import Testing

/// Labels a caption helpful when it mentions a key; counts its calls.
final class KeyAnnotator: CaptionAnnotator, @unchecked Sendable {
  var calls = 0
  var annotatedCaptions: [String] = []
  var identifier: String { "keys" }
  func annotate(_ captions: [String], task: String) throws -> [Bool] {
    calls += 1
    annotatedCaptions += captions
    return captions.map { $0.contains("key") }
  }
}

@Suite struct AnnotationTests {
  static let colours = ["red", "green", "blue", "purple", "yellow", "grey"]
  static let objects = ["key", "ball", "box", "door"]
  static let verbs = ["picked up", "see", "dropped", "walked past"]

  static func captions(colours: ArraySlice<String>) -> [String] {
    colours.flatMap { c in objects.flatMap { o in verbs.map { "you \($0) the \(c) \(o)" } } }
  }

  @Test func similarityAnnotatorLabelsByEmbedding() throws {
    let labels = try SimilarityAnnotator().annotate(
      ["the lander stood on both legs between the flags", "the main engine fired", "the left leg lifted off"], task: "stand on both legs between the flags")
    #expect(labels == [true, false, false])
  }

  @Test func httpAnnotatorParsesAndChecksAnswers() throws {
    let ok = ScriptedTransport([chatResponse("{\"helpful\": [true, false]}")])
    #expect(try OpenAICompatibleAnnotator(transport: ok).annotate(["a key", "a wall"], task: "get the key") == [true, false])
    let body = try JSON.parse(ok.requests[0].body)
    #expect(body["response_format"]?["json_schema"]?["name"]?.stringValue == "annotation")
    for (answer, fragment) in [
      ("{\"helpful\": [true]}", "labelled 1 events, 2 were asked"),
      ("{\"helpful\": [true, 1]}", "label 2 of the annotator's answer is an integer"),
      ("{\"useful\": []}", "no array 'helpful'"),
      ("yes", "answer is not JSON"),
    ] {
      do {
        _ = try OpenAICompatibleAnnotator(transport: ScriptedTransport([chatResponse(answer)])).annotate(["a key", "a wall"], task: "t")
        Issue.record("accepted \(answer)")
      } catch let e as RewardCompilerError {
        #expect(e.message.contains(fragment), "\(e)")
      }
    }
  }

  @Test func queueAnnotatesEachCaptionOnceInBothModes() {
    let captions = Self.captions(colours: Self.colours[0..<2])
    let sync = KeyAnnotator(), background = KeyAnnotator()
    let q1 = AnnotationQueue(annotator: sync, task: "pick up a key", synchronous: true)
    let q2 = AnnotationQueue(annotator: background, task: "pick up a key")
    for chunk in [captions[0..<10], captions[5..<20], captions[0..<captions.count]] {
      q1.submit(Array(chunk))
      q2.submit(Array(chunk))
    }
    q2.drain()
    #expect(q1.annotated == q2.annotated)
    #expect(q1.annotated.count == captions.count)
    #expect(sync.annotatedCaptions.count == captions.count && background.annotatedCaptions.count == captions.count)
    #expect(q1.label("you picked up the red key") == true && q1.label("you see the red ball") == false)
    #expect(q1.errors.isEmpty)
  }

  @Test func classifierDistilledFromAnnotationsLabelsUnseenCaptions() throws {
    let cache = EmbeddingCache(HashingEmbedder())
    let queue = AnnotationQueue(annotator: KeyAnnotator(), task: "pick up a key", synchronous: true)
    let seen = Self.captions(colours: Self.colours[0..<4])
    queue.submit(seen)
    var classifier = CaptionClassifier(dimension: cache.embedder.dimension)
    let accuracy = classifier.fit(queue.annotated.sorted { $0.key < $1.key }.map { (cache.embedding($0.key), $0.value) })
    #expect(accuracy == 1)
    let unseen = Self.captions(colours: Self.colours[4...])
    let correct = unseen.filter { (classifier.probability(cache.embedding($0)) > 0.5) == $0.contains("key") }.count
    #expect(Double(correct) / Double(unseen.count) >= 0.95, "\(correct) of \(unseen.count)")
  }
}
