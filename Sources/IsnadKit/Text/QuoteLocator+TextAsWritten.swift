extension QuoteLocator {
    /// What folding sets aside, as a note names it: a quote matches its text only so when it
    /// differs in these alone (a dash for a hyphen, NFC for NFD, ﬁ for fi, a damma left out).
    public static let setAside = "marks, spaces, typeset characters (quotation marks, dashes, ligatures) or Unicode form"

    /// A quote found in a text only once both were folded (``QuoteLocator``'s rules): it differs
    /// from the text's own characters in ``setAside``. Taken, but said: the quote is kept as
    /// typed, and a reader of an export takes it for the source's words.
    public struct LooseMatch: Sendable, Equatable {
        /// The text's own characters where the quote was found.
        public let textHas: String
        /// The lines (1-based) where they start and end.
        public let line: Int
        public let lastLine: Int

        /// `the quote matches the text of "furqan-tg-1" only with marks, spaces, typeset
        /// characters (quotation marks, dashes, ligatures) or Unicode form set aside; the text has
        /// «End  —  “quoted”» (line 4)`.
        public func description(ofSource source: String) -> String {
            let place = line == lastLine ? "line \(line)" : "lines \(line)-\(lastLine)"
            return
                "the quote matches the text of \"\(source)\" only with \(QuoteLocator.setAside) set aside; the text has «\(QuoteLocator.excerpt(textHas))» (\(place))"
        }
    }

    /// Nil when `quote`, found at `match` in `text`, is there byte for byte (a line end taken
    /// for a space: ``SearchableText/isVerbatim(_:)``); else the text's own words where it was found. The
    /// byte search runs only for a quote found folded, in time linear in the quote and the
    /// text; the text's words are read only for a quote that is not there byte for byte.
    public static func looseMatch(of quote: String, _ match: Match, in text: SearchableText) -> LooseMatch? {
        guard !text.isVerbatim(quote) else { return nil }
        return LooseMatch(
            textHas: text.original(ofFolded: [match.foldedRange])[0], line: match.lines.first, lastLine: match.lines.last)
    }

    /// The text as an excerpt for a message: whole up to 60 characters, else its first and last
    /// 28 with ` … ` between.
    static func excerpt(_ text: String) -> String {
        guard text.count > 60 else { return text }
        var head = text.prefix(28)
        while head.last?.isWhitespace == true { head = head.dropLast() }
        return head + " … " + text.suffix(28).drop { $0.isWhitespace }
    }

    /// Calls `body` with the scalars of `text` composed (``composed(_:)``), as ``forEachComposedScalar(of:window:_:)``
    /// gives them, each with the scalars of the text it was composed from, until it returns
    /// false. A piece of text up to the next ASCII scalar composes as the whole text would; in
    /// it, each run from a scalar that combines with none before it (canonical combining class
    /// 0) is composed alone, and when the runs compose as the whole piece (they do but in rare
    /// scripts) a scalar comes from its run, else from the whole piece.
    static func forEachComposedScalar(
        of text: String, from first: String.Index? = nil, withOrigin body: (Unicode.Scalar, Range<String.Index>) -> Bool
    ) {
        let scalars = text.unicodeScalars
        var start = first ?? scalars.startIndex
        while start < scalars.endIndex {
            var end = scalars.index(after: start)
            // Most text is ASCII, where each scalar is its own piece and composes with nothing.
            if scalars[start].isASCII, end == scalars.endIndex || scalars[end].isASCII {
                guard body(scalars[start], start..<end) else { return }
                start = end
                continue
            }
            while end < scalars.endIndex, !scalars[end].isASCII { scalars.formIndex(after: &end) }
            let piece = scalars[start..<end]
            let composed = Self.composed(piece).unicodeScalars
            if composed.elementsEqual(piece) {
                var index = start
                while index < end {
                    let next = scalars.index(after: index)
                    guard body(scalars[index], index..<next) else { return }
                    index = next
                }
            } else {
                var runs: [(scalars: [Unicode.Scalar], origin: Range<String.Index>)] = []
                var runStart = start
                var index = scalars.index(after: start)
                while true {
                    if index == end || scalars[index].properties.canonicalCombiningClass == .notReordered {
                        runs.append((Array(Self.composed(scalars[runStart..<index]).unicodeScalars), runStart..<index))
                        runStart = index
                    }
                    if index == end { break }
                    scalars.formIndex(after: &index)
                }
                if runs.flatMap(\.scalars).elementsEqual(composed) {
                    for run in runs {
                        for scalar in run.scalars { guard body(scalar, run.origin) else { return } }
                    }
                } else {
                    for scalar in composed { guard body(scalar, start..<end) else { return } }
                }
            }
            start = end
        }
    }
}

