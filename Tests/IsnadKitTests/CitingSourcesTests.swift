import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// `claims` and `timeline` under `--known-by` or `--source` find the claims that may pass through
/// the citation indexes: what they list must be what a reading of every claim keeps.
@Suite("Claims found through the citation indexes", .temporaryFolder)
struct CitingSourcesTests {
    static let dates = ["2009", "2010", "2010-12-31", "2014", "2015-06", "2020", "2021", "2022", "2030"]

    @Test(
        "under --known-by, the claims found through the sources published by then are those a reading of every claim keeps, in both orders"
    )
    func knownBy() throws {
        let store = try SmallGraph.store(in: try TemporaryFolder.scoped)
        let graph = try TransmissionGraph(store: store)
        for date in Self.dates {
            var filter = GraphFilter()
            filter.knownBy = try PartialDate(parsing: date)
            try expectSameClaims(store, graph, filter, date)
        }
        var none = GraphFilter()
        none.knownBy = try PartialDate(parsing: "2009")
        #expect(try store.citingSources(admittedBy: none) == [], "nothing published by 2009: no claim is read")
        #expect(try store.citingSources(admittedBy: GraphFilter()) == nil)
    }

    @Test("--source with --known-by, and with a date that keeps sources only through `via`")
    func sourcesAndKnownBy() throws {
        let store = try SmallGraph.store(in: try TemporaryFolder.scoped)
        let graph = try TransmissionGraph(store: store)
        for sources in [["art"], ["s-d"], ["s-a", "s-b"], ["nobody"]] {
            for date in [nil] + Self.dates {
                var filter = GraphFilter()
                filter.sources = Set(sources)
                filter.knownBy = try date.map { try PartialDate(parsing: $0) }
                try expectSameClaims(store, graph, filter, "\(sources) \(date ?? "-")")
            }
        }
    }

    @Test(
        "claims citing some sources, the first so many: tested claim by claim in id order or gathered through the citation indexes, the same rows"
    )
    func citedByWithALimit() throws {
        let store = try SmallGraph.store(in: try TemporaryFolder.scoped)
        var sourceIDs: [String] = []
        try store.forEachSource { sourceIDs.append($0.id) }
        let sets = [Set(sourceIDs), ["art"], ["s-d"], ["s-a", "s-b"], ["nobody"]]
        for sources in sets {
            let all = try store.claimRows(citedBy: Set(sources))
            for limit in [nil, 0, 1, 2, all.count, all.count + 1] {
                for testsEachClaim in [false, true] {
                    let rows = try store.claimRows(
                        ids: [], subjects: [], objects: [], predicates: [], citedBy: Set(sources), limit: limit,
                        testsEachClaim: testsEachClaim)
                    #expect(
                        rows == Array(all.prefix(limit ?? all.count)),
                        "\(sources.sorted()), limit \(limit.map(String.init) ?? "none"), each claim tested: \(testsEachClaim)")
                }
            }
        }
    }

    private func expectSameClaims(_ store: GraphStore, _ graph: TransmissionGraph, _ filter: GraphFilter, _ comment: String)
        throws
    {
        let sources = try #require(try store.citingSources(admittedBy: filter), "\(comment): few citations")
        var scanned: [String] = []
        try store.forEachClaim { if let kept = filter.apply($0, graph: graph) { scanned.append(kept.claim.id) } }
        var found: [String] = []
        try store.forEachClaim(rows: try store.claimRows(citedBy: sources)) {
            if let kept = filter.apply($0, graph: graph) { found.append(kept.claim.id) }
        }
        #expect(found == scanned, "\(comment)")
        var inTimeOrder: [String] = []
        try store.forEachClaimInTimeOrder { if let kept = filter.apply($0, graph: graph) { inTimeOrder.append(kept.claim.id) } }
        var foundInTimeOrder: [String] = []
        try store.forEachClaim(rows: try store.claimRowsInTimeOrder(citedBy: sources)) {
            if let kept = filter.apply($0, graph: graph) { foundInTimeOrder.append(kept.claim.id) }
        }
        #expect(foundInTimeOrder == inTimeOrder, "\(comment)")
    }
}
