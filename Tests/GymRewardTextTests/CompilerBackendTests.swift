import GymCore
import GymRewardText
import SwiftGym
import Testing

/// A chat-completions envelope around `content`, as an OpenAI-compatible server sends it.
func chatResponse(_ content: String) -> String {
  JSON.string(["id": "test", "object": "chat.completion", "choices": [["index": 0, "message": ["role": "assistant", "content": .string(content)], "finish_reason": "stop"]]])
}

/// An answer `{"program": source}` inside an envelope.
func programResponse(_ source: String) -> String { chatResponse(JSON.string(["program": .string(source)])) }

/// Answers requests from a fixed script, in order, and keeps the requests.
final class ScriptedTransport: HTTPTransport {
  var answers: [String]
  var requests: [(url: String, headers: [String: String], body: String)] = []
  init(_ answers: [String]) { self.answers = answers }
  func post(url: String, headers: [String: String], body: String) throws -> String {
    requests.append((url, headers, body))
    guard !answers.isEmpty else { throw RewardCompilerError("the script has no more answers") }
    return answers.removeFirst()
  }
}

@Suite struct PhrasebookTests {
  @Test func cartPoleSentenceComposesUprightAndCentre() throws {
    let c = try Phrasebook().compile("Keep the pole upright, near the center!", view: RewardViews.cartPole)
    #expect(c.reward.terms.map(\.name) == ["upright", "centre"])
    #expect(c.reward.terms.map(\.weight) == [1, 0.5])
    #expect(c.backend == "phrasebook" && c.attempts == 1)
    // Upright at the centre earns 1.5; at the angle limit and the track end, 0.
    let best = try evaluateCartPole(c.reward.source, before: [0, 0, 0, 0], push: 1, after: [0, 0, 0, 0])
    #expect(best == 1.5)
    let worst = try evaluateCartPole(c.reward.source, before: [0, 0, 0, 0], push: 1, after: [2.4, 0, Float(12 * 2 * Double.pi / 360), 0])
    #expect(abs(worst) < 1e-6)
  }

  @Test(arguments: [
    ("LunarLander-v3", "land softly between the flags using little fuel", ["approach", "level", "legs", "crash", "landed", "soft", "on_pad", "main_fuel", "side_fuel"]),
    ("BipedalWalker-v3", "walk forward fast without falling", ["forward", "speed", "fall"]),
    ("MountainCar-v0", "reach the flag quickly", ["goal", "momentum", "time"]),
    ("Pendulum-v1", "swing the pendulum up and keep it upright with little effort", ["upright", "effort"]),
  ])
  func controlSentencesCompile(_ id: String, _ text: String, _ terms: [String]) throws {
    let c = try Phrasebook().compile(text, view: try RewardViews.view(for: id))
    #expect(c.reward.terms.map(\.name) == terms)
  }

  @Test func unknownTextNamesTheKnownPhrases() {
    do {
      _ = try Phrasebook().compile("make it dance", view: RewardViews.cartPole)
      Issue.record("compiled a sentence without a known phrase")
    } catch let e as RewardCompilerError {
      #expect(e.message.contains("no phrase for CartPole"))
      #expect(e.message.contains("upright"))
    } catch { Issue.record("unexpected \(error)") }
  }

  @Test func everyTableEntryCompilesForItsViews() throws {
    for e in Phrasebook.entries {
      for id in RewardViews.supportedIDs {
        let view = try RewardViews.view(for: id)
        guard e.views.contains(view.name) else { continue }
        _ = try CompiledReward(source: e.statements.joined(separator: "\n"), view: view)
        #expect(Phrasebook().matches(e.example, view: view).contains { $0.name == e.name }, "\(e.name)'s example does not trigger it")
      }
    }
  }
}

