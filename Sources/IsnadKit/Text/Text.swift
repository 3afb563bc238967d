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
        // Every stored text is checked as it is read, quotes included: eight bytes are looked
        // at together, and only a word holding a byte below 0x20 or an 0xEF is looked at byte
        // by byte (tabs and line breaks are such bytes, and are fine).
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var start = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while start + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: start, as: UInt64.self)
                let below20 = (word &- ones &* 0x20) & ~word & highs
                let flipped = word ^ (ones &* 0xEF)
                let isEF = (flipped &- ones) & ~flipped & highs
                if below20 | isEF != 0, !isStorable(bytes, from: start, to: start + 8) { return false }
                start += 8
            }
        }
        return isStorable(bytes, from: start, to: bytes.count)
    }

    /// Whether the bytes from `start` to `end` are storable, byte by byte (an 0xEF near `end`
    /// is read with the two bytes after it).
    private static func isStorable(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        for index in start..<end {
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

    /// Whether the text shows nothing: every scalar is white space or one Unicode says is ignored
    /// where it is not supported (Default_Ignorable_Code_Point: zero width spaces and joiners,
    /// direction marks, embeddings and isolates, the soft hyphen, variation selectors, the Hangul
    /// filler). A name or a value of them alone names nothing, whichever way it came in.
    public static func showsNothing(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0.properties.isDefaultIgnorableCodePoint }
    }

    /// Whether the text holds something, yet nothing a reader sees: only invisible characters or
    /// direction marks (white space alone shows, as space). An earlier Isnad stored such a value.
    public static func holdsOnlyInvisible(_ text: String) -> Bool {
        !text.isEmpty && showsNothing(text) && !text.unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }

    /// The text as its characters' escapes, `\u200f\u200e`, when it ``holdsOnlyInvisible(_:)``;
    /// nil otherwise. Written so, `log` and `show` say what such a value holds instead of showing
    /// `""` or nothing.
    public static func invisibleEscaped(_ text: String) -> String? {
        guard holdsOnlyInvisible(text) else { return nil }
        // UTF-16 units, as JSON spells them: a tag character (U+E0001) is a surrogate pair.
        return text.utf16.map { unit in
            let hex = String(unit, radix: 16)
            return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }.joined()
    }

    /// A stored name (or alias) as output for reading shows it: whole when it has at most
    /// ``Entity/maximumNameLength`` characters, as every name Isnad writes has; one another
    /// program stored longer is cut there, saying how many characters more it has and what
    /// names the fault (`… (49999505 characters more; isnad check)`). A 50 MB name planted in
    /// a store made one `show` print 700 MB, written again at each claim that named it. Not made
    /// printable: the caller does, as for any name.
    public static func nameWithinLimit(_ name: String) -> String {
        let limit = Entity.maximumNameLength
        // The byte count is at hand; a name of at most `limit` bytes has at most `limit` scalars.
        guard name.utf8.count > limit else { return name }
        let scalars = name.unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex),
            end != scalars.endIndex
        else { return name }
        let more = scalars[end...].count
        return String(scalars[..<end]) + " … (\(more) character\(more == 1 ? "" : "s") more; isnad check)"
    }

    /// The start of a quote as a message shows it: its first `characters` characters, and at
    /// most four times as many scalars (a letter carrying thousands of marks is one character,
    /// and a message quoting it whole printed 50 KB on one line), "…" when it is cut.
    public static func excerpt(_ text: String, characters: Int = 60) -> String {
        let start = text.prefix(characters)
        var cut = start.unicodeScalars.prefix(characters * 4)
        if cut.count == start.unicodeScalars.count, start.endIndex == text.endIndex { return text }
        if cut.count == start.unicodeScalars.count { cut = start.unicodeScalars[...] }
        return String(String.UnicodeScalarView(cut)) + "…"
    }

    /// The text as it may be written to a terminal (``printable(_:keepingLineBreaks:)``), or, when
    /// it holds only invisible characters, quoted as their escapes (`"\u200b"`).
    public static func shown(_ text: String) -> String {
        invisibleEscaped(text).map { "\"\($0)\"" } ?? printable(text)
    }

    /// Why a text that ``showsNothing(_:)`` is refused: "cannot be empty", and what it holds when
    /// it holds something.
    public static func emptyProblem(_ text: String) -> String {
        text.unicodeScalars.allSatisfy(\.properties.isWhitespace)
            ? "cannot be empty" : "cannot be empty: it holds only invisible characters or direction marks"
    }

    /// The text as it may be written to a terminal: every character that could move its cursor,
    /// change its colours, set its title or clipboard, or reorder what follows — C0 and C1
    /// controls, DEL, bidirectional embeddings, overrides and isolates — shown as a visible
    /// `\u{…}` escape; tabs and carriage returns become spaces, and so do line feeds unless
    /// `keepingLineBreaks` (a message of several lines). The one function every text from outside
    /// (a file name, a stored string, SQLite's message) goes through on its way to a terminal.
    ///
    /// Everything else stays as it is: Arabic, Hebrew and the left-to-right and right-to-left
    /// marks (U+200E, U+200F), which change no order beyond their own neighbours. The result
    /// holds only characters that pass unchanged, so escaping it again changes nothing.
    public static func printable(_ text: String, keepingLineBreaks: Bool = false) -> String {
        // Printable ASCII, the most of what is shown, needs no scalar-by-scalar look.
        if isPrintableASCII(text) { return text }
        guard text.unicodeScalars.contains(where: { needsEscapeForTerminal($0) && !(keepingLineBreaks && $0 == "\n") })
        else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar == "\n" && keepingLineBreaks {
                result.unicodeScalars.append(scalar)
            } else if scalar == "\t" || scalar == "\n" || scalar == "\r" {
                result.append(" ")
            } else if needsEscapeForTerminal(scalar) {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A file's name as it may be written to a terminal: as ``printable(_:keepingLineBreaks:)``
    /// shows text, but a tab, line feed or carriage return is shown as its escape too (`\u{9}`,
    /// `\u{A}`, `\u{D}`), not as a space: `no\tsuch.jsonl` shown as `no such.jsonl` named
    /// another file, one that may exist.
    public static func printableFileName(_ name: String) -> String {
        if isPrintableASCII(name) { return name }
        var escaped = ""
        for scalar in name.unicodeScalars {
            if scalar == "\t" || scalar == "\n" || scalar == "\r" {
                escaped += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return printable(escaped)
    }

    /// Whether every character of the text is printable ASCII (space to tilde): one byte, one
    /// terminal cell, nothing to escape or isolate. Read as bytes in one loop, without decoding.
    public static func isPrintableASCII(_ text: String) -> Bool {
        let utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable { bytes in
            var isPrintable = true
            for byte in bytes { isPrintable = isPrintable && byte >= 0x20 && byte < 0x7F }
            return isPrintable
        } ?? utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Whether every character of the text is ASCII, read as bytes in one loop.
    public static func isASCII(_ text: String) -> Bool {
        let utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable { bytes in
            var isASCII = true
            for byte in bytes { isASCII = isASCII && byte < 0x80 }
            return isASCII
        } ?? utf8.allSatisfy { $0 < 0x80 }
    }

    /// Whether a terminal could take the scalar for a command rather than text: C0 controls,
    /// DEL and C1 controls (ESC and CSI start colour and cursor sequences, OSC sets the title and
    /// the clipboard), and the bidirectional embeddings, overrides and isolates (LRE, RLE, PDF,
    /// LRO, RLO; LRI, RLI, FSI, PDI), which reorder the rest of the line; and the line and
    /// paragraph separators (U+2028, U+2029), which some terminals break a line at.
    public static func needsEscapeForTerminal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }
}

extension Text {
    /// The blocks of marks a name may be written with or without (``StringProtocol/strippingOptionalMarks``):
    /// the combining diacritics of Latin, Greek and Cyrillic, Hebrew points, Arabic and Syriac
    /// vowels and signs, variation selectors. The HTML view's `normalizeName` strips the same.
    static let optionalMarks: [ClosedRange<UInt32>] = [
        0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05C7, 0x0610...0x061A, 0x064B...0x065F, 0x0670...0x0670,
        0x06D6...0x06ED, 0x0711...0x0711, 0x0730...0x074A, 0x08D3...0x08FF, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF,
        0x20D0...0x20FF, 0xFE00...0xFE0F, 0xFE20...0xFE2F, 0xE0100...0xE01EF,
    ]

    static func isOptionalMark(_ scalar: Unicode.Scalar) -> Bool {
        optionalMarks.contains { $0.contains(scalar.value) }
    }

    /// Whether the scalar is part of an emoji (a pictograph, or the variation selector that asks
    /// for one): what a zero-width joiner between two of them makes one character.
    static func isEmojiPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\u{FE0F}" || (scalar.value >= 0x2000 && scalar.properties.isEmoji)
    }

    /// Whether the scalar is a combining mark (nonspacing, spacing or enclosing).
    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}

extension StringProtocol {
    /// The text, after canonical decomposition, without the marks that its writers may leave out:
    /// accents (é → e), Arabic short vowels and hamza (أ → ا), Hebrew points, variation
    /// selectors. The vowel signs, viramas and tone marks of the Indic scripts, Thai and the
    /// like are letters of their words (राज and राजू, ข้าว and ขาว are other names), and stay.
    var strippingOptionalMarks: String {
        var scalars = String.UnicodeScalarView()
        for scalar in String(self).decomposedStringWithCanonicalMapping.unicodeScalars
        where !(scalar.properties.generalCategory == .nonspacingMark && Text.isOptionalMark(scalar)) {
            scalars.append(scalar)
        }
        return String(scalars)
    }

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

extension StringProtocol {
    /// The text without white space or line breaks at either end: what
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives (that set is Unicode's White_Space
    /// property and, in Foundation, the zero width space), without Foundation's way through
    /// `NSString`, whose first calls cost a cold `isnad show` 0.7 million instructions of its 20.
    public var trimmingWhitespace: String {
        let scalars = Substring(self).unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, Text.isTrimmed(scalars[start]) { start = scalars.index(after: start) }
        while start < end {
            let last = scalars.index(before: end)
            guard Text.isTrimmed(scalars[last]) else { break }
            end = last
        }
        return String(Substring(scalars[start..<end]))
    }
}

extension Text {
    fileprivate static func isTrimmed(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{200B}"
    }
}

extension Text {
    /// Digits typed on an Arabic or Persian keyboard (٣, ۳) as the ASCII digits they are, for
    /// numbers and dates; text (a quote, a name) keeps them as typed.
    public static func withWesternDigits(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { westernDigit($0) != nil }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { westernDigit($0) ?? $0 }))
    }

    /// A date typed with Arabic-Indic or Persian digits, in the digits 0-9 — unless its year reads
    /// as a Hijri one (``hijriNote(forDate:)``), or it is no date: then as typed, so that the
    /// record's check refuses it with that note, or with what is wrong, quoting what was typed.
    public static func withWesternDigits(date text: String) -> String {
        let western = withWesternDigits(text)
        // As typed when it is no date anyway: the record's check says what is wrong with it,
        // quoting what was typed.
        guard hijriNote(forDate: text) == nil, (try? PartialDate(parsing: western)) != nil else { return text }
        return western
    }

    /// What to say of a date whose year, 1300–1499, is typed with Arabic-Indic or Persian digits
    /// and so reads as a year of the calendars in use where those digits are — the Hijri one
    /// with Arabic-Indic digits (١٤٤٣), the Persian solar one with Persian digits (۱۴۰۰) —
    /// rather than a Gregorian one; nil for any other date. A year typed in the digits 0-9 is
    /// taken as written, whatever follows it.
    public static func hijriNote(forDate text: String) -> String? {
        let yearText = text.prefix { $0 != "-" }
        let westernYear = withWesternDigits(String(yearText))
        guard westernYear != yearText, let year = Int(westernYear), (1300...1499).contains(year) else { return nil }
        if yearText.unicodeScalars.contains(where: { (0x06F0...0x06F9).contains($0.value) }) {
            // The solar year begins at Nowruz, in March: 1400 SH is March 2021 to March 2022.
            let start = year + 621
            return
                "the year \(year) reads as a Persian solar year (\(year) SH is \(start)–\(start + 1)); dates are Gregorian, written with the digits 0-9"
        }
        // The Gregorian year in which the Hijri year begins (1443 AH: August 2021 to July 2022).
        let start = Int(621.5643 + 0.970224 * Double(year))
        return
            "the year \(year) reads as a Hijri year (\(year) AH is \(start)–\(start + 1)); dates are Gregorian, written with the digits 0-9"
    }

    /// The ASCII digit an Arabic-Indic (٣) or Persian (۳) digit is, or nil for any other scalar.
    public static func westernDigit(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x0660...0x0669: Unicode.Scalar(UInt8(truncatingIfNeeded: scalar.value - 0x0660 + 0x30))
        case 0x06F0...0x06F9: Unicode.Scalar(UInt8(truncatingIfNeeded: scalar.value - 0x06F0 + 0x30))
        default: nil
        }
    }

    /// Apostrophes and the ayn and hamza signs of transliteration (Ma'ruf, Shi‘a, daʿsh): marks
    /// inside a word, which names and ids drop rather than split the word at.
    public static func isWordMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0027, 0x2018, 0x2019, 0x02BB, 0x02BC, 0x02BE, 0x02BF, 0x0060, 0x00B4: true
        default: false
        }
    }
}
