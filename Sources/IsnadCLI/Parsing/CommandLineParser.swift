import Foundation
import IsnadKit

// Isnad's own small argument parser: options declared once, with their type, help, group and
// the formats they apply to, and read through that declaration; `--name value`, `--name=value`,
// repeated or comma-separated lists, `--` to end options, and errors that name the offending
// argument and suggest the right one. Kept in this folder (values: ArgumentValue.swift).

/// The headings options are listed under in a command's help, in this order.
enum OptionGroup: Int, CaseIterable, Sendable {
    /// What the command itself does.
    case command
    /// What is printed and how: `--format`, `--output`, `--timing`.
    case output
    /// Which claims and citations count: the query commands' filters.
    case filter
    /// Options every command takes: `--db`, `--help`.
    case global

    var title: String {
        switch self {
        case .command: "OPTIONS:"
        case .output: "OUTPUT OPTIONS:"
        case .filter: "FILTER OPTIONS:"
        case .global: "GLOBAL OPTIONS:"
        }
    }
}

/// What the parser and the help know of one option.
struct OptionSpec: Sendable {
    enum Arity: Sendable {
        /// `--dry-run`
        case flag
        /// `--depth 2`
        case single
        /// `--predicate a --predicate b` or `--predicate a,b`
        case list
        /// `--between 2014 2017`
        case pair
    }

    let name: String
    let short: Character?
    let valueName: String
    let arity: Arity
    let help: String
    var group: OptionGroup
    /// The kinds the option applies to (export's formats, add's record kinds, import's input
    /// formats); empty: every kind. Refused for the others by `refuseOptionsNotFor`.
    var formats: [String] = []
    /// The words a command takes for this option, when fewer than its type has (`--format cite`
    /// only where claims are listed); nil: every value of its type. Checked when read.
    var choices: [String]?
    /// Options declared with this one, listed after it wherever it is listed (`--bom` with `--format`).
    var companions: [OptionSpec] = []
    /// Whether its value is a word of a fixed set, a number or a date (read as a type), not free
    /// text: two values that read the same then are one.
    var isWordOrNumber = false
    /// What `-` as its value reads from standard input, if anything.
    var standardInput: StandardInputReading?

    var usage: String {
        switch arity {
        case .flag: "--\(name)"
        case .single: "--\(name) <\(valueName)>"
        case .list: "--\(name) <\(valueName)>…"
        case .pair: "--\(name) <\(valueName)> <\(valueName)>"
        }
    }
}

/// An option as a command declares it: its spec, and the type its value is read as.
protocol OptionDeclaration: Sendable {
    var spec: OptionSpec { get set }
}

extension OptionDeclaration {
    /// The same option, refused unless the kind chosen (a format, a record kind) is one of `formats`.
    func only<Format: RawRepresentable<String>>(for formats: [Format]) -> Self {
        var copy = self
        copy.spec.formats = formats.map(\.rawValue)
        return copy
    }

    /// The same option, whose value is a word of a fixed set or a number though read as text
    /// (`add` checks it with the record): given twice, it is one value in any case or as the
    /// same number, as every option read as such a value is.
    func comparedAsWord() -> Self {
        var copy = self
        copy.spec.isWordOrNumber = true
        return copy
    }

    /// The same option, whose value `-` reads standard input: its text (`--notes -`), or as the
    /// file it names (`--text-file -`). One option or argument of a command line may read it.
    func readingStandardInput(_ reading: StandardInputReading = .text) -> Self {
        var copy = self
        copy.spec.standardInput = reading
        return copy
    }
}

/// `--dry-run`: given or not.
struct Flag: OptionDeclaration {
    var spec: OptionSpec

    init(_ name: String, short: Character? = nil, group: OptionGroup = .command, help: String) {
        spec = OptionSpec(name: name, short: short, valueName: "", arity: .flag, help: help, group: group)
    }
}

