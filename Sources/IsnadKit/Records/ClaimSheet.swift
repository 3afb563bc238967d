/// A claims spreadsheet saved as CSV: one row per citation, the columns of ``columns``; read
/// row by row by ``ClaimSheetReader``.
public enum ClaimSheet {
    /// The columns, in the order `isnad template` writes them.
    public static let columns = [
        "subject", "predicate", "object", "start", "end", "source", "via", "quote", "quote_en", "stance",
        "credibility", "locator", "notes",
    ]
    /// The columns a sheet must have.
    public static let requiredColumns = ["subject", "predicate", "object", "source", "quote", "stance", "credibility"]

    /// The columns of a listing's CSV (`isnad claims --format csv`, after any leading columns of
    /// its own such as `show`'s or `path`'s), one row per citation: ``listingClaimColumns``,
    /// then ``listingSourceColumns``, ``listingCappedColumns`` and ``listingMoreSourceColumns``. A sheet may be one: read back, `citation_source` is the
    /// `source` column, `claim` names the claim each row must state, and the weighing's columns
    /// and the sources' (computed or read from the store, not given) are passed over.
    public static let listingColumns =
        listingClaimColumns + listingSourceColumns + listingCappedColumns
        + listingMoreSourceColumns + listingDenialColumns

    /// A listing's columns of the claim, its weighing and the citation, as every listing has
    /// written them first.
    public static let listingClaimColumns = [
        "claim", "subject", "subject_name", "predicate", "object", "object_name", "start", "end", "status", "sources",
        "best_reliability", "best_credibility", "channels", "common_link", "citation_source", "citation_reliability", "via",
        "stance", "credibility", "quote", "quote_en", "locator", "notes",
    ]

    /// What a footnote names of the citation's sources: the claimant's title, publisher, date of
    /// publication and URL, and the title of the source it is read in (via). Last, after the
    /// columns listings wrote before them (and after `claims --include-retracted`'s
    /// `retracted`), so that a script that reads columns by position reads the same ones.
    public static let listingSourceColumns = [
        "citation_source_title", "citation_source_publisher", "citation_source_published", "citation_source_url", "via_title",
    ]

    /// The citation's grades as the weighing counts them (``SupportStrength/cappedCitations``):
    /// its reliability no better than its `via`, the relays between them and its channel's common
    /// links; its credibility 1 counted as 2 unless another channel bears it out.
    /// `citation_reliability` and `credibility` stay the claimant's own grades, as recorded. Last,
    /// after every column listings wrote before them, so that a script that reads columns by
    /// position reads the same ones.
    public static let listingCappedColumns = ["citation_capped_reliability", "citation_capped_credibility"]

    /// The rest of what a footnote names of the citation's sources: the publisher, date of
    /// publication and URL of the source it is read in (empty without a via), and the claimant's
    /// author. Last, after every column listings wrote before them, so that a script that reads
    /// columns by position reads the same ones.
    public static let listingMoreSourceColumns = ["via_publisher", "via_published", "via_url", "citation_source_author"]

    /// The grade of the claim's strongest denial, once weighed (``Evidence/strongestDenialGrade``,
    /// `E5`), empty when nothing denies it: what says whether a disputed claim is contested by
    /// a ministry's B2 finding or by the accused's own E5 statement. A claim's column, yet last,
    /// after every column listings wrote before it (the sources' further ones too), so that a script that reads columns by
    /// position reads the same ones.
    public static let listingDenialColumns = ["best_denial"]

    /// Whether a spreadsheet reads a cell that starts with this byte as a formula. Isnad's CSV
    /// puts a `'` before such a cell, as OWASP advises
    /// (https://owasp.org/www-community/attacks/CSV_Injection), and a sheet read back takes it off.
    public static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    /// Whether the text, past any `'` it starts with, starts as a formula does: what Isnad's CSV
    /// writes with one `'` more. A text that already starts with `'` before a formula's sign is
    /// given another, so that taking one off gives it back.
    public static func isGuarded(_ utf8: some Sequence<UInt8>) -> Bool {
        guard let first = utf8.first(where: { $0 != UInt8(ascii: "'") }) else { return false }
        return startsFormula(first)
    }

