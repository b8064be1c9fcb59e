import GymCore
import Testing

@testable import GymQD

@Suite("Emitters")
struct EmitterTests {
  /// An archive with two elites at known solutions.
  static func twoElites() throws -> Archive {
    var a = try Archive.grid(solutionDim: 3, dims: [10], ranges: [(0, 1)])
    try a.add(solutions: [0, 0, 0, 10, 20, 30], objectives: [1, 2], measures: [0.05, 0.95])
    return a
  }

  static func ask(_ e: inout some Emitter, _ archive: Archive) -> [Double] {
    var out = [Double](repeating: .nan, count: e.batchSize * e.solutionDim)
    archive.withReader { r in out.withUnsafeMutableBufferPointer { e.ask(archive: r, into: $0.baseAddress!) } }
    return out
  }

  @Test("Gaussian: the first batch is x0 + sigma N(0, I); later children sit around elites")
  func gaussian() throws {
    var e = try GaussianEmitter(x0: [1, -1, 0.5], sigma: 0.3, batchSize: 4000, seed: 3)
    let empty = try Archive.grid(solutionDim: 3, dims: [10], ranges: [(0, 1)])
    let first = Self.ask(&e, empty)
    for j in 0..<3 {
      let column = stride(from: j, to: first.count, by: 3).map { first[$0] }
      let mean = column.reduce(0, +) / Double(column.count)
      let sd = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(column.count)).squareRoot()
      #expect(abs(mean - [1, -1, 0.5][j]) < 0.02)
      #expect(abs(sd - 0.3) < 0.015)
    }
    let children = Self.ask(&e, try Self.twoElites())
    var nearFirst = 0
    for r in 0..<4000 {
      let row = Array(children[3 * r..<3 * r + 3])
      let d0 = row.map { $0 * $0 }.reduce(0, +).squareRoot()
      let d1 = zip(row, [10.0, 20, 30]).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
      #expect(min(d0, d1) < 2.5)
      if d0 < d1 { nearFirst += 1 }
    }
    // Parents are drawn uniformly from the two elites.
    #expect(abs(nearFirst - 2000) < 150)
  }

  @Test("Gaussian: children are clipped to the bounds")
  func gaussianBounds() throws {
    var e = try GaussianEmitter(x0: [0, 0, 0], sigma: 5, batchSize: 200, bounds: try SolutionBounds(dimension: 3, lower: -1, upper: 1), seed: 1)
    let out = Self.ask(&e, try Archive.grid(solutionDim: 3, dims: [10], ranges: [(0, 1)]))
    #expect(out.allSatisfy { $0 >= -1 && $0 <= 1 })
    #expect(out.contains(-1) && out.contains(1))
  }

  @Test("Iso+LineDD with no isotropic noise puts children on the line through two elites")
  func isoLine() throws {
    var e = try IsoLineEmitter(x0: [0, 0, 0], isoSigma: 0, lineSigma: 0.5, batchSize: 500, seed: 9)
    let out = Self.ask(&e, try Self.twoElites())
    var onLine = 0
    for r in 0..<500 {
      let row = Array(out[3 * r..<3 * r + 3])
      // Every point of the line through 0 and (10, 20, 30) is t·(1, 2, 3).
      let t = row[0]
      if abs(row[1] - 2 * t) < 1e-9 && abs(row[2] - 3 * t) < 1e-9 { onLine += 1 }
    }
    #expect(onLine == 500)
    // Some children step away from their elite (different parents), some stay (same parent).
    let moved = (0..<500).filter { r in out[3 * r] != 0 && out[3 * r] != 10 }.count
    #expect(moved > 150 && moved < 350)
  }

  @Test("bad emitter settings throw errors naming the problem")
  func badSettings() throws {
    let e1 = try #require(throws: QDError.self) { try GaussianEmitter(x0: [0, .nan], sigma: 1, seed: 0) }
    #expect(e1.message.contains("x0"))
    let e2 = try #require(throws: QDError.self) { try GaussianEmitter(x0: [0, 1], sigma: -1, seed: 0) }
    #expect(e2.message.contains("sigma"))
    let e3 = try #require(throws: QDError.self) { try EvolutionStrategyEmitter(x0: [0, 1], sigma0: 0, seed: 0) }
    #expect(e3.message.contains("sigma0"))
    let e4 = try #require(throws: QDError.self) { try IsoLineEmitter(x0: [0, 1], bounds: try SolutionBounds(dimension: 3, lower: 0, upper: 1), seed: 0) }
    #expect(e4.message.contains("bounds"))
    #expect(throws: QDError.self) { try SolutionBounds(dimension: 2, lower: 1, upper: 0) }
  }

  @Test("the symmetric eigendecomposition reconstructs its matrix")
  func eigen() {
    let n = 7
    var rng = GymRandom(seed: 5)
    var a = [Double](repeating: 0, count: n * n)
    for i in 0..<n { for j in i..<n { let v = rng.uniform(-1, 1); a[i * n + j] = v; a[j * n + i] = v } }
    var e = SymmetricEigen(dimension: n)
    let ok = e.decompose(upper: a)
    #expect(ok)
    #expect(zip(e.values, e.values.dropFirst()).allSatisfy { $0 <= $1 })
    for i in 0..<n {
      for j in 0..<n {
        var s = 0.0
        for k in 0..<n { s += e.vectors[k * n + i] * e.values[k] * e.vectors[k * n + j] }
        #expect(abs(s - a[i * n + j]) < 1e-12)
      }
    }
  }

  /// Runs an objective-ranked CMA-ES emitter on `f` (maximised) and returns the best value.
  /// (Once converged, the stop tests restart it; the best value stays.)
  static func optimise(dimension n: Int, generations: Int, seed: UInt64, _ f: ([Double]) -> Double) throws -> (best: Double, es: CMAES) {
    var e = try EvolutionStrategyEmitter(x0: [Double](repeating: 3, count: n), sigma0: 1, ranker: .objective, selection: .mu, restart: .basic, seed: seed)
    let archive = try Archive.grid(solutionDim: n, dims: [2], ranges: [(0, 1)])
    var best = -Double.infinity
    for _ in 0..<generations {
      let xs = ask(&e, archive)
      let lambda = e.batchSize
      let objectives = (0..<lambda).map { f(Array(xs[$0 * n..<($0 + 1) * n])) }
      best = max(best, objectives.max()!)
      let status = [AddStatus](repeating: .notAdded, count: lambda), measures = [Double](repeating: 0, count: lambda)
      xs.withUnsafeBufferPointer { x in
        e.tell(EmitterFeedback(count: lambda, solutionDim: n, measureDim: 1, solutions: x.baseAddress!, objectives: objectives, measures: measures, status: status, values: objectives))
      }
    }
    return (best, e.es)
  }

  @Test("CMA-ES with the objective ranker minimises a sphere and a coupled ellipsoid in 10-D")
  func cmaESOptimises() throws {
    let sphere = try Self.optimise(dimension: 10, generations: 250, seed: 4) { x in -x.map { $0 * $0 }.reduce(0, +) }
    #expect(sphere.best > -1e-12, "sphere best \(sphere.best)")
    // Coupled coordinates, axis scales 1 … 1e3: CMA-ES must learn the covariance.
    let ellipsoid = try Self.optimise(dimension: 10, generations: 700, seed: 4) { x in
      var f = 0.0
      for j in 0..<10 {
        let y = x[j] + (j > 0 ? x[j - 1] : 0)
        f += Double.pow(1000, Double(j) / 9) * y * y
      }
      return -f
    }
    #expect(ellipsoid.best > -1e-8, "ellipsoid best \(ellipsoid.best)")
    #expect(ellipsoid.es.conditionNumber > 100)
  }
}

