import Foundation
import IsnadKit

enum TemplateCommand: Command {
    static let name = "template"
    static let usesTheStore = false
    static let spec = CommandSpec(
        name: name,
        abstract: "Write an empty claims spreadsheet (CSV) for isnad import.",
        discussion: """
            Writes FILE (or standard output for -): the header line of a claims spreadsheet and nothing else, in
            UTF-8 with a byte order mark (so that Excel opens Arabic intact), CRLF line ends. The columns:
            \(ClaimSheet.columns.joined(separator: ", ")). Each row is one citation of a claim; subject, predicate,
            object, source, quote, stance and credibility are needed, the others may stay empty (for a citation
            the store holds, an empty translation or locator keeps the stored one). notes are the claim's: the rows
            of one claim that give them give the same, and an empty cell keeps a stored claim's. Entities and sources are named
            as on the command line (id, name or alias). isnad import FILE.csv reads it back, as it reads a claim
            listing's CSV (isnad claims --format csv). Refuses to replace a file that exists.
            """,
        arguments: [ArgumentSpec(name: "file", help: "The CSV file to write (claims.csv), or - for standard output.")],
        examples: ["isnad template claims.csv", "isnad template - | head -1"])

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let path = arguments.positionals[0]
        let sink = MemorySink()
        _ = try CSVWriter(header: ClaimSheet.columns, to: sink, byteOrderMark: true)
        if path == "-" {
            try context.output.write(sink.bytes)
            return
        }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw OutputFailure(description: "\(Text.printableFileName(path)) exists already: name another file")
        }
        // As an export's output: never the store or a file SQLite would take for a database's own.
        let file = try OutputFile(path: path, notOver: context.databasePath)
        try file.write(sink.bytes)
        try file.commit()
        context.message(
            "wrote \(Text.printableFileName(path)): the columns \(ClaimSheet.columns.joined(separator: ", ")); fill one row per citation"
        )
    }

    /// A file that could not be written (exit 73).
    struct OutputFailure: Error, CustomStringConvertible {
        let description: String
    }
}
