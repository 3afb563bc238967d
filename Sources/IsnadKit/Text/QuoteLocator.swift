import Foundation

/// Finds a quote in a source's stored text, so that a citation can be checked and its locator
/// filled in (`isnad add claim`, claim sheets, `check`): the quote must stand in the text word
/// for word. Runs of white space (line breaks included) count as one space on both sides, and
/// text is compared composed (NFC; a run of more than 30 marks on one letter, zalgo text,
/// composed 30 at a time: ``composed(_:)``). Typesetting a keyboard does not type is read as what it
/// does on both sides, as are the spaces French typography adds around « » and before : ; ! ?
/// (``forEachTypographicEquivalent(of:_:)``: `s'est` stands in `s’est`, `coeur` in `cœur`). What Arabic and Hebrew writing may leave out need not be
/// typed: a vowel mark, shadda, sukun or Hebrew point of the text that the quote leaves out is
/// passed over («ضد» stands in «ضدّ»), as are tatweel, the hamza of أ إ آ (a bare ا in the quote
/// stands for them) and invisible format characters (bidirectional marks, zero-width spaces and
/// joiners, soft hyphens); a mark or hamza the quote does give must be the text's («قُتِلَ» does
/// not stand in «قَتَلَ»). A match never ends inside a character («cafe» does not stand in
/// «café», nor «Le co» in «Le cœur», 👍 in 👍🏽 or 👨 in 👨‍👩‍👧), nor starts inside one (👩‍👧 in 👨‍👩‍👧, 🇸 in 🇵🇸). Lines are counted at LF, CR LF, a lone CR, NEL, and the line and paragraph separators (``endsLine(_:after:)``; `isnad source ID --text` numbers them so).
public enum QuoteLocator {
    /// A text made ready to look quotes up in, once for many quotes: folded as the rules above
    /// say and kept as UTF-8, about the size of the text itself (held beside the text, which
    /// is not copied: the caller's). A source's text may be a leaked
    /// archive of hundreds of megabytes: held as scalars, with a line and a skeleton entry for
    /// each, it took 25 bytes a character (5 GB for a text of 200 MB). A run of white space is
    /// kept as one space, or as one line feed for each line it ends, so that the lines of a
    /// quote found are counted back from the folded text.
    public struct SearchableText: Sendable {
        /// The text as given: what a message shows of it (``original(ofFolded:)``), and what a
        /// quote is looked for in byte for byte (``isVerbatim(_:)``). Held, not copied.
        public let text: String
        /// The folded scalars as UTF-8, runs of white space kept as said above.
        let folded: [UInt8]
        /// The line of the first scalar kept, after the lines that white space before it ended.
        let firstLine: Int
        /// How many scalars the folded text has, a run of white space counted as one.
        let count: Int
        /// The reading left to the quotes looked up in this text, together (``ReadingBudget``).
        let budget: ReadingBudget
        /// Where, in `folded`, a scalar continues a character that folds to several (the `e` of
        /// `œ` read as `oe`, the last two dots of `…`, the `i` of `ﬁ`), in order: a quote neither
        /// starts nor ends there («Le co» does not stand in «Le cœur», nor «.» in «…»).
        let expansionTails: [Int]
        /// Where each piece composed at a time starts, in the text and the folded text, and how
        /// the writer stood there: the text's words for a place of the folded text are read
        /// again from the piece before it, not from the start (a sheet of a thousand rows that
        /// quote a long article loosely would read it a thousand times).
        let pieces: [Piece]

        struct Piece: Sendable {
            let folded: Int
            let text: String.Index
            let writer: FoldedWriter
        }

        public init(_ text: String) { self.init(text, normalizingScalarsAtATime: 1 << 16) }

