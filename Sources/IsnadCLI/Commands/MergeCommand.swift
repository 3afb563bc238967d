import IsnadKit

enum MergeCommand: Command {
    static let name = "merge"
    static let spec = CommandSpec(
        name: name,
        abstract: "Merge entities that are one: OTHER's names, claims and id go to KEEP.",
        discussion: """
            Each OTHER's name and aliases become aliases of KEEP (its name in Arabic script as ar, else en), its
            claims move to KEEP (a claim that becomes identical to one of KEEP's, with the same predicate, ends and
            dates, adds its citations to it), and OTHER is deleted; its id keeps naming KEEP on the command line and
            in imports (a record of OTHER is skipped, a claim naming it is written with KEEP). Entities must have the
            same type. One transaction and one history entry: isnad unmerge OTHER takes it back, even after later
            changes to other records. isnad duplicates lists candidates.
            """,
        arguments: [
            ArgumentSpec(name: "keep", help: "The entity kept (id, name or alias)."),
            ArgumentSpec(name: "other", help: "The entities merged into it.", isVariadic: true),
        ],
        options: [HistoryOptions.author],
        examples: ["isnad merge hadera-attacker-1 hadera-attacker-2", "isnad merge hadera-victim-1 hadera-victim-2 --author ana"])

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let store = try context.openStore(.write)
        let change = try context.change(author: arguments.value(HistoryOptions.author))
        let (lines, entry) = try store.changing(change) { session -> [String] in
            let resolver = EntityResolver(store: store)
            var keep = try EntityLookup.entity(arguments.positionals[0], resolver: resolver, context: context, forWriting: true)
            var lines: [String] = []
            // All named before any is merged: a second mention of one (`merge a b b`, or b by its
            // id and by a name) would otherwise read, once b is merged, as a itself.
            var others: [(text: String, entity: Entity)] = []
            for text in arguments.positionals.dropFirst() {
                let other = try EntityLookup.entity(text, resolver: resolver, context: context, forWriting: true)
                if let earlier = others.first(where: { $0.entity.id == other.id }) {
                    let twice =
                        earlier.text == text
                        ? "\"\(Text.printable(text))\" is named twice"
                        : "\"\(Text.printable(text))\" names \(other.id), as \"\(Text.printable(earlier.text))\" does"
                    throw UsageError(message: twice + ": name each entity once", command: spec.name)
                }
                others.append((text, other))
            }
            for (text, other) in others where other.id == keep.id {
                // Said with the name as typed: "daesh", an alias of the entity kept, reads as another actor.
                throw LookupError(
                    description:
                        "\"\(Text.printable(text))\" names \(Text.printable(keep.name)) (\(keep.id)), the entity it would be merged into: an entity cannot be merged into itself"
                )
            }
            let outcomes: [GraphStore.MergeOutcome]
            (keep, outcomes) = try session.merge(others.map(\.entity), into: keep)
            for ((_, other), outcome) in zip(others, outcomes) {
                var what = "merged \"\(other.id)\" into \"\(keep.id)\": \(counted(outcome.moved, "claim")) moved"
                if outcome.combined > 0 { what += ", \(outcome.combined) combined with identical claims" }
                lines.append(what)
            }
            return lines
        }
        for line in lines { context.message(line + (entry.map { " (history entry \($0))" } ?? "")) }
    }
}

enum UnmergeCommand: Command {
    static let name = "unmerge"
    static let spec = CommandSpec(
        name: name,
        abstract: "Take back the merge of OTHER: it comes back exactly as it was, with its claims.",
        discussion: """
            Undoes the history entry that merged OTHER (isnad undo ENTRY): OTHER, the kept entity and every claim
            the merge moved or combined are put back as they were before it, even after later changes to other
            records. Refused, naming the change, when a later change touched one of them (undo that first). An
            entry that merged several entities at once is taken back whole.
            """,
        arguments: [ArgumentSpec(name: "other", help: "The merged entity's id.")],
        options: [HistoryOptions.author],
        examples: ["isnad unmerge hadera-attacker-2", "isnad unmerge hadera-victim-2 --author ana"])

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let id = arguments.positionals[0]
        let store = try context.openStore(.write)
        guard let keep = try store.entityMergedInto(id) else {
            // An id that names no entity either is most likely mistyped: say so, with the nearest.
            if try store.entity(id: id) == nil {
                throw LookupError(
                    description: "no entity \"\(Text.printable(id))\", and no id merged into one"
                        + Suggestion.phrase(try store.nearestID(to: id, of: .entity)))
            }
            throw MergeError.notMerged(Text.printable(id))
        }
        guard let merging = try store.merging(of: id) else {
            throw MergeError.mergedBeforeHistory(Text.printable(id), keep: Text.printable(keep))
        }
        if merging.isFromAnotherStore {
            throw MergeError.mergedInAnotherStore(Text.printable(id), keep: Text.printable(keep), entry: merging.entry)
        }
        let entry = merging.entry
        let undone = try store.undo(entry, as: context.change(author: try arguments.value(HistoryOptions.author)))
        context.message(
            "unmerged \"\(id)\" from \"\(keep)\": took back entry \(undone.entry), \(undone.whatChanged); recorded as entry \(undone.undoEntry)"
        )
    }
}

enum DuplicatesCommand: Command {
    static let name = "duplicates"
    static let spec = CommandSpec(
        name: name,
        abstract: "List pairs of entities that may be one, with why and a score; never merges.",
        discussion: """
            Candidates are entities of one type with a name or alias that is the same once folded (case, diacritics,
            Arabic letter variants, transliteration variants: score 0.85–1); with a name in Arabic letters and one in
            Latin letters of the same consonants (three at least: 0.70–0.75); with two names in Latin letters spelt
            closely (the same consonants, one edit in eight letters, not a name and its feminine: 0.65–0.70); or
            with mostly the same links (a link is a neighbour in one role, predicate and direction; at least 2
            shared, and half of all their links; a neighbour of more than 200 entities does not count: score up to
            0.8). Best first. A name (or its consonants) borne by more than 20 entities is a common name, not one
            actor entered twice: its entities are not paired, and the name is said on standard error. isnad merge
            KEEP OTHER merges a pair.
            """,
        options: [format],
        examples: ["isnad duplicates", "isnad duplicates --format csv"])

    static let format = OutputFormat.option(json: "json (JSON Lines: one pair a line, the score a number; not records)")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let format = try arguments.value(Self.format, default: .table)
        let store = try context.openStore(.read)
        let candidates = try store.duplicateCandidates()
        let common = try store.commonNames()
        if !common.isEmpty {
            let shown = common.prefix(5).map { "\(Text.printable($0.name)): \($0.entities)" }.joined(separator: "; ")
            context.message(
                "isnad: \(common.count == 1 ? "1 name is" : "\(common.count) names are") borne by more than \(GraphStore.namesakesPairedAtMost) entities each, whose entities are not paired (\(shown)\(common.count > 5 ? "; …" : "")): a common name, not one actor twice; isnad search NAME --limit 0 lists them"
            )
        }
        if candidates.isEmpty, format == .table {
            context.message("no candidate duplicates")
            return
        }
        let rows = candidates.map { [$0.first, $0.second, String(format: "%.2f", $0.score), $0.reason] }
        try format.print(
            Printout(
                reading: {
                    var table = TextTable([
                        .identifiers("FIRST"), .identifiers("SECOND"), .init(header: "SCORE"), .init(header: "REASON"),
                    ])
                    for row in rows { table.append(row) }
                    return .init(text: table.render())
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
                }), rows: .init(header: ["first", "second", "score", "reason"], rows: rows)),
            context: context)
    }
}
