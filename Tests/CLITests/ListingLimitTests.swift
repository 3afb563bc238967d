import Foundation
import TestHelpers
import Testing

/// `--limit` on every listing command, and the summaries of large neighbourhoods, on a store
/// generated here: a hub with 260 claims (past the table's default of 200), each of its
/// neighbours with two more claims of their own.
@Suite("Bounded listings", .temporaryStore)
struct ListingLimitTests {
    static let spokes = 260

    @Test("a table written in parts keeps room for what later parts hold: an undated claim, a long predicate, a dispute")
    func streamedWidths() throws {
        let cli = try CLIHarness.scoped
        var lines = [
            #"{"record":"source","id":"wire","type":"news-article","title":"Wire","reliability":"B"}"#,
            #"{"record":"entity","id":"a","type":"organization","name":"A"}"#,
            #"{"record":"entity","id":"b","type":"organization","name":"B"}"#,
            #"{"record":"entity","id":"x","type":"place","name":"X"}"#,
        ]
        // A first part of 1,000 short rows, then one that needs every column at its widest.
        for number in 0..<1000 {
            lines.append(
                #"{"record":"claim","id":"c\#(number)","subject":"a","predicate":"located_in","object":"x","start":"2020","end":null,"citations":[{"source":"wire","quote":"q\#(number)","stance":"asserts","credibility":2}]}"#
            )
        }
        lines.append(
            #"{"record":"claim","id":"z","subject":"a","predicate":"supplied_weapons_to","object":"b","start":null,"end":null,"citations":[{"source":"wire","quote":"yes","stance":"asserts","credibility":2},{"source":"wire","quote":"no","stance":"denies","credibility":3}]}"#
        )
        try cli.write("records.jsonl", lines.joined(separator: "\n"))
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let timeline = try cli.run(["timeline", "--limit", "0"]).standardOutput
        let last = try #require(timeline.split(separator: "\n").last)
        #expect(last.hasPrefix("undated "), "\(last)")
        #expect(
            last.contains(" supplied_weapons_to ") && last.contains(" DISPUTED ") && last.contains(" 1 (1 denying) "), "\(last)")
        #expect(!last.contains("…"), "\(last)")
    }

    /// The hub `hub` supplies weapons to (or is praised by) each `actor-N`; each actor is a
    /// member of `group-N % 7` and praised `group-(N+1) % 7`. Sources graded A, C and E.
    private func generatedStore() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        var lines: [String] = []
        for (id, grade) in [("wire", "A"), ("paper", "C"), ("blog", "E")] {
            lines.append(#"{"record":"source","id":"\#(id)","type":"news-article","title":"\#(id)","reliability":"\#(grade)"}"#)
        }
        lines.append(#"{"record":"entity","id":"hub","type":"organization","name":"The Hub"}"#)
        for group in 0..<7 {
            lines.append(#"{"record":"entity","id":"group-\#(group)","type":"organization","name":"Group \#(group)"}"#)
        }
        let sources = ["wire", "paper", "blog"]
        for actor in 0..<Self.spokes {
            lines.append(#"{"record":"entity","id":"actor-\#(actor)","type":"organization","name":"Actor \#(actor)"}"#)
            let source = sources[actor % 3]
            let (subject, predicate, object) =
                actor % 2 == 0 ? ("hub", "supplied_weapons_to", "actor-\(actor)") : ("actor-\(actor)", "praised", "hub")
            lines.append(
                #"{"record":"claim","id":"c-hub-\#(actor)","subject":"\#(subject)","predicate":"\#(predicate)","object":"\#(object)","citations":[{"source":"\#(source)","quote":"q\#(actor)","stance":"asserts","credibility":\#(1 + actor % 3)}]}"#
            )
            for (offset, predicate) in [(0, "member_of"), (1, "praised")] {
                lines.append(
                    #"{"record":"claim","id":"c-\#(actor)-\#(offset)","subject":"actor-\#(actor)","predicate":"\#(predicate)","object":"group-\#((actor + offset) % 7)","citations":[{"source":"blog","quote":"r\#(actor)","stance":"asserts","credibility":4}]}"#
                )
            }
        }
        let file = try cli.write("generated.jsonl", lines.joined(separator: "\n") + "\n")
        let result = try cli.run(["import", file])
        #expect(result.status == 0, "\(result.standardError)")
        return cli
    }

    private func lines(_ text: String) -> [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

    @Test("claims sorted by strength hold what they list: 200 in every format unless --limit says otherwise")
    func sortedHoldsItsLimit() throws {
        let cli = try generatedStore()
        let csv = try cli.run(["claims", "--sort", "strength", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.standardError)")
        #expect(csv.standardOutput.split(whereSeparator: \.isNewline).count == 201)
        #expect(csv.standardError.contains("showing 200 of \(Self.spokes * 3) claims; --limit 0 for all"), "\(csv.standardError)")
        let all = try cli.run(["claims", "--sort", "weakest", "--format", "csv", "--limit", "0"])
        #expect(all.standardOutput.split(whereSeparator: \.isNewline).count == Self.spokes * 3 + 1)
    }

    @Test("neighbors past the default limit: a summary per hop and predicate with its evidence, then the 200 strongest")
    func neighborsSummary() throws {
        let cli = try generatedStore()
        let result = try cli.run(["neighbors", "hub", "--depth", "2"])
        #expect(result.status == 0, "\(result.standardError)")
        let output = result.standardOutput
        let total = Self.spokes * 3
        #expect(
            output.hasPrefix(
                "The Hub (hub): \(Self.spokes + 7) entities within 2 hops, either direction, linked by \(total) claims\n"))
        #expect(output.contains("  hop 1: \(Self.spokes) claims, reaching \(Self.spokes) entities\n"))
        #expect(output.contains("  hop 2: \(Self.spokes * 2) claims, reaching 7 entities\n"))
        #expect(output.contains("HOP  PREDICATE"))
        // Every group says how strong its evidence is: a count is never a bare fact.
        let groups = lines(output).filter {
            $0.hasPrefix("1    ") && $0.contains("supplied_weapons_to") && !$0.contains("The Hub")
        }
        #expect(groups.count == 1)
        #expect(groups.first?.contains("ASSERTED A2") == true, "\(groups)")  // credibility 1 needs two channels
        #expect(output.hasSuffix("showing 200 of \(total) claims; --limit 0 for all\n"))
        // The strongest first: the claims cited by the A-graded wire with credibility 1.
        let table = lines(output).drop { !$0.hasPrefix("HOP  SUBJECT") }.dropFirst()
        #expect(table.first?.contains("ASSERTED") == true, "\(table.prefix(2))")
        #expect(table.filter { $0.hasPrefix("1 ") || $0.hasPrefix("2 ") }.count == 200)
    }

    @Test("--limit 0 lists every claim of the neighbourhood, in every format")
    func neighborsAll() throws {
        let cli = try generatedStore()
        let total = Self.spokes * 3
        let table = try cli.run(["neighbors", "hub", "--depth", "2", "--limit", "0"])
        #expect(table.status == 0)
        #expect(lines(table.standardOutput).filter { $0.hasPrefix("1 ") || $0.hasPrefix("2 ") }.count == total)
        #expect(!table.standardOutput.contains("showing"))
        // JSON and CSV list every claim without being asked, by hop.
        let csv = try cli.run(["neighbors", "hub", "--depth", "2", "--format", "csv"])
        let rows = csv.standardOutput.split(separator: "\r\n").dropFirst()
        #expect(rows.count == total)
        #expect(rows.first?.hasPrefix("1,") == true && rows.last?.hasPrefix("2,") == true)
        let json = try cli.run(["neighbors", "hub", "--depth", "2", "--format", "json"])
        #expect(json.standardOutput.split(separator: "\n").filter { $0.contains(#""record":"claim""#) }.count == total)
        let limited = try cli.run(["neighbors", "hub", "--depth", "2", "--format", "csv", "--limit", "10"])
        #expect(limited.standardOutput.split(separator: "\r\n").count == 11)
    }

    @Test("show of an entity past the limit: counts by predicate and direction, then the strongest claims")
    func showSummary() throws {
        let cli = try generatedStore()
        let result = try cli.run(["show", "hub", "--limit", "20"])
        #expect(result.status == 0, "\(result.standardError)")
        let output = result.standardOutput
        #expect(output.contains("\n\(Self.spokes) claims\n"))
        #expect(output.contains("→ supplied_weapons_to"))
        #expect(output.contains("← praised"))
        #expect(output.hasSuffix("showing 20 of \(Self.spokes) claims; --limit 0 for all\n"))
        #expect(lines(output).filter { $0.hasPrefix("  → ") || $0.hasPrefix("  ← ") }.count == 20)
        // The twenty strongest are those the A-graded wire asserts.
        #expect(lines(output).filter { $0.contains("asserts A") }.count == 20)
        let all = try cli.run(["show", "hub", "--limit", "0"])
        #expect(lines(all.standardOutput).filter { $0.hasPrefix("  → ") || $0.hasPrefix("  ← ") }.count == Self.spokes)
        #expect(all.standardOutput.contains("\(Self.spokes) claims: "))
        // Within the limit, the entity is shown whole, as always.
        let small = try cli.run(["show", "actor-1"])
        #expect(!small.standardOutput.contains("showing"))
        #expect(small.standardOutput.contains("3 claims: "))
    }

    @Test("claims, timeline, search and source say what the limit leaves out")
    func otherListings() throws {
        let cli = try generatedStore()
        let claims = try cli.run(["claims"])
        #expect(claims.standardOutput.hasSuffix("showing the first 200 claims; more match: --limit 0 for all\n"))
        #expect(lines(claims.standardOutput).filter { $0.hasPrefix("c-") }.count == 200)
        let everything = try cli.run(["claims", "--limit", "0"])
        #expect(lines(everything.standardOutput).filter { $0.hasPrefix("c-") }.count == Self.spokes * 3)
        #expect(everything.standardError.contains("\(Self.spokes * 3) claims"))
        // Under a subject, object or predicate, the claims that match are counted through the indexes.
        let ofHub = try cli.run(["claims", "--subject", "hub", "--limit", "7"])
        let hubClaims = lines(ofHub.standardOutput).filter { $0.hasPrefix("c-") }
        #expect(hubClaims.count == 7)
        #expect(hubClaims == hubClaims.sorted())
        let hubCount =
            try cli.run(["claims", "--subject", "hub", "--format", "csv"]).standardOutput.split(separator: "\r\n").count - 1
        #expect(hubCount == (Self.spokes + 1) / 2)
        #expect(ofHub.standardOutput.hasSuffix("showing 7 of \(hubCount) claims; --limit 0 for all\n"))
        let filteredOfHub = try cli.run(["claims", "--subject", "hub", "--limit", "7", "--min-reliability", "F"])
        #expect(filteredOfHub.standardOutput.hasSuffix("showing the first 7 claims; more match: --limit 0 for all\n"))
        let timeline = try cli.run(["timeline", "hub", "--limit", "5"])
        #expect(timeline.standardOutput.hasSuffix("showing 5 of \(Self.spokes) claims; --limit 0 for all\n"))
        // Under a filter the total is not counted: that would mean reading every claim of the entity.
        let filtered = try cli.run(["timeline", "hub", "--limit", "5", "--min-reliability", "F"])
        #expect(filtered.standardOutput.hasSuffix("showing the first 5 claims; more match: --limit 0 for all\n"))
        let wholeTimeline = try cli.run(["timeline", "--format", "csv"])
        #expect(wholeTimeline.standardOutput.split(separator: "\r\n").count == Self.spokes * 3 + 1)
        let search = try cli.run(["search", "actor", "--limit", "3"])
        #expect(search.standardOutput.hasSuffix("showing the first 3 entities; more match: --limit 0 for all\n"))
        let source = try cli.run(["source", "wire", "--limit", "4"])
        #expect(source.standardOutput.contains("Claims it makes (4 of "))
        #expect(source.standardOutput.hasSuffix("claims; --limit 0 for all\n"))
        let filteredSource = try cli.run(["source", "wire", "--limit", "4", "--min-reliability", "F"])
        #expect(filteredSource.standardOutput.contains("Claims it makes (the first 4 shown; more match)"))
        #expect(filteredSource.standardOutput.hasSuffix("showing the first 4 claims; more match: --limit 0 for all\n"))
    }

    @Test("JSON and CSV cut by --limit say so on standard error, as the table says it under itself; whole, they say nothing")
    func cutFilesSaySo() throws {
        let cli = try generatedStore()
        let hubClaims = (Self.spokes + 1) / 2
        for (command, note) in [
            (["claims", "--subject", "hub"], "showing 3 of \(hubClaims) claims; --limit 0 for all"),
            (["claims"], "showing the first 3 claims; more match: --limit 0 for all"),
            (["timeline", "hub"], "showing 3 of \(Self.spokes) claims; --limit 0 for all"),
            (["show", "hub"], "showing 3 of \(Self.spokes) claims; --limit 0 for all"),
            (["neighbors", "hub"], "showing 3 of \(Self.spokes) claims; --limit 0 for all"),
            (["source", "blog"], "showing 3 of "),
        ] {
            for format in ["json", "csv"] {
                let cut = try cli.run(command + ["--format", format, "--limit", "3"])
                #expect(cut.status == 0)
                #expect(cut.standardError.hasPrefix("isnad: " + note), "\(command) \(format): \(cut.standardError)")
                let whole = try cli.run(command + ["--format", format])
                #expect(!whole.standardError.contains("showing"), "\(command) \(format): \(whole.standardError)")
            }
        }
        let records = try cli.run(["claims", "--subject", "hub", "--format", "json", "--limit", "3"]).standardOutput
        #expect(records.split(separator: "\n").filter { $0.contains(#""record":"claim""#) }.count == 3)
    }

    @Test(
        "search, path --all, source --impact and duplicates cut in JSON and CSV say so on standard error, a line for each list cut short"
    )
    func cutDocumentsSaySo() throws {
        let cli = try generatedStore()
        let chains = try cli.run(["path", "actor-0", "actor-2", "--all", "--limit", "0", "--format", "csv"]).standardOutput
            .split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[0] }
        // The wire (A) alone supports a third of the hub's claims, and is all that joins each of those actors to the hub.
        let restingOnWire = (0..<Self.spokes).filter { $0 % 3 == 0 }.count
        for (command, notes) in [
            (["search", "actor", "--limit", "3"], ["showing the first 3 entities; more match: --limit 0 for all"]),
            (
                ["path", "actor-0", "actor-2", "--all", "--limit", "3"],
                ["showing 3 of \(Set(chains).count) chains; --limit 0 for all"]
            ),
            (
                ["source", "wire", "--impact", "--limit", "2"],
                [
                    "showing 2 of \(restingOnWire) rests_on_it claims; --limit 0 for all",
                    "showing 2 of \(restingOnWire) isolated pairs; --limit 0 for all",
                ]
            ),
        ] {
            for format in ["json", "csv"] {
                let cut = try cli.run(command + ["--format", format])
                #expect(cut.status == 0)
                #expect(
                    cut.standardError == notes.map { "isnad: \($0)\n" }.joined(), "\(command) \(format): \(cut.standardError)")
                let whole = try cli.run(Array(command.dropLast(2)) + ["--limit", "0", "--format", format])
                #expect(!whole.standardError.contains("showing"), "\(command) \(format): \(whole.standardError)")
            }
        }
        // search keeps its default of 10 in every format: JSON that holds 10 of the matches says so.
        let records = try cli.run(["search", "actor", "--format", "json"])
        #expect(records.standardOutput.split(separator: "\n").filter { $0.contains(#""record":"entity""#) }.count == 10)
        #expect(records.standardError == "isnad: showing the first 10 entities; more match: --limit 0 for all\n")
        // The impact's document ends with the totals, as disputes' does.
        let impact = try cli.run(["source", "wire", "--impact", "--limit", "2", "--format", "json"])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(impact.standardOutput.utf8)) as? [String: Any])
        #expect((document["rests_on_it"] as? [Any])?.count == 2)
        #expect(
            document["counts"] as? [String: Int] == [
                "rests_on_it": restingOnWire, "loses_support": 0, "relays_it": 0, "loses_denial": 0,
                "isolated_pairs": restingOnWire,
            ])
    }

    @Test("duplicates --limit: the best n pairs (200 in a table), then how many there are; JSON and CSV all unless given a limit")
    func duplicatesLimit() throws {
        let cli = try CLIHarness.scoped
        // 205 pairs of namesakes, each name borne by two persons.
        let namesakes = (0..<205).flatMap { number in
            ["a", "b"].map { #"{"record":"entity","id":"p-\#(number)-\#($0)","type":"person","name":"Person \#(number)"}"# }
        }
        try cli.write("records.jsonl", namesakes.joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let table = try cli.run(["duplicates"])
        #expect(table.status == 0 && table.standardError.isEmpty, "\(table.standardError)")
        #expect(lines(table.standardOutput).filter { $0.hasPrefix("p-") }.count == 200)
        #expect(table.standardOutput.hasSuffix("\nshowing 200 of 205 pairs; --limit 0 for all\n"))
        let few = try cli.run(["duplicates", "--limit", "3"])
        #expect(lines(few.standardOutput).filter { $0.hasPrefix("p-") }.count == 3)
        #expect(few.standardOutput.hasSuffix("\nshowing 3 of 205 pairs; --limit 0 for all\n"))
        let all = try cli.run(["duplicates", "--limit", "0"])
        #expect(lines(all.standardOutput).filter { $0.hasPrefix("p-") }.count == 205)
        #expect(!all.standardOutput.contains("showing"))
        for format in ["json", "csv"] {
            let whole = try cli.run(["duplicates", "--format", format])
            #expect(whole.standardOutput.split(whereSeparator: \.isNewline).count == (format == "csv" ? 206 : 205))
            #expect(whole.standardError.isEmpty, "\(format): \(whole.standardError)")
            let cut = try cli.run(["duplicates", "--format", format, "--limit", "3"])
            #expect(cut.standardOutput.split(whereSeparator: \.isNewline).count == (format == "csv" ? 4 : 3))
            #expect(cut.standardError == "isnad: showing 3 of 205 pairs; --limit 0 for all\n", "\(format): \(cut.standardError)")
        }
        #expect(try cli.run(["duplicates", "--limit", "-1"]).status == 64)
    }

    @Test("source --impact and path --all say what the limit leaves out; path takes --limit only with --all")
    func impactAndPaths() throws {
        let cli = try generatedStore()
        // The wire (A) alone supports a third of the hub's claims: each rests on it.
        let restingOnWire = (0..<Self.spokes).filter { $0 % 3 == 0 }.count
        let impact = try cli.run(["source", "wire", "--impact", "--limit", "4"])
        #expect(impact.status == 0, "\(impact.standardError)")
        #expect(impact.standardOutput.contains("\(restingOnWire) claims rest on it alone: they would be left with no support\n"))
        #expect(lines(impact.standardOutput).filter { $0.hasPrefix("c-hub-") }.count == 4)
        #expect(impact.standardOutput.contains("  showing 4 of \(restingOnWire) claims; --limit 0 for all\n"))
        let impactByDefault = try cli.run(["source", "wire", "--impact"])
        #expect(lines(impactByDefault.standardOutput).filter { $0.hasPrefix("c-hub-") }.count == restingOnWire)
        #expect(!impactByDefault.standardOutput.contains("showing"))
        let json = try cli.run(["source", "wire", "--impact", "--format", "json", "--limit", "2"])
        #expect(json.standardOutput.components(separatedBy: #"{"claim":"#).count - 1 == 2)

        // actor-0 and actor-2 meet through the hub and through groups: more chains than 3.
        let all = try cli.run(["path", "actor-0", "actor-2", "--all", "--limit", "0", "--format", "csv"])
        let chains = Set(all.standardOutput.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[0] }).count
        #expect(chains > 3)
        // JSON and CSV list every chain unless given a --limit, as every listing does.
        let csv = try cli.run(["path", "actor-0", "actor-2", "--all", "--format", "csv"])
        #expect(csv.standardOutput == all.standardOutput)
        let cut = try cli.run(["path", "actor-0", "actor-2", "--all", "--limit", "3"])
        #expect(lines(cut.standardOutput).filter { $0.hasPrefix("Chain ") }.count == 3)
        #expect(cut.standardOutput.hasSuffix("\nshowing 3 of \(chains) chains; --limit 0 for all\n"))
        let whole = try cli.run(["path", "actor-0", "actor-2", "--all", "--limit", "0"])
        #expect(lines(whole.standardOutput).filter { $0.hasPrefix("Chain ") }.count == chains)
        #expect(!whole.standardOutput.contains("showing"))
        let withoutAll = try cli.run(["path", "actor-0", "actor-2", "--limit", "3"])
        #expect(withoutAll.status == 64)
        #expect(
            withoutAll.standardError.hasPrefix(
                "isnad: --limit counts the chains of --all: without it, the one shortest chain is shown\n"))
        // Denials alone link nobody: a path under --stance denies could never be found.
        let denials = try cli.run(["path", "actor-0", "actor-2", "--stance", "denies"])
        #expect(denials.status == 64)
        #expect(denials.standardError.hasPrefix("isnad: --stance denies leaves no claim a chain can follow"))
    }

    @Test("source --limit: when every claim is shown under one role, only the other role's heading says what is left out")
    func sourceClaimInBothRoles() throws {
        let cli = try CLIHarness.scoped
        let file = try cli.write(
            "both.jsonl",
            """
            {"record":"entity","id":"a","type":"organization","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Bravo"}
            {"record":"source","id":"s","type":"news-article","title":"S","reliability":"B"}
            {"record":"source","id":"t","type":"news-article","title":"T","reliability":"C"}
            {"record":"claim","id":"x","subject":"a","predicate":"funded","object":"b","citations":[{"source":"s","quote":"q","stance":"asserts","credibility":2},{"source":"t","via":"s","quote":"r","stance":"reports","credibility":3}]}

            """)
        #expect(try cli.run(["import", file]).status == 0)
        let result = try cli.run(["source", "s", "--limit", "1"])
        #expect(result.standardOutput.contains("Claims it makes (1)"))
        #expect(result.standardOutput.contains("Claims of others quoted in it (0 of 1 shown)"))
        #expect(!result.standardOutput.contains("showing"), "\(result.standardOutput)")
    }

    @Test(
        "timeline of an entity under a filter, with a limit, tries the filter on its first 10,000 claims in date order and says so; --limit 0 tries them all"
    )
    func timelineTriesAtMost() throws {
        let cli = try CLIHarness.scoped
        var lines = [
            #"{"record":"source","id":"late","type":"news-article","title":"Late","published":"2020","reliability":"B"}"#,
            #"{"record":"source","id":"early","type":"news-article","title":"Early","published":"1990","reliability":"B"}"#,
            #"{"record":"entity","id":"a","type":"organization","name":"A"}"#,
            #"{"record":"entity","id":"b","type":"organization","name":"B"}"#,
        ]
        // 10,000 claims said in 2020 first in date order, then 3 known since 1990.
        for number in 0..<10_003 {
            let (source, start) = number < 10_000 ? ("late", "2001") : ("early", "2002")
            lines.append(
                #"{"record":"claim","id":"c\#(number)","subject":"a","predicate":"funded","object":"b","start":"\#(start)","citations":[{"source":"\#(source)","quote":"q\#(number)","stance":"asserts","credibility":2}]}"#
            )
        }
        try cli.write("records.jsonl", lines.joined(separator: "\n"))
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let bounded = try cli.run(["timeline", "a", "--known-by", "1995"])
        #expect(bounded.status == 0)
        #expect(!bounded.standardOutput.contains(" funded "))
        #expect(
            bounded.standardError
                == "no claim passed the filters among the first 10000 of its claims tried, in date order, to answer at once (--limit 0 tries them all)\n"
        )
        let json = try cli.run(["timeline", "a", "--known-by", "1995", "--format", "json", "--limit", "5"])
        #expect(json.standardOutput.isEmpty)
        #expect(json.standardError.contains("no claim passed the filters among the first 10000 of its claims tried"))
        // A limit past the budget tries as many claims as it may list.
        let large = try cli.run(["timeline", "a", "--known-by", "1995", "--limit", "10003"])
        #expect(large.standardOutput.split(separator: "\n").filter { $0.contains(" funded ") }.count == 3)
        #expect(large.standardError == "3 claims\n")
        let whole = try cli.run(["timeline", "a", "--known-by", "1995", "--limit", "0"])
        #expect(whole.standardOutput.split(separator: "\n").filter { $0.contains(" funded ") }.count == 3)
        #expect(whole.standardError == "3 claims\n")
        // A filter that passes claims early in the order stops at the limit as before.
        let passing = try cli.run(["timeline", "a", "--source", "late", "--limit", "2"])
        #expect(passing.standardOutput.hasSuffix("showing the first 2 claims; more match: --limit 0 for all\n"))
    }

    @Test("timeline of one entity lists its claims in date order, the same up to a limit as with --limit 0")
    func entityTimelineStreamed() throws {
        let cli = try CLIHarness.scoped
        var lines = [
            #"{"record":"source","id":"wire","type":"news-article","title":"wire","reliability":"B"}"#,
            #"{"record":"entity","id":"e","type":"organization","name":"E"}"#,
            #"{"record":"entity","id":"f","type":"organization","name":"F"}"#,
        ]
        // Partial dates, a date known only as an end, equal dates (then by id), undated claims.
        let dates: [(id: String, start: String?, end: String?)] = [
            ("k", "2014-05-12", nil), ("b", "2014", nil), ("j", "2014-05", nil), ("a", "2014-05", nil), ("z", nil, "2013"),
            ("y", nil, nil), ("c", nil, nil), ("m", "2015", "2016"),
        ]
        for (index, claim) in dates.enumerated() {
            let (subject, object) = index % 2 == 0 ? ("e", "f") : ("f", "e")
            let start = claim.start.map { "\"\($0)\"" } ?? "null"
            let end = claim.end.map { "\"\($0)\"" } ?? "null"
            lines.append(
                #"{"record":"claim","id":"\#(claim.id)","subject":"\#(subject)","predicate":"praised","object":"\#(object)","start":\#(start),"end":\#(end),"citations":[{"source":"wire","quote":"q","stance":"asserts","credibility":3}]}"#
            )
        }
        let file = try cli.write("dated.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", file]).status == 0)
        let sorted = try cli.run(["timeline", "e", "--limit", "100"])
        let streamed = try cli.run(["timeline", "e", "--limit", "0"])
        #expect(streamed.status == 0, "\(streamed.standardError)")
        #expect(streamed.standardOutput == sorted.standardOutput)
        let json = try cli.run(["timeline", "e", "--format", "json"])
        #expect(json.standardOutput == (try cli.run(["timeline", "e", "--format", "json", "--limit", "100"])).standardOutput)
        let ids = self.lines(json.standardOutput).filter { !$0.isEmpty }.map { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["claim"] as? String ?? ""
        }
        let order = ["z", "b", "a", "j", "k", "m", "c", "y"]
        #expect(ids == order)
        // Each limit lists the first claims of the whole order, and says of how many when it cuts.
        for limit in 1...order.count {
            let cut = try cli.run(["timeline", "e", "--format", "json", "--limit", "\(limit)"])
            #expect(self.lines(cut.standardOutput).filter { !$0.isEmpty }.count == limit)
            let table = try cli.run(["timeline", "e", "--limit", "\(limit)"])
            #expect(
                table.standardOutput.hasSuffix("showing \(limit) of \(order.count) claims; --limit 0 for all\n")
                    == (limit < order.count), "\(limit): \(table.standardOutput)")
        }
    }

    @Test("source with --limit 0 streams every claim: the same table, records and rows as when all are held")
    func sourceStreamed() throws {
        let cli = try generatedStore()
        for format in ["table", "json", "csv"] {
            let streamed = try cli.run(["source", "blog", "--format", format, "--limit", "0"])
            #expect(streamed.status == 0, "\(streamed.standardError)")
            let held = try cli.run(["source", "blog", "--format", format, "--limit", "10000"])
            #expect(streamed.standardOutput == held.standardOutput, "\(format)")
        }
        let table = try cli.run(["source", "blog", "--limit", "0"])
        #expect(table.standardOutput.contains("Claims it makes (\(Self.spokes / 3 + Self.spokes * 2))\n"))
    }

    @Test(
        "check --limit: the first n findings of each check, each cut short saying how many; JSON and CSV all unless given a limit; the exit code and count are of them all"
    )
    func checkLimit() throws {
        let cli = try CLIHarness.scoped
        // Three names each held by two entities, and a relay published before the three it relays.
        var lines = [
            #"{"record":"source","id":"relay","type":"other","title":"Relay","published":"2010","reliability":"C","cites":["late-0","late-1","late-2"]}"#
        ]
        for number in 0..<3 {
            lines.append(
                #"{"record":"source","id":"late-\#(number)","type":"other","title":"Late","published":"2020","reliability":"C"}"#)
            for twin in ["a", "b"] {
                lines.append(
                    #"{"record":"entity","id":"name-\#(number)-\#(twin)","type":"organization","name":"Name \#(number)"}"#)
            }
        }
        try cli.write("records.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)

        let table = try cli.run(["check", "--limit", "2"])
        #expect(table.status == 65)
        #expect(table.standardError == "isnad: 6 problems found\n", "\(table.standardError)")
        let output = table.standardOutput
        #expect(output.contains("FAIL entities that are probably the same: 3 problems\n"), "\(output)")
        #expect(output.components(separatedBy: "       showing 2 of 3 problems; --limit 0 for all\n").count == 3, "\(output)")
        #expect(output.contains(#"entities "name-1-a", "name-1-b""#) && !output.contains(#"entities "name-2-a""#), "\(output)")
        #expect(output.contains("relays late-1") && !output.contains("relays late-2"), "\(output)")
        let whole = try cli.run(["check", "--limit", "0"])
        #expect(whole.status == 65)
        #expect(!whole.standardOutput.contains("--limit 0 for all") && whole.standardOutput.contains("relays late-2"))
        #expect(try cli.run(["check"]).standardOutput == whole.standardOutput, "200 of each is all of them")

        for format in ["json", "csv"] {
            let all = try cli.run(["check", "--format", format])
            #expect(all.status == 65)
            #expect(all.standardError == "isnad: 6 problems found\n", "\(format): \(all.standardError)")
            #expect(
                all.standardOutput.split(whereSeparator: \.isNewline).count == (format == "csv" ? 7 : 6), "\(all.standardOutput)")
            let cut = try cli.run(["check", "--format", format, "--limit", "1"])
            #expect(cut.status == 65)
            #expect(
                cut.standardError == "isnad: showing 2 of 6 problems; --limit 0 for all\nisnad: 6 problems found\n",
                "\(format): \(cut.standardError)")
            #expect(
                cut.standardOutput.split(whereSeparator: \.isNewline).count == (format == "csv" ? 3 : 2), "\(cut.standardOutput)")
        }
    }

    @Test(
        "--limit takes a whole number from 0: anything else is a usage error naming the option",
        arguments: ["neighbors", "show", "claims", "timeline", "search", "source"], ["-1", "x", "2.5", ""])
    func badLimit(command: String, value: String) throws {
        let cli = try CLIHarness.scoped
        let argument = command == "claims" || command == "timeline" ? [] : [command == "source" ? "wire" : "hub"]
        let result = try cli.run([command] + argument + ["--limit", value])
        #expect(result.status == 64, "\(result.standardError)")
        let expected = value.isEmpty ? "--limit is empty: --limit <n>" : "--limit: expected a whole number from 0 to"
        #expect(result.standardError.contains(expected), "\(result.standardError)")
    }

    @Test("a claim with more citations than a table lists: the strongest ten, then how many more and the listing of each")
    func citationsCut() throws {
        let cli = try CLIHarness.scoped
        // Support before denials, then by grade: the B source's two, then the E's; the F denials last.
        let sources = [
            #"{"record":"source","id":"strong","type":"statement","title":"Strong","reliability":"B"}"#,
            #"{"record":"source","id":"weak","type":"statement","title":"Weak","reliability":"E"}"#,
            #"{"record":"source","id":"naysayer","type":"statement","title":"Naysayer","reliability":"F"}"#,
        ]
        let citations =
            (0..<10).map { #"{"source":"weak","quote":"weak \#($0)","stance":"asserts","credibility":3}"# }
            + (0..<3).map { #"{"source":"naysayer","quote":"no \#($0)","stance":"denies","credibility":3}"# }
            + (0..<2).map { #"{"source":"strong","quote":"strong \#($0)","stance":"asserts","credibility":2}"# }
        try cli.write(
            "records.jsonl",
            ([
                #"{"record":"entity","id":"a","type":"organization","name":"Alpha"}"#,
                #"{"record":"entity","id":"b","type":"organization","name":"Beta"}"#,
            ] + sources + [
                #"{"record":"claim","id":"c1","subject":"a","predicate":"funded","object":"b","citations":[\#(citations.joined(separator: ","))]}"#
            ]).joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        // The strongest denial takes the tenth place: the accused's own words are never all cut.
        let more =
            "and 5 more citations, 2 of them denials (the 10 strongest shown, a denial among them): isnad claims --id c1 --format csv lists each"
        let show = try cli.run(["show", "a"]).standardOutput
        #expect(show.contains(more), "\(show)")
        #expect(
            show.contains("«strong 0»") && show.contains("«weak 6»") && !show.contains("«weak 7»") && show.contains("«no 0»")
                && !show.contains("«no 1»"))
        let lastSupport = try #require(show.range(of: "«weak 6»"))
        let denial = try #require(show.range(of: "«no 0»"))
        #expect(lastSupport.lowerBound < denial.lowerBound, "the denial after the support")
        let strong = try #require(show.range(of: "«strong 1»"))
        let weak = try #require(show.range(of: "«weak 0»"))
        #expect(strong.lowerBound < weak.lowerBound, "strongest first")
        let filtered = try cli.run(["show", "a", "--source", "weak,naysayer"]).standardOutput
        #expect(
            filtered.contains("and 3 more citations, 2 of them denials")
                && filtered.contains("lists each (with the same filters)"), "\(filtered)")
        // disputes cuts each side on its own: 12 support it, 3 deny it.
        let disputes = try cli.run(["disputes"]).standardOutput
        #expect(disputes.contains("      and 2 more citations (the 10 strongest shown)"), "\(disputes)")
        #expect(disputes.contains("«no 2»"))
        // JSON and CSV carry every citation.
        #expect(try cli.run(["show", "a", "--format", "json"]).standardOutput.contains("no 2"))
        let rows = try cli.run(["claims", "--id", "c1", "--format", "csv"])
        #expect(rows.standardOutput.split(separator: "\r\n").count == 16)
        // A retracted claim is not among what `claims` lists: its record holds each citation.
        #expect(try cli.run(["retract", "c1", "--reason", "test"]).status == 0)
        let retracted = try cli.run(["show", "a", "--include-retracted"]).standardOutput
        #expect(
            retracted.contains(
                "and 5 more citations, 2 of them denials (the 10 strongest shown, a denial among them): isnad edit c1 shows its record, with each (save it unchanged)"
            ),
            "\(retracted)")
        #expect(try cli.run(["restore", "c1"]).status == 0)
        let filteredRows = try cli.run(["claims", "--id", "c1", "--source", "weak,naysayer", "--format", "csv"])
        #expect(filteredRows.standardOutput.split(separator: "\r\n").count == 14)
    }

    @Test("an entity with many aliases: show names the first 20 of each language and counts the rest")
    func aliasesCut() throws {
        let cli = try CLIHarness.scoped
        let aliases = (0..<25).map { #"{"name":"Alias \#($0)","lang":"en"}"# } + [#"{"name":"اسم","lang":"ar"}"#]
        try cli.write(
            "records.jsonl",
            #"{"record":"entity","id":"big","type":"organization","name":"Big","aliases":[\#(aliases.joined(separator: ","))]}"#
                + "\n")
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let show = try cli.run(["show", "big"]).standardOutput
        #expect(show.contains("Alias 19 … and 5 more (isnad show big --format json lists them)"), "\(show)")
        #expect(!show.contains("Alias 20"))
        #expect(show.contains("  ar: اسم\n"))
        #expect(try cli.run(["show", "big", "--format", "json"]).standardOutput.contains("Alias 24"))
    }

    @Test("a long chain of transmission: source lists 20 links each way and counts the rest; JSON has every source")
    func chainCut() throws {
        let cli = try CLIHarness.scoped
        let relays = (0..<30).map {
            #"{"record":"source","id":"r\#($0)","type":"news-article","title":"Relay \#($0)","reliability":"D","cites":["r\#($0 + 1)"]}"#
        }
        try cli.write(
            "records.jsonl",
            (relays + [#"{"record":"source","id":"r30","type":"news-article","title":"Root","reliability":"D"}"#])
                .joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let top = try cli.run(["source", "r0"]).standardOutput
        #expect(top.contains("(depth 20) r20 ") && !top.contains(" r21 "), "\(top)")
        #expect(top.contains("  and 10 more sources in the chain: isnad source r0 --format json lists them"))
        let root = try cli.run(["source", "r30"]).standardOutput
        #expect(root.contains("  and 10 more sources in the chain: isnad source r30 --format json lists them"), "\(root)")
        #expect(try cli.run(["source", "r0", "--format", "json"]).standardOutput.contains(#""id":"r30""#))
    }
}
