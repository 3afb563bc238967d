import Foundation
import TestHelpers
import Testing

@testable import IsnadCLI
@testable import IsnadKit

/// The command line parsed and run inside the test process (no binary): typed values, error
/// messages, exit codes and help, in the manner of swift-argument-parser's test helpers.
@Suite("Command line in-process")
struct InProcessTests {
    /// What a run printed, and how it ended.
    struct Run {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// Standard error, collected (the CLI may write it from any thread).
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func append(_ more: String) { lock.withLock { text += more } }
        var value: String { lock.withLock { text } }
    }

    /// Runs `isnad ARGUMENTS` in-process, on the store `database` (a path that need not exist).
    static func run(_ arguments: [String], database: String = "/nonexistent/isnad-test.db") -> Run {
        let output = MemorySink()
        let errors = Collected()
        let code = IsnadCLI.run(
            arguments, environment: ["ISNAD_DB": database], output: output, standardError: { errors.append($0) })
        return Run(status: code.rawValue, standardOutput: output.text, standardError: errors.value)
    }

    /// The parsed arguments of a command line that names a command.
    static func parsed(_ arguments: [String]) throws -> ParsedArguments {
        guard case .command(_, let parsed, _, _) = try IsnadCLI.parse(arguments) else {
            throw UsageError(message: "not a command: \(arguments)")
        }
        return parsed
    }

    /// The usage error a command line gives, parsed and its options read as the command reads them.
    static func usageError(_ arguments: [String], reading: (ParsedArguments) throws -> Void) -> UsageError? {
        do {
            try reading(try parsed(arguments))
            return nil
        } catch {
            return error as? UsageError
        }
    }

    @Test("options are read as the types they are declared with")
    func typedValues() throws {
        let neighbors = try Self.parsed(["neighbors", "hamas", "--depth", "2", "--direction=OUT", "--format", "csv"])
        #expect(neighbors.positionals == ["hamas"])
        #expect(try neighbors.value(NeighborsCommand.depth) == 2)
        #expect(try neighbors.value(NeighborsCommand.direction) == .out)
        #expect(try neighbors.value(OutputFormat.option) == .csv)
        #expect(!neighbors.isSet(Timing.option))

        let show = try Self.parsed([
            "show", "hamas", "--type", "Person,place", "--type", "person", "--between", "2014", "2017-05",
            "--min-reliability", "c", "--min-credibility", "3", "--exclude-disputed", "--known-by", "2017",
        ])
        #expect(Set(try show.values(FilterOptions.type)) == [.person, .place])
        let between = try #require(try show.pair(FilterOptions.between))
        #expect(between.0.description == "2014" && between.1.description == "2017-05")
        #expect(try show.value(FilterOptions.minimumReliability) == .c)
        #expect(try show.value(FilterOptions.minimumCredibility) == .possiblyTrue)
        #expect(try show.value(FilterOptions.knownBy)?.description == "2017")
        #expect(show.isSet(FilterOptions.excludesDisputed))
        #expect(try show.value(FilterOptions.asOf) == nil)

        let export = try Self.parsed(["export", "dot", "--rankdir", "tb", "--lang", "ar", "-o", "out.dot"])
        #expect(try export.value(ExportCommand.rankDirection) == .topToBottom)
        #expect(try export.value(ExportCommand.language) == .ar)
        #expect(try export.value(ExportCommand.output) == "out.dot")
    }

    @Test(
        "a bad value names the option and what it expected",
        arguments: [
            (["neighbors", "hamas", "--depth", "9"], "--depth: expected a whole number from 1 to 6, got \"9\""),
            (["neighbors", "hamas", "--direction", "sideways"], "--direction: \"sideways\" is not one of out, in, both"),
            (["show", "hamas", "--format", "xml"], "--format: \"xml\" is not one of table, list, json, csv, cite"),
            (
                ["show", "hamas", "--type", "persn"],
                "--type: \"persn\" is not one of person, organization, event, place (did you mean \"person\"?)"
            ),
            (["show", "hamas", "--min-reliability", "Z"], "--min-reliability: expected a grade from A to F, got \"Z\""),
            (["show", "hamas", "--min-credibility", "9"], "--min-credibility: expected a grade from 1 to 6, got \"9\""),
            (["show", "hamas", "--as-of", "2014-02-30"], "--as-of: "),
            (["export", "dot", "--rankdir", "up"], "--rankdir: \"up\" is not one of LR, RL, TB, BT"),
        ])
    func badValues(_ arguments: [String], _ message: String) throws {
        // Each declaration this test knows, read when the command declares it.
        let readers: [(name: String, read: (ParsedArguments) throws -> Void)] = [
            ("format", { _ = try $0.value(OutputFormat.option) }),
            ("type", { _ = try $0.values(FilterOptions.type) }),
            ("min-reliability", { _ = try $0.value(FilterOptions.minimumReliability) }),
            ("min-credibility", { _ = try $0.value(FilterOptions.minimumCredibility) }),
            ("as-of", { _ = try $0.value(FilterOptions.asOf) }),
            ("depth", { _ = try $0.value(NeighborsCommand.depth) }),
            ("direction", { _ = try $0.value(NeighborsCommand.direction) }),
            ("rankdir", { _ = try $0.value(ExportCommand.rankDirection) }),
        ]
        let error = Self.usageError(arguments) { parsed in
            for reader in readers where parsed.spec.options.contains(where: { $0.name == reader.name }) {
                try reader.read(parsed)
            }
        }
        let found = try #require(error)
        #expect(found.message.hasPrefix(message), "\(found.message)")
        #expect(found.command == arguments[0])
        #expect(ExitCode(for: found) == .usage)
    }

