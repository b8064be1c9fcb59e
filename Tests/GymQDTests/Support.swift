import GymCore
import GymQD

/// Locates test data in this target's `Reference/`.
enum TestData {
  static var packageRoot: String {
    let here = #filePath  // …/Tests/GymQDTests/Support.swift
    return "/" + here.split(separator: "/").dropLast(3).joined(separator: "/")
  }

  /// `Reference/qd-archive-reference.json`, written by `scripts/qd-reference.py` from pyribs.
  static let archiveReference: JSONValue = {
    try! JSON.parse(try! AtomicFile.read(packageRoot + "/Tests/GymQDTests/Reference/qd-archive-reference.json"))
  }()

  /// `Reference/pyribs-benchmarks.json`: pyribs' coverage and normalised QD score on the
  /// standard benchmarks (curves every 500 or 1000 iterations and final figures).
  static let pyribsBenchmarks: JSONValue = {
    try! JSON.parse(try! AtomicFile.read(packageRoot + "/Tests/GymQDTests/Reference/pyribs-benchmarks.json"))
  }()

  /// A fresh temporary path (the directory exists; the file does not).
  static func temporaryPath(_ name: String) -> String {
    "/tmp/gymqd-tests-\(UInt32.random(in: 0...UInt32.max))-\(name)"
  }
}

extension JSONValue {
  var doubles: [Double] { doubleArray ?? [] }
  var ints: [Int] { arrayValue?.compactMap(\.intValue) ?? [] }
}

/// Relative closeness for figures computed in a different summation order.
func close(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
  abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}
