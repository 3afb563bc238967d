import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// What README's "Opening the file" and GraphML key table say of the seed dataset's exports,
/// checked on the seed dataset itself.
@Suite("GraphML of the seed dataset, as README describes it", .temporaryFolder)
struct NetworkxReadingTests {
    private static let hasNetworkx = ExternalTool.python(with: ["networkx"]) != nil

    private func haderaStore(in folder: TemporaryFolder) throws -> GraphStore {
        let store = try GraphStore(path: folder.path("hadera.db"), access: .create)
        _ = try Importer(store: store).run([.file(HaderaDatasetTests.path)])
        return store
    }

    /// The graph type networkx reads each export as, without force_multigraph.
    static let exports: [(String, String, @Sendable (inout ExportGraph.Options) -> Void)] = [
        ("collapsed whole graph", "MultiDiGraph", { $0.collapse = true }),
        (
            "collapsed neighbourhood of Hamas", "MultiDiGraph",
            {
                $0.collapse = true
                $0.focus = "hamas"
            }
        ),
        ("--min-reliability C", "MultiDiGraph", { $0.filter.minimumReliability = .c }),
        ("--predicate praised", "DiGraph", { $0.filter.predicates = ["praised"] }),
    ]

    @Test(
        "networkx returns a MultiDiGraph whenever two edges join the same pair, collapsed or filtered",
        .enabled(if: hasNetworkx, "needs python3 with networkx (apt: python3-networkx)"),
        arguments: exports)
    func graphType(_ name: String, _ expected: String, _ configure: @Sendable (inout ExportGraph.Options) -> Void) throws {
        let folder = try TemporaryFolder.scoped
        let path = try folder.write("export.graphml", try ExportFixtures.graphML(try haderaStore(in: folder), configure))
        let script = """
            import sys, networkx as nx
            print(type(nx.read_graphml(sys.argv[1])).__name__, type(nx.read_graphml(sys.argv[1], force_multigraph=True)).__name__)
            """
        let python = try #require(ExternalTool.python(with: ["networkx"]))
        let result = try ExternalTool.run(python, ["-c", script, path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "\(expected) MultiDiGraph\n", "\(name)")
    }

    @Test("an edge's quote is its strongest supporting citation, its denial apart: the disputed claim shows both")
    func quoteIsTheStrongestSupportingCitation() throws {
        let folder = try TemporaryFolder.scoped
        let graphML = try ExportFixtures.graphML(try haderaStore(in: folder))
        let edge = try #require(graphML.components(separatedBy: "<edge id=\"hamas-cooperated-with-isis\"").dropFirst().first)
        let data = try #require(edge.components(separatedBy: "</edge>").first)
        #expect(data.contains(#"<data key="e_status">disputed</data>"#))
        #expect(data.contains(#"<data key="e_best_reliability">E</data>"#))
        #expect(data.contains(#"<data key="e_quote_source">hadera-2022-article (asserts E3)</data>"#))
        #expect(data.contains(#"<data key="e_denial_source">hadera-2022-article (denies E3)</data>"#))
        #expect(data.contains(#"<data key="e_denial_quote">بيد أن هذا التقويم"#))
        #expect(data.contains(#"<data key="e_independent_channels">1</data>"#))
        #expect(data.contains(#"<data key="e_common_link">hadera-2022-article</data>"#))
    }
}
