#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// How an open stroke ends.
public enum LineCap: Sendable, Hashable {
  /// Flat, exactly at the end point.
  case butt
  /// A half disc around the end point.
  case round
  /// Flat, extended half the width past the end point.
  case square
}

/// How a stroke turns a corner.
public enum LineJoin: Sendable, Hashable {
  /// A disc at every corner.
  case round
  /// Sharp corners (cut to a bevel beyond a miter length of 4 widths).
  case miter
  /// Corners cut straight across.
  case bevel
}

extension Canvas {
  /// Draws a straight line with anti-aliased edges.
  ///
  /// The end points go through the transform; the width does not (it is in pixels).
  /// Lines thinner than a pixel are drawn one pixel wide with proportionally less alpha.
  /// Horizontal and vertical lines of whole-pixel width are snapped to the pixel grid (moved
  /// by under half a pixel) so they come out crisp instead of straddling two rows.
  /// - Parameters:
  ///   - from: start point in drawing coordinates.
  ///   - to: end point in drawing coordinates.
  ///   - width: stroke width in pixels.
  ///   - color: stroke colour.
  ///   - cap: how the ends look.
  /// - Complexity: O(pixels in the line's bounding box).
  public mutating func drawLine(
    from: Point, to: Point, width: Double = 1, color: Color, cap: LineCap = .butt
  ) {
    let (w, c) = Canvas.effectiveStroke(width, color)
    guard w > 0, c.a > 0 else { return }
    var p = transform.apply(from)
    var q = transform.apply(to)
    if p.y == q.y {
      p.y = Canvas.snap(p.y, width: w)
      q.y = p.y
    } else if p.x == q.x {
      p.x = Canvas.snap(p.x, width: w)
      q.x = p.x
    }
    let hw = w / 2
    let len = (q - p).length
    guard len.isFinite else { return }
    if len == 0 {
      if cap != .butt { fillPixelDisc(center: p, radius: hw, color: c, square: cap == .square) }
      return
    }
    let d = (q - p) * (1 / len)
    let n = Point(x: -d.y * hw, y: d.x * hw)
    let ext = cap == .square ? d * hw : .zero
    let a = p - ext
    let b = q + ext
    if cap == .round {
      var path = StrokePath()
      path.addQuad(a, b, n)
      path.addDisc(p, hw)
      path.addDisc(q, hw)
      fillPixelContours(path.points, ends: path.ends, color: c)
      return
    }
    withUnsafeTemporaryAllocation(of: Point.self, capacity: 4) { quad in
      quad[0] = a - n
      quad[1] = b - n
      quad[2] = b + n
      quad[3] = a + n
      withUnsafeTemporaryAllocation(of: Int.self, capacity: 1) { ends in
        ends[0] = 4
        rasterize(UnsafeBufferPointer(quad), contourEnds: UnsafeBufferPointer(ends), color: c, rule: .nonZero)
      }
    }
  }

  /// Draws connected line segments through `points` as one shape, so semi-transparent
  /// strokes are not darker where segments meet.
  ///
  /// Non-finite points break the line into separate runs (gaps in a plotted series).
  /// - Parameters:
  ///   - points: vertices in drawing coordinates.
  ///   - width: stroke width in pixels.
  ///   - color: stroke colour.
  ///   - closed: also join the last point back to the first.
  ///   - join: how corners look.
  ///   - cap: how the ends of an open line look.
  /// - Complexity: O(points + pixels in the bounding box).
  public mutating func strokePolyline(
    _ points: [Point], width: Double = 1, color: Color, closed: Bool = false,
    join: LineJoin = .round, cap: LineCap = .butt
  ) {
    let (w, c) = Canvas.effectiveStroke(width, color)
    guard w > 0, c.a > 0, !points.isEmpty else { return }
    var path = StrokePath()
    var run: [Point] = []
    run.reserveCapacity(points.count)
    for p in points {
      let q = transform.apply(p)
      if q.x.isFinite && q.y.isFinite {
        if run.last != q { run.append(q) }
      } else {
        path.addRun(run, halfWidth: w / 2, closed: false, join: join, cap: cap)
        run.removeAll(keepingCapacity: true)
      }
    }
    if closed && run.count > 2 && run.first == run.last { run.removeLast() }
    path.addRun(run, halfWidth: w / 2, closed: closed && run.count > 2, join: join, cap: cap)
    fillPixelContours(path.points, ends: path.ends, color: c)
  }

  /// Outlines a closed polygon with a stroke `width` pixels wide centred on its edges.
  public mutating func strokePolygon(
    _ points: [Point], width: Double = 1, color: Color, join: LineJoin = .miter
  ) {
    strokePolyline(points, width: width, color: color, closed: true, join: join)
  }

