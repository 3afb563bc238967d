import IsnadKit

/// A subcommand: its spec (name, help, options) and what it does.
protocol Command: SendableMetatype {
    /// What the user types; the spec's name.
    static var name: String { get }
    static var spec: CommandSpec { get }
    static func run(_ arguments: ParsedArguments, context: Context) throws
    /// Whether the command works on the store that --db or $ISNAD_DB names: `help`, `predicates`,
    /// `template` and `copy` (which names its stores itself) do not, so a $ISNAD_DB that cannot be
    /// read stops none of them.
    static var usesTheStore: Bool { get }
}

extension Command {
    static var usesTheStore: Bool { true }
}

/// A command as the dispatcher sees it. Its spec (options, help text) is built when first asked
/// for: a run builds the spec of its own command only, not those of all the others.
struct RegisteredCommand: Sendable {
    let name: String
    private let command: any Command.Type

    init<C: Command>(_ command: C.Type) {
        name = C.name
        self.command = command
    }

    var spec: CommandSpec { command.spec }
    var usesTheStore: Bool { command.usesTheStore }

    func run(_ arguments: ParsedArguments, context: Context) throws {
        try command.run(arguments, context: context)
    }
}

/// Every command, in the order `isnad help` lists them.
let commands: [RegisteredCommand] = [
    RegisteredCommand(InitCommand.self),
    RegisteredCommand(ImportCommand.self),
    RegisteredCommand(TemplateCommand.self),
    RegisteredCommand(ExportCommand.self),
    RegisteredCommand(CopyCommand.self),
    RegisteredCommand(AddCommand.self),
    RegisteredCommand(LogCommand.self),
    RegisteredCommand(UndoCommand.self),
    RegisteredCommand(EditCommand.self),
    RegisteredCommand(SetCommand.self),
    RegisteredCommand(RetractCommand.self),
    RegisteredCommand(RestoreCommand.self),
    RegisteredCommand(DeleteCommand.self),
    RegisteredCommand(MergeCommand.self),
    RegisteredCommand(UnmergeCommand.self),
    RegisteredCommand(RenameCommand.self),
    RegisteredCommand(DuplicatesCommand.self),
    RegisteredCommand(ShowCommand.self),
    RegisteredCommand(SearchCommand.self),
    RegisteredCommand(EntitiesCommand.self),
    RegisteredCommand(NeighborsCommand.self),
    RegisteredCommand(PathCommand.self),
    RegisteredCommand(TimelineCommand.self),
    RegisteredCommand(ClaimsCommand.self),
    RegisteredCommand(SourceCommand.self),
    RegisteredCommand(SourcesCommand.self),
    RegisteredCommand(DisputesCommand.self),
    RegisteredCommand(StatsCommand.self),
    RegisteredCommand(CheckCommand.self),
    RegisteredCommand(ReindexCommand.self),
    RegisteredCommand(PredicatesCommand.self),
    RegisteredCommand(HelpCommand.self),
]

enum HelpCommand: Command {
    static let name = "help"
    static let usesTheStore = false
    static let spec = CommandSpec(
        name: name,
        abstract: "Show help for isnad, a command, or a topic (evidence).",
        arguments: [ArgumentSpec(name: "topic", help: "A command name, or 'evidence'.", isOptional: true)],
        examples: ["isnad help", "isnad help show", "isnad help evidence"])

    static func run(_ arguments: ParsedArguments, context: Context) throws {
        guard let topic = arguments.positionals.first else {
            try context.print(HelpLayout.laidOut(overview, width: context.readingWidth))
            return
        }
        if topic.lowercased() == "evidence" {
            try context.print(HelpLayout.laidOut(evidence, width: context.readingWidth))
        } else if let command = commands.first(where: { $0.name == topic.lowercased() }) {
            try context.print(HelpLayout.laidOut(command.spec.help, width: context.readingWidth))
        } else {
            let suggestion = Suggestion.nearest(to: topic, among: commands.map(\.name) + ["evidence"])
            throw UsageError(
                message: "no help for '\(Text.printable(topic))'" + Suggestion.phrase(suggestion)
                    + (suggestion == nil
                        ? ": help takes a command's name (isnad help lists them) or the topic evidence; filters are options of each listing (isnad help claims)"
                        : ""))
        }
    }

