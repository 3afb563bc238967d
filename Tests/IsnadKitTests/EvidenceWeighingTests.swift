import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// Chains, independent channels, common links, capped strength, impact and contradictions,
/// on small hand-built stores.
@Suite("Weighing evidence", .temporaryFolder)
struct EvidenceWeighingTests {
    static let entities = """
        {"record":"entity","id":"a","type":"organization","name":"Alpha"}
        {"record":"entity","id":"b","type":"organization","name":"Bravo"}
        {"record":"entity","id":"c","type":"organization","name":"Charlie"}
        {"record":"entity","id":"p","type":"person","name":"Paul"}
        {"record":"entity","id":"q","type":"person","name":"Quentin"}
        {"record":"entity","id":"ev","type":"event","name":"Ambush"}

        """

    /// One claim `a allied_with b` with these citations (JSON objects, comma-separated), after `sources`.
    static func claim(_ citations: String, sources: String, id: String = "ab") -> String {
        entities + sources
            + """
            {"record":"claim","id":"\(id)","subject":"a","predicate":"allied_with","object":"b","start":null,"end":null,"citations":[\(citations)]}

            """
    }

    static func citation(_ source: String, via: String? = nil, stance: String = "asserts", credibility: Int = 2) -> String {
        let viaField = via.map { ",\"via\":\"\($0)\"" } ?? ""
        return
            "{\"source\":\"\(source)\"\(viaField),\"quote\":\"\(source)-\(via ?? "")-\(stance)\",\"stance\":\"\(stance)\",\"credibility\":\(credibility)}"
    }

    static func source(_ id: String, _ reliability: String, cites: [String] = []) -> String {
        let list = cites.map { "\"\($0)\"" }.joined(separator: ",")
        return
            "{\"record\":\"source\",\"id\":\"\(id)\",\"type\":\"other\",\"title\":\"\(id)\",\"reliability\":\"\(reliability)\",\"cites\":[\(list)]}\n"
    }

    /// A grade 1 (confirmed) is borne out only by another independent channel of its side where
    /// an A–C source asserts it (or, on the denying side, denies it) graded 1–3: each boundary of
    /// that rule, one way and the other.
    @Test(
        "a credibility 1 is borne out by another channel's A–C assertion graded 1–3, not by a D source, a 4, a report, itself, or the other side",
        arguments: [
            ("another channel: C asserts, 3", Self.citation("other", credibility: 3), "C", false),
            ("a D source", Self.citation("other", credibility: 3), "D", true),
            ("credibility 4", Self.citation("other", credibility: 4), "C", true),
            ("a report, graded 2", Self.citation("other", stance: "reports", credibility: 2), "C", true),
            ("a denial, on the other side", Self.citation("other", stance: "denies", credibility: 2), "A", true),
        ])
    func confirmationBoundaries(case name: String, other: String, grade: String, isUnconfirmed: Bool) throws {
        let folder = try TemporaryFolder.scoped
        let records = Self.claim(
            Self.citation("first", credibility: 1) + "," + other, sources: Self.source("first", "B") + Self.source("other", grade)
        )
        let store = try Fixtures.store(records, in: folder)
        let graph = try TransmissionGraph(store: store)
        let found = graph.unconfirmedGrades(of: try #require(try store.claim(id: "ab")))
        #expect(found.map(\.position) == (isUnconfirmed ? [0] : []), "\(name)")
    }

    @Test(
        "a credibility 1 with no channel that could bear it out is unconfirmed; a denial graded 1 is borne out by another denial, not by the support"
    )
    func confirmationOfEachSide() throws {
        let (aloneFolder, denialsFolder) = (try TemporaryFolder(), try TemporaryFolder())
        defer { for folder in [aloneFolder, denialsFolder] { folder.remove() } }
        let alone = Self.claim(Self.citation("weak", credibility: 1), sources: Self.source("weak", "E"))
        var store = try Fixtures.store(alone, in: aloneFolder)
        var graph = try TransmissionGraph(store: store)
        #expect(graph.unconfirmedGrades(of: try #require(try store.claim(id: "ab"))).map(\.position) == [0])
        let denials = Self.claim(
            [
                Self.citation("support", credibility: 3), Self.citation("first", stance: "denies", credibility: 1),
                Self.citation("other", stance: "denies", credibility: 2),
            ].joined(separator: ","),
            sources: Self.source("support", "E") + Self.source("first", "B") + Self.source("other", "C"))
        store = try Fixtures.store(denials, in: denialsFolder)
        graph = try TransmissionGraph(store: store)
        #expect(graph.unconfirmedGrades(of: try #require(try store.claim(id: "ab"))).isEmpty)
    }

    /// Imports `records` into a fresh store and weighs claim `id`.
    /// - Parameter sql: run on the store after the import, as another program would change it.
    static func weigh(_ records: String, claim id: String = "ab", sql: String? = nil) throws -> (
        ClaimWeight, GradedClaim, TransmissionGraph
    ) {
        return try withTemporaryFolder { folder in
            let store = try Fixtures.store(records, in: folder)
            if let sql { try store.database.execute(sql) }
            let graph = try TransmissionGraph(store: store)
            let claim = try #require(try store.claim(id: id))
            return (graph.weigh(claim), claim, graph)
        }
    }

    @Test(
        "a claimant's words read in an article that knows them only through a wire are no better than the wire: capped by the best route of relays, none when the article cites the claimant itself"
    )
    func carriersCap() throws {
        let wire = Self.source("ministry", "C") + Self.source("wire", "E", cites: ["ministry"])
        let relayed = Self.citation("ministry", via: "article")
        let (throughWire, _, graph) = try Self.weigh(
            Self.claim(relayed, sources: wire + Self.source("article", "B", cites: ["wire"])))
        #expect(graph.carriers(of: "ministry", to: "article") == ["wire"])
        #expect(throughWire.strength?.description == "ALLEGED E2 · 1 channel, all through article (B)")
        // A longer line: each relay on it carries the words, nearest to the article first.
        let (longer, _, longerGraph) = try Self.weigh(
            Self.claim(
                relayed,
                sources: wire + Self.source("digest", "A", cites: ["wire"]) + Self.source("article", "B", cites: ["digest"])))
        #expect(longerGraph.carriers(of: "ministry", to: "article") == ["digest", "wire"])
        #expect(longer.strength?.evidence.bestGrade == "E2")
        // The article also cites the ministry itself: it need not have taken the wire's copy.
        let (direct, _, directGraph) = try Self.weigh(
            Self.claim(relayed, sources: wire + Self.source("article", "B", cites: ["wire", "ministry"])))
        #expect(directGraph.carriers(of: "ministry", to: "article").isEmpty)
        #expect(direct.strength?.evidence.bestGrade == "C2")
        // Two wires side by side: the article may have had it through the better one.
        let (twoWires, _, twoGraph) = try Self.weigh(
            Self.claim(
                relayed,
                sources: wire + Self.source("wire2", "A", cites: ["ministry"])
                    + Self.source("article", "B", cites: ["wire", "wire2"])))
        #expect(twoGraph.carriers(of: "ministry", to: "article") == ["wire2"])
        #expect(twoWires.strength?.evidence.bestGrade == "C2")
        // Two E wires: E whichever it was; a second weak relay never lifts the cap.
        let (twoWeak, _, twoWeakGraph) = try Self.weigh(
            Self.claim(
                relayed,
                sources: wire + Self.source("wire2", "E", cites: ["ministry"])
                    + Self.source("article", "B", cites: ["wire", "wire2"])))
        #expect(twoWeakGraph.carriers(of: "ministry", to: "article") == ["wire"])
        #expect(twoWeak.strength?.evidence.bestGrade == "E2")
        // Where the two ways meet again before the ministry, the meeting point caps both.
        let (diamond, _, diamondGraph) = try Self.weigh(
            Self.claim(
                relayed,
                sources: wire + Self.source("left", "A", cites: ["wire"]) + Self.source("right", "A", cites: ["wire"])
                    + Self.source("article", "B", cites: ["left", "right"])))
        #expect(diamondGraph.carriers(of: "ministry", to: "article") == ["left", "wire"])
        #expect(diamond.strength?.evidence.bestGrade == "E2")
        // A long line of relays is walked once, not once for each relay on it: as long as a
        // chain may be, the article and the ministry at its ends.
        let relays = CitesDepth.stepsAtMost - 1
        let line = (0..<relays).map {
            Self.source("r\($0)", "B", cites: [$0 == relays - 1 ? "ministry" : "r\($0 + 1)"])
        }.joined()
        let (long, _, longGraph) = try Self.weigh(
            Self.claim(relayed, sources: Self.source("ministry", "C") + line + Self.source("article", "A", cites: ["r0"])))
        #expect(longGraph.carriers(of: "ministry", to: "article").count == relays)
        #expect(long.strength?.evidence.bestGrade == "C2")
        // A cycle of cites another program wrote (check reports it) is cut, not walked for ever.
        let (cycle, _, cycleGraph) = try Self.weigh(
            Self.claim(relayed, sources: wire + Self.source("article", "B", cites: ["wire"])),
            sql: "INSERT INTO source_cites (source, position, cited) VALUES ('wire', 1, 'article')")
        #expect(cycleGraph.carriers(of: "ministry", to: "article") == ["wire"])
        #expect(cycle.strength?.evidence.bestGrade == "E2")
    }

    @Test(
        "one more citation never lifts a claim: two papers that relay one leak stay capped by it when a third chain joins the channel elsewhere"
    )
    func sharedCeilings() throws {
        let sources =
            Self.source("leak1", "F") + Self.source("leak2", "F") + Self.source("p1", "A", cites: ["leak1"])
            + Self.source("p2", "A", cites: ["leak1", "leak2"])
        let papers = Self.citation("p1") + "," + Self.citation("p2")
        let (before, _, _) = try Self.weigh(Self.claim(papers, sources: sources))
        #expect(before.strength?.description == "ALLEGED F2 · 1 channel, all through leak1 (F)")
        // leak2's own words, graded improbable: no source is in all three chains now.
        let (after, _, _) = try Self.weigh(
            Self.claim(papers + "," + Self.citation("leak2", credibility: 5), sources: sources))
        #expect(after.supportingChannels == 1 && after.commonLink == nil)
        #expect(after.supporting[0].sharedCeilings == [0: .f, 1: .f, 2: .f])
        #expect(after.strength?.description == "ALLEGED F2 · 1 channel")
        // An aggregator citing two originals: its chain meets each, they do not meet each other.
        let aggregated =
            Self.source("orig-b", "B") + Self.source("orig-d", "D") + Self.source("aggregator", "A", cites: ["orig-b", "orig-d"])
        let (joined, _, _) = try Self.weigh(
            Self.claim(
                Self.citation("aggregator") + "," + Self.citation("orig-b") + "," + Self.citation("orig-d"), sources: aggregated))
        #expect(joined.supporting[0].sharedCeilings == [0: .d, 1: .b, 2: .d])
        #expect(joined.strength?.description == "ASSERTED B2 · 1 channel")
    }

    @Test("past 64 chains in a channel, a chain is capped by every source another holds: crossing the bound lowers nothing")
    func manyChains() throws {
        // 64 A outlets each relaying its own A wire, all wires relaying one E desk: the desk is
        // the common link. The 65th chain, an F leak that one outlet also relays, leaves no source in all.
        var sources = Self.source("desk", "E") + Self.source("leak", "F")
        var citations: [String] = []
        for index in 0..<64 {
            sources += Self.source("wire-\(index)", "A", cites: ["desk"])
            sources += Self.source("outlet-\(index)", "A", cites: index == 0 ? ["wire-\(index)", "leak"] : ["wire-\(index)"])
            citations.append(Self.citation("outlet-\(index)"))
        }
        let (before, _, _) = try Self.weigh(Self.claim(citations.joined(separator: ","), sources: sources))
        #expect(
            before.strength?.description.hasPrefix("ALLEGED E2 · 1 channel") == true, "\(String(describing: before.strength))")
        let (after, _, _) = try Self.weigh(
            Self.claim((citations + [Self.citation("leak", credibility: 5)]).joined(separator: ","), sources: sources))
        #expect(after.commonLink == nil)
        #expect(after.strength?.description.hasPrefix("ALLEGED E2 · 1 channel") == true, "\(String(describing: after.strength))")
        #expect(after.supporting[0].sharedCeilings[0] == .f && after.supporting[0].sharedCeilings[64] == .f)
    }

