import IsnadKit

enum SetCommand: Command {
    static let name = "set"
    static let spec = CommandSpec(
        name: name,
        abstract: "Change one field of an entity, source or claim, for scripts.",
        discussion: """
            FIELD is a path into the record as export jsonl writes it, the way isnad log shows changes: name,
            description, reliability, start, citations[0].credibility, aliases[1].name … VALUE is text, or a whole
            number where the field holds one; null removes an optional field. The record is checked
            as import checks it (the field named in the message) and written in one transaction, one history entry;
            a quote, claimant or via changed must have its quote in the text of the source it is read in, as for add
            claim (a locator "unverified: REASON" lets it in), and a locator isnad wrote (line 31) follows the quote.
            Ids are not changed here: isnad merge does that; nor a claim's subject, predicate or object (retract
            it and add the new one), nor an entity's merged ids (isnad merge and unmerge). An item of a list of ids
            is set whole: cites[0] hadera-2022-article, or null to take it out; so is an alias, as LANG:NAME
            (aliases[1] ar:حماس). One past the last item adds one: aliases[2] when there are two. Items count
            from 0, as in the JSON, where messages and retract --citation count from 1: citations[2] is the
            citation add called citation 3, and the message names the citation set, with its source. An entity's
            attributes are set one key at a time: attributes.founded 1987 (null takes the key out; attributes null,
            every key). A VALUE typed on the command line is visible to other users in ps and stays in your shell
            history; give - to read it from standard input (white space at either end dropped; the history records
            the -), or use isnad edit / import -.
            """,
        arguments: [
            ArgumentSpec(name: "id", help: "The record's id."), ArgumentSpec(name: "field", help: "The field's path."),
            ArgumentSpec(
                name: "value", help: "The new value (- reads standard input).", whenEmpty: "null removes an optional field",
                standardInput: .text),
        ],
        options: [RecordLookup.kind, HistoryOptions.author, isDryRun],
        examples: [
            "isnad set hamas-praised-hadera-attack 'citations[0].credibility' 3",
            "isnad set hadera-2022-article reliability D --author ana",
            "isnad set hamas 'aliases[5]' 'en:Hamas movement'",
            "isnad set hamas attributes.founded 1987",
            "echo \"The article gives no date for the statement.\" | isnad set hamas-praised-hadera-attack notes -",
        ])

    static let isDryRun = HistoryOptions.dryRun("set")

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let (id, field) = (arguments.positionals[0], arguments.positionals[1])
        let path = try FieldPath(field)
        if path.steps.first?.key == "id" || path.steps.first?.key == "record" {
            throw UsageError(
                message: "set does not change \(field): isnad rename gives a record another id (isnad merge joins two entities)",
                command: spec.name)
        }
        let value = try arguments.readingStandardInput(context).positionals[2]
        let store = try context.openStore(arguments.isSet(isDryRun) ? .dryRun : .write)
        var lostQuotes: String?
        var looseQuotes: [String] = []
        var dateWarnings: [String] = []
        // The record as stored and as written back: what else an import's reading changed is
        // worked out after the change, outside its transaction.
        var written: (stored: Record, edited: Record)?
        let (outcome, entry) = try store.changing(
            context.change(author: try arguments.value(HistoryOptions.author)), isDryRun: arguments.isSet(isDryRun)
        ) { session -> String in
            let record = try RecordLookup.record(
                id, kinds: Record.Kind.allCases, arguments: arguments, command: spec.name, store: store,
                record: { try session.record($0, id: id) })
            var writer = RecordWriter()
            let line = writer.encode(record)
            // A value another program stored that no import takes is said as the store's (65),
            // not as the value typed (64), unless it is in the field set: setting it is the fix
            // (a name stored before names had a limit), and the new value is checked below.
            if let problem = RecordDecoder(vocabulary: store.vocabulary).problems(inLine: line).first(where: {
                !$0.isFixed(bySetting: field)
            }) {
                throw StoreError.unimportable(
                    problem, path: store.path, record: "\(record.kind.rawValue) \"\(Text.printable(record.id))\"")
            }
            let json = try JSONParser.parse(String(decoding: line, as: UTF8.self))
            // Before the record format's rules, which a new end could break first.
            if path.steps.count == 1 { try record.checkSetting(path.steps[0].key, to: value) }
            let changed = try path.setting(value, in: json, record: "\(record.kind.rawValue) \"\(record.id)\"")
            let updated: Record
            do throws(RecordProblems) {
                updated = try RecordDecoder(vocabulary: store.vocabulary).decode(changed)
            } catch {
                // A value the record format refuses, as a bad value of an option is: a usage error (64).
                let problem = error.problems[0]
                throw UsageError(message: "\(problem.field ?? field): \(problem.message)", command: spec.name)
            }
            let edit = try store.checkedEdit(updated, replacing: record)
            lostQuotes = EditNotes.lostQuotes(try session.put(edit), by: edit.record)
            looseQuotes = EditNotes.looseQuotes(of: edit)
            // A path counts citations from 0, as the record's JSON does, where messages and
            // retract --citation count from 1: the citation changed is named, so that an
            // off-by-one is seen at once.
            var which = ""
            let isTakenOut = path.steps.count == 1 && (value.isEmpty || value == "null")
            if isTakenOut, case .claim(let claim) = record, path.steps.first?.key == "citations",
                let index = path.steps.first?.index, claim.citations.indices.contains(index)
            {
                // The citation taken out, not the one that took its place.
                let cited = claim.citations[index]
                which =
                    " (took out citation \(index + 1): \(cited.source)\(cited.via.map { " via \($0)" } ?? "")"
                    + (index + 1 < claim.citations.count ? "; those after it are numbered one less)" : ")")
            } else if case .claim(let claim) = edit.record, path.steps.first?.key == "citations",
                let index = path.steps.first?.index, claim.citations.indices.contains(index)
            {
                let cited = claim.citations[index]
                which = "citation \(index + 1): \(cited.source)\(cited.via.map { " via \($0)" } ?? "")"
                if edit.staleTranslations.contains(index) {
                    which += "; its translation (quote_en) is the old words': set it too if it no longer fits"
                }
                which = " (\(which))"
            }
            written = (record, edit.record)
            // Only a field that dates something, or links what is dated, can bring a date conflict:
            // `set SOURCE title` on a source cited 10,000 times read them all again for nothing.
            let named = field.split(separator: ".").last.map { String($0.prefix { $0 != "[" }) } ?? field
            let datesSomething = ["published", "start", "end", "cites", "via", "source", "citations"].contains(named)
            if datesSomething {
                dateWarnings = try DateWarnings.lines(writtenBy: session.number, store: store, what: "set")
            }
            return "set \(field) of \(record.kind.rawValue) \"\(record.id)\"\(which)"
        }
        let also = written.map {
            EditNotes.readAnew(
                EditNotes.fieldsReadAnew(in: $0.stored, keptIn: $0.edited, vocabulary: store.vocabulary), of: $0.stored)
        }
        if arguments.isSet(isDryRun) {
            context.message(
                entry == nil
                    ? HistoryOptions.dryRunMessage(unchanged: "\(outcome): unchanged")
                    : HistoryOptions.dryRunMessage(outcome) + (also ?? ""))
        } else {
            context.message(entry == nil ? "\(outcome): unchanged" : outcome + " (history entry \(entry ?? 0))" + (also ?? ""))
        }
        if entry != nil, let lostQuotes { context.message(lostQuotes) }
        if entry != nil { for note in looseQuotes { context.message(note) } }
        if entry != nil { for warning in dateWarnings { context.message(warning) } }
    }
}
