import Foundation
import Testing

@testable import IsnadKit

@Suite("Text as a terminal is given it")
struct PrintableTextTests {
    @Test("line and paragraph separators, which some terminals break a line at, are shown as escapes; marks stay")
    func lineSeparators() {
        #expect(Text.printable("حماس\u{2028}Hamas\u{2029}end") == "حماس\\u{2028}Hamas\\u{2029}end")
        #expect(Text.printable("a\u{2028}b", keepingLineBreaks: true) == "a\\u{2028}b")
        // The Arabic letter mark and the directional marks change no order beyond their neighbours.
        #expect(Text.printable("\u{061C}حماس\u{200F}") == "\u{061C}حماس\u{200F}")
        #expect(Text.needsEscapeForTerminal("\u{2028}"))
        #expect(!Text.needsEscapeForTerminal("\u{061C}"))
    }

    @Test(
        "a file's name shows a tab, line feed or carriage return as an escape, not as a space; as a shell word it is spelled $'…', which reads back as the same name"
    )
    func controlsInFileNames() {
        #expect(Text.printableFileName("no\tsuch.jsonl") == "no\\u{9}such.jsonl")
        #expect(Text.printableFileName("a\nb\rc\u{1B}") == "a\\u{A}b\\u{D}c\\u{1B}")
        #expect(Text.printable("no\tsuch") == "no such")
        let name = "new\nline's\t\\x\u{1}.db"
        #expect(Text.shellWord(name) == #"$'new\nline\'s\t\\x\x01.db'"#)
        let line = ChangeDescription.commandLine(["--db", name, "import", "it's.jsonl"])
        #expect(HistoryMark.shellWords(line) == ["isnad", "--db", name, "import", "it's.jsonl"])
        #expect(HistoryMark.shellWords("isnad add --name $HOME") == ["isnad", "add", "--name", "$HOME"])
    }

    @Test("DEL, storable, is shown as an escape: the ASCII that passes unlooked-at ends at the tilde")
    func delete() {
        #expect(!Text.isPrintableASCII("a\u{7F}b"))
        #expect(Text.printable("a\u{7F}b") == "a\\u{7F}b")
        #expect(Text.isPrintableASCII(" ~"))
    }

    @Test(
        "a value of invisible characters alone is shown as JSON escapes that read back as the same text, a tag character as its surrogate pair"
    )
    func invisibleEscapes() throws {
        #expect(Text.invisibleEscaped("\u{200F}\u{200E}") == "\\u200f\\u200e")
        #expect(Text.invisibleEscaped("\u{E0001}") == "\\udb40\\udc01")
        #expect(Text.invisibleEscaped("a\u{200B}") == nil)
        #expect(Text.invisibleEscaped(" ") == nil)
        for text in ["\u{200F}\u{200E}", "\u{E0001}\u{200B}", "\u{2066}\u{2069}"] {
            var writer = JSONWriter()
            writer.shownString(text)
            #expect(try JSONParser.parse(String(decoding: writer.bytes, as: UTF8.self)) == .string(text))
        }
    }

    @Test(
        "a message quotes the start of a quote: 60 characters, and no more than 240 scalars of a letter carrying thousands of marks"
    )
    func excerpt() {
        #expect(Text.excerpt("short quote") == "short quote")
        #expect(Text.excerpt(String(repeating: "a", count: 60)) == String(repeating: "a", count: 60))
        #expect(Text.excerpt(String(repeating: "a", count: 61)) == String(repeating: "a", count: 60) + "…")
        let zalgo = "x" + String(repeating: "\u{0301}\u{0316}", count: 25_000) + " y"
        let shown = Text.excerpt(zalgo)
        #expect(shown.unicodeScalars.count == 241 && shown.hasSuffix("…"))
        #expect(Text.excerpt("قَتَلَ") == "قَتَلَ")
    }
}
