import IsnadKit

/// How many terminal cells text takes: combining marks and format characters take none,
/// East Asian wide characters and emoji take two, everything else one (Arabic included). A
/// sequence joined by ZERO WIDTH JOINER (👨‍👩‍👧) counts each of its emoji, as most terminals
/// draw them side by side.
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        // Printable ASCII, one cell a byte: most cells of a table, measured without decoding.
        if Text.isPrintableASCII(text) { return text.utf8.count }
        var width = 0
        var previous: Unicode.Scalar?
        var isSecondOfFlag = false
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar.value {
            // VARIATION SELECTOR-16 asks for the emoji picture of the symbol before it (❤ → ❤️),
            // which terminals draw two cells wide.
            case 0xFE0F:
                if let previous, of(previous) == 1, previous.properties.isEmoji { width += 1 }
            // A flag is two regional indicators (🇵 🇸) drawn as one picture, two cells.
            case 0x1F1E6...0x1F1FF:
                if !isSecondOfFlag { width += 2 }
                isSecondOfFlag.toggle()
                continue
            // A skin tone after an emoji colours it (👍🏽, ✌🏽): no cell of its own (as wcwidth
            // counts it).
            case 0x1F3FB...0x1F3FF where previous?.properties.isEmoji ?? false:
                break
            default:
                width += of(scalar)
            }
            isSecondOfFlag = false
        }
        return width
    }

    static func of(_ scalar: Unicode.Scalar) -> Int {
        // Printable ASCII first: most of a table, and asking for the general category of each
        // of its characters took a sixth of a survey's time.
        if (0x20..<0x7F).contains(scalar.value) { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        let value = scalar.value
        if value == 0x200B { return 0 }
        if (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
            || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
            || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1F64F).contains(value) || (0x1F900...0x1F9FF).contains(value)
            || (0x20000...0x3FFFD).contains(value)
        {
            return 2
        }
        // Emoji drawn as pictures by default (🚀 🚨 ⚡ ✅ 🫡), wherever their block: two cells, as
        // terminals draw them. None lies below ⌚ (U+231A), so Arabic is never looked up here.
        if value >= 0x231A, scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Whether the text holds right-to-left letters (Arabic, Hebrew, Syriac, Thaana …).
    static func hasRightToLeft(_ text: String) -> Bool {
        // Every right-to-left letter is outside ASCII.
        guard !Text.isASCII(text) else { return false }
        return text.unicodeScalars.contains { scalar in
            (0x0590...0x08FF).contains(scalar.value) || (0xFB1D...0xFDFF).contains(scalar.value)
                || (0xFE70...0xFEFF).contains(scalar.value)
        }
    }

    /// `count` spaces (none when it is not positive), for padding cells: made once for the widths
    /// tables have, rather than once per cell.
    static func spaces(_ count: Int) -> String {
        guard count > 0 else { return "" }
        return count < paddings.count ? paddings[count] : String(repeating: " ", count: count)
    }

    private static let paddings = (0..<128).map { String(decoding: [UInt8](repeating: 0x20, count: $0), as: UTF8.self) }

    /// The text cut to at most `width` cells, with an ellipsis when cut, whole grapheme
    /// clusters only.
    static func truncate(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let cell = of(String(character))
            if used + cell > width - 1 { break }
            result.append(character)
            used += cell
        }
        return result + "…"
    }

    /// The text cut to at most `width` cells by leaving out its middle, for an ellipsis: a third
    /// of them for its start, the rest for its end (a path's file name says more than its first
    /// folder). Whole grapheme clusters only.
    static func shortenedInMiddle(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        guard width > 1 else { return width == 1 ? "…" : "" }
        let characters = Array(text)
        let startRoom = (width - 1) / 3
        var start = ""
        var used = 0
        for character in characters {
            let cell = of(String(character))
            if used + cell > startRoom { break }
            start.append(character)
            used += cell
        }
        var end: [Character] = []
        for character in characters.reversed() {
            let cell = of(String(character))
            if used + cell > width - 1 { break }
            end.append(character)
            used += cell
        }
        return start + "…" + String(end.reversed())
    }
}
