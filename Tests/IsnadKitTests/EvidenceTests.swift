import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

@Suite("Evidence and status", .temporaryFolder)
struct EvidenceTests {
    private func item(_ source: String, _ reliability: Reliability, _ stance: Stance, _ credibility: Credibility)
        -> Evidence.Item
    {
        Evidence.Item(source: source, reliability: reliability, stance: stance, credibility: credibility)
    }

    @Test("asserted needs an A–C source asserting it with credibility 1–3")
    func asserted() throws {
        #expect(Evidence([item("s", .c, .asserts, .possiblyTrue)])?.status == .asserted)
        #expect(Evidence([item("s", .d, .asserts, .confirmed)])?.status == .alleged)
        #expect(Evidence([item("s", .a, .asserts, .doubtful)])?.status == .alleged)
        #expect(Evidence([item("s", .a, .reports, .confirmed)])?.status == .alleged)
        #expect(Evidence([item("s", .e, .reports, .improbable), item("t", .b, .asserts, .probablyTrue)])?.status == .asserted)
    }

    @Test("one denial makes a claim disputed, whoever asserts it")
    func disputed() throws {
        let evidence = try #require(Evidence([item("s", .a, .asserts, .confirmed), item("t", .f, .denies, .cannotBeJudged)]))
        #expect(evidence.status == .disputed)
        #expect(evidence.bestGrade == "A1")
        #expect(evidence.sources == ["s", "t"])
    }

