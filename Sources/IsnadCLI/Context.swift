import Foundation
import IsnadKit

/// What every command gets: where the store is, and where to write.
struct Context {
    /// The store's path: --db, else $ISNAD_DB, else ./isnad.db.
    let databasePath: String
    let output: FileSink
    let isStandardErrorTerminal: Bool

    /// Opens the store. Query commands (`.read`) never create one, and read one snapshot of it.
    func openStore(_ access: GraphStore.Access) throws -> GraphStore {
        let store = try GraphStore(path: databasePath, access: access) { [databasePath] in
            FileHandle.standardError.write(Data("waiting for another isnad process to finish writing to \(databasePath)…\n".utf8))
        }
        if let version = store.upgradedFrom {
            message("upgraded \(databasePath) from schema version \(version) to \(Migrations.currentVersion)")
        }
        return store
    }

    /// A line for the user on standard error (never mixed into the data on standard output).
    /// What was printed before it is flushed first, so that a terminal shows both in order.
    func message(_ text: String) {
        try? output.flush()
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes text to standard output.
    func print(_ text: String) throws {
        try output.write(text)
    }
}

/// The output format of a listing command.
enum OutputFormat: String, CaseIterable {
    case table, json, csv

    static let option = option(json: "json (the record format: importable)")

    /// The option, for a command whose JSON is something other than records.
    static func option(json: String) -> OptionSpec {
        OptionSpec("format", value: "format", help: "table (aligned, for reading), \(json) or csv. Default: table.")
    }
}
