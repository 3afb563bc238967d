#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a claims spreadsheet (``ClaimSheet``) saved as CSV, one row at a time, holding one row
/// and one block of the file in memory however long the sheet is.
///
/// Read as Excel and LibreOffice write it: UTF-8 with or without a byte order mark, RFC 4180
/// quoting (fields in double quotes, quotes doubled, line breaks inside quotes), a comma, a
/// semicolon or a tab between fields (the one the header line uses most, or the one a first line
/// `sep=;` names, as Excel writes it), CRLF, LF or CR line ends. A row whose cells are all empty
/// is skipped. Each cell keeps its line and its column number (1 for the first column, as A is in
/// a spreadsheet), for messages. A cell Isnad's CSV guarded against formulas loses that `'`
/// (``ClaimSheet/isGuarded(_:)``); a listing's CSV reads as a sheet (``ClaimSheet/listingColumns``).
public final class ClaimSheetReader {
    /// The longest cell read: a longer one is most often a quote never closed.
    public static let maximumCellLength = 16 << 20
    /// The most columns a header line may have: a sheet has a score; far more is no sheet.
    public static let maximumColumnCount = 1024
    private static let blockSize = 1 << 16

    public private(set) var separator: UInt8
    /// The column names, trimmed and lowercased, spaces and hyphens as `_`; "" for a column
    /// without a name, or one a listing has that the sheet passes over.
    public private(set) var header: [String]
    /// The columns passed over: a listing's, not given but computed.
    private var passedOver: Set<Int> = []

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private var position = 0
    private var isAtEnd = false
    private var line = 1
    /// The rows as a spreadsheet numbers them, for the lines read so far (``row(ofLine:)``).
    public private(set) var rowNumbers = ClaimSheet.RowNumbers()

    /// Opens the file at `path` (nil: standard input) and reads its header line.
    public convenience init(path: String?) throws {
        guard let path else {
            try self.init(descriptor: STDIN_FILENO, ownsDescriptor: false)
            return
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            throw Importer.InputError(
                input: path, reason: FileSystem.describe(errorCode: errno), kind: errno == ENOENT ? .missing : .cannotOpen)
        }
        try self.init(descriptor: descriptor, ownsDescriptor: true)
    }

