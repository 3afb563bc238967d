import IsnadKit

/// Comma-separated values as RFC 4180 writes them: a header row, fields quoted when they hold
/// a comma, a quote or a line break, quotes doubled, CRLF between records. Streamed: each row
/// goes to the sink as it is appended (the sink buffers), so a long listing never sits whole in
/// memory.
///
/// Quotes and names come from adversaries, and CSV files are opened in spreadsheets, which run
/// a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a
/// formula. Such a cell is neutralised as OWASP recommends
/// (https://owasp.org/www-community/attacks/CSV_Injection): a single quote is put before it and
/// the field is quoted, so `=HYPERLINK(…)` arrives as the text `'=HYPERLINK(…)`. No value Isnad
/// computes (ids, dates, grades, counts, scores) starts with one of those characters, so every
/// cell is treated alike. The raw value is in `--format json`. A claims sheet read back takes
/// the `'` off (``ClaimSheet/isGuarded(_:)``), so a text that already starts with `'` before
/// such a character is given one more.
struct CSVWriter {
    private let sink: ByteSink
    private let isForTerminal: Bool
    private var row: [UInt8] = []

    /// With `isForTerminal` (standard output is a terminal), each cell is shown as
    /// ``Text/printable(_:keepingLineBreaks:)`` shows it: control characters and bidi overrides
    /// as visible escapes, as a table does.
    /// With `byteOrderMark`, the bytes EF BB BF come first: Excel then reads the file as UTF-8.
    init(header: [String], to sink: ByteSink, isForTerminal: Bool = false, byteOrderMark: Bool = false) throws {
        self.sink = sink
        self.isForTerminal = isForTerminal
        if byteOrderMark { try sink.write(CSVWriter.byteOrderMark) }
        try append(header)
    }

    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    mutating func append(_ fields: [String]) throws {
        row.removeAll(keepingCapacity: true)
        for (index, field) in fields.enumerated() {
            if index > 0 { row.append(UInt8(ascii: ",")) }
            CSVWriter.appendEscaped(isForTerminal ? Text.printable(field, keepingLineBreaks: true) : field, to: &row)
        }
        row.append(contentsOf: [0x0D, 0x0A])
        try sink.write(row)
    }

    static func appendEscaped(_ field: String, to bytes: inout [UInt8]) {
        var field = field
        field.withUTF8 { utf8 in
            let isFormula = ClaimSheet.isGuarded(utf8)
            var needsQuotes = isFormula
            for byte in utf8 where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
                break
            }
            guard needsQuotes else {
                bytes.append(contentsOf: utf8)
                return
            }
            bytes.append(UInt8(ascii: "\""))
            if isFormula { bytes.append(UInt8(ascii: "'")) }
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