/// `--depth 2`: one value, given once (the same value twice is allowed: a script's defaults
/// repeated).
struct Option<Value: Sendable>: OptionDeclaration {
    var spec: OptionSpec
    let parse: @Sendable (String) throws(InvalidArgument) -> Value

    init(_ name: String, short: Character? = nil, value: String, group: OptionGroup = .command, help: String)
    where Value: ArgumentValue {
        spec = OptionSpec(name: name, short: short, valueName: value, arity: .single, help: help, group: group)
        spec.isWordOrNumber = Value.self != String.self
        parse = { (text: String) throws(InvalidArgument) in try Value(argument: text) }
    }

    init(_ name: String, value: String, in range: ClosedRange<Int>, group: OptionGroup = .command, help: String)
    where Value == Int {
        spec = OptionSpec(name: name, short: nil, valueName: value, arity: .single, help: help, group: group)
        spec.isWordOrNumber = true
        let bounds = BoundedInteger(range: range)
        parse = { (text: String) throws(InvalidArgument) in try bounds.parse(text) }
    }
}

/// `--predicate a,b --predicate c`: values in order, without repeats.
struct ListOption<Value: ArgumentValue>: OptionDeclaration {
    var spec: OptionSpec

    init(_ name: String, value: String, group: OptionGroup = .command, help: String) {
        spec = OptionSpec(name: name, short: nil, valueName: value, arity: .list, help: help, group: group)
    }
}

/// `--between 2014 2017`: two values, given once.
struct PairOption<Value: ArgumentValue>: OptionDeclaration {
    var spec: OptionSpec

    init(_ name: String, value: String, group: OptionGroup = .command, help: String) {
        spec = OptionSpec(name: name, short: nil, valueName: value, arity: .pair, help: help, group: group)
        spec.isWordOrNumber = Value.self != String.self
    }
}

/// One positional argument of a command.
struct ArgumentSpec: Sendable {
    let name: String
    let help: String
    var isOptional = false
    var isVariadic = false
    /// What the refusal of an empty value adds (`set`'s value: null removes a field).
    var whenEmpty: String? = nil
    /// What `-` as its value reads from standard input, if anything (`set ID FIELD -`).
    var standardInput: StandardInputReading? = nil
}

/// What a command accepts, and the help text it shows.
struct CommandSpec: Sendable {
    let name: String
    let abstract: String
    var discussion: String = ""
    var arguments: [ArgumentSpec] = []
    /// The command's own options and those it shares, in the order its help lists each group.
    var options: [OptionSpec] = []
    var examples: [String] = []
    /// Whether `--db` and `--store` name the command's store: `copy` names its two in its
    /// arguments, refuses both, and its help does not list them.
    var takesStoreOptions = true

    init(
        name: String, abstract: String, discussion: String = "", arguments: [ArgumentSpec] = [],
        options: [any OptionDeclaration] = [], examples: [String] = [], takesStoreOptions: Bool = true
    ) {
        self.takesStoreOptions = takesStoreOptions
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.arguments = arguments
        self.options = options.flatMap { [$0.spec] + $0.spec.companions }
        self.examples = examples
    }

    /// Every option the command accepts, the global ones last.
    var allOptions: [OptionSpec] { options + CommandSpec.globalOptions.map(\.spec) }

    var usage: String {
        var parts = ["isnad", name]
        for argument in arguments {
            let text = "<\(argument.name)>" + (argument.isVariadic ? "…" : "")
            parts.append(argument.isOptional ? "[\(text)]" : text)
        }
        if !options.isEmpty { parts.append("[options]") }
        return parts.joined(separator: " ")
    }

