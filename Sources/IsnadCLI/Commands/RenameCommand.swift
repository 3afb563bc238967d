import IsnadKit

enum RenameCommand: Command {
    static let name = "rename"
    static let isDryRun = HistoryOptions.dryRun("renamed")
    static let spec = CommandSpec(
        name: name,
        abstract: "Give an entity, a source or a claim another id: every claim and source that names it follows.",
        discussion: """
            Every claim that names OLD (as subject or object, or as a citation's source or via, retracted ones
            included) and every source that cites it names NEW instead. A claim whose id was derived from what it
            says (c-…, made by add, a sheet or a record without an id) takes the id derived anew, the old one being
            a hash of OLD; other claims keep their ids (a note lists those that hold OLD). One transaction and one
            history entry: isnad undo takes it back (--yes past 1,000 records). OLD names nothing afterwards, not
            even as an alias: an import, a sheet, an add or a rename that would bring it back is refused (a claim's
            too: it would stand twice; renaming NEW back to OLD is no reuse), and a command that names OLD is told
            NEW, as one that names a claim id an entity's rename derived anew is told the claim's new id (an import
            does not follow those: a line naming one names the old entity too, and is refused for it): use rename to give a source a pseudonym before a store is handed on; its
            title, author, publisher, url and text stay as they are (isnad set changes them; a note names those
            it has, and copy --without-source leaves the whole source out of a copy), the ids merged into an entity still
            name it, and the history still holds OLD (isnad log NEW shows its entries under OLD too; isnad copy
            --without-history --without-retractions leaves it out of a copy).
            """,
        arguments: [
            ArgumentSpec(name: "old", help: "The id of the entity, source or claim."),
            ArgumentSpec(name: "new", help: "Its new id: lowercase a-z, 0-9 and single hyphens."),
        ],
        options: [RecordLookup.kind, HistoryOptions.author, isDryRun],
        examples: [
            "isnad rename hadera-2022-article source-a",
            "isnad rename abu-maram-al-jazairi abu-maram --kind entity --author ana",
        ])

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let (old, new) = (arguments.positionals[0], arguments.positionals[1])
        // A slug is checked before the store is opened: a usage error whatever the store holds.
        if let problem = Identifier.problem(with: new) { throw UsageError(message: "NEW: \(problem)", command: spec.name) }
        let store = try context.openStore(arguments.isSet(isDryRun) ? .dryRun : .write)
        let change = try context.change(author: try arguments.value(HistoryOptions.author))
        let ((kind, renamed), entry) = try store.changing(change, isDryRun: arguments.isSet(isDryRun)) {
            session -> (Record.Kind, ChangeSession.Renamed) in
            let kind = try RecordLookup.record(
                old, kinds: [.entity, .source, .claim], arguments: arguments, command: spec.name, store: store,
                record: { try session.record($0, id: old) }
            ).kind
            return (kind, try session.rename(kind, from: old, to: new))
        }
        var followed: [String] = []
        if renamed.claims > 0 { followed.append(counted(renamed.claims, "claim")) }
        if renamed.sources > 0 { followed.append(counted(renamed.sources, "source")) }
        var what = "renamed \(kind.rawValue) \"\(Text.printable(old))\" to \"\(new)\""
        if !followed.isEmpty {
            what +=
                ", and in " + followed.joined(separator: " and ")
                + (renamed.claims + renamed.sources == 1 ? " that names it" : " that name it")
        }
        if renamed.claimsGivenDerivedIDs > 0 {
            what += " (\(counted(renamed.claimsGivenDerivedIDs, "claim")) given the id derived anew)"
        }
        if arguments.isSet(isDryRun) {
            context.message(HistoryOptions.dryRunMessage(what))
        } else {
            context.message(what + (entry.map { " (history entry \($0))" } ?? ""))
        }
        // What still leads back to the old id, for one who renames to hand a store on.
        if !renamed.claimIDsHoldingOldID.isEmpty {
            let listed =
                renamed.claimIDsHoldingOldID.prefix(3).joined(separator: ", ")
                + (renamed.claimIDsHoldingOldID.count > 3 ? ", …" : "")
            context.message(
                "isnad: note: \(counted(renamed.claimIDsHoldingOldID.count, "claim")) \(renamed.claimIDsHoldingOldID.count == 1 ? "keeps" : "keep") an id that holds \"\(Text.printable(old))\" (\(listed)): isnad rename gives each another"
            )
        }
        if !renamed.mergedIDs.isEmpty {
            context.message(
                "isnad: note: the ids merged into it name it still, in copies too: \(renamed.mergedIDs.map { Text.printable($0) }.joined(separator: ", "))"
            )
        }
        // A pseudonym hides nothing the source's own fields still say (an informant's name in
        // the text of the debrief).
        if kind == .source, let source = try store.source(id: arguments.isSet(isDryRun) ? old : new) {
            let named: [String] = [
                ("title", source.title as String?), ("author", source.author), ("publisher", source.publisher),
                ("url", source.url), ("text", source.text),
            ].compactMap { field, value in value.map { _ in field } }
            context.message(
                "isnad: note: its \(ListFormat.and(named)) \(named.count > 1 ? "are" : "is") as \(named.count > 1 ? "they were" : "it was"): isnad set \(new) FIELD changes one (null removes it); isnad copy --without-history --without-retractions --without-source \(new) leaves the whole source out of a copy"
            )
        }
        if !arguments.isSet(isDryRun) {
            context.message(HistoryOptions.stillHeldNote(old))
        }
    }
}
