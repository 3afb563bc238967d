import Foundation
import IsnadKit

enum AddCommand: Command {
    enum Kind: String, CaseIterable {
        case entity, source, claim
    }

    static let name = "add"
    static let spec = CommandSpec(
        name: name,
        abstract: "Add an entity, a source, or a claim with its citation, without writing JSON.",
        discussion: """
            add entity --type TYPE --name NAME: a new entity; its id is made from the name unless --id gives one (a
            name in another script, from its transliteration into Latin letters), and printed. add source --type
            TYPE --title TITLE: a new source (reliability F unless given); --text-file stores its text, so that
            quotes can be checked; a stored source that may be the same one (the same url, the same title however
            spelt, or in the other script) is noted, as an entity's namesakes are. Entity types: person,
            organization, event, place. Source types: news-article, opinion-article, statement, leaked-document,
            press-conference, intelligence-report, report, official-statement, social-media-post, photo, other. A
            group's statement on its Telegram channel is a statement (the channel its --publisher), a post that is
            not a statement a social-media-post; a UN panel's, an NGO's or a research group's published report a
            report (an intelligence-report is a service's); an official an article quotes without a name is other,
            graded F unless more is known, and the article --cites it.
            add claim SUBJECT PREDICATE OBJECT --source SOURCE --quote TEXT --stance STANCE --credibility N: a new
            claim, or one more citation for the same relationship when it exists (same subject, predicate and
            object, and dates when given; or --id, whose claim's dates a citation takes: other dates are refused,
            and set changes them); a new claim's id is derived from its ends and dates, as import does (with -2,
            -3 … when a claim given other dates by set holds it), and other claims of its relationship (other
            dates, or none) are noted; a citation with the same source, via and quote is updated, and one of the
            same source and via quoting the same passage typed otherwise (other marks, spaces, typeset characters or
            Unicode form) or cut shorter or longer (one quote within the other, unless line locators that share no
            line tell two sentences apart) is refused, naming the citation to change instead. Entities and
            sources are named as on every command (id, name, alias, Arabic or Latin, misspelt); a predicate by its
            id or either label (موّل). When the source the quote stands in (--via, else --source) has stored text,
            the quote must be found in it (marks the quote leaves out aside), and the locator is filled in (line N);
            --unverified REASON lets it through, noted in the locator.
            Text typed on the command line is visible to other users in ps and stays in your shell history; give -
            to read it from standard input (--quote -, --notes -, --unverified -, --description -, --title - …; one
            option a command, white space at either end dropped; the history records the -), or use isnad edit /
            import -.
            Each add is one transaction and one entry of the history; the same checks as import, with the option
            at fault named.
            """,
        arguments: [
            ArgumentSpec(name: "kind", help: "entity, source or claim."),
            ArgumentSpec(
                name: "subject predicate object", help: "For a claim: its ends and predicate.", isOptional: true, isVariadic: true
            ),
        ],
        options: [
            type, entityName, id, alias, description, attribute, title, sourceAuthor, publisher, url, published, lang,
            reliability, cites,
            textFile, source, via, quote,
            quoteEnglish, stance, credibility, start, end, locator, unverified, notes, isDryRun, HistoryOptions.author,
        ],
        examples: [
            "isnad add entity --type organization --name \"Arab states\" --alias ar:\"الدول العربية\"",
            "isnad add source --type news-article --title \"Police statement\" --published 2022-03-28 --reliability B",
            "isnad add claim Hamas praised \"Hadera attack\" --source hadera-2022-article --quote \"حماس باركت العملية\" --stance asserts --credibility 3 --unverified \"paraphrase\"",
        ])

