import Foundation
import TestHelpers
import Testing

@testable import IsnadKit

/// Read-only stores, write-protected folders: a clear error, the right exit code, nothing
/// created where it should not be.
@Suite(
    "File permissions", .temporaryStore,
    .enabled(if: CLIHarness.canDropPrivileges, "running as root without setpriv: permissions cannot be tested"))
struct FilePermissionTests {
    private func storeWithData() throws -> CLIHarness {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        try FileManager.default.createDirectory(atPath: cli.path("folder"), withIntermediateDirectories: true)
        try cli.handToUnprivilegedUser()
        return cli
    }

    @Test("a read-only store answers queries and refuses imports with exit 73")
    func readOnlyFile() throws {
        let cli = try storeWithData()
        chmod(cli.path("isnad.db"), 0o444)
        #expect(try cli.runUnprivileged(["show", "hamas"]).status == 0)
        // A word add cannot take is said as such (64), the store's being read-only aside.
        let badType = try cli.runUnprivileged(["add", "entity", "--type", "persn", "--name", "X"])
        #expect(badType.status == 64, "\(badType.standardError)")
        #expect(badType.standardError.hasPrefix("isnad: --type: \"persn\" is not one of"), "\(badType.standardError)")
        // init on it says it is a store already, as on one that can be written.
        let initialised = try cli.runUnprivileged(["init"])
        #expect(
            initialised.status == 0
                && initialised.standardError.hasSuffix(
                    "is already an Isnad store (schema version \(Migrations.currentVersion)); nothing to do\n"),
            "\(initialised.standardError)")
        let result = try cli.runUnprivileged(["import", "records.jsonl"])
        #expect(result.status == 73)
        #expect(
            result.standardError.contains(
                "isnad.db is read-only: this command must write to the store (isnad.db cannot be written)"))
        // Another user's -wal and -shm, read-only, keep writers out once the store is writable
        // again (the user's own are given write access): the message names the file to look at.
        chmod(cli.path("isnad.db"), 0o644)
        for suffix in ["-wal", "-shm"] {
            let path = cli.path("isnad.db" + suffix)
            if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: Data()) }
            chown(path, 0, 0)
            chmod(path, 0o444)
        }
        let stale = try cli.runUnprivileged(["set", "hamas", "description", "x"])
        #expect(stale.status == 73)
        #expect(
            stale.standardError.contains("isnad.db-wal belongs to root, not to you (left empty by a query of theirs)")
                || stale.standardError.contains("isnad.db-shm belongs to root, not to you"), "\(stale.standardError)")
    }

    @Test(
        "a store read while read-only (chmod 444) takes writes again once it is made writable, through a link too; one left so before is mended by the next command"
    )
    func readWhileReadOnlyThenWritable() throws {
        let cli = try storeWithData()
        chmod(cli.path("isnad.db"), 0o444)
        #expect(try cli.runUnprivileged(["show", "hamas"]).status == 0)
        // SQLite made them with the store's permissions, and a reader cannot remove them.
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: cli.path("isnad.db" + suffix)) {
            let permissions = try FileManager.default.attributesOfItem(atPath: cli.path("isnad.db" + suffix))[.posixPermissions]
            #expect((permissions as? Int).map { $0 & 0o200 != 0 } == true, "\(suffix): \(String(describing: permissions))")
        }
        chmod(cli.path("isnad.db"), 0o644)
        let written = try cli.runUnprivileged(["set", "hamas", "description", "written after"])
        #expect(written.status == 0, "\(written.standardError)")
        #expect(try cli.run(["show", "hamas"]).standardOutput.contains("written after"))
        // Through a link: the files beside the store itself, not a file beside the link's name.
        symlink("isnad.db", cli.path("link.db"))
        try cli.write("link.db-wal", "not SQLite's")
        chown(cli.path("link.db-wal"), 65534, 65534)
        chmod(cli.path("link.db-wal"), 0o444)
        chmod(cli.path("isnad.db"), 0o444)
        #expect(try cli.runUnprivileged(["--db", "link.db", "show", "hamas"]).status == 0)
        chmod(cli.path("isnad.db"), 0o644)
        let linkWAL = try FileManager.default.attributesOfItem(atPath: cli.path("link.db-wal"))[.posixPermissions] as? Int
        #expect(linkWAL == 0o444, "\(String(describing: linkWAL))")
        #expect(try cli.runUnprivileged(["--db", "link.db", "set", "hamas", "description", "through the link"]).status == 0)
        // Left read-only by an earlier reader (an Isnad before this one): a write mends it.
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: cli.path("isnad.db" + suffix)) {
            chmod(cli.path("isnad.db" + suffix), 0o444)
        }
        let mended = try cli.runUnprivileged(["set", "hamas", "description", "mended"])
        #expect(mended.status == 0, "\(mended.standardError)")
    }

    @Test(
        "a dry run on a store that may only be read (its file 444, or its folder 555) is refused as the real run is (73), saying why and the way round, and leaves the file byte for byte",
        arguments: ["file", "folder"])
    func dryRunOnReadOnlyStore(_ protected: String) throws {
        let cli = try storeWithData()
        let store = cli.path("folder/isnad.db")
        try FileManager.default.copyItem(atPath: cli.path("isnad.db"), toPath: store)
        try cli.handToUnprivilegedUser()
        chmod(protected == "file" ? store : cli.path("folder"), protected == "file" ? 0o444 : 0o555)
        let global = ["--db", "folder/isnad.db"]
        let bytes = try Data(contentsOf: URL(fileURLWithPath: store))
        for arguments in [
            ["import", "records.jsonl"], ["add", "entity", "--type", "person", "--name", "Dry Person"],
            ["set", "hamas", "description", "a movement"], ["retract", "hamas-praised-attack", "--reason", "r"],
            ["merge", "hamas", "isis"], ["rename", "hamas", "hamas-movement"], ["undo"],
        ] {
            let dry = try cli.runUnprivileged(global + arguments + ["--dry-run"])
            #expect(dry.status == 73, "\(arguments): \(dry.standardError)")
            #expect(
                dry.standardError.hasPrefix("isnad: folder/isnad.db may only be read (")
                    && dry.standardError.hasSuffix(
                        "): a dry run makes its change in the store, checks it and takes it back, so it needs the write access the real run needs; dry-run a copy (isnad copy folder/isnad.db COPY.db, then --db COPY.db)\n"
                    ), "\(arguments): \(dry.standardError)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == bytes)
    }

    @Test("a store in a write-protected folder can still be read, not written")
    func readOnlyFolder() throws {
        let cli = try storeWithData()
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
        // Through a link in a folder that may be written: the folder that counts is the file's.
        try FileManager.default.createDirectory(atPath: cli.path("links"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: cli.path("links/isnad.db"), withDestinationPath: "../folder/isnad.db")
        try cli.handToUnprivilegedUser()
        let linked = try cli.runUnprivileged(["--db", "links/isnad.db", "show", "hamas"])
        #expect(linked.status == 0, "\(linked.standardError)")
        #expect(linked.standardOutput.contains("Hamas (hamas)"))
    }

    @Test(
        "a store read from a folder the reader cannot write, and written by its owner meanwhile: the read is refused as torn (75), not given as whole",
        .enabled(if: getuid() == 0, "needs root to write as the folder's owner while nobody reads"))
    func readOnlyFolderWrittenMeanwhile() throws {
        let cli = try CLIHarness.scoped
        let dataset = Repository.root.appendingPathComponent("Datasets/hadera-2022/hadera-2022.jsonl").path
        try FileManager.default.createDirectory(atPath: cli.path("folder"), withIntermediateDirectories: true)
        #expect(try cli.run(["--db", "folder/isnad.db", "import", dataset]).status == 0)
        try cli.handToUnprivilegedUser()
        chmod(cli.path("folder"), 0o555)
        // The export's 150 KB fill the pipe, unread: it waits, mid-command, while the owner writes.
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        reader.arguments = [
            "--reuid=65534", "--regid=65534", "--clear-groups", CLIHarness.binary, "--db", "folder/isnad.db", "export",
            "graphml",
        ]
        reader.currentDirectoryURL = cli.directory
        let output = Pipe()
        let errors = Pipe()
        reader.standardOutput = output
        reader.standardError = errors
        try reader.run()
        Thread.sleep(forTimeInterval: 1)
        #expect(try cli.run(["--db", "folder/isnad.db", "set", "hamas", "description", "written meanwhile"]).status == 0)
        let exported = output.fileHandleForReading.readDataToEndOfFile()
        reader.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!exported.isEmpty)
        #expect(reader.terminationStatus == 75, "\(message)")
        #expect(
            message.hasPrefix(
                "isnad: folder/isnad.db was written by another process while this command read it: its folder is read-only to you"
            ),
            "\(message)")
        // With -o, no file is made of such a read; unwritten meanwhile, the read is whole.
        chmod(cli.path("folder"), 0o755)
        try FileManager.default.createDirectory(atPath: cli.path("out"), withIntermediateDirectories: true)
        try cli.handToUnprivilegedUser()
        chmod(cli.path("folder"), 0o555)
        #expect(try cli.runUnprivileged(["--db", "folder/isnad.db", "export", "graphml", "-o", "out/g.graphml"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.path("out/g.graphml")))
    }

    @Test("a store copied with its write-ahead log but not its index, into a folder the reader cannot write: 66, and what to do")
    func logWithoutIndexInReadOnlyFolder() throws {
        let cli = try storeWithData()
        // A connection held open keeps the next command's change in the log: closing, that
        // command is not the last, so it does not fold the log into the file.
        let holder = try Database(path: cli.path("isnad.db"), access: .readOnly)
        _ = try holder.integerPragma("user_version")
        #expect(try cli.run(["set", "hamas", "description", "only in the log"]).status == 0)
        let log = try cli.read("isnad.db-wal")
        #expect(!log.isEmpty)
        try FileManager.default.copyItem(atPath: cli.path("isnad.db"), toPath: cli.path("folder/isnad.db"))
        try log.write(to: URL(fileURLWithPath: cli.path("folder/isnad.db-wal")))
        _ = holder
        try cli.handToUnprivilegedUser()
        chmod(cli.path("folder"), 0o555)
        let refused = try cli.runUnprivileged(["--db", "folder/isnad.db", "show", "hamas"])
        #expect(refused.status == 66, "\(refused.standardError)")
        #expect(
            refused.standardError.hasPrefix(
                "isnad: folder/isnad.db cannot be read here: its write-ahead log (folder/isnad.db-wal) holds changes not yet in the file"
            ), "\(refused.standardError)")
        #expect(
            refused.standardError.hasSuffix(
                "whoever can write there can open the store once with Isnad (any command), which makes that index\n"))
        // Its owner opens it once: then it is read, the change in the log with it.
        #expect(try cli.run(["--db", "folder/isnad.db", "stats"]).status == 0)
        let read = try cli.runUnprivileged(["--db", "folder/isnad.db", "show", "hamas"])
        #expect(read.status == 0, "\(read.standardError)")
        #expect(read.standardOutput.contains("only in the log"))
    }

    @Test("an older store that cannot be written is not queried: its upgrade needs write access, exit 73")
    func readOnlyOlderStore() throws {
        let cli = try CLIHarness.scoped
        do {
            // Schema version 1, as an older Isnad left it (closed, so that its log is written back).
            let database = try Database(path: cli.path("old.db"), access: .create)
            try database.execute("PRAGMA journal_mode = WAL")
            try database.execute(try #require(Migrations.all.first).sql)
            try database.execute(
                """
                PRAGMA user_version = 1;
                INSERT INTO entity (id, type, name) VALUES ('hamas', 'organization', 'Hamas');
                INSERT INTO entity_name VALUES ('hamas', 0, 'Hamas', NULL, 'hamas');
                """)
        }
        try FileManager.default.createDirectory(atPath: cli.path("folder"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: cli.path("old.db"), toPath: cli.path("folder/old.db"))
        try cli.handToUnprivilegedUser()
        chmod(cli.path("old.db"), 0o444)
        chmod(cli.path("folder"), 0o555)
        let version = Migrations.currentVersion
        for (store, reason) in [("old.db", "the file is read-only"), ("folder/old.db", "its folder cannot be written")] {
            let result = try cli.runUnprivileged(["--db", store, "show", "hamas"])
            #expect(result.status == 73)
            let message = "\(store) is schema version 1; upgrading it to \(version) needs write access: \(reason)"
            #expect(result.standardError.contains(message), "\(result.standardError)")
            #expect(try Database(path: cli.path(store), access: .readOnly).integerPragma("user_version") == 1)
        }
        // SQLite gave the files it made beside the store (the log and its index) the store's
        // permissions; the reader gave its owner write access to them, so that they do not keep
        // the store read-only once it is writable again. Another user's are said, not changed.
        chmod(cli.path("old.db"), 0o644)
        for suffix in ["-wal", "-shm"] {
            chown(cli.path("old.db" + suffix), 0, 0)
            chmod(cli.path("old.db" + suffix), 0o444)
        }
        let half = try cli.runUnprivileged(["--db", "old.db", "show", "hamas"])
        #expect(half.status == 73)
        #expect(half.standardError.contains("needs write access: its -"), "\(half.standardError)")
        #expect(half.standardError.contains(" file is read-only"), "\(half.standardError)")
        for suffix in ["-wal", "-shm"] { chown(cli.path("old.db" + suffix), 65534, 65534) }
        let upgraded = try cli.runUnprivileged(["--db", "old.db", "show", "hamas"])
        #expect(upgraded.status == 0)
        #expect(upgraded.standardError.contains("upgraded old.db from schema version 1 to \(version)"))
    }

    /// `isnad ARGUMENTS` in the harness's folder under `umask MASK`, as `user` in group 5000
    /// (the `setpriv` of the team recipe) when one is given; with `ownGroup`, in that group and
    /// a member of 5000, as a user whose login group is their own.
    private func run(
        _ cli: CLIHarness, umask mask: String, as user: Int? = nil, ownGroup: Int? = nil, _ arguments: [String]
    ) throws -> ExternalTool.Result {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "ISNAD_DB")
        let shell = ["/bin/sh", "-c", "umask \(mask); exec \"$0\" \"$@\"", CLIHarness.binary] + arguments
        guard let user else {
            return try ExternalTool.run(shell[0], Array(shell.dropFirst()), directory: cli.directory, environment: environment)
        }
        let groups = ownGroup.map { ["--regid=\($0)", "--groups=5000"] } ?? ["--regid=5000", "--clear-groups"]
        return try ExternalTool.run(
            "/usr/bin/setpriv", ["--reuid=\(user)"] + groups + shell, directory: cli.directory, environment: environment)
    }

    private func permissions(_ path: String) -> mode_t? {
        var information = stat()
        return stat(path, &information) == 0 ? information.st_mode & 0o7777 : nil
    }

    @Test(
        "a new store (init, import, copy) is made with 0666 less the umask, as any file; a copy takes its source's permissions less the umask, as cp does"
    )
    func newStorePermissions() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        for (mask, mode) in [("002", mode_t(0o664)), ("000", 0o666), ("077", 0o600)] {
            #expect(try run(cli, umask: mask, ["--db", "init\(mask).db", "init"]).status == 0)
            #expect(try run(cli, umask: mask, ["--db", "import\(mask).db", "import", "records.jsonl"]).status == 0)
            #expect(permissions(cli.path("init\(mask).db")) == mode, "umask \(mask)")
            #expect(permissions(cli.path("import\(mask).db")) == mode, "umask \(mask)")
        }
        // A private store's backup is as private (it holds what was removed); a shared one's
        // is shared as far as the umask lets it.
        chmod(cli.path("import000.db"), 0o600)
        #expect(try run(cli, umask: "002", ["copy", "import000.db", "private-backup.db"]).status == 0)
        #expect(permissions(cli.path("private-backup.db")) == 0o600)
        chmod(cli.path("import000.db"), 0o664)
        #expect(try run(cli, umask: "022", ["copy", "import000.db", "backup.db"]).status == 0)
        #expect(permissions(cli.path("backup.db")) == 0o644)
        #expect(try run(cli, umask: "002", ["copy", "import000.db", "group-backup.db"]).status == 0)
        #expect(permissions(cli.path("group-backup.db")) == 0o664)
        // A store made read-only to protect it gives a copy its owner may write.
        chmod(cli.path("import000.db"), 0o444)
        #expect(try run(cli, umask: "022", ["copy", "import000.db", "read-only-backup.db"]).status == 0)
        #expect(permissions(cli.path("read-only-backup.db")) == 0o644)
        // So for its owner, whom (unlike root) a read-only copy would stop: the copy, made
        // read-only before it was filled, could not be written.
        try cli.handToUnprivilegedUser()
        let unprivileged = try run(cli, umask: "022", as: getuid() == 0 ? 65534 : nil, ["copy", "import000.db", "own-backup.db"])
        #expect(unprivileged.status == 0, "\(unprivileged.standardError)")
        #expect(permissions(cli.path("own-backup.db")) == 0o644)
    }

    @Test(
        "a file made from a store (every export format, its history) is no wider than the store: a 0600 store's are 0600, a 0644 store's 0644 under umask 022 as before, a file replaced narrowed to the store's"
    )
    func exportPermissions() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try run(cli, umask: "022", ["import", "records.jsonl"]).status == 0)
        let formats = ["jsonl", "dot", "graphml", "html", "gexf", "stix", "ftm", "history"]
        // A read-only store (chmod 444, to protect it) gives files its owner may write: only the
        // group's and others' bits are the store's to limit.
        for (store, mask, expected) in [
            (mode_t(0o600), "022", mode_t(0o600)), (0o644, "022", 0o644), (0o644, "077", 0o600), (0o444, "022", 0o644),
            (0o400, "022", 0o600),
        ] {
            chmod(cli.path("isnad.db"), store)
            for format in formats {
                let name = "\(format)-\(String(store, radix: 8))-\(mask).out"
                let layout = format == "html" ? ["--layout", "own"] : []
                let result = try run(cli, umask: mask, ["export", format, "-o", name] + layout)
                #expect(result.status == 0, "\(format): \(result.standardError)")
                #expect(permissions(cli.path(name)) == expected, "\(format), store \(String(store, radix: 8)), umask \(mask)")
            }
        }
        // A file that is there keeps its permissions, as far as the store's go, and is told
        // when it loses some: a page shared on purpose is no longer served.
        chmod(cli.path("isnad.db"), 0o600)
        try cli.write("shared.jsonl", "old\n")
        chmod(cli.path("shared.jsonl"), 0o664)
        let narrowed = try run(cli, umask: "022", ["export", "jsonl", "-o", "shared.jsonl"])
        #expect(narrowed.status == 0)
        #expect(permissions(cli.path("shared.jsonl")) == 0o600)
        #expect(
            narrowed.standardError
                == "isnad: note: shared.jsonl is now 0600 (was 0664): a file made from a store is no wider than it, and the store isnad.db is 0600; if it was meant to be shared, chmod 664 shared.jsonl after each export\n"
        )
        chmod(cli.path("isnad.db"), 0o644)
        chmod(cli.path("shared.jsonl"), 0o644)
        let byUmask = try run(cli, umask: "077", ["export", "jsonl", "-o", "shared.jsonl"])
        #expect(permissions(cli.path("shared.jsonl")) == 0o600)
        #expect(
            byUmask.standardError.contains("and the store isnad.db is 0644, less your umask 0077; "), "\(byUmask.standardError)")
        // Kept, nothing said; a read-only store takes nothing from its owner's bits either.
        let kept = try run(cli, umask: "077", ["export", "jsonl", "-o", "shared.jsonl"])
        #expect(kept.standardError.isEmpty, "\(kept.standardError)")
        chmod(cli.path("isnad.db"), 0o444)
        chmod(cli.path("shared.jsonl"), 0o644)
        let fromReadOnly = try run(cli, umask: "022", ["export", "jsonl", "-o", "shared.jsonl"])
        #expect(fromReadOnly.standardError.isEmpty, "\(fromReadOnly.standardError)")
        #expect(permissions(cli.path("shared.jsonl")) == 0o644)
    }

    @Test(
        "the team recipe (a setgid folder, umask 002): each member writes the store another made, and a member's query leaves nothing that locks the others out",
        .enabled(
            if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
            "needs root and setpriv to act as two users"))
    func sharedFolder() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        let shared = cli.path("shared")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        #expect(chown(shared, 0, 5000) == 0 && chmod(shared, 0o2775) == 0)
        chmod(cli.directory.path, 0o755)
        let (owner, teammate) = (1234, 1235)
        #expect(try run(cli, umask: "002", as: owner, ["--db", "shared/team.db", "import", "records.jsonl"]).status == 0)
        #expect(permissions(cli.path("shared/team.db")) == 0o664)
        for (user, arguments) in [
            (teammate, ["add", "entity", "--type", "person", "--name", "Bob"]), (teammate, ["stats"]),
            (owner, ["add", "entity", "--type", "person", "--name", "Alice"]), (teammate, ["show", "alice"]),
            (owner, ["set", "bob", "name", "Bob B."]),
        ] {
            let result = try run(cli, umask: "002", as: user, ["--db", "shared/team.db"] + arguments)
            #expect(result.status == 0, "\(user) \(arguments): \(result.standardError)")
        }
    }

    @Test(
        "a teammate's query in a group's folder that is not setgid leaves no log behind; one that may only read the store leaves its own, and the owner's write says whose they are and what to do (73)",
        .enabled(
            if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
            "needs root and setpriv to act as two users"))
    func teammatesQueryInFolderNotSetgid() throws {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        let shared = cli.path("shared")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        #expect(chown(shared, 0, 5000) == 0 && chmod(shared, 0o775) == 0)
        chmod(cli.directory.path, 0o755)
        let (owner, teammate) = (1234, 1235)
        let store = ["--db", "shared/team.db"]
        let beside = { ["-wal", "-shm"].filter { FileManager.default.fileExists(atPath: shared + "/team.db" + $0) } }
        #expect(try run(cli, umask: "002", as: owner, store + ["import", "records.jsonl"]).status == 0)
        // SQLite makes the log and its index in the teammate's own group: removed as the query ends.
        let query = try run(cli, umask: "002", as: teammate, ownGroup: teammate, store + ["show", "hamas"])
        #expect(query.status == 0, "\(query.standardError)")
        #expect(beside() == [])
        #expect(try run(cli, umask: "002", as: owner, store + ["set", "hamas", "description", "after"]).status == 0)
        // A teammate who may only read the store cannot remove them, and leaves them 0644.
        chmod(shared + "/team.db", 0o644)
        #expect(try run(cli, umask: "002", as: teammate, ownGroup: teammate, store + ["show", "hamas"]).status == 0)
        #expect(beside() == ["-wal", "-shm"])
        let refused = try run(cli, umask: "002", as: owner, store + ["set", "hamas", "description", "refused"])
        #expect(refused.status == 73)
        #expect(
            refused.standardError
                == "isnad: shared/team.db: cannot write to the store: shared/team.db-wal belongs to uid 1235, not to you (left empty by a query of theirs): with no isnad using the store, remove shared/team.db-wal and shared/team.db-shm; a folder made chmod g+ws, with umask 002 for everyone, keeps the next ones the group's (docs/guarantees.md)\n"
        )
        // A dry run, refused as the real run is, says the same.
        let dryRun = try run(cli, umask: "002", as: owner, store + ["import", "--dry-run", "records.jsonl"])
        #expect(dryRun.status == 73)
        #expect(
            dryRun.standardError.hasPrefix(
                "isnad: shared/team.db may only be read (shared/team.db-wal belongs to uid 1235, not to you (left empty by a query of theirs): with no isnad using the store, remove"
            ), "\(dryRun.standardError)")
        // A log that holds changes is not to be removed: its owner gives it to the group.
        let log = try #require(FileHandle(forWritingAtPath: shared + "/team.db-wal"))
        log.write(Data("changes".utf8))
        try log.close()
        let holding = try run(cli, umask: "002", as: owner, store + ["set", "hamas", "description", "refused"])
        #expect(holding.status == 73)
        #expect(
            holding.standardError.contains(
                "shared/team.db-wal belongs to uid 1235, not to you, and shared/team.db-wal holds changes not yet in the store: do not remove it; their owner, uid 1235, can give both to the group (chgrp 5000 shared/team.db-wal shared/team.db-shm; chmod g+w shared/team.db-wal shared/team.db-shm)"
            ), "\(holding.standardError)")
        // Done as told, the owner writes.
        for suffix in ["-wal", "-shm"] { unlink(shared + "/team.db" + suffix) }
        let written = try run(cli, umask: "002", as: owner, store + ["set", "hamas", "description", "written"])
        #expect(written.status == 0, "\(written.standardError)")
    }

    @Test("no store can be created in a write-protected folder: exit 73, nothing left behind")
    func protectedFolder() throws {
        let cli = try storeWithData()
        chmod(cli.path("folder"), 0o555)
        let result = try cli.runUnprivileged(["--db", "folder/new.db", "import", "records.jsonl"])
        #expect(result.status == 73)
        #expect(result.standardError.contains("cannot create a store at folder/new.db"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.path("folder")).isEmpty)
    }

    @Test("an export over a file the user may not write, or over another user's file, is refused with 73; the file is kept")
    func protectedTargets() throws {
        let cli = try storeWithData()
        try cli.write("read-only.txt", "kept")
        try cli.write("others.txt", "kept")
        try cli.handToUnprivilegedUser()
        chmod(cli.path("read-only.txt"), 0o444)
        // Root's, and writable by all: `>` would write it in place; a rename would make it nobody's.
        chown(cli.path("others.txt"), 0, 0)
        chmod(cli.path("others.txt"), 0o666)
        let readOnly = try cli.runUnprivileged(["export", "jsonl", "-o", "read-only.txt"])
        let others = try cli.runUnprivileged(["export", "jsonl", "-o", "others.txt"])
        if getuid() == 0 {
            #expect(
                readOnly.standardError.contains("read-only.txt: cannot be written: permission denied"),
                "\(readOnly.standardError)")
            #expect(others.status == 73)
            #expect(others.standardError.contains("others.txt: belongs to another user"), "\(others.standardError)")
            var status = stat()
            #expect(stat(cli.path("others.txt"), &status) == 0 && status.st_uid == 0)
            #expect(try String(contentsOfFile: cli.path("others.txt"), encoding: .utf8) == "kept")
        }
        #expect(readOnly.status == 73)
        #expect(try String(contentsOfFile: cli.path("read-only.txt"), encoding: .utf8) == "kept")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.hasPrefix(".isnad-") }.isEmpty)
    }

    @Test(
        "an export to a folder that cannot be written fails with 73, names the folder (even where the file can be written) and leaves nothing"
    )
    func protectedOutput() throws {
        let cli = try storeWithData()
        // The user's own file, which `>` could write: the export's temporary file beside it cannot be made.
        try cli.write("folder/kept.jsonl", "kept")
        try cli.handToUnprivilegedUser()
        chmod(cli.path("folder"), 0o555)
        for name in ["out.jsonl", "kept.jsonl"] {
            let result = try cli.runUnprivileged(["export", "jsonl", "-o", "folder/" + name])
            #expect(result.status == 73)
            #expect(
                result.standardError
                    == "isnad: folder/\(name): the folder folder cannot be written (permission denied): an export is written beside its target under a temporary name, then renamed over it\n"
            )
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.path("folder")) == ["kept.jsonl"])
        #expect(try String(contentsOfFile: cli.path("folder/kept.jsonl"), encoding: .utf8) == "kept")
    }
}