    @Test(
        "exactly 64 chains are still compared two by two: each is capped by the nearest source it shares with another, not by one deeper behind it; the 65th brings the coarser cap"
    )
    func pairwiseBound() throws {
        // Every outlet (A) relays one desk (A) that relays a rumour (F): two by two, the desk is
        // each pair's common link. Past the bound, every source another chain holds caps a chain.
        var sources = Self.source("desk", "A", cites: ["rumour"]) + Self.source("rumour", "F")
        var citations: [String] = []
        for index in 0...TransmissionGraph.pairwiseChainsAtMost {
            sources += Self.source("outlet-\(index)", "A", cites: ["desk"])
            citations.append(Self.citation("outlet-\(index)"))
        }
        let (atBound, _, _) = try Self.weigh(
            Self.claim(citations.prefix(TransmissionGraph.pairwiseChainsAtMost).joined(separator: ","), sources: sources))
        #expect(atBound.supporting[0].sharedCeilings.values.allSatisfy { $0 == .a })
        #expect(atBound.strength?.description == "ASSERTED A2 · 1 channel, all through desk (A)")
        let (pastBound, _, _) = try Self.weigh(Self.claim(citations.joined(separator: ","), sources: sources))
        #expect(pastBound.supporting[0].sharedCeilings.values.allSatisfy { $0 == .f })
        #expect(pastBound.strength?.description == "ALLEGED F2 · 1 channel, all through desk (A)")
    }