@Suite struct OpenAICompatibleCompilerTests {
  @Test func validAnswerCompilesInOneAttemptWithASchemaRequest() throws {
    let t = ScriptedTransport([programResponse("term upright = 1 - abs(pole_angle) / angle_limit")])
    let compiler = OpenAICompatibleCompiler(baseURL: "http://127.0.0.1:8080/v1/", model: "tiny", apiKey: "k", transport: t)
    let c = try compiler.compile("keep the pole upright", view: RewardViews.cartPole)
    #expect(c.attempts == 1 && c.backend == "openai:tiny")
    #expect(c.reward.terms.map(\.name) == ["upright"])
    let request = try JSON.parse(t.requests[0].body)
    #expect(t.requests[0].url == "http://127.0.0.1:8080/v1/chat/completions")
    #expect(t.requests[0].headers["Authorization"] == "Bearer k")
    #expect(request["response_format"]?["type"]?.stringValue == "json_schema")
    #expect(request["temperature"]?.doubleValue == 0)
    let user = request["messages"]?.arrayValue?[1]["content"]?.stringValue ?? ""
    #expect(user.contains("pole_angle") && user.contains("Task: keep the pole upright"))
  }

  @Test func rejectedAnswersAreSentBackWithTheirErrorUntilOneChecks() throws {
    let t = ScriptedTransport([
      chatResponse("term a = 1"),  // not the JSON asked for
      programResponse("term a = pole_angel"),  // misspelt quantity
      programResponse("term a = -abs(pole_angle)"),
    ])
    let c = try OpenAICompatibleCompiler(transport: t).compile("keep the pole upright", view: RewardViews.cartPole)
    #expect(c.attempts == 3)
    #expect(c.notes.count == 2)
    let second = try JSON.parse(t.requests[1].body)["messages"]!.arrayValue!
    #expect(second.count == 4)
    #expect(second[3]["content"]!.stringValue!.contains("not JSON"))
    let third = try JSON.parse(t.requests[2].body)["messages"]!.arrayValue!
    #expect(third[5]["content"]!.stringValue!.contains("line 1, column 10: unknown name 'pole_angel'") || third[5]["content"]!.stringValue!.contains("pole_angel"))
    #expect(third[5]["content"]!.stringValue!.contains("did you mean 'pole_angle'?"))
  }

  @Test func givingUpListsEveryAttemptsError() {
    let t = ScriptedTransport([programResponse("term a = "), programResponse("term a = push +")])
    do {
      _ = try OpenAICompatibleCompiler(maxAttempts: 2, transport: t).compile("x", view: RewardViews.cartPole)
      Issue.record("accepted invalid answers")
    } catch let e as RewardCompilerError {
      #expect(e.attemptErrors.count == 2)
      #expect(e.attemptErrors.allSatisfy { $0.kind == .unexpectedEnd && $0.position != nil })
      #expect(e.description.contains("attempt 2: line 1, column"))
    } catch { Issue.record("unexpected \(error)") }
  }

  struct Malformed: Sendable, CustomStringConvertible {
    var response: String
    var fragment: String
    var line: Int?
    var column: Int?
    var description: String { fragment }
  }

  static let malformed: [Malformed] = [
    Malformed(response: "<html>502 Bad Gateway</html>", fragment: "response is not JSON", line: 1, column: 1),
    Malformed(response: "{\"choices\": [", fragment: "response is not JSON", line: 1, column: 14),
    Malformed(response: "{\"error\": {\"message\": \"model not loaded\"}}", fragment: "model not loaded", line: nil, column: nil),
    Malformed(response: "{\"choices\": []}", fragment: "no choices[0].message.content", line: nil, column: nil),
    Malformed(response: chatResponse("Sure! Here is a reward: term a = 1"), fragment: "answer is not JSON", line: 1, column: 1),
    Malformed(response: chatResponse("{\"program\": \"term a = 1\""), fragment: "answer is not JSON", line: 1, column: 25),
    Malformed(response: chatResponse("[\"term a = 1\"]"), fragment: "is an array, expected a JSON object", line: 1, column: 1),
    Malformed(response: chatResponse("{\"reward\": \"term a = 1\"}"), fragment: "no field 'program' (fields: reward)", line: 1, column: 1),
    Malformed(response: chatResponse("{\"program\": 42}"), fragment: "'program' is an integer, expected a string", line: 1, column: 1),
  ]

  @Test(arguments: malformed) func malformedAnswersNameThePositionAndProblem(_ m: Malformed) {
    do {
      _ = try OpenAICompatibleCompiler<ScriptedTransport>.programText(fromResponse: m.response)
      Issue.record("accepted a malformed answer: \(m.response)")
    } catch {
      #expect(error.kind == .malformedAnswer)
      #expect(error.message.contains(m.fragment), "\(error)")
      #expect(error.position?.line == m.line, "\(error)")
      #expect(error.position?.column == m.column, "\(error)")
    }
  }
}

