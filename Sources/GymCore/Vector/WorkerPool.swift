import CGymSupport
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Persistent worker threads that run one piece of a job each, for batched stepping.
///
/// `run(pieces:_:)` runs `body(k)` once for every piece `k` of a job, and returns when every
/// piece is done. Each participant (the calling thread and the workers) claims the lowest
/// unclaimed piece, runs it and claims the next, so on a busy machine, where a worker may not
/// get a core for milliseconds, a step never waits for a descheduled worker: the caller runs
/// what no worker has started, and waits only for pieces already running.
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
  /// The current job's number, piece count and claimed pieces (see `claimNext(job:)`).
  private let claims = Atomic<Int>(0)
  /// Pieces of the current job that have finished.
  private let completed = Atomic<Int>(0)
  private let sleepers = Atomic<Int>(0)
  private let stopping = Atomic<Bool>(false)
  private var job: ((Int) -> Void)?
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  private let condition: UnsafeMutablePointer<pthread_cond_t>
  /// Signalled when a worker finishes a job's last piece.
  private let finished: UnsafeMutablePointer<pthread_cond_t>
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
    finished = .allocate(capacity: 1)
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(condition, nil)
    pthread_cond_init(finished, nil)
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
    pthread_cond_destroy(finished)
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
    condition.deallocate()
    finished.deallocate()
  }

  /// Runs `body(0)` … `body(threads − 1)`, each once, on the calling thread and the workers, and
  /// returns when all have finished.
  /// - Complexity: one wake-up per parked worker (none while they spin); no allocation.
  public func run(_ body: (Int) -> Void) { run(pieces: threads, body) }

  /// Runs `body(0)` … `body(pieces − 1)`, each once, on whichever participant claims the piece
  /// first (every participant takes the lowest unclaimed piece until none is left), and
  /// returns when all have finished. More pieces than threads balance the load when a thread
  /// gets less of its core than the others.
  /// - Parameters:
  ///   - pieces: 1 ... 16.
  ///   - body: runs one piece; pieces may run concurrently.
  /// - Complexity: one wake-up per parked worker (none while they spin); no allocation.
  public func run(pieces: Int, _ body: (Int) -> Void) {
    precondition(pieces >= 1 && pieces <= 16, "a job has 1 to 16 pieces, got \(pieces)")
    if threads == 1 || pieces == 1 {
      for piece in 0..<pieces { body(piece) }
      return
    }
    withoutActuallyEscaping(body) { escapable in
      job = escapable
      completed.store(0, ordering: .relaxed)
      let number = epoch.load(ordering: .relaxed) + 1
      claims.store(number << 32 | pieces << 16, ordering: .relaxed)
      epoch.store(number, ordering: .sequentiallyConsistent)
      if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
        pthread_mutex_lock(mutex)
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex)
      }
      var done = 0
      while let piece = claimNext(job: number) {
        escapable(piece)
        done += 1
      }
      completed.add(done, ordering: .releasing)
      // Wait for pieces still running on workers: spin briefly, then sleep until the worker
      // that finishes the last piece signals, so a preempted worker can get this core.
      var spins = 0
      while completed.load(ordering: .acquiring) < pieces {
        spins += 1
        if spins < spinLimit / 8 {
          cgym_spin_pause()
        } else {
          pthread_mutex_lock(mutex)
          while completed.load(ordering: .sequentiallyConsistent) < pieces {
            pthread_cond_wait(finished, mutex)
          }
          pthread_mutex_unlock(mutex)
        }
      }
      job = nil
    }
  }

  /// Claims the lowest unclaimed piece of job `number`; nil if the job is over or every piece
  /// is taken. The claim word holds the job number (bits 32 and up), its piece count (bits
  /// 16–31) and the claimed pieces (bits 0–15).
  private func claimNext(job number: Int) -> Int? {
    var word = claims.load(ordering: .acquiring)
    while true {
      guard word >> 32 == number else { return nil }
      let pieces = (word >> 16) & 0xFFFF
      let free = ~word & ((1 << pieces) - 1)
      if free == 0 { return nil }
      let piece = free.trailingZeroBitCount
      let (exchanged, original) = claims.compareExchange(
        expected: word, desired: word | (1 << piece), ordering: .acquiringAndReleasing)
      if exchanged { return piece }
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
      while let piece = claimNext(job: current) {
        runPiece(piece)
        let (_, now) = completed.add(1, ordering: .sequentiallyConsistent)
        if now == (claims.load(ordering: .relaxed) >> 16) & 0xFFFF {
          // The job's last piece: wake the caller if it sleeps (under the mutex, so the
          // wake-up cannot fall between its check and its wait).
          pthread_mutex_lock(mutex)
          pthread_cond_signal(finished)
          pthread_mutex_unlock(mutex)
        }
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
