/// The writers build their output as UTF-8 bytes, never as intermediate strings.
extension Array where Element == UInt8 {
    /// Appends the text's UTF-8 bytes in one copy (`append(contentsOf: text.utf8)` goes byte by
    /// byte).
    mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends `utf8`, putting in place of each byte that `replacement` maps to a text that
    /// text instead (`previous` is the byte before it, 0 at the start, for pairs such as CR LF).
    /// Runs of other bytes are copied whole: every byte an escaping replaces is ASCII, which
    /// never occurs inside a multi-byte UTF-8 sequence.
    mutating func append(
        _ utf8: UnsafeBufferPointer<UInt8>, replacing replacement: (_ byte: UInt8, _ previous: UInt8) -> StaticString?
    ) {
        var start = 0
        var previous: UInt8 = 0
        for (index, byte) in utf8.enumerated() {
            defer { previous = byte }
            guard let text = replacement(byte, previous) else { continue }
            append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
            append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
            start = index + 1
        }
        append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    }
}
