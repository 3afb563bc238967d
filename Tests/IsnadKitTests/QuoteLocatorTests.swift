import Foundation
import Testing

@testable import IsnadKit

@Suite("Finding a quote in a source's text")
struct QuoteLocatorTests {
    static let text = """
        وقالت الشرطة إن العملية نُفّذت ضدّ جنود اسرائيليين
        في الخضيرة، وإن داعـــش أعلن مسؤوليته.
        Police said the attack was a résumé of earlier ones. José met 한국 officials.
        قَتَلَ الجنديُّ رجلًا. שׁלום

        """

    @Test(
        "a quote stands in the text with fewer optional marks, tatweel, other line breaks, another composition",
        arguments: [
            ("ضد جنود اسرائيليين", 1, 1),  // the text has a shadda
            ("نفذت ضدّ", 1, 1),  // the text has a damma and a shadda on نُفّذت
            ("اسرائيليين في الخضيرة", 1, 2),  // across the line break
            ("وإن داعش أعلن", 2, 2),  // the text has tatweel
            ("وإن داعش أعلن".decomposedStringWithCanonicalMapping, 2, 2),  // hamza as a separate mark
            ("وان داعش اعلن", 2, 2),  // a bare alif stands for one with hamza
            ("a résumé of", 3, 3),
            ("a re\u{0301}sume\u{0301} of", 3, 3),  // decomposed
            ("قَتَلَ الجنديُّ", 4, 4),  // the text's own marks
            ("قتل الجنديُّ", 4, 4),  // some of them
        ])
    func found(_ quote: String, _ first: Int, _ last: Int) throws {
        let lines = try #require(QuoteLocator.lines(of: quote, in: QuoteLocatorTests.text))
        #expect(lines == (first, last))
    }

