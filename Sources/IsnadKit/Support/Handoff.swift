import Foundation

/// A bounded queue from one producer thread to one consumer thread, so that two stages of a
/// stream (reading the store, writing the output) run on two cores at once while memory holds
/// at most `capacity` elements in between.
///
/// The producer calls ``put(_:)`` for each element, then ``finish(error:)`` once, with the error
/// that stopped it if one did. The consumer calls ``next()`` until it returns nil (everything
/// was handed over) or throws (the producer's error, after the elements put before it). A
/// consumer that stops early calls ``stop()``: the producer's next ``put(_:)`` throws
/// ``Stopped`` instead of waiting for room that would never come.
public final class Handoff<Element: Sendable>: @unchecked Sendable {
    /// Thrown by ``put(_:)`` once the consumer has stopped.
    public struct Stopped: Error, CustomStringConvertible {
        public var description: String { "the consumer stopped" }
    }

    public let capacity: Int
    // Every field below is read and written with `condition` locked: that is what makes the
    // class safe to share between the two threads.
    private let condition = NSCondition()
    /// A ring of `capacity` slots: `waiting` elements from `front` on, wrapping around.
    private var slots: [Element?]
    private var front = 0
    private var waiting = 0
    private var isFinished = false
    private var failure: (any Error)?
    private var isStopped = false
    /// Elements the consumer is done with, released by the producer's next ``put(_:)``.
    private var spent: [Element] = []

    /// - Parameter capacity: how many elements may wait for the consumer (at least 1).
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        slots = Array(repeating: nil, count: self.capacity)
        inTurn = nil
    }

    /// A handoff whose ``put(_:)`` runs the consumer on the producer's own thread.
    fileprivate init(inTurn: InTurn) {
        capacity = 1
        slots = []
        self.inTurn = inTurn
    }

    /// The consumer, when the two stages take turns on one thread (no second one could be had).
    private let inTurn: InTurn?

    /// Hands `element` to the consumer, waiting while `capacity` elements already wait.
    /// - Throws: ``Stopped`` when the consumer has stopped (the element is dropped).
    public func put(_ element: Element) throws {
        if let inTurn {
            try inTurn.hand(element)
            return
        }
        // Released here, on the producer's thread, once the lock is let go.
        let spent = takeSpent()
        _ = spent
        condition.lock()
        defer { condition.unlock() }
        while waiting >= capacity, !isStopped { condition.wait() }
        if isStopped { throw Stopped() }
        slots[(front + waiting) % capacity] = element
        waiting += 1
        condition.broadcast()
    }

    /// Hands back an element the consumer is done with, to be released on the producer's thread
    /// (at its next ``put(_:)``): the consumer should hold no other copy of it.
    public func giveBack(_ element: consuming Element) {
        condition.lock()
        defer { condition.unlock() }
        guard !isStopped else { return }
        spent.append(element)
    }

    private func takeSpent() -> [Element] {
        condition.lock()
        defer { condition.unlock() }
        var taken: [Element] = []
        swap(&taken, &spent)
        return taken
    }

    /// Says that nothing more will be put: the consumer gets the elements already put, then nil,
    /// or `error` when one is given. Only the first call counts.
    public func finish(error: (any Error)? = nil) {
        condition.lock()
        defer { condition.unlock() }
        guard !isFinished else { return }
        isFinished = true
        failure = error
        condition.broadcast()
    }

    /// The next element, waiting for the producer; nil once it has finished and every element
    /// was taken.
    /// - Throws: the producer's error, once the elements put before it were taken.
    public func next() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while waiting == 0, !isFinished, !isStopped { condition.wait() }
        if waiting > 0, let element = slots[front] {
            slots[front] = nil
            front = (front + 1) % capacity
            waiting -= 1
            condition.broadcast()
            return element
        }
        if let failure { throw failure }
        return nil
    }

    /// Says that the consumer takes nothing more: elements waiting are dropped, and the
    /// producer's next ``put(_:)`` throws ``Stopped``.
    public func stop() {
        condition.lock()
        defer { condition.unlock() }
        isStopped = true
        slots = Array(repeating: nil, count: capacity)
        waiting = 0
        spent = []
        condition.broadcast()
    }
}

extension Handoff {
    /// Runs `produce` on a thread of its own, putting elements into a handoff of `capacity`,
    /// while `consume` takes each of them, in order, on the calling thread; returns once both
    /// are done. Each element is handed back after `consume` (``giveBack(_:)``), so that the
    /// producer's thread frees what it made; memory then holds at most twice `capacity`
    /// elements. An error on either side stops both: the consumer's error is thrown as it was
    /// (the producer's next ``put(_:)`` throws ``Stopped``, which is not reported), and so is the
    /// producer's, after `consume` has had the elements put before it.
    ///
    /// `produce` may use values that are not `Sendable` (a store and its connection): the
    /// calling thread does not touch them until `produce` has returned, since it only consumes
    /// and then waits for that thread to end.
    public static func pipeline(
        capacity: Int, produce: @escaping (Handoff) throws -> Void, consume: (Element) throws -> Void
    ) throws {
        try pipeline(capacity: capacity, startsThread: true, produce: produce, consume: consume)
    }

