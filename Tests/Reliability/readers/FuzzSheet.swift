// libFuzzer target: a claims sheet, as `isnad import FILE.csv` reads it (ClaimSheetReader,
// ClaimSheetImporter). Each input is the file.
//
// 1. The reader alone: the header and every row, or a ClaimSheet.Problem; a sheet read whole,
//    written back as RFC 4180 CSV (each cell quoted, formula-guarded as Isnad's CSV writes it),
//    reads back the same rows.
// 2. A dry run against an in-memory store holding the seed dataset: accepted, or refused with
//    ClaimSheetImporter.Failure or .Refusal (never another error); the store unchanged; every
//    problem and notice one line without control characters.
// 3. When the dry run accepts it: `isnad --db COPY import FILE.csv` in-process on a copy of a
//    store holding the dataset must succeed (exit 0) and print nothing unescaped; imported again
//    it must change nothing; and, for one input in 16 (by a hash of its bytes, so that a finding
//    replays: these two take most of a second under AddressSanitizer), `isnad check` must find
//    no defect (checkDefects) and the store's own listing (`claims --format csv`) imported back
//    must change nothing.

import Foundation
import FuzzSupport

@testable import IsnadKit

final class SheetChecks {
    let store: GraphStore
    let baseline: String
    let sheet: ScratchFile
    let written: ScratchFile
    let listing: ScratchFile
    let database: ScratchFile
    let template: TemplateStore

    init() throws {
        store = try seededStore()
        baseline = try storeState(store)
        sheet = try ScratchFile(suffix: ".csv")
        written = try ScratchFile(suffix: ".csv")
        listing = try ScratchFile(suffix: ".csv")
        database = try ScratchFile(suffix: ".db")
        template = try TemplateStore()
    }

    func check(_ bytes: [UInt8]) throws {
        try sheet.write(bytes)
        try checkReader()
        guard try dryRun() else { return }
        try checkImport(thorough: FNV1a.hash([String(decoding: bytes, as: UTF8.self)]) % 16 == 0)
    }

    // MARK: 1. The reader

    /// Rows as compared: each row's cells by column name.
    func readRows(_ path: String) throws -> (header: [String], rows: [[String: String]])? {
        let reader: ClaimSheetReader
        do {
            reader = try ClaimSheetReader(path: path)
        } catch let problem as ClaimSheet.Problem {
            try checkOneLine(problem.description, "the reader's problem")
            return nil
        } catch {
            throw Finding("opening the sheet failed with an error that is not a ClaimSheet.Problem: \(type(of: error)): \(error)")
        }
        var rows: [[String: String]] = []
        do {
            while let row = try reader.nextRow() { rows.append(row.cells.mapValues(\.text)) }
        } catch {
            try checkOneLine(error.description, "the reader's problem")
            return nil
        }
        return (reader.header, rows)
    }

    func checkReader() throws {
        guard let (header, rows) = try readRows(sheet.path) else { return }
        // Written back: the named columns, every cell quoted, a cell that reads as a formula
        // guarded with a ' (as Isnad's CSV writes it, and as the reader takes it off).
        let columns = header.filter { !$0.isEmpty }
        func quoted(_ text: String) -> String {
            let guarded = ClaimSheet.isGuarded(text.utf8) ? "'" + text : text
            return "\"" + guarded.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var text = columns.map(quoted).joined(separator: ",") + "\r\n"
        for row in rows { text += columns.map { quoted(row[$0] ?? "") }.joined(separator: ",") + "\r\n" }
        try written.write(Array(text.utf8))
        guard let (_, again) = try readRows(written.path) else {
            throw Finding(
                "the sheet read whole, written back as CSV, is refused by the reader: \(text.prefix(2000).debugDescription)")
        }
        guard again == rows else {
            let index =
                zip(rows, again).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(rows.count, again.count)
            throw Finding(
                "the sheet written back reads otherwise: row \(index + 1) \(index < rows.count ? "\(rows[index])" : "none") → \(index < again.count ? "\(again[index])" : "none")"
            )
        }
    }

    // MARK: 2. A dry run

    /// Whether the dry run accepted the sheet.
    func dryRun() throws -> Bool {
        var notices: [String] = []
        defer { precondition(store.database.isAutocommit) }
        var accepted = false
        do {
            let sheets = try ClaimSheetImporter.open([sheet.path])
            var options = ClaimSheetImporter.Options(change: ChangeDescription(author: "fuzz", command: "isnad import sheet.csv"))
            options.isDryRun = true
            _ = try ClaimSheetImporter(store: store, options: options, notice: { notices.append($0) }).run(sheets)
            accepted = true
        } catch let finding as Finding {
            throw finding
        } catch let failure as ClaimSheetImporter.Failure {
            guard !failure.problems.isEmpty else { throw Finding("refused with no problem listed") }
            for problem in failure.problems { try checkOneLine(problem, "a sheet's problem") }
        } catch let refusal as ClaimSheetImporter.Refusal {
            try checkOneLine(refusal.description, "a sheet's refusal")
        } catch {
            throw Finding("the sheet's dry run failed with an error that is not a list of problems: \(type(of: error)): \(error)")
        }
        for notice in notices { try checkOneLine(notice, "a notice") }
        let state = try storeState(store)
        guard state == baseline else { throw Finding("a dry run changed the store: \(baseline) → \(state)") }
        return accepted
    }

    // MARK: 3. The command line

    func checkImport(thorough: Bool) throws {
        try template.copy(to: database.path)
        let first = runCLI(["--db", database.path, "import", sheet.path])
        try checkTerminalSafe(first.standardError, "import's messages")
        guard first.status == 0 else { throw Finding("the dry run accepted the sheet, the import refused it: \(first)") }
        let again = runCLI(["--db", database.path, "import", sheet.path])
        try checkTerminalSafe(again.standardError, "import's messages")
        guard again.status == 0, !again.standardError.contains("imported ") else {
            throw Finding("the sheet imported a second time is refused or changes the store again: \(again)")
        }
        guard thorough else { return }
        let checked = runCLI(["--db", database.path, "check"])
        guard checked.status == 0 || (checked.status == 65 && checkDefects(checked).isEmpty) else {
            throw Finding("after the sheet's import, check finds defects: \(checked)")
        }
        let listed = runCLI(["--db", database.path, "claims", "--format", "csv", "--limit", "0"])
        guard listed.status == 0 else { throw Finding("claims --format csv failed after the import: \(listed)") }
        try listing.write(Array(listed.standardOutput.utf8))
        let back = runCLI(["--db", database.path, "import", listing.path])
        guard back.status == 0, !back.standardError.contains("imported ") else {
            throw Finding("the store's own listing, imported back after the sheet's import, is refused or changes it: \(back)")
        }
    }
}

fuzz { try SheetChecks().check }
