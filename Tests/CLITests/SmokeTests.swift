import Foundation
import TestHelpers
import Testing

@Suite("CLI frame", .temporaryStore)
struct SmokeTests {
    @Test("isnad help lists the commands and exits 0")
    func help() throws {
        let cli = try CLIHarness.scoped
        let result = try cli.run(["help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("import"))
        #expect(result.standardOutput.contains("show"))
    }
}
