import Testing

@testable import IsnadKit

/// Which two citations quote one passage: the notion an import refuses an edited quote by, and
/// `check` finds one claimant citing a passage twice by.
@Suite("One passage quoted twice")
struct SamePassageTests {
    static func citation(_ quote: String, source: String = "s", via: String? = nil) -> Citation {
        Citation(source: source, via: via, quote: quote, stance: .reports, credibility: .possiblyTrue)
    }

    @Test(
        "one quote within the other, from word boundary to word boundary, or typed otherwise, by one claimant in one via",
        arguments: [
            ("which feeds the claim that Hamas cooperates with ISIS", "Hamas cooperates with ISIS", true),
            ("ما يغذّي الزعم بأن حماس تتعاون مع داعش", "حماس تتعاون مع داعش", true),
            // Marks and hamza forms aside, as the quote matcher reads them.
            ("ما يغذي الزعم بان حماس تتعاون مع داعش", "بأن حماس", true),
            ("Hamas  cooperates", "Hamas cooperates", true),
            // A word inside another word is not a passage of it.
            ("Hamastan rules Gaza", "Hamas", false),
            ("the Hamas-run ministry", "Hamas", true),
            ("Hamas denies any link", "The meeting took place in Rafah", false),
            ("same quote", "same quote", false),
        ])
    func samePassage(longer: String, shorter: String, expected: Bool) {
        #expect(Self.citation(longer).quotesTheSamePassage(as: Self.citation(shorter)) == expected)
        #expect(Self.citation(shorter).quotesTheSamePassage(as: Self.citation(longer)) == expected)
    }

    @Test("another claimant or another via quotes its own passage")
    func otherClaimant() {
        let long = Self.citation("which feeds the claim that Hamas cooperates with ISIS")
        #expect(!long.quotesTheSamePassage(as: Self.citation("Hamas cooperates with ISIS", source: "t")))
        #expect(!long.quotesTheSamePassage(as: Self.citation("Hamas cooperates with ISIS", via: "v")))
    }

    @Test("a claim's standing citations of the passage, not its retracted ones")
    func standingOnly() {
        var retracted = Self.citation("Hamas cooperates with ISIS, sources say")
        retracted.retraction = "misread"
        let claim = Claim(
            id: "c", subject: "a", predicate: "cooperated_with", object: "b",
            citations: [Self.citation("which feeds the claim that Hamas cooperates with ISIS"), retracted])
        var passages: [Int: QuotedPassage] = [:]
        #expect(claim.indicesQuotingTheSamePassage(as: Self.citation("Hamas cooperates with ISIS"), passages: &passages) == [0])
    }
}
