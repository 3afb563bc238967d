import Foundation
import TestHelpers
import Testing

/// The tour of the query commands (docs/tour.md, `show` to `check`), and the checks before
/// publication (docs/weighing-evidence.md): every `$ isnad` line run on a
/// store of the bundled dataset, and what it prints compared with what the page shows, line
/// for line — as a terminal shows both streams, messages in their place. Where the page
/// leaves lines out it says so, `… (N more lines)` or `… (N more claims)`: N lines are skipped there.
@Suite("The tour of the query commands prints what it shows", .temporaryStore)
struct TourOutputTests {
    /// The sections whose commands only read the store as imported (later ones change it), by
    /// the first word of their heading, page by page.
    static let sections = [
        "docs/tour.md": [
            "entities", "show", "search", "neighbors", "path", "timeline", "claims", "source", "disputes", "stats", "check",
        ],
        "docs/weighing-evidence.md": ["Before"],
    ]

    static func examples() throws -> [TourTests.Step] {
        try sections.keys.sorted().flatMap { try examples(in: $0, sections: sections[$0] ?? []) }
    }

    static func examples(in page: String, sections: [String]) throws -> [TourTests.Step] {
        let readme = try String(contentsOf: Repository.root.appendingPathComponent(page), encoding: .utf8)
        var steps: [TourTests.Step] = []
        var isInSection = false
        var isInBlock = false
        var isAfterCommand = false
        for line in readme.components(separatedBy: "\n") {
            if line.hasPrefix("#") {
                let name = line.split(separator: " ").dropFirst().first.map { $0.trimmingCharacters(in: [":"]) }
                isInSection = line.hasPrefix("## ") && sections.contains(name ?? "")
                continue
            }
            guard isInSection else { continue }
            if line.hasPrefix("```") {
                isInBlock.toggle()
                isAfterCommand = false
            } else if isInBlock, line.hasPrefix("$ isnad ") {
                steps.append(TourTests.Step(command: String(line.dropFirst(2))))
                isAfterCommand = true
            } else if isInBlock, isAfterCommand {
                steps[steps.count - 1].output.append(line)
            }
        }
        return steps
    }

    @Test("the tour has the query commands")
    func found() throws {
        let steps = try Self.examples()
        #expect(steps.count >= 15, "the tour's sections were not found, or lost their commands")
        #expect(steps.allSatisfy { !$0.output.isEmpty }, "a command of the tour shows no output")
    }

    @Test("a query of the tour prints what the tour shows", arguments: try examples())
    func example(_ step: TourTests.Step) throws {
        let store = try #require(ExampleTests.preparedStore, "the bundled dataset did not import")
        try withTemporaryStore { cli in
            try FileManager.default.copyItem(atPath: store, toPath: cli.path("isnad.db"))
            let binaries = URL(fileURLWithPath: CLIHarness.binary).deletingLastPathComponent().path
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "ISNAD_DB")
            environment["PATH"] = binaries + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            let result = try ExternalTool.run(
                "/bin/bash", ["-c", step.command + " 2>&1"], directory: cli.directory, environment: environment)
            // The marks that hold Arabic in order (footnotes have them off a terminal) are
            // invisible: a page shows the text they order, without them.
            let unmarked = String(
                String.UnicodeScalarView(result.standardOutput.unicodeScalars.filter { $0 != "\u{200E}" && $0 != "\u{200F}" }))
            var printed = unmarked.components(separatedBy: "\n")
            if printed.last == "" { printed.removeLast() }
            // The printed lines the tour leaves out are dropped, and counted.
            var kept: [String] = []
            var position = 0
            for line in step.output {
                if let cut = Self.linesLeftOut(line) {
                    #expect(position + cut <= printed.count, "\(step.command): the tour leaves out \(cut) lines, too many")
                    position += cut
                    kept.append(line)
                } else {
                    kept.append(position < printed.count ? printed[position] : "(nothing printed)")
                    position += 1
                }
            }
            #expect(
                position == printed.count, "\(step.command): \(printed.count) lines printed, the tour accounts for \(position)")
            #expect(kept == step.output, "\(step.command)")
        }
    }

    /// N of a line `… (N more lines)`, `… (N more claims)`, where the tour leaves N lines out, or nil.
    static func linesLeftOut(_ line: String) -> Int? {
        guard line.hasPrefix("… ("), line.hasSuffix(")"), let space = line.dropFirst(3).firstIndex(of: " "),
            line[space...].hasPrefix(" more ")
        else { return nil }
        return Int(line.dropFirst(3)[..<space])
    }
}
