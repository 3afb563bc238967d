import Foundation
import TestHelpers
import Testing

@Suite("Export command end to end", .temporaryStore)
struct ExportCommandTests {
    static var dot: String? { ExternalTool.path("dot") }
    static var xmllint: String? { ExternalTool.path("xmllint") }
    static let dataset = Repository.root.appendingPathComponent("Datasets/hadera-2022/hadera-2022.jsonl").path

    private func datasetStore() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["import", ExportCommandTests.dataset]).status == 0)
        return cli
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
        #expect(text.contains("<data key=\"e_status\">asserted</data>"))
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
            (["export", "jsonl", "--focus", "hamas"], "--focus does not apply to export jsonl, only to export dot, graphml and gexf"),
            (["export", "jsonl", "--collapse"], "--collapse does not apply to export jsonl, only to export dot, graphml and gexf"),
            (["export", "graphml", "--rankdir", "TB"], "--rankdir does not apply to export graphml, only to export dot"),
            (["export", "graphml", "--no-legend"], "--no-legend does not apply to export graphml, only to export dot"),
            (["export", "dot", "--yed"], "--yed does not apply to export dot, only to export graphml"),
            (["export", "jsonl", "--yed"], "--yed does not apply to export jsonl, only to export graphml"),
            (["export", "dot", "--depth", "2"], "--depth needs --focus"),
            (["export", "dot", "--rankdir", "up"], "--rankdir: \"up\" is not one of LR, RL, TB, BT"),
            (["export", "graphml", "--lang", "fr"], "--lang: \"fr\" is not one of en, ar, both"),
            (["export", "svg"], "unknown export format \"svg\""),
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