        /// Composes the text `window` scalars at a time (a little more: to the next ASCII
        /// scalar), so that no whole copy of it is made to compose it.
        init(_ text: String, normalizingScalarsAtATime window: Int) {
            var writer = FoldedWriter()
            var folded: [UInt8] = []
            var pieces: [Piece] = []
            var expansionTails: [Int] = []
            folded.reserveCapacity(text.utf8.count)
            QuoteLocator.forEachComposedScalar(
                of: text, window: window, startingPiece: { pieces.append(Piece(folded: folded.count, text: $0, writer: writer)) }
            ) { scalar in
                // A character folds to several scalars only as ASCII ones, a byte each; a scalar
                // folded to itself that starts with an ASCII byte is that one byte.
                if let start = writer.append(scalar, to: &folded), folded[start] < 0x80, folded.count - start > 1 {
                    expansionTails.append(contentsOf: start + 1..<folded.count)
                }
            }
            (self.text, self.folded, self.firstLine, self.count, self.pieces, self.expansionTails) =
                (text, folded, writer.firstLine, writer.count, pieces, expansionTails)
            budget = ReadingBudget(steps: max(64 * writer.count, 10_000_000))
        }

        /// How many bytes the folded text holds.
        var foldedSize: Int { folded.count }
    }

    /// Writes composed scalars folded, as ``SearchableText`` holds them: the one place that says
    /// which bytes a scalar of the text becomes, for the folded text and for the way back from
    /// it to the text's own characters (``SearchableText/original(ofFolded:)``).
    struct FoldedWriter: Sendable {
        /// The line of the first scalar kept, after the lines that white space before it ended.
        private(set) var firstLine = 1
        /// How many scalars the folded text has, a run of white space counted as one.
        private(set) var count = 0
        private var folder = Folder()
        private var lastLine = 0

        /// Appends the scalar's bytes (after those of the white space before it), and returns
        /// where its own start in `folded`; nil when it is left out.
        @discardableResult
        mutating func append(_ scalar: Unicode.Scalar, to folded: inout [UInt8]) -> Int? {
            guard let kept = folder.fold(scalar) else { return nil }
            if count == 0 {
                firstLine = kept.line
            } else if kept.isAfterSpace {
                // Line breaks come only in white space: a run that ends none is one space.
                let linesEnded = kept.line - lastLine
                folded.append(contentsOf: repeatElement(linesEnded > 0 ? 0x0A : 0x20, count: max(linesEnded, 1)))
                count += 1
            }
            let start = folded.count
            QuoteLocator.forEachTypographicEquivalent(of: kept.scalar) { equivalent in
                UTF8.encode(equivalent) { folded.append($0) }
                count += 1
            }
            lastLine = kept.line
            return start
        }
    }

    /// The lines (1-based) where the quote starts and ends in `text`, or nil when it is not there.
    public static func lines(of quote: String, in text: String) -> (first: Int, last: Int)? {
        lines(of: quote, in: SearchableText(text))
    }

    /// The lines (1-based) where the quote starts and ends in `text`, or nil when it is not there.
    ///
    /// Where the quote can stand is found first by its skeleton (its letters, without the marks
    /// a writer may leave out, a hamza's alif as a bare one), in time linear in the text and the
    /// quote: tried at every place of the text, a quote of a few thousand letters in a text of a
    /// few hundred thousand that repeat (a hostile file) took minutes. Each place found is then
    /// read as the rules above say; a text and a quote made so that their skeletons meet at
    /// every place and their marks part at the end have their reading bounded, and are said not
    /// to match past it.
    public static func lines(of quote: String, in text: SearchableText) -> (first: Int, last: Int)? {
        match(of: quote, in: text)?.lines
    }

    /// Where a quote stands in a text: its lines, and the folded text it matched (to show the
    /// text's own words there: ``looseMatch(of:_:in:)``).
    public struct Match: Sendable {
        /// The lines (1-based) where the quote starts and ends.
        public let lines: (first: Int, last: Int)
        /// The bytes of the folded text the quote matched.
        let foldedRange: Range<Int>
    }

    /// Where the quote stands in `text`, found as ``lines(of:in:)-(String,SearchableText)`` finds
    /// it; nil when it is not there.
    public static func match(of quote: String, in text: SearchableText) -> Match? {
        let needle = fold(quote)
        guard let first = needle.first, !isOptionalArabicOrHebrewMark(first) else { return nil }
        let pattern = needle.compactMap(skeletonKey)
        var budget = text.budget.take(adding: 64 * needle.count)
        defer { text.budget.giveBack(budget) }
        return text.folded.withUnsafeBufferPointer { bytes in
            let haystack = FoldedScalars(bytes: bytes, expansionTails: text.expansionTails)
            var found: Match?
            var flags = FlagRun()
            forEachPlace(of: pattern, in: haystack) { start in
                guard stands(first, for: haystack[start].scalar), haystack.startsCharacter(at: start, flags: &flags)
                else { return true }
                if let last = lastMatched(needle, in: haystack, from: start, budget: &budget, flags: &flags) {
                    let firstLine = text.firstLine + haystack.lineFeeds(in: 0..<start)
                    found = Match(
                        lines: (firstLine, firstLine + haystack.lineFeeds(in: start..<last)),
                        foldedRange: start..<haystack[last].next)
                    return false
                }
                return budget > 0
            }
            return found
        }
    }

