import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// `isnad export html`: the file itself, and the page in a real browser (Chromium driven by
/// Playwright for Python, with every request refused; `Tests/Browser/check_html_view.py`).
@Suite("HTML view", .temporaryStore)
struct HTMLViewTests {
    static let dataset = Repository.root.appendingPathComponent("Datasets/hadera-2022/hadera-2022.jsonl").path
    static var chromium: String? {
        ExternalTool.path("chromium")
            ?? (FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") ? "/usr/bin/chromium" : nil)
    }
    static var python: String? { ExternalTool.python(with: ["playwright.sync_api"]) }

    private func datasetStore() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["import", HTMLViewTests.dataset]).status == 0)
        return cli
    }

    /// The records `isnad ARGUMENTS --format json` prints, as dictionaries.
    private func records(_ cli: CLIHarness, _ arguments: [String]) throws -> [[String: Any]] {
        let result = try cli.run(arguments + ["--format", "json"])
        #expect(result.status == 0, "\(arguments): \(result.standardError)")
        return result.standardOutput.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// A store of `count` people and nothing else: `e0`, `e1` …
    private func storeOfPeople(_ count: Int) throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        let lines = (0..<count).map { #"{"record":"entity","id":"e\#($0)","type":"person","name":"E \#($0)"}"# }
        try cli.write("many.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "many.jsonl"]).status == 0)
        return cli
    }

    /// Each entity of the store, with its name and aliases.
    private func entityNames(_ cli: CLIHarness) throws -> [(id: String, names: [String])] {
        try cli.run(["export", "jsonl"]).standardOutput.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }.filter { $0["record"] as? String == "entity" }.map { entity in
            (
                entity["id"] as? String ?? "",
                [entity["name"] as? String ?? ""]
                    + (entity["aliases"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            )
        }
    }

    /// Every name and alias of the store's entities, and spellings that exercise each rule of the
    /// consonant key: what the page's port must key as Swift does.
    private func consonantNames(_ cli: CLIHarness) throws -> [String] {
        let entities = try cli.run(["export", "jsonl"]).standardOutput.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }.filter { $0["record"] as? String == "entity" }
        let names = entities.flatMap { entity in
            [entity["name"] as? String ?? ""] + (entity["aliases"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        }
        return names + [
            "Abdul Rahman", "Abul Fadl", "al-al-Qassam", "ａｌ－Ｑａｓｓａｍ", "Ash-Shabaab", "pph", "Gucchi", "Djihad", "Xaviera",
            "Hizbullah", "Jama'at Nusrat al-Islam wal-Muslimin",
            "Jabhat al-Nusra", "Beirut", "Hayat Tahrir al-Sham", "Harakat Harakat Harakat Harakat", "جبهة النصرة",
            "الالتزام", "الحق", "الله", "Abdelkader", "Abdullah", "Abu Dhabi", "Gaddafi", "Ghasem Soleimani", "Dhdh Gg",
            "إلهام أحمد", "ألبانيا", "الألباني", "آلاف", "بإلهام", "اتفاق ٢٠١٧", "Person 11", "Ｈａｍａｓ",
            "Aya", "ـــ", "پاکستان", "Chabab", "غزۃ", "حزب اللہ", "ہھۂە ے", "نصرالله", "the Gaza Strip",
        ]
    }

    private func claimCount(_ cli: CLIHarness, _ filter: [String]) throws -> Int {
        try records(cli, ["claims"] + filter).filter { $0["record"] as? String == "claim" }.count
    }

    /// Claims whose strength changes with the filters: k1 rests on a shared origin (A) through two
    /// articles, one E and public in 2018, one A and public in 2022; k2's three citations are one
    /// channel only through the C source that joins the other two; k3 is a D blog's claim that two
    /// A sources deny; k4 is the police (B) read only in E sources, whose chains converge on the
    /// police: each citation is capped by its via (known by 2021, the page weighs the two left);
    /// k5's best grade is one citation's (B5 beside E2); k6's grade 1 (the UN, A) is not borne out
    /// by the police (B) read only in the E article, which confirms nothing: A2, not A1; k7 is the
    /// ministry (A) read in a paper (A) that has it only from an E agency: E2.
    static let weighedRecords = """
        {"record":"entity","id":"a","type":"organization","name":"Alpha"}
        {"record":"entity","id":"b","type":"organization","name":"Bravo"}
        {"record":"source","id":"m","type":"other","title":"Shared origin","reliability":"A"}
        {"record":"source","id":"x","type":"statement","title":"X","published":"2018","reliability":"B","cites":["m"]}
        {"record":"source","id":"y","type":"statement","title":"Y","published":"2022","reliability":"B","cites":["m"]}
        {"record":"source","id":"art","type":"opinion-article","title":"Weak","published":"2018","reliability":"E"}
        {"record":"source","id":"good","type":"news-article","title":"Good","published":"2022","reliability":"A"}
        {"record":"source","id":"m1","type":"other","title":"M1","reliability":"A"}
        {"record":"source","id":"m2","type":"other","title":"M2","reliability":"A"}
        {"record":"source","id":"p1","type":"statement","title":"P1","published":"2016","reliability":"A","cites":["m1"]}
        {"record":"source","id":"p2","type":"statement","title":"P2","published":"2016","reliability":"C","cites":["m1","m2"]}
        {"record":"source","id":"p3","type":"statement","title":"P3","published":"2016","reliability":"A","cites":["m2"]}
        {"record":"source","id":"blog","type":"other","title":"Blog","published":"2015","reliability":"D"}
        {"record":"source","id":"un","type":"official-statement","title":"UN","published":"2020","reliability":"A"}
        {"record":"source","id":"wire","type":"news-article","title":"Wire","published":"2021","reliability":"A"}
        {"record":"source","id":"police","type":"official-statement","title":"Police","reliability":"B"}
        {"record":"source","id":"art2","type":"news-article","title":"Art2","published":"2019","reliability":"E","cites":["police"]}
        {"record":"source","id":"agg","type":"social-media-post","title":"Agg","published":"2020","reliability":"E","cites":["art2"]}
        {"record":"source","id":"late","type":"news-article","title":"Late","published":"2023","reliability":"E","cites":["police"]}
        {"record":"claim","id":"k4","subject":"a","predicate":"communicated_with","object":"b","start":null,"end":null,"citations":[{"source":"police","via":"art2","quote":"q9","stance":"asserts","credibility":2},{"source":"police","via":"agg","quote":"q10","stance":"asserts","credibility":2},{"source":"police","via":"late","quote":"q11","stance":"asserts","credibility":2}]}
        {"record":"claim","id":"k1","subject":"a","predicate":"funded","object":"b","start":null,"end":null,"citations":[{"source":"x","via":"art","quote":"q1","stance":"asserts","credibility":2},{"source":"y","via":"good","quote":"q2","stance":"asserts","credibility":2}]}
        {"record":"claim","id":"k2","subject":"a","predicate":"allied_with","object":"b","start":null,"end":null,"citations":[{"source":"p1","quote":"q3","stance":"asserts","credibility":1},{"source":"p2","quote":"q4","stance":"asserts","credibility":2},{"source":"p3","quote":"q5","stance":"asserts","credibility":1}]}
        {"record":"claim","id":"k3","subject":"a","predicate":"hostile_to","object":"b","start":null,"end":null,"citations":[{"source":"blog","quote":"q6","stance":"asserts","credibility":5},{"source":"un","quote":"q7","stance":"denies","credibility":1},{"source":"wire","quote":"q8","stance":"denies","credibility":1}]}
        {"record":"claim","id":"k5","subject":"a","predicate":"met_with","object":"b","start":null,"end":null,"citations":[{"source":"police","quote":"q12","stance":"asserts","credibility":5},{"source":"art","quote":"q13","stance":"asserts","credibility":2}]}
        {"record":"claim","id":"k6","subject":"a","predicate":"supplied_weapons_to","object":"b","start":null,"end":null,"citations":[{"source":"un","quote":"q14","stance":"asserts","credibility":1},{"source":"police","via":"art","quote":"q15","stance":"asserts","credibility":2}]}
        {"record":"source","id":"ministry","type":"official-statement","title":"Ministry","published":"2017","reliability":"A"}
        {"record":"source","id":"agency","type":"news-article","title":"Agency","published":"2017","reliability":"E","cites":["ministry"]}
        {"record":"source","id":"paper","type":"news-article","title":"Paper","published":"2018","reliability":"A","cites":["agency"]}
        {"record":"claim","id":"k7","subject":"a","predicate":"linked_to","object":"b","start":null,"end":null,"citations":[{"source":"ministry","via":"paper","quote":"q16","stance":"asserts","credibility":2}]}

        """

    @Test(
        "in Chromium: under each filter the page weighs the citations left as the command line does (status, grade, channels, common link)",
        .enabled(
            if: chromium != nil && python != nil, "needs chromium (apt: chromium) and Playwright for Python (pip: playwright)"))
    func weighsAgainInBrowser() throws {
        let cli = try CLIHarness.scoped
        try cli.write("weighed.jsonl", HTMLViewTests.weighedRecords)
        #expect(try cli.run(["import", "weighed.jsonl"]).status == 0)
        let page = cli.path("view.html")
        #expect(try cli.run(["export", "html", "--layout", "own", "-o", page]).status == 0)
        var cases: [[String: Any]] = []
        for (name, option, value) in [
            ("", "", ""), ("knownBy", "--known-by", "2019"), ("knownBy", "--known-by", "2021"),
            ("minReliability", "--min-reliability", "A"), ("minCredibility", "--min-credibility", "2"),
        ] {
            let csv = try cli.run(["claims", "--format", "csv", "--limit", "0"] + (option.isEmpty ? [] : [option, value]))
            var claims: [String: [Any]] = [:]
            let rows = csv.standardOutput.split(separator: "\r\n").map {
                $0.split(separator: ",", omittingEmptySubsequences: false)
            }
            let header = rows.first ?? []
            func column(_ name: String) -> Int { header.firstIndex { $0 == name } ?? 0 }
            for row in rows.dropFirst() where claims[String(row[0])] == nil {
                claims[String(row[0])] = [
                    String(row[column("status")]), String(row[column("best_reliability")] + row[column("best_credibility")]),
                    Int(row[column("channels")]) ?? -1, String(row[column("common_link")]), Int(row[column("sources")]) ?? -1,
                ]
            }
            cases.append(["filter": name.isEmpty ? [:] : [name: value], "claims": claims])
        }
        // The rows differ under the filters: the check is not of one answer repeated.
        #expect(Set(cases.map { "\($0["claims"] ?? "")" }).count == cases.count)
        let expectedPath = cli.path("weights.json")
        try JSONSerialization.data(withJSONObject: cases).write(to: URL(fileURLWithPath: expectedPath))
        let script = Repository.root.appendingPathComponent("Tests/Browser/check_html_weights.py").path
        let result = try ExternalTool.run(
            try #require(HTMLViewTests.python), [script, page, expectedPath, "--chromium", try #require(HTMLViewTests.chromium)])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    }

    /// A `dot` that runs `script` (in its folder of the harness's, written again at each call),
    /// and a PATH that finds it before Graphviz's.
    private func fakeGraphviz(_ cli: CLIHarness, _ script: String) throws -> (folder: String, path: String) {
        let folder = cli.path("fake-graphviz")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try cli.write("fake-graphviz/dot", "#!/bin/sh\n" + script + "\n")
        chmod(folder + "/dot", 0o755)
        return (folder, folder + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"))
    }

    @Test(
        "a Graphviz that fails leaves the default page to Isnad's own layout, and fails --layout dot with its message on one line"
    )
    func failingGraphviz() throws {
        let cli = try datasetStore()
        // A dot that complains on two lines, one of them coloured, and gives up.
        let (folder, path) = try fakeGraphviz(cli, "printf 'cannot lay out\\n\\033[31mat all\\n' >&2\nexit 3")
        let own = try cli.run(["export", "html", "--layout", "own"])
        let fallen = try cli.run(["export", "html"], environment: ["PATH": path])
        #expect(fallen.status == 0, "\(fallen.standardError)")
        #expect(fallen.outputBytes == own.outputBytes)
        #expect(
            fallen.standardError
                == "isnad: laid out by Isnad's own layout, since Graphviz failed (\(folder)/dot exited with status 3: cannot lay out \\u{1B}[31mat all)\n"
        )
        let asked = try cli.run(["export", "html", "--layout", "dot", "-o", "asked.html"], environment: ["PATH": path])
        #expect(asked.status == 1)
        #expect(
            asked.standardError.hasPrefix(
                "isnad: layout failed: \(folder)/dot exited with status 3: cannot lay out \\u{1B}[31mat all"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("asked.html")))
    }

    @Test(
        "a Graphviz that answers what is not JSON, or says megabytes, leaves the default to Isnad's layout with a short message; one ended by Ctrl-C stops the export"
    )
    func misbehavingGraphviz() throws {
        let cli = try datasetStore()
        let own = try cli.run(["export", "html", "--layout", "own"])
        func run(_ script: String) throws -> ExternalTool.Result {
            try cli.run(["export", "html", "-o", "view.html"], environment: ["PATH": try fakeGraphviz(cli, script).path])
        }
        let notJSON = try run("echo 'no layout today'")
        #expect(notJSON.status == 0)
        #expect(notJSON.standardError.contains("/dot -Tjson gave what is not JSON"))
        #expect(try cli.read("view.html") == own.outputBytes)
        let talkative = try run("head -c 3000000 /dev/zero | tr '\\0' x >&2; exit 1")
        #expect(talkative.status == 0)
        #expect(talkative.standardError.utf8.count < 600, "\(talkative.standardError.utf8.count) bytes")
        #expect(talkative.standardError.hasSuffix(" …)\n"))
        try FileManager.default.removeItem(atPath: cli.path("view.html"))
        // Graphviz ended by Ctrl-C: the command is being stopped, no other layout is tried.
        let interrupted = try run("kill -INT $$")
        #expect(interrupted.status == 1)
        #expect(interrupted.standardError.hasSuffix("/dot was ended by signal 2\n"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("view.html")))
    }

    @Test("the same store gives the same bytes, with Isnad's layout and with Graphviz's")
    func deterministic() throws {
        let cli = try datasetStore()
        for layout in ["own"] + (ExternalTool.path("dot") != nil ? ["dot"] : []) {
            let first = try cli.run(["export", "html", "--layout", layout])
            let second = try cli.run(["export", "html", "--layout", layout])
            #expect(first.status == 0, "\(first.standardError)")
            #expect(first.outputBytes == second.outputBytes, "\(layout)")
            #expect(first.standardOutput.hasPrefix("<!DOCTYPE html>"))
            // Nothing to fetch: no stylesheet link, no script source, no image address.
            for request in ["<link", "src=\"", "url(http", "@import"] {
                #expect(!first.standardOutput.contains(request), "\(request)")
            }
            #expect(first.standardOutput.contains("default-src 'none'"))
        }
    }

    @Test("filters that leave nothing to draw are refused (64) with advice to widen them, not to narrow them, and no file")
    func nothingToDraw() throws {
        let cli = try datasetStore()
        let result = try cli.run(["export", "html", "--status", "asserted", "--layout", "own", "-o", "view.html"])
        #expect(result.status == 64)
        #expect(
            result.standardError.hasPrefix(
                "isnad: nothing to draw: no entity passes these filters, so no file was written; widen or leave out the filters"),
            "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("view.html")))
    }

    @Test(
        "a page carries no claim notes unless asked (--include-notes), nor the reasons of unverified quotes; a cited source's publisher, author and url, and of a source met only up a chain its grade alone"
    )
    func whatAPageCarries() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "chain.jsonl",
            """
            {"record":"entity","id":"a","type":"organization","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Bravo"}
            {"record":"source","id":"informant","type":"other","title":"Khaled, our man in Arish","author":"Khaled","publisher":"Arish desk","url":"https://arish.example/khaled","reliability":"B"}
            {"record":"source","id":"story","type":"news-article","title":"Our story","publisher":"The Daily","author":"Ana","url":"https://daily.example/story","reliability":"C","cites":["informant"]}
            {"record":"claim","id":"k","subject":"a","predicate":"funded","object":"b","notes":"do not publish his name","citations":[{"source":"story","quote":"q","stance":"asserts","credibility":3,"locator":"p. 4 (unverified: KN oral statement)"}]}

            """)
        #expect(try cli.run(["import", "chain.jsonl"]).status == 0)
        let page = try cli.run(["export", "html", "--layout", "own"])
        #expect(page.status == 0, "\(page.standardError)")
        #expect(page.standardOutput.contains(#""informant":{"reliability":"B"}"#), "the page weighs with its grade")
        #expect(page.standardOutput.contains("Our story"))
        // A cited source's publisher, author and url: where a reader of the page finds the document.
        #expect(
            page.standardOutput.contains(
                #""publisher":"The Daily","author":"Ana","url":"https://daily.example/story""#), "\(page.standardOutput)")
        for kept in ["Khaled", "Arish", "do not publish", "KN oral"] { #expect(!page.standardOutput.contains(kept), "\(kept)") }
        // The reason `add claim --unverified` gave is the analyst's note too, as a copy
        // --without-notes takes it: the locator keeps that the quote is unverified.
        #expect(page.standardOutput.contains(#""locator":"p. 4 (unverified)""#))
        let withNotes = try cli.run(["export", "html", "--layout", "own", "--include-notes"]).standardOutput
        #expect(withNotes.contains(#""notes":"do not publish his name""#))
        #expect(withNotes.contains(#""locator":"p. 4 (unverified: KN oral statement)""#))
        #expect(try cli.run(["export", "graphml", "--include-notes"]).status == 64)
    }

    @Test("a name holding a mark of the page's template ({{CSS}}) is its name in the title, not the style sheet")
    func templateMarkInName() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "marks.jsonl",
            #"{"record":"entity","id":"curly","type":"person","name":"{{CSS}} {{DATA}} {{TITLE}}"}"# + "\n")
        #expect(try cli.run(["import", "marks.jsonl"]).status == 0)
        let page = try cli.run(["export", "html", "--focus", "curly", "--layout", "own"]).standardOutput
        let title = try #require(
            page.components(separatedBy: "<title>").dropFirst().first?.components(separatedBy: "</title>").first)
        #expect(title.contains("{{CSS}} {{DATA}} {{TITLE}}"), "\(title.prefix(200))")
        #expect(title.count < 200, "\(title.prefix(200))")
    }

    @Test("the page exported in Arabic has its window title in Arabic, before its script runs")
    func arabicWindowTitle() throws {
        let cli = try datasetStore()
        let page = try cli.run(["export", "html", "--lang", "ar", "--layout", "own"]).standardOutput
        let title = try #require(
            page.components(separatedBy: "<title>").dropFirst().first?.components(separatedBy: "</title>").first)
        #expect(title.contains("كل الكيانات والادعاءات"), "\(title)")
    }

    @Test("a name cannot close the script element it is stored in")
    func scriptSafe() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "evil.jsonl",
            #"{"record":"entity","id":"evil","type":"person","name":"</script><script>alert(1)</script>"}"# + "\n")
        #expect(try cli.run(["import", "evil.jsonl"]).status == 0)
        let page = try cli.run(["export", "html", "--layout", "own"]).standardOutput
        #expect(!page.contains("<script>alert"))
        #expect(page.contains(#"\u003c/script>\u003cscript>alert(1)\u003c/script>"#))
    }

    @Test(
        "in Chromium: a description is labelled the store's note; a cited source's publisher, author and url are in the edge's panel, a url a link only when http(s)",
        .enabled(
            if: chromium != nil && python != nil, "needs chromium (apt: chromium) and Playwright for Python (pip: playwright)"))
    func sourcesTracedInBrowser() throws {
        let cli = try CLIHarness.scoped
        let records = #"""
            {"record":"entity","id":"ws","type":"organization","name":"Wilayat Sinai","description":"The Islamic State's branch in Sinai."}
            {"record":"entity","id":"is","type":"organization","name":"Islamic State"}
            {"record":"source","id":"un","type":"report","title":"Thirtieth report","publisher":"United Nations Security Council","author":"Monitoring Team","url":"https://undocs.org/S/2022/547","reliability":"B"}
            {"record":"source","id":"paper","type":"news-article","title":"The paper","publisher":"Daily <i>News</i> & Co","url":"http://example.org/a?b=1&c=<script>","reliability":"C"}
            {"record":"source","id":"statement","type":"statement","title":"A statement","author":"A spokesman","url":"JavaScript:alert(1)","reliability":"B"}
            {"record":"source","id":"post","type":"social-media-post","title":"A post","url":" javascript:alert(2)","reliability":"D"}
            {"record":"source","id":"blob","type":"other","title":"A blob","url":"data:text/html,<script>alert(3)</script>","reliability":"D"}
            {"record":"claim","id":"k","subject":"ws","predicate":"branch_of","object":"is","citations":[{"source":"un","quote":"q1","stance":"asserts","credibility":2},{"source":"statement","via":"paper","quote":"q2","stance":"reports","credibility":3},{"source":"post","quote":"q3","stance":"reports","credibility":4},{"source":"blob","quote":"q4","stance":"reports","credibility":4}]}

            """#
        try cli.write("sources.jsonl", records)
        #expect(try cli.run(["import", "sources.jsonl"]).status == 0)
        let page = cli.path("view.html")
        #expect(try cli.run(["export", "html", "--layout", "own", "-o", page]).status == 0)
        let script = Repository.root.appendingPathComponent("Tests/Browser/check_html_sources.py").path
        let result = try ExternalTool.run(
            try #require(HTMLViewTests.python), [script, page, "ws", "k", "--chromium", try #require(HTMLViewTests.chromium)])
        try #require(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let seen = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let entity = seen["entity"] as? String ?? ""
        #expect(
            entity.contains("Description (the store’s note, not a weighed claim): The Islamic State's branch in Sinai."),
            "\(entity)")
        let edge = seen["edge"] as? String ?? ""
        // The claimant's line, without its id again (the line above names it).
        #expect(
            edge.contains("publisher: United Nations Security Council · author: Monitoring Team · https://undocs.org/S/2022/547"),
            "\(edge)")
        // Read via another source: a line for each, named by its id; markup is text.
        #expect(edge.contains("(statement) author: A spokesman · JavaScript:alert(1)"), "\(edge)")
        #expect(edge.contains("(paper) publisher: Daily <i>News</i> & Co · http://example.org/a?b=1&c=<script>"), "\(edge)")
        #expect(edge.contains("javascript:alert(2)"), "\(edge)")
        #expect(edge.contains("data:text/html,<script>alert(3)</script>"), "\(edge)")
        // Only the http and https urls are links, opened apart from the page and telling no referrer.
        let links = seen["links"] as? [[String: Any]] ?? []
        #expect(
            links.compactMap { $0["href"] as? String }.sorted()
                == ["http://example.org/a?b=1&c=%3Cscript%3E", "https://undocs.org/S/2022/547"], "\(links)")
        #expect(links.allSatisfy { $0["rel"] as? String == "noopener noreferrer" && $0["target"] as? String == "_blank" })
        #expect((seen["dialogs"] as? [String]) == [], "\(seen["dialogs"] ?? "")")
        #expect(
            seen["csp"] as? String
                == "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:")
    }

    @Test(
        "in Chromium: a symmetric claim has no arrowhead, a directed one its head on its object's shape, and no line ends under another's head",
        .enabled(
            if: chromium != nil && python != nil, "needs chromium (apt: chromium) and Playwright for Python (pip: playwright)"))
    func headsInBrowser() throws {
        let cli = try datasetStore()
        let symmetric = Vocabulary.standard.predicates.filter(\.isSymmetric).map(\.id)
        let script = Repository.root.appendingPathComponent("Tests/Browser/check_html_heads.py").path
        func check(_ page: String) throws {
            let result = try ExternalTool.run(
                try #require(HTMLViewTests.python),
                [
                    script, page, symmetric.joined(separator: ","), page + ".png", "--chromium",
                    try #require(HTMLViewTests.chromium),
                ])
            #expect(result.status == 0, "\(page): \(result.standardOutput)\(result.standardError)")
        }
        // The whole seed: boxes, ellipses, octagons and houses, symmetric and directed claims.
        let whole = cli.path("whole.html")
        #expect(try cli.run(["export", "html", "-o", whole]).status == 0)
        try check(whole)
        // A review's figure: Hamas's symmetric economic relations with Wilayat Sinai left Hamas
        // where the arrowhead of Islamic State's weapons for Hamas met it, and read as directed.
        try cli.write(
            "un.jsonl",
            #"""
            {"record":"source","id":"un-report","type":"report","title":"A UN report","reliability":"B"}
            {"record":"claim","id":"hamas-economic-relations-with-wilayat-sinai","subject":"hamas","predicate":"economic_relations_with","object":"wilayat-sinai","citations":[{"source":"un-report","quote":"trade across the border","stance":"asserts","credibility":3}]}

            """#)
        #expect(try cli.run(["import", "un.jsonl"]).status == 0)
        let focused = cli.path("focused.html")
        let predicates = "smuggled_weapons_for,supplied_weapons_to,funded,economic_relations_with,branch_of,cooperated_with"
        #expect(
            try cli.run(["export", "html", "--focus", "wilayat-sinai", "--depth", "1", "--predicate", predicates, "-o", focused])
                .status == 0)
        try check(focused)
    }

    @Test(
        "in Chromium: an override stored in a name or title is shown as an escape, not obeyed; the file's data keeps it",
        .enabled(
            if: chromium != nil && python != nil, "needs chromium (apt: chromium) and Playwright for Python (pip: playwright)"))
    func overridesShownAsEscapes() throws {
        let cli = try CLIHarness.scoped
        let records = #"""
            {"record":"entity","id":"rlo","type":"organization","name":"Good Guys \u202Esdrawkcab\u202C Org"}
            {"record":"entity","id":"b","type":"organization","name":"Bravo"}
            {"record":"source","id":"s","type":"social-media-post","title":"Channel \u202Egnp.exe\u202C","reliability":"C"}
            {"record":"source","id":"s2","type":"news-article","title":"Channel","reliability":"B"}
            {"record":"claim","id":"k","subject":"rlo","predicate":"praised","object":"b","notes":"open \u2067 isolate","citations":[{"source":"s","quote":"q \u202Eevil","stance":"asserts","credibility":3},{"source":"s","quote":"not so","stance":"denies","credibility":3},{"source":"s2","via":"s","quote":"q4","stance":"reports","credibility":3}]}
            {"record":"entity","id":"iso","type":"organization","name":"حماس unit \u2067"}
            {"record":"entity","id":"csi","type":"organization","name":"x\u009By"}
            {"record":"claim","id":"k2","subject":"b","predicate":"linked_to","object":"iso","citations":[{"source":"s","quote":"q3","stance":"asserts","credibility":3}]}
            {"record":"entity","id":"rtl","type":"person","name":"محمد \u202D\u202Ereversed\u202C علي"}
            {"record":"claim","id":"k3","subject":"rtl","predicate":"linked_to","object":"b","citations":[{"source":"s","quote":"q5","stance":"asserts","credibility":3}]}

            """#
        try cli.write("hostile.jsonl", records)
        #expect(try cli.run(["import", "hostile.jsonl"]).status == 0)
        let page = cli.path("view.html")
        #expect(try cli.run(["export", "html", "--layout", "own", "--include-notes", "-o", page]).status == 0)
        let script = Repository.root.appendingPathComponent("Tests/Browser/read_html_text.py").path
        let result = try ExternalTool.run(
            try #require(HTMLViewTests.python),
            [script, page, "rlo", "--search", "Guys sdrawkcab", "--chromium", try #require(HTMLViewTests.chromium)])
        try #require(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let seen = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        // Each escape is in a left-to-right isolate of its own, which the checks of its text look past.
        let isolates: Set<Unicode.Scalar> = ["\u{2066}", "\u{2069}"]
        func withoutIsolates(_ text: String) -> String { String(text.unicodeScalars.filter { !isolates.contains($0) }) }
        let drawnAsIs = (seen["drawn"] as? [String] ?? []).joined(separator: "\n")
        let panelAsIs = seen["panel"] as? String ?? ""
        let drawn = withoutIsolates(drawnAsIs)
        let panel = withoutIsolates(panelAsIs)
        #expect(
            (drawnAsIs + panelAsIs).components(separatedBy: #"\u{"#).count
                == (drawnAsIs + panelAsIs).components(separatedBy: "\u{2066}" + #"\u{"#).count)
        // Inside Arabic, an escape still reads as the command line prints it, its backslash first.
        #expect(drawn.contains(#"محمد \u{202D}\u{202E}reversed\u{202C} علي"#), "\(drawn)")
        #expect((seen["backwards"] as? [String]) == [], "\(seen["backwards"] ?? "")")
        // A via is named as the claimant is, title and id: two sources may share a title.
        #expect(panel.contains(#"reports B3 Channel (s2) · via Channel \u{202E}gnp.exe\u{202C} (s)"#), "\(panel)")
        #expect(drawn.contains(#"Good Guys \u{202E}sdrawkcab\u{202C} Org"#), "\(drawn)")
        #expect(panel.contains(#"Good Guys \u{202E}sdrawkcab\u{202C} Org"#), "\(panel)")
        #expect(panel.contains(#"q \u{202E}evil"#), "\(panel)")
        #expect(!(drawn + panel).unicodeScalars.contains { (0x202A...0x202E).contains($0.value) })
        // The isolates and the C1 controls the command line escapes, escaped too: an unclosed
        // isolate would take the page's own around the name, and CSI shows nothing.
        #expect(drawn.contains(#"حماس unit \u{2067}"#) && drawn.contains(#"x\u{9B}y"#), "\(drawn)")
        #expect(panel.contains(#"open \u{2067} isolate"#), "\(panel)")
        // Each box is laid out for its label as drawn, escapes and all.
        #expect((seen["overflowing"] as? [String]) == [], "\(seen["overflowing"] ?? "")")
        #expect(panel.contains("1 claim") && !panel.contains("1 claims"), "\(panel)")
        // One source against itself, said as the command line says it.
        #expect(panel.contains("denied by 1 source (a source that also supports it)"), "\(panel)")
        // Search reads the names as stored: the escape shown is not what is searched.
        #expect((seen["search"] as? String ?? "").hasPrefix("1 found"), "\(seen["search"] ?? "")")
        // The data in the file is the store's own text.
        #expect(try String(contentsOfFile: page, encoding: .utf8).contains("sdrawkcab"))
        // The page's title, which the browser's tab obeys, shows the focus's name as the page does.
        let focused = cli.path("focused.html")
        #expect(try cli.run(["export", "html", "--focus", "rlo", "--layout", "own", "-o", focused]).status == 0)
        let html = try String(contentsOfFile: focused, encoding: .utf8)
        let title = try #require(
            html.components(separatedBy: "<title>").dropFirst().first?.components(separatedBy: "</title>").first)
        #expect(title.contains(#"Good Guys \u{202E}sdrawkcab\u{202C} Org"#), "\(title)")
        #expect(!title.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) }, "\(title)")
    }

    @Test(
        "Isnad's own layout gives the largest component most of the picture, the pairs in rows beside it, not in a ring around it"
    )
    func ownLayoutPacksComponents() throws {
        let cli = try CLIHarness.scoped
        // A wheel of 40 entities (a hub linked to a ring), 30 pairs apart from it, 5 entities linked to nothing.
        var lines = [#"{"record":"source","id":"s","type":"other","title":"S","reliability":"B"}"#]
        func entity(_ id: String) { lines.append(#"{"record":"entity","id":"\#(id)","type":"person","name":"Name \#(id)"}"#) }
        func claim(_ subject: String, _ object: String) {
            lines.append(
                #"{"record":"claim","id":"\#(subject)-\#(object)","subject":"\#(subject)","predicate":"funded","object":"\#(object)","citations":[{"source":"s","quote":"q","stance":"asserts","credibility":2}]}"#
            )
        }
        let wheel = (0..<40).map { "w\($0)" }
        let pairs = (0..<30).map { ("p\($0)a", "p\($0)b") }
        for id in wheel + pairs.flatMap({ [$0.0, $0.1] }) + (0..<5).map({ "u\($0)" }) { entity(id) }
        for i in 1..<40 { claim("w0", "w\(i)") }
        for i in 1..<39 { claim("w\(i)", "w\(i + 1)") }
        for (a, b) in pairs { claim(a, b) }
        try cli.write("components.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "components.jsonl"]).status == 0)
        let page = try cli.run(["export", "html", "--layout", "own"])
        #expect(page.status == 0, "\(page.standardError)")
        func embedded(_ name: String) -> [[String: Any]] {
            let after = page.standardOutput.components(separatedBy: "id=\"\(name)\">\n").dropFirst().first ?? ""
            let text = after.components(separatedBy: "</script>").first ?? ""
            return text.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }
        let layout = try #require(embedded("isnad-context").first?["layout"] as? [String: Any])
        let (width, height) = (try #require(layout["width"] as? Double), try #require(layout["height"] as? Double))
        var boxes: [String: [Double]] = [:]
        for entity in embedded("isnad-entities") {
            if let id = entity["id"] as? String, let box = entity["box"] as? [Double] { boxes[id] = box }
        }
        #expect(boxes.count == 105)
        let main = wheel.compactMap { boxes[$0] }
        let (left, right) = (main.map { $0[0] - $0[2] / 2 }.min() ?? 0, main.map { $0[0] + $0[2] / 2 }.max() ?? 0)
        let (top, bottom) = (main.map { $0[1] - $0[3] / 2 }.min() ?? 0, main.map { $0[1] + $0[3] / 2 }.max() ?? 0)
        // Laid out together, the 30 pairs ringed the wheel at a distance and it had 0.3 % of the picture.
        let share = (right - left) * (bottom - top) / (width * height)
        #expect(share > 0.4, "the wheel spans \(right - left) × \(bottom - top) of \(width) × \(height)")
        for (a, b) in pairs {
            for box in [boxes[a], boxes[b]].compactMap({ $0 }) {
                let isOutside = box[0] - box[2] / 2 > right || box[1] - box[3] / 2 > bottom
                #expect(isOutside, "\(a)/\(b) at \(box) is within the wheel's \(left)–\(right) × \(top)–\(bottom)")
            }
            // A pair is drawn together: its two boxes are closer than the wheel is wide.
            if let first = boxes[a], let second = boxes[b] {
                #expect(abs(first[0] - second[0]) + abs(first[1] - second[1]) < (right - left) / 2)
            }
        }
        #expect(try cli.run(["export", "html", "--layout", "own"]).outputBytes == page.outputBytes)
    }

    @Test(
        "past 300 entities, the default layout is Isnad's own, said on standard error; --layout dot still asks for Graphviz",
        .enabled(if: ExternalTool.path("dot") != nil, "needs Graphviz's dot"))
    func largeViewsLaidOutByIsnad() throws {
        let count = HTMLView.dotDefaultLimit + 1
        let cli = try storeOfPeople(count)
        let result = try cli.run(["export", "html", "-o", "view.html"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            result.standardError
                == "isnad: \(count) entities and 0 linked pairs laid out by Isnad's own layout: Graphviz's dot can take minutes past 300 entities or 500 linked pairs (--layout dot to wait for it)\n"
        )
        let own = try cli.run(["export", "html", "--layout", "own"]).outputBytes
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("view.html"))) == Data(own))
        let asked = try cli.run(["export", "html", "--layout", "dot", "-o", "dot.html"])
        #expect(asked.status == 0 && asked.standardError.isEmpty, "\(asked.standardError)")
    }

    @Test(
        "past 500 linked pairs, among however few entities, the default layout is Isnad's own, chosen before Graphviz runs: the same file on any machine"
    )
    func denseViewsLaidOutByIsnad() throws {
        let cli = try CLIHarness.scoped
        // 40 entities, 501 of the pairs among them linked: far fewer entities than 300.
        var lines = [#"{"record":"source","id":"s","type":"other","title":"S","reliability":"B"}"#]
        lines += (0..<40).map { #"{"record":"entity","id":"e\#($0)","type":"person","name":"E \#($0)"}"# }
        let pairs = (0..<40).flatMap { a in (a + 1..<40).map { (a, $0) } }.prefix(HTMLView.dotDefaultLinks + 1)
        for (a, b) in pairs {
            lines.append(
                #"{"record":"claim","subject":"e\#(a)","predicate":"communicated_with","object":"e\#(b)","citations":[{"source":"s","quote":"q","stance":"asserts","credibility":2}]}"#
            )
        }
        try cli.write("dense.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "dense.jsonl"]).status == 0)
        // A dot that would fail if it were run: it is not.
        let (_, path) = try fakeGraphviz(cli, "exit 3")
        let result = try cli.run(["export", "html", "-o", "view.html"], environment: ["PATH": path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            result.standardError
                == "isnad: 40 entities and 501 linked pairs laid out by Isnad's own layout: Graphviz's dot can take minutes past 300 entities or 500 linked pairs (--layout dot to wait for it)\n"
        )
        #expect(try cli.read("view.html") == (try cli.run(["export", "html", "--layout", "own"]).outputBytes))
    }

    @Test(
        "a name holding DEL is laid out by dot: Graphviz gives &#127; back as bytes that are not UTF-8",
        .enabled(if: ExternalTool.path("dot") != nil, "needs Graphviz's dot"))
    func controlInANameLaidOutByDot() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records.replacingOccurrences(of: "\"Hamas\"", with: "\"Ha\\u007fmas\""))
        let imported = try cli.run(["import", "records.jsonl"])
        #expect(imported.status == 0, "\(imported.standardError)")
        let result = try cli.run(["export", "html", "--layout", "dot", "-o", "view.html"])
        #expect(result.status == 0, "\(result.standardError)")
    }

    @Test(
        "names past the 16,384 characters of a string Graphviz reads (in a store written before names had a limit) are laid out shortened, and kept whole for the panel",
        .enabled(if: ExternalTool.path("dot") != nil, "needs Graphviz's dot"))
    func namesPastWhatDotReads() throws {
        let cli = try CLIHarness.scoped
        let long = String(repeating: "x", count: 20_000)
        var records = #"{"record":"source","id":"s","type":"news-article","title":"S","reliability":"B"}"# + "\n"
        for index in 0..<12 {
            records += #"{"record":"entity","id":"p\#(index)","type":"person","name":"P\#(index)"}"# + "\n"
        }
        for index in 1..<12 {
            records +=
                #"{"record":"claim","subject":"p0","predicate":"linked_to","object":"p\#(index)","citations":[{"source":"s","quote":"q","stance":"asserts","credibility":2}]}"#
                + "\n"
        }
        try cli.write("records.jsonl", records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        // Names of 20,000 characters, as a store written before the limit of 500 could hold.
        do {
            let database = try Database(path: cli.path("isnad.db"), access: .readWrite)
            try database.execute("UPDATE entity SET name = name || ' \(long)'")
            try database.execute("UPDATE entity_name SET name = name || ' \(long)' WHERE position = 0")
        }
        let result = try cli.run(["export", "html", "--layout", "dot"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("P11 \(long)"))
    }

    @Test("a view larger than a browser draws responsively is refused, and no file is written")
    func tooLarge() throws {
        let count = HTMLView.maximumEntities + 1
        let cli = try storeOfPeople(count)
        let result = try cli.run(["export", "html", "--layout", "own", "-o", "view.html"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("would draw \(count) entities"))
        #expect(result.standardError.contains("--focus"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("view.html")))
    }

    @Test("a view with more claims than the limit is refused too, and no file is written")
    func tooManyClaims() throws {
        let cli = try CLIHarness.scoped
        var lines = [
            #"{"record":"source","id":"s","type":"statement","title":"S","reliability":"C"}"#,
            #"{"record":"entity","id":"a","type":"organization","name":"A"}"#,
            #"{"record":"entity","id":"b","type":"organization","name":"B"}"#,
        ]
        for index in 0...HTMLView.maximumClaims {
            lines.append(
                #"{"record":"claim","id":"c\#(index)","subject":"a","predicate":"communicated_with","object":"b","start":null,"end":null,"citations":[{"source":"s","quote":"q","stance":"asserts","credibility":3}]}"#
            )
        }
        try cli.write("claims.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "claims.jsonl"]).status == 0)
        let result = try cli.run(["export", "html", "--layout", "own", "-o", "view.html"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("more than \(HTMLView.maximumClaims) claims"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("view.html")))
    }

    @Test("options of other formats are refused; --layout only for html")
    func options() throws {
        let cli = try datasetStore()
        #expect(try cli.run(["export", "html", "--collapse"]).status == 64)
        #expect(try cli.run(["export", "dot", "--layout", "own"]).status == 64)
        #expect(try cli.run(["export", "html", "--focus", "hamas", "--depth", "1", "--layout", "own"]).status == 0)
    }

    @Test(
        "in Chromium: other-language text tagged, the Arabic page's names in Arabic, the legend under forced colours, a list of the claims, Escape in the panel, buttons named with their claim, faded labels at 4.5:1",
        .enabled(
            if: chromium != nil && python != nil, "needs chromium (apt: chromium) and Playwright for Python (pip: playwright)"))
    func accessibleInBrowser() throws {
        let cli = try datasetStore()
        let english = cli.path("view.html")
        let arabic = cli.path("view-ar.html")
        #expect(try cli.run(["export", "html", "-o", english]).status == 0)
        #expect(try cli.run(["export", "html", "--lang", "ar", "-o", arabic]).status == 0)
        let shots = cli.path("screenshots")
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        let script = Repository.root.appendingPathComponent("Tests/Browser/check_html_access.py").path
        let result = try ExternalTool.run(
            try #require(HTMLViewTests.python),
            [script, english, arabic, shots, "--chromium", try #require(HTMLViewTests.chromium)])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    }

    @Test(
        "in Chromium, offline: every entity and claim drawn, panels, time slider, known-by, search, Arabic, keyboard",
        .enabled(
            if: chromium != nil && python != nil, "needs chromium (apt: chromium) and Playwright for Python (pip: playwright)"))
    func inBrowser() throws {
        let cli = try datasetStore()
        // Names short searches and French and English spellings could confuse (Said and Sid).
        for name in ["Said Ali", "Sidi Mohamed", "Djamel Okacha"] {
            #expect(try cli.run(["add", "entity", "--type", "person", "--name", name]).status == 0)
        }
        let page = cli.path("view.html")
        #expect(try cli.run(["export", "html", "--include-notes", "-o", page]).status == 0)

        // What the page must show, from the same store through the command line.
        let stats =
            try JSONSerialization.jsonObject(with: Data(try cli.run(["stats", "--format", "json"]).outputBytes)) as? [String: Any]
        let entities = try #require((stats?["entities"] as? [String: Any])?["total"] as? Int)
        let claims = try #require((stats?["claims"] as? [String: Any])?["total"] as? Int)
        var asOf: [String: Int] = [:]
        for year in ["2014", "2016", "2017", "2022"] { asOf[year] = try claimCount(cli, ["--as-of", year]) }
        var knownBy: [String: Int] = [:]
        for date in ["2017", "2017-07", "2022-03"] { knownBy[date] = try claimCount(cli, ["--known-by", date]) }
        var minimumReliability: [String: Int] = [:]
        for grade in ["B", "C", "E"] { minimumReliability[grade] = try claimCount(cli, ["--min-reliability", grade]) }
        var minimumCredibility: [String: Int] = [:]
        for grade in ["2", "3"] { minimumCredibility[grade] = try claimCount(cli, ["--min-credibility", grade]) }
        var statuses: [String: Int] = [:]
        for set in ["asserted", "alleged", "disputed", "asserted,disputed"] {
            statuses[set] = try claimCount(cli, ["--status", set])
        }
        let hamasClaims = try records(cli, ["claims", "--subject", "hamas"]) + records(cli, ["claims", "--object", "hamas"])
        let quotes = hamasClaims.flatMap { ($0["citations"] as? [[String: Any]] ?? []).compactMap { $0["quote"] as? String } }
        #expect(!quotes.isEmpty)
        let names = [
            "Ḥamās", "HAMAS", "حَمَاس", "أبو بكر البغدادي", "ابو بكر البغدادى", "Abu Bakr al-Baghdadi", "حركة المقاومة الإسلامية",
            "Ma'ruf", "Shi‘a", "الجماعة الإسلامية", "٢٠١٧", "Wilāyat Sīnāʼ", "مؤسسة", "جـــهاد", "Ｈａｍａｓ ２",
            "غزۃ", "ہھۂەے", "the Gaza Strip", "I.S.I.S.", "U.S.Army", "J. R. R. Tolkien", "e.g.Hamas", "Ḥ.M.S.", "ح.م.س",
            "the I.R.G.C.'s men", "G. W. Bush", "G.W. Bush", "J R R Tolkien", "نصرالله", "عبدالرحمن", "Abdelkader", "ابن تيمية",
            "Abou Bakr el-Baghdadi", "The", "The The", "حَ.مَ.سَ", "ح. م. س", "Ahmad b. Ali", "إلهام", "Brigade 1 2",
            "حزب\u{200C}الله", "می\u{200C}خواهم", "राज", "राजू", "इस्लामिक स्टेट", "ข้าว", "ขาว", "🚀🚀🚀", "★ ★", "Zoë",
            "שָׁלוֹם", "Хамас", "Ｇ．Ｗ． Bush",
        ]
        let dates = [
            "2016", "2016-02", "2015-02", "2000-02", "1900-02", "2014-02-30", "2014-13", "0000", "2017-07-31", "17", "2017-7",
        ]
        // The entity's claims as `isnad show` groups and orders them: each group's heading, then
        // the claims' ids (at the end of each claim's line, in brackets).
        let shown = try cli.run(["show", "hamas", "--limit", "0"]).standardOutput.components(separatedBy: "\n").map {
            String(
                $0.unicodeScalars.filter {
                    !["\u{200E}", "\u{200F}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}"].contains($0)
                })
        }
        var showHeadings: [String] = []
        var showClaims: [String] = []
        for (index, line) in shown.enumerated() where ["  → ", "  ← ", "  ↔ "].contains(where: { line.hasPrefix($0) }) {
            if index > 0, !shown[index - 1].hasPrefix(" ") { showHeadings.append(shown[index - 1]) }
            if let open = line.lastIndex(of: "["), line.hasSuffix("]") {
                showClaims.append(String(line[line.index(after: open)..<line.index(before: line.endIndex)]))
            }
        }
        #expect(
            showClaims.count == hamasClaims.filter { $0["record"] as? String == "claim" }.count
                && showHeadings.contains { $0.hasSuffix("(of Hamas)") }, "\(showClaims) \(showHeadings)")
        let pairs = try cli.run(["export", "dot", "--pairs"]).standardOutput.components(separatedBy: "id=\"pair:").count - 1
        let expected: [String: Any] = [
            "show": ["headings": showHeadings, "claims": showClaims], "pairs": pairs,
            "entities": entities, "claims": claims, "asOf": asOf, "knownBy": knownBy,
            "minReliability": minimumReliability, "minCredibility": minimumCredibility, "statuses": statuses, "quotes": quotes,
            "entity": "hamas",
            "search": "حماس", "names": names.map { [$0, NameKey.normalize($0), NameKey.fold($0)] },
            "consonants": try consonantNames(cli).map { name -> [Any] in
                [
                    name, NameKey.consonants(ofFolded: NameKey.fold(name)) ?? NSNull(),
                    NameKey.consonantKeys(ofTyped: NameKey.fold(name)),
                ]
            },
            "otherScript": ["al-Khudayra", "hadera"],
            // French and English transliterations, and what the command line's search finds for a
            // spelling no name holds (French ch for sh, a typo): the page must find the same.
            "transcriptions": [
                "Iyad Ag Ghaly", "Iyad ag Ghali", "Djamel Okacha", "Jamal Okasha", "Yahia Djouadi", "Yahya Jawadi",
                "Abou Zeid", "Abu Zayd", "Ali Maychou", "Ali Mayshu", "Abou Houzeifa", "Abu Huzaifa", "Ouahid", "حماس",
                "Said Ali", "Sid Ali", "Saïdi Mohamed", "Sidi Mohamed", "Raïs Hamidou", "Ayad", "Moulay Hafid",
            ].map { [$0, NameKey.transcriptionKey(ofFolded: NameKey.fold($0))] },
            "closeSpellings": try ["Chadi el-Menei", "Mutava", "Baghdadhi", "Okasha"].map { typed -> [Any] in
                [typed, try records(cli, ["search", typed]).compactMap { $0["id"] as? String }.sorted()]
            },
            // Text some name holds: the names that hold it once folded, no more (French and English
            // spellings are compared on whole names and words, in the close-spelling tier: Ly is
            // not every li, Said not Presidential Guard, prisidintial, nor Sidi); from three
            // letters, each of them found by isnad search.
            "contained": try ["Ly", "Dj", "Said", "Okacha"].map { typed -> [Any] in
                [
                    typed,
                    try entityNames(cli).filter { $0.names.contains { NameKey.fold($0).contains(NameKey.fold(typed)) } }
                        .map(\.id).sorted(),
                    typed.count >= 3
                        ? try records(cli, ["search", typed]).compactMap { $0["id"] as? String }.sorted() : NSNull(),
                ]
            },
            // Each year around the Hijri and Persian ones in both digits, as the command line
            // refuses it: the page's words in English.
            "calendarYears": (1290...1510).flatMap { year -> [String] in
                let digits = String(year)
                return [0x0660, 0x06F0].map { zero in
                    String(String.UnicodeScalarView(digits.unicodeScalars.compactMap { Unicode.Scalar(zero + $0.value - 0x30) }))
                }
            }.flatMap { [$0, $0 + "-03", $0 + "-٠٣"] }.map { text -> [Any] in
                if let note = Text.hijriNote(forDate: text) { return [text, "not a date: " + note] }
                let isDate = (try? PartialDate(parsing: Text.withWesternDigits(text))) != nil
                return [text, isDate ? NSNull() : "not a date: YYYY, YYYY-MM or YYYY-MM-DD"]
            },
            "dates": dates.map { text -> [Any] in
                guard let date = try? PartialDate(parsing: text) else { return [text, NSNull(), NSNull()] }
                return [text, date.firstDay, date.lastDay]
            },
        ]
        let expectedPath = cli.path("expected.json")
        try JSONSerialization.data(withJSONObject: expected).write(to: URL(fileURLWithPath: expectedPath))
        let shots = cli.path("screenshots")
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        let script = Repository.root.appendingPathComponent("Tests/Browser/check_html_view.py").path
        let result = try ExternalTool.run(
            try #require(HTMLViewTests.python),
            [script, page, expectedPath, shots, "--chromium", try #require(HTMLViewTests.chromium)])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    }
}
