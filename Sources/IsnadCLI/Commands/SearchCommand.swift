import Foundation
import IsnadKit

enum SearchCommand: Command {
    static let name = "search"
    static let spec = CommandSpec(
        name: name,
        abstract: "Find entities by name or alias, in Arabic or English, however it is spelled.",
        discussion: """
            Ranks every entity whose id, name or alias matches: exactly (up to case, diacritics, Arabic letter variants
            أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي, and tatweel), as a spelling variant (al-/el-, Abu/Abou,
            Abd/Abdul/Abdel, doubled letters, o/u, e/i, q/k), by containing every word typed, by the same consonants
            in the other script where no name is the text (saraya al-quds finds سرايا القدس, حزب الله finds Hezbollah),
            or by a close spelling (a typo or two, found through a trigram index). The same matching names entities
            in every command. The best 10 unless --limit, in every format: when more match, a table says so under
            itself, JSON and CSV on standard error. When nothing matches, it says why on standard error and exits 1,
            as grep does (csv still prints its header).
            """,
        arguments: [ArgumentSpec(name: "text", help: "What to look for: a name, part of one, in any spelling.")],
        options: [limit, OutputFormat.option, Timing.option],
        examples: ["isnad search baghdadi", "isnad search \"ابو بكر البغدادى\"", "isnad search qasam --format csv"])

    static let limit = ListingLimit.option(
        help: "Show at most the n best entities; 0: every match. Default: 10, in every format.")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let format = try arguments.value(OutputFormat.option, default: .table)
        let limit = try arguments.value(Self.limit, default: 10)
        let store = try context.openStore(.read)
        // One more than shown, to know whether more match.
        let found = try context.measure(arguments.isSet(Timing.option)) {
            try NameSearch(store: store).find(arguments.positionals[0], limit: limit == 0 ? Int.max : limit + 1)
        }
        var matches = found.matches
        let hasMore = limit > 0 && matches.count > limit
        if hasMore { matches.removeSubrange(limit...) }
        // What the limit, or the reading of short words, left out: under a table, and on standard
        // error after JSON and CSV (10 by default in every format: a script is told it got some).
        let cut =
            found.wordsCut.isEmpty
            ? (hasMore ? ListingLimit.note(showingFirst: matches.count, "entity", "entities") : nil)
            : Self.cutNote(shown: matches.count, isShowingFirst: hasMore, typed: arguments.positionals[0])
        let nothing = matches.isEmpty ? NothingFound(text: arguments.positionals[0]) : nil
        // A table of nothing is no answer: the reason goes to standard error instead. CSV keeps its
        // header and JSON its (empty) records, for scripts.
        if let nothing, format.isForReading { throw nothing }
        try format.print(
            Printout(
                reading: {
                    var table = TextTable([
                        .identifiers("ID"), .init(header: "NAME", maximumWidth: 40), .init(header: "TYPE"),
                        .init(header: "MATCHED", maximumWidth: 40), .init(header: "MATCH"),
                        .init(header: "CLAIMS", alignsRight: true),
                    ])
                    for match in matches {
                        table.append([
                            match.id, match.name, match.type.rawValue, match.matchedName, match.tier.label, String(match.claims),
                        ])
                    }
                    if let cut { return .init(text: table.render(), trailer: cut) }
                    return .init(text: table.render(), note: counted(matches.count, "entity", "entities") + " found")
                },
                json: .records { sink in
                    var set = RecordSet(store: store)
                    matches.forEach { set.add(entity: $0.id) }
                    try set.write(to: sink)
                },
                rows: Printout.Rows(
                    header: ["id", "name", "type", "matched_name", "match", "similarity", "claims"],
                    rows: matches.map { match in
                        [
                            match.id, match.name, match.type.rawValue, match.matchedName, match.tier.label,
                            String(format: "%.2f", match.similarity), String(match.claims),
                        ]
                    }),
                leftOut: { [cut].compactMap { $0 } }),
            context: context)
        if let nothing { throw nothing }
    }

    /// The line that says a search of short words read only the first names that begin with each:
    /// `200 entities found in the first 200 names beginning with "mo"; more names begin with it:
    /// type more letters to narrow the search`. Reading every name that begins with a letter or
    /// two would read most of a large store; those read are the first by key, then by entity id.
    static func cutNote(shown: Int, isShowingFirst: Bool, typed: String) -> String {
        let text = typed.trimmingWhitespace
        let isOneWord = text.split(whereSeparator: \.isWhitespace).count <= 1
        return (isShowingFirst ? "showing the first " : "") + counted(shown, "entity", "entities") + " found in the first "
            + "\(GraphStore.shortWordCandidateLimit) names beginning with \(isOneWord ? "" : "each word of ")\"\(Text.printable(text))\"; "
            + "more names begin with \(isOneWord ? "it" : "them"): type more letters to narrow the search"
    }

    /// No entity matched: the one line says why, and the exit code is 1, as grep's.
    struct NothingFound: Error, CustomStringConvertible {
        let text: String

        var description: String {
            let typed = Text.printable(text.trimmingWhitespace)
            if NameKey.normalize(text).unicodeScalars.count < 3 {
                return "no entity matches \"\(typed)\": no id, name or alias is or begins with it, and under 3 letters it is "
                    + "too short to be searched for inside a name or as a close spelling"
            }
            // A source is looked for by another command: an analyst looking for an outlet or an
            // informant by name is sent there.
            return "no entity matches \"\(typed)\" by id, name, alias, the words of a name, its consonants in the other "
                + "script, or a close spelling (search finds entities; isnad source \"\(typed)\" finds a source by its id, "
                + "title, publisher or author)"
        }
    }
}
