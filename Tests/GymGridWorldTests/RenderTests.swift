import GymCore
import GymGridWorld
import GymRender
import Testing

@Suite struct GridRenderTests {
  @Test func tilesAgentHighlightAndCaption() throws {
    var env = try MiniGrid.make("MiniGrid-Empty-5x5-v0")
    _ = try env.reset(seed: 0)
    let frame = env.render()
    #expect(frame.width == 5 * 32)
    #expect(frame.height > 5 * 32, "a caption band under the map")
    // Walls are grey (100) everywhere on the border, lightened to 147 where the agent sees.
    let wall = frame[16, 16]
    #expect(wall == (100, 100, 100) || wall == (147, 147, 147))
    // The agent at (1, 1) facing east: the centre of its tile is red (highlighted: 255, 77, 77).
    #expect(frame[48, 48].0 == 255 && frame[48, 48].1 < 100)
    // The goal at (3, 3) is green.
    let goal = frame[3 * 32 + 16, 3 * 32 + 16]
    #expect(goal.1 == 255 && goal.0 < 100)
    // The caption band is white with black text somewhere.
    var dark = 0
    for y in 5 * 32..<frame.height { for x in 0..<frame.width where frame[x, y] == (0, 0, 0) { dark += 1 } }
    #expect(dark > 20)
    #expect(frame[1, frame.height - 1] == (255, 255, 255))
  }

  @Test func unseenCellsAreNotHighlighted() throws {
    var env = try MiniGrid.make("MiniGrid-FourRooms-v0", options: ["caption": false])
    _ = try env.reset(seed: 0)
    let frame = env.render()
    #expect(frame.height == 19 * 32)
    let seen = env.world.visibleCells()
    for y in 0..<19 {
      for x in 0..<19 where env.world[x, y].type == .wall {
        let c = frame[x * 32 + 20, y * 32 + 20]
        let expected: UInt8 = seen[y * 19 + x] ? 147 : 100
        #expect(c.0 == expected && c.1 == expected && c.2 == expected)
      }
    }
  }

  @Test func agentViewAndTileSizeOptions() throws {
    var env = try MiniGrid.make("BabyAI-GoToLocal-v0", options: ["agent_pov": true, "tile_size": 8, "caption": false])
    _ = try env.reset(seed: 0)
    let frame = env.render()
    #expect(frame.width == 56 && frame.height == 56)
    // The agent sits at the bottom centre pointing up.
    let tip = frame[3 * 8 + 4, 6 * 8 + 4]
    #expect(tip.0 > 200 && tip.1 < 80 && tip.2 < 80)
  }
}
