import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// A small graph with known answers.
///
///     p ─member_of→ a ─allied_with─ b ─funded→ c ─supplied_weapons_to→ d ─communicated_with─ e
///                   a ─hostile_to→ d          a ─located_in→ x
enum SmallGraph {
    static let records = """
        {"record":"entity","id":"a","type":"organization","name":"Alpha Front","aliases":[{"name":"جبهة ألفا","lang":"ar"}]}
        {"record":"entity","id":"b","type":"organization","name":"Bravo Brigade"}
        {"record":"entity","id":"c","type":"organization","name":"Charlie Company"}
        {"record":"entity","id":"d","type":"organization","name":"Delta Group"}
        {"record":"entity","id":"e","type":"organization","name":"Echo Cell"}
        {"record":"entity","id":"p","type":"person","name":"Paul Person"}
        {"record":"entity","id":"x","type":"place","name":"Xville"}
        {"record":"source","id":"s-a","type":"official-statement","title":"A","published":"2010","reliability":"A"}
        {"record":"source","id":"s-b","type":"news-article","title":"B","published":"2015","reliability":"B"}
        {"record":"source","id":"s-d","type":"statement","title":"D","published":"2020","reliability":"D"}
        {"record":"source","id":"art","type":"opinion-article","title":"Art","published":"2022","reliability":"E","cites":["s-b"]}
        {"record":"claim","id":"a-b","subject":"a","predicate":"allied_with","object":"b","start":"2014","end":null,"citations":[{"source":"s-a","quote":"ab","stance":"asserts","credibility":1}]}
        {"record":"claim","id":"b-c","subject":"b","predicate":"funded","object":"c","start":"2014-05","end":"2016","citations":[{"source":"s-d","via":"art","quote":"bc","stance":"asserts","credibility":2}]}
        {"record":"claim","id":"c-d","subject":"c","predicate":"supplied_weapons_to","object":"d","start":"2014-05-12","end":null,"citations":[{"source":"s-b","quote":"cd","stance":"asserts","credibility":2}]}
        {"record":"claim","id":"a-d","subject":"a","predicate":"hostile_to","object":"d","start":null,"end":null,"citations":[{"source":"art","quote":"ad","stance":"asserts","credibility":5}]}
        {"record":"claim","id":"d-e","subject":"d","predicate":"communicated_with","object":"e","start":"2020","end":null,"citations":[{"source":"s-b","quote":"de","stance":"asserts","credibility":3},{"source":"s-d","quote":"not so","stance":"denies","credibility":4}]}
        {"record":"claim","id":"p-a","subject":"p","predicate":"member_of","object":"a","start":"2018","end":null,"citations":[{"source":"s-b","quote":"pa","stance":"reports","credibility":2}]}
        {"record":"claim","id":"a-x","subject":"a","predicate":"located_in","object":"x","start":null,"end":null,"citations":[{"source":"s-a","quote":"ax","stance":"asserts","credibility":2}]}

        """

    static func store(in folder: TemporaryFolder) throws -> GraphStore { try Fixtures.store(records, in: folder) }

    static func date(_ text: String) -> PartialDate? { try? PartialDate(parsing: text) }
}

@Suite("Paths", .temporaryFolder)
struct PathTests {
    @Test("search escapes its wildcards by scalar: one a combining mark follows, or that follows U+0600, is matched as itself")
    func wildcardsEscapedByScalar() {
        #expect(GraphStore.escapedForLike("%\u{301}_\u{301}") == "\\%\u{301}\\_\u{301}")
        #expect(GraphStore.escapedForLike("\u{600}\\") == "\u{600}\\\\")
        #expect(GraphStore.escapedForGlob("*\u{301}?\u{301}[") == "[*]\u{301}[?]\u{301}[[]")
        #expect(GraphStore.escapedForGlob("\u{600}*") == "\u{600}[*]")
    }

    @Test("the shortest chain, and every chain ranked by its weakest hop")
    func ranking() throws {
        let folder = try TemporaryFolder.scoped
        let store = try SmallGraph.store(in: folder)
        let finder = PathFinder(store: store)
        #expect(try finder.shortestPath(from: "a", to: "d", maxDepth: 4)?.entities == ["a", "d"])
        let all = try finder.allPaths(from: "a", to: "d", maxDepth: 3, limit: 10)
        #expect(all.isComplete)
        // a-b-c-d: weakest hop b-c, alleged D2 read in art (E), so E2; a-d: alleged E5. The
        // longer chain is stronger.
        #expect(all.paths.map(\.entities) == [["a", "b", "c", "d"], ["a", "d"]])
        #expect(all.paths.first?.weakest?.description == "ALLEGED E2 · 1 channel, all through art (E)")
        #expect(try finder.allPaths(from: "a", to: "d", maxDepth: 1, limit: 10).paths.map(\.entities) == [["a", "d"]])
    }

