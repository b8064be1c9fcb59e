import GymCore
import GymGridWorld
import Testing

/// A level laid out by a closure, for hand-checked observations.
struct HandBuilt: MiniGridTask {
  let build: @Sendable (inout GridWorld) -> Void
  mutating func generate(_ world: inout GridWorld) throws(GridGenerationError) { build(&world) }
}

func handBuilt(width: Int = 9, height: Int = 9, seeThroughWalls: Bool = false, _ build: @escaping @Sendable (inout GridWorld) -> Void) throws
  -> MiniGridEnvironment<HandBuilt>
{
  var env = MiniGridEnvironment(task: HandBuilt(build: build), world: GridWorld(width: width, height: height, maxSteps: 100, seeThroughWalls: seeThroughWalls))
  _ = try env.reset(seed: 0)
  return env
}

/// The view written as rows (far row first) of two-letter cells: `..` unseen, `  ` empty,
/// `WW` wall, `D`/`L`/`_` + colour closed/locked/open door, `K` key, `A` ball, `B` box.
func rows(_ r: String...) -> String { r.joined(separator: "\n") }

@Suite struct ObservationTests {
  @Test func wallsHideTheRowBeyondThem() throws {
    // 7×7 room, agent at (3, 5) facing north: row y = 0 is the top wall; beyond it (outside the
    // map) reads as walls but cannot be seen.
    let env = try handBuilt(width: 7, height: 7) { w in
      w.wallRect(0, 0, 7, 7)
      w.agent = GridPoint(3, 5)
      w.direction = 3
    }
    #expect(env.observation.image.description == rows(
      "..............",
      "WWWWWWWWWWWWWW",
      "WW          WW",
      "WW          WW",
      "WW          WW",
      "WW          WW",
      "WW          WW"))
    #expect(env.observation.direction == 3)
  }

  @Test func seeThroughWallsShowsOutsideAsWalls() throws {
    let env = try handBuilt(width: 7, height: 7, seeThroughWalls: true) { w in
      w.wallRect(0, 0, 7, 7)
      w.agent = GridPoint(3, 5)
      w.direction = 3
    }
    #expect(env.observation.image.description.split(separator: "\n").first == "WWWWWWWWWWWWWW")
  }

  @Test func closedDoorBlocksSightUntilOpened() throws {
    // A wall across x = 3 with a closed red door at (3, 4); agent at (2, 4) facing east.
    // View rows are world columns x = 8 − vy; view columns are y = 1 + vx. Everything past
    // the wall is unseen.
    var env = try handBuilt { w in
      w.wallRect(0, 0, 9, 9)
      w.verticalWall(3, 1, length: 7)
      w.put(.door(.red), 3, 4)
      w.agent = GridPoint(2, 4)
      w.direction = 0
    }
    #expect(env.observation.image.description == rows(
      "..............",
      "..............",
      "..............",
      "..............",
      "..............",
      "WWWWWWDRWWWWWW",
      "              "))
    // Toggle opens it: the door reads open (state 0) and Minigrid's approximate shadow cast
    // lets the whole far side show through the one-cell gap.
    let r = env.step(GridAction.toggle.rawValue)
    #expect(r.observation.image[3, 5] == (4, 0, 0))
    #expect(r.observation.image.description == rows(
      "WWWWWWWWWWWWWW",
      "              ",
      "              ",
      "              ",
      "              ",
      "WWWWWW_RWWWWWW",
      "              "))
  }

  @Test func lockedDoorNeedsItsKeyAndTheAgentCellShowsTheCarriedKey() throws {
    var env = try handBuilt { w in
      w.wallRect(0, 0, 9, 9)
      w.verticalWall(4, 1, length: 7)
      w.put(.door(.yellow, .locked), 4, 4)
      w.put(.key(.blue), 3, 3)
      w.put(.key(.yellow), 2, 4)
      w.agent = GridPoint(1, 4)
      w.direction = 0
    }
    // Agent at (1, 4) facing east: the yellow key is straight ahead (view (3, 5)), the blue key
    // at view (2, 4), the locked door at view (3, 3).
    var obs = env.observation
    #expect(obs.image[3, 5] == (5, 4, 0))
    #expect(obs.image[2, 4] == (5, 2, 0))
    #expect(obs.image[3, 3] == (4, 4, 2))
    #expect(obs.image[3, 6] == (1, 0, 0))
    obs = env.step(GridAction.pickup.rawValue).observation
    #expect(obs.image[3, 6] == (5, 4, 0), "the carried key is drawn in the agent's cell")
    #expect(obs.image[3, 5] == (1, 0, 0))
    _ = env.step(GridAction.forward.rawValue)
    _ = env.step(GridAction.left.rawValue)  // face north at (2, 4)
    _ = env.step(GridAction.right.rawValue)
    _ = env.step(GridAction.forward.rawValue)  // (3, 4), door in front
    #expect(env.world.agent == GridPoint(3, 4))
    obs = env.step(GridAction.toggle.rawValue).observation
    #expect(obs.image[3, 5] == (4, 4, 0), "the yellow key opens the yellow door")
    #expect(env.world.carrying.type == .key, "the key is kept")
    // Walking onto the open door keeps the key shown in the agent's cell, and the door in
    // the world is unchanged.
    obs = env.step(GridAction.forward.rawValue).observation
    #expect(env.world.agent == GridPoint(4, 4))
    #expect(obs.image[3, 6] == (5, 4, 0))
    #expect(env.world[4, 4].isOpenDoor)
  }

  @Test func wrongKeyLeavesTheDoorLocked() throws {
    var env = try handBuilt { w in
      w.wallRect(0, 0, 9, 9)
      w.put(.door(.yellow, .locked), 3, 4)
      w.agent = GridPoint(2, 4)
      w.direction = 0
      w.carrying = .none
    }
    env.world.carrying = env.world.register(.key(.blue))
    let obs = env.step(GridAction.toggle.rawValue).observation
    #expect(obs.image[3, 5] == (4, 4, 2))
  }

  @Test func boxesOpenIntoTheirContents() throws {
    var env = try handBuilt { w in
      w.wallRect(0, 0, 9, 9)
      let box = w.put(.box(.purple), 3, 4)
      w.setContents(of: box, to: .key(.green))
      w.agent = GridPoint(2, 4)
      w.direction = 0
    }
    #expect(env.observation.image[3, 5] == (7, 3, 0))
    #expect(env.step(GridAction.toggle.rawValue).observation.image[3, 5] == (5, 1, 0))
    #expect(env.step(GridAction.toggle.rawValue).observation.image[3, 5] == (5, 1, 0), "keys do not toggle")
  }

  @Test func viewRotatesWithTheAgent() throws {
    // A ball east of the agent: ahead when facing east, on the left when facing south, behind
    // (out of view) when facing west, on the right when facing north.
    var env = try handBuilt(seeThroughWalls: true) { w in
      w.wallRect(0, 0, 9, 9)
      w.put(.ball(.green), 5, 4)
      w.agent = GridPoint(4, 4)
      w.direction = 0
    }
    #expect(env.observation.image[3, 5] == (6, 1, 0))
    var obs = env.step(GridAction.right.rawValue).observation  // south
    #expect(obs.image[2, 6] == (6, 1, 0))
    obs = env.step(GridAction.right.rawValue).observation  // west
    #expect((0..<7).allSatisfy { x in (0..<7).allSatisfy { y in obs.image[x, y].type != 6 } })
    obs = env.step(GridAction.right.rawValue).observation  // north
    #expect(obs.image[4, 6] == (6, 1, 0))
  }

  @Test func anyViewSizeAgreesWithTheSevenBySevenEncoder() throws {
    for id in ["MiniGrid-DoorKey-8x8-v0", "MiniGrid-FourRooms-v0", "BabyAI-BossLevel-v0", "MiniGrid-Empty-8x8-v0"] {
      var env = try MiniGrid.make(id)
      _ = try env.reset(seed: 3)
      var rng = NumPyGenerator(seed: 1)
      for _ in 0..<300 {
        let r = env.step(rng.integers(low: 0, high: env.actionSpace.n))
        #expect(env.world.encodeView(size: 7) == r.observation.image.bytes, "\(id)")
        if r.terminated || r.truncated { _ = try env.reset(seed: nil) }
      }
    }
  }
}
