// The sweep behind `Hypervolume` for five or more objectives: over the last objective, each
// point adding its exclusive (d−1)-volume against the non-dominated set seen so far, that
// volume being the point's box less the volume of its limit set (WFG's idea), recursively down
// to the 4-D sweep. All scratch is taken once per call.

extension Hypervolume {
  /// The volume dominated by `count` rows of `d ≥ 5` positive coordinates stored row-major in
  /// `q` (relative to the origin).
  static func sweepHigh(_ q: UnsafeMutablePointer<Double>, count m: Int, dimension d: Int) -> Double {
    // The sorted copy, then per level e = d−1 … 5 a set and a limit set of m rows of e; the
    // 5-D level's set (rows of four, also used for the first sort) and the 4-D sweep's nodes.
    var doubles = m * d
    for e in 5..<d { doubles += 2 * m * e }
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: doubles) { arena in
      withUnsafeTemporaryAllocation(of: SweepNode.self, capacity: sweepNodeCount(m)) { nodes in
        withUnsafeTemporaryAllocation(of: SIMD4<Double>.self, capacity: m) { rows in
          let arena = arena.baseAddress!, rows = rows.baseAddress!
          // Sort by the last objective, descending, through (index, key) rows.
          for i in 0..<m { rows[i] = SIMD4(Double(i), 0, 0, q[i * d + d - 1]) }
          sortDescending(rows, count: m)
          for r in 0..<m {
            let from = q + Int(rows[r].x) * d
            (arena + r * d).update(from: from, count: d)
          }
          let scratch = Scratch(arena: arena + m * d, rows: rows, nodes: nodes.baseAddress!)
          return sortedVolume(arena, count: m, dimension: d, scratch)
        }
      }
    }
  }

  /// Scratch for one level of the sweep and the levels below it.
  struct Scratch {
    /// `2·m·e` doubles for every level e ≥ 5 still below.
    var arena: UnsafeMutablePointer<Double>
    /// `m` rows: the 5-objective level's set.
    var rows: UnsafeMutablePointer<SIMD4<Double>>
    /// `m + 3` nodes for the 4-objective sweep.
    var nodes: UnsafeMutablePointer<SweepNode>
  }

  /// The volume of `count` rows of `e ≥ 4` positive coordinates sorted by the last one,
  /// descending.
  @inline(__always)
  static func sortedVolume(_ q: UnsafeMutablePointer<Double>, count m: Int, dimension e: Int, _ scratch: Scratch) -> Double {
    switch (m, e) {
    case (0, _):
      return 0
    case (_, 4):
      for i in 0..<m { scratch.nodes[3 + i] = SweepNode(SIMD4(q[4 * i], q[4 * i + 1], q[4 * i + 2], q[4 * i + 3])) }
      return sweep4DPlus(scratch.nodes, count: m)
    case (_, 5):
      return sweep5D(q, count: m, scratch)
    default:
      return sweepSorted(q, count: m, dimension: e, scratch)
    }
  }

  /// The volume of `count` rows of five positive coordinates sorted by the last one,
  /// descending: `sweepSorted` with the set kept as rows of four (so a limit point and a
  /// dominance test are one vector operation each) and the limit set written straight into the
  /// 4-D sweep's nodes.
  /// - Complexity: O(n³) in the worst case.
  static func sweep5D(_ q: UnsafeMutablePointer<Double>, count m: Int, _ scratch: Scratch) -> Double {
    let set = scratch.rows, nodes = scratch.nodes
    var size = 0  // rows in `set`: non-dominated in the first four objectives, the fourth descending
    var volume = 0.0, hv = 0.0
    for k in 0..<m {
      let row = q + 5 * k
      let p = SIMD4(row[0], row[1], row[2], row[3])
      var covered = false
      for i in 0..<size {
        let s = set[i]
        if all(s .>= p) {
          covered = true
          break
        }
        nodes[3 + i] = SweepNode(pointwiseMin(s, p))
      }
      if !covered {
        let limitVolume = size > 0 ? sweep4DPlus(nodes, count: size) : 0
        volume += p.x * p.y * p.z * p.w - limitVolume
        // Drop the rows p covers, then insert p by the fourth objective.
        var kept = 0
        for i in 0..<size where !all(set[i] .<= p) {
          set[kept] = set[i]
          kept += 1
        }
        var at = kept
        while at > 0 && set[at - 1].w < p.w {
          set[at] = set[at - 1]
          at -= 1
        }
        set[at] = p
        size = kept + 1
      }
      let next = k + 1 < m ? q[5 * (k + 1) + 4] : 0
      hv += volume * (row[4] - next)
    }
    return hv
  }

  /// The volume of `count` rows of `d ≥ 6` positive coordinates sorted by the last one,
  /// descending; `scratch.arena` provides `2·m·(d−1) + …` doubles for this level and the ones
  /// below.
  /// - Complexity: O(n^(d−2)) in the worst case; far less when limit sets are dominated.
  static func sweepSorted(_ q: UnsafeMutablePointer<Double>, count m: Int, dimension d: Int, _ scratch: Scratch) -> Double {
    let e = d - 1
    let set = scratch.arena, limit = scratch.arena + m * e
    var below = scratch
    below.arena += 2 * m * e
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
        volume += box - sortedVolume(limit, count: size, dimension: e, below)
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
}
