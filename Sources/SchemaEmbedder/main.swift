import CSQLite
import Foundation

// Usage: SchemaEmbedder OUTPUT.swift (--enum NAME ROOT FILE...)...
// Writes, for each group, `enum NAME { static let files: [String: String] }`, keyed by the path
// relative to ROOT (for example "migrations/0001-initial.sql" under Schemas/, "view.js" under
// Export/HTML/). A group whose files include SQL migrations (`migrations/NNNN-name.sql`) also
// gets `static let schemaObjects`: for each schema version, the rows of `sqlite_schema` (type,
// name, tbl_name, sql) that the migrations up to it create, read from an in-memory database they
// are applied to here, so that a store can be checked against them without running them again.
// A group holding `predicates.json` at its root also gets `static let predicates`: the
// vocabulary's predicates, read here rather than by every command.

let arguments = Array(CommandLine.arguments.dropFirst())
func usage() -> Never {
    FileHandle.standardError.write(Data("usage: SchemaEmbedder OUTPUT (--enum NAME ROOT FILE...)...\n".utf8))
    exit(64)
}
guard let outputPath = arguments.first else { usage() }
let output = URL(fileURLWithPath: outputPath)

/// One enum to write: its name, the folder its keys are relative to, and its files.
struct Group {
    let name: String
    let root: String
    var files: [String] = []
}
var groups: [Group] = []
var index = 1
while index < arguments.count {
    if arguments[index] == "--enum" {
        guard index + 2 < arguments.count else { usage() }
        let root = URL(fileURLWithPath: arguments[index + 2]).standardizedFileURL.path
        groups.append(Group(name: arguments[index + 1], root: root))
        index += 3
    } else {
        guard !groups.isEmpty else { usage() }
        groups[groups.count - 1].files.append(arguments[index])
        index += 1
    }
}

/// A raw string literal whose delimiter cannot occur in the text.
func rawLiteral(_ text: String) -> String {
    var hashes = "#"
    while text.contains("\"" + hashes) || text.contains(hashes + "\"") || text.contains("\\" + hashes) {
        hashes += "#"
    }
    return hashes + "\"\"\"\n" + text + "\n\"\"\"" + hashes
}

/// Applies the migrations in order to an in-memory database, and returns, per version, the
/// Swift literal of its `sqlite_schema` rows.
func schemaObjects(_ migrations: [(version: Int, sql: String)]) -> [String] {
    var connection: OpaquePointer?
    guard sqlite3_open(":memory:", &connection) == SQLITE_OK, let connection else { fail("cannot open SQLite in memory") }
    defer { sqlite3_close(connection) }
    var versions: [String] = []
    for migration in migrations {
        var message: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(connection, migration.sql, nil, nil, &message) != SQLITE_OK {
            fail("migration \(migration.version) fails: \(message.map { String(cString: $0) } ?? "")")
        }
        var statement: OpaquePointer?
        guard
            sqlite3_prepare_v2(
                connection, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name", -1, &statement, nil)
                == SQLITE_OK
        else { fail("cannot read sqlite_schema") }
        var rows: [String] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            func column(_ index: Int32) -> String? { sqlite3_column_text(statement, index).map { String(cString: $0) } }
            let sql = column(3).map(rawLiteral) ?? "nil"
            rows.append(
                "            (\(rawLiteral(column(0) ?? "")), \(rawLiteral(column(1) ?? "")), \(rawLiteral(column(2) ?? "")), \(sql)),"
            )
        }
        sqlite3_finalize(statement)
        versions.append("        \(migration.version): [\n\(rows.joined(separator: "\n"))\n        ],")
    }
    return versions
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("SchemaEmbedder: \(message)\n".utf8))
    exit(65)
}

/// The group's migrations, by version.
func migrations(in files: [String]) -> [(version: Int, sql: String)] {
    files.compactMap { path -> (version: Int, sql: String)? in
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent == "migrations",
            name.hasSuffix(".sql"), let dash = name.firstIndex(of: "-"), let version = Int(name[..<dash]),
            let sql = try? String(contentsOfFile: path, encoding: .utf8)
        else { return nil }
        return (version, sql)
    }.sorted { $0.version < $1.version }
}

