import Foundation
import IsnadKit

/// `isnad import --from history FILE`: the lines of `isnad export history`, appended to this
/// store's history in one transaction, so that `isnad log` shows them; the records themselves
/// come with `export jsonl`. With `--dry-run` the transaction is rolled back, as a dry run of
/// records is: the same summary and notes, before anything is written.
extension ImportCommand {
    /// An import of history lines (`HistoryLines` reads and checks them); `maximumLineLength` is
    /// `--max-line-bytes`.
    /// `withholding`: the sources `--without-source` keeps out of the entries.
    static func importHistory(
        _ paths: [String], maximumLineLength: Int?, withholding: Set<String>, author: String?, isDryRun: Bool,
        context: Context
    ) throws {
        var entries = try HistoryLines.read(paths, maximumLineLength: maximumLineLength)
        var withheldNote: String?
        var otherSourcesNotes: [String] = []
        var withheldNames: Set<String> = []
        if !withholding.isEmpty {
            let withheld = HistoryLines.withholding(withholding, from: entries)
            if let unknown = withheld.unknownSources.first {
                throw HistoryLines.UnknownWithheldSource(id: unknown)
            }
            entries = withheld.entries
            withheldNames = withheld.names
            withheldNote =
                "withheld \(counted(withholding.count, "source", "sources")) from \(counted(withheld.changedEntries, "entry", "entries")), their command lines with it"
            // An id the withheld source went by that another source was given after a rename
            // names that other source there, which travels: the user is told under which id. An
            // id given that several sources went by withholds each, and the user is told which.
            otherSourcesNotes = withheld.otherSourcesOfIDs.sorted { $0.key < $1.key }.map { id, others in
                let ids = others.map { "\"\(Text.printable($0))\"" }.joined(separator: ", ")
                let option = others.map { Text.printable($0) }.joined(separator: ",")
                return
                    "isnad: note: \"\(Text.printable(id))\", an id the withheld source went by, was another source's too, \(ids) now, which is not withheld (--without-source \(option) withholds it too)"
            }
            otherSourcesNotes += withheld.severalSources.sorted { $0.key < $1.key }.map { id, sources in
                let now = Set(sources).sorted().map { "\"\(Text.printable($0))\"" }
                let shown =
                    now.count < sources.count
                    ? "\(now.joined(separator: ", ")) and \(sources.count - now.count) removed" : now.joined(separator: " and ")
                return
                    "isnad: note: \"\(Text.printable(id))\" was the id of \(sources.count) sources in this history (\(shown) now): each is withheld; name a source by its id now to keep the others"
            }
        }
        let store = isDryRun ? try storeForDryRun(context) : try context.openStore(.create)
        // A history imported again (or grown since) is not listed twice: the entries this store
        // holds already are left as they are, and the others appended after its own.
        let kept = try store.keptEntries(among: entries)
        // The import is an entry of this store's own, after those it appends: who appended
        // them, when, and from which file (its command line) is kept beside them.
        var description = try context.change(author: author)
        // The import's own command line would name what it withheld, in this store's history for good.
        description.command = HistoryLines.command(description.command, withholding: withholding)
        let first = try store.appendHistory(entries, kept: kept, by: description, isDryRun: isDryRun)
        if store.wasCreated, !isDryRun { context.message("created \(context.shownDatabasePathWithOrigin)") }
        if let withheldNote, let first {
            context.message(withheldNote)
            otherSourcesNotes.forEach(context.message)
            // The entries keep the other records as they were: one that names the source in other
            // fields (an entity named as its author, another source at its url) came in with them.
            var numbers: [Int: Int] = [:]
            for index in entries.indices where kept[entries[index].number] == nil { numbers[index] = first + numbers.count }
            let (listed, beyond) = HistoryLines.mentions(in: entries, of: withheldNames, number: { numbers[$0] })
            if !listed.isEmpty {
                let count = listed.count + beyond
                let shown = listed.map { Text.printable($0) }.joined(separator: ", ")
                let them = count == 1 ? "it" : "them"
                // Said before the import by a dry run: once imported, an entry stays.
                let advice =
                    isDryRun
                    ? "an imported entry is not taken out again, nor undone: to read \(them) whole before an import, import into a new store first (isnad --db scratch.db import --from history …)"
                    : "read \(them) (isnad log): an imported entry is not taken out again, nor undone; isnad import --from history --dry-run lists such fields before an import"
                context.message(
                    "isnad: note: what the import \(isDryRun ? "would keep" : "keeps") still names a withheld source (its id, title, author or url) in \(counted(count, "field")): \(shown)\(beyond > 0 ? ", …" : ""); \(advice)"
                )
            }
        }
        let appended = entries.count - kept.count
        let alreadyHere =
            kept.isEmpty
            ? ""
            : "; \(counted(kept.count, "entry", "entries")) already in this store's history left as "
                + (kept.count == 1 ? "it was" : "they were")
        if let first {
            let numbers = appended == 1 ? "entry \(first)" : "entries \(first) to \(first + appended - 1)"
            // A history carries no records: a store that holds none is told where they come from.
            let records =
                try store.holdsNoRecords()
                ? "; a history holds no records, and this store holds none: its records come from isnad export jsonl, imported as any file"
                : ""
            context.message(
                isDryRun
                    ? "would import \(counted(appended, "history entry", "history entries")) as \(numbers)\(alreadyHere) (and this import as entry \(first + appended))\(records); nothing written (--dry-run)"
                    : "imported \(counted(appended, "history entry", "history entries")) as \(numbers)\(alreadyHere) (isnad log shows them, and this import as entry \(first + appended))\(records)"
            )
        } else if !kept.isEmpty {
            context.message(
                "every entry is already in this store's history (\(counted(kept.count, "entry", "entries"))): nothing imported")
        } else {
            context.message("no history entries to import")
        }
    }
}
