/// Finds a quote in a source's stored text, so that a citation can be checked and its locator
/// filled in (`isnad add claim`, claim sheets, `check`): the quote must stand in the text word
/// for word. Runs of white space (line breaks included) count as one space on both sides, a
/// letter composed or decomposed is the same letter, and the marks that Arabic and Hebrew
/// writing may leave out — short vowels, shadda, sukun, hamza above and below, Hebrew points —
/// and tatweel are not compared: «ضد» stands in «ضدّ».
public enum QuoteLocator {
    /// A text made ready to look quotes up in, once for many quotes.
    public struct SearchableText: Sendable {
        fileprivate let scalars: [Unicode.Scalar]
        fileprivate let lines: [Int]

        public init(_ text: String) { (scalars, lines) = QuoteLocator.fold(text) }
    }

    /// The lines (1-based) where the quote starts and ends in `text`, or nil when it is not there.
    public static func lines(of quote: String, in text: String) -> (first: Int, last: Int)? {
        lines(of: quote, in: SearchableText(text))
    }

    /// The lines (1-based) where the quote starts and ends in `text`, or nil when it is not there.
    public static func lines(of quote: String, in text: SearchableText) -> (first: Int, last: Int)? {
        let (needle, _) = fold(quote)
        guard !needle.isEmpty, let range = text.scalars.firstRange(of: needle) else { return nil }
        return (text.lines[range.lowerBound], text.lines[range.upperBound - 1])
    }

    /// A locator that says why a quote is not in its source's text word for word (`unverified:
    /// my translation`, or `line 4 (unverified: …)` as `isnad add claim --unverified` writes it):
    /// the analyst has vouched for it, and `check` does not report it.
    public static func isUnverified(_ locator: String?) -> Bool {
        locator?.contains("unverified") ?? false
    }

    /// The locator for those lines, as the seed dataset writes them: `line 31`, `lines 37-38`.
    public static func locator(_ lines: (first: Int, last: Int)) -> String {
        lines.first == lines.last ? "line \(lines.first)" : "lines \(lines.first)-\(lines.last)"
    }

    /// The text's scalars, decomposed, with white space runs made one space, the ends trimmed and
    /// the optional marks left out (``isOptionalMark(_:)``), and for each scalar kept the line it
    /// came from.
    private static func fold(_ text: String) -> (scalars: [Unicode.Scalar], lines: [Int]) {
        var scalars: [Unicode.Scalar] = []
        var lines: [Int] = []
        var line = 1
        var pendingSpace = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !scalars.isEmpty
                if scalar == "\n" { line += 1 }
                continue
            }
            if isOptionalMark(scalar) { continue }
            if pendingSpace {
                scalars.append(" ")
                lines.append(line)
                pendingSpace = false
            }
            scalars.append(scalar)
            lines.append(line)
        }
        return (scalars, lines)
    }

    /// Tatweel, and the marks of the Arabic and Hebrew scripts that a writer may leave out.
    private static func isOptionalMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0640: return true
        case 0x0591...0x05C7, 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x06D6...0x06ED:
            return scalar.properties.generalCategory == .nonspacingMark
        default: return false
        }
    }
}

extension Array where Element: Equatable {
    /// The first range where `other` stands in this array, or nil.
    fileprivate func firstRange(of other: [Element]) -> Range<Int>? {
        guard !other.isEmpty, other.count <= count else { return nil }
        outer: for start in 0...(count - other.count) {
            for offset in 0..<other.count where self[start + offset] != other[offset] { continue outer }
            return start..<(start + other.count)
        }
        return nil
    }
}
