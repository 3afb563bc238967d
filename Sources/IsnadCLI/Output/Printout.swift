import IsnadKit

/// The output format of a listing command.
enum OutputFormat: String, ArgumentChoice {
    case table, list, json, csv
    /// A numbered footnote for each citation of each claim listed (``ClaimPresentation/footnote(_:of:strength:number:)``):
    /// only where a command lists claims (``citingOption(json:)``).
    case cite

    static let option = option(json: "json (the record format: importable)")

    /// The option of a command that lists claims, which also cites them (`--format cite`).
    static let citingOption = citingOption(json: "json (the record format: importable)")

    /// The option, for a command whose JSON is something other than records.
    static func option(json: String) -> Option<OutputFormat> {
        option(json: json, cites: false)
    }

    /// The option of a command that lists claims, for one whose JSON is something other than records.
    static func citingOption(json: String) -> Option<OutputFormat> {
        option(json: json, cites: true)
    }

    private static func option(json: String, cites: Bool) -> Option<OutputFormat> {
        let cite = cites ? ", cite (a numbered footnote for each citation of each claim, for a write-up)" : ""
        var option = Option<OutputFormat>(
            "format", value: "format", group: .output,
            help:
                "table (aligned, for reading; on a terminal narrower than a table, one field a line, unless given), list (every table one field a line), \(json)\(cites ? "," : " or") csv\(cite). Default: table."
        )
        option.spec.choices = allCases.filter { cites || $0 != .cite }.map(\.rawValue)
        option.spec.companions = [byteOrderMark.spec]
        return option
    }

    /// Text for a person to read (`table` or `list`), not data for a program.
    var isForReading: Bool { self == .table || self == .list }

    /// Whether notes on what the filters did go with this output, on standard error: a table's
    /// reader, or a footnote's, takes a filtered claim for the whole of it (a denial a filter
    /// left out is gone without a word); JSON and CSV are data for a program, which chose the
    /// filters. Footnotes leave standard output to themselves, to be pasted.
    var saysWhatFiltersDid: Bool { isForReading || self == .cite }

    /// `--bom`: declared once, here, and taken by every command that takes `--format`.
    static let byteOrderMark = Flag(
        "bom", group: .output, help: "csv: a UTF-8 byte order mark first, so that Excel opens Arabic intact."
    ).only(for: [OutputFormat.csv])

    /// Whether `--format table` was given in so many words (``ReadingLayout``: tables as they are,
    /// on a terminal too).
    static func isTableGiven(_ arguments: ParsedArguments) -> Bool {
        // Every command whose --format is this one takes --bom with it; import's takes other values.
        guard arguments.spec.allOptions.contains(where: { $0.name == byteOrderMark.spec.name }) else { return false }
        return (try? arguments.value(option)) == .table
    }

    /// Refuses `--bom` (exit 64) unless the format chosen is csv.
    static func checkByteOrderMark(_ arguments: ParsedArguments, command: String) throws -> Bool {
        guard arguments.spec.allOptions.contains(where: { $0.name == byteOrderMark.spec.name }),
            arguments.isSet(byteOrderMark)
        else { return false }
        let format = try arguments.value(option, default: .table)
        guard format == .csv else {
            throw UsageError(
                message: "--bom does not apply to --format \(format.rawValue), only to --format csv", command: command)
        }
        return true
    }
}

/// When tables carry LEFT-TO-RIGHT MARKs (`--bidi-marks`): a terminal needs them to show a line
/// with Arabic in order; `grep '^member_of'`, `awk` and `cut` need plain text.
enum BidiMarks: String, ArgumentChoice {
    case auto, always, never

    /// Whether output carries the marks. `auto`: a table only on a terminal; footnotes
    /// (`isForDocument`, `--format cite`) wherever they go, since they are written to be pasted
    /// into a document, and a word processor reorders a line with Arabic as a terminal does (a
    /// title and its publisher swapped, `2022-03` shown as `03-2022`).
    func areShown(isStandardOutputTerminal: Bool, isForDocument: Bool = false) -> Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: isStandardOutputTerminal || isForDocument
        }
    }
}

