import GymLanguage
import Testing

@Suite struct InstructionGrammarTests {
  /// Spoken values from 0 to the top of the task's range in whole units, plus the named values.
  static func sweep(_ task: LanguageTaskKind) -> [Double] {
    let q = task.quantity
    var values = stride(from: q.spokenRange.lowerBound, through: q.spokenRange.upperBound, by: 1).map { q.si($0) }
    values += InstructionGrammar.namedValues(for: task)
    return values
  }

  @Test(arguments: LanguageTaskKind.allCases)
  func everyTemplateParsesBackToItsGoalValueOverASweep(_ task: LanguageTaskKind) throws {
    var checked = 0
    for template in InstructionGrammar.templates(for: task) {
      var sayable = 0
      for noun in template.namesObject ? InstructionGrammar.nouns(for: task) : ["-"] {
        for value in Self.sweep(task) {
          for text in template.renderings(object: noun, value: value) {
            let parsed = try InstructionParser.parse(text)
            #expect(parsed.task == task, "\(text)")
            #expect(abs(parsed.value - value) < 1e-9, "\(text): parsed \(parsed.value), said \(value)")
            #expect(parsed.template == template, "\(text)")
            if template.namesObject { #expect(parsed.object == noun) }
            #expect(Tokenizer.tokenize(text).count <= InstructionGrammar.maxInstructionWords, "\(text)")
            checked += 1
            sayable += 1
          }
        }
      }
      #expect(sayable > 50, "template '\(template.pattern)' says too few values")
    }
    #expect(checked > 500)
  }

  @Test func severalWaysToSayValues() throws {
    let cases: [(String, LanguageTaskKind, Double)] = [
      ("open the drawer to 30%", .openDrawer, 0.30),
      ("Open the drawer about a third of the way.", .openDrawer, 1.0 / 3),
      ("open the drawer halfway", .openDrawer, 0.5),
      ("pull out the drawer three quarters of the way", .openDrawer, 0.75),
      ("close the drawer until it is a quarter open", .closeDrawer, 0.25),
      ("open the door to 45 degrees", .openDoor, Double.pi / 4),
      ("open the door halfway", .openDoor, Double.pi / 4),
      ("swing the door open all the way", .openDoor, Double.pi / 2),
      ("rotate the bottle by a quarter turn", .rotateObject, Double.pi / 2),
      ("turn the block 135 degrees counterclockwise", .rotateObject, 135 * Double.pi / 180),
      ("lift the block to 20 cm", .liftObject, 0.20),
      ("hold the can a quarter of a metre off the table", .liftObject, 0.25),
      ("pour half of the balls into the bowl", .pourBalls, 0.5),
      ("pour 40 percent of the balls into the bowl", .pourBalls, 0.4),
      ("transfer two thirds of the balls from the mug to the other cup", .transferBalls, 2.0 / 3),
      ("lift the block to 12.5 cm", .liftObject, 0.125),
    ]
    for (text, task, value) in cases {
      let p = try InstructionParser.parse(text)
      #expect(p.task == task, "\(text)")
      #expect(abs(p.value - value) < 1e-12, "\(text)")
    }
  }

  @Test func errorsNameThePositionAndTheAlternatives() {
    func error(_ text: String) -> InstructionError? {
      do { _ = try InstructionParser.parse(text); return nil } catch { return error }
    }
    let unknownObject = error("lift the banana to 20 cm")
    #expect(unknownObject?.wordIndex == 3)
    #expect(unknownObject?.column == 10)
    #expect(unknownObject?.message.contains("unknown word \"banana\"") == true)
    #expect(unknownObject?.message.contains("\"block\"") == true)

    let badUnit = error("lift the block to 20 furlongs")
    #expect(badUnit?.wordIndex == 6)
    #expect(badUnit?.message.contains("\"cm\"") == true)

    let tooEarly = error("open the drawer to")
    #expect(tooEarly?.wordIndex == 5)
    #expect(tooEarly?.message.contains("ends too early after word 4") == true)
    #expect(tooEarly?.expected.contains("a number") == true)

    let outOfRange = error("open the drawer to 130%")
    #expect(outOfRange?.wordIndex == 5)
    #expect(outOfRange?.message.contains("a number in 0...100 (%)") == true)

    let trailing = error("open the drawer halfway please")
    #expect(trailing?.wordIndex == 5)
    #expect(trailing?.expected == ["end of instruction"])

    let empty = error("   ")
    #expect(empty?.message.hasPrefix("instruction is empty") == true)

    let wrongVerb = error("dance with the drawer")
    #expect(wrongVerb?.wordIndex == 1)
    #expect(wrongVerb?.message.contains("\"open\"") == true)
  }

  @Test func tokenizerSplitsPercentAndDropsPunctuation() {
    let t = Tokenizer.tokenize("Open the drawer to 30%, please.")
    #expect(t.map(\.text) == ["open", "the", "drawer", "to", "30", "%", "please"])
    #expect(t.map(\.column) == [1, 6, 10, 17, 20, 22, 25])
    #expect(Tokenizer.tokenize("lift it 12.5 cm.").map(\.text) == ["lift", "it", "12.5", "cm"])
    #expect(Tokenizer.tokenize("a two-thirds share").map(\.text) == ["a", "two", "thirds", "share"])
  }

  @Test func vocabularyCoversTheGrammarAndRoundTrips() throws {
    let v = InstructionGrammar.vocabulary
    #expect(v.words[0] == "<pad>" && v.words[1] == "<unk>")
    #expect(v.count == v.words.count)
    for t in InstructionGrammar.templates {
      for case .word(let w) in t.elements { #expect(v.contains(w)) }
    }
    for n in 0...360 { #expect(v.contains(String(n))) }
    let text = "pour 40% of the balls into the bowl"
    let ids = v.encode(text, length: InstructionGrammar.maxInstructionWords)
    #expect(ids.count == InstructionGrammar.maxInstructionWords)
    #expect(!ids.contains(Vocabulary.unknownID))
    #expect(v.decode(ids) == "pour 40 % of the balls into the bowl")
    #expect(try InstructionParser.parse(tokenIDs: ids).value == 0.4)
    #expect(v.encode("pour zorp", length: 3) == [v.id("pour"), Vocabulary.unknownID, Vocabulary.padID])
  }

  @Test func successNeedsTheToleranceHeldForTheWholeHold() {
    var tracker = SuccessTracker(goal: LanguageGoal(task: .openDrawer, object: nil, value: 0.5, tolerance: 0.1, holdSteps: 3))
    // The third value leaves the band, so the count restarts.
    let results = [0.55, 0.45, 0.7, 0.6, 0.4, 0.5].map { tracker.record($0) }
    #expect(results == [false, false, false, false, false, true])
    #expect(tracker.holdProgress == 1)
  }
}
