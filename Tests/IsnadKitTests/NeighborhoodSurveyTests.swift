import IsnadKit
import TestHelpers
import Testing

/// The bounded look at a neighbourhood, and the streamed listing of every claim, on the small graph.
@Suite("Neighbourhood surveys and listings", .temporaryFolder)
struct NeighborhoodSurveyTests {
    @Test("a survey within its budgets counts every claim, reads them all and ranks the strongest first")
    func complete() throws {
        let store = try SmallGraph.store(in: try TemporaryFolder.scoped)
        let graph = try TransmissionGraph(store: store)
        let survey = try NeighborhoodSurvey(store: store, center: "a", depth: 2, graph: graph, limit: 2)
        let whole = try Neighborhood(store: store, center: "a", depth: 2)
        #expect(survey.isComplete)
        #expect(survey.claims == whole.claims.count)
        #expect(survey.entities == whole.depths.count - 1)
        #expect(survey.claimsRead == survey.claims)
        #expect(survey.count(atHop: 1).claims == 4 && survey.count(atHop: 2).claims == 3)
        // a-b (A1) and a-x (A2), asserted by the A-graded statement, are the strongest.
        #expect(survey.strongest.map(\.claim.id) == ["a-b", "a-x"])
        #expect(survey.hop(of: survey.strongest[0]) == 1)
        let located = try #require(survey.groups.first { $0.predicate == "located_in" })
        #expect(located.isOutgoing && located.claims == 1 && located.entities == 1 && located.statuses[.asserted] == 1)
        let member = try #require(survey.groups.first { $0.predicate == "member_of" })
        #expect(!member.isOutgoing)
    }

    @Test("thousands of ends, some met twice and some walked from again, are each counted once, as the whole listing counts them")
    func manyEnds() throws {
        // Ids of every length from 1 to 23 bytes (the set reads ids eight bytes at a time), ids
        // that start others, and ends met again through another claim and at the next hop.
        var lines = [
            #"{"record":"entity","id":"h","type":"organization","name":"Hub"}"#,
            #"{"record":"source","id":"s","type":"news-article","title":"S","reliability":"B"}"#,
        ]
        let ends = (0..<2_500).map { number in String(repeating: "e", count: number % 20) + "\(number)" }
        for (number, end) in ends.enumerated() {
            lines.append(#"{"record":"entity","id":"\#(end)","type":"organization","name":"End \#(number)"}"#)
        }
        func claim(_ id: String, _ subject: String, _ predicate: String, _ object: String) -> String {
            #"{"record":"claim","id":"\#(id)","subject":"\#(subject)","predicate":"\#(predicate)","object":"\#(object)","citations":[{"source":"s","quote":"q","stance":"asserts","credibility":2}]}"#
        }
        for (number, end) in ends.enumerated() where number < 2_000 {
            lines.append(claim("f\(number)", "h", "funded", end))
            if number % 3 == 0 { lines.append(claim("p\(number)", end, "praised", "h")) }
            // The next hop: to an end the hub reaches too, and to one only this hop reaches.
            if number % 7 == 0 { lines.append(claim("a\(number)", end, "allied_with", ends[(number + 1) % 2_000])) }
            if number % 5 == 0 { lines.append(claim("b\(number)", end, "allied_with", ends[2_000 + number / 5])) }
        }
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(lines.joined(separator: "\n") + "\n", in: folder)
        let survey = try NeighborhoodSurvey(
            store: store, center: "h", depth: 2, graph: try TransmissionGraph(store: store), linkBudget: 100_000)
        let whole = try Neighborhood(store: store, center: "h", depth: 2)
        #expect(survey.isComplete)
        #expect(survey.claims == whole.claims.count)
        #expect(survey.entities == whole.depths.count - 1)
        #expect(survey.count(atHop: 1).entities == 2_000)
        #expect(survey.count(atHop: 2).entities == 400)
    }

    @Test(
        "of a group's claims equally strong, the one its summary names is the first by id, whatever order the store wrote them in"
    )
    func groupStrongestByID() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(
            """
            {"record":"entity","id":"h","type":"organization","name":"Hub"}
            {"record":"entity","id":"x1","type":"organization","name":"X One"}
            {"record":"entity","id":"x2","type":"organization","name":"X Two"}
            {"record":"source","id":"s1","type":"news-article","title":"One","reliability":"B"}
            {"record":"source","id":"s2","type":"news-article","title":"Two","reliability":"B"}
            {"record":"claim","id":"h-z","subject":"h","predicate":"funded","object":"x1","citations":[{"source":"s2","quote":"q2","stance":"asserts","credibility":2}]}

            """, in: folder)
        // Written later, so later in the claim table: PostgreSQL and SQLite may write one import
        // in different orders, and the summary must not follow them.
        try Fixtures.importText(
            #"{"record":"claim","id":"h-a","subject":"h","predicate":"funded","object":"x2","citations":[{"source":"s1","quote":"q1","stance":"asserts","credibility":2}]}"#,
            into: store, folder: folder, name: "later.jsonl")
        let survey = try NeighborhoodSurvey(store: store, center: "h", depth: 1, graph: try TransmissionGraph(store: store))
        let funded = try #require(survey.groups.first { $0.predicate == "funded" })
        #expect(funded.strongest?.commonLink?.source == "s1", "\(String(describing: funded.strongest))")
    }

