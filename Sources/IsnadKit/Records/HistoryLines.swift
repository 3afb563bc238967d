import Foundation

/// The lines of `isnad export history` read back: every line an entry, checked as a whole
/// before anything is stored, so that `appendHistory` is given entries that name each other
/// soundly.
public enum HistoryLines {
    /// The problems that keep the files from being imported, the first twenty of them.
    public struct Refusal: Error, CustomStringConvertible {
        public let problems: [String]
        public var description: String {
            "not history lines (isnad export history); nothing imported:\n" + problems.prefix(20).joined(separator: "\n")
        }
    }

    /// The entries of the files (`-` is standard input), in the order given. An import's entry
    /// grows with it (17 MB for 200,000 claims): `maximumLineLength` lets a larger line in.
    public static func read(_ paths: [String], maximumLineLength: Int?) throws -> [HistoryEntry] {
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
                let place = "\(Text.printableFileName(name)):\(number)"
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
                        let entry = try HistoryEntry(json: try JSONParser.parse(line))
                        // An author the --author rule refuses would read in log as more of its
                        // line (`root · undone by entry 3`): refused here as it is there.
                        if let problem = ChangeDescription.recordedAuthorProblem(entry.author) {
                            problems.append("\(place): author: \"\(ChangeDescription.shownAuthor(entry.author))\" \(problem)")
                            return
                        }
                        entries.append(entry)
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
        // And an undo and the entry it undoes name each other, as check requires of a store.
        var entryOf: [Int: HistoryEntry] = [:]
        for entry in entries where entryOf[entry.number] == nil { entryOf[entry.number] = entry }
        for (entry, place) in zip(entries, places) {
            for (field, number, back, backField) in [
                ("undoes", entry.undoes, \HistoryEntry.undoneBy, "undone_by"),
                ("undone_by", entry.undoneBy, \HistoryEntry.undoes, "undoes"),
            ] {
                guard let number else { continue }
                guard let other = entryOf[number] else {
                    problems.append("\(place): \(field): entry \(number) is not among the entries imported")
                    continue
                }
                if other[keyPath: back] != entry.number {
                    problems.append(
                        "\(place): \(field): entry \(number) does not name this entry (\(entry.number)) as its \(backField)")
                }
            }
        }
        if !problems.isEmpty { throw Refusal(problems: problems) }
        return entries
    }
}
