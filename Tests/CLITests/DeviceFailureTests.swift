import Foundation
import TestHelpers
import Testing

/// A device that fails a read or a write of the store (EIO), for real: strace makes one system
/// call on the store's file fail, as a failing disk or a lost network mount does.
@Suite(
    "A device that fails", .temporaryStore,
    .enabled(if: ExternalTool.path("strace") != nil, "needs strace (apt: strace) to make one read or write fail"))
struct DeviceFailureTests {
    /// A harness whose store holds ``CoreCommandTests/records``.
    private func importedStore() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        try #require(try cli.run(["import", "records.jsonl"]).status == 0)
        return cli
    }

    /// `isnad ARGUMENTS` in the harness's folder under strace, which makes the calls `faults`
    /// says fail (`-e inject=…`, `-P FILE`, `-f` …).
    private func traced(
        _ cli: CLIHarness, _ faults: [String], _ arguments: [String], environment more: [String: String] = [:]
    ) throws -> ExternalTool.Result {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "ISNAD_DB")
        for (key, value) in more { environment[key] = value }
        return try ExternalTool.run(
            try #require(ExternalTool.path("strace")), ["-o", "/dev/null"] + faults + [CLIHarness.binary] + arguments,
            directory: cli.directory, environment: environment)
    }

    /// `isnad ARGUMENTS` with the `number`th `call` (pread64, pwrite64) on `file` failing with EIO.
    private func run(
        _ cli: CLIHarness, _ arguments: [String], failing call: String, number: Int, on file: String
    ) throws -> ExternalTool.Result {
        try traced(
            cli, ["-f", "-P", cli.path(file), "-e", "trace=\(call)", "-e", "inject=\(call):error=EIO:when=\(number)"],
            arguments)
    }

    @Test(
        "a read or write the device fails is said as such (74), never as a damaged store whose log to move away: that log may hold its latest changes"
    )
    func inputOutputError() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        // A write to the main file comes after the commit (the checkpoint, which may fail): the
        // change is written in the log.
        for (arguments, call, number, file) in [
            (["show", "hamas"], "pread64", 1, "isnad.db"), (["show", "hamas"], "pread64", 2, "isnad.db"),
            (["show", "hamas"], "pread64", 4, "isnad.db"),
            (["add", "entity", "--type", "person", "--name", "X"], "pwrite64", 1, "isnad.db-wal"),
            // check's own question, whether the file is damaged: a page the device failed to read
            // is not damage (SQLite's integrity check names it by its I/O error code).
            (["check"], "pread64", 9, "isnad.db"), (["check"], "pread64", 20, "isnad.db"),
        ] {
            let result = try run(cli, arguments, failing: call, number: number, on: file)
            #expect(result.status == 74, "\(arguments) \(call) \(number): \(result.standardError)")
            #expect(
                result.standardError.hasPrefix(
                    "isnad: isnad.db: the device failed to read or write the store (Input/output error"),
                "\(arguments) \(call) \(number): \(result.standardError)")
            #expect(!result.standardError.contains("damaged") && !result.standardError.contains("move it"))
            #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
            #expect(!result.standardOutput.contains("FAIL"), "\(result.standardOutput)")
        }
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test(
        "a write refused for a quota, a file system's size limit or a read-only file system, or a sync that fails, is said by its cause (73, 74 for another I/O error), and the store is as before"
    )
    func writeRefusedByTheFileSystem() throws {
        let cli = try importedStore()
        let before = try cli.run(["export", "jsonl"]).outputBytes
        let add = ["add", "entity", "--type", "person", "--name", "X"]
        let left = "the store was left as it was before this command\n"
        for (call, systemError, status, said) in [
            ("pwrite64", "EDQUOT", Int32(73), "disk full (Disk quota exceeded): \(left)"),
            ("pwrite64", "EFBIG", 73, "File too large (past the largest file its file system holds): \(left)"),
            ("pwrite64", "EROFS", 73, "the store's file system is read-only (Read-only file system): \(left)"),
            ("pwrite64", "EINVAL", 74, "disk I/O error (Invalid argument): \(left)"),
            // A disk that finds itself full only when the log is synced (NFS, a thin volume).
            ("fdatasync,fsync", "ENOSPC", 73, "disk full: \(left)"),
            ("fdatasync,fsync", "EDQUOT", 73, "disk full (Disk quota exceeded): \(left)"),
        ] {
            let result = try traced(
                cli, ["-f", "-e", "trace=\(call)", "-e", "inject=\(call):error=\(systemError):when=1"], add)
            #expect(result.status == status, "\(call) \(systemError): \(result.standardError)")
            #expect(result.standardError == "isnad: isnad.db: \(said)", "\(call) \(systemError)")
            #expect(try cli.run(["export", "jsonl"]).outputBytes == before, "\(call) \(systemError)")
        }
    }

    @Test(
        "copy and import into an empty file the user made (touch), failing once it is a store: said to be left an empty store, not as it was"
    )
    func emptyFileLeftAStore() throws {
        let cli = try importedStore()
        // How many writes to its log making the schema takes: the copy's or the import's come after.
        try cli.write("probe.db", "")
        _ = try ExternalTool.run(
            try #require(ExternalTool.path("strace")),
            [
                "-f", "-o", cli.path("writes"), "-P", cli.path("probe.db-wal"), "-e", "trace=pwrite64", CLIHarness.binary,
                "--db", "probe.db", "init",
            ], directory: cli.directory)
        let schemaWrites = String(decoding: try cli.read("writes"), as: UTF8.self).components(separatedBy: "pwrite64(").count - 1
        try #require(schemaWrites > 0)
        for arguments in [["copy", "isnad.db", "t.db"], ["--db", "t.db", "import", "records.jsonl"]] {
            for file in ["t.db", "t.db-wal", "t.db-shm"] { try? FileManager.default.removeItem(atPath: cli.path(file)) }
            try cli.write("t.db", "")
            let result = try traced(
                cli,
                [
                    "-f", "-P", cli.path("t.db-wal"), "-e", "trace=pwrite64", "-e",
                    "inject=pwrite64:error=EDQUOT:when=\(schemaWrites + 1)",
                ], arguments)
            #expect(result.status == 73, "\(arguments): \(result.standardError)")
            #expect(
                result.standardError
                    == "isnad: t.db: disk full (Disk quota exceeded): the file was empty before this command, and is left an empty store\n",
                "\(arguments)")
            #expect(try cli.run(["--db", "t.db", "stats"]).standardOutput.hasPrefix("0 entities"), "\(arguments)")
        }
    }

    @Test(
        "a copy into a new file killed midway leaves no store under its name, only a temporary file that the next copy names"
    )
    func copyKilledMidway() throws {
        let cli = try importedStore()
        for number in [20, 120] {
            let result = try traced(
                cli, ["-f", "-e", "trace=pwrite64", "-e", "inject=pwrite64:signal=KILL:when=\(number)"],
                ["copy", "isnad.db", "backup.db"])
            #expect(result.status != 0, "\(number)")
            #expect(!FileManager.default.fileExists(atPath: cli.path("backup.db")), "\(number)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: cli.path(".")).filter {
            $0.hasPrefix(".isnad-") && $0.count == 13
        }
        #expect(left.count == 2, "\(left)")
        for file in left {
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSinceNow: -120)], ofItemAtPath: cli.path(file))
        }
        let next = try cli.run(["copy", "isnad.db", "backup.db"])
        #expect(next.status == 0, "\(next.standardError)")
        for file in left {
            #expect(
                next.standardError.contains(
                    "isnad: note: \(file) ("), "\(next.standardError)")
        }
        #expect(next.standardError.contains("is an export or a copy that was killed before it finished"))
        #expect(try cli.run(["--db", "backup.db", "export", "jsonl"]).outputBytes == cli.run(["export", "jsonl"]).outputBytes)
    }

    @Test(
        "a name where an id is taken (log, delete): a store read that fails while the name is looked up is said as such (74), never as no such record"
    )
    func nameLookupAtEveryRead() throws {
        let cli = try importedStore()
        // Every read of the store fails in turn, until none is left to fail and the command answers.
        for (arguments, status, answer) in [
            (["log", "Islamic State"], Int32(0), "isnad: \"Islamic State\" taken as entity isis\n"),
            (["delete", "Islamic State"], 65, "that is a name of entity isis\n"),
        ] {
            var failed = 0
            var answered = false
            for number in 1...120 {
                let result = try run(cli, arguments, failing: "pread64", number: number, on: "isnad.db")
                if result.status == 74 {
                    failed += 1
                    #expect(
                        result.standardError.contains("isnad: isnad.db: the device failed to read or write the store"),
                        "\(arguments) \(number): \(result.standardError)")
                    continue
                }
                #expect(result.status == status, "\(arguments) \(number): \(result.standardError)")
                #expect(result.standardError.hasSuffix(answer), "\(arguments) \(number): \(result.standardError)")
                answered = true
                break
            }
            #expect(failed > 0 && answered, "\(arguments): \(failed) reads failed")
        }
    }

    @Test(
        "an export to a file whose store read fails at any point: either it succeeds with the whole file, or fails and leaves the old file"
    )
    func exportAtEveryRead() throws {
        let cli = try importedStore()
        try #require(try cli.run(["retract", "hamas-praised-attack", "--reason", "test"]).status == 0)
        for format in ["stix", "ftm", "jsonl"] {
            let whole = try cli.run(["export", format]).outputBytes
            var failed = 0
            for number in 1...90 {
                try cli.write("out", "old")
                let result = try run(cli, ["export", format, "-o", "out"], failing: "pread64", number: number, on: "isnad.db")
                if result.status == 0 {
                    #expect(try cli.read("out") == whole, "\(format) \(number)")
                } else {
                    failed += 1
                    #expect(try cli.read("out") == Data("old".utf8), "\(format) \(number): \(result.standardError)")
                }
            }
            #expect(failed > 0, "\(format): no read failed")
        }
    }

    @Test(
        "an import whose store read fails at any point: either it is committed and says so (0), or fails and the store is as before"
    )
    func importAtEveryRead() throws {
        let cli = try importedStore()
        try cli.write("more.jsonl", #"{"record":"entity","id":"new-one","type":"person","name":"New One"}"# + "\n")
        try #require(try cli.run(["copy", "isnad.db", "start.db"]).status == 0)
        let before = try cli.run(["export", "jsonl"]).outputBytes
        var failed = 0
        for number in 1...90 {
            // The store put back whole: its log too, which a failed checkpoint leaves holding frames.
            for file in ["isnad.db", "isnad.db-wal", "isnad.db-shm"] {
                try? FileManager.default.removeItem(atPath: cli.path(file))
            }
            try FileManager.default.copyItem(atPath: cli.path("start.db"), toPath: cli.path("isnad.db"))
            let result = try run(cli, ["import", "more.jsonl"], failing: "pread64", number: number, on: "isnad.db")
            let after = try cli.run(["export", "jsonl"]).outputBytes
            if result.status == 0 {
                #expect(result.standardError.contains("imported 1 record"), "\(number): \(result.standardError)")
                #expect(after != before, "\(number)")
            } else {
                failed += 1
                #expect(after == before, "\(number): \(result.standardError)")
            }
        }
        #expect(failed > 0)
    }

    @Test("init, import and copy into an empty file that make a store whose first read fails leave no file behind")
    func newStoreUnread() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        try #require(try cli.run(["--db", "source.db", "import", "records.jsonl"]).status == 0)
        // (A copy into a new file makes it under a temporary name: emptyFileLeftAStore, copyKilledMidway.)
        for arguments in [["--db", "isnad.db", "init"], ["--db", "isnad.db", "import", "records.jsonl"]] {
            let result = try run(cli, arguments, failing: "pread64", number: 1, on: "isnad.db")
            #expect(result.status == 74, "\(arguments): \(result.standardError)")
            for file in ["isnad.db", "isnad.db-wal", "isnad.db-shm"] {
                #expect(!FileManager.default.fileExists(atPath: cli.path(file)), "\(arguments): \(file)")
            }
        }
    }

    @Test(
        "edit: a temporary file that cannot be written is said in one line (73 for a full disk); an edit that cannot be read back is left where it was saved (74)"
    )
    func editOnAFailingDevice() throws {
        let cli = try importedStore()
        // Each run makes a change: a name one longer.
        try cli.write("editor.sh", "#!/bin/sh\nsed -i 's/\"Hamas/\"Hamas!/' \"$1\"\n")
        chmod(cli.path("editor.sh"), 0o755)
        let temporary = cli.path("tmp")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        // Not -f: the editor's own calls are not failed.
        func edit(_ fault: String) throws -> ExternalTool.Result {
            try traced(
                cli, ["-e", "inject=\(fault)"], ["edit", "hamas"],
                environment: ["EDITOR": cli.path("editor.sh"), "TMPDIR": temporary])
        }
        let full = try edit("write:error=ENOSPC:when=1")
        #expect(full.status == 73, "\(full.standardError)")
        #expect(full.standardError.hasSuffix("entity-hamas.json: disk full (No space left on device)\n"), "\(full.standardError)")
        #expect(full.standardError.split(separator: "\n").count == 1 && !full.standardError.contains("NSCocoaErrorDomain"))
        // The temporary copy that cannot be removed after the edit is said, not left unsaid.
        let unremoved = try edit("unlink:error=EIO:when=1")
        #expect(unremoved.status == 0, "\(unremoved.standardError)")
        #expect(
            unremoved.standardError.contains("could not be removed: it holds a copy of the record"), "\(unremoved.standardError)")
        try FileManager.default.removeItem(atPath: temporary)
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        var kept = 0
        for number in 1...80 {
            let result = try edit("read:error=EIO:when=\(number)")
            #expect(!result.standardError.contains("left no file"), "\(number): \(result.standardError)")
            if result.standardError.contains("the edit saved there cannot be read (Input/output error)") {
                kept += 1
                #expect(result.status == 74)
                let left = try FileManager.default.subpathsOfDirectory(atPath: temporary).filter {
                    $0.hasSuffix("entity-hamas.json")
                }
                #expect(left.count == 1, "\(left)")
                try FileManager.default.removeItem(atPath: temporary)
                try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
            }
        }
        #expect(kept > 0, "no read of the saved file failed")
    }

    @Test(
        "an export's flush to disk interrupted by a signal (EINTR, as a network file system may give) is made again: the file is whole"
    )
    func interruptedFlush() throws {
        let cli = try importedStore()
        let whole = try cli.run(["export", "graphml"]).outputBytes
        let result = try traced(cli, ["-e", "inject=fsync:error=EINTR:when=1"], ["export", "graphml", "-o", "out.graphml"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try cli.read("out.graphml") == whole)
    }

    @Test(
        "an input file whose read the device fails is an I/O error (74) naming it, not a file of another format, and nothing is imported"
    )
    func unreadableInput() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        try #require(try cli.run(["--db", "source.db", "import", "records.jsonl"]).status == 0)
        try #require(try cli.run(["--db", "source.db", "export", "stix", "-o", "bundle.json"]).status == 0)
        try cli.write(
            "sheet.csv",
            "subject,predicate,object,source,quote,stance,credibility,locator\nhamas,praised,hadera-attack,police,q,reports,3,\n")
        for (file, call) in [
            ("bundle.json", "pread64"), ("bundle.json", "read"), ("records.jsonl", "read"), ("sheet.csv", "read"),
        ] {
            let result = try run(cli, ["--db", "new.db", "import", file], failing: call, number: 1, on: file)
            #expect(result.status == 74, "\(file) \(call): \(result.standardError)")
            #expect(result.standardError.hasPrefix("isnad: \(file): read failed: Input/output error"), "\(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: cli.path("new.db")))
        }
    }
}