    var help: String {
        var lines = ["OVERVIEW: \(abstract)", ""]
        if !discussion.isEmpty { lines += [discussion, ""] }
        lines += ["USAGE: \(usage)", ""]
        if !arguments.isEmpty {
            lines.append("ARGUMENTS:")
            lines += arguments.map { HelpLayout.row("<\($0.name)>", $0.help) }
            lines.append("")
        }
        var groups: [[String]] = []
        for group in OptionGroup.allCases {
            let storeOptions = [CommandSpec.database.spec.name, CommandSpec.storeName.spec.name]
            let members = allOptions.filter {
                $0.group == group && (takesStoreOptions || !storeOptions.contains($0.name))
            }
            guard !members.isEmpty else { continue }
            groups.append(
                [group.title]
                    + members.map { option in
                        HelpLayout.row((option.short.map { "-\($0), " } ?? "") + option.usage, option.help)
                    })
        }
        lines += groups.joined(separator: [""])
        if !examples.isEmpty {
            lines += ["", "EXAMPLES:"]
            lines += examples.map { "  \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `--db` and `--store` (taken out before the command parses, see ``IsnadCLI``; listed for the help).
    static let database = Option<String>(
        "db", value: "path", group: .global,
        help: "The store to use: a file, or a postgresql:// URI (default: $ISNAD_DB, else ./isnad.db).")
    static let storeName = Option<String>(
        "store", value: "name", group: .global, help: "The store's name in a PostgreSQL database (default: isnad).")
    static let showsHelp = Flag("help", short: "h", group: .global, help: "Show this help.")
    static let bidiMarks = Option<BidiMarks>(
        "bidi-marks", value: "when", group: .global,
        help:
            "auto (on a terminal, and in --format cite wherever it goes; the default), always or never: marks that keep Arabic lines in order."
    )

    static let writeLockWait = Option<Int>(
        "wait", value: "seconds", in: 0...604_800, group: .global,
        help:
            "How long a change waits for another's write lock before giving up (exit 75, nothing written); default: as long as it takes."
    )

    /// Options every command accepts.
    static let globalOptions: [any OptionDeclaration] = [database, storeName, bidiMarks, writeLockWait, showsHelp]
}

enum HelpLayout {
    /// The column an option's or argument's description starts at.
    static let descriptionColumn = 28

    static func row(_ left: String, _ right: String) -> String {
        let indent = descriptionColumn
        let head = "  " + left
        if head.count < indent - 1 { return head + String(repeating: " ", count: indent - head.count) + right }
        return head + "\n" + String(repeating: " ", count: indent) + right
    }

    /// Help as printed for a terminal as wide as `width` (``wrapped(_:width:)``), or as written
    /// when nothing bounds it (off a terminal).
    static func laidOut(_ help: String, width: Int?) -> String {
        width.map { wrapped(help, width: $0) } ?? help
    }

    /// Help laid out for a terminal `width` cells wide (``LineWrapping``): a paragraph of prose
    /// wider than the terminal is set again to its width, a description wraps under itself (at
    /// ``descriptionColumn``, or under its option's name where that column leaves too little:
    /// ``underItsName(_:descriptionStart:width:)``), any other line at its own indentation;
    /// examples stay whole, one command a line, to be copied as they are. A line that fits stays
    /// as it was written, but for a row laid out under its name.
    static func wrapped(_ help: String, width: Int) -> String {
        let width = max(width, ReadingLayout.narrowestWidth)
        var output: [String] = []
        var paragraph: [String] = []
        func endParagraph() {
            if paragraph.contains(where: { DisplayWidth.of($0) > width }) {
                for line in logicalLines(of: paragraph) {
                    output += isCommand(line) ? [line] : LineWrapping.wrap(line, width: width, continuationIndent: "")
                }
            } else {
                output += paragraph
            }
            paragraph = []
        }
        var isInExamples = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if !line.isEmpty, !line.hasPrefix(" ") { isInExamples = line == "EXAMPLES:" }
            // A heading (OPTIONS:, CHANNELS AND COMMON LINKS) is in capitals.
            let isProse = !isInExamples && !line.isEmpty && !line.hasPrefix(" ") && line != line.uppercased()
            if isProse {
                paragraph.append(line)
                continue
            }
            endParagraph()
            guard !isInExamples, !isCommand(line) else {
                output.append(line)
                continue
            }
            let start = descriptionStart(of: line)
            if width - start < ReadingLayout.narrowestValue {
                output += underItsName(line, descriptionStart: start, width: width)
            } else {
                output += LineWrapping.wrap(line, width: width, continuationIndent: DisplayWidth.spaces(start))
            }
        }
        endParagraph()
        return output.joined(separator: "\n")
    }

    /// Where a description starts on a terminal too narrow for ``descriptionColumn``: on the
    /// lines under its option's name, this far in.
    static let narrowDescriptionIndent = 6

    /// A row whose description would have less than ``ReadingLayout/narrowestValue`` cells at
    /// its column (`--limit <n>` at 40 columns: 12, where "neighbourhood" alone takes 13): its
    /// name on a line of its own, the description on the lines under it, at
    /// ``narrowDescriptionIndent``, wrapped there. A description's line under a name too long
    /// for the column (`<subject predicate object>`) goes there too.
    private static func underItsName(_ line: String, descriptionStart: Int, width: Int) -> [String] {
        let indentation = line.prefix { $0 == " " }.count
        let head = line.prefix(descriptionStart)
        let nameEnd = head.lastIndex { $0 != " " }.map(head.index(after:)) ?? head.startIndex
        let name = descriptionStart > indentation ? [String(head[..<nameEnd])] : []
        let indent = DisplayWidth.spaces(narrowDescriptionIndent)
        return name + LineWrapping.wrap(indent + line.dropFirst(descriptionStart), width: width, continuationIndent: indent)
    }

    /// A command to copy (`isnad export dot --focus hamas | dot -Tsvg > hamas.svg`): never broken.
    private static func isCommand(_ line: String) -> Bool {
        line.drop { $0 == " " }.hasPrefix("isnad ")
    }

    /// The lines a paragraph of the help was written as, joined where the help only broke them
    /// for its width: a line about as long as its paragraph's lines are (four fifths of their
    /// median at least) goes on in the next, unless that one starts an item of its own (`dot: …`,
    /// a command). A list of one short item a line stays one.
    private static func logicalLines(of paragraph: [String]) -> [String] {
        let widths = paragraph.map(DisplayWidth.of).sorted()
        let longest = widths.isEmpty ? 0 : widths[widths.count / 2]
        var lines: [String] = []
        var goesOn = false
        for line in paragraph {
            let startsItem = isCommand(line) || line.prefix { $0 != " " }.hasSuffix(":")
            if goesOn, !startsItem, let last = lines.popLast() {
                lines.append(last + " " + line)
            } else {
                lines.append(line)
            }
            goesOn = !isCommand(line) && DisplayWidth.of(line) * 5 >= longest * 4
        }
        return lines
    }

    /// Where an indented row's description starts (`  --id <claim>…   Only these claims`,
    /// `  stance   asserts: …`): after the first gap of two spaces or more past the indentation;
    /// the indentation itself in a row without one.
    private static func descriptionStart(of line: String) -> Int {
        let characters = Array(line)
        let indentation = characters.prefix { $0 == " " }.count
        guard indentation > 0 else { return 0 }
        var index = indentation
        while index + 2 < characters.count {
            if characters[index] == " ", characters[index + 1] == " " {
                var start = index
                while start < characters.count, characters[start] == " " { start += 1 }
                return start < characters.count ? start : indentation
            }
            index += 1
        }
        return indentation
    }
}

/// A command line that does not fit the command: the one-line message and exit code 64.
struct UsageError: Error, CustomStringConvertible {
    let message: String
    /// The command whose help would help, if any.
    var command: String?
    /// What to do instead, when no help page says it (a refused environment variable): shown
    /// in place of the pointer to help.
    var hint: String?
    var description: String {
        message + "\n" + (hint ?? command.map { "(see 'isnad \($0) --help')" } ?? "(see 'isnad help')")
    }
}

/// The parsed command line of one command. Options are read through their declarations, and
/// their values parsed when read (so a command decides which errors come first).
struct ParsedArguments {
    let spec: CommandSpec
    var positionals: [String] = []
    /// Each option's raw values, in the order given, by name: read only through the typed
    /// accessors below (and replaced only by ``readingStandardInput(_:)``).
    var given: [String: [String]] = [:]

    init(spec: CommandSpec) { self.spec = spec }

    /// Whether the option was given at all.
    func isGiven(_ option: some OptionDeclaration) -> Bool { raw(option.spec) != nil }

    func isSet(_ flag: Flag) -> Bool { raw(flag.spec) != nil }

    /// The option's value (the last given), or nil.
    func value<Value>(_ option: Option<Value>) throws -> Value? {
        guard let text = raw(option.spec)?.last else { return nil }
        return try parsing(option.spec) { () throws(InvalidArgument) in
            // The command's own declaration says which words it takes, whichever declaration of
            // the same option the caller reads it through (`OutputFormat.option` for every --format).
            if let choices = spec.allOptions.first(where: { $0.name == option.spec.name })?.choices,
                !choices.contains(where: { $0.lowercased() == text.lowercased() })
            {
                throw InvalidArgument(
                    message: "\"\(Text.printable(text))\" is not one of \(choices.joined(separator: ", "))"
                        + Suggestion.phrase(Suggestion.nearest(to: text, among: choices)))
            }
            return try option.parse(text)
        }
    }

    func value<Value>(_ option: Option<Value>, default fallback: Value) throws -> Value {
        try value(option) ?? fallback
    }

    /// A list option's values, split at commas, in order, without repeats.
    func values<Value>(_ option: ListOption<Value>) throws -> [Value] {
        var items: [String] = []
        for value in raw(option.spec) ?? [] {
            for part in value.split(separator: ",") {
                let item = part.trimmingCharacters(in: .whitespaces)
                if !item.isEmpty, !items.contains(item) { items.append(item) }
            }
        }
        return try items.map { item in try parsing(option.spec) { () throws(InvalidArgument) in try Value(argument: item) } }
    }

    /// The values given to a list option that hold a comma, as given (``values(_:)`` splits
    /// them): for a lookup to refuse one that is a whole name, which a comma always splits.
    func valuesHoldingCommas<Value>(_ option: ListOption<Value>) -> [String] {
        (raw(option.spec) ?? []).filter { $0.contains(",") }
    }

    /// A pair option's two values (the last pair given), or nil.
    func pair<Value>(_ option: PairOption<Value>) throws -> (Value, Value)? {
        guard let values = raw(option.spec), values.count >= 2 else { return nil }
        let (first, second) = (values[values.count - 2], values[values.count - 1])
        return try parsing(option.spec) { () throws(InvalidArgument) in
            (try Value(argument: first), try Value(argument: second))
        }
    }

    /// Refuses, as a usage error, the first option given (in the order of the help) that does
    /// not apply to `kind` (export's format, add's record kind, import's input format), naming the
    /// kinds it applies to: "--yed does not apply to export dot, only to export graphml". `subject`
    /// comes before each kind (the command's name unless given); `note` follows the message.
    func refuseOptionsNotFor(
        _ kind: String, subject: String? = nil, note: (_ refused: OptionSpec) -> String = { _ in "" }
    ) throws {
        let subject = subject ?? spec.name
        for option in spec.options where raw(option) != nil {
            guard !option.formats.isEmpty, !option.formats.contains(kind) else { continue }
            throw UsageError(
                message: "--\(option.name) does not apply to \(subject) \(kind), only to \(subject) "
                    + ListFormat.and(option.formats) + note(option),
                command: spec.name)
        }
    }

    private func raw(_ option: OptionSpec) -> [String]? {
        assert(spec.allOptions.contains { $0.name == option.name }, "--\(option.name) is not an option of \(spec.name)")
        return given[option.name]
    }

    private func parsing<T>(_ option: OptionSpec, _ body: () throws(InvalidArgument) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw UsageError(message: "--\(option.name): \(error.message)", command: spec.name)
        }
    }
}

enum CommandLineParser {
    /// Parses the arguments that follow the command's name.
    static func parse(_ arguments: [String], as spec: CommandSpec) throws -> ParsedArguments {
        var parsed = ParsedArguments(spec: spec)
        let options = spec.allOptions
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            // `-1` is a number (undo's entry, a grade) as no option is named by a digit.
            let isNumber = argument.dropFirst().first?.isNumber == true
            if onlyPositionals || argument == "-" || !argument.hasPrefix("-") || isNumber {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            var name: String
            var inlineValue: String?
            if argument.hasPrefix("--") {
                name = String(argument.dropFirst(2))
                if let equals = name.firstIndex(of: "=") {
                    inlineValue = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                }
            } else {
                guard argument.count == 2, let letter = argument.last,
                    let option = options.first(where: { $0.short == letter })
                else {
                    throw UsageError(message: "unknown option '\(Text.printable(argument))'", command: spec.name)
                }
                name = option.name
            }
            guard let option = options.first(where: { $0.name == name }) else {
                // Another command's spelling of an option of this one (`claims --since`): this
                // command's own, before any spelling merely close to it (`--stance`).
                if let ownSpelling = OptionSynonyms.hint(for: name, in: spec) {
                    throw UsageError(message: "unknown option '--\(Text.printable(name))' (\(ownSpelling))", command: spec.name)
                }
                // An option of another command, for what this one can do from its result
                // (`export --without-source`: export from a copy without the source).
                if let elsewhere = OptionsElsewhere.hint(for: name, in: spec) {
                    throw UsageError(message: "unknown option '--\(Text.printable(name))' (\(elsewhere))", command: spec.name)
                }
                // The one option that begins with the name typed (`--typ`), else a close spelling,
                // else the one option whose words end with the name typed
                // (`--depth` of path, whose option is `--max-depth`).
                let endingWithIt = options.map(\.name).filter { $0.hasSuffix("-" + name) }
                let startingWithIt = options.map(\.name).filter { $0.hasPrefix(name) }
                let suggestion =
                    (startingWithIt.count == 1 ? startingWithIt.first : nil)
                    ?? Suggestion.nearest(to: name, among: options.map(\.name))
                    ?? (endingWithIt.count == 1 ? endingWithIt.first : nil)
                throw UsageError(
                    message: "unknown option '--\(Text.printable(name))'"
                        + (suggestion.map { " (did you mean '--\($0)'?)" } ?? ""),
                    command: spec.name)
            }
            switch option.arity {
            case .flag:
                if inlineValue != nil { throw UsageError(message: "--\(name) takes no value", command: spec.name) }
                parsed.given[name, default: []].append("")
            case .single, .list:
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < arguments.count, !isOption(arguments[index]) else {
                        throw missingValue(option, followedBy: index < arguments.count ? arguments[index] : nil, spec: spec)
                    }
                    value = arguments[index]
                    index += 1
                }
                try refuseEmpty(value, of: option, spec: spec)
                if option.arity == .single, let earlier = parsed.given[name]?.first,
                    !isSameValue(earlier, value, asWords: option.isWordOrNumber)
                {
                    throw UsageError(
                        message:
                            "--\(name) is given twice (\"\(Text.printable(earlier))\" and \"\(Text.printable(value))\"): give it once",
                        command: spec.name)
                }
                parsed.given[name] = option.arity == .single ? [value] : (parsed.given[name] ?? []) + [value]
            case .pair:
                if inlineValue != nil {
                    throw UsageError(
                        message: "--\(name) takes two values, after a space each (not after =): \(option.usage)",
                        command: spec.name)
                }
                guard index + 1 < arguments.count, !isOption(arguments[index]), !isOption(arguments[index + 1]) else {
                    let next = arguments[index..<min(index + 2, arguments.count)].first(where: isOption)
                    throw missingValue(option, followedBy: next, spec: spec)
                }
                let values = [arguments[index], arguments[index + 1]]
                for value in values { try refuseEmpty(value, of: option, spec: spec) }
                if let earlier = parsed.given[name],
                    !zip(earlier, values).allSatisfy({ isSameValue($0, $1, asWords: option.isWordOrNumber) })
                {
                    throw UsageError(message: "--\(name) is given twice: give it once", command: spec.name)
                }
                parsed.given[name] = values
                index += 2
            }
        }
        if parsed.isSet(CommandSpec.showsHelp) { return parsed }
        try checkPositionals(parsed.positionals, spec: spec)
        try refuseTwoReadersOfStandardInput(parsed)
        return parsed
    }

