import Foundation
import TestHelpers
import Testing

/// The README and the pages under docs/ as a reader follows them: every link to another page, or to
/// a heading of one, lands; no merge left its conflict markers in a page.
@Suite("The documentation's links land")
struct DocumentationLinkTests {
    static let pages: [String] = {
        let docs = Repository.root.appendingPathComponent("docs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? []
        return ["README.md"] + names.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }()

    static func text(of page: String) throws -> String {
        try String(contentsOf: Repository.root.appendingPathComponent(page), encoding: .utf8)
    }

    /// A heading's anchor as GitHub makes it: lower case, punctuation but hyphens and underscores
    /// dropped, each space a hyphen.
    static func anchor(of heading: String) -> String {
        String(
            heading.lowercased().unicodeScalars.compactMap { scalar -> Character? in
                if scalar == " " { return "-" }
                if scalar == "-" || scalar == "_" || CharacterSet.alphanumerics.contains(scalar) { return Character(scalar) }
                return nil
            })
    }

    static func anchors(of page: String) throws -> Set<String> {
        var anchors: Set<String> = []
        var isInCode = false
        for line in try text(of: page).components(separatedBy: "\n") {
            if line.hasPrefix("```") { isInCode.toggle() }
            guard !isInCode, line.hasPrefix("#") else { continue }
            anchors.insert(anchor(of: String(line.drop { $0 == "#" }.drop { $0 == " " })))
        }
        return anchors
    }

    @Test("no page holds a merge's conflict markers", arguments: pages)
    func noConflictMarkers(_ page: String) throws {
        let markers = try Self.text(of: page).components(separatedBy: "\n").enumerated().filter { _, line in
            line.hasPrefix("<<<<<<< ") || line == "=======" || line.hasPrefix(">>>>>>> ")
        }
        #expect(markers.isEmpty, "\(page): lines \(markers.map { $0.offset + 1 })")
    }

    @Test("every link to a page of the project, and to a heading of one, lands", arguments: pages)
    func linksLand(_ page: String) throws {
        let text = try Self.text(of: page)
        let folder = (page as NSString).deletingLastPathComponent
        let link = /\]\(([^)\s]+)\)/
        for match in text.matches(of: link) {
            let target = String(match.output.1)
            guard !target.contains("://"), !target.hasPrefix("mailto:") else { continue }
            let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let file = parts[0].isEmpty ? page : (folder as NSString).appendingPathComponent(parts[0])
            let normalised = (file as NSString).standardizingPath
            #expect(
                FileManager.default.fileExists(atPath: Repository.root.appendingPathComponent(normalised).path),
                "\(page): \(target): no such file")
            if parts.count == 2, normalised.hasSuffix(".md") {
                #expect(try Self.anchors(of: normalised).contains(parts[1]), "\(page): \(target): no such heading")
            }
        }
    }
}
