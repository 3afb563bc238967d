import Foundation
import IsnadKit

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
