import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Names and quotes made to break exporters: quotes, backslashes, line breaks, markup, a
/// right-to-left mark, emoji, DOT keywords, an id starting with digits.
enum HostileGraph {
    static let name =
        "Node \"quoted\" \\back\\slash\nsecond line <b>&amp;</b> x &amp; y &#65; &copy; & 'apos' \u{200F}مرحبا\u{200F} 🙂\rcr\r\ncrlf"
    /// The name's lines, as a label shows them: CR, LF and CR LF each break a line.
    static let nameLines = [
        "Node \"quoted\" \\back\\slash", "second line <b>&amp;</b> x &amp; y &#65; &copy; & 'apos' \u{200F}مرحبا\u{200F} 🙂", "cr",
        "crlf",
    ]
    static let quote = "«قال» \"it\" \\n is <script>&</script>\ntwo lines 🙂"
    static let records = """
        {"record":"entity","id":"1st-brigade","type":"organization","name":\(JSONEscaping.quoted(name)),"aliases":[{"name":"digraph","lang":"en"},{"name":"كتيبة \\"الأولى\\"","lang":"ar"}],"description":"a <description> & more"}
        {"record":"entity","id":"node","type":"person","name":"Strict","aliases":[{"name":"subgraph","lang":"en"}]}
        {"record":"entity","id":"graph","type":"place","name":"edge -> node"}
        {"record":"source","id":"s1","type":"news-article","title":"T","published":"2020","reliability":"B"}
        {"record":"source","id":"s2","type":"statement","title":"U","reliability":"E"}
        {"record":"claim","id":"c1","subject":"node","predicate":"member_of","object":"1st-brigade","start":"2019-05","end":null,"citations":[{"source":"s1","quote":\(JSONEscaping.quoted(quote)),"quote_en":"say \\"hi\\" <now>","stance":"asserts","credibility":2}]}
        {"record":"claim","id":"c2","subject":"node","predicate":"member_of","object":"1st-brigade","start":"2021","end":null,"citations":[{"source":"s2","quote":"q2","stance":"denies","credibility":4}]}
        {"record":"claim","id":"c3","subject":"1st-brigade","predicate":"located_in","object":"graph","start":null,"end":null,"citations":[{"source":"s2","quote":"q3","stance":"reports","credibility":5}]}
        {"record":"claim","id":"c4","subject":"1st-brigade","predicate":"allied_with","object":"node","start":null,"end":null,"citations":[{"source":"s2","quote":"q4","stance":"asserts","credibility":3}]}

        """
}

enum ExportFixtures {
    static func dot(
        _ store: GraphStore, _ configure: (inout ExportGraph.Options) -> Void = { _ in }, dot: DOTWriter.Options = .init()
    )
        throws -> String
    {
        var options = ExportGraph.Options()
        configure(&options)
        let sink = MemorySink()
        try DOTWriter(sink: sink, options: dot).write(ExportGraph(store: store, options: options))
        return sink.text
    }

    static func graphML(_ store: GraphStore, yed: Bool = false, _ configure: (inout ExportGraph.Options) -> Void = { _ in })
        throws
        -> String
    {
        var options = ExportGraph.Options()
        configure(&options)
        var writerOptions = GraphMLWriter.Options()
        writerOptions.yed = yed
        let sink = MemorySink()
        try GraphMLWriter(sink: sink, options: writerOptions).write(ExportGraph(store: store, options: options))
        return sink.text
    }

    static var graphviz: String? { ExternalTool.path("dot") }
    static var xmllint: String? { ExternalTool.path("xmllint") }
    static let schema = Repository.shared.appendingPathComponent("formats/graphml/graphml.xsd").path
}

@Suite("Exports: golden files", .temporaryFolder)
struct GoldenExportTests {
    /// Compares with the golden file, or rewrites it when ISNAD_UPDATE_GOLDEN=1
    /// (`ISNAD_UPDATE_GOLDEN=1 swift test --filter GoldenExportTests`).
    private func compare(_ text: String, golden name: String) throws {
        let url = Repository.root.appendingPathComponent("Tests/IsnadKitTests/Fixtures/golden/\(name)")
        if ProcessInfo.processInfo.environment["ISNAD_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(
            text == expected, "\(name) differs from its golden file; regenerate with ISNAD_UPDATE_GOLDEN=1 if the change is meant"
        )
    }

    @Test("DOT, GraphML and yEd GraphML of a small graph match their golden files, and are deterministic")
    func golden() throws {
        let folder = try TemporaryFolder.scoped
        let store = try SmallGraph.store(in: folder)
        let dot = try ExportFixtures.dot(store)
        #expect(dot == (try ExportFixtures.dot(store)))
        try compare(dot, golden: "small.dot")
        try compare(try ExportFixtures.graphML(store), golden: "small.graphml")
        try compare(try ExportFixtures.graphML(store, yed: true), golden: "small.yed.graphml")
        var focused = DOTWriter.Options()
        focused.focus = "a"
        focused.storeState = StoreState(latestEntry: 7)
        try compare(
            try ExportFixtures.dot(
                store,
                {
                    $0.collapse = true; $0.focus = "a"; $0.depth = 1
                }, dot: focused), golden: "small-focus-a.dot")
        var arabic = DOTWriter.Options()
        arabic.language = .ar
        arabic.title = ExportStyle.title(focus: nil, depth: 1, filter: GraphFilter(), collapsed: false, language: .ar)
            .joined(separator: "\n")
        arabic.storeState = StoreState(latestEntry: 2, copiedAsOfEntry: 5)
        try compare(try ExportFixtures.dot(store, dot: arabic), golden: "small-ar.dot")
    }
}

@Suite("Exports: what they contain", .temporaryFolder)
struct ExportContentTests {
    static func filter(_ configure: (inout GraphFilter) -> Void) -> GraphFilter {
        var filter = GraphFilter()
        configure(&filter)
        return filter
    }

    @Test("filters keep only the entities of the claims that pass; focus keeps a neighbourhood")
    func filters() throws {
        let folder = try TemporaryFolder.scoped
        let store = try SmallGraph.store(in: folder)
        var nodes: [String] = []
        var edges: [String] = []
        var options = ExportGraph.Options()
        options.filter.minimumReliability = .b
        try ExportGraph(store: store, options: options).stream(nodes: { nodes.append($0.id) }, edges: { edges.append($0.id) })
        #expect(nodes == ["a", "b", "c", "d", "e", "p", "x"])
        #expect(edges == ["a-b", "c-d", "d-e", "p-a", "a-x"].sorted())
        options.filter.minimumReliability = .a
        nodes = []
        edges = []
        try ExportGraph(store: store, options: options).stream(nodes: { nodes.append($0.id) }, edges: { edges.append($0.id) })
        #expect(nodes == ["a", "b", "x"])
        #expect(edges == ["a-b", "a-x"])
        options = ExportGraph.Options()
        options.focus = "d"
        nodes = []
        edges = []
        try ExportGraph(store: store, options: options).stream(nodes: { nodes.append($0.id) }, edges: { edges.append($0.id) })
        #expect(nodes == ["a", "c", "d", "e"])
        #expect(edges == ["a-d", "c-d", "d-e"])
    }

