import IsnadKit

enum UndoCommand: Command {
    static let name = "undo"
    static let spec = CommandSpec(
        name: name,
        abstract: "Take back the latest change (or history entry N), when nothing since depends on it.",
        discussion: """
            Puts every record that the latest history entry not yet undone touched back as it was before it (a
            record it added is deleted), in one transaction that is itself an entry of the history. With ENTRY,
            takes back that entry instead. Refused, changing nothing, when a later entry that is not undone touched
            one of the same records, or when a record added since refers to one it added: the message names it,
            and undoing that first makes the way. Refused too when a source's cites it would put back closes a cycle
            in the chains of transmission. Run undo again to go further back; to redo, run the command again.
            A plain undo takes back only its author's own latest change (--author, else the login name; on PostgreSQL the role, with a name given beside it: carol (as bob)): when the
            latest is another's (a colleague's on a PostgreSQL store, a nightly import's or another terminal's on a
            file), it is refused, and undo N takes it back by its number (add and import print it), with a note that it
            was another's.
            An entry that changed more than \(largeEntry) records (a whole import) is taken back only with --yes.
            """,
        arguments: [ArgumentSpec(name: "entry", help: "A history entry's number (isnad log).", isOptional: true)],
        options: [HistoryOptions.author, confirms, isDryRun],
        examples: [
            "isnad set hadera-2022-article reliability D",
            "isnad undo",
            "isnad undo 1",
        ])

    /// How many records an entry may have changed for undo to take it back untold.
    static let largeEntry = 1000
    static let confirms = Flag(
        "yes", help: "Take back an entry however many records it changed (more than \(largeEntry): a whole import).")
    static let isDryRun = HistoryOptions.dryRun("taken back")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        var number: Int?
        if let text = arguments.positionals.first {
            guard let value = Int(Text.withWesternDigits(text)), value > 0 else {
                throw UsageError(
                    message: "expected a history entry's number (isnad log), got \"\(Text.printable(text))\"",
                    command: spec.name)
            }
            number = value
        }
        let store = try context.openStore(arguments.isSet(isDryRun) ? .dryRun : .write)
        let change = try context.change(author: try arguments.value(HistoryOptions.author))
        let undone = try store.undo(
            number, as: change,
            refusingMoreThan: arguments.isSet(confirms) ? nil : largeEntry, isDryRun: arguments.isSet(isDryRun))
        let what =
            "entry \(undone.entry) (\(Text.printable(undone.command))\(undone.otherAuthor.map { ", by \(Text.printable($0))" } ?? "")): \(undone.whatChanged)"
        if arguments.isSet(isDryRun) { return context.message(HistoryOptions.dryRunMessage("undone \(what)")) }
        context.message("undid \(what); recorded as entry \(undone.undoEntry)")
        // As add says when it changes another's assessment: taking back a teammate's work is
        // said plainly, not left in the parenthesis above.
        if let other = undone.otherAuthor {
            context.message(
                "isnad: note: entry \(undone.entry) was written by \(other), not by \(Text.printable(change.author)): this takes back their change (isnad log shows it: undo of entry \(undone.entry), \(other)'s)"
            )
        }
        if let id = undone.removedID {
            context.message(HistoryOptions.stillHeldNote(id))
        } else if undone.addedCount > 1 {
            context.message(HistoryOptions.stillHeldNote(records: undone.addedCount))
        }
    }
}

extension GraphStore.Undone {
    /// What the undo did to the records, in words: an added record put back as before its entry
    /// is removed, which "put back" alone would hide.
    var whatChanged: String {
        let others = recordCount - addedCount
        var parts: [String] = []
        if addedCount > 0 { parts.append("\(counted(addedCount, "record")) it added removed") }
        if others > 0 || parts.isEmpty { parts.append("\(counted(others, "record")) put back as before it") }
        return parts.joined(separator: ", ")
    }
}
