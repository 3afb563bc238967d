/// Text of one direction kept in its order inside text of another, with Unicode's directional
/// isolates (https://www.unicode.org/reports/tr9/#Explicit_Directional_Isolates): names and
/// quotes in labels and tooltips, Arabic lines in pictures, ISO dates among Arabic words.
public enum BidiText {
    /// User text (a name, a quote) set inside a line of other text: each of its lines between
    /// FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (U+2068, U+2069), so that its direction,
    /// and any right-to-left override or embedding it holds, stays inside it instead of
    /// reordering the text around it (https://www.unicode.org/reports/tr9/#Explicit_Directional_Isolates).
    /// Appends ``isolated(_:)`` of `text` to `bytes` as UTF-8, without making the string when
    /// the text is one plain line (the usual case: a quote in a tooltip).
    static func appendIsolated(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        let isPlainLine = text.withUTF8 { utf8 in
            !utf8.contains { (0x0A...0x0D).contains($0) || $0 == 0xC2 || $0 == 0xE2 }
        }
        guard isPlainLine else {
            bytes.appendUTF8(isolated(text))
            return
        }
        bytes.appendStatic("\u{2068}")
        text.withUTF8 { bytes.append(contentsOf: $0) }
        bytes.appendStatic("\u{2069}")
    }

    public static func isolated(_ text: String) -> String {
        // Line breaks and isolates are ASCII controls or start with C2 or E2: text whose bytes
        // hold none of those is one plain line (the usual case, taken without decoding).
        if !text.utf8.contains(where: { (0x0A...0x0D).contains($0) || $0 == 0xC2 || $0 == 0xE2 }) {
            return "\u{2068}" + text + "\u{2069}"
        }
        var result = String.UnicodeScalarView()
        // Isolates the text opens and has not closed: they are closed at the end of its line, and
        // a closing one it has not opened is dropped, so that ours always pair up.
        var openIsolates = 0
        func endLine() {
            result.append(contentsOf: repeatElement("\u{2069}", count: openIsolates + 1))
            openIsolates = 0
        }
        result.append("\u{2068}")
        var afterCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { afterCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\n" where afterCarriageReturn: continue  // CR LF is one line break
            case "\n", "\u{0B}", "\u{0C}", "\r", "\u{85}", "\u{2028}", "\u{2029}":
                endLine()
                result.append(contentsOf: "\n\u{2068}".unicodeScalars)
            case "\u{2066}", "\u{2067}", "\u{2068}":
                openIsolates += 1
                result.append(scalar)
            case "\u{2069}":
                guard openIsolates > 0 else { continue }
                openIsolates -= 1
                result.append(scalar)
            default: result.append(scalar)
            }
        }
        endLine()
        return String(result)
    }

    /// An Arabic line between RIGHT-TO-LEFT ISOLATE and POP DIRECTIONAL ISOLATE (U+2067,
    /// U+2069): read right to left wherever it is shown, even where lines are laid out left to
    /// right by default (SVG), grades in their places.
    public static func rightToLeft(_ line: String) -> String { "\u{2067}\(line)\u{2069}" }

    /// Text between LEFT-TO-RIGHT ISOLATE and POP DIRECTIONAL ISOLATE (U+2066, U+2069): an ISO
    /// date kept in its order inside a right-to-left line.
    public static func leftToRight(_ text: String) -> String { "\u{2066}\(text)\u{2069}" }

    /// A line written left to right (English words around a name, a sample and what it means)
    /// laid out left to right even when its first letter is Arabic: Pango, which draws
    /// Graphviz's PNG, takes a line's direction from its first letter with one, looking inside
    /// isolates, so `⁨سرايا القدس⁩, 2 hops` came out as `hops 2 ,سرايا القدس`. Such a line gets
    /// a LEFT-TO-RIGHT MARK first, which browsers drawing the SVG (left to right by default) do
    /// not need and do not mind. A line that is one right-to-left isolate
    /// (``rightToLeft(_:)``: an Arabic line) is right to left as it should be, and stays as it is.
    public static func heldLeftToRight(_ line: String) -> String {
        // Most lines start with a Latin letter: looked at without going further.
        guard line.unicodeScalars.contains(where: { strongDirection(of: $0) == .rightToLeft }) else { return line }
        let scalars = Array(line.unicodeScalars)
        if scalars.first == "\u{2067}", scalars.last == "\u{2069}", isolateEnd(scalars) == scalars.count - 1 {
            return line
        }
        let first = scalars.lazy.compactMap(strongDirection(of:)).first
        return first == .rightToLeft ? "\u{200E}" + line : line
    }

    /// The index of the PDI that closes the isolate opened by the first scalar, if any.
    private static func isolateEnd(_ scalars: [Unicode.Scalar]) -> Int? {
        var depth = 0
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\u{2066}", "\u{2067}", "\u{2068}": depth += 1
            case "\u{2069}":
                depth -= 1
                if depth == 0 { return index }
            default: continue
            }
        }
        return nil
    }

    /// Which way a letter goes, for the letters that set a direction of their own.
    public enum Direction: Sendable { case leftToRight, rightToLeft }

    /// The direction of a letter that has one: right to left for the letters of Arabic, Hebrew,
    /// Syriac, Thaana and their presentation forms, left to right for every other letter; nil for
    /// digits, punctuation, spaces, marks and emoji, which take the direction of what is around
    /// them.
    public static func strongDirection(of scalar: Unicode.Scalar) -> Direction? {
        let value = scalar.value
        if value < 0x80 {
            return (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) ? .leftToRight : nil
        }
        if value == 0x200E { return .leftToRight }
        if value == 0x200F || value == 0x061C { return .rightToLeft }
        guard scalar.properties.isAlphabetic else { return nil }
        let isRightToLeftBlock =
            (0x0590...0x08FF).contains(value) || (0xFB1D...0xFDFF).contains(value) || (0xFE70...0xFEFF).contains(value)
        return isRightToLeftBlock ? .rightToLeft : .leftToRight
    }
}