/// What a command prints, said once in terms of what it is — text for reading, JSON, rows —
/// and printed by ``OutputFormat/print(_:context:)``, the one place that knows the formats. A
/// new format is a case of ``OutputFormat`` and a branch there, printing what the commands
/// already state.
struct Printout {
    /// What `--format table` prints: text on standard output, then a note on standard error.
    struct Reading {
        var text: String
        /// A claims table printed after `text`, line by line: what made it (the claims, often
        /// large) is let go before it is written, and the table is never held whole as text.
        var table: ClaimTable?
        var note: String?
        /// A line on standard output after the table: what it leaves out (`showing 200 of 5000
        /// claims; --limit 0 for all`).
        var trailer: String?
        /// What is written after `text`, streamed: it calls its argument with each piece of text
        /// as it comes (a listing of any length).
        var stream: ((_ write: (String) throws -> Void) throws -> Void)?

        init(
            text: String, table: ClaimTable? = nil, note: String? = nil, trailer: String? = nil,
            stream: ((_ write: (String) throws -> Void) throws -> Void)? = nil
        ) {
            self.text = text
            self.table = table
            self.note = note
            self.trailer = trailer
            self.stream = stream
        }
    }

    /// What `--format json` prints.
    enum JSON {
        /// Records (the record format), written by the closure.
        case records((ByteSink) throws -> Void)
        /// Each row as an object keyed by the header, one a line (JSON Lines).
        case rowObjects
        /// One JSON value of the command's own, then a line feed.
        case document((inout JSONWriter) throws -> Void)
        /// The same, written out piece by piece: the closure calls `flush` with the writer
        /// whenever what it holds may go (a document of any length).
        case streamedDocument((_ json: inout JSONWriter, _ flush: (inout JSONWriter) throws -> Void) throws -> Void)
        /// JSON Lines of the command's own, in its order: the closure calls its argument once per
        /// line, with what writes that line's value.
        case lines((_ line: ((inout JSONWriter) throws -> Void) throws -> Void) throws -> Void)
        /// Text that is JSON already (a file, as it is).
        case text(String)
    }

    /// A header, then each row, streamed to the format as it comes.
    struct Rows {
        let header: [String]
        let forEach: ((_ row: [String]) throws -> Void) throws -> Void
        /// What `--format cite` prints of the same listing: it calls its argument with each
        /// footnote line (``ClaimPresentation/footnotes(store:graph:listsEachClaimOnce:claims:)``);
        /// nil for rows that are not claims'.
        var footnotes: ((_ line: (String) throws -> Void) throws -> Void)?

        init(header: [String], forEach: @escaping ((_ row: [String]) throws -> Void) throws -> Void) {
            self.header = header
            self.forEach = forEach
        }

        /// Rows already at hand.
        init(header: [String], rows: [[String]]) {
            self.init(header: header) { body in for row in rows { try body(row) } }
        }
    }

    var reading: () throws -> Reading
    var json: JSON
    var rows: Rows
    /// After JSON or CSV, what a limit left out (``ListingLimit/note(showing:of:isAtLeast:_:_:)``),
    /// one line for each list it cut short, asked once they are written: said on standard
    /// error, so that a script can tell a cut file from a whole one (a table says it under
    /// itself, in ``Reading/trailer``).
    var leftOut: () -> [String] = { [] }
}

