import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// The exports write some values straight as bytes where they used to build strings: each is
/// compared here with the string it replaces.
@Suite("Values written as bytes", .temporaryFolder)
struct ByteWritingTests {
    @Test(arguments: [0, 7, 9, 10, 12, 99, 100, 999, 1000, 2022, 12345, Int.max])
    func paddedDecimals(value: Int) {
        for width in [1, 2, 4] {
            var bytes: [UInt8] = []
            bytes.appendDecimal(value, width: width)
            #expect(String(decoding: bytes, as: UTF8.self) == String(value).leftPadded(to: width))
        }
    }

    @Test(arguments: ["2022", "0987", "2014-03", "2014-12-31", "0001-01-01"])
    func dates(text: String) throws {
        let date = try PartialDate(parsing: text)
        var bytes: [UInt8] = []
        bytes.appendDate(date)
        #expect(String(decoding: bytes, as: UTF8.self) == date.description)
    }

    /// A list of ids is written straight only when JSON and XML would leave every byte as it is;
    /// anything else (quotes, markup, controls, non-ASCII) goes the long way, to the same bytes.
    @Test(arguments: [
        [], ["src-1"], ["a", "b c", "x.y/z:1"], ["quo\"te"], ["back\\slash"], ["a&b"], ["<tag>"], ["it's"], ["tab\there"],
        ["حماس"], ["\u{202E}rtl"], ["\u{9B}csi"], ["del\u{7F}"], ["plain", "then é"],
    ])
    func lists(values: [String]) {
        var json = JSONWriter()
        json.array(values)
        var expected: [UInt8] = []
        json.bytes.withUnsafeBufferPointer { XMLEscaping.append(utf8: $0, to: &expected) }
        var bytes: [UInt8] = Array("prefix".utf8)
        if GraphMLWriter.appendPlainList(values, to: &bytes) {
            #expect(bytes == Array("prefix".utf8) + expected)
        } else {
            #expect(bytes == Array("prefix".utf8))
            #expect(values.contains { $0.utf8.contains { !(0x20...0x7E).contains($0) || "\"\\&<>'".utf8.contains($0) } })
        }
    }

    /// Edge labels and weighed lines, on every edge of the seed dataset (collapsed too, and with
    /// the retracted claims), in every language.
    @Test func edgeLabelsAndWeighedLines() throws {
        let folder = try TemporaryFolder.scoped
        let store = try GraphStore(path: folder.path("hadera.db"), access: .create)
        _ = try Importer(store: store).run([.file(HaderaDatasetTests.path)])
        var edges: [ExportGraph.Edge] = []
        for collapse in [false, true] {
            var options = ExportGraph.Options()
            options.collapse = collapse
            options.includesRetracted = !collapse
            try ExportGraph(store: store, options: options).stream(nodes: { _ in }, edges: { edges.append($0) })
        }
        #expect(edges.count > 50)
        for edge in edges {
            for language in [ExportStyle.Language.en, .ar, .both] {
                var label: [UInt8] = []
                ExportStyle.appendEdgeLabel(
                    edge, support: edge.bestSupport, denial: edge.bestDenial, language: language,
                    vocabulary: store.vocabulary, to: &label)
                let expected = ExportStyle.edgeLabel(edge, language: language, vocabulary: store.vocabulary)
                #expect(String(decoding: label, as: UTF8.self) == expected.joined(separator: "\n"))
            }
            var line: [UInt8] = []
            let written = EvidenceText.appendWeighedLine(edge.weight, citations: edge.citations.count, to: &line)
            let expected = EvidenceText.weighedLine(edge.weight, citations: edge.citations.count)
            #expect(written == (expected != nil))
            #expect(String(decoding: line, as: UTF8.self) == (expected ?? ""))
        }
    }
}