    @Test(
        "a grade 1 is borne out by another channel where an A–C source asserts the claim graded 1–3, not by one that only reports it, doubts it, or an F source"
    )
    func confirmation() throws {
        let sources = Self.source("ministry", "A") + Self.source("rumour", "F") + Self.source("paper", "B")
        let confirmed = Self.citation("ministry", credibility: 1)
        for (other, expected) in [
            (Self.citation("rumour", stance: "reports", credibility: 6), "ASSERTED A2 · 2 channels"),
            (Self.citation("paper", credibility: 5), "ASSERTED A2 · 2 channels"),
            (Self.citation("paper", credibility: 3), "ASSERTED A1 · 2 channels"),
            (Self.citation("rumour", credibility: 3), "ASSERTED A2 · 2 channels"),
        ] {
            let (weight, claim, graph) = try Self.weigh(Self.claim(confirmed + "," + other, sources: sources))
            #expect(weight.strength?.description == expected, "\(other)")
            #expect(graph.unconfirmedGrades(of: claim).isEmpty == expected.hasPrefix("ASSERTED A1"))
        }
        let (_, claim, graph) = try Self.weigh(
            Self.claim(confirmed + "," + Self.citation("rumour", stance: "reports", credibility: 6), sources: sources))
        #expect(
            graph.unconfirmedGrades(of: claim).map(\.description) == [
                "claim \"ab\": citation 1 (ministry) is graded 1 (confirmed) but its support has 2 independent channels; 1 takes another A–C source (once capped) that asserts it graded 1–3"
            ])
    }

    @Test(
        "a grade 1 is borne out by another channel as that channel weighs once capped: a B source read only in an E blog, or behind an E common link, confirms nothing"
    )
    func confirmationWeighedCapped() throws {
        let confirmed = Self.citation("ministry", credibility: 1)
        let sources =
            Self.source("ministry", "B") + Self.source("blog", "E") + Self.source("paper", "B")
            + Self.source("desk", "E") + Self.source("wire", "B", cites: ["desk"]) + Self.source("outlet", "B", cites: ["desk"])
        for (other, expected) in [
            (Self.citation("paper", via: "blog", credibility: 2), "ASSERTED B2 · 2 channels"),
            (Self.citation("wire", credibility: 2) + "," + Self.citation("outlet", credibility: 2), "ASSERTED B2 · 2 channels"),
            (Self.citation("paper", credibility: 2), "ASSERTED B1 · 2 channels"),
        ] {
            let (weight, claim, graph) = try Self.weigh(Self.claim(confirmed + "," + other, sources: sources))
            #expect(weight.strength?.description == expected, "\(other)")
            #expect(graph.unconfirmedGrades(of: claim).map(\.position) == (expected.contains("B1") ? [] : [0]), "\(other)")
        }
    }

    @Test(
        "among many channels a grade 1 is borne out by another confirming channel wherever it stands, never by its own; two confirm each other"
    )
    func confirmationAmongManyChannels() throws {
        let posts = (1...30).map { Self.source("post\($0)", "F") }.joined()
        let sources = posts + Self.source("ministry", "A") + Self.source("paper", "B")
        let reports = (1...30).map { Self.citation("post\($0)", stance: "reports", credibility: 6) }
        let ministry = Self.citation("ministry", credibility: 1)
        for (citations, unconfirmed) in [
            ([ministry] + reports, [0]),
            (reports + [ministry], [30]),
            (reports + [ministry, Self.citation("paper", credibility: 3)], []),
            ([Self.citation("paper", credibility: 3)] + reports + [ministry], []),
            ([ministry] + reports + [Self.citation("paper", credibility: 1)], []),
        ] {
            let (weight, claim, graph) = try Self.weigh(Self.claim(citations.joined(separator: ","), sources: sources))
            #expect(graph.unconfirmedGrades(of: claim).map(\.position) == unconfirmed)
            #expect(weight.strength?.evidence.bestGrade == (unconfirmed.isEmpty ? "A1" : "A2"))
        }
    }

    /// Sources `r0` … `rSTEPS`, each `r(i+1)` citing `ri` (`STEPS` cites steps from the top down
    /// to `r0`), graded C but `r0`, graded E.
    static func relayChain(steps: Int) -> String {
        (0...steps).map { Self.source("r\($0)", $0 == 0 ? "E" : "C", cites: $0 == 0 ? [] : ["r\($0 - 1)"]) }.joined()
    }

    @Test(
        "a chain exactly as deep as weighing follows weighs as any other: its last source, 100 steps down, is the common link; one step deeper (written by another program), weighing stops at the limit"
    )
    func chainAtTheDepthLimit() throws {
        let steps = CitesDepth.stepsAtMost
        #expect(steps == 100)
        // The top of the chain and a source citing its last source directly, both claimants.
        let sources =
            Self.relayChain(steps: steps) + Self.source("side", "B", cites: ["r0"]) + Self.source("top", "C")
        let records = Self.claim(Self.citation("r\(steps)") + "," + Self.citation("side"), sources: sources)
        let (weight, _, graph) = try Self.weigh(records)
        #expect(weight.supportingChannels == 1)
        #expect(weight.commonLink == CommonLink(source: "r0", reliability: .e, distance: steps))
        #expect(weight.chains[0].depths.count == steps + 1)
        #expect(graph.closure(of: "r\(steps)")["r0"] == steps)
        #expect(weight.strength?.description == "ALLEGED E2 · 1 channel, all through r0 (E)")
        // `top` made to cite the chain's top behind isnad's back: its chain is 101 steps deep,
        // and weighing follows the first 100 of them, where it no longer meets `side`.
        let deeper = Self.claim(Self.citation("top") + "," + Self.citation("side"), sources: sources)
        let (cut, _, cutGraph) = try Self.weigh(
            deeper, sql: "INSERT INTO source_cites (source, position, cited) VALUES ('top', 0, 'r\(steps)')")
        #expect(cut.chains[0].depths.count == steps + 1)
        #expect(cut.chains[0].depths["r1"] == steps)
        #expect(cut.chains[0].depths["r0"] == nil)
        #expect(cut.supportingChannels == 2)
        #expect(!cutGraph.reaches("r0", from: "top"))
        #expect(cutGraph.reaches("r1", from: "top"))
    }

    @Test("diamond-shaped cites: two claimants reaching one root are one channel, capped by the root")
    func diamond() throws {
        // left → root ← right; both claimants B-graded, the root they both relay E.
        let sources =
            Self.source("left", "B", cites: ["root"]) + Self.source("right", "B", cites: ["root"]) + Self.source("root", "E")
        let (weight, _, _) = try Self.weigh(Self.claim(Self.citation("left") + "," + Self.citation("right"), sources: sources))
        #expect(weight.supportingChannels == 1)
        #expect(weight.commonLink == CommonLink(source: "root", reliability: .e, distance: 1))
        #expect(weight.chains[0].depths == ["left": 0, "root": 1])
        let strength = try #require(weight.strength)
        #expect(strength.evidence.bestReliability == .e)
        #expect(strength.evidence.status == .alleged)  // B2 twice would be asserted; E caps it
        #expect(strength.description == "ALLEGED E2 · 1 channel, all through root (E)")
    }

    @Test(
        "two sources equally near in every chain: the less reliable is the common link, whatever their ids",
        arguments: [("good", "bad"), ("good", "abad")])
    func equallyNearRoots(good: String, bad: String) throws {
        // Both claimants (A) relay both roots, one graded A, the other E: every chain runs through
        // the E root, so the claim is no stronger than E however the ids sort.
        let sources =
            Self.source("x1", "A", cites: [good, bad]) + Self.source("y1", "A", cites: [good, bad]) + Self.source(good, "A")
            + Self.source(bad, "E")
        let (weight, _, graph) = try Self.weigh(Self.claim(Self.citation("x1") + "," + Self.citation("y1"), sources: sources))
        #expect(weight.supportingChannels == 1)
        #expect(weight.commonLink == CommonLink(source: bad, reliability: .e, distance: 1))
        #expect(weight.strength?.description == "ALLEGED E2 · 1 channel, all through \(bad) (E)")
        // The generic rule, on the same chains, agrees.
        let chains = weight.chains
        #expect(CommonLink.nearest(in: chains, reliability: graph.reliability(of:))?.source == bad)
    }

    @Test("a via shared by two claimants joins them in one channel, through the via")
    func sharedVia() throws {
        let sources = Self.source("art", "E") + Self.source("x", "A") + Self.source("y", "B")
        let citations = Self.citation("x", via: "art", credibility: 1) + "," + Self.citation("y", via: "art")
        let (weight, claim, graph) = try Self.weigh(Self.claim(citations, sources: sources))
        #expect(weight.supportingChannels == 1)
        #expect(weight.commonLink?.source == "art")
        #expect(weight.chains[0].depths == ["art": 0, "x": 1])
        #expect(weight.strength?.evidence.bestGrade == "E2")  // the 1 is not borne out: it counts as 2
        #expect(ClaimStrength(weight)?.description == "ALLEGED E2")
        #expect(claim.strength?.description == "ASSERTED A1")  // what the grades alone say
        let unconfirmed = graph.unconfirmedGrades(of: claim)
        #expect(unconfirmed.map(\.position) == [0])
        #expect(
            unconfirmed.first?.description
                == "claim \"ab\": citation 1 (x via art) is graded 1 (confirmed) but its support has 1 independent channel; 1 takes at least 2"
        )
    }

    @Test("a citation is never stronger than the via it is read in, even when its channel converges on its claimant")
    func viaCaps() throws {
        // The review's case: the police (B) are quoted by an article (E), and again by an
        // aggregator (E) that relays a digest of that article. Both chains hold the police, at
        // distance 1 in each, nearer than anything else they share: the police are the common
        // link, and capping by it alone made the claim ASSERTED B2 on E sources only.
        let sources =
            Self.source("police", "B") + Self.source("article", "E", cites: ["police"])
            + Self.source("digest", "E", cites: ["article"]) + Self.source("aggregator", "E", cites: ["digest"])
        let citations = Self.citation("police", via: "article") + "," + Self.citation("police", via: "aggregator")
        let (weight, claim, _) = try Self.weigh(Self.claim(citations, sources: sources))
        #expect(weight.supportingChannels == 1)
        #expect(weight.commonLink?.source == "police")
        #expect(weight.strength?.description == "ALLEGED E2 · 1 channel, all through police (B)")
        #expect(weight.strength?.cappedCitations.map(\.reliability) == [.e, .e])
        #expect(claim.strength?.description == "ASSERTED B2")  // what the claimant's grades alone say

        // A via as reliable as its claimant caps nothing.
        let trusted = Self.source("police", "B") + Self.source("wire", "B", cites: ["police"])
        let (direct, _, _) = try Self.weigh(Self.claim(Self.citation("police", via: "wire"), sources: trusted))
        #expect(ClaimStrength(direct)?.description == "ASSERTED B2")
    }
    @Test("a cycle in cites terminates: every source on it is in the chain once, at its shortest distance")
    func cycle() throws {
        // An import refuses the cycle: another program closes it.
        let sources = Self.source("one", "C", cites: ["two"]) + Self.source("two", "D")
        let (weight, _, graph) = try Self.weigh(
            Self.claim(Self.citation("one") + "," + Self.citation("two"), sources: sources),
            sql: "INSERT INTO source_cites (source, position, cited) VALUES ('two', 0, 'one')")
        #expect(graph.closure(of: "one") == ["one": 0, "two": 1])
        #expect(weight.supportingChannels == 1)
        // Both are in both chains at distance at most 1: the tie goes to the less reliable.
        #expect(weight.commonLink == CommonLink(source: "two", reliability: .d, distance: 1))
    }

    @Test("a long chain is measured without recursion, and weighed as far as weighing follows a chain")
    func longChain() throws {
        let count = 20_000
        let sources = (0..<count).map {
            Source(id: "s\($0)", type: .other, title: "s", reliability: .b, cites: $0 + 1 < count ? ["s\($0 + 1)"] : [])
        }
        let graph = TransmissionGraph(sources: sources)
        let steps = CitesDepth.stepsAtMost
        #expect(graph.closure(of: "s0").count == steps + 1)
        #expect(graph.closure(of: "s0")["s\(steps)"] == steps)
        let longest = CitesDepth.longest(in: Dictionary(uniqueKeysWithValues: sources.map { ($0.id, $0.cites) }))
        #expect(longest["s0"]?.steps == count - 1)
        #expect(longest["s0"]?.end == "s\(count - 1)")
    }

    @Test("a source citing two independent roots: the roots are two channels; the source joins them into one with no common link")
    func twoRoots() throws {
        let sources = Self.source("hub", "C", cites: ["r1", "r2"]) + Self.source("r1", "B") + Self.source("r2", "C")
        let twoCitations = Self.citation("r1", credibility: 1) + "," + Self.citation("r2")
        let (two, claim, graph) = try Self.weigh(Self.claim(twoCitations, sources: sources))
        #expect(two.supportingChannels == 2)
        #expect(two.commonLink == nil)
        #expect(two.supporting.map(\.commonLink?.source) == ["r1", "r2"])
        #expect(two.strength?.evidence.bestGrade == "B1")  // two channels bear out the 1
        #expect(graph.unconfirmedGrades(of: claim).isEmpty)

        let (joined, _, _) = try Self.weigh(Self.claim(twoCitations + "," + Self.citation("hub"), sources: sources))
        #expect(joined.supportingChannels == 1)
        #expect(joined.commonLink == nil)
        #expect(joined.strength?.evidence.bestGrade == "B2")  // one channel: the 1 counts as 2; no single source caps it
    }

    @Test("denials are counted apart: a denial read in the same article does not join the support")
    func denialsApart() throws {
        let sources = Self.source("art", "E") + Self.source("x", "B") + Self.source("y", "B") + Self.source("z", "C")
        let citations = [
            Self.citation("x", via: "art"), Self.citation("y", via: "art", stance: "denies"),
            Self.citation("z", stance: "denies"),
        ].joined(separator: ",")
        let (weight, _, _) = try Self.weigh(Self.claim(citations, sources: sources))
        #expect(weight.supportingChannels == 1)
        #expect(weight.denyingChannels == 2)
        #expect(weight.supporting.map(\.citations) == [[0]])
        #expect(weight.denying.map(\.citations) == [[1], [2]])
        #expect(weight.strength?.evidence.status == .disputed)
        // One source holds it; the two that deny it are no voices for it.
        #expect(weight.strength?.evidence.supportingSources == ["x"])
        #expect(weight.strength?.evidence.denyingSources == ["y", "z"])
        // z's denial is C, but a denial's grade is not the support's: the best grade is that of
        // the one supporting channel, all through art (E).
        #expect(
            weight.strength?.description
                == "DISPUTED by C2 · best E2 · 1 channel, all through art (E) · denied by 2 sources in 2 channels")
    }

    @Test("status ranks first, then more channels, then the better grade: many weak voices never outrank what the grades assert")
    func ranking() throws {
        let sources =
            Self.source("r1", "E") + Self.source("r2", "E") + Self.source("r3", "B") + Self.source("good", "A")
            + Self.source("best", "A")
        let (twoWeak, _, _) = try Self.weigh(Self.claim(Self.citation("r1") + "," + Self.citation("r2"), sources: sources))
        let (oneGood, _, _) = try Self.weigh(Self.claim(Self.citation("good"), sources: sources))
        let (twoGood, _, _) = try Self.weigh(Self.claim(Self.citation("r3") + "," + Self.citation("best"), sources: sources))
        // Two E sources are alleged; one A source asserts: the assertion ranks first.
        #expect(twoWeak.strength?.evidence.status == .alleged)
        #expect(try #require(oneGood.strength) < #require(twoWeak.strength))
        // Both assert: two channels rank before one, though the one has the better grade.
        #expect(try #require(twoGood.strength) < #require(oneGood.strength))
    }

    @Test(
        "a denial is capped by its channel's common link as support is: two C deniers relaying one E root confirm no other denial's 1"
    )
    func denialsCappedByTheirCommonLink() throws {
        let sources =
            Self.source("paper", "E") + Self.source("ministry", "B") + Self.source("root", "E")
            + Self.source("left", "C", cites: ["root"]) + Self.source("right", "C", cites: ["root"])
        let citations = [
            Self.citation("paper", credibility: 3), Self.citation("ministry", stance: "denies", credibility: 1),
            Self.citation("left", stance: "denies"), Self.citation("right", stance: "denies"),
        ].joined(separator: ",")
        let (weight, claim, graph) = try Self.weigh(Self.claim(citations, sources: sources))
        #expect(weight.denying.map(\.citations) == [[1], [2, 3]])
        #expect(weight.denying[1].commonLink == CommonLink(source: "root", reliability: .e, distance: 1))
        #expect(weight.strength?.cappedCitations.map(\.reliability) == [.e, .b, .e, .e])
        #expect(weight.strength?.cappedCitations[1].credibility == .probablyTrue)
        #expect(graph.unconfirmedGrades(of: claim).map(\.position) == [1])
    }

    @Test(
        "the generic common link agrees with weighing where a source stands at different distances in the chains: its distance is the largest"
    )
    func commonLinkAtTheLargestDistance() throws {
        // x's chain: x 0, y 1. z's chain: z 0, w 1, x 2, y 2. Both x and y are in both, each at
        // 2 at most: a tie, which the less reliable (y, E) takes. Read at its smallest distance,
        // x (0) would be nearer.
        let sources =
            Self.source("x", "A", cites: ["y"]) + Self.source("y", "E") + Self.source("w", "A", cites: ["x", "y"])
            + Self.source("z", "A", cites: ["w"])
        let (weight, _, graph) = try Self.weigh(Self.claim(Self.citation("x") + "," + Self.citation("z"), sources: sources))
        #expect(weight.commonLink == CommonLink(source: "y", reliability: .e, distance: 2))
        #expect(CommonLink.nearest(in: weight.chains, reliability: graph.reliability(of:)) == weight.commonLink)
        #expect(
            CommonLink.nearest(in: [Chain(depths: ["x": 0, "y": 1]), Chain(depths: ["z": 0, "x": 2, "y": 1])]) { _ in .c }
                == CommonLink(source: "y", reliability: .c, distance: 1))
    }

    @Test("a source both the via and the claimant reach is in the chain at the shorter of its two distances")
    func viaAndClaimantReachOneSource() throws {
        // The article (via, 0) cites the leak directly: 1. The police (1) reach it through a memo: 3.
        let sources =
            Self.source("leak", "F") + Self.source("art", "E", cites: ["leak"]) + Self.source("memo", "C", cites: ["leak"])
            + Self.source("police", "B", cites: ["memo"]) + Self.source("desk", "D", cites: ["police"])
        let (weight, _, graph) = try Self.weigh(Self.claim(Self.citation("police", via: "art"), sources: sources))
        #expect(weight.chains[0].depths == ["art": 0, "leak": 1, "police": 1, "memo": 2])
        // The other way round: the article (1) cites the leak (2); the desk reaches it at 3.
        let desk = Citation(source: "art", via: "desk", quote: "q", stance: .asserts, credibility: .probablyTrue)
        #expect(graph.chain(of: desk).depths == ["desk": 0, "police": 1, "art": 1, "memo": 2, "leak": 2])
    }

    @Test("the quote shown for a claim is a supporting citation's, however much stronger a denial is graded")
    func bestCitationIsSupport() throws {
        let sources = Self.source("blog", "E") + Self.source("un", "A")
        let (weight, claim, _) = try Self.weigh(
            Self.claim(
                Self.citation("blog", credibility: 5) + "," + Self.citation("un", stance: "denies", credibility: 1),
                sources: sources))
        #expect(claim.bestCitation?.citation.source == "blog")
        #expect(claim.bestCitation(weighed: weight)?.citation.source == "blog")
        #expect(claim.strongestCitations(1).map(\.citation.source) == ["blog"])
    }

    @Test("contradictions: a dispute's supporting side holds the citations that report the claim, not only those that assert it")
    func disputeWithAReport() throws {
        let folder = try TemporaryFolder.scoped
        let sources = Self.source("wire", "C") + Self.source("paper", "B") + Self.source("ministry", "A")
        let citations = [
            Self.citation("wire", stance: "reports"), Self.citation("paper"), Self.citation("ministry", stance: "denies"),
        ].joined(separator: ",")
        let store = try Fixtures.store(Self.claim(citations, sources: sources), in: folder)
        let disputes = try Contradictions.find(in: store).allDisputes(in: store)
        #expect(disputes.map(\.claim.claim.id) == ["ab"])
        #expect(disputes.first?.supporting.map(\.citation.source) == ["wire", "paper"])
        #expect(disputes.first?.denying.map(\.citation.source) == ["ministry"])
    }

    @Test("periods that share one day overlap, certainly when both are dated to the day; the day after, they do not")
    func periodsSharingADay() {
        func span(_ start: String, _ end: String) -> ClaimSpan {
            ClaimSpan(start: try? PartialDate(parsing: start), end: try? PartialDate(parsing: end), temporal: .state)
        }
        #expect(span("2016-01-01", "2016-05-01").overlap(span("2016-05-01", "2016-06-01")) == true)
        #expect(span("2016-05-01", "2016-06-01").overlap(span("2016-01-01", "2016-05-01")) == true)
        #expect(span("2016-01-01", "2016-04-30").overlap(span("2016-05-01", "2016-06-01")) == nil)
    }

    static let impactRecords =
        entities + source("art", "E", cites: ["leak"]) + source("leak", "F") + source("police", "B")
            + """
            {"record":"claim","id":"ab","subject":"a","predicate":"allied_with","object":"b","start":null,"end":null,"citations":[\(citation("leak", via: "art"))]}
            {"record":"claim","id":"ba","subject":"b","predicate":"funded","object":"a","start":null,"end":null,"citations":[\(citation("art", credibility: 5))]}
            {"record":"claim","id":"bc","subject":"b","predicate":"funded","object":"c","start":null,"end":null,"citations":[\(citation("leak", via: "art")),\(citation("police"))]}
            {"record":"claim","id":"cb","subject":"c","predicate":"hostile_to","object":"b","start":null,"end":null,"citations":[\(citation("art"))]}
            {"record":"claim","id":"ac","subject":"a","predicate":"hostile_to","object":"c","start":null,"end":null,"citations":[\(citation("police"))]}

            """

    @Test("impact: what rests on a source alone, what loses some support, which pairs lose everything")
    func impact() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(Self.impactRecords, in: folder)
        let graph = try TransmissionGraph(store: store)
        let article = try graph.impact(of: "art", in: store)
        #expect(article.restingOnIt.map(\.claimID) == ["ab", "ba", "cb"])
        #expect(article.losingSupport.map(\.claimID) == ["bc"])
        #expect(article.isolatedPairs == [SourceImpact.EntityPair("a", "b")])  // b–c keeps the police's claim
        #expect(article.relayingIt.isEmpty)
        // The leak is behind the article: only what the leak itself says rests on it. The
        // article's own claims reach it only through the article's cites.
        let leak = try graph.impact(of: "leak", in: store)
        #expect(leak.restingOnIt.map(\.claimID) == ["ab"])
        #expect(leak.losingSupport.map(\.claimID) == ["bc"])
        #expect(leak.relayingIt.map(\.claimID) == ["ba", "cb"])
        #expect(leak.isolatedPairs.isEmpty)  // a–b keeps the article's own claim
        // A common link reached only through cites still carries the claim alone (the diamond's root).
        let diamond = Self.claim(
            Self.citation("left") + "," + Self.citation("right"),
            sources: Self.source("left", "B", cites: ["root"]) + Self.source("right", "B", cites: ["root"])
                + Self.source("root", "E"))
        let root = try withTemporaryFolder { other in
            let diamondStore = try Fixtures.store(diamond, in: other)
            return try TransmissionGraph(store: diamondStore).impact(of: "root", in: diamondStore)
        }
        #expect(root.restingOnIt.map(\.claimID) == ["ab"])
        #expect(root.isolatedPairs == [SourceImpact.EntityPair("b", "a")])
        // What is left of bc if the article is wrong: the police's citation.
        let bc = try #require(try store.claim(id: "bc"))
        #expect(bc.leavingOut(whatCameThrough: "art", graph: graph)?.citations.map(\.citation.source) == ["police"])
        #expect(try #require(try store.claim(id: "ab")).leavingOut(whatCameThrough: "art", graph: graph) == nil)
    }

    @Test(
        "the citation shown first is the strongest once weighed: a B source's own words before a B source read in an E article; of two an E article caps alike, the better claimant's"
    )
    func bestCitationWeighed() throws {
        let sources = Self.source("statement", "B") + Self.source("article", "E") + Self.source("wire", "B")
        let (weight, claim, _) = try Self.weigh(
            Self.claim(Self.citation("statement", via: "article") + "," + Self.citation("wire", credibility: 3), sources: sources)
        )
        #expect(claim.bestCitation?.citation.source == "statement")  // B2 unweighed
        #expect(claim.bestCitation(weighed: weight)?.citation.source == "wire")  // B3 against E2
        let (alike, onlyArticle, _) = try Self.weigh(
            Self.claim(Self.citation("article") + "," + Self.citation("statement", via: "article"), sources: sources))
        #expect(onlyArticle.bestCitation(weighed: alike)?.citation.source == "statement")
    }

    @Test(
        "impact: a citation whose via knows the claimant only through the source falls with it (a column citing only the article quotes what the article quoted); two relays side by side carry it each"
    )
    func impactThroughTheViaOnly() throws {
        let folder = try TemporaryFolder.scoped
        // A column relaying an article that relays a leak: the leak read in the article, and in the column.
        let records = Self.claim(
            Self.citation("leak", via: "art") + "," + Self.citation("leak", via: "column"),
            sources: Self.source("leak", "F") + Self.source("art", "E", cites: ["leak"])
                + Self.source("column", "E", cites: ["art"]))
        let store = try Fixtures.store(records, in: folder)
        let graph = try TransmissionGraph(store: store)
        let article = try graph.impact(of: "art", in: store)
        #expect(article.restingOnIt.map(\.claimID) == ["ab"] && article.losingSupport.isEmpty)
        #expect(article.isolatedPairs == [SourceImpact.EntityPair("a", "b")])
        var filter = GraphFilter()
        filter.excludedCommonLink = "art"
        #expect(filter.apply(try #require(try store.claim(id: "ab")), graph: graph) == nil)
        let column = try graph.impact(of: "column", in: store)
        #expect(column.losingSupport.map(\.claimID) == ["ab"] && column.restingOnIt.isEmpty)
        // Each column cites two articles that both relay the leak: neither article carries it alone.
        let parallel = try withTemporaryFolder { other in
            let store = try Fixtures.store(
                Self.claim(
                    Self.citation("z", via: "col-a") + "," + Self.citation("z", via: "col-b"),
                    sources: Self.source("z", "C") + Self.source("art", "D", cites: ["z"]) + Self.source("lk", "E", cites: ["z"])
                        + Self.source("col-a", "B", cites: ["art", "lk"]) + Self.source("col-b", "B", cites: ["art", "lk"])),
                in: other)
            return try TransmissionGraph(store: store).impact(of: "art", in: store)
        }
        #expect(parallel.restingOnIt.isEmpty && parallel.losingSupport.isEmpty && parallel.isolatedPairs.isEmpty)
    }

    @Test(
        "impact: an aggregator relaying a digest of the article that quoted the police (no cites to the police) holds the article's copy: the claim rests on the article, as --exclude-common-link says"
    )
    func impactThroughADigestOfTheArticle() throws {
        let folder = try TemporaryFolder.scoped
        let records = Self.claim(
            Self.citation("police", via: "art") + "," + Self.citation("police", via: "aggr"),
            sources: Self.source("police", "B") + Self.source("art", "E") + Self.source("digest", "E", cites: ["art"])
                + Self.source("aggr", "E", cites: ["digest"]))
        let store = try Fixtures.store(records, in: folder)
        let graph = try TransmissionGraph(store: store)
        let article = try graph.impact(of: "art", in: store)
        #expect(article.restingOnIt.map(\.claimID) == ["ab"] && article.losingSupport.isEmpty)
        var filter = GraphFilter()
        filter.excludedCommonLink = "art"
        #expect(filter.apply(try #require(try store.claim(id: "ab")), graph: graph) == nil)
        // An aggregator that cites the police too may have its copy from them: the article does not carry it alone.
        let direct = try withTemporaryFolder { other in
            let store = try Fixtures.store(
                Self.claim(
                    Self.citation("police", via: "art") + "," + Self.citation("police", via: "aggr"),
                    sources: Self.source("police", "B") + Self.source("art", "E") + Self.source("digest", "E", cites: ["art"])
                        + Self.source("aggr", "E", cites: ["digest", "police"])),
                in: other)
            return try TransmissionGraph(store: store).impact(of: "art", in: store)
        }
        #expect(direct.losingSupport.map(\.claimID) == ["ab"] && direct.restingOnIt.isEmpty)
    }

    @Test("a graph reading sources on demand weighs every claim as the graph of every source does, reading only those reached")
    func onDemand() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(Self.impactRecords, in: folder)
        let whole = try TransmissionGraph(store: store)
        let onDemand = TransmissionGraph(readingOnDemandFrom: store)
        // Only the article's claim first: the article and the leak it cites are read, not the police.
        let ab = try #require(try store.claim(id: "ab"))
        #expect(onDemand.weigh(ab) == whole.weigh(ab))
        #expect(onDemand.closure(of: "art") == ["art": 0, "leak": 1])
        try store.forEachClaim { claim in #expect(onDemand.weigh(claim) == whole.weigh(claim), "\(claim.claim.id)") }
        #expect(onDemand.reliability(of: "police") == .b)
        // A source the store does not hold is a dead end graded F, as in the whole graph; not an error.
        #expect(onDemand.reliability(of: "nowhere") == .f && whole.reliability(of: "nowhere") == .f)
        #expect(onDemand.closure(of: "nowhere") == ["nowhere": 0])
        #expect(onDemand.readFailure == nil)
        try onDemand.throwReadFailure()
    }

    @Test("the vocabulary declares opposed predicates both ways and which are exclusive in time")
    func constraints() {
        let constraints = PredicateConstraints.standard
        #expect(constraints.areOpposed("allied_with", "hostile_to") && constraints.areOpposed("hostile_to", "allied_with"))
        #expect(constraints.areOpposed("cooperated_with", "hostile_to"))
        #expect(!constraints.areOpposed("allied_with", "cooperated_with"))
        #expect(constraints.exclusiveInTime == ["branch_of", "military_wing_of"])
        for (predicate, others) in constraints.opposites {
            #expect(Vocabulary.standard[predicate] != nil, "\(predicate)")
            for other in others { #expect(Vocabulary.standard[other] != nil, "\(other)") }
        }
    }

    static let contradictionRecords =
        entities + source("s", "B") + source("t", "C")
            + """
            {"record":"entity","id":"d","type":"organization","name":"Delta"}
            {"record":"claim","id":"allied-2014","subject":"a","predicate":"allied_with","object":"b","start":"2014","end":"2016","citations":[\(citation("s"))]}
            {"record":"claim","id":"hostile-2015","subject":"b","predicate":"hostile_to","object":"a","start":"2015-06","end":null,"citations":[\(citation("t")),\(citation("s", stance: "denies"))]}
            {"record":"claim","id":"hostile-2020","subject":"a","predicate":"hostile_to","object":"b","start":"2020","end":null,"citations":[\(citation("t"))]}
            {"record":"claim","id":"coop-undated","subject":"a","predicate":"cooperated_with","object":"c","start":null,"end":null,"citations":[\(citation("t"))]}
            {"record":"claim","id":"c-hostile-a","subject":"c","predicate":"hostile_to","object":"a","start":"2019","end":null,"citations":[\(citation("t"))]}
            {"record":"claim","id":"denied-hostility","subject":"a","predicate":"hostile_to","object":"c","start":"2019","end":null,"citations":[\(citation("t", stance: "denies"))]}
            {"record":"claim","id":"c-branch-of-a","subject":"c","predicate":"branch_of","object":"a","start":"2010","end":null,"citations":[\(citation("s"))]}
            {"record":"claim","id":"c-branch-of-d","subject":"c","predicate":"branch_of","object":"d","start":"2012","end":"2013","citations":[\(citation("t"))]}
            {"record":"claim","id":"p-killed","subject":"p","predicate":"killed_in","object":"ev","start":"2014-05","end":null,"citations":[\(citation("s"))]}
            {"record":"claim","id":"p-met-q","subject":"q","predicate":"met_with","object":"p","start":"2015","end":null,"citations":[\(citation("t"))]}
            {"record":"claim","id":"p-met-q-before","subject":"p","predicate":"met_with","object":"q","start":"2014-05","end":null,"citations":[\(citation("t"))]}
            {"record":"claim","id":"p-member-of-a","subject":"p","predicate":"member_of","object":"a","start":"2010","end":null,"citations":[\(citation("t"))]}

            """

    @Test("contradictions: disputed claims, opposed predicates over overlapping periods, exclusive predicates, acts after death")
    func contradictions() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(Self.contradictionRecords, in: folder)
        let found = try Contradictions.find(in: store)
        // A claim only denied is disputed too; it takes part in no pair.
        #expect(found.disputedClaims == ["denied-hostility", "hostile-2015"])
        #expect(found.onlyDeniedClaims == 1)
        let disputes = try found.allDisputes(in: store)
        #expect(disputes.first?.supporting.isEmpty == true)
        #expect(disputes.last?.denying.map(\.citation.source) == ["s"])
        let pairs = try found.allIncompatibilities().map { "\($0.kind.rawValue) \($0.first) \($0.second) \($0.isCertain)" }
        #expect(
            pairs == [
                // allied_with is symmetric, so b hostile_to a clashes with a allied_with b; 2015 and 2015-06 overlap.
                // hostile-2020 starts after the alliance ended (2016): no clash. denied-hostility has no support.
                "opposed-predicates allied-2014 hostile-2015 true",
                "opposed-predicates c-hostile-a coop-undated false",  // undated cooperation: may overlap
                // A branch of a since 2010 with no end may have ended before 2012: not ruled out, not certain.
                "exclusive-in-time c-branch-of-a c-branch-of-d false",
                // A member since 2010 with no end is one still, unless it ended before the death.
                "acts-after-death p-killed p-member-of-a false",
                // met in 2015, killed in May 2014; the meeting in May 2014 may precede the killing.
                "acts-after-death p-killed p-met-q true",
            ])
        #expect(
            try found.allIncompatibilities().last?.description
                == "p-killed has p killed in 2014-05, but p-met-q has p met_with q from 2015")
        #expect(found.pairCounts == [.opposedPredicates: 2, .exclusiveInTime: 1, .actsAfterDeath: 2])
    }

    @Test(
        "contradictions: killed with an organization as object (the men it lost) is no death, killed with a person is; a clash between allies is opposed"
    )
    func killedOrganizationLivesOn() throws {
        let folder = try TemporaryFolder.scoped
        let records =
            Self.contradictionRecords
                + """
                {"record":"claim","id":"b-killed-d","subject":"b","predicate":"killed","object":"d","start":"2016-01","end":null,"citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"d-attacked-c","subject":"d","predicate":"attacked","object":"c","start":"2017","end":null,"citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"b-killed-q","subject":"b","predicate":"killed","object":"q","start":"2016-01","end":null,"citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"q-attacked-c","subject":"q","predicate":"attacked","object":"c","start":"2017","end":null,"citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"a-clashed-b","subject":"b","predicate":"clashed_with","object":"a","start":"2015-03","end":null,"citations":[\(Self.citation("t"))]}

                """
        let store = try Fixtures.store(records, in: folder)
        let found = try Contradictions.find(in: store).allIncompatibilities()
        let afterDeath = found.filter { $0.kind == .actsAfterDeath }.map { "\($0.first) \($0.second)" }
        #expect(afterDeath.contains("b-killed-q q-attacked-c"))
        #expect(!afterDeath.contains { $0.hasPrefix("b-killed-d") })
        #expect(
            found.contains { $0.kind == .opposedPredicates && Set([$0.first, $0.second]) == ["allied-2014", "a-clashed-b"] })
    }

    @Test("contradictions: a death dated by a period makes an act after it certain only once the period is over")
    func deathOverAPeriod() throws {
        let folder = try TemporaryFolder.scoped
        let records =
            Self.contradictionRecords
                + """
                {"record":"entity","id":"r","type":"person","name":"R"}
                {"record":"claim","id":"r-killed","subject":"r","predicate":"killed_in","object":"ev","start":"2010","end":"2012","citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"r-met-q-2011","subject":"r","predicate":"met_with","object":"q","start":"2011-06","end":null,"citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"r-met-q-2013","subject":"r","predicate":"met_with","object":"q","start":"2013","end":null,"citations":[\(Self.citation("t"))]}

                """
        let store = try Fixtures.store(records, in: folder)
        let clashes = try Contradictions.find(in: store).allIncompatibilities().filter { $0.first == "r-killed" }
        #expect(clashes.map { "\($0.second) \($0.isCertain)" } == ["r-met-q-2011 false", "r-met-q-2013 true"])
        #expect(
            clashes.first?.description == "r-killed has r killed in 2010 – 2012, but r-met-q-2011 has r met_with q from 2011-06")
    }

    @Test(
        "contradictions: a death dated by its month is a period of its days (an act mid-month is not ruled out), and a state held past a death is an act after it"
    )
    func deathByItsMonth() throws {
        let folder = try TemporaryFolder.scoped
        let records =
            Self.contradictionRecords
                + """
                {"record":"entity","id":"r","type":"person","name":"R"}
                {"record":"claim","id":"r-killed","subject":"r","predicate":"killed_in","object":"ev","start":"2022-03","end":null,"citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"r-met-q-mid-month","subject":"r","predicate":"met_with","object":"q","start":"2022-03-15","end":null,"citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"r-member-until-2023","subject":"r","predicate":"member_of","object":"a","start":"2020","end":"2023","citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"r-leader-until-may","subject":"r","predicate":"leader_of","object":"a","start":null,"end":"2022-05","citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"r-member-until-2021","subject":"r","predicate":"member_of","object":"b","start":"2019","end":"2021","citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"r-in-the-battle","subject":"r","predicate":"participated_in","object":"ev","start":"2022-01","end":"2022-05","citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"r-met-q-last-day","subject":"r","predicate":"met_with","object":"q","start":"2022-03-31","end":null,"citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"r-met-q-next-day","subject":"r","predicate":"met_with","object":"q","start":"2022-04-01","end":null,"citations":[\(Self.citation("t"))]}
                {"record":"entity","id":"land","type":"place","name":"Land"}
                {"record":"claim","id":"r-citizen-2023","subject":"r","predicate":"citizen_of","object":"land","start":"2023","end":null,"citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"r-child-of-q-2023","subject":"r","predicate":"child_of","object":"q","start":"2023","end":null,"citations":[\(Self.citation("t"))]}

                """
        let store = try Fixtures.store(records, in: folder)
        let found = try Contradictions.find(in: store)
        let clashes = try found.allIncompatibilities().filter { $0.first == "r-killed" }
        // He may have died on the month's last day, not on the next; a dead man stays a citizen
        // and a child.
        #expect(
            clashes.map { "\($0.second) \($0.isCertain)" } == [
                "r-leader-until-may true", "r-member-until-2023 true", "r-met-q-last-day false", "r-met-q-mid-month false",
                "r-met-q-next-day true",
            ])
        #expect(
            clashes.first?.description
                == "r-killed has r killed in 2022-03, but r-leader-until-may has r leader_of a until 2022-05")
        #expect(
            found.pairCounts[.actsAfterDeath] == (try found.allIncompatibilities()).filter { $0.kind == .actsAfterDeath }.count)
    }

    @Test(
        "contradictions: a death dated by its end only (killed by 2017-08) happened then or before: an act that starts after it clashes, certainly; one before it does not"
    )
    func deathByItsEndOnly() throws {
        let folder = try TemporaryFolder.scoped
        let records =
            Self.contradictionRecords
                + """
                {"record":"entity","id":"r","type":"person","name":"R"}
                {"record":"claim","id":"r-killed","subject":"r","predicate":"killed_in","object":"ev","start":null,"end":"2017-08","citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"r-met-q-2022","subject":"r","predicate":"met_with","object":"q","start":"2022-05-01","end":null,"citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"r-met-q-2017","subject":"r","predicate":"met_with","object":"q","start":"2017-08-20","end":null,"citations":[\(Self.citation("t"))]}

                """
        let store = try Fixtures.store(records, in: folder)
        let found = try Contradictions.find(in: store)
        let clashes = try found.allIncompatibilities().filter { $0.first == "r-killed" }
        #expect(clashes.map { "\($0.second) \($0.isCertain)" } == ["r-met-q-2022 true"])
        #expect(
            clashes.first?.description == "r-killed has r killed by 2017-08, but r-met-q-2022 has r met_with q from 2022-05-01")
        #expect(
            found.pairCounts[.actsAfterDeath] == (try found.allIncompatibilities()).filter { $0.kind == .actsAfterDeath }.count)
    }

    @Test(
        "contradictions: a state with no end holds still, so it may go on past a death (not ruled out); one that ended before does not"
    )
    func openStateAfterDeath() throws {
        let folder = try TemporaryFolder.scoped
        let records =
            Self.contradictionRecords
                + """
                {"record":"entity","id":"s","type":"person","name":"S"}
                {"record":"claim","id":"s-killed","subject":"s","predicate":"killed_in","object":"ev","start":"2022-03-27","end":null,"citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"s-member-a-since-2020","subject":"s","predicate":"member_of","object":"a","start":"2020","end":null,"citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"s-member-b-2019-2021","subject":"s","predicate":"member_of","object":"b","start":"2019","end":"2021","citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"s-member-c-since-2023","subject":"s","predicate":"member_of","object":"c","start":"2023","end":null,"citations":[\(Self.citation("t"))]}

                """
        let store = try Fixtures.store(records, in: folder)
        let found = try Contradictions.find(in: store)
        let clashes = try found.allIncompatibilities().filter { $0.first == "s-killed" }
        #expect(clashes.map { "\($0.second) \($0.isCertain)" } == ["s-member-a-since-2020 false", "s-member-c-since-2023 true"])
        #expect(
            clashes.first?.description
                == "s-killed has s killed in 2022-03-27, but s-member-a-since-2020 has s member_of a from 2020, with no end")
        #expect(
            found.pairCounts[.actsAfterDeath] == (try found.allIncompatibilities()).filter { $0.kind == .actsAfterDeath }.count)
    }

    @Test("contradictions: pairs counted without being made agree with those made; a limit takes the first of each kind")
    func contradictionCounts() throws {
        let folder = try TemporaryFolder.scoped
        // p reported killed twice, and acting before, between and after: every act after a
        // report pairs with it, the act in 2014 with the first report only.
        let records =
            Self.contradictionRecords
                + """
                {"record":"claim","id":"p-killed-again","subject":"p","predicate":"killed_in","object":"ev","start":"2016-01-02","end":null,"citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"p-founded-a-2017","subject":"p","predicate":"founded","object":"a","start":"2017","end":null,"citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"p-funded-a-2016","subject":"p","predicate":"funded","object":"a","start":"2016-01-03","end":null,"citations":[\(Self.citation("t"))]}
                {"record":"claim","id":"p-funded-a-denied","subject":"p","predicate":"funded","object":"b","start":"2018","end":null,"citations":[\(Self.citation("t", stance: "denies"))]}
                {"record":"claim","id":"p-hostile-b-2019","subject":"p","predicate":"hostile_to","object":"b","start":"2019","end":null,"citations":[\(Self.citation("t"))]}

                """
        let store = try Fixtures.store(records, in: folder)
        let found = try Contradictions.find(in: store)
        let all = try found.allIncompatibilities()
        for kind in Contradictions.kinds {
            #expect(found.pairCounts[kind] ?? 0 == all.filter { $0.kind == kind }.count, "\(kind)")
        }
        #expect(
            all.filter { $0.kind == .actsAfterDeath }.map { "\($0.first) \($0.second)" } == [
                "p-killed p-founded-a-2017", "p-killed p-funded-a-2016", "p-killed p-hostile-b-2019", "p-killed p-member-of-a",
                "p-killed p-met-q", "p-killed-again p-founded-a-2017", "p-killed-again p-funded-a-2016",
                "p-killed-again p-hostile-b-2019", "p-killed-again p-member-of-a",
            ])
        var limited: [Incompatibility] = []
        try found.forEachIncompatibility(limitPerKind: 1) { limited.append($0) }
        #expect(limited.map(\.kind) == Contradictions.kinds)
        #expect(limited.map(\.second) == ["hostile-2015", "c-branch-of-d", "p-founded-a-2017"])
    }

    @Test(
        "periods: events dated to a month only may overlap; a state without an end certainly held only when it began; an event dated by its end only was over by then"
    )
    func periods() {
        func span(_ start: String?, _ end: String?, _ temporal: IsnadKit.Predicate.Temporal) -> ClaimSpan {
            ClaimSpan(
                start: start.flatMap { try? PartialDate(parsing: $0) }, end: end.flatMap { try? PartialDate(parsing: $0) },
                temporal: temporal)
        }
        #expect(span("2014-05", nil, .event).overlap(span("2014-05", nil, .event)) == false)
        #expect(span("2014-05-02", nil, .event).overlap(span("2014-05-02", nil, .event)) == true)
        #expect(span("2014-05", nil, .event).overlap(span("2014-06", nil, .event)) == nil)
        #expect(span("2010", nil, .state).overlap(span("2030", nil, .event)) == false)  // the event's day is unknown
        // Still held in 2030 as the filters read it, but it may have ended long before: not ruled out.
        #expect(span("2010", nil, .state).overlap(span("2030-01-01", nil, .event)) == false)
        #expect(span("2010", "2031", .state).overlap(span("2030-01-01", nil, .event)) == true)
        #expect(span("2010", nil, .state).overlap(span("2012", nil, .state)) == false)
        // Hostile since June 2015 was so on some day of June 2015, which an alliance of 2014–2016 covers.
        #expect(span("2015-06", nil, .state).overlap(span("2014", "2016", .state)) == true)
        #expect(span("2014", "2016", .state).overlap(span("2015-06", nil, .state)) == true)
        #expect(span("2015-06", nil, .state).overlap(span("2015", "2016", .state)) == false)  // 2015 may have begun in July
        #expect(span("2015-03", nil, .event).overlap(span("2014", "2016", .state)) == true)
        // An attack dated by its end only (by 2015) was over before an alliance from 2016.
        #expect(span(nil, "2015", .event).overlap(span("2016", nil, .state)) == nil)
        #expect(span(nil, "2015", .event).overlap(span("2015-06", nil, .state)) == false)
        #expect(span(nil, "2017-07", .state).overlap(span("2017-08", nil, .state)) == nil)
        #expect(span(nil, nil, .state).overlap(span(nil, nil, .event)) == false)
    }
}