    @Test("a focus export reads only the sources its claims' chains reach: one it never weighs may be unreadable")
    func focusReadsOnlyTheSourcesItWeighs() throws {
        let folder = try TemporaryFolder.scoped
        let store = try SmallGraph.store(in: folder)
        // A grade Isnad never writes (another program wrote it) on the source of a-b and a-x only.
        try store.database.execute("PRAGMA ignore_check_constraints = ON; UPDATE source SET reliability = 'Z' WHERE id = 's-a'")
        var options = ExportGraph.Options()
        options.focus = "e"
        var edges: [String] = []
        try ExportGraph(store: store, options: options).stream(nodes: { _ in }, edges: { edges.append($0.id) })
        #expect(edges == ["d-e"])
        // Reached, it fails the export as reading every source does.
        options.focus = "x"
        #expect(throws: (any Error).self) {
            try ExportGraph(store: store, options: options).stream(nodes: { _ in }, edges: { _ in })
        }
        #expect(throws: (any Error).self) {
            try ExportGraph(store: store, options: ExportGraph.Options()).stream(nodes: { _ in }, edges: { _ in })
        }
    }

    @Test(
        "a focus export streams exactly the neighbourhood: the entities within reach and every claim among them",
        arguments: [
            ("hamas", 1, GraphFilter()), ("hamas", 2, GraphFilter()), ("isis", 3, GraphFilter()),
            ("hamas", 2, ExportContentTests.filter { $0.minimumReliability = .c }),
            ("hamas", 2, ExportContentTests.filter { $0.excludesDisputed = true }),
            ("hamas", 3, ExportContentTests.filter { $0.entityTypes = [.organization, .person] }),
            ("hamas", 2, ExportContentTests.filter { $0.asOf = try? PartialDate(parsing: "2017") }),
            ("isis", 2, ExportContentTests.filter { $0.predicates = ["allied_with", "hostile_to", "member_of"] }),
        ])
    func focusMatchesNeighborhood(_ center: String, _ depth: Int, _ filter: GraphFilter) throws {
        let folder = try TemporaryFolder.scoped
        let store = try GraphStore(path: folder.path("hadera.db"), access: .create)
        _ = try Importer(store: store).run([.file(HaderaDatasetTests.path)])
        // The neighbourhood's entities, and every claim among them that passes the filter.
        let reached = try Neighborhood(store: store, center: center, depth: depth, filter: filter).depths
        var inducedClaims: [GradedClaim] = []
        let graph = try TransmissionGraph(store: store)
        try store.forEachClaim { claim in
            guard reached[claim.claim.subject] != nil, reached[claim.claim.object] != nil,
                let kept = filter.apply(claim, vocabulary: store.vocabulary, graph: graph)
            else { return }
            inducedClaims.append(kept)
        }
        let expected = (depths: reached, claims: inducedClaims)
        for collapse in [false, true] {
            var options = ExportGraph.Options()
            options.focus = center
            options.depth = depth
            options.filter = filter
            options.collapse = collapse
            var count = 0
            var nodes: [String] = []
            var edges: [ExportGraph.Edge] = []
            // Twice on one connection: the temporary tables are left clean for the next export.
            for _ in 0..<2 {
                nodes = []
                edges = []
                try ExportGraph(store: store, options: options).stream(
                    count: { count = $0 }, nodes: { nodes.append($0.id) }, edges: { edges.append($0) })
            }
            #expect(count == expected.depths.count)
            #expect(nodes == expected.depths.keys.sorted())
            #expect(edges.flatMap(\.claimIDs).sorted() == expected.claims.map(\.claim.id).sorted())
            if collapse {
                #expect(edges.map(\.id) == edges.map(\.id).sorted())
            } else {
                #expect(edges.map(\.id) == expected.claims.map(\.claim.id).sorted())
            }
        }
    }

    @Test("collapse merges the claims of one subject, predicate and object, with their evidence combined")
    func collapse() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(HostileGraph.records, in: folder)
        var edges: [ExportGraph.Edge] = []
        var options = ExportGraph.Options()
        options.collapse = true
        try ExportGraph(store: store, options: options).stream(nodes: { _ in }, edges: { edges.append($0) })
        let merged = try #require(edges.first { $0.id == "node--member_of--1st-brigade" })
        #expect(merged.claimIDs == ["c1", "c2"])
        #expect(merged.evidence.status == .disputed)
        #expect(merged.evidence.sources == ["s1", "s2"])
        #expect(merged.start?.description == "2019-05")
        options.collapse = false
        edges = []
        try ExportGraph(store: store, options: options).stream(nodes: { _ in }, edges: { edges.append($0) })
        #expect(edges.map(\.id) == ["c1", "c2", "c3", "c4"])
    }

    /// Claims of one subject, predicate and object with these dates (`start/end`, `-` for none),
    /// collapsed into one edge.
    private static func collapsedEdge(_ predicate: String, _ dates: [String]) throws -> ExportGraph.Edge {
        let citation = GradedCitation(
            citation: Citation(source: "s", quote: "q", stance: .asserts, credibility: .probablyTrue), reliability: .b,
            publicSince: nil)
        let claims = try dates.enumerated().map { offset, range in
            let parts = try range.split(separator: "/").map { $0 == "-" ? nil : try PartialDate(parsing: String($0)) }
            let claim = Claim(
                id: "c\(offset)", subject: "a", predicate: predicate, object: "b", start: parts[0], end: parts[1], citations: [])
            return GradedClaim(claim: claim, citations: [citation])
        }
        let temporal = Vocabulary.standard[predicate]?.temporal ?? .state
        return try #require(
            ExportGraph.Edge(
                claims: claims, collapsed: claims.count > 1, temporal: temporal, graph: TransmissionGraph(sources: [])))
    }

    @Test(
        "collapsed dates cover every claim: open-ended if one is, events end within their start, partial dates by their period",
        arguments: [
            // member_of is a state: a start without an end holds since.
            ("member_of", ["2019/-", "2015/2016"], "2015", nil, "since 2015"),
            ("member_of", ["-/2016", "2018/2020"], nil, "2020", "until 2020"),
            ("member_of", ["-/2016", "2019/-"], nil, nil, "until 2016 and since 2019"),
            ("member_of", ["2015/2016", "-/-"], nil, nil, "2015 – 2016 and undated"),
            ("member_of", ["-/-", "-/-"], nil, nil, "undated"),
            ("member_of", ["2014-05/2016", "2014/2015-06"], "2014", "2016", "2014 – 2016"),
            // Equally early or late: the more precise date says more.
            ("member_of", ["2014/2016", "2014-01-01/2016-12-31"], "2014-01-01", "2016-12-31", "2014-01-01 – 2016-12-31"),
            // attacked is an event: a start without an end happened within it; events on
            // several dates are moments, said as such, not a period between them.
            ("attacked", ["2017/-", "2022-03-27/-"], "2017", "2022-03-27", "2 dates, 2017 to 2022-03-27"),
            ("attacked", ["2022-03-27/-", "2022-03-27/-"], "2022-03-27", nil, "2022-03-27"),
            ("attacked", ["2022-03/-", "2022-03-27/-"], "2022-03", nil, "2022-03"),
            // A date within another's period, on its first or last day too: within it.
            ("attacked", ["2022-03/-", "2022-03-31/-"], "2022-03", nil, "2022-03"),
            ("attacked", ["2022-03/-", "2022-03-01/-"], "2022-03", nil, "2022-03"),
            ("attacked", ["2022/-", "2022-12/-"], "2022", nil, "2022"),
            ("attacked", ["2022-03-01/-", "2022-03-31/-"], "2022-03-01", "2022-03-31", "2 dates, 2022-03-01 to 2022-03-31"),
            ("attacked", ["2017/-", "-/-"], nil, nil, "2017 and undated"),
            // One claim: its own dates, as written.
            ("member_of", ["2019/-"], "2019", nil, "since 2019"),
            ("attacked", ["2022-03-27/-"], "2022-03-27", nil, "2022-03-27"),
            ("attacked", ["2022-03-27/2022-03-27"], "2022-03-27", "2022-03-27", "2022-03-27"),
            ("member_of", ["-/2016"], nil, "2016", "until 2016"),
        ] as [(String, [String], String?, String?, String)])
    func collapsedDates(_ predicate: String, _ dates: [String], _ start: String?, _ end: String?, _ label: String) throws {
        let edge = try ExportContentTests.collapsedEdge(predicate, dates)
        #expect(edge.start?.description == start)
        #expect(edge.end?.description == end)
        #expect(DateText.dates(edge.period) == label)
    }

    @Test("DOT styles status, direction and type; quotes stay out of labels")
    func dotStyle() throws {
        let folder = try TemporaryFolder.scoped
        let dot = try ExportFixtures.dot(try SmallGraph.store(in: folder))
        let lines = dot.split(separator: "\n")
        let ab = try #require(lines.first { $0.contains("id=\"claim:a-b\"") })
        #expect(ab.contains("style=\"solid\"") && ab.contains("dir=\"none\""))  // asserted, symmetric
        let bc = try #require(lines.first { $0.contains("id=\"claim:b-c\"") })
        #expect(bc.contains("style=\"dashed\""))
        let de = try #require(lines.first { $0.contains("id=\"claim:d-e\"") })
        #expect(de.contains("style=\"dotted\"") && de.contains("arrowhead=\"tee\""))
        #expect(!ab.contains("label=\"allied with\\n2014 · ASSERTED\\n1 source · best A1\\nab"))
        #expect(ab.contains("tooltip=") && !ab.split(separator: "tooltip=")[0].contains("«ab»"))
        #expect(dot.contains("\"p\" [id=\"entity:p\", label=\"Paul Person\", shape=ellipse"))
        // The legend is in the graph's label, not among its nodes and edges.
        #expect(dot.contains("graph [labelloc=\"t\", labeljust=\"l\", label=<<TABLE"))
        #expect(!dot.contains("legend:") && !dot.contains("cluster_legend"))
    }

    /// The attributes of the legend's line sample drawn before `text` (a cell's bottom border).
    static func lineSample(before text: String, in dot: String) throws -> Substring {
        let end = try #require(dot.range(of: text)).lowerBound
        let start = try #require(dot[..<end].range(of: "<TD BORDER=", options: .backwards)).lowerBound
        return dot[start..<(dot[start...].firstIndex(of: ">") ?? end)]
    }

    @Test("the legend draws each status's line at the width of one channel, and each width as a solid line")
    func legendLineSamples() throws {
        let folder = try TemporaryFolder.scoped
        let dot = try ExportFixtures.dot(try SmallGraph.store(in: folder))
        let oneChannel = try Self.lineSample(before: "thin: 1 independent channel", in: dot)
        #expect(oneChannel.contains("BORDER=\"\(DOTWriter.legendWidth(channels: 1))\" SIDES=\"B\""))
        // A thin solid edge (asserted, one channel) looks like both of its samples.
        #expect(try Self.lineSample(before: "asserted: solid", in: dot) == oneChannel)
        let alleged = try Self.lineSample(before: "alleged: dashed", in: dot)
        #expect(alleged == oneChannel.replacingOccurrences(of: " FIXEDSIZE", with: " STYLE=\"dashed\" FIXEDSIZE"))
        let disputed = try Self.lineSample(before: "⊣ disputed: dotted", in: dot)
        #expect(disputed == oneChannel.replacingOccurrences(of: " FIXEDSIZE", with: " STYLE=\"dotted\" FIXEDSIZE"))
        // The widths: solid, each thicker than the one before, as the edges' pen widths are.
        let widths = try ["thin: 1 independent channel", "thicker: 2 channels", "thickest: 3 or more channels"].map {
            try Self.lineSample(before: $0, in: dot)
        }
        #expect(widths.allSatisfy { !$0.contains("STYLE") })
        #expect((1...3).map { DOTWriter.legendWidth(channels: $0) } == [1, 2, 3])
        #expect(widths[2].contains("BORDER=\"3\""))
        #expect(DOTWriter.penWidth(channels: 1) == "0.6" && DOTWriter.penWidth(channels: 3) == "3.2")
        // No box-drawing glyph stands for a line any more: a row of them reads as dashes.
        #expect(!dot.contains("▬") && !dot.contains("╍"))
    }

    @Test("with a focus, that entity is drawn with a bold outline and a larger name, and the legend says so")
    func focusDrawn() throws {
        let folder = try TemporaryFolder.scoped
        let store = try SmallGraph.store(in: folder)
        var options = DOTWriter.Options()
        options.focus = "a"
        let dot = try ExportFixtures.dot(store, { $0.focus = "a" }, dot: options)
        let lines = dot.split(separator: "\n")
        let focus = try #require(lines.first { $0.hasPrefix("  \"a\" [id=\"entity:a\"") })
        #expect(focus.contains(", penwidth=3, fontsize=22, tooltip="))
        let other = try #require(lines.first { $0.hasPrefix("  \"b\" [id=\"entity:b\"") })
        #expect(!other.contains("penwidth") && !other.contains("fontsize"))
        let legend = try #require(dot.range(of: "bold outline, larger name: the focus (a)"))
        #expect(dot[..<legend.lowerBound].hasSuffix("<TD ALIGN=\"LEFT\" BORDER=\"3\" COLOR=\"#4d4d4d\"><FONT POINT-SIZE=\"11\">"))
        // In an overview (--pairs), half as large again as the other names.
        let sink = MemorySink()
        var graph = ExportGraph.Options()
        graph.focus = "a"
        try DOTWriter(sink: sink, options: options).writePairs(ExportGraph(store: store, options: graph))
        #expect(
            sink.text.contains(
                "\"a\" [id=\"entity:a\", label=\"Alpha Front\\nجبهة ألفا\", shape=box, style=\"rounded,filled\", fillcolor=\"#dbe9f6\", penwidth=3, fontsize=39,"
            ))
        // Without a focus, no entity stands out and the legend has no such line.
        let plain = try ExportFixtures.dot(store, { $0.focus = "a" })
        #expect(!plain.contains("penwidth=3") && !plain.contains("the focus"))
    }

    /// WCAG 2's contrast ratio of `#rrggbb` against white (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
    static func contrastOnWhite(_ hex: some StringProtocol) -> Double {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        let linear = [16, 8, 0].map { shift -> Double in
            let channel = Double((value >> shift) & 0xff) / 255
            return channel <= 0.04045 ? channel / 12.92 : pow((channel + 0.055) / 1.055, 2.4)
        }
        return 1.05 / (0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2] + 0.05)
    }

    @Test(
        "every word a DOT picture draws in colour is 4.5:1 or more against white: edge labels near black whatever their line's colour, the legend's family names beside a sample in the colour"
    )
    func textContrast() throws {
        let folder = try TemporaryFolder.scoped
        let store = try SmallGraph.store(in: folder)
        let pairs = MemorySink()
        try DOTWriter(sink: pairs).writePairs(ExportGraph(store: store, options: .init()))
        // Alliance's green (3.4:1) and support's orange (3.5:1) were the text of their labels.
        #expect(Self.contrastOnWhite("#33a02c") < 4.5 && Self.contrastOnWhite("#e66101") < 4.5)
        #expect(Self.contrastOnWhite(ExportStyle.edgeLabelColor) > 17)
        let fontColor = try Regex(#"fontcolor="(#[0-9a-f]{6})""#)
        let fontTag = try Regex(#"<FONT[^>]* COLOR="(#[0-9a-f]{6})"[^>]*>([^<]*)</FONT>"#)
        for dot in [try ExportFixtures.dot(store), pairs.text] {
            // One colour for every edge label, the edges' default: no edge sets its own, a
            // disputed one included.
            #expect(
                dot.contains(
                    "  edge [fontname=\"Noto Sans,Noto Sans Arabic\", fontsize=9, fontcolor=\"#1a1a1a\", arrowsize=0.8, decorate=true];"
                ))
            #expect(!dot.split(separator: "\n").contains { $0.contains(" -> ") && $0.contains("fontcolor") })
            #expect(dot.contains("id=\"claim:d-e\"") || dot.contains("id=\"pair:d--e--symmetric\""))
            for match in dot.matches(of: fontColor) {
                let color = try #require(match.output[1].substring)
                #expect(Self.contrastOnWhite(color) >= 4.5, "\(color)")
            }
            // In the legend: words 4.5:1, a drawn sample 3:1 (WCAG's contrast for graphics).
            var samples = 0
            for match in dot.matches(of: fontTag) {
                let (color, text) = (try #require(match.output[1].substring), try #require(match.output[2].substring))
                let isWords = text.contains { $0.isLetter }
                #expect(Self.contrastOnWhite(color) >= (isWords ? 4.5 : 3), "\(color): \(text)")
                if !isWords { samples += 1 }
            }
            #expect(samples == ExportStyle.families.count)
            for family in ExportStyle.families {
                #expect(dot.contains("<FONT COLOR=\"\(family.color)\">━━</FONT> \(family.name)</FONT>"), "\(family.name)")
            }
        }
    }

    @Test(
        "a --pairs overview sets its edge labels larger as it sets names larger, 18 pt up to 20 entities, down to the other pictures' 9 from 38"
    )
    func overviewEdgeLabelSize() throws {
        let sizes = [1, 15, 20, 21, 22, 33, 37, 38, 1_000].map { DOTWriter.overviewEdgeFontSize(entities: $0) }
        #expect(sizes == [18, 18, 18, 18, 17, 12, 10, 9, 9])
        let folder = try TemporaryFolder.scoped
        let store = try SmallGraph.store(in: folder)
        for labels in [DOTWriter.PairLabels.short, .full] {
            var options = DOTWriter.Options()
            options.pairLabels = labels
            let sink = MemorySink()
            try DOTWriter(sink: sink, options: options).writePairs(ExportGraph(store: store, options: .init()))
            // Seven entities: 18 pt over the defaults, before the first entity; full labels keep 9.
            let overview = "  node [fontsize=26];\n  edge [fontsize=18];\n  \"a\" [id="
            #expect(sink.text.contains(overview) == (labels == .short))
            #expect(sink.text.contains("edge [fontsize=") == (labels == .short))
        }
    }
}

@Suite("DOT escaping")
struct DOTEscapingTests {
    @Test(
        "every string is quoted so that Graphviz shows it as written",
        arguments: [
            ("plain", #""plain""#), ("digraph", #""digraph""#), ("1st", #""1st""#),
            (#"say "hi""#, #""say \"hi\"""#), (#"back\slash \N"#, #""back\\slash \\N""#),
            ("<b>&amp;</b>", #""<b>&amp;amp;</b>""#), ("x & y &#65; &copy;", #""x &amp; y &amp;#65; &amp;copy;""#),
            ("lf\nend", #""lf\nend""#), ("cr\rend", #""cr\nend""#), ("crlf\r\nend", #""crlf\nend""#),
            ("two\r\rcrs", #""two\n\ncrs""#), ("حماس", #""حماس""#),
        ])
    func quoted(_ text: String, _ expected: String) {
        #expect(DOTEscaping.quoted(text) == expected)
    }

    @Test("a name is drawn at most 80 characters a line and four lines, however short the whole")
    func drawnNames() {
        let lines = (0..<12).map { "L\($0)" }
        #expect(ExportStyle.drawnName(lines.joined(separator: "\n")) == "L0\nL1\nL2\nL3 …")
        #expect(ExportStyle.drawnName("Hamas\r\nحماس") == "Hamas\r\nحماس")
        let long = String(repeating: "x", count: 100)
        #expect(ExportStyle.drawnName("a\n" + long) == "a\n" + String(repeating: "x", count: 79) + "…")
    }

    @Test("in a tooltip a backslash is written four times: Graphviz reads a tooltip's backslashes twice")
    func tooltipBackslashes() {
        #expect(DOTEscaping.quoted(#"a\N "b""#, as: .tooltip) == #""a\\\\N \"b\"""#)
        #expect(DOTEscaping.quoted("a\\nb\nc", as: .tooltip) == #""a\\\\nb\nc""#)
    }

    @Test(
        "a string too long for Graphviz is cut at a character, never inside an escape or a reference",
        arguments: [
            ("\\", DOTEscaping.Use.label), ("\\", .tooltip), ("\"\\", .tooltip), ("&", .label), ("x&", .label),
            ("\u{7}", .label), ("ب", .label), ("👨‍👩‍👧", .label), ("a\n", .tooltip), ("ab\\", .tooltip),
        ])
    func cutShort(_ piece: String, _ use: DOTEscaping.Use) {
        for padding in 0..<4 {
            let text = String(repeating: "x", count: padding) + String(repeating: piece, count: 20_000)
            let quoted = DOTEscaping.quoted(text, as: use)
            #expect(quoted.utf8.count <= DOTEscaping.longestString, "\(quoted.utf8.count)")
            #expect(quoted.hasSuffix("…\""))
            let body = quoted.dropFirst().dropLast(2)
            // What was kept is escaped text whole: its escapes in full, no reference cut.
            let backslashes = body.reversed().prefix { $0 == "\\" }.count
            #expect(backslashes % (use == .tooltip ? 4 : 2) == 0, "\(piece) ends with \(backslashes) backslashes")
            if let ampersand = body.lastIndex(of: "&") { #expect(body[ampersand...].contains(";"), "\(body.suffix(12))") }
        }
        // A string that fits is never cut.
        let fits = String(repeating: "x", count: DOTEscaping.longestString - 2)
        #expect(DOTEscaping.quoted(fits) == "\"\(fits)\"")
    }
}

@Suite("Exports: titles, Arabic labels and directional isolates", .temporaryFolder)
struct ExportTextTests {
    @Test("a title says what is shown and that edges are claims as their sources state them, in the language of the labels")
    func titles() throws {
        let hamas = Entity(id: "hamas", type: .organization, name: "Hamas", aliases: [Alias(name: "حماس", lang: "ar")])
        var filter = GraphFilter()
        filter.minimumReliability = .c
        filter.asOf = try PartialDate(parsing: "2017")
        #expect(
            ExportStyle.title(focus: hamas, depth: 2, filter: GraphFilter(), collapsed: false, language: .en)
                == ["\u{2068}Hamas\u{2069}, 2 hops", "Claims as their sources state them, not established facts"])
        #expect(
            ExportStyle.title(focus: hamas, depth: 1, filter: filter, collapsed: true, language: .both)
                == [
                    "\u{2068}Hamas\u{2069} · \u{2068}حماس\u{2069}, 1 hop · claims held in 2017 · sources graded C or better · one edge per subject, predicate and object",
                    "Claims as their sources state them, not established facts",
                    "\u{2067}ادعاءات كما تنقلها مصادرها، لا حقائق ثابتة\u{2069}",
                ])
        #expect(
            ExportStyle.title(focus: hamas, depth: 2, filter: filter, collapsed: false, language: .ar)
                == [
                    "\u{2067}\u{2068}حماس\u{2069}، العمق 2\u{2069}", "\u{2067}ادعاءات كما تنقلها مصادرها، لا حقائق ثابتة\u{2069}",
                    "claims held in 2017 · sources graded C or better",
                ])
        #expect(
            ExportStyle.title(focus: nil, depth: 1, filter: GraphFilter(), collapsed: false, language: .en).first
                == "The whole store")
    }

    @Test(
        "a line written left to right whose first letter is Arabic gets a LEFT-TO-RIGHT MARK, so that Pango (a PNG) lays it out left to right; an Arabic line, one isolate, does not",
        arguments: [
            ("\u{2068}سرايا القدس\u{2069}, 2 hops", true), ("منظمة: rounded box", true), ("━━ بنية", true),
            ("عضو في   ← the predicate", true),
            ("\u{2067}المصادر: 2 · القنوات: 1 · أقوى تقييم E3\u{2069}   ← sources · channels · best grade", true),
            ("\u{2068}Hamas\u{2069} · \u{2068}حماس\u{2069}, 2 hops", false), ("asserted · مؤيَّد: solid", false),
            ("2 hops", false), ("\u{2067}ادعاءات كما تنقلها مصادرها، لا حقائق ثابتة\u{2069}", false),
            ("\u{2067}\u{2068}حماس\u{2069}، العمق 2\u{2069}", false), ("\u{2067}a\u{2069} b \u{2067}حماس\u{2069}", false),
            ("\u{2067}حماس\u{2069} b \u{2067}c\u{2069}", true),
        ])
    func heldLeftToRight(line: String, isMarked: Bool) {
        #expect(BidiText.heldLeftToRight(line) == (isMarked ? "\u{200E}" + line : line))
    }

    @Test(
        "with --lang ar, edge labels are Arabic: dates, status and grade, channels, who says it, dates and ids kept left to right"
    )
    func arabicEdgeLabels() throws {
        let folder = try TemporaryFolder.scoped
        var options = DOTWriter.Options()
        options.language = .ar
        let dot = try ExportFixtures.dot(try SmallGraph.store(in: folder), dot: options)
        let bc = try #require(dot.split(separator: "\n").first { $0.contains("id=\"claim:b-c\"") })
        // b funded c, 2014-05 to 2016, alleged, one D2 source read in art (E): one channel
        // through art, so E2.
        let lines = [
            "موّل", "\u{2067}\u{2066}2014-05\u{2069} – \u{2066}2016\u{2069} · مزعوم E2 · القنوات: 1\u{2069}",
            "\u{2067}يؤكده \u{2066}s-d\u{2069} (D2)\u{2069}", "\u{2067}كلها عبر \u{2066}art (E)\u{2069}\u{2069}",
        ]
        #expect(bc.contains("label=\(DOTEscaping.quoted(lines.joined(separator: "\n")))"), "\(bc)")
        #expect(dot.contains("مزعوم: خط متقطع"))  // the legend is Arabic too
        let pa = try #require(dot.split(separator: "\n").first { $0.contains("id=\"claim:p-a\"") })
        #expect(pa.contains("منذ \u{2066}2018\u{2069}"))
    }

    @Test(
        "a right-to-left override in a name or a quote stays inside its isolate",
        arguments: [
            ("plain", "\u{2068}plain\u{2069}"), ("evil\u{202E}txet", "\u{2068}evil\u{202E}txet\u{2069}"),
            ("two\nlines\u{202B}", "\u{2068}two\u{2069}\n\u{2068}lines\u{202B}\u{2069}"), ("", "\u{2068}\u{2069}"),
            ("cr\r\nlf\rend", "\u{2068}cr\u{2069}\n\u{2068}lf\u{2069}\n\u{2068}end\u{2069}"),
            ("para\u{2029}– dash", "\u{2068}para\u{2069}\n\u{2068}– dash\u{2069}"), ("\n", "\u{2068}\u{2069}\n\u{2068}\u{2069}"),
            // A closing isolate the text did not open would close ours early: it is dropped.
            ("a\u{2069}\u{202E}b", "\u{2068}a\u{202E}b\u{2069}"),
            // An isolate the text leaves open would swallow our closing one: it is closed first.
            ("\u{2067}x", "\u{2068}\u{2067}x\u{2069}\u{2069}"), ("\u{2066}a\u{2069}b", "\u{2068}\u{2066}a\u{2069}b\u{2069}"),
        ])
    func isolates(_ text: String, _ expected: String) {
        #expect(BidiText.isolated(text) == expected)
    }

    @Test("in DOT tooltips, names, aliases and quotes are isolated from the id, type and punctuation around them")
    func isolatedTooltips() throws {
        let folder = try TemporaryFolder.scoped
        let records = """
            {"record":"entity","id":"evil","type":"person","name":"Strict \\u202eevil","aliases":[{"name":"\\u202bعنيد","lang":"ar"}]}
            {"record":"entity","id":"other","type":"person","name":"Other"}
            {"record":"source","id":"s1","type":"statement","title":"T","reliability":"C"}
            {"record":"claim","id":"c1","subject":"evil","predicate":"met_with","object":"other","citations":[{"source":"s1","quote":"\\u202eok","quote_en":"\\u202bno","stance":"asserts","credibility":3}]}

            """
        let dot = try ExportFixtures.dot(try Fixtures.store(records, in: folder))
        // The overrides themselves are drawn as their escapes (a tooltip's backslash written four times).
        #expect(
            dot.contains(
                "tooltip=\"\u{2068}Strict \\\\\\\\u{202E}evil\u{2069} (evil) · person\\nalso: \u{2068}\\\\\\\\u{202B}عنيد\u{2069}\""
            ))
        #expect(dot.contains(#"\n«\#u{2068}\\\\u{202E}ok\#u{2069}»\n\"\#u{2068}\\\\u{202B}no\#u{2069}\""#))
    }

    @Test(
        "an entity's description is labelled the store's note, not a weighed claim: in a DOT tooltip (isolated), GraphML's key and GEXF's header"
    )
    func descriptionLabelled() throws {
        let folder = try TemporaryFolder.scoped
        let records = """
            {"record":"entity","id":"ws","type":"organization","name":"Wilayat Sinai","description":"ولاية تابعة لداعش"}
            {"record":"entity","id":"is","type":"organization","name":"Islamic State"}
            {"record":"source","id":"s1","type":"news-article","title":"T","reliability":"E"}
            {"record":"claim","id":"c1","subject":"ws","predicate":"branch_of","object":"is","citations":[{"source":"s1","quote":"q","stance":"asserts","credibility":2}]}

            """
        let store = try Fixtures.store(records, in: folder)
        let dot = try ExportFixtures.dot(store)
        #expect(
            dot.contains(
                "(ws) · organization\\nDescription (the store's note, not a weighed claim): \u{2068}ولاية تابعة لداعش\u{2069}\""),
            "\(dot)")
        let graphML = try ExportFixtures.graphML(store)
        #expect(
            graphML.contains(
                #"attr.name="description" attr.type="string"><desc>the entity&apos;s description: the store&apos;s own note, not a sourced or weighed claim</desc>"#
            ))
        let sink = MemorySink()
        try GEXFWriter(sink: sink).write(ExportGraph(store: store, options: .init()))
        #expect(
            sink.text.contains(
                "A node&apos;s description is the store&apos;s own note on the entity, not a sourced or weighed claim."))
    }
}

