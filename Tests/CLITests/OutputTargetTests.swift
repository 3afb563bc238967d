import Foundation
import TestHelpers
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `-o PATH` as an attacker or a careless hand would give it: the store itself, planted links,
/// devices, FIFOs, `-`, long names, an interrupted export. Each either writes exactly the file
/// named or refuses before anything is written.
@Suite("Output targets", .temporaryStore)
struct OutputTargetTests {
    private func harnessWithStore() throws -> (CLIHarness, Data) {
        let cli = try CLIHarness.scoped
        try cli.write("records.jsonl", CoreCommandTests.records)
        #expect(try cli.run(["import", "records.jsonl"]).status == 0)
        let before = try cli.run(["export", "jsonl"]).outputBytes
        return (cli, before)
    }

    private func leftovers(in cli: CLIHarness) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.hasPrefix(".isnad-") }
    }

    @Test(
        "a non-blocking pipe (a parent's O_NONBLOCK) on standard output or input is waited on, not taken for a failure: the whole export, the whole import"
    )
    func nonBlockingPipes() throws {
        let (cli, _) = try harnessWithStore()
        // Larger than a pipe holds (64 KiB), so that writing must wait for the reader.
        try cli.write(
            "many.jsonl",
            (0..<2000).map { #"{"record":"entity","id":"p\#($0)","type":"person","name":"Person number \#($0) of many"}"# }
                .joined(separator: "\n") + "\n")
        #expect(try cli.run(["import", "many.jsonl"]).status == 0)
        let whole = try cli.run(["export", "jsonl"]).outputBytes
        #expect(whole.count > 1 << 17)

        func nonBlockingPipe(blockingEnd: Int) -> (read: Int32, write: Int32) {
            var ends: [Int32] = [0, 0]
            _ = pipe(&ends)
            let other = ends[1 - blockingEnd]
            _ = fcntl(other, F_SETFL, fcntl(other, F_GETFL) | O_NONBLOCK)
            return (ends[0], ends[1])
        }
        let out = nonBlockingPipe(blockingEnd: 0)
        let export = cli.process(["export", "jsonl"])
        export.standardOutput = FileHandle(fileDescriptor: out.write, closeOnDealloc: false)
        try export.run()
        close(out.write)
        Thread.sleep(forTimeInterval: 0.5)
        let read = FileHandle(fileDescriptor: out.read, closeOnDealloc: true).readDataToEndOfFile()
        export.waitUntilExit()
        #expect(export.terminationStatus == 0)
        #expect(read == whole)

        let input = nonBlockingPipe(blockingEnd: 1)
        let `import` = cli.process(["--db", "piped.db", "import", "-"])
        `import`.standardInput = FileHandle(fileDescriptor: input.read, closeOnDealloc: false)
        try `import`.run()
        close(input.read)
        let writer = FileHandle(fileDescriptor: input.write, closeOnDealloc: true)
        writer.write(whole.prefix(100))
        Thread.sleep(forTimeInterval: 0.3)
        writer.write(whole.dropFirst(100))
        try writer.close()
        `import`.waitUntilExit()
        #expect(`import`.terminationStatus == 0)
        #expect(try cli.run(["--db", "piped.db", "export", "jsonl"]).outputBytes == whole)

        // add's text from standard input too: it crashed (Foundation's read gave up on EAGAIN).
        let text = nonBlockingPipe(blockingEnd: 1)
        let add = cli.process(["add", "source", "--type", "other", "--id", "typed", "--title", "Typed", "--text-file", "-"])
        add.standardInput = FileHandle(fileDescriptor: text.read, closeOnDealloc: false)
        try add.run()
        close(text.read)
        let typing = FileHandle(fileDescriptor: text.write, closeOnDealloc: true)
        // An isnad that ended early must fail this test, not end the test process by SIGPIPE.
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        try? typing.write(contentsOf: Data("first words, ".utf8))
        Thread.sleep(forTimeInterval: 0.3)
        try? typing.write(contentsOf: Data("then the rest".utf8))
        try? typing.close()
        add.waitUntilExit()
        #expect(add.terminationStatus == 0)
        #expect(try cli.run(["export", "jsonl"]).standardOutput.contains(#""text":"first words, then the rest""#))
    }

    @Test(
        "the store is never an output, however it is spelled",
        arguments: [
            "isnad.db", "./isnad.db", "sub/../isnad.db", "isnad.db-wal", "isnad.db-shm", "isnad.db-journal", "link.db",
        ])
    func storeRefused(spelling: String) throws {
        let (cli, before) = try harnessWithStore()
        try FileManager.default.createDirectory(
            at: cli.directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
        symlink("isnad.db", cli.path("link.db"))
        let storeBytes = try cli.read("isnad.db")
        let result = try cli.run(["export", "graphml", "--min-reliability", "A", "-o", spelling])
        #expect(result.status == 64, "\(result.standardError)")
        #expect(result.standardError.contains("is the store isnad.db or one of its files"), "\(result.standardError)")
        #expect(try cli.read("isnad.db") == storeBytes)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        #expect(try leftovers(in: cli).isEmpty)
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test(
        "another store, or any SQLite database, is never an output: one tab completion away, it was replaced whole",
        arguments: [
            ["export", "jsonl", "-o", "other.db"], ["export", "history", "-o", "other.db"], ["export", "dot", "-o", "link.db"],
            ["export", "graphml", "-o", "foreign.sqlite"],
        ])
    func databaseRefused(command: [String]) throws {
        let (cli, before) = try harnessWithStore()
        #expect(try cli.run(["copy", "isnad.db", "other.db"]).status == 0)
        symlink("other.db", cli.path("link.db"))
        try cli.write("foreign.sqlite", "SQLite format 3\u{0}" + String(repeating: "x", count: 100))
        let otherBytes = try cli.read("other.db")
        let foreignBytes = try cli.read("foreign.sqlite")
        let result = try cli.run(command)
        #expect(result.status == 64, "\(command): \(result.standardError)")
        #expect(result.standardError.contains("is an SQLite database (another store?)"), "\(result.standardError)")
        #expect(try cli.read("other.db") == otherBytes)
        #expect(try cli.read("foreign.sqlite") == foreignBytes)
        #expect(try cli.run(["--db", "other.db", "export", "jsonl"]).outputBytes == before)
        #expect(try leftovers(in: cli).isEmpty)
    }

    @Test("a store file under two names (a hard link) is written through neither: two writers would each keep a log")
    func hardLinkedStore() throws {
        let (cli, before) = try harnessWithStore()
        try #require(link(cli.path("isnad.db"), cli.path("second.db")) == 0)
        let storeBytes = try cli.read("isnad.db")
        for store in ["isnad.db", "second.db"] {
            let refused = try cli.run(["--db", store, "set", "hamas", "description", "changed"])
            #expect(refused.status == 64, "\(refused.standardError)")
            #expect(
                refused.standardError.hasPrefix("isnad: \(store) is one file under 2 names (hard links"),
                "\(refused.standardError)")
        }
        #expect(try cli.read("isnad.db") == storeBytes)
        // Read through either name, as before.
        #expect(try cli.run(["--db", "second.db", "export", "jsonl"]).outputBytes == before)
        // One name again: written as any store.
        try FileManager.default.removeItem(atPath: cli.path("second.db"))
        #expect(try cli.run(["set", "hamas", "description", "changed"]).status == 0)
    }

    @Test(
        "no file takes the name of a database's log or journal, which SQLite would roll into that database or delete",
        arguments: [
            ["export", "dot", "-o", "other.db-journal"], ["export", "graphml", "-o", "other.db-wal"],
            ["template", "other.db-shm"], ["template", "isnad.db-journal"], ["copy", "isnad.db", "isnad.db-journal"],
            ["copy", "isnad.db", "isnad.db-wal"], ["copy", "isnad.db", "other.db-journal"],
            ["--db", "other.db-journal", "init"], ["--db", "isnad.db-wal", "import", "records.jsonl"],
        ])
    func companionNamesRefused(command: [String]) throws {
        let (cli, before) = try harnessWithStore()
        #expect(try cli.run(["copy", "isnad.db", "other.db"]).status == 0)
        let storeBytes = try cli.read("isnad.db")
        let otherBytes = try cli.read("other.db")
        let result = try cli.run(command)
        #expect(result.status == 64, "\(command): \(result.standardError)")
        #expect(
            result.standardError.contains("would be taken by SQLite for a file of the database")
                || result.standardError.contains("is the store isnad.db or one of its files"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("other.db-journal")))
        #expect(try cli.read("isnad.db") == storeBytes)
        #expect(try cli.read("other.db") == otherBytes)
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
        #expect(try cli.run(["--db", "other.db", "export", "jsonl"]).outputBytes == before)
        // A name that only looks like one, beside no database, is a name like any other.
        #expect(try cli.run(["export", "dot", "-o", "notes-journal"]).status == 0)
    }

    @Test("a database's log or index named as the store to read, or to init, is said to be one (64), whatever it holds")
    func companionRead() throws {
        let (cli, _) = try harnessWithStore()
        // As a reader that holds the store open leaves them: an empty log, an index of 32 KiB.
        try cli.write("isnad.db-wal", "")
        try cli.write("isnad.db-shm", String(repeating: "\u{0}", count: 32768))
        for name in ["isnad.db-wal", "isnad.db-shm"] {
            for command in [["stats"], ["init"]] {
                let result = try cli.run(["--db", name] + command)
                #expect(result.status == 64, "\(name) \(command): \(result.standardError)")
                #expect(
                    result.standardError
                        == "isnad: \(name) is a file SQLite keeps beside the database isnad.db (its -wal, -shm or -journal), not a store: name isnad.db itself\n",
                    "\(result.standardError)")
            }
        }
        // A store by such a name (a copy, made before the database beside it) is read; a link by
        // such a name leads to a store whose files are beside it, and is read too.
        try FileManager.default.removeItem(atPath: cli.path("isnad.db-wal"))
        try FileManager.default.removeItem(atPath: cli.path("isnad.db-shm"))
        #expect(try cli.run(["copy", "isnad.db", "copy.db"]).status == 0)
        try FileManager.default.moveItem(atPath: cli.path("copy.db"), toPath: cli.path("isnad.db-journal"))
        #expect(try cli.run(["--db", "isnad.db-journal", "stats"]).status == 0)
        #expect(try cli.run(["--db", "isnad.db-journal", "set", "hamas", "description", "x"]).status == 64)
        try FileManager.default.removeItem(atPath: cli.path("isnad.db-journal"))
        #expect(try cli.run(["copy", "isnad.db", "other.db"]).status == 0)
        symlink("isnad.db", cli.path("other.db-wal"))
        #expect(try cli.run(["--db", "other.db-wal", "stats"]).status == 0)
    }

    @Test("a store is not made through a link to a database's journal, nor beside a journal another left")
    func companionThroughLinkOrLeftOver() throws {
        let (cli, _) = try harnessWithStore()
        #expect(try cli.run(["copy", "isnad.db", "other.db"]).status == 0)
        try cli.write("other.db-journal", "")
        symlink("other.db-journal", cli.path("link.db"))
        let linked = try cli.run(["--db", "link.db", "import", "records.jsonl"])
        #expect(linked.status == 64, "\(linked.standardError)")
        #expect(linked.standardError.contains("would be taken by SQLite for a file of the database"), "\(linked.standardError)")
        try cli.write("new.db-journal", "precious\n")
        let beside = try cli.run(["--db", "new.db", "init"])
        #expect(beside.status == 64, "\(beside.standardError)")
        #expect(
            beside.standardError.hasPrefix(
                "isnad: new.db-journal is there already, and SQLite would take it for a file of a new store at new.db"),
            "\(beside.standardError)")
        #expect(try cli.read("new.db-journal") == Data("precious\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: cli.path("new.db")))
    }

    @Test("copy into a link to nothing is refused: the store would appear where nobody named it")
    func copyIntoDanglingLink() throws {
        let (cli, _) = try harnessWithStore()
        symlink(cli.path("elsewhere.db"), cli.path("link.db"))
        let result = try cli.run(["copy", "isnad.db", "link.db"])
        #expect(result.status == 64, "\(result.standardError)")
        #expect(
            result.standardError.contains("link.db is a symbolic link to a file that does not exist"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("elsewhere.db")))
    }

    @Test("a query of a store through a link to nothing says so, not to init (which refuses the link)")
    func queryThroughDanglingLink() throws {
        let (cli, _) = try harnessWithStore()
        symlink(cli.path("elsewhere.db"), cli.path("link.db"))
        let result = try cli.run(["--db", "link.db", "stats"])
        #expect(result.status == 66, "\(result.standardError)")
        #expect(
            result.standardError
                == "isnad: no store at link.db: link.db is a symbolic link to a file that does not exist (name the store's file itself with --db)\n"
        )
    }

    @Test("the store named by an absolute path through --db is refused too")
    func absoluteStore() throws {
        let (cli, _) = try harnessWithStore()
        let result = try cli.run(["--db", cli.path("isnad.db"), "export", "jsonl", "-o", "isnad.db"])
        #expect(result.status == 64, "\(result.standardError)")
    }

    @Test("a link planted where the temporary file would go is never followed")
    func plantedLinks() throws {
        let (cli, before) = try harnessWithStore()
        try cli.write("victim.txt", "precious\n")
        // The old scheme's predictable names, and a spread of guesses at the new one.
        for name in ["out.jsonl.isnad-partial-1", ".isnad-000000", ".isnad-XXXXXX", ".isnad-aaaaaa"] {
            symlink(cli.path("victim.txt"), cli.path(name))
        }
        #expect(try cli.run(["export", "jsonl", "-o", "out.jsonl"]).status == 0)
        #expect(try cli.read("out.jsonl") == before)
        #expect(String(decoding: try cli.read("victim.txt"), as: UTF8.self) == "precious\n")
    }

    @Test("a link to a file replaces that file, as cp would; a link to nothing is refused")
    func links() throws {
        let (cli, before) = try harnessWithStore()
        try FileManager.default.createDirectory(
            at: cli.directory.appendingPathComponent("real"), withIntermediateDirectories: true)
        try cli.write("real/target.jsonl", "old\n")
        symlink("real/target.jsonl", cli.path("link.jsonl"))
        #expect(try cli.run(["export", "jsonl", "-o", "link.jsonl"]).status == 0)
        #expect(try cli.read("real/target.jsonl") == before)
        var information = stat()
        #expect(lstat(cli.path("link.jsonl"), &information) == 0 && (information.st_mode & S_IFMT) == S_IFLNK)

        symlink("nowhere/else", cli.path("dangling"))
        let result = try cli.run(["export", "jsonl", "-o", "dangling"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("dangling: a symbolic link to a file that does not exist"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("nowhere")))
    }

    @Test(
        "another user's link in a shared folder (sticky, writable by all: /tmp) is not followed, as the kernel's fs.protected_symlinks would not: exit 73, the file it leads to kept; the user's, or the folder owner's, is",
        .enabled(if: getuid() == 0, "needs root to give a link to another user (lchown)"))
    func anotherUsersLinkInSharedFolder() throws {
        let (cli, before) = try harnessWithStore()
        let shared = cli.path("shared")
        #expect(mkdir(shared, 0o777) == 0 && chmod(shared, 0o1777) == 0)
        try cli.write("notes.txt", "precious\n")
        let (stranger, folderOwner) = (uid_t(12345), uid_t(12346))
        symlink(cli.path("notes.txt"), cli.path("shared/report.jsonl"))
        #expect(lchown(cli.path("shared/report.jsonl"), stranger, gid_t(stranger)) == 0)
        let refused = try cli.run(["export", "jsonl", "-o", "shared/report.jsonl"])
        #expect(refused.status == 73)
        #expect(
            refused.standardError
                == "isnad: shared/report.jsonl: another user's link in a shared folder: its owner, not you, chose where it leads, and anyone may write in shared; not followed, as the kernel's fs.protected_symlinks refuses it to > and cp: name a file of your own\n"
        )
        #expect(String(decoding: try cli.read("notes.txt"), as: UTF8.self) == "precious\n")
        // Met through links of the user's own, in the shared folder or out of it, it is followed
        // no more: every link met is tested, as the kernel tests every link it follows.
        symlink(cli.path("shared/report.jsonl"), cli.path("shared/mine"))
        symlink("shared/mine", cli.path("latest.jsonl"))
        for name in ["shared/mine", "latest.jsonl"] {
            let chained = try cli.run(["export", "jsonl", "-o", name])
            #expect(chained.status == 73, "\(name): \(chained.standardError)")
            #expect(
                chained.standardError.hasPrefix(
                    "isnad: \(name): another user's link in a shared folder (\(cli.path("shared/report.jsonl"))): "),
                "\(chained.standardError)")
        }
        #expect(String(decoding: try cli.read("notes.txt"), as: UTF8.self) == "precious\n")
        // A folder on the way is followed no more than the file's own name.
        symlink(cli.directory.path, cli.path("shared/work"))
        #expect(lchown(cli.path("shared/work"), stranger, gid_t(stranger)) == 0)
        let throughFolder = try cli.run(["export", "jsonl", "-o", "shared/work/notes.txt"])
        #expect(throughFolder.status == 73)
        #expect(
            throughFolder.standardError.hasPrefix(
                "isnad: shared/work/notes.txt: another user's link in a shared folder (shared/work): "),
            "\(throughFolder.standardError)")
        #expect(String(decoding: try cli.read("notes.txt"), as: UTF8.self) == "precious\n")
        #expect(try leftovers(in: cli).isEmpty)
        // The folder's owner's link is followed (as root's in /tmp is), and so is a stranger's in
        // a folder not writable by all.
        #expect(chown(shared, folderOwner, gid_t(folderOwner)) == 0)
        #expect(lchown(cli.path("shared/report.jsonl"), folderOwner, gid_t(folderOwner)) == 0)
        #expect(try cli.run(["export", "jsonl", "-o", "shared/report.jsonl"]).status == 0)
        #expect(try cli.read("notes.txt") == before)
        try cli.write("notes.txt", "precious\n")
        #expect(chmod(shared, 0o1755) == 0 && lchown(cli.path("shared/report.jsonl"), stranger, gid_t(stranger)) == 0)
        #expect(try cli.run(["export", "jsonl", "-o", "shared/report.jsonl"]).status == 0)
        #expect(try cli.read("notes.txt") == before)
    }

    @Test("-o - is standard output; /dev/null stays a device")
    func standardOutputAndDevices() throws {
        let (cli, before) = try harnessWithStore()
        let result = try cli.run(["export", "jsonl", "-o", "-"])
        #expect(result.status == 0)
        #expect(result.outputBytes == before)
        #expect(!FileManager.default.fileExists(atPath: cli.path("-")))
        #expect(try cli.run(["export", "jsonl", "-o", "/dev/null"]).status == 0)
        var information = stat()
        #expect(stat("/dev/null", &information) == 0 && (information.st_mode & S_IFMT) == S_IFCHR)
    }

    @Test(
        "standard output that cannot take the data fails with 73, though the command ends with a message on standard error",
        arguments: [["claims"], ["claims", "--limit", "0"], ["timeline"], ["search", "hamas"], ["show", "hamas"]])
    func unwritableStandardOutput(_ arguments: [String]) throws {
        let (cli, _) = try harnessWithStore()
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let result = try ExternalTool.run(
            "/bin/sh", ["-c", #""$0" "$@" > /dev/full"#, CLIHarness.binary, "--db", cli.path("isnad.db")] + arguments)
        #expect(result.status == 73, "\(result.standardError)")
        // The failure alone: no note of success (`3 entities found`) before it.
        #expect(result.standardError.hasPrefix("isnad: <stdout>: disk full"), "\(result.standardError)")
    }

    @Test(
        "add whose id cannot be printed (standard output full or closed) says the record was added all the same: exit 74, and the record is there"
    )
    func outputFailedAfterChange() throws {
        let (cli, _) = try harnessWithStore()
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        // The import is history entry 1.
        let latest = 1
        for (number, (redirection, cause)) in [
            ("> /dev/full", "disk full (No space left on device)"), (">&-", "Bad file descriptor"),
        ]
        .enumerated() {
            let entry = latest + number + 1
            let result = try ExternalTool.run(
                "/bin/sh",
                [
                    "-c", "\"$0\" \"$@\" \(redirection)", CLIHarness.binary, "--db", cli.path("isnad.db"), "add", "entity",
                    "--type",
                    "person", "--name", "Lost \(number)",
                ])
            #expect(result.status == 74, "\(redirection): \(result.standardError)")
            #expect(
                result.standardError
                    == "added entity \"lost-\(number)\" (history entry \(entry))\nisnad: <stdout>: \(cause): the change was made all the same (history entry \(entry)); only its output to standard output failed\n"
            )
            #expect(try cli.run(["show", "lost-\(number)"]).status == 0)
        }
    }

    @Test("a FIFO is written in place, not replaced")
    func fifo() throws {
        let (cli, before) = try harnessWithStore()
        #expect(mkfifo(cli.path("pipe"), 0o600) == 0)
        nonisolated(unsafe) var received = Data()
        // The semaphore orders the reader's write of `received` before the read below (a
        // thread's isFinished does not: ThreadSanitizer saw the race).
        let done = DispatchSemaphore(value: 0)
        let reader = Thread {
            if let handle = FileHandle(forReadingAtPath: cli.path("pipe")) { received = handle.readDataToEndOfFile() }
            done.signal()
        }
        reader.start()
        #expect(try cli.run(["export", "jsonl", "-o", "pipe"]).status == 0)
        done.wait()
        #expect(received == before)
        var information = stat()
        #expect(lstat(cli.path("pipe"), &information) == 0 && (information.st_mode & S_IFMT) == S_IFIFO)
    }

    @Test("an existing file keeps its permissions; a new one gets 0666 less the umask")
    func permissions() throws {
        let (cli, _) = try harnessWithStore()
        try cli.write("private.jsonl", "old\n")
        chmod(cli.path("private.jsonl"), 0o600)
        #expect(try cli.run(["export", "jsonl", "-o", "private.jsonl"]).status == 0)
        var information = stat()
        #expect(stat(cli.path("private.jsonl"), &information) == 0 && information.st_mode & 0o777 == 0o600)
        #expect(try cli.run(["export", "jsonl", "-o", "new.jsonl"]).status == 0)
        let mask = umask(0o022)
        umask(mask)
        #expect(stat(cli.path("new.jsonl"), &information) == 0 && information.st_mode & 0o777 == 0o666 & ~mask)
    }

    @Test("a name as long as the file system allows works")
    func longName() throws {
        let (cli, before) = try harnessWithStore()
        let name = String(repeating: "n", count: 249) + ".jsonl"
        let result = try cli.run(["export", "jsonl", "-o", name])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try cli.read(name) == before)
    }

    /// A harness with 20,000 generated claims in many.jsonl (seconds of work to interrupt), and
    /// SIGINT and SIGTERM let through to the processes it starts: the test runner's threads block
    /// them, and a child inherits the mask. Nil without Python.
    private func harnessWithManyRecords() throws -> CLIHarness? {
        guard let python = ExternalTool.python(with: ["json"]) else { return nil }
        let cli = try CLIHarness.scoped
        let generator = Repository.root.appendingPathComponent("Benchmarks/generate.py").path
        let records = try ExternalTool.run(python, [generator, "--claims", "20000"])
        try records.outputBytes.write(to: cli.directory.appendingPathComponent("many.jsonl"))
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        return cli
    }

    @Test("an interrupted export leaves neither its temporary file nor a partial target")
    func interrupted() throws {
        guard let cli = try harnessWithManyRecords() else { return }
        #expect(try cli.run(["import", "many.jsonl"]).status == 0)
        for signal in [SIGINT, SIGTERM] {
            let process = try start(["export", "graphml", "-o", "big.graphml"], in: cli) { try !leftovers(in: cli).isEmpty }
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            // The export takes seconds; it cannot have finished in the moment after its file appeared.
            #expect(process.terminationReason == .uncaughtSignal)
            #expect(process.terminationStatus == signal)
            #expect(try leftovers(in: cli).isEmpty)
            #expect(!FileManager.default.fileExists(atPath: cli.path("big.graphml")))
        }
    }

    @Test("an export past the file size limit (ulimit -f) fails and leaves neither its temporary file nor a partial target")
    func fileSizeLimit() throws {
        guard let cli = try harnessWithManyRecords() else { return }
        #expect(try cli.run(["import", "many.jsonl"]).status == 0)
        // SIGXFSZ ignored: the write fails (EFBIG) and is said as a failed write is, no core dumped.
        let result = try ExternalTool.run(
            "/bin/sh", ["-c", "ulimit -f 200; \"$0\" export graphml -o big.graphml 2>&1; echo $?", CLIHarness.binary],
            directory: cli.directory)
        #expect(result.standardOutput == "isnad: big.graphml: File too large\n73\n", "\(result.standardOutput)")
        #expect(try leftovers(in: cli).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: cli.path("big.graphml")))
    }

    @Test("a store grown past the file size limit (ulimit -f) says so, exit 73, and is left as it was")
    func storeFileSizeLimit() throws {
        guard let cli = try harnessWithManyRecords() else { return }
        let result = try ExternalTool.run(
            "/bin/sh", ["-c", "ulimit -f 200; \"$0\" --db new.db import many.jsonl 2>&1; echo $?", CLIHarness.binary],
            directory: cli.directory)
        #expect(
            result.standardOutput
                == "isnad: new.db: File too large (past the size limit for files: ulimit -f): the store was left as it was before this command\n73\n",
            "\(result.standardOutput)")
        // The store it was making is not left behind.
        #expect(!FileManager.default.fileExists(atPath: cli.path("new.db")))
    }

    @Test("a change made while another process creates the store waits for it, not refused as an empty file")
    func changeWhileTheStoreIsCreated() throws {
        guard let cli = try harnessWithManyRecords() else { return }
        let process = try start(["--db", "new.db", "import", "many.jsonl"], in: cli) {
            FileManager.default.fileExists(atPath: cli.path("new.db"))
        }
        let change = try cli.run(["--db", "new.db", "add", "entity", "--type", "person", "--name", "Made Meanwhile"])
        process.waitUntilExit()
        #expect(change.status == 0, "\(change.standardError)")
        #expect(try cli.run(["--db", "new.db", "show", "made-meanwhile"]).status == 0)
    }

    @Test("too few file descriptors (ulimit -n) is said as such, never as a missing store (exit 66)")
    func fewFileDescriptors() throws {
        let (cli, _) = try harnessWithStore()
        var saidSo = false
        for limit in 4...9 {
            // exec: a shell's own redirections need descriptors of their own.
            let result = try ExternalTool.run(
                "/bin/sh", ["-c", "ulimit -n \(limit) && exec \"$0\" stats", CLIHarness.binary], directory: cli.directory)
            #expect(result.status != 66, "ulimit -n \(limit): \(result.standardError)")
            if result.status == 1 {
                #expect(
                    result.standardError == "isnad: isnad.db: cannot open the store (Too many open files)\n",
                    "ulimit -n \(limit): \(result.standardError)")
                saidSo = true
            }
        }
        #expect(saidSo, "no limit between 4 and 9 was too few")
    }

    @Test(
        "an empty file where a store should be is no store to a command that changes one or reads one: exit 66, still empty, and each says why"
    )
    func emptyStoreFile() throws {
        let cli = try CLIHarness.scoped
        let path = try cli.write("zero.db", "")
        for arguments in [
            ["add", "entity", "--type", "person", "--name", "Made Meanwhile"], ["set", "hamas", "type", "person"],
            ["undo", "--yes"], ["stats"], ["show", "hamas"], ["export", "jsonl"],
        ] {
            let result = try cli.run(["--db", "zero.db"] + arguments)
            #expect(result.status == 66, "\(arguments): \(result.standardError)")
            // A query as a write: not "create one", as if no file were there.
            #expect(
                result.standardError
                    == "isnad: no store at zero.db: the file is empty (isnad init or isnad import makes a store there)\n",
                "\(arguments)")
            #expect((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) == 0, "\(arguments)")
        }
        // init and import make one there, as they do where there is no file.
        #expect(try cli.run(["--db", "zero.db", "init"]).status == 0)
        #expect(try cli.run(["--db", "zero.db", "stats"]).status == 0)
    }

    /// Starts `isnad ARGUMENTS` in the harness's folder and returns once `isReady` holds, or the
    /// process ended, or a minute went by; its standard error goes to `errors` when given.
    private func start(
        _ arguments: [String], in cli: CLIHarness, errors: Pipe? = nil, until isReady: () throws -> Bool
    ) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIHarness.binary)
        process.arguments = arguments
        process.currentDirectoryURL = cli.directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors ?? FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while try !isReady(), process.isRunning, Date() < deadline { usleep(200) }
        return process
    }

    /// Runs `isnad ARGUMENTS`, sends it `signal` once `isReady`, checks that the process ended
    /// by it, and returns what it wrote on standard error.
    private func signalled(
        _ arguments: [String], in cli: CLIHarness, by signal: Int32, when isReady: () throws -> Bool
    ) throws -> String {
        let errors = Pipe()
        let process = try start(arguments, in: cli, errors: errors, until: isReady)
        kill(process.processIdentifier, signal)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // 20,000 claims take seconds: the work cannot have finished the moment its store appeared.
        #expect(process.terminationReason == .uncaughtSignal, "\(message)")
        #expect(process.terminationStatus == signal)
        return message
    }

    /// Runs `isnad ARGUMENTS`, sends `signal` once `store` appears (or, `underTemporaryName`,
    /// the temporary file a copy makes it under), and checks that the process ended by it, said
    /// `isnad: interrupted (NAME): nothing was WHAT`, and left no `store` nor temporary file.
    private func interrupt(
        _ arguments: [String], creating store: String, underTemporaryName: Bool = false, saying what: String,
        in cli: CLIHarness
    ) throws {
        func temporaryFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.hasPrefix(".isnad-") }
        }
        for signal in [SIGINT, SIGTERM] {
            let message = try signalled(arguments, in: cli, by: signal) {
                underTemporaryName
                    ? try temporaryFiles().contains { $0.hasSuffix("-wal") }
                    : FileManager.default.fileExists(atPath: cli.path(store))
            }
            let name = [SIGINT: "SIGINT", SIGTERM: "SIGTERM"][signal] ?? ""
            #expect(message.contains("isnad: interrupted (\(name)): nothing was \(what)"), "\(message)")
            for name in [store, store + "-wal", store + "-shm"] {
                #expect(!FileManager.default.fileExists(atPath: cli.path(name)), "\(name) left behind")
            }
            #expect(try temporaryFiles() == [])
        }
    }

    @Test("an import into a store it created, interrupted, takes the store away again before the process ends")
    func interruptedImport() throws {
        guard let cli = try harnessWithManyRecords() else { return }
        try interrupt(["--db", "new.db", "import", "many.jsonl"], creating: "new.db", saying: "imported", in: cli)
    }

    @Test(
        "an import into a store that was there, interrupted, says that nothing was imported, and the store is as it was"
    )
    func interruptedImportIntoExistingStore() throws {
        guard let cli = try harnessWithManyRecords() else { return }
        let dataset = Repository.root.appendingPathComponent("Datasets/hadera-2022/hadera-2022.jsonl").path
        #expect(try cli.run(["import", dataset]).status == 0)
        let before = try cli.run(["export", "jsonl"]).standardOutput
        for signal in [SIGINT, SIGTERM] {
            // The log appears as the import opens the store, with the signals already held.
            let message = try signalled(["import", "many.jsonl"], in: cli, by: signal) {
                FileManager.default.fileExists(atPath: cli.path("isnad.db-wal"))
            }
            let name = [SIGINT: "SIGINT", SIGTERM: "SIGTERM"][signal] ?? ""
            #expect(message == "isnad: interrupted (\(name)): nothing was imported\n", "\(message)")
            #expect(try cli.run(["export", "jsonl"]).standardOutput == before)
        }
    }

    @Test("a copy into a new file, interrupted, takes the file away again before the process ends")
    func interruptedCopy() throws {
        guard let cli = try harnessWithManyRecords() else { return }
        #expect(try cli.run(["--db", "many.db", "import", "many.jsonl"]).status == 0)
        try interrupt(
            ["copy", "many.db", "backup.db"], creating: "backup.db", underTemporaryName: true, saying: "copied", in: cli)
    }

    @Test("standard output whose reader is gone while SIGPIPE is ignored (a supervisor's) is output that failed: exit 74")
    func brokenPipeIgnored() throws {
        let cli = try CLIHarness.scoped
        let dataset = Repository.root.appendingPathComponent("Datasets/hadera-2022/hadera-2022.jsonl").path
        #expect(try cli.run(["import", dataset]).status == 0)
        // More than a pipe holds, so that the writer meets the closed end.
        let script = #"(trap '' PIPE; sleep 0.2; "$0" export graphml 2> message; echo $? > status) | head -c 1 > /dev/null"#
        _ = try ExternalTool.run("/bin/sh", ["-c", script, CLIHarness.binary], directory: cli.directory)
        #expect(try String(contentsOfFile: cli.path("status"), encoding: .utf8) == "74\n")
        #expect(
            try String(contentsOfFile: cli.path("message"), encoding: .utf8)
                == "isnad: <stdout>: \(String(cString: strerror(EPIPE)))\n")
    }

    @Test("standard error a pipe that nobody reads any more does not end the process after its work is done")
    func standardErrorToAClosedPipe() throws {
        let (cli, _) = try harnessWithStore()
        // The reader is gone before the message is written: SIGPIPE, held back and taken.
        let script = #"(sleep 0.5; "$0" retract hamas-praised-attack --reason misread 2>&1 >/dev/null; echo $? > status) | true"#
        _ = try ExternalTool.run("/bin/sh", ["-c", script, CLIHarness.binary], directory: cli.directory)
        #expect(try String(contentsOfFile: cli.path("status"), encoding: .utf8) == "0\n")
        #expect(try cli.run(["show", "hamas", "--include-retracted"]).standardOutput.contains("misread"))
    }

    @Test("an empty file the user made for the store is never deleted, even by an import that fails")
    func emptyFileKept() throws {
        let cli = try CLIHarness.scoped
        try cli.write("bad.jsonl", #"{"record":"entity","id":"x","type":"nobody","name":"X"}"#)
        #expect(FileManager.default.createFile(atPath: cli.path("placeholder.db"), contents: Data()))
        chmod(cli.path("placeholder.db"), 0o600)
        let result = try cli.run(["--db", "placeholder.db", "import", "bad.jsonl"])
        #expect(result.status == 65)
        #expect(result.standardError.contains("placeholder.db was an empty file, and is left an empty store"))
        var status = stat()
        #expect(stat(cli.path("placeholder.db"), &status) == 0)
        #expect(status.st_mode & 0o777 == 0o600)
        // A store made by the import itself is taken away, as before.
        #expect(try cli.run(["--db", "new.db", "import", "bad.jsonl"]).status == 65)
        #expect(!FileManager.default.fileExists(atPath: cli.path("new.db")))
    }

    @Test(
        "standard error closed or full does not turn work done into a failure, nor stop the process",
        arguments: ["2>&-", "2>/dev/full"])
    func unwritableStandardError(redirection: String) throws {
        let (cli, _) = try harnessWithStore()
        // Each of these prints a message on standard error once its work is done.
        let commands = [
            "\"$0\" retract hamas-praised-attack --reason misread", "\"$0\" export jsonl -o out.jsonl",
            "\"$0\" template sheet.csv",
        ]
        for command in commands {
            let result = try ExternalTool.run(
                "/bin/sh", ["-c", "\(command) \(redirection); echo $?", CLIHarness.binary], directory: cli.directory)
            #expect(result.standardOutput == "0\n", "\(command) \(redirection): \(result.standardOutput)")
        }
        #expect(try cli.run(["show", "hamas", "--include-retracted"]).standardOutput.contains("misread"))
        #expect(FileManager.default.fileExists(atPath: cli.path("out.jsonl")))
        // An error still exits with its own code.
        let failing = try ExternalTool.run(
            "/bin/sh", ["-c", "\"$0\" show nobody \(redirection); echo $?", CLIHarness.binary], directory: cli.directory)
        #expect(failing.standardOutput == "65\n")
    }

    @Test("a closed standard output is an I/O error (74), told on standard error; a full one is a full disk (73)")
    func closedStandardOutput() throws {
        let (cli, _) = try harnessWithStore()
        let closed = try ExternalTool.run(
            "/bin/sh", ["-c", "\"$0\" stats >&- 2>err; echo $?", CLIHarness.binary], directory: cli.directory)
        #expect(closed.standardOutput == "74\n")
        for text in ["--version", "--help", "stats --help"] {
            let result = try ExternalTool.run(
                "/bin/sh", ["-c", "\"$0\" \(text) >&- 2>/dev/null; echo $?", CLIHarness.binary], directory: cli.directory)
            #expect(result.standardOutput == "74\n", "\(text)")
        }
        #expect(try String(contentsOfFile: cli.path("err"), encoding: .utf8) == "isnad: <stdout>: Bad file descriptor\n")
        let full = try ExternalTool.run(
            "/bin/sh", ["-c", "\"$0\" stats >/dev/full 2>/dev/null; echo $?", CLIHarness.binary], directory: cli.directory)
        #expect(full.standardOutput == "73\n")
    }

    @Test("an import from a closed standard input is missing input (66), not an empty one")
    func closedStandardInput() throws {
        let (cli, before) = try harnessWithStore()
        let result = try ExternalTool.run(
            "/bin/sh", ["-c", "\"$0\" import - <&- 2>&1; echo $?", CLIHarness.binary], directory: cli.directory)
        #expect(result.standardOutput == "isnad: <stdin>: standard input is closed\n66\n", "\(result.standardOutput)")
        #expect(try cli.run(["export", "jsonl"]).outputBytes == before)
    }

    @Test("a folder or a missing folder as the output is refused, said in words a user acts on")
    func folders() throws {
        let (cli, _) = try harnessWithStore()
        try FileManager.default.createDirectory(
            at: cli.directory.appendingPathComponent("dir"), withIntermediateDirectories: true)
        let folder = try cli.run(["export", "jsonl", "-o", "dir"])
        #expect(folder.status == 73)
        #expect(
            folder.standardError == "isnad: dir: is a folder, not a file: name a file (in it, or elsewhere)\n",
            "\(folder.standardError)")
        // A name of one letter, and the current folder: said as well (Foundation's path functions
        // trapped on them).
        try FileManager.default.createDirectory(at: cli.directory.appendingPathComponent("d"), withIntermediateDirectories: true)
        for name in ["d", "."] {
            let short = try cli.run(["export", "jsonl", "-o", name])
            #expect(
                short.status == 73
                    && short.standardError == "isnad: \(name): is a folder, not a file: name a file (in it, or elsewhere)\n")
        }
        let missing = try cli.run(["export", "jsonl", "-o", "absent/out.jsonl"])
        #expect(missing.status == 73)
        #expect(
            missing.standardError == "isnad: absent/out.jsonl: cannot be created: the folder absent does not exist\n",
            "\(missing.standardError)")
        // A trailing slash names a folder: no file is written under the name without it, nor over one there.
        try cli.write("file", "kept\n")
        for name in ["new/", "file/"] {
            let slashed = try cli.run(["export", "jsonl", "-o", name])
            #expect(slashed.status == 64, "\(slashed.standardError)")
            #expect(
                slashed.standardError
                    == "isnad: \(name): ends in /, which names a folder, and there is none: name a file (without the /)\n")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.path("new")))
        #expect(try cli.read("file") == Data("kept\n".utf8))
        #expect(try cli.run(["export", "jsonl", "-o", "dir/"]).standardError.contains("dir/: is a folder, not a file"))
        // copy's target is not --db's store: said as an output's folder is.
        let copied = try cli.run(["copy", "isnad.db", "dir"])
        #expect(copied.status == 73)
        #expect(copied.standardError == "isnad: dir: is a folder, not a file: name a file (in it, or elsewhere)\n")
    }

    @Test("-o /dev/stdout is written in place when standard output is a pipe, whose link names no file")
    func devStdoutToAPipe() throws {
        let (cli, before) = try harnessWithStore()
        let result = try ExternalTool.run(
            "/bin/sh",
            ["-c", #""$0" "$@" | cat"#, CLIHarness.binary, "--db", cli.path("isnad.db"), "export", "jsonl", "-o", "/dev/stdout"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.outputBytes == before)
        // Into a file the shell opened: the descriptor itself, so that >> appends and what came before stays.
        try cli.write("log.txt", "header\n")
        let appended = try ExternalTool.run(
            "/bin/sh",
            [
                "-c", #""$0" "$@" >> log.txt; echo footer >> log.txt"#, CLIHarness.binary, "--db", cli.path("isnad.db"), "export",
                "jsonl", "-o", "/dev/stdout",
            ], directory: cli.directory)
        #expect(appended.status == 0, "\(appended.standardError)")
        #expect(try cli.read("log.txt") == Data("header\n".utf8) + before + Data("footer\n".utf8))
        // Never the store, by whichever descriptor.
        let intoStore = try ExternalTool.run(
            "/bin/sh",
            [
                "-c", #""$0" "$@" 3>>isnad.db"#, CLIHarness.binary, "--db", cli.path("isnad.db"), "export", "jsonl", "-o",
                "/dev/fd/3",
            ],
            directory: cli.directory)
        #expect(intoStore.status == 64, "\(intoStore.standardError)")
        #expect(intoStore.standardError.contains("/dev/fd/3: is the store"))
        let notOpen = try cli.run(["export", "jsonl", "-o", "/dev/fd/987"])
        #expect(notOpen.status == 64)
        #expect(
            notOpen.standardError
                == "isnad: /dev/fd/987: no such descriptor is open (a shell opens one: 9>FILE), or name a file\n")
    }

    @Test(
        "an export names the temporary files that killed exports left beside its file, not those another isnad holds, nor new ones"
    )
    func abandonedTemporaryFilesNamed() throws {
        let (cli, _) = try harnessWithStore()
        try FileManager.default.createDirectory(atPath: cli.path("out"), withIntermediateDirectories: false)
        let hourAgo = Date().addingTimeInterval(-3600)
        for name in [".isnad-Killed", ".isnad-Helds1", ".isnad-Fresh1", ".isnad-toolong1", "isnad-Killed"] {
            try cli.write("out/" + name, String(repeating: "x", count: 1234))
            if name != ".isnad-Fresh1" {
                try FileManager.default.setAttributes([.modificationDate: hourAgo], ofItemAtPath: cli.path("out/" + name))
            }
        }
        // Another isnad writing it holds it locked, as every export holds its own.
        let held = open(cli.path("out/.isnad-Helds1"), O_RDONLY)
        defer { close(held) }
        #expect(flock(held, LOCK_EX) == 0)
        let result = try cli.run(["export", "dot", "-o", "out/graph.dot"])
        #expect(result.status == 0)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(result.standardError)")
        #expect(
            lines.first?.hasPrefix("isnad: note: out/.isnad-Killed (1234 bytes, last written ") == true, "\(result.standardError)"
        )
        #expect(
            lines.first?.hasSuffix(
                ") is an export or a copy that was killed before it finished; no isnad is writing it: remove it") == true
        )
        // Named, never removed.
        #expect(FileManager.default.fileExists(atPath: cli.path("out/.isnad-Killed")))
        // Through a link to a file in that folder: named where it is, not beside the link.
        try FileManager.default.createSymbolicLink(atPath: cli.path("link.dot"), withDestinationPath: cli.path("out/graph.dot"))
        let linked = try cli.run(["export", "dot", "-o", "link.dot"])
        #expect(linked.standardError.contains("/out/.isnad-Killed (1234 bytes, last written "), "\(linked.standardError)")
        // To standard output, no folder is looked at.
        #expect(try cli.run(["export", "dot"]).standardError.isEmpty)
    }
}
