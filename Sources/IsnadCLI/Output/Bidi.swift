import IsnadKit

/// Text laid out for a terminal that may or may not reorder right-to-left text.
///
/// Arabic is printed in logical order, as every bidi-aware terminal expects. So that a
/// right-to-left text cannot pull the spaces and cells around it into its run (which would
/// swap columns), each such text — a table's cell, a name, a quote, a note, a description, a
/// title — is closed with LEFT-TO-RIGHT MARK, and each line that holds one starts with it, so
/// the line reads left to right. A text written right to left (its first letter with a
/// direction is Arabic, as a browser's `dir="auto"` tells it) also has RIGHT-TO-LEFT MARK at
/// both ends, inside the LRMs, whatever stands there: what has no direction of its own — a
/// `.`, a `!`, a `»`, a cut cell's `…`, an emoji, digits — stays in the right-to-left run, at
/// the end an Arabic reader reads it at, instead of joining the line's left-to-right order at
/// the other. A text written left to right that ends in Arabic letters has the RLM at its end
/// only. The marks take no cell. (Isolates, RLI … PDI, would also order Latin words inside an
/// Arabic sentence, but terminals that draw the marks right do not all know them, and some give
/// them a cell.)
enum Bidi {
    static let leftToRightMark = "\u{200E}"
    static let rightToLeftMark = "\u{200F}"

    /// The text held in its own direction inside a line held left to right (see ``Bidi``); text
    /// without right-to-left letters as it is. Give it printable text: the marks are added after.
    static func isolate(_ text: String) -> String {
        guard DisplayWidth.hasRightToLeft(text) else { return text }
        let ends = strongEnds(text)
        // Each RLM beside an LRM, which no text in the output makes: ``removingMarks(_:)`` knows
        // them from a mark stored in a name.
        // The closing RLM only for a text that is right to left: an English sentence that ends
        // in an Arabic word keeps its full stop and closing quote at its own (right) end.
        return (ends.first ? leftToRightMark + rightToLeftMark : "") + text
            + (ends.first ? rightToLeftMark : "") + leftToRightMark
    }

    /// Whether the first and the last letters with a direction of their own are right-to-left
    /// (digits, punctuation, spaces and emoji have none).
    private static func strongEnds(_ text: String) -> (first: Bool, last: Bool) {
        var first: Bool?
        var last = false
        for scalar in text.unicodeScalars {
            guard let direction = BidiText.strongDirection(of: scalar) else { continue }
            if first == nil { first = direction == .rightToLeft }
            last = direction == .rightToLeft
        }
        return (first ?? false, last)
    }

    static func line(_ text: String) -> String {
        DisplayWidth.hasRightToLeft(text) ? leftToRightMark + text : text
    }

    /// ``line(_:)`` for each line of the text.
    static func linesHeldLeftToRight(_ text: String) -> String {
        guard DisplayWidth.hasRightToLeft(text) else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0)) }.joined(separator: "\n")
    }

    /// A heading line that starts with an entity's name and id (`حماس (hamas) · organization`):
    /// the line and the name held left to right, so that the id and what follows stay after the
    /// name in a terminal that reorders right-to-left text. Made printable, the name within its
    /// limit (``Text/nameWithinLimit(_:)``).
    static func heading(naming entity: Entity, _ rest: String) -> String {
        line(isolate(Text.printable(Text.nameWithinLimit(entity.name))) + Text.printable(" (\(entity.id))" + rest))
    }

    /// The text without the marks, for standard output that is not a terminal (the marks take no
    /// cell: columns stay aligned): every LRM, and each RLM beside one (those ``isolate(_:)``
    /// adds); an RLM stored in a name, alone, stays.
    static func removingMarks(_ text: String) -> String {
        // By bytes (the marks are E2 80 8E and 8F in UTF-8, and E2 only ever starts a character): a
        // scalar at a time, this took a third of a small query's time.
        var text = text
        let stripped = text.withUTF8 { utf8 -> [UInt8]? in
            var kept: [UInt8] = []
            var hasMark = false
            var index = 0
            func isMark(_ at: Int, _ last: UInt8) -> Bool {
                at >= 0 && at + 2 < utf8.count && utf8[at] == 0xE2 && utf8[at + 1] == 0x80 && utf8[at + 2] == last
            }
            while index < utf8.count {
                if isMark(index, 0x8E) || (isMark(index, 0x8F) && (isMark(index - 3, 0x8E) || isMark(index + 3, 0x8E))) {
                    if !hasMark {
                        hasMark = true
                        kept.reserveCapacity(utf8.count)
                        kept.append(contentsOf: utf8[..<index])
                    }
                    index += 3
                    continue
                }
                if hasMark { kept.append(utf8[index]) }
                index += 1
            }
            return hasMark ? kept : nil
        }
        return stripped.map { String(decoding: $0, as: UTF8.self) } ?? text
    }
}
