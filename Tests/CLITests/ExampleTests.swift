import Foundation
import TestHelpers
import Testing

@testable import IsnadCLI

/// Every example a user is shown — each command's `--help` and each `$ isnad …` line of the
/// README — run as written on a store of the bundled dataset, in a folder of its own: it must
/// exit 0 and show something (standard output, or the file it writes). A command's help examples
/// run in order on one store, and one that shows a refusal says so (``refusal``); the README's
/// few that fail or find nothing on purpose are listed in ``documented``, with what they do instead.
@Suite("Examples in --help and the README")
struct ExampleTests {
    /// What an example is documented to do, when it is not "exit 0 and print something".
    struct Expectation: Sendable {
        var status: Int32 = 0
        /// It reports on standard error only (init, import, a search that finds nothing on purpose).
        var showsOnStandardError = false
    }

    static let documented: [String: Expectation] = [
        // The README's bad import: refused, every problem listed.
        "isnad import bad.jsonl": Expectation(status: 65, showsOnStandardError: true),
        "isnad import records.json": Expectation(status: 65, showsOnStandardError: true),
        // The README's ambiguous name: the candidates are listed.
        "isnad show abu": Expectation(status: 65, showsOnStandardError: true),
        // The tour's source without a stored text: said on standard error, as a lookup that finds nothing.
        "isnad source abu-maram-document --text": Expectation(status: 65, showsOnStandardError: true),
        // The README's question that has no answer before 2018, said on standard error.
        "isnad path hamas \"Wilayat Sinai\" --all --known-by 2017": Expectation(showsOnStandardError: true),
        // Nothing after the bundled dataset's one entry: said on standard error, in one line.
        "isnad log --after 1": Expectation(showsOnStandardError: true),
        // Commands that write the store report on standard error.
        "isnad import Datasets/hadera-2022/hadera-2022.jsonl": Expectation(showsOnStandardError: true),
        // The tour's own file, which the bundled dataset does not have.
        "isnad import regrade.jsonl --author bilal": Expectation(status: 66, showsOnStandardError: true),
        // Changes report on standard error; deleting what the dataset uses is refused.
        "isnad retract hamas-cooperated-with-isis --citation 3 --reason \"read again: the phrase qualifies the denial, it asserts nothing\"":
            Expectation(showsOnStandardError: true),
        "isnad retract hamas-cooperated-with-isis --citation 3 --reason \"read again: the phrase qualifies the denial, it asserts nothing\" --dry-run":
            Expectation(showsOnStandardError: true),
        "isnad delete hamas": Expectation(status: 65, showsOnStandardError: true),
        // The tour adds Arab states before showing them.
        "isnad show \"arab states\"": Expectation(status: 65, showsOnStandardError: true),
        // The tour's daesh is the tour's own.
        "isnad merge \"Islamic State\" daesh": Expectation(status: 65, showsOnStandardError: true),
        "isnad merge \"Islamic State\" daesh --dry-run": Expectation(status: 65, showsOnStandardError: true),
        // Renames report on standard error; the tour's set of document-a follows its rename (its section's test runs them in order).
        "isnad rename abu-maram-document document-a": Expectation(showsOnStandardError: true),
        "isnad set document-a title \"Leaked document A\"": Expectation(status: 65, showsOnStandardError: true),
        "isnad copy --without-history --without-retractions --without-source document-a --without-notes isnad.db for-a-partner.db":
            Expectation(status: 65, showsOnStandardError: true),
        // The tour's claim about Shadi al-Menei, whose id his rename derives anew (its section's test runs them in order).
        "isnad rename shadi-al-menei al-menei": Expectation(showsOnStandardError: true),
        "isnad claims --id c-e16d57986df15267": Expectation(status: 65, showsOnStandardError: true),
        "isnad log c-e16d57986df15267 | grep 'derived anew'": Expectation(status: 1, showsOnStandardError: true),
        // The tour's own claim and entity, which the bundled dataset does not have.
        "isnad add claim daesh hostile_to \"Arab states\" --source hadera-2022-article --quote \"يشكل ارهاب داعش تهديد أمني عالي للدول العربية والأجنبية\" --quote-en \"ISIS terrorism poses a high security threat to Arab and foreign states\" --stance asserts --credibility 2":
            Expectation(status: 65, showsOnStandardError: true),
        "isnad add claim daesh hostile_to \"Arab states\" --source hadera-2022-article --quote \"يشكل ارهاب داعش تهديد أمني عالي للدول العربية والأجنبية\" --stance asserts --credibility 2 --start 2022-03 --dry-run":
            Expectation(status: 65, showsOnStandardError: true),
        "isnad edit c-75dfc43460ef7229 --author bilal": Expectation(status: 65, showsOnStandardError: true),
        "isnad log c-75dfc43460ef7229": Expectation(status: 65, showsOnStandardError: true),
        // The dataset was imported by the login name: bilal's plain undo leaves that import alone.
        "isnad undo --author bilal": Expectation(status: 65, showsOnStandardError: true),
        "isnad undo --dry-run --author bilal": Expectation(status: 65, showsOnStandardError: true),
    ]

