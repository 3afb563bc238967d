#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A strict JSON parser (RFC 8259) over UTF-8 bytes, made for one record per line.
///
/// Stricter than Foundation's where it matters to Isnad: duplicate keys, invalid UTF-8, lone
/// surrogates and nesting deeper than ``maximumDepth`` are errors, not silently accepted.
/// It never traps on any input.
public struct JSONParser {
    /// Records nest four levels deep; anything deeper than this is refused.
    public static let maximumDepth = 32
    /// A number longer than this is refused (no field needs one).
    public static let maximumNumberLength = 64

    /// A syntax error, at a 1-based column of what was parsed.
    public struct SyntaxError: Error, Equatable, CustomStringConvertible {
        /// In bytes: where a reader of several lines finds the line.
        public let byteColumn: Int
        /// In characters (Unicode scalars), as an editor counts them: an Arabic letter is two
        /// bytes and one column.
        public let column: Int
        public let message: String
        public var description: String { "invalid JSON at column \(column): \(message)" }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Parses one complete JSON value; only whitespace may surround it.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> JSONValue {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < bytes.count { throw parser.error("unexpected \(parser.describeCurrent()) after the value") }
        return value
    }

    /// Parses a string (convenience for tests and small inputs).
    public static func parse(_ text: String) throws(SyntaxError) -> JSONValue {
        var copy = Array(text.utf8)
        let result: Result<JSONValue, SyntaxError> = copy.withUnsafeMutableBufferPointer { buffer in
            do throws(SyntaxError) { return .success(try parse(UnsafeBufferPointer(buffer))) } catch { return .failure(error) }
        }
        return try result.get()
    }

    // MARK: Values

    private mutating func parseValue() throws(SyntaxError) -> JSONValue {
        guard index < bytes.count else { throw error("the line ends where a value should be") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected \(describeCurrent())")
        }
    }

