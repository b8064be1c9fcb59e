import GymBox2D
import GymCore
import GymRender
import GymTesting
import SwiftGym
import Testing

@Suite struct CarRacingTests {
  @Test func tracksMatchGymnasiumForSeeds0To4() throws {
    let ref = try SharedData.box2dReference()["CarRacing-v3"]!["track"]!.arrayValue!
    var env = try CarRacing<ContinuousDriving>()
    for seed in 0..<5 {
      _ = try env.reset(seed: UInt64(seed))
      let expected = ref[seed].arrayValue!.map { $0.doubleArray! }
      #expect(env.track.count == expected.count, "seed \(seed): \(env.track.count) vs \(expected.count) points")
      for (p, e) in zip(env.track, expected) {
        #expect(abs(p.alpha - e[0]) <= 1e-9 && abs(p.beta - e[1]) <= 1e-9 && abs(p.x - e[2]) <= 1e-9 && abs(p.y - e[3]) <= 1e-9)
      }
    }
  }

  @Test func domainRandomizedColoursMatchGymnasium() throws {
    let ref = try SharedData.box2dReference()["CarRacing-v3"]!["domain_randomize"]!.arrayValue!
    var env = try CarRacing<ContinuousDriving>(domainRandomize: true)
    for seed in 0..<5 {
      _ = try env.reset(seed: UInt64(seed))
      let r = ref[seed]
      for (a, b) in zip([env.roadColor.x, env.roadColor.y, env.roadColor.z], r["road_color"]!.doubleArray!) { #expect(abs(a - b) <= 1e-9) }
      for (a, b) in zip([env.grassColor.x, env.grassColor.y, env.grassColor.z], r["grass_color"]!.doubleArray!) { #expect(abs(a - b) <= 1e-9) }
      let t0 = r["track0"]!.doubleArray!
      #expect(abs(env.track[0].x - t0[2]) <= 1e-9 && abs(env.track[0].y - t0[3]) <= 1e-9)
    }
    // randomize: false keeps the colours.
    let before = env.roadColor
    _ = try env.reset(seed: 9, options: ["randomize": false])
    #expect(env.roadColor == before)
  }

  /// The first 96×96 observation: drawn directly at 96×96 rather than shrunk from 1000×800,
  /// so pixels differ at edges; the mean colour agrees closely.
  @Test func firstObservationLooksLikeGymnasiums() throws {
    let ref = try SharedData.box2dReference()["CarRacing-v3"]!
    var env = try CarRacing<ContinuousDriving>()
    var worst = 0.0
    for seed in 0..<5 {
      let obs = try env.reset(seed: UInt64(seed)).observation
      #expect(obs.count == 96 * 96 * 3)
      var mean = [0.0, 0.0, 0.0]
      for i in stride(from: 0, to: obs.count, by: 3) { for c in 0..<3 { mean[c] += Double(obs[i + c]) } }
      mean = mean.map { $0 / Double(96 * 96) }
      let expected = ref["obs0_mean"]!.arrayValue![seed].doubleArray!
      for c in 0..<3 { worst = max(worst, abs(mean[c] - expected[c])) }
    }
    print("CarRacing obs0: largest per-channel mean difference \(worst) (of 255)")
    #expect(worst <= 6)
    // Pixel by pixel for seed 0: most pixels equal or close.
    let obs = try env.reset(seed: 0).observation
    let refPixels = ref["obs0_seed0"]!.arrayValue!.map { $0.intValue! }
    var close = 0
    for p in stride(from: 0, to: obs.count, by: 3) {
      if (0..<3).allSatisfy({ abs(Int(obs[p + $0]) - refPixels[p + $0]) <= 24 }) { close += 1 }
    }
    let fraction = Double(close) / Double(96 * 96)
    print("CarRacing obs0 seed 0: \(fraction) of pixels within 24 levels")
    #expect(fraction >= 0.9)
  }

  /// How long the car's state stays within 1e-3 of Gymnasium's under the LCG policy.
  @Test(arguments: ["continuous", "discrete"])
  func seededTrajectoriesTrackGymnasiumForAWhile(mode: String) throws {
    let episodes = try SharedData.box2dReference()["CarRacing-v3"]!["trajectories"]![mode]!["episodes"]!.arrayValue!
    var within: [Int] = [], rewardsWithin: [Int] = []
    for e in episodes {
      let seed = UInt64(e["seed"]!.intValue!)
      var states: [[Double]] = [], rewards: [Double] = []
      if mode == "continuous" {
        var env = try CarRacing<ContinuousDriving>()
        _ = try env.reset(seed: seed)
        for a in e["actions"]!.arrayValue! {
          let v = a.doubleArray!
          let r = env.step(SIMD3(Float(v[0]), Float(v[1]), Float(v[2])))
          states.append(Self.state(env.car!))
          rewards.append(r.reward)
        }
      } else {
        var env = try CarRacing<DiscreteDriving>()
        _ = try env.reset(seed: seed)
        for a in e["actions"]!.arrayValue! {
          let r = env.step(a.intValue!)
          states.append(Self.state(env.car!))
          rewards.append(r.reward)
        }
      }
      within.append(stepsWithin(states, e["extra"]!.arrayValue!.map { $0.doubleArray! }, tolerance: 1e-3))
      rewardsWithin.append(stepsWithin(rewards.map { [$0] }, e["reward"]!.doubleArray!.map { [$0] }, tolerance: 1e-6))
    }
    print("CarRacing \(mode): car state within 1e-3 for \(within) steps; rewards equal for \(rewardsWithin) steps")
    #expect(within.allSatisfy { $0 >= 5 })
  }

  static func state(_ car: Car) -> [Double] {
    let h = car.hull
    return [Double(h.position.x), Double(h.position.y), Double(h.angle), Double(h.linearVelocity.x), Double(h.linearVelocity.y), Double(h.angularVelocity)]
  }

  #if !DEBUG
  /// 10 episodes of 1000 steps (release builds only).
  @Test func randomPolicyStatisticsMatchGymnasium() throws {
    let ref = try randomPolicyReference("CarRacing-v3")
    let n = 10
    var returns: [Double] = [], lengths: [Double] = []
    let env = try make("CarRacing-v3")
    for k in 0..<n {
      let seed = UInt64(1000 + k)
      _ = try env.reset(seed: seed)
      var lcg = LCG(seed: seed)
      var total = 0.0, steps = 0
      while true {
        let r = try env.checkedStep(lcg.box(low: [-1, 0, 0], high: [1, 1, 1]))
        total += r.reward
        steps += 1
        if r.terminated || r.truncated { break }
      }
      returns.append(total)
      lengths.append(Double(steps))
    }
    let (okR, zR) = meansAgree(Sample(values: returns), referenceMean: ref["return"]!["mean"]!.doubleValue!, referenceStd: ref["return"]!["std"]!.doubleValue!, n: n)
    print("CarRacing-v3: return \(Sample(values: returns).mean) (z \(zR)), length \(Sample(values: lengths).mean)")
    #expect(okR)
    #expect(Sample(values: lengths).mean == ref["length"]!["mean"]!.doubleValue!)
  }
  #endif

  @Test func checkEnvironmentPasses() throws {
    try checkEnvironment({ try make("CarRacing-v3") }, steps: 120)
    try checkEnvironment({ try make("CarRacing-v3", options: ["continuous": false, "domain_randomize": true]) }, steps: 120)
  }

  @Test func badOptionsNameWhatIsAllowed() throws {
    func message(_ options: Options) -> String {
      do { _ = try make("CarRacing-v3", options: options); return "" } catch { return "\(error)" }
    }
    #expect(message(["lap_complete_percent": 1.5]).contains("[0, 1]"))
    #expect(message(["laps": 1]).contains("allowed: continuous, domain_randomize, lap_complete_percent"))
    #expect(message(["domain_randomize": "yes"]).contains("true or false"))
    let env = try CarRacing<DiscreteDriving>()
    #expect(throws: OptionError.self) { try env.reset(seed: 0, options: ["seed": 1]) }
  }

  @Test func drivingForwardVisitsTilesAndEarnsReward() throws {
    var env = try CarRacing<DiscreteDriving>()
    _ = try env.reset(seed: 2)
    var total = 0.0
    for _ in 0..<150 { total += env.step(3).reward }  // gas
    #expect(env.visitedCount > 5)
    #expect(total > 0)
  }

  @Test func rendersFullFrameAndObservation() throws {
    var env = try CarRacing<ContinuousDriving>()
    var obs = try env.reset(seed: 0).observation
    for _ in 0..<60 { obs = env.step(SIMD3(0, 0.5, 0)).observation }
    let frame = env.render()
    #expect(frame.width == 600 && frame.height == 400)
    // The car's red hull sits near the horizontal centre, a quarter up from the bottom.
    var red = 0
    for y in 250..<330 { for x in 270..<330 where frame[x, y].0 > 180 && frame[x, y].1 < 40 { red += 1 } }
    #expect(red > 20)
    // The 96×96 observation has the dashboard's black bar along the bottom rows.
    let bottom = Array(obs[(95 * 96 * 3)..<(96 * 96 * 3)])
    #expect(bottom.filter { $0 == 0 }.count > 200)
  }
}
