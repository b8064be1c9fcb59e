import GymCore
import GymTesting
import SwiftGym

/// Locates reference files: `Tests/Shared/` (a copy of the recorded anchor data), and this target's `Reference/`.
enum SharedData {
  static var packageRoot: String { PackageFiles.root() }
  static func path(_ relative: String) -> String { PackageFiles.shared(relative) }
  static func json(_ relative: String) throws -> JSONValue { try JSON.parse(try AtomicFile.read(path(relative))) }

  nonisolated(unsafe) static var cachedReference: JSONValue?
  /// `Reference/box2d-reference.json`, written by `scripts/box2d-reference.py`.
  static func box2dReference() throws -> JSONValue {
    if let cachedReference { return cachedReference }
    let v = try JSON.parse(try AtomicFile.read(packageRoot + "/Tests/GymBox2DEnvTests/Reference/box2d-reference.json"))
    cachedReference = v
    return v
  }
}

/// The anchors' 64-bit LCG action sequence (../shared/reference/gymnasium/README.md).
struct LCG {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func draw() -> UInt64 {
    state = 6364136223846793005 &* state &+ 1442695040888963407
    return state >> 52
  }
  mutating func discrete(_ n: Int) -> Int { Int(draw() % UInt64(n)) }
  mutating func box(low: [Double], high: [Double]) -> [Float] {
    (0..<low.count).map { i in
      let fraction = Double(draw()) / 4096
      return Float(low[i] + (high[i] - low[i]) * fraction)
    }
  }
}

/// Summary statistics of a sample.
struct Sample {
  var values: [Double]
  var mean: Double { values.reduce(0, +) / Double(values.count) }
  /// Population standard deviation (numpy's default, as in the reference file).
  var std: Double {
    let m = mean
    return (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count)).squareRoot()
  }
  var standardError: Double { std / Double(values.count).squareRoot() }
}

/// Whether two sample means agree within `k` standard errors of their difference.
func meansAgree(_ ours: Sample, referenceMean: Double, referenceStd: Double, n: Int, k: Double = 3) -> (Bool, Double) {
  let se = (ours.standardError * ours.standardError + referenceStd * referenceStd / Double(n)).squareRoot()
  let z = se == 0 ? (ours.mean == referenceMean ? 0 : .infinity) : abs(ours.mean - referenceMean) / se
  return (z <= k, z)
}

/// The reference statistics entry for `label` in stats/random_policy.json.
func randomPolicyReference(_ label: String) throws -> JSONValue {
  let stats = try SharedData.json("reference/gymnasium/stats/random_policy.json")["stats"]!.arrayValue!
  return stats.first { $0["label"]?.stringValue == label }!
}

/// Resident set size in bytes, from /proc/self/statm.
func residentBytes() -> Int {
  guard let text = try? AtomicFile.read("/proc/self/statm") else { return 0 }
  let fields = text.split(separator: " ")
  return (Int(fields[1]) ?? 0) * 4096
}

/// The first step at which two observation sequences differ by more than `tolerance` in any
/// component (their common length when they never do).
func stepsWithin(_ ours: [[Double]], _ reference: [[Double]], tolerance: Double) -> Int {
  for (i, (a, b)) in zip(ours, reference).enumerated() {
    for (x, y) in zip(a, b) where abs(x - y) > tolerance { return i }
  }
  return min(ours.count, reference.count)
}
