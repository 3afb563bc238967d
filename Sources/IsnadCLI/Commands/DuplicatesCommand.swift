import IsnadKit

enum DuplicatesCommand: Command {
    static let name = "duplicates"
    static let spec = CommandSpec(
        name: name,
        abstract: "List pairs of entities that may be one, with why and a score; never merges.",
        discussion: """
            Candidates are entities of one type with a name or alias that is the same once folded (case, diacritics,
            Arabic letter variants, transliteration variants: score 0.85–1); with a name in Arabic letters and one in
            Latin letters of the same consonants (three at least: 0.70–0.75); with two names in Latin letters written
            alike but for French and English conventions (ch sh, dj j, ou w, y i, ai ei: Ag Ghaly, ag Ghali:
            0.75–0.80) or spelt closely (the same consonants, one edit in eight letters, those conventions aside, not a
            name and its feminine: 0.65–0.70); or
            with mostly the same links (a link is a neighbour in one role, predicate and direction; at least 2
            shared, and half of all their links; a neighbour of more than 200 entities does not count: score up to
            0.8). Best first. A name (or its consonants) borne by more than 20 entities is a common name, not one
            actor entered twice: its entities are not paired, and the name is said on standard error. isnad merge
            KEEP OTHER merges a pair.

            A table shows the best \(ListingLimit.tableDefault) pairs (--limit), saying under itself how many there are when it leaves
            some out; JSON and CSV list every pair unless given a limit, and say on standard error what one left out.
            """,
        options: [limit, format],
        examples: ["isnad duplicates", "isnad duplicates --limit 20", "isnad duplicates --format csv"])

    static let format = OutputFormat.option(json: "json (JSON Lines: one pair a line, the score a number; not records)")
    static let limit = ListingLimit.option(
        help: "At most n pairs, the best; 0: all. Default: \(ListingLimit.tableDefault) in a table, all in json and csv.")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let format = try arguments.value(Self.format, default: .table)
        let limit = try ListingLimit.value(arguments, option: Self.limit, format: Self.format)
        let store = try context.openStore(.read)
        let found = try store.duplicateCandidates()
        // Every pair is found and ranked before any is shown: the limit cuts the list, not the work.
        let candidates = found.prefix(limit ?? found.count)
        let leftOut =
            candidates.count < found.count ? ListingLimit.note(showing: candidates.count, of: found.count, "pair") : nil
        let common = try store.commonNames()
        if !common.isEmpty {
            let shown = common.prefix(5).map { "\(Text.printable($0.name)): \($0.entities)" }.joined(separator: "; ")
            context.message(
                "isnad: \(common.count == 1 ? "1 name is" : "\(common.count) names are") borne by more than \(GraphStore.namesakesPairedAtMost) entities each, whose entities are not paired (\(shown)\(common.count > 5 ? "; …" : "")): a common name, not one actor twice; isnad search NAME --limit 0 lists them"
            )
        }
        if candidates.isEmpty, format.isForReading {
            context.message("no candidate duplicates")
            return
        }
        let rows = candidates.map { [$0.first, $0.second, String(format: "%.2f", $0.score), $0.reason] }
        try format.print(
            Printout(
                reading: {
                    var table = TextTable([
                        .identifiers("FIRST"), .identifiers("SECOND"), .init(header: "SCORE"),
                        // Last, so nothing is aligned after it: wide enough for the two names it compares.
                        .init(header: "REASON", maximumWidth: 160),
                    ])
                    for row in rows { table.append(row) }
                    return .init(text: table.render(), trailer: leftOut)
                },
                json: .lines({ line in
                    for (candidate, row) in zip(candidates, rows) {
                        try line { json in
                            json.beginObject()
                            json.member("first", candidate.first)
                            json.member("second", candidate.second)
                            json.key("score")
                            json.number(row[2])
                            json.member("reason", candidate.reason)
                            json.endObject()
                        }
                    }
                }), rows: .init(header: ["first", "second", "score", "reason"], rows: rows),
                leftOut: { [leftOut].compactMap { $0 } }),
            context: context)
    }
}