/// Pinned values on the seed dataset: the Hamas–ISIS web rests on one article.
@Suite("Weighing evidence on the seed dataset", .temporaryFolder)
struct SeedEvidenceTests {
    static let article = "hadera-2022-article"

    private static func store(in folder: TemporaryFolder) throws -> (GraphStore, TransmissionGraph) {
        let store = try GraphStore(path: folder.path("hadera.db"), access: .create)
        _ = try Importer(store: store).run([.file(HaderaDatasetTests.path)])
        return (store, try TransmissionGraph(store: store))
    }

    @Test("every supported claim has one channel, all through the article (E); none is stronger than E once capped")
    func oneChannel() throws {
        let folder = try TemporaryFolder.scoped
        let (store, graph) = try Self.store(in: folder)
        var supported = 0
        try store.forEachClaim { claim in
            let weight = graph.weigh(claim)
            guard weight.supportingChannels > 0 else {
                #expect(claim.claim.id == "wilayat-sinai-leader-hostile-to-qassam")  // only denied
                return
            }
            supported += 1
            #expect(weight.supportingChannels == 1, "\(claim.claim.id)")
            #expect(weight.commonLink == CommonLink(source: Self.article, reliability: .e, distance: 0), "\(claim.claim.id)")
            #expect(weight.strength.map { $0.evidence.bestReliability >= .e } == true, "\(claim.claim.id)")
            #expect(weight.strength?.evidence.status != .asserted, "\(claim.claim.id)")
        }
        #expect(supported == 91)
        #expect(try graph.unconfirmedGrades(in: store).isEmpty)
    }

