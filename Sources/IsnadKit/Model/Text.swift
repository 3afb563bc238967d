import Foundation

/// Rules for the text Isnad stores and prints.
public enum Text {
    /// Whether the scalar may be stored. XML 1.0 cannot carry U+0000–U+001F other than tab,
    /// line feed and carriage return, nor U+FFFE and U+FFFF; refusing them at import means
    /// no export can ever fail on them.
    public static func isStorable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x00...0x1F, 0xFFFE, 0xFFFF: false
        default: true
        }
    }

    /// Whether every scalar of this UTF-8 text may be stored, read from the bytes: a C0 control
    /// is one byte below 0x20, and U+FFFE and U+FFFF are the only scalars whose UTF-8 starts
    /// EF BF BE or EF BF BF.
    static func isStorable(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in bytes.indices {
            let byte = bytes[index]
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D { return false }
            if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return false }
        }
        return true
    }

    /// Why `text` cannot be stored, or nil when it can.
    public static func problem(with text: String) -> String? {
        var text = text
        if text.withUTF8(isStorable(utf8:)) { return nil }
        for scalar in text.unicodeScalars where !isStorable(scalar) {
            return
                "contains the control character U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)), which Isnad does not store"
        }
        return nil
    }

    /// The text with every character that could move a terminal's cursor, change its colours
    /// or reorder what follows (C0 and C1 controls, bidirectional overrides and isolates)
    /// shown as a visible `\u{…}` escape; tabs and line breaks become spaces.
    public static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscapeForTerminal) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar == "\t" || scalar == "\n" || scalar == "\r" {
                result.append(" ")
            } else if needsEscapeForTerminal(scalar) {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func needsEscapeForTerminal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        // LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI: they would reorder the rest of the line.
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

extension StringProtocol {
    /// The text with its combining marks removed after canonical decomposition: é → e,
    /// أ → ا, and Arabic short vowels dropped.
    var strippingCombiningMarks: String {
        var scalars = String.UnicodeScalarView()
        for scalar in String(self).decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            scalars.append(scalar)
        }
        return String(scalars)
    }
}
