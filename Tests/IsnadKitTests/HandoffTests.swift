import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

@Suite("Handoff: a bounded queue between two threads")
struct HandoffTests {
    struct Failure: Error, Equatable {
        let side: String
    }

    @Test(
        "every element arrives in order, however small the capacity, on two threads or taking turns on one",
        arguments: [true, false])
    func order(startsThread: Bool) throws {
        for capacity in [1, 2, 7] {
            var received: [Int] = []
            try Handoff<Int>.pipeline(capacity: capacity, startsThread: startsThread) { handoff in
                for number in 0..<10_000 { try handoff.put(number) }
            } consume: {
                received.append($0)
            }
            #expect(received == Array(0..<10_000))
        }
    }

    @Test("the producer's error comes after the elements it put before it", arguments: [true, false])
    func producerError(startsThread: Bool) {
        var received: [Int] = []
        #expect(throws: Failure(side: "producer")) {
            try Handoff<Int>.pipeline(capacity: 2, startsThread: startsThread) { handoff in
                for number in 0..<100 { try handoff.put(number) }
                throw Failure(side: "producer")
            } consume: {
                received.append($0)
            }
        }
        #expect(received == Array(0..<100))
    }

    @Test(
        "the consumer's error stops the producer, waiting for room or not, and is thrown as it was",
        arguments: [true, false])
    func consumerError(startsThread: Bool) {
        let stopped = Stopped()
        #expect(throws: Failure(side: "consumer")) {
            try Handoff<Int>.pipeline(capacity: 1, startsThread: startsThread) { handoff in
                do {
                    for number in 0... { try handoff.put(number) }
                } catch is Handoff<Int>.Stopped {
                    stopped.set()
                    throw Handoff<Int>.Stopped()
                }
            } consume: { number in
                if number == 50 { throw Failure(side: "consumer") }
            }
        }
        // Even when the producer turns the Stopped it met into an error of its own.
        #expect(throws: Failure(side: "consumer")) {
            try Handoff<Int>.pipeline(capacity: 1, startsThread: startsThread) { handoff in
                do {
                    for number in 0... { try handoff.put(number) }
                } catch {
                    throw Failure(side: "producer")
                }
            } consume: { number in
                if number == 50 { throw Failure(side: "consumer") }
            }
        }
        // pipeline returns only once the producer has ended.
        #expect(stopped.isSet)
    }

    @Test("put waits while the handoff is full")
    func bounded() throws {
        let handoff = Handoff<Int>(capacity: 3)
        let putCount = Stopped()
        let thread = Thread {
            for number in 0..<4 { try? handoff.put(number) }
            putCount.set()
            handoff.finish()
        }
        thread.start()
        Thread.sleep(forTimeInterval: 0.2)
        #expect(!putCount.isSet)
        #expect(try handoff.next() == 0)
        var rest: [Int] = []
        while let number = try handoff.next() { rest.append(number) }
        #expect(rest == [1, 2, 3])
        #expect(putCount.isSet)
    }

    @Test("what the consumer took is freed on the producer's thread, which made it")
    func freedWhereMade() throws {
        let frees = FreeLog()
        var received = 0
        try Handoff<Made>.pipeline(capacity: 2) { handoff in
            frees.producer = pthread_self()
            for _ in 0..<1_000 { try handoff.put(Made(frees)) }
        } consume: { _ in
            received += 1
        }
        #expect(received == 1_000)
        // Those handed back after the producer's last put are freed wherever the handoff ends.
        #expect(frees.onProducer >= 990)
    }

    /// Counts how many ``Made`` were freed on the producer's thread.
    final class FreeLog: @unchecked Sendable {
        private let lock = NSLock()
        private var producerThread: pthread_t?
        private var count = 0
        var producer: pthread_t? {
            get { lock.withLock { producerThread } }
            set { lock.withLock { producerThread = newValue } }
        }
        func freed(on thread: pthread_t) {
            lock.withLock { if let producerThread, pthread_equal(producerThread, thread) != 0 { count += 1 } }
        }
        var onProducer: Int { lock.withLock { count } }
    }

    final class Made: Sendable {
        let log: FreeLog
        init(_ log: FreeLog) { self.log = log }
        deinit { log.freed(on: pthread_self()) }
    }

    @Test("after stop, put throws Stopped and next returns nothing")
    func stop() throws {
        let handoff = Handoff<Int>(capacity: 2)
        try handoff.put(1)
        handoff.stop()
        #expect(throws: Handoff<Int>.Stopped.self) { try handoff.put(2) }
        #expect(try handoff.next() == nil)
    }

    /// A flag set on one thread and read on another.
    final class Stopped: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }
}

