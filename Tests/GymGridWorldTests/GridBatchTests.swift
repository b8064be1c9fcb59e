import GymCore
import GymGridWorld
import Testing

@Suite struct GridBatchTests {
  /// The batch agrees with single environments stepped alone (same seeds, same actions,
  /// same-step autoreset), at one and at three threads.
  @Test(arguments: ["MiniGrid-DoorKey-5x5-v0", "MiniGrid-Empty-5x5-v0", "BabyAI-GoToRedBallGrey-v0"])
  func matchesSingleEnvironmentsAtAnyThreadCount(_ id: String) throws {
    func check<E: GridWorldEnvironment>(_ prototype: E) throws {
      let n = 5, steps = 260
      var singles = (0..<n).map { _ in prototype }
      for i in 0..<n { _ = try singles[i].reset(seed: 100 + UInt64(i), options: [:]) }
      let one = try GridBatch(prototype, count: n, threads: 1)
      let three = try GridBatch(prototype, count: n, threads: 3)
      try one.reset(seed: 100)
      try three.reset(seed: 100)
      var rng = GymRandom(seed: 9)
      var ended = 0
      for _ in 0..<steps {
        let actions = (0..<n).map { _ in Int32(Int.random(in: 0..<7, using: &rng)) }
        try one.step(actions)
        try three.step(actions)
        for i in 0..<n {
          var r = singles[i].step(Int(actions[i]))
          if r.terminated || r.truncated {
            ended += 1
            r.observation = try singles[i].reset(seed: nil, options: [:]).observation
          }
          #expect(one.rewards[i] == Float(r.reward))
          #expect(one.terminations[i] == r.terminated && one.truncations[i] == r.truncated)
          #expect(Int(one.directions[i]) == r.observation.direction)
          let expected = r.observation.image.bytes
          let got = Array(one.images[i * 147..<(i + 1) * 147])
          #expect(got == expected)
        }
        #expect(Array(one.images) == Array(three.images))
        #expect(Array(one.rewards) == Array(three.rewards))
      }
      #expect(ended > 0, "the run should cross at least one episode end")
    }
    try check(try MiniGrid.make(id))
  }
}
