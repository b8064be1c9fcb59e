extension NumPyGenerator {
  // MARK: - Choice

  /// A uniform index in 0..<`n`, as `choice(n)` (the same draw as `integers(n)`).
  /// - Precondition: `n > 0`.
  public mutating func choice(_ n: Int) -> Int {
    precondition(n > 0, "choice: a must be a positive integer")
    return integers(low: 0, high: n)
  }

  /// A uniform element of `elements`, as `choice(elements)` for a one-dimensional sequence.
  /// - Precondition: `elements` is not empty.
  public mutating func choice<C: Collection>(from elements: C) -> C.Element {
    precondition(!elements.isEmpty, "choice: a cannot be empty")
    return elements[elements.index(elements.startIndex, offsetBy: choice(elements.count))]
  }

  /// `count` indices from 0..<`n`, as `choice(n, size=count, replace=replace, shuffle=shuffle)`.
  ///
  /// With replacement this is `integers(0, n, size=count)`. Without, NumPy's algorithm:
  /// Floyd's sampling (then a shuffle of the result unless `shuffle` is false), or, when
  /// `n > 10_000` and `count` exceeds `n / 50` (`n / 20` without shuffle), a partial
  /// Fisher–Yates shuffle of `0..<n` keeping the last `count` entries.
  /// - Parameters:
  ///   - n: The population size.
  ///   - count: The number of samples.
  ///   - replace: Whether an index may be drawn more than once.
  ///   - shuffle: Without replacement, whether the result is shuffled (NumPy's default);
  ///     ignored with replacement.
  /// - Precondition: `n > 0` (or `count == 0`), and `count <= n` without replacement.
  /// - Complexity: O(`count`) expected, or O(`n`) for the partial shuffle.
  public mutating func choice(_ n: Int, count: Int, replace: Bool = true, shuffle: Bool = true)
    -> [Int]
  {
    precondition(count >= 0, "choice: negative dimensions are not allowed")
    precondition(
      n > 0 || count == 0, "choice: a must be a positive integer unless no samples are taken")
    if replace { return integers(low: 0, high: max(n, 1), count: count) }
    precondition(
      count <= n, "choice: cannot take a larger sample than population when replace is False")
    let cutoff = shuffle ? 50 : 20
    if n > 10_000 && count > n / cutoff {
      var indices = Array(0..<n)
      shuffleBounded(&indices, first: max(n - count, 1))
      return Array(indices[(n - count)...])
    }
    var result = [Int]()
    result.reserveCapacity(count)
    var drawn = Set<Int>(minimumCapacity: count)
    for j in (n - count)..<n {
      let value = Int(boundedUInt64(range: UInt64(j)))
      if drawn.insert(value).inserted {
        result.append(value)
      } else {
        drawn.insert(j)
        result.append(j)
      }
    }
    if shuffle { shuffleBounded(&result, first: 1) }
    return result
  }

  /// An index drawn with probabilities `p`, as `choice(len(p), p=p)`.
  /// - Precondition: `p` is non-empty, non-negative and sums to 1 within √ε (NumPy's check).
  /// - Complexity: O(`p.count`).
  public mutating func choice(probabilities p: [Double]) -> Int {
    let cdf = NumPyGenerator.cumulativeDistribution(p)
    return NumPyGenerator.searchSortedRight(cdf, random())
  }

  /// `count` indices drawn with probabilities `p`, as
  /// `choice(len(p), size=count, replace=replace, p=p)`.
  ///
  /// With replacement: `count` calls of `random()` looked up in the normalised cumulative
  /// sum. Without: NumPy's rounds of fresh uniforms against the cumulative sum with the
  /// already chosen indices zeroed, keeping first occurrences, until `count` are found.
  /// - Precondition: `p` is non-negative and sums to 1 within √ε; without replacement at
  ///   least `count` entries of `p` are positive.
  /// - Complexity: O(`count` × log `p.count`) with replacement; O(`count` × `p.count`) worst
  ///   case without.
  public mutating func choice(probabilities p: [Double], count: Int, replace: Bool = true)
    -> [Int]
  {
    precondition(count >= 0, "choice: negative dimensions are not allowed")
    var cdf = NumPyGenerator.cumulativeDistribution(p)
    if replace {
      return random(count: count).map { NumPyGenerator.searchSortedRight(cdf, $0) }
    }
    precondition(
      count <= p.count,
      "choice: cannot take a larger sample than population when replace is False")
    precondition(
      p.lazy.filter { $0 > 0 }.count >= count, "choice: fewer non-zero entries in p than size")
    var weights = p
    var found = [Int]()
    found.reserveCapacity(count)
    while found.count < count {
      let uniforms = random(count: count - found.count)
      for index in found { weights[index] = 0 }
      cdf = NumPyGenerator.cumulativeSum(weights)
      var seen = Set<Int>()
      for u in uniforms {
        let index = NumPyGenerator.searchSortedRight(cdf, u)
        if seen.insert(index).inserted { found.append(index) }
      }
    }
    return found
  }

  /// `p.cumsum() / p.cumsum()[-1]` after NumPy's validity checks on `p`.
  static func cumulativeDistribution(_ p: [Double]) -> [Double] {
    precondition(!p.isEmpty, "choice: a cannot be empty unless no samples are taken")
    var sum = p[0]
    var compensation = 0.0
    for value in p.dropFirst() {  // NumPy's kahan_sum, used only for the check
      let y = value - compensation
      let t = sum + y
      compensation = (t - sum) - y
      sum = t
    }
    precondition(!sum.isNaN, "choice: probabilities contain NaN")
    precondition(p.allSatisfy { $0 >= 0 }, "choice: probabilities are not non-negative")
    precondition(
      abs(sum - 1) <= Double.ulpOfOne.squareRoot(), "choice: probabilities do not sum to 1")
    return cumulativeSum(p)
  }

  /// The running sum of `weights` divided by its last entry (NumPy's sequential `cumsum`).
  static func cumulativeSum(_ weights: [Double]) -> [Double] {
    var cdf = [Double]()
    cdf.reserveCapacity(weights.count)
    var running = 0.0
    for (index, weight) in weights.enumerated() {
      running = index == 0 ? weight : running + weight
      cdf.append(running)
    }
    let total = running
    return cdf.map { $0 / total }
  }

  /// The number of entries of the sorted `cdf` that are ≤ `value` (`searchsorted(side='right')`).
  static func searchSortedRight(_ cdf: [Double], _ value: Double) -> Int {
    var low = 0
    var high = cdf.count
    while low < high {
      let middle = (low + high) / 2
      if cdf[middle] <= value { low = middle + 1 } else { high = middle }
    }
    return low
  }

  // MARK: - Shuffling

  /// Shuffles `array` in place, as `shuffle(array)`: Fisher–Yates from the end, each swap
  /// partner drawn by masked rejection (`random_interval`).
  /// - Complexity: O(`array.count`) expected.
  public mutating func shuffle<T>(_ array: inout [T]) {
    guard array.count > 1 else { return }
    for i in stride(from: array.count - 1, through: 1, by: -1) {
      let j = Int(interval(max: UInt64(i)))
      array.swapAt(i, j)
    }
  }

  /// A random permutation of 0..<`n`, as `permutation(n)`.
  /// - Complexity: O(`n`) expected.
  public mutating func permutation(_ n: Int) -> [Int] {
    precondition(n >= 0, "permutation: n must be non-negative")
    var result = Array(0..<n)
    shuffle(&result)
    return result
  }

  /// A shuffled copy of `elements`, as `permutation(array)` for a one-dimensional array.
  /// - Complexity: O(`elements.count`) expected.
  public mutating func permutation<T>(_ elements: [T]) -> [T] {
    var result = elements
    shuffle(&result)
    return result
  }

  /// NumPy's `_shuffle_int`: swaps positions `count-1` down to `first`, each with a partner
  /// drawn by Lemire's method (the shuffle inside `choice` without replacement).
  mutating func shuffleBounded(_ values: inout [Int], first: Int) {
    guard values.count > first else { return }
    for i in stride(from: values.count - 1, through: first, by: -1) {
      let j = Int(boundedUInt64(range: UInt64(i)))
      values.swapAt(i, j)
    }
  }
}
