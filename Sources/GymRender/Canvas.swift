import GymCore

/// An 8-bit RGB frame buffer with anti-aliased drawing: polygons, circles, lines, rectangles,
/// text and images, under an affine transform, blended with each colour's alpha.
///
/// ```swift
/// var c = Canvas(width: 600, height: 400, background: .white)
/// c.transform = .flipVertical(height: 400)        // draw with y up, as Gymnasium does
/// c.fillPolygon([Point(275, 85), Point(325, 85), Point(325, 115), Point(275, 115)], color: .black)
/// c.fillCircle(center: Point(300, 110), radius: 5, color: Color(hex: 0x8184CB))
/// c.drawLine(from: Point(0, 100), to: Point(600, 100), width: 1, color: .black)
/// return c.frame
/// ```
///
/// Coordinates are continuous: pixel (i, j) covers the unit square from (i, j) to (i+1, j+1),
/// so its centre is (i + 0.5, j + 0.5). Drawing never allocates per pixel; polygon filling
/// reuses one scratch buffer owned by the canvas.
public struct Canvas: Sendable {
  /// Width in pixels.
  public let width: Int
  /// Height in pixels.
  public let height: Int
  /// `height * width * 3` bytes: R, G, B per pixel, rows top to bottom (the `Frame` layout).
  public internal(set) var pixels: [UInt8]
  /// The map from drawing coordinates to pixels, applied to every vertex, end point and centre.
  public var transform: Transform2D = .identity
  /// Drawing is confined to this region (pixel coordinates, rounded outwards to whole pixels
  /// and intersected with the canvas); nil means the whole canvas.
  public var clipRect: Rect? {
    didSet { clip = PixelBounds(clipRect, width: width, height: height) }
  }

  /// The clip region in whole pixels; always inside the canvas.
  var clip: PixelBounds
  /// Signed-area accumulation cells for the polygon filler; all zeros between fills.
  var cells: [Float] = []

