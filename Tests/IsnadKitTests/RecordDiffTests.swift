import Testing

@testable import IsnadKit

@Suite("What log shows of a changed record, field by field")
struct RecordDiffTests {
    private let entity =
        #"{"record":"entity","id":"hamas","type":"organization","name":"Hamas","aliases":[{"name":"حماس","lang":"ar"},{"name":"حركة حماس","lang":"ar"},{"name":"Islamic Resistance Movement","lang":"en"}]}"#

    @Test("an alias taken out of the front is that alias removed, not every alias after it renamed")
    func aliasRemoved() {
        let after = entity.replacingOccurrences(of: #"{"name":"حماس","lang":"ar"},"#, with: "")
        let diff = RecordDiff(before: entity, after: after)
        #expect(diff.fields == [.init(path: "aliases[0]", before: #"{"name": "حماس", "lang": "ar"}"#, after: nil)])
    }

    @Test("an alias put in the middle is that alias added, under its place after")
    func aliasAdded() {
        let after = entity.replacingOccurrences(
            of: #"{"name":"حركة حماس","lang":"ar"},"#, with: #"{"name":"حركة حماس","lang":"ar"},{"name":"HMS","lang":"en"},"#)
        let diff = RecordDiff(before: entity, after: after)
        #expect(diff.fields == [.init(path: "aliases[2]", before: nil, after: #"{"name": "HMS", "lang": "en"}"#)])
    }

    @Test("a list of the same length changed in place is compared by position, field by field")
    func aliasRenamed() {
        let after = entity.replacingOccurrences(of: "Islamic Resistance Movement", with: "Islamic Resistance")
        let diff = RecordDiff(before: entity, after: after)
        #expect(
            diff.fields == [
                .init(path: "aliases[2].name", before: #""Islamic Resistance Movement""#, after: #""Islamic Resistance""#)
            ])
    }

    @Test("two lists that gained items in one change (a second merge: aliases and merged ids) are each said once, item by item")
    func twoListsAtOnce() {
        let before = entity.replacingOccurrences(of: "]}", with: #"],"merged":["daesh"]}"#)
        let after = entity.replacingOccurrences(
            of: "]}", with: #",{"name":"Victim","lang":"en"}],"merged":["daesh","victim"]}"#)
        let diff = RecordDiff(before: before, after: after)
        #expect(
            diff.fields == [
                .init(path: "aliases[3]", before: nil, after: #"{"name": "Victim", "lang": "en"}"#),
                .init(path: "merged[1]", before: nil, after: #""victim""#),
            ], "\(diff.fields)")
    }

    @Test("an alias written again in another normal form, in a list that also lost one, is said as changed")
    func otherNormalForm() {
        let composed =
            #"{"record":"entity","id":"x","type":"person","name":"X","aliases":[{"name":"Amélie","lang":"en"},{"name":"Zo\#u{00EB}","lang":"en"}]}"#
        let decomposed =
            #"{"record":"entity","id":"x","type":"person","name":"X","aliases":[{"name":"Zoe\#u{0308}","lang":"en"}]}"#
        let fields = RecordDiff(before: composed, after: decomposed).fields
        #expect(fields.filter { $0.before == nil }.map(\.path) == ["aliases[0]"], "\(fields)")
        #expect(fields.filter { $0.after == nil }.map(\.path) == ["aliases[0]", "aliases[1]"], "\(fields)")
    }

    /// An entity with `count` aliases, `Alias 0` to `Alias count-1`, each `changed` renamed `Other`.
    private func entity(aliases count: Int, changing changed: Set<Int> = []) -> String {
        let aliases = (0..<count).map { #"{"name":"\#(changed.contains($0) ? "Other" : "Alias") \#($0)","lang":"en"}"# }
        return
            #"{"record":"entity","id":"big","type":"organization","name":"Big","aliases":[\#(aliases.joined(separator: ","))]}"#
    }

    @Test("an alias added to 25,000 is that alias added: the aliases both keep at either end are not aligned again")
    func aliasAddedToMany() {
        let fields = RecordDiff(before: entity(aliases: 25_000), after: entity(aliases: 25_001)).fields
        #expect(fields == [.init(path: "aliases[25000]", before: nil, after: #"{"name": "Alias 25000", "lang": "en"}"#)])
    }

    @Test("lists too long to align are compared by their items: those taken out, then those put in")
    func longListsChangedThroughout() {
        let before = entity(aliases: 3_000)
        let after = entity(aliases: 3_001, changing: [10, 2_000])
        let fields = RecordDiff(before: before, after: after).fields
        #expect(
            fields == [
                .init(path: "aliases[10]", before: #"{"name": "Alias 10", "lang": "en"}"#, after: nil),
                .init(path: "aliases[2000]", before: #"{"name": "Alias 2000", "lang": "en"}"#, after: nil),
                .init(path: "aliases[10]", before: nil, after: #"{"name": "Other 10", "lang": "en"}"#),
                .init(path: "aliases[2000]", before: nil, after: #"{"name": "Other 2000", "lang": "en"}"#),
                .init(path: "aliases[3000]", before: nil, after: #"{"name": "Alias 3000", "lang": "en"}"#),
            ], "\(fields)")
    }

    @Test("a citation keeps its number: citations are compared by position")
    func citationsByPosition() {
        let claim =
            #"{"record":"claim","id":"c","subject":"a","predicate":"funded","object":"b","citations":[{"source":"s","quote":"one","stance":"asserts","credibility":2},{"source":"t","quote":"two","stance":"asserts","credibility":3}]}"#
        let after = claim.replacingOccurrences(of: #"{"source":"s","quote":"one","stance":"asserts","credibility":2},"#, with: "")
        let paths = RecordDiff(before: claim, after: after).fields.map(\.path)
        #expect(paths.contains("citations[0].source") && paths.contains("citations[1].source"), "\(paths)")
    }

    @Test(
        "a citation taken out is marked removed (retracted or not) under its number before, never restored, and the citations that move up into its place are not marked"
    )
    func citationRemovedIsNoRestoration() {
        let one = #"{"source":"s","quote":"one","stance":"asserts","credibility":2,"retracted":"wrong article"}"#
        let two = #"{"source":"t","quote":"two","stance":"asserts","credibility":3}"#
        let three = #"{"source":"u","quote":"three","stance":"denies","credibility":3,"retracted":"misread"}"#
        func claim(_ citations: [String]) -> String {
            #"{"record":"claim","id":"c","subject":"a","predicate":"funded","object":"b","citations":["#
                + citations.joined(separator: ",") + "]}"
        }
        // The last, retracted: its fields go to none, a restoration were they read by place.
        #expect(RecordDiff(before: claim([two, three]), after: claim([two])).marks == ["retracted citation 2 removed"])
        // The first, retracted: the standing one moves up into its place, no restoration either.
        #expect(RecordDiff(before: claim([one, two]), after: claim([two])).marks == ["retracted citation 1 removed"])
        #expect(RecordDiff(before: claim([one, two, three]), after: claim([one, three])).marks == ["citation 2 removed"])
        // Retracted and restored in place are as they were.
        let retracted = two.replacingOccurrences(of: "}", with: #","retracted":"r"}"#)
        #expect(RecordDiff(before: claim([one, two]), after: claim([one, retracted])).marks == ["citation 2 retracted"])
        #expect(RecordDiff(before: claim([one, retracted]), after: claim([one, two])).marks == ["citation 2 restored"])
    }
}
