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
            store = try context.openStore(arguments.isSet(isDryRun) ? .dryRun : .write)
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
        options.maximumReportedProblems = try listedProblems(arguments) ?? options.maximumReportedProblems
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
        var text = ""
        if summary.changedCitations > 0 {
            text +=
                "; \(counted(summary.changedCitations, "citation")) the store held given with another stance, credibility, translation or locator, \(isDryRun ? "which would be updated" : "and updated (isnad log shows how)")"
        }
        if summary.changedNotes > 0 {
            text +=
                "; the notes of \(counted(summary.changedNotes, "claim")) the store held given otherwise, \(isDryRun ? "which would be replaced" : "and replaced (isnad log shows how)")"
        }
        return text
    }
}
