// What every reader harness of Tests/Reliability/fuzz-readers shares: libFuzzer's driver, the
// seed store, scratch files, the in-process command line, and the checks on text that a user
// reads (no control character, no line break, that came from the input).
//
// Built by Tests/Reliability/fuzz-readers into a generated package, with AddressSanitizer and
// coverage, against IsnadKit and the command line's sources (compiled there as the module
// FuzzCLI, so that a harness can run `isnad …` in-process as the CLI tests do).

import Foundation

@testable import FuzzCLI
@testable import IsnadKit

/// libFuzzer's entry point when the program has its own main (LLVMFuzzerRunDriver).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Something an input made Isnad do that it must never do.
public struct Finding: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The check of the running harness: libFuzzer calls back through a C function, which cannot capture.
nonisolated(unsafe) private var installedCheck: (([UInt8]) throws -> Void)?

/// Makes the harness's state once (`setUp` returns the check of one input), then hands over to
/// libFuzzer: a trap, a memory error or a thrown ``Finding`` is a crash it saves.
public func fuzz(_ setUp: () throws -> ([UInt8]) throws -> Void) -> Never {
    do {
        installedCheck = try setUp()
    } catch {
        FileHandle.standardError.write(Data("fuzz: cannot set up: \(error)\n".utf8))
        exit(1)
    }
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    let status = runFuzzerDriver(&argc, &argv) { data, size in
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        do {
            try installedCheck?(bytes)
        } catch {
            fatalError("FINDING: \(error)")
        }
        return 0
    }
    exit(status)
}

// MARK: Text a user reads

/// Shown as `U+001B` in findings.
public func scalarName(_ scalar: Unicode.Scalar) -> String {
    "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
}

/// A message meant as one line (an import's error, a skipped object, a note): no line break and
/// no character a terminal takes as a command (``Text/needsEscapeForTerminal(_:)``).
public func checkOneLine(_ text: String, _ what: String) throws {
    for scalar in text.unicodeScalars where Text.needsEscapeForTerminal(scalar) {
        throw Finding("\(what) holds \(scalarName(scalar)) unescaped: \(text.debugDescription)")
    }
}

/// Text meant for a terminal, of several lines: only line feeds may be there.
public func checkTerminalSafe(_ text: String, _ what: String) throws {
    for scalar in text.unicodeScalars where Text.needsEscapeForTerminal(scalar) && scalar != "\n" {
        throw Finding("\(what) holds \(scalarName(scalar)) unescaped: \(String(text.prefix(2000)).debugDescription)")
    }
}

// MARK: Files

/// A file in $TMPDIR that each input is written to (with a suffix, as `.csv`), removed at exit
/// by the script (libFuzzer ends the process without unwinding).
public final class ScratchFile {
    public let path: String