@Suite("Exports read back by real tools", .temporaryFolder)
struct ExportRoundTripTests {
    @Test(
        "hostile DOT goes through dot -Tcanon without a warning and keeps its labels",
        .enabled(if: ExportFixtures.graphviz != nil, "needs Graphviz (apt: graphviz)"))
    func dotThroughGraphviz() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(HostileGraph.records, in: folder)
        let dot = try #require(ExportFixtures.graphviz)
        for language in ExportStyle.Language.allCases {
            var options = DOTWriter.Options()
            options.language = language
            let text = try ExportFixtures.dot(store, dot: options)
            let canon = try ExternalTool.run(dot, ["-Tcanon"], input: Data(text.utf8))
            #expect(canon.status == 0)
            #expect(canon.standardError.isEmpty, "\(canon.standardError)")
            let json = try ExternalTool.run(dot, ["-Tjson0"], input: Data(text.utf8))
            let graph = try #require(try JSONSerialization.jsonObject(with: json.outputBytes) as? [String: Any])
            let objects = graph["objects"] as? [[String: Any]] ?? []
            let names = objects.compactMap { $0["name"] as? String }
            #expect(names.contains("1st-brigade") && names.contains("node") && names.contains("graph"))
            let brigade = try #require(objects.first { $0["name"] as? String == "1st-brigade" })
            // Graphviz reports the attribute as written, escapes included: undo them.
            let label = undoEscapes(try #require(brigade["label"] as? String))
            if language != .ar { #expect(label.hasPrefix(HostileGraph.nameLines.joined(separator: "\n")), "\(label)") }

            // What Graphviz draws: the label's lines as <text> elements, the tooltip as the
            // link's title, both exactly as written (no entity decoded, no line lost).
            let svg = try ExternalTool.run(dot, ["-Tsvg"], input: Data(text.utf8))
            #expect(svg.status == 0 && svg.standardError.isEmpty, "\(svg.standardError)")
            let document = try XMLDocument(data: svg.outputBytes)
            let node = "//*[local-name()='g'][@id='entity:1st-brigade']"
            let lines = try document.nodes(forXPath: node + "//*[local-name()='text']").map { $0.stringValue ?? "" }
            let arabic = "كتيبة \"الأولى\""
            switch language {
            case .en: #expect(lines == HostileGraph.nameLines)
            case .ar: #expect(lines == [arabic])
            case .both: #expect(lines == HostileGraph.nameLines + [arabic])
            }
            let title = try document.nodes(forXPath: node + "//*[local-name()='a']/@*[local-name()='title']").first?.stringValue
            // The name, each line isolated (U+2068 … U+2069), then the id and type.
            let isolatedName = HostileGraph.nameLines.map { "\u{2068}\($0)\u{2069}" }.joined(separator: "\n")
            #expect(title?.hasPrefix(isolatedName + " (1st-brigade) · organization") == true, "\(title ?? "no tooltip")")
            let edge = "//*[local-name()='g'][@id='claim:c1']//*[local-name()='a']/@*[local-name()='title']"
            let edgeTitle = try document.nodes(forXPath: edge).first?.stringValue ?? ""
            #expect(
                edgeTitle.contains("«\u{2068}«قال» \"it\" \\n is <script>&</script>\u{2069}\n\u{2068}two lines 🙂\u{2069}»"),
                "\(edgeTitle)")
        }
    }

