import Testing

@testable import IsnadKit

@Suite("A quote typed on a keyboard stands in typeset text")
struct QuoteTypographyTests {
    /// French text as RFI and Jeune Afrique set it (the Sahel review's texts): ’ “ ” « » … œ,
    /// a no-break space and narrow no-break spaces (U+202F) before : and inside « ».
    static let text = """
        Au cœur du Gourma, le chef a déclaré\u{202F}: “nous frapperons…” puis s’est retiré.
        La katiba\u{00A0}Serma a été signalée – selon l’état-major.
        Le groupe affirme avoir «\u{202F}pris d’assaut la base des forces maliennes\u{202F}».
        Il s'agit d'une "attaque complexe"; l'armée dément.

        """

    @Test(
        "what a keyboard types stands for the typeset character, and the other way round",
        arguments: [
            ("s'est retiré", 1, 1),
            ("\"nous frapperons...\"", 1, 1),
            ("Au coeur du Gourma", 1, 1),
            ("le chef a déclaré: \"nous", 1, 1),  // no space before the colon
            ("le chef a déclaré : \"nous", 1, 1),  // an ordinary one
            ("La katiba Serma", 2, 2),
            ("signalée - selon l'état-major", 2, 2),
            ("avoir \"pris d'assaut la base des forces maliennes\"", 3, 3),
            ("pris d’assaut la base des forces maliennes »", 3, 3),
            ("une « attaque complexe » ; l’armée dément", 4, 4),  // typeset quote, typed text
            ("Au cœur", 1, 1),
        ])
    func found(_ quote: String, _ first: Int, _ last: Int) throws {
        let lines = try #require(QuoteLocator.lines(of: quote, in: QuoteTypographyTests.text), "\(quote)")
        #expect(lines == (first, last))
    }

    @Test(
        "letters are not folded: an accent left out, another word, a quotation mark the text does not have",
        arguments: ["s'est retire", "Au coeur du Gourmа", "\"pris d'assaut la base des forces\" maliennes", "nous frappons"])
    func notFound(_ quote: String) {
        #expect(QuoteLocator.lines(of: quote, in: QuoteTypographyTests.text) == nil)
    }

    @Test(
        "a character typeset as one and typed as several is one character: a quote neither starts nor ends inside it, and the ligatures of a PDF are their letters"
    )
    func expansionsAreWhole() {
        let text = "Il a dit : « Le cœur… »\nl’homme ﬁnance l’Œuvre, ﬂeuve ﬃrst"
        // Ending inside œ, Œ, …, ﬁ, ﬂ or ﬃ, or starting inside … or ﬃ.
        for cut in ["Le co", "O", ".", "..", "Le cœur.", "f", "ff", "firs"] {
            #expect(QuoteLocator.lines(of: cut, in: text) == nil, "\(cut)")
        }
        // Whole characters, typed or typeset, from a character's start or a word's middle.
        for whole in [
            "Le cœur", "Le coeur...", "cœur…", "l'OEuvre", "finance", "ﬁnance", "fleuve ffirst", "...", "…", "oeur", "œ",
            "Œ", "nance", "ffi",
        ] {
            #expect(QuoteLocator.lines(of: whole, in: text) != nil, "\(whole)")
        }
    }

    @Test("a quote not found says how much of its start the text has, where, and what differs after it")
    func partialMatch() throws {
        let text = QuoteLocator.SearchableText(QuoteTypographyTests.text)
        let changedWord = try #require(QuoteLocator.partialMatch(of: "La katiba Serma a été repérée", in: text))
        #expect(
            changedWord.description
                == "the text has \"La katiba\u{00A0}Serma a été\" (line 2) from the start of the quote; then the quote has \"repérée\" where the text has \"signalée\""
        )
        // Broken off inside a word: the word is shown whole on both sides.
        let accent = try #require(QuoteLocator.partialMatch(of: "Serma a ete signalee", in: text))
        #expect(
            accent.description
                == "the text has \"Serma a\" (line 2) from the start of the quote; then the quote has \"ete\" where the text has \"été\""
        )
        let end = try #require(QuoteLocator.partialMatch(of: "l’armée dément. Tout", in: text))
        #expect(end.quoteHas == " Tout" && end.textHas == "" && end.line == 4)
        #expect(
            end.description.hasSuffix(
                "dément.\" (line 4) from the start of the quote; then the quote has \" Tout\" where the text ends"))
        // Nothing worth showing: fewer than four letters of its start stand anywhere.
        #expect(QuoteLocator.partialMatch(of: "xyz quelque chose", in: text) == nil)
        // The letters stand, the marks differ.
        let marks = try #require(QuoteLocator.partialMatch(of: "قُتِلَ", in: QuoteLocator.SearchableText("قَتَلَ الجندي")))
        #expect(marks.description == "the text has its letters at line 1 (\"قَتَلَ\"), with other marks or hamza")
    }
}
