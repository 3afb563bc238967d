import Foundation

/// Copies a whole store into a new or empty one, between engines in either direction (SQLite to
/// PostgreSQL to start sharing, PostgreSQL to SQLite to take a copy into the field), all or
/// nothing: every table row for row, from one snapshot of the source, in one transaction of the
/// target. History, retractions and merged ids travel with the records; the target keeps its
/// own schema version and name-folding marks.
public enum StoreCopy {
    /// A table copied, with its columns (the same in both engines' schemas) and the order its
    /// rows are read in.
    struct Table: Sendable {
        let name: String
        let columns: [String]
        let order: String
        /// For a table whose rows are numbered (`rowid`), the order in which a copy without
        /// history numbers them afresh.
        var renumberingOrder: String? = nil

        /// The table as a copy without history reads it: its rows numbered afresh in the order of
        /// what they hold, so that the numbers tell nothing of the order in which they were
        /// written (a renamed entity's names last) and leave no gaps where rows were removed.
        var renumbered: Table {
            guard let renumberingOrder, columns.first == "rowid" else { return self }
            return Table(name: name, columns: Array(columns.dropFirst()), order: renumberingOrder)
        }
    }

    /// Every table of a store, in an order where each row's references come first (the
    /// foreign keys are deferred all the same). `meta` is not copied: it describes the store
    /// itself (its schema version, the folding of its search keys), which the target has.
    static let tables: [Table] = [
        Table(name: "entity", columns: ["id", "type", "name", "description", "attributes"], order: "id"),
        Table(
            name: "entity_name", columns: ["rowid", "entity", "position", "name", "lang", "search_key", "consonant_key"],
            order: "rowid", renumberingOrder: "entity, position"),
        Table(name: "entity_merged", columns: ["merged", "entity", "position"], order: "merged"),
        Table(
            name: "source",
            columns: ["id", "type", "title", "publisher", "author", "url", "published", "lang", "reliability", "full_text"],
            order: "id"),
        Table(name: "source_cites", columns: ["source", "position", "cited"], order: "source, position"),
        Table(
            name: "claim", columns: ["rowid", "id", "subject", "predicate", "object", "start_date", "end_date", "notes"],
            order: "rowid", renumberingOrder: "id"),
        Table(
            name: "citation",
            columns: [
                "claim", "position", "citation_key", "source", "via", "quote", "quote_en", "stance", "credibility", "locator",
            ],
            order: "claim, position"),
        Table(
            name: "retracted_claim", columns: ["id", "reason", "record"], order: "id"),
        Table(
            name: "retracted_citation",
            columns: [
                "claim", "position", "source", "via", "quote", "quote_en", "stance", "credibility", "locator", "reason",
            ],
            order: "claim, position"),
        Table(name: "change", columns: ["id", "at", "author", "command", "undoes", "undone_by", "travelled"], order: "id"),
        Table(
            name: "change_record", columns: ["change", "kind", "record", "action", "before", "after"],
            order: "change, kind, record"),
    ]

    /// What a copy may leave out, for a store handed to someone else: what the analyst removed
    /// or changed stays in a store's history and retractions (every record before and after each
    /// change, who made it and when, the command lines with their file paths; each retracted claim
    /// and citation with its reason).
    public struct Leaving: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// The history: every entry of `log`, so the copy starts with none and nothing to undo.
        public static let history = Leaving(rawValue: 1)
        /// The retracted claims and citations, with their reasons.
        public static let retractions = Leaving(rawValue: 2)

