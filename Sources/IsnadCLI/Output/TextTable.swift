import IsnadKit

/// An aligned table for a terminal: a header, columns as wide as their widest cell (up to a
/// limit, cut with an ellipsis), two spaces between columns. Cell text is made safe to print
/// (no control or bidi-override characters) and right-to-left cells are isolated.
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

    mutating func append(_ cells: [String]) {
        rows.append(
            cells.enumerated().map { index, cell in
                let limit = index < columns.count ? columns[index].maximumWidth : 48
                return DisplayWidth.truncate(Text.printable(cell), to: limit)
            })
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

    /// How wide each column is: its widest cell, or its header.
    func columnWidths() -> [Int] {
        var widths = columns.map { DisplayWidth.of($0.header) }
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], DisplayWidth.of(cell))
            }
        }
        return widths
    }

    /// The lines with the columns as wide as `widths` (a wider cell is cut to it, with an
    /// ellipsis): a table written in parts, each part as wide as the first.
    func forEachLine(
        indent: String = "", widths: [Int], includesHeader: Bool = true, _ body: (String) throws -> Void
    ) rethrows {
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
        for row in rows { try body(line(row)) }
    }
}
