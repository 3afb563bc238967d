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
/// semicolon or a tab between fields (the one the header line uses most), CRLF, LF or CR line ends. A row
/// whose cells are all empty is skipped. Each cell keeps its line and its column number (1 for
/// the first column, as A is in a spreadsheet), for messages.
public final class ClaimSheetReader {
    /// The longest cell read: a longer one is most often a quote never closed.
    public static let maximumCellLength = 16 << 20
    private static let blockSize = 1 << 16

    public private(set) var separator: UInt8
    /// The column names, trimmed and lowercased; "" for a column without a name.
    public private(set) var header: [String]

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private var position = 0
    private var isAtEnd = false
    private var line = 1

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
            let separator = try separatorOfFirstLine()
            guard let first = try record(separatedBy: separator), !first.allSatisfy({ $0.text.isEmpty }) else {
                throw ClaimSheet.Problem(line: 1, column: 1, message: "no header line (isnad template claims.csv writes one)")
            }
            let header = first.map { ClaimSheetReader.trimmed($0.text).lowercased() }
            try ClaimSheetReader.check(header)
            self.separator = separator
            self.header = header
        } catch {
            if ownsDescriptor { close(descriptor) }
            throw error
        }
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    /// The next row that has a cell with text in it, or nil at the end of the sheet.
    public func nextRow() throws(ClaimSheet.Problem) -> ClaimSheet.Row? {
        while let record = try record(separatedBy: separator) {
            var cells: [String: ClaimSheet.Cell] = [:]
            for (index, cell) in record.enumerated() {
                let text = ClaimSheetReader.trimmed(cell.text)
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
            if !cells.isEmpty { return ClaimSheet.Row(line: record[0].line, cells: cells) }
        }
        return nil
    }

    /// The text without the white space (Unicode's, line breaks included) around it.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    private static func check(_ header: [String]) throws(ClaimSheet.Problem) {
        var seen: Set<String> = []
        for (index, name) in header.enumerated() where !name.isEmpty {
            guard ClaimSheet.columns.contains(name) else {
                let known = ClaimSheet.columns.joined(separator: ", ")
                throw ClaimSheet.Problem(
                    line: 1, column: index + 1, message: "unknown column \"\(name)\" (the columns: \(known))")
            }
            guard seen.insert(name).inserted else {
                throw ClaimSheet.Problem(line: 1, column: index + 1, message: "column \"\(name)\" twice")
            }
        }
        if let missing = ClaimSheet.requiredColumns.first(where: { !seen.contains($0) }) {
            throw ClaimSheet.Problem(line: 1, column: header.count + 1, message: "no column \"\(missing)\"")
        }
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

    /// The next record's cells by RFC 4180, or nil at the end of the file.
    private func record(separatedBy separator: UInt8) throws(ClaimSheet.Problem) -> [ClaimSheet.Cell]? {
        var cells: [ClaimSheet.Cell] = []
        var field: [UInt8] = []
        var fieldLine = line
        var quoted = false
        var wasQuoted = false
        var readAny = false
        func endField() throws(ClaimSheet.Problem) {
            guard let text = String(validating: field, as: UTF8.self) else {
                throw ClaimSheet.Problem(
                    line: fieldLine, column: cells.count + 1, message: "not UTF-8 text (save it as \"CSV UTF-8\")")
            }
            cells.append(ClaimSheet.Cell(text: text, line: fieldLine, column: cells.count + 1))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
            fieldLine = line
        }
        while let byte = try nextByte() {
            readAny = true
            if field.count >= ClaimSheetReader.maximumCellLength {
                throw ClaimSheet.Problem(
                    line: fieldLine, column: cells.count + 1,
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
                    line: line, column: cells.count + 1,
                    message: "text after the quote that closes the cell: a quote inside a quoted cell is written twice (\"\")")
            }
            switch byte {
            case UInt8(ascii: "\"") where field.isEmpty && !wasQuoted:
                quoted = true
                wasQuoted = true
            case separator:
                try endField()
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                if byte == UInt8(ascii: "\r"), try peekByte() == UInt8(ascii: "\n") { position += 1 }
                try endField()
                line += 1
                return cells
            default:
                field.append(byte)
            }
        }
        if quoted {
            throw ClaimSheet.Problem(
                line: fieldLine, column: cells.count + 1, message: "a quote opened here is never closed")
        }
        guard readAny else { return nil }
        try endField()
        return cells
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
            if readCount < 0, errno == EINTR {
                buffer.removeLast(ClaimSheetReader.blockSize)
                continue
            }
            if readCount < 0 {
                let reason = FileSystem.describe(errorCode: errno)
                buffer.removeLast(ClaimSheetReader.blockSize)
                throw ClaimSheet.Problem(line: line, column: 1, message: "cannot be read: \(reason)")
            }
            buffer.removeLast(ClaimSheetReader.blockSize - readCount)
            if readCount == 0 { isAtEnd = true }
        }
        return buffer.count - position >= count
    }
}
