import IsnadKit

enum DeleteCommand: Command {
    static let name = "delete"
    static let spec = CommandSpec(
        name: name,
        abstract: "Delete an entity or a source that nothing refers to.",
        discussion: """
            Deletes the entity or source with this id, only when no claim (retracted ones included), citation or
            source refers to it; otherwise says which one does. Claims are not deleted but retracted (isnad retract).
            The deletion is an entry of the history: isnad undo brings the record back.
            """,
        arguments: [ArgumentSpec(name: "id", help: "The entity's or the source's id.")],
        options: [RecordLookup.deletableKind, HistoryOptions.author, isDryRun],
        examples: [
            "isnad add entity --type place --name \"Hadera bus station\"",
            "isnad delete hadera-bus-station",
            "isnad add source --type news-article --title \"Entered twice\"",
            "isnad delete entered-twice --author ana",
            "isnad delete hamas    # refused: claims refer to it (the message names one)",
        ])

    static let isDryRun = HistoryOptions.dryRun("deleted")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let id = arguments.positionals[0]
        let store = try context.openStore(arguments.isSet(isDryRun) ? .dryRun : .write)
        let (kind, entry) = try store.changing(
            context.change(author: try arguments.value(HistoryOptions.author)), isDryRun: arguments.isSet(isDryRun)
        ) { session -> Record.Kind in
            let kinds: [Record.Kind] = [.entity, .source]
            if try arguments.value(RecordLookup.deletableKind) == nil,
                try kinds.allSatisfy({ try session.record($0, id: id) == nil }),
                try session.record(.claim, id: id) != nil
            {
                throw LookupError(
                    description: "\"\(Text.printable(id))\" is a claim: claims are retracted (isnad retract), not deleted")
            }
            let kind = try RecordLookup.record(
                id, kinds: kinds, arguments: arguments, command: spec.name, store: store,
                record: { try session.record($0, id: id) }
            ).kind
            if let reference = try store.firstReference(to: kind, id: id) {
                throw LookupError(
                    description: "cannot delete \(kind.rawValue) \"\(Text.printable(id))\": \(reference) refers to it")
            }
            try session.remove(kind, id: id)
            return kind
        }
        let what = "deleted \(kind.rawValue) \"\(Text.printable(id))\""
        if arguments.isSet(isDryRun) { return context.message(HistoryOptions.dryRunMessage(what)) }
        context.message(what + (entry.map { " (history entry \($0))" } ?? ""))
        context.message(HistoryOptions.stillHeldNote(id))
    }
}