    /// A cell as it was before Isnad's CSV guarded it (``isGuarded(_:)``): one `'` taken off.
    static func unguarded(_ text: String) -> String {
        guard text.utf8.first == UInt8(ascii: "'"), isGuarded(text.utf8) else { return text }
        return String(text.unicodeScalars.dropFirst())
    }

    /// A stored text as a sheet's cell gives it back: without the white space around it, line
    /// breaks as LF. A row matches a stored citation whose quote reads so.
    public static func asRead(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\r")) else { return ClaimSheetReader.trimmed(text) }
        var scalars = String.UnicodeScalarView()
        var afterCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { afterCarriageReturn = scalar == "\r" }
            if scalar == "\n", afterCarriageReturn { continue }
            scalars.append(scalar == "\r" ? "\n" : scalar)
        }
        return ClaimSheetReader.trimmed(String(scalars))
    }

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

    /// The rows of a sheet as a spreadsheet numbers them, by the file's lines: a row whose
    /// quoted cell holds a line break is one row of several lines, and Excel shows no row for a
    /// first line `sep=;`. Messages name a place by its line, as an editor counts, and its row
    /// too where the two differ, so that a spreadsheet's user mends the row meant. Only rows of
    /// several lines are held, so memory grows with those alone.
    public struct RowNumbers: Sendable {
        private var skippedLines = 0
        private var rowsRead = 0
        private var currentFirstLine: Int?
        /// The rows of several lines: their first and last lines and their row.
        private var spans: [(first: Int, last: Int, row: Int)] = []

        public init() {}

        mutating func skipLine() { skippedLines += 1 }
        mutating func begin(atLine line: Int) { currentFirstLine = line }
        mutating func end(atLine last: Int) {
            rowsRead += 1
            if let first = currentFirstLine, last > first { spans.append((first, last, rowsRead)) }
            currentFirstLine = nil
        }

        /// The row the line is in (the header's is 1).
        public func row(ofLine line: Int) -> Int {
            if let current = currentFirstLine, line >= current { return rowsRead + 1 }
            // The last row of several lines that starts at or before the line.
            var low = 0
            var high = spans.count
            while low < high {
                let middle = (low + high) / 2
                if spans[middle].first <= line { low = middle + 1 } else { high = middle }
            }
            guard low > 0 else { return line - skippedLines }
            let span = spans[low - 1]
            return line <= span.last ? span.row : span.row + line - span.last
        }

        /// `21:4 (row 20)`, or `21:4` where the line is the row: a place in the sheet.
        public func place(line: Int, column: Int) -> String {
            "\(line):\(column)\(rowSuffix(line))"
        }

        /// `line 21 (row 20)`, or `line 21`: a row another message refers to.
        public func lineText(_ line: Int) -> String { "line \(line)\(rowSuffix(line))" }

        private func rowSuffix(_ line: Int) -> String {
            let row = row(ofLine: line)
            return row == line ? "" : " (row \(row))"
        }
    }

    /// A sheet that cannot be read: where, and why.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        /// The row as a spreadsheet numbers it, where known (``RowNumbers``).
        public var row: Int? = nil
        /// The errno of a read the device failed: no problem of the sheet's data, but an I/O
        /// error of its file (``inputError(name:)``).
        public var failedRead: Int32? = nil
        public var description: String {
            "\(line):\(column)\(row.map { $0 == line ? "" : " (row \($0))" } ?? ""): \(message)"
        }

        /// The read that failed, as the importer says a file it could not read.
        func inputError(name: String) -> Importer.InputError? {
            failedRead.map {
                Importer.InputError(input: name, reason: "read failed: \(FileSystem.describe(errorCode: $0))", kind: .readFailed)
            }
        }
    }
}