    /// Standard input holds one text: `--quote - --notes -` would give the notes nothing (or
    /// the quote's end), so two options or arguments whose `-` reads it are refused.
    private static func refuseTwoReadersOfStandardInput(_ parsed: ParsedArguments) throws {
        let readers = parsed.readersOfStandardInput
        guard readers.count > 1 else { return }
        throw UsageError(
            message:
                "\(ListFormat.and(readers)) would \(readers.count == 2 ? "both" : "all") read standard input, which holds one text: give - to one of them, the others on the command line (or isnad edit ID afterwards)",
            command: parsed.spec.name)
    }

    /// Whether a word after an option that takes a value is another option rather than its value:
    /// `--reason --help` is refused, not a retraction for the reason "--help". A value that starts
    /// with two hyphens is given with `=` (`--quote=--…`); `-1`, `-` and words with a space in them
    /// before any `=` (`--reason "-- see below"`: no option's name has one) are values.
    private static func isOption(_ word: String) -> Bool {
        if word == "-h" { return true }
        guard word.hasPrefix("--"), word.count > 2 else { return false }
        // The option's name, before any `=`: `--quote-en=we paid` is an option with its value.
        return !word.dropFirst(2).prefix { $0 != "=" }.contains(where: \.isWhitespace)
    }

    /// Two values of one option that read the same: as written, or, for an option whose value is
    /// a word of a fixed set, a number or a date, in any case (`json`, `JSON`) or as the same
    /// number (`1`, `01`, `١`). Free text (a name, a quote, a file, an id) is the same only as
    /// written: `out/A.jsonl` and `out/a.jsonl` are two files. A script's default repeated with
    /// the same value is no conflict.
    static func isSameValue(_ first: String, _ second: String, asWords: Bool) -> Bool {
        if first == second { return true }
        guard asWords else { return false }
        if first.lowercased() == second.lowercased() { return true }
        if let a = Int(Text.withWesternDigits(first)), let b = Int(Text.withWesternDigits(second)) { return a == b }
        return false
    }