    private mutating func parseObject() throws(SyntaxError) -> JSONValue {
        try enter()
        index += 1
        var members: [JSONObject.Member] = []
        var seen: Set<String> = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(JSONObject(members: members))
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error(
                    index < bytes.count
                        ? "expected a key in quotes, found \(describeCurrent())" : "the line ends inside an object")
            }
            let keyColumn = index + 1
            let key = try parseString()
            // Small objects: a linear scan beats hashing; large ones (hostile input) use a set.
            let isDuplicate: Bool
            if members.count < 16 {
                isDuplicate = members.contains { $0.key == key }
                if !isDuplicate, members.count == 15 { seen = Set(members.map(\.key) + [key]) }
            } else {
                isDuplicate = !seen.insert(key).inserted
            }
            if isDuplicate {
                throw failure(atByte: keyColumn, message: "duplicate key \"\(Text.printable(key))\"")
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error(
                    index < bytes.count
                        ? "expected ':' after a key, found \(describeCurrent())" : "the line ends inside an object")
            }
            index += 1
            skipWhitespace()
            members.append(JSONObject.Member(key: key, value: try parseValue()))
            skipWhitespace()
            guard index < bytes.count else { throw error("the line ends inside an object (missing '}')") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return .object(JSONObject(members: members))
            } else {
                throw error("expected ',' or '}' in an object, found \(describeCurrent())")
            }
        }
    }

    private mutating func parseArray() throws(SyntaxError) -> JSONValue {
        try enter()
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error("the line ends inside an array (missing ']')") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return .array(elements)
            } else {
                throw error("expected ',' or ']' in an array, found \(describeCurrent())")
            }
        }
    }

    private mutating func enter() throws(SyntaxError) {
        depth += 1
        if depth > JSONParser.maximumDepth { throw error("nested deeper than \(JSONParser.maximumDepth) levels") }
    }

    // MARK: Strings

    private mutating func parseString() throws(SyntaxError) -> String {
        let start = index + 1
        var cursor = start
        // Fast path: no escapes.
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") {
                index = cursor + 1
                return try makeString(UnsafeBufferPointer(rebasing: bytes[start..<cursor]), at: start)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 {
                throw failure(
                    atByte: cursor + 1, message: "raw control character 0x\(hex(byte)) in a string (write it as an escape)")
            }
            cursor += 1
        }
        guard cursor < bytes.count else { throw failure(atByte: start, message: "unterminated string") }
        var buffer: [UInt8] = Array(bytes[start..<cursor])
        while cursor < bytes.count {
            let byte = bytes[cursor]
            switch byte {
            case UInt8(ascii: "\""):
                index = cursor + 1
                return try buffer.withUnsafeBufferPointer { pointer throws(SyntaxError) in try makeString(pointer, at: start) }
            case UInt8(ascii: "\\"):
                cursor += 1
                guard cursor < bytes.count else { break }
                switch bytes[cursor] {
                case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    let scalar = try parseUnicodeEscape(at: &cursor)
                    buffer.append(contentsOf: String(scalar).utf8)
                    continue
                default:
                    throw failure(atByte: cursor, message: "invalid escape '\\\(describe(bytes[cursor]))' in a string")
                }
                cursor += 1
            default:
                if byte < 0x20 {
                    throw failure(
                        atByte: cursor + 1, message: "raw control character 0x\(hex(byte)) in a string (write it as an escape)")
                }
                buffer.append(byte)
                cursor += 1
            }
        }
        throw failure(atByte: start, message: "unterminated string")
    }

    /// Reads `uXXXX` (and its low surrogate, for characters beyond the BMP) with `cursor`
    /// on the `u`; leaves `cursor` after the last hex digit.
    private func parseUnicodeEscape(at cursor: inout Int) throws(SyntaxError) -> Unicode.Scalar {
        let escapeColumn = cursor
        let high = try hexQuad(at: cursor + 1)
        cursor += 5
        if (0xD800...0xDBFF).contains(high) {
            guard cursor + 1 < bytes.count, bytes[cursor] == UInt8(ascii: "\\"), bytes[cursor + 1] == UInt8(ascii: "u")
            else { throw failure(atByte: escapeColumn, message: "lone surrogate \\u\(String(high, radix: 16)) in a string") }
            let low = try hexQuad(at: cursor + 2)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw failure(atByte: escapeColumn, message: "lone surrogate \\u\(String(high, radix: 16)) in a string")
            }
            cursor += 6
            let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            guard let scalar = Unicode.Scalar(value) else {
                throw failure(atByte: escapeColumn, message: "invalid \\u escape")
            }
            return scalar
        }
        guard let scalar = Unicode.Scalar(high) else {
            throw failure(atByte: escapeColumn, message: "lone surrogate \\u\(String(high, radix: 16)) in a string")
        }
        return scalar
    }

    private func hexQuad(at position: Int) throws(SyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure(atByte: position, message: "incomplete \\u escape") }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[position + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure(atByte: position + offset + 1, message: "invalid hex digit in a \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private func makeString(_ utf8: UnsafeBufferPointer<UInt8>, at column: Int) throws(SyntaxError) -> String {
        // `String(decoding:)` keeps valid UTF-8 byte for byte and replaces each invalid sequence
        // with U+FFFD, so the bytes differ exactly when the input was not UTF-8. (Specialised
        // for UTF-8, it costs a fraction of the generic `String(validating:as:)`, which
        // instantiated its generic types at every string of an import.)
        var string = String(decoding: utf8, as: UTF8.self)
        let isSame = string.withUTF8 { decoded in
            guard decoded.count == utf8.count else { return false }
            guard let decodedStart = decoded.baseAddress, let start = utf8.baseAddress else { return true }
            return memcmp(decodedStart, start, decoded.count) == 0
        }
        guard isSame else {
            throw failure(atByte: column, message: "invalid UTF-8 in a string")
        }
        return string
    }

    // MARK: Numbers and words

    private mutating func parseNumber() throws(SyntaxError) -> String {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("a number needs digits") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw error("numbers cannot have leading zeros") }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("a number needs digits after '.'") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("a number needs digits in its exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index - start > JSONParser.maximumNumberLength {
            throw failure(atByte: start + 1, message: "number longer than \(JSONParser.maximumNumberLength) characters")
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private mutating func expectWord(_ word: String) throws(SyntaxError) {
        let letters = Array(word.utf8)
        let count = letters.count
        guard index + count <= bytes.count else { throw error("unexpected \(describeCurrent())") }
        for offset in 0..<count where bytes[index + offset] != letters[offset] {
            throw error("unexpected \(describeCurrent())")
        }
        index += count
    }

    // MARK: Helpers

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func error(_ message: String) -> SyntaxError { failure(atByte: index + 1, message: message) }

    /// The error at 1-based byte column `byteColumn`, its column counted in characters: a byte
    /// 10xxxxxx continues the character before it.
    private func failure(atByte byteColumn: Int, message: String) -> SyntaxError {
        let end = min(max(0, byteColumn - 1), bytes.count)
        var column = 1
        for byte in bytes[0..<end] where byte & 0xC0 != 0x80 { column += 1 }
        return SyntaxError(byteColumn: byteColumn, column: column, message: message)
    }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of line" }
        // A letter outside ASCII is named as the character it is (٢, not its first byte 0xD9).
        let length =
            switch bytes[index] {
            case 0xC2...0xDF: 2
            case 0xE0...0xEF: 3
            case 0xF0...0xF4: 4
            default: 0
            }
        if length > 0, index + length <= bytes.count,
            let scalar = String(validating: bytes[index..<index + length], as: UTF8.self)?.unicodeScalars.first
        {
            let code = String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
            // One that shows nothing (a byte order mark, a direction mark) by its code alone.
            return Text.showsNothing(String(scalar)) ? "U+\(code)" : "'\(Text.printable(String(scalar)))' (U+\(code))"
        }
        return "'\(describe(bytes[index]))'"
    }

    private func describe(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? String(UnicodeScalar(byte)) : "0x" + hex(byte)
    }

    private func hex(_ byte: UInt8) -> String { String(byte, radix: 16, uppercase: true).leftPadded(to: 2) }
}
