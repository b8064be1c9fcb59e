// The 2- and 3-objective dimension sweeps behind `Hypervolume`. Every function works on
// caller-owned flat buffers of positive coordinates (relative to the reference point) and
// allocates nothing.

extension Hypervolume {
  // MARK: - Two objectives

  /// The area dominated by `count` pairs of positive coordinates; `pairs` is reordered.
  /// - Complexity: O(n log n).
  static func sweep2D(_ pairs: UnsafeMutablePointer<SIMD2<Double>>, count n: Int) -> Double {
    sortDescending(pairs, count: n)
    var hv = 0.0, top = 0.0
    for i in 0..<n where pairs[i].y > top {
      hv += pairs[i].x * (pairs[i].y - top)
      top = pairs[i].y
    }
    return hv
  }

  // MARK: - Three objectives

  /// The volume dominated by `count` rows `(x, y, z, z)` of positive coordinates: sorted by z
  /// descending, then swept, keeping the area of the (x, y) staircase of the rows seen so far.
  /// `stairs` holds `2 · count` doubles of scratch.
  /// - Complexity: O(n log n) comparisons plus the staircase moves (O(n²) in the worst case).
  static func sweep3D(_ rows: UnsafeMutablePointer<SIMD4<Double>>, count m: Int, stairs: UnsafeMutablePointer<Double>) -> Double {
    sortDescending(rows, count: m)
    let xs = stairs, ys = stairs + m
    var corners = 0, area = 0.0, hv = 0.0
    for i in 0..<m {
      area += staircaseInsert(xs, ys, &corners, rows[i].x, rows[i].y)
      let below = i + 1 < m ? rows[i + 1].z : 0
      hv += area * (rows[i].z - below)
    }
    return hv
  }

  /// Adds the box `[0, x] × [0, y]` to the union of boxes kept as its non-dominated corners in
  /// `xs` (ascending) and `ys` (descending), `n` of them, and returns the area it adds.
  /// - Complexity: O(log n) search plus the corners it covers and one move of the tail.
  @inline(__always)
  static func staircaseInsert(
    _ xs: UnsafeMutablePointer<Double>, _ ys: UnsafeMutablePointer<Double>, _ n: inout Int, _ x: Double, _ y: Double
  ) -> Double {
    // k: the first corner with xs[k] ≥ x.
    var lo = 0, hi = n
    while lo < hi {
      let mid = (lo + hi) >> 1
      if xs[mid] < x { lo = mid + 1 } else { hi = mid }
    }
    let k = lo
    if k < n && ys[k] >= y { return 0 }  // covered already
    // a: the first corner left of x that the new box covers (ys[a..<k] ≤ y).
    var a = k
    while a > 0 && ys[a - 1] <= y { a -= 1 }
    var previous = a > 0 ? xs[a - 1] : 0
    var gain = 0.0
    for j in a..<k {
      gain += (y - ys[j]) * (xs[j] - previous)
      previous = xs[j]
    }
    gain += (y - (k < n ? ys[k] : 0)) * (x - previous)
    // Replace corners a..<end by (x, y).
    let end = (k < n && xs[k] == x) ? k + 1 : k
    let removed = end - a
    if removed != 1 {
      let tail = n - end
      if tail > 0 {
        (xs + a + 1).update(from: xs + end, count: tail)
        (ys + a + 1).update(from: ys + end, count: tail)
      }
      n += 1 - removed
    }
    xs[a] = x
    ys[a] = y
    return gain
  }

  // MARK: - Sorting

  /// Sorts `count` rows by their sort key, largest first, in place (quicksort with a median
  /// of three, insertion sort for short runs; no allocation).
  static func sortDescending<T: HypervolumeSortKey>(_ a: UnsafeMutablePointer<T>, count n: Int) {
    quicksort(a, 0, n - 1)
  }

  static func quicksort<T: HypervolumeSortKey>(_ a: UnsafeMutablePointer<T>, _ low: Int, _ high: Int) {
    var lo = low, hi = high
    while hi - lo > 16 {
      let mid = (lo + hi) >> 1
      // Median of three as the pivot.
      if a[mid].sortKey > a[lo].sortKey { a.swapAt(lo, mid) }
      if a[hi].sortKey > a[lo].sortKey { a.swapAt(lo, hi) }
      if a[hi].sortKey > a[mid].sortKey { a.swapAt(mid, hi) }
      let pivot = a[mid].sortKey
      var i = lo, j = hi
      while i <= j {
        while a[i].sortKey > pivot { i += 1 }
        while a[j].sortKey < pivot { j -= 1 }
        if i <= j {
          a.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      // Recurse into the smaller side, loop on the larger: O(log n) depth.
      if j - lo < hi - i {
        quicksort(a, lo, j)
        lo = i
      } else {
        quicksort(a, i, hi)
        hi = j
      }
    }
    if hi <= lo { return }
    for i in (lo + 1)...hi {
      let v = a[i]
      let kv = v.sortKey
      var j = i - 1
      while j >= lo && a[j].sortKey < kv {
        a[j + 1] = a[j]
        j -= 1
      }
      a[j + 1] = v
    }
  }
}

extension UnsafeMutablePointer {
  @inline(__always)
  fileprivate func swapAt(_ i: Int, _ j: Int) {
    let t = self[i]
    self[i] = self[j]
    self[j] = t
  }
}

/// The coordinate the sweeps sort by: x for pairs, the last lane for rows of four.
protocol HypervolumeSortKey {
  var sortKey: Double { get }
}

extension SIMD2<Double>: HypervolumeSortKey {
  var sortKey: Double { x }
}

extension SIMD4<Double>: HypervolumeSortKey {
  var sortKey: Double { w }
}