    static var overview: String {
        var lines = [
            "OVERVIEW: Isnad — a source-attributed knowledge graph of actors and the claims that link them.",
            "",
            "Every relationship is a claim made by a source, never a fact: each output says who says it,",
            "in which words, and how far to trust it (see 'isnad help evidence').",
            "",
            "USAGE: isnad [--db <path>] [--store <name>] <command> [arguments] [options]",
            "",
            "COMMANDS:",
        ]
        lines += commands.map { HelpLayout.row($0.spec.name, $0.spec.abstract) }
        lines += [
            "",
            "OPTIONS:",
            HelpLayout.row("--db <path>", "The store: a file or a postgresql:// URI (default: $ISNAD_DB, else ./isnad.db)."),
            HelpLayout.row("--store <name>", "The store's name in a PostgreSQL database (default: isnad)."),
            HelpLayout.row(
                "--bidi-marks <when>", "Arabic-ordering marks: auto (on a terminal; in --format cite always), always, never."),
            HelpLayout.row(
                "--wait <seconds>", "How long a change waits for another's write lock (default: as long as it takes)."),
            HelpLayout.row("--version", "Print the version."),
            "",
            "EXIT CODES: 0 ok · 1 failure · 64 usage · 65 bad input data · 66 missing input or store · 69 server or",
            "program unavailable · 73 cannot write · 74 output failed · 75 store locked or connection lost, run again ·",
            "77 permission denied (README: Errors and exit codes)",
            "",
            "See 'isnad help <command>' or 'isnad <command> --help' for a command's options and examples.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    static let evidence = """
        EVIDENCE AND STATUS

        A claim's citations say who makes it (the source, or claimant), where we read it (via), in which words
        (quote), how the source stands toward it (stance), and two Admiralty grades:

          reliability of the source   A completely reliable · B usually reliable · C fairly reliable
                                      D not usually reliable · E unreliable · F cannot be judged
          credibility of the item     1 confirmed · 2 probably true · 3 possibly true · 4 doubtful
                                      5 improbable · 6 cannot be judged

          stance   asserts: the source states it · reports: relays it without endorsing it
                   denies: disputes or rejects it

        From its citations every claim gets one status:

          DISPUTED   some citation denies it;
          ASSERTED   otherwise, a source graded A–C asserts it with credibility 1–3;
          ALLEGED    otherwise: only weaker sources, or sources that merely report it.

        "best B2" is the whole grade of one citation that supports it (asserts, reports): one that makes it
        asserted on its own first, then the strongest (the smallest sum of the two ranks, then reliability).
        Never one's reliability beside another's credibility: B5 and E2 read B5. A denial is no voice for it.
        Filters that drop citations (--min-reliability, --known-by, …) are applied first; the status is that
        of the citations left.

        CHANNELS AND COMMON LINKS

        A citation's chain is its claimant, the source it is read in (via), and every source those cite.
        Citations whose chains share a source are one channel: "4 citations · 1 channel" is one voice heard
        four times. The common link is the source every chain of a channel passes through
        ("all through hadera-2022-article (E)"). Status and grades are capped by it, and each citation by
        its via and by the relays the via had it through: a claim that reaches us only through E-graded articles is never better than E, and never
        ASSERTED; credibility 1
        (confirmed) counts as 2 unless another independent channel has an A–C source asserting it graded 1–3. Every output shows the capped status.
        --min-channels N, --max-channels N and --exclude-common-link SOURCE filter on them ('--max-channels 1':
        what rests on a single voice); 'isnad source ID --impact' says
        what falls with a source, and 'isnad disputes' what contradicts what.

        """
}