    private static func missingValue(_ option: OptionSpec, followedBy next: String?, spec: CommandSpec) -> UsageError {
        let count = option.arity == .pair ? "two values" : "a value"
        guard let next else { return UsageError(message: "--\(option.name) needs \(count): \(option.usage)", command: spec.name) }
        // What `isOption` takes for an option: a word that starts with `--`, or `-h`.
        let joined =
            option.arity == .pair
            ? ""
            : next == "-h"
                ? " (the value -h is given as --\(option.name)=-h)"
                : " (a value that starts with -- is given as --\(option.name)=…)"
        return UsageError(
            message: "--\(option.name) needs \(count), and '\(Text.printable(next))' is an option\(joined)", command: spec.name)
    }

    /// An empty value names nothing: `--source ''` (an unset variable in a script) would
    /// otherwise filter nothing and answer for the whole store. A list's value that is commas alone
    /// is as empty, and so is one of invisible characters or direction marks alone.
    private static func refuseEmpty(_ value: String, of option: OptionSpec, spec: CommandSpec) throws {
        let parts = option.arity == .list ? value.split(separator: ",").map(String.init) : [value]
        guard parts.allSatisfy(Text.showsNothing) else { return }
        throw UsageError(message: "--\(option.name) is empty: \(option.usage)", command: spec.name)
    }

