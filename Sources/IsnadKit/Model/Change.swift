import Foundation

/// Who makes a change to the store, when, and with which command: the head of a history entry
/// (README, "History and undo").
public struct ChangeDescription: Sendable, Equatable {
    /// Who: `--author`, else `$ISNAD_AUTHOR`, else the login name (on PostgreSQL, the database
    /// role, recorded beside any other name: ``GraphStore/recordedAuthor(of:)``).
    public var author: String
    /// The command line as shell words, control characters escaped (``Text/printable(_:keepingLineBreaks:)``).
    public var command: String
    /// When, in UTC.
    public var date: Date
    /// Whether ``author`` is only the login name, no one having named the author: on a store on
    /// PostgreSQL, the database role the command connected as is recorded instead.
    public var isDefaultAuthor: Bool

    public init(author: String, command: String, date: Date = ChangeDescription.now(), isDefaultAuthor: Bool = false) {
        self.author = author
        self.command = command
        self.date = date
        self.isDefaultAuthor = isDefaultAuthor
    }

    /// The command line `arguments` (without the program's name) as it is kept in the history:
    /// `isnad` and each argument as one shell word, every control character escaped.
    public static func commandLine(_ arguments: [String]) -> String {
        Text.printable((["isnad"] + arguments.map(Text.shellWord)).joined(separator: " "))
    }

