import GymCore
import GymRewardText
import Testing

/// Evaluates `source` on CartPole for one transition (state before, push, state after).
func evaluateCartPole(_ source: String, before: [Float], push: Int, after: [Float], terminated: Bool = false) throws -> Double {
  let reward = try CompiledReward(source: source, view: RewardViews.cartPole)
  let e = RewardEvaluator(reward)
  let action: [Float] = push == 1 ? [0, 1] : [1, 0]
  return before.withUnsafeBufferPointer { b in
    action.withUnsafeBufferPointer { a in
      after.withUnsafeBufferPointer { n in e.evaluate(previous: b, action: a, next: n, terminated: terminated) }
    }
  }
}

@Suite struct RewardLanguageTests {
  static let programs = [
    "term upright = 1 - clamp(abs(pole_angle) / angle_limit, 0, 1)",
    "let c = [cart_position, pole_angle]\nterm d weight -0.5 = dist(c, [0, 0]) + norm(c) * 2 ^ -1",
    "term a = if cart_position > 0 and not (pole_angle < 0 or terminated) then 1 else -2.5e-3",
    "term b = -x_pos_dummy_free_name_avoided_by_using(1)".replacingOccurrences(of: "x_pos_dummy_free_name_avoided_by_using(1)", with: "(cart_velocity - prev.cart_velocity)"),
    "term c = (-2) ^ 2 - -3 + 2 ^ 3 ^ 2 - (1 - 2) - 1 / (2 * 3)",
    "let v = [1, 2, 3]\nterm d = v.x + v[2] - dot(v, v) / 3 + until(step > 3, push) + once(terminated)",
  ]

  @Test(arguments: programs) func printedProgramsParseBackEqual(_ source: String) throws {
    let p = try RewardProgram(parsing: source)
    let again = try RewardProgram(parsing: p.description)
    #expect(again == p, "\(p.description)")
    _ = try CompiledReward(program: p, view: RewardViews.cartPole)
  }

  @Test func evaluationMatchesHandComputedValues() throws {
    let before: [Float] = [0.1, 0.2, -0.05, 0.3], after: [Float] = [0.5, -1, 0.1, 0.25]
    func eval(_ s: String, push: Int = 1) throws -> Double { try evaluateCartPole(s, before: before, push: push, after: after) }
    #expect(try eval("term t = cart_position") == Double(Float(0.5)))
    #expect(try eval("term t = prev.cart_position") == Double(Float(0.1)))
    #expect(try eval("term t = push") == 1)
    #expect(try eval("term t = push", push: 0) == -1)
    #expect(try eval("term t weight 3 = 2 ^ 3 - 1") == 21)
    #expect(try eval("term t = 2 ^ 3 ^ 2") == 512)
    #expect(try eval("term t = -2 ^ 2") == -4)
    #expect(try eval("term t = 7 - 2 - 1") == 4)
    #expect(try eval("term t = 8 / 2 / 2") == 2)
    #expect(try eval("term t = 1 + 2 * 3") == 7)
    #expect(try eval("term t = norm([3, 4])") == 5)
    #expect(try eval("term t = dist([1, 1], [4, 5])") == 5)
    #expect(try eval("term t = dot([1, 2], [3, 4]) + ([1, 2] * 2).y + ([4, 6] / 2)[0] + ([1, 2] - [3, 5]).y") == 11 + 4 + 2 - 3)
    #expect(try eval("term t = clamp(5, 0, 1) + clamp(-5, 0, 1) + min(3, 1, 2) + max(3, 7, 2)") == 1 + 0 + 1 + 7)
    #expect(try eval("term t = if between(cart_position, 0, 1) then 10 else 20") == 10)
    #expect(try eval("term t = indicator(cart_position > prev.cart_position and not terminated)") == 1)
    #expect(try eval("term t = indicator(true == false) + indicator(1 != 2) + sign(-3) + abs(-2) + square(3)") == 0 + 1 - 1 + 2 + 9)
    #expect(abs(try eval("term t = exp(1) + log(1) + sqrt(16) + tanh(0) + sin(0) + cos(0) + atan2(1, 1)") - (2.718281828459045 + 4 + 1 + .pi / 4)) < 1e-12)
    #expect(try eval("let a = 2\nlet b = a * a\nterm t = b + a\nterm u weight 0.5 = t") == 6 + 3)
    #expect(try eval("term t = step") == 1)
    // Comments and semicolons.
    #expect(try eval("# a comment\nterm t = 1; term u = 2 # trailing") == 3)
  }

