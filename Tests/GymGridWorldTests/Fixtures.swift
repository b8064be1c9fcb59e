import Foundation
import GymCore

/// Test data: fixtures in this folder, and the shared reference folder beside the package.
enum Fixtures {
  static let directory: String = {
    let here = #filePath  // …/Tests/GymGridWorldTests/Fixtures.swift
    return String(here.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")) + "/Fixtures/"
  }()

  static func json(_ name: String) throws -> JSONValue {
    try JSON.parse(try String(contentsOfFile: directory + name, encoding: .utf8))
  }

  /// Minigrid's seeded layouts and random-action trajectories (scripts/minigrid_fixtures.py).
  static let trajectories: JSONValue = try! json("minigrid_trajectories.json")

  /// The ids in the trajectory fixture.
  static let trajectoryIDs: [String] = trajectories["envs"]!.arrayValue!.map { $0["id"]!.stringValue! }

  static func trajectory(_ id: String) -> JSONValue {
    trajectories["envs"]!.arrayValue!.first { $0["id"]!.stringValue == id }!
  }
}

/// FNV-1a 64 as the fixture script computes it.
func fnv(_ bytes: some Sequence<UInt8>) -> String {
  var h: UInt64 = 0xCBF2_9CE4_8422_2325
  for b in bytes {
    h ^= UInt64(b)
    h = h &* 0x100_0000_01B3
  }
  let s = String(h, radix: 16)
  return String(repeating: "0", count: 16 - s.count) + s
}

extension JSONValue {
  subscript(i: Int) -> JSONValue? {
    guard let a = arrayValue, i >= 0, i < a.count else { return nil }
    return a[i]
  }
}

/// FNV-1a 64, fed incrementally.
struct FNV {
  var h: UInt64 = 0xCBF2_9CE4_8422_2325
  mutating func feed(_ bytes: some Sequence<UInt8>) {
    for b in bytes {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01B3
    }
  }
  var hex: String {
    let s = String(h, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
  }
}

extension Fixtures {
  /// Long forward-biased rollouts, one hash per run (scripts/minigrid_long_fixtures.py).
  static let longRollouts: JSONValue = try! json("minigrid_long_rollouts.json")
  static let longRolloutIDs: [String] = longRollouts["envs"]!.arrayValue!.map { $0["id"]!.stringValue! }
  static func longRollout(_ id: String) -> JSONValue {
    longRollouts["envs"]!.arrayValue!.first { $0["id"]!.stringValue == id }!
  }
}
