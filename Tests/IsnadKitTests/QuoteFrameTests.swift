import Testing

@testable import IsnadKit

@Suite("Quotes framed once, names wrapped with their guillemets")
struct QuoteFrameTests {
    @Test(
        "a quote is framed unless it starts and ends with quotation marks of its own",
        arguments: [
            ("neutralisé par Barkhane", "«neutralisé par Barkhane»"),
            ("« neutralisé par Barkhane »", "« neutralisé par Barkhane »"),
            ("“nous frapperons”", "“nous frapperons”"), ("„so“", "„so“"), ("\"neutralised\"", "\"neutralised\""),
            // Its own marks around part of it only: the frame is still needed.
            ("« Abou Houzeifa », un de ses lieutenants", "«« Abou Houzeifa », un de ses lieutenants»"),
            ("«", "««»"),
            // Two quoted pieces, the first closed before the end: one quote of them, framed.
            ("« A » dit-il, « B »", "«« A » dit-il, « B »»"), ("\"a\" and \"b\"", "«\"a\" and \"b\"»"),
            ("«»", "«»"),
        ])
    func framed(_ quote: String, _ shown: String) {
        #expect(QuoteFrame.framed(quote) == shown)
    }

    @Test("a name is wrapped at spaces, never between a guillemet or French spaced punctuation and its word")
    func wrapped() {
        #expect(DOTWriter.wrapped("« Abou Houzeifa »", width: 16) == ["« Abou", "Houzeifa »"])
        // A unit longer than the width keeps its own line, whole.
        #expect(DOTWriter.wrapped("Opération « Barkhane » : bilan", width: 12) == ["Opération", "« Barkhane » :", "bilan"])
        #expect(DOTWriter.wrapped("Tombouctou", width: 16) == ["Tombouctou"])
    }
}
