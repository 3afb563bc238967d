/// A set of claim rows, one bit each for the rows from 0 to a bound (at most 2^30: 128 MB of bits
/// would be more than a set of the rows a walk meets); any other row, as a store written by
/// another program may hold, in a set.
struct RowBits {
    private var words: [UInt64]
    private var others: Set<Int64> = []

    /// Bits for the rows up to `largest`, and at most up to `bound` (any row past it goes to the set).
    init(largest: Int64, bound: Int64 = 1 << 30) {
        words = [UInt64](repeating: 0, count: Int(min(max(0, largest), bound)) / 64 + 1)
    }

    /// Adds the row; false when it was there already.
    mutating func insert(_ row: Int64) -> Bool {
        guard row >= 0, row / 64 < Int64(words.count) else { return others.insert(row).inserted }
        let (index, bit) = (Int(row / 64), UInt64(1) << UInt64(row % 64))
        guard words[index] & bit == 0 else { return false }
        words[index] |= bit
        return true
    }
}
