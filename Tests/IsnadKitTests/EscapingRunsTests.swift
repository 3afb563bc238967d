import Testing

@testable import IsnadKit

/// The escapers copy runs of plain bytes whole and check stored text eight bytes at a time:
/// compared here with the rules read character by character, on text where every character that
/// matters falls at every offset of a word.
@Suite("Escaping by runs of bytes")
struct EscapingRunsTests {
    /// Characters each escaper treats apart, and plain ones of one to four bytes.
    static let alphabet: [Unicode.Scalar] = [
        "a", "Z", " ", "&", "<", ">", "\"", "'", "\\", "\t", "\n", "\r", "\u{0B}", "\u{1B}", "\u{00}", "\u{7F}", "\u{80}",
        "\u{85}", "\u{9B}", "\u{9F}", "\u{A0}", "\u{BF}", "é", "ح", "\u{2000}", "\u{2029}", "\u{202A}", "\u{202E}", "\u{202F}",
        "\u{2066}", "\u{2067}", "\u{2069}", "\u{206A}", "\u{2065}", "\u{FEFF}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{1F600}",
    ]

    /// Deterministic texts of 0 to 40 characters.
    static func texts(count: Int) -> [String] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in
            var scalars = String.UnicodeScalarView()
            for _ in 0..<next(41) { scalars.append(alphabet[next(alphabet.count)]) }
            return String(scalars)
        }
    }

    static func isReferencedControl(_ value: UInt32) -> Bool {
        (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
    }

    static func expectedXML(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            let scalar = Text.isStorable(scalar) ? scalar : "\u{FFFD}"
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            case "\t": result += "&#9;"
            // XML escapes the directional isolates too; DOT keeps them for its labels.
            case _ where isReferencedControl(scalar.value) || (0x2066...0x2069).contains(scalar.value):
                result += "&#\(scalar.value);"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func expectedDOT(_ text: String) -> String {
        var result = "\""
        var previous: Unicode.Scalar = "\u{0}"
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "&": result += "&amp;"
            case "\n" where previous == "\r": break
            case "\n", "\r": result += "\\n"
            case "\t": result += "\t"
            // An embedding or override is drawn as its escape, the backslash doubled.
            case _ where (0x202A...0x202E).contains(scalar.value):
                result += "\\\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            case _ where scalar.value < 0x20 || isReferencedControl(scalar.value): result += "&#\(scalar.value);"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    @Test("XML text is escaped as its characters say, storable or not")
    func xml() {
        for text in Self.texts(count: 4_000) {
            #expect(XMLEscaping.escaped(text) == Self.expectedXML(text), "\(Array(text.unicodeScalars))")
        }
    }

    @Test("DOT strings are quoted as their characters say")
    func dot() {
        for text in Self.texts(count: 4_000) {
            #expect(DOTEscaping.quoted(text) == Self.expectedDOT(text), "\(Array(text.unicodeScalars))")
        }
    }

    @Test("stored text is checked as its characters say")
    func storable() {
        for text in Self.texts(count: 4_000) {
            var utf8 = text
            let checked = utf8.withUTF8 { Text.isStorable(utf8: $0) }
            #expect(checked == text.unicodeScalars.allSatisfy(Text.isStorable), "\(Array(text.unicodeScalars))")
        }
    }

    @Test("integers are written as String spells them", arguments: [0, 7, 10, 99, 100, 12_345, -1, -905, Int.max, Int.min])
    func decimal(_ value: Int) {
        var bytes: [UInt8] = []
        bytes.appendDecimal(value)
        #expect(String(decoding: bytes, as: UTF8.self) == String(value))
    }
}
