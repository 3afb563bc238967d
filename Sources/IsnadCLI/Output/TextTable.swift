import IsnadKit

/// An aligned table for a terminal: a header, columns as wide as their widest cell (up to a
/// limit, cut with an ellipsis), two spaces between columns. Cell text is made safe to print
/// (no control or bidi-override characters) and right-to-left cells are isolated.
///
/// Where the layout asks (``ReadingLayout``: `--format list`, or a terminal narrower than the
/// table), each row prints one field a line instead, under its column's header as a label, its
/// value whole: a row read on a narrow screen, or by a screen reader line by line, keeps every
/// value beside its name.
struct TextTable {
    struct Column {
        let header: String
        var maximumWidth = 48
        var alignsRight = false

        /// A column of ids, never cut: an id is what a user types next, and a cut one names
        /// nothing (two claims would read alike). A longer id widens its line instead.
        static func identifiers(_ header: String) -> Column { Column(header: header, maximumWidth: .max) }

        var isCut: Bool { maximumWidth != .max }
    }

    let columns: [Column]
    private(set) var rows: [[String]] = []

    init(_ columns: [Column]) { self.columns = columns }

    init(headers: [String]) { self.columns = headers.map { Column(header: $0) } }

    /// Adds a row. Its cells are kept whole: a table cuts them to its columns' widths as it
    /// writes them, a list shows them whole.
    mutating func append(_ cells: [String]) {
        rows.append(cells.map { Text.printable($0) })
    }

    var isEmpty: Bool { rows.isEmpty }

    /// Lets go of the rows, once written.
    mutating func removeAllRows() { rows.removeAll(keepingCapacity: true) }

    func render(indent: String = "") -> String {
        var output: [String] = []
        forEachLine(indent: indent) { output.append($0) }
        return output.joined(separator: "\n") + "\n"
    }

    /// The lines of ``render(indent:)``, one at a time, without their line feeds: a long table
    /// is written without being held whole as text.
    func forEachLine(indent: String = "", _ body: (String) throws -> Void) rethrows {
        try forEachLine(indent: indent, widths: columnWidths(), _: body)
    }

    /// A table of any length written in parts of `partRows` rows, each as wide as the first
    /// part's (a later cell wider than its column is cut, or wraps under the last): memory holds one
    /// part, never the whole table. `rows` calls its argument with each row as it reads it.
    static func streamed(
        _ columns: [Column], partRows: Int = ListingLimit.tableDefault, write: (String) throws -> Void,
        rows: ((_ append: [String]) throws -> Void) throws -> Void
    ) throws {
        var part = TextTable(columns)
        var widths: [Int]?
        try withoutActuallyEscaping(write) { write in
            func flush() throws {
                let isFirst = widths == nil
                let partWidths = widths ?? part.columnWidths()
                widths = partWidths
                try part.forEachLine(widths: partWidths, includesHeader: isFirst) { try write($0 + "\n") }
                part.removeAllRows()
            }
            try rows { row in
                part.append(row)
                if part.rows.count >= partRows { try flush() }
            }
            if widths == nil || !part.rows.isEmpty { try flush() }
        }
    }

    /// How wide each column is: its widest cell (up to its limit), or its header.
    func columnWidths() -> [Int] {
        var widths = columns.map { DisplayWidth.of($0.header) }
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], min(DisplayWidth.of(cell), columns[index].maximumWidth))
            }
        }
        return widths
    }

    /// The lines with the columns as wide as `widths` (a wider cell is cut to it, with an
    /// ellipsis): a table written in parts, each part as wide as the first (`includesHeader` for
    /// the first part only). As a list where ``ReadingLayout/current`` asks for one.
    func forEachLine(
        indent: String = "", widths: [Int], includesHeader: Bool = true, _ body: (String) throws -> Void
    ) rethrows {
        let layout = ReadingLayout.current
        let tableWidth = DisplayWidth.of(indent) + widths.reduce(0, +) + 2 * max(0, widths.count - 1)
        if layout.listsTable(ofWidth: tableWidth) {
            try forEachListLine(of: rows, indent: indent, layout: layout, isFirstPart: includesHeader, body)
            return
        }
        func line(_ cells: [String]) -> String {
            // Each cell measured and looked at for right-to-left letters once: the line holds
            // such a letter exactly when one of its cells does.
            var text = indent
            var hasRightToLeft = DisplayWidth.hasRightToLeft(indent)
            for (index, cell) in cells.enumerated() {
                var cell = cell
                var width = DisplayWidth.of(cell)
                if index < widths.count, width > widths[index], index >= columns.count || columns[index].isCut {
                    cell = DisplayWidth.truncate(cell, to: widths[index])
                    width = DisplayWidth.of(cell)
                }
                if index > 0 { text += "  " }
                let isLast = index == cells.count - 1
                let padding = DisplayWidth.spaces(max(0, widths[index] - width))
                let isRightToLeft = DisplayWidth.hasRightToLeft(cell)
                hasRightToLeft = hasRightToLeft || isRightToLeft
                let isolated = isRightToLeft ? Bidi.isolate(cell) : cell
                if index < columns.count, columns[index].alignsRight {
                    text += padding
                    text += isolated
                } else {
                    text += isolated
                    if !isLast { text += padding }
                }
            }
            return hasRightToLeft ? Bidi.leftToRightMark + text : text
        }
        if includesHeader { try body(line(columns.map(\.header))) }
        // On a terminal, a row wider than it (a table streamed in parts, whose widths the first
        // part set: a later id or SAID BY is whole) wraps under its last column, or, with no room
        // there, prints as a list: never carried on at the first column.
        let lastColumn = DisplayWidth.of(indent) + widths.dropLast().reduce(0, +) + 2 * max(0, widths.count - 1)
        for row in rows {
            let text = line(row)
            guard let width = layout.width, DisplayWidth.of(text) > width else {
                try body(text)
                continue
            }
            if width - lastColumn >= ReadingLayout.narrowestValue {
                for piece in LineWrapping.wrap(text, width: width, continuationIndent: DisplayWidth.spaces(lastColumn)) {
                    try body(piece)
                }
            } else {
                try body("")
                try forEachListLine(of: [row], indent: indent, layout: layout, isFirstPart: true, body)
                try body("")
            }
        }
    }

    /// The rows one field a line: the header as a label, then the value whole (wrapped to the
    /// layout's width under itself), a blank line between rows. Empty cells are left out.
    private func forEachListLine(
        of rows: [[String]], indent: String, layout: ReadingLayout, isFirstPart: Bool, _ body: (String) throws -> Void
    ) rethrows {
        let labelWidth = (columns.map { DisplayWidth.of($0.header) }.max() ?? 0) + 2
        let valueIndent = indent + DisplayWidth.spaces(labelWidth)
        for (rowIndex, row) in rows.enumerated() {
            if rowIndex > 0 || !isFirstPart { try body("") }
            for (index, cell) in row.enumerated() where index < columns.count && !cell.isEmpty {
                let header = columns[index].header
                let label = header + DisplayWidth.spaces(labelWidth - DisplayWidth.of(header))
                let value = DisplayWidth.hasRightToLeft(cell) ? Bidi.isolate(cell) : cell
                for line in layout.wrap(Bidi.line(indent + label + value), continuationIndent: valueIndent) {
                    try body(line)
                }
            }
        }
    }
}
