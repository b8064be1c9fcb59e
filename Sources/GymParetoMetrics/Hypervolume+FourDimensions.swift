// The 4-objective sweep behind `Hypervolume`, after HV4D+ (Guerreiro & Fonseca 2018,
// "Computing and updating hypervolume contributions in up to four dimensions"): sweep the
// points by the 4th objective, keeping the 3-D volume of those seen so far; each point adds
// its exclusive 3-D contribution, found in time linear in the current set by walking it in
// z order with linked lists and no search.
//
// Written for maximisation with the reference point at the origin (every coordinate
// positive; a point's box is [0, p]). The invariants, in the terms used below:
//
// - S: the points swept so far that no other point of S weakly dominates in (x, y, z), in a
//   doubly linked list ordered by (z, y, x) descending ("above" = earlier in that list).
// - For every point s of S, `closestLeft` and `closestRight` are its neighbours in the (x, y)
//   staircase of the points of S above it: the one with the largest x among those with
//   y > s.y, and the one with the largest y among those with x > s.x (sentinels (0, ∞) and
//   (∞, 0) when there are none). Inserting s into that staircase is then two links.
// - The staircase of the points above a level is rebuilt in one pass down the list, linking
//   each point between its two closest neighbours (the points it covers drop out).

extension Hypervolume {
  /// One point of the 4-D sweep: its coordinates and its links.
  struct SweepNode {
    var x = 0.0, y = 0.0, z = 0.0, w = 0.0
    // Links stored in 32 bits: a node is 64 bytes, one cache line.
    private var links: SIMD8<Int32> = .zero
    /// Neighbours in S's (z, y, x)-descending list.
    var above: Int {
      get { Int(links[0]) }
      set { links[0] = Int32(truncatingIfNeeded: newValue) }
    }
    var below: Int {
      get { Int(links[1]) }
      set { links[1] = Int32(truncatingIfNeeded: newValue) }
    }
    /// Neighbours in the (x, y) staircase being swept (x ascending).
    var left: Int {
      get { Int(links[2]) }
      set { links[2] = Int32(truncatingIfNeeded: newValue) }
    }
    var right: Int {
      get { Int(links[3]) }
      set { links[3] = Int32(truncatingIfNeeded: newValue) }
    }
    /// Neighbours in the staircase of the points of S above this one.
    var closestLeft: Int {
      get { Int(links[4]) }
      set { links[4] = Int32(truncatingIfNeeded: newValue) }
    }
    var closestRight: Int {
      get { Int(links[5]) }
      set { links[5] = Int32(truncatingIfNeeded: newValue) }
    }

    /// A point with no links yet.
    @inline(__always)
    init(_ p: SIMD4<Double>) {
      x = p.x
      y = p.y
      z = p.z
      w = p.w
    }

    /// A sentinel.
    init(x: Double, y: Double, z: Double, above: Int = 0, below: Int = 0) {
      self.x = x
      self.y = y
      self.z = z
      self.above = above
      self.below = below
    }
  }

  /// Sentinels: the staircase's ends (0, ∞) and (∞, 0), and the list's end (∞, ∞) at z = 0,
  /// which covers every point's (x, y) so every walk down the list stops on it.
  static let leftEnd = 0, rightEnd = 1, listEnd = 2
  /// Nodes a sweep over `count` points needs.
  static func sweepNodeCount(_ count: Int) -> Int { count + 3 }

  /// The volume dominated by the `count` points in `nodes[3...]` (positive coordinates),
  /// which must be sorted by w, descending. Overwrites the links and the three sentinels.
  /// - Complexity: O(n²) time: each point walks S once or twice; O(1) extra space.
  static func sweep4DPlus(_ n: UnsafeMutablePointer<SweepNode>, count m: Int) -> Double {
    // One or two boxes (common in the limit sets of the 5-objective sweep): inclusion–exclusion.
    if m <= 2 {
      if m == 0 { return 0 }
      let a = n[3]
      let va = a.x * a.y * a.z * a.w
      if m == 1 { return va }
      let b = n[4]
      return va + b.x * b.y * b.z * b.w - min(a.x, b.x) * min(a.y, b.y) * min(a.z, b.z) * min(a.w, b.w)
    }
    n[leftEnd] = SweepNode(x: 0, y: .infinity, z: .infinity)
    n[rightEnd] = SweepNode(x: .infinity, y: 0, z: .infinity)
    n[listEnd] = SweepNode(x: .infinity, y: .infinity, z: 0, above: listEnd, below: listEnd)
    var volume3 = 0.0, hv = 0.0
    for k in 0..<m {
      let i = 3 + k
      volume3 += addToSweep(n, i)
      let below = k + 1 < m ? n[i + 1].w : 0
      hv += volume3 * (n[i].w - below)
    }
    return hv
  }

