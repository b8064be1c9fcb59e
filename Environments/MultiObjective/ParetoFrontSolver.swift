/// Exact Pareto fronts of small multi-objective MDPs by set-valued backward induction.
///
/// For horizon `H`, `V₀(s) = {0}` and
/// `V_k(s) = ND( ⋃_a ⊕_o p_o · (r_o + γ · V_{k−1}(s'_o)) )`, where `⊕` is the Minkowski sum over
/// the outcomes `o` of (s, a) (a terminal outcome contributes `p_o · r_o` alone) and ND keeps
/// the non-dominated vectors. `V_H` of the start state is the front of expected discounted
/// returns over all deterministic, history-dependent policies of horizon `H` — the class
/// Pareto Q-learning searches. For deterministic models that is simply every achievable
/// return; for stochastic ones each policy may choose its continuation after seeing the
/// outcome. Iteration stops early when every set stops changing.
///
/// This is how the fronts stored in `MultiObjective.exactFronts` were made; it reproduces the
/// deep-sea-treasure fronts hard-coded in MO-Gymnasium and finds the true front of
/// resource-gathering, which MO-Gymnasium's six hand-made strategies miss.
public enum ParetoFrontSolver {
  /// A set grew past the limit given to `solve`.
  public struct TooLarge: Error, CustomStringConvertible, Sendable {
    /// The set size reached.
    public var size: Int
    /// The step of the backward induction.
    public var step: Int
    public var description: String {
      "a Pareto set reached \(size) vectors at backward-induction step \(step); raise maxSetSize or shorten the horizon"
    }
  }

  /// The result of `solve`.
  public struct Solution: Sendable {
    /// The front at the start state(s), sorted by decreasing first objective.
    public var front: [[Double]]
    /// The backward-induction steps taken (≤ horizon; fewer when the sets converged).
    public var steps: Int
    /// The largest Pareto set met at any state.
    public var largestSet: Int
  }

  /// The Pareto front of `model` over `horizon` steps with discount `gamma`.
  /// - Parameters:
  ///   - model: the MDP.
  ///   - gamma: the discount factor in [0, 1].
  ///   - horizon: the number of steps (the environment's time limit).
  ///   - tolerance: vectors closer than this in every objective count as equal.
  ///   - maxSetSize: the largest set allowed at a state before giving up.
  /// - Throws: `TooLarge` when a set exceeds `maxSetSize`.
  /// - Complexity: O(H · S · A · m² · d) for sets of size m (Minkowski sums multiply sizes).
  public static func solve(
    _ model: some MultiObjectiveModel, gamma: Double, horizon: Int, tolerance: Double = 1e-9,
    maxSetSize: Int = 20_000
  ) throws -> Solution {
    precondition(gamma >= 0 && gamma <= 1, "gamma must be in [0, 1], got \(gamma)")
    precondition(horizon >= 1, "horizon must be at least 1, got \(horizon)")
    let n = model.modelStateCount, m = model.modelActionCount, d = model.rewardDimension
    let table = (0..<n).map { s in (0..<m).map { a in model.outcomes(state: s, action: a) } }
    let reachable = reachableStates(table, from: model.initialStates.map(\.state))
    let zero = [[Double]](repeating: [Double](repeating: 0, count: d), count: 1)
    var values = [[[Double]]](repeating: zero, count: n)
    var largest = 1
    var steps = 0
    for k in 1...horizon {
      steps = k
      var next = values
      var changed = false
      for s in reachable {
        var candidates: [[Double]] = []
        for a in 0..<m {
          candidates += backup(table[s][a], values, gamma: gamma, d: d, tolerance: tolerance)
          if candidates.count > 4 * maxSetSize {
            candidates = Pareto.nonDominated(candidates, tolerance: tolerance)
          }
        }
        let front = Pareto.nonDominated(candidates, tolerance: tolerance)
        if front.count > maxSetSize { throw TooLarge(size: front.count, step: k) }
        largest = max(largest, front.count)
        if !same(front, values[s], tolerance: tolerance) { changed = true }
        next[s] = front
      }
      values = next
      if !changed { break }
    }
    var start: [[Double]] = [[Double](repeating: 0, count: d)]
    for (s, p) in model.initialStates {
      start = minkowski(start, values[s].map { $0.map { $0 * p } }, tolerance: tolerance)
    }
    return Solution(front: Pareto.nonDominated(start, tolerance: tolerance), steps: steps, largestSet: largest)
  }

  /// The states reachable from `starts`, in increasing order.
  static func reachableStates(_ table: [[[Outcome]]], from starts: [Int]) -> [Int] {
    var seen = [Bool](repeating: false, count: table.count)
    var stack = starts
    for s in starts { seen[s] = true }
    while let s = stack.popLast() {
      for outcomes in table[s] {
        for o in outcomes where !o.terminal && o.probability > 0 && !seen[o.next] {
          seen[o.next] = true
          stack.append(o.next)
        }
      }
    }
    return seen.indices.filter { seen[$0] }
  }

  /// `⊕_o p_o (r_o + γ V(s'_o))` for one (state, action).
  static func backup(_ outcomes: [Outcome], _ values: [[[Double]]], gamma: Double, d: Int, tolerance: Double) -> [[Double]] {
    var acc: [[Double]] = [[Double](repeating: 0, count: d)]
    for o in outcomes where o.probability > 0 {
      let continuation: [[Double]] = o.terminal ? [[Double](repeating: 0, count: d)] : values[o.next]
      let part = continuation.map { v in (0..<d).map { i in o.probability * (o.reward[i] + gamma * v[i]) } }
      acc = minkowski(acc, part, tolerance: tolerance)
    }
    return acc
  }

  /// The non-dominated sums `a + b` for `a ∈ x`, `b ∈ y`.
  static func minkowski(_ x: [[Double]], _ y: [[Double]], tolerance: Double) -> [[Double]] {
    if x.count == 1 { return y.map { b in zip(x[0], b).map(+) } }
    if y.count == 1 { return x.map { a in zip(a, y[0]).map(+) } }
    var out: [[Double]] = []
    out.reserveCapacity(x.count * y.count)
    for a in x { for b in y { out.append(zip(a, b).map(+)) } }
    return Pareto.nonDominated(out, tolerance: tolerance)
  }

  static func same(_ a: [[Double]], _ b: [[Double]], tolerance: Double) -> Bool {
    guard a.count == b.count else { return false }
    for (p, q) in zip(a, b) {
      for (x, y) in zip(p, q) where abs(x - y) > tolerance { return false }
    }
    return true
  }
}