    public init(suffix: String = "") throws {
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("isnad-fuzz-XXXXXX" + suffix).path
        var bytes = Array(template.utf8CString)
        let descriptor = mkstemps(&bytes, Int32(suffix.utf8.count))
        guard descriptor >= 0 else { throw Finding("cannot create a scratch file in \(template)") }
        close(descriptor)
        path = String(decoding: bytes.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public func write(_ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    public func read() -> [UInt8] { (try? Array(Data(contentsOf: URL(fileURLWithPath: path)))) ?? [] }

    /// The store files at this path, if any, taken away.
    public func removeStore() {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }

    deinit { unlink(path) }
}

// MARK: Stores

/// The record file every harness's store holds: $ISNAD_FUZZ_DATASET (the seed dataset).
public func datasetPath() throws -> String {
    guard let path = ProcessInfo.processInfo.environment["ISNAD_FUZZ_DATASET"] else {
        throw Finding("set ISNAD_FUZZ_DATASET to a record file (Tests/Reliability/fuzz-readers does)")
    }
    return path
}

/// An in-memory store holding the seed dataset.
public func seededStore() throws -> GraphStore {
    let store = try GraphStore(path: GraphStore.inMemory, access: .create)
    _ = try Importer(store: store).run([.file(try datasetPath())])
    return store
}

/// The store's records as `isnad export jsonl --include-retracted` writes them.
public func recordLines(_ store: GraphStore) throws -> [UInt8] {
    let sink = MemorySink()
    try StoreExporter.writeJSONLines(of: store, to: sink, includingRetracted: true)
    return sink.bytes
}

/// Row counts of every table an import or a sheet writes, and whether a transaction is open:
/// what a refused or dry-run change must leave as it was.
public func storeState(_ store: GraphStore) throws -> String {
    var parts: [String] = ["autocommit=\(store.database.isAutocommit)"]
    for table in [
        "entity", "entity_name", "entity_merged", "source", "source_cites", "claim", "citation", "retracted_claim",
        "retracted_citation", "change", "change_record",
    ] {
        let count = try store.database.prepare("SELECT count(*) FROM \(table)").scalarInteger() ?? -1
        parts.append("\(table)=\(count)")
    }
    return parts.joined(separator: " ")
}

/// The first line where two record files differ, for a finding's message.
public func firstDifference(_ first: [UInt8], _ second: [UInt8]) -> String {
    let a = first.split(separator: 0x0A, omittingEmptySubsequences: false)
    let b = second.split(separator: 0x0A, omittingEmptySubsequences: false)
    for index in 0..<max(a.count, b.count) {
        let x = index < a.count ? String(decoding: a[index], as: UTF8.self) : "(none)"
        let y = index < b.count ? String(decoding: b[index], as: UTF8.self) : "(none)"
        if x != y { return "line \(index + 1):\n  first:  \(x.prefix(600))\n  second: \(y.prefix(600))" }
    }
    return "(no difference)"
}

// MARK: The command line, in-process

/// What `isnad ARGUMENTS` printed, and how it ended.
public struct CLIRun: CustomStringConvertible {
    public let status: Int32
    public let standardOutput: String
    public let standardError: String
    public var description: String {
        "exit \(status); stdout: \(String(standardOutput.prefix(1500)).debugDescription); stderr: \(String(standardError.prefix(1500)).debugDescription)"
    }
}

/// Standard error, collected (the CLI may write it from any thread).
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    func append(_ more: String) { lock.withLock { text += more } }
    var value: String { lock.withLock { text } }
}

/// Runs `isnad ARGUMENTS` in-process (standard input is not a terminal; no environment but an author).
public func runCLI(_ arguments: [String]) -> CLIRun {
    let output = MemorySink()
    let errors = Collected()
    let code = IsnadCLI.run(
        arguments, environment: ["ISNAD_AUTHOR": "fuzz"], output: output, standardError: { errors.append($0) })
    return CLIRun(status: code.rawValue, standardOutput: output.text, standardError: errors.value)
}

/// The sections `isnad check` failed, by their title, but for those that judge evidence a
/// store may hold as it is (two entities that are probably the same, a look-alike name, a
/// credibility 1 no other channel bears out, one voice counted twice, dates that cannot all be
/// right, one quote in two Unicode forms, one passage quoted twice, one passage for and against a
/// claim on two lines of it): what an import may let in,
/// and check points out.
public func checkDefects(_ run: CLIRun) -> [String] {
    let advisory = [
        "one quote cited twice", "one passage cited twice", "one passage cited by one claimant both for",
        "entities that are probably the same", "names with look-alike",
        "credibility 1 (confirmed)", "one voice counted twice", "dates that cannot all be right",
    ]
    return run.standardOutput.split(separator: "\n").filter { $0.hasPrefix("FAIL ") }.map(String.init)
        .filter { line in !advisory.contains { line.dropFirst(5).hasPrefix($0) } }
}

/// A store file made once (the seed dataset imported by the command line, as a user's is), copied
/// for each input that changes a store.
public final class TemplateStore {
    public let bytes: [UInt8]

    public init() throws {
        let scratch = try ScratchFile(suffix: ".db")
        scratch.removeStore()
        let made = runCLI(["--db", scratch.path, "import", try datasetPath()])
        guard made.status == 0 else { throw Finding("cannot make the template store: \(made)") }
        // One file, its log folded in.
        let checked = runCLI(["--db", scratch.path, "check"])
        guard checked.status == 0 else { throw Finding("the template store does not pass check: \(checked)") }
        guard let data = FileManager.default.contents(atPath: scratch.path) else {
            throw Finding("cannot read the template store")
        }
        bytes = Array(data)
        scratch.removeStore()
    }

    /// A fresh copy of the template at `path` (its log and shared memory taken away first).
    public func copy(to path: String) throws {
        for suffix in ["-wal", "-shm", "-journal"] { unlink(path + suffix) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