    @Test("under an evidence filter, two claims between one pair read whole in no order are one hop: each chain is listed once")
    func oneChainPerPairUnderAFilter() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(
            """
            {"record":"entity","id":"a","type":"person","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Beta"}
            {"record":"entity","id":"p","type":"place","name":"Place"}
            {"record":"source","id":"s1","type":"statement","title":"S1","reliability":"A"}
            {"record":"source","id":"s2","type":"statement","title":"S2","reliability":"C"}
            {"record":"claim","id":"c1","subject":"a","predicate":"funded","object":"b","start":"2017-03","end":null,"citations":[{"source":"s2","quote":"q","stance":"asserts","credibility":4}]}
            {"record":"claim","id":"c2","subject":"a","predicate":"smuggled_weapons_for","object":"b","start":null,"end":null,"citations":[{"source":"s1","quote":"q","stance":"asserts","credibility":4}]}
            {"record":"claim","id":"c3","subject":"a","predicate":"citizen_of","object":"p","start":null,"end":null,"citations":[{"source":"s2","quote":"q","stance":"reports","credibility":3}]}

            """, in: folder)
        var filter = GraphFilter()
        filter.minimumReliability = .f
        let all = try PathFinder(store: store, filter: filter).allPaths(from: "a", to: "b", maxDepth: 3, limit: 10)
        #expect(all.paths.map(\.entities) == [["a", "b"]])
        #expect(all.found == 1)
    }

    @Test(
        "a directed chain follows claims from subject to object, and its hop still shows the claims back as evidence about the pair"
    )
    func directedHopKeepsClaimsBack() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(
            """
            {"record":"entity","id":"a","type":"organization","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Beta"}
            {"record":"source","id":"s1","type":"statement","title":"S1","reliability":"B"}
            {"record":"claim","id":"c1","subject":"a","predicate":"funded","object":"b","start":null,"end":null,"citations":[{"source":"s1","quote":"q1","stance":"asserts","credibility":3}]}
            {"record":"claim","id":"c2","subject":"b","predicate":"hostile_to","object":"a","start":null,"end":null,"citations":[{"source":"s1","quote":"q2","stance":"asserts","credibility":2}]}

            """, in: folder)
        let directed = PathFinder(store: store, directed: true)
        let path = try #require(try directed.shortestPath(from: "a", to: "b", maxDepth: 2))
        // c2 is the stronger claim, but the chain cannot follow it from a: c1 leads, c2 after it.
        #expect(path.hops.map { $0.claims.map(\.claim.id) } == [["c1", "c2"]])
        #expect(path.hops[0].best.claim.id == "c1")
        #expect(
            try directed.shortestPath(from: "b", to: "a", maxDepth: 2)?.hops.map { $0.claims.map(\.claim.id) } == [["c2", "c1"]])
    }

    @Test("a claim that only a denial stands behind is no link: no chain, nor centrality, passes through it")
    func deniedOnlyIsNoLink() throws {
        let folder = try TemporaryFolder.scoped
        // b-e and p-e are denied, and nothing else.
        let records =
            SmallGraph.records + """
                {"record":"claim","id":"b-e","subject":"b","predicate":"hostile_to","object":"e","citations":[{"source":"s-b","quote":"no","stance":"denies","credibility":2}]}
                {"record":"claim","id":"p-e","subject":"p","predicate":"hostile_to","object":"e","citations":[{"source":"s-b","quote":"no","stance":"denies","credibility":2}]}

                """
        let store = try Fixtures.store(records, in: folder)
        let finder = PathFinder(store: store)
        // p-e would be one hop, and p-a-b-e is met before p-a-d-e: the supported chain is the latter.
        let shortest = try #require(try finder.shortestPath(from: "p", to: "e", maxDepth: 4))
        #expect(shortest.entities == ["p", "a", "d", "e"])
        #expect(shortest.hops.allSatisfy { $0.isLink })
        let all = try finder.allPaths(from: "p", to: "e", maxDepth: 3, limit: 10)
        #expect(all.paths.map(\.entities) == [["p", "a", "d", "e"]])
        #expect(all.found == 1)
        #expect(try finder.shortestPath(from: "b", to: "e", maxDepth: 1) == nil)
        let degree = Dictionary(uniqueKeysWithValues: try Centrality(store: store).scores.map { ($0.id, $0.degree) })
        #expect(degree["e"] == 1)
        #expect(degree["b"] == 2)
        #expect(degree["p"] == 1)
        // An actor denied a link to many, each of them linked to the goal: one search more, not one each.
        var many = SmallGraph.records
        for index in 0..<60 {
            many += #"{"record":"entity","id":"m\#(index)","type":"organization","name":"M\#(index)"}"# + "\n"
            many +=
                #"{"record":"claim","id":"p-m\#(index)","subject":"p","predicate":"hostile_to","object":"m\#(index)","citations":[{"source":"s-b","quote":"no","stance":"denies","credibility":2}]}"#
                + "\n"
            many +=
                #"{"record":"claim","id":"m\#(index)-e","subject":"m\#(index)","predicate":"hostile_to","object":"e","citations":[{"source":"s-b","quote":"yes","stance":"asserts","credibility":2}]}"#
                + "\n"
        }
        // (The same folder, so a store of its own is made last.)
        let denied = PathFinder(store: try Fixtures.store(many, in: folder))
        #expect(try denied.shortestPath(from: "p", to: "e", maxDepth: 4)?.entities == ["p", "a", "d", "e"])
    }

    @Test("directed chains follow claims from subject to object, symmetric ones both ways")
    func directed() throws {
        let folder = try TemporaryFolder.scoped
        let store = try SmallGraph.store(in: folder)
        let finder = PathFinder(store: store, directed: true)
        #expect(try finder.shortestPath(from: "a", to: "e", maxDepth: 4)?.entities == ["a", "d", "e"])
        #expect(try finder.shortestPath(from: "e", to: "a", maxDepth: 4) == nil)
        #expect(try finder.shortestPath(from: "p", to: "x", maxDepth: 4)?.entities == ["p", "a", "x"])
    }

    @Test("known-by cuts chains at what was not yet public: the earlier date of source and via counts")
    func knownBy() throws {
        let folder = try TemporaryFolder.scoped
        let store = try SmallGraph.store(in: folder)
        var filter = GraphFilter()
        filter.knownBy = SmallGraph.date("2016")
        #expect(try PathFinder(store: store, filter: filter).shortestPath(from: "a", to: "d", maxDepth: 4) == nil)
        // b-c is quoted in a 2022 article from a 2020 statement: public from 2020.
        filter.knownBy = SmallGraph.date("2020")
        #expect(
            try PathFinder(store: store, filter: filter).shortestPath(from: "a", to: "d", maxDepth: 4)?.entities == [
                "a", "b", "c", "d",
            ])
        filter.knownBy = SmallGraph.date("2022")
        #expect(
            try PathFinder(store: store, filter: filter).shortestPath(from: "a", to: "d", maxDepth: 4)?.entities == ["a", "d"])
    }

    @Test("as-of keeps the claims that held then: partial dates cover their period, undated claims are timeless")
    func asOf() throws {
        let folder = try TemporaryFolder.scoped
        let store = try SmallGraph.store(in: folder)
        var filter = GraphFilter()
        filter.asOf = SmallGraph.date("2017")
        let neighborhood = try Neighborhood(store: store, center: "b", depth: 1, filter: filter)
        #expect(neighborhood.claims.map(\.claim.id) == ["a-b"])  // b-c ended in 2016
        filter.asOf = SmallGraph.date("2016-12")
        #expect(
            Set(try Neighborhood(store: store, center: "b", depth: 1, filter: filter).claims.map(\.claim.id)) == ["a-b", "b-c"])
        filter.asOf = SmallGraph.date("2014-03")
        #expect(try Neighborhood(store: store, center: "b", depth: 1, filter: filter).claims.map(\.claim.id) == ["a-b"])
    }
}

@Suite("Neighbourhoods, timelines and centrality", .temporaryFolder)
struct NeighborhoodTests {
    @Test("neighbours by depth and direction")
    func depthAndDirection() throws {
        let folder = try TemporaryFolder.scoped
        let store = try SmallGraph.store(in: folder)
        let one = try Neighborhood(store: store, center: "a", depth: 1)
        #expect(Set(one.depths.keys) == ["a", "b", "d", "p", "x"])
        let two = try Neighborhood(store: store, center: "a", depth: 2)
        #expect(two.depths["c"] == 2 && two.depths["e"] == 2)
        let outward = try Neighborhood(store: store, center: "a", depth: 1, direction: .out)
        #expect(Set(outward.depths.keys) == ["a", "b", "d", "x"])  // allied_with is symmetric; p → a is inward
        let inward = try Neighborhood(store: store, center: "a", depth: 1, direction: .in)
        #expect(Set(inward.depths.keys) == ["a", "b", "p"])
    }

