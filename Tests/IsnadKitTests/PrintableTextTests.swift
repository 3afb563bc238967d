import Foundation
import IsnadKit
import Testing

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
}

@Suite("A citation's key")
struct CitationKeyTests {
    private func key(_ quote: String) -> Int64 {
        Citation(source: "s", quote: quote, stance: .asserts, credibility: .probablyTrue).key
    }

    @Test("a quote in composed or decomposed form is the same citation; other words are not")
    func canonicalForms() {
        // أ and إ, composed and as an alef with a hamza mark; é likewise; a Hangul syllable as jamo.
        for quote in ["أعلنت إسرائيل", "café", "한국", "عَلِمَ"] {
            #expect(key(quote) == key(quote.decomposedStringWithCanonicalMapping), "\(quote)")
        }
        #expect(key("اعلنت اسرائيل") != key("أعلنت إسرائيل"))
        #expect(key("cafe") != key("café"))
    }
}
