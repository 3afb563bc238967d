// libFuzzer target: QuoteLocator, which finds a citation's quote in its source's text (`isnad add
// claim`, a claims sheet's rows, `isnad check`). The input is the quote, a byte 0x1F, and the
// text (without 0x1F: the quote is the first line, the text the rest).
//
// Checks: the lines found are lines of the text (1 ≤ first ≤ last ≤ its line count); a quote
// stands in itself and in a text that has it between two words (unless it starts with a mark a
// writer may leave out, which is never a quote's start); the locator written for the lines is one
// isWrittenByIsnad recognises; a locator that isUnverified is one line for the terminal or not —
// nothing more than no crash there.

import Foundation
import FuzzSupport

@testable import IsnadKit

/// Lines as QuoteLocator counts them: LF, CR LF, a lone CR, NEL, LS and PS.
func lineCount(_ text: String) -> Int {
    var count = 1
    var previous: Unicode.Scalar = " "
    for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
        switch scalar {
        case "\n": if previous != "\r" { count += 1 }
        case "\r", "\u{2028}", "\u{2029}", "\u{0085}": count += 1
        default: break
        }
        previous = scalar
    }
    return count
}

func checkQuote(_ bytes: [UInt8]) throws {
    let cut = bytes.firstIndex(of: 0x1F) ?? bytes.firstIndex(of: 0x0A) ?? bytes.count
    let quote = String(decoding: bytes[..<cut], as: UTF8.self)
    let text = String(decoding: bytes[min(cut + 1, bytes.count)...], as: UTF8.self)
    if let lines = QuoteLocator.lines(of: quote, in: text) {
        let count = lineCount(text)
        guard 1 <= lines.first, lines.first <= lines.last, lines.last <= count else {
            throw Finding("lines \(lines) of a text of \(count) lines, for \(quote.debugDescription) in \(text.debugDescription)")
        }
        let locator = QuoteLocator.locator(lines)
        guard QuoteLocator.isWrittenByIsnad(locator) else { throw Finding("\(locator) is not recognised as Isnad's own") }
    }
    // A quote stands in itself, and between two words.
    let folded = quote.precomposedStringWithCanonicalMapping.unicodeScalars.filter {
        !$0.properties.isWhitespace && $0 != "\u{0640}" && $0.properties.generalCategory != .format
    }
    guard let first = folded.first, !Text.isMark(first) else { return }
    guard QuoteLocator.lines(of: quote, in: quote) != nil else {
        throw Finding("the quote \(quote.debugDescription) is not found in itself")
    }
    guard QuoteLocator.lines(of: quote, in: "word " + quote + " word") != nil else {
        throw Finding("the quote \(quote.debugDescription) is not found in \"word \(quote) word\"")
    }
    _ = QuoteLocator.isUnverified(text)
}

fuzz { checkQuote }