  /// A canvas filled with one colour.
  /// - Parameters:
  ///   - width: width in pixels, > 0.
  ///   - height: height in pixels, > 0.
  ///   - background: the fill; its alpha is ignored (the canvas is opaque).
  /// - Complexity: O(width × height).
  public init(width: Int, height: Int, background: Color = .white) {
    precondition(width > 0 && height > 0, "canvas size must be positive, got \(width)×\(height)")
    self.width = width
    self.height = height
    self.clip = PixelBounds(x0: 0, y0: 0, x1: width, y1: height)
    let count = width * height * 3
    if background.r == background.g && background.g == background.b {
      pixels = [UInt8](repeating: background.r, count: count)
    } else {
      pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
        Canvas.fillPattern(buffer.baseAddress!, pixelCount: width * height, background)
        initialized = count
      }
    }
  }

  /// A canvas that draws over a copy of `frame` (for captions on an environment's render).
  public init(frame: Frame) {
    width = frame.width
    height = frame.height
    pixels = frame.pixels
    clip = PixelBounds(x0: 0, y0: 0, x1: frame.width, y1: frame.height)
  }

  /// The pixels as a `Frame`; shares storage with the canvas until either is modified.
  public var frame: Frame {
    Frame(width: width, height: height, pixels: pixels)
  }

  /// Fills the whole canvas (ignoring the clip and transform) with an opaque colour.
  /// - Complexity: O(width × height), a `memset` for greys.
  public mutating func clear(_ color: Color = .white) {
    let n = width * height
    pixels.withUnsafeMutableBufferPointer { buffer in
      if color.r == color.g && color.g == color.b {
        buffer.update(repeating: color.r)
      } else {
        Canvas.fillPattern(buffer.baseAddress!, pixelCount: n, color)
      }
    }
  }

  /// The colour of pixel (`x`, `y`), origin at the top left; setting blends the new colour
  /// with its alpha (ignoring transform and clip).
  public subscript(x: Int, y: Int) -> Color {
    get {
      precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) outside canvas")
      let i = (y * width + x) * 3
      return Color(r: pixels[i], g: pixels[i + 1], b: pixels[i + 2])
    }
    set {
      precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) outside canvas")
      let i = (y * width + x) * 3
      pixels.withUnsafeMutableBufferPointer { p in
        Canvas.blend(p.baseAddress! + i, newValue, alpha256: Int(newValue.a) + Int(newValue.a >> 7))
      }
    }
  }

  // MARK: - Transform helpers

  /// Makes subsequent drawing shift by (`x`, `y`) before the current transform.
  public mutating func translate(x: Double, y: Double) {
    transform = Transform2D.translation(x: x, y: y).concatenating(transform)
  }

  /// Makes subsequent drawing scale by (`x`, `y`) before the current transform.
  public mutating func scale(x: Double, y: Double) {
    transform = Transform2D.scale(x: x, y: y).concatenating(transform)
  }

  /// Makes subsequent drawing rotate by `angle` radians before the current transform.
  public mutating func rotate(by angle: Double) {
    transform = Transform2D.rotation(angle).concatenating(transform)
  }

  /// Runs `body` and then restores the transform and clip it started with.
  public mutating func withSavedState<R>(_ body: (inout Canvas) throws -> R) rethrows -> R {
    let savedTransform = transform
    let savedClip = clipRect
    defer {
      transform = savedTransform
      clipRect = savedClip
    }
    return try body(&self)
  }

  // MARK: - Rectangles

  /// Fills a rectangle given in drawing coordinates.
  ///
  /// Axis-aligned rectangles are covered exactly (fractional edges are anti-aliased by
  /// area); rotated ones go through the polygon filler.
  /// - Complexity: O(pixels covered).
  public mutating func fillRect(_ rect: Rect, color: Color) {
    guard color.a > 0 else { return }
    if transform.isAxisAligned {
      let p = transform.apply(Point(x: rect.x, y: rect.y))
      let q = transform.apply(Point(x: rect.maxX, y: rect.maxY))
      fillPixelRect(x0: min(p.x, q.x), y0: min(p.y, q.y), x1: max(p.x, q.x), y1: max(p.y, q.y), color: color)
    } else {
      fillPolygon(rect.corners, color: color)
    }
  }

  /// Outlines a rectangle given in drawing coordinates with a stroke `width` pixels wide,
  /// centred on its edges; without rotation, edges of whole-pixel width snap to the pixel
  /// grid as in `drawLine`.
  public mutating func strokeRect(_ rect: Rect, width: Double = 1, color: Color) {
    guard transform.isAxisAligned else {
      strokePolyline(rect.corners, width: width, color: color, closed: true, join: .miter)
      return
    }
    let (w, c) = Canvas.effectiveStroke(width, color)
    guard w > 0, c.a > 0 else { return }
    let p = transform.apply(Point(x: rect.x, y: rect.y))
    let q = transform.apply(Point(x: rect.maxX, y: rect.maxY))
    let x0 = Canvas.snap(min(p.x, q.x), width: w) - w / 2
    let x1 = Canvas.snap(max(p.x, q.x), width: w) + w / 2
    let y0 = Canvas.snap(min(p.y, q.y), width: w) - w / 2
    let y1 = Canvas.snap(max(p.y, q.y), width: w) + w / 2
    if x1 - x0 <= 2 * w || y1 - y0 <= 2 * w {
      fillPixelRect(x0: x0, y0: y0, x1: x1, y1: y1, color: c)
      return
    }
    fillPixelRect(x0: x0, y0: y0, x1: x1, y1: y0 + w, color: c)
    fillPixelRect(x0: x0, y0: y1 - w, x1: x1, y1: y1, color: c)
    fillPixelRect(x0: x0, y0: y0 + w, x1: x0 + w, y1: y1 - w, color: c)
    fillPixelRect(x0: x1 - w, y0: y0 + w, x1: x1, y1: y1 - w, color: c)
  }

  /// Fills the pixel-space rectangle [x0, x1) × [y0, y1), covering boundary pixels by area.
  mutating func fillPixelRect(x0: Double, y0: Double, x1: Double, y1: Double, color: Color) {
    guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { return }
    let cx0 = max(x0, Double(clip.x0))
    let cy0 = max(y0, Double(clip.y0))
    let cx1 = min(x1, Double(clip.x1))
    let cy1 = min(y1, Double(clip.y1))
    guard cx0 < cx1, cy0 < cy1 else { return }
    let ix0 = Int(cx0.rounded(.down))
    let iy0 = Int(cy0.rounded(.down))
    let ix1 = Int(cx1.rounded(.up))
    let iy1 = Int(cy1.rounded(.up))
    let w = width
    let alpha = Double(color.a) / 255
    pixels.withUnsafeMutableBufferPointer { buffer in
      let base = buffer.baseAddress!
      for y in iy0..<iy1 {
        let vy = min(cy1, Double(y + 1)) - max(cy0, Double(y))
        let row = base + (y * w) * 3
        // Left and right partial columns, then the interior run.
        let leftCover = min(cx1, Double(ix0 + 1)) - cx0
        let a0 = Int((leftCover * vy * alpha * 256).rounded())
        Canvas.blend(row + ix0 * 3, color, alpha256: a0)
        if ix1 - 1 > ix0 {
          let rightCover = cx1 - Double(ix1 - 1)
          let a1 = Int((rightCover * vy * alpha * 256).rounded())
          Canvas.blend(row + (ix1 - 1) * 3, color, alpha256: a1)
        }
        if ix1 - ix0 > 2 {
          let am = Int((vy * alpha * 256).rounded())
          Canvas.fillSpan(row + (ix0 + 1) * 3, count: ix1 - ix0 - 2, color, alpha256: am)
        }
      }
    }
  }

  // MARK: - Images

  /// Copies `image` with its top-left corner at pixel (`x`, `y`), ignoring the transform;
  /// parts outside the clip region are dropped.
  /// - Complexity: O(image pixels).
  public mutating func drawImage(_ image: Frame, x: Int, y: Int) {
    let sx0 = max(0, clip.x0 - x)
    let sy0 = max(0, clip.y0 - y)
    let sx1 = min(image.width, clip.x1 - x)
    let sy1 = min(image.height, clip.y1 - y)
    guard sx0 < sx1, sy0 < sy1 else { return }
    let w = width
    image.pixels.withUnsafeBufferPointer { src in
      pixels.withUnsafeMutableBufferPointer { dst in
        for sy in sy0..<sy1 {
          let from = src.baseAddress! + (sy * image.width + sx0) * 3
          let to = dst.baseAddress! + ((y + sy) * w + x + sx0) * 3
          to.update(from: from, count: (sx1 - sx0) * 3)
        }
      }
    }
  }

  /// Draws `image` resampled to fill the pixel rectangle `rect` (area-averaged when
  /// shrinking), ignoring the transform.
  public mutating func drawImage(_ image: Frame, in rect: Rect) {
    guard rect.width >= 0.5, rect.height >= 0.5, rect.width < 1e5, rect.height < 1e5,
      abs(rect.x) < 1e8, abs(rect.y) < 1e8
    else { return }
    let w = Int(rect.width.rounded())
    let h = Int(rect.height.rounded())
    let scaled = (w == image.width && h == image.height) ? image : image.resized(width: w, height: h)
    drawImage(scaled, x: Int(rect.x.rounded()), y: Int(rect.y.rounded()))
  }
}

