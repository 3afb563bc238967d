/// Writes JSON (RFC 8259) into a byte buffer, value by value, with no whitespace: objects,
/// arrays, strings, numbers and null, the commas put in for the caller. The one writer of JSON
/// text: records, `stats --format json`, `check --format json`.
///
/// Keys are written in the order given, so a caller that gives them in a fixed order always
/// gets the same bytes. Strings are escaped by ``JSONEscaping``; everything else stays UTF-8.
public struct JSONWriter {
    /// What has been written so far.
    public private(set) var bytes: [UInt8] = []
    /// For each open object or array: whether it holds a value yet (and needs a comma before
    /// the next).
    private var hasValue: [Bool] = []
    /// A key was just written: its value takes no comma.
    private var isAfterKey = false

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Starts over with an empty buffer, keeping its memory.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        hasValue.removeAll(keepingCapacity: true)
        isAfterKey = false
    }

    /// Empties the buffer, keeping the writer's place in the document: for a document written
    /// out piece by piece.
    public mutating func removeWritten() {
        bytes.removeAll(keepingCapacity: true)
    }

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        hasValue.append(false)
    }

    public mutating func endObject() {
        hasValue.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        hasValue.append(false)
    }

    public mutating func endArray() {
        hasValue.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// A member's key, in an object: its value comes next.
    public mutating func key(_ name: String) {
        separate()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        isAfterKey = true
    }

    public mutating func string(_ value: String) {
        separate()
        appendString(value)
    }

    /// A string as `log` shows it: as ``string(_:)`` writes it, or, when it holds only invisible
    /// characters or direction marks, as their escapes (``Text/invisibleEscaped(_:)``), so that it
    /// does not read as `""`. Still JSON, read back as the same string.
    public mutating func shownString(_ value: String) {
        guard let escaped = Text.invisibleEscaped(value) else { return string(value) }
        separate()
        bytes.append(contentsOf: "\"\(escaped)\"".utf8)
    }

    /// An array of strings, `["a","b"]`, written in one go.
    public mutating func array(_ values: [String]) {
        separate()
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendString(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    public mutating func integer(_ value: Int) {
        separate()
        if (0...9).contains(value) {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
        } else {
            bytes.append(contentsOf: String(value).utf8)
        }
    }

    /// A number already written as JSON text (`0.1250`), as it is.
    public mutating func number(_ text: String) {
        separate()
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func boolean(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    /// `"name":"value"`, or nothing when the value is nil (an optional field left out).
    public mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    /// `"name":"value"`, or `"name":null` when the value is nil.
    public mutating func nullableMember(_ name: String, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }

    public mutating func member(_ name: String, _ value: Int) {
        key(name)
        integer(value)
    }

    /// A line feed, after a top-level value (JSON Lines).
    public mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
    }

    private mutating func separate() {
        if isAfterKey {
            isAfterKey = false
            return
        }
        guard let last = hasValue.indices.last else { return }
        if hasValue[last] { bytes.append(UInt8(ascii: ",")) } else { hasValue[last] = true }
    }

    private mutating func appendString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        JSONEscaping.append(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }
}

/// JSON string escaping (RFC 8259 §7): quote, backslash and line breaks as `\"`, `\\`, `\n`,
/// `\r`, `\t`; every other character a terminal could take for a command as `\uXXXX` — C0
/// controls, DEL, C1 controls (U+0080–U+009F: CSI, OSC …), the line and paragraph separators
/// (U+2028, U+2029, where some terminals break a line) and the bidirectional embeddings,
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069) — so that JSON written to a terminal
/// cannot drive it, while a parser reads back the same string. Everything else is written as
/// UTF-8, the left-to-right and right-to-left marks (U+200E, U+200F) included.
public enum JSONEscaping {
    public static func append(_ value: String, to output: inout [UInt8]) {
        var value = value
        value.withUTF8 { append(utf8: $0, to: &output) }
    }

    static func append(utf8 bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        // Most text needs no escape: copy it whole. C1 controls start with C2, the bidi controls
        // with E2: text without those bytes (nor ASCII controls, quote, backslash) has none.
        let needsEscape = bytes.contains {
            $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2
        }
        guard needsEscape else {
            output.append(contentsOf: bytes)
            return
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            let third = index + 2 < bytes.count ? bytes[index + 2] : 0
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20, 0x7F: appendUnicodeEscape(UInt16(byte), to: &output)
            case 0xC2 where (0x80...0x9F).contains(next):
                // U+0080–U+009F, encoded C2 80 … C2 9F.
                appendUnicodeEscape(UInt16(next), to: &output)
                index += 1
            case 0xE2 where (next == 0x80 && (0xA8...0xAE).contains(third)) || (next == 0x81 && (0xA6...0xA9).contains(third)):
                // U+2028, U+2029 and U+202A–U+202E (E2 80 A8–AE), U+2066–U+2069 (E2 81 A6–A9).
                appendUnicodeEscape(0x2000 | UInt16(next & 0x3F) << 6 | UInt16(third & 0x3F), to: &output)
                index += 2
            default: output.append(byte)
            }
            index += 1
        }
    }

    /// `\u` and four lowercase hexadecimal digits.
    private static func appendUnicodeEscape(_ value: UInt16, to output: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
        for shift in [12, 8, 4, 0] { output.append(hex[Int(value >> UInt16(shift) & 0xF)]) }
    }

    /// The value as a JSON string literal, quotes included.
    public static func quoted(_ value: String) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        append(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }
}