    private init(descriptor: Int32, ownsDescriptor: Bool) throws {
        self.descriptor = descriptor
        self.ownsDescriptor = ownsDescriptor
        separator = UInt8(ascii: ",")
        header = []
        do {
            try fill(atLeast: 3)
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
            let separator = try declaredSeparator() ?? separatorOfFirstLine()
            guard let first = try record(separatedBy: separator, keepingColumns: ClaimSheetReader.maximumColumnCount),
                !first.cells.isEmpty
            else {
                throw ClaimSheet.Problem(line: line, column: 1, message: "no header line (isnad template claims.csv writes one)")
            }
            if let beyond = first.cells.last, beyond.column > ClaimSheetReader.maximumColumnCount {
                throw ClaimSheet.Problem(
                    line: beyond.line, column: beyond.column,
                    message: "a header of more than \(ClaimSheetReader.maximumColumnCount) columns")
            }
            var names = Array(repeating: "", count: min(first.columnCount, ClaimSheetReader.maximumColumnCount))
            // As written, for a refusal: the name it is read as is lowercased, and not the text to look for.
            var written = names
            for cell in first.cells {
                names[cell.column - 1] = ClaimSheetReader.columnName(cell.text)
                written[cell.column - 1] = ClaimSheetReader.cellText(cell.text)
            }
            let (header, passedOver) = ClaimSheetReader.columns(named: names)
            try ClaimSheetReader.check(header, written: written, line: first.line)
            self.separator = separator
            self.header = header
            self.passedOver = passedOver
        } catch var problem as ClaimSheet.Problem {
            if ownsDescriptor { close(descriptor) }
            problem.row = rowNumbers.row(ofLine: problem.line)
            throw problem
        } catch {
            if ownsDescriptor { close(descriptor) }
            throw error
        }
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    /// The next row that has a cell with text in it, or nil at the end of the sheet.
    public func nextRow() throws(ClaimSheet.Problem) -> ClaimSheet.Row? {
        do {
            return try readRow()
        } catch var problem {
            problem.row = rowNumbers.row(ofLine: problem.line)
            throw problem
        }
    }

    private func readRow() throws(ClaimSheet.Problem) -> ClaimSheet.Row? {
        while let record = try record(separatedBy: separator, keepingColumns: header.count) {
            var cells: [String: ClaimSheet.Cell] = [:]
            for cell in record.cells where !passedOver.contains(cell.column - 1) {
                let index = cell.column - 1
                let text = ClaimSheetReader.cellText(cell.text)
                let isBlank = text.isEmpty
                guard index < header.count else {
                    if isBlank { continue }
                    throw ClaimSheet.Problem(line: cell.line, column: cell.column, message: "a cell past the last column")
                }
                guard !header[index].isEmpty else {
                    if isBlank { continue }
                    throw ClaimSheet.Problem(line: cell.line, column: cell.column, message: "a cell under a column with no name")
                }
                if !isBlank { cells[header[index]] = ClaimSheet.Cell(text: text, line: cell.line, column: cell.column) }
            }
            if !cells.isEmpty { return ClaimSheet.Row(line: record.line, cells: cells) }
        }
        return nil
    }

    /// A cell's text as read: not guarded, without the white space around it, nor a byte order
    /// mark (U+FEFF) at its start: a file joined or pasted into another leaves its mark there,
    /// invisible, and it would be stored as part of a quote or refuse a name. One inside a
    /// cell is refused where the text is evidence (``SpreadsheetDamage``).
    private static func cellText(_ raw: String) -> String {
        let unmarked = raw.unicodeScalars.first == "\u{FEFF}" ? String(raw.unicodeScalars.drop { $0 == "\u{FEFF}" }) : raw
        return trimmed(ClaimSheet.unguarded(unmarked))
    }

    /// The text without the white space (Unicode's, line breaks included) around it.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// A header cell as a column name: `Quote EN` and `quote-en` are `quote_en`.
    private static func columnName(_ text: String) -> String {
        let words = cellText(text).lowercased().split(whereSeparator: { $0 == " " || $0 == "-" })
        return words.joined(separator: "_")
    }

    /// The sheet's columns, and those it passes over: a listing's CSV (it has `claim` and
    /// `citation_source`) gives its citation's source as `citation_source`, and its leading
    /// columns and weighing are not read.
    private static func columns(named names: [String]) -> (header: [String], passedOver: Set<Int>) {
        guard let claim = names.firstIndex(of: "claim"), names.contains("citation_source"), !names.contains("source") else {
            return (names, [])
        }
        var header = names
        var passedOver: Set<Int> = []
        for (index, name) in names.enumerated() {
            if name == "citation_source" {
                header[index] = "source"
            } else if index < claim
                || (ClaimSheet.listingColumns.contains(name) && !ClaimSheet.columns.contains(name) && name != "claim")
            {
                header[index] = ""
                passedOver.insert(index)
            }
        }
        return (header, passedOver)
    }

    private static func check(_ header: [String], written: [String], line: Int) throws(ClaimSheet.Problem) {
        var seen: Set<String> = []
        for (index, name) in header.enumerated() where !name.isEmpty {
            guard ClaimSheet.columns.contains(name) || name == "claim" else {
                let known = ClaimSheet.columns.joined(separator: ", ")
                let listing = ClaimSheet.listingColumns.contains(name) ? "; a listing's CSV has claim and citation_source" : ""
                throw ClaimSheet.Problem(
                    line: line, column: index + 1,
                    message: "unknown column \"\(Text.printable(written[index]))\" (the columns: \(known), and claim\(listing))")
            }
            guard seen.insert(name).inserted else {
                throw ClaimSheet.Problem(line: line, column: index + 1, message: "column \"\(Text.printable(name))\" twice")
            }
        }
        if let missing = ClaimSheet.requiredColumns.first(where: { !seen.contains($0) }) {
            throw ClaimSheet.Problem(line: line, column: header.count + 1, message: "no column \"\(missing)\"")
        }
    }

    /// The separator a first line `sep=;` names (Excel writes one, and reads a file by it),
    /// that line then read; nil without one.
    private func declaredSeparator() throws(ClaimSheet.Problem) -> UInt8? {
        try fill(atLeast: 6)
        let start = buffer[position...]
        guard start.count >= 5, start.prefix(4).map({ $0 | 0x20 }) == Array("sep=".utf8) else { return nil }
        let separator = start[start.startIndex + 4]
        let rest = start.dropFirst(5)
        guard rest.isEmpty || rest.first == UInt8(ascii: "\n") || rest.first == UInt8(ascii: "\r"),
            [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")].contains(separator)
        else { return nil }
        position += 5
        if try peekByte() == UInt8(ascii: "\r") { position += 1 }
        if try peekByte() == UInt8(ascii: "\n") { position += 1 }
        line += 1
        // Excel reads that line and shows no row for it: the header is its row 1.
        rowNumbers.skipLine()
        return separator
    }

    /// The separator the header line uses: a semicolon or a tab (a sheet saved as TSV) when it
    /// has more of them than commas (outside quotes). Reads ahead to the end of that line,
    /// without consuming it.
    private func separatorOfFirstLine() throws(ClaimSheet.Problem) -> UInt8 {
        var commas = 0
        var semicolons = 0
        var tabs = 0
        var quoted = false
        var offset = 0
        scan: while offset < ClaimSheetReader.maximumCellLength {
            if position + offset == buffer.count {
                guard try fill(atLeast: offset + 1) else { break }
            }
            switch buffer[position + offset] {
            case UInt8(ascii: "\""): quoted.toggle()
            case UInt8(ascii: ","): if !quoted { commas += 1 }
            case UInt8(ascii: ";"): if !quoted { semicolons += 1 }
            case UInt8(ascii: "\t"): if !quoted { tabs += 1 }
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): if !quoted { break scan }
            default: break
            }
            offset += 1
        }
        if tabs > commas, tabs > semicolons { return UInt8(ascii: "\t") }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    /// One line of the sheet as read: only its cells with text in them, so that a row of a
    /// million empty cells (a spreadsheet's trailing commas) costs no memory.
    private struct Record {
        var line: Int
        var cells: [ClaimSheet.Cell]
        /// The cells read, empty ones too, up to the first with text past the columns kept.
        var columnCount: Int
    }

    /// The next record by RFC 4180, or nil at the end of the file. Cells past the first
    /// `keptColumns` that hold only white space are dropped; the first past them with text ends
    /// the record early, as the last cell, for the caller to refuse.
    private func record(separatedBy separator: UInt8, keepingColumns keptColumns: Int) throws(ClaimSheet.Problem)
        -> Record?
    {
        rowNumbers.begin(atLine: line)
        guard let record = try readRecord(separatedBy: separator, keepingColumns: keptColumns) else { return nil }
        rowNumbers.end(atLine: recordLastLine)
        return record
    }

    /// The line the last record read ends on.
    private var recordLastLine = 1

    private func readRecord(separatedBy separator: UInt8, keepingColumns keptColumns: Int) throws(ClaimSheet.Problem)
        -> Record?
    {
        var record = Record(line: line, cells: [], columnCount: 0)
        var field: [UInt8] = []
        var fieldLine = line
        var quoted = false
        var wasQuoted = false
        var readAny = false
        /// Whether the record is done: a cell with text past the columns kept.
        func endField() throws(ClaimSheet.Problem) -> Bool {
            record.columnCount += 1
            let column = record.columnCount
            defer {
                field.removeAll(keepingCapacity: true)
                wasQuoted = false
                fieldLine = line
            }
            guard !field.isEmpty else { return false }
            guard let text = String(validating: field, as: UTF8.self) else {
                throw ClaimSheet.Problem(
                    line: fieldLine, column: column, message: "not UTF-8 text (save it as \"CSV UTF-8\")")
            }
            let isPastKept = column > keptColumns
            if isPastKept, ClaimSheetReader.cellText(text).isEmpty { return false }
            record.cells.append(ClaimSheet.Cell(text: text, line: fieldLine, column: column))
            return isPastKept
        }
        while let byte = try nextByte() {
            readAny = true
            if field.count >= ClaimSheetReader.maximumCellLength {
                throw ClaimSheet.Problem(
                    line: fieldLine, column: record.columnCount + 1,
                    message: "a cell longer than 16 MiB" + (quoted ? " (a quote opened here is never closed?)" : ""))
            }
            if quoted {
                switch byte {
                case UInt8(ascii: "\""):
                    if try peekByte() == UInt8(ascii: "\"") {
                        position += 1
                        field.append(byte)
                    } else {
                        quoted = false
                    }
                case UInt8(ascii: "\r"):
                    line += 1
                    if try peekByte() == UInt8(ascii: "\n") { position += 1 }
                    field.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "\n"):
                    line += 1
                    field.append(byte)
                default:
                    field.append(byte)
                }
                continue
            }
            // After the quote that closes a cell only the cell's end may come: a quote inside
            // one that was not doubled would otherwise change a verbatim quote silently.
            if wasQuoted, byte != separator, byte != UInt8(ascii: "\r"), byte != UInt8(ascii: "\n") {
                throw ClaimSheet.Problem(
                    line: line, column: record.columnCount + 1,
                    message: "text after the quote that closes the cell: a quote inside a quoted cell is written twice (\"\")")
            }
            switch byte {
            case UInt8(ascii: "\"") where field.isEmpty && !wasQuoted:
                quoted = true
                wasQuoted = true
            case separator:
                if try endField() { return record }
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                if byte == UInt8(ascii: "\r"), try peekByte() == UInt8(ascii: "\n") { position += 1 }
                _ = try endField()
                recordLastLine = line
                line += 1
                return record
            default:
                field.append(byte)
            }
        }
        if quoted {
            throw ClaimSheet.Problem(
                line: fieldLine, column: record.columnCount + 1, message: "a quote opened here is never closed")
        }
        guard readAny else { return nil }
        _ = try endField()
        recordLastLine = line
        return record
    }

    private func nextByte() throws(ClaimSheet.Problem) -> UInt8? {
        if position == buffer.count {
            guard try fill(atLeast: 1) else { return nil }
        }
        defer { position += 1 }
        return buffer[position]
    }

    private func peekByte() throws(ClaimSheet.Problem) -> UInt8? {
        if position == buffer.count {
            guard try fill(atLeast: 1) else { return nil }
        }
        return buffer[position]
    }

    /// Reads blocks until `count` unread bytes are buffered, or the file ends; whether they are.
    @discardableResult
    private func fill(atLeast count: Int) throws(ClaimSheet.Problem) -> Bool {
        if position > 0, position == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            position = 0
        }
        while buffer.count - position < count, !isAtEnd {
            let start = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: ClaimSheetReader.blockSize))
            let readCount = buffer[start...].withUnsafeMutableBytes { block in
                read(descriptor, block.baseAddress, block.count)
            }
            let code = errno
            if readCount < 0, RetryableCall.mayRetry(code, descriptor: descriptor, forWriting: false) {
                buffer.removeLast(ClaimSheetReader.blockSize)
                continue
            }
            if readCount < 0 {
                let reason = FileSystem.describe(errorCode: code)
                buffer.removeLast(ClaimSheetReader.blockSize)
                throw ClaimSheet.Problem(line: line, column: 1, message: "cannot be read: \(reason)", failedRead: code)
            }
            buffer.removeLast(ClaimSheetReader.blockSize - readCount)
            if readCount == 0 { isAtEnd = true }
        }
        return buffer.count - position >= count
    }
}
