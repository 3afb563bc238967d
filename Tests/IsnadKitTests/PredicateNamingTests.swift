import Testing

@testable import IsnadKit

@Suite("Naming a predicate")
struct PredicateNamingTests {
    @Test(
        "a predicate is named by its id or by its English or Arabic label, marks, case and tatweel aside",
        arguments: [
            ("funded", "funded"), ("Funded", "funded"), ("supplied weapons to", "supplied_weapons_to"),
            ("supplied_weapons_to", "supplied_weapons_to"), ("موّل", "funded"), ("مول", "funded"),
            ("تابع لـ", "affiliated_with"), ("تابع ل", "affiliated_with"), ("اسس", "founded"), ("اسّس", "founded"),
            ("مَوَّلَ", "funded"), ("قَتَلَ", "killed"),
        ])
    func named(_ text: String, _ id: String) {
        #expect(Vocabulary.standard.predicate(named: text)?.id == id)
    }

    @Test("an unknown name is no predicate, and the nearest id or label is suggested as written")
    func unknown() {
        #expect(Vocabulary.standard.predicate(named: "مولل") == nil)

        #expect(Vocabulary.standard.predicate(named: "") == nil)
        #expect(Vocabulary.standard.suggestion(forUnknownPredicate: "مولل") == " (did you mean \"موّل\"?)")
        #expect(Vocabulary.standard.suggestion(forUnknownPredicate: "fundd") == " (did you mean \"funded\"?)")
        #expect(Vocabulary.standard.suggestion(forUnknownPredicate: "أشاد") == " (did you mean \"أشاد بـ\"?)")
    }
}
