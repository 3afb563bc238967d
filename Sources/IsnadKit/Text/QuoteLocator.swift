/// Finds a quote in a source's stored text, so that a citation can be checked and its locator
/// filled in (`isnad add claim`): the quote must stand in the text word for word; runs of
/// white space (line breaks included) count as one space on both sides.
public enum QuoteLocator {
    /// The lines (1-based) where the quote starts and ends in `text`, or nil when it is not there.
    public static func lines(of quote: String, in text: String) -> (first: Int, last: Int)? {
        let (needle, _) = collapse(quote)
        guard !needle.isEmpty else { return nil }
        let (haystack, lineOf) = collapse(text)
        guard let range = haystack.firstRange(of: needle) else { return nil }
        let start = range.lowerBound
        let end = range.upperBound - 1
        return (lineOf[start], lineOf[end])
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

    /// The text's scalars with white space runs made one space and the ends trimmed, and for
    /// each scalar kept the line it came from.
    private static func collapse(_ text: String) -> (scalars: [Unicode.Scalar], lines: [Int]) {
        var scalars: [Unicode.Scalar] = []
        var lines: [Int] = []
        var line = 1
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !scalars.isEmpty
                if scalar == "\n" { line += 1 }
                continue
            }
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
