/// The ids a walk has reached, as the store's bytes in one buffer: what the walk asks of each of
/// the thousands of ends it meets (reached before?) answered without making a `String` of the end
/// or hashing it through `Hasher`, whose SipHash costs more than the rest of the question. Ids
/// are compared as bytes, as the store compares them.
///
/// The hash is seeded per process, so that a store cannot be written with ids that all land in
/// one slot; a walk inserts at most its link budget of ids, which bounds the worst case anyway.
struct ReachedIDs {
    private var bytes: [UInt8] = []
    /// Where each id starts in `bytes`; the last element is where the next one will.
    private var starts: [Int] = [0]
    /// The number of the id in each slot, plus one (0: an empty slot). A power of two long, at
    /// most half full.
    private var slots: [Int32]
    private static let seed = UInt64.random(in: .min ... .max)

    /// How many ids are held.
    var count: Int { starts.count - 1 }

    init(minimumCapacity: Int = 64) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity *= 2 }
        slots = [Int32](repeating: 0, count: capacity)
        bytes.reserveCapacity(minimumCapacity * 16)
        starts.reserveCapacity(minimumCapacity + 1)
    }

    /// Adds the id; `inserted` is false when it was there already. `number` is the id's place in
    /// the order ids were added (``id(_:)``).
    @discardableResult
    mutating func insert(_ id: UnsafeBufferPointer<UInt8>) -> (inserted: Bool, number: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(id)) & mask
        while slots[slot] != 0 {
            let number = Int(slots[slot]) - 1
            if holds(number, id) { return (false, number) }
            slot = (slot + 1) & mask
        }
        let number = count
        slots[slot] = Int32(truncatingIfNeeded: number + 1)
        bytes.append(contentsOf: id)
        starts.append(bytes.count)
        if count * 2 > slots.count { grow() }
        return (true, number)
    }

    mutating func insert(_ id: String) {
        var id = id
        _ = id.withUTF8 { insert($0) }
    }

    /// The id added `number`-th.
    func id(_ number: Int) -> String {
        bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[starts[number]..<starts[number + 1]]), as: UTF8.self)
        }
    }

    private func holds(_ number: Int, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
        let (start, end) = (starts[number], starts[number + 1])
        guard end - start == id.count else { return false }
        return bytes.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0[start..<end]).hasSameBytes(as: id) }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for number in 0..<count {
            let (start, end) = (starts[number], starts[number + 1])
            var slot =
                bytes.withUnsafeBufferPointer {
                    Int(truncatingIfNeeded: Self.hash(UnsafeBufferPointer(rebasing: $0[start..<end])))
                } & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: number + 1)
        }
    }

    /// Eight bytes at a time, each word mixed in by a multiplication, the whole finished by
    /// MurmurHash3's 64-bit finaliser: a few instructions a word for the short ids of a store.
    private static func hash(_ id: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = seed ^ UInt64(id.count)
        let raw = UnsafeRawBufferPointer(id)
        var offset = 0
        while offset + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < raw.count {
            tail |= UInt64(raw[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* 0x9E37_79B9_7F4A_7C15
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return hash
    }
}