    /// The time a change is made: now, or `$ISNAD_CHANGE_TIME` (``time(fixedBy:)``) when it is
    /// set: a store built from the same files at that time is the same store, and so are its
    /// exports, which give its latest change as STIX's `modified` (`Exports/regenerate`). Isnad's
    /// own variable, not `SOURCE_DATE_EPOCH`, which build shells (Nix) set for every program: an
    /// analyst's history dated 1980 unawares. A value that is no such time is passed by here; the
    /// command line refuses it before it changes anything.
    public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
        environment[changeTimeVariable].flatMap(time(fixedBy:)) ?? Date()
    }

    /// The time a value of `$ISNAD_CHANGE_TIME` gives: a whole number of seconds since 1970, UTC,
    /// in the digits 0-9 alone (no sign, exponent, fraction or space), from 0 to the last second
    /// of 9999 (``latestChangeTime``); nil for any other text. Any such time is taken, earlier
    /// than the history's latest entry (a clock set back) or later than the present.
    public static func time(fixedBy text: String) -> Date? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let seconds = Int(text), seconds <= latestChangeTime
        else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The last second a change can be dated, 9999-12-31T23:59:59Z: the history writes four-digit years.
    public static let latestChangeTime = 253_402_300_799

    /// The environment variable that fixes the time of changes, for stores built reproducibly.
    public static let changeTimeVariable = "ISNAD_CHANGE_TIME"

    /// The author recorded for a change that `name` makes through the database role `role`
    /// (PostgreSQL), when the two differ: `carol (as bob)`. The role is written as the server
    /// names it, controls escaped.
    public static func author(_ name: String, connectedAs role: String) -> String {
        "\(name) (as \(Text.printable(role)))"
    }

    /// Why `name` cannot be recorded as an author, or nil when it can. An author is one line
    /// that `isnad log` shows between its own separators (`entry 9 · 2026-12-07T11:57:55Z ·
    /// carol`): a control character (a line break, which was once made a space, an escape) or a
    /// bidirectional override is refused, and so is what would make the name read as more of
    /// log's fields: a middle dot with white space beside it (`alice · 2020-01-01T00:00:00Z`),
    /// and `(as `, the form Isnad writes itself for a PostgreSQL role (`carol (as bob)`). A middle
    /// dot inside a word (Catalan `Gal·la`) is a letter's and stays.
    /// A new name is also held to ``NameLookAlike``'s rule (`refusingLookAlikes`); one a
    /// history recorded before that rule is taken as it was written (``recordedAuthorProblem(_:)``).
    public static func authorProblem(_ name: String, refusingLookAlikes: Bool = true) -> String? {
        if let control = name.unicodeScalars.first(where: Text.needsEscapeForTerminal) {
            let which =
                control == "\n" || control == "\r"
                ? "a line break"
                : control == "\t"
                    ? "a tab"
                    : (0x202A...0x202E).contains(control.value) || (0x2066...0x2069).contains(control.value)
                        ? "a bidirectional control" : "a control character"
            return
                "holds \(which) (U+\(String(control.value, radix: 16, uppercase: true).leftPadded(to: 4))): an author is one line of plain text"
        }
        let scalars = Array(name.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where middleDots.contains(scalar.value) {
            let isBesideSpace = [index - 1, index + 1].contains {
                scalars.indices.contains($0) && scalars[$0].properties.isWhitespace
            }
            if isBesideSpace || index == 0 || index == scalars.count - 1 {
                return
                    "holds \"\(Character(scalar))\" set apart, as isnad log sets apart an entry's fields: an author is a name alone"
            }
        }
        if name.lowercased().contains("(as ") {
            return "holds \"(as \", which Isnad writes itself for a PostgreSQL role (carol (as bob)): an author is a name alone"
        }
        // What `isnad check` reports in an entity's name: "bob " or "bob" with a zero-width space,
        // a Cyrillic о inside "bоb", a fullwidth "ＢＯＢ" read as bob in the log and are not bob's.
        // Refused, not trimmed or folded: a name is recorded as it was typed, and the one who
        // typed it learns that it would not read as the name it looks like.
        if refusingLookAlikes, let lookAlike = NameLookAlike.problems(in: name).first { return lookAlike }
        return nil
    }

    /// Why `author`, an author as another store's history recorded it (`isnad import --from
    /// history`), could not have been recorded by Isnad, or nil when it could: the rule of
    /// ``authorProblem(_:)``, but for one `name (as role)` at its end, which Isnad writes itself
    /// for a PostgreSQL role (``author(_:connectedAs:)``), name and role each held to the rule.
    /// A history file cannot plant an author that reads as more of log's line.
    public static func recordedAuthorProblem(_ author: String) -> String? {
        if author.hasSuffix(")"), let open = author.range(of: " (as ", options: .backwards) {
            let name = String(author[..<open.lowerBound])
            let role = String(author[open.upperBound...].dropLast())
            if !name.isEmpty, !role.isEmpty, authorProblem(name, refusingLookAlikes: false) == nil,
                authorProblem(role, refusingLookAlikes: false) == nil
            {
                return nil
            }
        }
        // A name an earlier version recorded ("bob " with its space) is history, not a new name:
        // refusing it would refuse the history of a store made before the look-alike rule.
        return authorProblem(author, refusingLookAlikes: false)
    }

    /// `author` as a message shows it on its one line: every control, a line break and a tab
    /// too, as its `\u{…}` escape, as a file's name is shown.
    public static func shownAuthor(_ author: String) -> String { Text.printableFileName(author) }

    /// The middle dot log puts between fields, and the dots that look like it.
    private static let middleDots: Set<UInt32> = [0x00B7, 0x2022, 0x2219, 0x22C5, 0x30FB, 0xFF65, 0x0387, 0x2027]

    /// `date` as the history writes it: `YYYY-MM-DDTHH:MM:SSZ`.
    public var timestamp: String { ChangeDescription.timestamp(date) }

    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(value ?? 0).leftPadded(to: 2) }
        return
            "\(String(parts.year ?? 0).leftPadded(to: 4))-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))Z"
    }
}

/// One entry of the store's history: one command's change.
public struct HistoryEntry: Sendable, Equatable {
    /// Whether two author names are one, without case in any script ("Émile" is "émile"), and
    /// as they read (``authorKey(_:)``): `log --author` and a plain `undo` take them alike on
    /// both engines.
    public static func isSameAuthor(_ a: String, _ b: String) -> Bool { a == b || authorKey(a) == authorKey(b) }

    /// Whether an entry recorded under `recorded` is `name`'s, as `log --author` finds it: the
    /// same author (``isSameAuthor(_:_:)``), or, for `carol (as bob)`, as PostgreSQL records a
    /// name given beside the role that connected, either of the two: carol named herself, bob
    /// made the change. A plain `undo` keeps the whole to tell them apart.
    public static func isRecorded(_ recorded: String, by name: String) -> Bool {
        if isSameAuthor(recorded, name) { return true }
        guard recorded.hasSuffix(")"), let open = recorded.range(of: " (as ", options: .backwards) else { return false }
        let given = String(recorded[..<open.lowerBound])
        let role = String(recorded[open.upperBound...].dropLast())
        return isSameAuthor(given, name) || isSameAuthor(role, name)
    }

