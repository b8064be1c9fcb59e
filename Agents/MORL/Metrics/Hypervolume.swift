/// A problem with the points or the reference point handed to a metric.
public struct MetricError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What was wrong and what is allowed.
  public var message: String
  /// An error with this message.
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// The exact hypervolume indicator (maximisation): the Lebesgue measure of the region that the
/// points dominate and that dominates the reference point.
///
/// Points that are not strictly better than the reference point in every objective add
/// nothing, as in pymoo and MORL-Baselines. The algorithm depends on the dimension:
///
/// | objectives | algorithm | cost |
/// |---|---|---|
/// | 1 | maximum | O(n) |
/// | 2 | sort and sweep | O(n log n) |
/// | 3 | dimension sweep over a sorted staircase (Beume et al. 2009) | O(n log n) search, O(n²) moves worst case |
/// | ≥ 4 | WFG (While, Bradstreet, Barone 2012): exclusive volumes of limit sets, sorted by the last objective so each level drops one dimension, down to the 3-D sweep | exponential in d worst case |
///
/// ```swift
/// let hv = try Hypervolume.compute([[1, 2], [2, 1]], reference: [0, 0])  // 3
/// ```
public enum Hypervolume {
  /// The hypervolume of `points` with respect to `reference`.
  /// - Parameters:
  ///   - points: one vector per solution, each with `reference.count` finite components.
  ///   - reference: the reference point (finite components).
  /// - Throws: `MetricError` for an empty reference, mismatched dimensions or non-finite values.
  public static func compute(_ points: [[Double]], reference: [Double]) throws -> Double {
    let d = reference.count
    guard d > 0 else { throw MetricError("the reference point must have at least one component") }
    guard reference.allSatisfy(\.isFinite) else { throw MetricError("the reference point \(reference) must be finite") }
    for (i, p) in points.enumerated() {
      guard p.count == d else {
        throw MetricError("point \(i) has \(p.count) components, the reference point has \(d)")
      }
      guard p.allSatisfy(\.isFinite) else { throw MetricError("point \(i) \(p) is not finite") }
    }
    return unchecked(points, reference: reference)
  }

  /// The hypervolume without input checks.
  /// - Precondition: every point has `reference.count` finite components.
  public static func unchecked(_ points: [[Double]], reference: [Double]) -> Double {
    let d = reference.count
    if d == 2 {
      var pairs = [SIMD2<Double>]()
      pairs.reserveCapacity(points.count)
      for p in points {
        let x = p[0] - reference[0], y = p[1] - reference[1]
        if x > 0 && y > 0 { pairs.append(SIMD2(x, y)) }
      }
      return sweep(&pairs)
    }
    var q: [Double] = []
    q.reserveCapacity(points.count * d)
    var m = 0
    for p in points {
      var inside = true
      for i in 0..<d where !(p[i] > reference[i]) { inside = false; break }
      guard inside else { continue }
      for i in 0..<d { q.append(p[i] - reference[i]) }
      m += 1
    }
    return volume(&q, count: m, dimension: d)
  }

  /// The hypervolume of vectors stored row-major in `flat` (dimension `d`), without input
  /// checks: the allocation-light entry point for agents that score many small sets.
  /// - Precondition: `flat.count` is a multiple of `d`, values finite, `reference.count == d`.
  public static func uncheckedFlat(_ flat: [Double], dimension d: Int, reference: [Double]) -> Double {
    let n = flat.count / d
    if d == 2 {
      // Small sets dominate agents' use: sort pairs directly.
      var pairs = [SIMD2<Double>]()
      pairs.reserveCapacity(n)
      for i in 0..<n {
        let x = flat[2 * i] - reference[0], y = flat[2 * i + 1] - reference[1]
        if x > 0 && y > 0 { pairs.append(SIMD2(x, y)) }
      }
      return sweep(&pairs)
    }
    var q: [Double] = []
    q.reserveCapacity(flat.count)
    var m = 0
    for i in 0..<n {
      var inside = true
      for k in 0..<d where !(flat[i * d + k] > reference[k]) { inside = false; break }
      guard inside else { continue }
      for k in 0..<d { q.append(flat[i * d + k] - reference[k]) }
      m += 1
    }
    return volume(&q, count: m, dimension: d)
  }

