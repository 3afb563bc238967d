import Foundation
import IsnadKit
import TestHelpers
import Testing

@Suite("Export command end to end", .temporaryStore)
struct ExportCommandTests {
    static var dot: String? { ExternalTool.path("dot") }
    static var xmllint: String? { ExternalTool.path("xmllint") }
    static let dataset = Repository.dataset

    private func datasetStore() throws -> CLIHarness { try CLIHarness.withDataset }

    @Test(
        "the quote shown for a claim, and for its denial, is the same whatever order its equally strong citations were entered in"
    )
    func bestCitationIgnoresEntryOrder() throws {
        let head = """
            {"record":"entity","id":"a","type":"organization","name":"A"}
            {"record":"entity","id":"b","type":"organization","name":"B"}
            {"record":"source","id":"s1","type":"news-article","title":"One","reliability":"C"}
            {"record":"source","id":"s2","type":"news-article","title":"Two","reliability":"C"}

            """
        let citations = [
            #"{"source":"s2","quote":"zeta says so","stance":"asserts","credibility":3}"#,
            #"{"source":"s1","quote":"omega says so","stance":"asserts","credibility":3}"#,
            #"{"source":"s1","quote":"alpha says so","stance":"asserts","credibility":3}"#,
            #"{"source":"s2","quote":"not so, says two","stance":"denies","credibility":3}"#,
            #"{"source":"s1","quote":"not so, says one","stance":"denies","credibility":3}"#,
        ]
        var outputs: [[String]] = []
        for (index, order) in [
            citations, citations.reversed(), [citations[2], citations[4], citations[0], citations[3], citations[1]],
        ]
        .enumerated() {
            let cli = try CLIHarness.scoped
            // One claim's citations, each on a line of its own, as two analysts' files or a sheet's rows bring them.
            let lines = order.map {
                #"{"record":"claim","id":"c","subject":"a","predicate":"funded","object":"b","citations":[\#($0)]}"#
            }
            try cli.write("records-\(index).jsonl", head + lines.joined(separator: "\n") + "\n")
            #expect(try cli.run(["import", "records-\(index).jsonl"]).status == 0)
            let graphml = try cli.run(["export", "graphml"]).standardOutput.split(separator: "\n")
                .filter { $0.contains("e_quote") || $0.contains("e_denial") }.map(String.init)
            let path = try cli.run(["path", "a", "b"]).standardOutput.split(separator: "\n").filter { $0.contains("«") }.map(
                String.init)
            outputs.append(graphml + path)
        }
        #expect(outputs[0].contains { $0.contains("<data key=\"e_quote\">alpha says so</data>") })
        #expect(outputs[0].contains { $0.contains("<data key=\"e_denial_quote\">not so, says one</data>") })
        #expect(outputs[0].contains { $0.contains("«alpha says so»") })
        #expect(outputs[1] == outputs[0])
        #expect(outputs[2] == outputs[0])
    }

