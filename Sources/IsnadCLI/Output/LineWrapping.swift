/// A line too wide for the terminal, broken at spaces into lines that fit, each after the
/// line's own indentation and two spaces more: a wrapped claim or quote stays under the entry
/// it belongs to, where the terminal would have carried it on at the first column, mid-word.
///
/// A word is never cut (an id or a URL cut in two names nothing). One too wide to go on under the
/// line (a claim's `[id]` at 40 columns) starts a line of its own further out, where it fits:
/// whole within the width, where the terminal would have cut it. Only a word wider than the
/// terminal goes past the edge, from the first column, where the terminal cuts it least. Arabic
/// stays in order: a line held left to right (``Bidi``) keeps its
/// LEFT-TO-RIGHT MARK on each line it becomes, and a right-to-left text broken across lines is
/// closed at the end of one and opened again at the start of the next, as ``Bidi/isolate(_:)``
/// marks it, so that its punctuation keeps to its own side on both.
enum LineWrapping {
    /// The line as lines at most `width` cells wide where spaces allow; `continuationIndent`
    /// before each line after the first (by default the line's indentation and two spaces).
    static func wrap(_ line: String, width: Int, continuationIndent: String? = nil) -> [String] {
        guard DisplayWidth.of(line) > width else { return [line] }
        let isHeldLeftToRight = line.hasPrefix(Bidi.leftToRightMark)
        let afterMark = isHeldLeftToRight ? line.dropFirst() : Substring(line)
        let body = afterMark.drop { $0 == " " }
        let indent = String(afterMark[..<body.startIndex])
        let continuation = continuationIndent ?? indent + "  "
        let continuationWidth = DisplayWidth.of(continuation)

        var pieces: [Piece] = []
        var piece = Piece(lead: indent)
        var pieceWidth = DisplayWidth.of(indent)
        var index = body.startIndex
        while index < body.endIndex {
            let wordStart = body[index...].firstIndex { $0 != " " } ?? body.endIndex
            guard wordStart < body.endIndex else { break }
            let wordEnd = body[wordStart...].firstIndex(of: " ") ?? body.endIndex
            let gap = body[index..<wordStart]
            let word = String(body[wordStart..<wordEnd])
            let wordWidth = DisplayWidth.of(word)
            if !piece.text.isEmpty, pieceWidth + gap.count + wordWidth > width {
                pieces.append(piece)
                // A word too wide to go on under the line starts further out, where it fits: two
                // spaces in from the line's start, at its start, or at the first column (where
                // one wider than the terminal starts too).
                let leads = [indent.count + 2, indent.count, 0].filter { $0 < continuationWidth }
                if continuationWidth + wordWidth <= width {
                    piece = Piece(lead: continuation)
                } else {
                    piece = Piece(lead: DisplayWidth.spaces(leads.first { $0 + wordWidth <= width } ?? 0))
                }
                pieceWidth = DisplayWidth.of(piece.lead)
            } else if !piece.text.isEmpty {
                piece.text += gap
                pieceWidth += gap.count
            }
            piece.text += word
            pieceWidth += wordWidth
            index = wordEnd
        }
        pieces.append(piece)
        guard pieces.count > 1 else { return [line] }
        return heldInOrder(pieces, isHeldLeftToRight: isHeldLeftToRight)
    }

    /// One line a long line becomes: the spaces it starts with, and its words.
    private struct Piece {
        var lead: String
        var text = ""
    }

    /// The pieces of a line with the marks that held it in order (``Bidi``) carried onto each.
    private static func heldInOrder(_ pieces: [Piece], isHeldLeftToRight: Bool) -> [String] {
        let opening = Bidi.leftToRightMark + Bidi.rightToLeftMark
        let closing = Bidi.rightToLeftMark + Bidi.leftToRightMark
        var isInsideRightToLeft = false
        return pieces.map { piece in
            var text = piece.lead + (isInsideRightToLeft ? opening : "") + piece.text
            isInsideRightToLeft = endsInsideRightToLeft(piece.text, startingInside: isInsideRightToLeft)
            if isInsideRightToLeft { text += closing }
            return isHeldLeftToRight ? Bidi.leftToRightMark + text : text
        }
    }

    /// Whether a right-to-left text that ``Bidi/isolate(_:)`` opened (LRM, RLM) is still open at
    /// the end of `text` (its RLM, LRM not yet met).
    private static func endsInsideRightToLeft(_ text: String, startingInside: Bool) -> Bool {
        var isInside = startingInside
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if previous == "\u{200E}", scalar == "\u{200F}" { isInside = true }
            if previous == "\u{200F}", scalar == "\u{200E}" { isInside = false }
            previous = scalar
        }
        return isInside
    }
}