    /// An author name as it reads, to compare two: compatibility forms folded (fullwidth "ＢＯＢ"
    /// is "BOB"), without case, invisible characters and white space at its ends left out, and
    /// Cyrillic and Greek letters that look like Latin ones taken as those (the о in "bоb"). New
    /// names of those forms are refused (``ChangeDescription/authorProblem(_:)``); a history
    /// written before they were holds some, and `log --author bob` finds them under bob. Case is
    /// set aside where lowercasing alone would keep two: Greek's final sigma is a sigma
    /// ("ΣΩΚΡΆΤΗΣ" is "σωκράτης"), and Turkish "İ" an i ("İlkay" is "ilkay"). Other marks stay:
    /// "José" and "Jose" are two authors.
    public static func authorKey(_ name: String) -> String {
        var key = String.UnicodeScalarView()
        for scalar in name.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars
        where !NameLookAlike.isInvisible(scalar) {
            // "İ" lowercases to an i and a combining dot above, which a typed "i" lacks.
            if scalar == "\u{0307}", key.last == "i" { continue }
            let letter: Unicode.Scalar = scalar == "\u{03C2}" ? "\u{03C3}" : scalar
            key.append(NameLookAlike.latinLookAlike(of: letter) ?? letter)
        }
        return String(key).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// 1, 2, 3 … in the order the changes were committed.
    public var number: Int
    /// `YYYY-MM-DDTHH:MM:SSZ`, UTC.
    public var timestamp: String
    public var author: String
    public var command: String
    /// For an undo: the entry it took back.
    public var undoes: Int?
    /// The undo that took this entry back, if one did.
    public var undoneBy: Int?
    /// The records it touched, in kind then id order (possibly only some of them: see
    /// ``GraphStore/history(of:since:author:recordLimit:)``).
    public var records: [RecordChange]
    /// How many records it touched in all.
    public var recordCount: Int
    /// It came from another store's history (`isnad import --from history`): `log` shows it,
    /// `undo` refuses it.
    public var isTravelled = false
    /// It is the entry of an `isnad import --from history` made here: it changed no record, and
    /// the travelled entries just before it are the ones it appended
    /// (``GraphStore/entriesAppended(by:)``).
    public var isImportOfHistory = false
    /// The entry made in this store just before it, when that one is dated later: this one's
    /// time runs back (`$ISNAD_CHANGE_TIME`, a clock set back), and `log --since` a date between
    /// the two leaves it out though it came after. Nil otherwise, and for an entry from another
    /// store's history, dated there.
    public var datedBeforeEntry: Int?
    /// How many records it added, changed and removed, when it touched more than the records
    /// listed of it (``GraphStore/history(of:since:until:author:after:entry:recordLimit:withOtherRecords:limit:)``
    /// then lists those it changed or removed first); nil otherwise.
    public var actionCounts: [RecordChange.Action: Int]?

    /// What the history's `travelled` column holds: where an entry comes from. One column, so
    /// that every query that passes over travelled entries (`travelled = 0`: undo, marks) passes
    /// over an import of history too, which has nothing to undo or mark.
    enum Origin: Int {
        /// Made in this store.
        case own = 0
        /// Appended from another store's history.
        case travelled = 1
        /// The entry of the `import --from history` that appended travelled entries, written
        /// after them, so that who appended them, when and from which file is kept.
        case importOfHistory = 2
    }
}

/// One history entry, named in a mark on a record (`isnad show`: "edited in entry 5 …").
public struct HistoryMark: Sendable, Equatable {
    public var number: Int
    /// `YYYY-MM-DDTHH:MM:SSZ`, UTC.
    public var timestamp: String
    public var author: String
    /// The command line, as the history keeps it.
    public var command: String
    /// For an undo: the entry it took back.
    public var undoes: Int?