  @Test func onceUntilAndEverFollowTheEpisode() throws {
    let reward = try CompiledReward(source: """
      term first = once(cart_position > 1)
      term before weight 10 = until(cart_position > 1, 1)
      term after weight 100 = indicator(ever(cart_position > 1))
      """, view: RewardViews.cartPole)
    let e = RewardEvaluator(reward)
    let positions: [Float] = [0, 2, 0, 2, 0]
    let action: [Float] = [1, 0]
    func run() -> [Double] {
      [Float(0), 0, 0, 0].withUnsafeBufferPointer { e.reset(observation: $0) }
      return positions.map { x in
        [x, 0, 0, 0].withUnsafeBufferPointer { o in
          action.withUnsafeBufferPointer { a in e.step(action: a, observation: o, terminated: false, truncated: false) }
        }
      }
    }
    #expect(run() == [10, 101, 100, 100, 100])
    #expect(e.termValues == [0, 0, 1])
    #expect(run() == [10, 101, 100, 100, 100], "reset clears the episode memory")
  }

  @Test func nonFiniteTermsCountAsZero() throws {
    let v = try evaluateCartPole("term bad = 1 / (cart_position - cart_position)\nterm good = 2", before: [0, 0, 0, 0], push: 1, after: [1, 0, 0, 0])
    #expect(v == 2)
  }

  @Test func viewsDescribeThemselves() throws {
    let text = RewardViews.lunarLander(continuous: false).describe()
    #expect(text.contains("position: vector of 2 (state)"))
    #expect(text.contains("flag_left: number = -0.2"))
    #expect(text.contains("terminated: condition (event)"))
    for id in RewardViews.supportedIDs { _ = try RewardViews.view(for: id) }
    #expect(throws: RewardViewError.self) { try RewardViews.view(for: "Nope-v0") }
  }
}

/// Every error class, with the position it names.
@Suite struct RewardProgramErrorTests {
  struct Case: Sendable, CustomStringConvertible {
    var source: String
    var kind: RewardProgramError.Kind
    var line: Int?
    var column: Int?
    var fragment: String
    var description: String { "\(kind): \(source)" }
  }

  static let cases: [Case] = [
    Case(source: "term a = 1 & 2", kind: .unexpectedCharacter, line: 1, column: 12, fragment: "write 'and'"),
    Case(source: "term a = 1.2.3", kind: .malformedNumber, line: 1, column: 10, fragment: "malformed number"),
    Case(source: "term a = 1e", kind: .malformedNumber, line: 1, column: 10, fragment: "exponent"),
    Case(source: "term a = 2x", kind: .malformedNumber, line: 1, column: 10, fragment: "run into a name"),
    Case(source: "term a = (1 + 2", kind: .unexpectedEnd, line: 1, column: 16, fragment: "')' to close"),
    Case(source: "term a = 1 +", kind: .unexpectedEnd, line: 1, column: 13, fragment: "expected a number"),
    Case(source: "term a = 1\nlet = 3", kind: .unexpectedToken, line: 2, column: 5, fragment: "a name after 'let'"),
    Case(source: "reward = 1", kind: .unexpectedToken, line: 1, column: 1, fragment: "'let' or 'term'"),
    Case(source: "term a = 1 < 2 < 3", kind: .unexpectedToken, line: 1, column: 16, fragment: "do not chain"),
    Case(source: "term a = cart_position = 1", kind: .unexpectedToken, line: 1, column: 24, fragment: "write '=='"),
    Case(source: "term a = pole_angel", kind: .unknownName, line: 1, column: 10, fragment: "did you mean 'pole_angle'?"),
    Case(source: "term a = prev.pole_angel", kind: .unknownName, line: 1, column: 10, fragment: "did you mean 'pole_angle'?"),
    Case(source: "term a = abs", kind: .unknownName, line: 1, column: 10, fragment: "is a function"),
    Case(source: "term a = hypot(1, 2)", kind: .unknownFunction, line: 1, column: 10, fragment: "functions are"),
    Case(source: "term a = cart_position(1)", kind: .unknownFunction, line: 1, column: 10, fragment: "not a function"),
    Case(source: "term a = clamp(1, 2)", kind: .wrongArgumentCount, line: 1, column: 10, fragment: "clamp takes 3 arguments"),
    Case(source: "term a = min(1)", kind: .wrongArgumentCount, line: 1, column: 10, fragment: "2 or more"),
    Case(source: "term a = 1 + terminated", kind: .typeMismatch, line: 1, column: 14, fragment: "indicator(c)"),
    Case(source: "term a = terminated", kind: .typeMismatch, line: 1, column: 10, fragment: "must be a number"),
    Case(source: "term a = [1, 2]", kind: .typeMismatch, line: 1, column: 10, fragment: "norm(v)"),
    Case(source: "term a = if 1 then 2 else 3", kind: .typeMismatch, line: 1, column: 13, fragment: "compare it"),
    Case(source: "term a = if terminated then 2 else [1, 2]", kind: .typeMismatch, line: 1, column: 36, fragment: "same type"),
    Case(source: "term a = norm([1, 2] + [1, 2, 3])", kind: .typeMismatch, line: 1, column: 15, fragment: "same length"),
    Case(source: "term a = not cart_position", kind: .typeMismatch, line: 1, column: 14, fragment: "'not' needs a condition"),
    Case(source: "let cart_position = 1\nterm a = 1", kind: .duplicateName, line: 1, column: 1, fragment: "already a quantity"),
    Case(source: "term a = 1\nterm a = 2", kind: .duplicateName, line: 2, column: 1, fragment: "declared twice"),
    Case(source: "term a = prev.push", kind: .prevOfNonState, line: 1, column: 10, fragment: "an action"),
    Case(source: "term a = prev.terminated", kind: .prevOfNonState, line: 1, column: 10, fragment: "an event"),
    Case(source: "term a = [1, 2][2]", kind: .badIndex, line: 1, column: 16, fragment: "out of range"),
    Case(source: "term a = cart_position.x", kind: .badIndex, line: 1, column: 23, fragment: "only vectors"),
    Case(source: "term a = [1, 2].w", kind: .badIndex, line: 1, column: 16, fragment: "unknown component"),
    Case(source: "term a = [1, 2][0.5]", kind: .badIndex, line: 1, column: 17, fragment: "whole number"),
    Case(source: "let a = 1", kind: .noTerms, line: nil, column: nil, fragment: "no 'term'"),
    Case(source: "term a = " + String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200), kind: .tooComplex, line: 1, column: 74, fragment: "nest deeper"),
  ]

  @Test(arguments: cases) func malformedProgramsNameThePositionAndProblem(_ c: Case) {
    do {
      _ = try CompiledReward(source: c.source, view: RewardViews.cartPole)
      Issue.record("accepted a malformed program: \(c.source)")
    } catch {
      #expect(error.kind == c.kind, "\(error)")
      #expect(error.position?.line == c.line, "\(error)")
      #expect(error.position?.column == c.column, "\(error)")
      #expect(error.message.contains(c.fragment), "\(error)")
    }
  }

  @Test func everyErrorClassIsCovered() {
    let covered = Set(Self.cases.map(\.kind)).union([.malformedAnswer])  // answers: see CompilerBackendTests
    #expect(covered == Set(RewardProgramError.Kind.allCases))
  }

  @Test func tooLongProgramsAreRejected() {
    #expect(throws: RewardProgramError.self) { try RewardProgram(parsing: String(repeating: "term a = 1\n", count: 10_000)) }
  }
}

