import GymCore

/// A text → reward backend that asks an OpenAI-compatible chat-completions server (a local
/// llama.cpp `llama-server`, or any compatible endpoint) for a reward program.
///
/// The prompt shows the environment's view and the reward language; the request asks for a
/// JSON object `{"program": "…"}` through `response_format` with a JSON schema. Each answer is
/// parsed and type-checked; a rejected answer is sent back with the error message for another
/// try (up to `maxAttempts`), as Text2Reward's loop does. `refine` revises a program from user
/// feedback the same way. Requests are deterministic (temperature 0, a fixed seed, sorted JSON
/// keys), so a `RecordingTransport` / `ReplayTransport` pair replays real answers bit for bit.
public struct OpenAICompatibleCompiler<Transport: HTTPTransport>: RewardTextCompiler {
  /// The API base, e.g. `http://127.0.0.1:8080/v1`.
  public var baseURL: String
  /// The model name sent with each request.
  public var model: String
  /// Sent as a bearer token when set.
  public var apiKey: String?
  /// Answers tried before giving up.
  public var maxAttempts: Int
  /// Sampling seed sent with each request.
  public var seed: Int
  /// The transport.
  public var transport: Transport

  /// A backend.
  /// - Parameters:
  ///   - baseURL: the API base (the `/chat/completions` path is appended).
  ///   - model: the model name.
  ///   - apiKey: a bearer token, if the server needs one.
  ///   - maxAttempts: answers tried before giving up (≥ 1).
  ///   - seed: the sampling seed sent with each request.
  ///   - transport: how requests travel.
  public init(baseURL: String = "http://127.0.0.1:8080/v1", model: String = "local", apiKey: String? = nil, maxAttempts: Int = 3, seed: Int = 0, transport: Transport) {
    precondition(maxAttempts >= 1, "maxAttempts must be at least 1")
    self.baseURL = baseURL
    self.model = model
    self.apiKey = apiKey
    self.maxAttempts = maxAttempts
    self.seed = seed
    self.transport = transport
  }

  public var identifier: String { "openai:\(model)" }

  /// The system prompt: the reward language in brief.
  public static var languageGuide: String {
    let functions = RewardCodeGenerator.functions.keys.sorted().map { "  \($0): \(RewardCodeGenerator.functions[$0]!.summary)" }
    return """
      You write reward functions for reinforcement learning in a small reward language. \
      A program is a list of statements, one per line:
        let NAME = EXPR          (a named value)
        term NAME = EXPR         (a summand of the reward)
        term NAME weight W = EXPR  (a summand W·EXPR)
      The reward of a step is the weighted sum of the terms. Expressions use numbers, the \
      quantities of the environment (after the step; prev.NAME is a state quantity before the \
      step), + - * / ^, comparisons < <= > >= == !=, and/or/not, if C then A else B, vectors \
      [a, b] with v.x v.y v[i], and these functions:
      \(functions.joined(separator: "\n"))
      Conditions are not numbers: use indicator(c). Answer with JSON {"program": "..."} only.
      """
  }

  /// The JSON schema the answer must follow.
  public static var answerSchema: JSONValue {
    [
      "type": "object",
      "properties": ["program": ["type": "string"], "explanation": ["type": "string"]],
      "required": ["program"],
      "additionalProperties": false,
    ]
  }

  func requestBody(_ messages: [(role: String, content: String)]) -> String {
    let body: JSONValue = [
      "model": .string(model),
      "temperature": 0,
      "seed": .int(seed),
      "messages": .array(messages.map { ["role": .string($0.role), "content": .string($0.content)] }),
      "response_format": [
        "type": "json_schema",
        "json_schema": ["name": "reward_program", "strict": true, "schema": Self.answerSchema],
      ],
    ]
    return JSON.string(body)
  }