    @Test("a disputed status names its strongest denial's grade: the accused's E5 and a ministry's B2 read apart")
    func strongestDenial() throws {
        let wellHeld = try #require(
            Evidence([
                item("un", .a, .asserts, .probablyTrue), item("accused", .e, .denies, .improbable),
                item("gazette", .c, .asserts, .possiblyTrue),
            ]))
        #expect(wellHeld.strongestDenialGrade == "E5")
        #expect(EvidenceText.status(wellHeld) == "DISPUTED by E5")
        #expect(EvidenceText.evidenceLine(wellHeld) == "DISPUTED by E5 · 2 sources · best A2 · denied by 1 source")
        // Of several denials, the strongest by the rank the best grade is chosen by: the sum of the
        // two grades' ranks, then reliability (B5 and E2 both sum to 7: B5).
        let rumour = try #require(
            Evidence([
                item("blog", .e, .asserts, .improbable), item("wire", .e, .denies, .probablyTrue),
                item("ministry", .b, .denies, .improbable), item("party", .d, .denies, .doubtful),
            ]))
        #expect(rumour.strongestDenialGrade == "B5")
        #expect(EvidenceText.status(rumour) == "DISPUTED by B5")
        // Undisputed: the status alone, no denial.
        let held = try #require(Evidence([item("un", .a, .asserts, .probablyTrue)]))
        #expect(held.strongestDenial == nil)
        #expect(EvidenceText.status(held) == "ASSERTED")
    }

    @Test("the best grade is the support's: a strong denial never makes a weak claim read strong")
    func bestGradeOfSupport() throws {
        let weaklyHeld = try #require(
            Evidence([
                item("blog", .d, .asserts, .improbable), item("un", .a, .denies, .confirmed),
                item("wire", .a, .denies, .confirmed),
            ]))
        #expect(weaklyHeld.status == .disputed)
        #expect(weaklyHeld.bestGrade == "D5")
        #expect(Evidence([item("blog", .e, .reports, .doubtful), item("un", .a, .denies, .confirmed)])?.bestGrade == "E4")
        // Nothing supports it: no grade to show, F6 (cannot be judged), however strong the denials.
        #expect(Evidence([item("un", .a, .denies, .probablyTrue), item("wire", .c, .denies, .confirmed)])?.bestGrade == "F6")
    }

    @Test(
        "the best grade is one citation's whole grade, never one's reliability beside another's credibility; one that makes the claim asserted comes first"
    )
    func bestGradeOfOneCitation() throws {
        // A report graded B calling it improbable, a blog graded E calling it probably true: not "B2".
        #expect(
            Evidence([item("intrep", .b, .asserts, .improbable), item("blog", .e, .asserts, .probablyTrue)])?.bestGrade == "B5")
        #expect(
            Evidence([item("blog", .e, .asserts, .probablyTrue), item("intrep", .b, .asserts, .improbable)])?.bestGrade == "B5")
        // Asserted by C3: that is its grade, not the D1 of a post that cannot make it asserted, nor an A1 that only reports it.
        let asserted = try #require(
            Evidence([
                item("post", .d, .asserts, .confirmed), item("wire", .a, .reports, .confirmed),
                item("paper", .c, .asserts, .possiblyTrue),
            ]))
        #expect(asserted.status == .asserted)
        #expect(asserted.bestGrade == "C3")
        // Otherwise the smallest sum of the two ranks: F2 before E5, then the better reliability.
        #expect(Evidence([item("e", .e, .asserts, .improbable), item("f", .f, .asserts, .probablyTrue)])?.bestGrade == "F2")
        #expect(Evidence([item("d", .d, .reports, .possiblyTrue), item("c", .c, .reports, .doubtful)])?.bestGrade == "C4")
    }

    @Test("one voice is counted once however many a claim has: a claimant cited again after the seventeenth is no new source")
    func manySourcesCountedOnce() throws {
        let voices = (0..<20).map { item("s\($0)", .e, .asserts, .probablyTrue) }
        let again = [item("s0", .e, .reports, .possiblyTrue), item("s16", .e, .asserts, .doubtful)]
        let denials = (0..<20).map { item("d\($0)", .b, .denies, .probablyTrue) } + [item("d3", .a, .denies, .confirmed)]
        let evidence = try #require(Evidence(voices + again + denials))
        #expect(evidence.supportingSources == (0..<20).map { "s\($0)" })
        #expect(evidence.denyingSources == (0..<20).map { "d\($0)" })
        #expect(evidence.sources.count == 40)
    }

    @Test("a credibility is read from a JSON number only when it spells the integer exactly, never rounded through a double")
    func credibilityFromExactNumbers() {
        for text in ["2", "2.0", "2e0", "20e-1", "0.2E1", "2.000", "2E+0"] {
            #expect(Credibility(number: text) == .probablyTrue, "\(text)")
        }
        for text in [
            "0.99999999999999999999", "2.0000000000000000000000000001", "1.5", "2e", "2.", ".2e1", "0", "7", "-2", "1e400",
            "2e-400", "-2.0", "-2e0", "-20e-1", "-0.1e1",
        ] {
            #expect(Credibility(number: text) == nil, "\(text)")
        }
    }

    @Test("no citation, no evidence")
    func empty() {
        #expect(Evidence([Evidence.Item]()) == nil)
    }

    @Test(
        "the store's claim_evidence view applies the same rule as Evidence, citation by citation (before the common link's cap)")
    func viewAgrees() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        // One claim per combination of grade, stance and credibility, two citations each.
        var lines: [String] = []
        for reliability in Reliability.allCases {
            lines.append(
                #"{"record":"source","id":"s-\#(reliability.rawValue.lowercased())","type":"other","title":"S","reliability":"\#(reliability.rawValue)"}"#
            )
        }
        var index = 0
        for reliability in Reliability.allCases {
            for stance in Stance.allCases {
                for credibility in Credibility.allCases {
                    index += 1
                    let other = Reliability.allCases[(index * 7) % 6].rawValue.lowercased()
                    let otherStance = Stance.allCases[(index * 5) % 3].rawValue
                    lines.append(
                        #"{"record":"claim","id":"c\#(index)","subject":"hamas","predicate":"praised","object":"isis","start":"20\#(10 + index % 15)","citations":[{"source":"s-\#(reliability.rawValue.lowercased())","quote":"q\#(index)","stance":"\#(stance.rawValue)","credibility":\#(credibility.rawValue)},{"source":"s-\#(other)","quote":"r\#(index)","stance":"\#(otherStance)","credibility":\#((index % 6) + 1)}]}"#
                    )
                }
            }
        }
        try Fixtures.importText(lines.joined(separator: "\n"), into: store, folder: folder, name: "grid.jsonl")
        var checked = 0
        let view = try store.database.prepare(
            """
            SELECT claim, citing_sources, uncapped_best_reliability, uncapped_best_credibility, uncapped_status
            FROM claim_evidence ORDER BY claim
            """)
        try view.forEachRow { row in
            let claim = try #require(try store.claim(id: row.string(0)))
            let evidence = try #require(claim.evidence)
            #expect(evidence.status.rawValue == row.string(4), "\(row.string(0))")
            #expect(evidence.sources.count == row.int(1))
            #expect(evidence.bestReliability.rawValue == row.string(2))
            #expect(evidence.bestCredibility.rawValue == row.int(3))
            checked += 1
        }
        #expect(checked == 3 + 6 * 3 * 6)
    }
}

@Suite("Filters", .temporaryFolder)
struct GraphFilterTests {
    private func claim(_ predicate: String, start: String?, end: String?) throws -> Claim {
        Claim(
            subject: "a", predicate: predicate, object: "b", start: try start.map(PartialDate.init(parsing:)),
            end: try end.map(PartialDate.init(parsing:)), citations: [])
    }

