import Testing

@testable import IsnadKit

@Suite("Words typed by hand: stances in French, language tags in any case")
struct InputWordsTests {
    @Test(
        "a stance is read as its English word, its French verb with or without accent, or its Arabic verb, in any case",
        arguments: [
            ("asserts", Stance.asserts), ("REPORTS", .reports), ("affirme", .asserts), ("Affirme", .asserts),
            ("rapporte", .reports), ("dément", .denies), ("dement", .denies), ("DÉMENT", .denies), ("nie", .denies),
            ("يؤكد", .asserts), ("ينفي", .denies),
        ])
    func stance(_ word: String, _ stance: Stance) {
        #expect(Stance(word: word) == stance)
    }

    @Test(
        "a sheet's credibility cell takes the number, Arabic digits, a spreadsheet's 2.0, or the scale's words in any case",
        arguments: [
            ("2", Credibility.probablyTrue), ("٣", .possiblyTrue), ("2.0", .probablyTrue), ("probably true", .probablyTrue),
            ("Probably  True", .probablyTrue), ("CONFIRMED", .confirmed), ("confirmed by other sources", .confirmed),
            ("doubtful", .doubtful), ("Improbable", .improbable), ("cannot be judged", .cannotBeJudged),
            ("truth cannot be judged", .cannotBeJudged), ("probablement vrai", .probablyTrue), ("Confirmé", .confirmed),
            ("douteuse", .doubtful), ("ne peut etre jugee", .cannotBeJudged),
        ])
    func credibilityCell(_ cell: String, _ grade: Credibility) {
        #expect(Credibility(cell: cell) == grade)
    }

    @Test("a cell that is no grade is refused; a combined code B2 is told its letter is the source's")
    func notCredibility() {
        for cell in ["b2", "7", "probable", "true", "B 2"] { #expect(Credibility(cell: cell) == nil) }
        #expect(
            Credibility.unknownCellProblem("b2", source: "reuters").hasSuffix(
                #"found "b2" (a combined code: the letter is the source's reliability, graded once for the source: isnad set reuters reliability B; write 2 here)"#
            ))
        #expect(!Credibility.unknownCellProblem("probable", source: nil).contains("combined"))
        for cell in ["B-2", "B 2", "2B", "2-b"] {
            #expect(
                Credibility.unknownCellProblem(cell, source: "reuters").hasSuffix(
                    "isnad set reuters reliability B; write 2 here)"),
                "\(cell)")
        }
        for cell in ["22", "BB", "B-22", "G2"] {
            #expect(!Credibility.unknownCellProblem(cell, source: nil).contains("combined"), "\(cell)")
        }
    }

    @Test("words that are no stance are refused", arguments: ["affirmé.", "dit", "rapport", "denie", "claims"])
    func notStance(_ word: String) {
        #expect(Stance(word: word) == nil)
    }

    @Test(
        "a language tag is stored in the case BCP 47 recommends: language lower, script title, region upper",
        arguments: [
            ("FR", "fr"), ("fr", "fr"), ("FR-ml", "fr-ML"), ("ar-latn", "ar-Latn"), ("TZM-TFNG", "tzm-Tfng"),
            ("ES-419", "es-419"), ("zh-hant-TW", "zh-Hant-TW"), ("en-x-SAHEL-AB", "en-x-sahel-ab"),
        ])
    func languageTag(_ typed: String, _ stored: String) {
        #expect(LanguageTag.canonicalCase(typed) == stored)
    }

    @Test("an alias's and a source's language are stored in that case when a record is read")
    func recordLanguages() throws {
        let decoder = RecordDecoder()
        let entity = try decoder.decode(
            JSONParser.parse(
                #"{"record":"entity","id":"e","type":"person","name":"Test","aliases":[{"name":"Essai","lang":"FR"},{"name":"Essai2","lang":"fr-ml"}]}"#
            ))
        guard case .entity(let decoded) = entity else { Issue.record("not an entity"); return }
        #expect(decoded.aliases.map(\.lang) == ["fr", "fr-ML"])
        let source = try decoder.decode(
            JSONParser.parse(#"{"record":"source","id":"s","type":"news-article","title":"T","reliability":"C","lang":"FR"}"#))
        guard case .source(let decodedSource) = source else { Issue.record("not a source"); return }
        #expect(decodedSource.lang == "fr")
    }
}