    @Test("timeline: 2014 before 2014-05 before 2014-05-12, undated last")
    func timeline() throws {
        let folder = try TemporaryFolder.scoped
        let store = try SmallGraph.store(in: folder)
        var order: [String] = []
        try store.forEachClaimInTimeOrder { order.append($0.claim.id) }
        #expect(order == ["a-b", "b-c", "c-d", "p-a", "d-e", "a-d", "a-x"])
        var entityOrder: [String] = []
        try store.forEachClaimInTimeOrder(of: "a") { entityOrder.append($0.claim.id) }
        #expect(entityOrder == ["a-b", "p-a", "a-d", "a-x"])
        // The first rows of the order, whatever the limit: dated ones first, then undated.
        let allRows = try store.claimRowsInTimeOrder(of: "a")
        let count = try store.claimCount(of: "a")
        #expect(allRows.count == 4 && count == 4)
        for limit in 0...5 {
            let rows = try store.claimRowsInTimeOrder(of: "a", limit: limit)
            #expect(rows == Array(allRows.prefix(limit)))
        }
    }

    @Test("degree, betweenness and PageRank")
    func centrality() throws {
        let folder = try TemporaryFolder.scoped
        let store = try SmallGraph.store(in: folder)
        let centrality = try Centrality(store: store)
        let degree = Dictionary(uniqueKeysWithValues: centrality.scores.map { ($0.id, $0.degree) })
        #expect(degree == ["a": 4, "b": 2, "c": 2, "d": 3, "e": 1, "p": 1, "x": 1])
        #expect(centrality.top(1, by: { Double($0.degree) }).first?.id == "a")
        #expect(abs(centrality.scores.map(\.pageRank).reduce(0, +) - 1) < 1e-9)
        // a and d carry every chain between the leaves: a is the most between.
        #expect(centrality.top(2, by: \.betweenness).map(\.id) == ["a", "d"])
        var filter = GraphFilter()
        filter.excludesDisputed = true
        #expect(try Centrality(store: store, filter: filter).scores.first { $0.id == "e" } == nil)
    }

    @Test("betweenness summed in two halves, on two threads, agrees with one sum")
    func betweennessInTwoHalves() {
        // A random graph, the same every run: 400 entities, 2,000 links, some repeated.
        var generator = SplitMix64(state: 17)
        let subjects = (0..<2_000).map { _ in Int32.random(in: 0..<400, using: &generator) }
        let objects = (0..<2_000).map { _ in Int32.random(in: 0..<400, using: &generator) }
        for samples in [nil, 37] as [Int?] {
            let whole = Centrality.betweenness(
                count: 400, subjects: subjects, objects: objects, samples: samples, splitWork: .max)
            let halves = Centrality.betweenness(count: 400, subjects: subjects, objects: objects, samples: samples, splitWork: 0)
            #expect(whole.count == 400)
            #expect(whole.contains { $0 > 0 })
            for (one, other) in zip(whole, halves) { #expect(abs(one - other) <= 1e-12 * max(1, abs(one))) }
        }
    }

    @Test("the statistics' pass gathers the links centrality reads from the store, filtered alike")
    func statisticsGatherCentralityLinks() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(try String(contentsOfFile: HaderaDatasetTests.path, encoding: .utf8), in: folder)
        var filters = [GraphFilter()]
        var filter = GraphFilter()
        filter.excludesDisputed = true
        filters.append(filter)
        for filter in filters {
            var links = Centrality.Links(vocabulary: store.vocabulary)
            let statistics = try Statistics(store: store, filter: filter) { links.add(subject: $0, predicate: $1, object: $2) }
            #expect(statistics.claims > 0)
            #expect(Centrality(links: links).scores == (try Centrality(store: store, filter: filter).scores))
        }
    }

    @Test("a pass over the weighed claims gives the same on one thread (a graph reading on demand) as on two")
    func weighedClaimsOnOneOrTwoThreads() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(try String(contentsOfFile: HaderaDatasetTests.path, encoding: .utf8), in: folder)
        func pass(_ graph: TransmissionGraph) throws -> [String] {
            var seen: [String] = []
            try store.forEachWeighedClaim(filter: GraphFilter(), graph: graph) { claim, weight in
                seen.append("\(claim.claim.id) \(weight.supportingChannels) \(weight.strength?.evidence.status.rawValue ?? "-")")
            }
            return seen
        }
        let onTwo = try pass(try TransmissionGraph(store: store))
        #expect(onTwo.count > 50)
        #expect(try pass(TransmissionGraph(readingOnDemandFrom: store)) == onTwo)
        var ids: [String] = []
        try store.forEachClaim { ids.append($0.claim.id) }
        #expect(onTwo.map { String($0.split(separator: " ")[0]) } == ids)
    }

    @Test(
        "betweenness and PageRank agree with networkx",
        .enabled(if: ExternalTool.python(with: ["networkx"]) != nil, "needs python3 with networkx (apt: python3-networkx)"))
    func agreesWithNetworkx() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(try String(contentsOfFile: HaderaDatasetTests.path, encoding: .utf8), in: folder)
        let centrality = try Centrality(store: store)
        var edges: [String] = []
        try store.forEachClaim { claim in
            // A claim only denied is no link.
            guard claim.citations.contains(where: { $0.citation.stance != .denies }) else { return }
            let symmetric = store.vocabulary[claim.claim.predicate]?.isSymmetric ?? false
            edges.append("[\"\(claim.claim.subject)\",\"\(claim.claim.object)\",\(symmetric ? "true" : "false")]")
        }
        let script = """
            import json, sys, networkx as nx
            edges = json.loads(sys.argv[1])
            undirected = nx.Graph(); directed = nx.MultiDiGraph()
            for a, b, symmetric in edges:
                undirected.add_edge(a, b); directed.add_edge(a, b)
                if symmetric: directed.add_edge(b, a)
            print(json.dumps({"betweenness": nx.betweenness_centrality(undirected), "pagerank": nx.pagerank(directed, tol=1e-12)}))
            """
        let python = try #require(ExternalTool.python(with: ["networkx"]))
        let result = try ExternalTool.run(python, ["-c", script, "[" + edges.joined(separator: ",") + "]"])
        try #require(result.status == 0, "\(result.standardError)")
        let expected = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: [String: Double]])
        for score in centrality.scores {
            #expect(abs(score.betweenness - (expected["betweenness"]?[score.id] ?? -1)) < 1e-9, "\(score.id) betweenness")
            #expect(abs(score.pageRank - (expected["pagerank"]?[score.id] ?? -1)) < 1e-6, "\(score.id) pagerank")
        }
    }
}