/// A one-line string literal: backslashes, quotes and control characters escaped.
func stringLiteral(_ text: String) -> String {
    var literal = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": literal += "\\\\"
        case "\"": literal += "\\\""
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
            literal += "\\u{" + String(scalar.value, radix: 16) + "}"
        default: literal.unicodeScalars.append(scalar)
        }
    }
    return literal + "\""
}

/// What a vocabulary file's predicate holds, as `Predicate` reads it: strictly typed (a string
/// where the file should have a string, a JSON boolean for `symmetric`), other members ignored.
struct VocabularyFile: Decodable {
    struct Entry: Decodable {
        let id: String
        let labelEnglish: String
        let labelArabic: String
        let family: String
        let symmetric: Bool
        let temporal: String
        let subject: [String]
        let object: [String]
        let description: String

        enum CodingKeys: String, CodingKey {
            case id, family, symmetric, temporal, subject, object, description
            case labelEnglish = "label_en"
            case labelArabic = "label_ar"
        }
    }
    let predicates: [Entry]
}

/// The predicates of a vocabulary file, as Swift calls of `Predicate`'s initializer: read here, at
/// build time, so that a command does not parse the file's JSON as it starts (a twelfth of a
/// small query's instructions).
func predicateLiterals(_ path: String) -> String {
    let file: VocabularyFile
    do {
        file = try JSONDecoder().decode(VocabularyFile.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
        fail("\(path) is not a vocabulary as Predicate reads one: \(error)")
    }
    func list(_ items: [String]) -> String { "[" + items.map(stringLiteral).joined(separator: ", ") + "]" }
    return file.predicates.map { entry in
        """
                Predicate(
                    id: \(stringLiteral(entry.id)), labelEnglish: \(stringLiteral(entry.labelEnglish)),
                    labelArabic: \(stringLiteral(entry.labelArabic)), family: \(stringLiteral(entry.family)),
                    isSymmetric: \(entry.symmetric), temporal: \(stringLiteral(entry.temporal)),
                    subjectTypes: \(list(entry.subject)), objectTypes: \(list(entry.object)),
                    description: \(stringLiteral(entry.description))),
        """
    }.joined(separator: "\n")
}

var enums: [String] = []
for group in groups {
    var entries: [String] = []
    for path in group.files.sorted() {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let relative =
            absolute.hasPrefix(group.root + "/") ? String(absolute.dropFirst(group.root.count + 1)) : absolute
        do {
            let text = try String(contentsOfFile: absolute, encoding: .utf8)
            entries.append("        \(rawLiteral(relative)): \(rawLiteral(text)),")
        } catch {
            FileHandle.standardError.write(Data("SchemaEmbedder: cannot read \(absolute): \(error)\n".utf8))
            exit(66)
        }
    }
    let groupMigrations = migrations(in: group.files)
    var schema = ""
    let vocabulary = group.files.first {
        URL(fileURLWithPath: $0).standardizedFileURL.path == group.root + "/predicates.json"
    }
    if let vocabulary {
        schema += """

                /// The predicates of predicates.json, in its order, as read when this file was made.
                static let predicates: [Predicate] = [
            \(predicateLiterals(vocabulary))
                ]
            """
    }
    if !groupMigrations.isEmpty {
        let versions = schemaObjects(groupMigrations)
        schema += """

                /// Per schema version, what `sqlite_schema` holds once the migrations up to it ran:
                /// type, name, tbl_name, sql.
                static let schemaObjects: [Int: [(String, String, String, String?)]] = [
            \(versions.joined(separator: "\n"))
                ]
            """
    }
    enums.append(
        """
        enum \(group.name) {
            static let files: [String: String] = [
        \(entries.isEmpty ? "    :" : entries.joined(separator: "\n"))
            ]\(schema)
        }

        """)
}

let source =
    "// Generated by SchemaEmbedder (Plugins/EmbedSchemas) from files kept in the package. Do not edit.\n"
    + enums.joined(separator: "\n")
do {
    try source.write(to: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("SchemaEmbedder: cannot write \(output.path): \(error)\n".utf8))
    exit(73)
}