    /// ``pipeline(capacity:produce:consume:)``; with `startsThread` false, as when no thread can be
    /// started (for tests).
    static func pipeline(
        capacity: Int, startsThread: Bool, produce: @escaping (Handoff) throws -> Void,
        consume: (Element) throws -> Void
    ) throws {
        let handoff = Handoff(capacity: capacity)
        let ended = DispatchSemaphore(value: 0)
        let producer = OneThreadAtATime(produce)
        let body = {
            defer { ended.signal() }
            do {
                try producer.value(handoff)
                handoff.finish()
            } catch {
                handoff.finish(error: error)
            }
        }
        // As much stack as the main thread has: the producer runs the same code it would.
        guard startsThread, ProducerThread.start(stackSize: 8 << 20, body) else {
            // No thread to be had (the user's or the container's limit on processes, or on
            // memory for a stack): the stages take turns on this one, each element consumed as
            // it is put, rather than waiting for a producer that never started.
            try withoutActuallyEscaping(consume) { consume in
                let inTurn = InTurn(consume)
                do {
                    try produce(Handoff(inTurn: inTurn))
                } catch {
                    throw inTurn.failure ?? error
                }
                if let failure = inTurn.failure { throw failure }
            }
            return
        }
        do {
            while let element = try handoff.next() {
                try consume(element)
                handoff.giveBack(consume element)
            }
        } catch {
            handoff.stop()
            ended.wait()
            throw error
        }
        ended.wait()
    }

    /// The consumer of a handoff whose stages take turns on one thread. Its error is kept, and
    /// the producer's ``put(_:)`` throws ``Stopped``, as when the consumer runs on a thread of its
    /// own; the pipeline then throws the consumer's error.
    fileprivate final class InTurn {
        private let consume: (Element) throws -> Void
        private(set) var failure: (any Error)?

        init(_ consume: @escaping (Element) throws -> Void) { self.consume = consume }

        func hand(_ element: Element) throws {
            if failure != nil { throw Stopped() }
            do {
                try consume(element)
            } catch {
                failure = error
                throw Stopped()
            }
        }
    }
}

/// A thread started with `pthread_create`, whose failure is reported: Foundation's `Thread`
/// says nothing when no thread can be made, and a pipeline would then wait for ever.
private enum ProducerThread {
    /// Starts `body` on a new detached thread; false when none could be started.
    static func start(stackSize: Int, _ body: @escaping () -> Void) -> Bool {
        var attributes = pthread_attr_t()
        guard pthread_attr_init(&attributes) == 0 else { return false }
        defer { pthread_attr_destroy(&attributes) }
        _ = pthread_attr_setstacksize(&attributes, stackSize)
        _ = pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let box = Unmanaged.passRetained(Body(body))
        #if canImport(Darwin)
            var thread: pthread_t?
        #else
            var thread = pthread_t()
        #endif
        let result = pthread_create(
            &thread, &attributes,
            { context in
                let pointer: UnsafeMutableRawPointer? = context
                guard let pointer else { return nil }
                Unmanaged<Body>.fromOpaque(pointer).takeRetainedValue().run()
                return nil
            }, box.toOpaque())
        guard result == 0 else {
            box.release()
            return false
        }
        return true
    }

    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }
}

/// Elements gathered into batches for a ``Handoff`` of arrays: handing over costs a lock and a
/// wake-up, so a producer of many small elements hands them over a batch at a time, while the
/// queue's capacity, counted in batches, keeps memory bounded.
struct HandoffBatches<Element: Sendable> {
    private let handoff: Handoff<[Element]>
    private let maximumCount: Int
    private let maximumBytes: Int
    private var batch: [Element] = []
    private var bytesInBatch = 0

    /// A batch is handed over once it holds `count` elements, or `bytes` bytes as ``add(_:bytes:)``
    /// counts them.
    init(into handoff: Handoff<[Element]>, count: Int, bytes: Int = .max) {
        self.handoff = handoff
        maximumCount = max(1, count)
        maximumBytes = bytes
        batch.reserveCapacity(maximumCount)
    }

    /// Adds `element`, which holds `bytes` bytes (for a bound on memory as well as on count).
    /// - Throws: ``Handoff/Stopped`` when the consumer has stopped.
    mutating func add(_ element: Element, bytes: Int = 0) throws {
        batch.append(element)
        bytesInBatch += bytes
        if batch.count >= maximumCount || bytesInBatch >= maximumBytes { try flush() }
    }

    /// Hands over what was gathered, if anything.
    mutating func flush() throws {
        guard !batch.isEmpty else { return }
        try handoff.put(batch)
        batch.removeAll(keepingCapacity: true)
        bytesInBatch = 0
    }
}

/// A value handed to another thread that the giving thread no longer uses meanwhile, so that
/// only one thread uses it at a time (see ``Handoff/pipeline(capacity:produce:consume:)``).
private struct OneThreadAtATime<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
