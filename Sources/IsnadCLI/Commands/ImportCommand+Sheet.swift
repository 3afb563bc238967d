import Foundation
import IsnadKit

/// `isnad import FILE.csv`: a claims spreadsheet (``ClaimSheet``), its names resolved as on the
/// command line, every row one citation, all of it one transaction and one history entry.
extension ImportCommand {
    /// Whether the inputs are spreadsheets: `--from csv`, or every file named `.csv` or `.tsv`.
    static func isSheet(_ inputs: [String], format: ExchangeFormat?) throws -> Bool {
        if let format { return format == .csv }
        let sheets = inputs.filter { $0.lowercased().hasSuffix(".csv") || $0.lowercased().hasSuffix(".tsv") }
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
        let store: GraphStore
        do {
            store = try context.openStore(.write)
        } catch StoreError.missing(let path) {
            // A sheet names entities and sources: it cannot make a store, as records do.
            throw Importer.InputError(
                input: path,
                reason:
                    "no store here; a sheet names entities and sources that a store holds: import their records first (isnad import RECORDS.jsonl), or name another store with --db",
                kind: .missing)
        }
        var options = ClaimSheetImporter.Options(change: try context.change(author: arguments.value(HistoryOptions.author)))
        options.isDryRun = arguments.isSet(isDryRun)
        options.maximumReportedProblems = try arguments.value(maximumErrors) ?? options.maximumReportedProblems
        let summary = try ClaimSheetImporter(store: store, options: options, notice: context.message).run(sheets)
        let names = sheets.map { Text.printable($0.name) }.joined(separator: ", ")
        if options.isDryRun {
            context.message(
                "\(names): \(counted(summary.citations, "citation")) of \(counted(summary.claims, "claim")), all valid\(changed(summary, isDryRun: true)); nothing written (--dry-run)"
            )
            return
        }
        // No history entry: every citation was in the store as it is (a sheet imported again).
        guard let entry = summary.entry else {
            context.message(
                summary.citations == 0
                    ? "no citations in \(names): nothing changed"
                    : "read \(counted(summary.citations, "citation")) from \(names): the store holds them as they are; nothing changed"
            )
            return
        }
        context.message(
            "imported \(counted(summary.citations, "citation")) from \(names): \(counted(summary.addedClaims, "new claim")), \(counted(summary.extendedClaims, "claim")) with more citations\(changed(summary, isDryRun: false)) (history entry \(entry))"
        )
    }

    /// `; 1 citation the store held given with another stance, credibility, translation or
    /// locator, and updated (isnad log shows how)`, when a row changed one: an update can turn a
    /// denial into support, and "more citations" would hide it.
    static func changed(_ summary: ClaimSheetImporter.Summary, isDryRun: Bool) -> String {
        guard summary.changedCitations > 0 else { return "" }
        return
            "; \(counted(summary.changedCitations, "citation")) the store held given with another stance, credibility, translation or locator, \(isDryRun ? "which would be updated" : "and updated (isnad log shows how)")"
    }
}

/// `isnad import --from history FILE`: the lines of `isnad export history`, appended to this
/// store's history in one transaction, so that `isnad log` shows them; the records themselves
/// come with `export jsonl`.
extension ImportCommand {
    /// An import of history lines; an entry is one line, and an import's entry grows with it (17
    /// MB for 200,000 claims): `maximumLineLength` (`--max-line-bytes`) lets a larger one in.
    static func importHistory(_ paths: [String], maximumLineLength: Int?, context: Context) throws {
        var entries: [HistoryEntry] = []
        var places: [String] = []
        var problems: [String] = []
        for path in paths {
            let name = path == "-" ? "<stdin>" : path
            if path != "-" { try Importer.checkInputs([.file(path)]) }
            // Read a line at a time, as every import reads: a line is at most 16 MiB, and a FIFO
            // or standard input is read as a file is. The entries are held whole, to check the
            // entries they name.
            let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw Importer.InputError(
                    input: path, reason: String(cString: strerror(errno)), kind: errno == EACCES ? .unreadable : .cannotOpen)
            }
            defer { if descriptor != STDIN_FILENO { close(descriptor) } }
            var reader = LineReader(
                fileDescriptor: descriptor, maximumLineLength: maximumLineLength ?? LineReader.defaultMaximumLineLength)
            let limit = reader.maximumLineLength
            // Twenty problems are shown: past them the file is not read on (/dev/urandom never ends).
            struct Enough: Error {}
            let readError = try? reader.forEachLine { (number, line) throws(Enough) in
                if problems.count >= 20 { throw Enough() }
                let place = "\(Text.printable(name)):\(number)"
                switch line {
                case .tooLong(let length):
                    problems.append(
                        "\(place): " + LineReader.overLimit(length: length, limit: limit, isEnded: true)
                            + " (see --max-line-bytes)")
                case .unended(let length):
                    problems.append(
                        "\(place): " + LineReader.overLimit(length: length, limit: limit, isEnded: false)
                            + " (see --max-line-bytes)")
                case .text(let bytes):
                    // Bytes that are not UTF-8 would be taken as U+FFFD and kept so: refused, as an import refuses them.
                    let line = String(decoding: bytes, as: UTF8.self)
                    if line.trimmingCharacters(in: .whitespaces).isEmpty { return }
                    guard line.utf8.elementsEqual(bytes) else {
                        problems.append("\(place): the line is not UTF-8 text")
                        return
                    }
                    do {
                        entries.append(try HistoryEntry(json: try JSONParser.parse(line)))
                        places.append(place)
                    } catch {
                        problems.append("\(place): \(error)")
                    }
                }
            }
            if let readError = readError ?? nil {
                throw Importer.InputError(input: path, reason: readError.description, kind: .readFailed)
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
        // A history imported again (or grown since) is not listed twice: the entries this store
        // holds already are left as they are, and the others appended after its own.
        let kept = try store.keptEntries(among: entries)
        let first = try store.appendHistory(entries, kept: kept)
        if store.wasCreated { context.message("created \(context.shownDatabasePath)") }
        let appended = entries.count - kept.count
        let alreadyHere =
            kept.isEmpty ? "" : "; \(counted(kept.count, "entry", "entries")) already in this store's history left as they were"
        if let first {
            context.message(
                "imported \(counted(appended, "history entry", "history entries")) as entries \(first) to \(first + appended - 1)\(alreadyHere) (isnad log shows them)"
            )
        } else if !kept.isEmpty {
            context.message(
                "every entry is already in this store's history (\(counted(kept.count, "entry", "entries"))): nothing imported")
        } else {
            context.message("no history entries to import")
        }
    }
}