    @Test(
        "a quote of a whole statement and a name as long as a name may be: Graphviz draws the export, tooltips keep backslashes as written",
        .enabled(if: ExportFixtures.graphviz != nil, "needs Graphviz (apt: graphviz)"))
    func longStringsThroughGraphviz() throws {
        let folder = try TemporaryFolder.scoped
        let name = String(String(repeating: "Kataib ", count: 100).prefix(Entity.maximumNameLength - 1)) + "z"
        let quote = #"\N \E \T \H \G \L \\ "# + String(repeating: "قال المصدر إن ", count: 1_500)
        let escapedQuote = quote.replacingOccurrences(of: "\\", with: "\\\\")
        let records = """
            {"record":"entity","id":"long","type":"organization","name":"\(name)"}
            {"record":"entity","id":"b","type":"organization","name":"Bravo"}
            {"record":"source","id":"s","type":"other","title":"S","reliability":"C"}
            {"record":"claim","id":"c1","subject":"long","predicate":"allied_with","object":"b","start":null,"end":null,"citations":[{"source":"s","quote":"\(escapedQuote)","stance":"asserts","credibility":3}]}

            """
        let store = try Fixtures.store(records, in: folder)
        let dot = try #require(ExportFixtures.graphviz)
        for pairs in [false, true] {
            var options = DOTWriter.Options()
            options.language = .en
            options.pairLabels = .full
            let sink = MemorySink()
            let writer = DOTWriter(sink: sink, options: options)
            let graph = try ExportGraph(store: store, options: .init())
            if pairs { try writer.writePairs(graph) } else { try writer.write(graph) }
            let svg = try ExternalTool.run(dot, ["-Tsvg"], input: Data(sink.text.utf8))
            #expect(svg.status == 0 && svg.standardError.isEmpty, "\(svg.standardError)")
            let document = try XMLDocument(data: svg.outputBytes)
            let label = try document.nodes(forXPath: "//*[local-name()='g'][@id='entity:long']//*[local-name()='text']")
                .map { $0.stringValue ?? "" }
            #expect(label == [String(name.prefix(ExportStyle.longestDrawnName - 1)) + "…"])
            let edge = pairs ? "pair:b--long--symmetric" : "claim:c1"
            let title =
                try document.nodes(forXPath: "//*[local-name()='g'][@id='\(edge)']//*[local-name()='a']/@*[local-name()='title']")
                .first?.stringValue ?? ""
            #expect(title.contains("«\u{2068}" + #"\N \E \T \H \G \L \\ قال المصدر"#), "\(title.prefix(200))")
            #expect(title.hasSuffix("…"), "\(title.suffix(40))")
        }
    }

