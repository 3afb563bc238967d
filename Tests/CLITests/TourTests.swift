import Foundation
import TestHelpers
import Testing

/// The tour's section on working in the store (docs/tour.md, "add: encode a paragraph without writing JSON"):
/// every `$ isnad` line of the section run in order on one store of the bundled dataset, as Ana
/// (`$ISNAD_AUTHOR`) with an editor that makes Bilal's change, and what each prints compared
/// with what the tour shows — times and today's date aside.
@Suite("The tour of working in the store, output and all", .temporaryStore)
struct TourTests {
    static let section = "## add: encode a paragraph without writing JSON"

    /// One command of the tour and what the tour shows it printing.
    struct Step: Sendable, CustomStringConvertible {
        var command: String
        var output: [String] = []
        var description: String { command }
    }

    static func steps(of section: String = section) throws -> [Step] {
        let readme = try String(contentsOf: Repository.root.appendingPathComponent("docs/tour.md"), encoding: .utf8)
        let lines = readme.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: section) else { return [] }
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("## ") } ?? lines.endIndex
        var steps: [Step] = []
        var isInBlock = false
        // Output lines belong to the command above them in the same block (the editor's view,
        // a block without commands, belongs to none).
        var isAfterCommand = false
        for line in lines[start..<end] {
            if line.hasPrefix("```") {
                isInBlock.toggle()
                isAfterCommand = false
            } else if isInBlock, line.hasPrefix("$ ") {
                steps.append(Step(command: String(line.dropFirst(2))))
                isAfterCommand = true
            } else if isAfterCommand {
                steps[steps.count - 1].output.append(line)
            }
        }
        return steps
    }

    /// Times and today's date, which differ from run to run, made one placeholder each.
    static func masked(_ text: String, today: String) -> String {
        text.replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, with: "TIME", options: .regularExpression)
            .replacingOccurrences(of: today, with: "DAY")
    }

    @Test("the tour's commands print what the tour shows, in order, on one store")
    func tour() throws {
        let steps = try Self.steps()
        #expect(steps.count >= 8, "the tour section was not found, or lost its commands")
        #expect(steps.contains { $0.command.hasPrefix("isnad edit ") }, "the tour fixes a grade with edit")
        let cli = try CLIHarness.scoped
        let dataset = Repository.root.appendingPathComponent("Datasets/hadera-2022/hadera-2022.jsonl").path
        #expect(try cli.run(["import", dataset], environment: ["ISNAD_AUTHOR": "ana"]).status == 0)
        let binaries = URL(fileURLWithPath: CLIHarness.binary).deletingLastPathComponent().path
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "ISNAD_DB")
        environment.removeValue(forKey: "VISUAL")
        environment["PATH"] = binaries + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["ISNAD_AUTHOR"] = "ana"
        // Bilal's change, made as he makes it in his editor.
        environment["EDITOR"] = #"sed -i 's/"credibility": 2,/"credibility": 3,/'"#
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        for step in steps {
            let result = try ExternalTool.run(
                "/bin/bash", ["-c", step.command], directory: cli.directory, environment: environment)
            #expect(result.status == 0, "\(step.command)\n\(result.standardError)")
            let today = formatter.string(from: Date())
            // CSV ends its lines with CRLF (RFC 4180); the tour shows them as lines.
            let printed = Self.masked(
                (result.standardOutput + result.standardError).replacingOccurrences(of: "\r\n", with: "\n"), today: today)
            let shown = Self.masked(step.output.joined(separator: "\n") + "\n", today: "2026-12-01")
            #expect(printed == shown, "\(step.command)")
        }
    }
}