    @Test(
        "Hamas → Wilayat Sinai: each claim one channel through the article; the grades alone would say otherwise",
        arguments: [
            (
                "hamas-supplied-weapons-to-wilayat-sinai", "ALLEGED F3",
                "ALLEGED F3 · 1 channel, all through hadera-2022-article (E)"
            ),
            (
                "hamas-smuggled-weapons-for-wilayat-sinai", "ALLEGED F3",
                "ALLEGED F3 · 1 channel, all through hadera-2022-article (E)"
            ),
            (
                "wilayat-sinai-communicated-with-hamas", "ALLEGED F3",
                "ALLEGED F3 · 1 channel, all through hadera-2022-article (E)"
            ),
            ("hamas-linked-to-wilayat-sinai", "ALLEGED E6", "ALLEGED E6 · 1 channel, all through hadera-2022-article (E)"),
            // Hamas's own statement is B2, asserted on its grades; it reaches us only in the E article.
            ("hamas-praised-hadera-attack", "ASSERTED B2", "ALLEGED E2 · 1 channel, all through hadera-2022-article (E)"),
            // SITE's B3 makes it asserted and is its grade; ISIS's own post (D2) is not "B2" beside it.
            ("isis-claimed-hadera-attack", "ASSERTED B3", "ALLEGED E2 · 1 channel, all through hadera-2022-article (E)"),
            ("shadi-al-menei-killed-2014", "ASSERTED C3", "ALLEGED E3 · 1 channel, all through hadera-2022-article (E)"),
            (
                "hamas-cooperated-with-isis", "DISPUTED E3",
                "DISPUTED by E3 · best E3 · 1 channel, all through hadera-2022-article (E) · denied by 1 source in 1 channel (a source that also supports it)"
            ),
        ])
    func pinned(claim id: String, grades: String, weighed: String) throws {
        let folder = try TemporaryFolder.scoped
        let (store, graph) = try Self.store(in: folder)
        let claim = try #require(try store.claim(id: id))
        #expect(claim.strength?.description == grades)
        #expect(graph.weigh(claim).strength?.description == weighed)
    }