    @Test(
        "usage errors print one line and the help to see, and exit 64, before any store is opened",
        arguments: [
            (["nope"], "isnad: unknown command \"nope\"\n(see 'isnad help')\n"),
            (["shwo", "hamas"], "isnad: unknown command \"shwo\" (did you mean \"show\"?)\n(see 'isnad help')\n"),
            (["SHOOW", "hamas"], "isnad: unknown command \"SHOOW\" (did you mean \"show\"?)\n(see 'isnad help')\n"),
            (["show", "hamas", "--unknwn"], "isnad: unknown option '--unknwn'\n(see 'isnad show --help')\n"),
            (
                ["show", "hamas", "--formt", "csv"],
                "isnad: unknown option '--formt' (did you mean '--format'?)\n(see 'isnad show --help')\n"
            ),
            (["show"], "isnad: missing <entity>: isnad show <entity> [options]\n(see 'isnad show --help')\n"),
            (["show", "a", "b"], "isnad: unexpected argument 'b': isnad show <entity> [options]\n(see 'isnad show --help')\n"),
            (
                ["show", "hamas", "--exclude-disputed=yes"],
                "isnad: --exclude-disputed takes no value\n(see 'isnad show --help')\n"
            ),
            (
                ["show", "hamas", "--between", "2014"],
                "isnad: --between needs two values: --between <date> <date>\n(see 'isnad show --help')\n"
            ),
            (
                ["show", "hamas", "--format", "xml"],
                "isnad: --format: \"xml\" is not one of table, list, json, csv, cite\n(see 'isnad show --help')\n"
            ),
            (["--db"], "isnad: --db needs a path: --db <path>\n(see 'isnad help')\n"),
            (
                ["export", "graphml", "--rankdir", "TB"],
                "isnad: --rankdir does not apply to export graphml, only to export dot\n(see 'isnad export --help')\n"
            ),
            (
                ["export", "jsonl", "--min-reliability", "C"],
                "isnad: --min-reliability does not apply to export jsonl, only to export dot, graphml, html and gexf; jsonl writes the whole store (for a filtered subset: isnad claims … --format json)\n(see 'isnad export --help')\n"
            ),
            (
                ["export", "jsonl", "--focus", "hamas"],
                "isnad: --focus does not apply to export jsonl, only to export dot, graphml, html and gexf; jsonl writes the whole store (for a neighbourhood: isnad neighbors ENTITY --depth N --format json)\n(see 'isnad export --help')\n"
            ),
            (
                ["claims", "--include-retracted", "--only-retracted"],
                "isnad: --only-retracted lists the retracted claims alone; --include-retracted lists them beside the others: give one\n(see 'isnad claims --help')\n"
            ),
            (
                ["export", "stix", "--include-retracted"],
                "isnad: --include-retracted does not apply to export stix, only to export jsonl, dot and graphml\n(see 'isnad export --help')\n"
            ),
            (
                ["export", "dot", "--pairs", "--collapse"],
                "isnad: --pairs and --collapse do not go together: --pairs draws one edge per pair of entities already; leave one out\n(see 'isnad export --help')\n"
            ),
            // Another command's spelling of an option: this command's own is named.
            (
                ["path", "hamas", "isis", "--depth", "2"],
                "isnad: unknown option '--depth' (path takes --max-depth <n>)\n(see 'isnad path --help')\n"
            ),
            (
                ["neighbors", "hamas", "--max-depth", "2"],
                "isnad: unknown option '--max-depth' (neighbors takes --depth <n>)\n(see 'isnad neighbors --help')\n"
            ),
            (
                ["path", "hamas", "isis", "--direction", "out"],
                "isnad: unknown option '--direction' (path takes --directed)\n(see 'isnad path --help')\n"
            ),
            (
                ["neighbors", "hamas", "--directed"],
                "isnad: unknown option '--directed' (neighbors takes --direction <direction>)\n(see 'isnad neighbors --help')\n"
            ),
            (
                ["claims", "--since", "2014"],
                "isnad: unknown option '--since' (claims takes --as-of <date> or --between <date> <date>)\n(see 'isnad claims --help')\n"
            ),
            (
                ["log", "--between", "2026", "2026"],
                "isnad: unknown option '--between' (log takes --since <date> or --until <date>)\n(see 'isnad log --help')\n"
            ),
            (["stats", "--limit", "5"], "isnad: unknown option '--limit' (stats takes --top <n>)\n(see 'isnad stats --help')\n"),
            (
                ["claims", "--top", "5"],
                "isnad: unknown option '--top' (claims takes --limit <n>)\n(see 'isnad claims --help')\n"
            ),
            // A spelling no command uses is still matched to the nearest.
            (
                ["claims", "--stanse", "denies"],
                "isnad: unknown option '--stanse' (did you mean '--stance'?)\n(see 'isnad claims --help')\n"
            ),
            (
                ["export", "xml"],
                "isnad: unknown export format \"xml\"; expected one of jsonl, dot, graphml, html, gexf, stix, ftm, history\n(see 'isnad export --help')\n"
            ),
            // The next word is an option, not the value: `--reason --help` asks for help.
            (
                ["retract", "hamas-funded-isis", "--reason", "--help"],
                "isnad: --reason needs a value, and '--help' is an option (a value that starts with -- is given as --reason=…)\n(see 'isnad retract --help')\n"
            ),
            (
                ["retract", "hamas-funded-isis", "--reason", "-h"],
                "isnad: --reason needs a value, and '-h' is an option (the value -h is given as --reason=-h)\n(see 'isnad retract --help')\n"
            ),
            (
                ["claims", "--between", "2014", "--limit", "3"],
                "isnad: --between needs two values, and '--limit' is an option\n(see 'isnad claims --help')\n"
            ),
            (
                ["claims", "--between=2014", "2015"],
                "isnad: --between takes two values, after a space each (not after =): --between <date> <date>\n(see 'isnad claims --help')\n"
            ),
            // An empty value (an unset variable in a script) filters nothing: refused, not ignored.
            (["claims", "--source", ""], "isnad: --source is empty: --source <source>…\n(see 'isnad claims --help')\n"),
            (["claims", "--stance", " , "], "isnad: --stance is empty: --stance <stance>…\n(see 'isnad claims --help')\n"),
            (["claims", "--source="], "isnad: --source is empty: --source <source>…\n(see 'isnad claims --help')\n"),
            // One value given twice: which one was meant is not guessed.
            (
                ["add", "claim", "a", "funded", "b", "--stance", "asserts", "--stance", "denies"],
                "isnad: --stance is given twice (\"asserts\" and \"denies\"): give it once\n(see 'isnad add --help')\n"
            ),
            (
                ["timeline", "--as-of", "2014", "--as-of", "2015"],
                "isnad: --as-of is given twice (\"2014\" and \"2015\"): give it once\n(see 'isnad timeline --help')\n"
            ),
            (
                ["--db", "a.db", "--db", "b.db", "stats"],
                "isnad: --db is given twice, with two values: give it once\n(see 'isnad help')\n"
            ),
            (
                ["--db", "-", "stats"],
                "isnad: \"-\" names no store: a store is a file, not standard input or output (./- is a file named -)\n(see 'isnad help')\n"
            ),
            (
                ["copy", "a.db", "-"],
                "isnad: \"-\" names no store: a store is a file, not standard input or output (./- is a file named -)\n(see 'isnad help')\n"
            ),
            (
                ["--bidi-marks", "stats"],
                "isnad: --bidi-marks stats: a command must follow --bidi-marks and its value (auto, always or never): isnad --bidi-marks <when> <command>\n(see 'isnad help')\n"
            ),
            // `--name=…` is an option whatever its value holds: not the value of the option before it.
            (
                ["add", "claim", "a", "funded", "b", "--locator", "--quote-en=we paid them"],
                "isnad: --locator needs a value, and '--quote-en=we paid them' is an option (a value that starts with -- is given as --locator=…)\n(see 'isnad add --help')\n"
            ),
            // Free text given twice is the same only as written: A.jsonl and a.jsonl are two files.
            (
                ["export", "jsonl", "-o", "A.jsonl", "-o", "a.jsonl"],
                "isnad: --output is given twice (\"A.jsonl\" and \"a.jsonl\"): give it once\n(see 'isnad export --help')\n"
            ),
            // A negative number is a value, not an option.
            (["undo", "-1"], "isnad: expected a history entry's number (isnad log), got \"-1\"\n(see 'isnad undo --help')\n"),
            (
                ["import", "-", "-"],
                "isnad: - (standard input) is given twice: it can be read once\n(see 'isnad import --help')\n"
            ),
            (
                ["init", "--roles"],
                "isnad: --roles creates roles on a PostgreSQL server, and /nonexistent/isnad-test.db is a store file: give --db a postgresql:// URI\n(see 'isnad init --help')\n"
            ),
            // The one option that begins with what was typed comes first.
            (["stats", "--typ"], "isnad: unknown option '--typ' (did you mean '--type'?)\n(see 'isnad stats --help')\n"),
            // An option of copy, asked of a command that reads what copy makes: where it lives.
            (
                ["export", "dot", "--without-source", "informant-k"],
                "isnad: unknown option '--without-source' (it is an option of isnad copy and of import --from history: copy the store without the source, then export from the copy)\n(see 'isnad export --help')\n"
            ),
            (
                ["claims", "--without-notes"],
                "isnad: unknown option '--without-notes' (it is an option of isnad copy: copy the store without the notes, then run claims from the copy)\n(see 'isnad claims --help')\n"
            ),
        ])
    func usageErrors(_ arguments: [String], _ standardError: String) {
        let run = Self.run(arguments)
        #expect(run.status == 64)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError == standardError)
    }

