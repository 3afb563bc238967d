/// A claims spreadsheet saved as CSV: one row per citation, the columns of ``columns``.
///
/// Read as Excel and LibreOffice write it: UTF-8 with or without a byte order mark, RFC 4180
/// quoting (fields in double quotes, quotes doubled, line breaks inside quotes), a comma or a
/// semicolon between fields (the one the header line uses), CRLF or LF line ends. A row whose
/// cells are all empty is skipped. Each cell keeps its line and its column number (1 for the
/// first column, as A is in a spreadsheet), for messages.
public struct ClaimSheet: Sendable {
    /// The columns, in the order `isnad template` writes them.
    public static let columns = [
        "subject", "predicate", "object", "start", "end", "source", "via", "quote", "quote_en", "stance",
        "credibility", "locator",
    ]
    /// The columns a sheet must have.
    public static let requiredColumns = ["subject", "predicate", "object", "source", "quote", "stance", "credibility"]

    public struct Cell: Sendable, Equatable {
        public var text: String
        public var line: Int
        public var column: Int
    }

    public struct Row: Sendable {
        /// The line the row starts on.
        public var line: Int
        /// The cells by column name; a column the row leaves out is absent.
        public var cells: [String: Cell]

        /// The cell's text, nil when it is empty (spaces around it are dropped).
        public func value(_ column: String) -> String? {
            guard let text = cells[column]?.text.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                return nil
            }
            return text
        }
    }

    /// A sheet that cannot be read: where, and why.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(line):\(column): \(message)" }
    }

    public var separator: Character
    public var header: [String]
    public var rows: [Row]

    /// Reads the sheet from its bytes.
    public init(bytes: [UInt8]) throws(Problem) {
        var bytes = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Problem(line: 1, column: 1, message: "not UTF-8 text (save it as \"CSV UTF-8\")")
        }
        let records = ClaimSheet.records(in: text)
        guard let first = records.first, !first.allSatisfy({ $0.text.isEmpty }) else {
            throw Problem(line: 1, column: 1, message: "no header line (isnad template claims.csv writes one)")
        }
        separator = ClaimSheet.separator(of: text)
        header = first.map { $0.text.trimmingCharacters(in: .whitespaces).lowercased() }
        var seen: Set<String> = []
        for (index, name) in header.enumerated() {
            if name.isEmpty, records.dropFirst().allSatisfy({ index >= $0.count || $0[index].text.isEmpty }) { continue }
            guard ClaimSheet.columns.contains(name) else {
                let known = ClaimSheet.columns.joined(separator: ", ")
                throw Problem(line: 1, column: index + 1, message: "unknown column \"\(name)\" (the columns: \(known))")
            }
            guard seen.insert(name).inserted else {
                throw Problem(line: 1, column: index + 1, message: "column \"\(name)\" twice")
            }
        }
        if let missing = ClaimSheet.requiredColumns.first(where: { !seen.contains($0) }) {
            throw Problem(line: 1, column: header.count + 1, message: "no column \"\(missing)\"")
        }
        rows = []
        for record in records.dropFirst() where !record.allSatisfy({ $0.text.trimmingCharacters(in: .whitespaces).isEmpty }) {
            var cells: [String: Cell] = [:]
            for (index, cell) in record.enumerated() {
                guard index < header.count, !header[index].isEmpty else {
                    if !cell.text.trimmingCharacters(in: .whitespaces).isEmpty {
                        throw Problem(line: cell.line, column: cell.column, message: "a cell past the last column")
                    }
                    continue
                }
                cells[header[index]] = cell
            }
            rows.append(Row(line: record[0].line, cells: cells))
        }
    }

    /// The separator the header line uses: a semicolon when it has more of them than commas.
    static func separator(of text: String) -> Character {
        var commas = 0
        var semicolons = 0
        var quoted = false
        for character in text {
            switch character {
            case "\"": quoted.toggle()
            case "," where !quoted: commas += 1
            case ";" where !quoted: semicolons += 1
            case "\n", "\r\n", "\r": if !quoted { return semicolons > commas ? ";" : "," }
            default: break
            }
        }
        return semicolons > commas ? ";" : ","
    }

    /// The records of the text, each a list of cells, by RFC 4180 with the separator the header uses.
    static func records(in text: String) -> [[Cell]] {
        let separator = separator(of: text)
        var records: [[Cell]] = []
        var record: [Cell] = []
        var field = ""
        var line = 1
        var fieldLine = 1
        var quoted = false
        var wasQuoted = false
        var iterator = text.makeIterator()
        var pending: Character?
        func endField() {
            record.append(Cell(text: field, line: fieldLine, column: record.count + 1))
            field = ""
            wasQuoted = false
            fieldLine = line
        }
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" || character == "\r" { line += 1 }
                    field.append(character == "\r\n" ? "\n" : character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty && !wasQuoted:
                quoted = true
                wasQuoted = true
            case separator:
                endField()
            case "\n", "\r\n", "\r":
                endField()
                records.append(record)
                record = []
                line += 1
                fieldLine = line
            default:
                field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty || wasQuoted {
            endField()
            records.append(record)
        }
        return records
    }
}
