import IsnadKit

enum LogCommand: Command {
    static let name = "log"
    static let spec = CommandSpec(
        name: name,
        abstract: "The history of the store, or of one record: who changed what, when, and how.",
        discussion: """
            Lists the store's history entries, newest first: each command that changed the store (import, add,
            undo …) is one entry, with its number, time (UTC), author and command line, then each record it touched,
            field by field (before → after). A record an import added is listed by id only. --after N lists the
            entries made after entry N (the one a piece or a copy was made from: isnad copy says which), --entry N
            that one entry. With ID, only the
            entries that touched that record (an entity, source or claim id, or a name of one entity or source; an entity's or a source's under the ids
            it had before a rename too, up to the rename), and only its change in each unless --all. An entry taken
            back says by which undo; one from another store's history (isnad import --from
            history) says so; one dated before the entry made before it (ISNAD_CHANGE_TIME, a clock set back) says
            that too (dated before entry 18): --since goes by dates, --after by numbers. A record retracted, restored, merged or renamed is tagged (changed claim "x" ·
            retracted), a claim a merge combined with the same claim of the entity kept, and a claim whose id an
            entity's rename derived anew, with its other id (removed claim "c-…" · id derived anew as "c-…"). Shows
            at most 20 records of an entry (of one with more, those it changed or removed first, under a count of each:
            61 records: 1 changed, 60 added), and \(itemsShown) items of each list of a record (aliases, citations, merged ids,
            cites), and a value past 80 characters cut (a quote, a source's text: … marks the cut, around where
            a changed value first differs), unless --all, which shows each whole, and the latest \(ListingLimit.tableDefault) entries unless --limit; isnad export history
            writes every entry with its records whole.
            """,
        arguments: [
            ArgumentSpec(
                name: "id", help: "An entity, source or claim id, or a name of one entity or source.", isOptional: true)
        ],
        options: [since, until, after, entry, author, showsAll, limit],
        examples: [
            "isnad log", "isnad log hamas", "isnad log --limit 5", "isnad log --since 2026-11 --author ana",
            "isnad log --until 2026-11-30", "isnad log --after 1", "isnad log --entry 1 --all",
        ])