    /// What two spellings of one passage share, as this matcher reads them: the quote folded
    /// (composed, white space runs one space, typeset characters as typed, invisible ones left
    /// out) and without the marks a writer may leave out, a hamza's alif as a bare one. Two
    /// quotes with one passage key are found at the same places of a text (but where marks
    /// they both give differ).
    public static func passageKey(of quote: String) -> String {
        String(String.UnicodeScalarView(fold(quote).compactMap { skeletonKey($0).flatMap(Unicode.Scalar.init) }))
    }

    /// What a scalar is in a skeleton: nil for a mark a writer may leave out, a bare alif for an
    /// alif with hamza or madda, else itself.
    static func skeletonKey(_ scalar: Unicode.Scalar) -> UInt32? {
        // Below the Hebrew block nothing is left out or stood for: read once per quote and
        // scalar of the text, so Latin text is not looked up in the ranges of marks.
        if scalar.value < 0x0590 { return scalar.value }
        if isOptionalArabicOrHebrewMark(scalar) { return nil }
        switch scalar.value {
        case 0x0622, 0x0623, 0x0625: return 0x0627
        default: return scalar.value
        }
    }

    /// Calls `body` with the place (a byte offset) of each scalar where `pattern` starts in the
    /// skeleton of `text`, in order, until it returns false (Knuth, Morris and Pratt: linear in
    /// both).
    private static func forEachPlace(of pattern: [UInt32], in text: FoldedScalars, _ body: (Int) -> Bool) {
        forEachMatchedStart(of: pattern, in: text) { matched, start, _ in matched < pattern.count || body(start) }
    }

    /// Reads the skeleton of `text` key by key, matching `pattern` as Knuth, Morris and Pratt do,
    /// and after each key that leaves a start of it matched calls `body` with how many of its keys
    /// are matched, the byte offset where they start, and the one past the key just read, until
    /// it returns false. The places where the whole pattern stands (``forEachPlace(of:in:_:)``)
    /// and the longest start of it that stands anywhere (``partialMatch(of:in:)``) read alike.
    static func forEachMatchedStart(
        of pattern: [UInt32], in text: FoldedScalars, _ body: (_ matched: Int, _ start: Int, _ next: Int) -> Bool
    ) {
        guard !pattern.isEmpty else { return }
        let border = borders(of: pattern)
        // Where the last pattern.count keys of the skeleton stand, round and round.
        var places = [Int](repeating: 0, count: pattern.count)
        var (keys, matched, offset) = (0, 0, 0)
        while offset < text.endOffset {
            let (scalar, next) = text[offset]
            defer { offset = next }
            guard let key = skeletonKey(scalar) else { continue }
            places[keys % pattern.count] = offset
            keys += 1
            while matched > 0, key != pattern[matched] { matched = border[matched - 1] }
            if key == pattern[matched] { matched += 1 }
            guard matched > 0 else { continue }
            guard body(matched, places[(keys - matched) % pattern.count], next) else { return }
            if matched == pattern.count { matched = border[matched - 1] }
        }
    }

    /// For each length of a prefix of `pattern`, the length of its longest proper prefix that
    /// is also its suffix: where Knuth, Morris and Pratt resume after a mismatch.
    static func borders<Key: Equatable>(of pattern: [Key]) -> [Int] {
        var border = [Int](repeating: 0, count: pattern.count)
        var length = 0
        for index in pattern.indices.dropFirst() {
            while length > 0, pattern[index] != pattern[length] { length = border[length - 1] }
            if pattern[index] == pattern[length] { length += 1 }
            border[index] = length
        }
        return border
    }

