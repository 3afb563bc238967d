import Testing

@testable import IsnadKit

@Suite("A history mark names its entry's command")
struct HistoryMarkTests {
    @Test(
        "the command is found past the options before it and their values, quoted or not",
        arguments: [
            ("isnad set hamas description x", "isnad set"),
            ("isnad --db store.isnad import records.jsonl", "isnad import"),
            ("isnad --db 'postgresql:///team?host=/run/pg' --store hadera import mod.jsonl", "isnad import"),
            ("isnad --db 'my store.isnad' retract c1 --reason wrong", "isnad retract"),
            ("isnad --db 'it'\\''s here.isnad' --store=team merge a b", "isnad merge"),
            ("isnad --bidi-marks always undo --author bilal", "isnad undo"),
            ("isnad", "isnad"),
        ])
    func commandName(line: String, name: String) {
        let mark = HistoryMark(number: 1, timestamp: "2026-12-01T00:00:00Z", author: "a", command: line)
        #expect(mark.commandName == name)
    }

    @Test("the words of a command line come back as ChangeDescription wrote them")
    func shellWords() {
        let arguments = ["--db", "my store's.isnad", "add", "claim", "", "x"]
        let line = ChangeDescription.commandLine(arguments)
        #expect(HistoryMark.shellWords(line) == ["isnad"] + arguments)
    }
}
