import Foundation
import IsnadKit

// Isnad's own small argument parser: declarative specs, `--name value`, `--name=value`,
// repeated or comma-separated lists, `--` to end options, and errors that name the offending
// argument and suggest the right one. Kept in this one file.

/// One option of a command.
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

    init(_ name: String, short: Character? = nil, value: String = "", arity: Arity = .single, help: String) {
        self.name = name
        self.short = short
        self.valueName = value
        self.arity = value.isEmpty ? .flag : arity
        self.help = help
    }

    var usage: String {
        switch arity {
        case .flag: "--\(name)"
        case .single: "--\(name) <\(valueName)>"
        case .list: "--\(name) <\(valueName)>…"
        case .pair: "--\(name) <\(valueName)> <\(valueName)>"
        }
    }
}

/// One positional argument of a command.
struct ArgumentSpec: Sendable {
    let name: String
    let help: String
    var isOptional = false
    var isVariadic = false
}

/// What a command accepts, and the help text it shows.
struct CommandSpec: Sendable {
    let name: String
    let abstract: String
    var discussion: String = ""
    var arguments: [ArgumentSpec] = []
    var options: [OptionSpec] = []
    var examples: [String] = []

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
        let allOptions = options + CommandSpec.globalOptions
        lines.append("OPTIONS:")
        lines += allOptions.map { option in
            HelpLayout.row((option.short.map { "-\($0), " } ?? "") + option.usage, option.help)
        }
        if !examples.isEmpty {
            lines += ["", "EXAMPLES:"]
            lines += examples.map { "  \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Options every command accepts.
    static let globalOptions = [
        OptionSpec("db", value: "path", help: "The store to use (default: $ISNAD_DB, else ./isnad.db)."),
        OptionSpec("help", short: "h", help: "Show this help."),
    ]
}

enum HelpLayout {
    static func row(_ left: String, _ right: String) -> String {
        let indent = 28
        let head = "  " + left
        if head.count < indent - 1 { return head + String(repeating: " ", count: indent - head.count) + right }
        return head + "\n" + String(repeating: " ", count: indent) + right
    }
}

/// A command line that does not fit the command: the one-line message and exit code 64.
struct UsageError: Error, CustomStringConvertible {
    let message: String
    /// The command whose help would help, if any.
    var command: String?
    var description: String {
        message + (command.map { "\n(see 'isnad \($0) --help')" } ?? "\n(see 'isnad help')")
    }
}

/// The parsed command line of one command.
struct ParsedArguments {
    let spec: CommandSpec
    var positionals: [String] = []
    var values: [String: [String]] = [:]

    func flag(_ name: String) -> Bool { values[name] != nil }

    func value(_ name: String) -> String? { values[name]?.last }

    /// A list option's values, split at commas, in order, without repeats.
    func list(_ name: String) -> [String] {
        var result: [String] = []
        for value in values[name] ?? [] {
            for part in value.split(separator: ",") {
                let item = part.trimmingCharacters(in: .whitespaces)
                if !item.isEmpty, !result.contains(item) { result.append(item) }
            }
        }
        return result
    }

    func pair(_ name: String) -> (String, String)? {
        guard let values = values[name], values.count >= 2 else { return nil }
        return (values[values.count - 2], values[values.count - 1])
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(
                message:
                    "--\(name): expected a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(Text.printable(text))\"",
                command: spec.name)
        }
        return number
    }

    /// One of a fixed set of words.
    func choice<T: RawRepresentable>(_ name: String, of type: T.Type, default fallback: T) throws -> T
    where T.RawValue == String, T: CaseIterable {
        guard let text = value(name) else { return fallback }
        guard let result = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue)
            throw UsageError(
                message: "--\(name): \"\(Text.printable(text))\" is not one of \(allowed.joined(separator: ", "))"
                    + Suggestion.phrase(Suggestion.nearest(to: text, among: allowed)),
                command: spec.name)
        }
        return result
    }
}

enum CommandLineParser {
    /// Parses the arguments that follow the command's name.
    static func parse(_ arguments: [String], as spec: CommandSpec) throws -> ParsedArguments {
        var parsed = ParsedArguments(spec: spec)
        let options = spec.options + CommandSpec.globalOptions
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
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
                let suggestion = Suggestion.nearest(to: name, among: options.map(\.name))
                throw UsageError(
                    message: "unknown option '--\(Text.printable(name))'"
                        + (suggestion.map { " (did you mean '--\($0)'?)" } ?? ""),
                    command: spec.name)
            }
            switch option.arity {
            case .flag:
                if inlineValue != nil { throw UsageError(message: "--\(name) takes no value", command: spec.name) }
                parsed.values[name, default: []].append("")
            case .single, .list:
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < arguments.count else {
                        throw UsageError(message: "--\(name) needs a value: \(option.usage)", command: spec.name)
                    }
                    value = arguments[index]
                    index += 1
                }
                parsed.values[name, default: []].append(value)
            case .pair:
                guard inlineValue == nil, index + 1 < arguments.count else {
                    throw UsageError(message: "--\(name) needs two values: \(option.usage)", command: spec.name)
                }
                parsed.values[name, default: []] += [arguments[index], arguments[index + 1]]
                index += 2
            }
        }
        if parsed.flag("help") { return parsed }
        try checkPositionals(parsed.positionals, spec: spec)
        return parsed
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
    }
}