    @Test("every spelling in the table of synonyms is an option of some command, so that each hint names a real one")
    func synonymsAreOptions() {
        for idea in OptionSynonyms.ideas {
            for name in idea {
                #expect(commands.contains { $0.spec.options.contains { $0.name == name } }, "--\(name)")
            }
        }
        // A command that takes none of an idea's spellings gets no hint from it, but the nearest spelling.
        #expect(OptionSynonyms.hint(for: "since", in: PredicatesCommand.spec) == nil)
    }

    @Test("every option said to live elsewhere is one of copy's, and no command that takes it is sent there")
    func optionsElsewhereAreCopys() {
        for name in OptionsElsewhere.options.keys {
            #expect(CopyCommand.spec.options.contains { $0.name == name }, "--\(name)")
            for command in commands where command.spec.allOptions.contains(where: { $0.name == name }) {
                #expect(OptionsElsewhere.hint(for: name, in: command.spec) == nil, "\(command.name) --\(name)")
            }
        }
    }

    @Test("a missing store or input exits 66; a folder or unreadable file is not 'missing' but still exits 66")
    func missingInputs() throws {
        let missingStore = Self.run(["show", "hamas"])
        #expect(missingStore.status == 66)
        #expect(
            missingStore.standardError
                == "isnad: no store at /nonexistent/isnad-test.db (from $ISNAD_DB; create one with 'isnad init' or 'isnad import FILE', or name another with --db)\n"
        )
        // copy takes no --db: its hint names its own way.
        let missingCopy = Self.run(["copy", "/nonexistent/from.db", "/nonexistent/to.db"])
        #expect(missingCopy.status == 66)
        #expect(
            missingCopy.standardError
                == "isnad: no store at /nonexistent/from.db (copy copies a store that exists: isnad copy FROM TO, FROM a store file or a postgresql:// URI)\n"
        )
        let missingFile = Self.run(["import", "/nonexistent/records.jsonl"])
        #expect(missingFile.status == 66)
        #expect(missingFile.standardError == "isnad: /nonexistent/records.jsonl: no such file\n")

        let folder = NSTemporaryDirectory()
        let notAFile = Self.run(["import", folder])
        #expect(notAFile.status == 66)
        #expect(notAFile.standardError == "isnad: \(folder): is a folder, not a record file\n")
        do {
            try Importer.checkInputs([.file(folder)])
            Issue.record("a folder was accepted as a record file")
        } catch let error as Importer.InputError {
            #expect(!error.isMissing)
            #expect(error.kind == .notAFile)
        }
        #expect(!Importer.InputError(input: "f", reason: "r", kind: .unreadable).isMissing)
        #expect(ExitCode(for: Importer.InputError(input: "f", reason: "r", kind: .unreadable)) == .missingInput)
        #expect(ExitCode(for: Importer.InputError(input: "f", reason: "r", kind: .readFailed)) == .ioError)
        // A lock held past the wait: running the command again may work, as after a lost connection.
        #expect(ExitCode(for: DatabaseError(resultCode: .busy, message: "database is locked")) == .temporaryFailure)
        // The store's files: full (a quota too) or read-only, 73; any other I/O error, 74.
        for (systemError, code) in [
            (EDQUOT, ExitCode.cannotWrite), (EFBIG, .cannotWrite), (EROFS, .cannotWrite), (EINVAL, .ioError),
        ] {
            let error = DatabaseError(resultCode: ResultCode(rawValue: 778), message: "disk I/O error", systemError: systemError)
            #expect(ExitCode(for: error) == code, "\(systemError)")
        }
        // An entity merged away between add's lookup and its write, a store read without a
        // snapshot and written meanwhile: running the command again works.
        #expect(ExitCode(for: AddCommand.RemovedMeanwhile(description: "entity \"x\" was removed")) == .temporaryFailure)
        #expect(ExitCode(for: StoreError.changedWhileRead(path: "isnad.db")) == .temporaryFailure)
    }

    @Test("the same value given twice is one value; a value with a space is a value; isnad --help X is isnad help X")
    func repeatsAndHelp() throws {
        let parsed = try Self.parsed([
            "claims", "--limit", "3", "--limit=03", "--format", "json", "--format", "JSON", "--predicate", "praised",
            "--predicate", "funded",
        ])
        #expect(try parsed.value(ListingLimit.claims) == 3)
        #expect(try parsed.value(OutputFormat.option) == .json)
        #expect(try parsed.values(FilterOptions.predicate) == ["praised", "funded"])
        // add reads its words and numbers as text, checked with the record: alike all the same.
        let added = try Self.parsed([
            "add", "claim", "a", "funded", "b", "--stance", "asserts", "--stance", "ASSERTS", "--credibility", "2",
            "--credibility", "02", "--start", "2022", "--start", "2022",
        ])
        #expect(try added.value(AddCommand.stance) == "ASSERTS" && added.value(AddCommand.credibility) == "02")
        #expect(try Self.parsed(["add", "entity", "--type", "person", "--type", "PERSON"]).value(AddCommand.type) == "PERSON")
        #expect(
            try Self.parsed(["add", "source", "--reliability", "b", "--reliability", "B"]).value(AddCommand.reliability) == "B")
        #expect(throws: (any Error).self) {
            try Self.parsed(["add", "claim", "a", "funded", "b", "--quote", "x", "--quote", "X"])
        }
        let reason = try Self.parsed(["retract", "c", "--reason", "-- see the note below"])
        #expect(try reason.value(RetractCommand.reason) == "-- see the note below")
        #expect(throws: Never.self) { try IsnadCLI.parse(["--db=a.db", "--db", "./a.db", "stats"]) }
        let help = Self.run(["--help", "show"])
        #expect(help.status == 0)
        #expect(help.standardOutput.hasPrefix("OVERVIEW: Show an entity"), "\(help.standardOutput.prefix(80))")
        #expect(Self.run(["--help", "evidence"]).standardOutput.hasPrefix("EVIDENCE AND STATUS"))
        #expect(Self.run(["help", "Show"]).standardOutput.hasPrefix("OVERVIEW: Show an entity"))
        #expect(Self.run(["--help", "--version"]).standardOutput.hasPrefix("OVERVIEW: Isnad"))
        let unknown = Self.run(["--help", "showw"])
        #expect(unknown.status == 64 && unknown.standardError.hasPrefix("isnad: no help for 'showw' (did you mean \"show\"?)"))
        // Nothing close: what help does take.
        let topic = Self.run(["help", "filters"])
        #expect(
            topic.status == 64
                && topic.standardError.hasPrefix(
                    "isnad: no help for 'filters': help takes a command's name (isnad help lists them) or the topic evidence; filters are options of each listing (isnad help claims)"
                ), "\(topic.standardError)")
    }

    @Test("help, the overview and the version exit 0 on standard output")
    func helpAndVersion() {
        for arguments in [["help"], ["--help"], ["-h"], ["--version"], ["show", "--help"], ["help", "show"]] {
            let run = Self.run(arguments)
            #expect(run.status == 0, "\(arguments)")
            #expect(!run.standardOutput.isEmpty)
            #expect(run.standardError.isEmpty)
        }
        #expect(Self.run(["show", "-h"]).standardOutput == ShowCommand.spec.help)
        #expect(Self.run(["help", "nope"]).status == 64)
    }

    /// The process passes on only the variables the command line names as read: one read in the
    /// sources but missing from the list would be unset for every user.
    @Test("every environment variable the command line reads is taken from the process's environment")
    func environmentVariables() throws {
        let sources = Repository.root.appendingPathComponent("Sources/IsnadCLI")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        let pattern = try Regex(#"(?:environment\[|environmentValue\()"([A-Z_]+)""#)
        var read: Set<String> = []
        for case let file as URL in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: pattern) {
                if let name = match.output[1].substring { read.insert(String(name)) }
            }
        }
        #expect(read.contains("ISNAD_DB") && read.contains("EDITOR"))
        #expect(read.isSubset(of: Set(IsnadCLI.environmentVariables)), "\(read.subtracting(IsnadCLI.environmentVariables))")
        let passed = IsnadCLI.processEnvironment()
        for name in IsnadCLI.environmentVariables {
            #expect(passed[name] == ProcessInfo.processInfo.environment[name], "\(name)")
        }
    }

    /// A command is found by the name it registers, before its spec is built: the two must agree.
    @Test("every command registers under the name its spec gives, once")
    func registeredNames() {
        for command in commands { #expect(command.name == command.spec.name) }
        #expect(Set(commands.map(\.name)).count == commands.count)
    }

    @Test("every command's help lists each of its options under its group's heading", arguments: commands.map(\.spec.name))
    func helpGroups(_ name: String) throws {
        let spec = try #require(commands.first { $0.spec.name == name }).spec
        let help = Self.run([name, "--help"]).standardOutput
        var heading: String?
        var headingOfOption: [String: String] = [:]
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasSuffix("OPTIONS:"), !line.hasPrefix(" ") {
                heading = String(line)
            } else if line.isEmpty || !line.hasPrefix(" ") {
                heading = nil
            } else if let heading, let option = line.split(separator: " ").first(where: { $0.hasPrefix("--") }) {
                headingOfOption[String(option.dropFirst(2))] = heading
            }
        }
        // copy names its stores in its arguments, and lists no --db or --store.
        let storeOptions = [CommandSpec.database.spec.name, CommandSpec.storeName.spec.name]
        let listed = spec.allOptions.filter { spec.takesStoreOptions || !storeOptions.contains($0.name) }
        for option in listed {
            #expect(headingOfOption[option.name] == option.group.title, "\(name): --\(option.name)")
        }
        #expect(headingOfOption.count == listed.count)
        #expect(help.contains("GLOBAL OPTIONS:\n  --db <path>") == spec.takesStoreOptions)
        // The claim filters, or the filters of a listing of records (entities --type, sources --reliability).
        let takesFilters = spec.options.contains { $0.name == FilterOptions.predicate.spec.name || $0.group == .filter }
        #expect(help.contains("\nFILTER OPTIONS:\n") == takesFilters)
        #expect(help.contains("EXAMPLES:") || name == "help")
    }

    @Test("a query run in-process prints what the binary prints", .temporaryStore)
    func sameAsBinary() throws {
        let cli = try CLIHarness.scoped
        let dataset = Repository.root.appendingPathComponent("Datasets/hadera-2022/hadera-2022.jsonl").path
        let database = cli.path("isnad.db")
        let imported = Self.run(["import", dataset], database: database)
        #expect(imported.status == 0, "\(imported.standardError)")
        for arguments in [
            ["show", "hamas"], ["neighbors", "hamas", "--format", "csv"], ["stats", "--format", "json"],
            ["check", "--format", "json"], ["claims", "--subject", "hamas", "--format", "json"],
            ["path", "hamas", "isis", "--all"], ["timeline", "--format", "csv"], ["source", "hadera-2022-article"],
        ] {
            let inProcess = Self.run(arguments, database: database)
            let binary = try cli.run(arguments)
            #expect(inProcess.status == binary.status, "\(arguments)")
            #expect(inProcess.standardOutput == binary.standardOutput, "\(arguments)")
            #expect(inProcess.standardError == binary.standardError, "\(arguments)")
        }
    }

    @Test("isnad alone prints its help on standard error and exits 64, as any usage error")
    func noArguments() {
        let run = Self.run([])
        #expect(run.status == 64)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError == HelpCommand.overview)
    }

    @Test(
        "an empty argument is a usage error (64), before any store is opened",
        arguments: [["show", ""], ["search", ""], ["source", " "], ["path", "hamas", ""], ["neighbors", ""]])
    func emptyArguments(_ arguments: [String]) {
        let run = Self.run(arguments)
        #expect(run.status == 64, "\(arguments)")
        #expect(run.standardError.contains("is empty"), "\(run.standardError)")
    }

    /// A store of the bundled dataset in the test's folder.
    static func datasetStore() throws -> String {
        let cli = try CLIHarness.scoped
        let database = cli.path("isnad.db")
        let dataset = Repository.root.appendingPathComponent("Datasets/hadera-2022/hadera-2022.jsonl").path
        let imported = run(["import", dataset], database: database)
        #expect(imported.status == 0, "\(imported.standardError)")
        return database
    }

    @Test(
        "tables are plain text off a terminal; --bidi-marks always keeps the marks, before or after the command", .temporaryStore)
    func bidiMarks() throws {
        let database = try Self.datasetStore()
        let plain = Self.run(["predicates"], database: database)
        #expect(!plain.standardOutput.contains("\u{200E}"))
        #expect(plain.standardOutput.split(separator: "\n").contains { $0.hasPrefix("member_of ") })
        let orders = [
            ["predicates", "--bidi-marks", "always"], ["--bidi-marks=always", "predicates"],
            ["--bidi-marks", "always", "--db", database, "predicates"],
            ["--db", database, "--bidi-marks", "always", "predicates"],
        ]
        for arguments in orders {
            let marked = Self.run(arguments, database: database)
            #expect(marked.status == 0, "\(marked.standardError)")
            #expect(marked.standardOutput.contains("\u{200E}member_of"))
            // Only the marks differ.
            #expect(
                marked.standardOutput.replacingOccurrences(of: "\u{200E}", with: "").replacingOccurrences(
                    of: "\u{200F}", with: "")
                    == plain.standardOutput)
        }
        let output = MemorySink()
        let onTerminal = IsnadCLI.run(
            ["show", "hamas"], environment: ["ISNAD_DB": database], output: output, isStandardOutputTerminal: true,
            standardError: { _ in })
        #expect(onTerminal == .success)
        #expect(output.text.contains("\u{200E}"))
        #expect(!Self.run(["show", "hamas", "--bidi-marks", "never"], database: database).standardOutput.contains("\u{200E}"))
        #expect(Self.run(["show", "hamas", "--bidi-marks", "sometimes"], database: database).status == 64)
        // A heading that starts with an Arabic name is held left to right, the name isolated.
        #expect(Self.run(["add", "entity", "--type", "organization", "--name", "الدول العربية"], database: database).status == 0)
        let heading = "\u{200E}\u{200E}\u{200F}الدول العربية\u{200F}\u{200E} (aldwl-alarbya)"
        let shown = Self.run(["show", "aldwl-alarbya", "--bidi-marks", "always"], database: database).standardOutput
        #expect(shown.hasPrefix(heading + " · organization\n"), "\(shown)")
        let neighbors = Self.run(["neighbors", "aldwl-alarbya", "--bidi-marks", "always"], database: database)
        #expect(neighbors.standardOutput.hasPrefix(heading + ": 0 entities"), "\(neighbors.standardOutput)")
    }

    @Test(
        "on a terminal, an Arabic description, note, quote, locator, source title and attribute keep their punctuation and digits at the end an Arabic reader reads them; off it, no mark",
        .temporaryStore)
    func rightToLeftFreeText() throws {
        let database = try Self.datasetStore()
        for arguments in [
            [
                "add", "entity", "--type", "organization", "--name", "سرايا القدس", "--description",
                "الجناح العسكري لحركة الجهاد الإسلامي (تأسس 1981).",
            ],
            ["add", "source", "--type", "statement", "--title", "بيان رقم 3!", "--id", "bayan1", "--reliability", "C"],
            [
                "add", "claim", "سرايا القدس", "attacked", "israel", "--source", "bayan1", "--quote", "هاجمنا!",
                "--unverified", "بلا نص!", "--stance", "asserts", "--credibility", "3", "--notes", "3 شهداء: غير موثوق!",
            ],
            ["set", "sraya-alqds", "attributes.founded", "١٩٨١ (تقريبا)"],
        ] {
            let added = Self.run(arguments, database: database)
            #expect(added.status == 0, "\(arguments): \(added.standardError)")
        }
        func onTerminal(_ arguments: [String]) -> String {
            let output = MemorySink()
            _ = IsnadCLI.run(
                arguments, environment: ["ISNAD_DB": database], output: output, isStandardOutputTerminal: true,
                standardError: { _ in })
            return output.text
        }
        let (lrm, rlm) = ("\u{200E}", "\u{200F}")
        func held(_ text: String) -> String { lrm + rlm + text + rlm + lrm }
        let shown = onTerminal(["show", "sraya-alqds"]).split(separator: "\n").map(String.init)
        for line in [
            lrm + "  Description (the store's note, not a weighed claim): "
                + held("الجناح العسكري لحركة الجهاد الإسلامي (تأسس 1981)."),
            lrm + "  founded: " + held("١٩٨١ (تقريبا)"),
            lrm + "      note: " + held("3 شهداء: غير موثوق!"),
            // A locator written left to right ("unverified: …") ends in its Arabic reason's run.
            lrm + "      asserts C3  bayan1 (unverified: بلا نص!" + lrm + ")",
            lrm + "          " + held("«هاجمنا!»"),
        ] {
            #expect(shown.contains(line), "\(line.debugDescription) in \(shown.map(\.debugDescription))")
        }
        let source = onTerminal(["source", "bayan1"])
        #expect(source.hasPrefix(lrm + held("بيان رقم 3!") + " (bayan1)\n"), "\(source.debugDescription)")
        let log = onTerminal(["log", "sraya-alqds"])
        #expect(
            log.contains(lrm + "    attributes.founded: (none) → " + held("\"١٩٨١ (تقريبا)\"") + "\n"), "\(log.debugDescription)")
        // Off a terminal, the same lines without a mark.
        for arguments in [["show", "sraya-alqds"], ["source", "bayan1"], ["log", "sraya-alqds"]] {
            let plain = Self.run(arguments, database: database).standardOutput
            #expect(!plain.contains(lrm) && !plain.contains(rlm), "\(plain.debugDescription)")
            #expect(plain.contains("«هاجمنا!»") || plain.contains("بيان رقم 3!") || plain.contains("١٩٨١"))
        }
    }

    @Test("the import's progress line erases itself with an escape sequence, or on TERM=dumb with spaces")
    func progressLine() {
        final class Collected: @unchecked Sendable { var text = "" }
        for erasesByEscape in [true, false] {
            let collected = Collected()
            let line = ProgressLine(isEnabled: true, erasesByEscape: erasesByEscape) { collected.text += $0 }
            line.update(Importer.Progress(input: "big.jsonl", bytesRead: 50, totalBytes: 100, records: 7))
            line.clear()
            let shown = "importing big.jsonl: 7 records (50%)"
            if erasesByEscape {
                #expect(collected.text == "\r\u{1B}[K" + shown + "\r\u{1B}[K")
            } else {
                #expect(collected.text == "\r\r" + shown + "\r" + String(repeating: " ", count: shown.count) + "\r")
            }
        }
    }

    @Test("the progress line is narrower than the terminal: a long name shortened in its middle, then left out")
    func progressLineFitsTheTerminal() {
        let path = "/work/review-s70/remote/a-rather-long-file-name-for-the-nightly-import-job.jsonl"
        let progress = Importer.Progress(input: path, bytesRead: 20, totalBytes: 100, records: 45056)
        let whole = "importing \(path): 45056 records (20%)"
        #expect(ProgressLine.text(for: progress, width: nil) == whole)
        #expect(ProgressLine.text(for: progress, width: 200) == whole)
        #expect(
            ProgressLine.text(for: progress, width: 80)
                == "importing /work/review-s7…for-the-nightly-import-job.jsonl: 45056 records (20%)")
        // Too narrow to say "importing" and enough of the name: the name alone.
        #expect(ProgressLine.text(for: progress, width: 40) == "/work…rt-job.jsonl: 45056 records (20%)")
        #expect(ProgressLine.text(for: progress, width: 25) == "45056 records (20%)")
        #expect(ProgressLine.text(for: progress, width: 10) == "45056 re…")
        #expect(ProgressLine.text(for: progress, width: 1) == "")
        for width in 1...120 {
            #expect(DisplayWidth.of(ProgressLine.text(for: progress, width: width)) < width, "\(width)")
        }
        // Arabic and wide characters are measured as the terminal draws them, and cut whole.
        let arabic = Importer.Progress(
            input: String(repeating: "بيانات-", count: 12) + "中文.jsonl", bytesRead: 1, totalBytes: nil, records: 4096)
        for width in 31...120 {
            let text = ProgressLine.text(for: arabic, width: width)
            #expect(DisplayWidth.of(text) < width, "\(width): \(text)")
            #expect(text.hasSuffix(": 4096 records"), "\(width): \(text)")
        }
    }

    @Test(
        "an import on a 40-column terminal keeps its progress line within it; off a terminal, no progress line", .temporaryStore)
    func progressLineOfAnImport() throws {
        let cli = try CLIHarness.scoped
        let records = (0..<5000).map { #"{"record": "entity", "id": "e\#($0)", "type": "person", "name": "Person \#($0)"}"# }
        let input = try cli.write(
            "a-rather-long-file-name-for-the-nightly-import-job-of-the-research-server.jsonl",
            records.joined(separator: "\n") + "\n")
        for (isTerminal, columns) in [(true, "40"), (true, "80"), (false, "40")] {
            let errors = Collected()
            let status = IsnadCLI.run(
                ["import", input],
                environment: [
                    "ISNAD_DB": cli.directory.appendingPathComponent("\(isTerminal)\(columns).db").path, "COLUMNS": columns,
                ],
                output: MemorySink(), isStandardErrorTerminal: isTerminal, standardErrorTerminalWidth: { 200 },
                standardError: { errors.append($0) })
            #expect(status == .success)
            let updates = errors.value.components(separatedBy: "\r\u{1B}[K").dropFirst().filter {
                !$0.isEmpty && !$0.contains("\n")
            }
            if isTerminal {
                #expect(updates.count >= 1, "\(errors.value.debugDescription)")
                for update in updates {
                    #expect(DisplayWidth.of(update) < Int(columns) ?? 0, "\(update)")
                    #expect(update.contains(" records ("), "\(update)")
                }
            } else {
                #expect(!errors.value.contains("\r"), "\(errors.value.debugDescription)")
            }
        }
        // The terminal's own width, asked of standard error, where $COLUMNS says none.
        let errors = Collected()
        _ = IsnadCLI.run(
            ["import", input], environment: ["ISNAD_DB": cli.directory.appendingPathComponent("own.db").path],
            output: MemorySink(), isStandardErrorTerminal: true, standardErrorTerminalWidth: { 50 },
            standardError: { errors.append($0) })
        let updates = errors.value.components(separatedBy: "\r\u{1B}[K").dropFirst().filter { !$0.isEmpty && !$0.contains("\n") }
        #expect(!updates.isEmpty && updates.allSatisfy { DisplayWidth.of($0) < 50 }, "\(updates)")
    }

    @Test("a default Graphviz over its time fails export html with exit 1 and names both layouts to ask for")
    func layoutOverTime() {
        let error = LayoutOverTime(
            layoutError: LayoutError(
                message:
                    "Graphviz's dot was still working after 60 s on 120 entities and 480 linked pairs, a view it lays out in seconds on a machine not this busy",
                isOverTime: true))
        #expect(ExitCode(for: error) == .failure)
        #expect(
            error.description
                == "layout failed: Graphviz's dot was still working after 60 s on 120 entities and 480 linked pairs, a view it lays out in seconds on a machine not this busy; no file was written: --layout own for Isnad's layout, or --layout dot to wait for Graphviz"
        )
    }

    @Test("search that finds nothing says why on standard error and exits 1", .temporaryStore)
    func searchFindsNothing() throws {
        let database = try Self.datasetStore()
        let short = Self.run(["search", "al"], database: database)
        #expect(short.status == 1)
        #expect(short.standardOutput.isEmpty)
        #expect(short.standardError.contains("no entity matches \"al\": no id, name or alias is or begins with it"))
        // A short text still finds the names it begins, as the message says.
        let begins = Self.run(["search", "ab"], database: database)
        #expect(begins.status == 0 && begins.standardOutput.contains("abu-bakr-al-baghdadi"))
        let none = Self.run(["search", "qwertyuiop"], database: database)
        #expect(none.status == 1)
        #expect(none.standardError.contains("no entity matches \"qwertyuiop\" by id, name, alias"))
        #expect(none.standardError.contains(#"isnad source "qwertyuiop" finds a source"#))
        let csv = Self.run(["search", "qwertyuiop", "--format", "csv"], database: database)
        #expect(csv.status == 1)
        #expect(
            csv.standardOutput == "id,name,type,matched_name,match,similarity,claims\r\n"
                || csv.standardOutput.hasPrefix("id,name"))
        #expect(Self.run(["search", "baghdadi"], database: database).status == 0)
    }

    @Test("stats csv: counts in count, centrality scores in score", .temporaryStore)
    func statsColumns() throws {
        let database = try Self.datasetStore()
        let lines = Self.run(["stats", "--format", "csv", "--top", "2"], database: database).standardOutput
            .split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.first == "section,key,count,score")
        let pagerank = try #require(lines.first { $0.hasPrefix("top_pagerank,") })
        let cells = pagerank.split(separator: ",", omittingEmptySubsequences: false)
        #expect(cells.count == 4 && cells[2].isEmpty && Double(cells[3]) != nil, "\(pagerank)")
        let total = try #require(lines.first { $0.hasPrefix("entities,total,") })
        #expect(total.hasSuffix(","))
    }

    @Test("sources are named by id, title, the start of either, or publisher; with candidates and suggestions", .temporaryStore)
    func sourceNames() throws {
        let database = try Self.datasetStore()
        for (text, id) in [
            ("abu-maram", "abu-maram-document"), ("israeli-police", "israel-police-statement-hadera"),
            ("Israel Police statement on the Hadera attackers", "israel-police-statement-hadera"),
            ("SITE", "site-intelligence-hadera"), ("abu-maram-document", "abu-maram-document"),
        ] {
            let run = Self.run(["source", text, "--format", "csv"], database: database)
            #expect(run.status == 0, "\(text): \(run.standardError)")
            #expect(run.standardOutput.contains(id), "\(text)")
            let isID = text == id
            #expect(run.standardError.contains("taken as source \(id)") != isID, "\(text): \(run.standardError)")
        }
        let typo = Self.run(["source", "abu-maram-documnt"], database: database)
        #expect(typo.status == 65)
        #expect(typo.standardError.contains("no source matches \"abu-maram-documnt\"; did you mean:\n  abu-maram-document"))
        let several = Self.run(["source", "h"], database: database)
        #expect(several.status == 65)
        #expect(several.standardError.contains("\"h\" matches 2 sources"), "\(several.standardError)")
        let filtered = Self.run(["claims", "--source", "israeli-police", "--format", "csv"], database: database)
        #expect(filtered.status == 0)
        #expect(filtered.standardOutput.contains("israel-police-statement-hadera"))
        #expect(filtered.standardError.contains("--source: \"israeli-police\" taken as source israel-police-statement-hadera"))
        let unknown = Self.run(["claims", "--source", "nowhere-at-all"], database: database)
        #expect(unknown.status == 65)
        #expect(unknown.standardError.hasPrefix("isnad: --source: no source matches"))
    }

    @Test("a name taken for another spelling or for words of a name is said on standard error", .temporaryStore)
    func correctedNames() throws {
        let database = try Self.datasetStore()
        let corrected = Self.run(["show", "hamass"], database: database)
        #expect(corrected.status == 0)
        #expect(corrected.standardError == "isnad: \"hamass\" taken as Hamas (hamas)\n")
        #expect(Self.run(["show", "hamas"], database: database).standardError.isEmpty)
        #expect(Self.run(["show", "حماس"], database: database).standardError.isEmpty)
        #expect(
            Self.run(["neighbors", "Abu Maram"], database: database).standardError
                == "isnad: \"Abu Maram\" taken as Abu Maram al-Jazairi (abu-maram-al-jazairi)\n")
    }

    @Test("show --as-of says how many listed claims are there only because they are undated", .temporaryStore)
    func undatedUnderDateFilters() throws {
        let database = try Self.datasetStore()
        let late = Self.run(["show", "hamas", "--as-of", "2030"], database: database).standardOutput
        let line = try #require(late.split(separator: "\n").first { $0.contains("undated: kept because") })
        #expect(line.hasPrefix("("))
        #expect(!Self.run(["show", "hamas"], database: database).standardOutput.contains("undated: kept because"))
    }

    @Test("path shows the direction of the other claims between two entities", .temporaryStore)
    func pathDirections() throws {
        let database = try Self.datasetStore()
        let output = Self.run(["path", "hamas", "isis"], database: database).standardOutput
        let line = try #require(output.split(separator: "\n").first { $0.contains("other claims between them") })
        #expect(line.contains("(→ Hamas to Islamic State, ← back): "))
        // Ten of the 13 other claims, then how many more and the commands that list them all.
        let listed = line.components(separatedBy: "← back): ")[1].components(separatedBy: ", and ")
        let entries = listed[0].components(separatedBy: "], ")
        #expect(entries.count == PathCommand.otherClaimsShown, "\(line)")
        #expect(entries.allSatisfy { $0.hasPrefix("→ ") || $0.hasPrefix("← ") || $0.hasPrefix("↔ ") }, "\(line)")
        let commands =
            "isnad claims --subject hamas --object isis --limit 0; isnad claims --subject isis --object hamas --limit 0"
        #expect(line.hasSuffix(", and 3 more: " + commands), "\(line)")
        // Those commands list every claim between the two: the hop's, the ten and the three.
        let between = commands.components(separatedBy: "; ").map { command in
            Self.run(Array(command.split(separator: " ").dropFirst().map(String.init)) + ["--format", "csv"], database: database)
                .standardOutput.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",")[0] }
        }
        #expect(Set(between.joined()).count == 1 + PathCommand.otherClaimsShown + 3)
    }

    @Test("path lists claims between two entities that read alike as one entry with how many", .temporaryStore)
    func pathGroupsClaimsThatReadAlike() throws {
        let cli = try CLIHarness.scoped
        let database = cli.path("isnad.db")
        var records = #"""
            {"record":"entity","id":"a","type":"organization","name":"A"}
            {"record":"entity","id":"b","type":"organization","name":"B"}
            {"record":"source","id":"ministry","type":"official-statement","title":"Ministry","reliability":"B"}
            {"record":"source","id":"anon","type":"other","title":"Anonymous source","reliability":"F"}

            """#
        for day in 1...25 {
            let date = "2020-01-\(day < 10 ? "0" : "")\(day)"
            records +=
                #"{"record":"claim","id":"f\#(day)","subject":"a","predicate":"funded","object":"b","start":"\#(date)","citations":[{"source":"ministry","quote":"q\#(day)","stance":"asserts","credibility":3}]}"#
                + "\n"
        }
        records +=
            #"{"record":"claim","id":"back","subject":"b","predicate":"funded","object":"a","citations":[{"source":"anon","quote":"r","stance":"asserts","credibility":4}]}"#
            + "\n"
        try cli.write("records.jsonl", records)
        #expect(Self.run(["import", cli.path("records.jsonl")], database: database).status == 0)
        let output = Self.run(["path", "a", "b"], database: database).standardOutput
        let line = try #require(output.split(separator: "\n").first { $0.contains("other claims between them") })
        // 25 claims a to b: one followed, 24 alike; one back. Nothing left out, so no "more"; the
        // commands that list each are named, since the entries hold more claims than a table lists.
        #expect(
            line.hasSuffix(
                "← back): → funded [ASSERTED B3, 1 channel] ×24, ← funded [ALLEGED F4, 1 channel] (each listed by: isnad claims --subject a --object b --limit 0; isnad claims --subject b --object a --limit 0)"
            ), "\(line)")
    }

    @Test("path's heading names the weakest grade too when a hop weaker by status is not the weakest graded", .temporaryStore)
    func pathWeakestGrade() throws {
        let cli = try CLIHarness.scoped
        let database = cli.path("isnad.db")
        try cli.write(
            "records.jsonl",
            #"""
            {"record":"entity","id":"a","type":"organization","name":"A"}
            {"record":"entity","id":"b","type":"organization","name":"B"}
            {"record":"entity","id":"c","type":"organization","name":"C"}
            {"record":"source","id":"anon","type":"other","title":"Anonymous source","reliability":"F"}
            {"record":"source","id":"ministry","type":"official-statement","title":"Ministry","reliability":"C"}
            {"record":"source","id":"group","type":"social-media-post","title":"Group","reliability":"E"}
            {"record":"claim","id":"ab","subject":"a","predicate":"supplied_weapons_to","object":"b","citations":[{"source":"anon","quote":"q1","stance":"asserts","credibility":3}]}
            {"record":"claim","id":"bc","subject":"b","predicate":"funded","object":"c","citations":[{"source":"ministry","quote":"q2","stance":"asserts","credibility":2},{"source":"group","quote":"q3","stance":"denies","credibility":3}]}
            {"record":"entity","id":"d","type":"organization","name":"D"}
            {"record":"entity","id":"e","type":"organization","name":"E"}
            {"record":"claim","id":"cd","subject":"c","predicate":"funded","object":"d","citations":[{"source":"ministry","quote":"q4","stance":"asserts","credibility":6}]}
            {"record":"claim","id":"de","subject":"d","predicate":"funded","object":"e","citations":[{"source":"anon","quote":"q5","stance":"asserts","credibility":3}]}

            """#)
        #expect(Self.run(["import", cli.path("records.jsonl")], database: database).status == 0)
        let heading = Self.run(["path", "a", "c"], database: database).standardOutput.split(separator: "\n").first ?? ""
        #expect(heading.contains("(2 hops; weakest hop DISPUTED by ") && heading.contains(" · best C2 · "), "\(heading)")
        #expect(heading.hasSuffix("; weakest grade F3, hop 1)"), "\(heading)")
        // The least reliable source first (F3 is weaker than C6, though their ranks add up to less),
        // and every hop that has it.
        let longer = Self.run(["path", "a", "e"], database: database).standardOutput.split(separator: "\n").first ?? ""
        #expect(longer.hasSuffix("; weakest grade F3, hops 1 and 4)"), "\(longer)")
        // A chain whose weakest hop is also its weakest graded says it once.
        let single = Self.run(["path", "a", "b"], database: database).standardOutput.split(separator: "\n").first ?? ""
        #expect(!single.contains("weakest grade"), "\(single)")
    }

    @Test("path --format json: one object, chains ranked, hops in order, no source records", .temporaryStore)
    func pathJSON() throws {
        let database = try Self.datasetStore()
        let run = Self.run(
            ["path", "hamas", "Wilayat Sinai", "--all", "--max-depth", "2", "--format", "json"], database: database)
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(object["from"] as? String == "hamas" && object["to"] as? String == "wilayat-sinai")
        let chains = try #require(object["chains"] as? [[String: Any]])
        #expect(chains.map { $0["rank"] as? Int } == Array(1...chains.count))
        let first = try #require(chains.first)
        let hops = try #require(first["hops"] as? [[String: Any]])
        #expect(hops.map { $0["hop"] as? Int } == Array(1...hops.count))
        #expect(hops.first?["from"] as? String == "hamas")
        #expect(hops.last?["to"] as? String == "wilayat-sinai")
        #expect(first["entities"] as? [String] == ["hamas"] + hops.compactMap { $0["to"] as? String })
        for hop in hops {
            #expect(["forward", "backward", "symmetric"].contains(hop["direction"] as? String ?? ""))
            #expect((hop["citations"] as? [Any])?.isEmpty == false)
        }
        #expect(!run.standardOutput.contains("\"record\""))
        #expect(run.standardOutput.utf8.count < 40_000)
        // With --all it ends with how many chains there are, whatever the limit let through.
        #expect(object["found"] as? Int == chains.count && object["complete"] as? Bool == true, "\(object.keys)")
        let cut = Self.run(
            ["path", "hamas", "Wilayat Sinai", "--all", "--max-depth", "2", "--limit", "1", "--format", "json"],
            database: database)
        let cutObject = try #require(try JSONSerialization.jsonObject(with: Data(cut.standardOutput.utf8)) as? [String: Any])
        #expect((cutObject["chains"] as? [Any])?.count == 1 && cutObject["found"] as? Int == chains.count)
        // The shortest chain alone is no count of chains.
        let shortest = Self.run(["path", "hamas", "Wilayat Sinai", "--format", "json"], database: database)
        let shortestObject = try #require(
            try JSONSerialization.jsonObject(with: Data(shortest.standardOutput.utf8)) as? [String: Any])
        #expect(shortestObject["found"] == nil && shortestObject["complete"] == nil)
    }

    @Test("timeline --format json: JSON Lines in date order, with ranks", .temporaryStore)
    func timelineJSON() throws {
        let database = try Self.datasetStore()
        for arguments in [["timeline", "isis", "--format", "json"], ["timeline", "--format", "json"]] {
            let run = Self.run(arguments, database: database)
            #expect(run.status == 0)
            let lines = run.standardOutput.split(separator: "\n")
            let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
            #expect(objects.map { $0["rank"] as? Int } == Array(1...objects.count))
            let table = Self.run(Array(arguments.dropLast(2)) + ["--format", "csv"], database: database).standardOutput
            // The same order as the csv (one row per citation: its claims, without repeats).
            var order: [String] = []
            for row in table.split(whereSeparator: \.isNewline).dropFirst() {
                let claim = String(row.split(separator: ",", omittingEmptySubsequences: false)[1])
                if order.last != claim { order.append(claim) }
            }
            #expect(objects.map { $0["claim"] as? String ?? "" } == order)
            let undated = objects.drop { $0["when"] is String }
            #expect(undated.allSatisfy { $0["when"] is NSNull })
        }
    }
}
