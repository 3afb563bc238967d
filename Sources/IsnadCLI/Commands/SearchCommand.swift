import Foundation
import IsnadKit

enum SearchCommand: Command {
    static let spec = CommandSpec(
        name: "search",
        abstract: "Find entities by name or alias, in Arabic or English, however it is spelled.",
        discussion: """
            Ranks every entity whose id, name or alias matches: exactly (up to case, diacritics, Arabic letter variants
            أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي, and tatweel), as a spelling variant (al-/el-, Abu/Abou,
            Abd/Abdul/Abdel, doubled letters, o/u, e/i, q/k), by containing every word typed, or by a close spelling
            (a typo or two, found through a trigram index). The same matching names entities in every command.
            """,
        arguments: [ArgumentSpec(name: "text", help: "What to look for: a name, part of one, in any spelling.")],
        options: [
            OptionSpec("limit", value: "n", help: "Show at most this many entities (default: 10)."), OutputFormat.option,
            Timing.option,
        ],
        examples: ["isnad search baghdadi", "isnad search \"ابو بكر البغدادى\"", "isnad search qasam --format csv"])

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let format = try arguments.choice("format", of: OutputFormat.self, default: .table)
        let limit = try arguments.integer("limit", in: 1...10_000) ?? 10
        let store = try context.openStore(.read)
        let matches = try Timing.measure(arguments.flag("timing")) {
            try NameSearch(store: store).search(arguments.positionals[0], limit: limit)
        }
        switch format {
        case .json:
            var set = RecordSet(store: store)
            matches.forEach { set.add(entity: $0.id) }
            try set.write(to: context.output)
        case .csv:
            var csv = try CSVWriter(
                header: ["id", "name", "type", "matched_name", "match", "similarity", "claims"], to: context.output)
            for match in matches {
                try csv.append([
                    match.id, match.name, match.type.rawValue, match.matchedName, match.tier.label,
                    String(format: "%.2f", match.similarity), String(match.claims),
                ])
            }
        case .table:
            var table = TextTable([
                .init(header: "ID", maximumWidth: 40), .init(header: "NAME", maximumWidth: 40), .init(header: "TYPE"),
                .init(header: "MATCHED", maximumWidth: 40), .init(header: "MATCH"), .init(header: "CLAIMS", alignsRight: true),
            ])
            for match in matches {
                table.append([
                    match.id, match.name, match.type.rawValue, match.matchedName, match.tier.label, String(match.claims),
                ])
            }
            try context.print(table.render())
            context.message(counted(matches.count, "entity", "entities") + " found")
        }
    }
}