/// Random strings into the parser and checker: errors, never a crash.
@Suite struct RewardParserFuzzTests {
  static let pieces = ["term", "let", "weight", "if", "then", "else", "and", "or", "not", "prev", ".", "x", "(", ")", "[", "]",
                       ",", "+", "-", "*", "/", "^", "=", "==", "<", ">=", "!=", "1", "0.5", "2e3", "1e", "cart_position",
                       "pole_angle", "push", "terminated", "once", "until", "clamp", "norm", "dist", "abs", "#", "\n", " ", ";",
                       "é", "\u{0}", "∑", "true", "a", "1.2.3", "[0]", "step", "ever"]

  @Test(arguments: [UInt64(1), 2, 3, 4]) func randomTokenSoupNeverCrashes(_ seed: UInt64) {
    var rng = GymRandom(seed: seed)
    var accepted = 0
    for _ in 0..<2_000 {
      var s = ""
      for _ in 0..<rng.int(below: 40) { s += Self.pieces[rng.int(below: Self.pieces.count)] + (rng.int(below: 2) == 0 ? " " : "") }
      if let r = try? CompiledReward(source: s, view: RewardViews.cartPole) {
        accepted += 1
        _ = RewardEvaluator(r)
      }
    }
    #expect(accepted < 2_000)
  }

  @Test func randomBytesAndMutationsNeverCrash() {
    var rng = GymRandom(seed: 9)
    let valid = "let u = 1 - abs(pole_angle) / angle_limit\nterm a weight 2 = if u > 0.5 then u else -u\nterm b = once(terminated) + dist([cart_position, 0], [0, 0])"
    for _ in 0..<3_000 {
      var chars = Array(valid)
      for _ in 0..<(1 + rng.int(below: 4)) {
        let i = rng.int(below: chars.count)
        switch rng.int(below: 3) {
        case 0: chars.remove(at: i)
        case 1: chars.insert(Character(Unicode.Scalar(UInt8(32 + rng.int(below: 95)))), at: i)
        default: chars.swapAt(i, rng.int(below: chars.count))
        }
      }
      _ = try? CompiledReward(source: String(chars), view: RewardViews.cartPole)
      let bytes = (0..<rng.int(below: 60)).map { _ in UInt8(rng.int(below: 256)) }
      _ = try? CompiledReward(source: String(decoding: bytes, as: UTF8.self), view: RewardViews.lunarLander(continuous: true))
    }
    let deep = String(repeating: "-", count: 100_000 - 20) + "1"
    #expect(throws: RewardProgramError.self) { try RewardProgram(parsing: "term a = " + deep) }
    #expect(throws: RewardProgramError.self) { try RewardProgram(parsing: "term a = " + String(repeating: "not ", count: 5000) + "true") }
  }
}