@Suite("Normal sampler")
struct NormalSamplerTests {
  @Test("fill gives exactly the samples of repeated next, and standard-normal moments")
  func fillEqualsNext() {
    let n = 200_000
    var a = GymRandom(seed: 3), b = GymRandom(seed: 3)
    var filled = [Double](repeating: 0, count: n)
    filled.withUnsafeMutableBufferPointer { NormalSampler.shared.fill($0.baseAddress!, count: n, rng: &a) }
    let one = (0..<n).map { _ in NormalSampler.shared.next(&b) }
    #expect(filled == one)
    #expect(a.next() == b.next())
    let mean = filled.reduce(0, +) / Double(n)
    let variance = filled.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
    #expect(abs(mean) < 0.01 && abs(variance - 1) < 0.02)
    #expect(filled.contains { $0 > 3.7 } && filled.contains { $0 < -3.7 })  // tails reached
  }

  @Test("fillInterleaved is seeded, and its samples have standard-normal moments and tails")
  func interleaved() {
    let n = 400_001
    var a = GymRandom(seed: 5), b = GymRandom(seed: 5)
    var x = [Double](repeating: 0, count: n), y = [Double](repeating: 0, count: n)
    x.withUnsafeMutableBufferPointer { NormalSampler.shared.fillInterleaved($0.baseAddress!, count: n, rng: &a) }
    y.withUnsafeMutableBufferPointer { NormalSampler.shared.fillInterleaved($0.baseAddress!, count: n, rng: &b) }
    #expect(x == y && a.next() == b.next())
    let mean = x.reduce(0, +) / Double(n)
    let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
    let fourth = x.reduce(0) { let e = ($1 - mean) * ($1 - mean); return $0 + e * e } / Double(n)
    #expect(abs(mean) < 0.01 && abs(variance - 1) < 0.01 && abs(fourth - 3) < 0.06)
    #expect(x.contains { $0 > 3.7 } && x.contains { $0 < -3.7 })
    // The distribution function at a few points, against Φ (standard error about 0.0008).
    for (point, phi) in [(-2.5, 0.006_209_665), (-1.0, 0.158_655_254), (-0.2, 0.420_740_291), (0.0, 0.5), (0.7, 0.758_036_348), (1.9, 0.971_283_440)] {
      let below = Double(x.reduce(0) { $0 + ($1 < point ? 1 : 0) }) / Double(n)
      #expect(abs(below - phi) < 0.004, "P(z < \(point)) = \(below), Φ = \(phi)")
    }
    // Neighbouring samples (the two streams, and the two halves of one draw) and samples four
    // apart (one stream's next draw) are uncorrelated.
    for lag in [1, 2, 4] {
      let c = (0..<(n - lag)).reduce(0.0) { $0 + x[$1] * x[$1 + lag] } / Double(n - lag)
      #expect(abs(c) < 0.01, "lag \(lag) correlation \(c)")
    }
  }
}
