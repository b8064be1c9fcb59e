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
/// nothing, as in pymoo and MORL-Baselines. Duplicates and dominated points are allowed. The
/// algorithm depends on the dimension; every inner loop works on flat scratch buffers taken
/// once per call (on the stack for small sets), so nothing is allocated per point:
///
/// | objectives | algorithm | cost |
/// |---|---|---|
/// | 1 | maximum | O(n) |
/// | 2 | sort and sweep | O(n log n) |
/// | 3 | dimension sweep over a sorted 2-D staircase (Beume et al. 2009) | O(n log n) search, O(n) moves per point worst case |
/// | 4 | HV4D+ (Guerreiro & Fonseca 2018): a sweep over the 4th objective keeping the 3-D volume; each point's 3-D contribution found by one walk down a z-ordered linked list, its staircase neighbours kept per point so nothing is searched | O(n²) |
/// | ≥ 5 | dimension sweep over the last objective keeping the (d−1)-volume of the non-dominated set seen so far; each point adds its exclusive volume, its box less the volume of its limit set `min(p, s)` (as in WFG, While, Bradstreet, Barone 2012), computed recursively down to the 4-D sweep. The set is kept sorted by objective d−2, so no limit set needs sorting | O(n^(d−2)) worst case |
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
    // One pass checks each point and copies it, shifted, into the scratch buffer.
    var bad: Int? = nil
    let hv = reference.withUnsafeBufferPointer { r in
      withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, points.count * d)) { q -> Double in
        var m = 0
        for (i, p) in points.enumerated() {
          guard p.count == d, p.withUnsafeBufferPointer({ p in
            shiftChecked(p.baseAddress!, r.baseAddress!, d, into: q.baseAddress! + m * d, inside: &m)
          }) else {
            bad = i
            return 0
          }
        }
        return volume(q.baseAddress!, count: m, dimension: d)
      }
    }
    if let i = bad {
      let p = points[i]
      if p.count != d { throw MetricError("point \(i) has \(p.count) components, the reference point has \(d)") }
      throw MetricError("point \(i) \(p) is not finite")
    }
    return hv
  }

  /// The hypervolume without input checks.
  /// - Precondition: every point has `reference.count` finite components.
  public static func unchecked(_ points: [[Double]], reference: [Double]) -> Double {
    let d = reference.count
    return reference.withUnsafeBufferPointer { r in
      withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, points.count * d)) { q in
        var m = 0
        for p in points {
          p.withUnsafeBufferPointer { p in
            if shift(p.baseAddress!, r.baseAddress!, d, into: q.baseAddress! + m * d) { m += 1 }
          }
        }
        return volume(q.baseAddress!, count: m, dimension: d)
      }
    }
  }

  /// The hypervolume of vectors stored row-major in `flat` (dimension `d`), without input
  /// checks: the allocation-free entry point for agents that score many small sets.
  /// - Precondition: `flat.count` is a multiple of `d`, values finite, `reference.count == d`.
  public static func uncheckedFlat(_ flat: [Double], dimension d: Int, reference: [Double]) -> Double {
    let n = flat.count / d
    return flat.withUnsafeBufferPointer { f in
      reference.withUnsafeBufferPointer { r in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, n * d)) { q in
          var m = 0
          for i in 0..<n where shift(f.baseAddress! + i * d, r.baseAddress!, d, into: q.baseAddress! + m * d) { m += 1 }
          return volume(q.baseAddress!, count: m, dimension: d)
        }
      }
    }
  }

  /// Writes `p − reference` to `out`, adds one to `inside` when every component is positive,
  /// and returns whether every component of `p` is finite.
  @inline(__always)
  static func shiftChecked(
    _ p: UnsafePointer<Double>, _ reference: UnsafePointer<Double>, _ d: Int, into out: UnsafeMutablePointer<Double>,
    inside: inout Int
  ) -> Bool {
    var positive = true, finite = true
    for i in 0..<d {
      let v = p[i]
      finite = finite && v.isFinite
      let shifted = v - reference[i]
      positive = positive && shifted > 0
      out[i] = shifted
    }
    if positive && finite { inside += 1 }
    return finite
  }

  /// Writes `p − reference` to `out` and returns whether every component is positive (the
  /// point dominates the reference point strictly and so can add volume).
  @inline(__always)
  static func shift(
    _ p: UnsafePointer<Double>, _ reference: UnsafePointer<Double>, _ d: Int, into out: UnsafeMutablePointer<Double>
  ) -> Bool {
    for i in 0..<d {
      let v = p[i] - reference[i]
      guard v > 0 else { return false }
      out[i] = v
    }
    return true
  }

  /// The volume dominated by `count` points of positive coordinates stored row-major in `q`
  /// (relative to the origin). `q` may be reordered.
  static func volume(_ q: UnsafeMutablePointer<Double>, count m: Int, dimension d: Int) -> Double {
    if m == 0 { return 0 }
    if m == 1 {
      var v = 1.0
      for i in 0..<d { v *= q[i] }
      return v
    }
    switch d {
    case 1:
      var best = q[0]
      for i in 1..<m { best = max(best, q[i]) }
      return best
    case 2:
      return withUnsafeTemporaryAllocation(of: SIMD2<Double>.self, capacity: m) { b in
        for i in 0..<m { b[i] = SIMD2(q[2 * i], q[2 * i + 1]) }
        return sweep2D(b.baseAddress!, count: m)
      }
    case 3:
      return withUnsafeTemporaryAllocation(of: SIMD4<Double>.self, capacity: m) { rows in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * m) { stairs in
          for i in 0..<m { rows[i] = SIMD4(q[3 * i], q[3 * i + 1], q[3 * i + 2], q[3 * i + 2]) }
          return sweep3D(rows.baseAddress!, count: m, stairs: stairs.baseAddress!)
        }
      }
    case 4:
      return withUnsafeTemporaryAllocation(of: SIMD4<Double>.self, capacity: m) { rows in
        withUnsafeTemporaryAllocation(of: SweepNode.self, capacity: sweepNodeCount(m)) { nodes in
          let rows = rows.baseAddress!, nodes = nodes.baseAddress!
          for i in 0..<m { rows[i] = SIMD4(q[4 * i], q[4 * i + 1], q[4 * i + 2], q[4 * i + 3]) }
          sortDescending(rows, count: m)
          for i in 0..<m { nodes[3 + i] = SweepNode(rows[i]) }
          return sweep4DPlus(nodes, count: m)
        }
      }
    default:
      return sweepHigh(q, count: m, dimension: d)
    }
  }
}
