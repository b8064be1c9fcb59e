import GymCore
import GymRender
import RealModule

extension LanguageTask: RenderableEnvironment {
  /// Frame size in pixels.
  public static var frameSize: (width: Int, height: Int) { (600, 420) }

  /// A 600×420 side view with the instruction as a caption at the top, the goal marked in green
  /// on the scene, and the measured value, goal and hold progress along the bottom.
  public func render() -> Frame {
    let (width, height) = Self.frameSize
    let s = scene
    var canvas = Canvas(width: width, height: height, background: s.layout.style == 0 ? Color(hex: 0xF4F1EA) : Color(hex: 0xE6EEF5))
    // World (x in −1.05...1.05, y in 0...1.2) onto the band between caption and status line.
    let top = 34.0, bottom = Double(height) - 30
    let scale = min(Double(width) / 2.1, (bottom - top) / 1.2)
    func px(_ p: SIMD2<Double>) -> Point { Point(Double(width) / 2 + p.x * scale, bottom - p.y * scale) }
    func poly(_ points: [SIMD2<Double>], _ color: Color) { canvas.fillPolygon(points.map(px), color: color) }
    func box(center c: SIMD2<Double>, w: Double, h: Double, angle: Double) -> [SIMD2<Double>] {
      let co = Double.cos(angle), si = Double.sin(angle)
      return [(-w, -h), (w, -h), (w, h), (-w, h)].map { c + SIMD2($0.0 * co - $0.1 * si, $0.0 * si + $0.1 * co) }
    }
    let goalColor = Color(r: 30, g: 160, b: 60)
    let wood = Color(hex: 0xA0764A), objectColor = Color(hex: 0x3D6FB6), dark = Color(hex: 0x333333)
    let tableY = s.layout.tableY

    // Table.
    poly([SIMD2(-1.05, tableY - 0.03), SIMD2(1.05, tableY - 0.03), SIMD2(1.05, tableY), SIMD2(-1.05, tableY)], wood)
    for x in [-0.95, 0.95] { poly([SIMD2(x - 0.02, 0), SIMD2(x + 0.02, 0), SIMD2(x + 0.02, tableY - 0.03), SIMD2(x - 0.02, tableY - 0.03)], wood) }

    let q = task.quantity
    switch task {
    case .liftObject, .rotateObject:
      let o = s.object
      let angle = task == .rotateObject ? s.angle : 0
      if task == .liftObject {
        let y = tableY + goal.value
        canvas.drawLine(from: px(SIMD2(s.objectCenter.x - 0.15, y)), to: px(SIMD2(s.objectCenter.x + 0.15, y)), width: 2, color: goalColor)
      } else {
        canvas.strokePolygon(shape(o, center: s.objectCenter, angle: goal.value).map(px), width: 1.5, color: goalColor)
      }
      poly(shape(o, center: s.objectCenter, angle: angle), objectColor)
    case .openDrawer, .closeDrawer:
      let front = s.cabinetFront, w = s.object.width, h = s.object.height
      poly([SIMD2(front - w - 0.04, tableY), SIMD2(front, tableY), SIMD2(front, tableY + 0.22), SIMD2(front - w - 0.04, tableY + 0.22)], Color(hex: 0x8A6A4A))
      let x = front + s.joint * w
      poly([SIMD2(x - w, s.drawerHandleY - h / 2), SIMD2(x, s.drawerHandleY - h / 2), SIMD2(x, s.drawerHandleY + h / 2), SIMD2(x - w, s.drawerHandleY + h / 2)], Color(hex: 0xC9A27A))
      poly(box(center: SIMD2(x + 0.015, s.drawerHandleY), w: 0.015, h: 0.02, angle: 0), dark)
      let gx = front + goal.value * w
      canvas.drawLine(from: px(SIMD2(gx, s.drawerHandleY - 0.1)), to: px(SIMD2(gx, s.drawerHandleY + 0.1)), width: 2, color: goalColor)
    case .openDoor, .closeDoor:
      let h = s.hinge, r = s.object.width
      poly([SIMD2(h.x - 0.3, tableY), SIMD2(h.x, tableY), SIMD2(h.x, tableY + r + 0.04), SIMD2(h.x - 0.3, tableY + r + 0.04)], Color(hex: 0x8A6A4A))
      let gEnd = h + r * SIMD2(Double.sin(goal.value), Double.cos(goal.value))
      canvas.drawLine(from: px(h), to: px(gEnd), width: 2, color: goalColor)
      let end = h + r * SIMD2(Double.sin(s.joint), Double.cos(s.joint))
      canvas.drawLine(from: px(h), to: px(end), width: max(3, s.object.height * scale), color: Color(hex: 0xC9A27A))
      canvas.fillCircle(center: px(s.graspPoint), radius: 4, color: dark)
    case .pourBalls, .transferBalls:
      // Target (bowl or cup) with the goal level marked, the balls where the model has them.
      let tx = s.layout.targetX, tw = s.layout.targetWidth / 2, th = s.layout.targetHeight
      canvas.strokePolyline([SIMD2(tx - tw, tableY + th), SIMD2(tx - tw, tableY), SIMD2(tx + tw, tableY), SIMD2(tx + tw, tableY + th)].map(px), width: 3, color: dark)
      let goalY = tableY + th * goal.value
      canvas.drawLine(from: px(SIMD2(tx - tw - 0.03, goalY)), to: px(SIMD2(tx + tw + 0.03, goalY)), width: 2, color: goalColor)
      canvas.drawText("\(Int((goal.value * Double(ManipulationScene.ballCount)).rounded())) of \(ManipulationScene.ballCount)", at: px(SIMD2(tx, tableY + th + 0.03)), scale: 1, color: goalColor, anchor: .bottom)
      // Container, tilted clockwise.
      let w = s.object.width / 2, h = s.object.height / 2
      let frame = BallPile.Frame(s.containerPose)
      func local(_ x: Double, _ y: Double) -> SIMD2<Double> { frame.world(SIMD2(x, y)) }
      canvas.strokePolyline([local(-w, h), local(-w, -h), local(w, -h), local(w, h)].map(px), width: 3, color: objectColor)
      let (centres, radius) = s.balls
      for p in centres {
        canvas.fillCircle(center: px(p), radius: max(1.5, radius * scale), color: Color(hex: 0xD9534F))
      }
    }

    // Gripper: two fingers, orange when holding.
    let g = s.gripper
    let gripColor = s.grasped ? Color(hex: 0xE08A1E) : dark
    canvas.drawLine(from: px(g + SIMD2(-0.02, 0.05)), to: px(g + SIMD2(-0.02, 0)), width: 3, color: gripColor)
    canvas.drawLine(from: px(g + SIMD2(0.02, 0.05)), to: px(g + SIMD2(0.02, 0)), width: 3, color: gripColor)
    canvas.drawLine(from: px(g + SIMD2(-0.02, 0.05)), to: px(g + SIMD2(0.02, 0.05)), width: 3, color: gripColor)
    canvas.drawLine(from: px(g + SIMD2(0, 0.05)), to: px(g + SIMD2(0, 0.12)), width: 2, color: gripColor)

    // Caption and status.
    canvas.drawText(instruction.text, at: Point(Double(width) / 2, 10), scale: 1, color: .black, anchor: .top, background: .white)
    func say(_ v: Double) -> String {
      let x = (q.spoken(v) * 10).rounded() / 10
      return (x == x.rounded() ? String(Int(x)) : String(x)) + (q == .openness || q == .amount ? "%" : " " + q.spokenUnitName)
    }
    let status = "\(task.idStem) [\(split.rawValue)]  measured \(say(s.measured))  goal \(say(goal.value)) +/- \(say(goal.tolerance))  held \(tracker.consecutiveSteps)/\(goal.holdSteps)"
    canvas.drawText(status, at: Point(8, Double(height) - 8), scale: 1, color: tracker.succeeded ? goalColor : dark, anchor: .bottomLeft)
    let barX = Double(width) - 108
    canvas.strokeRect(Rect(x: barX, y: Double(height) - 20, width: 100, height: 10), width: 1, color: dark)
    canvas.fillRect(Rect(x: barX, y: Double(height) - 20, width: 100 * tracker.holdProgress, height: 10), color: goalColor)
    return canvas.frame
  }

  /// The outline of an object rotated counter-clockwise by `angle` about `center`.
  func shape(_ o: ObjectVariant, center c: SIMD2<Double>, angle: Double) -> [SIMD2<Double>] {
    let w = o.width / 2, h = o.height / 2
    let local: [SIMD2<Double>]
    switch o.shape {
    case .rectangle: local = [SIMD2(-w, -h), SIMD2(w, -h), SIMD2(w, h), SIMD2(-w, h)]
    case .triangle: local = [SIMD2(-w, -h), SIMD2(w, -h), SIMD2(-w, h)]
    case .circle, .hexagon:
      let n = o.shape == .circle ? 20 : 6
      local = (0..<n).map { k in let t = Double(k) * 2 * .pi / Double(n); return SIMD2(w * Double.cos(t), h * Double.sin(t)) }
    }
    let co = Double.cos(angle), si = Double.sin(angle)
    return local.map { c + SIMD2($0.x * co - $0.y * si, $0.x * si + $0.y * co) }
  }
}
