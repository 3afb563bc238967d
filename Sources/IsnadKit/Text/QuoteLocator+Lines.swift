extension QuoteLocator {
    /// Whether `scalar`, after `previous`, ends a line as locators count lines (`line 31`): a line
    /// feed (but the one of a CR LF, whose carriage return ended the line), a carriage return,
    /// NEXT LINE (U+0085), and the line and paragraph separators (U+2028, U+2029). The one rule
    /// both the quote's lookup and ``forEachLine(of:_:)`` count by.
    @inline(__always)
    static func endsLine(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\n": previous != "\r"
        case "\r", "\u{2028}", "\u{2029}", "\u{0085}": true
        default: false
        }
    }

    /// Each line of a text, numbered from 1 as a locator numbers it (`lines 60-62` are the lines
    /// this calls with 60, 61 and 62), without the break that ends it; a text that ends with a
    /// break has no empty line after it. `body` returns whether to go on (false: the lines
    /// wanted are read, the rest of a long text is not).
    public static func forEachLine(of text: String, _ body: (_ number: Int, _ line: String) throws -> Bool) rethrows {
        let scalars = text.unicodeScalars
        var number = 1
        var start = scalars.startIndex
        var previous: Unicode.Scalar = " "
        var index = scalars.startIndex
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if endsLine(scalar, after: previous) {
                // The line feed of a CR LF ends nothing: the line ended at the carriage return.
                guard try body(number, String(scalars[start..<index])) else { return }
                number += 1
                start = next
            } else if scalar == "\n" {
                start = next
            }
            previous = scalar
            index = next
        }
        if start != scalars.endIndex { _ = try body(number, String(scalars[start...])) }
    }
}