    static let type = Option<String>("type", value: "type", help: "entity, source: its type.").only(for: [Kind.entity, .source])
        .comparedAsWord()
    static let isDryRun = HistoryOptions.dryRun("added")
    static let entityName = Option<String>(
        "name", value: "name", help: "entity: its name (usually English; - reads standard input)."
    )
    .only(for: [Kind.entity]).readingStandardInput()
    static let id = Option<String>(
        "id", value: "id",
        help:
            "The new record's id (default: made from the name or title). Every export and picture shows a source's id: give one for a source that must not be named."
    )
    static let alias = ListOption<String>("alias", value: "lang:name", help: "entity: another name, with its language (ar:حماس).")
        .only(for: [Kind.entity])
    static let description = Option<String>(
        "description", value: "text", help: "entity: a description (- reads standard input)."
    )
    .only(for: [Kind.entity]).readingStandardInput()
    static let attribute = ListOption<String>(
        "attribute", value: "key=value",
        help: "entity: an attribute (size=\"a few hundred fighters\"); isnad set ID attributes.KEY VALUE changes one."
    )
    .only(for: [Kind.entity])
    static let title = Option<String>("title", value: "title", help: "source: its title (- reads standard input).")
        .only(for: [Kind.source]).readingStandardInput()
    static let sourceAuthor = Option<String>(
        "source-author", value: "name",
        help:
            "source: who wrote or said it (- reads standard input; --author names who makes the change, for the history)."
    ).only(for: [Kind.source]).readingStandardInput()
    static let publisher = Option<String>(
        "publisher", value: "name", help: "source: who published it (an outlet, a channel; - reads standard input)."
    )
    .only(for: [Kind.source]).readingStandardInput()
    static let url = Option<String>("url", value: "url", help: "source: where it can be read (- reads standard input).")
        .only(for: [Kind.source]).readingStandardInput()
    static let published = Option<String>("published", value: "date", help: "source: when it was published.")
        .only(for: [Kind.source]).comparedAsWord()
    static let lang = Option<String>("lang", value: "lang", help: "source: its language (BCP-47: ar, en).")
        .only(for: [Kind.source])
    static let reliability = Option<String>("reliability", value: "A-F", help: "source: its Admiralty grade (default: F).")
        .only(for: [Kind.source]).comparedAsWord()
    static let cites = ListOption<String>("cites", value: "source", help: "source: a source it relays.")
        .only(for: [Kind.source])
    static let textFile = Option<String>(
        "text-file", value: "file", help: "source: its full text (UTF-8; - reads standard input), to check quotes."
    )
    .only(for: [Kind.source]).readingStandardInput(.file)
    static let source = Option<String>(
        "source", value: "source",
        help: "claim: who makes it: for words an outlet quotes from another, the one quoted (the outlet is --via)."
    )
    .only(for: [Kind.claim])
    static let via = Option<String>(
        "via", value: "source",
        help: "claim: the outlet the quote is read in, when it relays --source (weighed as the claimant's, capped by the outlet)."
    )
    .only(for: [Kind.claim])
    static let quote = Option<String>("quote", value: "text", help: "claim: the words, verbatim (- reads standard input).")
        .only(for: [Kind.claim]).readingStandardInput()
    static let quoteEnglish = Option<String>(
        "quote-en", value: "text", help: "claim: an English translation of the quote (- reads standard input)."
    )
    .only(for: [Kind.claim]).readingStandardInput()
    static let stance = Option<String>(
        "stance", value: "stance",
        help: "claim: asserts, reports or denies (or in French: affirme, rapporte or dément; in Arabic: يؤكد, ينقل or ينفي)."
    )
    .only(for: [Kind.claim]).comparedAsWord()
    static let credibility = Option<String>("credibility", value: "1-6", help: "claim: the Admiralty information grade.")
        .only(for: [Kind.claim]).comparedAsWord()
    static let start = Option<String>("start", value: "date", help: "claim: when it starts (YYYY, YYYY-MM, YYYY-MM-DD).")
        .only(for: [Kind.claim]).comparedAsWord()
    static let end = Option<String>("end", value: "date", help: "claim: when it ends.").only(for: [Kind.claim])
        .comparedAsWord()
    static let locator = Option<String>("locator", value: "text", help: "claim: where the quote stands (default: found).")
        .only(for: [Kind.claim])
    static let unverified = Option<String>(
        "unverified", value: "reason",
        help: "claim: accept a quote not found in the source's text, saying why (- reads standard input)."
    ).only(for: [Kind.claim]).readingStandardInput()
    static let notes = Option<String>("notes", value: "text", help: "claim: notes on the claim (- reads standard input).")
        .only(for: [Kind.claim]).readingStandardInput()

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        let kindName = arguments.positionals[0]
        guard let kind = Kind(rawValue: kindName.lowercased()) else {
            throw UsageError(
                message: "add what? \"\(Text.printable(kindName))\" is not entity, source or claim"
                    + Suggestion.phrase(Suggestion.nearest(to: kindName, among: Kind.allCases.map(\.rawValue))),
                command: spec.name)
        }
        try arguments.refuseOptionsNotFor(kind.rawValue)
        let rest = Array(arguments.positionals.dropFirst())
        if kind == .claim, rest.count != 3 {
            throw UsageError(
                message: "add claim needs SUBJECT PREDICATE OBJECT, got \(counted(rest.count, "argument"))", command: spec.name)
        }
        if kind != .claim, let extra = rest.first {
            throw UsageError(
                message: "unexpected argument '\(Text.printable(extra))' for add \(kind.rawValue)", command: spec.name)
        }
        // The words of a fixed set checked before the store is opened: a wrong one is a usage
        // error (64) whatever the store, even one that cannot be written.
        switch kind {
        case .entity: if arguments.isGiven(type) { _ = try choice(arguments, type, as: EntityType.self) }
        case .source:
            if arguments.isGiven(type) { _ = try choice(arguments, type, as: SourceType.self) }
            if arguments.isGiven(reliability) { _ = try choice(arguments, reliability, as: Reliability.self) }
        case .claim:
            if arguments.isGiven(stance) { _ = try choice(arguments, stance, as: Stance.self) }
            if arguments.isGiven(credibility) { _ = try choice(arguments, credibility, as: Credibility.self) }
        }
        let arguments = try arguments.readingStandardInput(context)
        let store = try context.openStore(arguments.isSet(isDryRun) ? .dryRun : .write)
        let author = try context.change(author: arguments.value(HistoryOptions.author))
        switch kind {
        case .entity: try addEntity(arguments, store: store, change: author, context: context)
        case .source: try addSource(arguments, store: store, change: author, context: context)
        case .claim: try addClaim(rest, arguments, store: store, change: author, context: context)
        }
    }

    // MARK: Entities and sources

    private static func addEntity(
        _ arguments: ParsedArguments, store: GraphStore, change: ChangeDescription, context: Context
    ) throws {
        let name = try required(arguments, entityName, for: "entity")
        // The words of a fixed set are read without regard to case, as every filter reads them.
        let type = try required(arguments, self.type, for: "entity").lowercased()
        let id = try arguments.value(self.id) ?? derivedID(from: name, option: "name")
        var aliases: [JSONValue] = []
        for text in try arguments.values(alias) {
            guard let alias = FieldPath.alias(text) else {
                throw UsageError(
                    message: "--alias: expected LANG:NAME (ar:حماس), got \"\(Text.printable(text))\"", command: spec.name)
            }
            aliases.append(alias)
        }
        var members: [(String, JSONValue)] = [("record", .string("entity")), ("id", .string(id)), ("type", .string(type))]
        members.append(("name", .string(name)))
        if !aliases.isEmpty { members.append(("aliases", .array(aliases))) }
        if let description = try arguments.value(description) { members.append(("description", .string(description))) }
        var attributes: [(String, JSONValue)] = []
        for text in try arguments.values(attribute) {
            let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            guard parts.count == 2, !key.isEmpty, !parts[1].isEmpty else {
                throw UsageError(
                    message: "--attribute: expected KEY=VALUE (size=200), got \"\(Text.printable(text))\"", command: spec.name)
            }
            // A key set can name again (attributes.KEY).
            guard key.allSatisfy(FieldPath.isKeyCharacter) else {
                throw UsageError(
                    message:
                        "--attribute: a key is letters, digits, _ and - (as set names it: attributes.KEY), got \"\(Text.printable(key))\"",
                    command: spec.name)
            }
            guard !attributes.contains(where: { $0.0 == key }) else {
                throw UsageError(message: "--attribute: \"\(Text.printable(key))\" is given twice", command: spec.name)
            }
            attributes.append((key, .string(String(parts[1]))))
        }
        if !attributes.isEmpty { members.append(("attributes", object(attributes))) }
        let record = try decode(object(members), store: store)
        // Entities that already go by one of its names, as written or spelt another way, or in the
        // other script with the same consonants (three at least, as two are shared by too many
        // names): the same actor entered twice splits its claims, so the note names them (two
        // people may share a name, so it is a note, not a refusal).
        var namesakes: [(name: String, match: NameSearch.Match)] = []
        let names = if case .entity(let entity) = record { [entity.name] + entity.aliases.map(\.name) } else { [name] }
        for text in names {
            let consonants = NameKey.consonants(ofFolded: NameKey.fold(text))?.count ?? 0
            let folded = NameKey.fold(text)
            for match in try NameSearch(store: store).search(text, limit: 5, fuzzy: true, countsClaims: false)
            where match.tier <= .variant || (match.tier == .otherScript && consonants >= 3)
                || (match.tier == .typo && NameKey.areCloseSpellings(folded: folded, NameKey.fold(match.matchedName)))
            {
                if !namesakes.contains(where: { $0.match.id == match.id }) { namesakes.append((text, match)) }
            }
        }
        // A merged id names the entity it was merged into: an entity of its own by that id would
        // take over its claims in every later import, and check refuses the store.
        if let keep = try store.entityMergedInto(id) {
            throw LookupError(
                description:
                    "\"\(id)\" is merged into \"\(keep)\" and names it: give another --id (or take the merge back: isnad unmerge \(id))"
            )
        }
        try refuseIDTakenByRename(.entity, id, store: store)
        let (_, entry) = try store.changing(change, isDryRun: arguments.isSet(isDryRun)) { session in
            if case .entity(let existing) = try session.record(.entity, id: id) {
                throw LookupError(
                    description: "entity \"\(id)\" exists already (\(Text.printable(existing.name))): give another --id")
            }
            try session.put(record)
        }
        try report("added entity \"\(id)\"", id: id, entry: entry, arguments: arguments, context: context)
        for (text, match) in namesakes {
            let holder = "\(Text.printable(match.name)) (\(match.id))"
            let likeness =
                match.tier == .typo
                ? "is a close spelling of \(match.matchedName == match.name ? holder : "\(Text.printable(match.matchedName)), a name of \(holder)")"
                : match.tier != .otherScript
                    ? "is also a name of \(holder)"
                    : match.matchedName == match.name
                        ? "may be \(holder) in the other script"
                        : "may be \(Text.printable(match.matchedName)), a name of \(holder), in the other script"
            context.message(
                "isnad: note: \"\(Text.printable(text))\" \(likeness): if they are one actor, isnad merge \(match.id) \(id)")
        }
    }

    private static func addSource(
        _ arguments: ParsedArguments, store: GraphStore, change: ChangeDescription, context: Context
    ) throws {
        let title = try required(arguments, self.title, for: "source")
        let type = try required(arguments, self.type, for: "source").lowercased()
        let id = try arguments.value(self.id) ?? derivedID(from: title, option: "title")
        var members: [(String, JSONValue)] = [("record", .string("source")), ("id", .string(id)), ("type", .string(type))]
        members.append(("title", .string(title)))
        for (option, field) in [(sourceAuthor, "author"), (publisher, "publisher"), (url, "url")] {
            if let value = try arguments.value(option) { members.append((field, .string(value))) }
        }
        // A source's author given as the history's would name the writer (an informant, say) as
        // the analyst who made the change, in every copy of the store's history.
        if arguments.isGiven(HistoryOptions.author), !arguments.isGiven(sourceAuthor) {
            context.message(
                "isnad: --author names who makes this change, kept in the history; the source's own author is --source-author")
        }
        if let published = try arguments.value(published) {
            members.append(("published", .string(try typedDate(published, option: "published"))))
        }
        if let lang = try arguments.value(lang) { members.append(("lang", .string(lang))) }
        let grade = try arguments.isGiven(reliability) ? choice(arguments, reliability, as: Reliability.self) : .f
        members.append(("reliability", .string(grade.rawValue)))
        let cited = try SourceLookup.sources(cites, in: arguments, store: store, context: context, forWriting: true).map(\.id)
        if !cited.isEmpty { members.append(("cites", .array(cited.map(JSONValue.string)))) }
        if try arguments.value(textFile) == "-" {
            members.append(("text", .string(try StandardInput.whole(for: "--text-file -"))))
        } else if let path = try arguments.value(textFile) {
            // A missing, folder or unreadable file is a missing input (66), said as the import says it.
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw Importer.InputError(input: path, reason: "no such file (--text-file)", kind: .missing)
            }
            guard !isFolder.boolValue else {
                throw Importer.InputError(input: path, reason: "is a folder, not a text file (--text-file)", kind: .notAFile)
            }
            let data: [UInt8]
            do {
                data = try FileSystem.readWhole(path)
            } catch {
                // Not allowed to read it: missing input (66); the device failed: an I/O error (74).
                let kind: Importer.InputError.Kind = [EACCES, EPERM].contains(error.code) ? .unreadable : .readFailed
                throw Importer.InputError(input: path, reason: "cannot be read (--text-file): \(error.description)", kind: kind)
            }
            guard let text = String(validating: data, as: UTF8.self) else {
                throw LookupError(description: "--text-file: \(Text.printableFileName(path)) is not UTF-8 text")
            }
            members.append(("text", .string(text)))
        }
        let record = try decode(object(members), store: store)
        try refuseIDTakenByRename(.source, id, store: store)
        // Sources that may be this one again, found as an entity's namesakes are: one outlet or
        // document under two records weighs as two independent channels, so the note names them.
        let namesakes = try SourceResolver(store: store).namesakes(
            ofTitle: title, url: try arguments.value(url), publisher: try arguments.value(publisher), excluding: id)
        let (warnings, entry) = try store.changing(change, isDryRun: arguments.isSet(isDryRun)) { session in
            if case .source(let existing) = try session.record(.source, id: id) {
                throw LookupError(
                    description: "source \"\(id)\" exists already (\(Text.printable(existing.title))): give another --id")
            }
            // No cycle can pass through a source no other cites yet, but a chain can grow too deep.
            if let tooDeep = try store.citesProblem(ifSource: id, cited: cited) { throw EditError.citesCycle(tooDeep) }
            try session.put(record)
            return try DateWarnings.lines(writtenBy: session.number, store: store, what: "added")
        }
        try report("added source \"\(id)\"", id: id, entry: entry, arguments: arguments, context: context)
        for warning in warnings { context.message(warning) }
        // A few named, the rest counted: a common title ("Statement") may be many sources'.
        for namesake in namesakes.prefix(5) {
            let holder = "\(Text.printable(namesake.source.title)) (\(namesake.source.id))"
            let likeness =
                switch namesake.likeness {
                case .sameURL: "has the url of \(holder)"
                case .sameTitle: "is also the title of \(holder)"
                case .closeSpelling: "is a close spelling of \(holder)"
                case .otherScript: "may be \(holder) in the other script"
                }
            context.message(
                "isnad: note: \"\(Text.printable(title))\" \(likeness): if they are one, cite \(namesake.source.id) instead"
                    + (arguments.isSet(isDryRun) ? "" : " and take this one out (isnad delete \(id))")
            )
        }
        if namesakes.count > 5 { context.message("isnad: note: and \(namesakes.count - 5) more sources like it") }
    }

    // MARK: Claims

    private static func addClaim(
        _ ends: [String], _ arguments: ParsedArguments, store: GraphStore, change: ChangeDescription, context: Context
    ) throws {
        let sourceText = try required(arguments, source, for: "claim")
        let quoteText = try required(arguments, quote, for: "claim")
        // Read as the filters read them, before the store is looked in: a word outside the set is
        // a usage error (64) whatever else is wrong.
        let stanceText = try choice(arguments, stance, as: Stance.self).rawValue
        let credibilityText = String(try choice(arguments, credibility, as: Credibility.self).rawValue)
        // Every problem of the command line at once, as an import lists every problem of a record:
        // a name that matches nothing does not hide a misspelt predicate or a quote not found.
        var problems = ProblemsFound()
        let resolver = EntityResolver(store: store)
        let subject = try problems.attempt("SUBJECT") {
            try EntityLookup.entity(ends[0], resolver: resolver, context: context, forWriting: true)
        }
        if PredicateLookup.predicate(ends[1], vocabulary: store.vocabulary, context: nil) == nil,
            let problem = store.vocabulary.problem(predicate: ends[1], subjectType: nil, objectType: nil)
        {
            problems.note(UsageError(message: "\(optionName(problem.field)): \(problem.message)", command: spec.name))
        }
        let object = try problems.attempt("OBJECT") {
            try EntityLookup.entity(ends[2], resolver: resolver, context: context, forWriting: true)
        }
        let claimant = try problems.attempt {
            try SourceLookup.source(sourceText, in: store, option: "source", context: context, forWriting: true)
        }
        let viaText = try arguments.value(via)
        let relay = try problems.attempt {
            try viaText.map { try SourceLookup.source($0, in: store, option: "via", context: context, forWriting: true) }
        }
        var locatorText = try arguments.value(locator)
        let unverifiedReason = try arguments.value(unverified)
        // A locator found in the text (line N) is this command's guess, not what it was given.
        let isLocatorGiven = locatorText != nil || unverifiedReason != nil
        // The quote stands in --via when given, else in the claimant's own text; not looked for
        // when the source it stands in was not found.
        let quoted = viaText == nil ? claimant : relay ?? nil
        // Said once the claim is written: a quote --unverified lets in that is there word for
        // word, and one that nothing checked.
        var quoteNotes: [String] = []
        // Said once the claim is written, with its id and the citation's number.
        var looseMatch: QuoteLocator.LooseMatch?
        if let quoted, let text = try store.storedText(ofSource: quoted.id).map({ QuoteLocator.SearchableText($0) }) {
            if let match = QuoteLocator.match(of: quoteText, in: text) {
                let lines = match.lines
                if locatorText == nil { locatorText = QuoteLocator.locator(lines) }
                looseMatch = QuoteLocator.looseMatch(of: quoteText, match, in: text)
                if unverifiedReason != nil {
                    quoteNotes.append(
                        "isnad: note: the quote is in the text of source \"\(quoted.id)\" word for word (\(QuoteLocator.locator(lines))): --unverified was not needed, and the locator says unverified all the same"
                    )
                }
            } else if unverifiedReason == nil {
                problems.note(
                    LookupError(
                        description:
                            "--quote: not found in the text of source \"\(quoted.id)\" (word for word; give --unverified REASON to add it anyway)"
                            + (QuoteLocator.partialMatch(of: quoteText, in: text).map {
                                ": " + Text.printable($0.description)
                            }
                                ?? "")
                    ))
            }
        } else if let quoted, unverifiedReason == nil {
            quoteNotes.append(
                "isnad: note: source \"\(quoted.id)\" has no stored text, so the quote was not checked against it")
        }
        try problems.throwIfAny()
        guard let subject, let object, let claimant, let relay else { return }
        if let reason = unverifiedReason {
            locatorText = locatorText.map { "\($0) (unverified: \(reason))" } ?? "unverified: \(reason)"
        }
        var citation: [(String, JSONValue)] = [("source", .string(claimant.id))]
        if let relay { citation.append(("via", .string(relay.id))) }
        citation.append(("quote", .string(quoteText)))
        if let english = try arguments.value(quoteEnglish) { citation.append(("quote_en", .string(english))) }
        citation.append(("stance", .string(stanceText)))
        citation.append(("credibility", Int(credibilityText).map { .number(String($0)) } ?? .string(credibilityText)))
        if let locatorText { citation.append(("locator", .string(locatorText))) }
        var members: [(String, JSONValue)] = [("record", .string("claim"))]
        if let id = try arguments.value(id) { members.append(("id", .string(id))) }
        // A label names the predicate too (موّل, "supplied weapons to"); an unknown one is refused below.
        let predicate = PredicateLookup.predicate(ends[1], vocabulary: store.vocabulary, context: context)?.id ?? ends[1]
        members += [("subject", .string(subject.id)), ("predicate", .string(predicate)), ("object", .string(object.id))]
        if let start = try arguments.value(start) { members.append(("start", .string(try typedDate(start, option: "start")))) }
        if let end = try arguments.value(end) { members.append(("end", .string(try typedDate(end, option: "end")))) }
        members.append(("citations", .array([self.object(citation)])))
        if let notes = try arguments.value(notes) { members.append(("notes", .string(notes))) }
        guard case .claim(var new) = try decode(self.object(members), store: store) else { return }
        if let problem = store.vocabulary.problem(predicate: new.predicate, subjectType: subject.type, objectType: object.type) {
            throw LookupError(description: "\(optionName(problem.field)): \(problem.message)")
        }
        let hasDates = try arguments.value(start) != nil || arguments.value(end) != nil
        let givenID = try arguments.value(id)
        // Read before the transaction ends, so that a dry run says them too.
        var notes: [String] = []
        let isConfirmed = new.citations[0].credibility == .confirmed
        var warnings: [String] = []
        // The citation the quote is in: the first of a new claim.
        var citationNumber = 1
        func write(_ session: ChangeSession) throws -> String {
            // Looked up before the store was locked: another writer may have taken one away since.
            let named =
                [(Record.Kind.entity, subject.id), (.entity, object.id), (.source, claimant.id)]
                + (relay.map { [(.source, $0.id)] } ?? [])
            for (kind, id) in named where try session.record(kind, id: id) == nil {
                throw RemovedMeanwhile(
                    description:
                        "\(kind.rawValue) \"\(Text.printable(id))\" was removed by another change meanwhile (a merge, a delete): nothing changed; run the command again"
                )
            }
            if givenID == nil {
                // The same relationship stored under another id (one chosen at import) gets the
                // citation; with a symmetric predicate (linked_to), stored either way round: a
                // denial typed "isis linked_to hamas" must meet the support of "hamas linked_to
                // isis", not stand apart from it.
                if case .several(let same) = try session.join(&new, matchingDates: hasDates, preferringItsID: false) {
                    let listed = same.prefix(5).joined(separator: ", ") + (same.count > 5 ? " …" : "")
                    throw LookupError(
                        description:
                            "\(same.count) claims say \(new.subject) \(new.predicate) \(new.object) (\(listed)): give --id, or --start and --end, to choose"
                    )
                }
            }
            guard case .claim(var stored)? = try session.record(.claim, id: new.id) else {
                if givenID != nil { try refuseIDTakenByRename(.claim, new.id, store: store) }
                // A new claim, under any id, does not bring back what a retracted claim states.
                if let retracted = try RetractedRelationships(store: store).retractedClaim(stating: new) {
                    throw LookupError(
                        description:
                            "claim \"\(Text.printable(retracted))\" says this and is retracted: isnad restore \(Text.printable(retracted)) first"
                    )
                }
                citationNumber = 1
                try session.put(.claim(new))
                if isConfirmed { notes = try unconfirmedNotes(of: new.id, store: store) }
                if let note = try otherClaimsNote(
                    stating: new, publicSince: GradedCitation.earlier(claimant.published, relay?.published),
                    citing: claimant.id, store: store, isDryRun: arguments.isSet(isDryRun))
                {
                    notes.insert(note, at: 0)
                }
                return "added claim \"\(new.id)\""
            }
            if stored.retraction != nil {
                throw LookupError(description: "claim \"\(new.id)\" is retracted: isnad restore it first")
            }
            // A symmetric relationship named by --id the other way round is the same one.
            if store.vocabulary[new.predicate]?.isSymmetric == true, stored.subject == new.object, stored.object == new.subject {
                (new.subject, new.object) = (new.object, new.subject)
            }
            // A citation takes its claim's dates: dates given that are not the claim's would be
            // dropped without a word, and the citation read as bearing out the claim's.
            let differing = [(start, new.start, stored.start), (end, new.end, stored.end)].filter { option, given, kept in
                (try? arguments.value(option)) != nil && given != kept
            }
            if !differing.isEmpty {
                let given = differing.map { "--\($0.0.spec.name) \($0.1?.description ?? "")" }.joined(separator: " ")
                let setting = differing.map { "isnad set \(new.id) \($0.0.spec.name) \($0.1?.description ?? "null")" }
                    .joined(separator: " and ")
                throw UsageError(
                    message:
                        "\(given): claim \"\(new.id)\" is \(Self.datedPhrase(of: stored, store: store)), and a citation takes its claim's dates: to change them, \(setting); for a claim of its own with these dates, leave out --id",
                    command: spec.name)
            }
            // Notes belong to the claim, not to the citation added: given for a claim that has
            // others (or none), they would be dropped without a word.
            if let given = new.notes, given != stored.notes {
                throw UsageError(
                    message:
                        "--notes: claim \"\(new.id)\" is already in the store, and a citation added to it does not change its notes: isnad set \(new.id) notes - (or isnad edit \(new.id)) does; nothing changed",
                    command: spec.name)
            }
            if let changed = new.changedEnd(from: stored) {
                throw LookupError(
                    description:
                        "--id: claim \"\(new.id)\" has \(changed.field) \"\(changed.stored)\": a claim id keeps its subject, predicate and object"
                )
            }
            var added = new.citations[0]
            // One passage typed otherwise is that citation, not another: refused rather than
            // updated, as updating it would change the bytes of a quote this command was not asked
            // to retype (and which an import keys its citation by).
            if let index = stored.indexOfSamePassage(typedOtherwiseThan: added) {
                let twin = stored.citations[index]
                let field = "'citations[\(index)]"
                throw LookupError(
                    description:
                        "--quote: citation \(index + 1) of claim \"\(new.id)\" quotes the same passage of \"\(Text.printable(added.source))\", typed otherwise («\(Text.printable(Text.excerpt(twin.quote)))»)\(twin.retraction == nil ? "" : ", and is retracted"): a second citation of it would count it twice (with another stance, the claim disputing itself); change that one instead (isnad set \(new.id) \(field).stance' VALUE, or \(field).quote' - to type it as here); nothing changed"
                )
            }
            // So is a quote cut from a stored one of the same passage, or one it was cut from (its
            // hedge dropped, or put back), as an import refuses an edited quote: unless line
            // locators tell two sentences apart (``Citation/quotesTheSamePassage(as:)``).
            if !stored.citations.contains(where: { $0.key == added.key }) {
                var passages: [Int: QuotedPassage] = [:]
                if let index = stored.indicesQuotingTheSamePassage(as: added, passages: &passages).first {
                    let field = "'citations[\(index)]"
                    throw LookupError(
                        description:
                            "--quote: citation \(index + 1) of claim \"\(new.id)\" quotes the same passage of \"\(Text.printable(added.source))\", one quote within the other («\(Text.printable(Text.excerpt(stored.citations[index].quote)))»): a second citation of it would count it twice (with another stance, the claim disputing itself); change that one instead (isnad set \(new.id) \(field).quote' - to quote it as here, or \(field).stance' VALUE; isnad edit \(new.id)); another sentence that holds these words is told apart by --locator with its line (line N); nothing changed"
                    )
                }
            }
            if let index = stored.citations.firstIndex(where: { $0.key == added.key }) {
                let kept = stored.citations[index]
                // A retraction is taken back only by restore or undo, as a retracted claim is.
                if let reason = kept.retraction {
                    throw LookupError(
                        description:
                            "citation \(index + 1) of claim \"\(new.id)\" is the same (source, via and quote) and is retracted (\(Text.printable(reason))): isnad restore \(new.id) --citation \(index + 1) first"
                    )
                }
                // What this command was not given stays as it was.
                added.quoteEnglish = added.quoteEnglish ?? kept.quoteEnglish
                // A locator the analyst wrote stays; one this command wrote (a line, unverified)
                // is written again, from the text as it is now.
                if let analysts = kept.locator, !isLocatorGiven, !QuoteLocator.isWrittenByIsnad(analysts) {
                    added.locator = analysts
                } else {
                    added.locator = added.locator ?? kept.locator
                }
                citationNumber = index + 1
                if added == kept { return "citation \(index + 1) of claim \"\(new.id)\" \(Self.unchanged)" }
                // Whose assessment this replaces, read before it is written: a colleague's grade
                // overwritten by a second `add` is said, not left to be found in the log.
                let writer = try store.entryThatWrote(citation: kept.key, of: stored.id)
                stored.citations[index] = added
                try session.put(.claim(stored))
                if isConfirmed { notes = try unconfirmedNotes(of: new.id, store: store) }
                if let writer, !HistoryEntry.isSameAuthor(writer.author, change.author) {
                    notes.insert(
                        "isnad: note: citation \(index + 1) was written by \(Text.printable(writer.author)) (entry \(writer.number), \(writer.commandName), \(writer.day)), not by \(Text.printable(change.author)): this changes their assessment"
                            + (arguments.isSet(isDryRun) ? "" : "; isnad undo takes it back"), at: 0)
                }
                let changes = Self.changes(from: kept, to: added)
                return "updated citation \(index + 1) of claim \"\(new.id)\""
                    + (changes.isEmpty ? "" : ": " + changes.joined(separator: ", "))
            }
            stored.citations.append(added)
            citationNumber = stored.citations.count
            try session.put(.claim(stored))
            if isConfirmed { notes = try unconfirmedNotes(of: new.id, store: store) }
            // Found by its ends alone, a dated claim lends the citation its dates: said, as they
            // now count this citation among their support.
            if givenID == nil, !hasDates, stored.start != nil || stored.end != nil {
                return
                    "added citation \(stored.citations.count) to claim \"\(new.id)\" (\(DateText.dates(of: stored, vocabulary: store.vocabulary)): dates this citation did not give; give --start/--end to keep it apart)"
            }
            return "added citation \(stored.citations.count) to claim \"\(new.id)\""
        }
        let (outcome, entry) = try store.changing(change, isDryRun: arguments.isSet(isDryRun)) { session -> String in
            let outcome = try write(session)
            warnings = try DateWarnings.lines(writtenBy: session.number, store: store, what: "added")
            return outcome
        }
        try report(outcome, id: new.id, entry: entry, arguments: arguments, context: context)
        if let looseMatch, let quoted {
            quoteNotes.append(
                "isnad: note: claim \"\(Text.printable(new.id))\" citation \(citationNumber): "
                    + Text.printable(looseMatch.description(ofSource: quoted.id)))
        }
        for note in warnings + quoteNotes + notes { context.message(note) }
    }

    /// A record the command named was taken away by another process between the lookup and the
    /// write: running it again looks it up anew (a merged id names the entity kept), so exit 75.
    struct RemovedMeanwhile: Error, CustomStringConvertible {
        let description: String
    }

    /// What an update changes in a citation of the same source and quote, as `log` shows a
    /// field: `stance asserts → denies`, `credibility 4 → 6`, `locator "p. 4" → (none)`.
    static func changes(from kept: Citation, to added: Citation) -> [String] {
        func text(_ value: String?) -> String { value.map { "\"\(Text.printable($0))\"" } ?? "(none)" }
        var changes: [String] = []
        if kept.stance != added.stance { changes.append("stance \(kept.stance.rawValue) → \(added.stance.rawValue)") }
        if kept.credibility != added.credibility {
            changes.append("credibility \(kept.credibility.rawValue) → \(added.credibility.rawValue)")
        }
        if kept.quoteEnglish != added.quoteEnglish {
            changes.append("quote_en \(text(kept.quoteEnglish)) → \(text(added.quoteEnglish))")
        }
        if kept.locator != added.locator { changes.append("locator \(text(kept.locator)) → \(text(added.locator))") }
        return changes
    }

    /// The notes on citations of the claim graded 1 (confirmed) without a second independent
    /// channel, read in the change's transaction: a dry run, rolled back, says them too.
    private static func unconfirmedNotes(of id: String, store: GraphStore) throws -> [String] {
        guard let claim = try store.claim(id: id) else { return [] }
        return try TransmissionGraph(store: store).unconfirmedGrades(of: claim).map { unconfirmed in
            "isnad: note: citation \(unconfirmed.position + 1) is graded 1 (confirmed by other independent sources), but the claim's \(unconfirmed.stance == .denies ? "denial" : "support") has \(counted(unconfirmed.channels, "independent channel")): its grades are read as 2 until another channel confirms it (isnad check lists such grades)"
        }
    }

    /// `undated`, or `dated 2019 – 2020`, `dated since 2023`: a claim's dates in a sentence.
    private static func datedPhrase(of claim: Claim, store: GraphStore) -> String {
        let dates = DateText.dates(of: claim, vocabulary: store.vocabulary)
        return claim.start == nil && claim.end == nil ? dates : "dated \(dates)"
    }

    /// The note on a new claim that other standing claims state too, with other dates that may
    /// be one relationship's (periods that overlap, or none): each is weighed apart, so one
    /// relationship two sources report reads as two claims with one voice each (and
    /// `--min-channels 2` misses it). Still added, since dates may truly differ, as `add entity`
    /// adds a namesake and notes it; periods apart (two terms of one office) get no note.
    /// When the advice is to set the other claim's dates to this one's and this citation was
    /// public (`publicSince`, from `citing`) after some citation of it, the note says that the
    /// dates would then show in `--known-by` answers from before it was public: a claim's dates
    /// are shared by all its citations.
    private static func otherClaimsNote(
        stating claim: Claim, publicSince: PartialDate?, citing source: String, store: GraphStore, isDryRun: Bool
    ) throws -> String? {
        let others = try store.claimsMaybeOneRelationship(with: claim)
        guard let first = others.first else { return nil }
        let named = ClaimNaming.claims(
            others.map { other in
                var dated = claim
                (dated.start, dated.end) = (other.start, other.end)
                return (id: other.id, detail: DateText.dates(of: dated, vocabulary: store.vocabulary))
            })
        // The other claim's dates set to this one's first, where this one has dates it lacks:
        // add claim --id refuses dates that are not its claim's.
        let setting =
            others.count == 1
            ? [("start", claim.start, first.start), ("end", claim.end, first.end)].compactMap { field, given, kept in
                given.flatMap { $0 == kept ? nil : "isnad set \(first.id) \(field) \($0)" }
            } : []
        let steps = (isDryRun ? [] : ["isnad undo"]) + setting
        let cite = others.count == 1 ? "--id \(first.id)" : "--id CLAIM"
        var caution = ""
        if !setting.isEmpty, let earliest = try store.claim(id: first.id)?.earliestPublicSince(before: publicSince) {
            let citing = "\"\(Text.printable(source))\""
            let when =
                publicSince.map { "before \(citing) was public (\($0))" }
                ?? "where \(citing), with no published date, is known by none"
            caution =
                " (but set so, \(first.id)'s dates would show in --known-by answers from \(earliest) on, \(when): kept apart, they do not)"
        }
        return
            "isnad: note: \(named) also \(others.count == 1 ? "states" : "state") \(claim.subject) \(claim.predicate) \(claim.object), weighed apart from this one: if \(others.count == 1 ? "they are one" : "one of them is this") relationship, \(steps.isEmpty ? "" : steps.joined(separator: ", ") + ", then ")cite it with \(cite)\(caution)"
    }

    // MARK: Helpers

    /// A date option's text for its record, in the digits 0-9; a year of the first hundred typed
    /// (`0022`, a digit lost) refused as a usage error, as a sheet's cell refuses it.
    private static func typedDate(_ text: String, option: String) throws -> String {
        if let note = PartialDate.leadingZeroYearNote(forTyped: text) {
            throw UsageError(message: "--\(option): \"\(Text.printable(text))\" is not a valid date: \(note)", command: spec.name)
        }
        return Text.withWesternDigits(date: text)
    }

    /// A required option's value read as `Value` reads an argument, refused as a usage error.
    private static func choice<Value: ArgumentValue>(
        _ arguments: ParsedArguments, _ option: Option<String>, as: Value.Type
    ) throws -> Value {
        let text = try required(arguments, option, for: option.spec.formats.first ?? "")
        do {
            return try Value(argument: text)
        } catch {
            throw UsageError(message: "--\(option.spec.name): \(error.message)", command: spec.name)
        }
    }

    private static func required(_ arguments: ParsedArguments, _ option: Option<String>, for kind: String) throws -> String {
        // An empty value is refused by the parser, as for every option.
        guard let value = try arguments.value(option) else {
            throw UsageError(message: "add \(kind) needs --\(option.spec.name)", command: spec.name)
        }
        return value
    }

    /// An id a rename took away stays away, as import keeps it: a record under it would bring
    /// the old id back beside the new one (a source's real name beside its pseudonym).
    private static func refuseIDTakenByRename(_ kind: Record.Kind, _ id: String, store: GraphStore) throws {
        guard let renamed = try store.renameThatTookAway(kind, id) else { return }
        throw LookupError(description: "\(renamed.sentence): give another --id, or undo the rename first")
    }

    private static func derivedID(from name: String, option: String) throws -> String {
        let slug = Identifier.derived(fromName: name)
        guard !slug.isEmpty else {
            throw UsageError(
                message:
                    "--\(option): no id can be made from \"\(Text.printable(name))\" (no letters that have a Latin spelling): give --id",
                command: spec.name)
        }
        return slug
    }

    private static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members: members.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }

    /// The record, checked as import checks it; a problem names the option it came from, and is
    /// a usage error (64), as a bad value of any option is (`claims --stance assert`).
    private static func decode(_ value: JSONValue, store: GraphStore) throws -> Record {
        do {
            return try RecordDecoder(vocabulary: store.vocabulary).decode(value)
        } catch {
            let problem = error.problems[0]
            throw UsageError(message: "\(optionName(problem.field)): \(problem.message)", command: spec.name)
        }
    }

    /// The option (or argument) a record field came from.
    static func optionName(_ field: String?) -> String {
        guard let field else { return "add" }
        if field.hasPrefix("attributes.") { return "--attribute \(field.dropFirst("attributes.".count))" }
        let leaf = field.split(separator: ".").last.map(String.init) ?? field
        let name = leaf.split(separator: "[").first.map(String.init) ?? leaf
        switch name {
        case "subject", "predicate", "object": return name.uppercased()
        case "aliases": return "--alias"
        case "lang" where field.hasPrefix("aliases"): return "--alias"
        case "quote_en": return "--quote-en"
        case "text": return "--text-file"
        default: return "--\(name)"
        }
    }

    /// How an outcome ends when the command changed nothing, which a dry run says as it is.
    private static let unchanged = "is there already, unchanged"

    /// The id on standard output and what was done on standard error; with --dry-run, what would
    /// have been done, and no id (nothing has it).
    private static func report(
        _ outcome: String, id: String, entry: Int?, arguments: ParsedArguments, context: Context
    ) throws {
        if arguments.isSet(isDryRun) {
            context.message(
                outcome.hasSuffix(unchanged)
                    ? HistoryOptions.dryRunMessage(unchanged: outcome) : HistoryOptions.dryRunMessage(outcome))
            return
        }
        try context.print(id + "\n")
        context.message(outcome + (entry.map { " (history entry \($0))" } ?? ""))
    }
}

