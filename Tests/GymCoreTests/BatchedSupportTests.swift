import GymCore
import Synchronization
import Testing

@Suite struct LaneMathTests {
  /// `LaneMath.sinCos` must return the C library's `sin` and `cos` bit for bit, inside its fast
  /// range (|x| ≤ 1/4), at its edges, and outside it (where it falls back to the library).
  @Test func sinCosMatchesTheCLibraryBitForBit() {
    var rng = GymRandom(seed: 11)
    var values: [Double] = [0, -0.0, 0x1p-20, -0x1p-20, 0x1.fffffffffffffp-21, 0.25, -0.25, 0.25.nextUp, 0.2094, 3.0, -7.5, 1e-300, .pi]
    for _ in 0..<40_000 { values.append(rng.uniform(-0.25, 0.25)) }
    for _ in 0..<4_000 { values.append(rng.uniform(-0x1p-18, 0x1p-18)) }
    for _ in 0..<4_000 { values.append(rng.uniform(-4, 4)) }
    while values.count % 8 != 0 { values.append(0.1) }
    var mismatches = 0
    for start in stride(from: 0, to: values.count, by: 8) {
      let x = SIMD8<Double>(values[start..<(start + 8)])
      let (s, c) = LaneMath.sinCos(x)
      for i in 0..<8 where s[i].bitPattern != Double.sin(x[i]).bitPattern || c[i].bitPattern != Double.cos(x[i]).bitPattern {
        mismatches += 1
      }
    }
    #expect(mismatches == 0)
  }

  @Test func partialWidthLeavesTheRestAlone() {
    let x = SIMD8<Double>(0.1, 0.2, 5, 5, 5, 5, 5, 5)
    let (s, c) = LaneMath.sinCos(x, width: 2)
    #expect(s[0] == Double.sin(0.1) && s[1] == Double.sin(0.2))
    #expect(c[0] == Double.cos(0.1) && c[1] == Double.cos(0.2))
  }
}

@Suite struct WorkerPoolTests {
  /// With more threads than cores, workers are often late and the caller runs their pieces:
  /// still every piece runs exactly once per job.
  @Test(arguments: [1, 2, 3, 8])
  func everyPieceRunsOncePerJob(threads: Int) {
    let pool = WorkerPool(threads: threads, spinLimit: 100)
    let counts = Mutex([Int](repeating: 0, count: threads))
    for _ in 0..<2_000 {
      pool.run { k in counts.withLock { $0[k] += 1 } }
    }
    #expect(counts.withLock { $0 } == [Int](repeating: 2_000, count: threads))
  }

  @Test(arguments: [1, 5, 16])
  func morePiecesThanThreads(pieces: Int) {
    let pool = WorkerPool(threads: 2, spinLimit: 100)
    let counts = Mutex([Int](repeating: 0, count: pieces))
    for _ in 0..<1_000 {
      pool.run(pieces: pieces) { k in counts.withLock { $0[k] += 1 } }
    }
    #expect(counts.withLock { $0 } == [Int](repeating: 1_000, count: pieces))
  }

  @Test func parkedWorkersWakeUp() throws {
    let pool = WorkerPool(threads: 2, spinLimit: 10)
    let total = Atomic<Int>(0)
    for _ in 0..<50 {
      // Long enough for the worker to park between jobs.
      var spin = 0
      for i in 0..<20_000 { spin &+= i }
      #expect(spin > 0)
      pool.run { k in total.add(k + 1, ordering: .relaxed) }
    }
    #expect(total.load(ordering: .relaxed) == 150)
  }
}

@Suite struct LaneMaskTests {
  @Test func comparisonsSelectionAndPacking() {
    let a = SIMD8<Double>(-3, -0.5, 0.25, 2.4, 2.41, -2.41, 1e300, -1e300)
    let limit = SIMD8<Double>(repeating: 2.4)
    let above = LaneMath.isLess(limit, a), below = LaneMath.isLess(a, -limit)
    for i in 0..<8 {
      #expect(above[i] == (a[i] > 2.4 ? 1 : 0))
      #expect(below[i] == (a[i] < -2.4 ? 1 : 0))
    }
    let picked = LaneMath.select(above, SIMD8(repeating: 7), SIMD8(repeating: -1))
    for i in 0..<8 { #expect(picked[i] == (a[i] > 2.4 ? 7 : -1)) }
    #expect(LaneMath.orAcross(SIMD8<UInt64>()) == 0)
    #expect(LaneMath.orAcross(SIMD8<UInt64>(0, 0, 0, 0, 0, 0, 2, 0)) == 2)
    var rng = GymRandom(seed: 4)
    for _ in 0..<200 {
      var wide = SIMD8<UInt64>(), narrow = SIMD8<UInt32>()
      var expected: UInt64 = 0
      for i in 0..<8 where rng.int(below: 2) == 1 {
        wide[i] = 1
        narrow[i] = 1
        expected |= 1 << (8 * UInt64(i))
      }
      #expect(LaneMath.laneBytes(wide) == expected)
      #expect(LaneMath.laneBytes(narrow) == expected)
    }
  }
}