  /// Adds point `i` to S and returns its exclusive 3-D volume against S (0 when a point of S
  /// weakly dominates it; it is then left out).
  @inline(__always)
  static func addToSweep(_ n: UnsafeMutablePointer<SweepNode>, _ i: Int) -> Double {
    let px = n[i].x, py = n[i].y, pz = n[i].z
    // 1. Walk the points above p: rebuild the staircase at p's level and find p's
    //    neighbours in it, L (largest x with y > p.y) and R (largest y with x > p.x).
    n[leftEnd].right = rightEnd
    n[rightEnd].left = leftEnd
    var left = leftEnd, right = rightEnd
    var s = n[listEnd].below
    while s != listEnd {
      let sx = n[s].x, sy = n[s].y, sz = n[s].z
      if sz < pz || (sz == pz && (sy < py || (sy == py && sx < px))) { break }  // below p
      if sx >= px && sy >= py { return 0 }  // weakly dominates p
      let l = n[s].closestLeft, r = n[s].closestRight
      n[s].left = l
      n[s].right = r
      n[l].right = s
      n[r].left = s
      if sx > px {
        if sy > n[right].y || (sy == n[right].y && sx > n[right].x) { right = s }
      } else if sy > py {
        if sx > n[left].x || (sx == n[left].x && sy > n[left].y) { left = s }
      }
      s = n[s].below
    }
    let firstBelow = s
    n[i].closestLeft = left
    n[i].closestRight = right
    // p joins S's list just above the first point below it (step 3 may drop that point).
    let after = n[firstBelow].above
    n[i].above = after
    n[i].below = firstBelow
    n[after].below = i
    n[firstBelow].above = i

    // 2. p's exclusive area at its own level: its rectangle less the staircase, summed over
    //    the steps from L to R (the points between them lie inside the rectangle).
    var area = 0.0
    do {
      var a = left, b = n[left].right
      while true {
        area += (min(n[b].x, px) - n[a].x) * (py - n[b].y)
        if b == right { break }
        a = b
        b = n[b].right
      }
    }

    // 3. Walk the points below p, in one pass:
    //    - while p's area is positive, add area × the z step, take from the area what the
    //      next point covers of it and link that point into the staircase;
    //    - update the points' closest neighbours for p and drop those p weakly dominates,
    //      until a point that dominates p in (x, y) (below it nothing changes).
    var contribution = 0.0, lastZ = pz
    var contributing = true, updating = true
    s = firstBelow
    while contributing || updating {
      let q = n[s]
      if contributing {
        contribution += area * (lastZ - q.z)
        lastZ = q.z
        if q.x >= px && q.y >= py {
          contributing = false
        } else {
          if q.x > px {
            // Right of p: covers p's rectangle up to q.y. On a tie with R it covers R, which
            // leaves the staircase, so it becomes R all the same (taking no area).
            if q.y >= n[right].y {
              var a = right, u = n[right].left
              while true {
                area -= (px - n[u].x) * (min(n[u].y, q.y) - n[a].y)
                if n[u].y >= q.y { break }
                a = u
                u = n[u].left
              }
              right = s
            }
          } else if q.y > py {
            // Above p: covers p's rectangle up to q.x (on a tie with L, as above).
            if q.x >= n[left].x {
              var a = left, u = n[left].right
              while true {
                area -= (py - n[u].y) * (min(n[u].x, q.x) - n[a].x)
                if n[u].x >= q.x { break }
                a = u
                u = n[u].right
              }
              left = s
            }
          } else {
            // Inside p's rectangle: takes its own exclusive area in the staircase.
            var a = q.closestLeft, b = n[a].right
            while true {
              area -= (min(n[b].x, q.x) - n[a].x) * (q.y - n[b].y)
              if b == q.closestRight { break }
              a = b
              b = n[b].right
            }
          }
          n[s].left = q.closestLeft
          n[s].right = q.closestRight
          n[q.closestLeft].right = s
          n[q.closestRight].left = s
        }
      }
      if updating {
        if q.x >= px && q.y >= py && (q.x > px || q.y > py) {
          updating = false
        } else if px >= q.x && py >= q.y {
          // p weakly dominates q (and is above it): q leaves S.
          n[q.above].below = q.below
          n[q.below].above = q.above
        } else if px > q.x {
          let r = q.closestRight
          if py > n[r].y || (py == n[r].y && px >= n[r].x) { n[s].closestRight = i }
        } else {
          let l = q.closestLeft
          if px > n[l].x || (px == n[l].x && py >= n[l].y) { n[s].closestLeft = i }
        }
      }
      s = q.below
    }

    return contribution
  }
}
