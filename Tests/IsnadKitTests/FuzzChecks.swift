// What the fuzzer (Tests/Reliability/fuzz) checks on every input it makes, and what the test
// suite replays on every file of Fixtures/fuzz/ (FuzzRegressionTests). One file, compiled in
// both places: here against IsnadKit as the tests see it, there against an instrumented build,
// so it uses IsnadKit's public interface only.

import Foundation

@testable import IsnadKit

/// The record-reading path, from raw bytes to a validated import, with an oracle at each step.
enum FuzzChecks {
    /// Something an input made Isnad do that it must never do.
    struct Finding: Error, CustomStringConvertible {
        let description: String
    }

    /// What the checks need across inputs: a store holding a real dataset (so that fuzzed
    /// records can name entities and sources that exist, and validation goes deep), and a
    /// scratch file that each input is written to, since the line reader and the importer read
    /// files.
    final class Context {
        let store: GraphStore
        let scratch: String
        private let baseline: String

        /// `records`: a record file imported into the in-memory store first.
        init(records: String) throws {
            store = try GraphStore(path: GraphStore.inMemory, access: .create)
            _ = try Importer(store: store).run([.file(records)])
            baseline = try Context.describe(store)
            let template = FileManager.default.temporaryDirectory.appendingPathComponent("isnad-fuzz-XXXXXX").path
            var bytes = Array(template.utf8CString)
            let descriptor = mkstemp(&bytes)
            guard descriptor >= 0 else { throw Finding(description: "cannot create a scratch file in \(template)") }
            close(descriptor)
            scratch = String(decoding: bytes.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }

        deinit { unlink(scratch) }

        /// The store's row counts, to see that a dry run left nothing behind.
        static func describe(_ store: GraphStore) throws -> String {
            let counts = try store.counts()
            return "\(counts.entities) \(counts.sources) \(counts.claims) \(counts.citations)"
        }

        /// No transaction left open, and the same rows.
        func isUnchanged() throws -> Bool { try store.database.isAutocommit && Context.describe(store) == baseline }

        func write(_ bytes: [UInt8]) throws {
            try Data(bytes).write(to: URL(fileURLWithPath: scratch))
        }
    }

    /// Runs every check on one input; throws the first finding.
    static func check(_ bytes: [UInt8], in context: Context) throws {
        try context.write(bytes)
        try checkLineReader(bytes, scratch: context.scratch)
        try checkRecords(bytes)
        try checkDryRun(in: context)
    }

    // MARK: Line reader

    /// A line as the reader reports it, comparable with what a plain split expects.
    enum Line: Equatable, CustomStringConvertible {
        case text([UInt8])
        case tooLong(Int)

        var description: String {
            switch self {
            case .text(let bytes):
                "text(\(bytes.count) bytes: \(String(decoding: bytes.prefix(40), as: UTF8.self).debugDescription))"
            case .tooLong(let length): "tooLong(\(length))"
            }
        }
    }

    /// What the reader must return for `bytes`: the file split at line feeds (a UTF-8 byte order
    /// mark at the very start dropped, no empty line after a final line feed), each line longer
    /// than `maximum` reported by its length alone.
    static func expectedLines(_ bytes: [UInt8], maximum: Int) -> [Line] {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var pieces = body.split(separator: 0x0A, omittingEmptySubsequences: false)
        if pieces.last?.isEmpty == true { pieces.removeLast() }
        return pieces.map { $0.count > maximum ? .tooLong($0.count) : .text(Array($0)) }
    }

    /// Reads the scratch file with a limit taken from the input's first byte (from 1 byte to
    /// more than a read's worth) and compares with ``expectedLines(_:maximum:)``.
    static func checkLineReader(_ bytes: [UInt8], scratch: String) throws {
        let maximum = 1 + Int(bytes.first ?? 0) * 37
        let descriptor = open(scratch, O_RDONLY)
        guard descriptor >= 0 else { throw Finding(description: "cannot open the scratch file \(scratch)") }
        defer { close(descriptor) }
        var reader = LineReader(fileDescriptor: descriptor, maximumLineLength: maximum)
        var lines: [Line] = []
        var numbers: [Int] = []
        let error = reader.forEachLine { number, line in
            numbers.append(number)
            switch line {
            case .text(let text): lines.append(.text(Array(text)))
            case .tooLong(let length): lines.append(.tooLong(length))
            case .unended(let length): lines.append(.tooLong(length))
            }
        }
        if let error { throw Finding(description: "the line reader failed to read a file: \(error)") }
        let expected = expectedLines(bytes, maximum: maximum)
        guard numbers == (0..<lines.count).map({ $0 + 1 }) else {
            throw Finding(description: "the line reader numbered lines \(numbers.prefix(10)), not 1, 2, 3 …")
        }
        guard lines == expected else {
            let firstDifference = zip(lines, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            let index = firstDifference ?? min(lines.count, expected.count)
            let got = index < lines.count ? "\(lines[index])" : "nothing"
            let wanted = index < expected.count ? "\(expected[index])" : "nothing"
            throw Finding(
                description: "the line reader (limit \(maximum) bytes) gave \(lines.count) lines for \(expected.count); "
                    + "line \(index + 1) is \(got), expected \(wanted)")
        }
    }

    // MARK: Records

    private static let decoder = RecordDecoder()

    /// Every line through the strict JSON parser and the record decoder; every record that
    /// decodes must come back identical through the canonical writer (encode → parse → decode).
    static func checkRecords(_ bytes: [UInt8]) throws {
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let record: Record? = Array(line).withUnsafeBufferPointer { buffer in
                guard let value = try? JSONParser.parse(buffer) else { return nil }
                return try? decoder.decode(value)
            }
            guard let record else { continue }
            var writer = RecordWriter()
            let encoded = writer.encode(record)
            let again: Record? = encoded.withUnsafeBufferPointer { buffer in
                guard let value = try? JSONParser.parse(UnsafeBufferPointer(rebasing: buffer.dropLast())) else { return nil }
                return try? decoder.decode(value)
            }
            if again != record {
                throw Finding(description: "the round trip changed the record: \(String(decoding: encoded, as: UTF8.self))")
            }
        }
    }

    // MARK: Import

    /// The input as one import, dry run, against the dataset: it may be accepted or refused
    /// with its problems listed (Importer.Failure), nothing else — any other error (an SQLite
    /// constraint, say) means validation let something through — and the store is unchanged.
    static func checkDryRun(in context: Context) throws {
        var options = Importer.Options()
        options.dryRun = true
        options.maximumLineLength = 4096
        do {
            _ = try Importer(store: context.store, options: options).run([.file(context.scratch)])
        } catch is Importer.Failure {
            // Refused, with every problem listed: right for a bad input.
        } catch {
            throw Finding(description: "the import failed with an error that is not a list of bad records: \(error)")
        }
        guard try context.isUnchanged() else { throw Finding(description: "a dry run changed the store") }
    }
}
