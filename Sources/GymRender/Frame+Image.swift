import GymCore

extension Frame {
  /// This frame resampled to `width`×`height`: each output pixel averages the source pixels
  /// it covers (a box filter), so shrinking does not alias; enlarging repeats pixels.
  /// - Complexity: O(source pixels + output pixels).
  public func resized(width newWidth: Int, height newHeight: Int) -> Frame {
    precondition(newWidth > 0 && newHeight > 0, "frame size must be positive")
    let sw = width
    let sh = height
    // Source column/row ranges for each output column/row.
    func ranges(_ n: Int, _ src: Int) -> [Range<Int>] {
      (0..<n).map { i in
        let a = i * src / n
        let b = max(a + 1, (i + 1) * src / n)
        return a..<min(b, src)
      }
    }
    let xs = ranges(newWidth, sw)
    let ys = ranges(newHeight, sh)
    var out = [UInt8](repeating: 0, count: newWidth * newHeight * 3)
    pixels.withUnsafeBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst in
        var o = 0
        for yr in ys {
          for xr in xs {
            var r = 0, g = 0, b = 0
            for y in yr {
              var i = (y * sw + xr.lowerBound) * 3
              for _ in xr {
                r += Int(src[i])
                g += Int(src[i + 1])
                b += Int(src[i + 2])
                i += 3
              }
            }
            let n = yr.count * xr.count
            dst[o] = UInt8((r + n / 2) / n)
            dst[o + 1] = UInt8((g + n / 2) / n)
            dst[o + 2] = UInt8((b + n / 2) / n)
            o += 3
          }
        }
      }
    }
    return Frame(width: newWidth, height: newHeight, pixels: out)
  }

  /// This frame upside down (the last row first), as Gymnasium's renderers flip surfaces
  /// drawn with y pointing up.
  /// - Complexity: O(pixels).
  public func flippedVertically() -> Frame {
    let rowBytes = width * 3
    var out = [UInt8](repeating: 0, count: pixels.count)
    pixels.withUnsafeBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst in
        for y in 0..<height {
          (dst.baseAddress! + y * rowBytes).update(
            from: src.baseAddress! + (height - 1 - y) * rowBytes, count: rowBytes)
        }
      }
    }
    return Frame(width: width, height: height, pixels: out)
  }
}
