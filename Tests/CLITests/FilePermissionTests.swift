import Foundation
import TestHelpers
import Testing

/// Read-only stores, write-protected folders: a clear error, the right exit code, nothing
/// created where it should not be.
@Suite(
    "File permissions",
    .enabled(if: CLIHarness.canDropPrivileges, "running as root without setpriv: permissions cannot be tested"))
struct FilePermissionTests {
    private func storeWithData() throws -> CLIHarness {
        let cli = try CLIHarness()
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        try FileManager.default.createDirectory(atPath: cli.path("folder"), withIntermediateDirectories: true)
        try cli.handToUnprivilegedUser()
        return cli
    }

    @Test("a read-only store answers queries and refuses imports with exit 73")
    func readOnlyFile() throws {
        let cli = try storeWithData()
        defer { cli.remove() }
        chmod(cli.path("isnad.db"), 0o444)
        #expect(try cli.runUnprivileged(["show", "hamas"]).status == 0)
        let result = try cli.runUnprivileged(["import", "records.jsonl"])
        #expect(result.status == 73)
        #expect(result.standardError.contains("isnad.db is read-only: this command must write to the store"))
    }

    @Test("a store in a write-protected folder can still be read, not written")
    func readOnlyFolder() throws {
        let cli = try storeWithData()
        defer { cli.remove() }
        let store = cli.path("folder/isnad.db")
        try FileManager.default.copyItem(atPath: cli.path("isnad.db"), toPath: store)
        try cli.handToUnprivilegedUser()
        chmod(cli.path("folder"), 0o555)
        let query = try cli.runUnprivileged(["--db", "folder/isnad.db", "show", "hamas"])
        #expect(query.status == 0, "\(query.standardError)")
        #expect(query.standardOutput.contains("Hamas (hamas)"))
        let write = try cli.runUnprivileged(["--db", "folder/isnad.db", "import", "records.jsonl"])
        #expect(write.status == 73)
        #expect(write.standardError.contains("read-only"))
    }

    @Test("no store can be created in a write-protected folder: exit 73, nothing left behind")
    func protectedFolder() throws {
        let cli = try storeWithData()
        defer { cli.remove() }
        chmod(cli.path("folder"), 0o555)
        let result = try cli.runUnprivileged(["--db", "folder/new.db", "import", "records.jsonl"])
        #expect(result.status == 73)
        #expect(result.standardError.contains("cannot create a store at folder/new.db"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.path("folder")).isEmpty)
    }

    @Test("an export to a folder that cannot be written fails with 73 and leaves nothing")
    func protectedOutput() throws {
        let cli = try storeWithData()
        defer { cli.remove() }
        chmod(cli.path("folder"), 0o555)
        let result = try cli.runUnprivileged(["export", "jsonl", "-o", "folder/out.jsonl"])
        #expect(result.status == 73)
        #expect(result.standardError.contains("folder/out.jsonl"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.path("folder")).isEmpty)
    }
}