/// The problems of one command line, gathered so that all are said at once: one line each (a
/// name's suggestions under it), a usage error (64) when every one is one, else bad data (65).
struct ProblemsFound {
    private var found: [(label: String?, error: any Error)] = []

    /// `body`'s value, or nil with its error noted when it is a problem of what was typed (a name
    /// that matches nothing, a bad value); `label` names what it read (`SUBJECT`) when its
    /// message does not. Any other error (a locked or damaged store) is thrown at once.
    mutating func attempt<Value>(_ label: String? = nil, _ body: () throws -> Value) throws -> Value? {
        do {
            return try body()
        } catch let error as EntityResolver.ResolutionError {
            found.append((label, error))
        } catch let error as LookupError {
            found.append((label, error))
        } catch let error as UsageError {
            found.append((label, error))
        }
        return nil
    }

    mutating func note(_ error: any Error) { found.append((nil, error)) }

    func throwIfAny() throws {
        guard let first = found.first else { return }
        guard found.count > 1 else { throw first.error }
        let lines = found.map { label, error in
            (label.map { "\($0): " } ?? "") + ((error as? UsageError)?.message ?? ErrorMessage.text(for: error))
        }
        let description = lines.joined(separator: "\nisnad: ")
        if found.allSatisfy({ $0.error is UsageError }) { throw UsageError(message: description, command: AddCommand.name) }
        throw LookupError(description: description)
    }
}
