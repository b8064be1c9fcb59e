import GymCore
import GymRender

/// Minigrid's tile pictures drawn with GymRender: each cell a `tileSize` square with a grey
/// top and left grid line, objects in fractions of the tile as Minigrid's `WorldObj.render`
/// draws them, the agent as a red triangle pointing along its heading, the cells it sees
/// lightened by 30 % towards white, and the mission as a caption band under the map.
extension GridWorld {
  /// Draws the whole map (or, with `options.agentPOV`, the agent's 7×7 view) as a frame.
  public func render(_ options: GridRenderOptions = GridRenderOptions()) -> Frame {
    let t = options.tileSize
    precondition(t >= 4, "tiles need at least 4 pixels, got \(t)")
    let cols = options.agentPOV ? viewSize : width
    let rows = options.agentPOV ? viewSize : height
    let mapWidth = cols * t, mapHeight = rows * t
    let captionScale = max(1, t / 16)
    let lines = options.caption && !mission.isEmpty ? Self.wrap(mission, width: mapWidth - 8 * captionScale, scale: captionScale) : []
    let lineHeight = (BitmapFont.glyphHeight + 3) * captionScale
    let captionHeight = lines.isEmpty ? 0 : lines.count * lineHeight + 8 * captionScale
    var canvas = Canvas(width: mapWidth, height: mapHeight + captionHeight, background: .black)
    let seen = options.highlight && !options.agentPOV ? visibleCells() : []
    let mask = options.agentPOV ? visibilityMask() : []
    for row in 0..<rows {
      for col in 0..<cols {
        let x0 = Double(col * t), y0 = Double(row * t)
        let object: WorldObject
        var agentHere = false
        var lit = false
        if options.agentPOV {
          // The view as the agent sees it: its cell at the bottom centre, facing up.
          let p = worldPoint(viewX: col, viewY: row)
          guard mask[col * viewSize + row] else {
            Self.drawGridLines(&canvas, x0, y0, Double(t))
            continue
          }
          object = col == viewSize / 2 && row == viewSize - 1 ? .empty : cellOrWall(p)
          agentHere = col == viewSize / 2 && row == viewSize - 1
        } else {
          object = self[col, row]
          agentHere = agent.x == col && agent.y == row
          lit = options.highlight && seen[row * width + col]
        }
        Self.drawGridLines(&canvas, x0, y0, Double(t))
        Self.drawObject(object, on: &canvas, x0, y0, Double(t))
        if agentHere { Self.drawAgent(on: &canvas, x0, y0, Double(t), direction: options.agentPOV ? 3 : direction) }
        if lit { canvas.fillRect(Rect(x: x0, y: y0, width: Double(t), height: Double(t)), color: Color(r: 255, g: 255, b: 255, a: 77)) }
      }
    }
    if !lines.isEmpty {
      canvas.fillRect(Rect(x: 0, y: Double(mapHeight), width: Double(mapWidth), height: Double(captionHeight)), color: .white)
      for (k, line) in lines.enumerated() {
        canvas.drawText(
          line, at: Point(Double(mapWidth) / 2, Double(mapHeight + 4 * captionScale + k * lineHeight)),
          scale: captionScale, color: .black, anchor: .top)
      }
    }
    return canvas.frame
  }

