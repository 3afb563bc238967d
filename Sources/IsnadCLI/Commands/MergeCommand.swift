import IsnadKit

enum MergeCommand: Command {
    static let name = "merge"
    static let spec = CommandSpec(
        name: name,
        abstract: "Merge entities that are one: OTHER's names, claims and id go to KEEP.",
        discussion: """
            Each OTHER's name and aliases become aliases of KEEP (its name in Arabic script as ar, else en; every
            spelling KEEP lacks, case and spacing aside), its
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
        options: [HistoryOptions.author, isDryRun],
        examples: ["isnad merge hadera-attacker-1 hadera-attacker-2", "isnad merge hadera-victim-1 hadera-victim-2 --author ana"])

    static let isDryRun = HistoryOptions.dryRun("merged")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let store = try context.openStore(arguments.isSet(isDryRun) ? .dryRun : .write)
        let change = try context.change(author: arguments.value(HistoryOptions.author))
        let (lines, entry) = try store.changing(change, isDryRun: arguments.isSet(isDryRun)) { session -> [String] in
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
        for line in lines {
            context.message(
                arguments.isSet(isDryRun)
                    ? HistoryOptions.dryRunMessage(line) : line + (entry.map { " (history entry \($0))" } ?? ""))
        }
    }
}
