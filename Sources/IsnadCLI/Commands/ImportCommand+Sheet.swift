import Foundation
import IsnadKit

/// `isnad import FILE.csv`: a claims spreadsheet (``ClaimSheet``), its names resolved as on the
/// command line, every row one citation, all of it one transaction and one history entry.
extension ImportCommand {
    /// Whether the inputs are spreadsheets: `--from csv`, or every file named `.csv`.
    static func isSheet(_ inputs: [String], format: ExchangeFormat?) throws -> Bool {
        if let format { return format == .csv }
        let sheets = inputs.filter { $0.lowercased().hasSuffix(".csv") }
        if sheets.isEmpty { return false }
        guard sheets.count == inputs.count else {
            throw UsageError(message: "import CSV files on their own, not with record files", command: spec.name)
        }
        return true
    }

    static func importSheets(_ paths: [String], arguments: ParsedArguments, context: Context) throws {
        // A missing input is refused before the store is opened, and every header is checked
        // before anything is written.
        try Importer.checkInputs(paths.filter { $0 != "-" }.map(Importer.Input.file))
        let sheets = try ClaimSheetImporter.open(paths.map { $0 == "-" ? nil : $0 })
        let store = try context.openStore(.write)
        var options = ClaimSheetImporter.Options(change: context.change(author: try arguments.value(HistoryOptions.author)))
        options.isDryRun = arguments.isSet(isDryRun)
        options.maximumReportedProblems = try arguments.value(maximumErrors) ?? options.maximumReportedProblems
        let summary = try ClaimSheetImporter(store: store, options: options, notice: context.message).run(sheets)
        let names = sheets.map { Text.printable($0.name) }.joined(separator: ", ")
        if options.isDryRun {
            context.message(
                "\(names): \(counted(summary.citations, "citation")) of \(counted(summary.addedClaims + summary.extendedClaims, "claim")), all valid; nothing written (--dry-run)"
            )
            return
        }
        context.message(
            "imported \(counted(summary.citations, "citation")) from \(names): \(counted(summary.addedClaims, "new claim")), \(counted(summary.extendedClaims, "claim")) with more citations"
                + (summary.entry.map { " (history entry \($0))" } ?? ""))
    }
}

/// `isnad import --from history FILE`: the lines of `isnad export history`, appended to this
/// store's history in one transaction, so that `isnad log` shows them; the records themselves
/// come with `export jsonl`.
extension ImportCommand {
    static func importHistory(_ paths: [String], context: Context) throws {
        var entries: [HistoryEntry] = []
        var places: [String] = []
        var problems: [String] = []
        for path in paths {
            let name = path == "-" ? "<stdin>" : path
            let data: Data
            if path == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                try Importer.checkInputs([.file(path)])
                guard let read = FileManager.default.contents(atPath: path) else {
                    throw TemplateCommand.OutputFailure(description: "cannot read \(Text.printable(path))")
                }
                data = read
            }
            for (index, bytes) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
                // Bytes that are not UTF-8 would be taken as U+FFFD and kept so: refused, as an import refuses them.
                let line = String(decoding: bytes, as: UTF8.self)
                if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                guard line.utf8.elementsEqual(bytes) else {
                    problems.append("\(Text.printable(name)):\(index + 1): the line is not UTF-8 text")
                    continue
                }
                do {
                    entries.append(try HistoryEntry(json: try JSONParser.parse(line)))
                    places.append("\(Text.printable(name)):\(index + 1)")
                } catch {
                    problems.append("\(Text.printable(name)):\(index + 1): \(error)")
                }
            }
        }
        // Entries keep their numbers relative to each other: each once, and an undo names an entry
        // that comes with it (else it would name one of this store's own once renumbered).
        var placeOf: [Int: String] = [:]
        for (entry, place) in zip(entries, places) {
            if let earlier = placeOf.updateValue(place, forKey: entry.number) {
                problems.append(
                    "\(place): entry: \(entry.number) is given twice (first at \(earlier)): import one history at a time")
            }
        }
        for (entry, place) in zip(entries, places) {
            for (field, number) in [("undoes", entry.undoes), ("undone_by", entry.undoneBy)] {
                if let number, placeOf[number] == nil {
                    problems.append("\(place): \(field): entry \(number) is not among the entries imported")
                }
            }
        }
        if !problems.isEmpty {
            throw LookupError(
                description: "not history lines (isnad export history); nothing imported:\n"
                    + problems.prefix(20).joined(separator: "\n"))
        }
        let store = try context.openStore(.create)
        let first = try store.appendHistory(entries)
        if store.wasCreated { context.message("created \(context.shownDatabasePath)") }
        if let first {
            context.message(
                "imported \(counted(entries.count, "history entry", "history entries")) as entries \(first) to \(first + entries.count - 1) (isnad log shows them)"
            )
        } else {
            context.message("no history entries to import")
        }
    }
}