    @Test(
        "from the CLI to a picture of a neighbourhood in one pipe, without a Graphviz warning",
        .enabled(if: dot != nil, "needs Graphviz (apt: graphviz)"))
    func pipeIntoDot() throws {
        let cli = try datasetStore()
        let exported = try cli.run(["export", "dot", "--focus", "hamas", "--depth", "2"])
        #expect(exported.status == 0)
        for format in ["-Tsvg", "-Tsvg:cairo", "-Tpng"] {
            let rendered = try ExternalTool.run(try #require(ExportCommandTests.dot), [format], input: exported.outputBytes)
            #expect(rendered.status == 0 && rendered.standardError.isEmpty, "\(format): \(rendered.standardError)")
        }
        let svg = try ExternalTool.run(try #require(ExportCommandTests.dot), ["-Tsvg"], input: exported.outputBytes)
            .standardOutput
        #expect(svg.contains("حماس"))
        #expect(svg.contains("font-family=\"Noto Sans,Noto Sans Arabic\""))
        // The title says what is shown, and that the edges are claims, not facts.
        #expect(svg.contains("\u{2068}Hamas\u{2069} · \u{2068}حماس\u{2069}, 2 hops</text>"))
        #expect(svg.contains("Claims as their sources state them, not established facts</text>"))
    }

    @Test(
        "a published picture says which entry of the store's history it shows, DOT and HTML, and a DOT figure keys the sources its labels name",
        .enabled(if: dot != nil, "needs Graphviz (apt: graphviz)"))
    func asOfEntryAndSourceKey() throws {
        let cli = try datasetStore()
        let before = try cli.run(["export", "dot", "--focus", "hamas", "--pairs"])
        #expect(before.status == 0)
        let svg = try ExternalTool.run(try #require(ExportCommandTests.dot), ["-Tsvg"], input: before.outputBytes)
        #expect(svg.status == 0 && svg.standardError.isEmpty, "\(svg.standardError)")
        #expect(
            svg.standardOutput.contains("As of entry 1 of the store&#39;s history (isnad log)</text>"), "\(svg.standardOutput)")
        #expect(svg.standardOutput.contains(">Sources named on the edges</text>"))
        #expect(svg.standardOutput.contains(">\u{2068}Hamas statement on the Hadera attack\u{2069}</text>"))
        // A change moves the entry the next picture names; the HTML view's header says it too.
        #expect(try cli.run(["set", "hamas-statement-hadera", "publisher", "Hamas political bureau"]).status == 0)
        let after = try cli.run(["export", "dot", "--focus", "hamas", "--pairs"]).standardOutput
        #expect(after.contains("As of entry 2 of the store&apos;s history (isnad log)"))
        #expect(after.contains("Hamas political bureau"))
        let html = try cli.run(["export", "html", "--focus", "hamas", "--layout", "own"]).standardOutput
        #expect(html.contains("As of entry 2 of the store's history (isnad log)"))
        let left = try cli.run(["export", "dot", "--focus", "hamas", "--no-source-key"]).standardOutput
        #expect(!left.contains("Sources named on the edges") && left.contains("As of entry 2"))
    }

    @Test(
        "with --lang ar every word of the picture's labels is Arabic, and it renders without a warning",
        .enabled(if: dot != nil, "needs Graphviz (apt: graphviz)"))
    func arabicPicture() throws {
        let cli = try datasetStore()
        let exported = try cli.run(["export", "dot", "--focus", "hamas", "--lang", "ar", "--no-legend"])
        #expect(exported.status == 0)
        for format in ["-Tsvg", "-Tsvg:cairo", "-Tpng"] {
            let rendered = try ExternalTool.run(try #require(ExportCommandTests.dot), [format], input: exported.outputBytes)
            #expect(rendered.status == 0 && rendered.standardError.isEmpty, "\(format): \(rendered.standardError)")
        }
        let dot = try #require(ExportCommandTests.dot)
        let svg = try ExternalTool.run(dot, ["-Tsvg"], input: exported.outputBytes).standardOutput
        let texts = svg.split(separator: "<text").dropFirst().map { $0.split(separator: ">")[1].split(separator: "<")[0] }
        #expect(!texts.isEmpty)
        for word in ["ASSERTED", "ALLEGED", "DISPUTED", "source", "best", "since", "until", "undated", "hops"] {
            #expect(!texts.contains { $0.contains(word) }, "\(word)")
        }
        #expect(texts.contains { $0.contains("مزعوم") })
    }

    @Test(
        "an entity named in Arabic is labelled by its English alias under --lang en: DOT, GraphML (label, name_en), GEXF and the HTML view's English names"
    )
    func englishAliasOfAnArabicName() throws {
        let cli = try datasetStore()
        let added = try cli.run(["add", "entity", "--type", "person", "--name", "يحيى السنوار", "--alias", "en:Yahya Sinwar"])
        #expect(added.status == 0, "\(added.standardError)")
        let focus = ["--focus", "يحيى السنوار"]
        let english = try cli.run(["export", "dot", "--lang", "en", "--no-legend"] + focus).standardOutput
        #expect(english.contains("\"yhyy-alsnwar\" [id=\"entity:yhyy-alsnwar\", label=\"Yahya Sinwar\""), "\(english)")
        #expect(english.contains("label=\"\u{2068}Yahya Sinwar\u{2069}, 1 hop"))
        let both = try cli.run(["export", "dot", "--no-legend"] + focus).standardOutput
        #expect(both.contains("\"yhyy-alsnwar\" [id=\"entity:yhyy-alsnwar\", label=\"Yahya Sinwar\\nيحيى السنوار\""), "\(both)")
        let arabic = try cli.run(["export", "dot", "--lang", "ar", "--no-legend"] + focus).standardOutput
        #expect(arabic.contains("\"yhyy-alsnwar\" [id=\"entity:yhyy-alsnwar\", label=\"يحيى السنوار\""))
        let graphML = try cli.run(["export", "graphml", "--lang", "en"] + focus).standardOutput
        #expect(graphML.contains("<data key=\"label\">Yahya Sinwar</data>"))
        #expect(graphML.contains("<data key=\"n_name\">يحيى السنوار</data>"))
        #expect(graphML.contains("<data key=\"n_name_en\">Yahya Sinwar</data>"))
        #expect(graphML.contains("<key id=\"n_name_en\" for=\"node\" attr.name=\"name_en\""))
        let gexf = try cli.run(["export", "gexf", "--lang", "en"] + focus).standardOutput
        #expect(gexf.contains("label=\"Yahya Sinwar\""))
        #expect(gexf.contains("<attvalue for=\"name_en\" value=\"Yahya Sinwar\"/>"), "\(gexf)")
        let html = try cli.run(["export", "html"] + focus).standardOutput
        #expect(html.contains(#""name_en":"Yahya Sinwar""#))
    }

    @Test(
        "export graphml -o writes a file that validates, with the filters applied",
        .enabled(if: xmllint != nil && Repository.hasShared, "needs xmllint (apt: libxml2-utils) and ../shared"))
    func graphMLFile() throws {
        let cli = try datasetStore()
        let result = try cli.run(["export", "graphml", "--min-reliability", "C", "--collapse", "-o", "graph.graphml"])
        #expect(result.status == 0, "\(result.standardError)")
        let schema = Repository.shared.appendingPathComponent("formats/graphml/graphml.xsd").path
        let check = try ExternalTool.run(
            try #require(ExportCommandTests.xmllint), ["--noout", "--schema", schema, cli.path("graph.graphml")])
        #expect(check.status == 0, "\(check.standardError)")
        let text = try String(contentsOfFile: cli.path("graph.graphml"), encoding: .utf8)
        #expect(!text.contains("abu-maram-document"))  // reliability F, filtered out
        // The police and ISIS's own statements are graded B and C, but read in the article (E):
        // capped by it, nothing is asserted.
        #expect(!text.contains("<data key=\"e_status\">asserted</data>"))
        #expect(text.contains("<data key=\"e_common_link\">hadera-2022-article</data>"))
        // The file says which claims it holds: its grades are weighed from what the filters left.
        #expect(
            text.contains(
                "<data key=\"g_title\">The whole store · sources graded C or better · one edge per subject, predicate and object&#10;Claims as their sources state them, not established facts</data>"
            ))
        let gexf = try cli.run(["export", "gexf", "--stance", "asserts"]).standardOutput
        #expect(
            gexf.contains(
                "<description>The whole store · stances: asserts&#10;Claims as their sources state them, not established facts&#10;Isnad export."
            ))
    }

    @Test("a DOT export of more than 1,000 entities says, before it writes them, that Graphviz may not finish on it")
    func largeDOTWarned() throws {
        let cli = try CLIHarness.scoped
        try cli.write("many.jsonl", CoreCommandTests.people(1001))
        #expect(try cli.run(["import", "many.jsonl"]).status == 0)
        for command in [["export", "dot"], ["export", "dot", "--pairs"]] {
            let result = try cli.run(command)
            #expect(result.status == 0)
            #expect(result.standardError.contains("isnad: this graph draws 1001 entities; Graphviz lays out a few hundred"))
        }
        #expect(try cli.run(["export", "graphml"]).standardError.isEmpty)
        #expect(try cli.run(["--db", "seed.db", "import", ExportCommandTests.dataset]).status == 0)
        #expect(try cli.run(["--db", "seed.db", "export", "dot"]).standardError.isEmpty)
    }

    @Test(
        "DOT, GraphML and GEXF still write a graph that filters leave empty, and say so on standard error; one with entities says nothing"
    )
    func emptyGraphSaid() throws {
        let cli = try datasetStore()
        for format in ["dot", "graphml", "gexf"] {
            let empty = try cli.run(["export", format, "--status", "asserted", "-o", "empty.\(format)"])
            #expect(empty.status == 0)
            #expect(
                empty.standardError
                    == "isnad: no entity passes these filters, so the graph written is empty (isnad claims with the same filters lists what they leave)\n",
                "\(format): \(empty.standardError)")
            #expect(FileManager.default.fileExists(atPath: cli.path("empty.\(format)")))
            #expect(try cli.run(["export", format, "--status", "alleged", "-o", "some.\(format)"]).standardError.isEmpty)
        }
        #expect(try cli.run(["--db", "bare.db", "init"]).status == 0)
        #expect(
            try cli.run(["--db", "bare.db", "export", "dot"]).standardError
                == "isnad: the store holds no entities, so the graph written is empty\n")
        // The whole-store formats too: a job exporting a store another is still creating.
        for format in ["jsonl", "stix", "ftm"] {
            let bare = try cli.run(["--db", "bare.db", "export", format, "-o", "bare.\(format)"])
            #expect(bare.status == 0)
            #expect(bare.standardError == "isnad: the store holds no records, so the file written has none\n", "\(format)")
            #expect(try cli.run(["export", format, "-o", "full.\(format)"]).standardError.contains("holds no records") == false)
        }
    }