    /// The folded text's scalars, read in place by byte offset: a run of line feeds is one space.
    struct FoldedScalars {
        let bytes: UnsafeBufferPointer<UInt8>
        /// ``SearchableText/expansionTails``: none unless given.
        var expansionTails: [Int] = []
        var endOffset: Int { bytes.count }

        /// Whether the scalar at `offset` continues a character folded to several.
        func continuesExpansion(at offset: Int) -> Bool {
            guard !expansionTails.isEmpty else { return false }
            var (low, high) = (0, expansionTails.count)
            while low < high {
                let middle = (low + high) / 2
                if expansionTails[middle] < offset { low = middle + 1 } else { high = middle }
            }
            return low < expansionTails.count && expansionTails[low] == offset
        }

        /// The scalar that starts at `offset`, and the offset of the next one.
        subscript(offset: Int) -> (scalar: Unicode.Scalar, next: Int) {
            let lead = UInt32(bytes[offset])
            switch lead {
            case 0x0A:
                var next = offset + 1
                while next < bytes.count, bytes[next] == 0x0A { next += 1 }
                return (" ", next)
            case ..<0x80: return (Unicode.Scalar(UInt8(lead)), offset + 1)
            case ..<0xE0: return (scalar(lead & 0x1F, offset, 2), offset + 2)
            case ..<0xF0: return (scalar(lead & 0x0F, offset, 3), offset + 3)
            default: return (scalar(lead & 0x07, offset, 4), offset + 4)
            }
        }

        private func scalar(_ leadBits: UInt32, _ offset: Int, _ length: Int) -> Unicode.Scalar {
            var value = leadBits
            for index in offset + 1..<offset + length { value = value << 6 | UInt32(bytes[index] & 0x3F) }
            return Unicode.Scalar(value) ?? "\u{FFFD}"
        }

        /// The offset where the scalar before the one at `offset` starts, nil at the start.
        func offset(before offset: Int) -> Int? {
            guard offset > 0 else { return nil }
            var start = offset - 1
            if bytes[start] == 0x0A {
                while start > 0, bytes[start - 1] == 0x0A { start -= 1 }
                return start
            }
            while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            return start
        }

        /// How many line feeds the bytes in `range` hold: the lines that end there.
        func lineFeeds(in range: Range<Int>) -> Int {
            var count = 0
            for index in range where bytes[index] == 0x0A { count += 1 }
            return count
        }

        /// Whether a character of the text starts at `offset`: not after the joiner of an emoji
        /// sequence (👩 in 👨‍👩‍👧), nor at the second half of a flag (🇸 in 🇵🇸).
        func startsCharacter(at offset: Int, flags: inout FlagRun) -> Bool {
            if let before = self.offset(before: offset), self[before].scalar == "\u{200D}" { return false }
            if continuesExpansion(at: offset) { return false }
            return !isRegionalIndicator(self[offset].scalar) || regionalIndicators(before: offset, flags: &flags) % 2 == 0
        }

        /// How many flag letters (regional indicators) run up to `offset`, not counting it: the
        /// walk back stops where it meets the run `flags` last found, which it then extends.
        func regionalIndicators(before offset: Int, flags: inout FlagRun) -> Int {
            var start = offset
            while let before = self.offset(before: start), isRegionalIndicator(self[before].scalar) {
                if flags.start <= before, before < flags.end {
                    start = flags.start
                    break
                }
                start = before
            }
            flags = FlagRun(start: start, end: offset)
            // Every flag letter is four bytes of UTF-8.
            return (offset - start) / 4
        }
    }

    /// The bytes of the folded text last found to be a run of flag letters (regional
    /// indicators) from its start. Flags pair their letters from the start of a run, so the
    /// parity of a letter is read from there: a text of nothing but flag letters, walked back
    /// over from every place a quote of them could start, took 28 s for 320 KB.
    struct FlagRun {
        var start = 0
        var end = 0
    }

    private static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool { (0x1F1E6...0x1F1FF).contains(scalar.value) }

    /// A tag of an emoji tag sequence (the flag of England: 🏴 and the tags g b e n g, cancel).
    private static func isTag(_ scalar: Unicode.Scalar) -> Bool { (0xE0020...0xE007F).contains(scalar.value) }