@Suite("Search", .temporaryFolder)
struct SearchTests {
    private func top(_ text: String, in store: GraphStore) throws -> (String?, NameSearch.Tier?) {
        let match = try NameSearch(store: store).search(text, limit: 3).first
        return (match?.id, match?.tier)
    }

    @Test(
        "misspelt and differently normalised names find their entity",
        arguments: [
            ("abu-bakr-al-baghdadi", "abu-bakr-al-baghdadi", NameSearch.Tier.id),
            ("ابو بكر البغدادى", "abu-bakr-al-baghdadi", .exact),
            ("أبو بَكْر البغدادي", "abu-bakr-al-baghdadi", .exact),
            ("Abou Bakr el-Baghdaddi", "abu-bakr-al-baghdadi", .variant),
            ("baghdadi", "abu-bakr-al-baghdadi", .variant),
            ("bakr baghdadi", "abu-bakr-al-baghdadi", .words),
            ("Bagdadi", "abu-bakr-al-baghdadi", .typo),
            ("حركه حماس", "hamas", .exact),
            ("HAMAS", "hamas", .exact),
            ("Hammas", "hamas", .variant),
            ("Ḥamās", "hamas", .exact),
            ("داعـــش", "isis", .exact),
            ("تنظيم الدوله", "isis", .exact),
            ("wilayat sinai", "wilayat-sinai", .exact),
            ("ولايه سيناء", "wilayat-sinai", .exact),
            // Its consonants are those of ولاية سيناء, the construct state read as Arabic writes it.
            ("Wilayet Sinia", "wilayat-sinai", .otherScript),
            ("Wilayat Sinab", "wilayat-sinai", .typo),
            ("الحضيرة", "hadera", .exact),
            ("Essam Saleh", "essam-salih", .exact),
            ("Isam Salih", "essam-salih", .variant),
            // Misspelt in Latin letters, it still has the consonants of its Arabic alias عصام صالح.
            ("Esam Salh", "essam-salih", .otherScript),
            ("Esam Saleb", "essam-salih", .typo),
            // A typo in one word of a longer name: that word, not the whole name, is a few edits away.
            ("Muqawma", "hamas", .typo),
            ("Harakat Muqawma", "hamas", .typo),
            // The words of a name in another order: that name before a longer one holding them.
            ("Salah Raed", "raed-salah", .words),
            ("Sinai Wilayat", "wilayat-sinai", .words),
            ("the Islamic State", "isis", .variant),
            // A word more than a name: offered, never taken.
            ("Hamas movement", "hamas", .typo),
            ("Sheikh Raed Salah", "raed-salah", .typo),
        ])
    func finds(_ text: String, _ id: String, _ tier: NameSearch.Tier) throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(try String(contentsOfFile: HaderaDatasetTests.path, encoding: .utf8), in: folder)
        let (found, foundTier) = try top(text, in: store)
        #expect(found == id, "\(text)")
        #expect(foundTier == tier, "\(text)")
    }

    @Test(
        "a close spelling is a few edits from the whole name, its start, or as many of its words as were typed",
        arguments: [
            ("hsur", "husur farfar cakacan", true), ("farfr", "husur farfar cakacan", true),
            ("farfar cakacn", "husur farfar cakacan", true), ("husur farfar cakacam", "husur farfar cakacan", true),
            ("hamaz", "hamas", true), ("qsakaqas", "qaskaqas nitasam", true), ("zzzz", "husur farfar cakacan", false),
            ("cakacan husur", "husur farfar cakacan", false),
        ])
    func closeSpelling(typed: String, key: String, isClose: Bool) {
        let words = typed.split(separator: " ").count
        let range = max(1, typed.count / 3)
        #expect(NameSearch.isCloseSpelling(Array(typed.unicodeScalars), wordCount: words, of: key, within: range) == isClose)
    }

    /// Entities named in one script only: an analyst's own, added by name.
    static let oneScriptRecords = """
        {"record":"entity","id":"saraya","type":"organization","name":"سرايا القدس"}
        {"record":"entity","id":"hezbollah","type":"organization","name":"Hezbollah"}
        {"record":"entity","id":"musa","type":"person","name":"موسى"}
        {"record":"entity","id":"hamas","type":"organization","name":"Hamas"}
        {"record":"entity","id":"nusra","type":"organization","name":"جبهة النصرة"}
        {"record":"entity","id":"beirut","type":"place","name":"بيروت"}

        """

    @Test(
        "a name typed in one script finds an entity named only in the other by its consonants",
        arguments: [
            ("Saraya al-Quds", "saraya"), ("saraya quds", "saraya"), ("حزب الله", "hezbollah"), ("Hizbullah", nil),
            ("Musa", "musa"), ("hamas", "hamas"), ("حماس", "hamas"), ("Jabhat al-Nusra", "nusra"), ("Beirut", "beirut"),
        ])
    func otherScript(_ text: String, _ id: String?) throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(SearchTests.oneScriptRecords, in: folder)
        let matches = try NameSearch(store: store).search(text, limit: 5)
        // Hizbullah is a spelling variant of Hezbollah, in its own script: no other-script tier.
        if text == "Hizbullah" {
            #expect(matches.map(\.tier) == [.variant])
            return
        }
        if text == "hamas" {
            // A name found as typed is the one meant: موسى (m-s too) is not offered beside it.
            #expect(matches.map(\.id) == ["hamas"])
            return
        }
        #expect(matches.first?.id == id, "\(text)")
        #expect(matches.first?.tier == .otherScript, "\(text)")
        // The resolver every command uses offers it, never takes it: Homs has the consonants of حماس.
        #expect(try NameSearch(store: store).search(text, limit: 5, fuzzy: false).isEmpty)
        do {
            _ = try EntityResolver(store: store).resolution(text)
            Issue.record("\(text) was taken for a name")
        } catch let error as EntityResolver.ResolutionError {
            #expect(error.suggestions.first?.id == id)
        }
    }

    /// Namesakes and partial names, as analysts meet them: kunyas many men share, names that
    /// begin alike, and names glued to الله or written with Urdu letters.
    static let namesakeRecords = """
        {"record":"entity","id":"abu-obeida-qassam","type":"person","name":"Abu Obeida"}
        {"record":"entity","id":"abu-obeida-aqim","type":"person","name":"Abou Obeida"}
        {"record":"entity","id":"amos-yadlin","type":"person","name":"Amos Yadlin"}
        {"record":"entity","id":"nasrallah","type":"person","name":"Hassan Nasrallah","aliases":[{"name":"حسن نصر الله","lang":"ar"}]}
        {"record":"entity","id":"houthis","type":"organization","name":"Ansar Allah","aliases":[{"name":"أنصار الله","lang":"ar"}]}
        {"record":"entity","id":"hezbollah","type":"organization","name":"Hezbollah","aliases":[{"name":"حزب الله","lang":"ar"}]}
        {"record":"entity","id":"gaza","type":"place","name":"Gaza","aliases":[{"name":"غزة","lang":"ar"}]}
        {"record":"entity","id":"mahmoud-abbas","type":"person","name":"Mahmoud Abbas","aliases":[{"name":"محمود عباس","lang":"ar"}]}
        {"record":"entity","id":"mohammed-abbas","type":"person","name":"Mohammed Abbas","aliases":[{"name":"محمد عباس","lang":"ar"}]}

        """

    @Test("two entities whose names fold alike are a tie, however each is spelt: neither is taken for the other")
    func namesakesAreATie() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(SearchTests.namesakeRecords, in: folder)
        for text in ["Abu Obeida", "Abou Obeida", "abou obeidda"] {
            do {
                let taken = try EntityResolver(store: store).resolution(text)
                Issue.record("\(text) was taken as \(taken.entity.id)")
            } catch let error as EntityResolver.ResolutionError {
                #expect(Set(error.candidates.map(\.id)) == ["abu-obeida-qassam", "abu-obeida-aqim"], "\(text)")
            }
        }
        // An id still names its entity.
        #expect(try EntityResolver(store: store).resolve("abu-obeida-aqim").id == "abu-obeida-aqim")
    }

    @Test("the words of one name in another order are taken for it, not for a longer name that holds them too")
    func wordsInAnotherOrder() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(try String(contentsOfFile: HaderaDatasetTests.path, encoding: .utf8), in: folder)
        let resolver = EntityResolver(store: store)
        #expect(try resolver.resolve("Salah Raed").id == "raed-salah")
        #expect(try resolver.resolve("Sinai Wilayat").id == "wilayat-sinai")
        // Part of two names, the whole of neither: both listed.
        #expect(throws: EntityResolver.ResolutionError.self) { try resolver.resolve("Qassam") }
        // A command that writes takes the name as written: Salah Raed may be another man.
        do {
            _ = try resolver.resolution("Salah Raed", forWriting: true)
            Issue.record("\"Salah Raed\" was taken for writing")
        } catch let error as EntityResolver.ResolutionError {
            #expect(
                error.description.hasPrefix(
                    "\"Salah Raed\" is the words of the name of an entity in another order: a command that writes takes an entity by its id or its name as written:\n  raed-salah"
                ), "\(error)")
        }
        // Words too short for the trigram index, in either order.
        let search = NameSearch(store: store)
        #expect(try search.search("Ab Ma", limit: 5).map(\.id).contains("abu-maram-al-jazairi"))
        #expect(try search.search("Ma Ab", limit: 5).map(\.id).contains("abu-maram-al-jazairi"))
        // A name of no letter is found by what it is written with.
        _ = try store.changing(ChangeDescription(author: "test", command: "test")) { session in
            try session.put(.entity(Entity(id: "rocket", type: .organization, name: String(repeating: "🚀", count: 40))))
        }
        #expect(try search.search("🚀🚀🚀", limit: 5).map(\.id) == ["rocket"])
        // Initials typed apart are the starts of a name's words too, though the key joins them.
        #expect(try search.search("R S", limit: 5).map(\.id).contains("raed-salah"))
        #expect(try search.search("A M", limit: 5).map(\.id).contains("abu-maram-al-jazairi"))
    }

    @Test(
        "a misspelling that shares its consonants with a name in the other script keeps the entity meant first: Hams is Hamas, not Homs"
    )
    func consonantCollisionKeepsTheCloserName() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(
            """
            {"record":"entity","id":"hamas","type":"organization","name":"Hamas","aliases":[{"name":"حماس","lang":"ar"}]}
            {"record":"entity","id":"homs","type":"place","name":"Homs","aliases":[{"name":"حمص","lang":"ar"}]}

            """, in: folder)
        #expect(try NameSearch(store: store).search("Hams", limit: 5).map(\.id) == ["hamas", "homs"])
    }

    @Test(
        "entities found by consonants in the other script are ranked by the closest of their own names: Muhammad Abbas is not Mahmoud"
    )
    func otherScriptRankedByOwnNames() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(SearchTests.namesakeRecords, in: folder)
        let matches = try NameSearch(store: store).search("Muhammad Abbas", limit: 3)
        #expect(matches.prefix(2).map(\.id) == ["mohammed-abbas", "mahmoud-abbas"], "\(matches)")
        #expect(matches.first?.tier == .otherScript)
    }

    @Test("a command that writes takes no part of a name for the whole: the names it is part of are listed")
    func partOfANameIsNotTakenForWriting() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(SearchTests.namesakeRecords, in: folder)
        let resolver = EntityResolver(store: store)
        // A query takes it, and says so (the tier); a change does not.
        #expect(try resolver.resolution("Am").entity.id == "amos-yadlin")
        #expect(try resolver.resolution("Am").tier == .words)
        do {
            _ = try resolver.resolution("Am", forWriting: true)
            Issue.record("\"Am\" was taken for writing")
        } catch let error as EntityResolver.ResolutionError {
            #expect(error.isPartOfName)
            #expect(error.candidates.map(\.id) == ["amos-yadlin"])
            #expect(
                error.description.hasPrefix(
                    "\"Am\" is only part of the name of an entity: a command that writes takes an entity by its id or its whole name:\n  amos-yadlin"
                ), "\(error)")
        }
        // A whole name in another spelling is taken.
        #expect(try resolver.resolution("Amos Yaddlin", forWriting: true).entity.id == "amos-yadlin")
    }

    @Test(
        "names glued to الله are two words, and Urdu letters are the Arabic ones",
        arguments: [
            ("نصرالله", "nasrallah"), ("حزبالله", "hezbollah"), ("حزب\u{200C}الله", "hezbollah"), ("غزۃ", "gaza"),
            ("غزہ", "gaza"),
            ("انصار الله", "houthis"),
        ])
    func gluedAllahAndUrduLetters(_ text: String, _ id: String) throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(SearchTests.namesakeRecords, in: folder)
        #expect(try NameSearch(store: store).search(text, limit: 3).first?.id == id, "\(text)")
        #expect(try EntityResolver(store: store).resolve(text).id == id, "\(text)")
    }

    @Test("a word that starts thousands of names: every entity it starts a word of is found, those added last too")
    func commonWordFindsEveryName() throws {
        let folder = try TemporaryFolder.scoped
        // 700 names hold "sam" inside a word, ahead of the 3 whose word starts with it.
        var records = (0..<700).map { number in
            #"{"record":"entity","id":"org-\#(number)","type":"organization","name":"Husam Front \#(number)"}"#
        }
        records += ["Sami Abu Zuhri", "Samir Kuntar", "Mahmoud Samara"].enumerated().map { number, name in
            #"{"record":"entity","id":"late-\#(number)","type":"person","name":"\#(name)"}"#
        }
        let store = try Fixtures.store(records.joined(separator: "\n") + "\n", in: folder)
        let found = try NameSearch(store: store).search("Sam", limit: Int.max, fuzzy: false)
        #expect(Set(found.map(\.id)) == ["late-0", "late-1", "late-2"])
    }

    /// 250 people named Mohammed and 30 named Mona N, in id order or the other way round.
    static func namesakesBeginningWithMo(reversed: Bool) -> String {
        var records = (0..<250).map { #"{"record":"entity","id":"mohammed-\#($0)","type":"person","name":"Mohammed"}"# }
        records += (0..<30).map { #"{"record":"entity","id":"mona-\#($0)","type":"person","name":"Mona \#($0)"}"# }
        return (reversed ? records.reversed() : records).joined(separator: "\n") + "\n"
    }

    @Test(
        "a word of two letters reads the first 200 names by key, then by entity id and position, whatever order the store wrote them in, and says it cut them"
    )
    func shortWordCutIsByKeyAndId() throws {
        var found: [[String]] = []
        for reversed in [false, true] {
            let folder = try TemporaryFolder.scoped
            let store = try Fixtures.store(SearchTests.namesakesBeginningWithMo(reversed: reversed), in: folder)
            let result = try NameSearch(store: store).find("Mo", limit: Int.max, fuzzy: false)
            #expect(result.wordsCut == [NameKey.fold("Mo")])
            found.append(result.matches.map(\.id).sorted())
            // Below the cut, nothing is said.
            #expect(try NameSearch(store: store).find("mon", limit: Int.max, fuzzy: false).wordsCut.isEmpty)
        }
        #expect(found[0] == found[1])
        #expect(found[0].count == GraphStore.shortWordCandidateLimit)
        // Numbers of ids sorted as text: mohammed-0, mohammed-1, mohammed-10, mohammed-100 …
        #expect(found[0].first == "mohammed-0" && !found[0].contains("mohammed-99"))
    }

    @Test("a store made before consonant keys gets them when it is upgraded")
    func consonantKeysOnUpgrade() throws {
        let folder = try TemporaryFolder.scoped
        let path = folder.path("isnad.db")
        do { _ = try Fixtures.store(SearchTests.oneScriptRecords, in: folder) }
        // What a store of schema version 10 held: no column, and names folded by version 2.
        let database = try Database(path: path, access: .readWrite)
        try database.execute(
            """
            DROP INDEX entity_name_by_consonant_key; ALTER TABLE entity_name DROP COLUMN consonant_key; DROP INDEX change_renames;
            UPDATE meta SET value = '2' WHERE key = 'name_key_version'; PRAGMA user_version = 10;
            \(try Fixtures.historyTableBeforeVersion12())
            \(try #require(Migrations.all.first { $0.version == 10 }).sql)
            \(try Fixtures.view("claim_summary", asMadeBy: 3))
            """)
        let store = try GraphStore(path: path, access: .write)
        #expect(store.upgradedFrom == 10)
        #expect(try NameSearch(store: store).search("Saraya al-Quds", limit: 1).first?.id == "saraya")
        // The trigram index agrees with the keys.
        try store.database.execute(
            "INSERT INTO entity_name_search (entity_name_search, rank) VALUES ('integrity-check', 1)")
        #expect(try NameSearch(store: store).search("Hezbolah", limit: 1).first?.id == "hezbollah")
    }

    @Test(
        "an upgrade of the name keys writes the keys that change, a few (row by row) or thousands (in one statement), the trigram index in step either way"
    )
    func keysRewrittenWhereTheyChange() throws {
        for count in [3, 6_000] {
            let folder = try TemporaryFolder.scoped
            let path = folder.path("isnad.db")
            let records = (0..<6_000).map { number in
                #"{"record":"entity","id":"org-\#(number)","type":"organization","name":"Kataib Front \#(number)"}"#
            }
            do { _ = try Fixtures.store(records.joined(separator: "\n") + "\n", in: folder) }
            // Keys an older folding made: wrong for `count` names.
            let database = try Database(path: path, access: .readWrite)
            try database.execute(
                """
                PRAGMA trusted_schema = ON;
                UPDATE entity_name SET search_key = 'old key', consonant_key = NULL WHERE rowid <= \(count);
                UPDATE meta SET value = '5' WHERE key = 'name_key_version';
                """)
            let store = try GraphStore(path: path, access: .write)
            #expect(
                try store.database.prepare("SELECT count(*) FROM entity_name WHERE search_key = 'old key'").scalarInteger() == 0)
            #expect(
                try store.database.prepare("SELECT value FROM meta WHERE key = 'name_key_version'").scalarText()
                    == String(NameKey.version))
            try store.database.execute(
                "INSERT INTO entity_name_search (entity_name_search, rank) VALUES ('integrity-check', 1)")
            #expect(try NameSearch(store: store).search("Kataib Front 1", limit: 1).first?.id == "org-1", "\(count)")
            #expect(try IntegrityCheck(store: store).isClean, "\(count)")
        }
    }

    /// The typo tier reads at most ``GraphStore/trigramCandidateLimit`` names from the trigram
    /// index: those holding the most of the text's trigrams, then by entity id (not the order the
    /// store wrote them in, which differs between engines). Here 400 names share two of them with
    /// the text and come first in rowid order; the name a letter away holds four and must still be
    /// read, and rank first.
    @Test("a close spelling is found among hundreds of names sharing a syllable with the text")
    func typoAmongManySharingTrigrams() throws {
        let folder = try TemporaryFolder.scoped
        var records = (0..<400).map { number in
            #"{"record":"entity","id":"org-\#(number)","type":"organization","name":"Dadi Front \#(number)"}"#
        }
        records.append(#"{"record":"entity","id":"target","type":"person","name":"Bagdadu Hamid"}"#)
        let store = try Fixtures.store(records.joined(separator: "\n") + "\n", in: folder)
        let candidates = try store.names(sharingTrigramsWith: NameKey.fold("Bagdadi"))
        #expect(candidates.count == GraphStore.trigramCandidateLimit)
        #expect(candidates.first?.entity == "target")
        #expect(candidates.dropFirst().prefix(3).map(\.entity) == ["org-0", "org-1", "org-10"])
        let (found, tier) = try top("Bagdadi", in: store)
        #expect(found == "target")
        #expect(tier == .typo)
    }

    @Test("commands take unambiguous names, refuse typos with suggestions, and list ambiguous ones")
    func resolution() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(try String(contentsOfFile: HaderaDatasetTests.path, encoding: .utf8), in: folder)
        let resolver = EntityResolver(store: store)
        #expect(try resolver.resolve("Baghdadi").id == "abu-bakr-al-baghdadi")
        #expect(try resolver.resolve("عصام صالح").id == "essam-salih")
        do {
            _ = try resolver.resolve("Bagdadi")
            Issue.record("a typo was taken for a name")
        } catch let error as EntityResolver.ResolutionError {
            #expect(error.suggestions.first?.id == "abu-bakr-al-baghdadi")
        }
        do {
            _ = try resolver.resolve("abu")
            Issue.record("an ambiguous name was taken")
        } catch let error as EntityResolver.ResolutionError {
            #expect(Set(error.candidates.map(\.id)) == ["abu-bakr-al-baghdadi", "abu-maram-al-jazairi"])
        }
    }
}

