/// How text for reading (`--format table` or `list`) is laid out: for a terminal as wide as
/// it is, or in lines as long as they come.
///
/// On a terminal, a table wider than the terminal prints one field a line (as `psql`'s
/// expanded display does), and a longer line wraps at a space with its indentation kept:
/// every line the terminal would have broken at its edge, mid-word and back at the first
/// column, reads as a line of its own. Off a terminal (a pipe, a file), nothing changes: a
/// script reads one row a line. `--format table` given in so many words keeps tables whole
/// on a terminal too; `--format list` prints every table one field a line, anywhere.
struct ReadingLayout: Sendable, Equatable {
    /// The terminal's width in cells: nil lays lines out as long as they are.
    var width: Int?
    /// Every table one field a line, however wide the terminal.
    var listsTables = false

    /// Lines as long as they are, tables as tables: off a terminal.
    static let unbounded = ReadingLayout(width: nil)

    /// The narrowest width laid out for: a terminal narrower than this is taken to be as wide,
    /// so that a value always has room beside its label.
    static let narrowestWidth = 40

    /// The fewest cells a value wrapped under its column keeps: a table's last column narrower
    /// than this on the terminal prints its overlong rows as a list instead.
    static let narrowestValue = 20

    init(width: Int?, listsTables: Bool = false) {
        self.width = width.map { max($0, ReadingLayout.narrowestWidth) }
        self.listsTables = listsTables
    }

    /// The layout the reading output being printed is laid out in: set by
    /// ``OutputFormat/print(_:context:)`` around everything a command prints, since tables are
    /// made into text deep inside each command's output, where the terminal is not known.
    @TaskLocal static var current = ReadingLayout.unbounded

    /// Whether a table `tableWidth` cells wide prints one field a line.
    func listsTable(ofWidth tableWidth: Int) -> Bool {
        listsTables || (width.map { tableWidth > $0 } ?? false)
    }

    /// The line as lines that fit ``width`` (``LineWrapping``); the line itself when it fits or
    /// nothing bounds it.
    func wrap(_ line: String, continuationIndent: String? = nil) -> [String] {
        guard let width else { return [line] }
        return LineWrapping.wrap(line, width: width, continuationIndent: continuationIndent)
    }
}
