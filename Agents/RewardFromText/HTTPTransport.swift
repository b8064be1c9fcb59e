import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GymCore

/// Sends a JSON request body to a URL and returns the response body: the seam between the
/// HTTP backend and the network, so recordings can replay answers without one.
public protocol HTTPTransport {
  /// POSTs `body` to `url` with `headers`.
  /// - Returns: the response body, exactly as received.
  /// - Throws: `RewardCompilerError` for a network failure or a non-2xx status.
  func post(url: String, headers: [String: String], body: String) throws -> String
}

/// The network transport: `URLSession` (FoundationNetworking on Linux), blocking the caller
/// until the answer arrives or `timeout` passes.
public struct URLSessionTransport: HTTPTransport, Sendable {
  /// Seconds before a request fails.
  public var timeout: Double

  /// A transport with this timeout.
  public init(timeout: Double = 120) { self.timeout = timeout }

  public func post(url: String, headers: [String: String], body: String) throws -> String {
    guard let u = URL(string: url), let scheme = u.scheme, scheme == "http" || scheme == "https" else {
      throw RewardCompilerError("invalid URL '\(url)'; give an http:// or https:// URL such as http://127.0.0.1:8080/v1")
    }
    var request = URLRequest(url: u, timeoutInterval: timeout)
    request.httpMethod = "POST"
    request.httpBody = Data(body.utf8)
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
    let box = ResultBox()
    let semaphore = DispatchSemaphore(value: 0)
    let task = URLSession.shared.dataTask(with: request) { data, response, error in
      if let error {
        box.set(.failure(RewardCompilerError("request to \(url) failed: \(error.localizedDescription)")))
      } else if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
        let text = data.flatMap { String(data: $0, encoding: .utf8) } ?? ""
        box.set(.failure(RewardCompilerError("\(url) answered HTTP \(http.statusCode): \(text.prefix(300))")))
      } else {
        box.set(.success(data.flatMap { String(data: $0, encoding: .utf8) } ?? ""))
      }
      semaphore.signal()
    }
    task.resume()
    semaphore.wait()
    return try box.get()
  }

  private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<String, RewardCompilerError> = .failure(RewardCompilerError("no answer"))
    func set(_ r: Result<String, RewardCompilerError>) { lock.lock(); result = r; lock.unlock() }
    func get() throws -> String { lock.lock(); defer { lock.unlock() }; return try result.get() }
  }
}

/// Recorded request/answer pairs: a JSON-lines file with one `{"key", "url", "request",
/// "response"}` object per exchange, the response kept as the exact string received.
///
/// Keys are the FNV-1a 64-bit hash (hex) of the URL and the request body, so a replay answers
/// exactly the requests that were recorded, in any order.
public final class Cassette: @unchecked Sendable {
  /// One exchange.
  public struct Exchange: Sendable, Hashable {
    /// FNV-1a hash of URL and body.
    public var key: String
    /// The URL.
    public var url: String
    /// The request body.
    public var request: String
    /// The response body, exactly as received.
    public var response: String
  }

  private let lock = NSLock()
  /// The exchanges in recording order.
  public private(set) var exchanges: [Exchange] = []

  /// An empty cassette.
  public init() {}

  /// A cassette read from JSON-lines text.
  /// - Throws: `RewardProgramError` (`malformedAnswer`) naming the line of a malformed record.
  public init(jsonLines text: String) throws(RewardProgramError) {
    for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
      let value: JSONValue
      do { value = try JSON.parse(String(line)) } catch {
        throw RewardProgramError(.malformedAnswer, "cassette record is not JSON: \(error.message) (column \(error.column))", at: SourcePosition(line: i + 1, column: error.column, offset: 0))
      }
      guard let url = value["url"]?.stringValue, let request = value["request"]?.stringValue, let response = value["response"]?.stringValue else {
        throw RewardProgramError(.malformedAnswer, "cassette record needs string fields url, request and response", at: SourcePosition(line: i + 1, column: 1, offset: 0))
      }
      exchanges.append(Exchange(key: Self.key(url: url, body: request), url: url, request: request, response: response))
    }
  }

  /// The cassette as JSON lines.
  public var jsonLines: String {
    exchanges.map { e in JSON.string(["key": .string(e.key), "url": .string(e.url), "request": .string(e.request), "response": .string(e.response)]) + "\n" }.joined()
  }

  /// The key of a request.
  public static func key(url: String, body: String) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in url.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    h = (h ^ 0) &* 0x100_0000_01b3
    for b in body.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// Appends an exchange.
  public func record(url: String, request: String, response: String) {
    lock.lock()
    exchanges.append(Exchange(key: Self.key(url: url, body: request), url: url, request: request, response: response))
    lock.unlock()
  }

  /// The recorded answer to a request, if any (the first recorded for its key).
  public func answer(url: String, request: String) -> String? {
    let k = Self.key(url: url, body: request)
    lock.lock()
    defer { lock.unlock() }
    return exchanges.first { $0.key == k && $0.request == request }?.response
  }
}

/// A transport that records every exchange of another transport into a cassette.
public struct RecordingTransport<Base: HTTPTransport>: HTTPTransport {
  /// The transport that really answers.
  public var base: Base
  /// Where exchanges are recorded.
  public let cassette: Cassette
  /// Records `base`'s exchanges into `cassette`.
  public init(_ base: Base, cassette: Cassette) {
    self.base = base
    self.cassette = cassette
  }
  public func post(url: String, headers: [String: String], body: String) throws -> String {
    let response = try base.post(url: url, headers: headers, body: body)
    cassette.record(url: url, request: body, response: response)
    return response
  }
}

/// A transport that answers only from a cassette: bit-for-bit replays of recorded answers, and
/// an error naming the request for anything not recorded.
public struct ReplayTransport: HTTPTransport {
  /// The recorded exchanges.
  public let cassette: Cassette
  /// Replays `cassette`.
  public init(_ cassette: Cassette) { self.cassette = cassette }
  public func post(url: String, headers: [String: String], body: String) throws -> String {
    guard let answer = cassette.answer(url: url, request: body) else {
      throw RewardCompilerError("no recorded answer for this request to \(url) (key \(Cassette.key(url: url, body: body))); record it against a server first")
    }
    return answer
  }
}