    /// Where the quote's last scalar matched (a byte offset), the quote read from `start` of the
    /// text, or nil when it does not stand there: the text's optional marks that the quote leaves
    /// out are passed over, and the match may not be followed by a mark of the character it ends in.
    private static func lastMatched(
        _ needle: [Unicode.Scalar], in haystack: FoldedScalars, from start: Int, budget: inout Int, flags: inout FlagRun
    ) -> Int? {
        var position = start
        var last = start
        for scalar in needle {
            budget -= 1
            if budget < 0 { return nil }
            while position < haystack.endOffset {
                let (text, next) = haystack[position]
                guard text != scalar, isOptionalArabicOrHebrewMark(text) else { break }
                position = next
            }
            guard position < haystack.endOffset else { return nil }
            let (text, next) = haystack[position]
            guard stands(scalar, for: text) else { return nil }
            last = position
            position = next
        }
        guard position < haystack.endOffset else { return last }
        if haystack.continuesExpansion(at: position) { return nil }
        let following = haystack[position].scalar
        if extendsCharacter(following), !isOptionalArabicOrHebrewMark(following) { return nil }
        // The first half of a flag: an odd count of flag letters ends the match, and another follows.
        if isRegionalIndicator(haystack[last].scalar), isRegionalIndicator(following),
            haystack.regionalIndicators(before: position, flags: &flags) % 2 == 1
        {
            return nil
        }
        return last
    }

    /// A locator that says why a quote is not in its source's text word for word (`unverified:
    /// my translation`, or `line 4 (unverified: …)` as `isnad add claim --unverified` writes it):
    /// the analyst has vouched for it, and `check` does not report it.
    /// The word alone is not enough: `p. 4, not unverified` vouches for nothing.
    public static func isUnverified(_ locator: String?) -> Bool {
        guard let locator else { return false }
        return locator.hasPrefix("unverified:") || locator.contains("(unverified:")
    }

    /// A locator without the reason `add claim --unverified REASON` wrote into it (an analyst's
    /// note as much as a claim's: "KN oral statement, 2022-03-29 meeting"), keeping that the
    /// quote is unverified: `unverified: REASON` → `unverified`, `line 4 (unverified: REASON)` →
    /// `line 4 (unverified)`. What follows the reason goes with it, closing bracket or not: the
    /// reason ends nowhere else for sure. Any locator that ``isUnverified(_:)`` does not take for
    /// one as it is. For a copy without notes, and a page that leaves them out.
    public static func withoutUnverifiedReason(_ locator: String) -> String {
        if locator.hasPrefix("unverified:") { return "unverified" }
        if let marker = locator.range(of: "(unverified:") { return locator[..<marker.lowerBound] + "(unverified)" }
        return locator
    }

