import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// The DOT picture's key to the sources its labels name, and its "as of entry N" caption.
@Suite("Exports: the DOT key to sources and the caption", .temporaryFolder)
struct DOTSourceKeyTests {
    /// x → y, said by paper-1 (B2) and paper-2 (D4), which both relay wire: the label names
    /// paper-1 (the strongest) and wire (the common link), never paper-2 ("and 1 more"). wire is
    /// cited by no claim: the key gives its grade, not its title. paper-1's title is hostile.
    static let records = """
        {"record":"entity","id":"x","type":"organization","name":"Xray Front"}
        {"record":"entity","id":"y","type":"organization","name":"Yankee Group"}
        {"record":"source","id":"wire","type":"statement","title":"Secret informant Z","reliability":"C"}
        {"record":"source","id":"paper-1","type":"news-article","title":"Evil <b>&\\"x\\"</b> \\u202Egnp.exe","publisher":"Pub & Co","published":"2020-05","reliability":"B","cites":["wire"]}
        {"record":"source","id":"paper-2","type":"news-article","title":"Paper Two","reliability":"D","cites":["wire"]}
        {"record":"claim","id":"x-y","subject":"x","predicate":"allied_with","object":"y","start":null,"end":null,"citations":[{"source":"paper-1","quote":"xy","stance":"asserts","credibility":2},{"source":"paper-2","quote":"xy too","stance":"asserts","credibility":4}]}

        """

    static func store(in folder: TemporaryFolder) throws -> GraphStore { try Fixtures.store(records, in: folder) }

    static func pairs(_ store: GraphStore, labels: DOTWriter.PairLabels) throws -> String {
        var options = DOTWriter.Options()
        options.pairLabels = labels
        let sink = MemorySink()
        try DOTWriter(sink: sink, options: options).writePairs(ExportGraph(store: store, options: ExportGraph.Options()))
        return sink.text
    }

