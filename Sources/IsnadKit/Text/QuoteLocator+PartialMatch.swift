extension QuoteLocator {
    /// How far the start of a quote that is not in a text stands in it: what the analyst needs
    /// to see what differs (a word changed, a letter, a mark) without hunting for it. What the
    /// text has is shown in its own characters, not as the quote was compared with it: an
    /// analyst may copy it into the quote.
    public struct PartialMatch: Sendable, Equatable, CustomStringConvertible {
        /// The start of the quote that stands in the text, in the text's own characters.
        public let found: String
        /// The line where that start stands, and the line where it breaks off.
        public let line: Int
        public let brokenOffLine: Int
        /// The rest of the quote's word where it breaks off (as compared: one space for white
        /// space), and the text's there (in its own characters); empty where the text ends.
        /// Both empty when all the quote's letters stand, with other marks.
        public let quoteHas: String
        public let textHas: String

        /// `the text has "pris d'assaut la base des forces" (line 3) from the start of the
        /// quote; then the quote has "maliennes" where the text has "armées"`.
        public var description: String {
            let excerpt = QuoteLocator.excerpt(found)
            let place = line == brokenOffLine ? "line \(line)" : "lines \(line)-\(brokenOffLine)"
            if quoteHas.isEmpty && textHas.isEmpty {
                return "the text has its letters at \(place) (\"\(excerpt)\"), with other marks or hamza"
            }
            let start = "the text has \"\(excerpt)\" (\(place)) from the start of the quote; then the quote has "
            return start
                + (textHas.isEmpty ? "\"\(quoteHas)\" where the text ends" : "\"\(quoteHas)\" where the text has \"\(textHas)\"")
        }
    }

    /// The longest start of `quote` that stands in `text`, read by its skeleton as
    /// ``lines(of:in:)-(String,SearchableText)`` reads it, in time linear in both; nil when less
    /// than its first few letters stand there (no place is worth showing then).
    public static func partialMatch(of quote: String, in text: SearchableText) -> PartialMatch? {
        let needle = fold(quote)
        let keyed = needle.indices.compactMap { index in skeletonKey(needle[index]).map { (index, $0) } }
        let pattern = keyed.map(\.1)
        guard pattern.count >= 2 else { return nil }
        // Found in the folded text as byte ranges, shown from the text itself.
        let folded = text.folded.withUnsafeBufferPointer { bytes -> (PartialMatch, shown: Range<Int>, textHas: Range<Int>)? in
            let haystack = FoldedScalars(bytes: bytes)
            var best = (length: 0, start: 0, end: 0)
            forEachMatchedStart(of: pattern, in: haystack) { matched, start, next in
                if matched > best.length { best = (matched, start, next) }
                return best.length < pattern.count
            }
            guard best.length >= min(4, pattern.count) else { return nil }
            let line = text.firstLine + haystack.lineFeeds(in: 0..<best.start)
            guard best.length < pattern.count else {
                // The marks on its last letter shown too.
                var end = best.end
                while end < haystack.endOffset, skeletonKey(haystack[end].scalar) == nil { end = haystack[end].next }
                let brokenOffLine = line + haystack.lineFeeds(in: best.start..<end)
                let match = PartialMatch(found: "", line: line, brokenOffLine: brokenOffLine, quoteHas: "", textHas: "")
                return (match, best.start..<end, end..<end)
            }
            // From where it breaks off to the end of the word: its first scalar even when a space.
            let quoteRest = needle[(keyed[best.length - 1].0 + 1)...].enumerated().prefix { $0.offset == 0 || $0.element != " " }
            var quoteHas = String(String.UnicodeScalarView(quoteRest.prefix(24).map(\.element)))
            var (textRestEnd, textRestCount) = (best.end, 0)
            while textRestEnd < haystack.endOffset, textRestCount < 24 {
                let (scalar, next) = haystack[textRestEnd]
                if scalar == " ", textRestCount > 0 { break }
                textRestCount += 1
                textRestEnd = next
            }
            var (shown, textRest) = (best.start..<best.end, best.end..<textRestEnd)
            // Broken off inside a word: both sides show it whole (`le` and `la`, not `e` and `a`).
            let isSpace = { (offset: Int) in bytes[offset] == 0x20 || bytes[offset] == 0x0A }
            if !isSpace(best.end - 1), quoteHas.first != " ", !textRest.isEmpty, !isSpace(best.end),
                let space = (best.start..<best.end).last(where: isSpace)
            {
                quoteHas = foldedText(haystack, space + 1..<best.end) + quoteHas
                textRest = space + 1..<textRestEnd
                shown = best.start..<space
            }
            // The spaces it ends in left out.
            while shown.upperBound > shown.lowerBound, isSpace(shown.upperBound - 1) {
                shown = shown.lowerBound..<shown.upperBound - 1
            }
            // The line of the last character shown, not of a line break after it.
            let brokenOffLine = line + haystack.lineFeeds(in: shown)
            let match = PartialMatch(found: "", line: line, brokenOffLine: brokenOffLine, quoteHas: quoteHas, textHas: "")
            return (match, shown, textRest)
        }
        guard let (match, shown, textHas) = folded else { return nil }
        let original = text.original(ofFolded: [shown, textHas])
        return PartialMatch(
            found: original[0], line: match.line, brokenOffLine: match.brokenOffLine, quoteHas: match.quoteHas,
            textHas: original[1])
    }

    /// The folded text in a range of its bytes, a run of line feeds as one space.
    private static func foldedText(_ haystack: FoldedScalars, _ range: Range<Int>) -> String {
        var scalars = String.UnicodeScalarView()
        var offset = range.lowerBound
        while offset < range.upperBound {
            let (scalar, next) = haystack[offset]
            scalars.append(scalar)
            offset = next
        }
        return String(scalars)
    }
}