    @Test("groups whose strongest claims rank alike come by their number of claims, most first; such claims by id")
    func tiesBroken() throws {
        // The praised claim is met and read first, and its strength differs from the funded ones'
        // only in its source (another common link of the same grade): it ranks alike.
        let records = """
            {"record":"entity","id":"h","type":"organization","name":"Hub"}
            {"record":"entity","id":"x1","type":"organization","name":"X One"}
            {"record":"entity","id":"x2","type":"organization","name":"X Two"}
            {"record":"entity","id":"x3","type":"organization","name":"X Three"}
            {"record":"source","id":"s1","type":"news-article","title":"One","reliability":"B"}
            {"record":"source","id":"s2","type":"news-article","title":"Two","reliability":"B"}
            {"record":"claim","id":"z-x1","subject":"h","predicate":"praised","object":"x1","citations":[{"source":"s1","quote":"q1","stance":"asserts","credibility":2}]}
            {"record":"claim","id":"h-x2","subject":"h","predicate":"funded","object":"x2","citations":[{"source":"s2","quote":"q2","stance":"asserts","credibility":2}]}
            {"record":"claim","id":"h-x3","subject":"h","predicate":"funded","object":"x3","citations":[{"source":"s2","quote":"q3","stance":"asserts","credibility":2}]}

            """
        let store = try Fixtures.store(records, in: try TemporaryFolder.scoped)
        let survey = try NeighborhoodSurvey(
            store: store, center: "h", depth: 1, graph: TransmissionGraph(readingOnDemandFrom: store))
        #expect(survey.groups.map(\.predicate) == ["funded", "praised"])
        let (funded, praised) = (try #require(survey.groups[0].strongest), try #require(survey.groups[1].strongest))
        #expect(funded != praised && !(funded < praised) && !(praised < funded))
        #expect(survey.strongest.map(\.claim.id) == ["h-x2", "h-x3", "z-x1"])
    }

    @Test("a survey reading sources on demand weighs as a graph read whole does, chains through cites included")
    func onDemandSources() throws {
        let store = try SmallGraph.store(in: try TemporaryFolder.scoped)
        let whole = try NeighborhoodSurvey(store: store, center: "a", depth: 2, graph: try TransmissionGraph(store: store))
        let onDemand = try NeighborhoodSurvey(
            store: store, center: "a", depth: 2, graph: TransmissionGraph(readingOnDemandFrom: store))
        #expect(onDemand.strongest == whole.strongest)
        #expect(onDemand.groups.map(\.strongest) == whole.groups.map(\.strongest))
        #expect(onDemand.groups.map(\.statuses) == whole.groups.map(\.statuses))
        // b-c is read through art, which cites s-b: its channel is capped by art (E).
        let funded = try #require(onDemand.groups.first { $0.predicate == "funded" })
        #expect(funded.strongest?.commonLink?.source == "art")
    }

    @Test("a hub whose links outrun the budget is counted in both its roles: its links as subject take half of it first")
    func budgetSeesBothRoles() throws {
        // The hub is located in 20 places (as subject, read first); 5 people are members of it (as object).
        var records = [
            #"{"record":"entity","id":"hub","type":"organization","name":"Hub"}"#,
            #"{"record":"source","id":"s","type":"news-article","title":"S","published":"2020","reliability":"B"}"#,
        ]
        for number in 0..<20 {
            let citation = #"[{"source":"s","quote":"q\#(number)","stance":"asserts","credibility":2}]"#
            records.append(#"{"record":"entity","id":"place-\#(number)","type":"place","name":"Place \#(number)"}"#)
            records.append(
                #"{"record":"claim","id":"hub-in-\#(number)","subject":"hub","predicate":"located_in","object":"place-\#(number)","start":null,"end":null,"citations":\#(citation)}"#
            )
            guard number < 5 else { continue }
            records.append(#"{"record":"entity","id":"person-\#(number)","type":"person","name":"Person \#(number)"}"#)
            records.append(
                #"{"record":"claim","id":"member-\#(number)","subject":"person-\#(number)","predicate":"member_of","object":"hub","start":null,"end":null,"citations":\#(citation)}"#
            )
        }
        let store = try Fixtures.store(records.joined(separator: "\n"), in: try TemporaryFolder.scoped)
        let graph = try TransmissionGraph(store: store)
        func counts(_ survey: NeighborhoodSurvey) -> [String] {
            survey.groups.map { "\($0.isOutgoing ? "→" : "←") \($0.predicate) \($0.claims)" }.sorted()
        }
        let half = try NeighborhoodSurvey(store: store, center: "hub", depth: 1, graph: graph, linkBudget: 10)
        #expect(!half.isComplete)
        #expect(counts(half) == ["→ located_in 5", "← member_of 5"].sorted(), "\(counts(half))")
        // What the links as object leave goes back to those as subject.
        let rest = try NeighborhoodSurvey(store: store, center: "hub", depth: 1, graph: graph, linkBudget: 20)
        #expect(!rest.isComplete)
        #expect(counts(rest) == ["→ located_in 15", "← member_of 5"].sorted(), "\(counts(rest))")
        // Within the budget, every link is counted, whatever the order it came in.
        for budget in [25, 26, 10_000] {
            let whole = try NeighborhoodSurvey(store: store, center: "hub", depth: 1, graph: graph, linkBudget: budget)
            #expect(whole.isComplete && whole.claims == 25, "\(budget)")
        }
        // One direction: no other role to make room for.
        let outgoing = try NeighborhoodSurvey(
            store: store, center: "hub", depth: 1, direction: .out, graph: graph, linkBudget: 10)
        #expect(outgoing.groups.map(\.claims) == [10])
    }

    @Test(
        "under a filter on evidence, the walk stops after reading its examine budget of claims whole, in both roles, and says so"
    )
    func examineBudget() throws {
        // The hub is located in 20 places (as subject) by an F source and 5 people are members
        // of it (as object) by an A source: only the members pass --min-reliability A.
        var records = [
            #"{"record":"entity","id":"hub","type":"organization","name":"Hub"}"#,
            #"{"record":"source","id":"weak","type":"news-article","title":"Weak","published":"2020","reliability":"F"}"#,
            #"{"record":"source","id":"strong","type":"news-article","title":"Strong","published":"2020","reliability":"A"}"#,
        ]
        for number in 0..<20 {
            records.append(#"{"record":"entity","id":"place-\#(number)","type":"place","name":"Place \#(number)"}"#)
            records.append(
                #"{"record":"claim","id":"hub-in-\#(number)","subject":"hub","predicate":"located_in","object":"place-\#(number)","citations":[{"source":"weak","quote":"q\#(number)","stance":"asserts","credibility":2}]}"#
            )
            guard number < 5 else { continue }
            records.append(#"{"record":"entity","id":"person-\#(number)","type":"person","name":"Person \#(number)"}"#)
            records.append(
                #"{"record":"claim","id":"member-\#(number)","subject":"person-\#(number)","predicate":"member_of","object":"hub","citations":[{"source":"strong","quote":"m\#(number)","stance":"asserts","credibility":2}]}"#
            )
        }
        let store = try Fixtures.store(records.joined(separator: "\n"), in: try TemporaryFolder.scoped)
        let graph = try TransmissionGraph(store: store)
        var filter = GraphFilter()
        filter.minimumReliability = .a
        // Half of the budget to the hub's links as subject first: the members are tried too.
        let bounded = try NeighborhoodSurvey(
            store: store, center: "hub", depth: 1, filter: filter, graph: graph, examineBudget: 10)
        #expect(!bounded.isComplete && bounded.stoppedExamining && bounded.claimsExamined == 10)
        #expect(bounded.groups.map { "\($0.predicate) \($0.claims)" } == ["member_of 5"])
        for budget in [25, 10_000] {
            let whole = try NeighborhoodSurvey(
                store: store, center: "hub", depth: 1, filter: filter, graph: graph, examineBudget: budget)
            #expect(whole.isComplete && !whole.stoppedExamining && whole.claimsExamined == 25, "\(budget)")
            #expect(whole.claims == 5)
        }
        filter.minimumReliability = nil
        filter.minimumCredibility = .confirmed
        let none = try NeighborhoodSurvey(
            store: store, center: "hub", depth: 1, filter: filter, graph: graph, examineBudget: 4)
        #expect(none.stoppedExamining && none.claims == 0 && none.claimsExamined == 4)
    }

    @Test("the walk read as bytes counts as the walk read as strings (under a filter passing every claim)")
    func bytesAsStrings() throws {
        let store = try SmallGraph.store(in: try TemporaryFolder.scoped)
        let graph = try TransmissionGraph(store: store)
        // (A budget that runs out within one entity's links splits them by role only through the
        // indexes: these two end at an entity's boundary.)
        for linkBudget in [4, 10_000] {
            let bytes = try NeighborhoodSurvey(store: store, center: "a", depth: 2, graph: graph, linkBudget: linkBudget)
            var filter = GraphFilter()
            filter.predicates = Set(try Neighborhood(store: store, center: "a", depth: 3).claims.map(\.claim.predicate))
            let strings = try NeighborhoodSurvey(
                store: store, center: "a", depth: 2, filter: filter, graph: graph, linkBudget: linkBudget)
            #expect(bytes.isComplete == strings.isComplete && bytes.claims == strings.claims)
            #expect(bytes.groups.map(\.predicate) == strings.groups.map(\.predicate))
            #expect(bytes.groups.map(\.isOutgoing) == strings.groups.map(\.isOutgoing))
            #expect(bytes.groups.map(\.hop) == strings.groups.map(\.hop))
            #expect(bytes.groups.map(\.claims) == strings.groups.map(\.claims))
            #expect(bytes.groups.map(\.entities) == strings.groups.map(\.entities))
            #expect(bytes.strongest == strings.strongest)
        }
    }

    @Test("claims read by row come whole in the order given, across batches, a row given twice twice, a missing row left out")
    func claimsByRow() throws {
        let folder = try TemporaryFolder.scoped
        var records = SmallGraph.records
        // More claims than one batch reads (500), each read back by its row.
        for index in 0..<1_100 {
            let (subject, object) = index % 2 == 0 ? ("b", "c") : ("c", "d")
            records += """
                {"record":"claim","id":"k\(index)","subject":"\(subject)","predicate":"funded","object":"\(object)",\
                "citations":[{"source":"s-d","via":"art","quote":"q\(index)","stance":"asserts","credibility":3}]}

                """
        }
        let store = try Fixtures.store(records, in: folder)
        var rows: [Int64] = []
        for entity in ["b", "c"] {
            try store.forEachLink(of: entity, withDates: false) { link in if link.isSubject { rows.append(link.row) } }
        }
        #expect(rows.count == 1_102)  // b-c and c-d besides
        rows.reverse()
        rows.insert(rows[700], at: 3)
        rows.append(try store.largestClaimRow() + 10)
        var read: [GradedClaim] = []
        try store.forEachClaim(rows: rows) { read.append($0) }
        let expected = try rows.compactMap { row in try store.claimID(row: row).flatMap { try store.claim(id: $0) } }
        #expect(read.count == 1_103)
        #expect(read == expected)
        #expect(read[3] == read[701])
    }

    @Test("past its budgets a survey stops: counts are lower bounds, and only the claims read are weighed")
    func budgets() throws {
        let store = try SmallGraph.store(in: try TemporaryFolder.scoped)
        let graph = try TransmissionGraph(store: store)
        let walked = try NeighborhoodSurvey(store: store, center: "a", depth: 2, graph: graph, linkBudget: 3)
        #expect(!walked.isComplete)
        #expect(walked.claims == 3)
        #expect(walked.stoppedAtHop == 1 && !walked.isCounted(wholeAtHop: 1))
        // A budget past the first hop's links: that hop is counted whole, the second is not.
        let whole = try NeighborhoodSurvey(store: store, center: "a", depth: 2, graph: graph)
        #expect(whole.stoppedAtHop == nil && whole.isCounted(wholeAtHop: 2))
        let firstHop = whole.count(atHop: 1)
        let secondStopped = try NeighborhoodSurvey(
            store: store, center: "a", depth: 2, graph: graph, linkBudget: firstHop.claims + 1)
        #expect(secondStopped.stoppedAtHop == 2)
        #expect(secondStopped.isCounted(wholeAtHop: 1) && !secondStopped.isCounted(wholeAtHop: 2))
        #expect(secondStopped.count(atHop: 1) == firstHop)
        let read = try NeighborhoodSurvey(store: store, center: "a", depth: 2, graph: graph, evidenceBudget: 2)
        #expect(read.isComplete)
        #expect(read.claimsRead == 2 && read.strongest.count == 2)
        // Taken from every group in turn: two groups have one claim read each.
        #expect(read.groups.filter { $0.claimsRead == 1 }.count == 2)
    }

    @Test("the streamed listing gives every claim of the neighbourhood once, by hop, predicate and id")
    func listing() throws {
        let store = try SmallGraph.store(in: try TemporaryFolder.scoped)
        let graph = try TransmissionGraph(store: store)
        let listing = try NeighborhoodListing(store: store, center: "a", depth: 2, graph: graph)
        var seen: [(String, Int)] = []
        try listing.forEach { claim, hop in seen.append((claim.claim.id, hop)) }
        // Hop 2 by predicate: communicated_with, funded, supplied_weapons_to.
        #expect(seen.map(\.0) == ["a-b", "a-d", "a-x", "p-a", "d-e", "b-c", "c-d"])
        #expect(seen.map(\.1) == [1, 1, 1, 1, 2, 2, 2])
        #expect(listing.claims == 7 && listing.entities == 6)
        // Under a filter on evidence the walk reads claims whole and the listing keeps their ids.
        var filter = GraphFilter()
        filter.excludesDisputed = true
        let filtered = try NeighborhoodListing(store: store, center: "a", depth: 2, filter: filter, graph: graph)
        var kept: [String] = []
        try filtered.forEach { claim, _ in kept.append(claim.claim.id) }
        #expect(kept == ["a-b", "a-d", "a-x", "p-a", "b-c", "c-d"])  // d-e is disputed
    }
}