    private static func checkPositionals(_ positionals: [String], spec: CommandSpec) throws {
        let required = spec.arguments.filter { !$0.isOptional }.count
        let isVariadic = spec.arguments.last?.isVariadic ?? false
        if positionals.count < required {
            let missing = spec.arguments[positionals.count]
            throw UsageError(message: "missing <\(missing.name)>: \(spec.usage)", command: spec.name)
        }
        if !isVariadic, positionals.count > spec.arguments.count {
            let extra = positionals[spec.arguments.count]
            throw UsageError(message: "unexpected argument '\(Text.printable(extra))': \(spec.usage)", command: spec.name)
        }
        // An empty argument names nothing: say so, rather than look for it.
        for (index, positional) in positionals.enumerated()
        where Text.showsNothing(positional) {
            let argument = spec.arguments[min(index, spec.arguments.count - 1)]
            throw UsageError(
                message: "<\(argument.name)> is empty\(argument.whenEmpty.map { " (\($0))" } ?? ""): \(spec.usage)",
                command: spec.name)
        }
    }
}

/// One idea that commands spell differently: `log --since` and `claims --as-of`, `neighbors
/// --direction` and `path --directed`, `neighbors --depth` and `path --max-depth`, `--limit` and
/// `stats --top`. Given another command's spelling, the hint names this command's own options,
/// not an option whose name is merely close (`claims --since` is not `--stance`).
enum OptionSynonyms {
    /// Each set: the spellings of one idea across the commands.
    static let ideas: [Set<String>] = [
        ["since", "until", "as-of", "between"],
        ["direction", "directed"],
        ["depth", "max-depth"],
        ["limit", "top"],
    ]

