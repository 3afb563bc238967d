/// The schema objects an Isnad store holds at each version — tables, columns, indexes, views,
/// triggers — and what a store holds that differs from them.
///
/// There is one source of truth: the expected objects are what `Schemas/migrations/` creates,
/// read at build time from `sqlite_schema` of an in-memory database that the migrations are
/// applied to (a test applies them again at run time, with the SQLite Isnad runs on, and
/// compares). A store whose schema differs from them was
/// changed by another program: a planted trigger or view would run SQL that nobody reviewed
/// whenever Isnad reads or writes, so such a store is refused when it is opened.
///
/// Definitions are compared after ``normalized(_:)``: comments and layout aside, they must be
/// the same text.
enum StoreSchema {
    /// One row of `sqlite_schema` (https://www.sqlite.org/schematab.html).
    struct Object: Sendable, Equatable {
        /// `table`, `index`, `view` or `trigger`.
        let type: String
        let name: String
        /// The table an index or trigger belongs to (a table's or view's own name).
        let table: String
        /// The CREATE statement as SQLite keeps it; nil for the indexes SQLite makes itself.
        let sql: String?
    }

    /// How a store's schema differs from the one its version should have.
    enum Difference: Sendable, Equatable, CustomStringConvertible {
        /// An object Isnad does not create (a trigger, a view, an index, a table).
        case unexpected(Object)
        /// An object the version has that the store lacks.
        case missing(Object)
        /// An object of the right name but another kind (a view in place of a table).
        case replaced(expected: Object, found: Object)
        /// An object whose definition was changed (a column added or altered, an index on
        /// other columns, a trigger that does something else).
        case altered(expected: Object, found: Object)

        var description: String {
            switch self {
            case .unexpected(let object): "unexpected \(StoreSchema.describe(object))"
            case .missing(let object): "missing \(StoreSchema.describe(object))"
            case .replaced(let expected, let found):
                "\(found.type) \"\(Text.printable(found.name))\" in place of \(StoreSchema.describe(expected))"
            case .altered(let expected, _): "\(StoreSchema.describe(expected)) has another definition than the one Isnad creates"
            }
        }
    }

    /// `trigger "t" on table citation`, `table citation`, `index "i" on table claim`.
    static func describe(_ object: Object) -> String {
        let name = "\"\(Text.printable(object.name))\""
        switch object.type {
        case "table", "view": return "\(object.type) \(name)"
        default: return "\(object.type) \(name) on table \(Text.printable(object.table))"
        }
    }

    /// The objects a store of `version` has, by name (none for version 0, or for a version
    /// Isnad does not know): embedded at build time, by applying the migrations to an in-memory
    /// database (see `SchemaEmbedder`), so that opening a store does not run them again. Only the
    /// version asked for is built: opening a store needs one.
    static func expected(version: Int) -> [String: Object] {
        guard let rows = EmbeddedSchemas.schemaObjects[version] else { return [:] }
        return Dictionary(
            rows.map { ($0.1, Object(type: $0.0, name: $0.1, table: $0.2, sql: $0.3)) },
            uniquingKeysWith: { first, _ in first })
    }

    /// Objects SQLite itself may add to any database: the tables `ANALYZE` fills.
    private static let engineTables: Set<String> = ["sqlite_stat1", "sqlite_stat4"]

    /// Every object in the database's `sqlite_schema`, in name order.
    static func objects(in database: Database) throws(DatabaseError) -> [Object] {
        var objects: [Object] = []
        let select = try database.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name")
        while try select.step() {
            objects.append(Object(type: select.string(0), name: select.string(1), table: select.string(2), sql: select.text(3)))
        }
        return objects
    }

    /// How the database's schema differs from version `version`'s: empty when it is the same.
    /// One query over `sqlite_schema`; definitions are normalized only when they are not
    /// byte for byte the same.
    static func differences(in database: Database, version: Int) throws(DatabaseError) -> [Difference] {
        let expected = StoreSchema.expected(version: version)
        var differences: [Difference] = []
        let objects = try objects(in: database)
        var seen = 0
        for found in objects {
            guard let wanted = expected[found.name] else {
                if found.type == "table", engineTables.contains(found.name) { continue }
                differences.append(.unexpected(found))
                continue
            }
            seen += 1
            if wanted.type != found.type {
                differences.append(.replaced(expected: wanted, found: found))
            } else if wanted.table != found.table || !sameDefinition(wanted.sql, found.sql) {
                differences.append(.altered(expected: wanted, found: found))
            }
        }
        if seen < expected.count {
            let present = Set(objects.map(\.name))
            for name in expected.keys.sorted() where !present.contains(name) {
                if let object = expected[name] { differences.append(.missing(object)) }
            }
        }
        return differences
    }

    private static func sameDefinition(_ first: String?, _ second: String?) -> Bool {
        if first == second { return true }
        guard let first, let second else { return false }
        return normalized(first) == normalized(second)
    }

    /// A CREATE statement without its comments, with runs of white space outside quotes made one
    /// space and the space around punctuation dropped: what SQLite keeps of a statement depends on
    /// how it was typed (and, after `ALTER TABLE … RENAME`, on SQLite's version), what it means
    /// does not. Quoted text and identifiers are kept exactly.
    static func normalized(_ sql: String) -> String {
        let bytes = Array(sql.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var pendingSpace = false
        var index = 0
        func isPunctuation(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="): true
            default: false
            }
        }
        func emit(_ byte: UInt8) {
            if pendingSpace, let last = result.last, !isPunctuation(last), !isPunctuation(byte) { result.append(0x20) }
            pendingSpace = false
            result.append(byte)
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "["):
                // Quoted: copied as it is, up to the closing quote (a doubled quote stays inside).
                let close = byte == UInt8(ascii: "[") ? UInt8(ascii: "]") : byte
                emit(byte)
                index += 1
                while index < bytes.count {
                    result.append(bytes[index])
                    index += 1
                    if bytes[index - 1] == close {
                        if close != UInt8(ascii: "]"), index < bytes.count, bytes[index] == close {
                            result.append(close)
                            index += 1
                            continue
                        }
                        break
                    }
                }
                continue
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
                pendingSpace = true
                continue
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                index += 2
                while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) {
                    index += 1
                }
                index += 2
                pendingSpace = true
                continue
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                pendingSpace = true
            default:
                emit(byte)
            }
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }
}