    @Test("the key lists the sources the labels name, with title, publisher and date; one only up a chain by its grade")
    func keyListsNamedSources() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Self.store(in: folder)
        let dot = try ExportFixtures.dot(store)
        #expect(dot.contains("Sources named on the edges"))
        #expect(dot.contains("<B>paper-1</B>"))
        #expect(dot.contains("\u{2068}Pub &amp; Co\u{2069}, \u{2068}2020-05\u{2069} · reliability B"), "\(dot)")
        #expect(dot.contains("<B>wire</B>   up a chain of transmission, not cited here; reliability C"))
        // Named nowhere in a label, so not in the key; a title met only up a chain, never.
        #expect(!dot.contains("<B>paper-2</B>"))
        #expect(!dot.contains("Secret informant Z"))
        // Written after the edges, once the sources they name are known.
        let label = try #require(dot.range(of: "Sources named on the edges"))
        let edge = try #require(dot.range(of: "\"x\" -> \"y\""))
        #expect(edge.lowerBound < label.lowerBound)
        // Left out on request, legend or not.
        var options = DOTWriter.Options()
        options.showsSourceKey = false
        #expect(!(try ExportFixtures.dot(store, dot: options)).contains("Sources named on the edges"))
        options.showsSourceKey = true
        options.showsLegend = false
        let keyAlone = try ExportFixtures.dot(store, dot: options)
        #expect(keyAlone.contains("<B>paper-1</B>") && !keyAlone.contains("Legend: shapes"))
    }

    @Test("a key of many sources, written to the output a few rows at a time, lists each once in id order and closes its tables")
    func longKey() throws {
        let folder = try TemporaryFolder.scoped
        var records = Self.records
        for number in 0..<700 {
            let id = "s-\(String(number + 1000))"
            records +=
                #"{"record":"source","id":"\#(id)","type":"news-article","title":"Title of \#(id)","reliability":"C"}"#
                + "\n"
                + #"{"record":"claim","id":"c-\#(id)","subject":"x","predicate":"funded","object":"y","citations":[{"source":"\#(id)","quote":"q","stance":"asserts","credibility":3}]}"#
                + "\n"
        }
        let dot = try ExportFixtures.dot(try Fixtures.store(records, in: folder))
        let rows = dot.components(separatedBy: "</TD></TR><TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\"><B>s-").dropFirst()
        #expect(rows.map { String($0.prefix(4)) } == (1000..<1700).map(String.init))
        #expect(rows.last?.hasSuffix("</TABLE></TD></TR></TABLE></TD></TR></TABLE>>];\n}\n") == true, "\(rows.last ?? "")")
    }

    @Test("a hostile title is escaped for the HTML-like label and shown, not obeyed, in the drawing")
    func hostileTitleEscaped() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Self.store(in: folder)
        let dot = try ExportFixtures.dot(store)
        #expect(dot.contains("Evil &lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt; \\u{202E}gnp.exe"), "\(dot)")
        #expect(!dot.unicodeScalars.contains("\u{202E}"))
        guard let graphviz = ExportFixtures.graphviz else { return }
        for format in ["-Tsvg", "-Tpng"] {
            let rendered = try ExternalTool.run(graphviz, [format], input: Data(dot.utf8))
            #expect(rendered.status == 0 && rendered.standardError.isEmpty, "\(format): \(rendered.standardError)")
        }
        let svg = try ExternalTool.run(graphviz, ["-Tsvg"], input: Data(dot.utf8)).standardOutput
        #expect(svg.contains("\\u{202E}gnp.exe"))
        #expect(svg.contains("Pub &amp; Co"))
        #expect(!svg.unicodeScalars.contains("\u{202E}"))
    }

    @Test("--pairs: the key names who says each pair's strongest claim, short labels or full; never the common link")
    func pairsKey() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Self.store(in: folder)
        for labels in DOTWriter.PairLabels.allCases {
            let dot = try Self.pairs(store, labels: labels)
            #expect(dot.contains("<B>paper-1</B>"), "\(labels)")
            #expect(!dot.contains("<B>wire</B>") && !dot.contains("<B>paper-2</B>"), "\(labels)")
            if let graphviz = ExportFixtures.graphviz {
                let rendered = try ExternalTool.run(graphviz, ["-Tsvg"], input: Data(dot.utf8))
                #expect(rendered.status == 0 && rendered.standardError.isEmpty, "\(labels): \(rendered.standardError)")
            }
        }
    }

    @Test("the caption names the store's latest history entry, and the one a copy was made as of")
    func caption() throws {
        #expect(StoreState(latestEntry: 4).caption(language: .en) == "As of entry 4 of the store's history (isnad log)")
        #expect(StoreState(latestEntry: 4).caption(language: .both) == "As of entry 4 of the store's history (isnad log)")
        #expect(
            StoreState(latestEntry: nil, copiedAsOfEntry: 9).caption(language: .en)
                == "A copy of another store as of entry 9 of its history")
        #expect(
            StoreState(latestEntry: 2, copiedAsOfEntry: 9).caption(language: .en)
                == "As of entry 2 of the store's history; the store is a copy of another as of entry 9 of its history")
        #expect(StoreState(latestEntry: nil).caption(language: .en) == nil)
        #expect(StoreState(latestEntry: 4).caption(language: .ar)?.contains("القيد 4") == true)
        let folder = try TemporaryFolder.scoped
        let store = try Self.store(in: folder)
        let state = try StoreState(of: store)
        #expect(state == StoreState(latestEntry: try store.latestEntryNumber()))
        var options = DOTWriter.Options()
        options.title = "The whole store"
        options.storeState = StoreState(latestEntry: 4)
        let dot = try ExportFixtures.dot(store, dot: options)
        #expect(dot.contains("As of entry 4 of the store&apos;s history (isnad log)"))
    }

    @Test(
        "an Arabic publisher after an italic title is held left to right, the title's run apart (Graphviz lays out each run alone)"
    )
    func arabicAfterTitleHeldLeftToRight() throws {
        let folder = try TemporaryFolder.scoped
        let records = """
            {"record":"entity","id":"x","type":"organization","name":"Xray Front"}
            {"record":"entity","id":"y","type":"organization","name":"Yankee Group"}
            {"record":"source","id":"gazette","type":"news-article","title":"تحقيق: شبكة","publisher":"الجريدة","published":"2025-01-20","reliability":"C"}
            {"record":"source","id":"paper","type":"news-article","title":"Paper","publisher":"Pub","reliability":"B"}
            {"record":"claim","id":"x-y","subject":"x","predicate":"allied_with","object":"y","citations":[{"source":"gazette","quote":"q","stance":"asserts","credibility":3}]}
            {"record":"claim","id":"y-x","subject":"y","predicate":"funded","object":"x","citations":[{"source":"paper","quote":"q","stance":"asserts","credibility":3}]}

            """
        let dot = try ExportFixtures.dot(try Fixtures.store(records, in: folder))
        #expect(
            dot.contains("\u{2069}</I>\u{200E} · \u{2068}الجريدة\u{2069}, \u{2068}2025-01-20\u{2069} · reliability C"), "\(dot)")
        // A run that starts with a Latin letter needs no mark.
        #expect(dot.contains("</I> · \u{2068}Pub\u{2069} · reliability B"), "\(dot)")
        #expect(DOTWriter.spanAfterTag(" · \u{2068}A & B\u{2069}") == " · \u{2068}A &amp; B\u{2069}")
    }

    @Test("the legend says what A–F and 1–6 mean in the scales' own words, and that lower is stronger")
    func legendExplainsScales() throws {
        let folder = try TemporaryFolder.scoped
        let dot = try ExportFixtures.dot(try Self.store(in: folder))
        #expect(dot.contains("<B>grades: lower is stronger</B>"), "\(dot)")
        for line in [
            "A–F, the source's reliability:", "A completely reliable", "F reliability cannot be judged",
            "1–6, the item's credibility:", "1 confirmed by other sources", "6 truth cannot be judged",
        ] {
            #expect(dot.contains(">\(line)</FONT>"), "\(line)")
        }
        #expect(DOTWriter.gradeScales(language: .ar).count == 2)
    }

    @Test("under the title, show's caveat when every claim drawn rests on one channel through one source; none otherwise")
    func oneLinkCaveat() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Self.store(in: folder)
        var options = DOTWriter.Options()
        options.title = "The whole store\nClaims as their sources state them, not established facts"
        options.storeState = StoreState(latestEntry: 4)
        let caveat = "the one supported claim rests on one channel, all through wire (C)"
        for dot in [try ExportFixtures.dot(store, dot: options), try Self.pairs(store, labels: .short)] {
            #expect(dot.contains(caveat), "\(dot)")
        }
        // Between the title and the caption, legend or not.
        options.showsLegend = false
        options.showsSourceKey = false
        let bare = try ExportFixtures.dot(store, dot: options)
        let facts = try #require(bare.range(of: "not established facts"))
        let line = try #require(bare.range(of: caveat))
        let caption = try #require(bare.range(of: "As of entry 4"))
        #expect(facts.upperBound < line.lowerBound && line.upperBound < caption.lowerBound)
        // A second claim on its own channel: the picture no longer rests on one source.
        let two = try Fixtures.store(
            Self.records
                + #"{"record":"claim","id":"y-x","subject":"y","predicate":"funded","object":"x","citations":[{"source":"paper-2","quote":"q","stance":"asserts","credibility":3}]}"#
                + "\n"
                + #"{"record":"source","id":"other","type":"news-article","title":"Other","reliability":"B"}"#
                + "\n"
                + #"{"record":"claim","id":"x-y-2","subject":"x","predicate":"funded","object":"y","citations":[{"source":"other","quote":"q","stance":"asserts","credibility":3}]}"#
                + "\n",
            in: try TemporaryFolder.scoped)
        #expect(!(try ExportFixtures.dot(two, dot: options)).contains("supported claim"))
    }

    @Test("the HTML view's header carries the same one-channel caveat, in English on the Arabic page too")
    func htmlHeaderOneLinkCaveat() throws {
        let folder = try TemporaryFolder.scoped
        let store = try Self.store(in: folder)
        var options = HTMLView.Options()
        options.dotProgram = nil
        options.title = ["The whole store", "Claims as their sources state them, not established facts"]
        options.titleArabic = ["كل الكيانات والادعاءات"]
        let sink = MemorySink()
        try HTMLView.write(ExportGraph(store: store, options: ExportGraph.Options()), options: options, to: sink)
        let caveat = "the one supported claim rests on one channel, all through wire (C)"
        #expect(sink.text.contains("not established facts\",\"\(caveat)\""))
        #expect(sink.text.contains("\\u2066\(caveat)\\u2069") || sink.text.contains("\u{2066}\(caveat)\u{2069}"))
    }
}
