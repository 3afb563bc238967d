import Foundation
import IsnadKit
import Testing

/// `trimmingWhitespace` stands in for Foundation's `trimmingCharacters(in: .whitespacesAndNewlines)`
/// (whose first calls cost a cold process 0.7 million instructions): it must trim exactly what
/// Foundation trims.
@Suite("Trimming white space")
struct TrimmingTests {
    /// Every scalar Foundation counts as white space or a line break, and none other, in the planes people type.
    @Test func sameSetAsFoundation() {
        for value in UInt32(0)...0x3_0000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "\(scalar)x\(scalar)"
            #expect(
                text.trimmingWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines),
                "U+\(String(value, radix: 16, uppercase: true))")
        }
    }

    @Test(arguments: [
        "", " ", "\t\n\r ", "hamas", "  hamas  ", "\u{00A0}حماس\u{3000}", " \u{2028}حركة المقاومة\u{2029} ",
        " e\u{301} ", " \u{301}e", "\u{200B}x\u{FEFF}", "a b", "\r\n", "x\u{85}", "  \u{1680}\u{205F}",
    ])
    func sameTextAsFoundation(text: String) {
        #expect(text.trimmingWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text[...].trimmingWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
