import IsnadKit

enum ExportCommand: Command {
    /// The formats `isnad export` writes.
    enum Format: String, CaseIterable {
        case jsonl
    }

    static let spec = CommandSpec(
        name: "export",
        abstract: "Write the whole store in the record format (JSON Lines).",
        discussion: """
            jsonl: every entity, source and claim, one per line, in a fixed order (entities, sources, claims, each by
            id), so that the same store always gives the same bytes and the output imports into an empty store.
            With -o the file is written under a temporary name and renamed into place once complete.
            """,
        arguments: [ArgumentSpec(name: "format", help: "jsonl")],
        options: [OptionSpec("output", short: "o", value: "file", help: "Write to this file instead of standard output.")],
        examples: ["isnad export jsonl -o backup.jsonl", "isnad export jsonl | gzip > store.jsonl.gz"])

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let formatName = arguments.positionals[0]
        guard let format = Format(rawValue: formatName) else {
            throw UsageError(
                message: "unknown export format \"\(Text.printable(formatName))\"; expected one of \(Format.allCases.map(\.rawValue).joined(separator: ", "))"
                    + Suggestion.phrase(Suggestion.nearest(to: formatName, among: Format.allCases.map(\.rawValue))),
                command: spec.name)
        }
        let store = try context.openStore(.read)
        try withOutput(arguments.value("output"), context: context) { sink in
            switch format {
            case .jsonl: try StoreExporter.writeJSONLines(of: store, to: sink)
            }
        }
    }

    /// Runs `body` with standard output, or with a file that appears only once complete.
    static func withOutput(_ path: String?, context: Context, _ body: (ByteSink) throws -> Void) throws {
        guard let path else {
            try body(context.output)
            return
        }
        let file = try AtomicFileSink(path: path)
        do {
            try body(file)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }
}
