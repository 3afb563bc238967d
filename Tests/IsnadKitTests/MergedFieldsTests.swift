import Testing

@testable import IsnadKit

/// How `import --base-entry` compares a record's fields: citations by their source, via and
/// quote, not their places.
@Suite("The fields a merge of an import compares")
struct MergedFieldsTests {
    private let claim =
        #"{"record":"claim","id":"c","subject":"a","predicate":"praised","object":"b","citations":[{"source":"s1","quote":"q1","stance":"asserts","credibility":2},{"source":"s2","quote":"q2","stance":"reports","credibility":4}]}"#

    @Test(
        "a citation is known by its source, via and quote: one taken out of the front leaves the next one's fields as they were")
    func citationsByIdentity() {
        let before = MergedFields(claim)
        let after = MergedFields(
            claim.replacingOccurrences(of: #"{"source":"s1","quote":"q1","stance":"asserts","credibility":2},"#, with: ""))
        let changed = before.keys.union(after.keys).filter { !RecordDiff.sameBytes(before.values[$0], after.values[$0]) }
        // Only the first citation's own fields: the second, now first, is unchanged.
        #expect(changed.allSatisfy { $0.contains("\"s1\"") }, "\(changed)")
        #expect(!changed.isEmpty)
        #expect(after.path(of: "citations\u{0}\"s2\"\u{0}null\u{0}\"q2\"\u{0}credibility") == "citations[0].credibility")
    }

    @Test("keeping another record's value of a field: a citation's field, a citation taken out, a top-level field")
    func keeping() throws {
        let file = MergedFields(claim.replacingOccurrences(of: #""credibility":4"#, with: #""credibility":1"#))
        let ours = MergedFields(
            claim.replacingOccurrences(of: #"{"source":"s1","quote":"q1","stance":"asserts","credibility":2},"#, with: "")
                .replacingOccurrences(of: #""object":"b""#, with: #""object":"b","notes":"n""#))
        let first = "citations\u{0}\"s1\"\u{0}null\u{0}\"q1\""
        let second = "citations\u{0}\"s2\"\u{0}null\u{0}\"q2\"\u{0}credibility"
        let merged = file.keeping([first, second, "notes"], from: ours)
        #expect(
            try JSONParser.parse(merged)
                == JSONParser.parse(
                    #"{"record":"claim","id":"c","subject":"a","predicate":"praised","object":"b","citations":[{"source":"s2","quote":"q2","stance":"reports","credibility":4}],"notes":"n"}"#
                ))
    }

    @Test(
        "keeping this store's value of a field of each of thousands of citations, and one taken out: every citation found in one pass, the others left in their places"
    )
    func keepingManyCitations() throws {
        // Searched for anew for each field kept, 4,000 citations took 40 s (debug): each search
        // wrote every citation's key.
        let count = 4_000
        func claim(credibility: Int, from first: Int = 0) -> String {
            let citations = (first..<count).map {
                #"{"source":"s\#($0)","quote":"word\#($0) said","stance":"asserts","credibility":\#(credibility)}"#
            }
            return #"{"record":"claim","id":"c","subject":"a","predicate":"praised","object":"b","citations":["#
                + citations.joined(separator: ",") + "]}"
        }
        let file = MergedFields(claim(credibility: 2))
        // This store took the first citation out and regraded every other.
        let ours = MergedFields(claim(credibility: 3, from: 1))
        let kept =
            ["citations\u{0}\"s0\"\u{0}null\u{0}\"word0 said\""]
            + (1..<count).map { "citations\u{0}\"s\($0)\"\u{0}null\u{0}\"word\($0) said\"\u{0}credibility" }
        let merged = file.keeping(kept, from: ours)
        #expect(try JSONParser.parse(merged) == JSONParser.parse(claim(credibility: 3, from: 1)))
    }
}
