import GymCore
import GymGridWorld
import Testing

/// The 300 real (level, seed) → mission strings of Minigrid 3.2.0, with their trees.
@Suite struct BabyAIMissionTests {
  static let reference = try! Fixtures.json("babyai_missions.json")
  static let missions = reference["missions"]!.arrayValue!

  @Test func everyReferenceMissionIsGeneratedExactly() throws {
    var matched = 0, treesMatched = 0
    for m in Self.missions {
      let id = m["level"]!.stringValue!, seed = UInt64(m["seed"]!.intValue!)
      var env = try MiniGrid.make(id)
      let (obs, _) = try env.reset(seed: seed)
      let want = m["mission"]!.stringValue!
      #expect(obs.mission == want, "\(id) seed \(seed)")
      #expect(env.world.maxSteps == m["max_steps"]!.intValue!, "\(id) seed \(seed): max_steps")
      if obs.mission == want { matched += 1 }
      if let level = (env as? MiniGridEnvironment<BabyAILevel>)?.task, level.instruction.json == m["instr"]! { treesMatched += 1 }
    }
    #expect(matched == 300)
    #expect(treesMatched == 300)
  }

  @Test func parserRoundTripsEveryReferenceMission() throws {
    for m in Self.missions {
      let text = m["mission"]!.stringValue!
      let tree = try Instruction(parsing: text)
      #expect(tree.description == text)
      #expect(tree.json == m["instr"]!, "\(text)")
      #expect(try Instruction(json: m["instr"]!) == tree)
    }
  }

  @Test(arguments: [
    ("get to the green goal square", "expected an action: 'go to', 'pick up', 'open' or 'put' at word 1, found 'get'"),
    ("go to the red", "expected a noun (box, ball, key, door, object) at word 5, found the end of the mission"),
    ("pick up the blue door", "doors cannot be picked up (word 5)"),
    ("open the red ball", "only doors can be opened (word 4)"),
    ("go to a key on your top", "expected 'left' or 'right' at word 7, found 'top'"),
    ("go to the key, then", "expected an action: 'go to', 'pick up', 'open' or 'put' at word 7, found the end of the mission"),
    ("go to the key go", "expected end of mission at word 5, found 'go'"),
    ("", "expected an action: 'go to', 'pick up', 'open' or 'put' at word 1, found the end of the mission"),
  ])
  func parserRejectsOtherTextWithAClearError(_ text: String, _ message: String) {
    #expect(throws: InstructionParseError(message)) { try Instruction(parsing: text) }
  }

  @Test func minigridMissionsDoNotCrashTheParser() throws {
    for e in MiniGrid.entries where e.family == "minigrid" {
      var env = try e.make([:])
      let (obs, _) = try env.reset(seed: 1)
      _ = try? Instruction(parsing: obs.mission)
    }
  }

  @Test func vocabularyIsTheFixturesThirtyTwoWords() {
    let words = Self.reference["meta"]!["vocabulary"]!.objectValue!.keys.sorted()
    #expect(words == Instruction.vocabulary.sorted())
  }
}