    /// Whether `locator` is one ``locator(_:)`` writes (`line 31`, `lines 37-38`), or that
    /// `--unverified` does: the command's own, which it may write again, not the analyst's.
    public static func isWrittenByIsnad(_ locator: String) -> Bool {
        if isUnverified(locator) { return true }
        let words = locator.split(separator: " ")
        guard words.count == 2, words[0] == "line" || words[0] == "lines" else { return false }
        let numbers = words[1].split(separator: "-", omittingEmptySubsequences: false)
        return (1...2).contains(numbers.count) && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }
    }

    /// The lines a locator names when it is one ``locator(_:)`` writes (`line 31`, `lines
    /// 37-38`), with the reason `--unverified` may add after it (`line 4 (unverified: …)`); nil
    /// for any other (a page, a timestamp, none).
    public static func lines(of locator: String?) -> ClosedRange<Int>? {
        guard var locator else { return nil }
        if let reason = locator.range(of: " (unverified") { locator = String(locator[..<reason.lowerBound]) }
        let words = locator.split(separator: " ", omittingEmptySubsequences: false)
        guard words.count == 2, words[0] == "line" || words[0] == "lines" else { return nil }
        let numbers = words[1].split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(numbers.count), numbers.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
            let first = Int(numbers[0]), let last = Int(numbers[numbers.count - 1]), first <= last
        else { return nil }
        return first...last
    }

    /// The locator for those lines, as the seed dataset writes them: `line 31`, `lines 37-38`.
    public static func locator(_ lines: (first: Int, last: Int)) -> String {
        lines.first == lines.last ? "line \(lines.first)" : "lines \(lines.first)-\(lines.last)"
    }

    /// Whether a scalar of the quote stands for one of the text: itself, or a bare alif for an
    /// alif with hamza or madda.
    private static func stands(_ quoted: Unicode.Scalar, for text: Unicode.Scalar) -> Bool {
        if quoted == text { return true }
        guard quoted == "\u{0627}" else { return false }
        switch text.value {
        case 0x0622, 0x0623, 0x0625: return true
        default: return false
        }
    }

    /// The quote's scalars, composed and folded as ``Folder`` folds them, a run of white space
    /// made one space.
    static func fold(_ quote: String) -> [Unicode.Scalar] {
        var folder = Folder()
        var scalars: [Unicode.Scalar] = []
        for scalar in composed(quote.unicodeScalars).unicodeScalars {
            guard let kept = folder.fold(scalar) else { continue }
            if kept.isAfterSpace { scalars.append(" ") }
            forEachTypographicEquivalent(of: kept.scalar) { scalars.append($0) }
        }
        return scalars
    }

    /// Calls `body` with the scalars of `text` composed (``composed(_:)``), composing `window` scalars at a
    /// time, and up to the next ASCII scalar: none composes with a scalar before it, nor is
    /// reordered past one, so the pieces compose as the whole text would.
    static func forEachComposedScalar(
        of text: String, window: Int, startingPiece: ((String.Index) -> Void)? = nil, _ body: (Unicode.Scalar) -> Void
    ) {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        while start < scalars.endIndex {
            startingPiece?(start)
            var end = scalars.index(start, offsetBy: max(window, 1), limitedBy: scalars.endIndex) ?? scalars.endIndex
            while end < scalars.endIndex, !scalars[end].isASCII { scalars.formIndex(after: &end) }
            for scalar in composed(scalars[start..<end]).unicodeScalars { body(scalar) }
            start = end
        }
    }

    /// The most marks in a row (non-starters: scalars of a canonical combining class other than
    /// zero) composed together, the limit of Unicode's Stream-Safe Text Format (UAX #15).
    /// Composing sorts a run of marks by class, in time that grows with the square of its
    /// length: a letter carrying 100,000 marks ("zalgo" text, 400 KB) took over a minute to
    /// import and to check. Real writing stacks a few on a letter (Vietnamese two, vocalised
    /// Arabic three or four).
    static let marksComposedTogether = 30

    /// `scalars` composed (NFC), a run of more than ``marksComposedTogether`` marks composed
    /// that many at a time, as if a combining grapheme joiner stood between them (the
    /// Stream-Safe Text Process of UAX #15): text without such a run composes as NFC has it, and
    /// text with one in time linear in it, not refused (a quoted post may carry zalgo text). A
    /// text and a quote of it are cut at the same places, counted from the letter the marks are on.
    static func composed<Scalars: Collection<Unicode.Scalar>>(_ scalars: Scalars) -> String {
        var (result, chunkStart, marksInRow) = ("", scalars.startIndex, 0)
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if isNonStarter(scalars[index]) {
                if marksInRow == marksComposedTogether {
                    result += String(String.UnicodeScalarView(scalars[chunkStart..<index])).precomposedStringWithCanonicalMapping
                    (chunkStart, marksInRow) = (index, 0)
                }
                marksInRow += 1
            } else {
                marksInRow = 0
            }
            scalars.formIndex(after: &index)
        }
        return result + String(String.UnicodeScalarView(scalars[chunkStart...])).precomposedStringWithCanonicalMapping
    }

    /// Whether a scalar is a mark that composing may reorder: of a combining class other than
    /// zero, or one of the three Tibetan vowel signs of class zero that decompose into two
    /// such (U+0F73, U+0F75, U+0F81: a run of them is a run of marks once decomposed).
    private static func isNonStarter(_ scalar: Unicode.Scalar) -> Bool {
        // No scalar below the combining diacritical marks has a class other than zero.
        guard scalar.value >= 0x0300 else { return false }
        switch scalar.value {
        case 0x0F73, 0x0F75, 0x0F81: return true
        default: return scalar.properties.canonicalCombiningClass != .notReordered
        }
    }

    /// Folds composed text a scalar at a time: white space runs made one space, the ends
    /// trimmed, tatweel and invisible format characters left out, the space French typography
    /// sets inside « » and before : ; ! ? left out (``isSpacedInFrench(after:before:)``), and
    /// lines counted.
    private struct Folder {
        private var line = 1
        private var pendingSpace = false
        private var hasKept = false
        private var previous: Unicode.Scalar = " "
        private var lastKept: (scalar: Unicode.Scalar, line: Int) = (" ", 1)

        /// The scalar if it is kept, with the line it came from and whether a run of white
        /// space comes before it (never before the first); nil when it is left out.
        mutating func fold(_ scalar: Unicode.Scalar) -> (scalar: Unicode.Scalar, line: Int, isAfterSpace: Bool)? {
            defer { previous = scalar }
            if scalar.properties.isWhitespace {
                pendingSpace = hasKept
                if QuoteLocator.endsLine(scalar, after: previous) { line += 1 }
                return nil
            }
            // A joiner inside an emoji sequence (👨‍👩‍👧), and the tags of a flag such as England's,
            // are part of the character, not invisible extras.
            let joinsEmoji = (scalar == "\u{200D}" || isTag(scalar)) && (Text.isEmojiPart(previous) || isTag(previous))
            if scalar == "\u{0640}" || (scalar.properties.generalCategory == .format && !joinsEmoji) { return nil }
            // Only a space that ends no line: the lines of the folded text are counted in its spaces.
            if pendingSpace, lastKept.line == line, QuoteLocator.isSpacedInFrench(after: lastKept.scalar, before: scalar) {
                pendingSpace = false
            }
            defer { (pendingSpace, hasKept, lastKept) = (false, true, (scalar, line)) }
            return (scalar, line, pendingSpace)
        }
    }

    /// The marks of the Arabic and Hebrew scripts that a writer may leave out: short vowels,
    /// shadda, sukun, hamza above and below, Quranic signs, Hebrew points and cantillation. Only
    /// these two scripts': a quote that leaves out a Latin accent is not found ("resume" is not
    /// "résumé"), where a name written without one is (``Text/isOptionalMark(_:)``, every block's).
    private static func isOptionalArabicOrHebrewMark(_ scalar: Unicode.Scalar) -> Bool {
        arabicAndHebrewOptionalMarks.contains { $0.contains(scalar.value) } && Text.isMark(scalar)
    }

    /// The ranges of ``Text/optionalMarks`` in the Hebrew and Arabic blocks (U+0590 to U+06FF).
    static let arabicAndHebrewOptionalMarks = Text.optionalMarks.filter {
        $0.lowerBound >= 0x0590 && $0.upperBound <= 0x06FF
    }

    /// Whether a scalar belongs to the character before it: a mark, a skin tone (👍🏽), or the
    /// joiner of an emoji sequence.
    private static func extendsCharacter(_ scalar: Unicode.Scalar) -> Bool {
        Text.isMark(scalar) || scalar.properties.isEmojiModifier || scalar == "\u{200D}" || isTag(scalar)
    }

    /// An emoji, or the variation selector that asks for one (❤️): what a joiner follows in an
    /// emoji sequence. Digits, # and * are emoji too, in keycaps, and are left out.
}

extension QuoteLocator {
    /// The reading that lookups of quotes in one text may do together: a step is a scalar of a
    /// quote read at a place where its skeleton stands. Shared by every quote looked up in the
    /// text (a command reads one ``SearchableText`` for each source), so that a file of many
    /// quotes made to fail late at every place costs one bound for the text, not one for each
    /// quote: 40 such quotes against a text of 400 KB took two minutes to import, and `check`
    /// as long again. A real text's quotes read a few places each; a budget of 64 steps for each
    /// scalar of the text and of each quote, ten million at least (well under a second), is
    /// many times what they take.
    final class ReadingBudget: @unchecked Sendable {
        private let lock = NSLock()
        private var remaining: Int

        init(steps: Int) { remaining = steps }

        /// All that is left, and `more` for the quote about to be read: a lookup holds it while
        /// it reads, and gives back what it did not spend (``giveBack(_:)``).
        func take(adding more: Int) -> Int {
            lock.withLock {
                defer { remaining = 0 }
                return remaining + more
            }
        }

        func giveBack(_ steps: Int) { lock.withLock { remaining += max(0, steps) } }
    }
}
