extension QuoteLocator {
    /// How far the start of a quote that is not in a text stands in it: what the analyst needs
    /// to see what differs (a word changed, a letter, a mark) without hunting for it.
    public struct PartialMatch: Sendable, Equatable, CustomStringConvertible {
        /// The start of the quote that stands in the text, as folded (one space for white space).
        public let found: String
        /// The line where that start stands, and the line where it breaks off.
        public let line: Int
        public let brokenOffLine: Int
        /// The rest of the quote's word where it breaks off, and the text's there; empty where
        /// the text ends. Both empty when all the quote's letters stand, with other marks.
        public let quoteHas: String
        public let textHas: String

        /// `the text has "pris d'assaut la base des forces" (line 3) from the start of the
        /// quote; then the quote has "maliennes" where the text has "armées"`.
        public var description: String {
            let excerpt =
                found.count > 60 ? found.prefix(28).trimmingSuffix(" ") + " … " + found.suffix(28).drop { $0 == " " } : found
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
        return text.folded.withUnsafeBufferPointer { bytes -> PartialMatch? in
            let haystack = FoldedScalars(bytes: bytes)
            var best = (length: 0, start: 0, end: 0)
            forEachMatchedStart(of: pattern, in: haystack) { matched, start, next in
                if matched > best.length { best = (matched, start, next) }
                return best.length < pattern.count
            }
            guard best.length >= min(4, pattern.count) else { return nil }
            let found = foldedText(haystack, best.start..<best.end)
            let line = text.firstLine + haystack.lineFeeds(in: 0..<best.start)
            let brokenOffLine = line + haystack.lineFeeds(in: best.start..<best.end)
            guard best.length < pattern.count else {
                // The marks on its last letter shown too.
                var end = best.end
                while end < haystack.endOffset, skeletonKey(haystack[end].scalar) == nil { end = haystack[end].next }
                return PartialMatch(
                    found: foldedText(haystack, best.start..<end), line: line, brokenOffLine: brokenOffLine, quoteHas: "",
                    textHas: "")
            }
            // From where it breaks off to the end of the word: its first scalar even when a space.
            let quoteRest = needle[(keyed[best.length - 1].0 + 1)...].enumerated().prefix { $0.offset == 0 || $0.element != " " }
            var textRest = String.UnicodeScalarView()
            var position = best.end
            while position < haystack.endOffset, textRest.count < 24 {
                let (scalar, next) = haystack[position]
                if scalar == " ", !textRest.isEmpty { break }
                textRest.append(scalar)
                position = next
            }
            var (quoteHas, textHas) = (String(String.UnicodeScalarView(quoteRest.prefix(24).map(\.element))), String(textRest))
            // Broken off inside a word: both sides show it whole (`le` and `la`, not `e` and `a`).
            var shown = Substring(found)
            if let space = found.lastIndex(of: " "), found.last != " ", quoteHas.first != " ",
                textHas.first.map({ $0 != " " }) ?? false
            {
                let wordStart = found[found.index(after: space)...]
                (quoteHas, textHas) = (wordStart + quoteHas, textHas.isEmpty ? textHas : wordStart + textHas)
                shown = found[..<space]
            }
            return PartialMatch(
                found: String(shown.trimmingSuffix(" ")), line: line, brokenOffLine: brokenOffLine,
                quoteHas: quoteHas, textHas: textHas)
        }
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

extension Substring {
    fileprivate func trimmingSuffix(_ character: Character) -> Substring {
        var trimmed = self
        while trimmed.last == character { trimmed = trimmed.dropLast() }
        return trimmed
    }
}
