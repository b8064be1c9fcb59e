import CGymSupport
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Persistent worker threads that run one piece of a job each, for batched stepping.
///
/// `run(_:)` runs `body(k)` once for every piece `k` in `0 ..< threads`: the calling thread runs
/// `body(0)`, worker `k` runs `body(k)`, and `run` returns when every piece is done. A piece is
/// claimed before it runs, and the caller, once its own piece is done, claims and runs every
/// piece that no worker has started yet: on a busy machine, where a worker may not get a core
/// for milliseconds, a step never waits for a descheduled worker, it only loses the parallelism.
/// Between jobs a worker spins on a shared counter for a short while (a job usually follows
/// within microseconds), then parks on a condition variable, so an idle pool costs nothing. No
/// thread is created, no memory is allocated and no dispatch queue is involved per job.
///
/// Use one participant per core: spinning threads beyond the core count only take time from
/// each other.
public final class WorkerPool: @unchecked Sendable {
  // @unchecked: `job` is written by the caller before the sequentially consistent store of
  // `epoch`, and read by a worker only after it claimed a piece of that job (the caller then
  // waits for the piece, so `job` stays valid); everything else is atomic or immutable.

  /// Participants, including the calling thread.
  public let threads: Int
  /// How many times a waiting thread polls before it parks (about 10–50 µs).
  public let spinLimit: Int

  private let epoch = Atomic<Int>(0)
  /// The current job's number (upper bits) and the pieces claimed in it (low 16 bits).
  private let claims = Atomic<Int>(0)
  /// Pieces of the current job that have finished.
  private let completed = Atomic<Int>(0)
  private let sleepers = Atomic<Int>(0)
  private let stopping = Atomic<Bool>(false)
  private var job: ((Int) -> Void)?
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  private let condition: UnsafeMutablePointer<pthread_cond_t>
  private var workers: [pthread_t] = []

  /// A pool of `threads` participants: the caller and `threads − 1` new threads.
  /// - Parameters:
  ///   - threads: participants (1 ... 16); one per core is the sensible maximum.
  ///   - spinLimit: polls before a waiting thread parks.
  public init(threads: Int, spinLimit: Int = 20_000) {
    precondition(threads >= 1 && threads <= 16, "a worker pool has 1 to 16 threads, got \(threads)")
    self.threads = threads
    self.spinLimit = spinLimit
    mutex = .allocate(capacity: 1)
    condition = .allocate(capacity: 1)
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(condition, nil)
    for index in 1..<threads {
      let context = Unmanaged.passRetained(WorkerContext(pool: self, index: index)).toOpaque()
      workers.append(Self.spawn(context))
    }
  }

  deinit {
    stopping.store(true, ordering: .sequentiallyConsistent)
    epoch.add(1, ordering: .sequentiallyConsistent)
    pthread_mutex_lock(mutex)
    pthread_cond_broadcast(condition)
    pthread_mutex_unlock(mutex)
    for thread in workers { pthread_join(thread, nil) }
    pthread_cond_destroy(condition)
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
    condition.deallocate()
  }

  /// Runs `body(0)` … `body(threads − 1)`, each once, on the calling thread and the workers, and
  /// returns when all have finished.
  /// - Complexity: one wake-up per parked worker (none while they spin); no allocation.
  public func run(_ body: (Int) -> Void) {
    if threads == 1 { return body(0) }
    withoutActuallyEscaping(body) { escapable in
      job = escapable
      completed.store(0, ordering: .relaxed)
      let number = epoch.load(ordering: .relaxed) + 1
      claims.store(number << 16, ordering: .relaxed)
      epoch.store(number, ordering: .sequentiallyConsistent)
      if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
        pthread_mutex_lock(mutex)
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex)
      }
      var done = 0
      for piece in 0..<threads where claim(piece, job: number) {
        escapable(piece)
        done += 1
      }
      completed.add(done, ordering: .releasing)
      var spins = 0
      while completed.load(ordering: .acquiring) < threads {
        spins += 1
        if spins < spinLimit { cgym_spin_pause() } else { sched_yield() }
      }
      job = nil
    }
  }

  /// Claims piece `piece` of job `number`; false if the job is over or someone else has it.
  private func claim(_ piece: Int, job number: Int) -> Bool {
    var word = claims.load(ordering: .acquiring)
    while true {
      guard word >> 16 == number, word & (1 << piece) == 0 else { return false }
      let (exchanged, original) = claims.compareExchange(
        expected: word, desired: word | (1 << piece), ordering: .acquiringAndReleasing)
      if exchanged { return true }
      word = original
    }
  }

  /// A worker's loop: wait for the next epoch, run its piece, report, repeat.
  fileprivate func work(index: Int) {
    var seen = 0  // the epoch when the pool started: every later job is new to this worker
    while true {
      var spins = 0
      var current = epoch.load(ordering: .acquiring)
      while current == seen {
        spins += 1
        if spins < spinLimit {
          cgym_spin_pause()
        } else {
          pthread_mutex_lock(mutex)
          sleepers.add(1, ordering: .sequentiallyConsistent)
          while epoch.load(ordering: .sequentiallyConsistent) == seen {
            pthread_cond_wait(condition, mutex)
          }
          sleepers.subtract(1, ordering: .sequentiallyConsistent)
          pthread_mutex_unlock(mutex)
          spins = 0
        }
        current = epoch.load(ordering: .acquiring)
      }
      seen = current
      if stopping.load(ordering: .acquiring) { return }
      // The caller may have run this piece already (this worker was late), or moved on to a
      // later job: then the claim fails and the worker waits for the next job.
      if claim(index, job: current) {
        runPiece(index)
        completed.add(1, ordering: .releasing)
      }
    }
  }

  @inline(never)
  private func runPiece(_ index: Int) {
    job.unsafelyUnwrapped(index)
  }

  private static func spawn(_ context: UnsafeMutableRawPointer) -> pthread_t {
    #if canImport(Glibc)
      var thread = pthread_t()
      let status = pthread_create(&thread, nil, { raw in
        let context = Unmanaged<WorkerContext>.fromOpaque(raw!).takeRetainedValue()
        context.pool.work(index: context.index)
        return nil
      }, context)
      precondition(status == 0, "could not start a worker thread (error \(status))")
      return thread
    #else
      var thread: pthread_t?
      let status = pthread_create(&thread, nil, { raw in
        let context = Unmanaged<WorkerContext>.fromOpaque(raw).takeRetainedValue()
        context.pool.work(index: context.index)
        return nil
      }, context)
      precondition(status == 0, "could not start a worker thread (error \(status))")
      return thread!
    #endif
  }
}

/// What a new worker thread needs: its pool (unowned: the pool joins its threads in `deinit`)
/// and its index.
private final class WorkerContext {
  unowned(unsafe) let pool: WorkerPool
  let index: Int
  init(pool: WorkerPool, index: Int) {
    self.pool = pool
    self.index = index
  }
}