  /// The volume dominated by `count` points of positive coordinates stored row-major in `q`
  /// (relative to the origin). `q` is reordered.
  static func volume(_ q: inout [Double], count m: Int, dimension d: Int) -> Double {
    if m == 0 { return 0 }
    switch d {
    case 1: return q.prefix(m).max()!
    case 2: return twoD(&q, count: m)
    case 3: return threeD(q, count: m)
    default: return wfg(q, count: m, dimension: d)
    }
  }

  // MARK: - Two objectives

  /// The area dominated by `pairs` (positive coordinates): sorted by x descending (insertion
  /// sort for the small sets agents score, the library sort beyond), then swept.
  static func sweep(_ pairs: inout [SIMD2<Double>]) -> Double {
    let n = pairs.count
    if n <= 24 {
      pairs.withUnsafeMutableBufferPointer { b in
        for i in 1..<max(n, 1) {
          let v = b[i]
          var j = i - 1
          while j >= 0 && (b[j].x < v.x || (b[j].x == v.x && b[j].y < v.y)) {
            b[j + 1] = b[j]
            j -= 1
          }
          b[j + 1] = v
        }
      }
    } else {
      pairs.sort { $0.x > $1.x || ($0.x == $1.x && $0.y > $1.y) }
    }
    var hv = 0.0, top = 0.0
    for p in pairs where p.y > top {
      hv += p.x * (p.y - top)
      top = p.y
    }
    return hv
  }

  /// Sort by x descending and sweep.
  static func twoD(_ q: inout [Double], count m: Int) -> Double {
    if m == 1 { return q[0] * q[1] }
    var points = [SIMD2<Double>]()
    points.reserveCapacity(m)
    for i in 0..<m { points.append(SIMD2(q[2 * i], q[2 * i + 1])) }
    points.sort { $0.x > $1.x || ($0.x == $1.x && $0.y > $1.y) }
    var hv = 0.0, top = 0.0
    for p in points where p.y > top {
      hv += p.x * (p.y - top)
      top = p.y
    }
    return hv
  }

  // MARK: - Three objectives

  /// Sweep z downwards, keeping the area of the (x, y) staircase of the points seen so far.
  static func threeD(_ q: [Double], count m: Int) -> Double {
    var order = [SIMD3<Double>]()
    order.reserveCapacity(m)
    for i in 0..<m { order.append(SIMD3(q[3 * i], q[3 * i + 1], q[3 * i + 2])) }
    order.sort { $0.z > $1.z }
    var stairs = Staircase(capacity: m)
    var hv = 0.0
    for i in 0..<m {
      stairs.insert(order[i].x, order[i].y)
      let below = i + 1 < m ? order[i + 1].z : 0
      hv += stairs.area * (order[i].z - below)
    }
    return hv
  }

  /// The union of boxes `[0, x] × [0, y]`, kept as its non-dominated corners with x ascending
  /// and y descending, and its area.
  struct Staircase {
    var xs: [Double] = []
    var ys: [Double] = []
    var area = 0.0

    init(capacity: Int) {
      xs.reserveCapacity(capacity)
      ys.reserveCapacity(capacity)
    }

