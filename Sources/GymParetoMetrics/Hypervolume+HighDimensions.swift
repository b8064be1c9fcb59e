// The sweep behind `Hypervolume` for five or more objectives: over the last objective, each
// point adding its exclusive (d−1)-volume against the non-dominated set seen so far, that
// volume being the point's box less the volume of its limit set (WFG's idea), recursively down
// to the 4-D sweep. All scratch comes from one buffer taken per call.

extension Hypervolume {
  /// The volume dominated by `count` rows of `d ≥ 5` positive coordinates stored row-major in
  /// `q` (relative to the origin).
  static func sweepHigh(_ q: UnsafeMutablePointer<Double>, count m: Int, dimension d: Int) -> Double {
    // The sorted copy, then per level e = d−1 … 5 a set and a limit set of m rows of e; the
    // 4-D sweep's nodes; (index, key) rows for the first sort.
    var doubles = m * d
    for e in 4..<d { doubles += 2 * m * e }
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: doubles) { arena in
      withUnsafeTemporaryAllocation(of: SweepNode.self, capacity: sweepNodeCount(m)) { nodes in
        withUnsafeTemporaryAllocation(of: SIMD4<Double>.self, capacity: m) { rows in
        let arena = arena.baseAddress!, rows = rows.baseAddress!, nodes = nodes.baseAddress!
        // Sort by the last objective, descending, through (index, key) rows.
        for i in 0..<m { rows[i] = SIMD4(Double(i), 0, 0, q[i * d + d - 1]) }
        sortDescending(rows, count: m)
        for r in 0..<m {
          let from = q + Int(rows[r].x) * d
          (arena + r * d).update(from: from, count: d)
        }
        return sweepSorted(arena, count: m, dimension: d, arena: arena + m * d, nodes: nodes)
        }
      }
    }
  }

  /// The volume of `count` rows of `d ≥ 5` positive coordinates sorted by the last one,
  /// descending. `arena` provides `2·m·(d−1) + …` doubles of scratch for this level and the
  /// ones below, `nodes` `m + 3` nodes for the 4-D sweep at the bottom.
  /// - Complexity: O(n^(d−2) log n) in the worst case; far less when limit sets are dominated.
  static func sweepSorted(
    _ q: UnsafeMutablePointer<Double>, count m: Int, dimension d: Int,
    arena: UnsafeMutablePointer<Double>, nodes: UnsafeMutablePointer<SweepNode>
  ) -> Double {
    let e = d - 1
    let set = arena, limit = arena + m * e, below = arena + 2 * m * e
    var size = 0  // rows in `set`: non-dominated in the first e objectives, objective e−1 descending
    var volume = 0.0, hv = 0.0
    for k in 0..<m {
      let p = q + k * d
      // The limit set min(p, s) keeps the set's order by objective e−1.
      var covered = false
      for i in 0..<size {
        let s = set + i * e, l = limit + i * e
        var dominates = true
        for c in 0..<e {
          if s[c] < p[c] {
            dominates = false
            l[c] = s[c]
          } else {
            l[c] = p[c]
          }
        }
        if dominates {
          covered = true
          break
        }
      }
      if !covered {
        var box = 1.0
        for c in 0..<e { box *= p[c] }
        volume += box - sortedVolume(limit, count: size, dimension: e, arena: below, nodes: nodes)
        // Drop the rows p covers, then insert p by objective e−1.
        var kept = 0
        for i in 0..<size {
          let s = set + i * e
          var dominated = true
          for c in 0..<e where s[c] > p[c] {
            dominated = false
            break
          }
          if dominated { continue }
          if kept != i { (set + kept * e).update(from: s, count: e) }
          kept += 1
        }
        var at = kept
        while at > 0 && set[(at - 1) * e + e - 1] < p[e - 1] { at -= 1 }
        if at < kept { (set + (at + 1) * e).update(from: set + at * e, count: (kept - at) * e) }
        (set + at * e).update(from: p, count: e)
        size = kept + 1
      }
      let next = k + 1 < m ? q[(k + 1) * d + e] : 0
      hv += volume * (p[e] - next)
    }
    return hv
  }

  /// The volume of `count` rows of `e ≥ 4` positive coordinates sorted by the last one,
  /// descending.
  @inline(__always)
  static func sortedVolume(
    _ q: UnsafeMutablePointer<Double>, count m: Int, dimension e: Int,
    arena: UnsafeMutablePointer<Double>, nodes: UnsafeMutablePointer<SweepNode>
  ) -> Double {
    if m == 0 { return 0 }
    if e > 4 { return sweepSorted(q, count: m, dimension: e, arena: arena, nodes: nodes) }
    for i in 0..<m { nodes[3 + i] = SweepNode(SIMD4(q[4 * i], q[4 * i + 1], q[4 * i + 2], q[4 * i + 3])) }
    return sweep4DPlus(nodes, count: m)
  }
}
