import TestHelpers
import Testing

@testable import IsnadKit

@Suite("The claim a new citation joins", .temporaryFolder)
struct ClaimJoinTests {
    /// One symmetric relationship stated twice, with other dates, one of them the other way round.
    static let records = """
        {"record":"entity","id":"a","type":"organization","name":"A"}
        {"record":"entity","id":"b","type":"organization","name":"B"}
        {"record":"source","id":"s","type":"news-article","title":"S","reliability":"C"}
        {"record":"claim","id":"b-a-2014","subject":"b","predicate":"linked_to","object":"a","start":"2014","citations":[{"source":"s","quote":"q1","stance":"asserts","credibility":3}]}
        {"record":"claim","id":"a-b-2015","subject":"a","predicate":"linked_to","object":"b","start":"2015","citations":[{"source":"s","quote":"q2","stance":"asserts","credibility":3}]}

        """

    static func given(id: String? = nil, start: String? = nil) throws -> Claim {
        Claim(
            id: id, subject: "a", predicate: "linked_to", object: "b", start: try start.map { try PartialDate(parsing: $0) },
            citations: [Citation(source: "s", quote: "q3", stance: .asserts, credibility: .possiblyTrue)])
    }

    @Test("dates matched or not, either way round, a claim's own id chosen among several, a new claim's id derived")
    func joining() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(Self.records, in: folder)
        _ = try store.changing(ChangeDescription(author: "test", command: "isnad add"), isDryRun: true) { session in
            // Any dates (add claim given none): both claims state it.
            var undated = try Self.given()
            #expect(
                try session.join(&undated, matchingDates: false, preferringItsID: false) == .several(["a-b-2015", "b-a-2014"]))
            #expect(undated == (try Self.given()))
            // The same dates: the one stated the other way round, its ends turned.
            var dated = try Self.given(start: "2014")
            #expect(try session.join(&dated, matchingDates: true, preferringItsID: false) == .standing)
            #expect((dated.id, dated.subject, dated.object) == ("b-a-2014", "b", "a"))
            // Undated, where every claim is dated (a sheet's empty dates): a new claim, its id derived.
            var new = try Self.given()
            #expect(try session.join(&new, matchingDates: true, preferringItsID: false) == .new)
            #expect(new.id == Claim.derivedID(new))
            // A sheet's row that names one of several.
            var named = try Self.given(id: "a-b-2015")
            #expect(try session.join(&named, matchingDates: false, preferringItsID: true) == .standing)
            #expect(named.id == "a-b-2015")
        }
    }
}