extension OutputFormat {
    /// Prints what the command states, the way this format prints it.
    func print(_ printout: consuming Printout, context: Context) throws {
        switch self {
        case .table, .list:
            let layout = ReadingLayout(width: context.readingWidth, listsTables: self == .list)
            // Tables become text inside the command's closures, which learn the layout from here.
            let reading = try ReadingLayout.$current.withValue(layout) { try printout.reading() }
            // The JSON and rows closures hold what the command read (all its claims, often):
            // let go of them before the table is written.
            _ = consume printout
            try ReadingLayout.$current.withValue(layout) { try Self.print(reading, context: context) }
        case .csv:
            var csv = try CSVWriter(
                header: printout.rows.header, to: context.output, isForTerminal: context.isStandardOutputTerminal,
                byteOrderMark: context.writesByteOrderMark)
            try printout.rows.forEach { try csv.append($0) }
            for leftOut in printout.leftOut() { context.message("isnad: " + leftOut) }
        case .cite:
            guard let footnotes = printout.rows.footnotes else {
                // Each command that takes cite gives footnotes wherever it lists claims; kept
                // from printing nothing should one not.
                throw UsageError(message: "--format cite cites claims, and this listing is not one of claims")
            }
            try footnotes { line in
                try context.print((context.footnotesShowBidiMarks ? line : Bidi.removingMarks(line)) + "\n")
            }
            // Under the footnotes too, as under a table: a file of them cut short must not read
            // as all there is.
            let leftOut = printout.leftOut()
            for note in leftOut { try context.print(note + "\n") }
            if !leftOut.isEmpty { try context.output.flush() }
            for note in leftOut { context.message("isnad: " + note) }
        case .json:
            switch printout.json {
            case .records(let write):
                try write(context.output)
            case .rowObjects:
                let header = printout.rows.header
                var json = JSONWriter()
                try printout.rows.forEach { row in
                    json.reset()
                    json.beginObject()
                    for (key, value) in zip(header, row) { json.member(key, value) }
                    json.endObject()
                    json.newline()
                    try context.output.write(json.bytes)
                }
            case .document(let write):
                var json = JSONWriter()
                try write(&json)
                json.newline()
                try context.output.write(json.bytes)
            case .streamedDocument(let write):
                var json = JSONWriter()
                try write(&json) { json in
                    try context.output.write(json.bytes)
                    json.removeWritten()
                }
                json.newline()
                try context.output.write(json.bytes)
            case .lines(let forEach):
                var json = JSONWriter()
                try forEach { write in
                    json.reset()
                    try write(&json)
                    json.newline()
                    try context.output.write(json.bytes)
                }
            case .text(let text):
                try context.print(text)
            }
            let leftOut = printout.leftOut()
            // Said once the output is written: before a failed write's error, a note read as success.
            if !leftOut.isEmpty { try context.output.flush() }
            for note in leftOut { context.message("isnad: " + note) }
        }
    }
}

extension OutputFormat {
    /// Prints text for reading, its lines wrapped to the layout's width.
    fileprivate static func print(_ reading: Printout.Reading, context: Context) throws {
        var lines = WrappedLines(layout: ReadingLayout.current)
        // Each command escapes what it shows; this makes sure of it (escaping twice changes nothing).
        func show(_ text: String) throws {
            try context.print(context.showsBidiMarks ? text : Bidi.removingMarks(text))
        }
        func write(_ text: String) throws { try show(lines.wrapping(Text.printable(text, keepingLineBreaks: true))) }
        try write(reading.text)
        try reading.table?.forEachLine { try write($0 + "\n") }
        try reading.stream?(write)
        if let trailer = reading.trailer { try write(trailer + "\n") }
        try show(lines.remainder())
        if let note = reading.note {
            // Said once the output is written (`3 entities found`): not before the error of a
            // standard output that is closed or full, where it read as a success.
            try context.output.flush()
            context.message(note)
        }
    }
}

/// Text written in pieces (a streamed listing's pieces end anywhere), each whole line wrapped to
/// the layout's width (``ReadingLayout/wrap(_:continuationIndent:)``) as soon as its line feed
/// comes. Without a width, the text passes as it is.
private struct WrappedLines {
    let layout: ReadingLayout
    private var pending = ""

    init(layout: ReadingLayout) { self.layout = layout }

    /// The whole lines that `text` ends, wrapped; what follows the last line feed is held for the
    /// next piece.
    mutating func wrapping(_ text: String) -> String {
        guard layout.width != nil else { return text }
        pending += text
        guard let lastLineFeed = pending.lastIndex(of: "\n") else { return "" }
        let complete = pending[..<lastLineFeed]
        var wrapped = ""
        for line in complete.split(separator: "\n", omittingEmptySubsequences: false) {
            for piece in layout.wrap(String(line)) { wrapped += piece + "\n" }
        }
        pending = String(pending[pending.index(after: lastLineFeed)...])
        return wrapped
    }

    /// What was held without its line feed, wrapped.
    mutating func remainder() -> String {
        defer { pending = "" }
        return pending.isEmpty ? "" : layout.wrap(pending).joined(separator: "\n")
    }
}
