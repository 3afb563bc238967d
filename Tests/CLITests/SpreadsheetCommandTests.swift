import Foundation
import TestHelpers
import Testing

/// `--format csv --bom`, `isnad template claims.csv` and `isnad import FILE.csv`, run as the built binary.
@Suite("spreadsheets end to end", .temporaryStore)
struct SpreadsheetCommandTests {
    private func importedStore() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        return cli
    }

    @Test("--bom puts EF BB BF before the CSV, and only there")
    func byteOrderMark() throws {
        let cli = try importedStore()
        let plain = try cli.run(["claims", "--format", "csv"])
        let marked = try cli.run(["claims", "--format", "csv", "--bom"])
        #expect(marked.status == 0, "\(marked.standardError)")
        #expect(Array(marked.outputBytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(Array(marked.outputBytes.dropFirst(3)) == Array(plain.outputBytes))
        #expect(marked.standardOutput.contains("باركت"))
    }

    @Test("--bom with another format is a usage error (exit 64)", arguments: [["--format", "json"], []])
    func byteOrderMarkRefused(format: [String]) throws {
        let cli = try importedStore()
        let result = try cli.run(["claims", "--bom"] + format)
        #expect(result.status == 64)
        #expect(result.standardError.contains("--bom does not apply to --format"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test("--bom is listed in the help of the commands that take --format")
    func byteOrderMarkHelp() throws {
        let cli = try CLIHarness.scoped
        #expect(try cli.run(["claims", "--help"]).standardOutput.contains("--bom"))
        #expect(try cli.run(["search", "--help"]).standardOutput.contains("--bom"))
    }
}
