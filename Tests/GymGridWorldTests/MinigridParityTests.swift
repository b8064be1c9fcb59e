import GymCore
import GymGridWorld
import Testing

/// Seeded layouts and random-action trajectories against Minigrid 3.2.0's, id by id.
@Suite struct MinigridParityTests {
  static let implemented = Fixtures.trajectoryIDs.filter { MiniGrid.entriesByID[$0] != nil }

  @Test(arguments: implemented)
  func seededLayoutsAndTrajectoriesMatchMinigrid(_ id: String) throws {
    let fixture = Fixtures.trajectory(id)
    var env = try MiniGrid.make(id)
    #expect(env.actionSpace.n == fixture["actions"]!.intValue!)
    for run in fixture["runs"]!.arrayValue! {
      let seed = UInt64(run["seed"]!.intValue!)
      let (obs, _) = try env.reset(seed: seed)
      let label = "\(id) seed \(seed)"
      try checkSnapshot(env.world, run["reset"]!, label)
      #expect(fnv(obs.image.bytes) == run["image"]!.stringValue!, "\(label): reset image")
      for (t, s) in run["steps"]!.arrayValue!.enumerated() {
        let a = s.arrayValue!
        let r = env.step(a[0].intValue!)
        let at = "\(label) step \(t) action \(a[0].intValue!)"
        #expect(r.reward == a[1].doubleValue!, "\(at): reward")
        #expect(r.terminated == a[2].boolValue!, "\(at): terminated")
        #expect(r.truncated == a[3].boolValue!, "\(at): truncated")
        #expect(env.world.agent == GridPoint(a[4].intValue!, a[5].intValue!), "\(at): agent")
        #expect(env.world.direction == a[6].intValue!, "\(at): direction")
        let carried = env.world.carrying.isNone ? nil : env.world.carrying
        let expectCarried = a[7].arrayValue.map { $0.map { $0.intValue! } }
        #expect(carried.map(code) == expectCarried, "\(at): carrying")
        #expect(fnv(r.observation.image.bytes) == a[8].stringValue!, "\(at): image")
        if a.count > 9 {
          let (obs, _) = try env.reset(seed: nil)
          try checkSnapshot(env.world, a[9], "\(at) reset")
          #expect(fnv(obs.image.bytes) == a[10].stringValue!, "\(at): reset image")
        }
        if fnv(r.observation.image.bytes) != a[8].stringValue! { break }
      }
    }
  }

  func code(_ o: WorldObject) -> [Int] { [Int(o.typeIndex), Int(o.color.rawValue), Int(o.state)] }

  func checkSnapshot(_ w: GridWorld, _ s: JSONValue, _ label: String) throws {
    #expect(w.mission == s["mission"]!.stringValue!, "\(label): mission")
    #expect(w.agent == GridPoint(s["agent"]![0]!.intValue!, s["agent"]![1]!.intValue!), "\(label): agent")
    #expect(w.direction == s["dir"]!.intValue!, "\(label): direction")
    #expect(w.maxSteps == s["max_steps"]!.intValue!, "\(label): max_steps")
    #expect(w.width == s["width"]!.intValue! && w.height == s["height"]!.intValue!, "\(label): size")
    let grid = w.encodeGrid()
    let ok = fnv(grid) == s["grid_hash"]!.stringValue!
    #expect(ok, "\(label): grid\n\(w.asciiGrid)")
    if !ok, let hex = s["grid"]?.stringValue {
      let want = stride(from: 0, to: hex.count, by: 2).map { i -> UInt8 in
        let a = hex.index(hex.startIndex, offsetBy: i)
        return UInt8(hex[a..<hex.index(a, offsetBy: 2)], radix: 16)!
      }
      for x in 0..<w.width {
        for y in 0..<w.height {
          let k = (x * w.height + y) * 3
          if Array(grid[k..<k + 3]) != Array(want[k..<k + 3]) {
            Issue.record("\(label): cell (\(x), \(y)) is \(Array(grid[k..<k + 3])), Minigrid has \(Array(want[k..<k + 3]))")
          }
        }
      }
    }
    var boxes: [[Int]] = []
    for x in 0..<w.width {
      for y in 0..<w.height where w[x, y].type == .box {
        let c = w.contents(of: w[x, y])
        if !c.isNone { boxes.append([x, y] + code(c)) }
      }
    }
    let want = s["boxes"]!.arrayValue!.map { b in [b[0]!.intValue!, b[1]!.intValue!] + b[2]!.arrayValue!.map { $0.intValue! } }
    #expect(boxes == want, "\(label): box contents")
  }
}

/// 1000-step forward-biased rollouts (pickups, drops, toggles, goals, resets) against
/// Minigrid's, condensed to one hash per (id, seed).
@Suite struct MinigridLongRolloutTests {
  static let implemented = Fixtures.longRolloutIDs.filter { MiniGrid.entriesByID[$0] != nil }
  static let table = [0, 1, 2, 2, 2, 2, 3, 4, 5, 6]

  @Test(arguments: implemented)
  func longRolloutsHashLikeMinigrid(_ id: String) throws {
    let fixture = Fixtures.longRollout(id)
    let steps = Fixtures.longRollouts["meta"]!["steps"]!.intValue!
    var env = try MiniGrid.make(id)
    for run in fixture["runs"]!.arrayValue! {
      let seed = run["seed"]!.intValue!
      var f = FNV()
      func feedReset(_ env: any GridWorldEnvironment, _ obs: MiniGridObservation) {
        f.feed(Array(env.world.mission.utf8))
        f.feed(env.world.encodeGrid())
        f.feed(obs.image.bytes)
      }
      var (obs, _) = try env.reset(seed: UInt64(seed))
      feedReset(env, obs)
      var rng = NumPyGenerator(seed: UInt64(7 + seed))
      var episodes = 0, successes = 0
      let n = env.actionSpace.n
      for _ in 0..<steps {
        let a = n == 7 ? Self.table[rng.integers(low: 0, high: 10)] : rng.integers(low: 0, high: n)
        let r = env.step(a)
        let w = env.world
        let c = w.carrying.isNone ? [UInt8](repeating: 255, count: 3) : [w.carrying.typeIndex, w.carrying.color.rawValue, w.carrying.state]
        f.feed([UInt8(a), r.terminated ? 1 : 0, r.truncated ? 1 : 0, UInt8(w.agent.x), UInt8(w.agent.y), UInt8(w.direction)] + c)
        let q = Int64((r.reward * 1e9 + 0.5).rounded(.down))
        f.feed(withUnsafeBytes(of: q.littleEndian) { Array($0) })
        f.feed(r.observation.image.bytes)
        if r.terminated || r.truncated {
          episodes += 1
          if r.reward > 0 { successes += 1 }
          (obs, _) = try env.reset(seed: nil)
          feedReset(env, obs)
        }
      }
      #expect(episodes == run["episodes"]!.intValue!, "\(id) seed \(seed): episodes")
      #expect(successes == run["successes"]!.intValue!, "\(id) seed \(seed): successes")
      #expect(f.hex == run["hash"]!.stringValue!, "\(id) seed \(seed): rollout hash")
    }
  }
}