@Suite("Exports on two threads", .temporaryFolder)
struct ExportThreadTests {
    /// A sink that fails once it has taken `limit` writes, as a full disk or a closed pipe does.
    final class FailingSink: ByteSink {
        let limit: Int
        private(set) var writes = 0
        init(limit: Int) { self.limit = limit }
        func write(_ bytes: UnsafeRawBufferPointer) throws {
            writes += 1
            if writes > limit { throw OutputError(path: "<pipe>", code: EPIPE) }
        }
    }

    /// Enough claims for the reading thread to fill the handoff and wait.
    static func largeStore(in folder: TemporaryFolder) throws -> GraphStore {
        var records = Fixtures.basic
        // Each claim between other ends: claims with the same ends and dates are one claim.
        for index in 0..<3_000 {
            records += """
                {"record":"entity","id":"ev\(index)","type":"event","name":"Event \(index)"}
                {"record":"claim","id":"c\(index)","subject":"hamas","predicate":"praised","object":"ev\(index)","start":null,"end":null,"citations":[{"source":"police","quote":"q\(index)","stance":"asserts","credibility":2}]}

                """
        }
        return try Fixtures.store(records, in: folder)
    }

    @Test("a write error stops the reading thread and is thrown unchanged", arguments: [1, 10, 2_000])
    func writeError(limit: Int) throws {
        let folder = try TemporaryFolder.scoped
        let store = try Self.largeStore(in: folder)
        for format in ["graphml", "dot"] {
            let sink = FailingSink(limit: limit)
            let graph = ExportGraph(store: store, options: ExportGraph.Options())
            #expect {
                if format == "dot" {
                    try DOTWriter(sink: sink).write(graph)
                } else {
                    try GraphMLWriter(sink: sink).write(graph)
                }
            } throws: { error in
                (error as? OutputError)?.code == EPIPE && "\(error)" == "<pipe>: \(String(cString: strerror(EPIPE)))"
            }
            #expect(sink.writes == limit + 1)
            // The store is free again: the reading thread has ended.
            #expect(try store.claim(id: "c1") != nil)
        }
    }

    @Test("a bad stored value met while edges are being written stops the export with its message")
    func readError() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Self.largeStore(in: folder)
        // The importer refuses it; a script with the sqlite3 shell does not.
        try store.database.execute("UPDATE claim SET predicate = 'praysed' WHERE id = 'c2500'")
        let sink = MemorySink()
        #expect {
            try GraphMLWriter(sink: sink).write(ExportGraph(store: store, options: ExportGraph.Options()))
        } throws: { error in
            "\(error)".hasSuffix(
                "claim \"c2500\": predicate: stored value \"praysed\" is not a predicate of the vocabulary")
        }
        // The edges before it were written, as they were on one thread.
        #expect(sink.text.contains("<edge id=\"c2499\""))
        #expect(!sink.text.contains("</graphml>"))
    }

    @Test("two threads write the same bytes as one")
    func sameBytes() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Self.largeStore(in: folder)
        for collapse in [false, true] {
            var options = ExportGraph.Options()
            options.collapse = collapse
            let graph = ExportGraph(store: store, options: options)
            let writer = GraphMLWriter(sink: MemorySink())
            var oneThread: [UInt8] = []
            var bytes: [UInt8] = []
            try graph.stream(
                nodes: { writer.appendNode($0, position: 0, count: 0, vocabulary: store.vocabulary, to: &oneThread) },
                edges: { writer.appendEdge($0, vocabulary: store.vocabulary, to: &oneThread) })
            try graph.streamOnTwoThreads(
                nodes: { writer.appendNode($0, position: 0, count: 0, vocabulary: store.vocabulary, to: &bytes) },
                edges: { writer.appendEdge($0, vocabulary: store.vocabulary, to: &bytes) })
            #expect(bytes == oneThread)
            #expect(bytes.count > 3_000 * 100)
        }
    }
}
