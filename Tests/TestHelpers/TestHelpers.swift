import Foundation
import Testing

// Helpers shared by the test targets: temporary folders, the repository's files, external
// programs (dot, xmllint, python3 with networkx), and the built isnad binary.

/// A folder of its own for one test.
public struct TemporaryFolder: Sendable {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("isnad-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let target = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: target)
        return target.path
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}

public enum Repository {
    /// The package's root folder, found from this source file.
    public static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The seed dataset's records, as the README has a newcomer import them.
    public static var dataset: String { root.appendingPathComponent("Datasets/hadera-2022/hadera-2022.jsonl").path }

    /// `../shared` beside the repository, as CI and a user's clone may have it.
    public static var shared: URL { root.deletingLastPathComponent().appendingPathComponent("shared") }

    public static var hasShared: Bool {
        FileManager.default.fileExists(atPath: shared.appendingPathComponent("seed-article.ar.txt").path)
    }
}

/// External programs the tests feed our output to, found on PATH (or Debian's python3).
public enum ExternalTool {
    /// The full path of `name` on PATH, if it is installed.
    public static func path(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in paths {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// A python3 that can import every module named: Debian's first (where apt installs
    /// python3-networkx), then whatever python3 is on PATH.
    public static func python(with modules: [String]) -> String? {
        var candidates = ["/usr/bin/python3"]
        if let onPath = path("python3") { candidates.append(onPath) }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            let check = "import " + modules.joined(separator: ", ")
            if let result = try? run(candidate, ["-c", check]), result.status == 0 { return candidate }
        }
        return nil
    }

    public struct Result: Sendable {
        public let status: Int32
        public let standardOutput: String
        public let standardError: String
        public let outputBytes: Data
    }

    /// Runs a program to completion, with `input` on standard input.
    public static func run(
        _ executable: String, _ arguments: [String], input: Data? = nil, directory: URL? = nil,
        environment: [String: String]? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let output = Pipe()
        let error = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = standardInput
        try process.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var outputData = Data()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            // readToEnd, not readDataToEndOfFile: a read that fails (a descriptor another test
            // closed) fails this test, where Foundation's trap ended the whole test process.
            outputData = (try? output.fileHandleForReading.readToEnd()) ?? Data()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errorData = (try? error.fileHandleForReading.readToEnd()) ?? Data()
            group.leave()
        }
        if let input { standardInput.fileHandleForWriting.write(input) }
        try standardInput.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return Result(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self), outputBytes: outputData)
    }
}

/// Runs the built `isnad` binary as a user would, in a temporary folder of its own.
public struct CLIHarness: Sendable {
    public let folder: TemporaryFolder
    public var directory: URL { folder.url }

    public init() throws { folder = try TemporaryFolder() }

    /// The binary next to the test bundle (SwiftPM builds both into the same folder).
    public static var binary: String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("isnad").path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("isnad").path,
            Repository.root.appendingPathComponent(".build/debug/isnad").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[2]
    }

    public func path(_ name: String) -> String { folder.path(name) }

    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String { try folder.write(name, text) }

    public func read(_ name: String) throws -> Data { try Data(contentsOf: directory.appendingPathComponent(name)) }

    /// Runs `isnad ARGUMENTS` in the harness's folder (ISNAD_DB unset unless given).
    @discardableResult
    public func run(_ arguments: [String], input: Data? = nil, environment: [String: String] = [:]) throws
        -> ExternalTool.Result
    {
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "ISNAD_DB")
        for (key, value) in environment { merged[key] = value }
        return try ExternalTool.run(CLIHarness.binary, arguments, input: input, directory: directory, environment: merged)
    }

    /// What a dry run must leave as it was, as `isnad` reads it: every record, retracted ones
    /// included (`export jsonl --include-retracted`), and the whole history (`export history`, `log`).
    public func storeState(_ global: [String] = []) throws -> [Data] {
        try [["export", "jsonl", "--include-retracted"], ["export", "history"], ["log"]].map {
            let result = try run(global + $0)
            #expect(result.status == 0, "\(result.standardError)")
            return result.outputBytes
        }
    }

    /// `isnad ARGUMENTS` in the harness's folder, not started: for a test that runs it beside
    /// another process. Its output and errors go nowhere until the test says otherwise.
    public func process(_ arguments: [String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIHarness.binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
    }

    /// Whether ``runUnprivileged(_:)`` can honour file permissions here: as an ordinary user, or
    /// as root with setpriv to drop to nobody (root ignores permissions).
    public static var canDropPrivileges: Bool {
        getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
    }

    /// Runs `isnad` so that file permissions apply: as root, as the user nobody (the folder is
    /// handed to nobody first); otherwise as the current user.
    @discardableResult
    public func runUnprivileged(_ arguments: [String]) throws -> ExternalTool.Result {
        guard getuid() == 0 else { return try run(arguments) }
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "ISNAD_DB")
        return try ExternalTool.run(
            "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", CLIHarness.binary] + arguments,
            directory: directory, environment: environment)
    }

    /// Gives the folder and everything in it to the user `runUnprivileged` runs as.
    public func handToUnprivilegedUser() throws {
        guard getuid() == 0 else { return }
        let items = [directory.path] + (try FileManager.default.subpathsOfDirectory(atPath: directory.path)).map { path($0) }
        for item in items { chown(item, 65534, 65534) }
    }

    public func remove() {
        _ = try? FileManager.default.subpathsOfDirectory(atPath: directory.path).map { chmod(path($0), 0o755) }
        chmod(directory.path, 0o755)
        folder.remove()
    }
}
