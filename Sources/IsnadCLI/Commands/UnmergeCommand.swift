import IsnadKit

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
        options: [HistoryOptions.author, isDryRun],
        examples: [
            "isnad merge hadera-attacker-1 hadera-attacker-2",
            "isnad unmerge hadera-attacker-2",
            "isnad merge hadera-victim-1 hadera-victim-2 --author ana",
            "isnad unmerge hadera-victim-2 --author ana",
        ])

    static let isDryRun = HistoryOptions.dryRun("unmerged")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let id = arguments.positionals[0]
        let store = try context.openStore(arguments.isSet(isDryRun) ? .dryRun : .write)
        guard let keep = try store.entityMergedInto(id) else {
            // An id that names no entity either is most likely mistyped: say so, with the nearest
            // merged id (an entity that stands is no id unmerge takes).
            guard let entity = try store.entity(id: id) else {
                try RecordLookup.refuseRenamedAway(.entity, id, store: store)
                throw LookupError(
                    description: "no entity \"\(Text.printable(id))\", and no id merged into one"
                        + Suggestion.phrase(try store.nearestMergedID(to: id)))
            }
            // The entity kept by a merge: the ids merged into it are what unmerge takes.
            guard entity.merged.isEmpty else {
                throw LookupError(
                    description:
                        "\(MergeError.notMerged(Text.printable(id))): it is the entity kept by a merge; unmerge takes the id merged into it (isnad unmerge \(entity.merged[0]))"
                )
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
        let undone = try store.undo(
            entry, as: context.change(author: try arguments.value(HistoryOptions.author)), isDryRun: arguments.isSet(isDryRun))
        if arguments.isSet(isDryRun) {
            return context.message(
                HistoryOptions.dryRunMessage(
                    "unmerged \"\(id)\" from \"\(keep)\", taking back entry \(undone.entry): \(undone.whatChanged)"))
        }
        context.message(
            "unmerged \"\(id)\" from \"\(keep)\": took back entry \(undone.entry), \(undone.whatChanged); recorded as entry \(undone.undoEntry)"
        )
    }
}