    @Test("the marks a quote may leave out are the Arabic and Hebrew ones of those a name may be written without")
    func optionalMarks() {
        #expect(
            QuoteLocator.arabicAndHebrewOptionalMarks == [
                0x0591...0x05C7, 0x0610...0x061A, 0x064B...0x065F, 0x0670...0x0670, 0x06D6...0x06ED,
            ])
    }

    @Test(
        "a locator loses the reason --unverified gave, and keeps that the quote is unverified (a copy without notes, a page without them)",
        arguments: [
            ("p. 4 (unverified: KN oral statement)", "p. 4 (unverified)"),
            ("unverified: my translation", "unverified"),
            ("unverified:no space", "unverified"),
            ("line 4 (unverified: told (KN)) and more", "line 4 (unverified)"),
            ("p. 4, not unverified", "p. 4, not unverified"),
            ("lines 3-4", "lines 3-4"),
        ])
    func withoutUnverifiedReason(_ locator: String, _ kept: String) {
        #expect(QuoteLocator.withoutUnverifiedReason(locator) == kept)
    }

    @Test(
        "invisible format characters of the text are passed over; lines end at LF, CR LF, a lone CR and U+2028",
        arguments: [
            ("مرحبا بك", 1, 1), ("wordjoin", 2, 2), ("علیرضا", 3, 3), ("line four", 4, 4), ("line five", 5, 5),
            ("line six", 6, 6),
        ])
    func invisibleAndLineBreaks(_ quote: String, _ first: Int, _ last: Int) throws {
        let text = "مرحبا\u{200F} بك\nword\u{200B}join\r\nعلی\u{200C}رضا\rline four\u{2028}line five\nline six"
        let lines = try #require(QuoteLocator.lines(of: quote, in: text))
        #expect(lines == (first, last))
    }

    @Test(
        "another letter, a Latin accent left out, a mark the text does not have, or a character cut, is not the quote",
        arguments: [
            "صد جنود", "ضد جنود اسرائيلين", "a resume of", "ـــ", "", "Jose", "met 하", "قُتِلَ",
            "ضدَّ جنود",  // a fatha the text does not have
            "שׂלום",  // sin dot, where the text has shin dot
            "\u{064E}قتل",  // a quote that starts with a mark
            "وأن داعش",  // a hamza the text does not have: it has إ
        ])
    func notFound(_ quote: String) {
        #expect(QuoteLocator.lines(of: quote, in: QuoteLocatorTests.text) == nil)
    }

    @Test(
        "a quote is found at the first place where it stands, past places where only its letters do (its marks or hamza differ), and in a text that repeats"
    )
    func firstPlaceWhereItStands() {
        // Line 1 and 2 have the letters of قُتِلَ with other marks; line 3 has them as the quote does.
        let text = "قَتَلَ هنا\nقَتَلَ أيضا قَتَلَ\nثم قُتِلَ هناك\nقُتِلَ"
        #expect(QuoteLocator.lines(of: "قُتِلَ", in: text)! == (3, 3))
        #expect(QuoteLocator.lines(of: "قتل", in: text)! == (1, 1))
        #expect(QuoteLocator.lines(of: "أيضا", in: text)! == (2, 2))
        #expect(QuoteLocator.lines(of: "ايضا قَتَلَ ثم قُتِلَ", in: text)! == (2, 3))
        // A text of one letter repeated, and a quote of it that ends in another (a fuzzer's
        // finding: the quote was tried at every place of the text, 20,000 × 200,000 steps).
        let repeated = String(repeating: "a", count: 200_000) + "b"
        #expect(QuoteLocator.lines(of: String(repeating: "a", count: 20_000) + "c", in: repeated) == nil)
        #expect(QuoteLocator.lines(of: String(repeating: "a", count: 20_000) + "b", in: repeated)! == (1, 1))
        // Marks that repeat with the letters: the quote's letters stand at 20,000 places and its
        // marks part from the text's at the end of each but the last (the first form of the
        // skeleton search read too little, and said not found).
        let marked = String(repeating: "بِ", count: 20_000) + "بَ"
        #expect(QuoteLocator.lines(of: String(repeating: "بِ", count: 99) + "بَ", in: marked)! == (1, 1))
    }

    @Test("an emoji is one character: a quote neither starts nor ends inside its skin tone, sequence or flag, and finds it whole")
    func emoji() {
        let england = "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}"
        let text = "نحن معكم 👍🏽 دائما\nالعائلة 👨‍👩‍👧 هنا ❤️‍🔥 و 5️⃣\nflags 🇵🇸🇮🇱 england \(england) end"
        for cut in [
            "معكم 👍", "العائلة 👨", "العائلة 👨‍👩", "هنا ❤️", "هنا ❤", "flags 🇵", "🇸🇮", "england 🏴", "👩‍👧 هنا", "🇸",
        ] {
            #expect(QuoteLocator.lines(of: cut, in: text) == nil, "\(cut)")
        }
        for whole in [
            "معكم 👍🏽 دائما", "العائلة 👨‍👩‍👧 هنا", "❤️‍🔥", "و 5️⃣", "👍🏽", "معكم", "flags 🇵🇸", "🇮🇱 england", "🇵🇸🇮🇱",
            "england \(england) end",
        ] {
            #expect(QuoteLocator.lines(of: whole, in: text) != nil, "\(whole)")
        }
    }

    @Test(
        "the quotes of one text share its reading: after quotes made to fail late at every place, a quote that stands where it is first read is still found"
    )
    func sharedReading() {
        let text = QuoteLocator.SearchableText(String(repeating: "بَ", count: 1_000) + "\nتمت")
        // Each skeleton stands at every place, and its last mark parts from the text's there.
        for length in 100..<103 {
            #expect(QuoteLocator.lines(of: String(repeating: "ب", count: length) + "بِ", in: text) == nil)
        }
        #expect(QuoteLocator.lines(of: "بَبَ", in: text)! == (1, 1))
        #expect(QuoteLocator.lines(of: "بَ تمت", in: text)! == (1, 2))
    }

    @Test(
        "flags pair their letters from the start of a long run: a quote of them stands only at a flag's first letter, in runs met again and again"
    )
    func longRunsOfFlags() {
        // 🇦🇧 repeated: a quote 🇧🇦 straddles two flags everywhere, 🇦🇧🇦🇧 stands.
        let pairs = String(repeating: "🇦🇧", count: 5_000)
        #expect(QuoteLocator.lines(of: "🇧🇦", in: pairs) == nil)
        #expect(QuoteLocator.lines(of: "🇦🇧🇦🇧", in: pairs)! == (1, 1))
        // One letter more at the start shifts every pair: 🇧🇦 now stands, at the end of the run too.
        #expect(QuoteLocator.lines(of: "🇧🇦🇧🇦", in: "🇧" + pairs + "\nx")! == (1, 1))
        #expect(QuoteLocator.lines(of: "🇦🇧", in: "🇧" + pairs) == nil)
        // Runs apart, each its own count: a run of three letters is a flag and a lone letter, so
        // a quote may end after the lone one, not after the first letter of the next run's flag.
        let runs = Array(repeating: "🇦🇦🇦", count: 2_000).joined(separator: " ")
        #expect(QuoteLocator.lines(of: "🇦🇦 🇦🇦", in: runs) == nil)
        #expect(QuoteLocator.lines(of: "🇦 🇦", in: runs) == nil)
        #expect(QuoteLocator.lines(of: "🇦 🇦🇦", in: runs)! == (1, 1))
        #expect(QuoteLocator.lines(of: "🇦🇦🇦 🇦🇦🇦", in: runs)! == (1, 1))
    }

    @Test(
        "real text with marks composes as NFC has it: Arabic with harakat, Vietnamese stacked marks, Latin accents decomposed, a letter with 30 marks out of order",
        arguments: [
            "قَتَلَ الجنديُّ رجلًا", "ا\u{0654}علن ضدّ نُفّذت", "Tiê\u{0301}ng Vi\u{0323}\u{0302}t, Nguye\u{0302}\u{0303}n, ở đâý",
            "re\u{0301}sume\u{0301} cafe\u{0301} Zu\u{0308}rich", "שָׁלוֹם", "a" + String(repeating: "\u{0301}\u{0316}", count: 15),
            "\u{0F40}" + String(repeating: "\u{0F73}", count: 15),
        ])
    func composedAsNFC(_ text: String) {
        #expect(
            QuoteLocator.composed(text.unicodeScalars).unicodeScalars.elementsEqual(
                text.precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test(
        "a letter carrying more than 30 marks (zalgo text) has them composed 30 at a time, in time linear in the run, and a quote of it is found"
    )
    func longRunOfMarks() throws {
        // 32 marks out of canonical order: the first 30 are sorted and the acute joins the a (á),
        // the last two are sorted apart.
        let marks = "a" + String(repeating: "\u{0301}\u{0316}", count: 16)
        let composed =
            "\u{00E1}" + String(repeating: "\u{0316}", count: 15) + String(repeating: "\u{0301}", count: 14) + "\u{0316}\u{0301}"
        #expect(QuoteLocator.composed(marks.unicodeScalars).unicodeScalars.elementsEqual(composed.unicodeScalars))
        // Three Tibetan vowel signs of class zero that decompose to two marks each count as marks.
        let tibetan = "\u{0F40}" + String(repeating: "\u{0F73}", count: 32)
        let (first, rest) = ("\u{0F40}" + String(repeating: "\u{0F73}", count: 30), "\u{0F73}\u{0F73}")
        #expect(
            QuoteLocator.composed(tibetan.unicodeScalars).unicodeScalars.elementsEqual(
                (first.precomposedStringWithCanonicalMapping + rest.precomposedStringWithCanonicalMapping).unicodeScalars))
        // 200,000 marks (400 KB) on one letter: composed whole, the sort by class took minutes.
        let zalgo = "a" + String(repeating: "\u{0301}\u{0316}", count: 100_000)
        let text = QuoteLocator.SearchableText("x " + zalgo + " y\nz")
        #expect(try #require(QuoteLocator.lines(of: "x " + zalgo + " y", in: text)) == (1, 1))
        #expect(QuoteLocator.lines(of: zalgo + "\u{0302}", in: text) == nil)
        #expect(try #require(QuoteLocator.lines(of: "x", in: text)) == (1, 1))
    }

    /// The lines of `quote` in `text` composed `window` scalars at a time.
    static func lines(of quote: String, in text: String, window: Int) -> (first: Int, last: Int)? {
        QuoteLocator.lines(of: quote, in: QuoteLocator.SearchableText(text, normalizingScalarsAtATime: window))
    }

    @Test(
        "a text composed a few scalars at a time finds what the whole text composed finds: quotes across a piece's end, at the text's end, marks and Arabic letters split from their base",
        arguments: [1, 2, 3, 7])
    func composedInPieces(_ window: Int) throws {
        let decomposed = "a re\u{0301}sume\u{0301} of\r\nا\u{0654}علن داعـــش ضدّ\r\nقَتَلَ cafe\u{0301}"
        let cases: [(String, (first: Int, last: Int)?)] = [
            ("a résumé of", (1, 1)), ("résumé of أعلن", (1, 2)),  // across pieces and a CR LF cut between them
            ("اعلن داعش ضد", (2, 2)),  // a hamza split from its alif, tatweel, a shadda
            ("قتل café", (3, 3)), ("café", (3, 3)),  // at the very end
            ("cafe", nil), ("resume", nil), ("قُتِلَ", nil),
        ]
        for (quote, expected) in cases {
            let whole = Self.lines(of: quote, in: decomposed, window: .max)
            #expect(whole.map { [$0.first, $0.last] } == expected.map { [$0.first, $0.last] }, "\(quote)")
            let pieces = Self.lines(of: quote, in: decomposed, window: window)
            #expect(pieces.map { [$0.first, $0.last] } == expected.map { [$0.first, $0.last] }, "\(quote) by \(window)")
        }
        for quote in ["ضد جنود اسرائيليين في الخضيرة", "Police said", "שלום", "a résumé", "רה", "한국 officials. قَتَلَ"] {
            let whole = Self.lines(of: quote, in: Self.text, window: .max)
            let pieces = Self.lines(of: quote, in: Self.text, window: window)
            #expect(whole.map { [$0.first, $0.last] } == pieces.map { [$0.first, $0.last] }, "\(quote)")
        }
        // A CR that ends one piece and the LF that starts the next end one line.
        #expect(try #require(Self.lines(of: "two", in: "one\r\ntwo", window: 4)) == (2, 2))
    }

    @Test("the folded text is no larger than the text: white space runs, blank lines and marks kept as written")
    func foldedSize() {
        let text = String(repeating: "Police said the attack   was\n\n\nنُفّذت ضدّ جنود\r\n", count: 1_000)
        let searchable = QuoteLocator.SearchableText(text)
        #expect(searchable.foldedSize <= text.utf8.count)
        #expect(QuoteLocator.lines(of: "was نفذت", in: searchable)! == (1, 4))
        #expect(QuoteLocator.lines(of: "جنود Police", in: searchable)! == (4, 5))
        #expect(QuoteLocator.lines(of: "جنود Police said the attack was", in: "\n\n  " + text)! == (6, 7))
    }

    @Test(
        "a locator vouches for a quote not found word for word only as add writes it: unverified: REASON, or (unverified: REASON) after a place"
    )
    func unverifiedLocators() {
        #expect(QuoteLocator.isUnverified("unverified: my translation"))
        #expect(QuoteLocator.isUnverified("line 4 (unverified: paraphrase)"))
        for locator in ["p. 4, not unverified", "unverified", "line 4", nil] as [String?] {
            #expect(!QuoteLocator.isUnverified(locator), "\(locator ?? "nil")")
        }
        for locator in ["line 4", "lines 37-38", "unverified: typed", "line 4 (unverified: paraphrase)"] {
            #expect(QuoteLocator.isWrittenByIsnad(locator), "\(locator)")
        }
        for locator in ["line", "line four", "lines 3-", "line ٤", "page 2, line 4", "line 4, the box"] {
            #expect(!QuoteLocator.isWrittenByIsnad(locator), "\(locator)")
        }
    }

    @Test("the lines a text is printed in are the lines its locators count: each line found on the line it is printed as")
    func printedLinesAgree() {
        // LF, CR LF, a lone CR, NEL, the line and paragraph separators, a blank line, marks and
        // tatweel the quote's lookup passes over, and no break at the end.
        let text =
            "ضدّ جنود\nin Hadera\r\nدعـــم\rfour\u{85}five\u{2028}six\u{2029}\n\u{200F}eight\u{0301}\u{000B}nine"
        var printed: [(Int, String)] = []
        QuoteLocator.forEachLine(of: text) { number, line in
            printed.append((number, line))
            return true
        }
        #expect(printed.map(\.0) == Array(1...8))
        #expect(
            printed.map(\.1) == [
                "ضدّ جنود", "in Hadera", "دعـــم", "four", "five", "six", "", "\u{200F}eight\u{0301}\u{000B}nine",
            ])
        for (number, line) in printed where !line.isEmpty {
            #expect(QuoteLocator.lines(of: line, in: text).map { [$0.first, $0.last] } == [number, number], "\(line)")
        }
        var stoppedAt: [Int] = []
        QuoteLocator.forEachLine(of: "a\nb\nc\n") { number, _ in
            stoppedAt.append(number)
            return number < 2
        }
        #expect(stoppedAt == [1, 2], "the lines after the last one wanted are not read")
        QuoteLocator.forEachLine(of: "") { _, _ in
            Issue.record("an empty text has no line")
            return true
        }
    }
}