@Suite("Store check", .temporaryFolder)
struct CheckTests {
    @Test("a clean store passes every check")
    func clean() throws {
        let folder = try TemporaryFolder.scoped
        let check = try IntegrityCheck(
            store: try Fixtures.store(try String(contentsOfFile: HaderaDatasetTests.path, encoding: .utf8), in: folder))
        #expect(check.isClean, "\(check.findings)")
    }

    @Test(
        "dates that cannot all be right are found: a relay published before what it relays, a claim after every source that speaks of it, a date to come"
    )
    func datesInConflict() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        let claim = { (id: String, start: String, source: String) in
            #"{"record":"claim","id":"\#(id)","subject":"hamas","predicate":"praised","object":"isis","start":"\#(start)","citations":[{"source":"\#(source)","quote":"q","stance":"asserts","credibility":3}]}"#
        }
        try Fixtures.importText(
            [
                #"{"record":"source","id":"old-relay","type":"other","title":"Old","published":"2019","reliability":"C","cites":["police"]}"#,
                #"{"record":"source","id":"to-come","type":"other","title":"Soon","published":"2031-02-01","reliability":"C"}"#,
                claim("after-its-source", "2023", "police"), claim("same-day", "2022-03-27", "police"),
                claim("undated-source", "2024", "leak"), claim("to-come-claim", "2030", "police"),
                // Two dates that end on one day: the narrower is named, whatever the citations' order.
                #"{"record":"source","id":"year-2000","type":"other","title":"Year","published":"2000","reliability":"C"}"#,
                #"{"record":"source","id":"december-2000","type":"other","title":"December","published":"2000-12","reliability":"C"}"#,
                #"{"record":"claim","id":"tie-a","subject":"hamas","predicate":"praised","object":"isis","start":"2001","citations":[{"source":"year-2000","quote":"q","stance":"asserts","credibility":3},{"source":"december-2000","quote":"r","stance":"asserts","credibility":3}]}"#,
                #"{"record":"claim","id":"tie-b","subject":"hamas","predicate":"praised","object":"isis","start":"2001-02","citations":[{"source":"december-2000","quote":"r","stance":"asserts","credibility":3},{"source":"year-2000","quote":"q","stance":"asserts","credibility":3}]}"#,
            ].joined(separator: "\n"), into: store, folder: folder, name: "dates.jsonl")
        let check = try IntegrityCheck(store: store, today: try PartialDate(parsing: "2026-12-05"))
        let found = check.findings.filter { $0.kind == .datesInConflict }.map { "\($0.subject): \($0.message)" }
        #expect(
            found == [
                #"source "old-relay": published 2019, relays police, published 2022-03-27: one of the two dates is wrong (isnad set old-relay published …)"#,
                #"claim "after-its-source": starts 2023, after every source that speaks of it was public (the latest 2022-03-27): its start, or a source's date, is wrong (isnad set after-its-source start …)"#,
                #"claim "tie-a": starts 2001, after every source that speaks of it was public (the latest 2000-12): its start, or a source's date, is wrong (isnad set tie-a start …)"#,
                #"claim "tie-b": starts 2001-02, after every source that speaks of it was public (the latest 2000-12): its start, or a source's date, is wrong (isnad set tie-b start …)"#,
                #"claim "to-come-claim": starts 2030, after today (2026-12-05 in UTC+14, where the day comes first): a date to come is a mistake"#,
                #"source "to-come": published 2031-02-01, after today (2026-12-05 in UTC+14, where the day comes first): a date to come is a mistake"#,
            ], "\(found)")
        #expect(check.findings.allSatisfy { $0.kind == .datesInConflict }, "\(check.findings)")
    }

    @Test(
        "the dates in conflict of what one history entry wrote: its records, the claims citing its sources, the relays between them; nothing else"
    )
    func datesInConflictOfOneEntry() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        // Found by check before the change, and not the change's.
        try Fixtures.importText(
            #"{"record":"source","id":"to-come","type":"other","title":"Soon","published":"2031-02-01","reliability":"C"}"#,
            into: store, folder: folder, name: "before.jsonl")
        let citing = { (id: String, start: String) in
            Record.claim(
                Claim(
                    id: id, subject: "hamas", predicate: "praised", object: "isis", start: try PartialDate(parsing: start),
                    citations: [Citation(source: "police", quote: "q", stance: .asserts, credibility: .probablyTrue)]))
        }
        let (entry, _) = try store.changing(ChangeDescription(author: "test", command: "test")) { session in
            try session.put(try citing("late", "2023"))
            return session.number
        }
        let today = try PartialDate(parsing: "2026-12-05")
        let found = { (entry: Int) in
            try IntegrityCheck.datesInConflict(writtenBy: entry, in: store, today: today).findings.map {
                "\($0.subject): \($0.message)"
            }
        }
        #expect(
            try found(entry) == [
                #"claim "late": starts 2023, after every source that speaks of it was public (the latest 2022-03-27): its start, or a source's date, is wrong (isnad set late start …)"#
            ])
        // The source's date changed: the claims citing it are the change's too.
        guard case .source(var police)? = try store.record(.source, id: "police") else { return }
        police.published = try PartialDate(parsing: "2021")
        let (later, _) = try store.changing(ChangeDescription(author: "test", command: "test")) { session in
            try session.put(.source(police))
            return session.number
        }
        #expect(
            try found(later) == [
                #"claim "isis-claimed-attack": starts 2022-03-27, after every source that speaks of it was public (the latest 2021): its start, or a source's date, is wrong (isnad set isis-claimed-attack start …)"#,
                #"claim "late": starts 2023, after every source that speaks of it was public (the latest 2021): its start, or a source's date, is wrong (isnad set late start …)"#,
            ])
        // check finds the source to come as well, which neither change wrote.
        #expect(try IntegrityCheck(store: store, today: today).counts[.datesInConflict] == 3)
    }

    @Test("today is the date where it is latest, UTC+14: a date typed east of Greenwich tonight is not after it")
    func todayEastOfGreenwich() throws {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(secondsFromGMT: 14 * 3600)
        let before = formatter.string(from: Date())
        let today = PartialDate.today.description
        #expect(today == before || today == formatter.string(from: Date()))
    }

    @Test("a retracted claim whose ends' types its predicate no longer takes is no finding: it is out of the evidence")
    func retractedClaimOutsideTheVocabulary() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(try String(contentsOfFile: HaderaDatasetTests.path, encoding: .utf8), in: folder)
        let record = try #require(try store.record(.claim, id: "raed-salah-photographed-with-terrorist"))
        guard case .claim(var claim) = record else { return }
        claim.retraction = "misread"
        _ = try store.changing(ChangeDescription(author: "test", command: "test")) { session in try session.put(.claim(claim)) }
        try store.database.execute("UPDATE entity SET type = 'place' WHERE id = 'raed-salah-photo-companion'")
        #expect(try IntegrityCheck(store: store).isClean)
        #expect(
            try store.firstClaimOutsideVocabulary(claims: [claim.id], namingEntities: ["raed-salah-photo-companion"]) == nil)
    }

    @Test("each kind of defect, planted, is found")
    func planted() throws {
        let folder = try TemporaryFolder.scoped
        let store = try SmallGraph.store(in: folder)
        try Fixtures.importText(
            """
            {"record":"entity","id":"alpha-twin","type":"organization","name":"ALPHA  front!"}
            {"record":"source","id":"loop-1","type":"other","title":"L1","reliability":"F"}
            {"record":"source","id":"loop-2","type":"other","title":"L2","reliability":"F","cites":["loop-1"]}
            {"record":"source","id":"with-text","type":"news-article","title":"T","reliability":"C","text":"The quick brown\\nfox jumps."}
            {"record":"claim","id":"quoted","subject":"a","predicate":"praised","object":"b","citations":[{"source":"with-text","quote":"quick  brown fox","stance":"asserts","credibility":2},{"source":"with-text","quote":"lazy dog","stance":"asserts","credibility":2},{"source":"with-text","quote":"brown fox leaps","stance":"asserts","credibility":2}]}

            """, into: store, folder: folder, name: "defects.jsonl")
        let database = store.database
        try database.execute("PRAGMA foreign_keys = OFF")
        try database.execute("INSERT INTO claim (id, subject, predicate, object) VALUES ('ghost-claim', 'ghost', 'praised', 'a')")
        try database.execute(
            "INSERT INTO citation (claim, position, citation_key, source, quote, stance, credibility) VALUES ('ghost-claim', 0, 1, 's-a', 'q', 'asserts', 1)"
        )
        // An import refuses a cycle: another program makes it.
        try database.execute("INSERT INTO source_cites (source, position, cited) VALUES ('loop-1', 0, 'loop-2')")
        try database.execute("UPDATE claim SET predicate = 'child_of' WHERE id = 'a-b'")
        try database.execute("DELETE FROM citation WHERE claim = 'a-x'")
        try database.execute("UPDATE entity SET type = 'group' WHERE id = 'p'")
        try database.execute("UPDATE claim SET start_date = '2014-13' WHERE id = 'a-d'")
        try database.execute("UPDATE claim SET start_date = '2016', end_date = '2015' WHERE id = 'c-d'")
        let check = try IntegrityCheck(store: store)
        let kinds = Set(check.findings.map(\.kind))
        #expect(
            kinds == [
                .foreignKey, .invalidValue, .vocabulary, .noCitation, .quoteNotFound, .citesCycle, .probableDuplicate,
                .unconfirmedGrade,  // the ghost claim's credibility 1, on one channel
                .datesInConflict,  // the small graph's a-b starts 2014, its one source was public in 2010
            ],
            "\(check.findings)")
        #expect(
            check.findings.contains {
                $0.kind == .foreignKey && $0.subject == #"claim "ghost-claim""#
                    && $0.message.hasPrefix(#"subject: no entity "ghost""#)
            })
        #expect(
            check.findings.contains {
                $0.kind == .invalidValue && $0.subject == #"entity "p""# && $0.message.hasPrefix(#"type: "group" is not one of"#)
            })
        #expect(
            check.findings.contains {
                $0.kind == .invalidValue && $0.subject == #"claim "a-d""# && $0.message.contains("month 13")
            })
        #expect(
            check.findings.contains {
                $0.kind == .invalidValue && $0.subject == #"claim "c-d""# && $0.message == "end: 2015 is before start 2016"
            })
        #expect(
            check.findings.contains {
                $0.kind == .quoteNotFound && $0.message.hasSuffix("«lazy dog» is not in the text of with-text")
            })
        // Where a quote breaks off is said, as an import says it.
        #expect(
            check.findings.contains {
                $0.kind == .quoteNotFound
                    && $0.message.hasSuffix(
                        #"«brown fox leaps» is not in the text of with-text: the text has "brown fox" (lines 1-2) from the start of the quote; then the quote has "leaps" where the text has "jumps.""#
                    )
            }, "\(check.findings.filter { $0.kind == .quoteNotFound })")
        #expect(!check.findings.contains { $0.kind == .quoteNotFound && $0.message.contains("quick") })
        #expect(check.findings.contains { $0.kind == .probableDuplicate && $0.subject == #"entities "a", "alpha-twin""# })
        // The names as written, not the folded key they share.
        #expect(
            check.findings.contains {
                $0.kind == .probableDuplicate && $0.message.contains(#"(a "Alpha Front", alpha-twin "ALPHA  front!")"#)
            })
        #expect(check.findings.contains { $0.kind == .citesCycle && $0.message.contains("loop-1 → loop-2 → loop-1") })
        #expect(check.findings.contains { $0.kind == .vocabulary && $0.subject == #"claim "a-b""# })
        #expect(check.findings.contains { $0.kind == .noCitation && $0.subject == #"claim "a-x""# })

        // Streamed, every finding is given as it is found, in the same order, and only the first
        // of each check is kept; the counts are of them all.
        var streamed: [IntegrityCheck.Finding] = []
        let kept = try IntegrityCheck(store: store, keepingPerCheck: 1) { streamed.append($0) }
        #expect(streamed == check.findings)
        #expect(kept.counts == check.counts && kept.problemCount == check.findings.count)
        #expect(kept.findings.count == kinds.count && Set(kept.findings.map(\.kind)) == kinds, "\(kept.findings)")
        #expect(kept.findings.allSatisfy { found in check.findings.first { $0.kind == found.kind } == found })
        #expect(check.counts[.invalidValue] == check.findings.filter { $0.kind == .invalidValue }.count)
        // A record with a value found wrong is not named again by the records read back as imported.
        #expect(check.findings.filter { $0.kind == .invalidValue && $0.subject.hasPrefix(#"claim "a-d""#) }.count == 1)
    }
}

/// A random number generator that gives the same numbers for the same seed (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