    @Test(
        "as-of: a partial date covers its whole period; states hold on, events do not",
        arguments: [
            ("member_of", "2014", nil, "2014-12-31", true),
            ("member_of", "2014", nil, "2020", true),
            ("member_of", "2014", nil, "2013-12", false),
            ("member_of", "2014", "2016-05", "2016-05-31", true),
            ("member_of", "2014", "2016-05", "2016-06-01", false),
            ("member_of", nil, "2016", "1990", true),
            ("member_of", nil, nil, "1990", true),
            ("praised", "2022-03-27", nil, "2022-03", true),
            ("praised", "2022-03-27", nil, "2022-04", false),
            ("praised", "2022-03", nil, "2022-03-31", true),
        ])
    func asOf(_ predicate: String, _ start: String?, _ end: String?, _ date: String, _ holds: Bool) throws {
        var filter = GraphFilter()
        filter.asOf = try PartialDate(parsing: date)
        #expect(filter.admitsShape(of: try claim(predicate, start: start, end: end), subjectType: nil, objectType: nil) == holds)
    }

    @Test(
        "as-of and between: a claim kept only because its dates, less precise than the period asked, overlap it",
        arguments: [
            // An event of some day in March, asked about 4 March: it may have been that day, or not.
            ("attacked", "2022-03", nil, "2022-03-04", nil, true),
            ("attacked", "2022-03", nil, "2022-03", nil, false),
            ("attacked", "2022-03", nil, "2022", nil, false),
            ("attacked", "2022-03-04", nil, "2022-03-04", nil, false),
            ("met_with", "2022", nil, "2022-03-04", nil, true),
            // A state that surely held on the day asked, though its dates are years.
            ("member_of", "2020", "2023", "2022-03-04", nil, false),
            // Began some time in 2022: by 4 March, or later.
            ("member_of", "2022", nil, "2022-03-04", nil, true),
            ("member_of", "2022", nil, "2023", nil, false),
            // Ended some time in March: before the 4th, or after.
            ("member_of", nil, "2022-03", "2022-03-04", nil, true),
            ("member_of", "2020-06", "2022-02", "2022", nil, false),
            // Undated: kept as timeless, said apart.
            ("member_of", nil, nil, "2022-03-04", nil, false),
            // Both must hold; one asked period that the dates do not settle is enough.
            ("attacked", "2022-03", nil, "2022", "2022-03-04 2022-03-04", true),
            ("attacked", "2022-03", nil, nil, "2022-03-04 2022-03-04", true),
            ("attacked", "2022-03", nil, nil, "2021 2022-03-31", false),
            ("attacked", "2022-03", nil, nil, "2022-03-15 2023", true),
            ("member_of", "2021", nil, nil, "2022-03-15 2023", false),
        ] as [(String, String?, String?, String?, String?, Bool)])
    func keptOnlyPossibly(
        _ predicate: String, _ start: String?, _ end: String?, _ asOf: String?, _ between: String?, _ isPossible: Bool
    ) throws {
        var filter = GraphFilter()
        filter.asOf = try asOf.map(PartialDate.init(parsing:))
        if let dates = try between?.split(separator: " ").map({ try PartialDate(parsing: String($0)) }) {
            filter.between = (dates[0], dates[1])
        }
        let claim = try claim(predicate, start: start, end: end)
        #expect(filter.admitsShape(of: claim, subjectType: nil, objectType: nil))
        #expect(filter.keepsOnlyPossibly(claim) == isPossible)
    }

    @Test(
        "as-of and between: a claim kept only for the open side of its period, no start, or a state with no end",
        arguments: [
            ("hostile_to", nil, "2017-07", "1990", nil, GraphFilter.OpenSide?.some(.start)),
            ("hostile_to", nil, "2017-07", "2017", nil, nil),
            ("member_of", "2017", nil, "2030", nil, .some(.end)),
            ("member_of", "2017", nil, "2017-05", nil, nil),
            ("member_of", "2017", "2018", "2018", nil, nil),
            // An event with only a start happens within it: not open.
            ("attacked", "2017", nil, "2017", nil, nil),
            ("member_of", nil, nil, "2030", nil, nil),
            ("member_of", "2017", nil, nil, "2020 2021", .some(.end)),
            ("member_of", "2017", nil, nil, "2016 2021", nil),
        ] as [(String, String?, String?, String?, String?, GraphFilter.OpenSide?)])
    func keptOnlyForOpenSide(
        _ predicate: String, _ start: String?, _ end: String?, _ asOf: String?, _ between: String?,
        _ side: GraphFilter.OpenSide?
    ) throws {
        var filter = GraphFilter()
        filter.asOf = try asOf.map(PartialDate.init(parsing:))
        if let dates = try between?.split(separator: " ").map({ try PartialDate(parsing: String($0)) }) {
            filter.between = (dates[0], dates[1])
        }
        let claim = try claim(predicate, start: start, end: end)
        #expect(filter.admitsShape(of: claim, subjectType: nil, objectType: nil))
        #expect(filter.keepsOnlyForItsOpenSide(claim) == side)
    }

