/// A k-d tree over a fixed set of points, for exact nearest-neighbour queries (CVT cell
/// lookup and k-means assignment).
///
/// Leaves hold up to 8 points; ties in distance go to the lowest point index, so a query gives
/// the same answer as a brute-force scan in index order.
public struct KDTree: Sendable, Hashable {
  /// The points, row-major (`count × dimension`).
  public let points: [Double]
  /// Coordinates per point.
  public let dimension: Int
  /// Point indices, permuted so each node owns a contiguous range.
  @usableFromInline let order: [Int32]
  /// Per node: split dimension (−1 for a leaf), split value, first and end of its range in
  /// `order`, left and right children.
  @usableFromInline let nodes: [Node]

  @usableFromInline
  struct Node: Sendable, Hashable {
    @usableFromInline var splitDim: Int32
    @usableFromInline var split: Double
    @usableFromInline var start: Int32, end: Int32
    @usableFromInline var left: Int32, right: Int32
  }

  static let leafSize = 8

  /// The number of points.
  public var count: Int { dimension == 0 ? 0 : points.count / dimension }

  /// Builds a tree over `points` (row-major, `dimension` values each).
  /// - Precondition: `points.count` is a positive multiple of `dimension`.
  /// - Complexity: O(n log² n).
  public init(points: [Double], dimension: Int) {
    precondition(dimension > 0 && !points.isEmpty && points.count % dimension == 0, "points must be a non-empty multiple of the dimension")
    self.points = points
    self.dimension = dimension
    let n = points.count / dimension
    var order = (0..<n).map { Int32($0) }
    var nodes: [Node] = []
    nodes.reserveCapacity(2 * n / Self.leafSize + 2)
    func build(_ start: Int, _ end: Int) -> Int32 {
      let id = nodes.count
      nodes.append(Node(splitDim: -1, split: 0, start: Int32(start), end: Int32(end), left: -1, right: -1))
      if end - start <= Self.leafSize { return Int32(id) }
      // Split on the dimension of widest spread, at the median.
      var best = 0
      var bestSpread = -1.0
      for d in 0..<dimension {
        var lo = Double.infinity, hi = -Double.infinity
        for k in start..<end {
          let v = points[Int(order[k]) * dimension + d]
          lo = min(lo, v)
          hi = max(hi, v)
        }
        if hi - lo > bestSpread { bestSpread = hi - lo; best = d }
      }
      if bestSpread <= 0 { return Int32(id) }  // all points equal: keep as a leaf
      order[start..<end].sort { a, b in
        let va = points[Int(a) * dimension + best], vb = points[Int(b) * dimension + best]
        return va != vb ? va < vb : a < b
      }
      let mid = (start + end) / 2
      let split = points[Int(order[mid]) * dimension + best]
      let left = build(start, mid)
      let right = build(mid, end)
      nodes[id].splitDim = Int32(best)
      nodes[id].split = split
      nodes[id].left = left
      nodes[id].right = right
      return Int32(id)
    }
    _ = build(0, n)
    self.order = order
    self.nodes = nodes
  }

  /// The index of the point nearest to `query` (Euclidean), lowest index on ties.
  /// - Complexity: O(log n) expected for low dimensions.
  @inlinable
  public func nearest(to query: UnsafePointer<Double>) -> Int {
    points.withUnsafeBufferPointer { p in
      order.withUnsafeBufferPointer { o in
        nodes.withUnsafeBufferPointer { nd in
          var bestIndex = Int.max
          var bestDistance = Double.infinity
          search(0, query, p.baseAddress!, o.baseAddress!, nd.baseAddress!, &bestIndex, &bestDistance)
          return bestIndex
        }
      }
    }
  }

  @inlinable
  func search(
    _ node: Int, _ q: UnsafePointer<Double>, _ p: UnsafePointer<Double>, _ o: UnsafePointer<Int32>,
    _ nd: UnsafePointer<Node>, _ bestIndex: inout Int, _ bestDistance: inout Double
  ) {
    let n = nd[node]
    if n.splitDim < 0 {
      for k in Int(n.start)..<Int(n.end) {
        let idx = Int(o[k])
        let row = p + idx * dimension
        var d2 = 0.0
        for j in 0..<dimension {
          let diff = row[j] - q[j]
          d2 += diff * diff
        }
        if d2 < bestDistance || (d2 == bestDistance && idx < bestIndex) {
          bestDistance = d2
          bestIndex = idx
        }
      }
      return
    }
    let diff = q[Int(n.splitDim)] - n.split
    let (near, far) = diff < 0 ? (n.left, n.right) : (n.right, n.left)
    search(Int(near), q, p, o, nd, &bestIndex, &bestDistance)
    // Points equal to the split value may sit on either side, so visit on ties too.
    if diff * diff <= bestDistance {
      search(Int(far), q, p, o, nd, &bestIndex, &bestDistance)
    }
  }
}