    @Test("the same store gives the same bytes")
    func deterministic() throws {
        let cli = try datasetStore()
        for format in ["dot", "graphml"] {
            #expect(try cli.run(["export", format]).outputBytes == (try cli.run(["export", format]).outputBytes))
        }
    }

    @Test(
        "options that do not fit are refused with exit 64",
        arguments: [
            (["export", "jsonl", "--min-reliability", "B"], "--min-reliability does not apply to export jsonl, only to"),
            (
                ["export", "jsonl", "--focus", "hamas"],
                "--focus does not apply to export jsonl, only to export dot, graphml, html and gexf"
            ),
            (
                ["export", "jsonl", "--collapse"],
                "--collapse does not apply to export jsonl, only to export dot, graphml and gexf"
            ),
            (["export", "graphml", "--rankdir", "TB"], "--rankdir does not apply to export graphml, only to export dot"),
            (["export", "graphml", "--no-legend"], "--no-legend does not apply to export graphml, only to export dot"),
            (
                ["export", "html", "--no-source-key"],
                "--no-source-key does not apply to export html, only to export dot"
            ),
            (["export", "dot", "--yed"], "--yed does not apply to export dot, only to export graphml"),
            (["export", "jsonl", "--yed"], "--yed does not apply to export jsonl, only to export graphml"),
            (["export", "dot", "--depth", "2"], "--depth needs --focus"),
            (["export", "dot", "--rankdir", "up"], "--rankdir: \"up\" is not one of LR, RL, TB, BT"),
            (["export", "graphml", "--lang", "fr"], "--lang: \"fr\" is not one of en, ar, both"),
            (["export", "svg"], "unknown export format \"svg\""),
            (["export", "html", "--lang", "both"], "--lang both does not apply to export html"),
            (["export", "jsonl", "-o", ""], "--output is empty: --output <file>"),
            (
                ["show", "hamas", "--include-retracted", "--format", "json"],
                "--include-retracted does not apply to show --format json, only to show --format table"
            ),
            (
                ["show", "hamas", "--include-retracted", "--format", "csv"],
                "--include-retracted does not apply to show --format csv"
            ),
        ])
    func refused(_ arguments: [String], _ message: String) throws {
        let cli = try datasetStore()
        let result = try cli.run(arguments)
        #expect(result.status == 64)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }

    @Test(
        "the committed Exports/ render and validate",
        .enabled(if: dot != nil && xmllint != nil && Repository.hasShared, "needs Graphviz, xmllint and ../shared"))
    func committedExports() throws {
        let exports = Repository.root.appendingPathComponent("Exports")
        for name in ["hadera-2022.dot", "hamas-depth2.dot"] {
            let result = try ExternalTool.run(
                try #require(ExportCommandTests.dot), ["-Tsvg", exports.appendingPathComponent(name).path])
            #expect(result.status == 0 && result.standardError.isEmpty, "\(name): \(result.standardError)")
        }
        let schema = Repository.shared.appendingPathComponent("formats/graphml/graphml.xsd").path
        let result = try ExternalTool.run(
            try #require(ExportCommandTests.xmllint),
            ["--noout", "--schema", schema, exports.appendingPathComponent("hadera-2022.graphml").path])
        #expect(result.status == 0, "\(result.standardError)")
    }
}

/// The DOT pictures stay legible: Graphviz's layouts see only the data (the legend is in the
/// graph's label), `--pairs` draws one edge per pair, and type names follow `--lang ar`.
@Suite("DOT legibility", .temporaryStore)
struct DOTLegibilityTests {
    static var dot: String? { ExternalTool.path("dot") }

    /// Nodes and edges as Graphviz's layout `engine` reads the DOT.
    private func counts(_ text: Data, engine: String) throws -> (nodes: Int, edges: Int, label: String) {
        let result = try ExternalTool.run(
            try #require(DOTLegibilityTests.dot), ["-K\(engine)", "-Goverlap=prism", "-Tjson"], input: text)
        #expect(result.status == 0, "\(result.standardError)")
        let graph = try #require(try JSONSerialization.jsonObject(with: result.outputBytes) as? [String: Any])
        let objects = graph["objects"] as? [[String: Any]] ?? []
        let edges = graph["edges"] as? [[String: Any]] ?? []
        return (objects.count, edges.count, graph["label"] as? String ?? "")
    }

    @Test(
        "dot, neato and sfdp count exactly the store's entities and claims; --pairs one edge per pair",
        .enabled(if: dot != nil, "needs Graphviz (apt: graphviz)"))
    func onlyTheData() throws {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["import", ExportCommandTests.dataset]).status == 0)
        let stats =
            try JSONSerialization.jsonObject(with: try cli.run(["stats", "--format", "json"]).outputBytes) as? [String: Any]
        let entities = try #require((stats?["entities"] as? [String: Any])?["total"] as? Int)
        let claims = try #require((stats?["claims"] as? [String: Any])?["total"] as? Int)
        let whole = try cli.run(["export", "dot"]).outputBytes
        for engine in ["dot", "neato", "sfdp"] {
            let read = try counts(whole, engine: engine)
            #expect(read.nodes == entities, "\(engine)")
            #expect(read.edges == claims, "\(engine)")
        }
        let paired = try cli.run(["export", "dot", "--pairs", "--labels", "full"])
        #expect(paired.status == 0)
        let read = try counts(paired.outputBytes, engine: "dot")
        #expect(read.nodes == entities)
        #expect(read.edges < claims)
        // Hamas and Wilayat Sinai: the claims each way between them are one edge each way (and
        // one more for the symmetric ones), not one arc per claim.
        let lines = paired.standardOutput.split(separator: "\n")
        let hamasSinai = lines.filter {
            $0.contains("id=\"pair:hamas--wilayat-sinai") || $0.contains("id=\"pair:wilayat-sinai--hamas")
        }
        #expect((1...3).contains(hamasSinai.count), "\(hamasSinai.count)")
        #expect(hamasSinai.contains { $0.contains("\\nsupplied weapons to · زوّد بالأسلحة · ALLEGED F3 · 1 channel") })
        // Every claim between them rests on one channel, through the article: thin, as the legend says.
        #expect(hamasSinai.allSatisfy { $0.contains("penwidth=0.6") })
        let rendered = try ExternalTool.run(try #require(DOTLegibilityTests.dot), ["-Tsvg"], input: paired.outputBytes)
        #expect(rendered.status == 0 && rendered.standardError.isEmpty, "\(rendered.standardError)")
    }

    @Test(
        "--pairs is an overview: near 16:9, names at least 11 px high fitted to 1920×1080, every claim counted in a label",
        .enabled(if: dot != nil, "needs Graphviz (apt: graphviz)"))
    func overviewFitsAScreen() throws {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["import", ExportCommandTests.dataset]).status == 0)
        let stats =
            try JSONSerialization.jsonObject(with: try cli.run(["stats", "--format", "json"]).outputBytes) as? [String: Any]
        let claims = try #require((stats?["claims"] as? [String: Any])?["total"] as? Int)
        let paired = try cli.run(["export", "dot", "--pairs"])
        #expect(paired.status == 0)
        let result = try ExternalTool.run(try #require(DOTLegibilityTests.dot), ["-Tjson"], input: paired.outputBytes)
        #expect(result.status == 0 && result.standardError.isEmpty, "\(result.standardError)")
        let graph = try #require(try JSONSerialization.jsonObject(with: result.outputBytes) as? [String: Any])
        // The layout's box in points, before `size` scales the rendering.
        let box = try #require((graph["bb"] as? String)?.split(separator: ",").compactMap { Double($0) })
        try #require(box.count == 4)
        let (width, height) = (box[2] - box[0], box[3] - box[1])
        #expect((1.2...2.4).contains(width / height), "aspect \(width / height)")
        // Fitted to 1920×1080 pixels, a point of the layout is `scale` pixels; Noto Sans's capitals
        // are 0.714 of the type size. Measured on the seed data: 11.2 px type, 8.0 px capitals
        // (11.7 px before the labels named who says the claim, the id over its stance and grade
        // so that labels grow taller, not wider; on one line, 9.3 px; full labels: 4.3 px type).
        let scale = min(1920 / width, 1080 / height)
        let nodeFont = try #require(
            (graph["objects"] as? [[String: Any]])?.compactMap { ($0["fontsize"] as? String).flatMap(Double.init) }.min())
        #expect(nodeFont * scale >= 11, "names \(nodeFont * scale) px high")
        // Each edge label counts its claims on its first line (under their family's name when
        // they share one) and names who says the strongest under it (id, then stance and grade),
        // and the counts add up to every claim. (Graphviz gives a label as the DOT file writes
        // it: its line breaks are `\n`.)
        let families = Set(ExportStyle.families.map(\.name))
        let labels = (graph["edges"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String }.map {
            let lines = $0.components(separatedBy: #"\n"#)
            return families.contains(lines[0]) ? Array(lines.dropFirst()) : lines
        }
        #expect(labels.allSatisfy { $0.dropFirst(2).first?.hasPrefix("(") == true }, "\(labels)")
        #expect(labels.contains(["1 claim · ALLEGED E2", "hamas-statement-hadera", "(asserts B2)"]))
        let counted = labels.compactMap { Int($0[0].prefix { $0.isNumber }) }.reduce(0, +)
        #expect(counted == claims, "\(counted) claims in the labels")
    }

    @Test(
        "the README's first picture, --focus hamas --pairs, fitted to 1920×1080, draws its edge labels at least 10 px high (6.4 at 9 pt) and its names at least 15; each pair of one family names it",
        .enabled(if: dot != nil, "needs Graphviz (apt: graphviz)"))
    func overviewEdgeLabelsRead() throws {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["import", ExportCommandTests.dataset]).status == 0)
        let paired = try cli.run(["export", "dot", "--focus", "hamas", "--pairs"])
        #expect(paired.status == 0)
        let result = try ExternalTool.run(try #require(DOTLegibilityTests.dot), ["-Tjson"], input: paired.outputBytes)
        #expect(result.status == 0 && result.standardError.isEmpty, "\(result.standardError)")
        let graph = try #require(try JSONSerialization.jsonObject(with: result.outputBytes) as? [String: Any])
        let box = try #require((graph["bb"] as? String)?.split(separator: ",").compactMap { Double($0) })
        try #require(box.count == 4)
        // Measured: 10.9 px type (8 px capitals in the PNG), names 15.8 px; 18 pt for 15 entities.
        let scale = min(1920 / (box[2] - box[0]), 1080 / (box[3] - box[1]))
        let edges = graph["edges"] as? [[String: Any]] ?? []
        let edgeFonts = edges.compactMap { ($0["fontsize"] as? String).flatMap(Double.init) }
        #expect(edgeFonts.count == edges.count && edgeFonts.allSatisfy { $0 == 18 }, "\(edgeFonts)")
        #expect((edgeFonts.min() ?? 0) * scale >= 10, "edge labels \((edgeFonts.min() ?? 0) * scale) px high")
        let nodeFont = try #require(
            (graph["objects"] as? [[String: Any]])?.compactMap { ($0["fontsize"] as? String).flatMap(Double.init) }.min())
        #expect(nodeFont * scale >= 15, "names \(nodeFont * scale) px high")
        // Every label's text near black, whatever its line's colour.
        #expect(edges.allSatisfy { $0["fontcolor"] as? String == ExportStyle.edgeLabelColor })
        // The four support claims from Hamas to Wilayat Sinai name their family over their count.
        let labels = edges.compactMap { $0["label"] as? String }
        #expect(labels.contains(#"support\n4 claims · ALLEGED F3\nabu-maram-document\n(asserts F3)"#), "\(labels)")
    }

