import Foundation
import TestHelpers
import Testing

@Suite("CLI frame")
struct SmokeTests {
    @Test("isnad help lists the commands and exits 0")
    func help() throws {
        let cli = try CLIHarness()
        defer { cli.remove() }
        let result = try cli.run(["help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("import"))
        #expect(result.standardOutput.contains("show"))
    }
}
