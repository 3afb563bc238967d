import Foundation
import IsnadKit
import TestHelpers
import Testing

/// A refused import too large for the page cache wrote some of its records into the store's
/// `-wal`; when another program reading the store keeps isnad from emptying it, isnad says so
/// (from the operational security review).
@Suite("What a refused import left in the log, said", .temporaryStore)
struct RolledBackLogCommandTests {
    @Test("a refused import whose log a reader keeps says that the -wal holds its data, until the next change clears it")
    func readerKeepsTheLog() throws {
        let cli = try CLIHarness.scoped
        try cli.write(
            "small.jsonl",
            #"{"record":"entity","id":"hamas","type":"organization","name":"Hamas"}"# + "\n")
        #expect(try cli.run(["import", "small.jsonl"]).status == 0)
        var readerOfTheFile: GraphStore? = try GraphStore(path: cli.path("isnad.db"), access: .read)
        #expect(try cli.run(["add", "entity", "--type", "person", "--name", "Small Change"]).status == 0)
        // Opened after a change that the first reader kept from being folded into the file: it
        // reads that change's pages in the log.
        var readerOfTheLog: GraphStore? = try GraphStore(path: cli.path("isnad.db"), access: .read)
        readerOfTheFile = nil
        let padding = String(repeating: "x", count: 9_000)
        var text = ""
        for number in 0..<7_500 {
            text +=
                #"{"record":"entity","id":"e\#(number)","type":"person","name":"Person \#(number)","description":"SPILLMARK-\#(number) \#(padding)"}"#
                + "\n"
        }
        text +=
            #"{"record":"claim","id":"c","subject":"e0","predicate":"praised","object":"e1","citations":[{"source":"nosuch","quote":"q","stance":"asserts","credibility":2}]}"#
            + "\n"
        try cli.write("big.jsonl", text)
        let refused = try cli.run(["import", "big.jsonl"])
        #expect(refused.status == 65)
        #expect(
            refused.standardError.hasSuffix(
                "nothing was imported: the store is unchanged\n"
                    + "isnad: note: isnad.db-wal still holds data of the change that was not made, until the store is next changed with no other program reading it\n"
            ), "\(refused.standardError)")
        let log = try cli.read("isnad.db-wal")
        #expect(log.range(of: Data("SPILLMARK".utf8)) != nil, "the note is true")
        #expect(try readerOfTheLog?.entity(id: "hamas") != nil)
        readerOfTheLog = nil
        #expect(try cli.run(["add", "entity", "--type", "person", "--name", "Next Change"]).status == 0)
        let after = (try? cli.read("isnad.db-wal")) ?? Data()
        #expect(after.range(of: Data("SPILLMARK".utf8)) == nil)
        _ = readerOfTheFile
    }
}