    @Test(
        "networkx's read_dot (through pygraphviz) and pygraphviz read only the data",
        .enabled(
            if: ExternalTool.python(with: ["networkx", "pygraphviz"]) != nil,
            "needs networkx and pygraphviz (apt: python3-networkx python3-pygraphviz)"))
    func readers() throws {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["import", ExportCommandTests.dataset]).status == 0)
        let stats =
            try JSONSerialization.jsonObject(with: try cli.run(["stats", "--format", "json"]).outputBytes) as? [String: Any]
        let entities = try #require((stats?["entities"] as? [String: Any])?["total"] as? Int)
        let claims = try #require((stats?["claims"] as? [String: Any])?["total"] as? Int)
        #expect(try cli.run(["export", "dot", "-o", "whole.dot"]).status == 0)
        let script = """
            import sys, networkx as nx, pygraphviz as pgv
            g = nx.nx_agraph.read_dot(sys.argv[1])
            a = pgv.AGraph(sys.argv[1])
            print(g.number_of_nodes(), g.number_of_edges(), a.number_of_nodes(), a.number_of_edges())
            """
        let python = try #require(ExternalTool.python(with: ["networkx", "pygraphviz"]))
        let result = try ExternalTool.run(python, ["-c", script, cli.path("whole.dot")])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "\(entities) \(claims) \(entities) \(claims)\n")
    }

    @Test("with --lang ar the legend names the entity types in Arabic")
    func arabicTypes() throws {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["import", ExportCommandTests.dataset]).status == 0)
        let text = try cli.run(["export", "dot", "--focus", "hamas", "--lang", "ar"]).standardOutput
        for word in ["منظمة", "شخص", "حدث", "مكان"] { #expect(text.contains(word), "\(word)") }
        #expect(!text.contains(">organization: "))
    }

    @Test(
        "a title or legend line written left to right that starts with Arabic is held left to right (a PNG drew `⁨سرايا القدس⁩, 2 hops` as `hops 2 ,سرايا القدس`); Arabic lines are not; it renders quietly",
        .enabled(if: dot != nil, "needs Graphviz (apt: graphviz)"))
    func leftToRightLinesStartingInArabic() throws {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["import", ExportCommandTests.dataset]).status == 0)
        #expect(try cli.run(["add", "entity", "--type", "organization", "--name", "سرايا القدس"]).status == 0)
        let (lrm, fsi, pdi, rli, lri) = ("\u{200E}", "\u{2068}", "\u{2069}", "\u{2067}", "\u{2066}")
        let english = try cli.run(["export", "dot", "--focus", "سرايا القدس", "--depth", "2"])
        #expect(english.standardOutput.contains("label=\"\(lrm)\(fsi)سرايا القدس\(pdi), 2 hops\\nClaims as"))
        #expect(english.standardOutput.contains("<B>\(lrm)\(fsi)سرايا القدس\(pdi), 2 hops</B>"))
        // The Arabic line of the title is right to left as it is.
        #expect(english.standardOutput.contains(">\(rli)ادعاءات كما تنقلها مصادرها، لا حقائق ثابتة\(pdi)<"))
        // With --lang ar the legend is Arabic, and each line reads right to left, as its first
        // letter makes it: no mark holds it left to right.
        let arabic = try cli.run(["export", "dot", "--focus", "hamas", "--lang", "ar"])
        for line in [
            "منظمة: مستطيل مدوَّر الزوايا", "عضو في   ← المحمول", "━━</FONT> بنية",
            "\(rli)منذ \(lri)2019\(pdi) · مزعوم E3 · القنوات: 1\(pdi)   ← التواريخ · الحالة وأقوى تقييم · القنوات",
            "\(rli)يؤكده \(lri)police-statement\(pdi) (B3) · مصادر أخرى: 1\(pdi)   ← من يقوله وتقييمه: الأقوى، وعدد غيره",
            "<B>المفتاح: الأشكال</B>", "متنازع عليه: مصدر ما ينفيه، أيًّا كان؛ وقد يكون الخط المنقَّط مدعومًا بقوة",
        ] {
            #expect(arabic.standardOutput.contains(">\(line)<"), "\(line)")
        }
        #expect(!arabic.standardOutput.contains("the predicate") && !arabic.standardOutput.contains("Legend"))
        #expect(arabic.standardOutput.contains("<B>\(rli)\(fsi)حماس\(pdi)، العمق 1\(pdi)</B>"))
        for exported in [english, arabic] {
            let rendered = try ExternalTool.run(try #require(ExportCommandTests.dot), ["-Tpng"], input: exported.outputBytes)
            #expect(rendered.status == 0 && rendered.standardError.isEmpty, "\(rendered.standardError)")
        }
    }

    @Test(
        "--focus draws its entity with a bold outline and the largest name, and the legend says so; Graphviz renders it quietly",
        .enabled(if: dot != nil, "needs Graphviz (apt: graphviz)"))
    func focusStandsOut() throws {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["import", ExportCommandTests.dataset]).status == 0)
        let exported = try cli.run(["export", "dot", "--focus", "Hamas", "--depth", "2"])
        #expect(exported.status == 0)
        #expect(exported.standardOutput.contains("bold outline, larger name: the focus (hamas)"))
        for format in ["-Tsvg", "-Tsvg:cairo", "-Tpng"] {
            let rendered = try ExternalTool.run(try #require(DOTLegibilityTests.dot), [format], input: exported.outputBytes)
            #expect(rendered.status == 0 && rendered.standardError.isEmpty, "\(format): \(rendered.standardError)")
        }
        // As Graphviz draws it: Hamas's outline 3 points wide, its name in the largest type.
        let svg = try ExternalTool.run(try #require(DOTLegibilityTests.dot), ["-Tsvg"], input: exported.outputBytes)
        // Each node's group, up to its end (the edges' groups follow the last one).
        let nodes = svg.standardOutput.components(separatedBy: "<g id=\"entity:").dropFirst().map {
            $0.components(separatedBy: "</g>")[0]
        }
        let hamas = try #require(nodes.first { $0.hasPrefix("hamas\"") })
        #expect(hamas.contains("stroke-width=\"3\""))
        func sizes(_ node: String) -> [Double] {
            node.components(separatedBy: "font-size=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        }
        let others = nodes.filter { !$0.hasPrefix("hamas\"") }.flatMap(sizes)
        #expect(others.count > 30 && sizes(hamas).min() ?? 0 > others.max() ?? .infinity, "\(sizes(hamas)) \(others.max() ?? 0)")
        #expect(!nodes.filter { !$0.hasPrefix("hamas\"") }.contains { $0.contains("stroke-width=\"3\"") })
    }
}
