import IsnadKit

enum CheckCommand: Command {
    static let name = "check"
    static let spec = CommandSpec(
        name: name,
        abstract:
            "Check the store: schema, SQLite integrity, references, values, vocabulary, citations, quotes, chains, names, history.",
        discussion: """
            Runs every check and lists what it finds, each with what to do: the schema (every trigger, view, index or
            table that another program added, removed or changed: such a store is refused by every other command, and
            check reads nothing else from it); SQLite's integrity check; references to rows that do not exist; values
            an import would have refused (unknown types, bad dates, an end before its start, a stance, credibility or
            reliability out of range, attributes that are not a JSON object, control characters); claims whose
            predicate or entity types break the vocabulary; claims with no citation; quotes not found in the stored
            text of the source they stand in (as add claim looks for them), and, as a warning that leaves the exit
            code 0, those let in --unverified (or with an unverified: locator) though that source has text, to be
            read against it: they count in full; one quote cited twice by one claimant in
            one claim, typed two ways (marks, spaces, typeset characters, Unicode form); cycles in chains of transmission (a
            source that relays itself through others); chains of transmission deeper than weighing follows (100
            cites steps); entities that are probably the same (a name or alias that
            folds to the same search key); names with look-alike characters (two scripts in one word, invisible
            characters, fullwidth and other compatibility forms); search keys and entries of the name search index that are
            not their names' own (written or damaged by another program, which SQLite's integrity check does not see);
            credibility 1 that no other independent channel bears out (an A–C source asserting it graded 1–3); dates that cannot all be right (a source published
            before one it relays, a claim starting after every source that speaks of it was public, a publication
            or start after today anywhere on Earth, the date in UTC+14; add, set, edit and import warn of them as
            they write them); records not as their history left them (the line the latest of the store's own history
            entries wrote for a record is not the record as stored, or a record it removed is there, or an entry is
            missing: changed outside Isnad; a record only imported, or a store without history, has nothing to be held
            against). The store is opened read only: nothing in it runs. Exits 0 when the store is clean, 65 when something was found.

            A table shows the first 200 findings of each check (--limit), each check cut short saying how many it
            found; JSON and CSV list every finding unless given a limit, streamed as found (the findings are never all
            kept). The exit code and the count on standard error are of every finding, whatever the limit.
            """,
        options: [limit, format],
        examples: ["isnad check", "isnad check --limit 0", "isnad check --format csv > findings.csv"])

    /// Something was found: exit 65 after the report.
    struct DefectsFound: Error, CustomStringConvertible {
        let count: Int
        var description: String { "\(counted(count, "problem")) found" }
    }

    static let format = OutputFormat.option(json: "json (JSON Lines: one finding a line, none when clean)")
    static let limit = ListingLimit.option(
        help: "At most n findings of each check; 0: all. Default: \(ListingLimit.tableDefault) in a table, all in json and csv.")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let limit = try ListingLimit.value(arguments, option: Self.limit, format: Self.format)
        let format = try arguments.value(Self.format, default: .table)
        // Opened even when another program changed its schema: to say what changed, without running any of it.
        let store = try context.openStore(.examine)
        // Run by the format printed: a table keeps what it shows; JSON and CSV write each finding as it is found.
        var check: IntegrityCheck?
        var written = 0
        try format.print(
            Printout(
                reading: {
                    let found = try IntegrityCheck(store: store, keepingPerCheck: limit)
                    check = found
                    return .init(text: "", stream: { write in try table(found, limit: limit, write: write) })
                },
                json: .rowObjects,
                rows: Printout.Rows(header: ["check", "subject", "message"]) { row in
                    var writtenOfKind: [IntegrityCheck.Kind: Int] = [:]
                    check = try IntegrityCheck(store: store, keepingPerCheck: 0) { finding in
                        if let limit, writtenOfKind[finding.kind, default: 0] >= limit { return }
                        writtenOfKind[finding.kind, default: 0] += 1
                        written += 1
                        try row([finding.kind.rawValue, finding.subject, finding.message])
                    }
                },
                leftOut: {
                    guard let check, written < check.findingCount else { return [] }
                    // Findings, when warnings are among them: a warning is no problem.
                    let noun = check.findingCount == check.problemCount ? "problem" : "finding"
                    return [ListingLimit.note(showing: written, of: check.findingCount, noun)]
                }),
            context: context)
        if let check, !check.isClean { throw DefectsFound(count: check.problemCount) }
    }

    /// Each check's status, then the findings it kept, then how many it left out.
    static func table(_ check: IntegrityCheck, limit: Int?, write: (String) throws -> Void) throws {
        var kept: [IntegrityCheck.Kind: [IntegrityCheck.Finding]] = [:]
        for finding in check.findings { kept[finding.kind, default: []].append(finding) }
        let isSchemaChanged = check.counts[.schema] != nil
        for kind in IntegrityCheck.Kind.allCases {
            guard check.hasRun(kind) else {
                let reason =
                    isSchemaChanged ? "until the schema is Isnad's again" : "a value found above keeps it from reading the store"
                try write("--   \(check.title(of: kind)): not run, \(reason)\n")
                continue
            }
            let count = check.counts[kind] ?? 0
            // A warning lists what to review; it is no problem, and leaves the exit code 0.
            let (mark, found) = kind.isWarning ? ("warn", "to review") : ("FAIL", counted(count, "problem"))
            let status = count == 0 ? "ok" : kind.isWarning ? "\(count) \(found)" : found
            try write(Text.printable("\(count == 0 ? "ok  " : mark) \(check.title(of: kind)): \(status)") + "\n")
            let shown = kept[kind] ?? []
            for finding in shown {
                try write(Bidi.line(Text.printable("       \(finding.subject): \(finding.message)")) + "\n")
            }
            if shown.count < count {
                try write(
                    "       " + ListingLimit.note(showing: shown.count, of: count, kind.isWarning ? "finding" : "problem") + "\n")
            }
            if kind == .notAsHistoryLeftThem, check.hasNoHistory {
                let why =
                    check.hasOnlyImportedHistory
                    ? "only entries imported from another store's" : "a copy made without it, or a store from before it"
                try write("       (the store keeps no history of its own: \(why); nothing to hold its records against)\n")
            }
            if kind == .probableDuplicate, check.commonNamesPassedOver > 0 {
                let names = check.commonNamesPassedOver
                try write(
                    "       (\(names == 1 ? "1 name" : "\(names) names") borne by more than \(GraphStore.namesakesPairedAtMost) entities each passed over: a common name, not one actor twice; isnad duplicates names \(names == 1 ? "it" : "them"))\n"
                )
            }
        }
    }
}
