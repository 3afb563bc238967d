import Testing

@testable import IsnadKit

/// One claimant citing one passage in one claim both for it and against it: the pair an import
/// refuses and `check` finds (``SelfDispute``).
@Suite("One passage for a claim and against it")
struct SelfDisputeTests {
    static func citation(
        _ quote: String, _ stance: Stance, source: String = "s", locator: String? = nil, retracted: Bool = false
    ) -> Citation {
        Citation(
            source: source, quote: quote, stance: stance, credibility: .possiblyTrue, locator: locator,
            retraction: retracted ? "withdrawn" : nil)
    }

    @Test("a denial of a passage another citation of the claimant asserts or reports, one quote within the other")
    func found() {
        for stance in [Stance.asserts, .reports] {
            let citations = [
                Self.citation("Hamas cooperates with ISIS", stance), Self.citation("Another passage", .denies),
                Self.citation("which feeds the claim that Hamas cooperates with ISIS", .denies),
            ]
            #expect(SelfDispute.first(in: citations) == SelfDispute(earlier: 0, later: 2))
        }
        // Typed otherwise (two spaces): the same passage.
        #expect(
            SelfDispute.first(in: [Self.citation("Hamas cooperates", .asserts), Self.citation("Hamas  cooperates", .denies)])
                == SelfDispute(earlier: 0, later: 1))
    }

    @Test("not found: one side only, another claimant, lines apart, a retracted citation, a citation not compared, no new one")
    func notFound() {
        let long = "which feeds the claim that Hamas cooperates with ISIS"
        let short = "Hamas cooperates with ISIS"
        #expect(SelfDispute.first(in: [Self.citation(long, .reports), Self.citation(short, .asserts)]) == nil)
        #expect(SelfDispute.first(in: [Self.citation(long, .denies), Self.citation(short, .denies)]) == nil)
        #expect(SelfDispute.first(in: [Self.citation(long, .asserts), Self.citation(short, .denies, source: "t")]) == nil)
        #expect(
            SelfDispute.first(in: [
                Self.citation(long, .asserts, locator: "line 1"), Self.citation(short, .denies, locator: "line 2"),
            ]) == nil)
        #expect(SelfDispute.first(in: [Self.citation(long, .asserts), Self.citation(short, .denies, retracted: true)]) == nil)
        #expect(
            SelfDispute.first(in: [Self.citation(long, .asserts), Self.citation(short, .denies)], comparing: { $0 == 1 }) == nil)
        // A pair neither of whose citations is new was compared before (a sheet's earlier batch).
        let pair = [Self.citation(long, .asserts), Self.citation(short, .denies)]
        #expect(SelfDispute.first(in: pair, new: { _ in false }) == nil)
        #expect(SelfDispute.first(in: pair, new: { $0 == 0 }) == SelfDispute(earlier: 0, later: 1))
        // Two passages of one source: no dispute of one passage.
        #expect(SelfDispute.first(in: [Self.citation(short, .asserts), Self.citation("Hamas denies any link", .denies)]) == nil)
    }
}
