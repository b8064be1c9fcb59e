import ArgumentParser
import SwiftGym

/// `gym nn-bench`: the neural-network module's speed at the shapes PPO produces.
struct NNBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nn-bench",
    abstract: "Measure matrix products and MLP passes per CPU second (build with -c release).",
    discussion: """
      Times GEMM.multiply (OpenBLAS, one thread) at PPO's shapes and at two square sizes, and a \
      64-64 tanh MLP's forward and forward+backward pass over a minibatch, in nanoseconds per \
      call and GFLOP/s per CPU second. scripts/numpy-gemm.py measures NumPy at the same shapes.
      """)

  @Option(help: "CPU seconds per measurement.")
  var seconds = 0.5
  @Option(help: "OpenBLAS threads.")
  var threads = 1
  @Flag(help: "End with one JSON object.")
  var json = false

  func validate() throws {
    guard seconds > 0 && seconds.isFinite else { throw ValidationError("--seconds must be positive, got \(seconds)") }
    guard (1...64).contains(threads) else { throw ValidationError("--threads must be in 1...64, got \(threads)") }
  }

  /// Calls `body` in growing batches until `seconds` of CPU time pass; returns CPU ns per call.
  func time(_ body: () -> Void) -> Double {
    for _ in 0..<10 { body() }
    var calls = 1
    while true {
      let start = Stopwatch.processCPU()
      for _ in 0..<calls { body() }
      let elapsed = Stopwatch.processCPU() - start
      if elapsed >= seconds { return elapsed / Double(calls) * 1e9 }
      calls = elapsed < seconds / 100 ? calls * 10 : Int(Double(calls) * seconds / max(elapsed, 1e-9) * 1.1) + 1
    }
  }

  func run() throws {
    #if DEBUG
      printError("warning: this is a debug build; measure with `swift build -c release`")
    #endif
    BLAS.threads = threads
    var rng = GymRandom(seed: 0)
    var rows: [JSONValue] = []
    // (m, n, k, transposeA, transposeB, what): forward x·Wᵀ, weight gradient gᵀ·x, input gradient g·W.
    let shapes: [(Int, Int, Int, Bool, Bool, String)] = [
      (16, 64, 8, false, true, "rollout inference, 16 envs, layer 1"),
      (16, 64, 64, false, true, "rollout inference, 16 envs, layer 2"),
      (64, 64, 8, false, true, "minibatch 64 forward, layer 1"),
      (64, 64, 64, false, true, "minibatch 64 forward, layer 2"),
      (64, 64, 64, true, false, "minibatch 64 weight gradient"),
      (64, 64, 64, false, false, "minibatch 64 input gradient"),
      (256, 64, 64, false, true, "minibatch 256 forward, layer 2"),
      (2048, 64, 64, false, true, "rollout 2048 forward, layer 2"),
      (256, 256, 256, false, false, "square 256"),
      (1024, 1024, 1024, false, false, "square 1024"),
    ]
    print("GEMM (OpenBLAS, \(threads) thread\(threads == 1 ? "" : "s")), CPU time per call")
    for (m, n, k, ta, tb, what) in shapes {
      let a = (0..<(m * k)).map { _ in Float(rng.uniform(-1, 1)) }
      let b = (0..<(k * n)).map { _ in Float(rng.uniform(-1, 1)) }
      var c = [Float](repeating: 0, count: m * n)
      let ns = a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
          c.withUnsafeMutableBufferPointer { c in
            time {
              GEMM.multiply(
                transposeA: ta, transposeB: tb, m: m, n: n, k: k, a: a.baseAddress!, lda: ta ? m : k,
                b: b.baseAddress!, ldb: tb ? k : n, c: c.baseAddress!, ldc: n)
            }
          }
        }
      }
      let gflops = 2 * Double(m * n * k) / ns
      let shape = "\(m)×\(n)×\(k)\(ta ? " Aᵀ" : "")\(tb ? " Bᵀ" : "")"
      print("  \(shape.padding(to: 20)) \(format(ns, 1).leftPadding(to: 12)) ns  \(format(gflops, 1).leftPadding(to: 6)) GFLOP/s  \(what)")
      rows.append([
        "m": .int(m), "n": .int(n), "k": .int(k), "transpose_a": .bool(ta), "transpose_b": .bool(tb),
        "ns_per_call": .double(ns), "gflops": .double(gflops), "what": .string(what),
      ])
    }

    // An actor-sized MLP (8 → 64 → 64 → 4, tanh) over a minibatch of 64.
    let sizes = [8, 64, 64, 4], batch = 64
    let parameters = Parameters(MLP.specifications(prefix: "net", sizes: sizes))
    let mlp = MLP(prefix: "net", sizes: sizes, parameters: parameters, capacity: batch)
    mlp.initializeOrthogonal(hiddenGain: Float(2).squareRoot(), outputGain: 0.01, rng: &rng)
    let input = (0..<(batch * sizes[0])).map { _ in Float(rng.uniform(-1, 1)) }
    let outputGradient = (0..<(batch * sizes.last!)).map { _ in Float(rng.uniform(-1, 1)) }
    let (forwardNS, passNS) = input.withUnsafeBufferPointer { x in
      outputGradient.withUnsafeBufferPointer { g in
        (time { mlp.forward(x.baseAddress!, rows: batch) },
         time {
           mlp.forward(x.baseAddress!, rows: batch)
           mlp.backward(input: x.baseAddress!, outputGradient: g.baseAddress!, rows: batch)
         })
      }
    }
    print("MLP 8-64-64-4 tanh, batch \(batch): forward \(format(forwardNS / 1000, 2)) µs, forward + backward \(format(passNS / 1000, 2)) µs")
    emitJSON(json, [
      "threads": .int(threads), "gemm": .array(rows),
      "mlp": ["sizes": .array(sizes.map { .int($0) }), "batch": .int(batch), "forward_ns": .double(forwardNS), "forward_backward_ns": .double(passNS)],
    ])
  }
}

extension String {
  fileprivate func leftPadding(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
