#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension UnsafeBufferPointer where Element == UInt8 {
    /// Whether both hold the same bytes, compared in one `memcmp`: for text read from the store
    /// and compared without making a string.
    func hasSameBytes(as other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count == other.count else { return false }
        guard let start = baseAddress, let otherStart = other.baseAddress, count > 0 else { return true }
        return memcmp(start, otherStart, count) == 0
    }
}

/// The writers build their output as UTF-8 bytes, never as intermediate strings.
extension Array where Element == UInt8 {
    /// Appends the text's UTF-8 bytes in one copy (`append(contentsOf: text.utf8)` goes byte by
    /// byte).
    mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }
}

/// What the escapers (``XMLEscaping``, ``DOTEscaping``) do with each byte value, looked up in
/// one table so that runs of bytes that need nothing are found in one tight loop and copied
/// whole.
enum ByteKind: UInt8 {
    /// Copied as it is.
    case plain
    /// Replaced by the escaper's text for it.
    case replaced
    /// A control written as a numeric character reference (`&#127;`).
    case referenced
    /// 0xC2: the first byte of U+0080–U+00BF, the C1 controls among them.
    case c1Lead
    /// 0xE2: the first byte of U+2000–U+2FFF, the bidirectional embeddings and overrides
    /// U+202A–U+202E among them.
    case bidiLead
    /// 0xE2 where the directional isolates U+2066–U+2069 are escaped too (XML: no writer builds
    /// its markup with them, unlike DOT's labels).
    case bidiOrIsolateLead
    /// A byte that text an escaper accepts never holds (XML: a C0 control other than tab and
    /// line breaks; 0xEF, which may begin U+FFFE or U+FFFF, is checked there).
    case checked

    /// A table of 256 kinds, `plain` unless `kind` says otherwise.
    static func table(_ kind: (UInt8) -> ByteKind) -> [ByteKind] {
        (0...255).map { kind(UInt8($0)) }
    }

    /// The control that the bytes at `index` encode, and how many bytes it takes, when `lead` is
    /// ``c1Lead`` or ``bidiLead`` and the bytes after it make U+0080–U+009F or U+202A–U+202E, or
    /// ``bidiOrIsolateLead`` and they make U+202A–U+202E or U+2066–U+2069.
    static func control(after lead: ByteKind, in utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
        if lead == .c1Lead, index + 1 < utf8.count, (0x80...0x9F).contains(utf8[index + 1]) {
            // U+0080–U+009F are encoded C2 80 … C2 9F.
            return (UInt32(utf8[index + 1]), 2)
        }
        guard lead == .bidiLead || lead == .bidiOrIsolateLead, index + 2 < utf8.count else { return nil }
        if utf8[index + 1] == 0x80, (0xAA...0xAE).contains(utf8[index + 2]) {
            // U+202A–U+202E are encoded E2 80 AA … E2 80 AE.
            return (0x2000 | UInt32(utf8[index + 2] & 0x3F), 3)
        }
        if lead == .bidiOrIsolateLead, utf8[index + 1] == 0x81, (0xA6...0xA9).contains(utf8[index + 2]) {
            // U+2066–U+2069 are encoded E2 81 A6 … E2 81 A9.
            return (0x2040 | UInt32(utf8[index + 2] & 0x3F), 3)
        }
        return nil
    }
}

extension Array where Element == UInt8 {
    /// Appends `utf8` escaped as `kinds` says, in one pass: runs of plain bytes are copied whole;
    /// a ``ByteKind/replaced`` byte becomes what `replacement` gives for it (nothing, when nil);
    /// a ``ByteKind/referenced`` byte, and a C1 or bidirectional control, a numeric reference; a
    /// ``ByteKind/checked`` byte is passed to `refuses` (with its index), and when that says so
    /// the escaping stops. A C1 or bidirectional control for which `shown` gives bytes is
    /// written as those instead of a reference (a drawing that shows an override's escape).
    /// - Returns: false when a byte was refused (part of `utf8` is then appended).
    @inline(__always)
    mutating func appendEscaped(
        _ utf8: UnsafeBufferPointer<UInt8>, kinds: [ByteKind], replacement: (UInt8, Int) -> StaticString?,
        refuses: (Int) -> Bool = { _ in false }, shown: ((UInt32) -> [UInt8]?)? = nil
    ) -> Bool {
        kinds.withUnsafeBufferPointer { kinds in
            var start = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                let kind = kinds[Int(byte)]
                if kind == .plain {
                    index += 1
                    continue
                }
                let run = UnsafeBufferPointer(rebasing: utf8[start..<index])
                switch kind {
                case .replaced:
                    append(contentsOf: run)
                    if let text = replacement(byte, index) { appendStatic(text) }
                    index += 1
                case .referenced:
                    append(contentsOf: run)
                    appendReference(UInt32(byte))
                    index += 1
                case .c1Lead, .bidiLead, .bidiOrIsolateLead:
                    guard let (control, length) = ByteKind.control(after: kind, in: utf8, at: index) else {
                        index += 1
                        continue
                    }
                    append(contentsOf: run)
                    if let shown, let bytes = shown(control) { append(contentsOf: bytes) } else { appendReference(control) }
                    index += length
                case .checked:
                    if refuses(index) { return false }
                    index += 1
                    continue
                case .plain:
                    index += 1
                    continue
                }
                start = index
            }
            append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
            return true
        }
    }

    /// Appends the text's UTF-8 bytes in one copy.
    mutating func appendStatic(_ text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends a decimal numeric character reference, `&#155;`, for markup that decodes such
    /// references (XML, Graphviz's strings): the reader gets the same text, and the file holds
    /// no raw control a terminal could act on.
    mutating func appendReference(_ code: UInt32) {
        append(contentsOf: [UInt8(ascii: "&"), UInt8(ascii: "#")])
        appendDecimal(Int(code))
        append(UInt8(ascii: ";"))
    }

    /// Appends an integer in decimal digits, as `String(value)` spells it, without
    /// making the string.
    mutating func appendDecimal(_ value: Int) {
        if (0...9).contains(value) {
            append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        if value < 0 { append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        var divisor: UInt = 1
        while rest / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// Appends a non-negative integer in at least `width` digits, zeros first, as
    /// `String(value).leftPadded(to: width)` spells it.
    mutating func appendDecimal(_ value: Int, width: Int) {
        guard value >= 0 else { return appendUTF8(String(value).leftPadded(to: width)) }
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        for _ in digits..<Swift.max(width, digits) { append(UInt8(ascii: "0")) }
        appendDecimal(value)
    }

    /// Appends a partial date as ``PartialDate/description`` spells it (`YYYY`, `YYYY-MM`,
    /// `YYYY-MM-DD`), without making the string.
    mutating func appendDate(_ date: PartialDate) {
        appendDecimal(date.year, width: 4)
        if let month = date.month {
            append(UInt8(ascii: "-"))
            appendDecimal(month, width: 2)
        }
        if let day = date.day {
            append(UInt8(ascii: "-"))
            appendDecimal(day, width: 2)
        }
    }
}
