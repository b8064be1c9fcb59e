import GymBox2D
import GymCore
import SwiftGym
import Testing

/// Worlds are rebuilt on every reset; nothing may leak. Release builds run one million
/// LunarLander steps (about 10,000 episodes, each with a new Box2D world); debug builds a
/// short run.
@Suite(.serialized) struct MemoryTests {
  #if DEBUG
  static let landerSteps = 20_000
  static let otherSteps = 2_000
  #else
  static let landerSteps = 1_000_000
  static let otherSteps = 50_000
  #endif

  /// Runs `steps` random steps with resets; returns the resident set size after a warm-up
  /// tenth and at the end, and the number of episodes.
  func run<E: Environment>(_ env: inout E, steps: Int) throws -> (warm: Int, end: Int, episodes: Int, liveWorlds: Int) {
    var rng = GymRandom(seed: 1)
    let actions = (0..<256).map { _ in env.actionSpace.sample(using: &rng) }
    _ = try env.reset(seed: 1)
    var warm = 0, episodes = 0, stepsInEpisode = 0
    var maxLive = 0
    for i in 0..<steps {
      if i == steps / 10 { warm = residentBytes() }
      let r = env.step(actions[i & 255])
      stepsInEpisode += 1
      if r.terminated || r.truncated || stepsInEpisode == 1000 {
        _ = try env.reset(seed: nil)
        episodes += 1
        stepsInEpisode = 0
        maxLive = max(maxLive, PhysicsWorld.liveCount)
      }
    }
    return (warm, residentBytes(), episodes, maxLive)
  }

  @Test func lunarLanderMemoryStaysFlatOverManyResets() throws {
    var env = try LunarLander<DiscreteThrusters>()
    let r = try run(&env, steps: Self.landerSteps)
    print("LunarLander: \(Self.landerSteps) steps, \(r.episodes) episodes, RSS \(r.warm / 1024) KiB after 10% -> \(r.end / 1024) KiB at the end, live worlds at most \(r.liveWorlds)")
    #expect(r.episodes > Self.landerSteps / 200)
    // A world leaked per reset would leave hundreds alive; other suites running in parallel
    // hold a few at most.
    #expect(r.episodes > 100)
    #expect(PhysicsWorld.liveCount < 50)
    #expect(r.liveWorlds < 50)
    #expect(r.end - r.warm < 4 << 20, "RSS grew by \((r.end - r.warm) / 1024) KiB")
  }

  @Test func bipedalWalkerAndCarRacingFreeTheirWorlds() throws {
    do {
      var walker = BipedalWalker(hardcore: true)
      let w = try run(&walker, steps: Self.otherSteps)
      var car = try CarRacing<DiscreteDriving>()
      let c = try run(&car, steps: Self.otherSteps / 5)
      print("BipedalWalkerHardcore: \(w.episodes) episodes, RSS \(w.warm / 1024) -> \(w.end / 1024) KiB; CarRacing: \(c.episodes) episodes, RSS \(c.warm / 1024) -> \(c.end / 1024) KiB")
      #expect(w.end - w.warm < 4 << 20)
      #expect(c.end - c.warm < 4 << 20)
    }
    #expect(PhysicsWorld.liveCount < 50)
  }
}