    /// The commands whose help has examples, by name.
    static var commandsWithExamples: [String] { commands.filter { !$0.spec.examples.isEmpty }.map(\.name) }

    /// What marks a help example that shows a refusal, and says why after it
    /// (`isnad delete hamas  # refused: …`): it must be refused (exit 65), saying so.
    static let refusal = "# refused:"

    /// Commands that report on standard error alone: the changes, and log, whose examples may
    /// find no entry in a store imported a moment ago.
    static let reportingOnStandardError: Set<String> = [
        "init", "import", "add", "log", "undo", "edit", "set", "retract", "restore", "delete", "merge", "unmerge", "rename",
        "copy", "reindex",
    ]

    /// The README and its pages under docs/.
    static var documentation: [URL] {
        let docs = Repository.root.appendingPathComponent("docs")
        let pages = ((try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? [])
            .filter { $0.hasSuffix(".md") }.sorted().map { docs.appendingPathComponent($0) }
        return [Repository.root.appendingPathComponent("README.md")] + pages
    }

    static var readmeExamples: [String] {
        documentation.flatMap { page in
            ((try? String(contentsOf: page, encoding: .utf8)) ?? "").split(separator: "\n")
                .filter { $0.hasPrefix("$ isnad ") }.map { String($0.dropFirst(2)) }
        }
    }

    /// The store of the bundled dataset, made once and copied for each example.
    static let preparedStore: String? = {
        guard let harness = try? CLIHarness() else { return nil }
        let dataset = Repository.root.appendingPathComponent("Datasets/hadera-2022/hadera-2022.jsonl").path
        guard let result = try? harness.run(["import", dataset]), result.status == 0 else { return nil }
        return harness.path("isnad.db")
    }()

    /// A command's examples, as its help lists them, run in that order on one copy of the
    /// bundled dataset's store: an example may need an earlier one (restore's retract first).
    /// Each exits 0 and shows something, but one marked ``refusal``, which is refused (65).
    @Test("every example of every command's --help runs, in order, on the bundled dataset", arguments: commandsWithExamples)
    func helpExamples(of name: String) throws {
        let command = try #require(commands.first { $0.name == name })
        try withTemporaryStore { cli in
            try Self.prepare(cli)
            for example in command.spec.examples {
                let isRefusal = example.contains(Self.refusal)
                try Self.run(
                    example, in: cli, editor: "true",
                    expecting: Expectation(
                        status: isRefusal ? 65 : 0,
                        showsOnStandardError: isRefusal || Self.reportingOnStandardError.contains(name)))
            }
        }
    }

    @Test("every $ isnad line of the README and docs/ runs on the bundled dataset", arguments: readmeExamples)
    func readmeExample(_ example: String) throws {
        try withTemporaryStore { cli in
            try Self.prepare(cli)
            try Self.run(example, in: cli, expecting: Self.documented[example] ?? Expectation())
        }
    }

    @Test("the README and the help have examples to run; a refusal among them says why")
    func examplesAreFound() {
        #expect(Self.readmeExamples.count >= 15)
        #expect(commands.allSatisfy { $0.spec.examples.count >= 2 })
        let refusals = commands.flatMap(\.spec.examples).filter { $0.contains("# refused") }
        #expect(refusals.allSatisfy { $0.contains(Self.refusal) && !$0.hasSuffix(Self.refusal) }, "\(refusals)")
    }

    /// A folder as the examples expect it: the bundled dataset's store, `Datasets/`, `Exports/`,
    /// and the tour's files.
    static func prepare(_ cli: CLIHarness) throws {
        let store = try #require(preparedStore, "the bundled dataset did not import")
        try FileManager.default.copyItem(atPath: store, toPath: cli.path("isnad.db"))
        try FileManager.default.createSymbolicLink(
            atPath: cli.path("Datasets"), withDestinationPath: Repository.root.appendingPathComponent("Datasets").path)
        try FileManager.default.createSymbolicLink(
            atPath: cli.path("Exports"), withDestinationPath: Repository.root.appendingPathComponent("Exports").path)
        try cli.write("bad.jsonl", try readmeBlock(after: "Saved as `bad.jsonl` and imported into the store above, these lines:"))
        try cli.write(
            "records.json",
            "[\n  {\"record\": \"entity\", \"id\": \"isis\", \"type\": \"organization\", \"name\": \"Islamic State\"}\n]\n")
    }

    /// Runs `example` in `cli`'s folder, as a user's shell would. `editor`: the $EDITOR that
    /// `edit` opens (none: edit refuses, with no terminal to open vi in).
    static func run(_ example: String, in cli: CLIHarness, editor: String? = nil, expecting expected: Expectation) throws {
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: cli.directory.path))
        var script = example
        // A pipe into Graphviz runs only where Graphviz is installed.
        if ExternalTool.path("dot") == nil, let pipe = script.range(of: " | dot ") {
            script = String(script[..<pipe.lowerBound])
        }
        let binaries = URL(fileURLWithPath: CLIHarness.binary).deletingLastPathComponent().path
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "ISNAD_DB")
        environment.removeValue(forKey: "EDITOR")
        environment.removeValue(forKey: "VISUAL")
        if let editor { environment["EDITOR"] = editor }
        environment["PATH"] = binaries + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        let result = try ExternalTool.run(
            "/bin/bash", ["-c", "set -o pipefail; " + script], directory: cli.directory, environment: environment)
        #expect(result.status == expected.status, "\(example)\n\(result.standardError)")
        let written = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
            .filter { !before.contains($0) && !$0.hasPrefix("isnad.db") }
            .filter { ((try? FileManager.default.attributesOfItem(atPath: cli.path($0))[.size] as? Int) ?? 0) > 0 }
        let shown =
            !result.standardOutput.isEmpty || !written.isEmpty
            || (expected.showsOnStandardError && !result.standardError.isEmpty)
        #expect(shown, "\(example) showed nothing\n\(result.standardError)")
    }

    /// The first fenced block of the tour (docs/tour.md) after the line that contains `marker`.
    static func readmeBlock(after marker: String) throws -> String {
        let readme = try String(contentsOf: Repository.root.appendingPathComponent("docs/tour.md"), encoding: .utf8)
        let lines = readme.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.contains(marker) }),
            let open = lines[start...].firstIndex(where: { $0.hasPrefix("```") }),
            let close = lines[(open + 1)...].firstIndex(where: { $0.hasPrefix("```") })
        else { return "" }
        return lines[(open + 1)..<close].joined(separator: "\n") + "\n"
    }
}
