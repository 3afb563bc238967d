#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file descriptor line by line with a fixed amount of memory: one buffer that holds
/// at most ``maximumLineLength`` bytes plus one read. A longer line is reported as such and
/// skipped without being kept.
public struct LineReader: ~Copyable {
    /// The longest line read by default: 16 MiB, room for a source's full text.
    public static let defaultMaximumLineLength = 16 << 20

    /// What the reader found on one line.
    public enum Line {
        /// The line's bytes, without its line feed. Valid only during the callback.
        case text(UnsafeBufferPointer<UInt8>)
        /// The line is longer than the limit; its bytes were skipped.
        case tooLong(length: Int)
        /// The line is longer than the limit and had not ended after ``giveUpLength`` bytes:
        /// the reading stops there (`/dev/zero` has no line feed to skip to).
        case unended(readLength: Int)
    }

    /// What an import says of a line over the limit of `limit` bytes: `length` bytes long, or
    /// not ended after `length` bytes when the reading gave it up.
    public static func overLimit(length: Int, limit: Int, isEnded: Bool) -> String {
        isEnded
            ? "line of \(length) bytes is longer than the limit of \(limit) bytes"
            : "line is longer than the limit of \(limit) bytes and had not ended after \(length) bytes: the rest of the file is not read"
    }

    /// How far an over-long line is skipped, looking for its end, before the file is given up.
    public var giveUpLength: Int { max(maximumLineLength * 8, 64 << 20) }

    /// Reading the file failed (not a bad line: the descriptor itself).
    public struct ReadError: Error, CustomStringConvertible {
        public let code: Int32
        public var description: String { String(cString: strerror(code)) }
    }

    private let descriptor: Int32
    public let maximumLineLength: Int
    private let chunkSize: Int
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int

    public init(fileDescriptor: Int32, maximumLineLength: Int = LineReader.defaultMaximumLineLength) {
        self.descriptor = fileDescriptor
        self.maximumLineLength = max(1, maximumLineLength)
        self.chunkSize = min(1 << 20, max(4096, maximumLineLength))
        self.capacity = chunkSize * 2
        self.storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// Calls `body` with each line's 1-based number. Blank lines are passed too, so numbers
    /// stay those of the file. A UTF-8 byte order mark at the very start is skipped.
    public mutating func forEachLine<E: Error>(_ body: (Int, Line) throws(E) -> Void) throws(E) -> ReadError? {
        var start = 0  // first byte of the current line
        var end = 0  // end of the bytes read so far
        var scanned = 0  // bytes before this were already searched for a line feed
        var lineNumber = 1
        var skippedLength: Int? = nil  // set while skipping an over-long line
        var atFileStart = true

        while true {
            // Look for complete lines in what was read.
            while let newline = findNewline(from: scanned, to: end) {
                if let skipped = skippedLength {
                    try body(lineNumber, .tooLong(length: skipped + newline - start))
                    skippedLength = nil
                } else if newline - start > maximumLineLength {
                    // Over the limit, though it arrived whole within one read.
                    try body(lineNumber, .tooLong(length: newline - start))
                } else {
                    try body(lineNumber, .text(UnsafeBufferPointer(start: storage + start, count: newline - start)))
                }
                lineNumber += 1
                start = newline + 1
                scanned = start
            }
            scanned = end
            // Too long so far: drop what we hold of this line and keep only its length.
            if end - start > maximumLineLength || (skippedLength != nil && end > start) {
                skippedLength = (skippedLength ?? 0) + (end - start)
                start = end
                scanned = end
                if let skipped = skippedLength, skipped > giveUpLength {
                    try body(lineNumber, .unended(readLength: skipped))
                    return nil
                }
            }
            // Make room for one more chunk.
            if start > 0 {
                let kept = end - start
                if kept > 0 { (storage).update(from: storage + start, count: kept) }
                end = kept
                scanned -= start
                start = 0
            }
            if capacity - end < chunkSize {
                let newCapacity = max(capacity * 2, end + chunkSize)
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
                bigger.update(from: storage, count: end)
                storage.deallocate()
                storage = bigger
                capacity = newCapacity
            }
            let count = read(descriptor, storage + end, chunkSize)
            if count < 0 {
                let code = errno
                if RetryableCall.mayRetry(code, descriptor: descriptor, forWriting: false) { continue }
                return ReadError(code: code)
            }
            if count == 0 { break }
            end += count
            if atFileStart, end >= 3 {
                atFileStart = false
                if lineNumber == 1, start == 0, storage[0] == 0xEF, storage[1] == 0xBB, storage[2] == 0xBF {
                    start = 3
                    scanned = max(scanned, 3)
                }
            }
        }
        // The last line may lack its line feed.
        if let skipped = skippedLength {
            try body(lineNumber, .tooLong(length: skipped + end - start))
        } else if end - start > maximumLineLength {
            try body(lineNumber, .tooLong(length: end - start))
        } else if end > start {
            try body(lineNumber, .text(UnsafeBufferPointer(start: storage + start, count: end - start)))
        }
        return nil
    }

    private func findNewline(from: Int, to: Int) -> Int? {
        guard from < to else { return nil }
        guard let found = memchr(storage + from, 0x0A, to - from) else { return nil }
        return storage.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