    @Test("wilayat-sinai-communicated-with-hamas: four citations, two claimants, one channel")
    func fourCitations() throws {
        let folder = try TemporaryFolder.scoped
        let (store, graph) = try Self.store(in: folder)
        let weight = graph.weigh(try #require(try store.claim(id: "wilayat-sinai-communicated-with-hamas")))
        #expect(weight.supporting.map(\.citations) == [[0, 1, 2, 3]])
        // The chain holds all the article cites (distance 1), the letters Abu Maram's document cites at 2.
        #expect(weight.chains[0].depths.count == 12)
        #expect(weight.chains[0].depths[Self.article] == 0 && weight.chains[0].depths["abu-maram-document"] == 1)
        #expect(weight.chains[0].depths["sinai-hamas-correspondence"] == 2)
        #expect(weight.chains[3].depths[Self.article] == 0 && weight.chains[3].depths["second-isis-document"] == 1)
    }

    @Test("what falls with the article, and with Abu Maram's document")
    func impact() throws {
        let folder = try TemporaryFolder.scoped
        let (store, graph) = try Self.store(in: folder)
        let article = try graph.impact(of: Self.article, in: store)
        #expect(article.restingOnIt.count == 91 && article.losingSupport.isEmpty && article.relayingIt.isEmpty)
        #expect(article.isolatedPairs.count == 68)
        #expect(article.isolatedPairs.contains(SourceImpact.EntityPair("hamas", "wilayat-sinai")))
        #expect(article.isolatedPairs.contains(SourceImpact.EntityPair("hamas", "isis")))

        let document = try graph.impact(of: "abu-maram-document", in: store)
        #expect(document.restingOnIt.count == 20)
        #expect(document.restingOnIt.map(\.claimID).contains("hamas-supplied-weapons-to-wilayat-sinai"))
        // The second document remains.
        #expect(document.losingSupport.map(\.claimID) == ["wilayat-sinai-communicated-with-hamas"])
        #expect(document.isolatedPairs.count == 12)
        // Hamas–Wilayat Sinai keeps the article's own (E6) link and the second document's claim.
        #expect(!document.isolatedPairs.contains(SourceImpact.EntityPair("hamas", "wilayat-sinai")))
        #expect(document.isolatedPairs.contains(SourceImpact.EntityPair("qassam-brigades", "wilayat-sinai")))
    }

    @Test("contradictions: the article disputes itself; undated cooperation may overlap the dispute that ended in July 2017")
    func contradictions() throws {
        let folder = try TemporaryFolder.scoped
        let (store, _) = try Self.store(in: folder)
        let found = try Contradictions.find(in: store)
        // The leaked document's denial, which no source supports, is disputed too, as every table says.
        #expect(found.disputedClaims == ["hamas-cooperated-with-isis", "wilayat-sinai-leader-hostile-to-qassam"])
        #expect(found.onlyDeniedClaims == 1)
        #expect(
            try found.allIncompatibilities().map { "\($0.first) \($0.second) \($0.isCertain)" } == [
                "hamas-cooperated-with-isis hamas-hostile-to-isis-until-2017 false",
                "hamas-cooperated-with-isis isis-hostile-to-hamas-until-2017 false",
            ])
    }
}

extension Contradictions {
    /// Every pair, made and kept: the stores of these tests are small.
    func allIncompatibilities() throws -> [Incompatibility] {
        var all: [Incompatibility] = []
        try forEachIncompatibility { all.append($0) }
        return all
    }

    /// Every disputed claim, read whole.
    func allDisputes(in store: GraphStore) throws -> [Dispute] {
        var all: [Dispute] = []
        try forEachDispute(in: store) { all.append($0) }
        return all
    }
}
