extension GridWorld {
  /// The map as Minigrid's `pprint_grid` draws it: two characters per cell (`WG` grey wall,
  /// `KY` yellow key, `LY` locked door, `DY` closed door, `__` open door, `GG` goal, `VR`
  /// lava, `AB` ball, `BB` box, `FB` floor), the agent as `>>`, `VV`, `<<` or `^^`, and
  /// empty cells as two spaces.
  public var asciiGrid: String {
    var out = ""
    let letters = ["R", "G", "B", "P", "Y", "G"]
    for y in 0..<height {
      for x in 0..<width {
        if x == agent.x && y == agent.y {
          out += [">>", "VV", "<<", "^^"][direction & 3]
          continue
        }
        let o = self[x, y]
        let c = o.color == .grey ? "G" : letters[Int(o.color.rawValue)]
        switch o.type {
        case .empty, .unseen, .agent: out += "  "
        case .door: out += o.state == 0 ? "__" : (o.state == 2 ? "L" + c : "D" + c)
        case .wall: out += "W" + c
        case .floor: out += "F" + c
        case .key: out += "K" + c
        case .ball: out += "A" + c
        case .box: out += "B" + c
        case .goal: out += "G" + c
        case .lava: out += "V" + c
        }
      }
      if y < height - 1 { out += "\n" }
    }
    return out
  }
}