    @Test("known-by: a citation counts once it was certainly public, by the earlier date of source and via")
    func knownBy() throws {
        let citation = Citation(source: "s", via: "v", quote: "q", stance: .asserts, credibility: .probablyTrue)
        func graded(_ since: String?) throws -> GradedCitation {
            GradedCitation(citation: citation, reliability: .b, publicSince: try since.map(PartialDate.init(parsing:)))
        }
        var filter = GraphFilter()
        filter.knownBy = try PartialDate(parsing: "2017")
        #expect(filter.admits(try graded("2017-07")))
        #expect(!filter.admits(try graded("2018")))
        #expect(!filter.admits(try graded(nil)))
        filter.knownBy = try PartialDate(parsing: "2017-06")
        #expect(!filter.admits(try graded("2017")))
        #expect(
            GradedCitation.earlier(try PartialDate(parsing: "2022-03"), try PartialDate(parsing: "2017-07"))?.description
                == "2017-07")
        // A source dated 2017 relayed by an article of July 2017: certainly public by 31 July.
        let both = GradedCitation.earlier(try PartialDate(parsing: "2017"), try PartialDate(parsing: "2017-07"))
        #expect(both?.description == "2017-07")
        filter.knownBy = try PartialDate(parsing: "2017-08")
        #expect(filter.admits(try graded(both?.description)))
        #expect(
            GradedCitation.earlier(try PartialDate(parsing: "2017-07"), try PartialDate(parsing: "2017-07-31"))?.description
                == "2017-07")
    }

    @Test("evidence filters drop citations first; the status is that of what is left")
    func citationFiltersBeforeStatus() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        try Fixtures.importText(
            #"{"record":"claim","id":"hamas-armed-isis","subject":"hamas","predicate":"supplied_weapons_to","object":"isis","citations":[{"source":"police","quote":"denial","stance":"denies","credibility":2}]}"#,
            into: store, folder: folder, name: "denial.jsonl")
        let claim = try #require(try store.claim(id: "hamas-armed-isis"))
        let graph = try TransmissionGraph(store: store)
        #expect(GraphFilter().apply(claim, graph: graph)?.evidence?.status == .disputed)
        var filter = GraphFilter()
        filter.minimumReliability = .d
        filter.excludesDisputed = true
        #expect(filter.apply(claim, graph: graph) == nil)
        filter.minimumReliability = nil
        filter.stances = [.asserts]
        #expect(filter.apply(claim, graph: graph)?.evidence?.status == .alleged)
        filter.stances = []
        filter.excludesDisputed = false
        filter.sources = ["police"]
        #expect(filter.apply(claim, graph: graph)?.citations.map(\.citation.source) == ["police"])
    }

    @Test("every field of a filter makes it non-empty, unequal to no filter, and named in an export's title")
    func everyFilterFieldCounts() throws {
        let date = try PartialDate(parsing: "2017")
        let setters: [String: (inout GraphFilter) -> Void] = [
            "predicates": { $0.predicates = ["member_of"] },
            "entityTypes": { $0.entityTypes = [.person] },
            "asOf": { $0.asOf = date },
            "betweenDates": { $0.between = (date, date) },
            "excludesUndated": { $0.excludesUndated = true },
            "knownBy": { $0.knownBy = date },
            "minimumReliability": { $0.minimumReliability = .c },
            "minimumCredibility": { $0.minimumCredibility = .probablyTrue },
            "stances": { $0.stances = [.asserts] },
            "sources": { $0.sources = ["s"] },
            "statuses": { $0.statuses = [.asserted] },
            "excludesDisputed": { $0.excludesDisputed = true },
            "excludedCommonLink": { $0.excludedCommonLink = "article" },
            "minimumChannels": { $0.minimumChannels = 2 },
            "maximumChannels": { $0.maximumChannels = 1 },
        ]
        // A field added to GraphFilter but not here fails this test: add it here, and to
        // ExportStyle.filterSummary and the CLI's filter options.
        #expect(Set(Mirror(reflecting: GraphFilter()).children.compactMap(\.label)) == Set(setters.keys))
        #expect(GraphFilter().isEmpty)
        for (name, set) in setters {
            var filter = GraphFilter()
            set(&filter)
            #expect(!filter.isEmpty, "\(name)")
            #expect(filter != GraphFilter(), "\(name)")
            #expect(ExportStyle.filterSummary(filter).count == 1, "\(name)")
        }
    }
}