    /// A DOT string's escapes undone: \n, \", \\ and &amp; (the only ones the writer makes).
    private func undoEscapes(_ text: String) -> String {
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "n": result.append("\n")
                case "\"", "\\": result.append(character)
                default: result += "\\" + String(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result.replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test(
        "hostile GraphML validates against the official schema",
        .enabled(if: ExportFixtures.xmllint != nil && Repository.hasShared, "needs xmllint (apt: libxml2-utils) and ../shared"))
    func graphMLValidates() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(HostileGraph.records, in: folder)
        let xmllint = try #require(ExportFixtures.xmllint)
        for collapse in [false, true] {
            let path = try folder.write("hostile.graphml", try ExportFixtures.graphML(store) { $0.collapse = collapse })
            let result = try ExternalTool.run(xmllint, ["--noout", "--schema", ExportFixtures.schema, path])
            #expect(result.status == 0, "\(result.standardError)")
        }
        // yFiles graphics live inside <data>, which plain GraphML keeps to text: the yEd file
        // validates against GraphML with only that extended.
        let extended = try folder.write(
            "yed.xsd",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <xs:schema targetNamespace="http://graphml.graphdrawing.org/xmlns" xmlns="http://graphml.graphdrawing.org/xmlns"
                xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified" attributeFormDefault="unqualified">
              <xs:redefine schemaLocation="\(ExportFixtures.schema)">
                <xs:complexType name="data-extension.type" mixed="true"><xs:complexContent><xs:extension base="data-extension.type">
                  <xs:sequence><xs:any namespace="##other" processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
                </xs:extension></xs:complexContent></xs:complexType>
                <xs:attributeGroup name="key.extra.attrib"><xs:attributeGroup ref="key.extra.attrib"/>
                  <xs:attribute name="yfiles.type" type="xs:NMTOKEN"/></xs:attributeGroup>
              </xs:redefine>
            </xs:schema>
            """)
        let yed = try folder.write("hostile.yed.graphml", try ExportFixtures.graphML(store, yed: true))
        let result = try ExternalTool.run(xmllint, ["--noout", "--schema", extended, yed])
        #expect(result.status == 0, "\(result.standardError)")
    }

    @Test(
        "characters XML cannot carry, written into a store by another tool, stop the export: nothing is written as something else"
    )
    func forbiddenCharactersFromOtherTools() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(in: folder)
        // The importer refuses these; a script with the sqlite3 shell does not.
        try store.database.execute(
            "UPDATE entity_name SET name = 'a' || char(65535) || 'b' || char(7) WHERE entity = 'hamas' AND position = 1")
        #expect {
            try ExportFixtures.graphML(store)
        } throws: { error in
            "\(error)".hasSuffix(
                "entity \"hamas\": aliases.name: stored value contains the control character U+FFFF, which Isnad does not store")
        }
        try store.database.execute("UPDATE entity_name SET name = 'ab' WHERE entity = 'hamas' AND position = 1")
        try store.database.execute("UPDATE entity SET description = 'x' || char(65534) WHERE id = 'hamas'")
        #expect {
            try ExportFixtures.graphML(store)
        } throws: { error in
            "\(error)".hasSuffix(
                "entity \"hamas\": description: stored value contains the control character U+FFFE, which Isnad does not store")
        }
    }

    @Test("hostile GraphML read back by FoundationXML gives the same strings")
    func graphMLThroughFoundationXML() throws {
        let folder = try TemporaryFolder.scoped
        let text = try ExportFixtures.graphML(try Fixtures.store(HostileGraph.records, in: folder))
        let document = try XMLDocument(data: Data(text.utf8))
        let names = try document.nodes(
            forXPath: "//*[local-name()='node'][@id='1st-brigade']/*[local-name()='data'][@key='n_name']")
        #expect(names.first?.stringValue == HostileGraph.name)
        let quotes = try document.nodes(forXPath: "//*[local-name()='edge'][@id='c1']/*[local-name()='data'][@key='e_quote']")
        #expect(quotes.first?.stringValue == HostileGraph.quote)
        let aliases = try document.nodes(
            forXPath: "//*[local-name()='node'][@id='1st-brigade']/*[local-name()='data'][@key='n_aliases']")
        let decoded = try JSONSerialization.jsonObject(with: Data((aliases.first?.stringValue ?? "").utf8)) as? [String]
        #expect(decoded == ["digraph", "كتيبة \"الأولى\""])
        // Gephi reads the node label from the key whose id is `label`.
        let labelKey = "//*[local-name()='key'][@id='label']"
        #expect(try document.nodes(forXPath: labelKey + "/@for").map(\.stringValue) == ["node"])
        #expect(try document.nodes(forXPath: labelKey + "/@attr.name").map(\.stringValue) == ["label"])
        let brigade = "//*[local-name()='node'][@id='1st-brigade']"
        let labels = try document.nodes(forXPath: brigade + "/*[local-name()='data'][@key='label']")
        #expect(labels.first?.stringValue == HostileGraph.name + "\nكتيبة \"الأولى\"")
        let ids = try document.nodes(forXPath: "//*[local-name()='key']/@id").compactMap(\.stringValue)
        #expect(Set(ids).count == ids.count && ids.contains("e_label"))
    }

    @Test(
        "networkx reads a multigraph with typed attributes and the same strings",
        .enabled(if: ExternalTool.python(with: ["networkx"]) != nil, "needs python3 with networkx (apt: python3-networkx)"))
    func graphMLThroughNetworkx() throws {
        let folder = try TemporaryFolder.scoped
        let path = try folder.write(
            "hostile.graphml", try ExportFixtures.graphML(try Fixtures.store(HostileGraph.records, in: folder)))
        let script = """
            import json, sys, networkx as nx
            g = nx.read_graphml(sys.argv[1])
            edges = {k: d for a, b, k, d in g.edges(keys=True, data=True)}
            print(json.dumps({"multigraph": g.is_multigraph(), "directed": g.is_directed(),
                              "name": g.nodes["1st-brigade"]["name"], "label": g.nodes["node"]["label"],
                              "edge_label": edges["c1"]["label"], "quote": edges["c1"]["quote"],
                              "count_type": type(edges["c1"]["source_count"]).__name__,
                              "symmetric": edges["c4"]["symmetric"], "credibility": edges["c2"]["best_credibility"],
                              "temporal": edges["c1"]["temporal"],
                              "denied_only": [edges["c2"][k] for k in ("source_count", "supporting_source_count", "denying_source_count")],
                              "parallel": g.number_of_edges("node", "1st-brigade")}))
            """
        let python = try #require(ExternalTool.python(with: ["networkx"]))
        let result = try ExternalTool.run(python, ["-c", script, path])
        #expect(result.status == 0, "\(result.standardError)")
        let read = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(read["multigraph"] as? Bool == true && read["directed"] as? Bool == true)
        #expect(read["name"] as? String == HostileGraph.name)
        #expect(read["label"] as? String == "Strict" && (read["edge_label"] as? String)?.hasPrefix("member of · ") == true)
        #expect(read["quote"] as? String == HostileGraph.quote)
        #expect(read["count_type"] as? String == "int")
        #expect(read["symmetric"] as? Bool == true)
        #expect(read["temporal"] as? String == "state")  // member_of: a missing end means it holds on
        #expect(read["credibility"] as? Int == 6)  // c2 is only denied: no support to grade
        #expect(read["denied_only"] as? [Int] == [1, 0, 1])  // one claimant, who denies it
        #expect(read["parallel"] as? Int == 2)
    }

    @Test(
        "networkx gives a MultiDiGraph keyed by edge id with force_multigraph=True, and a DiGraph without it when no edges are parallel",
        .enabled(if: ExternalTool.python(with: ["networkx"]) != nil, "needs python3 with networkx (apt: python3-networkx)"))
    func graphMLWithoutParallelEdges() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(HostileGraph.records, in: folder)
        let path = try folder.write("collapsed.graphml", try ExportFixtures.graphML(store) { $0.collapse = true })
        let script = """
            import json, sys, networkx as nx
            plain = nx.read_graphml(sys.argv[1])
            forced = nx.read_graphml(sys.argv[1], force_multigraph=True)
            print(json.dumps({"plain": type(plain).__name__, "forced": type(forced).__name__,
                              "keys": sorted(k for a, b, k in forced.edges(keys=True))}))
            """
        let python = try #require(ExternalTool.python(with: ["networkx"]))
        let result = try ExternalTool.run(python, ["-c", script, path])
        #expect(result.status == 0, "\(result.standardError)")
        let read = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(read["plain"] as? String == "DiGraph")
        #expect(read["forced"] as? String == "MultiDiGraph")
        let keys = ["1st-brigade--allied_with--node", "1st-brigade--located_in--graph", "node--member_of--1st-brigade"]
        #expect(read["keys"] as? [String] == keys)
    }

    @Test(
        "read as the docs say (edge_key_type=str), networkx keeps parallel claims whose ids read as one number",
        .enabled(if: ExternalTool.python(with: ["networkx"]) != nil, "needs python3 with networkx (apt: python3-networkx)"))
    func graphMLNumericIDs() throws {
        let folder = try TemporaryFolder.scoped
        let citation = #"[{"source":"s","quote":"q","stance":"asserts","credibility":3}]"#
        let records = """
            {"record":"entity","id":"a","type":"organization","name":"A"}
            {"record":"entity","id":"b","type":"organization","name":"B"}
            {"record":"source","id":"s","type":"other","title":"S","reliability":"C"}
            {"record":"claim","id":"007","subject":"a","predicate":"funded","object":"b","start":"2020","end":null,"citations":\(citation)}
            {"record":"claim","id":"7","subject":"a","predicate":"funded","object":"b","start":"2021","end":null,"citations":\(citation)}

            """
        let path = try folder.write("numeric.graphml", try ExportFixtures.graphML(try Fixtures.store(records, in: folder)))
        let script = """
            import json, sys, networkx as nx
            g = nx.read_graphml(sys.argv[1], force_multigraph=True, edge_key_type=str)
            print(json.dumps(sorted(k for a, b, k in g.edges(keys=True))))
            """
        let python = try #require(ExternalTool.python(with: ["networkx"]))
        let result = try ExternalTool.run(python, ["-c", script, path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "[\"007\", \"7\"]\n")
    }

    @Test(
        "igraph reads the same graph: directed, every node and edge, the attributes",
        .enabled(if: ExternalTool.python(with: ["igraph"]) != nil, "needs python3 with igraph (apt: python3-igraph)"))
    func graphMLThroughIgraph() throws {
        let folder = try TemporaryFolder.scoped
        let path = try folder.write(
            "hostile.graphml", try ExportFixtures.graphML(try Fixtures.store(HostileGraph.records, in: folder)))
        let script = """
            import json, sys, igraph
            g = igraph.Graph.Read_GraphML(sys.argv[1])
            brigade = g.vs.find(id="1st-brigade")
            print(json.dumps({"directed": g.is_directed(), "nodes": g.vcount(), "edges": g.ecount(),
                              "name": brigade["name"], "label": g.vs.find(id="node")["label"],
                              "statuses": sorted(g.es["status"])}))
            """
        let python = try #require(ExternalTool.python(with: ["igraph"]))
        let result = try ExternalTool.run(python, ["-c", script, path])
        #expect(result.status == 0, "\(result.standardError)")
        let read = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(read["directed"] as? Bool == true)
        #expect(read["nodes"] as? Int == 3 && read["edges"] as? Int == 4)
        #expect(read["name"] as? String == HostileGraph.name)
        #expect(read["label"] as? String == "Strict")
        #expect(read["statuses"] as? [String] == ["alleged", "alleged", "asserted", "disputed"])
    }
}

@Suite("Isnad's own layout")
struct OwnLayoutTests {
    @Test("entities no claim links go in rows under the linked ones, not far out where the forces leave them")
    func unlinkedUnder() throws {
        let nodes = (0..<60).map { GraphLayout.Node(id: "e\($0)", type: .person, lines: ["Entity \($0)"]) }
        // A ring of 50 linked entities, each pair linked by many claims; 10 entities linked to nothing.
        let links = (0..<50).flatMap { i in Array(repeating: ("e\(i)", "e\((i + 1) % 50)"), count: 5) }
        let layout = GraphLayout.own(nodes, links: links)
        let linked = (0..<50).map { layout.boxes["e\($0)"]! }
        let unlinked = (50..<60).map { layout.boxes["e\($0)"]! }
        let linkedBottom = linked.map { $0.y + $0.height / 2 }.max()!
        let linkedLeft = linked.map { $0.x - $0.width / 2 }.min()!
        let linkedRight = linked.map { $0.x + $0.width / 2 }.max()!
        for box in unlinked {
            #expect(box.y - box.height / 2 > linkedBottom)
            #expect(box.x - box.width / 2 >= linkedLeft - 1 && box.x + box.width / 2 <= max(linkedRight, linkedLeft + 600) + 1)
        }
        // Rows close under the graph: the layout is no taller than the graph and a few rows.
        #expect(layout.height < linkedBottom + 300)
        #expect(GraphLayout.own(nodes, links: links).boxes == layout.boxes)
    }

    @Test("a Graphviz still working after the seconds it was given is ended, not before, and the layout fails saying so")
    func graphvizOverTime() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let program = try folder.write("dot", "#!/bin/sh\nexec sleep 30\n")
        chmod(program, 0o755)
        let nodes = [GraphLayout.Node(id: "a", type: .person, lines: ["A"])]
        var clock = ContinuousClock.now
        do {
            _ = try GraphLayout.graphviz(nodes, links: [], program: program, seconds: 1)
            Issue.record("a dot that sleeps gave a layout")
        } catch let error as LayoutError {
            #expect(error.isOverTime)
            #expect(!error.isInterruption)
            #expect(error.message == "\(program) was still working after 1 s")
        }
        // Given the whole second it is said to have had: a deadline of whole seconds ended it
        // anywhere from 0 to 1 s.
        #expect(clock.duration(to: .now) >= .seconds(1))
        #expect(clock.duration(to: .now) < .seconds(10))
        // Without a limit, a dot that ends in time is waited for.
        try folder.write("slow-dot", "#!/bin/sh\nsleep 1\nexec /bin/false\n")
        chmod(folder.path("slow-dot"), 0o755)
        clock = .now
        #expect(throws: LayoutError.self) { try GraphLayout.graphviz(nodes, links: [], program: folder.path("slow-dot")) }
        #expect(clock.duration(to: .now) >= .seconds(1))
    }

    @Test(
        "a default Graphviz still working after its seconds fails the HTML view, writing nothing, instead of another layout taking over"
    )
    func defaultGraphvizOverTimeFailsTheView() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try Fixtures.store(in: folder)
        let program = try folder.write("dot", "#!/bin/sh\nexec sleep 30\n")
        chmod(program, 0o755)
        var options = HTMLView.Options()
        options.dotProgram = program
        options.dotDefaultSeconds = 1
        let sink = MemorySink()
        do {
            try HTMLView.write(ExportGraph(store: store, options: ExportGraph.Options()), options: options, to: sink)
            Issue.record("a dot that sleeps gave a page")
        } catch let error as LayoutError {
            #expect(error.isOverTime)
            #expect(error.message.hasPrefix("Graphviz's dot was still working after 1 s on "), "\(error.message)")
            #expect(error.message.hasSuffix(" linked pairs, a view it lays out in seconds on a machine not this busy"))
        }
        #expect(sink.bytes.isEmpty)
    }

    @Test("unlinked entities are in id order with numbers read as numbers: u2 before u10")
    func unlinkedInNumericOrder() throws {
        let ids = ["u10", "u2", "u1", "v", "u01"]
        let nodes = ids.map { GraphLayout.Node(id: $0, type: .person, lines: ["x"]) }
        let layout = GraphLayout.own(nodes, links: [])
        let inRow = ids.sorted { layout.boxes[$0]!.x < layout.boxes[$1]!.x }
        #expect(inRow == ["u01", "u1", "u2", "u10", "v"])
        #expect(GraphLayout.precedesNumerically("person-9", "person-10"))
        #expect(!GraphLayout.precedesNumerically("a", "a"))
        #expect(GraphLayout.precedesNumerically("a", "a1"))
    }
}

@Suite("Exports: --pairs keeps a few claims per pair, not all", .temporaryFolder)
struct PairAggregateTests {
    typealias Shown = DOTWriter.PairAggregate.Shown

    /// A claim of a pair, its rank made from its number: several share a rank, so ids decide.
    private static func claim(_ number: Int, tooltip: Int, line: Int) throws -> Shown {
        let items = [
            Evidence.Item(
                source: "s", reliability: Reliability.allCases[number % 6], stance: number % 7 == 0 ? .reports : .asserts,
                credibility: Credibility.allCases[number / 6 % 6])
        ]
        let evidence = try #require(Evidence(items))
        return Shown(
            rank: .init(status: evidence.status, channels: number % 3 + 1, strength: ClaimStrength(evidence)),
            id: "c\(number)", offset: number * 1_000, tooltipLength: tooltip, lineLength: line)
    }

    @Test(
        "of 20,000 claims of one pair, it keeps only the strongest whose text fits the 16,000 bytes a tooltip or label shows",
        arguments: [false, true])
    func keepsWhatFits(showsLines: Bool) throws {
        var pair = DOTWriter.PairAggregate(showsLines: showsLines)
        var all: [Shown] = []
        // A pseudo-random order, so that stronger claims keep arriving.
        for step in 0..<20_000 {
            let claim = try Self.claim(step * 7_919 % 20_000, tooltip: 100, line: 30)
            all.append(claim)
            _ = pair.add(claim, predicate: claim.id, family: "support")
        }
        let ordered = all.sorted(by: <)
        // 157 tooltips of 100 bytes and 156 separators of 2 fill 16,000 bytes; 517 lines of 30 and 516 of 1.
        let fits = showsLines ? 517 : 157
        #expect(pair.claimCount == 20_000)
        #expect(pair.shown.count == fits)
        #expect(pair.shown.map(\.id) == ordered.prefix(fits).map(\.id))
        #expect(pair.strongestPredicate == ordered.first?.id)
        #expect(pair.sharedFamily == "support")
    }

    @Test(
        "a pair's tooltip gives each claim's dates, as a claim's own label does: a picture of pairs otherwise shows no period"
    )
    func tooltipDates() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(
            """
            {"record":"entity","id":"a","type":"organization","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Bravo"}
            {"record":"source","id":"s","type":"other","title":"S","reliability":"C"}
            {"record":"claim","id":"ab1","subject":"a","predicate":"allied_with","object":"b","start":"2015-03","end":"2017-01","citations":[{"source":"s","quote":"q","stance":"asserts","credibility":3}]}
            {"record":"claim","id":"ab2","subject":"a","predicate":"cooperated_with","object":"b","start":null,"end":"2014-12","citations":[{"source":"s","quote":"q","stance":"asserts","credibility":3}]}
            {"record":"claim","id":"ab3","subject":"a","predicate":"funded","object":"b","start":null,"end":null,"citations":[{"source":"s","quote":"q","stance":"asserts","credibility":3}]}

            """, in: folder)
        for labels in [DOTWriter.PairLabels.short, .full] {
            var options = DOTWriter.Options()
            options.pairLabels = labels
            let sink = MemorySink()
            try DOTWriter(sink: sink, options: options).writePairs(ExportGraph(store: store, options: .init()))
            let text = sink.text
            #expect(text.contains("a allied_with b · 2015-03 – 2017-01\\n"), "\(text)")
            #expect(text.contains("a cooperated_with b · until 2014-12\\n"), "\(text)")
            #expect(text.contains("a funded b · undated\\n"), "\(text)")
        }
    }

    @Test(
        "a short label names the predicate family over the count when every claim of the pair is of one, in the legend's word for it, Arabic with --lang ar; not when they differ, nor in full labels"
    )
    func familyNamed() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Fixtures.store(
            """
            {"record":"entity","id":"a","type":"organization","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Bravo"}
            {"record":"entity","id":"c","type":"organization","name":"Charlie"}
            {"record":"source","id":"s","type":"other","title":"S","reliability":"C"}
            {"record":"claim","id":"ab1","subject":"a","predicate":"funded","object":"b","start":null,"end":null,"citations":[{"source":"s","quote":"q","stance":"asserts","credibility":3}]}
            {"record":"claim","id":"ab2","subject":"a","predicate":"supplied_weapons_to","object":"b","start":null,"end":null,"citations":[{"source":"s","quote":"q","stance":"reports","credibility":4}]}
            {"record":"claim","id":"ac1","subject":"a","predicate":"funded","object":"c","start":null,"end":null,"citations":[{"source":"s","quote":"q","stance":"asserts","credibility":3}]}
            {"record":"claim","id":"ac2","subject":"a","predicate":"hostile_to","object":"c","start":null,"end":null,"citations":[{"source":"s","quote":"q","stance":"asserts","credibility":3}]}

            """, in: folder)
        func labels(_ language: ExportStyle.Language, _ kind: DOTWriter.PairLabels = .short) throws -> [String: String] {
            var options = DOTWriter.Options()
            options.language = language
            options.pairLabels = kind
            let sink = MemorySink()
            try DOTWriter(sink: sink, options: options).writePairs(ExportGraph(store: store, options: .init()))
            var labels: [String: String] = [:]
            for line in sink.text.split(separator: "\n") where line.contains("id=\"pair:") {
                let id = try #require(line.firstRange(of: "id=\"pair:")).upperBound
                let label = try #require(line.firstRange(of: "label=\"")).upperBound
                labels[String(line[id...].prefix { $0 != "\"" })] = String(line[label...].prefix { $0 != "\"" })
            }
            return labels
        }
        let (rli, pdi) = ("\u{2067}", "\u{2069}")
        // Both support: the word over the count, English with both languages as the legend is.
        for language in [ExportStyle.Language.both, .en] {
            let english = try labels(language)
            #expect(english["a--b"] == #"support\n2 claims · ASSERTED C3\ns\n(asserts C3)"#, "\(english)")
            // Support and hostility: no word; the colour is the strongest claim's.
            #expect(english["a--c"]?.hasPrefix(#"2 claims · ASSERTED C3\n"#) == true, "\(english)")
        }
        let arabic = try labels(.ar)
        #expect(arabic["a--b"] == #"دعم\n\#(rli)الادعاءات: 2 · مؤيَّد C3\#(pdi)\n\#(rli)يؤكده (C3)\#(pdi)\ns"#, "\(arabic)")
        #expect(arabic["a--c"]?.hasPrefix(#"\#(rli)الادعاءات: 2 · "#) == true, "\(arabic)")
        // A full label names each predicate already.
        #expect(try labels(.en, .full)["a--b"]?.hasPrefix("funded · ASSERTED C3") == true)
        // The legend reads the family's line.
        var options = DOTWriter.Options()
        for language in [ExportStyle.Language.both, .ar] {
            options.language = language
            let sink = MemorySink()
            try DOTWriter(sink: sink, options: options).writePairs(ExportGraph(store: store, options: .init()))
            let row =
                language == .ar
                ? "دعم   ← عائلة الادعاءات إن كانت واحدة" : "support   ← the claims' predicate family, if they share one"
            #expect(sink.text.contains(">\(row)<"), "\(language)")
        }
    }

    /// Each pair edge's label and line style, by its id, written with these labels and language.
    private static func pairEdges(
        _ store: GraphStore, _ language: ExportStyle.Language = .en, _ kind: DOTWriter.PairLabels = .short
    ) throws -> [String: (label: String, style: String)] {
        var options = DOTWriter.Options()
        options.language = language
        options.pairLabels = kind
        let sink = MemorySink()
        try DOTWriter(sink: sink, options: options).writePairs(ExportGraph(store: store, options: .init()))
        var edges: [String: (label: String, style: String)] = [:]
        for line in sink.text.split(separator: "\n") where line.contains("id=\"pair:") {
            func value(_ name: String) throws -> String {
                let start = try #require(line.firstRange(of: "\(name)=\"")).upperBound
                return String(line[start...].prefix { $0 != "\"" })
            }
            edges[String(try value("id").dropFirst("pair:".count))] = (try value("label"), try value("style"))
        }
        return edges
    }

    @Test(
        "a short label says how many of the pair's claims are disputed and who denies them, and the pair is drawn disputed, whichever claim is the strongest; a label of one disputed claim is as before"
    )
    func disputeInPair() throws {
        let folder = try TemporaryFolder.scoped
        // The seed's Hamas–ISIS pair: an alleged claim, and one the same article denies.
        let store = try Fixtures.store(
            """
            {"record":"entity","id":"a","type":"organization","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Bravo"}
            {"record":"entity","id":"c","type":"organization","name":"Charlie"}
            {"record":"source","id":"article","type":"news-article","title":"A","reliability":"E"}
            {"record":"source","id":"ministry","type":"statement","title":"M","reliability":"C"}
            {"record":"claim","id":"ab1","subject":"a","predicate":"economic_relations_with","object":"b","start":null,"end":null,"citations":[{"source":"article","quote":"q","stance":"asserts","credibility":3}]}
            {"record":"claim","id":"ab2","subject":"b","predicate":"cooperated_with","object":"a","start":null,"end":null,"citations":[{"source":"article","quote":"q","stance":"asserts","credibility":3},{"source":"ministry","quote":"q","stance":"denies","credibility":4}]}
            {"record":"claim","id":"ac1","subject":"a","predicate":"cooperated_with","object":"c","start":null,"end":null,"citations":[{"source":"article","quote":"q","stance":"asserts","credibility":3},{"source":"ministry","quote":"q","stance":"denies","credibility":4}]}

            """, in: folder)
        let english = try Self.pairEdges(store)
        let pair = try #require(english["a--b--symmetric"])
        #expect(
            pair.label == #"2 claims · ALLEGED E3\narticle\n(asserts E3)\n1 DISPUTED:\nministry\n(denies C4)"#, "\(pair.label)")
        // Dashed (alleged) read stronger than the dispute it holds.
        #expect(pair.style == "dotted")
        // One claim, disputed: its status says so, and its denier follows as before.
        let single = try #require(english["a--c--symmetric"])
        #expect(
            single.label == #"alliance\n1 claim · DISPUTED E3\narticle\n(asserts E3)\nministry\n(denies C4)"#, "\(single.label)")
        #expect(single.style == "dotted")
        let (rli, pdi) = ("\u{2067}", "\u{2069}")
        let arabic = try #require(try Self.pairEdges(store, .ar)["a--b--symmetric"])
        #expect(
            arabic.label
                == #"\#(rli)الادعاءات: 2 · مزعوم E3\#(pdi)\n\#(rli)يؤكده (E3)\#(pdi)\narticle\n\#(rli)المتنازع عليها: 1\#(pdi)\n\#(rli)ينفيه (C4)\#(pdi)\nministry"#,
            "\(arabic.label)")
        // A full label names each claim's status and denier already; the line is disputed too.
        let full = try #require(try Self.pairEdges(store, .en, .full)["a--b--symmetric"])
        #expect(full.label.contains("DISPUTED E3") && full.label.contains("ministry (denies C4)"), "\(full.label)")
        #expect(full.style == "dotted")
    }

    @Test(
        "a short label says on how many of the pair's claims the source it names is, when not on all, and on how many of the disputed ones the denier it names is"
    )
    func namedSourceOnSomeClaims() throws {
        let folder = try TemporaryFolder.scoped
        // The review's Hamas → Wilayat Sinai: a B report on one claim, an F document on three.
        let store = try Fixtures.store(
            """
            {"record":"entity","id":"a","type":"organization","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Bravo"}
            {"record":"entity","id":"c","type":"organization","name":"Charlie"}
            {"record":"source","id":"un-report","type":"report","title":"U","reliability":"B"}
            {"record":"source","id":"leak","type":"leaked-document","title":"L","reliability":"F"}
            {"record":"source","id":"denier","type":"statement","title":"D","reliability":"D"}
            {"record":"claim","id":"ab1","subject":"a","predicate":"smuggled_weapons_for","object":"b","start":null,"end":null,"citations":[{"source":"un-report","quote":"q","stance":"reports","credibility":3},{"source":"leak","quote":"q","stance":"asserts","credibility":3}]}
            {"record":"claim","id":"ab2","subject":"a","predicate":"funded","object":"b","start":null,"end":null,"citations":[{"source":"leak","quote":"q","stance":"asserts","credibility":3}]}
            {"record":"claim","id":"ab3","subject":"a","predicate":"supplied_weapons_to","object":"b","start":null,"end":null,"citations":[{"source":"leak","quote":"q","stance":"asserts","credibility":3}]}
            {"record":"claim","id":"ac1","subject":"a","predicate":"funded","object":"c","start":null,"end":null,"citations":[{"source":"un-report","quote":"q","stance":"asserts","credibility":2}]}
            {"record":"claim","id":"ac2","subject":"a","predicate":"supplied_weapons_to","object":"c","start":null,"end":null,"citations":[{"source":"leak","quote":"q","stance":"asserts","credibility":3},{"source":"denier","quote":"q","stance":"denies","credibility":3}]}
            {"record":"claim","id":"ac3","subject":"a","predicate":"smuggled_weapons_for","object":"c","start":null,"end":null,"citations":[{"source":"leak","quote":"q","stance":"asserts","credibility":4},{"source":"un-report","quote":"q","stance":"denies","credibility":3}]}

            """, in: folder)
        let english = try Self.pairEdges(store)
        let ab = try #require(english["a--b"])
        #expect(ab.label == #"support\n3 claims · ALLEGED B3\nun-report\n(reports B3)\non 1 of 3 claims"#, "\(ab.label)")
        #expect(ab.style == "dashed")
        // Two disputed of three: the strongest of them (ac2, the leak's F3 over its F4) names its
        // denier, who denies one of the two.
        let ac = try #require(english["a--c"])
        #expect(
            ac.label
                == #"support\n3 claims · ASSERTED B2\nun-report\n(asserts B2)\non 1 of 3 claims\n2 DISPUTED:\ndenier\n(denies D3)\non 1 of 2 claims"#,
            "\(ac.label)")
        #expect(ac.style == "dotted")
        let (rli, pdi) = ("\u{2067}", "\u{2069}")
        let arabic = try #require(try Self.pairEdges(store, .ar)["a--b"])
        #expect(arabic.label.hasSuffix(#"\n\#(rli)الادعاءات التي يقولها: 1 من 3\#(pdi)"#), "\(arabic.label)")
    }

    @Test("the edge of a pair with hundreds of claims counts them all and lists the strongest, cut short as before")
    func manyClaimsOfOnePair() throws {
        let folder = try TemporaryFolder.scoped
        var records = """
            {"record":"entity","id":"a","type":"organization","name":"Alpha"}
            {"record":"entity","id":"b","type":"organization","name":"Bravo"}
            {"record":"source","id":"s","type":"other","title":"S","reliability":"C"}

            """
        for number in 0..<400 {
            let credibility = number % 6 + 1
            records += """
                {"record":"claim","id":"c\(number)","subject":"a","predicate":"funded","object":"b","start":null,"end":null,"citations":[{"source":"s","quote":"q\(number)","stance":"asserts","credibility":\(credibility)}]}

                """
        }
        let store = try Fixtures.store(records, in: folder)
        for labels in [DOTWriter.PairLabels.short, .full] {
            var options = DOTWriter.Options()
            options.pairLabels = labels
            let sink = MemorySink()
            try DOTWriter(sink: sink, options: options).writePairs(ExportGraph(store: store, options: .init()))
            let edge = try #require(sink.text.split(separator: "\n").first { $0.hasPrefix("  \"a\" -> \"b\"") })
            // Capped by their one source, all weigh the same: by id, c0 c1 c102 …, the rest cut.
            #expect(edge.contains("tooltip=\"a funded b · undated\\nASSERTED"), "\(edge.prefix(300))")
            #expect(edge.contains("claims: c0\\n") && !edge.contains("claims: c5\\n"))
            // Whole claims while they fit, then how many were left out and where they are.
            #expect(
                edge.hasSuffix("\\n\\n… and 303 more: isnad claims --subject a --object b --limit 0\"];"), "\(edge.suffix(120))")
            let tooltip = try #require(edge.components(separatedBy: "tooltip=").last)
            #expect(tooltip.utf8.count - 2 <= 16_000)
            if labels == .short {
                // Who says the strongest (c0, its own C1 capped to C2: a 1 nothing bears out).
                // All funded: their family over the count.
                #expect(edge.contains("label=\"support\\n400 claims · ASSERTED C2\\ns\\n(asserts C1)\""))
            } else {
                // 400 lines of some 60 bytes: cut short too.
                #expect(edge.contains("label=\"funded · موّل · ASSERTED C2 · 1 channel · s (asserts C1)\\n"))
                #expect(edge.contains("…\", color="))
            }
        }
    }
}
