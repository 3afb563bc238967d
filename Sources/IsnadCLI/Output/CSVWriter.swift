import IsnadKit

/// Comma-separated values as RFC 4180 writes them: a header row, fields quoted when they hold
/// a comma, a quote or a line break, quotes doubled, CRLF between records. Streamed: each row
/// goes to the sink as it is appended (the sink buffers), so a long listing never sits whole in
/// memory.
struct CSVWriter {
    private let sink: ByteSink
    private var row: [UInt8] = []

    init(header: [String], to sink: ByteSink) throws {
        self.sink = sink
        try append(header)
    }

    mutating func append(_ fields: [String]) throws {
        row.removeAll(keepingCapacity: true)
        for (index, field) in fields.enumerated() {
            if index > 0 { row.append(UInt8(ascii: ",")) }
            CSVWriter.appendEscaped(field, to: &row)
        }
        row.append(contentsOf: [0x0D, 0x0A])
        try sink.write(row)
    }

    static func appendEscaped(_ field: String, to bytes: inout [UInt8]) {
        var field = field
        field.withUTF8 { utf8 in
            var needsQuotes = false
            for byte in utf8 where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
                break
            }
            guard needsQuotes else {
                bytes.append(contentsOf: utf8)
                return
            }
            bytes.append(UInt8(ascii: "\""))
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