    public init(number: Int, timestamp: String, author: String, command: String, undoes: Int? = nil) {
        self.number = number
        self.timestamp = timestamp
        self.author = author
        self.command = command
        self.undoes = undoes
    }

    /// The command's name: `isnad set`, `isnad merge` … (the options before it, and their
    /// values, left out).
    public var commandName: String { Self.commandName(of: command) }

    /// The command's name of a command line as the history keeps it.
    public static func commandName(of command: String) -> String {
        var words = HistoryMark.shellWords(command).dropFirst()
        while let word = words.first, word.hasPrefix("-") {
            words = words.dropFirst(HistoryMark.optionsBeforeTheCommand.contains(word) ? 2 : 1)
        }
        return "isnad" + (words.first.map { " " + Text.printable($0) } ?? "")
    }

    /// The options that may come before the command and take the next word as their value.
    static let optionsBeforeTheCommand: Set<String> = ["--db", "--store", "--bidi-marks"]

    /// The words of a command line as ``ChangeDescription/commandLine(_:)`` writes it: split at
    /// spaces outside single quotes, a quoted `'` written `'\''`, a word with a control
    /// character in it written `$'…'` (`\t`, `\n`, `\r`, `\xHH`, `\\`, `\'`).
    static func shellWords(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var isQuoted = false
        var hasWord = false
        var characters = line.makeIterator()
        var isDollarQuote = false
        while let character = characters.next() {
            if isDollarQuote {
                switch character {
                case "'": isDollarQuote = false
                case "\\":
                    switch characters.next() {
                    case "t"?: word.append("\t")
                    case "n"?: word.append("\n")
                    case "r"?: word.append("\r")
                    case "x"?:
                        let digits = String([characters.next(), characters.next()].compactMap { $0 })
                        if let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) {
                            word.unicodeScalars.append(scalar)
                        }
                    case let other?: word.append(other)
                    case nil: break
                    }
                default: word.append(character)
                }
                continue
            }
            switch character {
            case "$" where !isQuoted && !hasWord:
                // `$'` begins a word spelled with escapes; a `$` elsewhere is itself.
                var lookahead = characters
                if lookahead.next() == "'" {
                    characters = lookahead
                    isDollarQuote = true
                } else {
                    word.append(character)
                }
                hasWord = true
            case "'":
                isQuoted.toggle()
                hasWord = true
            case "\\" where !isQuoted:
                if let next = characters.next() { word.append(next) }
                hasWord = true
            case " " where !isQuoted:
                if hasWord { words.append(word) }
                word = ""
                hasWord = false
            default:
                word.append(character)
                hasWord = true
            }
        }
        if hasWord { words.append(word) }
        return words
    }

    /// "entry 5 (isnad set, bilal, 2026-12-01 UTC)": the day in UTC, as the history keeps it,
    /// said so that it is not read as the reader's own day.
    /// An undo names the entry it took back: "entry 4 (isnad undo of entry 3, mallory, 2026-12-07 UTC)".
    public var summary: String {
        "entry \(number) (\(commandName)\(undoes.map { " of entry \($0)" } ?? ""), \(author), \(day))"
    }

    /// The entry's day, with its zone: "2026-12-01 UTC".
    public var day: String { "\(timestamp.prefix(10)) UTC" }

    /// The marks of a changed record, on one line: the latest three, and how many before them.
    public static func line(_ marks: [HistoryMark]) -> String {
        let shown = marks.suffix(3).map(\.summary).joined(separator: " · ")
        return marks.count > 3 ? "\(marks.count - 3) earlier · " + shown : shown
    }
}

/// What one change did to one record.
public struct RecordChange: Sendable, Equatable {
    public enum Action: String, Sendable {
        case added, changed, removed
    }

    public var kind: Record.Kind
    public var id: String
    public var action: Action
    /// The record before, as a canonical JSON line (nil when added).
    public var before: String?
    /// The record after (nil when removed, and when an import added it: only its id is kept).
    public var after: String?
}

extension Text {
    /// The text as one POSIX shell word: as it is when it needs no quoting, else in single quotes.
    public static func shellWord(_ text: String) -> String {
        ForeignFormat.shellQuoted(text)
    }
}
