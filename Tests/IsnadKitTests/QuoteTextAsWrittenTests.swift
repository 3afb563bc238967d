import Testing

@testable import IsnadKit

@Suite("What a message shows of a source's text is the text's own characters")
struct QuoteTextAsWrittenTests {
    /// The review's Telegram statement: Arabic with a damma and runs of spaces, a CR LF, an em
    /// dash with two spaces either side, typographic quotation marks.
    static let text =
        "بيان\r\nقامت الكتيبةُ  بتسليم   الأسلحة إلى “لواء النصر”\r\nسطر\r\nEnd  —  “quoted” ‘single’\n"

    @Test("a quote refused is told what the text has in the text's characters, not as it was compared")
    func partialMatchShowsTheText() throws {
        let text = QuoteLocator.SearchableText(Self.text)
        let english = try #require(QuoteLocator.partialMatch(of: "End - \"quoted\" (single)", in: text))
        #expect(english.found == "End  —  “quoted”" && english.line == 4)
        #expect(
            english.description
                == "the text has \"End  —  “quoted”\" (line 4) from the start of the quote; then the quote has \"(single)\" where the text has \"‘single’\""
        )
        let arabic = try #require(QuoteLocator.partialMatch(of: "قامت الكتيبة بتسليم الأسلحة إلى \"لواء الفتح\"", in: text))
        #expect(arabic.found == "قامت الكتيبةُ  بتسليم   الأسلحة إلى “لواء" && arabic.line == 2)
        #expect(arabic.quoteHas == "الفتح\"" && arabic.textHas == "النصر”")
        // Across a CR LF: the text's line end shown as it is (a message makes it printable).
        let across = try #require(QuoteLocator.partialMatch(of: "النصر\" سطر آخر", in: text))
        #expect(across.found == "النصر”\r\nسطر" && (across.line, across.brokenOffLine) == (2, 3))
        #expect(Text.printable(across.description).contains("\"النصر”  سطر\" (lines 2-3)"))
        // All the letters stand, with other marks: the text's marks shown.
        let marks = try #require(QuoteLocator.partialMatch(of: "الكتيبةَ", in: text))
        #expect(marks.found == "الكتيبةُ")
    }

    @Test("a long span is shown as its start and end, white space of the text's own trimmed at the cut")
    func excerpt() throws {
        let words = (1...20).map { "mot\($0)" }
        let text = QuoteLocator.SearchableText(words.joined(separator: "\u{00A0} "))
        let partial = try #require(QuoteLocator.partialMatch(of: words.joined(separator: " ") + " autre", in: text))
        #expect(partial.found == words.joined(separator: "\u{00A0} "))
        #expect(
            partial.description.hasPrefix(
                "the text has \"mot1\u{00A0} mot2\u{00A0} mot3\u{00A0} mot4\u{00A0} mot5 … mot17\u{00A0} "))
        #expect(partial.description.contains(" … mot17\u{00A0} mot18\u{00A0} mot19\u{00A0} mot20\" (line 1)"))
    }

    @Test(
        "a quote found only folded is said, with the text's words; one there byte for byte, a line end taken for a space, is not",
        arguments: [
            ("قامت الكتيبة  بتسليم", "قامت الكتيبةُ  بتسليم", 2, 2),
            ("End  —  \"quoted\"", "End  —  “quoted”", 4, 4),
            ("End - “quoted”", "End  —  “quoted”", 4, 4),
            ("بيان قامت", nil, 1, 2),
            ("بيان  قامت", "بيان\r\nقامت", 1, 2),
            ("سطر\r\nEnd", nil, 3, 4),
            ("سطر\nEnd", nil, 3, 4),
            ("“quoted” ‘single’", nil, 4, 4),
        ] as [(String, String?, Int, Int)])
    func looseMatch(_ quote: String, _ textHas: String?, _ line: Int, _ lastLine: Int) throws {
        let text = QuoteLocator.SearchableText(Self.text)
        let match = try #require(QuoteLocator.match(of: quote, in: text))
        #expect(match.lines == (line, lastLine))
        let loose = QuoteLocator.looseMatch(of: quote, match, in: text)
        #expect(loose?.textHas == textHas)
        if let loose {
            #expect(
                loose.description(ofSource: "s")
                    == "the quote matches the text of \"s\" only with marks, spaces, typeset characters (quotation marks, dashes, ligatures) or Unicode form set aside; the text has «\(textHas ?? "")» (\(line == lastLine ? "line \(line)" : "lines \(line)-\(lastLine)"))"
            )
        }
    }

    @Test("a quote in another Unicode form, or with spaces around it, is a loose match; the text's form is shown")
    func unicodeForm() throws {
        let text = QuoteLocator.SearchableText("Le café est fermé.")
        let quote = " Le cafe\u{0301}  "
        let match = try #require(QuoteLocator.match(of: quote, in: text))
        #expect(QuoteLocator.looseMatch(of: quote, match, in: text)?.textHas == "Le café")
        // A decomposed text: its own scalars, not the composed ones it is compared as.
        let decomposed = QuoteLocator.SearchableText("Le cafe\u{0301} est ferme\u{0301}.")
        let found = try #require(QuoteLocator.match(of: "café est", in: decomposed))
        #expect(
            QuoteLocator.looseMatch(of: "café est", found, in: decomposed)?.textHas.unicodeScalars.elementsEqual(
                "cafe\u{0301} est".unicodeScalars) == true)
    }

    @Test(
        "read back with where each scalar came from, a text composes as it does for the search",
        arguments: [
            "Le cafe\u{0301} e\u{0301}te\u{0301} naïve", "\u{1100}\u{1161}\u{11A8} 한국 \u{1112}\u{1161}\u{11AB}",
            "قامت الكتيبةُ  بتسليم", "a\u{0323}\u{0302}b e\u{0302}\u{0323}", "\u{0B47}\u{0B3E} x", "plain ASCII",
        ])
    func composedWithOrigin(_ text: String) {
        var composed: [Unicode.Scalar] = []
        QuoteLocator.forEachComposedScalar(of: text, window: 1 << 16) { composed.append($0) }
        var withOrigin: [Unicode.Scalar] = []
        var rebuilt = ""
        var lastOrigin: Range<String.Index>?
        QuoteLocator.forEachComposedScalar(of: text) { scalar, origin in
            withOrigin.append(scalar)
            if origin != lastOrigin { rebuilt.unicodeScalars.append(contentsOf: text.unicodeScalars[origin]) }
            lastOrigin = origin
            return true
        }
        #expect(withOrigin == composed)
        // The origins cover the text once, in order.
        #expect(rebuilt.unicodeScalars.elementsEqual(text.unicodeScalars))
    }

    @Test("the text's words are read again from the piece composed at a time where they start, as from the start")
    func fromAPiece() throws {
        let text = String(repeating: "Le cafe\u{0301}  —  “ouvert” ", count: 40) + Self.text
        for window in [1, 3, 7, 1 << 16] {
            let searchable = QuoteLocator.SearchableText(text, normalizingScalarsAtATime: window)
            #expect(window == 1 << 16 || searchable.pieces.count > 40)
            let quote = "قامت الكتيبة  بتسليم"
            let match = try #require(QuoteLocator.match(of: quote, in: searchable))
            #expect(QuoteLocator.looseMatch(of: quote, match, in: searchable)?.textHas == "قامت الكتيبةُ  بتسليم")
            let cafe = try #require(QuoteLocator.match(of: "\"ouvert\" Le café", in: searchable))
            #expect(
                QuoteLocator.looseMatch(of: "\"ouvert\" Le café", cafe, in: searchable)?.textHas.unicodeScalars.elementsEqual(
                    "“ouvert” Le cafe\u{0301}".unicodeScalars) == true)
            let partial = try #require(QuoteLocator.partialMatch(of: "End - \"quoted\" (single)", in: searchable))
            #expect(partial.found == "End  —  “quoted”" && partial.line == 4)
        }
    }

    @Test("on texts of many kinds of characters, the words read back for a quote are a piece of the text that folds as matched")
    func readBackIsAPieceOfTheText() throws {
        let alphabet: [String] = [
            "a", "b", "e", "\u{0301}", "é", " ", "  ", "\r\n", "\n", "\r", "\u{2028}", "“", "”", "\"", "'", "’", "—", "-",
            "…", "œ", "ق", "ا", "أ", "\u{064F}", "\u{0651}", "\u{0640}", "\u{200F}", "\u{00A0}", "«", "»", ":", "\u{1100}",
            "\u{1161}", "👍", "\u{1F3FD}", "\u{200D}", "x",
        ]
        var generator = SeededGenerator(seed: 70)
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 4...30, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
                .joined()
            let scalars = Array(text.unicodeScalars)
            let searchable = QuoteLocator.SearchableText(
                text, normalizingScalarsAtATime: Int.random(in: 1...8, using: &generator))
            let start = Int.random(in: 0..<scalars.count, using: &generator)
            let end = Int.random(in: start...scalars.count, using: &generator)
            let quote = String(String.UnicodeScalarView(scalars[start..<end]))
            guard let match = QuoteLocator.match(of: quote, in: searchable) else { continue }
            let read = searchable.original(ofFolded: [match.foldedRange])[0]
            #expect(
                text.unicodeScalars.map(\.value).contains(read.unicodeScalars.map(\.value)),
                "\(read.debugDescription) in \(text.debugDescription)")
            // Read alone, the words fold as they matched, or to more where the match starts or
            // ends inside a character folded to two (œ as oe); lines aside (a line break folds
            // as a space then).
            let matched = Array(searchable.folded[match.foldedRange])
            guard !matched.contains(0x0A) else { continue }
            #expect(
                QuoteLocator.SearchableText(read).folded.contains(matched),
                "\(read.debugDescription) for \(quote.debugDescription) in \(text.debugDescription): \(matched) \(QuoteLocator.SearchableText(read).folded)"
            )
        }
    }
}

/// A small deterministic generator (SplitMix64), so that a failure is reproduced.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
