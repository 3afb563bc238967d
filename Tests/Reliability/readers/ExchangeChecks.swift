// The checks of the STIX and FtM harnesses (FuzzSTIX, FuzzFtM): the input as a file that
// `isnad import --from stix|ftm FILE` reads.
//
// 1. A dry run against a store holding the seed dataset, and the same with --strict: accepted,
//    or refused with its problems listed (Importer.Failure); never another error; the store
//    unchanged (its row counts every time, its records every 32 inputs).
// 2. Every line the import would print (each refusal, skipped object, note, kept retraction) is
//    one line with no control character: the CLI escapes what it prints, but keeps line feeds.
// 3. Imported for real into an empty store: when accepted, the store's records written back
//    with the format's own writer (STIXWriter, FtMWriter) and imported into another empty store
//    give the same records (for FtM, but for citation locators and claim notes, which FtM does
//    not carry: docs/exporting.md), with nothing skipped and nothing refused.

import Foundation

@testable import IsnadKit

public final class ExchangeChecks {
    let format: ExchangeFormat
    let store: GraphStore
    let baseline: String
    let baselineRecords: [UInt8]
    let input: ScratchFile
    let exported: ScratchFile
    var inputs = 0

    public init(format: ExchangeFormat) throws {
        self.format = format
        store = try seededStore()
        baseline = try storeState(store)
        baselineRecords = try recordLines(store)
        input = try ScratchFile(suffix: format == .stix ? ".json" : ".ftm.jsonl")
        exported = try ScratchFile(suffix: format == .stix ? ".json" : ".ftm.jsonl")
        // The writer's own export of the dataset reads back as it is: else every finding of step 3 is this one.
        try roundTrip(from: store, label: "the seed dataset")
    }

    public func check(_ bytes: [UInt8]) throws {
        inputs += 1
        try input.write(bytes)
        for strict in [false, true] {
            var options = Importer.Options()
            options.dryRun = true
            options.format = format
            options.isStrict = strict
            _ = try importChecked(
                into: store, options: options, what: "a dry run\(strict ? " with --strict" : "") against the dataset")
            let state = try storeState(store)
            guard state == baseline else { throw Finding("a dry run changed the store: \(baseline) → \(state)") }
        }
        if inputs % 32 == 0 {
            let records = try recordLines(store)
            guard records == baselineRecords else {
                throw Finding("a dry run changed the store's records: \(firstDifference(baselineRecords, records))")
            }
        }
        let fresh = try GraphStore(path: GraphStore.inMemory, access: .create)
        var options = Importer.Options()
        options.format = format
        guard try importChecked(into: fresh, options: options, what: "an import into an empty store") != nil else { return }
        try roundTrip(from: fresh, label: "what the input imported")
    }

    /// The store's records through the format's writer and back into an empty store: the same.
    func roundTrip(from source: GraphStore, label: String) throws {
        let first = try recordLines(source)
        let sink = MemorySink()
        switch format {
        case .stix: try STIXWriter(store: source, sink: sink).write()
        case .ftm: try FtMWriter(store: source, sink: sink).write()
        default: throw Finding("no writer for \(format)")
        }
        try exported.write(sink.bytes)
        let again = try GraphStore(path: GraphStore.inMemory, access: .create)
        var options = Importer.Options()
        options.format = format
        let summary: Importer.Summary
        do {
            summary = try Importer(store: again, options: options).run([.file(exported.path)])
        } catch {
            throw Finding(
                "\(label): the \(format) export of it is refused on import: \(error)\nexport: \(String(decoding: sink.bytes.prefix(3000), as: UTF8.self))"
            )
        }
        if !summary.skipped.isEmpty {
            throw Finding("\(label): importing its own \(format) export skipped \(summary.skipped.map(\.description))")
        }
        let second = try recordLines(again)
        let (a, b) =
            format == .ftm ? (try withoutWhatFtMCannotCarry(first), try withoutWhatFtMCannotCarry(second)) : (first, second)
        guard a == b else {
            throw Finding(
                "\(label): \(format) export then import gives other records: \(firstDifference(a, b))\nexport: \(String(decoding: sink.bytes.prefix(3000), as: UTF8.self))"
            )
        }
    }

    /// The import, its every printed line checked; the summary, or nil when refused.
    func importChecked(into target: GraphStore, options: Importer.Options, what: String) throws -> Importer.Summary? {
        do {
            let summary = try Importer(store: target, options: options).run([.file(input.path)])
            for object in summary.skipped { try checkOneLine(object.description, "\(what): a skipped object's line") }
            for note in summary.notes { try checkOneLine(note.description, "\(what): a note") }
            for kept in summary.keptRetractions { try checkOneLine(kept.description, "\(what): a kept retraction") }
            return summary
        } catch let finding as Finding {
            throw finding
        } catch let failure as Importer.Failure {
            guard !failure.errors.isEmpty else { throw Finding("\(what): refused with no problem listed") }
            for error in failure.errors { try checkOneLine(error.description, "\(what): a refusal's line") }
            return nil
        } catch {
            throw Finding("\(what) failed with an error that is not a list of bad records: \(type(of: error)): \(error)")
        }
    }

    /// Record lines without citation locators and claim notes (FtM does not carry them).
    func withoutWhatFtMCannotCarry(_ lines: [UInt8]) throws -> [UInt8] {
        let decoder = RecordDecoder()
        var writer = RecordWriter()
        var result: [UInt8] = []
        for line in lines.split(separator: 0x0A) {
            let value = try Array(line).withUnsafeBufferPointer { try JSONParser.parse($0) }
            var record = try decoder.decode(value)
            if case .claim(var claim) = record {
                claim.notes = nil
                for index in claim.citations.indices { claim.citations[index].locator = nil }
                record = .claim(claim)
            }
            result += writer.encode(record)
        }
        return result
    }
}
