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

extension Array where Element == UInt8 {
    /// Appends `utf8` with each control character for which `isReferenced` holds (given its
    /// code point: C0 controls, DEL, C1 controls and the bidirectional embeddings and overrides
    /// U+202A–U+202E are considered) written as a decimal numeric
    /// character reference, `&#155;`, and the text between them through `escape`. For markup
    /// that decodes such references (XML, Graphviz's strings): the reader gets the same text,
    /// and the file holds no raw control a terminal could act on.
    mutating func append(
        _ utf8: UnsafeBufferPointer<UInt8>, referencingControls isReferenced: (UInt32) -> Bool,
        escaping escape: (inout [UInt8], UnsafeBufferPointer<UInt8>) -> Void
    ) {
        var start = 0
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            var control: UInt32?
            var length = 1
            if byte < 0x20 || byte == 0x7F {
                control = UInt32(byte)
            } else if byte == 0xC2, index + 1 < utf8.count, (0x80...0x9F).contains(utf8[index + 1]) {
                // U+0080–U+009F are encoded C2 80 … C2 9F.
                control = UInt32(utf8[index + 1])
                length = 2
            } else if byte == 0xE2, index + 2 < utf8.count, utf8[index + 1] == 0x80, (0xAA...0xAE).contains(utf8[index + 2]) {
                // U+202A–U+202E are encoded E2 80 AA … E2 80 AE.
                control = 0x2000 | UInt32(utf8[index + 2] & 0x3F)
                length = 3
            }
            guard let control, isReferenced(control) else {
                index += 1
                continue
            }
            escape(&self, UnsafeBufferPointer(rebasing: utf8[start..<index]))
            appendUTF8("&#\(control);")
            index += length
            start = index
        }
        escape(&self, UnsafeBufferPointer(rebasing: utf8[start...]))
    }
}