@Suite struct CassetteTests {
  @Test func recordedExchangesReplayBitForBitWithoutTheServer() throws {
    let answers = [programResponse("term a = pole_angel"), programResponse("term upright = 1 - clamp(abs(pole_angle) / angle_limit, 0, 1)")]
    let cassette = Cassette()
    let live = OpenAICompatibleCompiler(model: "m", transport: RecordingTransport(ScriptedTransport(answers), cassette: cassette))
    let recorded = try live.compile("keep the pole upright", view: RewardViews.cartPole)
    #expect(cassette.exchanges.count == 2)

    // Through the file format and back.
    let reread = try Cassette(jsonLines: cassette.jsonLines)
    #expect(reread.exchanges == cassette.exchanges)
    #expect(reread.exchanges.map(\.response) == answers)
    let replayed = try OpenAICompatibleCompiler(model: "m", transport: ReplayTransport(reread)).compile("keep the pole upright", view: RewardViews.cartPole)
    #expect(replayed.reward.source == recorded.reward.source)
    #expect(replayed.attempts == 2 && replayed.notes == recorded.notes)

    // Another request is not in the recording: a clear error, no network.
    do {
      _ = try OpenAICompatibleCompiler(model: "m", transport: ReplayTransport(reread)).compile("something else", view: RewardViews.cartPole)
      Issue.record("replayed a request that was never recorded")
    } catch let e as RewardCompilerError {
      #expect(e.message.contains("no recorded answer"))
    } catch { Issue.record("unexpected \(error)") }
  }

  @Test func malformedCassetteLinesAreNamed() {
    #expect(throws: RewardProgramError.self) { try Cassette(jsonLines: "{\"url\": \"u\", \"request\": \"r\", \"response\": \"a\"}\nnot json") }
    do {
      _ = try Cassette(jsonLines: "\n{\"url\": \"u\", \"request\": 1, \"response\": \"a\"}")
      Issue.record("accepted a record without a string request")
    } catch {
      #expect(error.position?.line == 2)
      #expect(error.message.contains("url, request and response"))
    }
  }
}

@Suite struct TextRewardWrapperTests {
  @Test func replacesTheRewardAndKeepsTheTrueOneInInfo() throws {
    let reward = try CompiledReward(source: "term upright = 1 - clamp(abs(pole_angle) / angle_limit, 0, 1)\nterm bonus weight 2 = once(step >= 3)", view: RewardViews.cartPole)
    let env = try AnyEnvironment(try make("CartPole-v1").rewarded(by: reward, recordTerms: true))
    var obs = try env.reset(seed: 3).observation
    var trueReturn = 0.0, textReturn = 0.0, steps = 0
    while true {
      let r = env.step([1, 0])
      steps += 1
      let angle = Double(r.observation[2])
      let expected = 1 - min(max(abs(angle) / (12 * 2 * Double.pi / 360), 0), 1) + (steps == 3 ? 2 : 0)
      #expect(abs(r.reward - expected) < 1e-6, "step \(steps)")
      #expect(r.info["true_reward"]?.doubleValue == 1)
      #expect(r.info["reward_terms"]?["bonus"]?.doubleValue == (steps == 3 ? 1 : 0))
      trueReturn += r.info["true_reward"]!.doubleValue!
      textReturn += r.reward
      obs = r.observation
      if r.terminated || r.truncated {
        #expect(r.info["true_return"]?.doubleValue == Double(steps))
        break
      }
    }
    #expect(obs.count == 4 && trueReturn == Double(steps) && textReturn < trueReturn + 2)
    // The episode memory starts over on reset: the bonus is paid again.
    _ = try env.reset(seed: 4)
    var bonus = 0.0
    for _ in 0..<3 { bonus = env.step([1, 0]).info["reward_terms"]?["bonus"]?.doubleValue ?? -1 }
    #expect(bonus == 1)
  }

  @Test func mismatchedEnvironmentIsRejected() throws {
    let reward = try CompiledReward(source: "term a = cart_position", view: RewardViews.cartPole)
    #expect(throws: RewardViewError.self) { _ = try make("Pendulum-v1").rewarded(by: reward) }
  }
}
