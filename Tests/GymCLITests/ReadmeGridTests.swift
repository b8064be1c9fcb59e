import Foundation
import GymTesting
import SwiftGym
import Testing

// The README's grid-world section, compiled and run. Keep the two in step.

@Suite struct ReadmeGridTests {
  /// The README's BabyAI snippet.
  @Test func babyAISnippet() throws {
    var level = try MiniGrid.make("BabyAI-GoToLocal-v0")
    let (observation, _) = try level.reset(seed: 1, options: [:])
    let instruction = try Instruction(parsing: observation.mission)  // the tree behind the text
    let episode = try BabyAIBot.play(&level, seed: 1)  // the bot solves it
    #expect(observation.mission.hasPrefix("go to "))
    #expect(instruction.description == observation.mission)
    #expect(episode.success && episode.length > 0)
  }

  /// Every `gym run` / `gym bench` line of the README that names a Minigrid or BabyAI id: the id
  /// is registered, bot lines solve their first missions, batch lines build a `GridBatch` with
  /// their thread count, reset lines lay out levels.
  @Test func readmeGridCommandsAreValid() throws {
    let lines = try PackageFiles.lines(of: "README.md") { ($0.hasPrefix("gym run ") || $0.hasPrefix("gym bench ")) && ($0.contains(" MiniGrid-") || $0.contains(" BabyAI-")) }
    #expect(lines.count >= 5)
    for line in lines {
      let words = line.split(separator: "#")[0].split(separator: " ").map(String.init)
      func option(_ name: String) -> String? { words.firstIndex(of: name).map { words[$0 + 1] } }
      let id = words[2]
      let entry = try #require(MiniGrid.entriesByID[id], "\(line)")
      let seed = UInt64(option("--seed") ?? "0")!
      if option("--agent") == "bot" {
        var env = try entry.make([:])
        let episodes = min(Int(option("--episodes") ?? "10")!, 3)
        for k in 0..<episodes {
          #expect(try BabyAIBot.play(&env, seed: seed + UInt64(k)).success, "\(line)")
        }
      } else if let agent = option("--agent") {
        #expect(agent == "random", "\(line)")
        _ = try make(id).reset(seed: seed)
      }
      if let n = option("--num-envs").map({ Int($0)! }) {
        let threads = Int(option("--threads") ?? "1")!
        func batch<E: GridWorldEnvironment>(_ prototype: E) throws {
          let b = try GridBatch(prototype, count: min(n, 8), threads: threads)
          try b.reset(seed: seed)
          try b.step([Int32](repeating: 2, count: b.count))
          #expect(b.images.count == b.count * 147)
        }
        try batch(try entry.make([:]))
      }
      if let resets = option("--resets").map({ Int($0)! }) {
        #expect(resets > 0)
        var env = try entry.make([:])
        for k in 0..<3 { _ = try env.reset(seed: UInt64(k), options: [:]) }
      }
    }
  }
}