// MARK: - Pixel primitives

extension Canvas {
  /// Blends `color` into the pixel at `p` with weight `alpha256` (0 ... 256, 256 = replace).
  @inline(__always)
  static func blend(_ p: UnsafeMutablePointer<UInt8>, _ color: Color, alpha256 a: Int) {
    if a >= 256 {
      p[0] = color.r
      p[1] = color.g
      p[2] = color.b
    } else if a > 0 {
      let ia = 256 - a
      p[0] = UInt8(truncatingIfNeeded: (Int(color.r) * a + Int(p[0]) * ia + 128) >> 8)
      p[1] = UInt8(truncatingIfNeeded: (Int(color.g) * a + Int(p[1]) * ia + 128) >> 8)
      p[2] = UInt8(truncatingIfNeeded: (Int(color.b) * a + Int(p[2]) * ia + 128) >> 8)
    }
  }

  /// Blends `color` into `count` consecutive pixels starting at `p`.
  @inline(__always)
  static func fillSpan(_ p: UnsafeMutablePointer<UInt8>, count: Int, _ color: Color, alpha256 a: Int) {
    guard count > 0, a > 0 else { return }
    if a >= 256 {
      if color.r == color.g && color.g == color.b {
        p.update(repeating: color.r, count: count * 3)
      } else {
        fillPattern(p, pixelCount: count, color)
      }
      return
    }
    let ia = 256 - a
    let r = Int(color.r) * a + 128
    let g = Int(color.g) * a + 128
    let b = Int(color.b) * a + 128
    var q = p
    for _ in 0..<count {
      q[0] = UInt8(truncatingIfNeeded: (r + Int(q[0]) * ia) >> 8)
      q[1] = UInt8(truncatingIfNeeded: (g + Int(q[1]) * ia) >> 8)
      q[2] = UInt8(truncatingIfNeeded: (b + Int(q[2]) * ia) >> 8)
      q += 3
    }
  }

  /// Writes `pixelCount` opaque pixels of `color` starting at `p`, doubling the written
  /// prefix with `memcpy`-style copies.
  static func fillPattern(_ p: UnsafeMutablePointer<UInt8>, pixelCount: Int, _ color: Color) {
    guard pixelCount > 0 else { return }
    p[0] = color.r
    p[1] = color.g
    p[2] = color.b
    let total = pixelCount * 3
    var done = 3
    while done < total {
      let n = min(done, total - done)
      (p + done).update(from: p, count: n)
      done += n
    }
  }
}

/// A half-open rectangle of whole pixels, [x0, x1) × [y0, y1).
struct PixelBounds: Sendable, Hashable {
  var x0: Int
  var y0: Int
  var x1: Int
  var y1: Int

  init(x0: Int, y0: Int, x1: Int, y1: Int) {
    self.x0 = x0
    self.y0 = y0
    self.x1 = x1
    self.y1 = y1
  }

  /// The canvas-clipped pixel region covering `rect` (the whole canvas when nil).
  init(_ rect: Rect?, width: Int, height: Int) {
    guard let rect, rect.x.isFinite, rect.y.isFinite, rect.width.isFinite, rect.height.isFinite
    else {
      self.init(x0: 0, y0: 0, x1: width, y1: height)
      return
    }
    func clamp(_ v: Double, _ hi: Int) -> Int { Int(min(max(v, 0), Double(hi))) }
    let x0 = clamp(rect.x.rounded(.down), width)
    let y0 = clamp(rect.y.rounded(.down), height)
    let x1 = max(x0, clamp(rect.maxX.rounded(.up), width))
    let y1 = max(y0, clamp(rect.maxY.rounded(.up), height))
    self.init(x0: x0, y0: y0, x1: x1, y1: y1)
  }
}
