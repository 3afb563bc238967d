// libFuzzer target: the lines of `isnad export history`, as `isnad import --from history FILE`
// reads them. Each input is the file.
//
// 1. Every line that parses as an entry (HistoryEntry(json:)) is written back
//    (HistoryEntry.write(to:)) and reads back the same entry. The file as the library reads it
//    (HistoryLines): its entries, whose undo links name each other both ways, or a refusal of
//    one-line problems, which the import below must then refuse too.
// 2. `isnad --db COPY import --from history FILE`, in-process, on a copy of a store holding the
//    seed dataset (one history entry of its own): exit 0, or 65 with the history unchanged
//    (`export history` before and after); nothing else (1 is an internal error); its messages
//    without control characters.
// 3. When it is accepted: `isnad log --all` prints nothing unescaped; `isnad check` passes (an
//    import must not let in history that check calls broken); importing the same file again adds
//    nothing; and the store's `export history`, imported into another copy of the store, gives
//    the same `export history` there.

import Foundation
import FuzzSupport

@testable import IsnadKit

final class HistoryChecks {
    let template: TemplateStore
    let input: ScratchFile
    let database: ScratchFile
    let other: ScratchFile
    let exported: ScratchFile
    let baseline: String

    init() throws {
        template = try TemplateStore()
        input = try ScratchFile(suffix: ".jsonl")
        database = try ScratchFile(suffix: ".db")
        other = try ScratchFile(suffix: ".db")
        exported = try ScratchFile(suffix: ".jsonl")
        try template.copy(to: database.path)
        baseline = try HistoryChecks.history(database.path)
    }

    static func history(_ path: String) throws -> String {
        let run = runCLI(["--db", path, "export", "history"])
        guard run.status == 0 else { throw Finding("export history failed: \(run)") }
        return run.standardOutput
    }

    func check(_ bytes: [UInt8]) throws {
        try checkEntries(bytes)
        try input.write(bytes)
        let isRead = try checkLines()
        try template.copy(to: database.path)
        let run = runCLI(["--db", database.path, "import", "--from", "history", input.path])
        try checkTerminalSafe(run.standardError, "import --from history's messages")
        guard isRead || run.status == 65 else { throw Finding("HistoryLines refused the file, the import did not: \(run)") }
        switch run.status {
        case 65:
            let after = try HistoryChecks.history(database.path)
            guard after == baseline else { throw Finding("a refused history import changed the history: \(run)") }
            return
        case 0: break
        default: throw Finding("import --from history ended otherwise than accepted (0) or refused (65): \(run)")
        }
        let log = runCLI(["--db", database.path, "log", "--all"])
        guard log.status == 0 else { throw Finding("log fails after a history import: \(log)") }
        try checkTerminalSafe(log.standardOutput, "log's output")
        try checkTerminalSafe(log.standardError, "log's messages")
        let checked = runCLI(["--db", database.path, "check"])
        guard checked.status == 0 else {
            throw Finding("after an accepted history import, check finds defects: \(checked)\ninput accepted: \(run)")
        }
        let first = try HistoryChecks.history(database.path)
        let again = runCLI(["--db", database.path, "import", "--from", "history", input.path])
        guard again.status == 0, try HistoryChecks.history(database.path) == first else {
            throw Finding("the same history imported a second time is refused or appended again: \(again)")
        }
        try exported.write(Array(first.utf8))
        try template.copy(to: other.path)
        let carried = runCLI(["--db", other.path, "import", "--from", "history", exported.path])
        guard carried.status == 0 else { throw Finding("the store's own export history is refused by another store: \(carried)") }
        let second = try HistoryChecks.history(other.path)
        guard second == first else {
            throw Finding(
                "export history, imported into a copy of the same store, gives another history: \(firstDifference(Array(first.utf8), Array(second.utf8)))"
            )
        }
    }

    /// Whether the library reads the file's entries (HistoryLines), which must then name each
    /// other back (an undo the entry it undoes, and that entry the undo), or refuses it with
    /// problems of one line each.
    func checkLines() throws -> Bool {
        let entries: [HistoryEntry]
        do {
            entries = try HistoryLines.read([input.path], maximumLineLength: nil)
        } catch let refusal as HistoryLines.Refusal {
            guard !refusal.problems.isEmpty else { throw Finding("HistoryLines refused the file with no problem listed") }
            for problem in refusal.problems { try checkOneLine(problem, "a history line's problem") }
            return false
        } catch {
            throw Finding("HistoryLines failed with an error that is not a refusal: \(type(of: error)): \(error)")
        }
        let byNumber = Dictionary(entries.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        for entry in entries {
            if let undone = entry.undoes, byNumber[undone]?.undoneBy != entry.number {
                throw Finding("HistoryLines let in entry \(entry.number), which undoes \(undone), not undone by it")
            }
            if let undo = entry.undoneBy, byNumber[undo]?.undoes != entry.number {
                throw Finding("HistoryLines let in entry \(entry.number), undone by \(undo), which does not undo it")
            }
        }
        return true
    }

    /// Each line that reads as an entry writes back as the same entry.
    func checkEntries(_ bytes: [UInt8]) throws {
        for line in bytes.split(separator: 0x0A) {
            guard let text = String(validating: line, as: UTF8.self), let value = try? JSONParser.parse(text),
                let entry = try? HistoryEntry(json: value)
            else { continue }
            var writer = JSONWriter()
            entry.write(to: &writer)
            let again: HistoryEntry
            do {
                again = try HistoryEntry(json: try JSONParser.parse(String(decoding: writer.bytes, as: UTF8.self)))
            } catch {
                throw Finding("an entry written back does not read: \(error): \(String(decoding: writer.bytes, as: UTF8.self))")
            }
            guard again == entry else { throw Finding("an entry written back reads otherwise: \(entry) → \(again)") }
        }
    }
}

fuzz { try HistoryChecks().check }
