import Testing

@testable import IsnadKit

@Suite("Handing work from one thread to another")
struct HandoffTests {
    @Test("everything handed over arrives, in order, through a queue smaller than the work")
    func order() {
        let handoff = Handoff<Int>(capacity: 2)
        let producer = BackgroundThread(ifNoThread: handoff.removeBound) {
            for number in 0..<10_000 { handoff.put(number) }
            handoff.finish()
        }
        var received: [Int] = []
        while let number = handoff.next() { received.append(number) }
        producer.join()
        #expect(received == Array(0..<10_000))
        #expect(handoff.next() == nil)
    }

    @Test("a consumer that stops releases a producer waiting on a full queue")
    func stopReleasesProducer() {
        let handoff = Handoff<Int>(capacity: 1)
        let refused = Refusals()
        let producer = BackgroundThread(ifNoThread: handoff.removeBound) {
            for number in 0..<1_000 where !handoff.put(number) {
                refused.note(number)
                break
            }
            handoff.finish()
        }
        #expect(handoff.next() == 0)
        handoff.stop()
        producer.join()
        #expect(refused.first != nil)
        #expect(handoff.next() == nil)
    }

    @Test("without a bound the queue holds everything, for a producer run on the consumer's thread")
    func unbounded() {
        let handoff = Handoff<Int>(capacity: 1)
        handoff.removeBound()
        for number in 0..<100 { #expect(handoff.put(number)) }
        handoff.finish()
        var count = 0
        while handoff.next() != nil { count += 1 }
        #expect(count == 100)
    }

    /// The number at which `put` first returned false: written by the producer thread, read
    /// after `join`, which orders the two.
    private final class Refusals: @unchecked Sendable {
        private(set) var first: Int?
        func note(_ number: Int) { first = number }
    }
}
