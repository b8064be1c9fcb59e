import GymBox2D
import GymCore
import GymTesting
import SwiftGym
import Testing

@Suite struct LunarLanderTests {
  static let variants: [(String, Options)] = [
    ("discrete", [:]), ("continuous", ["continuous": true]), ("wind", ["enable_wind": true]),
    ("continuous_wind", ["continuous": true, "enable_wind": true, "wind_power": 10.0, "turbulence_power": 1.0]),
    ("gravity_-5", ["gravity": -5.0]),
  ]

  @Test func terrainMatchesGymnasiumForSeeds0To4() throws {
    let ref = try SharedData.box2dReference()["LunarLander-v3"]!
    var env = try LunarLander<DiscreteThrusters>()
    for seed in 0..<5 {
      _ = try env.reset(seed: UInt64(seed))
      let expected = ref["terrain"]!.arrayValue![seed].doubleArray!
      #expect(env.terrainHeights.count == expected.count)
      for (a, b) in zip(env.terrainHeights, expected) { #expect(abs(a - b) <= 1e-12) }
    }
    #expect(abs(env.helipadY - ref["helipad_y"]!.doubleValue!) <= 1e-12)
  }

  @Test(arguments: variants.map(\.0))
  func firstObservationMatchesGymnasium(variant: String) throws {
    let ref = try SharedData.box2dReference()["LunarLander-v3"]!["obs0"]![variant]!
    let options = Self.variants.first { $0.0 == variant }!.1
    let env = try make("LunarLander-v3", options: options)
    for seed in 0..<5 {
      let obs = try env.reset(seed: UInt64(seed)).observation
      let expected = ref.arrayValue![seed].doubleArray!
      // Everything agrees within 1e-4 except, for seed 0 only, the angular velocity (index 5,
      // 1.7e-4): the leg joints' first step at their limits, where the two Box2D versions'
      // solvers differ (docs/box2d.md).
      for (i, (a, b)) in zip(obs, expected).enumerated() {
        #expect(abs(Double(a) - b) <= (i == 5 && seed == 0 ? 2e-4 : 1e-4), "seed \(seed) [\(i)]: \(obs) vs \(expected)")
      }
    }
  }

  @Test func sharedSeededFileFirstObservationsMatch() throws {
    let reference = try SharedData.json("reference/gymnasium/seeded/LunarLander-v3.json")
    let env = try make("LunarLander-v3")
    for e in reference["episodes"]!.arrayValue! {
      let seed = e["seed"]!.intValue!
      let obs = try env.reset(seed: UInt64(seed)).observation
      for (i, (x, y)) in zip(obs, e["obs0_after_reset"]!.doubleArray!).enumerated() {
        #expect(abs(Double(x) - y) <= (i == 5 && seed == 0 ? 2e-4 : 1e-4), "[\(i)]")
      }
    }
  }

  /// How long seeded LCG trajectories stay within 1e-3 of Gymnasium's (Box2D 2.3 vs 2.4):
  /// printed for docs/box2d.md, and checked against a floor.
  @Test func seededTrajectoriesTrackGymnasiumForAWhile() throws {
    let shared = try SharedData.json("reference/gymnasium/seeded/LunarLander-v3.json")
    var report: [String] = []
    var sets: [(String, Options, [JSONValue])] = [("discrete (shared file)", [:], shared["episodes"]!.arrayValue!)]
    let mine = try SharedData.box2dReference()["LunarLander-v3"]!["trajectories"]!
    for (name, options) in Self.variants where name != "discrete" {
      sets.append((name, options, mine[name]!["episodes"]!.arrayValue!))
    }
    for (name, options, episodes) in sets {
      let env = try make("LunarLander-v3", options: options)
      var within: [Int] = []
      for e in episodes {
        _ = try env.reset(seed: UInt64(e["seed"]!.intValue!))
        var obs: [[Double]] = []
        for a in e["actions"]!.arrayValue! {
          let r = try env.step(json: a)
          obs.append(r.observation.map(Double.init))
          if r.terminated || r.truncated { break }
        }
        let ref = e["obs"]!.arrayValue!.map { $0.doubleArray! }
        within.append(stepsWithin(obs, ref, tolerance: 1e-3))
      }
      report.append("\(name): steps within 1e-3 per seed \(within)")
      #expect(within.allSatisfy { $0 >= 20 }, "\(name): \(within)")
    }
    print("LunarLander trajectory agreement\n  " + report.joined(separator: "\n  "))
  }

  @Test(arguments: [("LunarLander-v3", false), ("LunarLanderContinuous-v3", true)])
  func randomPolicyStatisticsMatchGymnasium(label: String, continuous: Bool) throws {
    let ref = try randomPolicyReference(label)
    let n = 50
    var returns: [Double] = [], lengths: [Double] = []
    let env = try make("LunarLander-v3", options: ["continuous": .bool(continuous)])
    for k in 0..<n {
      let seed = UInt64(1000 + k)
      _ = try env.reset(seed: seed)
      var lcg = LCG(seed: seed)
      var total = 0.0, steps = 0
      while true {
        let action: [Float] = continuous ? lcg.box(low: [-1, -1], high: [1, 1]) : { var v = [Float](repeating: 0, count: 4); v[lcg.discrete(4)] = 1; return v }()
        let r = try env.checkedStep(action)
        total += r.reward
        steps += 1
        if r.terminated || r.truncated { break }
      }
      returns.append(total)
      lengths.append(Double(steps))
    }
    let (okR, zR) = meansAgree(Sample(values: returns), referenceMean: ref["return"]!["mean"]!.doubleValue!, referenceStd: ref["return"]!["std"]!.doubleValue!, n: n)
    let (okL, zL) = meansAgree(Sample(values: lengths), referenceMean: ref["length"]!["mean"]!.doubleValue!, referenceStd: ref["length"]!["std"]!.doubleValue!, n: n)
    print("\(label): return \(Sample(values: returns).mean) (z \(zR)), length \(Sample(values: lengths).mean) (z \(zL))")
    #expect(okR, "mean return \(Sample(values: returns).mean) vs \(ref["return"]!["mean"]!), z = \(zR)")
    #expect(okL, "mean length \(Sample(values: lengths).mean) vs \(ref["length"]!["mean"]!), z = \(zL)")
  }

  @Test(arguments: ["LunarLander-v3", "LunarLanderContinuous-v3"])
  func checkEnvironmentPasses(id: String) throws {
    try checkEnvironment({ try make(id) }, steps: 300)
    try checkEnvironment({ try make(id, options: ["enable_wind": true]) }, steps: 200)
  }

  @Test func typedEnvironmentsPassCheckEnvironment() throws {
    try checkEnvironment({ try LunarLander<DiscreteThrusters>() }, steps: 200)
    try checkEnvironment({ try LunarLander<ContinuousThrusters>(gravity: -9, enableWind: true) }, steps: 200)
  }

  @Test func badOptionsNameWhatIsAllowed() throws {
    func message(_ options: Options) -> String {
      do { _ = try make("LunarLander-v3", options: options); return "" } catch { return "\(error)" }
    }
    #expect(message(["gravity": -12.5]).contains("(-12, 0)"))
    #expect(message(["gravity": 0]).contains("(-12, 0)"))
    #expect(message(["gravity": "low"]).contains("finite number"))
    #expect(message(["wind": true]).contains("allowed: continuous, enable_wind, gravity, turbulence_power, wind_power"))
    #expect(message(["continuous": 1]).contains("true or false"))
    let env = try LunarLander<DiscreteThrusters>()
    #expect(throws: OptionError.self) { try env.reset(seed: 0, options: ["x": 1]) }
  }

  @Test func terminalRewardsAndContacts() throws {
    // Free fall with engines off ends on the ground: a crash (-100) or a rest (+100).
    var env = try LunarLander<DiscreteThrusters>()
    _ = try env.reset(seed: 3)
    var last: StepResult<SIMD8<Float>, Double>? = nil
    for _ in 0..<1000 {
      let r = env.step(0)
      last = r
      if r.terminated { break }
    }
    #expect(last!.terminated)
    #expect(last!.reward == -100 || last!.reward == 100)
  }

  @Test func rendersGymnasiumsScene() throws {
    var env = try LunarLander<DiscreteThrusters>()
    _ = try env.reset(seed: 0)
    for _ in 0..<5 { _ = env.step(2) }
    let frame = env.render()
    #expect(frame.width == 600 && frame.height == 400)
    #expect(frame[5, 5] == (0, 0, 0))  // sky
    #expect(frame[300, 395] == (255, 255, 255))  // moon surface near the bottom
    // The lander's violet is on screen, and particles from the main engine.
    var violet = 0, particles = 0
    for y in 0..<400 { for x in 0..<600 {
      let p = frame[x, y]
      if p == (128, 102, 230) { violet += 1 }
      if p.0 > 150 && p.1 < 150 && p.1 > 40 && p.0 != 128 { particles += 1 }
    } }
    #expect(violet > 300)
    #expect(particles > 0)
  }
}
