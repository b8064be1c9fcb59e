import Dispatch

/// Fork-join helpers for the scheduler: work is split by index and every result is written
/// to its own slot, so the outcome does not depend on the thread count.
enum Parallel {
  /// Calls `body` once per contiguous chunk of `0..<count`, on up to `threads` threads.
  static func forEachChunk(count: Int, threads: Int, _ body: @Sendable (Range<Int>) -> Void) {
    let workers = min(max(threads, 1), count)
    guard workers > 1 else {
      if count > 0 { body(0..<count) }
      return
    }
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      body((w * count / workers)..<((w + 1) * count / workers))
    }
  }

  /// Calls `body(i)` for every `i` in `0..<count`, on up to `threads` threads.
  static func forEach(count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
    forEachChunk(count: count, threads: threads) { range in
      for i in range { body(i) }
    }
  }
}

/// A pointer handed to worker threads that each touch their own part of it.
struct SendablePointer<T>: @unchecked Sendable {
  let pointer: UnsafePointer<T>
  init(_ pointer: UnsafePointer<T>) { self.pointer = pointer }
}

/// A mutable pointer handed to worker threads that each write their own part of it.
struct SendableMutablePointer<T>: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<T>
  init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}
