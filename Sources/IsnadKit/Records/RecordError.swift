/// What is wrong with one record, before we know where it stands in a file.
public struct RecordProblem: Error, Equatable, Sendable {
    /// The record as the user would name it: `claim "c7"`, `entity "hamas"`.
    public var record: String?
    /// The offending field, as a path into the record: `subject`, `citations[1].credibility`.
    public var field: String?
    public var message: String
    /// What a setting of the import could change about it, for the program to say in its own
    /// terms (the CLI names the option).
    public var remedy: Remedy?

    /// A setting of ``Importer/Options`` that would have let the record through.
    public enum Remedy: Sendable, Equatable {
        /// ``Importer/Options/maximumLineLength``: the line is longer than the limit.
        case longerLineLimit
        /// ``Importer/Options/replacingCitations``: the record changes a stored claim's ends,
        /// which only replacing the claim whole allows.
        case replacingStoredClaim
        /// ``Importer/Options/replacingCitations``: the record gives a citation that would stand
        /// beside a stored one it leaves out, and which only taking the record's citations as
        /// they are (the stored ones dropped) keeps apart.
        case replacingStoredCitations
    }

    public init(record: String? = nil, field: String? = nil, message: String, remedy: Remedy? = nil) {
        self.record = record
        self.field = field
        self.message = Self.bounded(message)
        self.remedy = remedy
    }

    /// The longest message kept whole, in bytes: a message quotes the value it refuses, and a
    /// hostile file's value of megabytes (twice over, in "did you mean") must not flood the
    /// terminal, nor be held once for every record refused.
    public static let messageLimit = 1_000

    /// `message`, or its start and end around a note of how much was left out: past `limit`
    /// bytes, its first 60% and last 20% of them. The command line bounds every error it prints
    /// so, at twice the limit: a record's message, bounded already, with its file and line and a
    /// hint, is not cut again.
    public static func bounded(_ message: String, limit: Int = messageLimit) -> String {
        let bytes = message.utf8.count
        guard bytes > limit else { return message }
        // By bytes, whole scalars: one character of a million combining marks is still a million
        // bytes, and 600 emoji are 2,400.
        func scalars(_ scalars: some Sequence<Unicode.Scalar>, upTo limit: Int) -> [Unicode.Scalar] {
            var (taken, bytes) = ([Unicode.Scalar](), 0)
            for scalar in scalars {
                bytes += UTF8.width(scalar)
                if bytes > limit { break }
                taken.append(scalar)
            }
            return taken
        }
        var head = "", tail = ""
        head.unicodeScalars.append(contentsOf: scalars(message.unicodeScalars, upTo: limit * 3 / 5))
        tail.unicodeScalars.append(contentsOf: scalars(message.unicodeScalars.reversed(), upTo: limit / 5).reversed())
        let left = bytes - head.utf8.count - tail.utf8.count
        return "\(head) … (\(left) bytes left out) … \(tail)"
    }

    /// Whether changing the record's value fixes the problem, as `set` and `edit` change it: a
    /// value a rule made since refuses (a name longer than names may now be), or one another
    /// program stored. Not so for what a record keeps for good: its id, the ids merged into it,
    /// a claim's ends and predicate.
    public var isFixedByChangingTheRecord: Bool {
        guard let field else { return false }
        let top = field.prefix { $0 != "[" && $0 != "." }
        return !["id", "merged", "subject", "predicate", "object"].contains(top)
    }

    /// Whether setting `path` (as `set` names a field: `name`, `aliases[0]`, `aliases`) changes
    /// the value the problem is in, and so may fix it.
    public func isFixed(bySetting path: String) -> Bool {
        guard isFixedByChangingTheRecord, let field else { return false }
        return field == path || field.hasPrefix(path + ".") || field.hasPrefix(path + "[")
    }
}

/// Everything wrong with one record, found in one reading of it; never empty.
public struct RecordProblems: Error, Equatable, Sendable {
    /// In the order they were found: unknown fields first, then the fields one by one.
    public let problems: [RecordProblem]

    public init(_ first: RecordProblem, _ more: [RecordProblem] = []) {
        problems = [first] + more
    }
}

/// A bad record in an input file: the one-line message a user reads, naming the file, the
/// line, the record and the field.
///
///     hadera.jsonl:12: claim "c7": subject: unknown entity "hamass" (did you mean "hamas"?)
public struct RecordError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var problem: RecordProblem

    public init(file: String, line: Int, problem: RecordProblem) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String {
        var parts = ["\(Text.printableFileName(file)):\(line)"]
        if let record = problem.record { parts.append(record) }
        if let field = problem.field { parts.append(field) }
        parts.append(problem.message)
        return parts.joined(separator: ": ")
    }
}