        /// The tables each leaves out.
        var tables: Set<String> {
            var names: Set<String> = []
            if contains(.history) { names.formUnion(["change", "change_record"]) }
            if contains(.retractions) { names.formUnion(["retracted_claim", "retracted_citation"]) }
            return names
        }
    }

    /// What a copy moved.
    public struct Summary: Sendable, Equatable {
        public var entities = 0
        public var sources = 0
        public var claims = 0
        public var citations = 0
        public var historyEntries = 0
        /// The latest entry of the source store's history when the copy was read (nil: it had
        /// none): the state the copy holds, kept in the copy's `meta` as ``copiedAsOfEntryKey``,
        /// so that what is built from the copy can be traced to it (`isnad log --after N` lists
        /// what the source changed since), with or without its history.
        public var asOfEntry: Int?
        /// What withholding left out (``Withholding``): sources (kept as stubs in chains, or not
        /// at all), and the claims, citations and entities that went with them.
        public var withheldSources = 0
        public var stubbedSources = 0
        public var withheldClaims = 0
        public var withheldCitations = 0
        public var withheldEntities = 0
        /// The kept records' fields whose free text still names a withheld source (a quote, a
        /// locator, another source's text quoting its title): not changed, to be read.
        public var mentions: [String] = []
        /// Fields past those listed in `mentions` that name one.
        public var mentionsBeyond = 0
        /// Claims that stay with fewer citations than they had: a grade 1 (confirmed) among what
        /// is left may have been borne out by what went.
        public var thinnedClaims: [String] = []
    }

    /// The `meta` key under which a copy keeps ``Summary/asOfEntry``. A key the store's own
    /// reads do not know is left alone by them and by `isnad check`: no migration is needed.
    public static let copiedAsOfEntryKey = "copied_as_of_entry"

    /// The source store's entry a store was copied as of (``Summary/asOfEntry``), when it is a
    /// copy that keeps one.
    public static func copiedAsOfEntry(of store: GraphStore) throws -> Int? {
        try store.database.prepare("SELECT value FROM meta WHERE key = ?1").scalarText([.text(copiedAsOfEntryKey)])
            .flatMap { Int($0) }
    }

    /// Why a copy was refused before anything was written.
    public enum CopyError: Error, CustomStringConvertible, Sendable {
        /// The target already holds records: a copy never merges into or replaces a store.
        case targetNotEmpty(target: String)
        /// Source and target are the same store.
        case sameStore(String)
        /// A file appeared at the target's name while the copy was made under a temporary one.
        case targetAppeared(target: String)

        public var description: String {
            switch self {
            case .targetNotEmpty(let target):
                "\(target) already holds records: a copy goes into a new or empty store, and nothing was copied"
            case .sameStore(let location): "\(location) is both the source and the target of the copy"
            case .targetAppeared(let target):
                "\(target) was made by another program while the copy was written: it was left as it is, and nothing was copied"
            }
        }
    }

    /// Copies the store at `source` into `target`, which is created when missing and must hold
    /// no record, without what `leaving` names and what `withholding` withholds (which needs the
    /// history and the retractions left out: they hold it all). `onWaitingForWriteLock` is called once if the
    /// target's writers keep it waiting; a file target's wait ends in an error after `writeLockWaitLimit`
    /// seconds, as ``GraphStore/init(path:access:vocabulary:writeLockWaitLimit:onWaitingForWriteLock:)`` says.
    public static func copy(
        from source: StoreLocation, to target: StoreLocation, leaving: Leaving = [], withholding: Withholding = Withholding(),
        writeLockWaitLimit: Int? = nil, onWaitingForWriteLock: WriteLockWait? = nil
    ) throws -> Summary {
        if source == target { throw CopyError.sameStore(source.description) }
        if !withholding.isEmpty {
            let option = withholding.sources.isEmpty ? "--without-notes" : "--without-source"
            if !leaving.contains(.history) { throw WithholdingError.keepsWhatHoldsIt(option: option, kept: "--without-history") }
            if !leaving.contains(.retractions) {
                throw WithholdingError.keepsWhatHoldsIt(option: option, kept: "--without-retractions")
            }
        }
        let copying = Copying(withholding: withholding, source: source)
        let left = leaving.tables
        let tables = Self.tables.filter { !left.contains($0.name) }.map { leaving.contains(.history) ? $0.renumbered : $0 }
        let reader = try Reader(source)
        var summary = Summary()
        switch target {
        case .file(let path):
            // A file that is there (made empty with touch, say, with the owner and permissions its
            // user chose) is filled where it is; a new one is made whole under a temporary name.
            if FileSystem.exists(path) || FileSystem.isSymbolicLink(path) {
                summary = try copyRows(
                    tables, from: reader, copying: copying, into: path, shownAs: target.description,
                    writeLockWaitLimit: writeLockWaitLimit, onWaitingForWriteLock: onWaitingForWriteLock)
            } else {
                summary = try copyIntoNewFile(
                    tables, from: reader, copying: copying, source: source, path: path, shownAs: target.description,
                    onWaitingForWriteLock: onWaitingForWriteLock)
            }
        case .postgreSQL(let location):
            let store = try PostgreSQLStore(location: location, access: .create, onWaitingForWriteLock: onWaitingForWriteLock)
            try store.inWriteTransaction {
                try requireEmpty(target.description) { table in
                    try store.connection.query("SELECT EXISTS (SELECT 1 FROM \(table))").int64(0, 0) == 1
                }
                try reader.inSnapshot {
                    summary.asOfEntry = try reader.latestEntry()
                    let plan = try copying.plan(reading: reader, summary: &summary)
                    for table in tables {
                        try store.connection.copy(into: table.name, columns: table.columns) { copy in
                            try reader.forEachRow(of: table, as: plan) { row in
                                try copy.append(row)
                                summary.count(table)
                            }
                        }
                    }
                    (summary.mentions, summary.mentionsBeyond) = (plan?.mentions ?? [], plan?.mentionsBeyond ?? 0)
                }
                if let entry = summary.asOfEntry {
                    try store.connection.query(
                        "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        [.text(copiedAsOfEntryKey), .text(String(entry))])
                }
                // Rows added later continue after the copied ones, as SQLite's rowids do.
                for (table, column) in [("entity_name", "rowid"), ("claim", "rowid")] {
                    try store.connection.query(
                        "SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), coalesce(max(\(column)), 0) + 1, false) FROM \(table)"
                    )
                }
                // Planned for the rows it now holds, not for the empty store it was (see
                // ImportSession.refreshStatistics()).
                try store.connection.execute("ANALYZE " + tables.map(\.name).joined(separator: ", "))
            }
        }
        return summary
    }

    /// Copies `tables` into the SQLite store at `path`, made when missing (or an empty file),
    /// in one transaction; `shownAs` names it in messages. On failure a store this made is taken
    /// away again, and an empty file it made a store is said to be one.
    private static func copyRows(
        _ tables: [Table], from reader: Reader, copying: Copying, into path: String, shownAs shownPath: String,
        writeLockWaitLimit: Int?, onWaitingForWriteLock: WriteLockWait?, foldingLog: Bool = false
    ) throws -> Summary {
        var summary = Summary()
        var store: GraphStore?
        do {
            let opened = try GraphStore(
                path: path, access: .create, writeLockWaitLimit: writeLockWaitLimit, onWaitingForWriteLock: onWaitingForWriteLock)
            store = opened
            try opened.inWriteTransaction {
                try requireEmpty(shownPath) { table in
                    try opened.database.prepare("SELECT EXISTS (SELECT 1 FROM \(table))").scalarInteger() == 1
                }
                try reader.inSnapshot {
                    summary.asOfEntry = try reader.latestEntry()
                    let plan = try copying.plan(reading: reader, summary: &summary)
                    var copied = 0
                    for table in tables {
                        let placeholders = (1...table.columns.count).map { "?\($0)" }.joined(separator: ", ")
                        let insert = try opened.database.prepare(
                            "INSERT INTO \(table.name) (\(table.columns.joined(separator: ", "))) VALUES (\(placeholders))")
                        try reader.forEachRow(of: table, as: plan) { row in
                            try insert.run(row.map { $0.map(Statement.Value.text) ?? .null })
                            summary.count(table)
                            // Ctrl-C, held by the caller, ends the copy by this path, which takes
                            // away the store it created (HeldSignals).
                            copied += 1
                            if copied % 1024 == 0 { try HeldSignals.checkPending() }
                        }
                    }
                    (summary.mentions, summary.mentionsBeyond) = (plan?.mentions ?? [], plan?.mentionsBeyond ?? 0)
                    try HeldSignals.checkPending()
                }
                if let entry = summary.asOfEntry {
                    try opened.database.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)").run([
                        .text(copiedAsOfEntryKey), .text(String(entry)),
                    ])
                }
                return .commit
            }
            if foldingLog { try opened.foldLogIntoFile() }
        } catch var error as DatabaseError {
            if let store, store.wasCreated, !store.madeItsFile, !foldingLog { error.madeEmptyFileAStore = true }
            store?.removeCreatedStore()
            throw path == shownPath ? error : error.named(shownPath)
        } catch {
            store?.removeCreatedStore()
            throw error
        }
        return summary
    }

    /// Copies `tables` into a new store file at `path`, which appears there only once it holds
    /// every row: made under a temporary name in its folder (a copy killed midway left an empty
    /// store under the backup's name, which opened fine), with the source file's permissions
    /// less the umask as `cp` gives (a private store's backup was world-readable), its log
    /// folded in, then given its name, never over a file that appeared there meanwhile.
    private static func copyIntoNewFile(
        _ tables: [Table], from reader: Reader, copying: Copying, source: StoreLocation, path: String,
        shownAs shownPath: String, onWaitingForWriteLock: WriteLockWait?
    ) throws -> Summary {
        try GraphStore.checkNameForNewStore(path)
        let folder = FileSystem.folder(of: path)
        let (descriptor, temporary): (Int32, String)
        do {
            (descriptor, temporary) = try TemporaryFiles.create(in: folder, for: path)
        } catch {
            throw StoreError.cannotCreate(path: path, reason: FileSystem.describe(errorCode: error.code))
        }
        // Closed once the store's connection is: closing any descriptor of a file drops the
        // locks SQLite holds on it.
        defer { close(descriptor) }
        let companions = [temporary + "-wal", temporary + "-shm"]
        for companion in companions { TemporaryFiles.register(companion) }
        let permissions = source.permissionsForFilesMadeFromIt ?? 0o666 & ~FileSystem.currentUmask
        do {
            if fchmod(descriptor, permissions) != 0 {
                throw StoreError.cannotCreate(path: path, reason: FileSystem.describe(errorCode: errno))
            }
            let summary = try copyRows(
                tables, from: reader, copying: copying, into: temporary, shownAs: shownPath, writeLockWaitLimit: nil,
                onWaitingForWriteLock: onWaitingForWriteLock, foldingLog: true)
            do throws(FileSystem.SystemError) {
                try FileSystem.name(temporary, as: path)
            } catch {
                if error.code == EEXIST { throw CopyError.targetAppeared(target: shownPath) }
                throw StoreError.cannotCreate(path: path, reason: error.description)
            }
            for file in [temporary] + companions {
                TemporaryFiles.remove(file)
            }
            return summary
        } catch {
            for file in [temporary] + companions { TemporaryFiles.remove(file) }
            throw error
        }
    }

    /// Throws unless every copied table of the target is empty.
    private static func requireEmpty(_ target: String, _ hasRows: (String) throws -> Bool) throws {
        for table in tables where try hasRows(table.name) { throw CopyError.targetNotEmpty(target: target) }
    }

    /// What a copy withholds, and from which store, for the plan made in the copy's snapshot.
    struct Copying {
        let withholding: Withholding
        let source: StoreLocation

        /// The plan, read from the source in the snapshot the rows are then read from; nil when
        /// nothing is withheld (the rows go as they are).
        func plan(reading reader: Reader, summary: inout Summary) throws -> WithholdingPlan? {
            guard !withholding.isEmpty else { return nil }
            let plan = try WithholdingPlan(withholding, reading: reader, source: source)
            summary.withheldSources = withholding.sources.count
            summary.stubbedSources = plan.stubs.count
            summary.withheldClaims = plan.claims.count
            summary.withheldCitations = plan.citations
            summary.withheldEntities = plan.entities.count
            summary.thinnedClaims = plan.thinned
            return plan
        }
    }

    /// The source store, read in one snapshot.
    enum Reader {
        case file(GraphStore)
        case postgreSQL(PostgreSQLStore)

        init(_ location: StoreLocation) throws {
            switch location {
            case .file(let path): self = .file(try GraphStore(path: path, access: .read))
            case .postgreSQL(let location): self = .postgreSQL(try PostgreSQLStore(location: location, access: .read))
            }
        }

        /// Runs `body` in one snapshot of the source.
        func inSnapshot(_ body: () throws -> Void) throws {
            switch self {
            // The store opened for reading is one snapshot already, unless it was read without
            // one (its folder is read-only here) and written meanwhile: no copy is made of that.
            case .file(let store):
                // A read torn by the owner's write can fail in any way ("malformed"): the write
                // is the cause, said as such.
                do {
                    try body()
                } catch {
                    try store.checkReadWasWhole()
                    throw error
                }
                try store.checkReadWasWhole()
            case .postgreSQL(let store): try store.inSnapshot(body)
            }
        }

        /// Calls `body` with each row of `table` as `plan` rewrites it (nil: as it is), leaving out
        /// those it withholds.
        func forEachRow(of table: Table, as plan: WithholdingPlan?, _ body: ([String?]) throws -> Void) throws {
            guard let plan else { return try forEachRow(of: table, body) }
            var position: (claim: String?, next: Int) = (nil, 0)
            try forEachRow(of: table) { row in
                guard let kept = plan.rewrite(row, of: table, position: &position) else { return }
                plan.lookForMentions(in: kept, of: table)
                try body(kept)
            }
        }

        /// The number of the latest entry of the source's history, nil when it has none.
        func latestEntry() throws -> Int? {
            let select = "SELECT max(id) FROM change"
            switch self {
            case .file(let store): return try store.database.prepare(select).scalarInteger().map { Int($0) }
            case .postgreSQL(let store): return try store.connection.query(select).text(0, 0).flatMap { Int($0) }
            }
        }

        /// Calls `body` with each row of `table`, each value as text or NULL, in the table's order.
        func forEachRow(of table: Table, _ body: ([String?]) throws -> Void) throws {
            let select = "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name) ORDER BY \(table.order)"
            switch self {
            case .file(let store):
                try store.database.prepare(select).forEachRow { statement in
                    try body((0..<table.columns.count).map { statement.text(Int32($0)) })
                }
            case .postgreSQL(let store):
                // A cursor, fetched in batches: memory stays flat in the store's size.
                try store.connection.execute("DECLARE copy_rows NO SCROLL CURSOR FOR \(select)")
                while true {
                    let rows = try store.connection.query("FETCH 2000 FROM copy_rows")
                    if rows.count == 0 { break }
                    for index in 0..<rows.count { try body((0..<rows.columnCount).map { rows.text(index, $0) }) }
                }
                try store.connection.execute("CLOSE copy_rows")
            }
        }
    }
}

extension StoreCopy.Summary {
    fileprivate mutating func count(_ table: StoreCopy.Table) {
        switch table.name {
        case "entity": entities += 1
        case "source": sources += 1
        case "claim": claims += 1
        case "citation": citations += 1
        case "change": historyEntries += 1
        default: break
        }
    }
}