  /// Extracts the program text from a chat-completions response.
  /// - Throws: `RewardProgramError` (`malformedAnswer`) naming the position in the response or
  ///   in the message content, and what was expected.
  public static func programText(fromResponse response: String) throws(RewardProgramError) -> String {
    let envelope: JSONValue
    do { envelope = try JSON.parse(response) } catch {
      throw RewardProgramError(.malformedAnswer, "the server's response is not JSON: \(error.message)", at: SourcePosition(line: error.line, column: error.column, offset: 0))
    }
    if let err = envelope["error"] {
      throw RewardProgramError(.malformedAnswer, "the server answered with an error: \(err["message"]?.stringValue ?? JSON.string(err))", at: nil)
    }
    guard let choices = envelope["choices"]?.arrayValue, let first = choices.first,
          let content = first["message"]?["content"]?.stringValue else {
      throw RewardProgramError(.malformedAnswer, "the response has no choices[0].message.content string (an OpenAI chat-completions response was expected)", at: nil)
    }
    let answer: JSONValue
    do { answer = try JSON.parse(content) } catch {
      throw RewardProgramError(.malformedAnswer, "the answer is not JSON: \(error.message); expected {\"program\": \"...\"}", at: SourcePosition(line: error.line, column: error.column, offset: 0))
    }
    guard case .object(let o) = answer else {
      throw RewardProgramError(.malformedAnswer, "the answer is \(answer.kindName), expected a JSON object {\"program\": \"...\"}", at: SourcePosition(line: 1, column: 1, offset: 0))
    }
    guard let program = o["program"] else {
      throw RewardProgramError(.malformedAnswer, "the answer has no field 'program' (fields: \(o.keys.sorted().joined(separator: ", "))); expected {\"program\": \"...\"}", at: SourcePosition(line: 1, column: 1, offset: 0))
    }
    guard case .string(let text) = program else {
      throw RewardProgramError(.malformedAnswer, "the answer's 'program' is \(program.kindName), expected a string of reward-language text", at: SourcePosition(line: 1, column: 1, offset: 0))
    }
    return text
  }

  public func compile(_ text: String, view: RewardView) throws -> RewardCompilation {
    let user = "\(view.describe())\n\nTask: \(text)\nWrite the reward program."
    return try converse([("system", Self.languageGuide), ("user", user)], view: view)
  }

  /// Revises `program` from feedback on the behaviour it produced (Text2Reward's refinement).
  public func refine(_ program: RewardProgram, task: String, feedback: String, view: RewardView) throws -> RewardCompilation {
    let user = "\(view.describe())\n\nTask: \(task)\nCurrent program:\n\(program)\n\nFeedback on the trained behaviour: \(feedback)\nWrite an improved reward program."
    return try converse([("system", Self.languageGuide), ("user", user)], view: view)
  }

  func converse(_ start: [(role: String, content: String)], view: RewardView) throws -> RewardCompilation {
    var messages = start
    var errors: [RewardProgramError] = []
    var headers: [String: String] = [:]
    if let apiKey { headers["Authorization"] = "Bearer \(apiKey)" }
    let url = baseURL.hasSuffix("/") ? baseURL + "chat/completions" : baseURL + "/chat/completions"
    for attempt in 1...maxAttempts {
      let response = try transport.post(url: url, headers: headers, body: requestBody(messages))
      do {
        let programText = try Self.programText(fromResponse: response)
        let reward = try CompiledReward(source: programText, view: view)
        return RewardCompilation(reward: reward, backend: identifier, notes: errors.map { "rejected: \($0)" }, attempts: attempt)
      } catch {
        errors.append(error)
        let said = (try? JSON.parse(response))?["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue ?? response
        messages.append(("assistant", said))
        messages.append(("user", "That answer was rejected: \(error). Answer again with JSON {\"program\": \"...\"} holding a corrected program."))
      }
    }
    throw RewardCompilerError("\(identifier) gave no valid program in \(maxAttempts) attempt\(maxAttempts == 1 ? "" : "s")", attemptErrors: errors)
  }
}