extension QuoteLocator.SearchableText {
    /// The text's own characters for ranges of the folded text (byte offsets in it, each from
    /// the start of a scalar), in the order given: what a message shows of the text, its marks,
    /// spaces and quotation marks as it has them, and what folding left out inside a range (a
    /// tatweel, a bidirectional mark). Read again from the start of the piece composed at a
    /// time (``pieces``) where the first range starts, up to the last range.
    func original(ofFolded ranges: [Range<Int>]) -> [String] {
        var starts = [String.Index?](repeating: nil, count: ranges.count)
        var ends = starts
        let last = ranges.map(\.upperBound).max() ?? 0
        let first = ranges.filter { !$0.isEmpty }.map(\.lowerBound).min() ?? 0
        guard last > 0 else { return ranges.map { _ in "" } }
        // The last piece that starts at or before the first range: the writer as it stood
        // there writes from it what the whole text wrote.
        var (low, high) = (0, pieces.count)
        while high - low > 1 {
            let middle = (low + high) / 2
            if pieces[middle].folded <= first { low = middle } else { high = middle }
        }
        let piece = pieces.isEmpty ? nil : pieces[low]
        var (writer, base) = (piece?.writer ?? QuoteLocator.FoldedWriter(), piece?.folded ?? 0)
        var folded: [UInt8] = []
        QuoteLocator.forEachComposedScalar(of: text, from: piece?.text) { scalar, origin in
            guard let own = writer.append(scalar, to: &folded) else { return true }
            // Only this scalar's bytes are held, with those of the white space before it.
            let (ownStart, ownEnd) = (base + own, base + folded.count)
            base = ownEnd
            folded.removeAll(keepingCapacity: true)
            for (index, range) in ranges.enumerated() where !range.isEmpty {
                if starts[index] == nil, ownEnd > range.lowerBound { starts[index] = origin.lowerBound }
                if ownStart < range.upperBound { ends[index] = origin.upperBound }
            }
            return ownEnd < last
        }
        return ranges.indices.map { index in
            guard let start = starts[index], let end = ends[index], start < end else { return "" }
            return String(String.UnicodeScalarView(text.unicodeScalars[start..<end]))
        }
    }

    /// Whether `quote` stands in the text byte for byte, a line end (CR LF, a lone CR or LF)
    /// taken for a space on both sides: a claims sheet reads CR LF as LF, and a quote typed
    /// across a line of the text has a space where the line ends.
    public func isVerbatim(_ quote: String) -> Bool {
        if Self.contains(quote.utf8, in: text.utf8) { return true }
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return false }
        return Self.contains(Self.withLineEndsAsSpaces(quote.utf8), in: Self.withLineEndsAsSpaces(text.utf8))
    }

    /// The bytes with each CR LF, lone CR and LF made one space.
    private static func withLineEndsAsSpaces<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var afterCR = false
        for byte in bytes {
            if byte == 0x0A, afterCR {
                afterCR = false
                continue
            }
            afterCR = byte == 0x0D
            result.append(byte == 0x0A || byte == 0x0D ? 0x20 : byte)
        }
        return result
    }

    /// Whether `needle` stands in `haystack` byte for byte: Knuth, Morris and Pratt, linear in
    /// both (a hostile text of a repeated letter does not make it quadratic).
    private static func contains<Needle: Collection<UInt8>, Haystack: Collection<UInt8>>(
        _ needle: Needle, in haystack: Haystack
    ) -> Bool {
        let pattern = Array(needle)
        guard !pattern.isEmpty else { return true }
        let border = QuoteLocator.borders(of: pattern)
        var matched = 0
        for byte in haystack {
            while matched > 0, byte != pattern[matched] { matched = border[matched - 1] }
            if byte == pattern[matched] { matched += 1 }
            if matched == pattern.count { return true }
        }
        return false
    }
}
