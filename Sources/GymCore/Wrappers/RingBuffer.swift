extension Wrappers {
  /// A fixed-capacity queue that drops its oldest element when full: Python's
  /// `deque(maxlen=n)`, as used for `RecordEpisodeStatistics`'s queues.
  ///
  /// Indices run from the oldest element (`first`) to the newest (`last`).
  public struct RingBuffer<Element>: RandomAccessCollection {
    @usableFromInline var storage: [Element] = []
    /// The index in `storage` of the oldest element once the buffer is full.
    @usableFromInline var head = 0
    /// The most elements the buffer keeps.
    public let capacity: Int

    /// An empty buffer that keeps at most `capacity` elements.
    /// - Parameter capacity: the maximum number of elements; must be positive.
    public init(capacity: Int) {
      precondition(capacity > 0, "RingBuffer needs capacity > 0, got \(capacity)")
      self.capacity = capacity
      storage.reserveCapacity(capacity)
    }

    /// The position of the oldest element.
    public var startIndex: Int { 0 }
    /// One past the position of the newest element.
    public var endIndex: Int { storage.count }

    /// The element `position` places after the oldest one.
    @inlinable
    public subscript(position: Int) -> Element {
      precondition(position >= 0 && position < storage.count, "RingBuffer index \(position) out of range")
      let i = head + position
      return storage[i < capacity ? i : i - capacity]
    }

    /// Appends `element`, dropping the oldest element if the buffer is full.
    /// - Complexity: O(1), no allocation once the buffer is full.
    @inlinable
    public mutating func append(_ element: Element) {
      if storage.count < capacity {
        storage.append(element)
      } else {
        storage[head] = element
        head = head + 1 == capacity ? 0 : head + 1
      }
    }

    /// Removes every element, keeping the capacity.
    public mutating func removeAll() {
      storage.removeAll(keepingCapacity: true)
      head = 0
    }
  }
}

extension Wrappers.RingBuffer: Sendable where Element: Sendable {}
extension Wrappers.RingBuffer: Equatable where Element: Equatable {
  /// Whether both buffers hold equal elements in the same order (capacities may differ).
  public static func == (lhs: Self, rhs: Self) -> Bool { lhs.elementsEqual(rhs) }
}
