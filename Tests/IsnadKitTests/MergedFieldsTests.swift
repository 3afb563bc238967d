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
}
