/// A claims spreadsheet saved as CSV: one row per citation, the columns of ``columns``; read
/// row by row by ``ClaimSheetReader``.
public enum ClaimSheet {
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
        /// The cells that have text, by column name, their text without the white space around it.
        public var cells: [String: Cell]

        /// The cell's text, nil when it is empty.
        public func value(_ column: String) -> String? { cells[column]?.text }
    }

    /// A sheet that cannot be read: where, and why.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(line):\(column): \(message)" }
    }
}