    /// Adds the box `[0, x] × [0, y]`.
    /// - Complexity: O(log n) search plus the corners removed and the array move.
    mutating func insert(_ x: Double, _ y: Double) {
      let n = xs.count
      // k: first corner with xs[k] ≥ x.
      var lo = 0, hi = n
      while lo < hi {
        let mid = (lo + hi) >> 1
        if xs[mid] < x { lo = mid + 1 } else { hi = mid }
      }
      let k = lo
      if k < n && ys[k] >= y { return }  // dominated
      // a: first corner left of x that the new box covers (ys[a...] ≤ y).
      var a = k
      while a > 0 && ys[a - 1] <= y { a -= 1 }
      var previous = a > 0 ? xs[a - 1] : 0
      var gain = 0.0
      for j in a..<k {
        gain += (y - ys[j]) * (xs[j] - previous)
        previous = xs[j]
      }
      gain += (y - (k < n ? ys[k] : 0)) * (x - previous)
      area += gain
      let end = (k < n && xs[k] == x) ? k + 1 : k
      xs.replaceSubrange(a..<end, with: CollectionOfOne(x))
      ys.replaceSubrange(a..<end, with: CollectionOfOne(y))
    }
  }

  // MARK: - Four and more objectives

  /// WFG with the points sorted ascending by the last objective: the limit set of point k
  /// (`min(q_k, q_j)` for every later j) then shares q_k's last coordinate, so
  /// `HV = Σ_k q_k[d−1] · (∏_{i<d−1} q_k[i] − HV_{d−1}(nd(limit_k)))`.
  static func wfg(_ q: [Double], count m: Int, dimension d: Int) -> Double {
    if m == 1 {
      var v = 1.0
      for i in 0..<d { v *= q[i] }
      return v
    }
    let last = d - 1
    let order = (0..<m).sorted { q[$0 * d + last] < q[$1 * d + last] }
    var sorted = [Double](repeating: 0, count: m * d)
    for (r, i) in order.enumerated() {
      for c in 0..<d { sorted[r * d + c] = q[i * d + c] }
    }
    let e = d - 1
    var total = 0.0
    var limit = [Double]()
    limit.reserveCapacity(m * e)
    for k in 0..<m {
      let base = k * d
      let z = sorted[base + last]
      var inclusive = 1.0
      for c in 0..<e { inclusive *= sorted[base + c] }
      limit.removeAll(keepingCapacity: true)
      var covered = false
      var count = 0
      for j in (k + 1)..<m {
        let jb = j * d
        var dominatesK = true
        for c in 0..<e {
          let v = min(sorted[base + c], sorted[jb + c])
          if v < sorted[base + c] { dominatesK = false }
          limit.append(v)
        }
        if dominatesK { covered = true; break }
        count += 1
      }
      if covered { continue }  // a later point covers q_k in the first d−1 objectives
      if count == 0 {
        total += z * inclusive
        continue
      }
      // The 1-, 2- and 3-objective sweeps ignore dominated rows by themselves, so filtering
      // first would only cost time; WFG's recursion needs the filtered set.
      let kept = e <= 3 ? count : nonDominated(&limit, count: count, dimension: e)
      total += z * (inclusive - volume(&limit, count: kept, dimension: e))
    }
    return total
  }

  /// Moves the non-dominated rows of `rows` (maximisation, duplicates dropped) to the front
  /// and returns how many there are.
  static func nonDominated(_ rows: inout [Double], count m: Int, dimension e: Int) -> Int {
    if m <= 1 { return m }
    // Sort by coordinate sum, descending: a row can only be weakly dominated by one before it.
    var sums = [(Double, Int)]()
    sums.reserveCapacity(m)
    for i in 0..<m {
      var s = 0.0
      for c in 0..<e { s += rows[i * e + c] }
      sums.append((s, i))
    }
    sums.sort { $0.0 > $1.0 }
    var out = [Double]()
    out.reserveCapacity(m * e)
    var kept = 0
    for (_, i) in sums {
      let ib = i * e
      var dominated = false
      var j = 0
      while j < kept {
        let jb = j * e
        var weak = true
        for c in 0..<e where out[jb + c] < rows[ib + c] { weak = false; break }
        if weak { dominated = true; break }
        j += 1
      }
      if dominated { continue }
      for c in 0..<e { out.append(rows[ib + c]) }
      kept += 1
    }
    for i in 0..<(kept * e) { rows[i] = out[i] }
    return kept
  }
}
