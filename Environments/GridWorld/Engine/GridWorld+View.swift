/// Minigrid's egocentric view: the square in front of the agent, rotated so the agent faces
/// up, with occlusion from `process_vis`.
extension GridWorld {
  /// The (type, colour, state) bytes of a cell code, little-endian in the low 24 bits.
  @inlinable @inline(__always)
  static func encoding(_ raw: UInt16) -> UInt32 {
    let code = UInt32(raw)
    return (code & 0xF) | ((code >> 4) & 7) << 8 | ((code >> 7) & 3) << 16
  }

  /// `process_vis` for one 7-cell row, tabulated: index `m | t << 7` (visible bits `m`,
  /// see-through bits `t`, bit i = view column i) gives `m' | up << 7`: the row's visibility
  /// after the left-to-right and right-to-left sweeps, and the cells it makes visible in the
  /// row above.
  @usableFromInline static let rowSweep7: [UInt16] = (0..<(1 << 14)).map { i in
    let sweep = rowSweep(mask: UInt64(i & 0x7F), clear: UInt64(i >> 7), width: 7)
    return UInt16(sweep.mask) | UInt16(sweep.up) << 7
  }

  /// One row of `process_vis` for any width: the left-to-right sweep (a visible see-through
  /// cell reveals its right neighbour and the two cells above it and above-right), then the
  /// right-to-left mirror image.
  @usableFromInline
  static func rowSweep(mask m0: UInt64, clear t: UInt64, width: Int) -> (mask: UInt64, up: UInt64) {
    var m = m0, up: UInt64 = 0
    for i in 0..<(width - 1) where (m >> i) & 1 != 0 && (t >> i) & 1 != 0 {
      m |= 1 << (i + 1)
      up |= 3 << i
    }
    for i in stride(from: width - 1, through: 1, by: -1) where (m >> i) & 1 != 0 && (t >> i) & 1 != 0 {
      m |= 1 << (i - 1)
      up |= 3 << (i - 1)
    }
    return (m, up)
  }

  /// Writes the 7×7×3 partial observation into `image` (`gen_obs()["image"]`).
  /// - Precondition: `viewSize == 7`.
  /// - Complexity: O(49), no allocation.
  @inlinable
  public func encodeView(into image: inout GridImage) {
    image.withUnsafeMutableBytes { encodeView7(into: $0.baseAddress!) }
  }

  /// The 7×7×3 partial observation.
  @inlinable
  public var viewImage: GridImage {
    var image = GridImage()
    encodeView(into: &image)
    return image
  }

  /// Writes the 147-byte partial observation at `out` (the batched path); writes exactly 147
  /// bytes.
  /// - Precondition: `viewSize == 7`.
  @inlinable
  public func encodeView7(into out: UnsafeMutableRawPointer) {
    precondition(viewSize == 7, "the 7×7 encoder needs agent_view_size 7")
    let f = Heading.forward(direction), r = Heading.right(direction)
    let fOff = f.x &+ f.y &* rowStride, rOff = r.x &+ r.y &* rowStride
    let base = index(agent.x, agent.y)
    let carried = carrying.isNone ? UInt32(1) : Self.encoding(carrying.raw)
    cells.withUnsafeBufferPointer { c in
      let cp = c.baseAddress!
      if seeThroughWalls {
        var k = 0
        for vx in 0..<7 {
          var idx = base &+ rOff &* (vx &- 3) &+ fOff &* 6
          for _ in 0..<7 {
            let enc = Self.encoding(cp[idx] & 0x1FF)
            if k < 48 {
              out.storeBytes(of: enc, toByteOffset: k &* 3, as: UInt32.self)
            } else {
              out.storeBytes(of: UInt16(truncatingIfNeeded: enc), toByteOffset: 144, as: UInt16.self)
              out.storeBytes(of: UInt8(truncatingIfNeeded: enc >> 16), toByteOffset: 146, as: UInt8.self)
            }
            idx &-= fOff
            k &+= 1
          }
        }
      } else {
        withUnsafeTemporaryAllocation(of: UInt16.self, capacity: 49) { view in
          // Gather row by row (vy = 0 far … 6 agent), noting see-through cells.
          var clear: UInt64 = 0  // 7 bits per row
          for vy in 0..<7 {
            var idx = base &+ fOff &* (6 &- vy) &- rOff &* 3
            var t: UInt64 = 0
            for vx in 0..<7 {
              let v = cp[idx]
              view[vy &* 7 &+ vx] = v
              let type = v & 0xF
              let opaque = type == 2 || (type == 4 && (v >> 7) & 3 != 0)
              t |= opaque ? 0 : 1 << UInt64(vx)
              idx &+= rOff
            }
            clear |= t << UInt64(vy &* 7)
          }
          // Sweep rows from the agent's row to the far row.
          var visible: UInt64 = 0
          var m: UInt64 = 1 << 3
          Self.rowSweep7.withUnsafeBufferPointer { table in
            var vy = 6
            while vy >= 0 {
              let t = (clear >> UInt64(vy &* 7)) & 0x7F
              let r = UInt64(table[Int(m | t << 7)])
              visible |= (r & 0x7F) << UInt64(vy &* 7)
              m = r >> 7
              vy &-= 1
            }
          }
          var k = 0
          for vx in 0..<7 {
            for vy in 0..<7 {
              let bit = vy &* 7 &+ vx
              let enc = (visible >> UInt64(bit)) & 1 != 0 ? Self.encoding(view[bit] & 0x1FF) : 0
              if k < 48 {
                out.storeBytes(of: enc, toByteOffset: k &* 3, as: UInt32.self)
              } else {
                out.storeBytes(of: UInt16(truncatingIfNeeded: enc), toByteOffset: 144, as: UInt16.self)
                out.storeBytes(of: UInt8(truncatingIfNeeded: enc >> 16), toByteOffset: 146, as: UInt8.self)
              }
              k &+= 1
            }
          }
        }
      }
    }
    // The agent's own cell shows what it carries, or empty.
    out.storeBytes(of: UInt16(truncatingIfNeeded: carried), toByteOffset: 81, as: UInt16.self)
    out.storeBytes(of: UInt8(truncatingIfNeeded: carried >> 16), toByteOffset: 83, as: UInt8.self)
  }

