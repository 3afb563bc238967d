import IsnadKit

enum CheckCommand: Command {
    static let spec = CommandSpec(
        name: "check",
        abstract: "Check the store: SQLite integrity, references, values, vocabulary, citations, quotes, chains, duplicates.",
        discussion: """
            Runs every check and lists what it finds, each with what to do: SQLite's integrity check; references to
            rows that do not exist; values an import would have refused (unknown types, bad dates, an end before its
            start); claims whose predicate or entity types break the vocabulary; claims with no citation; quotes not
            found in the stored text of the source they stand in (whitespace aside); cycles in chains of transmission
            (a source that relays itself through others); entities that are probably the same (a name or alias that
            folds to the same search key). Exits 0 when the store is clean, 65 when something was found.
            """,
        options: [OutputFormat.option(json: "json (JSON Lines: one finding a line, none when clean)")],
        examples: ["isnad check", "isnad check --format csv > findings.csv"])

    /// Something was found: exit 65 after the report.
    struct DefectsFound: Error, CustomStringConvertible {
        let count: Int
        var description: String { "\(counted(count, "problem")) found" }
    }

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let format = try arguments.choice("format", of: OutputFormat.self, default: .table)
        let store = try context.openStore(.read)
        let check = try IntegrityCheck(store: store)
        switch format {
        case .json:
            var output = ""
            for finding in check.findings {
                output +=
                    "{\"check\":\(JSONEscaping.quoted(finding.kind.rawValue)),\"subject\":\(JSONEscaping.quoted(finding.subject)),\"message\":\(JSONEscaping.quoted(finding.message))}\n"
            }
            try context.print(output)
        case .csv:
            var csv = try CSVWriter(header: ["check", "subject", "message"], to: context.output)
            for finding in check.findings { try csv.append([finding.kind.rawValue, finding.subject, finding.message]) }
        case .table:
            var output = ""
            for kind in IntegrityCheck.Kind.allCases {
                let found = check.findings.filter { $0.kind == kind }
                let status = found.isEmpty ? "ok" : counted(found.count, "problem")
                output += Text.printable("\(status == "ok" ? "ok  " : "FAIL") \(kind.title): \(status)") + "\n"
                for finding in found {
                    output += Bidi.line(Text.printable("       \(finding.subject): \(finding.message)")) + "\n"
                }
            }
            try context.print(output)
        }
        if !check.isClean { throw DefectsFound(count: check.findings.count) }
    }
}
