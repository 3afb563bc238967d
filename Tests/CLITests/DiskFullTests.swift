import Foundation
import TestHelpers
import Testing

/// A full disk, for real: a small tmpfs, mounted where the machine allows it (root).
@Suite("Disk full", .temporaryStore, .enabled(if: SmallDisk.isAvailable, "needs root and tmpfs to mount a small disk"))
struct DiskFullTests {
    /// 5,000 entities: more than a few hundred kilobytes of store.
    static let manyRecords = (0..<5000).map {
        #"{"record":"entity","id":"e\#($0)","type":"person","name":"Person number \#($0), a long name to fill pages"}"#
    }.joined(separator: "\n")

    @Test("an import that fills the disk fails with 'disk full', exit 73, and the store is unchanged")
    func importFillsDisk() throws {
        let disk = try SmallDisk(kilobytes: 400)
        defer { disk.remove() }
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        let store = disk.path + "/isnad.db"
        #expect(try cli.run(["--db", store, "import", "records.jsonl"]).status == 0)
        let before = try cli.run(["--db", store, "export", "jsonl"]).outputBytes
        try cli.write("many.jsonl", DiskFullTests.manyRecords)
        let result = try cli.run(["--db", store, "import", "many.jsonl"])
        #expect(result.status == 73)
        #expect(result.standardError.contains("disk full: the store was left as it was before this command"))
        #expect(try cli.run(["--db", store, "export", "jsonl"]).outputBytes == before)
        let integrity = try ExternalTool.run("/usr/bin/sqlite3", [store, "PRAGMA integrity_check"])
        #expect(integrity.standardOutput == "ok\n")
    }

    @Test("an import that would create a store on a full disk fails with 'disk full' and leaves no store behind")
    func newStoreFillsDisk() throws {
        let cli = try CLIHarness.scoped
        try cli.write("many.jsonl", DiskFullTests.manyRecords)
        // 64 KiB: not even the schema fits; 400 KiB: the schema fits, the records do not.
        for kilobytes in [64, 400] {
            let disk = try SmallDisk(kilobytes: kilobytes)
            defer { disk.remove() }
            let result = try cli.run(["--db", disk.path + "/isnad.db", "import", "many.jsonl"])
            #expect(result.status == 73)
            #expect(result.standardError.contains("disk full"))
            #expect(!result.standardError.contains("created"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path).isEmpty)
        }
    }

    @Test("on a disk full already, init, import and copy fail and leave no empty store file behind")
    func diskFullAlready() throws {
        let disk = try SmallDisk(kilobytes: 1024)
        defer { disk.remove() }
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let store = disk.path + "/full.isnad"
        #expect(try cli.run(["copy", "isnad.db", store]).status == 0)
        // No connection open: the shared-memory index may go, and must be made again on a full disk.
        try? FileManager.default.removeItem(atPath: store + "-shm")
        // Every block taken: a file can still be made, no byte written to it.
        _ = try ExternalTool.run("/bin/dd", ["if=/dev/zero", "of=\(disk.path)/filler", "bs=4096"])
        // A query still reads it (so that it can be copied off that disk); a change cannot be made.
        let stats = try cli.run(["--db", store, "stats"])
        #expect(stats.status == 0, "\(stats.standardError)")
        #expect(stats.standardOutput.hasPrefix("3 entities"), "\(stats.standardOutput)")
        #expect(try cli.run(["copy", store, "rescued.isnad"]).status == 0)
        let change = try cli.run(["--db", store, "set", "hamas", "name", "Hamas (the movement)"])
        #expect(change.status == 73, "\(change.standardError)")
        #expect(change.standardError.contains("disk full"), "\(change.standardError)")
        try FileManager.default.removeItem(atPath: disk.path + "/filler")
        #expect(try cli.run(["--db", store, "show", "hamas"]).standardOutput.hasPrefix("Hamas (hamas)"))
        for name in ["full.isnad", "full.isnad-wal", "full.isnad-shm"] {
            try? FileManager.default.removeItem(atPath: disk.path + "/" + name)
        }
        _ = try ExternalTool.run("/bin/dd", ["if=/dev/zero", "of=\(disk.path)/filler", "bs=4096"])
        for command in [
            ["--db", disk.path + "/a.isnad", "init"], ["--db", disk.path + "/b.isnad", "import", "records.jsonl"],
            ["copy", "isnad.db", disk.path + "/c.isnad"],
        ] {
            let result = try cli.run(command)
            #expect(result.status != 0, "\(command)")
            #expect(!result.standardError.contains("created"), "\(command): \(result.standardError)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path) == ["filler"])
    }

    @Test("an export that fills the disk fails with 'disk full' and leaves no partial file")
    func exportFillsDisk() throws {
        let disk = try SmallDisk(kilobytes: 64)
        defer { disk.remove() }
        let cli = try CLIHarness.scoped
        let many = (0..<3000).map { #"{"record":"entity","id":"e\#($0)","type":"person","name":"Person number \#($0)"}"# }
        try cli.write("many.jsonl", many.joined(separator: "\n"))
        #expect(try cli.run(["import", "many.jsonl"]).status == 0)
        let result = try cli.run(["export", "jsonl", "-o", disk.path + "/export.jsonl"])
        #expect(result.status == 73)
        #expect(result.standardError.contains("disk full"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path).isEmpty)
    }
}

/// A tmpfs of a few hundred kilobytes, mounted for one test.
struct SmallDisk {
    let path: String

    static let isAvailable: Bool = {
        guard getuid() == 0, let disk = try? SmallDisk(kilobytes: 64) else { return false }
        disk.remove()
        return true
    }()

    init(kilobytes: Int) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("isnad-disk-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let result = try ExternalTool.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path])
        if result.status != 0 {
            try? FileManager.default.removeItem(atPath: path)
            throw CocoaError(.fileWriteNoPermission)
        }
    }

    func remove() {
        _ = try? ExternalTool.run("/bin/umount", [path])
        try? FileManager.default.removeItem(atPath: path)
    }
}
