import IsnadKit

enum CheckCommand: Command {
    static let name = "check"
    static let spec = CommandSpec(
        name: name,
        abstract: "Check the store: schema, SQLite integrity, references, values, vocabulary, citations, quotes, chains, names.",
        discussion: """
            Runs every check and lists what it finds, each with what to do: the schema (every trigger, view, index or
            table that another program added, removed or changed: such a store is refused by every other command, and
            check reads nothing else from it); SQLite's integrity check; references to rows that do not exist; values
            an import would have refused (unknown types, bad dates, an end before its start, a stance, credibility or
            reliability out of range, attributes that are not a JSON object, control characters); claims whose
            predicate or entity types break the vocabulary; claims with no citation; quotes not found in the stored
            text of the source they stand in (as add claim looks for them); one quote cited twice by one claimant in
            one claim, typed in two Unicode forms; cycles in chains of transmission (a
            source that relays itself through others); entities that are probably the same (a name or alias that
            folds to the same search key); names with look-alike characters (two scripts in one word, invisible
            characters, fullwidth and other compatibility forms); search keys and entries of the name search index that are
            not their names' own (written or damaged by another program, which SQLite's integrity check does not see);
            credibility 1 that no other independent channel bears out (an A–C source asserting it graded 1–3); dates that cannot all be right (a source published
            before one it relays, a claim starting after every source that speaks of it was public, a publication
            or start after today). The store is opened read only: nothing in it runs. Exits 0 when the store is clean, 65 when something was found.
            """,
        options: [format],
        examples: ["isnad check", "isnad check --format csv > findings.csv"])

    /// Something was found: exit 65 after the report.
    struct DefectsFound: Error, CustomStringConvertible {
        let count: Int
        var description: String { "\(counted(count, "problem")) found" }
    }

    static let format = OutputFormat.option(json: "json (JSON Lines: one finding a line, none when clean)")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let format = try arguments.value(Self.format, default: .table)
        // Opened even when another program changed its schema: to say what changed, without running any of it.
        let store = try context.openStore(.examine)
        let check = try IntegrityCheck(store: store)
        try format.print(
            Printout(
                reading: {
                    var output = ""
                    let isSchemaChanged = check.findings.contains { $0.kind == .schema }
                    for kind in IntegrityCheck.Kind.allCases {
                        let found = check.findings.filter { $0.kind == kind }
                        guard check.hasRun(kind) else {
                            let reason =
                                isSchemaChanged
                                ? "until the schema is Isnad's again" : "a value found above keeps it from reading the store"
                            output += "--   \(check.title(of: kind)): not run, \(reason)\n"
                            continue
                        }
                        let status = found.isEmpty ? "ok" : counted(found.count, "problem")
                        output += Text.printable("\(status == "ok" ? "ok  " : "FAIL") \(check.title(of: kind)): \(status)") + "\n"
                        for finding in found {
                            output += Bidi.line(Text.printable("       \(finding.subject): \(finding.message)")) + "\n"
                        }
                    }
                    return .init(text: output)
                },
                json: .rowObjects,
                rows: Printout.Rows(
                    header: ["check", "subject", "message"],
                    rows: check.findings.map { [$0.kind.rawValue, $0.subject, $0.message] })),
            context: context)
        if !check.isClean { throw DefectsFound(count: check.findings.count) }
    }
}