  // MARK: - Any view size

  /// The world cell seen at view cell (`vx`, `vy`) for a view of side `size`:
  /// `agent + forward · (size − 1 − vy) + right · (vx − size / 2)`.
  @inlinable
  public func worldPoint(viewX vx: Int, viewY vy: Int, size: Int? = nil) -> GridPoint {
    let s = size ?? viewSize
    return agent + forwardVector * (s - 1 - vy) + rightVector * (vx - s / 2)
  }

  /// The view cell (`vx`, `vy`) showing world cell `p`, if it is inside the view square
  /// (`relative_coords`).
  public func viewPoint(of p: GridPoint, size: Int? = nil) -> GridPoint? {
    let s = size ?? viewSize
    let f = forwardVector, r = rightVector
    let d = p - agent
    let vx = d.dot(r) + s / 2
    let vy = s - 1 - d.dot(f)
    guard vx >= 0, vy >= 0, vx < s, vy < s else { return nil }
    return GridPoint(vx, vy)
  }

  /// The visibility mask of a view of side `size` (default `viewSize`), indexed `[vx * size + vy]`
  /// (all true with `seeThroughWalls`).
  public func visibilityMask(size: Int? = nil) -> [Bool] {
    let s = size ?? viewSize
    precondition(s >= 3 && s % 2 == 1 && s <= 63, "view sizes are odd, 3...63")
    if seeThroughWalls { return Array(repeating: true, count: s * s) }
    var rows = [UInt64](repeating: 0, count: s)
    var m: UInt64 = 1 << UInt64(s / 2)
    for vy in stride(from: s - 1, through: 0, by: -1) {
      var t: UInt64 = 0
      for vx in 0..<s where cellOrWall(worldPoint(viewX: vx, viewY: vy, size: s)).seeBehind { t |= 1 << UInt64(vx) }
      let r = Self.rowSweep(mask: m, clear: t, width: s)
      rows[vy] = r.mask
      m = r.up & ((1 << UInt64(s)) - 1)
    }
    var mask = [Bool](repeating: false, count: s * s)
    for vx in 0..<s { for vy in 0..<s { mask[vx * s + vy] = (rows[vy] >> UInt64(vx)) & 1 != 0 } }
    return mask
  }

  /// The partial observation for a view of any odd side (`ViewSizeWrapper`): `size × size × 3`
  /// bytes in `[x][y][channel]` order.
  public func encodeView(size: Int) -> [UInt8] {
    let mask = visibilityMask(size: size)
    var out = [UInt8](repeating: 0, count: size * size * 3)
    for vx in 0..<size {
      for vy in 0..<size where mask[vx * size + vy] {
        var o = cellOrWall(worldPoint(viewX: vx, viewY: vy, size: size))
        if vx == size / 2 && vy == size - 1 { o = carrying.isNone ? .empty : carrying }
        let e = Self.encoding(o.code)
        let k = (vx * size + vy) * 3
        out[k] = UInt8(e & 0xFF)
        out[k + 1] = UInt8((e >> 8) & 0xFF)
        out[k + 2] = UInt8(e >> 16)
      }
    }
    return out
  }

  /// The whole map encoded as `FullyObsWrapper` does: `width × height × 3` bytes in
  /// `[x][y][channel]` order, the agent's cell as (10, red, direction).
  public func encodeFullGrid() -> [UInt8] {
    var out = [UInt8](repeating: 0, count: width * height * 3)
    for x in 0..<width {
      for y in 0..<height {
        let k = (x * height + y) * 3
        if x == agent.x && y == agent.y {
          out[k] = 10
          out[k + 1] = 0
          out[k + 2] = UInt8(direction)
          continue
        }
        let e = Self.encoding(self[x, y].code)
        out[k] = UInt8(e & 0xFF)
        out[k + 1] = UInt8((e >> 8) & 0xFF)
        out[k + 2] = UInt8(e >> 16)
      }
    }
    return out
  }

  /// Which map cells the agent sees now (the highlight of Minigrid's rendering), indexed
  /// `[y * width + x]`.
  public func visibleCells() -> [Bool] {
    let s = viewSize
    let mask = visibilityMask()
    var out = [Bool](repeating: false, count: width * height)
    for vx in 0..<s {
      for vy in 0..<s where mask[vx * s + vy] {
        let p = worldPoint(viewX: vx, viewY: vy)
        if contains(p) { out[p.y * width + p.x] = true }
      }
    }
    return out
  }
}

extension GridWorld {
  /// The map encoded as Minigrid's `Grid.encode()`: `width × height × 3` bytes in
  /// `[x][y][channel]` order, without the agent.
  public func encodeGrid() -> [UInt8] {
    var out = [UInt8](repeating: 0, count: width * height * 3)
    for x in 0..<width {
      for y in 0..<height {
        let e = Self.encoding(self[x, y].code)
        let k = (x * height + y) * 3
        out[k] = UInt8(e & 0xFF)
        out[k + 1] = UInt8((e >> 8) & 0xFF)
        out[k + 2] = UInt8(e >> 16)
      }
    }
    return out
  }
}