  /// The centre coordinate nearest `v` at which a stroke of whole-pixel width `w` covers
  /// whole pixels; `v` unchanged for fractional widths.
  static func snap(_ v: Double, width w: Double) -> Double {
    guard w == w.rounded(), v.isFinite else { return v }
    return (v - w / 2).rounded() + w / 2
  }

  /// Widths below one pixel become one pixel with proportionally lower alpha.
  static func effectiveStroke(_ width: Double, _ color: Color) -> (Double, Color) {
    guard width.isFinite, width > 0 else { return (0, color) }
    if width >= 1 { return (width, color) }
    return (1, color.withOpacity(Double(color.a) / 255 * width))
  }
}

/// Contours (all wound the same way) whose union is a stroke, in pixel coordinates.
struct StrokePath {
  var points: [Point] = []
  var ends: [Int] = []

  /// Adds a polygon, reversed if needed so its signed area is positive.
  mutating func addOriented(_ poly: [Point]) {
    var area = 0.0
    for i in 0..<poly.count {
      let p = poly[i]
      let q = poly[(i + 1) % poly.count]
      area += p.x * q.y - q.x * p.y
    }
    if area >= 0 { points.append(contentsOf: poly) } else { points.append(contentsOf: poly.reversed()) }
    ends.append(points.count)
  }

  /// The rectangle from `a` to `b` with half-width normal `n` (positively wound).
  mutating func addQuad(_ a: Point, _ b: Point, _ n: Point) {
    points.append(contentsOf: [a - n, b - n, b + n, a + n])
    ends.append(points.count)
  }

  /// A disc approximated by a polygon fine enough to look round at radius `r` pixels.
  mutating func addDisc(_ c: Point, _ r: Double) {
    let n = max(8, min(96, Int((r * 2.5).rounded(.up)) * 2))
    for k in 0..<n {
      let t = Double(k) * 2 * Double.pi / Double(n)
      points.append(Point(x: c.x + r * cos(t), y: c.y + r * sin(t)))
    }
    ends.append(points.count)
  }

  /// Adds one unbroken run of distinct points.
  mutating func addRun(_ run: [Point], halfWidth hw: Double, closed: Bool, join: LineJoin, cap: LineCap) {
    guard let first = run.first else { return }
    if run.count == 1 {
      switch cap {
      case .butt: break
      case .round: addDisc(first, hw)
      case .square:
        addQuad(first - Point(x: hw, y: 0), first + Point(x: hw, y: 0), Point(x: 0, y: hw))
      }
      return
    }
    let segmentCount = closed ? run.count : run.count - 1
    var dirs: [Point] = []
    dirs.reserveCapacity(segmentCount)
    for i in 0..<segmentCount {
      let a = run[i]
      let b = run[(i + 1) % run.count]
      let v = b - a
      dirs.append(v * (1 / v.length))
    }
    for i in 0..<segmentCount {
      var a = run[i]
      var b = run[(i + 1) % run.count]
      let d = dirs[i]
      if !closed && cap == .square {
        if i == 0 { a = a - d * hw }
        if i == segmentCount - 1 { b = b + d * hw }
      }
      addQuad(a, b, Point(x: -d.y * hw, y: d.x * hw))
    }
    // Joins at interior vertices (every vertex when closed).
    let joinRange = closed ? 0..<run.count : 1..<(run.count - 1)
    for v in joinRange {
      let d1 = dirs[(v - 1 + segmentCount) % segmentCount]
      let d2 = dirs[v % segmentCount]
      addJoin(at: run[v], d1, d2, hw, join)
    }
    if !closed && cap == .round {
      addDisc(run[0], hw)
      addDisc(run[run.count - 1], hw)
    }
  }

  /// Fills the gap on the outside of the corner at `v` between directions `d1` and `d2`.
  mutating func addJoin(at v: Point, _ d1: Point, _ d2: Point, _ hw: Double, _ join: LineJoin) {
    let cross = d1.x * d2.y - d1.y * d2.x
    let dot = d1.x * d2.x + d1.y * d2.y
    if abs(cross) < 1e-12 && dot > 0 { return }  // straight on: nothing to fill
    if join == .round {
      addDisc(v, hw)
      return
    }
    let side: Double = cross > 0 ? -1 : 1
    let n1 = Point(x: -d1.y * hw * side, y: d1.x * hw * side)
    let n2 = Point(x: -d2.y * hw * side, y: d2.x * hw * side)
    let o1 = v + n1
    let o2 = v + n2
    if join == .miter {
      let bisector = n1 + n2
      let bl = bisector.length
      if bl > 1e-12 {
        let cosHalf = (bisector.x * n1.x + bisector.y * n1.y) / (bl * hw)
        if cosHalf > 0.25 {  // miter length ≤ 4 × half width
          let tip = v + bisector * (hw / cosHalf / bl)
          addOriented([v, o1, tip, o2])
          return
        }
      }
    }
    addOriented([v, o1, o2])
  }
}
