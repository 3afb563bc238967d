import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// `--exclude-common-link S` ("what is left if S is wrong") and `isnad source S --impact` ("what
/// would fall") answer the same question; they must never disagree. Checked for every source of
/// the seed dataset and of stores whose relays are drawn at random (relays of relays, several paths to one claimant,
/// claimants read in sources that do and do not cite them).
@Suite("Excluding a common link agrees with the source's impact", .temporaryFolder)
struct CommonLinkExclusionTests {
    typealias W = EvidenceWeighingTests

    @Test("on the seed dataset, for every source")
    func seedDataset() throws {
        let folder = try TemporaryFolder.scoped
        let store = try GraphStore(path: folder.path("hadera.db"), access: .create)
        _ = try Importer(store: store).run([.file(HaderaDatasetTests.path)])
        try Self.expectAgreement(in: store)
        // The article cites the leaked document: what the article says in its own voice, or in
        // the police's, does not fall with the document.
        var filter = GraphFilter()
        filter.excludedCommonLink = "abu-maram-document"
        let graph = try TransmissionGraph(store: store)
        var left = 0
        try store.forEachClaim { claim in if filter.apply(claim, graph: graph) != nil { left += 1 } }
        #expect(left == 71)
    }

    @Test("on stores whose relays are drawn at random", arguments: 1...6)
    func randomRelays(seed: UInt64) throws {
        let folder = try TemporaryFolder.scoped
        var random = SplitMix64(state: seed)
        let ids = (0..<9).map { "s\($0)" }
        var records = W.entities
        for (index, id) in ids.enumerated() {
            // A source cites only later ones: the record format refuses a cycle of relays.
            let cites = ids[(index + 1)...].filter { _ in Int.random(in: 0..<4, using: &random) == 0 }
            records += W.source(id, ["A", "B", "C", "D", "E", "F"].randomElement(using: &random)!, cites: cites)
        }
        for number in 0..<40 {
            let citations = (0..<Int.random(in: 1...4, using: &random)).map { quote in
                let claimant = ids.randomElement(using: &random)!
                let via = ids.filter { $0 != claimant }.randomElement(using: &random)!
                let viaField = Bool.random(using: &random) ? ",\"via\":\"\(via)\"" : ""
                let stance = Int.random(in: 0..<4, using: &random) == 0 ? "denies" : "asserts"
                return
                    "{\"source\":\"\(claimant)\"\(viaField),\"quote\":\"words \(quote)\",\"stance\":\"\(stance)\",\"credibility\":\(Int.random(in: 1...6, using: &random))}"
            }
            records += """
                {"record":"claim","id":"c\(number)","subject":"a","predicate":"allied_with","object":"b","start":null,"end":null,"citations":[\(citations.joined(separator: ","))]}

                """
        }
        let store = try Fixtures.store(records, in: folder)
        let seen = try Self.expectAgreement(in: store)
        // Each kind of dependence is met, so that the agreement is tested on each.
        #expect(seen.resting > 0 && seen.losing > 0 && seen.relaying > 0, "\(seen)")
    }

    /// For every source: a claim that rests on it keeps no support under the filter; one that
    /// loses some keeps some, and fewer; any other keeps all its support.
    @discardableResult
    static func expectAgreement(
        in store: GraphStore, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (resting: Int, losing: Int, relaying: Int) {
        var seen = (resting: 0, losing: 0, relaying: 0)
        let graph = try TransmissionGraph(store: store)
        var sources: [String] = []
        try store.forEachSource(withText: false) { sources.append($0.id) }
        for source in sources {
            let impact = try graph.impact(of: source, in: store)
            let resting = Set(impact.restingOnIt.map(\.claimID))
            let losing = Set(impact.losingSupport.map(\.claimID))
            // How a claim that loses some support reads after: as the filter's claim weighs.
            let after = Dictionary(impact.losingSupport.map { ($0.claimID, $0.after) }, uniquingKeysWith: { a, _ in a })
            seen.resting += resting.count
            seen.losing += losing.count
            seen.relaying += impact.relayingIt.count
            var filter = GraphFilter()
            filter.excludedCommonLink = source
            try store.forEachClaim { claim in
                let supportBefore = claim.citations.filter { $0.citation.stance != .denies }.count
                let left = filter.apply(claim, graph: graph)
                let supportLeft = left?.citations.filter { $0.citation.stance != .denies }.count ?? 0
                let id = claim.claim.id
                if resting.contains(id) {
                    #expect(supportLeft == 0, "\(id) rests on \(source)", sourceLocation: sourceLocation)
                } else if losing.contains(id) {
                    #expect(
                        supportLeft > 0 && supportLeft < supportBefore, "\(id) loses some support with \(source)",
                        sourceLocation: sourceLocation)
                    #expect(
                        after[id] == left.flatMap { graph.weigh($0).strength?.rank },
                        "\(id) reads without \(source) as the filter weighs it", sourceLocation: sourceLocation)
                } else {
                    #expect(supportLeft == supportBefore, "\(id) does not depend on \(source)", sourceLocation: sourceLocation)
                }
            }
        }
        return seen
    }
}