    /// "claims takes --as-of <date> or --between <date> <date>" when `name` spells an idea
    /// that `spec` takes under other names, else nil.
    static func hint(for name: String, in spec: CommandSpec) -> String? {
        guard let idea = ideas.first(where: { $0.contains(name) }) else { return nil }
        let own = spec.options.filter { idea.contains($0.name) }
        guard !own.isEmpty else { return nil }
        return "\(spec.name) takes " + own.map(\.usage).joined(separator: " or ")
    }
}

/// Options that live on one command, asked of others that act on what it makes: a copy that
/// withholds a source is made by `copy`, and every other command reads that copy.
enum OptionsElsewhere {
    /// By option name: the commands that take it, and what was wanted, to be done from their result.
    static let options: [String: (commands: String, remedy: String)] = [
        "without-source": ("isnad copy and of import --from history", "copy the store without the source"),
        "without-notes": ("isnad copy", "copy the store without the notes"),
    ]

    /// "it is an option of isnad copy …: copy the store without the source, then export from the
    /// copy" when `name` is such an option and `spec` does not take it, else nil.
    static func hint(for name: String, in spec: CommandSpec) -> String? {
        guard let option = options[name], !spec.allOptions.contains(where: { $0.name == name }) else { return nil }
        let then = spec.name == "export" ? "export" : "run \(spec.name)"
        return "it is an option of \(option.commands): \(option.remedy), then \(then) from the copy"
    }
}

/// Lists in words: `a`, `a and b`, `a, b and c`.
enum ListFormat {
    static func and(_ items: [String]) -> String {
        guard let last = items.last, items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }
}
