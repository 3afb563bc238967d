#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A bounded queue from one producing thread to one consuming thread.
///
/// Work that needs no store (reading and decoding records, say) runs on a second core while the
/// store's writer consumes what it made: the producer ``put(_:)``s, blocking while `capacity`
/// elements wait, so memory stays bounded by the capacity whatever the input's size; the
/// consumer takes them in order with ``next()``. Either side may end it: the producer with
/// ``finish()`` when it has nothing more, the consumer with ``stop()`` when it wants nothing
/// more (an error, or enough read), which releases a producer blocked in `put`.
final class Handoff<Element: Sendable>: @unchecked Sendable {
    private var capacity: Int
    // pthread objects must not move: they live in memory of their own. Every field below is
    // read and written with the mutex held, which is what makes the class Sendable.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Taken elements leave nil behind until the taken part is dropped.
    private var waiting: [Element?] = []
    private var head = 0
    private var isFinished = false
    private var isStopped = false

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        changed.deallocate()
        mutex.deallocate()
    }

    /// Hands `element` over, waiting while the queue is full. Returns false, dropping it, once
    /// the consumer has stopped: the producer should then end.
    @discardableResult
    func put(_ element: Element) -> Bool {
        locked {
            while waiting.count - head >= capacity, !isStopped { pthread_cond_wait(changed, mutex) }
            guard !isStopped else { return false }
            waiting.append(element)
            pthread_cond_broadcast(changed)
            return true
        }
    }

    /// Lets the queue hold everything handed over: for a producer that runs on the consumer's
    /// own thread (see ``BackgroundThread``), which no consumer could unblock.
    func removeBound() {
        locked { capacity = Int.max }
    }

    /// The producer has handed over everything.
    func finish() {
        locked {
            isFinished = true
            pthread_cond_broadcast(changed)
        }
    }

    /// The next element, waiting for one; nil once the producer has finished and everything it
    /// handed over was taken, or once the consumer has stopped.
    func next() -> Element? {
        locked {
            while head == waiting.count, !isFinished, !isStopped { pthread_cond_wait(changed, mutex) }
            guard head < waiting.count, !isStopped else { return nil }
            let element = waiting[head].take()
            head += 1
            if head == waiting.count {
                waiting.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= capacity {
                waiting.removeFirst(head)
                head = 0
            }
            pthread_cond_broadcast(changed)
            return element
        }
    }

    /// The consumer wants nothing more: what waits is dropped, and the producer's next `put`
    /// returns false.
    func stop() {
        locked {
            isStopped = true
            waiting.removeAll()
            head = 0
            pthread_cond_broadcast(changed)
        }
    }

    private func locked<Result>(_ body: () -> Result) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }
}

/// Work running on a thread of its own, which ``join()`` waits for.
final class BackgroundThread {
    #if canImport(Darwin)
        private var thread: pthread_t?
    #else
        private var thread = pthread_t()
    #endif
    private var isJoined = false

    /// Starts `body` on a new thread. Should the system refuse a thread, `body` runs here and
    /// now instead, after `noThread` (which lets the queue it feeds hold all it makes): slower
    /// and larger, never stuck.
    init(ifNoThread noThread: () -> Void, _ body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(Box(body)).toOpaque()
        let started = pthread_create(
            &thread, nil,
            { context in
                #if canImport(Darwin)
                    let box = Unmanaged<Box>.fromOpaque(context).takeRetainedValue()
                #else
                    // Never nil: it is the box passed below.
                    guard let context else { return nil }
                    let box = Unmanaged<Box>.fromOpaque(context).takeRetainedValue()
                #endif
                box.body()
                return nil
            }, context)
        if started != 0 {
            isJoined = true
            noThread()
            Unmanaged<Box>.fromOpaque(context).takeRetainedValue().body()
        }
    }

    /// Waits for the work to end.
    func join() {
        guard !isJoined else { return }
        isJoined = true
        #if canImport(Darwin)
            if let thread { pthread_join(thread, nil) }
        #else
            pthread_join(thread, nil)
        #endif
    }

    deinit { join() }

    private final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
}