    static let since = Option<PartialDate>(
        "since", value: "date",
        help:
            "Only entries dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD, UTC); an entry dated back (ISNAD_CHANGE_TIME, a clock set back) is left out and said: --after n lists by number."
    )
    static let until = Option<PartialDate>(
        "until", value: "date",
        help: "Only entries made on or before this date (its whole period: 2026-11 is all of November, UTC).")
    static let after = Option<Int>(
        "after", value: "n", in: 0...Int(Int32.max),
        help:
            "Only the entries after entry n (its number, as log prints it): what changed since the state a piece or a copy was made from (isnad copy says which)."
    )
    static let entry = Option<Int>(
        "entry", value: "n", in: 1...Int(Int32.max), help: "Only entry n (its number, as log prints it); --all shows it whole.")
    static let author = Option<String>(
        "author", value: "name",
        help:
            "Only entries by this author (any case, and a look-alike of the name: bоb with a Cyrillic о; on PostgreSQL, carol (as bob) is carol's and bob's)."
    )
    static let showsAll = Flag(
        "all", help: "Show every record of each entry, every item of its lists, and every value whole (a source's text too).")
    static let limit = ListingLimit.option(
        help: "At most n entries, the latest; 0: all. Default: \(ListingLimit.tableDefault).")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        // Read as every date option reads one (Arabic digits, the day checked against its month).
        let sinceDate = try arguments.value(since)?.description
        let untilDate = try arguments.value(until)
        if let untilDate, let start = try arguments.value(since), untilDate.lastDay < start.firstDay {
            throw UsageError(message: "--until \(untilDate) is before --since \(start)", command: spec.name)
        }
        let store = try context.openStore(.read)
        // As the history records an author (Context.change): a name with a control character in
        // it is kept escaped, and found by the name as typed.
        let entryLimit = try arguments.value(limit, default: ListingLimit.tableDefault)
        // An id, or a name (حماس) of one entity or source that no record has as its id: taken as
        // the query commands take it, and said so.
        var id = arguments.positionals.first
        if let given = id, try Record.Kind.allCases.allSatisfy({ try store.record($0, id: given) == nil }),
            try store.lastRemoval(of: .entity, id: given) == nil, try store.lastRemoval(of: .source, id: given) == nil,
            try store.entityMergedInto(given) == nil,
            let named = try RecordLookup.recordNamed(given, kinds: [.entity, .source], store: store)
        {
            context.message("isnad: \"\(Text.printable(given))\" taken as \(named.kind.rawValue) \(named.id)")
            id = named.id
        }
        // With --all an entry's records are read and printed one at a time: an import's are a million.
        let isShowingAll = arguments.isSet(showsAll)
        let (afterEntry, onlyEntry) = (try arguments.value(after), try arguments.value(entry))
        let (entries, matching) = try store.history(
            of: id, since: sinceDate, until: untilDate?.description,
            author: try arguments.value(author).map { Text.printable($0) }, after: afterEntry, entry: onlyEntry,
            recordLimit: isShowingAll ? 0 : 20, withOtherRecords: isShowingAll,
            limit: entryLimit == 0 ? nil : entryLimit)
        if entries.isEmpty {
            // An id that names nothing, now or in the history, is most likely mistyped.
            if let id = arguments.positionals.first, sinceDate == nil, untilDate == nil, try arguments.value(author) == nil,
                try Record.Kind.allCases.allSatisfy({ try store.record($0, id: id) == nil })
            {
                if let named = try RecordLookup.recordNamed(id, kinds: [.entity, .source], store: store) {
                    throw LookupError(
                        description:
                            "no record \"\(Text.printable(id))\" in the store or its history: log takes an id, and that is a name of \(named.kind.rawValue) \(named.id)"
                    )
                }
                // A number is most likely an entry's, as log prints them.
                if let number = Int(Text.withWesternDigits(id)), number > 0 {
                    throw LookupError(
                        description:
                            "no record \"\(Text.printable(id))\" in the store or its history: log takes an id; entry \(number) is isnad log --entry \(number), the entries after it isnad log --after \(number)"
                    )
                }
                let suggestion = try [Record.Kind.entity, .source].lazy.compactMap { try store.nearestID(to: id, of: $0) }.first
                throw LookupError(
                    description: "no record \"\(Text.printable(id))\" in the store or its history"
                        + Suggestion.phrase(suggestion))
            }
            // A number past the history's end is most likely a number from another store (the one
            // a copy was made from) or mistyped: said with the latest there is.
            let latest = try store.latestEntryNumber()
            if let onlyEntry, onlyEntry > latest ?? 0 {
                throw LookupError(
                    description: "no history entry \(onlyEntry): "
                        + (latest.map { "the latest is entry \($0)" } ?? "the store has no history"))
            }
            if let afterEntry, let latest, afterEntry >= latest {
                context.message(
                    "no history entries after entry \(afterEntry): "
                        + (afterEntry == latest ? "it is the latest" : "the latest is entry \(latest)"))
                return
            }
            context.message("no history entries" + (arguments.positionals.first.map { " for \"\(Text.printable($0))\"" } ?? ""))
            return
        }
        let layout = ReadingLayout(width: context.readingWidth)
        func print(_ lines: [String]) throws {
            // The command line an entry records stays whole, to be copied as it is.
            let text =
                lines.flatMap { $0.drop { $0 == " " }.hasPrefix("isnad ") ? [$0] : layout.wrap($0) }.joined(separator: "\n")
                + "\n"
            try context.print(context.showsBidiMarks ? text : Bidi.removingMarks(text))
        }
        // The command that shows the records left out: this one, with --all.
        let allCommand = "isnad log" + (id.map { " " + Text.printable($0) } ?? "") + " --all"
        for (index, entry) in entries.enumerated() {
            let text = try EntryText(entry, store: store)
            try print((index > 0 ? [""] : []) + text.head)
            // An entry listed in part says what it did in all, the records it changed before those it added.
            if let counts = entry.actionCounts {
                let actions: [RecordChange.Action] = [.changed, .removed, .added]
                let parts = actions.compactMap { action in counts[action].map { "\($0) \(action.rawValue)" } }
                try print(["  \(counted(entry.recordCount, "record")): " + parts.joined(separator: ", ")])
            }
            var shown = 0
            if isShowingAll {
                try store.forEachRecord(of: entry.number, about: id, changedFirst: id == nil) { record in
                    try print(try text.lines(of: record, itemsShown: nil))
                    shown += 1
                    return true
                }
            } else {
                for record in entry.records { try print(try text.lines(of: record, itemsShown: itemsShown)) }
                shown = entry.records.count
            }
            if entry.recordCount > shown {
                let more = entry.recordCount - shown
                try print(["  … and \(counted(more, shown == 0 ? "record" : "more record")) (\(allCommand))"])
            }
        }
        // Under the entries, on standard output, as every listing says what its limit left out.
        if matching > entries.count {
            try print(["", ListingLimit.note(showing: entries.count, of: matching, "entry", "entries")])
        }
        // An entry made after one --since shows but dated before the date (ISNAD_CHANGE_TIME, a
        // clock set back) is left out by its date: said, with the listing by number that has it.
        if let sinceDate, id == nil, try arguments.value(author) == nil, let earliest = entries.last?.number {
            let runningBack = try store.entries(after: earliest, datedBefore: sinceDate)
            if let first = runningBack.first.first {
                let more = runningBack.count - runningBack.first.count
                let numbers =
                    runningBack.count == 1
                    ? "entry \(first) is"
                    : "entries \(runningBack.first.map(String.init).joined(separator: ", "))\(more > 0 ? " and \(more) more" : "") are"
                context.message(
                    "isnad: note: \(numbers) dated before \(sinceDate) though made after entry \(earliest): left out by --since; isnad log --after \(earliest - 1) lists the entries by number"
                )
            }
        }
    }

    /// An entry as lines: its head and its command, then each record (marked when it was
    /// retracted, restored, merged or renamed) and its fields.
    struct EntryText {
        let head: [String]
        /// What the entry did, as the history holds it: the keeper's id then, a merge undone since.
        let rename: (kind: Record.Kind, old: String, new: String)?
        let keeper: String?
        let undoneRename: (kind: Record.Kind, old: String, new: String)?
        let isUndoingMerge: Bool
        let number: Int
        let store: GraphStore

        init(_ entry: HistoryEntry, store: GraphStore) throws {
            (number, self.store) = (entry.number, store)
            var head = "entry \(entry.number) · \(Text.printable(entry.timestamp)) · \(Text.printable(entry.author))"
            if let undoes = entry.undoes {
                head += " · undo of entry \(undoes)"
                // Another's change taken back is said in its head, as the undo said it (isnad undo).
                if let undone = try store.history(entry: undoes, recordLimit: 0, limit: 1).entries.first,
                    !HistoryEntry.isSameAuthor(undone.author, entry.author)
                {
                    head += ", \(Text.printable(undone.author))'s"
                }
            }
            if let undoneBy = entry.undoneBy { head += " · undone by entry \(undoneBy)" }
            // Its time runs back: log --since a date between the two would leave it out.
            if let later = entry.datedBeforeEntry { head += " · dated before entry \(later)" }
            if entry.isTravelled {
                head += " · from another store's history"
                if let importing = try store.importOfHistory(appending: entry.number) {
                    head += ", appended by entry \(importing)"
                }
            }
            var lines = [head, "  " + Text.printable(entry.command)]
            if entry.isImportOfHistory, let appended = try store.entriesAppended(by: entry.number) {
                let numbers =
                    appended.count == 1
                    ? "entry \(appended.lowerBound)" : "entries \(appended.lowerBound) to \(appended.upperBound)"
                lines.append("  appended \(numbers) from another store's history")
            }
            self.head = lines
            // Looked for only in entries of those commands: the others are most of a long history.
            let commandName = HistoryMark.commandName(of: entry.command)
            rename = commandName == "isnad rename" ? try store.renameIn(entry: entry.number) : nil
            keeper = commandName == "isnad merge" ? try store.keeperOfMerge(in: entry.number) : nil
            undoneRename = try entry.undoes.flatMap { try store.renameIn(entry: $0) }
            isUndoingMerge = try entry.undoes.flatMap { try store.keeperOfMerge(in: $0) } != nil
        }

        /// A record's line, with its marks, and one line for each of its fields: of each list, the
        /// fields of its first `itemsShown` items (nil: all, and every value whole, as --all asks:
        /// the words a quote's edit took out are what a reviewer reads it for), then how many more.
        func lines(of record: RecordChange, itemsShown: Int?) throws -> [String] {
            let name = "\(record.kind.rawValue) \"\(Text.printable(record.id))\""
            if record.action == .added, record.after == nil { return ["  added \(name) (imported)"] }
            let diff = RecordDiff(before: record.before, after: record.after)
            var marks = record.action == .changed ? diff.marks : []
            if record.action == .removed, record.kind == .entity, let keeper { marks.append("merged into \"\(keeper)\"") }
            // A merge removes a claim only when it combines it with the kept entity's same claim.
            if record.action == .removed, record.kind == .claim, let keeper {
                marks.append("combined with the same claim of \"\(keeper)\"")
            }
            if let rename, rename.kind == record.kind {
                if record.action == .removed, record.id == rename.old { marks.append("renamed to \"\(rename.new)\"") }
                if record.action == .added, record.id == rename.new { marks.append("renamed from \"\(rename.old)\"") }
            }
            // An entity's rename gives its claims of derived ids (c-…, a hash of their ends) ids
            // derived anew: each removed under the old one and added under the new one.
            if let rename, rename.kind == .entity, record.kind == .claim, record.action != .changed,
                Claim.derivedBase(of: record.id) != nil
            {
                if record.action == .removed, let new = try store.claimIDDerivedAnew(in: number, removed: record.id) {
                    marks.append("id derived anew as \"\(new)\"")
                } else if record.action == .added, let old = try store.claimIDDerivedAnew(in: number, added: record.id) {
                    marks.append("id derived anew from \"\(old)\"")
                } else {
                    marks.append("id derived anew")
                }
            }
            if let undoneRename, undoneRename.kind == record.kind, [undoneRename.old, undoneRename.new].contains(record.id) {
                marks.append("rename undone")
            }
            if isUndoingMerge, record.action == .added, record.kind == .entity { marks.append("merge undone") }
            return LogCommand.lines(of: record, diff: diff, marks: marks, itemsShown: itemsShown)
        }
    }

    /// A record's line, with `marks`, and one line for each field of `diff`, as `log` prints
    /// them (and `import --dry-run`): of each list, the fields of its first `itemsShown` items
    /// (nil: all), then how many more.
    static func lines(of record: RecordChange, diff: RecordDiff, marks: [String], itemsShown: Int?) -> [String] {
        let name = "\(record.kind.rawValue) \"\(Text.printable(record.id))\""
        var lines = [Text.printable("  \(record.action.rawValue) \(name)" + marks.map { " · " + $0 }.joined())]
        var cut = ListCut(shown: itemsShown ?? .max, record: record)
        // Values are cut, as lists are, unless --all asks for everything whole.
        let isCuttingValues = itemsShown != nil
        for field in diff.fields {
            if let leftOut = cut.enter(field.path) { lines.append(leftOut) }
            if cut.isPastShown { continue }
            // Each value held in its own direction, its quotes inside (a terminal's marks; the
            // command above has none, as it is copied into a shell).
            func shown(_ value: String) -> String { Bidi.isolate(Text.printable(value)) }
            let value: String
            switch (field.before, field.after) {
            case (let old?, let new?):
                let cut = isCuttingValues ? shortened(old, new) : (old: old, new: new)
                value = "\(shown(cut.old)) → \(shown(cut.new))"
            case (nil, var new?):
                if isCuttingValues { new = shortened(new) }
                value = record.action == .changed ? "(none) → \(shown(new))" : shown(new)
            case (var old?, nil):
                if isCuttingValues { old = shortened(old) }
                value = record.action == .changed ? "\(shown(old)) → (none)" : shown(old)
            case (nil, nil): continue
            }
            lines.append(Bidi.line("    \(Text.printable(field.path)): \(value)"))
        }
        if let leftOut = cut.end() { lines.append(leftOut) }
        return lines
    }

    /// How many items of a record's list (`aliases[3].name`, `citations[0]`) log shows at most
    /// without --all: a rename of an entity of 25,000 aliases printed 100,000 lines.
    static let itemsShown = 20

    /// The fields of a record's lists past the first items, left out and counted: `    … and
    /// 24980 more aliases (isnad log big-org --all)`. A list's fields come one after another.
    struct ListCut {
        let shown: Int
        let record: RecordChange
        private var list: Substring?
        private var item: Substring?
        private var items = 0

        init(shown: Int, record: RecordChange) {
            self.shown = shown
            self.record = record
        }

        /// Whether the field entered last is past the items shown of its list.
        var isPastShown: Bool { list != nil && items > shown }

        /// Goes on to the field at `path`; returns what was left out of the list it ends, if any.
        mutating func enter(_ path: String) -> String? {
            // `aliases[12].name`: the list `aliases`, its item `aliases[12]`.
            guard let open = path.firstIndex(of: "["), let close = path[open...].firstIndex(of: "]") else { return end() }
            let (list, item) = (path[..<open], path[...close])
            guard list == self.list else {
                let leftOut = end()
                (self.list, self.item, items) = (list, item, 1)
                return leftOut
            }
            if item != self.item { (self.item, items) = (item, items + 1) }
            return nil
        }

        /// What was left out of the list entered last, once; nil when nothing was.
        mutating func end() -> String? {
            defer { (list, item, items) = (nil, nil, 0) }
            guard let list, items > shown else { return nil }
            let more = items - shown
            let leftOut =
                switch list {
                case "aliases": counted(more, "more alias", "more aliases")
                case "citations": counted(more, "more citation")
                case "merged": counted(more, "more merged id")
                case "cites": counted(more, "more cited source")
                default: "\(more) more items of \(list)"
                }
            return "    … and \(leftOut) (isnad log \(Text.printable(record.id)) --all)"
        }
    }

    /// A long value (a source's text, a long quote, an alias whole) cut to its first 80
    /// characters, closed as it was (`"`, or `}` for an item of a list), so that the cut is not
    /// read as part of the data.
    static func shortened(_ value: String) -> String {
        guard value.count > 80, let closing = value.last else { return value }
        return String(value.prefix(79)) + "…" + String(closing)
    }

    /// A long value before and after a change, each cut around where they first differ: a
    /// correction at the end of a source's text would otherwise read as two equal beginnings.
    static func shortened(_ old: String, _ new: String) -> (old: String, new: String) {
        let context = 30
        var (o, n, common) = (old.startIndex, new.startIndex, 0)
        while o < old.endIndex, n < new.endIndex, old[o] == new[n] {
            (o, n, common) = (old.index(after: o), new.index(after: n), common + 1)
        }
        // Seen within the first 79 characters, or both short: cut as one value is.
        guard common > 79 - context, old.count > 80 || new.count > 80 else { return (shortened(old), shortened(new)) }
        func around(_ value: String) -> String {
            let start = value.index(value.startIndex, offsetBy: common - context)
            let end = value.index(start, offsetBy: 76, limitedBy: value.endIndex) ?? value.endIndex
            // JSON's opening and closing marks kept: "…the checkpoint. Correction: three gunmen."
            let (opening, closing) = (value.first.map(String.init) ?? "", value.last.map(String.init) ?? "")
            return opening + "…" + value[start..<end] + (end < value.endIndex ? "…" + closing : "")
        }
        return (around(old), around(new))
    }
}