  /// Splits `text` at spaces into lines no wider than `width` pixels.
  static func wrap(_ text: String, width: Int, scale: Int) -> [String] {
    var lines: [String] = [], line = ""
    for word in text.split(separator: " ") {
      let candidate = line.isEmpty ? String(word) : line + " " + word
      if !line.isEmpty && BitmapFont.measure(candidate, scale: scale).width > width {
        lines.append(line)
        line = String(word)
      } else {
        line = candidate
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  static func drawGridLines(_ canvas: inout Canvas, _ x0: Double, _ y0: Double, _ t: Double) {
    let grey = Color(r: 100, g: 100, b: 100)
    canvas.fillRect(Rect(x: x0, y: y0, width: t * 0.031, height: t), color: grey)
    canvas.fillRect(Rect(x: x0, y: y0, width: t, height: t * 0.031), color: grey)
  }

  /// One object in its tile, in Minigrid's proportions.
  static func drawObject(_ o: WorldObject, on canvas: inout Canvas, _ x0: Double, _ y0: Double, _ t: Double) {
    func rect(_ xmin: Double, _ xmax: Double, _ ymin: Double, _ ymax: Double, _ c: Color) {
      canvas.fillRect(Rect(x: x0 + xmin * t, y: y0 + ymin * t, width: (xmax - xmin) * t, height: (ymax - ymin) * t), color: c)
    }
    func circle(_ cx: Double, _ cy: Double, _ r: Double, _ c: Color) {
      canvas.fillCircle(center: Point(x0 + cx * t, y0 + cy * t), radius: r * t, color: c)
    }
    let (r, g, b) = o.color.rgb
    let color = Color(r: r, g: g, b: b)
    switch o.type {
    case .empty, .unseen, .agent:
      return
    case .wall, .goal:
      rect(0, 1, 0, 1, color)
    case .floor:
      rect(0.031, 1, 0.031, 1, Color(r: r / 2, g: g / 2, b: b / 2))
    case .lava:
      rect(0, 1, 0, 1, Color(r: 255, g: 128, b: 0))
      for k in 0..<3 {
        let y = 0.3 + 0.2 * Double(k)
        var points: [Point] = []
        for (xa, dy) in [(0.1, 0.0), (0.3, 0.03), (0.5, 0.0), (0.7, 0.03), (0.9, 0.0)] {
          points.append(Point(x0 + xa * t, y0 + (y + dy) * t))
        }
        for (a, c) in zip(points, points.dropFirst()) { canvas.drawLine(from: a, to: c, width: max(1, t * 0.03), color: .black) }
      }
    case .door:
      switch o.state {
      case 0:  // open: a thin leaf along the right edge
        rect(0.88, 1, 0, 1, color)
        rect(0.92, 0.96, 0.04, 0.96, .black)
      case 2:  // locked: darker panel and a key slot
        rect(0, 1, 0, 1, color)
        rect(0.06, 0.94, 0.06, 0.94, Color(r: UInt8(Double(r) * 0.45), g: UInt8(Double(g) * 0.45), b: UInt8(Double(b) * 0.45)))
        rect(0.52, 0.75, 0.5, 0.56, color)
      default:  // closed: framed panel with a handle
        rect(0, 1, 0, 1, color)
        rect(0.04, 0.96, 0.04, 0.96, .black)
        rect(0.08, 0.92, 0.08, 0.92, color)
        rect(0.12, 0.88, 0.12, 0.88, .black)
        circle(0.75, 0.5, 0.08, color)
      }
    case .key:
      rect(0.5, 0.63, 0.31, 0.88, color)
      rect(0.38, 0.5, 0.59, 0.66, color)
      rect(0.38, 0.5, 0.81, 0.88, color)
      circle(0.56, 0.28, 0.19, color)
      circle(0.56, 0.28, 0.064, .black)
    case .ball:
      circle(0.5, 0.5, 0.31, color)
    case .box:
      rect(0.12, 0.88, 0.12, 0.88, color)
      rect(0.18, 0.82, 0.18, 0.82, .black)
      rect(0.16, 0.84, 0.47, 0.53, color)
    }
  }

  /// The agent: a red triangle pointing along `direction` (0 east … 3 north).
  static func drawAgent(on canvas: inout Canvas, _ x0: Double, _ y0: Double, _ t: Double, direction: Int) {
    let tip = [(0.12, 0.19), (0.87, 0.5), (0.12, 0.81)]
    let (c, s): (Double, Double) = [(1, 0), (0, 1), (-1, 0), (0, -1)][direction & 3]
    let points = tip.map { (x, y) -> Point in
      let dx = x - 0.5, dy = y - 0.5
      return Point(x0 + (0.5 + dx * c - dy * s) * t, y0 + (0.5 + dx * s + dy * c) * t)
    }
    canvas.fillPolygon(points, color: Color(r: 255, g: 0, b: 0))
  }
}

extension MiniGridEnvironment: RenderableEnvironment {
  /// The map with Minigrid's tiles, the seen cells highlighted and the mission as a caption
  /// (see `GridRenderOptions`).
  public func render() -> Frame { world.render(renderOptions) }
}
